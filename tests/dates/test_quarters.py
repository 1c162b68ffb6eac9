"""Quarters, halves and fiscal years as business news tells them (publication date Friday 22 March 2013)."""
import pytest

from briefing.dates import tag

DCT = "2013-03-22"  # a Friday


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        ("Earnings fell in the third quarter.", "the third quarter", "DATE", "2012-Q3"),      # told in March: it has passed
        ("Earnings will fall in the third quarter.", "the third quarter", "DATE", "2013-Q3"),
        ("Net rose in this year's third quarter.", "this year's third quarter", "DATE", "2013-Q3"),
        ("The unit may be spun off in next year's first quarter.", "next year's first quarter", "DATE", "2014-Q1"),
        ("Net was $5 million in the year-ago third quarter.", "the year-ago third quarter", "DATE", "2012-Q3"),
        ("Growth slowed in the second half of 2012.", "the second half of 2012", "DATE", "2012-H2"),
        ("Losses will go on through the first two quarters of 2014.", "the first two quarters of 2014", "DATE", "2014-H1"),
        ("Earnings will be lower for the last half of 2013.", "the last half of 2013", "DATE", "2013-H2"),
        ("Growth slowed in Q3 2012.", "Q3 2012", "DATE", "2012-Q3"),
        ("Sales rose in H1 2012.", "H1 2012", "DATE", "2012-H1"),
        ("The budget for FY2014 is set.", "FY2014", "DATE", "2014"),
    ],
)
def test_business_periods(text, span, kind, value):
    """Quarters and halves, named, shorthand or relative to the one reported on."""
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == [(span, kind, value)]


def test_a_year_ago_is_the_quarter_reported_not_the_one_to_come():
    text = ("Net rose in the third quarter. The quake will result in a fourth-quarter charge. "
            "Profit fell in the latest quarter from $6 million a year ago.")
    assert [(m.text, m.value) for m in tag(text, "2013-11-02")] == [
        ("the third quarter", "2013-Q3"), ("fourth-quarter", "2013-Q4"),
        ("the latest quarter", "2013-Q3"), ("a year ago", "2012-Q3")]


def test_a_fiscal_quarter_reported_in_the_past_tense_is_the_one_reported_on():
    text = "The company reported a decline in fourth-quarter earnings. Sales in the latest period rose."
    assert [m.value for m in tag(text, "2013-11-02")] == ["2013-Q4", "2013-Q4"]


def test_the_quarter_ended_a_date_is_the_fiscal_quarter_just_named():
    text = ("Earnings rose in the fiscal first quarter. Sales for the quarter ended Sept. 30 rose from a year earlier. "
            "Net rose in the third quarter. For the quarter ended June 30, sales fell.")
    assert [(m.text, m.value) for m in tag(text, "2013-10-26") if "quarter" in m.text or "year" in m.text] == [
        ("the fiscal first quarter", "2013-Q1"), ("the quarter", "2013-Q1"), ("a year earlier", "2012-Q1"),
        ("the third quarter", "2013-Q3"), ("the quarter", "2013-Q2")]  # not fiscal: the calendar quarter of its end


@pytest.mark.parametrize("text, published, value", [
    ("AT&T announced a drop in profits for the fourth quarter.", "2013-01-26", "2012-Q4"),  # not begun, told as past
    ("The company said fourth-quarter profit will rise.", "2013-01-26", "2013-Q4"),       # a forecast
    ("The company said it sees third-quarter growth.", "2013-05-10", "2013-Q3"),          # last year's is long gone
])
def test_a_quarter_not_yet_begun_told_in_the_past_tense_is_last_year_s(text, published, value):
    assert [m.value for m in tag(text, published)] == [value]


@pytest.mark.parametrize("published, value", [("1900-01-10", "XXXX-Q1"), ("2100-02-01", "XXXX-Q1"), ("2024-03-10", "2023-Q1")])
def test_a_year_earlier_quarter_ended_29_february_without_a_year_that_has_it(published, value):
    """Near 1900 or 2100 no year has "Feb. 29": the quarter stays without a year (it raised ValueError)."""
    found = tag("Profit rose from the year-earlier quarter ended Feb. 29.", published)
    assert [(m.text, m.value) for m in found][0] == ("the year-earlier quarter", value)


def test_a_year_before_a_quarter_of_no_known_year_does_not_raise():
    text = "Profit rose to $5 million in the quarter ended Feb. 29, from $3 million a year earlier."
    assert [(m.text, m.value) for m in tag(text, "1900-01-10")][:2] == [("the quarter", "XXXX-Q1"), ("Feb. 29", "XXXX-02-29")]
