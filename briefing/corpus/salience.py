"""Choose the key developments: the few events a reader should see first.

Analysis, not layout: the pipeline calls `key_developments` once the events and figures are
known and carries the choice on the Briefing; the PDF only lays out what it is given.
"""
from __future__ import annotations

from briefing.models import Event, KeyDate, Quantity
from briefing.read import voice

# How much an event of each type matters to a reader of a conflict briefing.
TYPE_WEIGHT = {"strike": 9, "ground_advance": 8, "policy_decision": 8, "aid_pledge": 7, "air_defense_intercept": 6,
               "casualty_report": 7, "deployment": 6, "disaster": 8, "statement": 3, "other": 4}
# A date the text states is worth more than one inherited or taken from the publication day.
BASIS_WEIGHT = {"text": 2, "inherited": 1, "published": 1}
FEWEST, MOST = 5, 8
TABLE_EVENTS = 60  # events a PDF table holds; with more, the briefing leads with its key dates
MANY_SOURCES = 20  # with more, the PDF lists its sources in a table and summarises only the most important
SUMMARISED_SOURCES = 10


def at_scale(events: tuple[Event, ...]) -> bool:
    """Whether there are too many events to show them all: the PDF then leads with the key dates."""
    return len(events) > TABLE_EVENTS


def most_salient(events: tuple[Event, ...], count: int = TABLE_EVENTS, keep: frozenset[str] = frozenset()) -> tuple[Event, ...]:
    """The `count` events that matter most (keydates.event_salience), and those in `keep`, in the order given."""
    if len(events) <= count:
        return events
    ranked = sorted((e for e in events if e.event_id not in keep), key=lambda e: (-e.salience, -len(e.sources), e.event_id))
    kept = set(keep) | {e.event_id for e in ranked[:max(count - len(keep), 0)]}
    return tuple(e for e in events if e.event_id in kept)


def leading_key_dates(key_dates: tuple[KeyDate, ...], limit: int = MOST) -> tuple[KeyDate, ...]:
    """The key dates page one leads with, in date order: the best `limit`, the latest among them.

    The latest key date is where the story stands; few articles could look back to it, so it ranks
    low, and without it a page one of a long story stops months before its end."""
    best = list(key_dates[:limit])
    if key_dates and (latest := max(key_dates, key=lambda k: k.date)) not in best:
        best[-1] = latest
    return tuple(sorted(best, key=lambda k: k.date))


def table_events(events: tuple[Event, ...], key_dates: tuple[KeyDate, ...]) -> tuple[Event, ...]:
    """The events the PDF's table shows: all of them, or at scale the most salient and those page 1 leads with."""
    leading = frozenset(k.event_ids[0] for k in leading_key_dates(key_dates) if k.event_ids) if at_scale(events) else frozenset()
    return most_salient(events, keep=leading)


def from_key_dates(events: tuple[Event, ...], key_dates: tuple[KeyDate, ...], limit: int = MOST) -> tuple[Event, ...]:
    """The most salient event of each key date page one leads with, in date order."""
    by_id = {e.event_id: e for e in events}
    told = tuple(k for k in key_dates if k.event_ids and k.event_ids[0] in by_id)
    chosen = [by_id[k.event_ids[0]] for k in leading_key_dates(told, limit)]
    return tuple(sorted(chosen, key=lambda e: (e.date.first_day, e.event_id)))


def key_developments(events: tuple[Event, ...], figures: tuple[Quantity, ...], limit: int = MOST,
                     key_dates: tuple[KeyDate, ...] = ()) -> tuple[Event, ...]:
    """The most important dated event of each kind (FEWEST to `limit` of them), in date order; for a
    corpus with more events than a table holds, the top event of each of the best key dates.

    An event weighs more when more sources tell it, when a figure counts it, and when its date
    is stated to the day. An event told in the narrator's own voice (read/voice.py) is not one to lead with.
    """
    if key_dates and at_scale(events):
        return from_key_dates(events, key_dates, limit)
    with_figures = {f.event_id for f in figures if f.event_id}

    def score(e: Event) -> tuple:
        precise = 1 if e.date.precision == "day" else 0
        weight = TYPE_WEIGHT[e.type] + 2 * len(e.sources) + 2 * (e.event_id in with_figures)
        return weight + BASIS_WEIGHT.get(e.date.basis, 0) + precise, e.date.last_day

    dated = [e for e in events if e.date]
    ranked = sorted([e for e in dated if not voice.own_voice(e.summary)] or dated, key=score, reverse=True)
    chosen, kinds = [], set()
    for event in ranked:
        if event.type not in kinds:
            chosen.append(event)
            kinds.add(event.type)
    for event in ranked:
        if len(chosen) >= FEWEST:
            break
        if event not in chosen:
            chosen.append(event)
    return tuple(sorted(chosen[:limit], key=lambda e: (e.date.first_day, e.event_id)))
