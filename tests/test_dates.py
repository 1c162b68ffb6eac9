"""The temporal tagger on sentences with a fixed publication date (Friday 22 March 2013)."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dates import event_date, infer_published, tag, tag_document
from briefing.models import Document

DCT = "2013-03-22"  # a Friday


def only(text: str, published: str | None = DCT):
    mentions = tag(text, published)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    return m.text, m.type, m.value


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        # weekdays: direction from tense; the publication weekday is that day
        ("The talks ended on Friday.", "Friday", "DATE", "2013-03-22"),
        ("Rebels attacked the town on Tuesday.", "Tuesday", "DATE", "2013-03-19"),
        ("The minister will join the meeting on Wednesday.", "Wednesday", "DATE", "2013-03-27"),
        ("Russia launched a dawn attack by 70 drones on Saturday.", "Saturday", "DATE", "2013-03-16"),
        ("The court must rule by Monday.", "Monday", "DATE", "2013-03-25"),
        ("They met last Tuesday.", "last Tuesday", "DATE", "2013-03-19"),
        ("A bomb went off next to the embassy on Tuesday.", "Tuesday", "DATE", "2013-03-19"),  # "next to" is a place
        ("Just ahead of the trip, the ministry on Sunday issued a warning.", "Sunday", "DATE", "2013-03-17"),
        ("The father would be travelling to the United States Monday.", "Monday", "DATE", "2013-03-25"),  # modal: nearest
        ("They meet next Friday.", "next Friday", "DATE", "2013-03-29"),
        ("Officials postponed until Tuesday any action on the case.", "Tuesday", "DATE", "2013-03-26"),  # moved later
        ("They said they did not plan to remove him on Monday.", "Monday", "DATE", "2013-03-25"),
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
        ("Earnings fell in the third quarter.", "the third quarter", "DATE", "2012-Q3"),      # told in March: it has passed
        ("Earnings will fall in the third quarter.", "the third quarter", "DATE", "2013-Q3"),
        ("Net rose in this year's third quarter.", "this year's third quarter", "DATE", "2013-Q3"),
        ("The unit may be spun off in next year's first quarter.", "next year's first quarter", "DATE", "2014-Q1"),
        ("Net was $5 million in the year-ago third quarter.", "the year-ago third quarter", "DATE", "2012-Q3"),
        ("Growth slowed in the second half of 2012.", "the second half of 2012", "DATE", "2012-H2"),
        ("He was elected two years ago.", "two years ago", "DATE", "2011"),
        ("The embassy reopened three days ago.", "three days ago", "DATE", "2013-03-19"),
        ("The doctrine changed on the same day.", "the same day", "DATE", "2013-03-22"),
        ("Fighting stopped on Christmas Day.", "Christmas Day", "DATE", "2012-12-25"),
        ("Protesters gathered as Easter week began.", "Easter week", "DATE", "2013-W13"),        # Easter: 31 March 2013
        ("Churches were shelled on Orthodox Easter 2012.", "Orthodox Easter 2012", "DATE", "2012-04-15"),
        ("Turnout on Election Day was low.", "Election Day", "DATE", "2012-11-06"),            # Tuesday after 1st Monday
        ("The March accession lets them vote.", "March", "DATE", "2013-03"),                   # a month before a noun
        ("Drones were launched overnight on the 12th.", "the 12th", "DATE", "2013-03-12"),     # a day of this month
        ("He left on the 25th.", "the 25th", "DATE", "2013-02-25"),                           # still to come: last month's
        ("Talks will resume on the 3rd.", "the 3rd", "DATE", "2013-04-03"),                    # gone by: next month's
        ("Drones hit Kyiv overnight into Sunday.", "Sunday", "DATE", "2013-03-17"),            # the day says which night
        ("He met the envoy last week after the vote.", "last week", "DATE", "2013-W11"),        # "after" opens a phrase
        ("He picked the date a week or so ago.", "a week or so ago", "DATE", "2013-W11"),
        ("Losses will go on through the first two quarters of 2014.", "the first two quarters of 2014", "DATE", "2014-H1"),
        ("Earnings will be lower for the last half of 2013.", "the last half of 2013", "DATE", "2013-H2"),
        ("Two helicopters crashed last February.", "last February", "DATE", "2012-02"),       # last month would be "last month"
        ("The hearing is set for the week of April 8.", "the week of April 8", "DATE", "2013-W15"),
        ("The day before last Tuesday's vote, he resigned.", "The day before last Tuesday", "DATE", "2013-03-18"),
        ("Prices hit that level in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE", "1994-WI"),
        ("Holders may buy shares at the then current price.", "then current", "DATE", "PAST_REF"),
        ("The deal was reached on 2013-02-01.", "2013-02-01", "DATE", "2013-02-01"),
        ("Officials met on 19/11/2012.", "19/11/2012", "DATE", "2012-11-19"),
        ("Growth slowed in Q3 2012.", "Q3 2012", "DATE", "2012-Q3"),
        ("Sales rose in H1 2012.", "H1 2012", "DATE", "2012-H1"),
        ("The budget for FY2014 is set.", "FY2014", "DATE", "2014"),
        # clock times are anchored to their day
        ("The deadline is 9 a.m. Tuesday.", "9 a.m. Tuesday", "TIME", "2013-03-19T09:00"),
        ("The blast came at noon.", "noon", "TIME", "2013-03-22T12:00"),
        ("The father will leave at 4 in the morning.", "4 in the morning", "TIME", "2013-03-22T04:00"),
        ("Sirens sounded at 10 in the evening.", "10 in the evening", "TIME", "2013-03-22T22:00"),
        # parts of the day, on the day the sentence is about
        ("By mid-afternoon, the shelling had stopped.", "mid-afternoon", "TIME", "2013-03-22TAF"),
        ("In London at mid-afternoon yesterday, shares rose.", "mid-afternoon yesterday", "TIME", "2013-03-21TAF"),
        ("Buyers placed heavy orders in the morning.", "the morning", "TIME", "2013-03-22TMO"),
        # durations
        ("The siege lasted a decade.", "a decade", "DURATION", "P10Y"),
        ("Talks went on for two days.", "two days", "DURATION", "P2D"),
        ("Talks dragged on for the past several months.", "the past several months", "DURATION", "PXM"),
        ("He spent 5 1/2 hours there.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("It is a two-year plan.", "two-year", "DURATION", "P2Y"),
        ("Sales fell in the first nine months.", "the first nine months", "DURATION", "P9M"),
        ("Nobody has spoken for weeks.", "weeks", "DURATION", "PXW"),
        ("They waited more than a year.", "more than a year", "DURATION", "P1Y"),
        ("Sales will grow over the next couple of years.", "the next couple of years", "DURATION", "P2Y"),
        # sets and vague references
        ("The paper is published daily.", "daily", "SET", "P1D"),
        ("Talks are held every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("Orangemen march each July.", "each July", "SET", "XXXX-07"),
        ("The feast falls every March 5th.", "every March 5th", "SET", "XXXX-03-05"),
        ("Inflation is now 3%.", "now", "DATE", "PRESENT_REF"),
        ("Prices have risen recently.", "recently", "DATE", "PAST_REF"),
        ("More cuts are expected in the future.", "the future", "DATE", "FUTURE_REF"),
        ("The current system is old.", "current", "DATE", "PRESENT_REF"),
        ("Islam will one day be the second religion here.", "one day", "DATE", "FUTURE_REF"),   # some day to come
        ("Talks lasted one day.", "one day", "DURATION", "P1D"),
    ],
)
def test_expressions(text, span, kind, value):
    assert only(text) == (span, kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "The US has provided over $40 billion in aid.",     # money
        "A wave of 35 drones hit the city.",                  # counts
        "Prices rose 12% in a day of trading." [:18],          # percentages
        "The 52-year-old mayor resigned.",                    # ages
        "The 40 years old bridge fell.",
        "You may go, said the officer.",                      # words that look like months
        "We will march on the capital.",
        "The sun rose over the plant.",
        "He fired a Kh-59 missile from a Tu-22M3 bomber.",    # model names
        "Over 2,000 attacks took place.",
        "Some two thousand five hundred troops landed.",      # numbers read aloud
        "Nineteen ninety-six ballots were spoiled.",
        "It was the 1,000th day of the war.",                 # ordinals
        "Two quarters of the budget went to defence."[4:],    # fractions
        "The quarterly dividend was cut.",                    # adjectives
        "The fall of the city shocked the world.",
        "Good evening from Havana.",                          # a greeting, not a time
        "He spoke on the morning show.",
        "The March on Rome began.",                           # a march, not a month
        "It was the 12th time the city was hit.",             # an ordinal, not a day
        "The 12th brigade held the line.",
        "The index closed at 2082.",                           # a level, not a year
        "For Poland, high noon has come.",                      # an idiom, not a clock time
        "He came first and last.",
        "The chip runs 15 million instructions per second.",    # a rate, not a recurrence
        "Cash came from Miami, a trickle that soon became a flood.",  # shortly after, in a past story
    ],
)
def test_not_dates(text):
    assert tag(text, DCT) == ()


def test_clock_time_is_anchored_to_the_day_of_its_sentence():
    mentions = tag("The missiles were fired at 3:25 a.m. local time (7:25 p.m. ET) on Tuesday.", DCT)
    assert [(m.text, m.type, m.value) for m in mentions] == [
        ("3:25 a.m. local time", "TIME", "2013-03-19T03:25"),
        ("7:25 p.m. ET", "TIME", "2013-03-19T19:25"),
        ("Tuesday", "DATE", "2013-03-19"),
    ]


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


def test_the_day_before_beside_a_date_is_that_date():
    mentions = tag("He was last seen Nov. 3, the day before police issued a warrant. He left on Tuesday. "
                   "The day before, he had called.", DCT)
    assert [(m.text, m.value) for m in mentions] == [
        ("Nov. 3", "2012-11-03"), ("the day before", "2012-11-03"),  # the day before the warrant is Nov. 3
        ("Tuesday", "2013-03-19"), ("The day before", "2013-03-18")]  # the day before the day just told


def test_the_previous_weekday_is_counted_from_the_day_the_text_is_about():
    mentions = tag("The index closed at 2082 on Friday, down 4.5% from the previous Friday.", "2013-03-25")
    assert [m.value for m in mentions] == ["2013-03-22", "2013-03-15"]


@pytest.mark.parametrize("text, published, value", [
    ("AT&T announced a drop in profits for the fourth quarter.", "2013-01-26", "2012-Q4"),  # not begun, told as past
    ("The company said fourth-quarter profit will rise.", "2013-01-26", "2013-Q4"),       # a forecast
    ("The company said it sees third-quarter growth.", "2013-05-10", "2013-Q3"),          # last year's is long gone
])
def test_a_quarter_not_yet_begun_told_in_the_past_tense_is_last_year_s(text, published, value):
    assert [m.value for m in tag(text, published)] == [value]


def test_an_elliptical_last_takes_the_unit_of_this():
    mentions = tag("The dividend is twice as high this year as last, and sales this month and last were flat.", DCT)
    assert [(m.text, m.value) for m in mentions] == [
        ("this year", "2013"), ("last", "2012"), ("this month", "2013-03"), ("last", "2013-02")]


def test_coordinated_days_are_two_dates_of_one_month():
    mentions = tag("The summit will be held on April 24 and 25, officials said.", DCT)
    assert [(m.text, m.value) for m in mentions] == [("April 24", "2013-04-24"), ("25", "2013-04-25")]


def test_the_next_morning_is_the_day_after_the_last_date_told():
    mentions = tag("He was arrested on Tuesday. He appeared in court the next morning.", DCT)
    assert [(m.text, m.type, m.value) for m in mentions] == [
        ("Tuesday", "DATE", "2013-03-19"), ("the next morning", "DATE", "2013-03-20")]


def test_relative_day_without_a_known_day_stays_unresolved():
    mentions = tag("The drone struck on Tuesday.", "2025-07")
    assert [(m.value, m.resolved) for m in mentions] == [("XXXX-XX-XX", False)]


def test_absolute_day_takes_the_year_of_a_partial_date():
    assert [m.value for m in tag("On July 1, the plant was attacked.", "2025-07")] == ["2025-07-01"]


def test_unknown_publication_date():
    values = [m.value for m in tag("Exports rose last month and will rise on March 3.", None)]
    assert values == ["XXXX-XX", "XXXX-03-03"]


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
    from briefing.models import DateMention

    when = event_date(DateMention(source="s", start=0, end=1, text="x", type="DATE", value=value))
    assert (when.date, when.precision) == (date, precision)


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "P2Y", "XXXX-XX-XX", "199"])
def test_vague_values_give_no_event_date(value):
    from briefing.models import DateMention

    assert event_date(DateMention(source="s", start=0, end=1, text="x", type="DATE", value=value)) is None


def test_seed_expressions_resolve_against_their_publication_dates(seeds):
    text = (seeds / "000_b279d1822da1bbd2.txt").read_text("utf-8")
    values = {(m.text, m.value) for m in tag(text, "2023-11-28")}
    assert {("October", "2023-10"), ("the weekend", "2023-W47-WE"), ("Saturday", "2023-11-25"),
            ("Tuesday", "2023-11-28"), ("Wednesday", "2023-11-29")} <= values


def test_dateline_inference():
    assert infer_published("Published: 4 March 2025\nDrones struck...") == "2025-03-04"
    assert infer_published("The summit of June 5, 2019 was long remembered by everyone who attended it.") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.sampled_from([DCT, "2025-07", "2024", None]))
def test_any_text_gives_spans_inside_it_and_never_raises(text, published):
    for m in tag(text, published):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


WORDS = ["on", "Tuesday", "last", "week", "May", "3", "2024", "the", "morning", "ago", "two", "years", "a.m.",
         "10:30", "since", "early", "December", "each", "day", "weekend", "quarter", "third", "-", ",", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_word_salad_of_temporal_words_never_raises(words):
    text = " ".join(words)
    for m in tag(text, DCT):
        assert text[m.start:m.end] == m.text


def test_a_wire_story_counts_days_from_its_dateline():
    text = "WASHINGTON, August 13 (Xinhua) --\n\nPresident Clinton said yesterday that the strikes would go on."
    doc = Document(source="w", path=Path("w.txt"), text=text, title="", published="1998-08-14", published_basis="sources_yaml")
    assert [(m.text, m.value) for m in tag_document(doc)] == [("August 13", "1998-08-13"), ("yesterday", "1998-08-12")]


@pytest.mark.parametrize("year, western, orthodox", [
    (2000, "2000-04-23", "2000-04-30"),
    (2024, "2024-03-31", "2024-05-05"),
    (2025, "2025-04-20", "2025-04-20"),
    (2026, "2026-04-05", "2026-04-12"),
])
def test_easter_dates(year, western, orthodox):
    values = [m.value for m in tag(f"Easter {year} and Orthodox Easter {year}", DCT)]
    assert values == [western, orthodox]
