"""The event, figure and source tables: built once as pandas DataFrames, written as CSV and JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from briefing.models import Document, Event, KeyDate, Quantity, Subject
from briefing.read.untrusted import printable

EVENT_COLUMNS = ["event_id", "date", "precision", "date_text", "date_basis", "type", "summary", "location", "actors",
                 "weapons", "attributed_to", "sources", "source", "start", "end", "sentence", "salience", "background", "on_topic"]
FIGURE_COLUMNS = ["figure_id", "source", "value", "value_max", "unit", "category", "qualifier", "phrase", "what", "date",
                  "event_id", "start", "end"]
TIMELINE_COLUMNS = ["date", "rank", "score", "summary", "event_ids", "sources"]
SOURCE_COLUMNS = ["source", "title", "publisher", "url", "author", "published", "published_basis", "path", "on_topic"]
LIST_SEPARATOR = ";"
# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM(...)", "+1", a tab or CR first):
# in the CSV files it is written after an apostrophe, which spreadsheets show as text. The JSON keeps it raw.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_CHARS = 32_767  # the most a spreadsheet cell holds (Excel); Python's csv reads up to 131,072
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def events_frame(events: tuple[Event, ...], off_topic: frozenset[str] = frozenset()) -> pd.DataFrame:
    """The event table, one row per event, with a fixed column list; `on_topic` is false for the events
    not about the briefing's subject (corpus/topic.py's events_off_topic), as the PDF marks them."""
    rows = [{
        "event_id": e.event_id,
        "date": e.date.date if e.date else "",
        "precision": e.date.precision if e.date else "",
        "date_text": e.date.text if e.date else "",
        "date_basis": e.date.basis if e.date else "",
        "type": e.type,
        "summary": e.summary,
        "location": list(e.location),
        "actors": list(e.actors),
        "weapons": list(e.weapons),
        "attributed_to": e.attributed_to or "",
        "sources": list(e.sources),
        "source": e.source,
        "start": e.start,
        "end": e.end,
        "sentence": e.sentence,
        "salience": e.salience,
        "background": e.background,
        "on_topic": e.event_id not in off_topic,
    } for e in events]
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def figures_frame(figures: tuple[Quantity, ...]) -> pd.DataFrame:
    """The figure table, one row per figure."""
    rows = [{c: getattr(f, c) for c in FIGURE_COLUMNS} for f in figures]
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    return frame.astype({"value": "float64", "value_max": "float64"})


def sources_frame(documents: tuple[Document, ...], subject: Subject | None = None) -> pd.DataFrame:
    """One row per article with what is known of it, and whether it is about the briefing's subject."""
    rows = [{
        "source": d.source, "title": d.title, "publisher": d.publisher or "", "url": d.url or "",
        "author": d.author or "", "published": d.published or "", "published_basis": d.published_basis,
        "path": printable(d.path.as_posix()), "on_topic": subject is None or subject.about(d.source),
    } for d in documents]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def timeline_frame(key_dates: tuple[KeyDate, ...]) -> pd.DataFrame:
    """One row per key date, best first."""
    rows = [{"date": k.date, "rank": k.rank, "score": k.score, "summary": k.summary, "event_ids": list(k.event_ids),
             "sources": list(k.sources)} for k in key_dates]
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS).astype({"rank": "int64", "score": "float64"})


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with ";" for CSV."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(lambda v: LIST_SEPARATOR.join(v) if isinstance(v, list) else v)
    return out


def inert(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula, and that fits a spreadsheet cell (a longer
    one ends in "…"; events.json keeps it whole); numbers ("-5000000") stay as they are."""
    if not isinstance(value, str):
        return value
    if len(value) > CELL_CHARS:
        value = value[:CELL_CHARS - 1] + "…"
    if value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame.map(inert).to_csv(path, index=False)


def _plain_value(value: float) -> str:
    return "" if pd.isna(value) else (str(int(value)) if float(value).is_integer() else repr(float(value)))


def write_tables(folder: Path, events: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame,
                 timeline: pd.DataFrame) -> list[Path]:
    """Write events.csv, events.json, figures.csv, sources.csv and timeline.csv into a folder."""
    written = []
    _csv(_flat(events), folder / "events.csv")
    records = json.loads(events.to_json(orient="records", force_ascii=False))
    (folder / "events.json").write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    plain = figures.copy()
    for column in ("value", "value_max"):
        plain[column] = plain[column].map(_plain_value)
    _csv(plain, folder / "figures.csv")
    _csv(sources, folder / "sources.csv")
    _csv(_flat(timeline), folder / "timeline.csv")
    written += [folder / n for n in ("events.csv", "events.json", "figures.csv", "sources.csv", "timeline.csv")]
    return written
