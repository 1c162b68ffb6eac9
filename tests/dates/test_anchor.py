"""The anchor and the calendar arithmetic against it."""
import pytest

from briefing.dates import tag
from briefing.dates.anchor import Anchor, anchor_of_value, easter, shift, unknown

DCT = "2013-03-22"  # a Friday


def test_unknown_publication_date():
    values = [m.value for m in tag("Exports rose last month and will rise on March 3.", None)]
    assert values == ["XXXX-XX", "XXXX-03-03"]


@pytest.mark.parametrize("year, western, orthodox", [
    (2000, "2000-04-23", "2000-04-30"),
    (2024, "2024-03-31", "2024-05-05"),
    (2025, "2025-04-20", "2025-04-20"),
    (2026, "2026-04-05", "2026-04-12"),
])
def test_easter_dates(year, western, orthodox):
    values = [m.value for m in tag(f"Easter {year} and Orthodox Easter {year}", DCT)]
    assert values == [western, orthodox]


@pytest.mark.parametrize("published, year, month, day", [
    ("2013-03-22", 2013, 3, "2013-03-22"),
    ("2013-03-22T10:00:00", 2013, 3, "2013-03-22"),
    ("2025-07", 2025, 7, None),
    ("2024", 2024, None, None),
    ("", None, None, None),
    ("2013-02-30", None, None, None),  # no such day: unknown, not guessed
    ("soon", None, None, None),
])
def test_anchor_is_known_as_far_as_the_publication_date_goes(published, year, month, day):
    anchor = Anchor.parse(published)
    assert (anchor.year, anchor.month, anchor.day and anchor.day.isoformat()) == (year, month, day)


@pytest.mark.parametrize("unit, n, value", [
    ("D", -1, "2013-03-21"), ("W", -1, "2013-W11"), ("WE", 0, "2013-W12-WE"), ("M", -3, "2012-12"),
    ("Q", 1, "2013-Q2"), ("Y", -1, "2012"), ("DE", -1, "200"), ("CE", 0, "20"),
])
def test_shift_moves_whole_calendar_units(unit, n, value):
    assert shift(Anchor.parse(DCT), unit, n) == value


def test_shift_needs_an_anchor_fine_enough_for_its_unit():
    assert shift(Anchor.parse("2013-03"), "D", 1) is None and unknown("D") == "XXXX-XX-XX"
    assert shift(Anchor.parse("2013"), "M", 1) is None and unknown("M") == "XXXX-XX"
    assert shift(Anchor.parse("2013"), "Y", 1) == "2014"


@pytest.mark.parametrize("value, anchor", [
    ("2013-03-22T10:00", Anchor.parse("2013-03-22")),
    ("2013-03", Anchor(2013, 3)),
    ("2013-Q2", Anchor(2013, 4)),
    ("2013-W11", Anchor.parse("2013-03-11")),
    ("2013", Anchor(2013)),
    ("PAST_REF", None),
])
def test_a_date_told_becomes_the_anchor_of_the_next(value, anchor):
    assert anchor_of_value(value) == anchor


def test_western_easter_on_its_own():
    assert [easter(y).isoformat() for y in (2013, 2019)] == ["2013-03-31", "2019-04-21"]
