"""Typed records passed between the stages of a build.

Every record is a frozen dataclass; a stage returns new records and never mutates its input.
Every annotation carries its source id and character offsets into the text as read, so that
anything in the briefing can be traced back to the sentence it came from.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

EVENT_TYPES = (
    "strike",
    "air_defense_intercept",
    "ground_advance",
    "aid_pledge",
    "policy_decision",
    "statement",
    "casualty_report",
    "deployment",
    "disaster",
    "other",
)
FIGURE_CATEGORIES = ("aid", "strike", "troops", "casualties", "territory", "price", "other")  # price: of one thing, never summed
PRECISIONS = ("day", "week", "month", "year", "range")


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of an article's text, by character offsets."""

    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article: its text exactly as read (after front matter) and what is known about it."""

    source: str
    path: Path
    text: str
    title: str
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    published_basis: str = "unknown"  # front_matter, sources_yaml, metadata_line, page_metadata, feed, inferred, unknown
    boilerplate: tuple[Span, ...] = ()  # lines that are not article content
    head: tuple[Span, ...] = ()  # of those, the lines above an agency's dateline only: not sentences, but dated
    encoding: str = "utf-8"  # the encoding the file's bytes were read in (utf-16, cp1252 ... when not UTF-8)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of article content."""

    source: str
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One word of a parsed sentence: what the parser says about it (spaCy's names)."""

    i: int  # index in its sentence
    text: str
    start: int  # offset into the sentence
    lemma: str
    pos: str  # universal part of speech: NOUN, VERB, NUM ...
    tag: str  # Penn tag: VBD, NNS, CD ...
    dep: str  # dependency label: nsubj, dobj, nummod ...
    head: int  # index of the head token (its own index for the root)
    ent: str = ""  # entity label: PERSON, ORG, NORP, GPE ...

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Parse:
    """The parse of one sentence, as plain records (no parser objects leave the stage)."""

    source: str
    start: int  # the sentence's offset in the article's text
    tokens: tuple[Token, ...]
    # Derived from the tokens once, so that asking for a word's children or the word at an offset
    # does not read the whole sentence each time (a sentence of 50 KB has thousands of triggers).
    child_ids: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)
    starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        children: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i and 0 <= t.head < len(children):
                children[t.head].append(t.i)
        object.__setattr__(self, "child_ids", tuple(map(tuple, children)))
        object.__setattr__(self, "starts", tuple(t.start for t in self.tokens))

    def children(self, i: int) -> tuple[Token, ...]:
        return tuple(self.tokens[j] for j in self.child_ids[i])

    def ancestors(self, i: int) -> tuple[Token, ...]:
        out, seen = [], {i}
        while (head := self.tokens[i].head) not in seen:
            out.append(self.tokens[head])
            seen.add(head)
            i = head
        return tuple(out)

    def token_at(self, offset: int) -> Token | None:
        """The token covering an offset into the sentence."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.tokens[i] if i >= 0 and offset < self.tokens[i].end else None

    def tokens_within(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that begin in [start, end) (offsets into the sentence), in order."""
        return self.tokens[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A temporal expression (TimeML TIMEX3) found in an article and normalised."""

    source: str
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2013-03-22, 2013-W11, P10Y, PRESENT_REF, XXXX-WI ...
    mod: str | None = None  # START, END, MID, APPROX, MORE_THAN ...
    resolved: bool = True  # False when the value needed a publication day that is unknown
    rule: str = ""  # the grammar rule that found it (for error analysis)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """When an event happened, as precisely as the text says and no more."""

    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD
    precision: str  # one of PRECISIONS
    text: str  # the words the date comes from, or "" when it is not from the sentence
    basis: str  # text, inherited, published

    @property
    def first_day(self) -> str:
        """The first day the date covers, as YYYY-MM-DD (for sorting and plotting)."""
        return span_of(self.date)[0]

    @property
    def last_day(self) -> str:
        """The last day the date covers, as YYYY-MM-DD."""
        return span_of(self.date)[1]


def span_of(value: str) -> tuple[str, str]:
    """Return the first and last day covered by a date or interval string."""
    if "/" in value:
        lo, hi = value.split("/", 1)
        return span_of(lo)[0], span_of(hi)[1]
    if len(value) == 10:
        return value, value
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return f"{value}-01", date.fromordinal(nxt.toordinal() - 1).isoformat()
    return f"{value[:4]}-01-01", f"{value[:4]}-12-31"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Something that happened (or is due to happen) on a date, told in one sentence."""

    event_id: str
    type: str  # one of EVENT_TYPES
    date: EventDate | None  # None when the text gives no date that can be resolved
    summary: str
    location: tuple[str, ...]
    actors: tuple[str, ...]
    weapons: tuple[str, ...]
    attributed_to: str | None
    sources: tuple[str, ...]  # every source that tells this event, best-dated first
    source: str  # the source of the sentence below
    start: int  # where its sentence lies in the article (the key that ties figures and key dates to it)
    end: int
    sentence: str  # the sentence's words, without a live blog's stamp before them
    trigger: str  # the words that name the happening
    trigger_start: int = 0  # offset of the trigger in the article's text
    salience: float = 0.0  # how much it matters across the corpus, 0 to 1 (corpus/keydates)
    background: bool = False  # dated outside the build's window, though reported in it


def is_currency(unit: str) -> bool:
    """A figure's unit is money when it is an ISO currency code (USD, EUR ...)."""
    return len(unit) == 3 and unit.isupper()


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A figure: an amount of money or a count of things, with the phrase it comes from."""

    figure_id: str
    source: str
    start: int
    end: int
    value: float
    value_max: float | None  # upper bound of a range ("10 to 12 drones")
    unit: str  # ISO currency code, or the counted thing in the plural
    category: str  # one of FIGURE_CATEGORIES
    qualifier: str | None  # approximately, at_least, more_than, up_to, nearly
    phrase: str
    what: str
    date: str | None = None
    event_id: str | None = None

    @property
    def is_money(self) -> bool:
        return is_currency(self.unit)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceSummary:
    """The sentences chosen to summarise one article."""

    source: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """What one article yields by itself, before the steps that need the whole corpus.

    Made in a worker process (or on a Dask worker), so it holds only plain picklable records:
    its events are not yet merged with other articles' nor numbered, its figures not yet tied to
    those events."""

    source: str
    sentences: tuple[Sentence, ...]  # distinct sentences of article content
    mentions: tuple[DateMention, ...]
    events: tuple[Event, ...]  # dated and undated, in the order the article tells them
    figures: tuple[Quantity, ...]  # in text order, without figure_id, event_id or date
    summary: SourceSummary


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyDate:
    """A day that matters, with the sentences that say what happened on it (corpus/keydates)."""

    date: str  # YYYY-MM-DD
    rank: int  # 1 = the most salient day
    score: float
    sentences: tuple[Sentence, ...]  # its summary, each sentence traceable to its article
    event_ids: tuple[str, ...]  # the day's events, most salient first
    sources: tuple[str, ...]  # the articles that tell its events or refer to it

    @property
    def summary(self) -> str:
        return " ".join(" ".join(s.text.split()) for s in self.sentences)


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    """A chart written to the output folder: a vector drawing for the PDF and an HTML page."""

    name: str
    title: str
    svg: Path | None
    html: Path | None
    caption: str
    empty_reason: str | None = None  # why there is nothing to draw
    failed: bool = False  # there was something to draw, but the export failed (empty_reason says why)


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    """Dated events counted per day, week or month, by type: what the activity chart draws."""

    bucket: str  # day, week or month
    starts: tuple[str, ...]  # the first day (YYYY-MM-DD) of every bucket of the window, in order
    counts: tuple[tuple[str, tuple[int, ...]], ...]  # (event type, count per bucket), most events first
    left_out: int  # dated events not counted: dated more loosely than a bucket, or far from the window


@dataclass(frozen=True, slots=True, kw_only=True)
class Total:
    """Figures that add up, summed: one donor's pledges in one currency, or one week's strikes."""

    key: str  # the donor, or the Monday (YYYY-MM-DD) of the week
    unit: str
    value: float
    figure_ids: tuple[str, ...]  # every figure behind the total, retellings of one amount included


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input that was not used, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """The days a build covers, first and last included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def week(self) -> str | None:
        """The ISO week a seven-day window is named by ('2024-W47'): the week that holds most of its
        days, so Monday to Sunday is that very week, and Tuesday to the next Monday the week before."""
        if self.days != 7:
            return None
        year, week, _ = (self.first + timedelta(days=3)).isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def name(self) -> str:
        """What the outputs of a build over this window are named by: its ISO week for seven days,
        else its days ('2024-11-01_2024-11-20', or '2024-11-24' for one day)."""
        if self.week:
            return self.week
        return self.first.isoformat() if self.days == 1 else f"{self.first.isoformat()}_{self.last.isoformat()}"

    def holds(self, first_day: str, last_day: str) -> bool:
        """Whether a stretch of days (YYYY-MM-DD) overlaps the window."""
        return not (last_day < self.first.isoformat() or first_day > self.last.isoformat())


@dataclass(frozen=True, slots=True, kw_only=True)
class SMTPSettings:
    """How to reach the mail server; the password is never shown (repr=False)."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    ssl: bool = False
    cafile: Path | None = None  # a CA to trust besides the system's (a company's own)
    timeout: float = 60.0  # the whole exchange with the server, in seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Everything a build needs to know, validated once at the edge."""

    inputs: tuple[Path, ...]
    out: Path
    as_of: date
    templates: Path | None = None
    page_size: str = "A4"
    title: str = "Situation briefing"
    author: str = "briefing"
    charts: bool = True
    window: Window | None = None  # keep only articles published in these days
    jobs: int | None = None  # worker processes for the per-article extraction (None: one per core)
    dask: str | None = None  # address of a Dask scheduler to run the per-article extraction on instead
    key_dates: int | None = None  # how many key dates (None: as many as the corpus calls for)
    sentences: int = 2  # sentences told per key date
    cache: Path | None = None  # folder of the extraction cache (None: the output folder)
    topic: tuple[str, ...] = ()  # words the briefing is about (--topic); none: the subject most articles share

    @property
    def window_days(self) -> int | None:
        return self.window.days if self.window else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Subject:
    """What the briefing is about (corpus/topic.py): the words asked for or found, and the articles not about them."""

    words: tuple[str, ...]  # empty: no subject is shared by most articles, every article counts
    given: bool  # asked for with --topic, or found in the articles
    off_topic: tuple[str, ...]  # sources naming none of the words: in the tables, not in the key dates
    unnamed: bool = False  # a topic asked for that no article names (every article counts then)

    def about(self, source: str) -> bool:
        return source not in self.off_topic


@dataclass(frozen=True, slots=True, kw_only=True)
class PastEvent:
    """An event of the previous period's briefing, as its events.json tells it."""

    event_id: str
    date: str
    type: str
    summary: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Update:
    """An event told again since the previous briefing, with what changed."""

    event: Event
    was: PastEvent
    what: str  # "2 new sources", "figure revised: 12 -> 15 drones"


@dataclass(frozen=True, slots=True, kw_only=True)
class Changes:
    """What a briefing adds to the previous period's: new events, updated ones, and those dropped."""

    previous: str  # the previous period's name, e.g. 2024-W46
    new: tuple[Event, ...]
    updated: tuple[Update, ...]
    dropped: tuple[PastEvent, ...]


PERIOD_MARGIN_DAYS = 31  # the least a briefing's period reaches beyond its articles' publication days


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    """The result of a build: every record the PDF and the tables are made from."""

    config: Config
    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[DateMention, ...]
    events: tuple[Event, ...]
    figures: tuple[Quantity, ...]
    summaries: tuple[SourceSummary, ...]
    skipped: tuple[Skipped, ...]
    left_out: tuple[Skipped, ...] = field(default=())  # published outside the window: not used, and no problem
    key_developments: tuple[Event, ...] = field(default=())  # the events page 1 leads with (corpus/salience.py)
    key_dates: tuple[KeyDate, ...] = field(default=())  # best first (corpus/keydates)
    charts: tuple[Chart, ...] = field(default=())
    changes: Changes | None = None  # what is new since the previous period's briefing
    subject: Subject | None = None  # what the key dates, key developments and summary sums are about
    off_topic_events: frozenset[str] = frozenset()  # events not about the subject (corpus/topic.py): marked, not led with
    pdf: Path | None = None  # where the PDF was written

    @property
    def period(self) -> tuple[str, str] | None:
        """The first and last day covered by the dated events of the corpus's main window.

        That window is the days the articles were published in, widened on each side by half
        their span (a month at least): the news of those days. An event dated far outside it (a
        treaty of 1787 a reader recalls, an election years ahead) does not stretch the period;
        without publication dates, or without an event inside the window, every dated event counts."""
        ranges = [(e.date.first_day, e.date.last_day) for e in self.events if e.date]
        published = [day for d in self.documents if d.published for day in span_of(d.published)]
        if published:
            first, last = date.fromisoformat(min(published)), date.fromisoformat(max(published))
            margin = timedelta(days=max(PERIOD_MARGIN_DAYS, (last - first).days // 2))
            lo, hi = (first - margin).isoformat(), (last + margin).isoformat()
            ranges = [(a, b) for a, b in ranges if lo <= a and b <= hi] or ranges
        return (min(a for a, _ in ranges), max(b for _, b in ranges)) if ranges else None
