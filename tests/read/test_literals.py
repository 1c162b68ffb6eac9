import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.extract.gazetteer import Names
from briefing.read.literals import FOLDS_TO_ASCII, Guarded, Guards, first_characters, required


def test_the_characters_that_fold_to_ascii_are_all_listed():
    ascii_ = re.compile(r"[\x00-\x7f]", re.I)
    folding = {chr(c) for c in range(0x80, sys.maxunicode + 1) if ascii_.fullmatch(chr(c))}
    assert folding and all(FOLDS_TO_ASCII.fullmatch(c) for c in folding)


@pytest.mark.parametrize("pattern, flags, literals", [
    (r"(?<![\w-])(?:Libya)(?![\w-])", 0, ("Libya",)),
    (r"launched\s+(?:\w+\s+){0,4}(?:missiles?|drones?)", re.I, ("launched",)),
    (r"(?:drone|missile)\s+hits?", re.I, ("drone", "missile")),
    (r"Russia[’']s\s+Defen[cs]e\s+Ministry", 0, ("Ministry",)),
    (r"\bUS\b|United\s+States", 0, ("US", "United")),
    (r"\w+ed\s+by", 0, ("ed",)),
    (r"[A-Z]\w+", 0, None),
    (r"(?:a|b)?x", 0, ("x",)),
])
def test_required_literals(pattern, flags, literals):
    assert required(pattern, flags) == literals


@pytest.mark.parametrize("pattern, flags, first", [
    (r"(?<![\w-])(?:Libya)(?![\w-])", 0, r"\U0000004c"),
    (r"\bUS\b|U\.S\.", 0, r"\U00000055\U00000055"),
    (r"(?:a|b)?x", 0, r"\U00000061\U00000062\U00000078"),
    (r"[0-9]+\s*days?", re.I, r"\U00000030-\U00000039"),
    (r"\d{1,2}(?:st|nd)", 0, r"\d"),
    (r"(?:a|b)?", 0, None),  # a match may be empty
    (r"x*y?", 0, None),
    (r".x", 0, None),  # any character
    (r"[^a]x", 0, None),  # a negated class
    (r"(a)\1", 0, r"\U00000061"),
    (r"(?i:a)b", 0, None),  # the group folds case, a class outside it would not
])
def test_first_characters(pattern, flags, first):
    assert first_characters(pattern, flags) == first


WORDS = ["Libya", "libya", "LIBYA", "struck", "STRUCK", "ſtruck", "Kyiv", "fired", "-", " ", ",", "’s", "drone", "Drones",
         "strikes", "the", "US", "U.S.", "İ", "K", "k"]
PATTERNS = [r"(?<![\w-])(?:struck|strikes?)(?![\w-])", r"(?<![\w-])Libya(?![\w-])", r"\bUS\b|U\.S\.", r"drones?\s+strikes",
            r"(?:fired|Kyiv)’s", r"k\w*", r"(?-i:K)yiv|\d+\s*drones?|(?:\W|_)s", r"(?<!\w)(?:[st]\w+|,\s?)+"]


@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(PATTERNS), st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_guarded_pattern_finds_what_the_pattern_finds(words, pattern, ignore_case):
    text = " ".join(words)
    flags = re.I if ignore_case else 0
    guarded = Guarded.compile(pattern, flags)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in re.finditer(pattern, text, flags)]
    guards = Guards.of([Guarded.compile(p, flags) for p in PATTERNS])
    candidates = guards.candidates(text)
    assert all(i in candidates for i, p in enumerate(PATTERNS) if re.search(p, text, flags))


NAMES = ["Misrata", "Ras Lanuf", "Ras", "Al-Bayda", "Bayda", "Tripoli", "Sirte", "Zawiya"]


@given(st.lists(st.sampled_from(NAMES + ["-", " ", "in", "Lanuf", "s", ",", "é", "_"]), max_size=14),
       st.sampled_from(["", " ", "-"]))
@settings(max_examples=300, deadline=None)
def test_names_are_found_as_the_alternation_of_the_names_finds_them(words, glue):
    text = glue.join(words)
    alternation = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(NAMES, key=len, reverse=True))) + r")(?![\w-])")
    assert list(Names.of(NAMES).finditer(text)) == [(m.start(), m.end(), m.group(0)) for m in alternation.finditer(text)]
