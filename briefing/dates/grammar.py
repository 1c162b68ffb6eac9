"""The grammar of temporal expressions: named patterns, in groups, each read by a normaliser.

A rule is a name and a regular expression built from the lexicon (data/temporal.yaml); the
normaliser that gives a match its TIMEX3 value is the one the modules named_dates, quarters,
relative and durations register under that name. Rules are tried in the order listed here,
which breaks ties between candidates of the same span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.dates import durations, named_dates, quarters, relative
from briefing.dates.context import Normaliser, Rule
from briefing.dates.lexicon import alternation, lexicon, title_alternation


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
    year = r"(?<![\d,.$€£#])(?:1[6-9]\d\d|20\d\d)(?!\d|,\d{3}|\.\d|\s*%|-(?:year|month|day|week|hour))"
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


def _numeric_dates(p: Pieces) -> list[tuple[str, str]]:
    """Dates written in figures, and business shorthands: 2013-03-22, 3/22/2013, Q3 2024, FY2024."""
    return [
        ("iso_date", r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
        ("slash_date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d|\d\d)"),
        # day first when the first number cannot be a month: 19/11/2024, 19.11.2024
        ("day_first_date", r"(?P<d>1[3-9]|2\d|3[01])[/.](?P<m>1[0-2]|0?[1-9])[/.](?P<y>(?:19|20)\d\d)"),
        ("short_period", rf"(?:(?P<k>Q[1-4]|H[12])\s*(?P<y>{p.year})|(?P<y2>{p.year})[\s-]*(?P<k2>Q[1-4]|H[12])|FY\s?(?P<fy>(?:19|20)?\d\d))"),
    ]


def _calendar_dates(p: Pieces) -> list[tuple[str, str]]:
    """Dates named on the calendar: March 22, 22 March 2013, May 2014, March, 1989, the 1990s, last summer."""
    return [
        (
            "month_day",
            rf"(?:(?P<wd>{p.weekday}),?\s+)?(?P<mon>{p.month_any})\s+(?P<d>{p.daynum})(?:,?\s+(?P<y>{p.year}))?",
        ),
        (
            "day_month",
            rf"(?:(?P<wd>{p.weekday}),?\s+)?(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)\s+of\s))?(?P<d>{p.daynum})(?:\s+of)?\s+(?P<mon>{p.month_any})(?:,?\s+(?P<y>{p.year}))?",
        ),
        (
            "month_year",
            rf"(?:(?P<pos>{p.position})[\s-]*)?(?P<mon>{p.month_any}),?\s+(?:of\s+)?(?:(?P<y>{p.year})|(?P<ry>this|last|next)\s+year|(?P<sy>{p.spoken_year}))",
        ),
        (
            "month",
            rf"(?:(?P<rel>this|last|next|past|coming|previous)\s+|(?P<pos>{p.position})[\s-]*)?(?P<mon>{p.month_full})",
        ),
        (
            "year",
            rf"(?:(?P<pos>{p.position})[\s-]*|(?P<fiscal>fiscal|calendar|(?:the\s+)?(?:fiscal\s+)?year)\s+)?(?P<y>{p.year})"
            r"(?P<fy>\s+fiscal\s+year)?",
        ),
        ("spoken_year", rf"(?:the\s+year\s+)?(?P<sy>{p.spoken_year})|the\s+year\s+(?P<sy2>two\s+thousand)"),
        ("decade", r"(?:the\s+)?(?:(?P<pos>early|late|mid)[\s-]*)?(?P<y>(?:1[6-9]|20)\d0|’\d0|'\d0)’?'?s"),
        ("century", r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century"),
        (
            "season",
            rf"(?:(?P<rel>this|last|next|past|coming|previous|the)\s+|(?P<pos>{p.position})[\s-]*)?(?P<s>{p.season})"
            rf"(?:\s+(?:of\s+)?(?:(?P<y>{p.year})|(?P<sy>{p.spoken_year})))?",
        ),
    ]


def _business_periods(p: Pieces) -> list[tuple[str, str]]:
    """Quarters, halves and fiscal years: the third quarter, a year earlier, the fiscal year, the first half of 2012."""
    return [
        (
            "quarter",
            rf"(?:the\s+|(?P<ry>this|last|next)\s+year['’]s\s+)?(?:(?P<ya>year[\s-]earlier|year[\s-]ago|same)\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|"
            rf"final|last|latest|current|this|next|previous|recent|past|fiscal)[\s-]+)?(?:fiscal[\s-]+)?(?:(?P<y0>{p.year})\s+)?"
            rf"(?:(?P<ord2>first|second|third|fourth)[\s-]+)?(?P<q>quarter|period)(?:\s+of\s+(?:fiscal\s+)?(?P<y>{p.year})|,?\s+(?P<y2>{p.year})|(?P<ya2>\s+a\s+year\s+(?:ago|earlier)))?",
        ),
        ("year_earlier", r"(?:the\s+)?year[\s-](?:earlier|ago)"),
        ("whole_year", r"the\s+(?:(?P<rel>current|latest|last|previous|past|next|coming)\s+)?(?:fiscal|full|calendar)\s+year"),
        ("year_end", r"(?:the\s+end\s+of\s+the\s+year|(?:the\s+)?year(?:[\s-]end|['’]s\s+end))"),
        (
            "half",
            rf"(?:the\s+)?(?:(?P<h>first|second|last)\s+half|(?P<q2>first|last)\s+two\s+quarters)\s+of\s+(?:(?P<y>{p.year})|(?P<rel>this|last|next|the)\s+year)",
        ),
    ]


def _relative_dates(p: Pieces) -> list[tuple[str, str]]:
    """Words told against the anchor or the last date: now, recently, last week, the next day, two years ago."""
    return [
        (
            "named",
            r"(?P<w>today|tonight|yesterday|tomorrow|now|currently|nowadays|recently|lately|"
            r"the\s+present|present|the\s+past|the\s+future|soon|(?:then\s+)?current|these\s+days|the\s+moment|"
            r"the\s+near\s+future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|a\s+later\s+date|past\s+years|"
            r"at\s+the\s+moment|overnight)",
        ),
        (
            "relative_unit",
            rf"(?:(?P<pos>{p.position})[\s-]*)?(?P<rel>this|last|next|past|previous|coming|following|current|same|"
            rf"the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+following|the\s+current|the\s+same|the\s+next|"
            rf"the\s+preceding|(?P<bare>the|that))\s+(?P<u>week|weekend|month|year|quarter|decade|century|day|night|"
            rf"(?P<wd>{p.weekday})|(?P<s>{p.season}))(?(bare)(?P<tail>\s+(?:before|after|earlier|later))?)",
        ),
        (
            "ago",
            rf"(?:(?P<mod>{p.modifier})\s+)?(?P<q>{p.quant})[\s-]+(?P<u>{p.unit}|{p.unit_plural})(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|"
            r"after|from\s+now|hence|back|previously)",
        ),
    ]


def _durations_and_sets(p: Pieces) -> list[tuple[str, str]]:
    """Lengths of time and recurrences: two days, the past several months, weeks, daily, every Monday, twice a year."""
    return [
        (
            "duration",
            rf"(?:(?P<mod>{p.modifier})\s+)?(?:(?P<ctx>the\s+(?:past|last|next|first|coming|previous|following|final|"
            rf"remaining|latest|initial|preceding|same|entire|whole|full)|the|another|each\s+of\s+the\s+(?:past|last))\s+)?"
            rf"(?P<q>{p.quant})[\s-]+(?:(?:more|additional|full|straight|consecutive|long|short|other|trading|business|working|calendar)[\s-]+)?"
            rf"(?P<u>{p.unit}|{p.unit_plural})(?P<long>[\s-]long)?",
        ),
        (
            "vague_duration",
            rf"(?:(?P<ctx>the\s+(?:past|last|next|coming|previous|following)|recent|coming|the)\s+)?(?P<u>{p.unit_plural})"
            r"(?P<ahead>\s+ahead)?",
        ),
        ("set_adverb", r"(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|semiannually)"),
        (
            "set_every",
            rf"(?P<e>every|each|per)\s+(?:other\s+)?(?:(?P<q>{p.number})\s+)?(?P<u>{p.unit}|{p.unit_plural}|(?P<wd>{p.weekday})|"
            rf"(?P<s>{p.season})|(?P<mon>{p.month_full})(?:\s+(?P<d>{p.daynum}))?|morning|afternoon|evening|night)",
        ),
        ("set_times", rf"(?P<f>once|twice|(?:{p.number})\s+times)\s+(?:a|an|per|each|every)\s+(?P<u>{p.unit})"),
        ("set_weekday", rf"(?P<wd>{p.weekday})s"),
    ]


def _days_and_times(p: Pieces) -> list[tuple[str, str]]:
    """Days and their parts, clock times and holidays: Tuesday, 9 a.m. Tuesday, the next morning, the 12th, Easter."""
    return [
        ("elliptical_last", r"last"),
        (
            "clock",
            rf"(?:(?P<h>\d{{1,2}})(?::(?P<m>[0-5]\d))?\s*(?:(?P<ap>{p.ampm})|in\s+the\s+(?P<pp>morning|afternoon|evening|night))|"
            rf"(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d|:\d)|(?P<word>noon|midnight|midday))"
            rf"(?:\s+(?P<tz>{p.tz}))?(?:,?\s+(?:(?P<wd>{p.weekday})|(?P<rd>{p.rel_day})|(?P<mon>{p.month_any})\s+(?P<d>{p.daynum})))?",
        ),
        (
            "day_part",
            rf"(?:(?P<pos>early|late)\s+)?(?P<a>this|yesterday|tomorrow|last|(?P<wd>{p.weekday}))(?:\s+(?P<p>{p.part}))?",
        ),
        (
            "part_of_day",
            r"(?:(?P<rel>the\s+next|the\s+following|the\s+previous|that|the)\s+|(?P<mid>mid|early|late)[\s-]*)"
            r"(?P<p>morning|afternoon|evening)(?:\s+(?P<rd>yesterday|today|tomorrow))?",
        ),
        ("weekday", rf"(?P<wd>{p.weekday})"),
        ("day_ordinal", r"the\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"),
        (
            "holiday",
            rf"(?P<h>{p.holiday}|thanksgiving(?:\s+day)?|(?-i:Election\s+Day)|(?:orthodox\s+)?easter(?:\s+(?:sunday|week))?)"
            rf"(?:\s+(?P<y>{p.year}))?",
        ),
    ]


RULE_GROUPS = (_numeric_dates, _calendar_dates, _business_periods, _relative_dates, _durations_and_sets, _days_and_times)


def normalisers() -> dict[str, Normaliser]:
    """The normaliser of each rule, by rule name."""
    return {**named_dates.READS, **quarters.READS, **relative.READS, **durations.READS}


@cache
def grammar() -> tuple[Rule, ...]:
    """Compile the rules of the grammar once."""
    p, read = pieces(), normalisers()
    return tuple(
        Rule(name, re.compile(rf"(?<![\w$€£-])(?:{pattern})(?![\w])", re.I), read[name])
        for group in RULE_GROUPS
        for name, pattern in group(p)
    )
