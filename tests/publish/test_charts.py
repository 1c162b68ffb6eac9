"""The chart figures themselves (no browser needed): what they draw and how they split."""
from datetime import date, timedelta

from briefing.corpus import aggregates
from briefing.models import Event, EventDate, Quantity
from briefing.publish import charts, maps
from briefing.publish.charts import activity_figure, figures_figure, map_figure, timeline_figure


def test_timeline_has_a_panel_per_period_points_for_days_and_bars_for_spans(seed_build):
    briefing, _ = seed_build
    fig = timeline_figure(briefing.events)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["April 2022", "October – November 2023", "June 2024 – January 2025", "July 2025"]
    kinds = {}
    for trace in fig.data:
        event_id = trace.y[0].split()[0]
        kinds[event_id] = trace.type
    by_id = {e.event_id: e for e in briefing.events}
    assert all((kinds[i] == "scatter") == (by_id[i].date.precision == "day") for i in kinds)
    assert len(kinds) == len(briefing.events)


def test_figures_chart_never_mixes_units_on_an_axis(seed_build):
    briefing, _ = seed_build
    fig = figures_figure(briefing.figures, {d.source: f"S{i}" for i, d in enumerate(briefing.documents, 1)})
    panels = [a.text for a in fig.layout.annotations]
    assert panels == ["EUR (money)", "USD (money)", "attacks (count)", "drones (count)", "missiles (count)"]
    assert len(fig.data) == len(panels)  # one trace, one unit, per panel
    usd = fig.data[panels.index("USD (money)")]
    assert list(usd.y) == ["F005 · S1", "F014 · S3"]  # every bar says which figure and which source


def test_map_plots_places_not_countries(seed_build):
    briefing, _ = seed_build
    fig = map_figure(briefing.events)
    labels = [t.text[0].split("<br>")[0] for t in fig.data]
    assert "Bryansk" in labels and "Smolensk Aviation Factory" in labels
    assert not {"Ukraine", "Russia", "Brazil"} & set(labels)


def test_nothing_to_draw_gives_no_figure():
    assert figures_figure((), {}) is None
    assert map_figure(()) is None


def test_map_labels_keep_off_each_other_and_inside_the_frame():
    frame = (10.0, 20.0, 890.0, 500.0)
    points = {
        "kharkiv": ((600.0, 200.0), ("Kharkiv", "E013, E014")),
        "donetsk": ((615.0, 230.0), ("Donetsk region", "E019")),   # 30 px south-east of Kharkiv
        "izhevsk": ((870.0, 100.0), ("Izhevsk Electromechanical Plant Kupol", "E023")),  # near the right edge
    }
    positions = maps.label_positions(points, frame)
    assert positions["kharkiv"] == "top center"
    assert positions["donetsk"] != "top center"  # above it would cover the Kharkiv marker
    assert positions["izhevsk"].endswith("left")  # a label to its right would leave the map


# --------------------------------------------------------------------------- at scale: counts, totals, few labels

LIBYA = ("Tripoli", "Benghazi", "Ajdabiya", "Zawiya", "Sirte", "Tobruk", "Zintan", "Sabha", "Bani Walid", "Gharyan",
         "Nalut", "Tarhuna", "Yafran", "Al Khums")


def _event(n: int, kind: str, day: str | None, place: str | None = None) -> Event:
    when = EventDate(date=day, precision="day" if len(day) == 10 else "month", text="", basis="text") if day else None
    return Event(event_id=f"E{n:04d}", type=kind, date=when, summary=f"Event {n}.", location=(place,) if place else (),
                 actors=(), weapons=(), attributed_to=None, sources=("a",), source="a", start=0, end=1,
                 sentence=f"Event {n}.", trigger="")


def _figure(n: int, value: float, unit: str, category: str, what: str, day: str | None = None) -> Quantity:
    phrase = what.split("|")[1]
    return Quantity(figure_id=f"F{n:04d}", source="a", start=0, end=1, value=value, value_max=None, unit=unit,
                    category=category, qualifier=None, phrase=phrase, what=what.replace("|", ""), date=day)


