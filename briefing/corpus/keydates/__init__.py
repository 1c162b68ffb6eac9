"""Choose the key dates of a corpus and say what happened on each: timeline summarisation.

A day matters when the corpus keeps coming back to it. The evidence, all counted across articles:
- how many articles refer to the day at all: a date mention the tagger resolved to it ("on
  Tuesday", "March 19"), the strongest single signal for the days a journalist picks (news-tls's
  DATEWISE, Gholipour Ghalandari & Ifrim 2020); a reference from a later article counts more;
- how many articles and publishers tell of the day's events, weighted by the kind of event (a
  strike with casualties over a statement) and the figures attached;
- the burst of coverage: the articles published on the day and the day after.
Each chosen day is told by its clearest sentences: those that mention the day or tell one of its
events, ranked by how central they are to everything said about that day (TF-IDF centroid), and
none repeating another, on that day or on another one.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from briefing.corpus.keydates.stamps import Stamps, find_stamps, without_entry_stamps
from briefing.data import load
from briefing.models import DateMention, Document, Event, KeyDate, Quantity, Sentence
from briefing.read import voice
from briefing.read.ingest import STOPWORDS

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WORD = re.compile(r"[a-z][a-z0-9'-]+")
MIN_WORDS, MAX_WORDS = 6, 60
MENTION_SUPPORT, EVENT_SUPPORT = 0.3, 0.5  # how much naming the day, or telling its event, lifts a sentence
FULL_DATE_RULES = frozenset({"day_month", "month_day", "day_ordinal", "day_first_date"})  # dates.py's rules
LEAD_SENTENCES, LEAD_SUPPORT = 3, 0.5  # the lead of an article tells its day's news
SENTENCE_STOPS = (".", "!", "”", '"', "’", "'", ")")  # how a whole sentence ends (a question does not tell)
REDUNDANT = 0.5  # share of a sentence's content words already told that makes it a repeat
FEWEST, MOST = 3, 15  # key dates by default, however small or large the corpus
LEAD_DAYS = 7  # a day up to a week before the first article may still be key (the first reports tell of it)


@cache
def settings() -> dict:
    """The weights and stopwords of data/keydates.yaml."""
    data = load("keydates.yaml")
    return {**data, "stopwords": frozenset(data["stopwords"].split()) | STOPWORDS,
            "unquotable": re.compile("|".join(f"(?:{p})" for p in data["unquotable"]), re.I)}


def content_words(text: str) -> list[str]:
    """The words of a text that carry its content, lower-cased, in order."""
    stop = settings()["stopwords"]
    return [w for w in WORD.findall(text.lower()) if w not in stop and len(w) > 2]


@dataclass
class Day:
    """The evidence gathered for one day."""

    day: str
    referring: set[str] = field(default_factory=set)  # articles with a date mention resolved to the day
    referring_later: set[str] = field(default_factory=set)  # ... published after it
    referring_same: set[str] = field(default_factory=set)  # ... published on it ("today", "on Tuesday")
    naming: set[str] = field(default_factory=set)  # ... that name it in full ("19 March", "March 19, 2011")
    published: set[str] = field(default_factory=set)  # articles published on the day
    telling: set[str] = field(default_factory=set)  # articles telling one of its events
    publishers: set[str] = field(default_factory=set)
    event_weight: float = 0.0
    events: list[Event] = field(default_factory=list)
    sentences: dict[tuple[str, int], Sentence] = field(default_factory=dict)  # the pool its summary comes from
    support: Counter = field(default_factory=Counter)  # per sentence of the pool: how directly it tells of the day


def mention_day(mention: DateMention) -> str | None:
    """The day a date mention resolves to, when it names one day."""
    if mention.type not in ("DATE", "TIME") or not mention.resolved or not DAY.match(mention.value):
        return None
    return mention.value[:10] if calendar_day(mention.value[:10]) else None


def calendar_day(key: str) -> date | None:
    """The date a YYYY-MM-DD key names, or None for one the calendar lacks ("1900-02-29")."""
    try:
        return date.fromisoformat(key)
    except ValueError:
        return None


def event_salience(events: tuple[Event, ...], figures: tuple[Quantity, ...], documents: tuple[Document, ...],
                   mentions: tuple[DateMention, ...] = ()) -> dict[str, float]:
    """How much each event matters, 0 to 1: its kind, the sources and publishers that tell it, the
    figures attached to it, and how many articles refer to its day."""
    cfg = settings()
    publisher = {d.source: d.publisher or d.source for d in documents}
    counted = defaultdict(set)
    for f in figures:
        if f.event_id:
            counted[f.event_id].add(f.category)
    referring = defaultdict(set)
    stamps = find_stamps(documents, mentions)
    for m in mentions:
        if stamps.evidence(m) and (day := mention_day(m)):
            referring[day].add(m.source)
    raw = {}
    for e in events:
        weight = cfg["type_weight"].get(e.type, 0.5)
        weight += cfg["casualty_bonus"] * ("casualties" in counted[e.event_id]) + cfg["figure_bonus"] * bool(counted[e.event_id])
        tellers = len(e.sources) + len({publisher.get(s, s) for s in e.sources}) - 1
        day_refs = len(referring[e.date.date]) if e.date and e.date.precision == "day" else 0
        raw[e.event_id] = weight * (1 + math.log1p(tellers) + 0.5 * math.log1p(day_refs))
    top = max(raw.values(), default=1.0) or 1.0
    return {k: round(v / top, 3) for k, v in raw.items()}


def gather(documents: tuple[Document, ...], sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...],
           events: tuple[Event, ...], salience: dict[str, float], stamps: Stamps | None = None) -> dict[str, Day]:
    """The evidence for every day that an article is published on, refers to, or dates an event on;
    none from posting stamps or readers' comments (stamps.py)."""
    stamps = stamps or find_stamps(documents, mentions)
    all_mentions, mentions = mentions, tuple(m for m in mentions if stamps.evidence(m))
    events = tuple(e for e in events if not stamps.in_comments(e.source, e.start))
    sentences = without_entry_stamps(tuple(stamps.trim(s) for s in sentences if not stamps.in_comments(s.source, s.start)),
                                     all_mentions)
    days: dict[str, Day] = {}
    get = lambda d: days.setdefault(d, Day(d))  # noqa: E731
    published = {d.source: d.published for d in documents if d.published and len(d.published) == 10}
    publisher = {d.source: d.publisher or "" for d in documents}
    for source, day in published.items():
        get(day).published.add(source)
    by_source = defaultdict(list)
    for s in sentences:
        by_source[s.source].append(s)
    starts = {src: [s.start for s in ss] for src, ss in by_source.items()}

    def sentence_at(source: str, offset: int) -> Sentence | None:
        i = bisect.bisect_right(starts.get(source, []), offset) - 1
        if i >= 0 and offset < by_source[source][i].end:
            return by_source[source][i]
        return None

    named = defaultdict(set)  # the days each sentence names
    for m in mentions:
        if (day := mention_day(m)) is not None and (s := sentence_at(m.source, m.start)) is not None:
            named[(s.source, s.start)].add(day)
    for source, day in published.items():
        for s in by_source.get(source, [])[:LEAD_SENTENCES]:  # the lead tells the day's news ...
            if (names := named[(s.source, s.start)]) and day not in names:
                continue  # ... unless it names another day ("On Monday" in Tuesday's paper) and not this one
            get(day).sentences[(s.source, s.start)] = s
            get(day).support[(s.source, s.start)] += LEAD_SUPPORT
    for m in mentions:
        if (day := mention_day(m)) is None:
            continue
        d = get(day)
        d.referring.add(m.source)
        if published.get(m.source, "") > day:
            d.referring_later.add(m.source)
        elif published.get(m.source) == day:
            d.referring_same.add(m.source)
        if m.rule in FULL_DATE_RULES:
            d.naming.add(m.source)
        # An article written before the day looks ahead to it: it tells what was planned, not what happened.
        if published.get(m.source, day) >= day and (s := sentence_at(m.source, m.start)) is not None:
            d.sentences[(s.source, s.start)] = s
            d.support[(s.source, s.start)] += MENTION_SUPPORT
    for e in events:
        if not e.date or e.date.precision != "day":
            continue
        d = get(e.date.date)
        d.events.append(e)
        d.telling.update(e.sources)
        d.publishers.update(publisher.get(s, "") for s in e.sources)
        d.event_weight += salience.get(e.event_id, 0.0)
        if (s := sentence_at(e.source, e.start)) is not None:
            d.sentences[(s.source, s.start)] = s
            d.support[(s.source, s.start)] += EVENT_SUPPORT * salience.get(e.event_id, 0.0)
    return days


