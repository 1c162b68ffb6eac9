"""What a rule's normaliser may look at while a text is tagged: the text and its sentences, the
anchor, and the dates told so far."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from briefing.dates.anchor import Anchor, anchor_of_value
from briefing.dates.vocabulary import lexicon
from briefing.read.literals import Guarded

WORD = re.compile(r"[A-Za-z’']+")
Result = tuple[str, str, str | None] | None  # (type, value, mod) or None to reject
Normaliser = Callable[[re.Match, "Context"], Result]


def reads(*rules: str) -> Callable[[Normaliser], Normaliser]:
    """Mark a function as the normaliser of the named rules of data/temporal_rules.yaml."""
    def mark(normaliser: Normaliser) -> Normaliser:
        normaliser.grammar_rules = rules
        return normaliser
    return mark


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar and the function that gives a match its TIMEX3 value."""

    name: str
    pattern: re.Pattern
    normalise: Normaliser
    literals: Guarded | None = None  # the pattern with the words its every match holds, when known

    def may_match(self, text: str, lowered: str) -> bool:
        """False only when the pattern cannot match the text (`lowered`: text.lower())."""
        return self.literals is None or self.literals.may_match(text, lowered)


@cache
def sentence_boundary() -> re.Pattern:
    """A sentence ends at . ! ? before white space and a capital (not after "a.m." or "Gen."), at a
    line break, or at a semicolon."""
    # The look-ahead first: the look-behinds are tried only at a full stop, not at every character.
    return re.compile(
        r"(?=[.!?])" + "".join(rf"(?<!\b{re.escape(a)})" for a in lexicon().sentence_abbreviations)
        + r"(?<!\b[A-Z])[.!?][\"”’)']*\s+(?=(?:[\"“(‘]|``)?[A-Z0-9])|\n|;"
    )


@dataclass(slots=True)
class Context:
    """What a rule's normaliser may look at: the text, the anchor, and what came before."""

    text: str
    anchor: Anchor
    day_rules: tuple[Rule, ...] = ()  # the grammar's rules that name a day, for a clock time to find its own
    previous: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, value) of DATEs so far
    quarters: list[tuple[int, str]] = field(default_factory=list)  # quarters the text states, not shifted ones
    boundaries: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.boundaries = [m.end() for m in sentence_boundary().finditer(self.text)]

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or clause after a semicolon) around a span."""
        i = bisect.bisect_right(self.boundaries, start)
        left = self.boundaries[i - 1] if i else 0
        j = bisect.bisect_left(self.boundaries, end)
        right = self.boundaries[j] if j < len(self.boundaries) else len(self.text)
        return left, right

    def reference(self, start: int, *, same_sentence: bool = False) -> tuple[Anchor, str | None]:
        """The last date mentioned before `start` (optionally in the same sentence), else the anchor."""
        lo = self.sentence_bounds(start, start)[0] if same_sentence else 0
        for pos, _, value in reversed(self.previous):
            if pos < lo:
                break
            if (ref := anchor_of_value(value)) is not None:
                return ref, value
        return self.anchor, None

    def words_before(self, start: int, chars: int) -> list[str]:
        """The lower-case words of the `chars` characters before `start`."""
        return WORD.findall(self.text[max(0, start - chars):start].lower())

    def led_by(self, start: int, rule: str, chars: int = 12) -> bool:
        """Whether the word right before `start` is one of the lead words of `rule` (data/temporal.yaml)."""
        before = self.words_before(start, chars)
        return bool(before) and before[-1] in lexicon().lead_words[rule]
