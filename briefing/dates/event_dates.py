"""What other stages take from the tagger: the calendar span of an event's date (event_date),
a publication date the text itself states (infer_published), and where each sentence's
temporal expressions lie (sentence_spans)."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from briefing.dates.anchor import SEASON_MONTHS, add_months, valid_date
from briefing.dates.named_dates import month_number
from briefing.dates.tagger import tag
from briefing.dates.vocabulary import lexicon
from briefing.models import DateMention, EventDate, Sentence


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
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        lo, hi = ("01-01", "06-30") if m[2] == "1" else ("07-01", "12-31")
        return EventDate(date=f"{m[1]}-{lo}/{m[1]}-{hi}", precision="range", text=text, basis=basis)
    if re.fullmatch(r"\d{4}", value):
        return EventDate(date=value, precision="year", text=text, basis=basis)
    return None


# Periods told against the publication day, for the events that fill them: a tally "since January"
# or "so far this year" runs to the day of writing; "the past two weeks" ends the day before it.
UNIT_DAYS = {"D": 1, "W": 7}


def _back(day: date, n: int, unit: str) -> date:
    """The day n units (D, W, M, Y) before a day (the last day of a shorter month when it has no such day)."""
    if unit in UNIT_DAYS:
        return day - timedelta(days=n * UNIT_DAYS[unit])
    y, m = add_months(day.year, day.month, -n * (12 if unit == "Y" else 1))
    while not valid_date(y, m, min(day.day, 31)):
        day = day - timedelta(days=1)
    return date(y, m, day.day)


def counted_to(when: EventDate, published: str | None, text: str) -> EventDate | None:
    """A period from the first day of `when` to the publication day ("have been killed since January",
    "so far in 2016"); None when the publication day is unknown or comes first."""
    if published is None or len(published) != 10 or when.first_day > published:
        return None
    if when.first_day == published:
        return replace(when, text=text)
    return EventDate(date=f"{when.first_day}/{published}", precision="range", text=text, basis="text")


def elapsed(value: str, published: str | None, text: str) -> EventDate | None:
    """The days of a length of time that ends as the article is written ("the past two weeks", a
    DURATION P2W): from that long before the publication day to the day before it."""
    m = re.fullmatch(r"P(\d+)([DWMY])", value)
    if not m or published is None or len(published) != 10:
        return None
    day = date.fromisoformat(published)
    return EventDate(date=f"{_back(day, int(m[1]), m[2])}/{day - timedelta(days=1)}", precision="range", text=text,
                     basis="text")


def part_of(value: str, first: bool, period: EventDate, text: str) -> EventDate | None:
    """"the first seven months of 2019", "the last ten days of March": the part of a period (a year
    or a month) that a length of time (a DURATION such as P7M) takes at its start or its end."""
    m = re.fullmatch(r"P(\d+)([DWM])", value)
    if not m or period.precision not in ("year", "month"):
        return None
    lo, hi = (date.fromisoformat(d) for d in (period.first_day, period.last_day))
    n, unit = int(m[1]), m[2]
    if first:
        end = _back(lo, -n, unit) - timedelta(days=1) if unit == "M" else lo + timedelta(days=n * UNIT_DAYS[unit] - 1)
        lo, hi = lo, min(end, hi)
    else:
        start = _back(hi + timedelta(days=1), n, unit)
        lo, hi = max(start, lo), hi
    return EventDate(date=f"{lo}/{hi}", precision="range", text=text, basis="text")


DATELINE_WINDOW = 400  # characters from the top where a dateline or a date line may stand
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
        if years and valid_date(max(years), month_number(m["mon"]), int(m["d"])):
            return f"{max(years)}-{month_number(m['mon']):02d}-{int(m['d']):02d}"
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


def sentence_spans(sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...]
                   ) -> Iterator[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]]:
    """For each sentence, the spans of its dates and times, and of all its temporal expressions,
    as offsets into it."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for m in mentions:
        spans.setdefault(m.source, []).append((m.start, m.end, m.type))
    for found in spans.values():
        found.sort()
    starts = {source: [lo for lo, _, _ in found] for source, found in spans.items()}
    for sentence in sentences:
        own = spans.get(sentence.source, [])
        first = bisect_left(starts[sentence.source], sentence.start) if own else 0
        inside = []
        for lo, hi, type_ in own[first:]:
            if lo >= sentence.end:
                break
            inside.append((lo - sentence.start, hi - sentence.start, type_))
        yield (tuple((lo, hi) for lo, hi, type_ in inside if type_ in ("DATE", "TIME")),
               tuple((lo, hi) for lo, hi, _ in inside))
