"""Add up the records where they add up: events per day, week or month by type; pledges per donor
and currency; strikes and casualties per week; and the largest single figures.

Each article retells what others told: the same pledge, the same strike count reported again is
one figure, not two. A total therefore counts an amount once per donor (or week) and unit.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from briefing.data import load
from briefing.extract.gazetteer import gazetteer
from briefing.models import Activity, Event, Quantity, Total, is_currency, span_of

DAY_BUCKETS_UP_TO = 62  # days a per-day chart still reads
WEEK_BUCKETS_UP_TO = 550  # beyond about 18 months, months
WINDOW_GAP_DAYS = 60  # a stretch this long without events separates the bulk from stray old dates
WINDOW_SHARE = 0.05  # a stretch of events holding less than this share of them is left out of the window
TRIM_SHARE = 0.005  # and this share of the days at either end: a thin tail
PLACEABLE_DAYS = 31  # an event dated more loosely than a month does not say when the story moved
UNNAMED_DONOR = "donor not named"
FEW_FIGURES = 30  # up to this many aid and strike figures, each is drawn and listed; beyond, totals and the largest
STRIKE_UNITS = ("attacks", "missiles", "drones", "shells")
CASUALTY_UNITS = ("people_killed", "people_injured")


def charted(figures: tuple[Quantity, ...]) -> list[Quantity]:
    """The figures the figures chart is about: aid, strikes, and any money but a price ("$5,880 a tonne")."""
    return [f for f in figures if f.category in ("aid", "strike") or (f.is_money and f.category != "price")]


def _day(value: str) -> date:
    return date.fromisoformat(value)


def bucket_size(first: date, last: date) -> str:
    """Counts per day over two months at most, per week up to about eighteen months, else per month."""
    span = (last - first).days + 1
    return "day" if span <= DAY_BUCKETS_UP_TO else "week" if span <= WEEK_BUCKETS_UP_TO else "month"


def bucket_start(day: date, bucket: str) -> date:
    """The first day of the day, week (Monday) or month that holds `day`."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def next_bucket(start: date, bucket: str) -> date:
    if bucket == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if bucket == "week" else 1)


def main_window(days: Iterable[date]) -> tuple[date, date] | None:
    """The stretch of days that holds the bulk of them: stray dates far from the rest (a war's
    background in 1969 in a briefing on 2011) would squeeze the chart into a corner, and a thin
    tail of a few days at either end (TRIM_SHARE of them) would stretch it."""
    ordered = sorted(days)
    if not ordered:
        return None
    stretches: list[list[date]] = [[ordered[0]]]
    for day in ordered[1:]:
        if (day - stretches[-1][-1]).days > WINDOW_GAP_DAYS:
            stretches.append([])
        stretches[-1].append(day)
    least = WINDOW_SHARE * len(ordered)
    kept = [s for s in stretches if len(s) >= least] or [max(stretches, key=len)]
    inside = [d for s in kept for d in s]
    trim = int(TRIM_SHARE * len(inside))
    return inside[trim], inside[len(inside) - 1 - trim]


def activity(events: tuple[Event, ...]) -> Activity | None:
    """Dated events counted per day, week or month by type, over the window that holds most of them.

    An event is counted in the bucket its date falls in; one dated more loosely than a bucket
    ("in March", "this year" on a chart of weeks) has no bucket and is left out, as are dates far
    from the window."""
    dated = [(e, _day(e.date.first_day), _day(e.date.last_day)) for e in events if e.date]
    window = main_window(first for _, first, last in dated if (last - first).days <= PLACEABLE_DAYS)
    if window is None:
        return None
    bucket = bucket_size(*window)
    starts = [bucket_start(window[0], bucket)]
    while next_bucket(starts[-1], bucket) <= window[1]:
        starts.append(next_bucket(starts[-1], bucket))
    index = {start: i for i, start in enumerate(starts)}
    counts: dict[str, list[int]] = {}
    for event, first, last in dated:
        start = bucket_start(first, bucket)
        if window[0] <= first <= window[1] and last < next_bucket(start, bucket):
            counts.setdefault(event.type, [0] * len(starts))[index[start]] += 1
    by_size = sorted(counts, key=lambda t: (-sum(counts[t]), t))
    drawn = sum(sum(c) for c in counts.values())
    return Activity(bucket=bucket, starts=tuple(s.isoformat() for s in starts),
                    counts=tuple((t, tuple(counts[t])) for t in by_size), left_out=len(dated) - drawn)


