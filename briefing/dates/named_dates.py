"""Dates named on the calendar, with or without their year: "March 4", "4 March 2025", "May 2014",
"October", "1989", "nineteen ninety-six", "the 1990s", "the 12th century", "last summer", "Easter".

A date without its year takes the year of the anchor, moved back or ahead by the tense of its
clause (cues.py) unless that would put it far away while the other reading is near.
"""
from __future__ import annotations

import re
from datetime import date

from briefing.dates.anchor import Anchor, MOVABLE_HOLIDAYS, fmt_week, valid_date
from briefing.dates.context import Context, Result, reads, WORD
from briefing.dates.cues import direction
from briefing.dates.vocabulary import lexicon


def month_number(name: str) -> int:
    """The number of a month from its name or abbreviation."""
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


def day_value(
    ctx: Context, month: int, day: int, year: int | None, start: int, end: int, weekday: int | None = None
) -> tuple[str, bool]:
    """A month-day with or without year; the year from a stated weekday, else the anchor and the tense."""
    if year is not None:
        return f"{year}-{month:02d}-{day:02d}", True
    a = ctx.anchor
    if a.year is None:
        return f"XXXX-{month:02d}-{day:02d}", False
    candidates = [y for y in (a.year - 1, a.year, a.year + 1) if valid_date(y, month, day)]
    if not candidates:  # "29 February" around 1900 or 2100: no year near the anchor has it
        return f"XXXX-{month:02d}-{day:02d}", False
    if weekday is not None:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
        fitting = [y for y in candidates if date(y, month, day).isoweekday() == weekday]
        if len(fitting) == 1:
            return f"{fitting[0]}-{month:02d}-{day:02d}", True
    if a.month is None:  # only the year is known: the date is in it, or it cannot be placed
        if a.year not in candidates:
            return f"XXXX-{month:02d}-{day:02d}", False
        return f"{a.year}-{month:02d}-{day:02d}", True
    here = (a.month, a.day.day if a.day else 0)
    if a.day is None and month == a.month and a.year in candidates:
        return f"{a.year}-{month:02d}-{day:02d}", True
    tense = direction(ctx, start, end, near=True)
    if a.day is not None:
        nearest = min(candidates, key=lambda y: abs((date(y, month, day) - a.day).days))
    else:
        nearest = min(candidates, key=lambda y: _months_away(a, y, month))
    if tense == "past":
        # (at the calendar's ends there may be no earlier or later year: then the nearest one)
        y = max((y for y in candidates if (y, month, day) <= (a.year, *here)), default=nearest)
    elif tense == "future":
        y = min((y for y in candidates if (y, month, day) >= (a.year, *here)), default=nearest)
    else:
        y = nearest
    if _months_away(a, y, month) > FAR_MONTHS and _months_away(a, nearest, month) <= NEAR_MONTHS:
        y = nearest  # "extended to Nov. 16" in a past-tense clause: next month, not a year ago
    return f"{y}-{month:02d}-{day:02d}", True


@reads("iso_date", "slash_date", "day_first_date")
def _iso_date(m: re.Match, ctx: Context) -> Result:
    y = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"]) + (100 if int(m["y"]) < 50 else 0)
    if not valid_date(y, int(m["m"]), int(m["d"])):
        return None
    return "DATE", f"{y}-{int(m['m']):02d}-{int(m['d']):02d}", None


@reads("month_day", "day_month")
def _month_day(m: re.Match, ctx: Context) -> Result:
    month, day = month_number(m["mon"]), int(re.match(r"\d+", m["d"])[0])
    year = int(m["y"]) if m["y"] else None
    if not valid_date(year or 2000, month, day):
        return None
    weekday = lexicon().weekdays[m["wd"].lower()] if m["wd"] else None
    value, _ = day_value(ctx, month, day, year, m.start(), m.end(), weekday)
    return "DATE", value, None


def position_mod(pos: str | None) -> str | None:
    """The TIMEX3 mod of a position word: "early" START, "mid" MID, "late" END."""
    return lexicon().positions.get(re.sub(r"\s+", " ", pos.lower())) if pos else None


def before_plural_noun(ctx: Context, end: int) -> bool:
    """Whether the next word looks like a plural noun, which makes a number before it a count."""
    after = WORD.findall(ctx.text[end:end + 20])
    word = after[0] if after else ""
    return word.islower() and word.endswith("s") and not word.endswith("ss") and word not in lexicon().not_plural


