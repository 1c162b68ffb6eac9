"""The per-article extraction gives the same tables however it is run: in this process, in a
pool of worker processes, or on a Dask cluster."""
from __future__ import annotations

import dataclasses
import pickle

import pytest

from briefing import pipeline
from briefing.models import Config
from briefing.publish import tables
from briefing.read import ingest
from tests.conftest import AS_OF

# Two agencies tell the same strike; a third article tells a pledge with its figure.
ARTICLES = {
    "kyiv_wire.txt": "---\npublished: 2025-03-12\npublisher: Wire\n---\n"
                     "Russian forces struck the Zaporizhzhia region with 40 drones on Tuesday, the governor said.\n"
                     "The attack damaged a power plant near Zaporizhzhia and killed three people.\n",
    "kyiv_daily.txt": "---\npublished: 2025-03-12\npublisher: Daily\n---\n"
                      "On Tuesday Russian troops struck Zaporizhzhia with 40 Shahed drones.\n"
                      "Officials said the strike hit a substation.\n",
    "berlin.txt": "---\npublished: 2025-03-13\npublisher: Paper\n---\n"
                  "Germany pledged €500 million in military aid to Ukraine on Wednesday.\n"
                  "The package includes 20 armoured vehicles, the ministry said.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _tables(briefing) -> list:
    return [tables.events_frame(briefing.events), tables.figures_frame(briefing.figures),
            tables.sources_frame(briefing.documents)]


def _analyse(inputs, **options):
    config = Config(inputs=inputs, out=None, as_of=AS_OF, charts=False, **options)
    return pipeline.analyse(config)


def _assert_same(a, b):
    for left, right in zip(_tables(a[0]), _tables(b[0])):
        assert left.equals(right)
    assert a[1] == b[1]  # the undated events
    assert a[0].summaries == b[0].summaries and a[0].sentences == b[0].sentences and a[0].mentions == b[0].mentions


def test_an_article_is_extracted_by_itself_into_picklable_records(corpus):
    document = ingest.read_document(corpus / "kyiv_wire.txt")
    extraction = pipeline.extract_article(document)
    assert pickle.loads(pickle.dumps(extraction)) == extraction
    assert [e.type for e in extraction.events][:1] == ["strike"] and extraction.events[0].event_id == ""
    assert [(f.value, f.unit, f.event_id) for f in extraction.figures] == [(40, "drones", None), (3, "people_killed", None)]
    assert {s.source for s in extraction.sentences} == {"kyiv_wire"}


def test_the_corpus_steps_merge_and_number_what_the_articles_give(corpus):
    briefing, _ = _analyse((corpus,), jobs=1)
    strike = next(e for e in briefing.events if e.type == "strike")
    assert strike.sources == ("kyiv_daily", "kyiv_wire") and strike.date.date == "2025-03-11"
    assert [e.event_id for e in briefing.events] == [f"E{i:03d}" for i in range(1, len(briefing.events) + 1)]
    (drones,) = [f for f in briefing.figures if f.unit == "drones" and f.source == strike.source]
    assert (drones.event_id, drones.date) == (strike.event_id, "2025-03-11")


def test_worker_processes_give_the_tables_of_a_serial_build(seeds, corpus):
    for inputs in ((seeds,), (corpus,)):
        _assert_same(_analyse(inputs, jobs=1), _analyse(inputs, jobs=2))


def test_a_dask_cluster_gives_the_tables_of_a_local_build(corpus, seeds):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(host="127.0.0.1", n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster:
        on_dask = _analyse((corpus, seeds), dask=cluster.scheduler_address)
    _assert_same(_analyse((corpus, seeds), jobs=1), on_dask)


def test_an_unreachable_dask_scheduler_is_a_config_error(corpus):
    from briefing.errors import ConfigError
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at nowhere:x"):
        _analyse((corpus,), dask="nowhere:x")


def test_the_config_carries_jobs_and_the_scheduler():
    config = Config(inputs=(), out=None, as_of=AS_OF, jobs=3, dask="tcp://127.0.0.1:8786")
    assert dataclasses.replace(config).jobs == 3 and config.dask == "tcp://127.0.0.1:8786"


def test_the_extraction_cache_line_is_logged_once_even_when_an_article_fails(tmp_path, monkeypatch, caplog):
    # One faulty article makes `guarded` run the analysis again for each article and for the rest:
    # each run told the cache again (-v printed "extraction cache: ..." four times for three articles).
    import logging

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a", "b", "c"):
        (inbox / f"{name}.md").write_text(f"---\npublished: 2024-11-18\n---\nDrones struck port {name} on Sunday.\n",
                                          encoding="utf-8")
    real = pipeline.extract_article

    def extract(document):
        if document.source == "b":
            raise RuntimeError("a fault no one foresaw")
        return real(document)

    monkeypatch.setattr(pipeline, "extract_article", extract)
    with caplog.at_level(logging.INFO, logger="briefing.pipeline"):
        briefing, _ = pipeline.analyse(Config(inputs=(inbox,), out=tmp_path / "out", as_of=AS_OF, charts=False, jobs=1))
    told = [r.getMessage() for r in caplog.records if r.getMessage().startswith("extraction cache:")]
    assert told == [f"extraction cache: 0 of 3 articles known, 3 to extract ({tmp_path / 'out' / 'briefing-cache.sqlite'})"]
    assert [s.reason for s in briefing.skipped] == ["could not be analysed: RuntimeError: a fault no one foresaw"]


def test_a_topic_keeps_other_articles_in_the_tables_but_off_page_one(tmp_path):
    """--topic ukraine,zaporizhzhia: the Lyon fire stays in the event table and the sources, marked, and is no key date."""
    for name, text in {**ARTICLES, "lyon.txt": "---\npublished: 2025-03-13\npublisher: Lyon Soir\n---\n"
                       "A fire destroyed a warehouse in Lyon on Wednesday, killing three workers, firefighters said.\n"
                       "Police said the blaze at the warehouse was not deliberate.\n"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = Config(inputs=(tmp_path,), out=tmp_path / "out", as_of=AS_OF, charts=False, jobs=1,
                    topic=("ukraine", "zaporizhzhia"))
    briefing = pipeline.build(config)
    lyon = [e for e in briefing.events if e.source == "lyon"]
    assert lyon, "the fire is an event of the table"
    assert briefing.subject.off_topic == ("lyon",)
    assert not any(e.source == "lyon" for e in briefing.key_developments)
    assert all("lyon" not in k.sources for k in briefing.key_dates)
    sources = (tmp_path / "out" / "sources.csv").read_text(encoding="utf-8").splitlines()
    assert sources[0].endswith(",on_topic")
    assert [line.rsplit(",", 1)[1] for line in sources[1:] if line.startswith("lyon,")] == ["False"]
    import pypdf
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "out" / "briefing.pdf").pages)
    assert text.count("off topic: names none of ukraine, zaporizhzhia") == 1  # the Lyon source's section
    assert "1 article of 4 names none of ukraine, zaporizhzhia" in " ".join(text.split())  # the caveat
