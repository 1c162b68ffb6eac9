"""Merging one event told by several sources (issue #24: figures that disagree are left as they are)."""
from __future__ import annotations

from datetime import date

from briefing import pipeline
from briefing.models import Config


def test_two_sources_that_disagree_give_one_event_and_both_figures_with_their_sources(tmp_path):
    # Decided and documented (README, How it works): the event row is one, both figures stay in
    # figures.csv with their sources; the merged-in telling's figure is tied to no event, and the
    # PDF does not note the disagreement. Noting it needs the merge to keep each telling's sentence.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, toll in (("a", 5), ("b", 500)):
        (inbox / f"{name}.md").write_text(f"---\npublished: 2024-11-19\n---\nA Russian missile strike on Odesa on 18 November "
                                          f"killed {toll} people, officials said.\n", encoding="utf-8")
    briefing, _ = pipeline.analyse(Config(inputs=(inbox,), out=tmp_path / "out", as_of=date(2024, 11, 21), charts=False,
                                          jobs=1))
    assert [(e.event_id, e.type, e.sources) for e in briefing.events] == [("E001", "casualty_report", ("a", "b"))]
    assert [(f.source, f.value, f.unit, f.event_id) for f in briefing.figures] == [
        ("a", 5.0, "people_killed", "E001"), ("b", 500.0, "people_killed", None)]
