"""The subject of the briefing: the topic asked for, or the one most articles share; which articles are about it.

With `--topic libya,libyan` an article is about the topic when its title or text names one of the
words (as a word or the start of one: "libya" names "Libya's"). Without it, the subject is taken
from the articles themselves: the places and actors that most of the articles telling events name
(the gazetteer's names, so "Libya" and "Benghazi", not "CNN" or "Tuesday"). When no name is shared
by most of them, the articles tell several stories and every article counts.

The key dates, the key developments and the summary's sums are about the subject; the other
articles stay in the tables and the source list, marked, and are counted in the caveats. An event
is marked too when it is not about the subject though its article is (`events_off_topic`): a digest's
other story, a sidebar, a reader's comment ("13 taxi drivers were killed in Acapulco").
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from briefing.models import Document, Event, Quantity, Sentence, Subject

NEIGHBOURS = 2  # an event tells another story when neither its sentence nor this many on either side name the subject
NAME_ARTICLES = 2  # a place or actor is the subject's when events naming it with a subject word come from this many articles
SHARED = 0.6  # a name is the corpus's subject when this share of the articles telling events names it
MOST_NAMES = 3


def subject(documents: tuple[Document, ...], events: tuple[Event, ...], words: tuple[str, ...] = ()) -> Subject:
    """The subject asked for (`words`), else the names most articles share; and the articles not about it."""
    if words:
        off = _not_naming(documents, words)
        if len(off) == len(documents):  # a topic no article names: say so, and let every article count
            return Subject(words=words, given=True, off_topic=(), unnamed=True)
        return Subject(words=words, given=True, off_topic=off)
    names = _shared_names(events)
    if not names:
        return Subject(words=(), given=False, off_topic=())
    # The names are the gazetteer's ("Ukraine"); an article may write its own ("Kyiv", "Kiev"), which
    # its events carry under the gazetteer's name.
    telling = {e.source for e in events if set(names) & {*e.location, *e.actors}}
    return Subject(words=names, given=False,
                   off_topic=tuple(s for s in _not_naming(documents, names) if s not in telling))


def _shared_names(events: tuple[Event, ...]) -> tuple[str, ...]:
    """The places and actors that at least SHARED of the articles telling events name, commonest first."""
    named: dict[str, set[str]] = {}
    for e in events:
        for name in (*e.location, *e.actors):
            named.setdefault(e.source, set()).add(name)
    if len(named) < 2:
        return ()
    counts = Counter(name for names in named.values() for name in names)
    shared = [n for n, c in counts.most_common() if c >= SHARED * len(named)]
    return tuple(sorted(shared, key=lambda n: (-counts[n], n))[:MOST_NAMES])


def _not_naming(documents: tuple[Document, ...], words: tuple[str, ...]) -> tuple[str, ...]:
    """The sources whose title and text name none of the words."""
    pattern = _pattern(words)
    return tuple(d.source for d in documents if not pattern.search(d.text) and not pattern.search(d.title or ""))


def figures_about(subject: Subject | None, figures: tuple[Quantity, ...], sentences: tuple[Sentence, ...]) -> tuple[Quantity, ...]:
    """The figures of the subject: in an article about it and, for a topic asked for, in a paragraph
    that names one of its words (a transcript about Libya that turns to the US debt names its
    trillions in paragraphs of their own). A subject found in the articles is a few place names,
    which a paragraph about it need not repeat ("Kyiv's allies pledged €10 billion"): its figures are
    those of the articles about it."""
    if subject is None or not subject.words or subject.unnamed:
        return figures
    if not subject.given:
        return tuple(f for f in figures if subject.about(f.source))
    pattern = _pattern(subject.words)
    by_source: dict[str, list[Sentence]] = {}
    for s in sorted(sentences, key=lambda s: (s.source, s.start)):
        by_source.setdefault(s.source, []).append(s)
    starts = {source: [s.start for s in own] for source, own in by_source.items()}
    naming = {(s.source, s.paragraph) for s in sentences if pattern.search(s.text)}

    def paragraph(f: Quantity) -> int | None:
        own = by_source.get(f.source, [])
        i = bisect.bisect_right(starts.get(f.source, []), f.start) - 1
        return own[i].paragraph if i >= 0 and f.start < own[i].end else None

    return tuple(f for f in figures if subject.about(f.source) and (f.source, paragraph(f)) in naming)


def events_off_topic(subject: Subject | None, events: tuple[Event, ...],
                     sentences: tuple[Sentence, ...]) -> frozenset[str]:
    """The events not about the subject: those of articles not about it, and those that tell another
    story in an article about it. Such an event names nothing of the subject (its words, or a place
    or actor that articles name together with them, such as "Benghazi" or "Gadhafi" for Libya) in
    its sentence, places or actors, nor does its article within NEIGHBOURS sentences either side, and
    it names a place or actor of its own: a digest's item on Mexico, a reader's comment on Bangkok."""
    if subject is None or not subject.words or subject.unnamed:
        return frozenset()
    words = _demonyms(subject.words)
    names = _names_with(words, events, subject)
    by_source: dict[str, list[Sentence]] = {}
    for s in sorted(sentences, key=lambda s: (s.source, s.start)):
        by_source.setdefault(s.source, []).append(s)
    starts = {source: [s.start for s in own] for source, own in by_source.items()}

    def names_subject(text: str) -> bool:
        return bool(words.search(text)) or any(n in text for n in names)

    def elsewhere(e: Event) -> bool:
        own = {*e.location, *e.actors}
        if not own or own & names or names_subject(e.sentence):
            return False
        around = by_source.get(e.source, [])
        i = bisect.bisect_right(starts.get(e.source, []), e.start) - 1
        return not any(names_subject(s.text) for s in around[max(i - NEIGHBOURS, 0):i + NEIGHBOURS + 1])

    return frozenset(e.event_id for e in events if not any(subject.about(s) for s in e.sources) or elsewhere(e))


def figures_of(off_topic: frozenset[str], figures: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """The figures but those of the events not about the subject (`events_off_topic`): what the charts
    and the largest figures show ("7,700" dead in Japan's earthquake is no casualty of Libya's war)."""
    return tuple(f for f in figures if f.event_id not in off_topic)


def _names_with(words: re.Pattern[str], events: tuple[Event, ...], subject: Subject) -> frozenset[str]:
    """The places and actors of events told in a sentence that names the subject, in NAME_ARTICLES articles or more."""
    articles: dict[str, set[str]] = {}
    for e in events:
        if subject.about(e.source) and words.search(e.sentence):
            for name in {*e.location, *e.actors}:
                articles.setdefault(name, set()).add(e.source)
    return frozenset(n for n, found in articles.items() if len(found) >= NAME_ARTICLES)


def _demonyms(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, as `_pattern` finds them, or the word of its people ("Ukrainian", "Syrian", "Chinese")."""
    people = [re.escape(w[:-1]) + "(?:ian|an|ese)" for w in words if len(w) >= 5 and w[-1].lower() in "aeiouy"]
    return re.compile(_pattern(words).pattern + ("|(?<!\\w)(?:" + "|".join(people) + ")" if people else ""), re.I)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, as a word or the start of one, in any case."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")", re.I)