def score_days(days: dict[str, Day], documents: tuple[Document, ...]) -> dict[str, float]:
    """The salience of each day from its evidence, within the period the articles were published in."""
    published = sorted(d.published for d in documents if d.published and len(d.published) == 10)
    if not published:
        return {}
    first, last = (date.fromisoformat(published[0]) - timedelta(days=LEAD_DAYS)).isoformat(), published[-1]
    scores = {}
    for key, d in days.items():
        if not (first <= key <= last) or (day := calendar_day(key)) is None:
            continue  # an impossible day (from a damaged cache or an old tagger) has no score
        after = days.get((day + timedelta(days=1)).isoformat())
        # Log counts: the tenth article about a day adds less than the second. Weights measured on
        # Timeline17 (four topics); a reference from a later article counts most, then the
        # coverage burst of the day after (news of an evening is published the next morning).
        scores[key] = (math.log1p(len(d.referring_later)) + 0.5 * math.log1p(len(d.naming))
                       + 0.5 * math.log1p(len(d.referring_same)) + 0.5 * math.log1p(d.event_weight)
                       + 0.5 * math.log1p(len(d.published)) + math.log1p(len(after.published) if after else 0)
                       + 0.5 * math.log1p(max(len(d.publishers) - 1, 0)))
    return scores


