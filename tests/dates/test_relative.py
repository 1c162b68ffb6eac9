"""Expressions told against the publication date (Friday 22 March 2013) or the last date told."""
import pytest

from briefing.dates import tag

DCT = "2013-03-22"  # a Friday


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        # days relative to the publication date
        ("Prices fell yesterday.", "yesterday", "DATE", "2013-03-21"),
        ("The vote is tomorrow.", "tomorrow", "DATE", "2013-03-23"),
        ("The plant was hit today.", "today", "DATE", "2013-03-22"),
        ("Shelling continued tonight.", "tonight", "TIME", "2013-03-22TNI"),
        ("Sirens sounded last night.", "last night", "TIME", "2013-03-21TNI"),
        ("Troops crossed the river late Wednesday night.", "late Wednesday night", "TIME", "2013-03-20TNI"),
        # weeks, weekends, months, years
        ("Sales rose last week.", "last week", "DATE", "2013-W11"),
        ("The strike came over the weekend.", "the weekend", "DATE", "2013-W11-WE"),
        ("The deal closes next week.", "next week", "DATE", "2013-W13"),
        ("Exports rose last month.", "last month", "DATE", "2013-02"),
        ("Profit rose this year.", "this year", "DATE", "2013"),
        ("Profit fell last year.", "last year", "DATE", "2012"),
        ("Output rose earlier this year.", "earlier this year", "DATE", "2013"),
        ("The doctrine changed on the same day.", "the same day", "DATE", "2013-03-22"),
        ("Drones were launched overnight on the 12th.", "the 12th", "DATE", "2013-03-12"),     # a day of this month
        ("He left on the 25th.", "the 25th", "DATE", "2013-02-25"),                           # still to come: last month's
        ("Talks will resume on the 3rd.", "the 3rd", "DATE", "2013-04-03"),                    # gone by: next month's
        ("Drones hit Kyiv overnight into Sunday.", "Sunday", "DATE", "2013-03-17"),            # the day says which night
        ("He met the envoy last week after the vote.", "last week", "DATE", "2013-W11"),        # "after" opens a phrase
        ("Holders may buy shares at the then current price.", "then current", "DATE", "PAST_REF"),
        # clock times are anchored to their day
        ("The deadline is 9 a.m. Tuesday.", "9 a.m. Tuesday", "TIME", "2013-03-19T09:00"),
        ("The blast came at noon.", "noon", "TIME", "2013-03-22T12:00"),
        ("The father will leave at 4 in the morning.", "4 in the morning", "TIME", "2013-03-22T04:00"),
        ("Sirens sounded at 10 in the evening.", "10 in the evening", "TIME", "2013-03-22T22:00"),
        # parts of the day, on the day the sentence is about
        ("By mid-afternoon, the shelling had stopped.", "mid-afternoon", "TIME", "2013-03-22TAF"),
        ("In London at mid-afternoon yesterday, shares rose.", "mid-afternoon yesterday", "TIME", "2013-03-21TAF"),
        ("Buyers placed heavy orders in the morning.", "the morning", "TIME", "2013-03-22TMO"),
        ("Inflation is now 3%.", "now", "DATE", "PRESENT_REF"),
        ("Prices have risen recently.", "recently", "DATE", "PAST_REF"),
        ("More cuts are expected in the future.", "the future", "DATE", "FUTURE_REF"),
        ("The current system is old.", "current", "DATE", "PRESENT_REF"),
    ],
)
def test_relative_expressions(text, span, kind, value):
    """Days, weeks, weekdays, clock times and parts of the day against the anchor."""
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == [(span, kind, value)]


def test_clock_time_is_anchored_to_the_day_of_its_sentence():
    mentions = tag("The missiles were fired at 3:25 a.m. local time (7:25 p.m. ET) on Tuesday.", DCT)
    assert [(m.text, m.type, m.value) for m in mentions] == [
        ("3:25 a.m. local time", "TIME", "2013-03-19T03:25"),
        ("7:25 p.m. ET", "TIME", "2013-03-19T19:25"),
        ("Tuesday", "DATE", "2013-03-19"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("1935 GMT — Rescuers reached the village.", [("1935 GMT", "TIME", "2013-03-22T19:35")]),
    ("The convoy left at 0600 hrs on Tuesday.", [("0600", "TIME", "2013-03-19T06:00"), ("Tuesday", "DATE", "2013-03-19")]),
    ("The 1935 earthquake destroyed the town.", [("1935", "DATE", "1935")]),
])
def test_four_digits_before_a_time_zone_are_a_clock_never_a_year(text, expected):
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == expected


def test_the_day_before_beside_a_date_is_that_date():
    mentions = tag("He was last seen Nov. 3, the day before police issued a warrant. He left on Tuesday. "
                   "The day before, he had called.", DCT)
    assert [(m.text, m.value) for m in mentions] == [
        ("Nov. 3", "2012-11-03"), ("the day before", "2012-11-03"),  # the day before the warrant is Nov. 3
        ("Tuesday", "2013-03-19"), ("The day before", "2013-03-18")]  # the day before the day just told


def test_the_previous_weekday_is_counted_from_the_day_the_text_is_about():
    mentions = tag("The index closed at 2082 on Friday, down 4.5% from the previous Friday.", "2013-03-25")
    assert [m.value for m in mentions] == ["2013-03-22", "2013-03-15"]


def test_an_elliptical_last_takes_the_unit_of_this():
    mentions = tag("The dividend is twice as high this year as last, and sales this month and last were flat.", DCT)
    assert [(m.text, m.value) for m in mentions] == [
        ("this year", "2013"), ("last", "2012"), ("this month", "2013-03"), ("last", "2013-02")]


def test_the_next_morning_is_the_day_after_the_last_date_told():
    mentions = tag("He was arrested on Tuesday. He appeared in court the next morning.", DCT)
    assert [(m.text, m.type, m.value) for m in mentions] == [
        ("Tuesday", "DATE", "2013-03-19"), ("the next morning", "DATE", "2013-03-20")]


def test_relative_day_without_a_known_day_stays_unresolved():
    mentions = tag("The drone struck on Tuesday.", "2025-07")
    assert [(m.value, m.resolved) for m in mentions] == [("XXXX-XX-XX", False)]
