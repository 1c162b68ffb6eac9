"""The tagger on whole texts: what it leaves alone, what it joins, and that it never fails (publication date Friday 22 March 2013)."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dates import tag, tag_document
from briefing.models import Document

DCT = "2013-03-22"  # a Friday


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        ("The hearing is set for the week of April 8.", "the week of April 8", "DATE", "2013-W15"),
        ("The day before last Tuesday's vote, he resigned.", "The day before last Tuesday", "DATE", "2013-03-18"),
    ],
)
def test_units_told_against_the_next_date(text, span, kind, value):
    """"the week of April 8", "the day before last Tuesday": one expression, valued from the date."""
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == [(span, kind, value)]


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
        "Security Council Resolution 1973 authorised a no-fly zone.",  # a thing's number, not a year
        "Flight 1549 landed on the river.",
        "For Poland, high noon has come.",                      # an idiom, not a clock time
        "He came first and last.",
        "The chip runs 15 million instructions per second.",    # a rate, not a recurrence
        "Cash came from Miami, a trickle that soon became a flood.",  # shortly after, in a past story
    ],
)
def test_not_dates(text):
    assert tag(text, DCT) == ()


def test_coordinated_days_are_two_dates_of_one_month():
    mentions = tag("The summit will be held on April 24 and 25, officials said.", DCT)
    assert [(m.text, m.value) for m in mentions] == [("April 24", "2013-04-24"), ("25", "2013-04-25")]


def test_seed_expressions_resolve_against_their_publication_dates(seeds):
    text = (seeds / "000_b279d1822da1bbd2.txt").read_text("utf-8")
    values = {(m.text, m.value) for m in tag(text, "2023-11-28")}
    assert {("October", "2023-10"), ("the weekend", "2023-W47-WE"), ("Saturday", "2023-11-25"),
            ("Tuesday", "2023-11-28"), ("Wednesday", "2023-11-29")} <= values


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
