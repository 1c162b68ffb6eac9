"""Find temporal expressions in news text and normalise them to TimeML TIMEX3 values.

The tagger is a cascade of regular-expression rules built from the lexicon in
`data/temporal.yaml`. Every rule proposes candidate spans; overlapping candidates are
resolved leftmost-longest; the survivors are normalised in document order against an
anchor (the publication date, possibly only a month or a year) and a reference (the last
date the text mentioned, for "the next day" or "a year earlier").

Relative expressions take their direction from the tense of their clause: "on Saturday" in
a past-tense sentence is the Saturday before the anchor, "will join the meeting on
Wednesday" the Wednesday after, and a weekday equal to the publication day is that day.
An expression that needs a publication day that is unknown keeps X's in its value and is
marked unresolved; no day is ever guessed.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from briefing.data import load
from briefing.ingest import dateline_span
from briefing.models import DateMention, Document, EventDate

# --------------------------------------------------------------------------- lexicon


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


@cache
def lexicon() -> Lexicon:
    """Load the temporal lexicon once."""
    data = load("temporal.yaml")
    return Lexicon(
        months=data["months"],
        abbreviations=data["month_abbreviations"],
        ambiguous_months=frozenset(data["ambiguous_months"]),
        month_lead_words=frozenset(data["month_lead_words"]),
        function_words=frozenset(data["function_words"]),
        weekdays=data["weekdays"],
        numbers={str(k): float(v) for k, v in data["numbers"].items()},
        vague_numbers=tuple(data["vague_numbers"]),
        ordinals={str(k): v for k, v in data["ordinals"].items()},
        units=data["units"],
        seasons=data["seasons"],
        parts_of_day=data["parts_of_day"],
        modifiers=data["modifiers"],
        positions=data["positions"],
        future_cues=frozenset(data["cues"]["future"]),
        past_cues=frozenset(data["cues"]["past"]),
        perfect_cues=frozenset(data["cues"]["present_perfect"]),
        modal_cues=frozenset(data["cues"]["modal"]),
        deadline_cues=frozenset(data["cues"]["deadline"]),
        postpone_cues=frozenset(data["cues"]["postpone"]),
        future_phrases=tuple(tuple(p.split()) for p in data["cues"]["future_phrases"]),
        holidays={str(k): str(v) for k, v in data["holidays"].items()},
    )


def _alt(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first, spaces matching any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _title_alt(words: Iterable[str]) -> str:
    """Case-sensitive alternation of Title and UPPER forms."""
    return "(?-i:" + _alt([w.title() for w in words] + [w.upper() for w in words]) + ")"


# --------------------------------------------------------------------------- anchor and values


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date, known to the day, the month, the year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: date | None = None

    @classmethod
    def parse(cls, published: str | None) -> Anchor:
        """Read YYYY-MM-DD, YYYY-MM or YYYY (anything else: unknown)."""
        if not published:
            return cls()
        parts = published[:10].split("-")
        try:
            if len(parts) == 3:
                day = date(int(parts[0]), int(parts[1]), int(parts[2]))
                return cls(day.year, day.month, day)
            if len(parts) == 2:
                return cls(int(parts[0]), int(parts[1]))
            return cls(int(parts[0]))
        except ValueError:
            return cls()


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """Return the (year, month) n months after the given one."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def fmt_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


UNIT_GRANULARITY = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "Y": "year"}


