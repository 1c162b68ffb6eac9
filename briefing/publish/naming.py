"""How the briefing names its records to a reader: event types, dates, claims, sources.

One vocabulary for every output stage: the prose (prose.py), the PDF (report.py) and the charts
(charts.py) all say "Air-defence intercept", "25 Nov 2023" or "S3" the same way, and none of them
needs another to know how.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from briefing.models import Document, Event, KeyDate

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
LONGEST_LINE = 60  # words: a sentence longer than this is told by its opening clauses
# Words of a line of page 1 and of the e-mail: an event, a key date (its sentences), a change since the last briefing.
EVENT_WORDS, KEY_DATE_WORDS, CHANGE_WORDS = LONGEST_LINE, 50, 50
CLAUSE_END = re.compile(r"(?:[,;:]|\s[—–-])\s+")


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


def sentences_within(sentences: Sequence[str], words: int) -> str:
    """As many whole sentences as fit in `words` words, the first always: no sentence is cut short."""
    told: list[str] = []
    count = 0
    for sentence in (" ".join(s.split()) for s in sentences):
        n = len(sentence.split())
        if told and count + n > words:
            break
        told.append(clause(sentence) if not told else sentence)
        count += n
    return " ".join(told)


def clause(sentence: str, words: int = LONGEST_LINE) -> str:
    """A sentence as a line says it: whole up to `words` words; a longer one by its opening clauses,
    to the last comma, semicolon or dash within them, closed with a stop (never cut mid-clause)."""
    sentence = " ".join(sentence.split())
    parts = sentence.split()
    if len(parts) <= words:
        return sentence
    limit = len(" ".join(parts[:words]))
    cuts = [m.start() for m in CLAUSE_END.finditer(sentence, 0, limit + 1)]
    if not cuts:
        return " ".join(parts[:words]) + " …"  # one clause of more than `words` words: a run-on, not prose
    return sentence[:cuts[-1]].rstrip() + "."


def event_line(event: Event, words: int = EVENT_WORDS) -> str:
    """What an event's line on page 1 says: its sentence, whole or by its opening clauses."""
    return clause(event.sentence or event.summary, words)


def key_date_line(key: KeyDate, words: int = KEY_DATE_WORDS) -> str:
    """What a key date's line says: its clearest sentences, whole, as many as fit in `words`."""
    return sentences_within([s.text for s in key.sentences], words)
