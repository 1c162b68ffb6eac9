"""Run the stages in order: ingest -> dates -> events and figures -> summaries -> charts -> PDF.

The per-article stages run in `extract_article`, one article at a time, in worker processes;
the steps that need the whole corpus (merging events across sources, numbering, tying figures
to events) run here, in the parent, on what the workers return."""
from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from briefing import dates, events, figures, ingest, keydates, naming, parse, salience, summaries, workers
from briefing.errors import ConfigError, InputError
from briefing.models import Briefing, Config, DateMention, Document, Event, Extraction, Skipped, span_of

LOGGER = logging.getLogger(__name__)


def read(inputs: tuple[Path, ...]) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Read the articles; fill in a publication date the text states when metadata gives none."""
    documents, skipped = ingest.read_documents(inputs)
    documents = tuple(
        dataclasses.replace(d, published=found, published_basis="inferred")
        if d.published is None and (found := dates.infer_published(d.text))
        else d
        for d in documents
    )
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise InputError("no article found in " + ", ".join(map(str, inputs)) + (f" ({reasons})" if reasons else ""))
    return documents, skipped


def date_mentions(inputs: tuple[Path, ...]) -> tuple[tuple[DateMention, ...], tuple[Skipped, ...]]:
    """Every temporal expression of the articles, resolved against each one's publication date."""
    documents, skipped = read(inputs)
    mentions = tuple(m for d in documents for m in dates.tag_document(d))
    return mentions, skipped


def in_window(documents: tuple[Document, ...], as_of: date, days: int) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Keep the articles published in the `days` days up to `as_of`; say why the others are left out."""
    first = as_of - timedelta(days=days - 1)
    kept, skipped = [], []
    for d in documents:
        if not d.published:
            skipped.append(Skipped(path=str(d.path), reason=f"no publication date, so it cannot be placed in the {days}-day window"))
            continue
        lo, hi = span_of(d.published)
        if hi < first.isoformat() or lo > as_of.isoformat():
            skipped.append(Skipped(path=str(d.path), reason=f"published {d.published}, outside {first} – {as_of}"))
        else:
            kept.append(d)
    return tuple(kept), tuple(skipped)


def extract_article(document: Document) -> Extraction:
    """Do all the work one article needs by itself: sentences, dates, events, figures, summary.

    Runs in a worker process or on a Dask worker: it reads only its document and returns
    picklable records."""
    sentences = ingest.distinct(ingest.sentences(document))
    mentions = dates.tag_document(document)
    # One parse of each sentence that may count something or tell more than that someone spoke,
    # handed to both stages; it is made of plain records and never leaves this worker.
    parses = parse.parse_sentences(tuple(s for s in sentences if figures.may_count(s.text) or any(
        t.type != "statement" for t in events.find_triggers(s.text))))
    return Extraction(
        source=document.source,
        sentences=sentences,
        mentions=mentions,
        events=events.article_events(document, sentences, mentions, parses),
        figures=figures.article_figures(sentences, mentions, parses),
        summary=summaries.summarise(document, sentences),
    )


def extract(documents: tuple[Document, ...], jobs: int | None = None, dask: str | None = None) -> tuple[Extraction, ...]:
    """Run `extract_article` over the articles, in their order: on a Dask cluster, in worker processes
    (one per core unless `jobs` says), or in this process for one article or one job."""
    if dask:
        return workers.on_dask(extract_article, documents, dask)
    jobs = min(jobs or os.cpu_count() or 1, len(documents))
    if jobs <= 1:
        return tuple(map(extract_article, documents))
    return workers.in_processes(extract_article, documents, jobs)


def analyse(config: Config) -> tuple[Briefing, tuple[Event, ...]]:
    """Read and analyse the articles: every record of the briefing except its charts."""
    documents, skipped = read(config.inputs)
    if config.window_days:
        documents, outside = in_window(documents, config.as_of, config.window_days)
        skipped += outside
        if not documents:
            raise InputError(f"no article was published in the {config.window_days} days up to {config.as_of}")
    extracted = extract(documents, config.jobs, config.dask)
    # What needs the whole corpus: the same event told by several articles, ids, figures' events,
    # the key developments.
    sentences = tuple(s for x in extracted for s in x.sentences)
    found, undated = events.number_events(tuple(e for x in extracted for e in x.events))
    quantities = figures.attach_figures(tuple(f for x in extracted for f in x.figures), sentences, found)
    mentions = tuple(m for x in extracted for m in x.mentions)
    weights = keydates.event_salience(found, quantities, documents, mentions)
    found = tuple(dataclasses.replace(e, salience=weights[e.event_id]) for e in found)
    chosen = keydates.key_dates(documents, sentences, mentions, found, quantities, limit=config.key_dates,
                                per_date=config.sentences, salience=weights)
    briefing = Briefing(config=config, documents=documents, sentences=sentences, mentions=mentions, events=found,
                        figures=quantities, summaries=tuple(x.summary for x in extracted), skipped=skipped,
                        key_developments=salience.key_developments(found, quantities, key_dates=chosen),
                        key_dates=chosen)
    return briefing, undated


def build(config: Config) -> Briefing:
    """Build the briefing: tables, charts and PDF, written together into the output folder."""
    # The output stages bring pandas, plotly and reportlab (a second of start-up): imported
    # here so that `briefing dates` does not pay for them.
    from briefing import charts, prose, report, tables

    briefing, undated = analyse(config)
    try:
        config.out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=config.out))
    except OSError as exc:
        raise ConfigError(f"cannot write to output folder {config.out}: {exc.strerror}") from None
    try:
        tables.write_tables(staging, tables.events_frame(briefing.events), tables.figures_frame(briefing.figures),
                            tables.sources_frame(briefing.documents), tables.timeline_frame(briefing.key_dates))
        if config.charts:
            drawn = charts.draw(briefing.events, briefing.figures, naming.source_labels(briefing.documents), staging)
            briefing = dataclasses.replace(briefing, charts=drawn)
        notes = prose.caveats(briefing, undated, unicode_fonts=report.register_fonts()[2])
        report.write_pdf(briefing, prose.write(briefing, notes), staging / "briefing.pdf")
        for path in sorted(staging.iterdir()):
            os.replace(path, config.out / path.name)
        LOGGER.info("wrote %s", config.out / "briefing.pdf")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    final = {c.name: dataclasses.replace(c, svg=c.svg and config.out / c.svg.name, html=c.html and config.out / c.html.name)
             for c in briefing.charts}
    return dataclasses.replace(briefing, charts=tuple(final.values()))
