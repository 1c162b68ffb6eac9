"""Merge the same event told by several articles into one row, then sort and number the events.

Two tellings are of one event when they share a type, a day (or overlapping days where one is dated
only by its publication) and a person, organisation, weapon or place below country level.
"""
from __future__ import annotations

from dataclasses import replace

from briefing.extract.events import article_events, union
from briefing.extract.gazetteer import gazetteer
from briefing.models import DateMention, Document, Event, Parse, Sentence

PRECISION_RANK = {"day": 0, "range": 1, "week": 2, "month": 3, "year": 4}
BASIS_RANK = {"text": 0, "inherited": 1, "published": 2}


def _same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or not a.date or not b.date or a.source == b.source:
        return False
    if a.date.date != b.date.date and not (
        a.date.first_day <= b.date.last_day and b.date.first_day <= a.date.last_day and "published" in (a.date.basis, b.date.basis)
    ):
        return False
    # A country is named in nearly every story: only a person, an organisation, a weapon or a
    # place below country level shows that two tellings are of the same event.
    countries = gazetteer().country_names
    shared = (set(a.actors) - countries) & (set(b.actors) - countries) or set(a.weapons) & set(b.weapons) or (
        (set(a.location) - countries) & (set(b.location) - countries)
    )
    return bool(shared)


def _marks(event: Event, countries: frozenset[str]) -> list[tuple[str, str]]:
    """What two tellings of this event must share, one of them at least (see `_same_event`)."""
    return ([("actor", a) for a in event.actors if a not in countries] + [("weapon", w) for w in event.weapons]
            + [("place", p) for p in event.location if p not in countries])


def merge(events: list[Event]) -> list[Event]:
    """One row per event told by several articles, keeping the best-dated telling."""
    # An event joins the first group with a telling of the same event. Two tellings of one event
    # share a type and a person, organisation, weapon or place (`_same_event`): so only the
    # tellings filed under one of the event's (type, mark) are compared, not every group.
    countries = gazetteer().country_names
    groups: list[list[Event]] = []
    filed: dict[tuple[str, str, str], list[tuple[int, Event]]] = {}
    for event in events:
        keys = list(dict.fromkeys((event.type, kind, name) for kind, name in _marks(event, countries)))
        same = [g for key in keys for g, other in filed.get(key, ()) if _same_event(event, other)]
        if same:
            group = min(same)
            groups[group].append(event)
        else:
            group = len(groups)
            groups.append([event])
        for key in keys:
            filed.setdefault(key, []).append((group, event))
    merged = []
    for group in groups:
        best = min(group, key=lambda e: (BASIS_RANK[e.date.basis] if e.date else 9,
                                         PRECISION_RANK.get(e.date.precision, 5) if e.date else 9))
        sources = (best.source,) + tuple(dict.fromkeys(e.source for e in group if e.source != best.source))
        tellings = [best, *group]
        merged.append(replace(best, sources=sources, actors=union(tellings, "actors"), weapons=union(tellings, "weapons"),
                              location=union(tellings, "location")))
    return merged


def _descending(day: str) -> int:
    return -int(day.replace("-", ""))


def number_events(events: tuple[Event, ...]) -> tuple[tuple[Event, ...], tuple[Event, ...]]:
    """Merge the dated events of all articles, sort and number them; return them and the undated ones."""
    dated = [e for e in events if e.date]
    # A period comes before the days inside it, as a month heads its days in a calendar.
    merged = sorted(merge(dated), key=lambda e: (e.date.first_day, _descending(e.date.last_day), e.source, e.start))
    numbered = tuple(replace(e, event_id=f"E{i:03d}") for i, e in enumerate(merged, 1))
    return numbered, tuple(e for e in events if not e.date)


def extract_events(documents: tuple[Document, ...], sentences: tuple[Sentence, ...],
                   mentions: tuple[DateMention, ...], parses: tuple[Parse, ...] = ()) -> tuple[tuple[Event, ...], tuple[Event, ...]]:
    """Dated events of all articles, merged and numbered; and the events whose date stays unknown."""
    found = []
    for document in documents:
        own_sentences = tuple(s for s in sentences if s.source == document.source)
        own_mentions = tuple(m for m in mentions if m.source == document.source)
        found.extend(article_events(document, own_sentences, own_mentions, parses))
    return number_events(tuple(found))
