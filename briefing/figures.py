"""Find the figures of each article: money with its currency, counts with the thing counted.

"$55.5 billion" is 55500000000 USD; "six ballistic missiles" is 6 missiles; "around 11,000 North
Korean soldiers" is 11000 troops, approximately. A conversion in brackets ("€10 billion
(£8.6 billion)") is the same amount and is kept once. Ordinals ("1,000th day"), years, clock
times and model names ("Kh-59") are not figures.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from briefing.data import load
from briefing.models import DateMention, Event, Quantity, Sentence

NUMBER_WORDS: dict[str, int] = load("figures.yaml")["number_words"]
# A number: digits (not glued to a letter or hyphen, as in Kh-59 or Tu-22M3) or a number word.
DIGITS = r"(?<![\w.,-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]\d|th|st|nd|rd)|(?<![\w.,-])\d+(?:\.\d+)?(?![\w,.]?\d|th|st|nd|rd|[:/])"
WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER = rf"(?:{DIGITS}|\b(?:{WORDS})\b)"
WHAT_WORDS = 14


@dataclass(frozen=True, slots=True)
class Patterns:
    money: re.Pattern
    count: re.Pattern
    killed_after: re.Pattern
    killed_before: re.Pattern
    follow_up: re.Pattern
    unit_of: dict[str, tuple[str, str]]  # spelling pattern -> (unit, category)
    unit_patterns: tuple[tuple[re.Pattern, str, str], ...]
    currency_patterns: tuple[tuple[re.Pattern, str], ...]
    casualty_patterns: tuple[tuple[re.Pattern, str], ...]
    scales: dict[str, int]
    qualifiers: dict[str, str]
    aid_words: re.Pattern
    displaced: re.Pattern


def _alt(items) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


@cache
def patterns() -> Patterns:
    """Compile the figure patterns from data/figures.yaml once."""
    data = load("figures.yaml")
    qual = _alt(re.escape(q).replace(r"\ ", r"\s+") for q in data["qualifiers"])
    scale = _alt(data["scales"])
    symbol_currency = _alt(p for pats in data["currencies"].values() for p in pats if not p[0].isalpha() or p.isupper())
    word_currency = _alt(p for pats in data["currencies"].values() for p in pats if p[0].isalpha() and p.isascii())
    money = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?:(?P<cur>{symbol_currency})\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>{scale})\b)?"
        rf"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<scale2>{scale})?\s+(?P<cur2>{word_currency})\b)",
        re.I,
    )
    unit_words = {p: (unit, spec["category"]) for unit, spec in data["units"].items() for p in spec["words"]}
    count_scale = _alt(w for w in data["scales"] if len(w) > 2)  # "12 million people"; not "m" (metres) or "k"
    count = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER})(?:\s*(?:-|to|or|and)\s*(?P<num_max>{NUMBER}))?"
        rf"(?:\s+(?P<scale>{count_scale})\b)?"
        rf"(?:\s+of\s+(?:the|its|their)|(?:\s+(?!(?:were|was|are|is|have|had|has|and|or|of|in|on|at|to|for|by|from|with|than|that|which|who|square|sq)\b)[\w’'-]+){{0,3}})"
        rf"\s*(?P<unit>{_alt(unit_words)})(?!\w)",
        re.I,
    )
    killed = _alt(p for pats in data["casualties"].values() for p in pats)
    killed_after = re.compile(
        rf"\b(?P<verb>{killed})\s+(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER})(?!\s*(?:%|percent|of\b))"
        rf"(?:\s+(?:people|civilians|persons|soldiers|others|children))?", re.I)
    killed_before = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER})\s+(?:people|civilians|persons|soldiers|others)?\s*(?:were\s+|have\s+been\s+|had\s+been\s+)?(?P<verb>{killed})\b",
        re.I,
    )
    follow_up = re.compile(rf",\s+with\s+(?P<num>{NUMBER})\s+(?!of\b)(?P<verb>[a-z]+ing)\b", re.I)
    return Patterns(
        money=money,
        count=count,
        killed_after=killed_after,
        killed_before=killed_before,
        follow_up=follow_up,
        unit_of=unit_words,
        unit_patterns=tuple((re.compile(rf"(?:{p})$", re.I), u, c) for p, (u, c) in unit_words.items()),
        currency_patterns=tuple(
            (re.compile(rf"^(?:{_alt(pats)})$", re.I), code) for code, pats in data["currencies"].items()
        ),
        casualty_patterns=tuple((re.compile(rf"^(?:{_alt(pats)})$", re.I), unit) for unit, pats in data["casualties"].items()),
        scales={k.lower(): v for k, v in data["scales"].items()},
        qualifiers={re.sub(r"\s+", " ", k): v for k, v in data["qualifiers"].items()},
        aid_words=re.compile(data["aid_words"], re.I),
        displaced=re.compile(rf"(?:\s+[\w’'-]+){{0,3}}?\s+(?:{data['displaced_words']})\b", re.I),
    )


def number_value(text: str) -> float:
    """The value of a numeral or number word ("11,000", "six", "a dozen")."""
    word = re.sub(r"\s+", " ", text.lower())
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    return float(word.replace(",", ""))


def _qualifier(text: str | None) -> str | None:
    return patterns().qualifiers.get(re.sub(r"\s+", " ", text.lower())) if text else None


@dataclass(frozen=True, slots=True)
class Found:
    start: int  # offsets into the sentence
    end: int
    value: float
    value_max: float | None
    unit: str
    category: str
    qualifier: str | None


def _money(sentence: str) -> list[Found]:
    p = patterns()
    out = []
    for m in p.money.finditer(sentence):
        currency = m["cur"] or m["cur2"]
        code = next((c for pattern, c in p.currency_patterns if pattern.match(currency)), None)
        scale = (m["scale"] or m["scale2"] or "").lower()
        if code is None or (scale == "m" and not m["cur"]):
            continue
        value = number_value(m["num"] or m["num2"]) * p.scales.get(scale, 1)
        category = "aid" if p.aid_words.search(sentence) else "other"
        out.append(Found(m.start(), m.end(), value, None, code, category, _qualifier(m["qual"])))
    return out


def _counts(sentence: str, taken: list[tuple[int, int]]) -> list[Found]:
    p = patterns()
    out = []
    for m in p.count.finditer(sentence):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken):
            continue
        unit_text = m["unit"]
        unit, category = next(((u, c) for pattern, u, c in p.unit_patterns if pattern.match(unit_text)), (None, None))
        if unit is None:
            continue
        scale = p.scales.get((m["scale"] or "").lower(), 1)
        value = number_value(m["num"]) * scale
        if unit == "people" and p.displaced.match(sentence, m.end()):
            unit, category = "displaced", "other"  # "12 million people have been displaced"
        if value > 1 and not unit_text.lower().endswith("s") and any(
                u == unit and pattern.match(unit_text + "s") for pattern, u, _ in p.unit_patterns):
            continue  # "two civilian vessels": a singular noun after a number above one is an adjective
        if 1900 <= value <= 2100 and scale == 1 and unit not in ("km", "miles") and "," not in m["num"] and not m["qual"]:
            continue  # a year before a noun ("2024 attacks" is rare; "in 2023 drones ..." is common)
        value_max = number_value(m["num_max"]) * scale if m["num_max"] else None
        out.append(Found(m.start(), m.end(), value, value_max, unit, category, _qualifier(m["qual"])))
    return out


def _casualties(sentence: str, taken: list[tuple[int, int]]) -> list[Found]:
    p = patterns()
    out = []
    for pattern in (p.killed_after, p.killed_before):
        for m in pattern.finditer(sentence):
            if any(lo < m.end() and m.start() < hi for lo, hi in taken + [(f.start, f.end) for f in out]):
                continue
            unit = next(u for pat, u in p.casualty_patterns if pat.match(m["verb"]))
            out.append(Found(m.start(), m.end(), number_value(m["num"]), None, unit, "casualties", _qualifier(m["qual"])))
    return out


def _follow_ups(sentence: str, found: list[Found]) -> list[Found]:
    """"five of the missiles, with one suffering damage": the second number counts the same thing."""
    out = []
    for m in patterns().follow_up.finditer(sentence):
        before = [f for f in found if f.end <= m.start()]
        if before:
            last = before[-1]
            out.append(Found(m.start("num"), m.end("verb"), number_value(m["num"]), None, last.unit, last.category, None))
    return out


def _conversions(sentence: str, found: list[Found]) -> set[int]:
    """Indexes of figures that only restate the one before them in brackets."""
    drop = set()
    ordered = sorted(range(len(found)), key=lambda i: found[i].start)
    for a, b in zip(ordered, ordered[1:]):
        between = sentence[found[a].end:found[b].start]
        if re.fullmatch(r"\s*\(\s*(?:about|around|approximately|roughly|or)?\s*", between, re.I):
            drop.add(b)
    return drop


def _what(sentence: Sentence, start: int, end: int) -> str:
    text = sentence.text
    # a comma bounds a clause only before a space: "100,000 shells" is one number
    left = max([text.rfind(c, 0, start) for c in ";:(–—"] + [m.start() for m in re.finditer(r",(?=\s)", text[:start])]) + 1
    right = min([i for c in ";:)–—" if (i := text.find(c, end)) != -1]
                + [m.start() + end for m in re.finditer(r",(?=\s)", text[end:])] or [len(text)])
    if text.count("(", left, right) > text.count(")", left, right) and (close := text.find(")", right)) != -1:
        right = close + 1  # keep a bracket whole: "€10 billion (£8.6 billion)"
    words = text[left:right].strip().split()
    return " ".join(words[:WHAT_WORDS]) + (" …" if len(words) > WHAT_WORDS else "")


def sentence_figures(sentence: Sentence, dates: tuple[tuple[int, int], ...] = ()) -> list[Found]:
    """Every figure of one sentence, conversions and numbers inside dates ("October 1") left out.

    `dates` are the spans of the sentence's dates and times, as offsets into the sentence."""
    money = _money(sentence.text)
    casualties = _casualties(sentence.text, [(f.start, f.end) for f in money] + list(dates))
    found = money + casualties
    found += _counts(sentence.text, [(f.start, f.end) for f in found] + list(dates))
    found += _follow_ups(sentence.text, found)
    drop = _conversions(sentence.text, found)
    return sorted((f for i, f in enumerate(found) if i not in drop), key=lambda f: f.start)