def _war(days: int, per_day: int) -> tuple[Event, ...]:
    """Events on `days` consecutive days from 1 March 2011, of three types in turn, and two with no date."""
    kinds = ("strike", "statement", "ground_advance")
    out = [_event(i, kinds[i % 3], (date(2011, 3, 1) + timedelta(days=i // per_day)).isoformat())
           for i in range(days * per_day)]
    return tuple(out + [_event(9998, "strike", None), _event(9999, "statement", None)])


def test_activity_counts_every_dated_event_once_by_type_per_day_over_a_short_span():
    events = _war(days=20, per_day=3)
    activity = aggregates.activity(events)
    assert activity.bucket == "day" and len(activity.starts) == 20
    fig = activity_figure(activity)
    drawn = {trace.name: sum(trace.y) for trace in fig.data}
    assert drawn == {"strike": 20, "statement": 20, "ground advance": 20}  # the two undated events are not drawn
    assert fig.layout.barmode == "stack"


def test_activity_counts_per_week_over_months_and_leaves_out_stray_old_dates():
    # 1 March to 28 July 2011, a look back to 1969, and a lone event seven weeks after the rest (a thin tail)
    events = _war(days=150, per_day=2) + (_event(9000, "statement", "1969-09-01"), _event(9001, "strike", "2011-09-15"))
    activity = aggregates.activity(events)
    assert activity.bucket == "week" and activity.left_out == 2
    assert all(date.fromisoformat(s).weekday() == 0 for s in activity.starts)  # weeks start on Monday
    assert 22 <= len(activity.starts) <= 23  # 150 days, not the 42 years since 1969 nor the seven weeks of the tail
    totals = {kind: sum(counts) for kind, counts in activity.counts}
    assert totals == {"strike": 100, "statement": 100, "ground_advance": 100}
    assert list(totals) == sorted(totals, key=lambda k: -totals[k])  # the biggest type first, at the bottom of the stack


def test_activity_leaves_out_an_event_dated_more_loosely_than_its_buckets():
    events = (_event(1, "strike", "2011-03-05"), _event(2, "strike", "2011-03"), _event(3, "statement", "2011-03-20"))
    activity = aggregates.activity(events)  # per day: "in March" is no day
    assert activity.bucket == "day" and dict(activity.counts)["strike"][activity.starts.index("2011-03-05")] == 1
    assert sum(dict(activity.counts)["strike"]) == 1 and activity.left_out == 1
    months = aggregates.activity(events + (_event(4, "statement", "2011-06-20"),))  # per week: "in March" is no week
    assert months.bucket == "week" and months.left_out == 1


def test_map_names_only_the_busiest_places_frames_their_region_and_sizes_markers_by_events():
    # place i gets i + 1 events: Al Khums (14 events) is the busiest of Libya, Tripoli (1) the quietest;
    # Kharkiv, 2,000 km away, has 8
    events = tuple(_event(100 * i + j, "strike", "2011-03-01", place) for i, place in enumerate(LIBYA) for j in range(i + 1))
    events += tuple(_event(5000 + j, "statement", "2011-03-02", "Kharkiv") for j in range(8))
    fig = map_figure(events)
    drawn = {t.hovertext.split("<br>")[0]: t for t in fig.data}
    assert set(drawn) == set(LIBYA)  # the region of most events; the caption says what lies beyond
    named = [name for name, t in drawn.items() if t.text[0]]
    assert 3 <= len(named) <= maps.MAP_LABELS
    assert not {"Tripoli", "Benghazi", "Ajdabiya", "Zawiya"} & set(named)  # the four with fewest events are never named
    size = {name: t.marker.size for name, t in drawn.items()}
    assert size["Al Khums"] > size["Sirte"] > size["Tripoli"] and max(size.values()) <= 46
    assert drawn["Tripoli"].hovertext == "Tripoli<br>E0000" and drawn["Al Khums"].hovertext == "Al Khums<br>14 events"
    assert "8 events at 1 places beyond this region (the most at Kharkiv)" in charts._map_caption(events)


def test_map_leaves_a_label_out_rather_than_over_another():
    frame = (10.0, 20.0, 890.0, 500.0)
    points = {f"p{i}": ((400.0 + i, 250.0 + i), (f"Place {i}", "9 events")) for i in range(4)}  # four places a pixel apart
    positions = maps.label_positions(points, frame)
    assert 1 <= len(positions) < 4


def test_pledges_add_up_per_donor_and_currency_and_a_retold_amount_counts_once():
    figures = (
        _figure(1, 25e6, "USD", "aid", "Japan pledged |$25 million| in aid"),
        _figure(2, 10e6, "USD", "aid", "Japan will give |$10 million| more"),
        _figure(3, 25e6, "USD", "aid", "Japan pledged |$25 million| in aid"),  # the first pledge, told again
        _figure(4, 5e6, "EUR", "aid", "Japan added |€5 million|"),
        _figure(5, 40e6, "USD", "aid", "the European Union pledged |$40 million|"),
        _figure(6, 3e6, "USD", "aid", "a further |$3 million| was promised"),
    )
    totals = {(t.key, t.unit): t.value for t in aggregates.pledges(figures)}
    assert totals == {("Japan", "USD"): 35e6, ("Japan", "EUR"): 5e6, ("European Union", "USD"): 40e6,
                      (aggregates.UNNAMED_DONOR, "USD"): 3e6}


def test_figures_chart_of_300_figures_draws_totals_not_300_bars():
    donors = ("Japan", "Britain", "France", "Germany", "Italy", "Qatar", "Turkey", "Canada", "Norway", "Sweden",
              "Spain", "Denmark", "Netherlands", "Australia")
    figures = []
    for i in range(150):
        figures.append(_figure(i, (i + 1) * 1e6, "USD", "aid", f"{donors[i % len(donors)]} pledged |${i + 1} million|"))
    for i in range(150):
        day = (date(2011, 3, 1) + timedelta(days=i)).isoformat()
        figures.append(_figure(150 + i, i + 2, "missiles", "strike", f"forces fired |{i + 2} missiles|", day))
    fig = figures_figure(tuple(figures), {})
    bars = sum(len(trace.y) for trace in fig.data)  # ten donors, one bar for the rest, one bar per week of the span
    assert [a.text for a in fig.layout.annotations] == ["Pledged by donor, USD", "Missiles per week"]
    assert bars <= 11 + 150 // 7 + 2
    usd = fig.data[0]
    assert len(usd.y) == 11 and usd.y[0] == "4 other donors"  # ten donors, and the rest in one bar at the bottom
    assert list(usd.x[1:]) == sorted(usd.x[1:])  # the biggest donor on top
    # Sweden, the tenth donor, pledged 11 times ($10, $24 ... $150 million): the most, all of it summed
    assert usd.y[-1] == "Sweden" and usd.text[-1] == f"{sum(i + 1 for i in range(9, 150, 14))} m USD"
    weekly = fig.data[1]
    assert sum(weekly.y) == sum(i + 2 for i in range(150))  # each strike figure counted in its week


def test_a_weeks_bar_on_a_decades_axis_gets_a_point_on_its_top():
    """Missile strikes in two months twelve years apart: their bars are under a pixel wide on the
    axis, so each gets a marker; over five months the bars are wide enough alone."""
    apart = tuple(_figure(i, 10 + i, "missiles", "strike", f"fired |{10 + i} missiles|", "2012-08-24" if i % 2 else "2024-04-13")
                  for i in range(40))
    fig = figures_figure(apart, {})
    bars, points = [t for t in fig.data if t.type == "bar"], [t for t in fig.data if t.type == "scatter"]
    assert len(points) == 1 and points[0].mode == "markers" and list(points[0].y) == list(bars[0].y)
    assert sum(points[0].y) == sum(10 + i for i in range(40))
    close = tuple(_figure(i, 10, "missiles", "strike", "fired |10 missiles|",
                          (date(2011, 3, 1) + timedelta(days=4 * i)).isoformat()) for i in range(40))
    assert not [t for t in figures_figure(close, {}).data if t.type == "scatter"]


def test_largest_figures_lists_each_amount_of_the_period_once_money_first():
    figures = (
        _figure(1, 2e9, "USD", "aid", "the US gave |$2 billion|", "2011-03-02"),
        _figure(2, 2e9, "USD", "aid", "the US gave |$2 billion|", "2011-03-04"),  # the same amount, told again
        _figure(3, 1e6, "USD", "aid", "Japan gave |$1 million|", "2011-03-09"),
        _figure(4, 500, "people_killed", "casualties", "killing |500|", "2011-03-01"),
        _figure(5, 20, "missiles", "strike", "fired |20 missiles|", "2011-03-01"),
        _figure(6, 8e9, "USD", "aid", "the US gave |$8 billion| in 1992", "1992"),  # history, not the period's news
        _figure(7, 9e9, "USD", "other", "a deficit of |$9 billion|", "2011-03-01"),  # money, but no aid
    ) + tuple(_figure(10 + i, 1, "people_killed", "casualties", "killing |one|", "2011-03-05") for i in range(30))
    assert [f.figure_id for f in aggregates.largest(figures, most=4)] == ["F0001", "F0003", "F0004", "F0005"]
