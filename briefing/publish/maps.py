"""Where the events happened, on a Mercator map: the places, their frame, and labels kept apart.

Plain geometry, no drawing: charts.map_figure draws what this module works out. Pixel positions
follow plotly's own fitting of the ranges into the figure, closely enough to keep labels apart.
"""
from __future__ import annotations

import math

from briefing.extract.gazetteer import gazetteer
from briefing.models import Event

MAP_WIDTH, MAP_HEIGHT = 1000, 560
MAP_LABELS = 10  # places named on the map: the ones with most events; the others are markers only
REGION_DEGREES = 7.0  # the radius of the region a map with many places is framed on (about 780 km)
MAP_IDS_UP_TO = 3  # a label lists the event ids up to this many events, else says how many


def map_places(events: tuple[Event, ...]) -> dict[tuple[float, float], dict]:
    """The mapped places of the events (rounded to a tenth of a degree), each with its names, events and types."""
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
    return places


def _degrees_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance in degrees of latitude, near enough for a few hundred kilometres."""
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2)))


def focus(places: dict) -> dict:
    """The places of the busiest region when there are many: the most events within REGION_DEGREES
    of one place. A war's briefing names capitals far away (talks in London, a summit in Paris);
    framing them all would shrink the war to a dot. With few places, all of them."""
    if len(places) <= MAP_LABELS:
        return places
    events = {key: len(set(entry["events"])) for key, entry in places.items()}

    def around(centre):
        return [key for key in places if _degrees_apart(key, centre) <= REGION_DEGREES]
    centre = max(sorted(places), key=lambda c: sum(events[k] for k in around(c)))
    return {key: places[key] for key in around(centre)}


def place_label(entry: dict) -> tuple[str, str]:
    """A place's label: its name, and its event ids (or how many events when they are many)."""
    ids = list(dict.fromkeys(entry["events"]))
    count = ", ".join(ids) if len(ids) <= MAP_IDS_UP_TO else f"{len(ids)} events"
    return max(set(entry["names"]), key=lambda n: (len(n), n)), count


def frame_ranges(places: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    """Latitude and longitude ranges that fill the frame with the places, room left for labels."""
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
    return (mid_lat - half_lat, mid_lat + half_lat), (mid_lon - half_lon, mid_lon + half_lon)


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85), -85)) / 2))


def projection_of(lat_range: tuple[float, float], lon_range: tuple[float, float]) -> tuple[float, float, float, tuple]:
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


def pixel(key: tuple[float, float], projection: tuple) -> tuple[float, float]:
    """Where a point falls on the map, in pixels from the top left of the figure (approximately)."""
    scale, x0, y0, frame = projection
    lat, lon = key
    return ((frame[0] + frame[2]) / 2 + (math.radians(lon) - x0) * scale,
            (frame[1] + frame[3]) / 2 - (_mercator(lat) - y0) * scale)


LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right",
                   "bottom left")


def label_positions(points: dict, frame: tuple[float, float, float, float],
                    markers: dict | None = None) -> dict:
    """A text position for each map label that keeps it off the other labels and markers where it can.

    `points` maps a key to ((x, y) in pixels, (name, ids)); `markers` maps the key of every marker,
    labelled or not, to ((x, y), radius in pixels) (the labelled points, 6 pixels wide, when not
    given). Plotly sets a label off by its marker's radius. Labels are placed greedily, the biggest
    markers first, then west to east; a label that cannot be placed without covering another label
    is left out."""
    char_w, line_h, gap = 6.6, 14.0, 2.0
    markers = markers if markers is not None else {key: (xy, 6.0) for key, (xy, _) in points.items()}
    boxes = {key: (x - r, y - r, x + r, y + r) for key, ((x, y), r) in markers.items()}
    placed: list[tuple[float, float, float, float]] = []

    def box(x: float, y: float, off: float, w: float, h: float, position: str) -> tuple[float, float, float, float]:
        vertical, horizontal = position.split()
        left = {"center": x - w / 2, "right": x + off, "left": x - off - w}[horizontal]
        top = {"top": y - off - h, "bottom": y + off, "middle": y - h / 2}[vertical]
        return left, top, left + w, top + h

    def overlap(a, b) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    out = {}
    # the biggest markers (the busiest places) choose first, then west to east
    for key, ((x, y), (name, ids)) in sorted(points.items(), key=lambda kv: (-markers.get(kv[0], ((0, 0), 0))[1], kv[1][0])):
        w, h = char_w * max(len(name), len(ids)), 2 * line_h
        off = markers[key][1] + gap if key in markers else 8.0
        others = [b for k, b in boxes.items() if k != key]

        def cost(p: str) -> float:  # area over other labels and markers, and area outside the frame
            b = box(x, y, off, w, h, p)
            return sum(overlap(b, o) for o in placed + others) + w * h - overlap(b, frame)
        best = min(LABEL_POSITIONS, key=lambda p: (cost(p), LABEL_POSITIONS.index(p)))
        chosen = box(x, y, off, w, h, best)
        if any(overlap(chosen, o) > 0 for o in placed):
            continue
        out[key] = best
        placed.append(chosen)
    return out