def shift(anchor: Anchor, unit: str, n: int) -> str | None:
    """Return the TIMEX3 value of the calendar unit n units away from the anchor (None if unknown)."""
    if unit in ("D", "W", "WE"):
        if anchor.day is None:
            return None
        if unit == "D":
            return (anchor.day + timedelta(days=n)).isoformat()
        moved = anchor.day + timedelta(weeks=n)
        return fmt_week(moved) + ("-WE" if unit == "WE" else "")
    if unit in ("M", "Q"):
        if anchor.year is None or anchor.month is None:
            return None
        if unit == "M":
            y, m = add_months(anchor.year, anchor.month, n)
            return f"{y}-{m:02d}"
        y, m = add_months(anchor.year, anchor.month, 3 * n)
        return f"{y}-Q{quarter_of(m)}"
    if anchor.year is None:
        return None
    if unit == "DE":
        return str((anchor.year + 10 * n) // 10)
    if unit == "CE":
        return str((anchor.year + 100 * n) // 100)
    return str(anchor.year + n)


def unknown(unit: str) -> str:
    """The underspecified value of a unit when the anchor is too coarse."""
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")


def anchor_of_value(value: str) -> Anchor | None:
    """Turn a resolved DATE value back into an anchor (for expressions relative to it)."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value):
        return Anchor.parse(value[:10])
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return Anchor(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return Anchor(int(m[1]), int(m[2]) * 3 - 2)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return Anchor.parse(date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat())
    if re.fullmatch(r"\d{4}", value):
        return Anchor(int(value))
    return None


# --------------------------------------------------------------------------- tagging context


@dataclass(slots=True)
class Context:
    """What a rule's normaliser may look at: the text, the anchor, and what came before."""

    text: str
    anchor: Anchor
    previous: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, value) of DATEs so far
    quarters: list[tuple[int, str]] = field(default_factory=list)  # quarters the text states, not shifted ones
    boundaries: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.boundaries = [m.end() for m in SENTENCE_BOUNDARY.finditer(self.text)]

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


WORD = re.compile(r"[A-Za-z’']+")
NEAR_WORDS = 8
# A sentence ends at . ! ? before white space and a capital (not "a.m. local time"), at a line
# break, or at a semicolon.
ABBREVIATED = ("a.m", "p.m", "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Jan", "Feb", "Mar",
               "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs")
SENTENCE_BOUNDARY = re.compile(
    "".join(rf"(?<!\b{re.escape(a)})" for a in ABBREVIATED)
    + r"(?<!\b[A-Z])[.!?][\"”’)']*\s+(?=(?:[\"“(‘]|``)?[A-Z0-9])|\n|;"
)


def _cue_words(text: str) -> list[str]:
    """The words of a text in lower case, except capitalised -ed words: those are names ("United
    States", "Mohamed"), not verbs, and are kept as they are so that no tense cue matches them."""
    return [w if w[0].isupper() and w.endswith("ed") else w.lower() for w in WORD.findall(text)]


def direction(ctx: Context, start: int, end: int, *, near: bool = False) -> str:
    """Tense of the clause around a span: 'past', 'future', 'modal' (a modal verb is the nearest cue)
    or 'neutral'.

    With `near`, only the few words around the span count and only explicit cues (auxiliaries,
    "said", "ago" ...), not any word ending in -ed: for months and dates, which are often months
    away, a weak cue is worse than taking the nearest reading.
    """
    lex = lexicon()
    lo, hi = ctx.sentence_bounds(start, end)
    left, right = _cue_words(ctx.text[lo:start]), _cue_words(ctx.text[end:hi])
    if near:
        left, right = left[-NEAR_WORDS:], right[:NEAR_WORDS // 2]
    for i in range(len(left)):
        if tuple(left[max(0, i - 2):i + 1][-3:]) in lex.future_phrases or tuple(left[max(0, i - 1):i + 1]) in lex.future_phrases:
            if i >= len(left) - 6:
                return "future"
    deadline = bool(left) and left[-1] in lex.deadline_cues
    recent = left[-NEAR_WORDS:-1]
    if deadline and (set(recent) | {" ".join(pair) for pair in zip(recent, recent[1:])}) & lex.postpone_cues:
        return "future"  # "postponed until Tuesday", "put off until May": moved to a day still to come
    for words in (left[::-1], right):
        for i, word in enumerate(words):
            following = words[i - 1] if words is not right and i > 0 else (words[i + 1] if words is right and i + 1 < len(words) else None)
            if word in lex.future_cues and not (word in ("next", "ahead") and following in ("to", "of")):  # "next to", "ahead of"
                return "future"
            if word in lex.perfect_cues or word in lex.modal_cues:
                if deadline:
                    return "future"
                return "modal" if word in lex.modal_cues else "neutral"
            previous = words[i + 1] if words is not right and i + 1 < len(words) else None
            passive = previous in ("will", "be", "is", "are", "has", "have")
            if (word in lex.past_cues and not passive) or (
                not near and len(word) > 4 and word.endswith("ed") and word.islower() and not passive
            ):
                return "past"
    return "future" if deadline else "neutral"


# --------------------------------------------------------------------------- grammar

Result = tuple[str, str, str | None] | None  # (type, value, mod) or None to reject
Normaliser = Callable[[re.Match, Context], Result]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar and the function that gives a match its TIMEX3 value."""

    name: str
    pattern: re.Pattern
    normalise: Normaliser


@cache
def grammar() -> tuple[Rule, ...]:
    """Compile the rules of the grammar once."""
    lex = lexicon()
    month_full = _title_alt(lex.months) + r"|Sept\."
    month_any = _title_alt(lex.months) + "|" + "(?-i:" + _alt(a.title() for a in lex.abbreviations) + r")\.?"
    weekday = _title_alt(lex.weekdays)
    daynum = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,]\d|\d)"
    year = r"(?<![\d,.$€£#])(?:1[6-9]\d\d|20\d\d)(?!\d|,\d{3}|\.\d|\s*%|-(?:year|month|day|week|hour))"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    number = (
        rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?|(?:{tens})[\s-](?:{ones})|{_alt(lex.numbers)})"
    )
    vague = _alt(lex.vague_numbers)
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    below_100 = rf"(?:(?:{tens})(?:[\s-]+(?:{ones}))?|{teens})"
    # Years read aloud, as broadcast transcripts write them: "nineteen ninety-six", "two thousand and one".
    spoken_year = (
        rf"(?:nineteen[\s-]+(?:hundred|oh[\s-]+(?:{ones})|{below_100})|twenty[\s-]+(?:{below_100})|"
        rf"two\s+thousand(?:\s+and)?[\s-]+(?:{ones}|{below_100}))(?![\s-]+(?:{ones}|hundred|thousand|million|billion)\b)"
    )
    quant = rf"(?:{number}|{vague})"
    unit_words = [u for u in lex.units if u not in ("weekend",)]
    unit = rf"(?:{_alt(unit_words)}|centuries)"
    unit_plural = rf"(?:{_alt(u + 's' for u in unit_words)}|centuries)"
    modifier = _alt(lex.modifiers)
    position = _alt(lex.positions)
    season = _alt(lex.seasons)
    part = _alt(lex.parts_of_day)
    holiday = _alt(lex.holidays)
    tz = r"(?:local\s+time|(?-i:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK)|(?:Moscow|Kyiv|Kiev)\s+time)"
    ampm = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b)"
    rel_day = r"(?:today|yesterday|tomorrow|tonight)"
    flags = re.I

    def rule(name: str, pattern: str, normalise: Normaliser) -> Rule:
        return Rule(name, re.compile(rf"(?<![\w$€£-])(?:{pattern})(?![\w])", flags), normalise)

    return (
        rule("iso_date", r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])", _iso_date),
        rule("slash_date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d|\d\d)", _iso_date),
        # day first when the first number cannot be a month: 19/11/2024, 19.11.2024
        rule("day_first_date", r"(?P<d>1[3-9]|2\d|3[01])[/.](?P<m>1[0-2]|0?[1-9])[/.](?P<y>(?:19|20)\d\d)", _iso_date),
        rule("short_period", rf"(?:(?P<k>Q[1-4]|H[12])\s*(?P<y>{year})|(?P<y2>{year})[\s-]*(?P<k2>Q[1-4]|H[12])|FY\s?(?P<fy>(?:19|20)?\d\d))", _short_period),
        rule(
            "month_day",
            rf"(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month_any})\s+(?P<d>{daynum})(?:,?\s+(?P<y>{year}))?",
            _month_day,
        ),
        rule(
            "day_month",
            rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)\s+of\s))?(?P<d>{daynum})(?:\s+of)?\s+(?P<mon>{month_any})(?:,?\s+(?P<y>{year}))?",
            _month_day,
        ),
        rule(
            "month_year",
            rf"(?:(?P<pos>{position})[\s-]*)?(?P<mon>{month_any}),?\s+(?:of\s+)?(?:(?P<y>{year})|(?P<ry>this|last|next)\s+year|(?P<sy>{spoken_year}))",
            _month_year,
        ),
        rule(
            "month",
            rf"(?:(?P<rel>this|last|next|past|coming|previous)\s+|(?P<pos>{position})[\s-]*)?(?P<mon>{month_full})",
            _month,
        ),
        rule(
            "year",
            rf"(?:(?P<pos>{position})[\s-]*|(?P<fiscal>fiscal|calendar|(?:the\s+)?(?:fiscal\s+)?year)\s+)?(?P<y>{year})"
            r"(?P<fy>\s+fiscal\s+year)?",
            _year,
        ),
        rule("spoken_year", rf"(?:the\s+year\s+)?(?P<sy>{spoken_year})|the\s+year\s+(?P<sy2>two\s+thousand)", _spoken_year),
        rule("decade", r"(?:the\s+)?(?:(?P<pos>early|late|mid)[\s-]*)?(?P<y>(?:1[6-9]|20)\d0|’\d0|'\d0)’?'?s", _decade),
        rule("century", r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century", _century),
        rule(
            "season",
            rf"(?:(?P<rel>this|last|next|past|coming|previous|the)\s+|(?P<pos>{position})[\s-]*)?(?P<s>{season})"
            rf"(?:\s+(?:of\s+)?(?:(?P<y>{year})|(?P<sy>{spoken_year})))?",
            _season,
        ),
        rule(
            "quarter",
            rf"(?:the\s+|(?P<ry>this|last|next)\s+year['’]s\s+)?(?:(?P<ya>year[\s-]earlier|year[\s-]ago|same)\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|"
            rf"final|last|latest|current|this|next|previous|recent|past|fiscal)[\s-]+)?(?:fiscal[\s-]+)?(?:(?P<y0>{year})\s+)?"
            rf"(?:(?P<ord2>first|second|third|fourth)[\s-]+)?(?P<q>quarter|period)(?:\s+of\s+(?:fiscal\s+)?(?P<y>{year})|,?\s+(?P<y2>{year})|(?P<ya2>\s+a\s+year\s+(?:ago|earlier)))?",
            _quarter,
        ),
        rule("year_earlier", r"(?:the\s+)?year[\s-](?:earlier|ago)", _year_earlier),
        rule("whole_year", r"the\s+(?:(?P<rel>current|latest|last|previous|past|next|coming)\s+)?(?:fiscal|full|calendar)\s+year", _whole_year),
        rule("year_end", r"(?:the\s+end\s+of\s+the\s+year|(?:the\s+)?year(?:[\s-]end|['’]s\s+end))", _year_end),
        rule(
            "half",
            rf"(?:the\s+)?(?:(?P<h>first|second|last)\s+half|(?P<q2>first|last)\s+two\s+quarters)\s+of\s+(?:(?P<y>{year})|(?P<rel>this|last|next|the)\s+year)",
            _half,
        ),
        rule(
            "named",
            r"(?P<w>today|tonight|yesterday|tomorrow|now|currently|nowadays|recently|lately|"
            r"the\s+present|present|the\s+past|the\s+future|soon|(?:then\s+)?current|these\s+days|the\s+moment|"
            r"the\s+near\s+future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|a\s+later\s+date|past\s+years|"
            r"at\s+the\s+moment|overnight)",
            _named,
        ),
        rule(
            "relative_unit",
            rf"(?:(?P<pos>{position})[\s-]*)?(?P<rel>this|last|next|past|previous|coming|following|current|same|"
            rf"the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+following|the\s+current|the\s+same|the\s+next|"
            rf"the\s+preceding|(?P<bare>the|that))\s+(?P<u>week|weekend|month|year|quarter|decade|century|day|night|"
            rf"(?P<wd>{weekday})|(?P<s>{season}))(?(bare)(?P<tail>\s+(?:before|after|earlier|later))?)",
            _relative_unit,
        ),
        rule(
            "ago",
            rf"(?:(?P<mod>{modifier})\s+)?(?P<q>{quant})[\s-]+(?P<u>{unit}|{unit_plural})(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|"
            r"after|from\s+now|hence|back|previously)",
            _ago,
        ),
        rule(
            "duration",
            rf"(?:(?P<mod>{modifier})\s+)?(?:(?P<ctx>the\s+(?:past|last|next|first|coming|previous|following|final|"
            rf"remaining|latest|initial|preceding|same|entire|whole|full)|the|another|each\s+of\s+the\s+(?:past|last))\s+)?"
            rf"(?P<q>{quant})[\s-]+(?:(?:more|additional|full|straight|consecutive|long|short|other|trading|business|working|calendar)[\s-]+)?"
            rf"(?P<u>{unit}|{unit_plural})(?P<long>[\s-]long)?",
            _duration,
        ),
        rule(
            "vague_duration",
            rf"(?:(?P<ctx>the\s+(?:past|last|next|coming|previous|following)|recent|coming|the)\s+)?(?P<u>{unit_plural})"
            r"(?P<ahead>\s+ahead)?",
            _vague_duration,
        ),
        rule("set_adverb", r"(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|semiannually)", _set_adverb),
        rule(
            "set_every",
            rf"(?P<e>every|each|per)\s+(?:other\s+)?(?:(?P<q>{number})\s+)?(?P<u>{unit}|{unit_plural}|(?P<wd>{weekday})|"
            rf"(?P<s>{season})|(?P<mon>{month_full})(?:\s+(?P<d>{daynum}))?|morning|afternoon|evening|night)",
            _set_every,
        ),
        rule("set_times", rf"(?P<f>once|twice|(?:{number})\s+times)\s+(?:a|an|per|each|every)\s+(?P<u>{unit})", _set_times),
        rule("set_weekday", rf"(?P<wd>{weekday})s", _set_weekday),
        rule("elliptical_last", r"last", _elliptical_last),
        rule(
            "clock",
            rf"(?:(?P<h>\d{{1,2}})(?::(?P<m>[0-5]\d))?\s*(?:(?P<ap>{ampm})|in\s+the\s+(?P<pp>morning|afternoon|evening|night))|"
            rf"(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d|:\d)|(?P<word>noon|midnight|midday))"
            rf"(?:\s+(?P<tz>{tz}))?(?:,?\s+(?:(?P<wd>{weekday})|(?P<rd>{rel_day})|(?P<mon>{month_any})\s+(?P<d>{daynum})))?",
            _clock,
        ),
        rule(
            "day_part",
            rf"(?:(?P<pos>early|late)\s+)?(?P<a>this|yesterday|tomorrow|last|(?P<wd>{weekday}))(?:\s+(?P<p>{part}))?",
            _day_part,
        ),
        rule(
            "part_of_day",
            r"(?:(?P<rel>the\s+next|the\s+following|the\s+previous|that|the)\s+|(?P<mid>mid|early|late)[\s-]*)"
            r"(?P<p>morning|afternoon|evening)(?:\s+(?P<rd>yesterday|today|tomorrow))?",
            _part_of_day,
        ),
        rule("weekday", rf"(?P<wd>{weekday})", _weekday),
        rule("day_ordinal", r"the\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b", _day_ordinal),
        rule(
            "holiday",
            rf"(?P<h>{holiday}|thanksgiving(?:\s+day)?|(?-i:Election\s+Day)|(?:orthodox\s+)?easter(?:\s+(?:sunday|week))?)"
            rf"(?:\s+(?P<y>{year}))?",
            _holiday,
        ),
    )


# --------------------------------------------------------------------------- normalisers


def _month_number(name: str) -> int:
    lex = lexicon()
    key = name.lower().rstrip(".")
    return lex.months.get(key) or lex.abbreviations[key]


# A tense cue picks the reading of a yearless date before or after publication, unless that reading
# lies more than FAR_MONTHS away while the other lies within NEAR_MONTHS.
FAR_MONTHS, NEAR_MONTHS = 8, 2
# With no tense cue, a month that came in the last RECENT_MONTHS is read as past.
RECENT_MONTHS = 8


def _months_away(a: Anchor, year: int, month: int) -> int:
    return abs((year - a.year) * 12 + month - a.month)


def _day_value(
    ctx: Context, month: int, day: int, year: int | None, start: int, end: int, weekday: int | None = None
) -> tuple[str, bool]:
    """A month-day with or without year; the year from a stated weekday, else the anchor and the tense."""
    if year is not None:
        return f"{year}-{month:02d}-{day:02d}", True
    a = ctx.anchor
    if a.year is None:
        return f"XXXX-{month:02d}-{day:02d}", False
    candidates = [y for y in (a.year - 1, a.year, a.year + 1) if _valid(y, month, day)] or [a.year - 1, a.year, a.year + 1]
    if weekday is not None:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
        fitting = [y for y in candidates if date(y, month, day).isoweekday() == weekday]
        if len(fitting) == 1:
            return f"{fitting[0]}-{month:02d}-{day:02d}", True
    if a.month is None:
        return f"{a.year}-{month:02d}-{day:02d}", True
    here = (a.month, a.day.day if a.day else 0)
    if a.day is None and month == a.month:
        return f"{a.year}-{month:02d}-{day:02d}", True
    tense = direction(ctx, start, end, near=True)
    if a.day is not None and all(_valid(y, month, day) for y in candidates):
        nearest = min(candidates, key=lambda y: abs((date(y, month, day) - a.day).days))
    else:
        nearest = min(candidates, key=lambda y: _months_away(a, y, month))
    if tense == "past":
        y = max(y for y in candidates if (y, month, day) <= (a.year, *here))
    elif tense == "future":
        y = min(y for y in candidates if (y, month, day) >= (a.year, *here))
    else:
        y = nearest
    if _months_away(a, y, month) > FAR_MONTHS and _months_away(a, nearest, month) <= NEAR_MONTHS:
        y = nearest  # "extended to Nov. 16" in a past-tense clause: next month, not a year ago
    return f"{y}-{month:02d}-{day:02d}", True


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


def _iso_date(m: re.Match, ctx: Context) -> Result:
    y = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"]) + (100 if int(m["y"]) < 50 else 0)
    if not _valid(y, int(m["m"]), int(m["d"])):
        return None
    return "DATE", f"{y}-{int(m['m']):02d}-{int(m['d']):02d}", None


def _month_day(m: re.Match, ctx: Context) -> Result:
    month, day = _month_number(m["mon"]), int(re.match(r"\d+", m["d"])[0])
    year = int(m["y"]) if m["y"] else None
    if not _valid(year or 2000, month, day):
        return None
    weekday = lexicon().weekdays[m["wd"].lower()] if m["wd"] else None
    value, _ = _day_value(ctx, month, day, year, m.start(), m.end(), weekday)
    return "DATE", value, None


def _position_mod(pos: str | None) -> str | None:
    return lexicon().positions.get(re.sub(r"\s+", " ", pos.lower())) if pos else None


NOT_PLURAL = frozenset({"was", "has", "is", "as", "his", "its", "this", "thus", "does", "yes", "perhaps", "always", "unless",
                        "whereas", "towards", "afterwards", "besides", "sometimes"})


def _before_plural_noun(ctx: Context, end: int) -> bool:
    """Whether the next word looks like a plural noun, which makes a number before it a count."""
    after = WORD.findall(ctx.text[end:end + 20])
    word = after[0] if after else ""
    return word.islower() and word.endswith("s") and not word.endswith("ss") and word not in NOT_PLURAL


def spoken_year(words: str) -> int:
    """The year of "nineteen ninety-six", "nineteen oh five", "two thousand and one", "twenty twenty-four"."""
    numbers = lexicon().numbers | {"oh": 0}
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t not in ("and", "the", "year")]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + int(sum(numbers[t] for t in tokens[2:]))
    century = 1900 if tokens[0] == "nineteen" else 2000
    return century + int(sum(numbers[t] for t in tokens[1:] if t != "hundred"))


def _spoken_year(m: re.Match, ctx: Context) -> Result:
    if _before_plural_noun(ctx, m.end()):
        return None  # "nineteen ninety-six ballots"
    return "DATE", str(spoken_year(m["sy"] or m["sy2"])), None


def _month_year(m: re.Match, ctx: Context) -> Result:
    if m["y"]:
        year = m["y"]
    elif m["sy"]:
        year = str(spoken_year(m["sy"]))
    elif ctx.anchor.year is None:
        year = "XXXX"
    else:
        year = str(ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()])
    return "DATE", f"{year}-{_month_number(m['mon']):02d}", _position_mod(m["pos"])


def _month_as_modifier(m: re.Match, ctx: Context, before: list[str]) -> bool:
    """"the March accession", "the May elections": a capitalised month between "the" and a noun."""
    following = re.match(r"\s+([a-z]+)", ctx.text[m.end():])
    return (
        bool(before) and before[-1] == "the" and m["mon"][0].isupper()
        and following is not None and following[1] not in lexicon().function_words
    )


def _month(m: re.Match, ctx: Context) -> Result:
    name = m["mon"].lower().rstrip(".")
    month = _month_number(name)
    before = WORD.findall(ctx.text[max(0, m.start() - 20):m.start()].lower())
    if name in lexicon().ambiguous_months and not (m["rel"] or m["pos"]) and not (
        before and before[-1] in lexicon().month_lead_words
    ) and not _month_as_modifier(m, ctx, before):
        return None
    a, rel = ctx.anchor, (m["rel"] or "").lower()
    mod = _position_mod(m["pos"])
    if a.year is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if a.month is None:
        return "DATE", f"{a.year}-{month:02d}", mod
    tense = {"last": "past", "past": "past", "previous": "past", "next": "future", "coming": "future"}.get(rel)
    tense = tense or direction(ctx, m.start(), m.end(), near=True)
    strict = rel in ("last", "past", "previous", "next", "coming")
    nearest = min((a.year - 1, a.year, a.year + 1), key=lambda y: (_months_away(a, y, month), -y))
    if tense == "past":
        y = a.year if month < a.month or (month == a.month and not strict) else a.year - 1
        if rel == "last" and _months_away(a, y, month) == 1:
            y -= 1  # "last February", said in March, is a year back: last month would be "last month"
    elif tense == "future":
        y = a.year if month > a.month or (month == a.month and not strict) else a.year + 1
    elif rel == "this":
        y = a.year
    else:
        y = nearest
        past = a.year if month < a.month else a.year - 1
        if _months_away(a, past, month) <= RECENT_MONTHS:
            y = past  # news looks back: "in March", said in November, is this year's March
    return "DATE", f"{y}-{month:02d}", mod


def _year(m: re.Match, ctx: Context) -> Result:
    if not (m["pos"] or m["fiscal"] or m["fy"]):
        before = WORD.findall(ctx.text[max(0, m.start() - 12):m.start()].lower())
        if before and before[-1] == "at":
            return None  # "the index closed at 2082": a level, not a year
        # "2000 attacks": a count before a plural noun, unless a preposition says it is a time.
        if _before_plural_noun(ctx, m.end()) and not (
            before and before[-1] in {"in", "since", "of", "by", "until", "from", "to", "during", "before", "after", "for", "and", "the", "between"}
        ):
            return None
    return "DATE", m["y"], _position_mod(m["pos"])


def _decade(m: re.Match, ctx: Context) -> Result:
    digits = m["y"].strip("’'")
    if len(digits) == 2:
        digits = ("19" if ctx.anchor.year is None or ctx.anchor.year < 2030 else "20") + digits
        if ctx.anchor.year and int(digits) > ctx.anchor.year:
            digits = str(int(digits) - 100)
    return "DATE", digits[:3], _position_mod(m["pos"])


def _century(m: re.Match, ctx: Context) -> Result:
    return "DATE", f"{int(m['n']) - 1:02d}", None


def _season(m: re.Match, ctx: Context) -> Result:
    lex, a = lexicon(), ctx.anchor
    code = lex.seasons[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"] or m["sy"]:
        return "DATE", f"{m['y'] or spoken_year(m['sy'])}-{code}", _position_mod(m["pos"])
    before = WORD.findall(ctx.text[max(0, m.start() - 12):m.start()].lower())
    after = ctx.text[m.end():m.end() + 4].lower()
    if not (rel or m["pos"]) and not (before and before[-1] in {"in", "this", "during", "by", "until", "since", "over"}):
        return None
    if m["s"].lower() == "fall" and (rel == "the" and after.startswith(" of")):
        return None  # "the fall of Kabul"
    if a.year is None:
        return "DATE", f"XXXX-{code}", _position_mod(m["pos"])
    month = a.month or 6
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    started = month >= first_month or (code == "WI" and month <= 2)
    current_year = a.year - 1 if code == "WI" and month <= 2 else a.year
    tense = {"last": "past", "past": "past", "previous": "past", "next": "future", "coming": "future"}.get(rel)
    tense = tense or direction(ctx, m.start(), m.end())
    ended = started and month >= first_month + 3 if code != "WI" else (month >= 3 and month < 12)
    if rel == "this":  # "this summer", whatever the tense: the summer of the current year
        y = current_year
    elif tense == "past":
        y = current_year if (started and (ended or rel != "last")) else current_year - 1
        if code == "WI" and not started:
            y = a.year - 1
    elif tense == "future":
        y = current_year if not started or rel == "this" else current_year + 1
    else:
        y = current_year
    return "DATE", f"{y}-{code}", _position_mod(m["pos"])


def _stated_quarter(ctx: Context, start: int) -> tuple[int, str] | None:
    """(position, value) of the quarter the text is reporting on: the last one it stated (not a
    year-ago one), if it is near enough to still be the subject."""
    if ctx.quarters and start - ctx.quarters[-1][0] < 1500:
        return ctx.quarters[-1]
    return None


def _last_quarter(ctx: Context, start: int) -> str | None:
    stated = _stated_quarter(ctx, start)
    return stated[1] if stated else None


def _fiscal_quarter(ctx: Context, start: int) -> str | None:
    """The quarter the text reports on, if it named it as a fiscal one ("the fiscal first quarter")."""
    stated = _stated_quarter(ctx, start)
    return stated[1] if stated and "fiscal" in ctx.text[stated[0]:stated[0] + 30].lower() else None


def _report_quarter(ctx: Context, start: int, end: int, value: str, ended: bool = False) -> None:
    """Note a quarter the text reports on. A calendar quarter still running or to come at publication
    is not one ("will result in a fourth-quarter charge"), unless the text says it has ended (a fiscal
    quarter "ended Sept. 30") or tells its results in the past tense ("reported fourth-quarter earnings")."""
    current = shift(ctx.anchor, "Q", 0)
    to_come = bool(current) and value[:4].isdigit() and value >= current
    if not to_come or ended or direction(ctx, start, end) == "past":
        ctx.quarters.append((start, value))


def _reported_last_year(ctx: Context, m: re.Match, ordinal: int) -> bool:
    """Whether a quarter named without a year is last year's: this year's has not begun, last year's ended
    less than half a year ago, and the clause tells it in the past tense with no future or modal verb
    after it ("said fourth-quarter profit will rise" is still to come)."""
    a = ctx.anchor
    if a.day is None or ordinal <= quarter_of(a.day.month):
        return False
    ended = date(a.day.year - 1 + ordinal // 4, ordinal * 3 % 12 + 1, 1)  # the day after last year's quarter
    if not 0 <= (a.day - ended).days <= 183:
        return False
    lex = lexicon()
    after = _cue_words(ctx.text[m.end():ctx.sentence_bounds(m.start(), m.end())[1]])[:6]
    return direction(ctx, m.start(), m.end()) == "past" and not any(w in lex.future_cues or w in lex.modal_cues for w in after)


def _quarter(m: re.Match, ctx: Context) -> Result:
    lex, a = lexicon(), ctx.anchor
    word = (m["ord"] or "").lower()
    ordinal = lex.ordinals.get(word) or lex.ordinals.get((m["ord2"] or "").lower())
    year = m["y"] or m["y2"] or m["y0"]
    # "this year's third quarter", "the year-ago third quarter", "the quarter a year ago"
    year_offset = {"this": 0, "last": -1, "next": 1}.get((m["ry"] or "").lower(), 0)
    if (m["ya"] and m["ya"].lower() != "same") or m["ya2"]:
        year_offset -= 1
    if m["q"].lower() == "period" and not (m["ya"] or word in ("latest", "recent", "same", "current")):
        return None
    if not (ordinal or year or word or m["ya"] or m["ry"] or ctx.text[m.start():m.start() + 4].lower() == "the "):
        return None
    if ordinal and ordinal <= 4:
        if not year and a.year is not None:
            year = a.year + year_offset
            if not (year_offset or m["ry"]) and _reported_last_year(ctx, m, ordinal):
                year -= 1  # "announced a drop in profits for the fourth quarter", said in January: last year's
        value = f"{year or 'XXXX'}-Q{ordinal}"
        if not year_offset:
            _report_quarter(ctx, m.start(), m.end(), value, ended=bool(QUARTER_ENDED.match(ctx.text, m.end())))
        return "DATE", value, None
    if year:
        # "the 1988 quarter", "the 1988 period": the quarter being reported on, in that year
        reported = _last_quarter(ctx, m.start()) if not word else None
        return "DATE", f"{year}-{reported[5:] if reported else 'QX'}", None
    if a.year is None or a.month is None:
        return "DATE", "XXXX-QX", None
    if word in ("this", "current"):
        value = shift(a, "Q", 0)
    elif word == "next":
        value = shift(a, "Q", 1)
    elif word in ("", "latest") and (fiscal := _fiscal_quarter(ctx, m.start())) and QUARTER_ENDED.match(ctx.text, m.end()):
        value = fiscal  # "earnings rose in the fiscal first quarter ... for the quarter ended Sept. 30": the same quarter
    elif ended := QUARTER_ENDED.match(ctx.text, m.end()):
        month = _month_number(ended["mon"])
        day_value, _ = _day_value(ctx, month, int(ended["d"]), int(ended["y"]) if ended["y"] else None, m.start(), m.end())
        value = f"{day_value[:4]}-Q{quarter_of(month)}"
        _report_quarter(ctx, m.start(), m.end(), value, ended=True)
    else:  # "the quarter", "the latest quarter", "last quarter": the one being reported on
        value = _last_quarter(ctx, m.start()) or shift(a, "Q", -1)
    if year_offset and value:
        value = f"{int(value[:4]) + year_offset}{value[4:]}"
    return "DATE", value, None


def _short_period(m: re.Match, ctx: Context) -> Result:
    """Q3 2024, 2024 Q3, H1 2024, FY2024: business shorthands for quarters, halves and fiscal years."""
    if m["fy"]:
        year = m["fy"] if len(m["fy"]) == 4 else ("20" if int(m["fy"]) < 50 else "19") + m["fy"]
        return "DATE", year, None
    kind, year = (m["k"] or m["k2"]).upper(), m["y"] or m["y2"]
    if kind.startswith("Q"):
        _report_quarter(ctx, m.start(), m.end(), f"{year}-{kind}")
    return "DATE", f"{year}-{kind}", None


def _whole_year(m: re.Match, ctx: Context) -> Result:
    if re.match(r"\s+end(?:ed|ing)\b", ctx.text[m.end():]):
        return "DURATION", "P1Y", None  # "the fiscal year ended Jan. 31": its length
    offset = {"last": -1, "previous": -1, "past": -1, "latest": 0, "next": 1, "coming": 1}.get((m["rel"] or "").lower(), 0)
    return "DATE", str(ctx.anchor.year + offset) if ctx.anchor.year is not None else "XXXX", None


def _year_end(m: re.Match, ctx: Context) -> Result:
    if ctx.anchor.year is None:
        return "DATE", "XXXX", "END"
    past = direction(ctx, m.start(), m.end(), near=True) == "past" or ctx.text[max(0, m.start() - 6):m.start()].lower().endswith("since ")
    return "DATE", str(ctx.anchor.year - past), "END"


QUARTER_ENDED = re.compile(r"\s+end(?:ed|ing)\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:,?\s+(?P<y>(?:19|20)\d\d))?")


def _year_earlier(m: re.Match, ctx: Context) -> Result:
    if (value := _last_quarter(ctx, m.start())) is not None:
        return "DATE", f"{int(value[:4]) - 1}{value[4:]}", None
    if ctx.anchor.year is None:
        return "DATE", "XXXX", None
    return "DATE", str(ctx.anchor.year - 1), None


def _half(m: re.Match, ctx: Context) -> Result:
    h = 1 if (m["h"] or m["q2"]).lower() == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", None
    if ctx.anchor.year is None:
        return "DATE", f"XXXX-H{h}", None
    offset = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return "DATE", f"{ctx.anchor.year + offset}-H{h}", None


NAMED = {
    "now": ("DATE", "PRESENT_REF"),
    "currently": ("DATE", "PRESENT_REF"),
    "nowadays": ("DATE", "PRESENT_REF"),
    "current": ("DATE", "PRESENT_REF"),
    "then current": ("DATE", "PAST_REF"),  # "at the then current price"
    "present": ("DATE", "PRESENT_REF"),
    "the present": ("DATE", "PRESENT_REF"),
    "these days": ("DATE", "PRESENT_REF"),
    "the moment": ("DATE", "PRESENT_REF"),
    "at the moment": ("DATE", "PRESENT_REF"),
    "recently": ("DATE", "PAST_REF"),
    "lately": ("DATE", "PAST_REF"),
    "the past": ("DATE", "PAST_REF"),
    "the future": ("DATE", "FUTURE_REF"),
    "the near future": ("DATE", "FUTURE_REF"),
    "the near term": ("DATE", "FUTURE_REF"),
    "the short term": ("DATE", "FUTURE_REF"),
    "the long term": ("DATE", "FUTURE_REF"),
    "a later date": ("DATE", "FUTURE_REF"),
    "past years": ("DATE", "PAST_REF"),
    "soon": ("DATE", "FUTURE_REF"),
}
DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": 0}


def _named(m: re.Match, ctx: Context) -> Result:
    word = re.sub(r"\s+", " ", m["w"].lower())
    after = ctx.text[m.end():m.end() + 12]
    before = ctx.text[max(0, m.start() - 8):m.start()].lower()
    if word == "overnight" and re.match(r"\s+(?:on|into|to)\s", after):
        return None  # "overnight on the 12th", "overnight into Sunday": the day that follows says which night
    if word in DAY_OFFSETS:
        value = shift(ctx.anchor, "D", DAY_OFFSETS[word]) or unknown("D")
        if word in ("tonight", "overnight"):
            return "TIME", value + "TNI", None
        return "DATE", value, None
    if word == "soon" and (before.endswith("as ") or after.lower().startswith(" as") or after.lower().startswith(" after")
                           or direction(ctx, m.start(), m.end(), near=True) == "past"):
        return None  # "as soon as"; "a trickle that soon became a flood": shortly after a past event, not the future
    if word in ("present", "the moment") and not before.endswith("at "):
        return None
    if word.endswith("current") and not re.match(r"\s+[a-z]", after):
        return None  # adjectives only before a noun
    if word == "now" and re.match(r"\s*-", after):
        return None
    return *NAMED[word], None


def _relative_unit(m: re.Match, ctx: Context) -> Result:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    mod = _position_mod(m["pos"])
    if m["wd"] and rel in ("the previous", "the preceding", "the following"):
        # "down 4.5% from the previous Friday": the one before the day the text is about
        ref, _ = ctx.reference(m.start())
        return _weekday_value(m, ctx, m["wd"], forced="future" if rel == "the following" else "past", day=ref.day)
    if m["wd"]:
        return _weekday_value(m, ctx, m["wd"], forced={"last": "past", "past": "past", "previous": "past", "next": "future",
                                                       "coming": "future", "this": "this"}.get(rel))
    if m["s"]:
        return None  # the season rule reads these
    if rel in ("the", "that") and unit not in ("year", "week", "weekend", "month", "day"):
        return None
    if rel == "the" and unit in ("year", "quarter") and re.match(r"\s+end(?:ed|ing)\b", ctx.text[m.end():]):
        return "DURATION", "P1Y", None  # "for the year ended March 31": a fiscal year's length
    if rel in ("the", "that") and unit == "day" and not m["tail"]:
        if rel == "the":
            return None
    code = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE",
            "century": "CE", "day": "D", "night": "D"}[unit]
    tail = (m["tail"] or "").strip().lower()
    if tail and rel not in ("the", "that"):
        return None
    if tail in ("before", "after") and unit == "day" and ctx.previous and re.fullmatch(r",\s*", ctx.text[ctx.previous[-1][1]:m.start()]) \
            and re.match(r"\s+[\w“\"]", ctx.text[m.end():]):
        return "DATE", ctx.previous[-1][2], None  # "Oct. 12, the day before the plunge": the date it stands beside
    if rel in ("the following", "following", "the next") and unit in ("day", "night", "week", "month", "year") or tail:
        ref, _ = ctx.reference(m.start())
        n = 1 if rel in ("the following", "following", "the next") or tail in ("after", "later") else -1
        value = shift(ref, code, n) or unknown(code)
        return ("TIME", value + "TNI", None) if unit == "night" else ("DATE", value, None)
    if rel in ("the same", "same", "that"):
        ref, _ = ctx.reference(m.start())
        return "DATE", shift(ref, code, 0) or unknown(code), mod
    if unit == "weekend" and rel == "the":
        return _weekend(m, ctx)
    n = {"this": 0, "current": 0, "the current": 0, "the": 0, "last": -1, "past": -1, "previous": -1, "the past": -1,
         "the last": -1, "the previous": -1, "the preceding": -1, "next": 1, "coming": 1, "the coming": 1,
         "the next": 1}.get(rel)
    if n is None:
        return None
    if unit == "night":
        if rel != "last":
            return None
        return "TIME", (shift(ctx.anchor, "D", -1) or unknown("D")) + "TNI", None
    if unit == "day" and rel not in ("the next", "the previous"):
        return None
    if unit == "weekend":
        return _weekend(m, ctx, n if rel != "this" else None)
    return "DATE", shift(ctx.anchor, code, n) or unknown(code), mod


def _weekend(m: re.Match, ctx: Context, n: int | None = None) -> Result:
    a = ctx.anchor
    if a.day is None:
        return "DATE", unknown("WE"), None
    if n is None:  # "the weekend", "this weekend": by tense
        saturday = a.day + timedelta(days=(5 - a.day.weekday()))
        if a.day.weekday() >= 5:
            return "DATE", fmt_week(a.day) + "-WE", None
        past = direction(ctx, m.start(), m.end()) != "future"
        day = saturday - timedelta(weeks=1) if past else saturday
        return "DATE", fmt_week(day) + "-WE", None
    return "DATE", fmt_week(a.day + timedelta(weeks=n)) + "-WE", None


def _quantity(text: str) -> float | None:
    """The number a quantity word or numeral stands for; None when it is vague."""
    lex = lexicon()
    word = re.sub(r"\s+", " ", text.lower())
    if word in lex.numbers:
        return lex.numbers[word]
    if re.fullmatch(r"[\d,]+(\.\d+)?( 1/2)?", word):
        return float(word.replace(",", "").replace(" 1/2", "")) + (0.5 if "1/2" in word else 0)
    parts = re.split(r"[\s-]", word)
    if len(parts) == 2 and all(p in lex.numbers for p in parts):
        return lex.numbers[parts[0]] + lex.numbers[parts[1]]
    return None


def _unit_code(word: str) -> tuple[str, float, bool]:
    """(TIMEX3 letter, multiplier, clock unit) of a unit word, singular or plural."""
    units = lexicon().units
    key = word.lower()
    key = "century" if key == "centuries" else key.removesuffix("s") if key not in units else key
    spec = units[key]
    return spec["code"], float(spec.get("times", 1)), bool(spec.get("clock"))


def _period(q: float | None, word: str) -> str:
    code, times, clock = _unit_code(word)
    if code == "WE":
        code, times = "D", 2 * times
    if q is None:
        return ("PT" if clock else "P") + "X" + code
    n = q * times
    if n == int(n):
        return ("PT" if clock else "P") + str(int(n)) + code
    smaller = {"Y": "M", "M": "D", "D": "H", "H": "M", "W": "D"}.get(code)
    factor = {"Y": 12, "M": 30, "D": 24, "H": 60, "W": 7}.get(code, 1)
    rest = round((n - int(n)) * factor)
    if smaller is None or not rest:
        return ("PT" if clock else "P") + f"{n:g}" + code
    whole = f"{int(n)}{code}" if int(n) else ""
    if code == "D":  # 1.5 days -> P1DT12H
        return f"P{whole}T{rest}H"
    return ("PT" if clock else "P") + whole + f"{rest}{smaller}"


def _mod_of(text: str | None) -> str | None:
    return lexicon().modifiers.get(re.sub(r"\s+", " ", text.lower())) if text else None


def _ago(m: re.Match, ctx: Context) -> Result:
    direction_word = re.sub(r"\s+", " ", m["dir"].lower())
    after = ctx.text[m.end():m.end() + 3]
    if direction_word in ("before", "after") and re.match(r"\s+[\w“\"]", after):
        return None  # "two days after the attack": a duration, read by the duration rule
    q = _quantity(m["q"])
    code, times, clock = _unit_code(m["u"])
    mod = _mod_of(m["mod"]) or ("APPROX" if m["orso"] else None)
    if q is None or q != int(q):
        return "DATE", "PAST_REF" if direction_word in ("ago", "earlier", "before", "back", "previously") else "FUTURE_REF", mod
    if clock:
        return "DURATION", _period(q, m["u"]), mod
    sign = 1 if direction_word in ("later", "after", "from now", "hence") else -1
    relative_to_text = direction_word in ("earlier", "later", "before", "after")
    ref, ref_value = ctx.reference(m.start(), same_sentence=True) if relative_to_text else (ctx.anchor, None)
    if code == "Y" and times == 1 and (quarter := _last_quarter(ctx, m.start())):
        ref_value = quarter  # "profit fell from $5 million a year ago": the quarter reported on
    if code == "Y" and ref_value and re.fullmatch(r"\d{4}-(Q\d|\d{2})", ref_value):
        return "DATE", f"{int(ref_value[:4]) + sign * int(q * times)}{ref_value[4:]}", mod
    n = sign * int(q * times)
    value = shift(ref, code, n) if code != "Q" else shift(ref, "M", 3 * n)
    return "DATE", value or unknown(code), mod


def _duration(m: re.Match, ctx: Context) -> Result:
    after = ctx.text[m.end():m.end() + 9].lower()
    q = _quantity(m["q"])
    fraction = q is not None and m["u"].lower().startswith("quarter") and after.startswith(" of")
    if re.match(r"[\s-]old|-earlier|-ago", after) or fraction:
        return None  # an age, "three quarters of", or "a year-earlier loss"
    word = m["q"].lower()
    if word in ("a", "an") and m["ctx"] and m["ctx"].lower().startswith("the"):
        return None
    if q == 1 and m["u"].lower().endswith("s"):
        return None  # "a months-long"
    before = ctx.text[max(0, m.start() - 20):m.start()]
    if word in ("a", "an") and not m["ctx"] and not m["mod"] and re.search(
        r"(\d|%|\bper|cents?|dollars?|million|billion|thousand|hours|times|seats|flights)\s*$", before
    ):
        return None  # "$5 a day", "24 hours a day": a rate, not a period
    if word in ("second",):
        return None
    if m.group().lower() == "one day" and re.search(r"\b(?:will|would|could|might|may|can|shall|should|he|she|they|we|i|you|it)\s+$",
                                                   before.lower()) and re.match(r"\s+[a-z]", ctx.text[m.end():]):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be the second religion": some day to come
    if m["u"].lower() in ("second", "minute") and word in ("a", "an") and not m["mod"]:
        return None  # "wait a minute"
    return "DURATION", _period(q, m["u"]), _mod_of(m["mod"])


def _vague_duration(m: re.Match, ctx: Context) -> Result:
    context = (m["ctx"] or "").lower()
    before = WORD.findall(ctx.text[max(0, m.start() - 12):m.start()].lower())
    if context.startswith("recent"):
        if m["u"].lower() in ("years", "decades", "centuries"):
            return "DATE", "PAST_REF", None
        code, _, clock = _unit_code(m["u"])
        return "DURATION", ("PTX" if clock else "PX") + code, None
    if not context and not m["ahead"] and not (
        before and before[-1] in {"for", "in", "over", "within", "after", "of", "took", "take", "takes", "lasted", "last"}
    ):
        return None
    if context == "the" and not m["ahead"]:
        return None
    code, _, clock = _unit_code(m["u"])
    return "DURATION", ("PTX" if clock else "PX") + code, None


SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M", "hourly": "PT1H"}


def _set_adverb(m: re.Match, ctx: Context) -> Result:
    if m["w"].lower() not in ("daily", "weekly", "nightly") and re.match(
        r"\s+(?!in\b|on\b|at\b|for\b|and\b|or\b|to\b|by\b|from\b|with\b|as\b|until\b|since\b)[a-z]", ctx.text[m.end():]
    ):
        return None  # "a quarterly dividend": an adjective, not a recurrence
    return "SET", SET_ADVERBS[m["w"].lower()], None


ELLIPSIS_HEAD = re.compile(r"(?i)\bthis\s+(?P<u>week|month|year|quarter)\s+(?:as|than|and|or)\s+$")


def _elliptical_last(m: re.Match, ctx: Context) -> Result:
    """"twice as high a dividend this year as last": the unit of the "this ..." it answers."""
    head = ELLIPSIS_HEAD.search(ctx.text, max(0, m.start() - 30), m.start())
    if head is None:
        return None
    code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q"}[head["u"].lower()]
    return "DATE", shift(ctx.anchor, code, -1) or unknown(code), None


def _set_every(m: re.Match, ctx: Context) -> Result:
    if m["wd"]:
        return "SET", f"XXXX-WXX-{lexicon().weekdays[m['wd'].lower()]}", None
    if m["s"]:
        return "SET", f"XXXX-{lexicon().seasons[m['s'].lower()]}", None
    if m["mon"]:
        day = f"-{int(m['d'].rstrip('stndrh')):02d}" if m["d"] else ""
        return "SET", f"XXXX-{_month_number(m['mon'].lower().rstrip('.')):02d}{day}", None  # "each July", "every March 5"
    word = m["u"].lower()
    if m["e"].lower() == "per" and word in ("second", "minute", "hour"):
        return None  # "instructions per second", "miles per hour": a unit of speed or rate, not a recurrence
    if word in ("morning", "afternoon", "evening", "night"):
        return "SET", "XXXX-XX-XXT" + lexicon().parts_of_day[word], None
    q = _quantity(m["q"]) if m["q"] else 1.0
    return "SET", _period(q, word), None


def _set_times(m: re.Match, ctx: Context) -> Result:
    return "SET", _period(1.0, m["u"]), None


def _set_weekday(m: re.Match, ctx: Context) -> Result:
    before = WORD.findall(ctx.text[max(0, m.start() - 12):m.start()].lower())
    if not before or before[-1] not in ("on", "every", "most", "some", "all"):
        return None
    return "SET", f"XXXX-WXX-{lexicon().weekdays[m['wd'].lower()]}", None


def _weekday_value(m: re.Match, ctx: Context, name: str, forced: str | None = None, day: date | None = None) -> Result:
    """The weekday `name` nearest the publication day (or `day`) in the direction of the clause."""
    day = day or ctx.anchor.day
    target = lexicon().weekdays[name.lower()]
    if day is None:
        return "DATE", "XXXX-XX-XX", None
    delta = target - day.isoweekday()
    if forced == "this":
        return "DATE", (day + timedelta(days=delta)).isoformat(), None
    if delta == 0 and forced is None:
        return "DATE", day.isoformat(), None
    tense = forced or direction(ctx, m.start(), m.end())
    if tense == "modal":  # "would be traveling Thursday": a modal says nothing of direction, so the nearest
        delta = delta if abs(delta) <= 3 else (delta - 7 if delta > 0 else delta + 7)
        return "DATE", (day + timedelta(days=delta)).isoformat(), None
    if tense == "future":
        delta = delta if delta > 0 else delta + 7
    else:
        delta = delta if delta < 0 else delta - 7
    return "DATE", (day + timedelta(days=delta)).isoformat(), None


def _weekday(m: re.Match, ctx: Context) -> Result:
    return _weekday_value(m, ctx, m["wd"])


def _day_part(m: re.Match, ctx: Context) -> Result:
    anchor_word = m["a"].lower()
    part = (m["p"] or "").lower()
    if not part:
        if not (m["wd"] and m["pos"]):
            return None
        kind, value, _ = _weekday_value(m, ctx, m["wd"])
        return kind, value, _position_mod(m["pos"])
    if anchor_word == "last" and part != "night":
        return None
    if anchor_word == "this" and part == "night":
        return None
    if m["wd"]:
        _, day, _ = _weekday_value(m, ctx, m["wd"])
    else:
        day = shift(ctx.anchor, "D", {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[anchor_word]) or unknown("D")
    return "TIME", day + "T" + lexicon().parts_of_day[part], _position_mod(m["pos"])


PART_LEAD_WORDS = frozenset({"in", "during", "by", "until", "till", "since", "from", "through", "throughout", "that", "all",
                             "later", "earlier", "at", "of", "this"})


def _part_of_day(m: re.Match, ctx: Context) -> Result:
    """"in the morning", "the next morning", "by mid-afternoon", "mid-afternoon yesterday": a part of
    the day the sentence is about."""
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    before = WORD.findall(ctx.text[max(0, m.start() - 15):m.start()].lower())
    lead = bool(before) and before[-1] in PART_LEAD_WORDS
    if rel in ("the", "that", "") and not (lead or m["rd"]):
        return None  # "good evening", "the morning show"
    if re.match(r"['’]s|\s+(?:news|show|paper|papers|edition|prayers?|rush|programme|program)\b", ctx.text[m.end():]):
        return None
    if m["rd"]:
        day = shift(ctx.anchor, "D", DAY_OFFSETS[m["rd"].lower()]) or unknown("D")
    elif rel in ("the next", "the following", "the previous"):
        ref, _ = ctx.reference(m.start())
        day = shift(ref, "D", -1 if rel == "the previous" else 1) or unknown("D")
    else:
        day = _sentence_day(ctx, m.start(), m.end()) or unknown("D")
    if rel in ("the next", "the following", "the previous"):
        return "DATE", day, None
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((m["mid"] or "").lower()) if m["mid"] else None
    return "TIME", day + "T" + lexicon().parts_of_day[m["p"].lower()], mod


DAY_ORDINAL_LEAD = frozenset({"on", "by", "until", "till", "since", "from", "before", "after"})


@cache
def _not_a_day_ordinal() -> re.Pattern:
    """What follows an ordinal that counts something other than a day of the month."""
    return re.compile(rf"\s+(?:of\s+(?!(?:{_alt(lexicon().months)})\b)|century|anniversary|time|day|floor|round|place|consecutive)",
                      re.I)


def _day_ordinal(m: re.Match, ctx: Context) -> Result:
    """"overnight on the 12th": a day of the month the article is in, or of the month before when
    that day is still to come and the clause looks back."""
    before = WORD.findall(ctx.text[max(0, m.start() - 8):m.start()].lower())
    if not before or before[-1] not in DAY_ORDINAL_LEAD:
        return None  # "the 12th" names a day only after a preposition of time
    if _not_a_day_ordinal().match(ctx.text, m.end()):
        return None  # "the 12th of the war", "the 12th century", "the 12th time"
    a, day = ctx.anchor, int(m["d"])
    if a.day is None:
        return "DATE", "XXXX-XX-XX" if a.month is None else f"{a.year}-{a.month:02d}-{day:02d}", None
    tense = direction(ctx, m.start(), m.end(), near=True)
    step = -1 if day > a.day.day and tense != "future" else 1 if day < a.day.day and tense == "future" else 0
    y, month = add_months(a.year, a.month, step)
    return ("DATE", f"{y}-{month:02d}-{day:02d}", None) if _valid(y, month, day) else None


def _sentence_day(ctx: Context, start: int, end: int) -> str | None:
    """The day a clock time belongs to: a weekday or a date in its sentence, else the anchor."""
    lo, hi = ctx.sentence_bounds(start, end)
    best = None
    for rule in grammar():
        if rule.name not in ("weekday", "month_day", "named"):
            continue
        for m in rule.pattern.finditer(ctx.text, lo, hi):
            result = rule.normalise(m, ctx)
            if result and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result[1]):
                distance = min(abs(m.start() - end), abs(start - m.end()))
                if best is None or distance < best[0]:
                    best = (distance, result[1])
    return best[1] if best else (ctx.anchor.day.isoformat() if ctx.anchor.day else None)


def _clock(m: re.Match, ctx: Context) -> Result:
    if m["word"]:
        if re.search(r"\bhigh\s+$", ctx.text[max(0, m.start() - 6):m.start()].lower()) and not m["wd"]:
            return None  # "high noon comes today": a moment of decision, not a clock time
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["word"].lower()]
    elif m["ap"] or m["pp"]:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if not 1 <= hour <= 12:
            return None
        pm = m["ap"].lower().startswith("p") if m["ap"] else m["pp"].lower() != "morning" and not (
            m["pp"].lower() == "night" and hour <= 4)
        hour = hour % 12 + (12 if pm else 0)
    else:
        hour, minute = int(m["h24"]), int(m["m24"])
        if not (m["tz"] or m["wd"] or m["rd"]):
            before = ctx.text[max(0, m.start() - 4):m.start()].lower()
            if not re.search(r"\bat\s$", before):
                return None  # "3:2" scores and ratios
    if m["wd"]:
        _, day, _ = _weekday_value(m, ctx, m["wd"])
    elif m["rd"]:
        day = shift(ctx.anchor, "D", DAY_OFFSETS[m["rd"].lower()]) or unknown("D")
    elif m["mon"]:
        day, _ = _day_value(ctx, _month_number(m["mon"]), int(re.match(r"\d+", m["d"])[0]), None, m.start(), m.end())
    else:
        day = _sentence_day(ctx, m.start(), m.end()) or unknown("D")
    clock = f"{hour:02d}" if m["word"] and m["word"].lower() == "midnight" else f"{hour:02d}:{minute:02d}"
    return "TIME", f"{day}T{clock}", None


def _easter(y: int, *, orthodox: bool = False) -> date:
    """Easter Sunday: the Gregorian computus (Meeus/Jones/Butcher), or the Julian one for the
    Orthodox churches, shifted to the Gregorian calendar."""
    if orthodox:
        a, b, c = y % 4, y % 7, y % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return date(y, month, day + 1) + timedelta(days=y // 100 - y // 400 - 2)
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 2 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday 0) of a month."""
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _thanksgiving(y: int) -> date:
    return _nth_weekday(y, 11, 3, 4)


# Holidays whose day moves from year to year: (usual month, function of the year).
MOVABLE_HOLIDAYS: dict[str, tuple[int, Callable[[int], date]]] = {
    "thanksgiving": (11, _thanksgiving),
    "thanksgiving day": (11, _thanksgiving),
    "election day": (11, lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1)),  # US: Tuesday after the first Monday
    "easter": (4, _easter),
    "orthodox easter": (4, lambda y: _easter(y, orthodox=True)),
}


def _holiday(m: re.Match, ctx: Context) -> Result:
    name = re.sub(r"\s+", " ", m["h"].lower())
    year = int(m["y"]) if m["y"] else None
    week = name.endswith(" week")
    key = re.sub(r" (?:sunday|week)$", "", name)  # "Easter Sunday", "Easter week"
    if key in MOVABLE_HOLIDAYS:
        month, day_of = MOVABLE_HOLIDAYS[key]
        if year is None and ctx.anchor.year is None:
            return "DATE", f"XXXX-{month:02d}-XX", None
        near = day_of(year or ctx.anchor.year)  # this year's day decides between last year's and next year's
        value, _ = _day_value(ctx, near.month, near.day, year, m.start(), m.end())
        day = day_of(int(value[:4]))
        return "DATE", fmt_week(day) if week else day.isoformat(), None
    month, day = (int(x) for x in lexicon().holidays[name].split("-"))
    value, _ = _day_value(ctx, month, day, year, m.start(), m.end())
    return "DATE", value, None


# --------------------------------------------------------------------------- tagger


def tag(text: str, published: str | None, source: str = "") -> tuple[DateMention, ...]:
    """Find and normalise every temporal expression of a text against its publication date."""
    candidates = []
    for order, rule in enumerate(grammar()):
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), -(m.end() - m.start()), order, m, rule))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    ctx = Context(text=text, anchor=Anchor.parse(published))
    mentions, taken_until = [], -1
    # Leftmost-longest: a candidate is tried only where no accepted span covers it; a rejected
    # candidate lets the next (shorter or later) one try.
    for start, neg_len, _, m, rule in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        end = start - neg_len
        if start < taken_until or _is_title(rule.name, text, start, end, ctx):
            continue
        result = rule.normalise(m, ctx)
        if result is None:
            continue
        kind, value, mod = result
        mentions.append(
            DateMention(source=source, start=start, end=end, text=text[start:end], type=kind, value=value, mod=mod,
                        resolved="X" not in value or kind in ("SET", "DURATION"), rule=rule.name)
        )
        if kind in ("DATE", "TIME") and value[:4].isdigit():
            ctx.previous.append((start, end, value))
        taken_until = end
        if rule.name == "month_day" and (second := _coordinated_day(mentions[-1], text)):
            mentions.append(second)
            taken_until = second.end
    return _anchored_to_next(mentions, text)


