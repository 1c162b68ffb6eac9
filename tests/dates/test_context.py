"""What a normaliser sees: the sentence around a match and the dates told before it."""
import pytest

from briefing.dates.anchor import Anchor
from briefing.dates.context import Context

DCT = "2013-03-22"  # a Friday


def sentence(text: str, span: str) -> str:
    ctx = Context(text=text, anchor=Anchor.parse(DCT))
    start = text.index(span)
    lo, hi = ctx.sentence_bounds(start, start + len(span))
    return text[lo:hi].strip()


@pytest.mark.parametrize("text, span, expected", [
    ("It rained. Then it snowed on Monday. Then sun.", "Monday", "Then it snowed on Monday."),
    ("Gen. Smith left at 9 a.m. Monday. He returned.", "Monday", "Gen. Smith left at 9 a.m. Monday."),
    ("Talks failed; a vote came on Monday.", "Monday", "a vote came on Monday."),
    ("No. 10 said so on Monday.\nA second line.", "Monday", "No. 10 said so on Monday."),
])
def test_a_sentence_ends_where_a_new_one_begins(text, span, expected):
    assert sentence(text, span) == expected


def test_the_reference_is_the_last_date_told_else_the_anchor():
    ctx = Context(text="x" * 100, anchor=Anchor.parse(DCT))
    assert ctx.reference(50) == (Anchor.parse(DCT), None)
    ctx.previous.append((10, 15, "2013-03-19"))
    ctx.previous.append((20, 25, "PAST_REF"))  # no date to count from
    assert ctx.reference(50) == (Anchor.parse("2013-03-19"), "2013-03-19")


def test_lead_words_come_from_the_lexicon():
    ctx = Context(text="It happened on the 12th, or else the 12th.", anchor=Anchor.parse(DCT))
    assert ctx.led_by(ctx.text.index("the 12th"), "day_ordinal")
    assert not ctx.led_by(ctx.text.rindex("the 12th"), "day_ordinal")
