"""The period a build covers: its window of days, the names of its outputs, and what changed since
the previous period's briefing.

A seven-day window is a week: its outputs are named by the ISO week that holds most of its days
(briefing-2024-W47.pdf, tables and charts in 2024-W47/); any other window by its days
(briefing-2024-11-01_2024-11-20.pdf, 2024-11-01_2024-11-20/). The previous period's events.json,
when it is there, tells what is new, what was updated and what is no longer covered.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import logging
import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from briefing.errors import ConfigError
from briefing.models import Changes, Document, Event, PastEvent, Quantity, Skipped, Update, Window, span_of
from briefing.read.readers import FEED_SUFFIXES

LOGGER = logging.getLogger(__name__)

LATEST = "latest.pdf"
LAST_WEEK = "last-week"  # --window last-week: the last full Monday-to-Sunday week before the build date
SAME_SUMMARY = 0.5  # share of words two summaries of one event have in common


def window(as_of: date, days: int | str | None = None, since: date | None = None,
           until: date | None = None) -> Window | None:
    """The window of a build: `days` up to `as_of` (or LAST_WEEK), or `since` to `until` (default
    `as_of`); None for all."""
    if days is not None and (since or until):
        raise ConfigError("give either --window or --since/--until, not both")
    if days == LAST_WEEK:
        return last_week(as_of)
    if days is not None:
        try:
            return Window(first=as_of - timedelta(days=days - 1), last=as_of)
        except OverflowError:
            raise ConfigError(f"--window {days} reaches back before the year 1 from {as_of}; give fewer days") from None
    if until and not since:
        raise ConfigError("--until needs --since: the window's first day")
    if since:
        last = until or as_of
        if last < since:
            raise ConfigError(f"--until {last} is before --since {since}")
        return Window(first=since, last=last)
    return None


def last_week(as_of: date) -> Window:
    """Monday to Sunday of the last full ISO week before `as_of`: on Monday 25 November 2024 (or any
    day to Sunday 1 December), 18 to 24 November, week 47; on Sunday 24 November, the week before,
    since its own week is not over."""
    try:
        last = as_of - timedelta(days=as_of.isoweekday())  # the Sunday before as_of
        return Window(first=last - timedelta(days=6), last=last)
    except OverflowError:
        raise ConfigError(f"--window {LAST_WEEK} reaches back before the year 1 from {as_of}") from None


def select(documents: tuple[Document, ...], span: Window) -> tuple[tuple[Document, ...], tuple[Skipped, ...], tuple[Skipped, ...]]:
    """Keep the articles published in the window. The others are skipped when they have no date (a
    problem: the article cannot be placed), or left out when they are dated outside the window (no
    problem: a growing folder holds many weeks). Says why for each."""
    kept, skipped, left_out = [], [], []
    for d in documents:
        if not d.published:
            skipped.append(Skipped(path=_named(d), reason=f"no publication date, so it cannot be placed in the {span.days}-day window"))
        elif span.holds(*span_of(d.published)):
            kept.append(d)
        else:
            left_out.append(Skipped(path=_named(d), reason=f"published {d.published}, outside {span.first} – {span.last}"))
    return tuple(kept), tuple(skipped), tuple(left_out)


def _named(document: Document) -> str:
    """The file of an article, and for an item of a feed its number in the feed (feed.atom#2), as the readers name it."""
    stem, _, number = document.source.rpartition("-")
    if document.path.suffix.lower() in FEED_SUFFIXES and stem.rpartition("/")[2] == document.path.stem and number.isdigit():
        return f"{document.path}#{int(number)}"
    return str(document.path)


def mark_background(events: tuple[Event, ...], span: Window) -> tuple[Event, ...]:
    """Mark the events dated outside the window: reported in it, they are background."""
    return tuple(dataclasses.replace(e, background=True) if e.date and not span.holds(e.date.first_day, e.date.last_day)
                 else e for e in events)


def layout(out: Path, span: Window | None) -> tuple[Path, Path]:
    """Where the PDF and the folder of tables and charts go: out/briefing.pdf and out/ for a build
    over every article; named by the window (its ISO week, or its days) for a build over a window."""
    if span is None:
        return out / "briefing.pdf", out
    return out / f"briefing-{span.name}.pdf", out / span.name


def previous_tables(out: Path, span: Window | None) -> Path | None:
    """The folder of the previous period's tables, when there is one to compare with: the week
    before for a week; for other windows, the period that ended the day before this one began
    (of the same length if there are several)."""
    if span is None:
        return None
    if span.week:
        candidates = [out / Window(first=span.first - timedelta(days=7), last=span.last - timedelta(days=7)).week]
    else:
        day_before = span.first - timedelta(days=1)
        same_length = Window(first=day_before - timedelta(days=span.days - 1), last=day_before)
        candidates = [out / same_length.name, *sorted(out.glob(f"????-??-??_{day_before.isoformat()}"), reverse=True),
                      out / day_before.isoformat()]
    return next((folder for folder in candidates if (folder / "events.json").is_file()), None)


def point_latest(out: Path, pdf: Path) -> Path:
    """Make out/latest.pdf point at the newest PDF: a relative symlink, or a copy where links are impossible."""
    latest, staged = out / LATEST, out / f".{LATEST}.new"
    staged.unlink(missing_ok=True)
    try:
        os.symlink(pdf.name, staged)
    except (OSError, NotImplementedError):
        shutil.copyfile(pdf, staged)
    os.replace(staged, latest)
    return latest


def read_previous(folder: Path) -> tuple[tuple[PastEvent, ...], dict[str, dict[str, float]]]:
    """The previous period's events, and its figures by event id (unit -> value)."""
    try:
        rows = json.loads((folder / "events.json").read_text("utf-8"))
        past = tuple(PastEvent(event_id=str(r["event_id"]), date=str(r.get("date") or ""), type=str(r["type"]),
                               summary=str(r.get("summary") or ""), sources=tuple(r.get("sources") or ()))
                     for r in rows)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        LOGGER.warning("previous briefing's %s is not readable (%s): nothing compared", folder / "events.json", exc)
        return (), {}
    figures: dict[str, dict[str, float]] = {}
    try:
        with (folder / "figures.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("event_id"):
                    figures.setdefault(row["event_id"], {}).setdefault(row["unit"], float(row["value"]))
    except (OSError, ValueError, KeyError):
        figures = {}
    return past, figures


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", text.lower()))


def _same(event: Event, past: PastEvent) -> bool:
    if event.type != past.type or (event.date.date if event.date else "") != past.date:
        return False
    if set(event.sources) & set(past.sources):
        return True
    mine, theirs = _words(event.summary), _words(past.summary)
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) >= SAME_SUMMARY


def changes(name: str, events: tuple[Event, ...], figures: tuple[Quantity, ...], folder: Path) -> Changes:
    """Compare a briefing's events with the previous period's: new, updated, no longer covered."""
    past, past_figures = read_previous(folder)
    mine: dict[str, dict[str, float]] = {}
    for f in figures:
        if f.event_id:
            mine.setdefault(f.event_id, {}).setdefault(f.unit, f.value)
    new, updated, matched = [], [], set()
    for event in events:
        was = next((p for p in past if p.event_id not in matched and _same(event, p)), None)
        if was is None:
            new.append(event)
            continue
        matched.add(was.event_id)
        if what := _what_changed(event, was, mine.get(event.event_id, {}), past_figures.get(was.event_id, {})):
            updated.append(Update(event=event, was=was, what=what))
    dropped = tuple(p for p in past if p.event_id not in matched)
    return Changes(previous=name, new=tuple(new), updated=tuple(updated), dropped=dropped)


def _what_changed(event: Event, was: PastEvent, figures: dict[str, float], before: dict[str, float]) -> str:
    said = []
    # sources that did not tell it before (the earlier ones may have fallen out of the window)
    if (more := len(set(event.sources) - set(was.sources))) > 0:
        said.append(f"{more} new source{'s' if more > 1 else ''}")
    for unit, value in sorted(figures.items()):
        if unit in before and before[unit] != value:
            said.append(f"figure revised: {_number(before[unit])} → {_number(value)} {unit.replace('_', ' ')}")
    return "; ".join(said)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
