"""Dates named on the calendar, with and without their year (publication date Friday 22 March 2013)."""
import re
from datetime import date

import pytest

from briefing.dates import tag

DCT = "2013-03-22"  # a Friday


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        ("It was signed in July last year.", "July last year", "DATE", "2012-07"),
        # months and dates without a year
        ("Prices peaked in early December.", "early December", "DATE", "2012-12"),
        ("The raid in October caused damage.", "October", "DATE", "2012-10"),
        ("The president will leave office in January.", "January", "DATE", "2014-01"),
        ("The law takes effect on April 3.", "April 3", "DATE", "2013-04-03"),
        ("The ceasefire was signed on Jan. 14.", "Jan. 14", "DATE", "2013-01-14"),
        ("The 4 March 2025 talks failed.", "4 March 2025", "DATE", "2025-03-04"),
        ("It opened on Tuesday, Nov. 28, 2023.", "Tuesday, Nov. 28, 2023", "DATE", "2023-11-28"),
        ("Elections are due in May 2014.", "May 2014", "DATE", "2014-05"),
        ("The war began in 1989.", "1989", "DATE", "1989"),
        ("Then 2000 was a bad year for the firm.", "2000", "DATE", "2000"),
        # years read aloud, as broadcast transcripts write them
        ("Atlanta, nineteen ninety-six: a bomb blast.", "nineteen ninety-six", "DATE", "1996"),
        ("The plan was dropped in January nineteen ninety-seven.", "January nineteen ninety-seven", "DATE", "1997-01"),
        ("The goal is jobs for all by the year two thousand.", "the year two thousand", "DATE", "2000"),
        ("The treaty lapses in two thousand and fifteen.", "two thousand and fifteen", "DATE", "2015"),
        ("Deficits grew in fiscal 1989.", "fiscal 1989", "DATE", "1989"),
        ("Tensions rose in the 1990s.", "the 1990s", "DATE", "199"),
        ("The offensive began last summer.", "last summer", "DATE", "2012-SU"),
        ("Marchers pledged to join protests this summer.", "this summer", "DATE", "2013-SU"),
        ("Fighting stopped on Christmas Day.", "Christmas Day", "DATE", "2012-12-25"),
        ("Protesters gathered as Easter week began.", "Easter week", "DATE", "2013-W13"),        # Easter: 31 March 2013
        ("Churches were shelled on Orthodox Easter 2012.", "Orthodox Easter 2012", "DATE", "2012-04-15"),
        ("Turnout on Election Day was low.", "Election Day", "DATE", "2012-11-06"),            # Tuesday after 1st Monday
        ("The March accession lets them vote.", "March", "DATE", "2013-03"),                   # a month before a noun
        ("Two helicopters crashed last February.", "last February", "DATE", "2012-02"),       # last month would be "last month"
        ("Prices hit that level in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE", "1994-WI"),
        ("The deal was reached on 2013-02-01.", "2013-02-01", "DATE", "2013-02-01"),
        ("Officials met on 19/11/2012.", "19/11/2012", "DATE", "2012-11-19"),
    ],
)
def test_calendar_dates(text, span, kind, value):
    """Months, days, years, decades, seasons and holidays."""
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == [(span, kind, value)]


@pytest.mark.parametrize("text, value", [
    ("It happened on March 4th.", "2024-03-04"),                  # past verb: the March before
    ("The war entered its third year in February.", "2024-02"),
    ("The reduced dividend is payable Jan. 2.", "2025-01-02"),    # no past verb: the nearest
    ("Elections are due in March.", "2025-03"),
    ("The chairman stepped down from the board of the company in March.", "2024-03"),  # no cue: news looks back
    ("In January, the firm brought in a new chief.", "2024-01"),                         # an irregular past verb
    ("The offer, which had been due to expire, was extended to Dec. 7.", "2024-12-07"),  # next month, not a year ago
    ("The paper said in an editorial on Wednesday, Nov. 20:", "2024-11-20"),           # the year that fits the weekday
])
def test_months_without_year_from_late_in_the_year(text, value):
    assert [m.value for m in tag(text, "2024-11-19")] == [value]


def test_absolute_day_takes_the_year_of_a_partial_date():
    assert [m.value for m in tag("On July 1, the plant was attacked.", "2025-07")] == ["2025-07-01"]


@pytest.mark.parametrize("published, text, value", [
    ("1900-01-10", "Russia will launch an offensive on 29 February, officials warned.", "XXXX-02-29"),
    ("2100-01-10", "Talks were held on Monday, 29 February.", "XXXX-02-29"),   # no year near has the day
    ("2200-03-05", "The ceasefire ended on Feb. 29.", "XXXX-02-29"),
    ("2151", "The ceasefire ended on 29 February.", "XXXX-02-29"),            # only the year known, and it lacks the day
    ("2024", "The ceasefire ended on 29 February.", "2024-02-29"),
    ("2151-01-10", "Russia will launch an offensive on 29 February.", "2152-02-29"),  # the one leap year near
    ("2023-12-01", "Elections are due on 29 February.", "2024-02-29"),
])
def test_29_february_gets_a_leap_year_or_none(published, text, value):
    assert [m.value for m in tag(text, published)] == [value]


@pytest.mark.parametrize("year", [1899, 1900, 1901, 1904, 2099, 2100, 2101, 2150, 2151, 2200])
@pytest.mark.parametrize("phrase", ["on 29 February", "on Monday, 29 February", "at 3 p.m. on Feb. 29"])
def test_no_anchor_gives_an_impossible_day(year, phrase):
    """Whatever the year of the anchor, a day resolved from "29 February" is on the calendar."""
    for anchor in (f"{year}", f"{year}-01-10", f"{year}-02", f"{year}-12-31"):
        mentions = tag(f"Fighting stopped {phrase}, officials said.", anchor)
        assert any("29" in m.text for m in mentions), (phrase, anchor)  # the day is tagged, whatever its value
        for m in mentions:
            if m.resolved and re.match(r"\d{4}-\d{2}-\d{2}", m.value):
                date.fromisoformat(m.value[:10])
