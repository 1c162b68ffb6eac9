"""What one article says by itself: its sentences, dates, events, figures and summary.

`extract_article` runs in a worker process or on a Dask worker; the cache keys its results by the
hash of this module's code and of every module it imports (`briefing.cache.extractor_version`).
"""
from __future__ import annotations

from briefing import dates
from briefing.dates.grammar import grammar
from briefing.extract import gazetteer, parse, summaries, wordnet
from briefing.extract.events import article_events, find_triggers, rules
from briefing.extract.figures import article_figures, may_count, needs_parse, patterns
from briefing.models import DateMention, Document, Extraction, Sentence
from briefing.read import ingest


def extract_article(document: Document) -> Extraction:
    """Do all the work one article needs by itself: sentences, dates, events, figures, summary.

    Runs in a worker process or on a Dask worker: it reads only its document and returns
    picklable records."""
    return extract_articles((document,))[0]


def extract_articles(documents: tuple[Document, ...]) -> tuple[Extraction, ...]:
    """`extract_article` of each article, in order, the sentences of all of them parsed together:
    spaCy parses many sentences at once faster than a few at a time."""
    read = [(d, sentences := ingest.distinct(ingest.sentences(d)), dates.tag_document(d)) for d in documents]
    # One parse of each sentence whose parse a stage reads, handed to both stages; it is made of
    # plain records and never leaves this worker.
    wanted = [_read_parsed(sentences, mentions) for _, sentences, mentions in read]
    parsed = iter(parse.parse_sentences(tuple(s for chosen in wanted for s in chosen)))
    out = []
    for (document, sentences, mentions), chosen in zip(read, wanted):
        parses = tuple(next(parsed) for _ in chosen)
        out.append(Extraction(
            source=document.source,
            sentences=sentences,
            mentions=mentions,
            events=article_events(document, sentences, mentions, parses),
            figures=article_figures(sentences, mentions, parses),
            summary=summaries.summarise(document, sentences),
        ))
    return tuple(out)


def prepare() -> None:
    """Load what the extraction of any article reads: the parser, the gazetteer, WordNet, the dates'
    grammar, the trigger and figure patterns. Worker processes forked after it share them instead of
    each loading them (seconds apiece)."""
    parse.nlp()
    gazetteer.gazetteer()
    wordnet.wordnet()
    grammar()
    rules()
    patterns()


def _read_parsed(sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...]) -> tuple[Sentence, ...]:
    """The sentences to parse: those that tell more than that someone spoke (events reads their
    clauses), and those with a number that tell a statement (events reads it too) or whose parse
    can change their figures. A sentence with a number and neither is not parsed: its numbers are
    all in its dates, durations, money and casualties, which need no parse."""
    out = []
    for sentence, (day_spans, time_spans) in zip(sentences, dates.sentence_spans(sentences, mentions)):
        triggers = find_triggers(sentence.text)
        if any(t.type != "statement" for t in triggers) or may_count(sentence.text) and (
                triggers or needs_parse(sentence, day_spans, time_spans)):
            out.append(sentence)
    return tuple(out)
