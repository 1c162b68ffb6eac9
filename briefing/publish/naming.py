"""How the briefing names its records to a reader: event types, dates, claims, sources.

One vocabulary for every output stage: the prose (prose.py), the PDF (report.py) and the charts
(charts.py) all say "Air-defence intercept", "25 Nov 2023" or "S3" the same way, and none of them
needs another to know how.
"""
from __future__ import annotations

from datetime import date

from briefing.models import Document, Event

TYPE_NAMES = {
    "strike": "Strike", "air_defense_intercept": "Air-defence intercept", "ground_advance": "Ground advance",
    "aid_pledge": "Aid pledge", "policy_decision": "Policy decision", "statement": "Statement",
    "casualty_report": "Casualty report", "deployment": "Deployment",
    "disaster": "Disaster", "other": "Other",
}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
# Battlefield happenings that rest on someone's word. Pledges, decisions and deployments are
# announced by those who make them; that is no claim to weigh.
CLAIMED_TYPES = frozenset({"strike", "air_defense_intercept", "ground_advance", "casualty_report", "other"})
DATE_BASIS_MARKS = {"inherited": " †", "published": " ‡"}


def type_name(event_type: str) -> str:
    """The name of an event type as a heading or table cell says it: 'Air-defence intercept'."""
    return TYPE_NAMES[event_type]


def type_label(event_type: str) -> str:
    """The name of an event type inside a sentence or a chart legend: 'air-defence intercept'."""
    return TYPE_NAMES[event_type].lower()


def human_date(value: str) -> str:
    """'2023-11-25' -> '25 Nov 2023'; '2023-11' -> 'Nov 2023'; intervals as ranges."""
    if "/" in value:
        lo, hi = (date.fromisoformat(v) for v in value.split("/"))
        if lo.year == hi.year and lo.month == hi.month:
            return f"{lo.day}–{hi.day} {MONTHS[lo.month - 1]} {lo.year}"
        if lo.year == hi.year:
            return f"{lo.day} {MONTHS[lo.month - 1]} – {hi.day} {MONTHS[hi.month - 1]} {lo.year}"
        return f"{human_date(lo.isoformat())} – {human_date(hi.isoformat())}"
    if len(value) == 10:
        d = date.fromisoformat(value)
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if len(value) == 7:
        return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    return value


def event_when(event: Event) -> str:
    """When an event happened, as the table says it, marked † (inherited) or ‡ (reported on)."""
    if not event.date:
        return "date unknown"
    text = human_date(event.date.date)
    if event.date.precision == "week":
        text = "week of " + human_date(event.date.first_day)
    return text + DATE_BASIS_MARKS.get(event.date.basis, "")


def is_claim(event: Event) -> bool:
    """A battlefield happening that rests on someone's word."""
    return bool(event.attributed_to) and event.type in CLAIMED_TYPES


def claimed_by(event: Event) -> str | None:
    """'claimed by Ukraine's air force' for a claim; None for anything else."""
    return f"claimed by {event.attributed_to}" if is_claim(event) else None


def source_labels(documents: tuple[Document, ...]) -> dict[str, str]:
    """Short references S1, S2 ... in input order."""
    return {d.source: f"S{i}" for i, d in enumerate(documents, 1)}


def clip(text: str, words: int) -> str:
    """The first `words` words of a text, with an ellipsis when some were left out."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