def latest_news(documents: tuple[Document, ...], days: dict[str, Day] | None = None) -> str | None:
    """The last day an article of the corpus was published on: the latest state of the story; with
    the days' evidence, the last day up to then that has something to tell, an event or a sentence of
    its own (Tuesday's paper whose lead tells only of Monday leaves Tuesday nothing to say)."""
    last = max((d.published for d in documents if d.published and len(d.published) == 10), default=None)
    if days is None or last is None:
        return last
    return next((key for key in sorted(days, reverse=True)
                 if key <= last and (days[key].events or any(map(_readable, days[key].sentences.values())))), None)


def choose(scores: dict[str, float], wanted: int, latest: str | None = None) -> list[str]:
    """The `wanted` best days, best first, and among them the day of the latest news.

    Nothing published after that day can look back to it, so it lacks the evidence that makes the
    other days key, yet it is where the story stands: a journalist's timeline runs up to it
    (Timeline17's four dev topics: the best days alone .425 Date-F1, with the latest .451)."""
    ranked = sorted(scores, key=lambda k: (-scores[k], k))[:wanted]
    if latest in scores and latest not in ranked and ranked:
        ranked[-1] = latest
        ranked.sort(key=lambda k: (-scores[k], k))
    return ranked


def default_count(days: dict[str, Day], scores: dict[str, float]) -> int:
    """How many key dates a corpus calls for: about one for every three days with news, within bounds."""
    busy = sum(1 for key in scores if days[key].events or days[key].published)
    return max(FEWEST, min(MOST, round(busy / 3)))


