"""Find the triggers of a sentence: the words that name a happening (data/events.yaml).

Verbal triggers ("struck", "were captured") and nominal ones ("a dawn attack", "a press briefing").
A nominal trigger after "the"/"this" refers to an event already told and makes no new one; a
participle that only describes a noun ("rockets fired from") and a denied happening are no triggers.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from briefing.data import load
from briefing.extract.clauses import Trigger
from briefing.read.literals import Guarded, Guards

INFINITIVE = re.compile(r"\bto\s+$", re.I)
DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+)?)$", re.I)


@dataclass(frozen=True, slots=True)
class Rules:
    patterns: tuple[tuple[str, bool, Guarded], ...]  # (type, verbal, pattern), in priority order
    order: tuple[str, ...]  # the types, in priority order
    definite_news: re.Pattern  # nominal triggers that tell a new thing after "the"
    appeal: re.Pattern  # a statement that is news on the day it is reported
    delivery: re.Pattern  # aid sent: a pledge kept, news on the day it is reported
    guards: Guards  # which of the patterns may match a sentence
    needs_text_date: frozenset[str]
    anaphora: re.Pattern
    vague_time: re.Pattern
    counting: re.Pattern  # a sentence that counts up to the time of writing
    embedded_post: re.Pattern  # a quoted social-media post
    not_speakers: frozenset[str]  # words that name no one by themselves (he, which, his)
    modal: re.Pattern
    background: re.Pattern
    anaphor_types: dict[str, str]
    attribution: tuple[re.Pattern, ...]
    negation: re.Pattern
    looking_ahead: re.Pattern
    reduced_relative_before: re.Pattern  # a plural noun that does not act: "rockets" in "rockets fired from"
    reduced_relative_after: re.Pattern


@cache
def rules() -> Rules:
    """Load the trigger rules once."""
    data = load("events.yaml")
    reduced = data["reduced_relative"]
    patterns = []
    for type_, kinds in data["types"].items():
        for kind in ("verbal", "nominal"):
            for pattern in kinds.get(kind) or ():
                patterns.append((type_, kind == "verbal", Guarded.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)))
    return Rules(
        patterns=tuple(patterns),
        order=tuple(data["types"]),
        definite_news=re.compile(data["definite_news"], re.I),
        appeal=re.compile(data["appeal"], re.I),
        delivery=re.compile(data["delivery"], re.I),
        guards=Guards.of(p for _, _, p in patterns),
        needs_text_date=frozenset(data["needs_text_date"]),
        anaphora=re.compile(data["anaphora"], re.I),
        vague_time=re.compile(data["vague_time"], re.I),
        counting=re.compile(data["counting"], re.I),
        embedded_post=re.compile(data["embedded_post"]),
        not_speakers=frozenset(data["not_speakers"]),
        modal=re.compile(data["modal"], re.I),
        background=re.compile(data["background"], re.I),
        anaphor_types=data["anaphor_types"],
        attribution=tuple(re.compile(p) for p in data["attribution"]),
        negation=re.compile(data["negation"], re.I),
        looking_ahead=re.compile(data["looking_ahead"], re.I),
        reduced_relative_before=re.compile(rf"\b(?!(?:{_words(reduced['not_plural'] + reduced['agents'])})\b)[a-z]{{3,}}s\s+$"),
        reduced_relative_after=re.compile(rf"\s+(?:{_words(reduced['after'])})\b", re.I),
    )


def _words(words: list[str]) -> str:
    """An alternation of literal words."""
    return "|".join(re.escape(w) for w in words)


@lru_cache(maxsize=4096)  # an article's sentences are read twice: to choose those to parse, then for their events
def find_triggers(text: str) -> tuple[Trigger, ...]:
    """Every trigger of a sentence, longest first where they overlap; verbal before nominal."""
    found = []
    r = rules()
    for i in r.guards.candidates(text):
        type_, verbal, pattern = r.patterns[i]
        for m in pattern.pattern.finditer(text):
            if (not verbal and DEFINITE.search(text, tail_start(text, m.start(), 2), m.start())
                    and not r.definite_news.match(m.group())):
                continue  # "the attack": an event already told
            if verbal and INFINITIVE.search(text, tail_start(text, m.start(), 1), m.start()):
                continue  # "its ability to hit back": no happening
            if verbal and _describes_noun(text, m.start(), m.end()):
                continue  # "two rockets fired from northern Gaza": describes the rockets
            if _denied(text, m.start()):
                continue  # "None of the missiles were intercepted"
            found.append(Trigger(m.start(), m.end(), type_, verbal))
    found.sort(key=lambda t: (-(t.end - t.start), not t.verbal))
    kept: list[Trigger] = []
    for trigger in found:
        if not any(trigger.start < k.end and k.start < trigger.end for k in kept):
            kept.append(trigger)
    return tuple(sorted(kept, key=lambda t: t.start))


def _describes_noun(text: str, start: int, end: int) -> bool:
    """Whether a participle is a reduced relative clause: "rockets fired from", not "troops pulled back from"."""
    return bool(rules().reduced_relative_before.search(text, tail_start(text, start, 1), start)
                and rules().reduced_relative_after.match(text, end))


# A pattern anchored at the end of what it searches ("the|this [word] $", "not ... $") spans at most a
# few words. Searched over the whole text before a position, each search reads the sentence from its
# start: in a sentence of 50 KB with thousands of triggers, time grows with the square of its length.
WORDS_OF_NEGATION = 7  # "failed to" and five words more


def tail_start(text: str, pos: int, words: int) -> int:
    """Where to begin a search of text[:pos] for a pattern that ends at pos and spans at most `words`
    whitespace-separated words: some way before the last `words` words, so that the search finds what
    it would in the whole of text[:pos] (`\b` included: a whitespace stands before them)."""
    width = 64
    while True:
        start = max(0, pos - width)
        if start == 0 or len(text[start:pos].split()) > words:
            return start
        width *= 4


@lru_cache(maxsize=64)
def _separators(text: str, marks: str) -> tuple[int, ...]:
    """The offsets of the marks in a text, in order (found once per sentence)."""
    return tuple(i for i, c in enumerate(text) if c in marks)


def last_mark(text: str, marks: str, pos: int, floor: int = 0) -> int:
    """text.rfind for any of the marks in text[floor:pos], -1 when none (by bisection, not by reading back)."""
    found = _separators(text, marks)
    i = bisect_left(found, pos) - 1
    return found[i] if i >= 0 and found[i] >= floor else -1


def next_mark(text: str, marks: str, pos: int) -> int:
    """text.find for any of the marks in text[pos:], -1 when none."""
    found = _separators(text, marks)
    i = bisect_left(found, pos)
    return found[i] if i < len(found) else -1


def clause_start(text: str, pos: int) -> int:
    """Where the clause around a position begins: after the last comma, semicolon, colon, bracket or dash."""
    return last_mark(text, ",;:(—–", pos) + 1


def _denied(text: str, start: int) -> bool:
    """Whether a negation stands a few words before a position, in the same clause."""
    lo = max(clause_start(text, start), tail_start(text, start, WORDS_OF_NEGATION))
    return rules().negation.search(text, lo, start) is not None
