"""The chart figures themselves (no browser needed): what they draw and how they split."""
from briefing.charts import _label_positions, figures_figure, map_figure, timeline_figure


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
    assert list(usd.y) == ["F005 · S1", "F013 · S3"]  # every bar says which figure and which source


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
    positions = _label_positions(points, frame)
    assert positions["kharkiv"] == "top center"
    assert positions["donetsk"] != "top center"  # above it would cover the Kharkiv marker
    assert positions["izhevsk"].endswith("left")  # a label to its right would leave the map