ANCHORED_HEAD = re.compile(r"(?i)the\s+(?P<u>day|week|weekend)(?:\s+(?P<dir>before|after))?")
ANCHORED_GAP = re.compile(r"\s+(?P<of>of\s+)?")


def _anchored_to_next(mentions: list[DateMention], text: str) -> tuple[DateMention, ...]:
    """"the week of March 6", "the day before last Tuesday('s hearing)": a unit told against the date
    right after it is one expression, valued from that date rather than from the publication date."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        head = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        merged = _anchored(head, nxt, text) if nxt is not None else None
        if merged is not None:
            out.append(merged)
            i += 2
        else:
            out.append(head)
            i += 1
    return tuple(out)


def _anchored(head: DateMention, nxt: DateMention, text: str) -> DateMention | None:
    h = ANCHORED_HEAD.fullmatch(head.text)
    gap = ANCHORED_GAP.fullmatch(text, head.end, nxt.start)
    if not (h and gap and re.fullmatch(r"\d{4}-\d{2}-\d{2}", nxt.value)) or bool(h["dir"]) == bool(gap["of"]):
        return None  # "the day before" needs no "of"; "the week" needs one
    day = date.fromisoformat(nxt.value)
    unit = h["u"].lower()
    step = {"before": -1, "after": 1}.get((h["dir"] or "").lower(), 0)
    if unit == "day":
        value = (day + timedelta(days=step)).isoformat()
    else:
        value = fmt_week(day + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
    return replace(head, end=nxt.end, text=text[head.start:nxt.end], type="DATE", value=value, mod=None, resolved=True)


COORDINATED_DAY = re.compile(r"\s+(?:and|or|&)\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)?\b(?=\s*(?:[,.;:)]|$|\s+(?:in|at|on|when|as|to|and)\b))")


def _coordinated_day(first: DateMention, text: str) -> DateMention | None:
    """"April 24 and 25": the second day number is a date of the same month."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", first.value) or not (m := COORDINATED_DAY.match(text, first.end)):
        return None
    try:
        day = date.fromisoformat(first.value).replace(day=int(m["d"]))
    except ValueError:
        return None
    if day.isoformat() <= first.value:
        return None
    return replace(first, start=m.start("d"), end=m.end(), text=text[m.start("d"):m.end()], value=day.isoformat())


