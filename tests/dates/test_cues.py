"""Tense and direction: which way a weekday without a date is read (publication date Friday 22 March 2013)."""
import pytest

from briefing.dates import tag
from briefing.dates.anchor import Anchor
from briefing.dates.context import Context
from briefing.dates.cues import cue_words, direction

DCT = "2013-03-22"  # a Friday


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
    ],
)
def test_weekdays_take_their_direction_from_the_tense(text, span, kind, value):
    """A weekday is the one before or after publication as its clause looks back or ahead."""
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == [(span, kind, value)]


def tense(text: str, span: str, near: bool = False) -> str:
    start = text.index(span)
    return direction(Context(text=text, anchor=Anchor.parse(DCT)), start, start + len(span), near=near)


@pytest.mark.parametrize("text, span, expected", [
    ("The troops will arrive on Monday.", "Monday", "future"),
    ("The troops arrived on Monday.", "Monday", "past"),
    ("The troops could arrive on Monday.", "Monday", "modal"),
    ("The troops have arrived on Monday.", "Monday", "neutral"),         # a perfect says nothing of direction
    ("The troops on Monday.", "Monday", "neutral"),
    ("The bill must pass by Monday.", "Monday", "future"),                   # a deadline
    ("The vote was postponed until Monday.", "Monday", "future"),           # moved to a day to come
    ("He is next to the car on Monday.", "Monday", "neutral"),              # "next to" is a place
    ("They will vote. It rained on Monday.", "Monday", "past"),             # one sentence at a time
])
def test_direction_of_a_clause(text, span, expected):
    assert tense(text, span) == expected


def test_near_reading_ignores_far_and_weak_cues():
    text = "The offer, which the board reviewed at length with its many advisers, runs to May."
    assert tense(text, "May") == "past" and tense(text, "May", near=True) == "neutral"


def test_capitalised_ed_words_are_names_not_verbs():
    assert cue_words("The United States reported it") == ["the", "United", "states", "reported", "it"]
