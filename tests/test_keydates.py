"""Key dates: the days a corpus keeps coming back to, each told by sentences that do not repeat."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.keydates import content_words
from briefing.models import Config
from briefing.pipeline import analyse

# Three short reports of a week in an invented town. The power-station strike of Monday
# 3 March is told again by every later article; each article also tells news of its own day.
ARTICLES = {
    "a_monday.txt": ("2025-03-04", """Strike on the Vellmar power station

Missiles struck the Vellmar power station on Monday, killing 14 workers and cutting power to the whole valley, the regional governor said.
On Tuesday the city council met in emergency session to plan repairs and shelters.
Engineers said the turbine hall had been hit twice and would take months to rebuild.
"""),
    "b_tuesday.txt": ("2025-03-05", """Vellmar families bury the dead

Families in Vellmar buried nine of the workers killed when missiles struck the power station on Monday.
On Wednesday the national grid operator promised mobile generators for the hospital within a week.
Schools across the valley stayed shut because classrooms had neither heat nor light.
"""),
    "c_thursday.txt": ("2025-03-06", """Minister visits Vellmar

The energy minister visited Vellmar on Thursday and stood in the ruins of the turbine hall that missiles destroyed on March 3.
She promised that the power station would be rebuilt and said the strike on Monday had killed 14 people.
Volunteers handed out blankets and water in the square outside the town hall.
"""),
}


@pytest.fixture
def vellmar(article_dir) -> Path:
    sources = "".join(f"{name}:\n  published: '{day}'\n  publisher: Valley Post\n" for name, (day, _) in ARTICLES.items())
    for name, (_, text) in ARTICLES.items():
        article_dir(name, text, sources)
    return article_dir.folder


def _analyse(folder: Path, **options):
    config = Config(inputs=(folder,), out=folder / "out", as_of=date(2025, 3, 10), charts=False, **options)
    return analyse(config)[0]


def test_the_day_every_article_refers_back_to_ranks_first(vellmar):
    briefing = _analyse(vellmar, key_dates=3)
    chosen = briefing.key_dates
    assert [k.rank for k in chosen] == [1, 2, 3]
    assert chosen[0].date == "2025-03-03"
    assert {"a_monday", "b_tuesday", "c_thursday"} <= set(chosen[0].sources)
    assert [k.score for k in chosen] == sorted((k.score for k in chosen), reverse=True)
    strike = chosen[0]
    assert "missiles" in strike.summary.lower() and "power station" in strike.summary.lower()


def test_a_strike_with_casualties_weighs_more_than_a_meeting(vellmar):
    briefing = _analyse(vellmar)
    salience = {e.type: e.salience for e in briefing.events if e.date and e.date.date == "2025-03-03"}
    assert all(0.0 <= e.salience <= 1.0 for e in briefing.events)
    assert max(e.salience for e in briefing.events) == 1.0
    meeting = [e for e in briefing.events if e.trigger.lower().startswith("met")]
    assert salience.get("strike", 0) > max((e.salience for e in meeting), default=0.0)


def test_no_sentence_is_told_twice(vellmar):
    briefing = _analyse(vellmar, key_dates=4, sentences=3)
    told = [(s.source, s.start) for k in briefing.key_dates for s in k.sentences]
    assert told and len(told) == len(set(told))
    bags = [set(content_words(s.text)) for k in briefing.key_dates for s in k.sentences]
    for i, a in enumerate(bags):
        for b in bags[:i]:
            assert len(a & b) / len(a) <= 0.5
    assert all(len(k.sentences) <= 3 for k in briefing.key_dates)


def test_timeline_csv_has_one_row_per_key_date_best_first(vellmar, tmp_path):
    out = tmp_path / "built"
    code = main(["build", str(vellmar), "--out", str(out), "--no-charts", "--as-of", "2025-03-10",
                 "--key-dates", "2", "--sentences", "1"])
    assert code == 0
    with (out / "timeline.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames[:6] == ["date", "rank", "score", "summary", "event_ids", "sources"]
    assert [r["rank"] for r in rows] == ["1", "2"]
    assert rows[0]["date"] == "2025-03-03" and rows[0]["summary"]
    assert set(rows[0]["event_ids"].split(";")) <= {r["event_id"] for r in csv.DictReader((out / "events.csv").open())}
    assert "salience" in (out / "events.csv").read_text("utf-8").splitlines()[0].split(",")


@pytest.mark.parametrize("option, message", [
    (["--key-dates", "0"], "Error: --key-dates 0 must be a number of dates, 1 or more"),
    (["--sentences", "-1"], "Error: --sentences -1 must be a number of sentences, 1 or more"),
])
def test_bad_key_date_options_are_one_line_errors(capsys, vellmar, tmp_path, option, message):
    assert main(["build", str(vellmar), "--out", str(tmp_path / "o"), "--no-charts", *option]) == 2  # bad usage (README, exit codes)
    assert capsys.readouterr().err.strip() == message
