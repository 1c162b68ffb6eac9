"""What the event stage and the pipeline take from the tagger: event dates and publication dates."""
import pytest

from briefing.dates import event_date, infer_published
from briefing.dates.event_dates import counted_to, elapsed, part_of
from briefing.models import DateMention, EventDate


@pytest.mark.parametrize(
    "value, date, precision",
    [
        ("2023-11-25", "2023-11-25", "day"),
        ("2024-11-19T03:25", "2024-11-19", "day"),
        ("2023-W47-WE", "2023-11-25/2023-11-26", "range"),
        ("2013-W11", "2013-03-11/2013-03-17", "week"),
        ("2024-10", "2024-10", "month"),
        ("2024-SU", "2024-06-01/2024-08-31", "range"),
        ("2012-WI", "2012-12-01/2013-02-28", "range"),
        ("1989-Q3", "1989-07-01/1989-09-30", "range"),
        ("2024", "2024", "year"),
        ("2019-H1", "2019-01-01/2019-06-30", "range"),
        ("2019-H2", "2019-07-01/2019-12-31", "range"),
    ],
)
def test_event_dates_keep_their_precision(value, date, precision):
    when = event_date(DateMention(source="s", start=0, end=1, text="x", type="DATE", value=value))
    assert (when.date, when.precision) == (date, precision)


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "P2Y", "XXXX-XX-XX", "199"])
def test_vague_values_give_no_event_date(value):
    assert event_date(DateMention(source="s", start=0, end=1, text="x", type="DATE", value=value)) is None


def test_dateline_inference():
    assert infer_published("Published: 4 March 2025\nDrones struck...") == "2025-03-04"
    assert infer_published("The summit of June 5, 2019 was long remembered by everyone who attended it.") is None


def _when(value: str, precision: str) -> EventDate:
    return EventDate(date=value, precision=precision, text="x", basis="text")


@pytest.mark.parametrize("value, published, expected", [
    ("P1W", "2024-02-25", "2024-02-18/2024-02-24"),
    ("P2M", "2024-03-31", "2024-01-31/2024-03-30"),  # two months before the 31st: January has one
    ("P1M", "2024-03-31", "2024-02-29/2024-03-30"),  # February has none: its last day
    ("P1Y", "2024-02-29", "2023-02-28/2024-02-28"),
    ("P5D", "2024-03-01", "2024-02-25/2024-02-29"),
])
def test_a_length_of_time_up_to_the_article_ends_the_day_before_it(value, published, expected):
    assert elapsed(value, published, "x").date == expected


def test_a_length_of_time_needs_a_day_of_writing_and_a_number():
    assert elapsed("P1W", "2024-02", "x") is None
    assert elapsed("PXW", "2024-02-25", "x") is None


@pytest.mark.parametrize("value, first, period, expected", [
    ("P7M", True, ("2019", "year"), "2019-01-01/2019-07-31"),
    ("P3M", False, ("2019", "year"), "2019-10-01/2019-12-31"),
    ("P10D", False, ("2024-02", "month"), "2024-02-20/2024-02-29"),
    ("P2W", True, ("2024-02", "month"), "2024-02-01/2024-02-14"),
    ("P14M", True, ("2019", "year"), "2019-01-01/2019-12-31"),  # no part runs past its period
])
def test_a_part_of_a_year_or_month(value, first, period, expected):
    assert part_of(value, first, _when(*period), "x").date == expected


def test_a_tally_counted_to_the_day_of_writing():
    assert counted_to(_when("2020-01", "month"), "2020-07-17", "x").date == "2020-01-01/2020-07-17"
    assert counted_to(_when("2021", "year"), "2020-07-17", "x") is None  # a start still to come
    assert counted_to(_when("2020-07-17", "day"), "2020-07-17", "x").date == "2020-07-17"
    assert counted_to(_when("2020-01", "month"), None, "x") is None
