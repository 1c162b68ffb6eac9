"""The first page of the PDF: title, what is new since the last briefing, the key developments
(at scale, the key dates) and the summary. Every event it cites links to the event table only when
the table holds it (links.py)."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from briefing.corpus import salience
from briefing.models import Briefing, Changes, Event, KeyDate
from briefing.publish.flowables import Heading, Paragraph, paragraphs
from briefing.publish.links import Links
from briefing.publish.naming import (
    CHANGE_WORDS,
    EVENT_WORDS,
    KEY_DATE_WORDS,
    TYPE_NAMES,
    clip,
    event_line,
    event_when,
    human_date,
    key_date_line,
    type_label,
    type_name,
)

CHANGES_SHOWN = 6


def first_page(briefing: Briefing, prose: dict[str, str], links: Links, st: dict) -> list[Flowable]:
    """Title and counts, the changes since the last briefing, the key developments, the summary."""
    cfg, period = briefing.config, briefing.period
    period_text = f"{human_date(period[0])} – {human_date(period[1])}" if period else "no dated events"
    story: list[Flowable] = [
        Heading(escape(cfg.title), st["title"], 0, "top"),
        Paragraph(f"Period covered: {escape(period_text)}<br/>Built {escape(human_date(cfg.as_of.isoformat()))} from "
                  f"{len(briefing.documents)} sources · {len(briefing.events)} dated events · {len(briefing.figures)} figures",
                  st["subtitle"]),
        Spacer(0, 6 * mm),
        *changes_flowables(briefing.changes, links, st),
        Heading("Key developments", st["h1"], 0, "key"),
    ]
    if leads_with_key_dates(briefing):
        for key in salience.leading_key_dates(briefing.key_dates):
            story.append(Paragraph(key_date_bullet(key, links, KEY_DATE_WORDS), st["bullet"], bulletText="•"))
    else:
        for event in briefing.key_developments:
            story.append(Paragraph(event_bullet(event, links, EVENT_WORDS), st["bullet"], bulletText="•"))
    return story + [Heading("Summary", st["h1"], 0, "summary"), *paragraphs(prose["executive_summary"], st["body"])]


def leads_with_key_dates(briefing: Briefing) -> bool:
    """Whether page 1 leads with the key dates: beyond a table's worth of events, when there are some."""
    return salience.at_scale(briefing.events) and bool(briefing.key_dates)


def event_bullet(event: Event, links: Links, words: int, note: str = "") -> str:
    """'19 Mar 2011 · Strike: what happened [S3, S9, E012]' for one event."""
    return (f"<b>{escape(event_when(event))}</b> · {type_name(event.type)}{escape(note)}: {escape(event_line(event, words))} "
            f"[{links.sources(event.sources)}, {links.event(event.event_id)}]")


def key_date_bullet(key: KeyDate, links: Links, words: int) -> str:
    """'19 Mar 2011 · what happened [S3, S9, S12 +20 more · E123]' for one key date."""
    event = f" · {links.event(key.event_ids[0])}" if key.event_ids else ""
    return (f"<b>{escape(human_date(key.date))}</b> · {escape(key_date_line(key, words)) or 'many articles refer to this day'} "
            f"[{links.some_sources(key.sources)}{event}]")


def changes_flowables(changes: Changes | None, links: Links, st: dict) -> list[Flowable]:
    """The opening section of a periodic briefing: what is new, updated and dropped since the last one."""
    if changes is None:
        return []

    def line(e: Event, note: str) -> Paragraph:
        return Paragraph(event_bullet(e, links, CHANGE_WORDS, note), st["bullet"], bulletText="•")

    out: list[Flowable] = [
        Heading(f"New since the last briefing ({escape(changes.previous)})", st["h1"], 0, "changes"),
        Paragraph(f"{len(changes.new)} new events, {len(changes.updated)} updated, {len(changes.dropped)} "
                  f"no longer covered.", st["body"]),
    ]
    fresh = sorted(changes.new, key=lambda e: (e.background, -len(e.sources), e.event_id))[:CHANGES_SHOWN]
    out += [line(e, " (new)") for e in sorted(fresh, key=lambda e: e.event_id)]
    out += [line(u.event, f" ({u.what})") for u in changes.updated[:CHANGES_SHOWN]]
    if changes.dropped:
        gone = "; ".join(f"{human_date(p.date) if p.date else 'undated'} {type_label(p.type) if p.type in TYPE_NAMES else p.type}: "
                         f"{clip(p.summary, 12)}" for p in changes.dropped[:3])
        more = f" and {len(changes.dropped) - 3} more" if len(changes.dropped) > 3 else ""
        out.append(Paragraph(escape(f"No longer covered: {gone}{more}."), st["meta"]))
    return out
