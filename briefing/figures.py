"""Find the figures of each article: money with its currency, counts with the thing counted.

"$55.5 billion" is 55500000000 USD; "six ballistic missiles" is 6 missiles; "around 11,000 North
Korean soldiers" is 11000 troops, approximately. A conversion in brackets ("€10 billion
(£8.6 billion)") is the same amount and is kept once. Ordinals ("1,000th day"), years, clock
times and model names ("Kh-59") are not figures.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache

from briefing.data import load
from briefing.dates import sentence_spans
from briefing.models import DateMention, Event, Parse, Quantity, Sentence, Token, is_currency

NUMBER_WORDS: dict[str, int] = load("figures.yaml")["number_words"]
# A number: digits (not glued to a letter or hyphen, as in Kh-59 or Tu-22M3) or a number word.
DIGITS = r"(?<![\w.,-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]\d|th|st|nd|rd)|(?<![\w.,-])\d+(?:\.\d+)?(?![\w,.]?\d|th|st|nd|rd|[:/])"
WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER = rf"(?:{DIGITS}|\b(?:{WORDS})\b)"
WHAT_WORDS = 14
# "several hundred people", "a few thousand": a round number after a vague word is no figure.
VAGUE_ROUND = re.compile(r"\b(?:several|a\s+few|few|many|some|hundreds|thousands|tens)\s+(?:hundred|thousand|million)\b", re.I)
MAX_VALUE = 1e18  # above a quintillion a "figure" is a run of digits, not an amount anyone reported
MINUS_SIGNS = "-−"


@dataclass(frozen=True, slots=True)
class Patterns:
    number: re.Pattern  # a number anywhere: every figure pattern has one
    numeral: re.Pattern  # a digit, a number word or a scale word: what any word with a value holds
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
    qualifier_before: re.Pattern
    not_counted: frozenset[str]
    speech_verbs: frozenset[str]
    category_of_event: dict[str, str]


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
        rf"(?:(?P<qual>{qual})\s+)?(?:(?P<cur>{symbol_currency})\s?(?P<minus>[-−])?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>{scale})\b)?"
        rf"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<scale2>{scale})?\s+(?P<cur2>{word_currency})\b)",
        re.I,
    )
    unit_words = {p: (unit, spec["category"]) for unit, spec in data["units"].items() for p in spec["words"]}
    count_scale = _alt(w for w in data["scales"] if len(w) > 2)  # "12 million people"; not "m" (metres) or "k"
    count = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER})(?:\s*(?:-|to|or|and)\s*(?P<num_max>{NUMBER}))?"
        rf"(?:\s+(?P<scale>{count_scale})\b)?"
        rf"(?:\s+of\s+(?:the|its|their)|(?:\s+(?!(?:were|was|are|is|have|had|has|and|or|of|in|on|at|to|for|by|from|with|than|that|which|who|square|sq)\b)[\w’'][\w’'-]*){{0,3}})"
        rf"\s*(?<![\w’'-])(?P<unit>{_alt(unit_words)})(?!\w)",  # a whole word: not "truck" inside "struck"
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
        number=re.compile(rf"\d|{NUMBER}", re.I),
        numeral=re.compile(rf"\d|\b(?:{WORDS}|{_alt(re.escape(w) for w in data['scales'])})\b", re.I),
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
        qualifier_before=re.compile(rf"(?<![\w-])(?P<qual>{qual})\s+$", re.I),
        not_counted=frozenset(data["not_counted"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        category_of_event=data["category_of_event"],
    )


HAS_NUMBER = re.compile(rf"\d|\b(?:{WORDS})\b", re.I)


def may_count(text: str) -> bool:
    """Whether a sentence has a number at all (only those need a parse to find their counts)."""
    return HAS_NUMBER.search(text) is not None


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
        start = m.start()
        if m["minus"]:
            value = -value  # "$-5 billion"
        elif not m["qual"] and _minus_before(sentence, start):
            value, start = -value, start - 1  # "-$5 billion", "−3 million euros"
        category = "aid" if p.aid_words.search(sentence) else "other"
        out.append(Found(start, m.end(), value, None, code, category, _qualifier(m["qual"])))
    return out


def _minus_before(sentence: str, start: int) -> bool:
    """A minus sign glued to an amount, not a hyphen or a dash between words or numbers ("2-$3 billion")."""
    return start > 0 and sentence[start - 1] in MINUS_SIGNS and (start == 1 or not sentence[start - 2].isalnum())


def _counts(sentence: str, taken: list[tuple[int, int]]) -> list[Found]:
    p = patterns()
    out = []
    for m in p.count.finditer(sentence):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken) or _vague(sentence, m.start("num")):
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


def _qualifies_a_noun(parse: Parse, end: int) -> bool:
    """Whether the word ending at `end` is a compound of a noun after it ("personnel" in "personnel carriers")."""
    token = parse.token_at(end - 1)
    return token is not None and token.dep == "compound" and token.head > token.i


def _modifiers(phrase: str) -> tuple[str, ...]:
    """The words that describe a counted noun, between the number and the noun ("major" in "two major fires")."""
    words = phrase.lower().split()[1:-1]
    return tuple(sorted(w for w in words if w.isalpha()))


def _vague(text: str, start: int) -> bool:
    """Whether the number at `start` is a round one after a vague word ("several hundred")."""
    return any(m.start() <= start < m.end() for m in VAGUE_ROUND.finditer(text, max(0, start - 12), start + 12))


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


COUNTING_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT")  # a number standing for its noun
NOUN_PHRASE_DEPS = ("compound", "amod", "nmod", "nummod")


def _number_value(parse: Parse, top: Token) -> tuple[float, float | None, int] | None:
    """The value of a number and the numbers that build it ("13 million", "10 to 12"): (value, upper
    bound of a range or None, index of its first token)."""
    scales = patterns().scales
    parts = [c for c in parse.children(top.i) if c.tag == "CD" and c.dep in ("compound", "quantmod") and c.i < top.i]
    try:
        if top.text.lower() in scales and parts:  # "13 million": the compound counts the millions
            value = number_value(parts[-1].text) * scales[top.text.lower()]
            return value, None, parts[-1].i
        value = number_value(top.text)
        ranged = [c for c in parts if any(t.text.lower() in ("to", "-", "–") for t in parse.tokens[c.i + 1:top.i])]
        if ranged:  # its low end may be a word that is no number alone ("million - 12")
            return number_value(ranged[0].text), value, ranged[0].i
    except ValueError:
        return None
    return value, None, top.i


def _counted_noun(parse: Parse, top: Token) -> Token | None:
    """The noun a number counts: its head ("40 armoured personnel carriers"), or the noun after
    "of" ("five of the missiles"); None when the noun is left out ("Seven were destroyed")."""
    head = parse.tokens[top.head]
    if top.dep == "nummod" and head.pos in ("NOUN", "PROPN") and head.i > top.i:
        return head
    if top.dep == "quantmod" and head.tag == "CD" and (noun := _counted_noun(parse, head)):
        return noun  # "three of 14 provincial capitals"
    for prep in parse.children(top.i):
        if prep.text.lower() == "of":
            nouns = [c for c in parse.children(prep.i) if c.dep == "pobj" and c.pos in ("NOUN", "PROPN")]
            if nouns:
                return nouns[0]
    return None


def _elided(parse: Parse, top: Token) -> bool:
    """Whether a number stands in for a noun left out: "Seven were destroyed", "8.6 million of them",
    "its already announced 140,000", "slightly fewer than the 17 announced Monday"."""
    head = parse.tokens[top.head]
    determined = any(c.dep in ("det", "poss") for c in parse.children(top.i))
    if top.dep == "nummod":  # "a total of 68": the noun "total" counts nothing of its own
        return head.lemma in ("total", "number") or head.pos not in ("NOUN", "PROPN") or determined
    if top.dep == "pobj":
        return determined or head.text.lower() == "of" and parse.tokens[head.head].lemma in ("total", "number")
    return top.dep in COUNTING_DEPS


def parsed_counts(sentence: Sentence, parse: Parse, taken: list[tuple[int, int]],
                  before: list[Found] = ()) -> list[Found]:
    """Counts of any noun, read from the parse: a number and the noun phrase it counts (its
    compounds and adjectives). A number whose noun is left out takes the noun of the count before
    it, in this sentence or in `before` ("Twelve drones were shot down. Seven were destroyed ...")."""
    p = patterns()
    out: list[Found] = []
    for top in parse.tokens:
        if top.tag != "CD" or (top.dep in ("compound", "quantmod") and parse.tokens[top.head].tag == "CD"
                               and not _partitive(parse, top)):
            continue
        if any(lo < top.end and top.start < hi for lo, hi in taken) or _vague(sentence.text, top.start):
            continue
        if (number := _number_value(parse, top)) is None:
            continue
        value, value_max, first = number
        if value <= 1 or (1900 <= value <= 2100 and "," not in top.text):
            continue  # "one of them" counts nothing; a bare year is a date
        start = parse.tokens[first].start
        if (qual := p.qualifier_before.search(sentence.text[:start])) is not None:
            start = qual.start()
        noun = _counted_noun(parse, top)
        if noun is not None and noun.tag in ("NN", "NNP") and value > 1 and _elided(parse, top):
            noun = None  # "than the 17 announced Monday afternoon": the noun is left out
        if noun is not None:
            if noun.lemma.lower() in p.not_counted or (noun.tag in ("NN", "NNP") and value > 1):
                continue  # "two years of war"; "a seven-year-old", "two-day": a singular noun is an adjective
            if noun.dep == "nsubj" and parse.tokens[noun.head].lemma in p.speech_verbs:
                continue  # "two US officials said": who tells it, not what is counted
            end = noun.end
            unit, category = _unit(sentence.text[top.end:end], noun)
        elif (told := _toll(parse, top)) is not None:
            end, (unit, category) = top.end, told  # "the death toll rose to 66"
        else:
            earlier = [f for f in [*before, *out] if f.start < start] or list(before[-1:])
            if not earlier or not _elided(parse, top):
                continue
            end = _predicate_end(parse, top)
            unit, category = earlier[-1].unit, earlier[-1].category
        out.append(Found(start, end, value, value_max, unit, category, _qualifier(qual["qual"]) if qual else None))
    return out


def _toll(parse: Parse, top: Token) -> tuple[str, str] | None:
    """"the death toll mounted to 66", "the number of refugees reached 28,000": the subject of the
    verb names what the number counts."""
    verb = parse.tokens[top.head]
    if verb.text.lower() == "to" and top.dep == "pobj":
        verb = parse.tokens[verb.head]
    if verb.pos not in ("VERB", "AUX") or top.dep not in ("pobj", "dobj", "attr"):
        return None
    for subject in parse.children(verb.i):
        if subject.dep not in ("nsubj", "nsubjpass"):
            continue
        if subject.lemma == "toll":
            return "people_killed", "casualties"
        if subject.lemma in ("number", "total", "count"):
            for prep in parse.children(subject.i):
                nouns = [c for c in parse.children(prep.i) if prep.text.lower() == "of" and c.pos == "NOUN"]
                if nouns:
                    return _unit(nouns[0].text, nouns[0])
    return None


def _predicate_end(parse: Parse, top: Token) -> int:
    """Where the words that tell what an elided count did end: "two were in critical condition"."""
    end = top.end
    for token in parse.tokens[top.i + 1:]:
        if token.pos == "PUNCT" or token.pos == "CCONJ":
            break
        end = token.end
    return end


def _partitive(parse: Parse, token: Token) -> bool:
    """"three of 14 provincial capitals": a number before "of" and another count."""
    return token.i + 1 < len(parse.tokens) and parse.tokens[token.i + 1].text.lower() == "of"


def _unit(phrase: str, noun: Token) -> tuple[str, str]:
    """The unit and category of a counted noun phrase: a listed unit when one names it, else the noun."""
    words = phrase.split()
    for k in range(len(words)):
        for pattern, unit, category in patterns().unit_patterns:
            if pattern.match(" ".join(words[k:])):
                return unit, category
    return noun.text.lower(), "other"


def sentence_figures(sentence: Sentence, dates: tuple[tuple[int, int], ...] = (), parse: Parse | None = None,
                     times: tuple[tuple[int, int], ...] = (), previous: Found | None = None) -> list[Found]:
    """Every figure of one sentence, conversions and numbers inside dates ("October 1") left out.

    `dates` are the spans of the sentence's dates and times, `times` those of all its temporal
    expressions (durations too), as offsets into the sentence. With its `parse`, counts of nouns no
    list names are found too; `previous` is the last figure before the sentence in its paragraph."""
    found, counts = _listed(sentence.text, dates)
    if parse is not None:  # "40 armoured personnel carriers": a listed word that only qualifies the noun counts nothing
        counts = [f for f in counts if not _qualifies_a_noun(parse, f.end)]
    found += counts
    found += _follow_ups(sentence.text, found)
    if parse is not None:
        earlier = ([previous] if previous else []) + sorted(found, key=lambda f: f.start)
        found += parsed_counts(sentence, parse, [(f.start, f.end) for f in found] + list(dates) + list(times), earlier)
    drop = _conversions(sentence.text, found)
    return sorted((f for i, f in enumerate(found) if i not in drop and _plausible(f)), key=lambda f: f.start)


def _listed(text: str, dates: tuple[tuple[int, int], ...]) -> tuple[list[Found], list[Found]]:
    """The amounts of money and the casualties the patterns find in a sentence, and its counts of listed nouns."""
    if patterns().number.search(text) is None:  # every pattern of a figure has a number: most sentences have none
        return [], []
    money = _money(text)
    found = money + _casualties(text, [(f.start, f.end) for f in money] + list(dates))
    return found, _counts(text, [(f.start, f.end) for f in found] + list(dates))


def needs_parse(sentence: Sentence, dates: tuple[tuple[int, int], ...] = (),
                times: tuple[tuple[int, int], ...] = ()) -> bool:
    """Whether a sentence's parse can change its figures (`dates` and `times` as for `sentence_figures`).

    It can when the patterns count a listed noun (the parse tells whether the noun only qualifies
    another: "personnel carriers"), or when a number or scale word stands outside the sentence's
    temporal expressions and its money and casualties: a count read from the parse starts at a
    number-valued word, and any word that overlaps those is passed over. Else it cannot."""
    found, counts = _listed(sentence.text, dates)
    if counts:
        return True
    found += _follow_ups(sentence.text, found)
    covered = _union([(f.start, f.end) for f in found] + list(dates) + list(times))
    return any(not any(lo <= m.start() and m.end() <= hi for lo, hi in covered)
               for m in patterns().numeral.finditer(sentence.text))


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans merged where they overlap or touch, in order."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _plausible(found: Found) -> bool:
    """A finite amount below MAX_VALUE: "$999999999999999999999 trillion" is no figure."""
    return all(v is None or (math.isfinite(v) and abs(v) < MAX_VALUE) for v in (found.value, found.value_max))


def article_figures(sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...] = (),
                    parses: tuple[Parse, ...] = ()) -> tuple[Quantity, ...]:
    """Every figure of the sentences, in text order, not yet tied to an event or numbered.

    Numbers inside the sentences' dates and times ("October 1") are left out, and, for counts read
    from a sentence's parse, numbers inside any temporal expression ("two years"). A count whose
    noun is left out continues the one before it in its paragraph. This is the per-article half of
    `extract_figures`; `attach_figures` is the half that needs the events."""
    parsed = {(p.source, p.start): p for p in parses}
    out: list[Quantity] = []
    previous, paragraph = None, None
    for sentence, (dates, times) in zip(sentences, sentence_spans(sentences, mentions)):
        if (sentence.source, sentence.paragraph) != paragraph:
            previous, paragraph = None, (sentence.source, sentence.paragraph)
        found = sentence_figures(sentence, dates, parsed.get((sentence.source, sentence.start)), times, previous)
        previous = found[-1] if found else previous
        for f in found:
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
    seen: set[tuple] = set()
    categories = patterns().category_of_event
    listed = {unit for unit, _ in patterns().unit_of.values()}
    for start, q in placed:
        key = (q.source, q.value, q.unit)
        described = (q.source, q.value, *_modifiers(q.phrase))
        if key in seen or len(described) > 2 and described in seen:
            continue  # told before; or retold with the same words ("two major fires" ... "two major facilities")
        seen.update({key, described} if len(described) > 2 else {key})
        # the event of the sentence whose trigger is nearest the figure ("35 drones ... launched")
        event = min(told.get((q.source, start), ()), key=lambda e: abs(e.trigger_start - q.start), default=None)
        category = q.category
        if q.unit == "troops" and event and event.type == "casualty_report":
            category = "casualties"  # "Russia had lost 1,250 soldiers": troops counted in a casualty report
        elif category == "other" and event and not is_currency(q.unit) and q.unit not in listed:
            category = categories.get(event.type, "other")  # a noun no list names: the clause's event says
        out.append(replace(
            q,
            category=category,
            date=event.date.date if event and event.date else None,
            event_id=event.event_id if event else None,
        ))
    out.sort(key=lambda q: (q.source, q.start))
    return tuple(replace(q, figure_id=f"F{i:03d}") for i, q in enumerate(out, 1))


def extract_figures(sentences: tuple[Sentence, ...], events: tuple[Event, ...],
                    mentions: tuple[DateMention, ...] = (), parses: tuple[Parse, ...] = ()) -> tuple[Quantity, ...]:
    """The figures of all articles, each with the date of the event its sentence tells."""
    return attach_figures(article_figures(sentences, mentions, parses), sentences, events)
