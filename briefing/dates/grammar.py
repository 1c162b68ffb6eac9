"""The grammar of temporal expressions: named patterns, in groups, each read by a normaliser.

The rules are data (data/temporal_rules.yaml): a name and a regular expression in which {piece}
stands for a sub-pattern built here from the lexicon (data/temporal.yaml). The normaliser that
gives a match its TIMEX3 value is the function of named_dates, quarters, relative or durations
marked @reads with the rule's name. Rules are tried in the order of the file, which breaks
ties between candidates of the same span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.data import load
from briefing.dates import durations, named_dates, quarters, relative
from briefing.dates.context import Normaliser, Rule
from briefing.dates.vocabulary import alternation, lexicon, title_alternation
from briefing.read.literals import Guarded


@dataclass(frozen=True, slots=True)
class Pieces:
    """The sub-patterns the rules are made of: month and weekday names, numbers, units ..."""

    month_full: str
    month_any: str
    weekday: str
    daynum: str
    year: str
    number: str
    spoken_year: str
    quant: str
    unit: str
    unit_plural: str
    modifier: str
    position: str
    season: str
    part: str
    holiday: str
    tz: str
    ampm: str
    rel_day: str


def pieces() -> Pieces:
    """Build the sub-patterns from the lexicon."""
    lex = lexicon()
    month_full = title_alternation(lex.months) + r"|Sept\."
    month_any = title_alternation(lex.months) + "|" + "(?-i:" + alternation(a.title() for a in lex.abbreviations) + r")\.?"
    weekday = title_alternation(lex.weekdays)
    daynum = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,]\d|\d)"
    year = r"(?<![\d,.$€£#])(?:1[6-9]\d\d|20\d\d)(?!\d|,\d{3}|\.\d|\s*%|-(?:year|month|day|week|hour)|\s*(?-i:GMT|UTC)\b|\s*(?:hrs|hours)\b)"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    number = (
        rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?|(?:{tens})[\s-](?:{ones})|{alternation(lex.numbers)})"
    )
    vague = alternation(lex.vague_numbers)
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    below_100 = rf"(?:(?:{tens})(?:[\s-]+(?:{ones}))?|{teens})"
    # Years read aloud, as broadcast transcripts write them: "nineteen ninety-six", "two thousand and one".
    spoken_year = (
        rf"(?:nineteen[\s-]+(?:hundred|oh[\s-]+(?:{ones})|{below_100})|twenty[\s-]+(?:{below_100})|"
        rf"two\s+thousand(?:\s+and)?[\s-]+(?:{ones}|{below_100}))(?![\s-]+(?:{ones}|hundred|thousand|million|billion)\b)"
    )
    quant = rf"(?:{number}|{vague})"
    unit_words = [u for u in lex.units if u not in ("weekend",)]
    unit = rf"(?:{alternation(unit_words)}|centuries)"
    unit_plural = rf"(?:{alternation(u + 's' for u in unit_words)}|centuries)"
    modifier = alternation(lex.modifiers)
    position = alternation(lex.positions)
    season = alternation(lex.seasons)
    part = alternation(lex.parts_of_day)
    holiday = alternation(lex.holidays)
    tz = r"(?:local\s+time|(?-i:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK)|(?:Moscow|Kyiv|Kiev)\s+time)"
    ampm = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b)"
    rel_day = r"(?:today|yesterday|tomorrow|tonight)"
    return Pieces(month_full=month_full, month_any=month_any, weekday=weekday, daynum=daynum, year=year, number=number,
                  spoken_year=spoken_year, quant=quant, unit=unit, unit_plural=unit_plural, modifier=modifier,
                  position=position, season=season, part=part, holiday=holiday, tz=tz, ampm=ampm, rel_day=rel_day)


PIECE = re.compile(r"\{([a-z_]+)\}")


class GrammarError(ValueError):
    """data/temporal_rules.yaml names a rule no normaliser reads, or a piece that does not exist."""


def rule_table(p: Pieces) -> list[tuple[str, str, str]]:
    """(group, name, pattern) of every rule in data/temporal_rules.yaml, in order, its pieces filled in."""
    def fill(m: re.Match) -> str:
        if not hasattr(p, m[1]):
            raise GrammarError(f"temporal_rules.yaml: no piece named {{{m[1]}}}")
        return getattr(p, m[1])

    return [(group, name, PIECE.sub(fill, "".join(pattern) if isinstance(pattern, list) else pattern))
            for group, rules in load("temporal_rules.yaml").items() for name, pattern in rules.items()]


def normalisers() -> dict[str, Normaliser]:
    """The normaliser of each rule, by rule name: the functions the normaliser modules mark with @reads."""
    return {rule: function for module in (named_dates, quarters, relative, durations)
            for function in vars(module).values() for rule in getattr(function, "grammar_rules", ())}


@cache
def grammar() -> tuple[Rule, ...]:
    """Compile the rules of the grammar once."""
    read = normalisers()
    table = rule_table(pieces())
    if unread := [name for _, name, _ in table if name not in read]:
        raise GrammarError(f"temporal_rules.yaml: no normaliser reads {', '.join(unread)}")
    # A match is whole words: no letter, digit, currency sign or hyphen right before or after it.
    rules = []
    for _, name, pattern in table:
        guarded = Guarded.compile(rf"(?<![\w$€£-])(?:{pattern})(?![\w])", re.I)
        rules.append(Rule(name, guarded.pattern, read[name], guarded if guarded.literals is not None else None))
    return tuple(rules)