LOWERCASE_RULES = frozenset({"duration", "relative_unit", "named", "clock", "set_adverb", "vague_duration", "ago"})


def _is_title(rule: str, text: str, start: int, end: int, ctx: Context) -> bool:
    """"High Noon", "60 Minutes", ABC's "This Week": words that are lower case in prose, capitalised
    mid-sentence, name a film or a programme."""
    if rule not in LOWERCASE_RULES:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", text[start:end])]
    if not words or not all(w[0].isupper() for w in words):
        return False
    sentence_start = ctx.sentence_bounds(start, end)[0]
    return text[sentence_start:start].strip(" \"“‘'`(\n") != ""



def tag_document(document: Document) -> tuple[DateMention, ...]:
    """Tag one article's text (boilerplate left out) against the day it was written.

    When a wire dateline names a day up to three days before the publication date
    ("WASHINGTON, August 13 (Xinhua) --" in the paper of August 14), the story was written that
    day, and "Thursday" or "yesterday" count from it.
    """
    skip = [(s.start, s.end) for s in document.boilerplate]
    lo, hi = dateline_span(document.text)
    anchor = written_on(document.text[lo:hi], document.published)
    return tuple(
        mention
        for mention in tag(document.text, anchor, document.source)
        if not any(lo <= mention.start < hi for lo, hi in skip)
    )