def spoken_year(words: str) -> int:
    """The year of "nineteen ninety-six", "nineteen oh five", "two thousand and one", "twenty twenty-four"."""
    numbers = lexicon().numbers | {"oh": 0}
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t not in ("and", "the", "year")]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + int(sum(numbers[t] for t in tokens[2:]))
    century = 1900 if tokens[0] == "nineteen" else 2000
    return century + int(sum(numbers[t] for t in tokens[1:] if t != "hundred"))


@reads("spoken_year")
def _spoken_year(m: re.Match, ctx: Context) -> Result:
    if before_plural_noun(ctx, m.end()):
        return None  # "nineteen ninety-six ballots"
    return "DATE", str(spoken_year(m["sy"] or m["sy2"])), None


@reads("month_year")
def _month_year(m: re.Match, ctx: Context) -> Result:
    if m["y"]:
        year = m["y"]
    elif m["sy"]:
        year = str(spoken_year(m["sy"]))
    elif ctx.anchor.year is None:
        year = "XXXX"
    else:
        year = str(ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()])
    return "DATE", f"{year}-{month_number(m['mon']):02d}", position_mod(m["pos"])


def _month_as_modifier(m: re.Match, ctx: Context, before: list[str]) -> bool:
    """"the March accession", "the May elections": a capitalised month between "the" and a noun."""
    following = re.match(r"\s+([a-z]+)", ctx.text[m.end():])
    return (
        bool(before) and before[-1] == "the" and m["mon"][0].isupper()
        and following is not None and following[1] not in lexicon().function_words
    )


@reads("month")
def _month(m: re.Match, ctx: Context) -> Result:
    name = m["mon"].lower().rstrip(".")
    month = month_number(name)
    before = ctx.words_before(m.start(), 20)
    if name in lexicon().ambiguous_months and not (m["rel"] or m["pos"]) and not (
        before and before[-1] in lexicon().month_lead_words
    ) and not _month_as_modifier(m, ctx, before):
        return None
    a, rel = ctx.anchor, (m["rel"] or "").lower()
    mod = position_mod(m["pos"])
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


@reads("year")
def _year(m: re.Match, ctx: Context) -> Result:
    if not (m["pos"] or m["fiscal"] or m["fy"]):
        before = ctx.words_before(m.start(), 12)
        if before and before[-1] == "at":
            return None  # "the index closed at 2082": a level, not a year
        if ctx.led_by(m.start(), "numbered"):
            return None  # "Security Council Resolution 1973", "Flight 1549": a thing's number
        # "2000 attacks": a count before a plural noun, unless a preposition says it is a time.
        if before_plural_noun(ctx, m.end()) and not ctx.led_by(m.start(), "year"):
            return None
    return "DATE", m["y"], position_mod(m["pos"])


@reads("decade")
def _decade(m: re.Match, ctx: Context) -> Result:
    digits = m["y"].strip("’'")
    if len(digits) == 2:
        digits = ("19" if ctx.anchor.year is None or ctx.anchor.year < 2030 else "20") + digits
        if ctx.anchor.year and int(digits) > ctx.anchor.year:
            digits = str(int(digits) - 100)
    return "DATE", digits[:3], position_mod(m["pos"])


@reads("century")
def _century(m: re.Match, ctx: Context) -> Result:
    return "DATE", f"{int(m['n']) - 1:02d}", None


@reads("season")
def _season(m: re.Match, ctx: Context) -> Result:
    lex, a = lexicon(), ctx.anchor
    code = lex.seasons[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"] or m["sy"]:
        return "DATE", f"{m['y'] or spoken_year(m['sy'])}-{code}", position_mod(m["pos"])
    after = ctx.text[m.end():m.end() + 4].lower()
    if not (rel or m["pos"]) and not ctx.led_by(m.start(), "season"):
        return None
    if m["s"].lower() == "fall" and (rel == "the" and after.startswith(" of")):
        return None  # "the fall of Kabul"
    if a.year is None:
        return "DATE", f"XXXX-{code}", position_mod(m["pos"])
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
    return "DATE", f"{y}-{code}", position_mod(m["pos"])


@reads("holiday")
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
        value, resolved = day_value(ctx, near.month, near.day, year, m.start(), m.end())
        if not resolved:
            return "DATE", value, None
        day = day_of(int(value[:4]))
        return "DATE", fmt_week(day) if week else day.isoformat(), None
    month, day = (int(x) for x in lexicon().holidays[name].split("-"))
    value, _ = day_value(ctx, month, day, year, m.start(), m.end())
    return "DATE", value, None