class Vectors:
    """TF-IDF over the sentences of the corpus (each sentence a document)."""

    def __init__(self, pools: list[list[Sentence]]):
        self.df: Counter[str] = Counter()
        seen = {(s.source, s.start): s for pool in pools for s in pool}
        for s in seen.values():
            self.df.update(set(content_words(s.text)))
        self.n = max(len(seen), 1)

    def vector(self, words: list[str]) -> dict[str, float]:
        counts = Counter(words)
        vec = {w: (1 + math.log(c)) * math.log(1 + self.n / (1 + self.df[w])) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _readable(sentence: Sentence) -> bool:
    """Whether a sentence may tell a key date: a whole sentence (capital to stop) of 6 to 60 words, not
    mostly a quotation, not a question, not about the page itself (data/keydates.yaml's unquotable), not
    in the narrator's own voice (a presenter's "I'm Carl Azuz, launching you into ...", read/voice.py)."""
    text = sentence.text.strip()
    words = text.split()
    quoted = sum(len(q) for q in re.findall(r"[“\"][^”\"]*[”\"]", text))
    return (MIN_WORDS <= len(words) <= MAX_WORDS and quoted < 0.5 * len(text) and text[:1].isupper()
            and _signable(text))


def _signable(text: str) -> bool:
    """Whether a text may be quoted as what happened at all: a whole sentence, not about the page
    itself, not in the narrator's own voice."""
    return text.endswith(SENTENCE_STOPS) and not settings()["unquotable"].search(text) and not voice.own_voice(text)


def summarise_day(day: Day, vectors: Vectors, count: int, told: list[set[str]]) -> tuple[Sentence, ...]:
    """The `count` clearest sentences about a day: central to what is said of it, none repeating
    another (nor one already told for another day, in `told`, which it extends)."""
    pool = [s for s in day.sentences.values() if _readable(s)]
    if not pool:
        return ()
    vecs = {(s.source, s.start): vectors.vector(content_words(s.text)) for s in pool}
    centroid: Counter[str] = Counter()
    for v in vecs.values():
        centroid.update(v)
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    centroid = Counter({w: v / norm for w, v in centroid.items()})
    def clarity(s: Sentence) -> float:
        key = (s.source, s.start)
        return _cosine(vecs[key], centroid) * (1 + min(day.support[key], 1.0))

    ranked = sorted(pool, key=lambda s: (-clarity(s), s.source, s.start))
    chosen: list[Sentence] = []
    for s in ranked:
        words = set(content_words(s.text))
        if not words or any(len(words & other) / len(words) > REDUNDANT for other in told):
            continue
        chosen.append(s)
        told.append(words)
        if len(chosen) == count:
            break
    return tuple(chosen)


def _event_sentence(day: Day, events: list[Event]) -> tuple[Sentence, ...]:
    """A day with no clear sentence of its own (its only one already told another day: "earthquakes
    struck on Saturday and Wednesday"; or mostly a quotation) is told by its top event's sentence,
    repeated or quoted, rather than by nothing; never by a page's furniture or its narrator."""
    for e in events:
        for s in day.sentences.values():
            if s.source == e.source and s.start <= e.start < s.end and _signable(s.text.strip()):
                return (s,)
    return ()


def key_dates(documents: tuple[Document, ...], sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...],
              events: tuple[Event, ...], figures: tuple[Quantity, ...], *, limit: int | None = None,
              per_date: int = 2, salience: dict[str, float] | None = None) -> tuple[KeyDate, ...]:
    """The key dates of the corpus, best first, each with its summary, events and sources."""
    salience = salience if salience is not None else event_salience(events, figures, documents, mentions)
    days = gather(documents, sentences, mentions, events, salience)
    scores = score_days(days, documents)
    wanted = limit if limit is not None else default_count(days, scores)
    ranked = choose(scores, wanted, latest_news(documents, days))
    vectors = Vectors([list(days[k].sentences.values()) for k in ranked])
    told: list[set[str]] = []
    out = []
    for rank, key in enumerate(ranked, 1):
        d = days[key]
        top_events = sorted(d.events, key=lambda e: (-salience.get(e.event_id, 0.0), e.event_id))
        chosen = summarise_day(d, vectors, per_date, told) or _event_sentence(d, top_events)
        # every article the day's lines come from is cited, also one that only reports on that day
        cited = d.telling | d.referring | {s.source for s in chosen}
        out.append(KeyDate(
            date=key, rank=rank, score=round(scores[key], 3), sentences=chosen,
            event_ids=tuple(e.event_id for e in top_events),
            sources=tuple(sorted(cited, key=lambda s: (s not in d.telling, s))),
        ))
    return tuple(out)