DATELINE_LAG_DAYS = 3


def written_on(dateline: str, published: str | None) -> str | None:
    """The day a dateline names, when it falls shortly before the publication date; else that date."""
    day = Anchor.parse(published).day
    if not dateline or day is None:
        return published
    for mention in tag(dateline, published):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", mention.value):
            lag = (day - date.fromisoformat(mention.value)).days
            if 0 < lag <= DATELINE_LAG_DAYS:
                return mention.value
    return published


# --------------------------------------------------------------------------- dates of events and documents

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def event_date(mention: DateMention) -> EventDate | None:
    """The calendar date a DATE or TIME mention stands for, with its precision; None if it has none."""
    value = mention.value
    text, basis = mention.text, "text"
    if m := re.match(r"(\d{4}-\d{2}-\d{2})", value):
        return EventDate(date=m[1], precision="day", text=text, basis=basis)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            lo, hi = monday + timedelta(days=5), monday + timedelta(days=6)
            return EventDate(date=f"{lo}/{hi}", precision="range", text=text, basis=basis)
        return EventDate(date=f"{monday}/{monday + timedelta(days=6)}", precision="week", text=text, basis=basis)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return EventDate(date=value, precision="month", text=text, basis=basis)
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        y, q = int(m[1]), int(m[2])
        lo, hi = date(y, 3 * q - 2, 1), date(y + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
        return EventDate(date=f"{lo}/{hi}", precision="range", text=text, basis=basis)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        y, (first, last) = int(m[1]), SEASON_MONTHS[m[2]]
        ly, lm = add_months(y, last, 0) if last <= 12 else (y + 1, last - 12)
        hi = date(*add_months(ly, lm, 1), 1) - timedelta(days=1)
        return EventDate(date=f"{date(y, first, 1)}/{hi}", precision="range", text=text, basis=basis)
    if re.fullmatch(r"\d{4}", value):
        return EventDate(date=value, precision="year", text=text, basis=basis)
    return None


DATELINE_WINDOW = 400
YEARLESS_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Z.'’ -]{1,40},\s+)?(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})\s*\((?:[A-Z][\w.&' -]{1,30})\)")


