"""Tie each figure to the event its sentence tells, keep a figure told twice in an article once, number them."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from briefing.extract.figures import article_figures
from briefing.extract.figures.patterns import modifiers_of, patterns
from briefing.models import DateMention, Event, Parse, Quantity, Sentence, is_currency


def attach_figures(found: tuple[Quantity, ...], sentences: tuple[Sentence, ...], events: tuple[Event, ...]) -> tuple[Quantity, ...]:
    """Tie each figure to the event its sentence tells, keep a figure told twice in an article once, number them.

    A figure told twice is kept from the sentence of an event if one tells it (a headline repeats
    the lead's figures without its date)."""
    starts: dict[str, list[int]] = {}
    for s in sentences:
        starts.setdefault(s.source, []).append(s.start)
    for values in starts.values():
        values.sort()
    told: dict[tuple[str, int], list[Event]] = {}
    for e in events:
        told.setdefault((e.source, e.start), []).append(e)

    def sentence_start(q: Quantity) -> int:
        own = starts[q.source]
        return own[bisect_right(own, q.start) - 1]

    placed = [(sentence_start(q), q) for q in found]
    placed.sort(key=lambda p: (p[1].source, (p[1].source, p[0]) not in told, p[0]))
    out: list[Quantity] = []
    seen: set[tuple] = set()
    categories = patterns().category_of_event
    listed = {unit for unit, _ in patterns().unit_of.values()}
    for start, q in placed:
        key = (q.source, q.value, q.unit)
        described = (q.source, q.value, *modifiers_of(q.phrase))
        if key in seen or len(described) > 2 and described in seen:
            continue  # told before; or retold with the same words ("two major fires" ... "two major facilities")
        seen.update({key, described} if len(described) > 2 else {key})
        # the event of the sentence whose trigger is nearest the figure ("35 drones ... launched")
        event = min(told.get((q.source, start), ()), key=lambda e: abs(e.trigger_start - q.start), default=None)
        category = q.category
        if q.unit == "troops" and event and event.type == "casualty_report":
            category = "casualties"  # "Russia had lost 1,250 soldiers": troops counted in a casualty report
        elif category == "other" and event and not is_currency(q.unit) and q.unit not in listed:
            category = categories.get(event.type, "other")  # a noun no list names: the clause's event says
        out.append(replace(
            q,
            category=category,
            date=event.date.date if event and event.date else None,
            event_id=event.event_id if event else None,
        ))
    out.sort(key=lambda q: (q.source, q.start))
    return tuple(replace(q, figure_id=f"F{i:03d}") for i, q in enumerate(out, 1))


def extract_figures(sentences: tuple[Sentence, ...], events: tuple[Event, ...],
                    mentions: tuple[DateMention, ...] = (), parses: tuple[Parse, ...] = ()) -> tuple[Quantity, ...]:
    """The figures of all articles, each with the date of the event its sentence tells."""
    return attach_figures(article_figures(sentences, mentions, parses), sentences, events)