@cache
def _receiving() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(load("donors.yaml")["receiving_words"]) + r")\b", re.I)


def donor(figure: Quantity) -> str:
    """Who gives the money: the first actor named before the amount in its clause, unless a word
    between them says that the actor receives or asks for it."""
    before = figure.what.split(figure.phrase, 1)[0] if figure.phrase in figure.what else ""
    actors = gazetteer().find_actors(before)
    if not actors:
        return UNNAMED_DONOR
    after_actor = before[max(before.find(actors[0]), 0):]  # a canonical name ("United States" for "U.S.") is not in the text
    return UNNAMED_DONOR if _receiving().search(after_actor) else actors[0]


def _totals(keyed: Iterable[tuple[str, Quantity]]) -> tuple[Total, ...]:
    """Sum per (key, unit), each amount counted once per key and unit: a retold figure is one figure."""
    groups: dict[tuple[str, str], dict[float, list[str]]] = defaultdict(dict)
    for key, figure in keyed:
        groups[(key, figure.unit)].setdefault(figure.value, []).append(figure.figure_id)
    return tuple(
        Total(key=key, unit=unit, value=sum(amounts), figure_ids=tuple(i for ids in amounts.values() for i in ids))
        for (key, unit), amounts in groups.items()
    )


def pledges(figures: tuple[Quantity, ...]) -> tuple[Total, ...]:
    """Aid money summed per donor and currency, largest first; money whose donor is not named is one total."""
    aid = ((donor(f), f) for f in figures if f.category == "aid" and is_currency(f.unit))
    return tuple(sorted(_totals(aid), key=lambda t: (t.unit, -t.value, t.key)))


def bucket_of(figure: Quantity, bucket: str) -> str | None:
    """The first day of the week or month a figure's date falls in; None when it is undated or
    its date spans more than that."""
    if not figure.date:
        return None
    first, last = (_day(d) for d in span_of(figure.date))
    start = bucket_start(first, bucket)
    return start.isoformat() if last < next_bucket(start, bucket) else None


def per_bucket(figures: tuple[Quantity, ...], units: tuple[str, ...]) -> tuple[str, tuple[Total, ...]]:
    """Figures of the given units summed per week (per month over a long span), in date order,
    over the window that holds most of them; undated figures are left out."""
    dated = [f for f in figures if f.unit in units and f.date]
    window = main_window(_day(span_of(f.date)[0]) for f in dated)
    if window is None:
        return "week", ()
    bucket = "month" if bucket_size(*window) == "month" else "week"
    keyed = ((start, f) for f in dated if window[0] <= _day(span_of(f.date)[0]) <= window[1]
             and (start := bucket_of(f, bucket)))
    return bucket, tuple(sorted(_totals(keyed), key=lambda t: (t.unit, t.key)))


def main_units(figures: tuple[Quantity, ...], units: tuple[str, ...], most: int) -> tuple[str, ...]:
    """The units, among `units`, with the most dated figures (at least two), most first."""
    counts = Counter(f.unit for f in figures if f.unit in units and f.date)
    return tuple(u for u, n in counts.most_common() if n >= 2)[:most]


def largest(figures: tuple[Quantity, ...], most: int = 12) -> tuple[Quantity, ...]:
    """The largest single figures of aid money, strikes and casualties dated in the window of the
    figures' dates, each amount listed once per unit: up to half of them money, then counts, each
    kind by value."""
    window = main_window(_day(span_of(f.date)[0]) for f in figures if f.date)
    if window is not None:  # the figures of the briefing's events, not of the history it recalls
        figures = tuple(f for f in figures if f.date and window[0] <= _day(span_of(f.date)[0]) <= window[1])
    best: dict[tuple[str, float], Quantity] = {}
    for f in sorted(figures, key=lambda f: f.figure_id):
        if (f.category == "aid" and f.is_money) or f.unit in STRIKE_UNITS + CASUALTY_UNITS:
            best.setdefault((f.unit, f.value), f)
    ranked = sorted(best.values(), key=lambda f: -f.value)
    money = [f for f in ranked if f.is_money][: most // 2]
    counts = [f for f in ranked if not f.is_money][: most - len(money)]
    return tuple(money + counts)