def infer_published(text: str) -> str | None:
    """A publication date the text states: a dateline or a full date near its top.

    A dateline without its year ("May 11 (UPI) --") takes the year of the latest explicit
    year or full date the text mentions; with none, nothing is inferred (no year is guessed).
    """
    found = _dated_top(text)
    if found:
        return found
    if (m := YEARLESS_DATELINE.match(text)) and m["mon"].lower().rstrip(".") in {**lexicon().months, **lexicon().abbreviations}:
        years = [int(v[:4]) for v in (x.value for x in tag(text, None)) if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v)]
        if years and _valid(max(years), _month_number(m["mon"]), int(m["d"])):
            return f"{max(years)}-{_month_number(m['mon']):02d}-{int(m['d']):02d}"
    return None


def _dated_top(text: str) -> str | None:
    head = text[:DATELINE_WINDOW]
    for mention in tag(head, None):
        if mention.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", mention.value):
            line_start = head.rfind("\n", 0, mention.start) + 1
            line = head[line_start:head.find("\n", mention.end) if "\n" in head[mention.end:] else len(head)]
            # A date alone on its line, after "Published"/"Updated", or opening a dateline.
            if len(line.split()) <= 8 or re.match(r"\W*(published|updated|posted|dated)\b", line, re.I) or (
                mention.start - line_start < 40 and re.search(r"[(–—-]", line[mention.end - line_start:][:30])
            ):
                return mention.value
    return None
