"""Quarters, halves and fiscal years, as business news tells them: "the third quarter", "Q3 2024",
"the year-ago quarter", "the quarter ended Sept. 30", "fiscal 1989", "the first half of 2012".

A text reporting results keeps coming back to the quarter it reports on ("the quarter", "a year
earlier"); the context remembers the quarters the text states so that those words find it.
"""
from __future__ import annotations

import re
from datetime import date

from briefing.dates.anchor import quarter_of, shift
from briefing.dates.context import Context, Result, reads
from briefing.dates.cues import cue_words, direction
from briefing.dates.named_dates import day_value, month_number
from briefing.dates.vocabulary import lexicon


QUARTER_ENDED = re.compile(r"\s+end(?:ed|ing)\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:,?\s+(?P<y>(?:19|20)\d\d))?")


def _stated_quarter(ctx: Context, start: int) -> tuple[int, str] | None:
    """(position, value) of the quarter the text is reporting on: the last one it stated (not a
    year-ago one), if it is near enough to still be the subject."""
    if ctx.quarters and start - ctx.quarters[-1][0] < 1500:
        return ctx.quarters[-1]
    return None


def last_quarter(ctx: Context, start: int) -> str | None:
    """The value of the quarter the text reports on, if it stated one not long before `start`."""
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
    after = cue_words(ctx.text[m.end():ctx.sentence_bounds(m.start(), m.end())[1]])[:6]
    return direction(ctx, m.start(), m.end()) == "past" and not any(w in lex.future_cues or w in lex.modal_cues for w in after)


@reads("quarter")
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
        reported = last_quarter(ctx, m.start()) if not word else None
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
        month = month_number(ended["mon"])
        ended_on, _ = day_value(ctx, month, int(ended["d"]), int(ended["y"]) if ended["y"] else None, m.start(), m.end())
        value = f"{ended_on[:4]}-Q{quarter_of(month)}"
        _report_quarter(ctx, m.start(), m.end(), value, ended=True)
    else:  # "the quarter", "the latest quarter", "last quarter": the one being reported on
        value = last_quarter(ctx, m.start()) or shift(a, "Q", -1)
    if year_offset and value and value[:4].isdigit():  # a quarter of no known year stays so ("XXXX-Q1")
        value = f"{int(value[:4]) + year_offset}{value[4:]}"
    return "DATE", value, None


@reads("short_period")
def _short_period(m: re.Match, ctx: Context) -> Result:
    """Q3 2024, 2024 Q3, H1 2024, FY2024: business shorthands for quarters, halves and fiscal years."""
    if m["fy"]:
        year = m["fy"] if len(m["fy"]) == 4 else ("20" if int(m["fy"]) < 50 else "19") + m["fy"]
        return "DATE", year, None
    kind, year = (m["k"] or m["k2"]).upper(), m["y"] or m["y2"]
    if kind.startswith("Q"):
        _report_quarter(ctx, m.start(), m.end(), f"{year}-{kind}")
    return "DATE", f"{year}-{kind}", None


@reads("whole_year")
def _whole_year(m: re.Match, ctx: Context) -> Result:
    if re.match(r"\s+end(?:ed|ing)\b", ctx.text[m.end():]):
        return "DURATION", "P1Y", None  # "the fiscal year ended Jan. 31": its length
    offset = {"last": -1, "previous": -1, "past": -1, "latest": 0, "next": 1, "coming": 1}.get((m["rel"] or "").lower(), 0)
    return "DATE", str(ctx.anchor.year + offset) if ctx.anchor.year is not None else "XXXX", None


@reads("year_end")
def _year_end(m: re.Match, ctx: Context) -> Result:
    if ctx.anchor.year is None:
        return "DATE", "XXXX", "END"
    past = direction(ctx, m.start(), m.end(), near=True) == "past" or ctx.text[max(0, m.start() - 6):m.start()].lower().endswith("since ")
    return "DATE", str(ctx.anchor.year - past), "END"


@reads("year_earlier")
def _year_earlier(m: re.Match, ctx: Context) -> Result:
    if (value := last_quarter(ctx, m.start())) is not None:  # a quarter of no known year: so is the one before
        return "DATE", f"{int(value[:4]) - 1}{value[4:]}" if value[:4].isdigit() else value, None
    if ctx.anchor.year is None:
        return "DATE", "XXXX", None
    return "DATE", str(ctx.anchor.year - 1), None


@reads("half")
def _half(m: re.Match, ctx: Context) -> Result:
    h = 1 if (m["h"] or m["q2"]).lower() == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", None
    if ctx.anchor.year is None:
        return "DATE", f"XXXX-H{h}", None
    offset = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return "DATE", f"{ctx.anchor.year + offset}-H{h}", None

