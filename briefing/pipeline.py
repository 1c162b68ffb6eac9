"""Run the stages in order: read -> dates -> extract -> corpus -> publish.

The per-article stages run in `extract.article.extract_articles`, a batch of articles at a time, in
worker processes (`extract_article`, one at a time, in this process or on Dask); the steps that need
the whole corpus (merging events across sources, numbering, tying figures to events, key dates) run
here, in the parent, on what the workers return."""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from briefing import cache, dates, mail
from briefing.corpus import attach, keydates, merge, periods, salience, topic
from briefing.errors import BriefingError, ConfigError, InputError, NothingToBuild
from briefing.extract import workers
from briefing.extract.article import extract_article, extract_articles, prepare
from briefing.models import Briefing, Config, DateMention, Document, Event, Extraction, Skipped
from briefing.publish import naming
from briefing.read import furniture, ingest
from briefing.read.published import plausible_year

Progress = Callable[[int, int], None]  # told (articles done, articles in all) as extraction goes

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
_RERUN = contextvars.ContextVar("rerun", default=False)  # set while `guarded` runs an analysis again
# Extractions written to the cache together, one transaction each, as they come in: a build that is
# stopped (Ctrl-C, a killed job) keeps what it finished instead of losing it all.
CACHE_BATCH = 32


def read(inputs: tuple[Path, ...], out: Path | None = None) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Read the articles (none from the output folder `out`), set aside the lines the site repeats in
    several of them (`furniture`); fill in a publication date the text states when metadata gives none."""
    documents, skipped = ingest.read_documents(inputs, excluded=(out,) if out is not None else ())
    documents = furniture.set_aside(documents)  # lines the site repeats in articles that otherwise differ
    documents = tuple(
        dataclasses.replace(d, published=found, published_basis="inferred")
        if d.published is None and (found := dates.infer_published(d.text)) and plausible_year(found)
        else d
        for d in documents
    )
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise InputError("no article found in " + ", ".join(map(str, inputs)) + (f" ({reasons})" if reasons else ""))
    return documents, skipped


ARTICLE_FIELDS = ("source", "path", "title", "published", "published_basis", "publisher", "author", "url", "text")


def articles(inputs: tuple[Path, ...]) -> tuple[tuple[dict[str, str | None], ...], tuple[Skipped, ...]]:
    """What a build reads of each article (ARTICLE_FIELDS: its metadata and the text the stages analyse,
    boilerplate lines left out), and the files it skips."""
    documents, skipped = read(inputs)
    rows = tuple({"source": d.source, "path": str(d.path), "title": d.title, "published": d.published,
                  "published_basis": d.published_basis, "publisher": d.publisher, "author": d.author, "url": d.url,
                  "text": ingest.content(d)} for d in documents)
    return rows, skipped


def date_mentions(inputs: tuple[Path, ...]) -> tuple[tuple[DateMention, ...], tuple[Skipped, ...]]:
    """Every temporal expression of the articles, resolved against each one's publication date."""
    documents, skipped = read(inputs)
    mentions, faulty = guarded(lambda kept: tuple(m for d in kept for m in dates.tag_document(d)), documents)
    return mentions, skipped + faulty


def extract(documents: tuple[Document, ...], jobs: int | None = None, dask: str | None = None,
            done: Callable[[int], None] | None = None) -> tuple[Extraction, ...]:
    """Run `extract_article` over the articles, in their order: on a Dask cluster, in worker processes
    (one per core unless `jobs` says), or in this process for one article or one job."""
    return tuple(extracting(documents, jobs, dask, done))


def extracting(documents: tuple[Document, ...], jobs: int | None = None, dask: str | None = None,
               done: Callable[[int], None] | None = None) -> Iterator[Extraction]:
    """`extract`, each extraction given as soon as it and those before it are done."""
    if dask:
        LOGGER.log(_once(), "extracting %d articles on the Dask cluster at %s", len(documents), dask)
        yield from workers.each_on_dask(extract_article, documents, dask)
        return
    jobs = min(_jobs(jobs), len(documents))
    if jobs <= 1:
        for n, document in enumerate(documents, 1):
            extraction = extract_article(document)
            if done:
                done(n)
            yield extraction
        return
    prepare()  # here, once: the forked workers share what it loads
    LOGGER.log(_once(), "extracting %d articles in %d worker processes", len(documents), jobs)
    yield from workers.each_in_batches(extract_articles, documents, jobs, done=done)


