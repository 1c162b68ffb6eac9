"""What the event stage and the pipeline take from the tagger: event dates and publication dates."""
import pytest

from briefing.dates import event_date, infer_published
from briefing.models import DateMention


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
