"""Links inside the PDF: to a source's entry, to an event's row of the event table.

Every link has a target. Every source has one (its section, or its row of the source table); an
event has one only when the event table holds it, and which events it holds is decided once, by
`salience.table_events`. The PDF makes every link here, so an event the table leaves out is named
as plain text wherever it is cited (page 1, the changes, a source's events) instead of pointing at
nothing, which reportlab refuses to lay out.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from briefing.corpus import salience
from briefing.models import Briefing, Event
from briefing.publish.naming import source_labels

LINK_COLOR = "#1a5fb4"
CITED_SOURCES = 3  # source links shown beside a key date, then "+N more"
MAX_CELL_SOURCES = 12  # a story carried by 150 sources must not make a table row taller than a page


class Links:
    """The link targets of one PDF: the source labels (S1 ...) and the events its table holds."""

    def __init__(self, briefing: Briefing):
        self.labels = source_labels(briefing.documents)
        self.tabled: tuple[Event, ...] = salience.table_events(briefing.events, briefing.key_dates)
        self._tabled_ids = frozenset(e.event_id for e in self.tabled)

    def has_event(self, event_id: str) -> bool:
        """Whether the event table holds the event (its row is a link target)."""
        return event_id in self._tabled_ids

    def event(self, event_id: str) -> str:
        """The event's id: a link to its row of the table, or plain text when the table leaves it out."""
        if self.has_event(event_id):
            return f'<a href="#ev-{event_id}" color="{LINK_COLOR}">{event_id}</a>'
        return escape(event_id)

    def source(self, source: str) -> str:
        """A source's label, linked to its entry; an unknown source as its escaped id."""
        label = self.labels.get(source)
        return f'<a href="#src-{label}" color="{LINK_COLOR}">{label}</a>' if label else escape(source)

    def sources(self, sources: tuple[str, ...], limit: int = MAX_CELL_SOURCES) -> str:
        """Links to the sources by label; a story carried by many sources names the first `limit`."""
        shown = ", ".join(self.source(s) for s in sources[:limit])
        return shown + (f" and {len(sources) - limit} more" if len(sources) > limit else "")

    def some_sources(self, sources: tuple[str, ...]) -> str:
        """The first few source links, then how many more: 'S3, S9, S12 +20 more'."""
        # "+14 more" is kept on one line (a no-break space): a narrow column would leave "more" alone
        more = f" +{len(sources) - CITED_SOURCES}\u00a0more" if len(sources) > CITED_SOURCES else ""
        return self.sources(sources[:CITED_SOURCES]) + more