def article_figures(sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...] = ()) -> tuple[Quantity, ...]:
    """Every figure of the sentences, in text order, not yet tied to an event or numbered.

    Numbers inside the sentences' dates and times ("October 1") are left out. This is the
    per-article half of `extract_figures`; `attach_figures` is the half that needs the events."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.type in ("DATE", "TIME"):
            spans.setdefault(m.source, []).append((m.start, m.end))
    for found in spans.values():
        found.sort()
    starts = {source: [lo for lo, _ in found] for source, found in spans.items()}
    out: list[Quantity] = []
    for sentence in sentences:
        own = spans.get(sentence.source, [])
        first = bisect_left(starts[sentence.source], sentence.start) if own else 0
        dates = []
        for lo, hi in own[first:]:
            if lo >= sentence.end:
                break
            dates.append((lo - sentence.start, hi - sentence.start))
        for f in sentence_figures(sentence, tuple(dates)):
            out.append(Quantity(
                figure_id="", source=sentence.source, start=sentence.start + f.start, end=sentence.start + f.end,
                value=f.value, value_max=f.value_max, unit=f.unit, category=f.category, qualifier=f.qualifier,
                phrase=sentence.text[f.start:f.end], what=_what(sentence, f.start, f.end),
            ))
    return tuple(out)


def attach_figures(found: tuple[Quantity, ...], sentences: tuple[Sentence, ...], events: tuple[Event, ...]) -> tuple[Quantity, ...]:
    """Tie each figure to the event its sentence tells, keep a figure told twice in an article once, number them.

    A figure told twice is kept from the sentence of an event if one tells it (a headline repeats
    the lead's figures without its date)."""
    starts: dict[str, list[int]] = {}
    for s in sentences:
        starts.setdefault(s.source, []).append(s.start)
    for values in starts.values():
        values.sort()
    told: dict[tuple[str, int], list[Event]] = {}
    for e in events:
        told.setdefault((e.source, e.start), []).append(e)

    def sentence_start(q: Quantity) -> int:
        own = starts[q.source]
        return own[bisect_right(own, q.start) - 1]

    placed = [(sentence_start(q), q) for q in found]
    placed.sort(key=lambda p: (p[1].source, (p[1].source, p[0]) not in told, p[0]))
    out: list[Quantity] = []
    seen: set[tuple[str, float, str]] = set()
    for start, q in placed:
        key = (q.source, q.value, q.unit)
        if key in seen:
            continue
        seen.add(key)
        # the event of the sentence whose trigger is nearest the figure ("35 drones ... launched")
        event = min(told.get((q.source, start), ()), key=lambda e: abs(e.trigger_start - q.start), default=None)
        out.append(replace(
            q,
            # "Russia had lost 1,250 soldiers": troops counted in a casualty report are casualties
            category="casualties" if q.unit == "troops" and event and event.type == "casualty_report" else q.category,
            date=event.date.date if event and event.date else None,
            event_id=event.event_id if event else None,
        ))
    out.sort(key=lambda q: (q.source, q.start))
    return tuple(replace(q, figure_id=f"F{i:03d}") for i, q in enumerate(out, 1))


def extract_figures(sentences: tuple[Sentence, ...], events: tuple[Event, ...],
                    mentions: tuple[DateMention, ...] = ()) -> tuple[Quantity, ...]:
    """The figures of all articles, each with the date of the event its sentence tells."""
    return attach_figures(article_figures(sentences, mentions), sentences, events)
