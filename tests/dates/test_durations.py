"""Lengths of time, expressions counted back from now, and recurrences (publication date Friday 22 March 2013)."""
import pytest

from briefing.dates import tag

DCT = "2013-03-22"  # a Friday


@pytest.mark.parametrize(
    "text, span, kind, value",
    [
        ("He was elected two years ago.", "two years ago", "DATE", "2011"),
        ("The embassy reopened three days ago.", "three days ago", "DATE", "2013-03-19"),
        ("He picked the date a week or so ago.", "a week or so ago", "DATE", "2013-W11"),
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
        ("Islam will one day be the second religion here.", "one day", "DATE", "FUTURE_REF"),   # some day to come
        ("Talks lasted one day.", "one day", "DURATION", "P1D"),
    ],
)
def test_durations_ago_and_sets(text, span, kind, value):
    """Durations, "ago" and "earlier", and sets."""
    assert [(m.text, m.type, m.value) for m in tag(text, DCT)] == [(span, kind, value)]
