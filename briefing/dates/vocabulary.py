"""The vocabulary of the temporal grammar: the Lexicon read once from data/temporal.yaml, and how
patterns are made of its words."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from briefing.data import load


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Words of the temporal grammar, read from data/temporal.yaml."""

    months: dict[str, int]
    abbreviations: dict[str, int]
    ambiguous_months: frozenset[str]
    month_lead_words: frozenset[str]
    function_words: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, dict]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    modifiers: dict[str, str | None]
    positions: dict[str, str]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    perfect_cues: frozenset[str]
    modal_cues: frozenset[str]
    deadline_cues: frozenset[str]
    postpone_cues: frozenset[str]
    future_phrases: tuple[tuple[str, ...], ...]
    holidays: dict[str, str]
    sentence_abbreviations: tuple[str, ...]  # a full stop after these ends no sentence
    not_plural: frozenset[str]  # words ending in -s that are not plural nouns
    lead_words: dict[str, frozenset[str]]  # per rule: the words that must come right before a match
    references: dict[str, str]  # "now", "recently", "the near future" ...: PRESENT_REF, PAST_REF, FUTURE_REF
    day_offsets: dict[str, int]  # "yesterday": -1 ...
    set_adverbs: dict[str, str]  # "weekly": P1W ...
    part_of_day_names: tuple[str, ...]  # "the morning show"
    ordinal_counts: tuple[str, ...]  # "the 12th century"


class LexiconError(ValueError):
    """A word list of data/temporal.yaml holds something that is not a word."""


def words(data: dict, *path: str) -> tuple[str, ...]:
    """The word list at `path` in the data; fails on anything that is not a string, such as the
    boolean YAML makes of an unquoted on, off, yes or no."""
    found = data
    for key in path:
        found = found[key]
    bad = [w for w in found if not isinstance(w, str)]
    if bad:
        raise LexiconError(f"temporal.yaml: {'.'.join(path)} holds {bad!r}, not words (quote on, off, yes and no)")
    return tuple(found)


@cache
def lexicon() -> Lexicon:
    """Load the temporal lexicon once."""
    data = load("temporal.yaml")
    return Lexicon(
        months=data["months"],
        abbreviations=data["month_abbreviations"],
        ambiguous_months=frozenset(words(data, "ambiguous_months")),
        month_lead_words=frozenset(words(data, "month_lead_words")),
        function_words=frozenset(words(data, "function_words")),
        weekdays=data["weekdays"],
        numbers={str(k): float(v) for k, v in data["numbers"].items()},
        vague_numbers=words(data, "vague_numbers"),
        ordinals={str(k): v for k, v in data["ordinals"].items()},
        units=data["units"],
        seasons=data["seasons"],
        parts_of_day=data["parts_of_day"],
        modifiers=data["modifiers"],
        positions=data["positions"],
        future_cues=frozenset(words(data, "cues", "future")),
        past_cues=frozenset(words(data, "cues", "past")),
        perfect_cues=frozenset(words(data, "cues", "present_perfect")),
        modal_cues=frozenset(words(data, "cues", "modal")),
        deadline_cues=frozenset(words(data, "cues", "deadline")),
        postpone_cues=frozenset(words(data, "cues", "postpone")),
        future_phrases=tuple(tuple(p.split()) for p in words(data, "cues", "future_phrases")),
        holidays={str(k): str(v) for k, v in data["holidays"].items()},
        sentence_abbreviations=words(data, "sentence_abbreviations"),
        not_plural=frozenset(words(data, "not_plural")),
        lead_words={rule: frozenset(words(data, "lead_words", rule)) for rule in data["lead_words"]},
        references=dict(zip(words(data, "references"), data["references"].values())),
        day_offsets=dict(zip(words(data, "day_offsets"), data["day_offsets"].values())),
        set_adverbs=dict(zip(words(data, "set_adverbs"), data["set_adverbs"].values())),
        part_of_day_names=words(data, "part_of_day_names"),
        ordinal_counts=words(data, "ordinal_counts"),
    )


def alternation(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first, spaces matching any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def title_alternation(words: Iterable[str]) -> str:
    """Case-sensitive alternation of Title and UPPER forms."""
    return "(?-i:" + alternation([w.title() for w in words] + [w.upper() for w in words]) + ")"