def _jobs(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1


def extract_cached(documents: tuple[Document, ...], folder: Path | None, jobs: int | None = None,
                   dask: str | None = None, progress: Progress | None = None,
                   meanwhile: Callable[[], object] | None = None) -> tuple[Extraction, ...]:
    """`extract`, but an article the cache in `folder` holds (same content, same extractor) is not
    extracted again; what is extracted is stored as it comes in. Without a usable cache (none, or one
    that cannot be opened, read or written), every article is extracted. `meanwhile` is run once the
    first extraction is in, while the workers go on with the others."""
    keys = [cache.content_key(d) for d in documents]
    store, found = _open_cache(folder, keys)
    missing = [(k, d) for k, d in zip(keys, documents) if k not in found]
    LOGGER.log(_once(), "extraction cache: %d of %d articles known, %d to extract (%s)", len(found), len(documents),
               len(missing), store.path if store else "none")
    known = len(documents) - len(missing)
    done = (lambda n: progress(known + n, len(documents))) if progress else None
    if done:
        done(0)
    pending: dict[str, Extraction] = {}
    try:
        if missing:
            # strict: the extractions' generator runs to its end, and its workers finish as they should;
            # closed at once when this loop stops early (a stop signal while `meanwhile` or the cache
            # runs here), so that its workers are ended then, not waited for when the program exits
            with contextlib.closing(extracting(tuple(d for _, d in missing), jobs, dask, done)) as fresh:
                for (key, _), extraction in zip(missing, fresh, strict=True):
                    found[key] = pending[key] = extraction
                    if meanwhile is not None:
                        meanwhile()
                        meanwhile = None
                    if len(pending) >= CACHE_BATCH:
                        store = _keep(store, pending, folder)
    finally:
        store = _keep(store, pending, folder)  # what is finished is kept, even when the build stops here
        if store:
            with contextlib.suppress(sqlite3.Error):
                store.close()
    return tuple(found[k] for k in keys)


def _open_cache(folder: Path | None, keys: list[str]) -> tuple[cache.Store | None, dict[str, Extraction]]:
    """The cache in `folder` and the extractions of `keys` it holds; no cache when it cannot be opened or read."""
    if folder is None:
        return None, {}
    try:
        store = cache.Store(folder)
    except (OSError, sqlite3.Error) as exc:
        LOGGER.warning("no extraction cache in %s (%s): extracting every article", folder, exc)
        return None, {}
    try:
        return store, store.get(keys)
    except sqlite3.Error as exc:
        LOGGER.warning("extraction cache in %s cannot be read (%s): extracting every article", folder, exc)
        with contextlib.suppress(sqlite3.Error):
            store.close()
        return None, {}


def _keep(store: cache.Store | None, pending: dict[str, Extraction], folder: Path | None) -> cache.Store | None:
    """Write the pending extractions to the cache, in one transaction; a cache that cannot be written
    (a full disk) is given up with a warning and the build goes on without it."""
    if store is not None and pending:
        try:
            store.put(pending)
        except sqlite3.Error as exc:
            LOGGER.warning("extraction cache in %s cannot be written (%s): this build's extractions are not kept",
                           folder, exc)
            with contextlib.suppress(sqlite3.Error):
                store.close()
            store = None
    pending.clear()
    return store


def analyse(config: Config, progress: Progress | None = None,
            meanwhile: Callable[[], object] | None = None) -> tuple[Briefing, tuple[Event, ...]]:
    """Read and analyse the articles: every record of the briefing except its charts. `meanwhile` is
    run while the articles are extracted, if any are."""
    if config.out is not None and any(given.is_dir() and given.resolve() == config.out.resolve() for given in config.inputs):
        raise ConfigError(f"--out {config.out} is an input folder: the outputs would be read as articles by the next "
                          "build and could replace articles of the same name; give another folder (a subfolder is fine)")
    documents, skipped = _read_while_preparing(config)
    left_out: tuple[Skipped, ...] = ()
    if config.window:
        documents, undated_articles, left_out = periods.select(documents, config.window)
        skipped += undated_articles
        for article in left_out:
            LOGGER.info("left out %s: %s", article.path, article.reason)
        if not documents:
            raise NothingToBuild(f"no article was published in {config.window.first} – {config.window.last}")
    (briefing, undated), faulty = guarded(lambda kept: _analyse_documents(config, kept, progress, meanwhile), documents)
    return dataclasses.replace(briefing, skipped=skipped + faulty, left_out=left_out), undated


def _read_while_preparing(config: Config) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """`read`; when every article will be extracted in worker processes (no cache yet), the articles
    are read in a process of their own while this one loads what the workers will share (`prepare`):
    a few seconds on each core instead of both on one."""
    folder = config.cache if config.cache is not None else config.out
    cold = folder is None or not (folder / cache.FILE_NAME).exists()
    if config.dask or _jobs(config.jobs) <= 1 or not cold:
        return read(config.inputs, config.out)
    with workers.beside(read, config.inputs, config.out) as reading:
        try:
            prepare()
        except Exception:
            reading()  # an error of the articles is said first, as when they were read before
            raise
        return reading()


def _analyse_documents(config: Config, documents: tuple[Document, ...],
                       progress: Progress | None = None,
                       meanwhile: Callable[[], object] | None = None) -> tuple[Briefing, tuple[Event, ...]]:
    cache_folder = config.cache if config.cache is not None else config.out
    extracted = extract_cached(documents, cache_folder, config.jobs, config.dask, progress, meanwhile)
    # What needs the whole corpus: the same event told by several articles, ids, figures' events,
    # the key developments.
    sentences = tuple(s for x in extracted for s in x.sentences)
    found, undated = merge.number_events(tuple(e for x in extracted for e in x.events))
    if config.window:  # dated before (or after) the window, reported in it
        found = periods.mark_background(found, config.window)
    quantities = attach.attach_figures(tuple(f for x in extracted for f in x.figures), sentences, found)
    mentions = tuple(m for x in extracted for m in x.mentions)
    weights = keydates.event_salience(found, quantities, documents, mentions)
    found = tuple(dataclasses.replace(e, salience=weights[e.event_id]) for e in found)
    # The key dates and developments are about the subject: what the articles that name none of its
    # words say stays in the tables, not on page one. Their publication days still count as news
    # flow (a live page or a digest may be about the subject without naming it in what is read).
    subject = topic.subject(documents, found, config.topic)
    about = lambda records: tuple(r for r in records if subject.about(r.source))  # noqa: E731
    off_topic = topic.events_off_topic(subject, found, sentences)  # an article's other stories too (a digest's)
    on_topic = tuple(e for e in found if e.event_id not in off_topic)
    chosen = keydates.key_dates(documents, about(sentences), about(mentions), on_topic, about(quantities),
                                limit=config.key_dates, per_date=config.sentences, salience=weights)
    briefing = Briefing(config=config, documents=documents, sentences=sentences, mentions=mentions, events=found,
                        figures=quantities, summaries=tuple(x.summary for x in extracted), skipped=(),
                        key_developments=salience.key_developments(tuple(e for e in on_topic if not e.background)
                                                                   or on_topic, quantities, key_dates=chosen),
                        key_dates=chosen, subject=subject, off_topic_events=off_topic)
    return briefing, undated


def guarded(analysis: Callable[[tuple[Document, ...]], T], documents: tuple[Document, ...]) -> tuple[T, tuple[Skipped, ...]]:
    """Run an analysis of the articles; when it fails, leave out the articles that fail it alone, with the reason.

    One article that trips a fault of the analysis (a bug, or text no one foresaw) is skipped and
    the build goes on; a failure that no single article causes is raised as it is."""
    try:
        return analysis(documents), ()
    except BriefingError:
        raise
    except Exception:
        token = _RERUN.set(True)  # what the analysis logs once was said by the first run
        try:
            faults = {d.source: _fault(analysis, d) for d in documents}
        finally:
            _RERUN.reset(token)
        if not any(faults.values()):
            raise
    for source, reason in faults.items():
        if reason:
            LOGGER.warning("skipped %s: %s", source, reason)
    kept = tuple(d for d in documents if not faults[d.source])
    if not kept:
        raise InputError("no article could be analysed: " + next(r for r in faults.values() if r))
    skipped = tuple(Skipped(path=str(d.path), reason=faults[d.source]) for d in documents if faults[d.source])
    token = _RERUN.set(True)
    try:
        return analysis(kept), skipped
    finally:
        _RERUN.reset(token)


def _once() -> int:
    """The level of a line a build logs once (INFO): DEBUG when `guarded` runs the analysis again."""
    return logging.DEBUG if _RERUN.get() else logging.INFO


def _fault(analysis: Callable, document: Document) -> str | None:
    """Why an article cannot be analysed by itself (None when it can)."""
    try:
        analysis((document,))
    except BriefingError:
        raise
    except Exception as exc:  # noqa: BLE001 - any fault of one article is that article's skip reason
        LOGGER.debug("analysis of %s failed", document.path, exc_info=True)
        message = str(exc).splitlines()[0][:200] if str(exc) else ""
        return f"could not be analysed: {type(exc).__name__}" + (f": {message}" if message else "")
    return None


def build(config: Config, progress: Progress | None = None) -> Briefing:
    """Build the briefing: tables, charts and PDF, written together into the output folder.

    A weekly window names them by ISO week (briefing-2024-W47.pdf, tables in 2024-W47/) and points
    latest.pdf at the new PDF; the week before's events.json, when there, gives `changes`."""
    from briefing.publish.chart_export import Exporter

    # The browser that exports the charts starts now, while the articles are read.
    with Exporter() if config.charts else contextlib.nullcontext() as exporter:
        return _build(config, progress, exporter)


def _publishing() -> None:
    """Import the output stages (pandas, plotly, reportlab: a second on one core) while the workers
    extract the articles, rather than before. Imported here, not at the top, so that `briefing dates`
    does not pay for them. One that fails fails again, as before, in `_build`: not as an article's fault."""
    with contextlib.suppress(ImportError):
        from briefing.publish import charts, outputs, prose, report, tables  # noqa: F401


def _build(config: Config, progress: Progress | None, exporter) -> Briefing:
    briefing, undated = analyse(config, progress, meanwhile=_publishing)
    from briefing.publish import charts, outputs, prose, report, tables

    pdf, folder = periods.layout(config.out, config.window)
    if previous := periods.previous_tables(config.out, config.window):
        briefing = dataclasses.replace(briefing, changes=periods.changes(previous.name, briefing.events, briefing.figures,
                                                                         previous))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=config.out))
    except OSError as exc:
        raise ConfigError(f"cannot write to output folder {config.out}: {exc.strerror}") from None
    try:
        off_topic = briefing.off_topic_events
        tables.write_tables(staging, tables.events_frame(briefing.events, off_topic), tables.figures_frame(briefing.figures),
                            tables.sources_frame(briefing.documents, briefing.subject), tables.timeline_frame(briefing.key_dates))
        facts = mail.manifest(briefing)
        (staging / "briefing.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if config.charts:
            drawn = charts.draw(briefing.events, topic.figures_of(off_topic, briefing.figures),
                                naming.source_labels(briefing.documents), staging,
                                exporter)
            briefing = dataclasses.replace(briefing, charts=drawn)
        notes = prose.caveats(briefing, undated, unicode_fonts=report.register_fonts()[2],
                              unshown=tuple(report.unshowable(briefing)))
        report.write_pdf(briefing, prose.write(briefing, notes), staging / "briefing.pdf")
        outputs.publish(staging, folder, pdf)
        if pdf.name != "briefing.pdf":
            periods.point_latest(config.out, pdf)
        LOGGER.info("wrote %s", pdf)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    final = {c.name: dataclasses.replace(c, svg=c.svg and folder / c.svg.name, html=c.html and folder / c.html.name)
             for c in briefing.charts}
    return dataclasses.replace(briefing, charts=tuple(final.values()), pdf=pdf)
