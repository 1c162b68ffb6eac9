"""Every link of the PDF has a target: an event the event table leaves out is cited as plain text."""
from __future__ import annotations

import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
import yaml

from briefing.cli import main
from briefing.corpus import salience
from briefing.models import Briefing, Config, Event, EventDate, KeyDate
from briefing.pipeline import build
from briefing.publish.links import Links
from tests.conftest import AS_OF, ROOT

# Timeline17's LibyaWar_cnn as t17.py extracts it: BRIEFING_T17_LIBYA, else t17/ beside the project
LIBYA = Path(os.environ.get("BRIEFING_T17_LIBYA") or ROOT.parent / "t17" / "LibyaWar_cnn")
PLACES = ("Tripoli", "Zawiya", "Sirte", "Ajdabiya", "Zintan", "Gharyan", "Nalut", "Brega", "Misrata", "Benghazi")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _event(n: int, salience_: float) -> Event:
    return Event(event_id=f"E{n:03d}", type="strike", date=EventDate(date="2011-03-07", precision="day", text="Monday",
                                                                   basis="text"),
                 summary=f"Strike {n}.", location=(), actors=(), weapons=(), attributed_to=None, sources=("a",),
                 source="a", start=0, end=1, sentence=f"Strike {n}.", trigger="", salience=salience_)


def test_an_event_the_table_leaves_out_is_plain_text_and_a_key_date_lead_is_kept():
    events = tuple(_event(n, salience_=1 - n / 100) for n in range(1, salience.TABLE_EVENTS + 11))
    lead = KeyDate(date="2011-03-07", rank=1, score=1.0, sentences=(), event_ids=("E070",), sources=("a",))
    briefing = Briefing(config=Config(inputs=(), out=Path("."), as_of=AS_OF), documents=(), sentences=(), mentions=(),
                        events=events, figures=(), summaries=(), skipped=(), key_dates=(lead,))
    links = Links(briefing)
    # the table holds 60: the event page 1 leads with, and the 59 most salient of the others
    assert [e.event_id for e in links.tabled] == [f"E{n:03d}" for n in range(1, salience.TABLE_EVENTS)] + ["E070"]
    assert links.event("E001") == '<a href="#ev-E001" color="#1a5fb4">E001</a>'
    assert links.event("E070") == '<a href="#ev-E070" color="#1a5fb4">E070</a>'  # least salient, but on page 1
    assert links.event("E060") == "E060"  # not in the table: no link to a row that is not there


def _week_articles(folder: Path, weeks: int, per_week: int = 8) -> None:
    """Few articles, many events: a strike a day and an air raid, told once each."""
    for i in range(weeks):
        published = date(2011, 3, 7) + timedelta(days=7 * i)
        lines = [f"Government forces shelled {PLACES[(i + j) % len(PLACES)]} on {DAYS[j]}, killing {i * 7 + j + 3} people."
                 for j in range(per_week - 1)]
        lines.append(f"NATO jets struck a tank column near {PLACES[i % len(PLACES)]} on Sunday.")
        (folder / f"{i:02d}.txt").write_text(f"---\npublished: {published.isoformat()}\ntitle: Week {i + 1} of the war\n---\n"
                                            + "\n\n".join(lines) + "\n", encoding="utf-8")


def _internal_links(pdf: Path) -> int:
    return sum(1 for page in pypdf.PdfReader(pdf).pages for a in page.get("/Annots") or []
               if a.get_object().get("/Dest") is not None)


def test_few_sources_with_more_events_than_the_table_holds_build(tmp_path):
    """Five articles of 80 events: each source's section lists its events in the table as links and
    counts the rest (they once linked rows the table did not hold, and the PDF could not be laid out)."""
    folder = tmp_path / "in"
    folder.mkdir()
    _week_articles(folder, weeks=6)
    briefing = build(Config(inputs=(folder,), out=tmp_path / "out", as_of=date(2011, 5, 1), charts=False, jobs=1))
    tabled = Links(briefing).tabled
    assert salience.at_scale(briefing.events) and len(tabled) < len(briefing.events)
    assert len(briefing.documents) <= salience.MANY_SOURCES  # a section per source, each listing its events
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(briefing.pdf).pages).split())
    sources = text.split("Method and caveats")[0].rsplit("Sources", 1)[1]
    assert re.search(r"; and \d+ more in events\.csv", sources)
    cited = set(re.findall(r"\bE\d{3}\b", sources))
    assert cited and cited <= {e.event_id for e in tabled}
    assert _internal_links(briefing.pdf) > len(tabled)


def _copy_articles(names: list[str], folder: Path) -> Path:
    meta = yaml.safe_load((LIBYA / "sources.yaml").read_text(encoding="utf-8"))
    folder.mkdir()
    for name in names:
        shutil.copy(LIBYA / name, folder / name)
    (folder / "sources.yaml").write_text(yaml.safe_dump({n: meta[n] for n in names}), encoding="utf-8")
    return folder


@pytest.mark.skipif(not LIBYA.is_dir(), reason="Timeline17's LibyaWar_cnn is not installed")
def test_a_week_of_libyawar_builds(tmp_path):
    """The week before 21 August 2011 (9 articles, 73 events) once failed: 'undefined destination ev-E010'."""
    since, until = "2011-08-15", "2011-08-21"
    names = sorted(p.name for p in LIBYA.glob("*.txt") if since <= p.name[:10] <= until)
    inputs = _copy_articles(names, tmp_path / "in")
    code = main(["build", str(inputs), "--since", since, "--until", until, "--out", str(tmp_path / "out"),
                 "--no-charts", "--jobs", "1", "--as-of", "2011-09-01", "-q"])
    assert code == 0


@pytest.mark.skipif(not LIBYA.is_dir(), reason="Timeline17's LibyaWar_cnn is not installed")
def test_twenty_libyawar_articles_build(tmp_path):
    """Twenty articles spread over the war (a section per source) once failed: 'undefined destination ev-E052'."""
    names = sorted(p.name for p in LIBYA.glob("*.txt"))
    inputs = _copy_articles(names[::len(names) // 20][:20], tmp_path / "in")
    code = main(["build", str(inputs), "--out", str(tmp_path / "out"), "--no-charts", "--jobs", "1",
                 "--as-of", "2011-09-01", "-q"])
    assert code == 0
