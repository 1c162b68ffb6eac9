"""Expressions told against the anchor or the last date told: "today", "now", "last week", "the
next day", "Tuesday", "late Wednesday night", "the next morning", "the 12th", "9 a.m. Tuesday".

A weekday takes its direction from the tense of its clause (cues.py); the day of a clock time or a
part of the day is the day its sentence names, else the anchor.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from briefing.dates.anchor import add_months, fmt_week, shift, unknown, valid_date
from briefing.dates.context import Context, Result, reads
from briefing.dates.cues import direction
from briefing.dates.named_dates import day_value, month_number, position_mod
from briefing.dates.vocabulary import alternation, lexicon


@reads("named")
def _named(m: re.Match, ctx: Context) -> Result:
    word = re.sub(r"\s+", " ", m["w"].lower())
    after = ctx.text[m.end():m.end() + 12]
    before = ctx.text[max(0, m.start() - 8):m.start()].lower()
    if word == "overnight" and re.match(r"\s+(?:on|into|to)\s", after):
        return None  # "overnight on the 12th", "overnight into Sunday": the day that follows says which night
    if word in lexicon().day_offsets:
        value = shift(ctx.anchor, "D", lexicon().day_offsets[word]) or unknown("D")
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
    return "DATE", lexicon().references[word], None


@reads("relative_unit")
def _relative_unit(m: re.Match, ctx: Context) -> Result:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    mod = position_mod(m["pos"])
    if m["wd"] and rel in ("the previous", "the preceding", "the following"):
        # "down 4.5% from the previous Friday": the one before the day the text is about
        ref, _ = ctx.reference(m.start())
        return weekday_value(m, ctx, m["wd"], forced="future" if rel == "the following" else "past", day=ref.day)
    if m["wd"]:
        return weekday_value(m, ctx, m["wd"], forced={"last": "past", "past": "past", "previous": "past", "next": "future",
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


def weekday_value(m: re.Match, ctx: Context, name: str, forced: str | None = None, day: date | None = None) -> Result:
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


@reads("weekday")
def _weekday(m: re.Match, ctx: Context) -> Result:
    return weekday_value(m, ctx, m["wd"])


@reads("day_part")
def _day_part(m: re.Match, ctx: Context) -> Result:
    anchor_word = m["a"].lower()
    part = (m["p"] or "").lower()
    if not part:
        if not (m["wd"] and m["pos"]):
            return None
        kind, value, _ = weekday_value(m, ctx, m["wd"])
        return kind, value, position_mod(m["pos"])
    if anchor_word == "last" and part != "night":
        return None
    if anchor_word == "this" and part == "night":
        return None
    if m["wd"]:
        _, day, _ = weekday_value(m, ctx, m["wd"])
    else:
        day = shift(ctx.anchor, "D", {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[anchor_word]) or unknown("D")
    return "TIME", day + "T" + lexicon().parts_of_day[part], position_mod(m["pos"])


@reads("part_of_day")
def _part_of_day(m: re.Match, ctx: Context) -> Result:
    """"in the morning", "the next morning", "by mid-afternoon", "mid-afternoon yesterday": a part of
    the day the sentence is about."""
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    lead = ctx.led_by(m.start(), "part_of_day", 15)
    if rel in ("the", "that", "") and not (lead or m["rd"]):
        return None  # "good evening", "the morning show"
    if _part_of_day_name().match(ctx.text, m.end()):
        return None  # "the morning's", "the evening news"
    if m["rd"]:
        day = shift(ctx.anchor, "D", lexicon().day_offsets[m["rd"].lower()]) or unknown("D")
    elif rel in ("the next", "the following", "the previous"):
        ref, _ = ctx.reference(m.start())
        day = shift(ref, "D", -1 if rel == "the previous" else 1) or unknown("D")
    else:
        day = sentence_day(ctx, m.start(), m.end()) or unknown("D")
    if rel in ("the next", "the following", "the previous"):
        return "DATE", day, None
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((m["mid"] or "").lower()) if m["mid"] else None
    return "TIME", day + "T" + lexicon().parts_of_day[m["p"].lower()], mod


@cache
def _part_of_day_name() -> re.Pattern:
    """What follows a part of the day that makes it part of a name or a possessive."""
    return re.compile(rf"['’]s|\s+(?:{alternation(lexicon().part_of_day_names)})\b")


@cache
def _not_a_day_ordinal() -> re.Pattern:
    """What follows an ordinal that counts something other than a day of the month."""
    lex = lexicon()
    return re.compile(rf"\s+(?:of\s+(?!(?:{alternation(lex.months)})\b)|{alternation(lex.ordinal_counts)})", re.I)


@reads("day_ordinal")
def _day_ordinal(m: re.Match, ctx: Context) -> Result:
    """"overnight on the 12th": a day of the month the article is in, or of the month before when
    that day is still to come and the clause looks back."""
    if not ctx.led_by(m.start(), "day_ordinal", 8):
        return None  # "the 12th" names a day only after a preposition of time
    if _not_a_day_ordinal().match(ctx.text, m.end()):
        return None  # "the 12th of the war", "the 12th century", "the 12th time"
    a, day = ctx.anchor, int(m["d"])
    if a.day is None:
        return "DATE", "XXXX-XX-XX" if a.month is None else f"{a.year}-{a.month:02d}-{day:02d}", None
    tense = direction(ctx, m.start(), m.end(), near=True)
    step = -1 if day > a.day.day and tense != "future" else 1 if day < a.day.day and tense == "future" else 0
    y, month = add_months(a.year, a.month, step)
    return ("DATE", f"{y}-{month:02d}-{day:02d}", None) if valid_date(y, month, day) else None


ELLIPSIS_HEAD = re.compile(r"(?i)\bthis\s+(?P<u>week|month|year|quarter)\s+(?:as|than|and|or)\s+$")


@reads("elliptical_last")
def _elliptical_last(m: re.Match, ctx: Context) -> Result:
    """"twice as high a dividend this year as last": the unit of the "this ..." it answers."""
    head = ELLIPSIS_HEAD.search(ctx.text, max(0, m.start() - 30), m.start())
    if head is None:
        return None
    code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q"}[head["u"].lower()]
    return "DATE", shift(ctx.anchor, code, -1) or unknown(code), None


def sentence_day(ctx: Context, start: int, end: int) -> str | None:
    """The day a clock time belongs to: a weekday or a date in its sentence, else the anchor."""
    lo, hi = ctx.sentence_bounds(start, end)
    best = None
    for rule in ctx.day_rules:
        for m in rule.pattern.finditer(ctx.text, lo, hi):
            result = rule.normalise(m, ctx)
            if result and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result[1]):
                distance = min(abs(m.start() - end), abs(start - m.end()))
                if best is None or distance < best[0]:
                    best = (distance, result[1])
    return best[1] if best else (ctx.anchor.day.isoformat() if ctx.anchor.day else None)


@reads("clock")
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
    elif m["hm"]:
        hour, minute = int(m["hm"][:2]), int(m["hm"][2:])
    else:
        hour, minute = int(m["h24"]), int(m["m24"])
        if not (m["tz"] or m["wd"] or m["rd"]):
            before = ctx.text[max(0, m.start() - 4):m.start()].lower()
            if not re.search(r"\bat\s$", before):
                return None  # "3:2" scores and ratios
    if m["wd"]:
        _, day, _ = weekday_value(m, ctx, m["wd"])
    elif m["rd"]:
        day = shift(ctx.anchor, "D", lexicon().day_offsets[m["rd"].lower()]) or unknown("D")
    elif m["mon"]:
        day, _ = day_value(ctx, month_number(m["mon"]), int(re.match(r"\d+", m["d"])[0]), None, m.start(), m.end())
    else:
        day = sentence_day(ctx, m.start(), m.end()) or unknown("D")
    clock = f"{hour:02d}" if m["word"] and m["word"].lower() == "midnight" else f"{hour:02d}:{minute:02d}"
    return "TIME", f"{day}T{clock}", None

