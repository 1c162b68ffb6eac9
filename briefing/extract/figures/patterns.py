"""The figures the word patterns find (data/figures.yaml): money with its currency, counts with the thing counted.

"$55.5 billion" is 55500000000 USD; "six ballistic missiles" is 6 missiles; "around 11,000 North
Korean soldiers" is 11000 troops, approximately. A conversion in brackets ("€10 billion
(£8.6 billion)") is the same amount and is kept once. Ordinals ("1,000th day"), years, clock
times and model names ("Kh-59") are not figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.data import load
from briefing.models import Parse, Sentence



def _number_words() -> dict[str, int]:
    """The number words, and each one below a hundred with each multiplier ("five dozen", "two hundred")."""
    data = load("figures.yaml")
    words = dict(data["number_words"])
    for word, value in data["number_words"].items():
        if value < 100 and " " not in word:
            words.update({f"{word} {name}": value * times for name, times in data["number_multipliers"].items()})
    return words


NUMBER_WORDS: dict[str, int] = _number_words()
# A number: digits (not glued to a letter or hyphen, as in Kh-59 or Tu-22M3) or a number word.
DIGITS = r"(?<![\w.,-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]\d|th|st|nd|rd)|(?<![\w.,-])\d+(?:\.\d+)?(?![\w,.]?\d|th|st|nd|rd|[:/])"
WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER = rf"(?:{DIGITS}|\b(?:{WORDS})\b)"
WHAT_WORDS = 14
# "several hundred people", "a few thousand": a round number after a vague word is no figure.
VAGUE_ROUND = re.compile(r"\b(?:several|a\s+few|few|many|some|hundreds|thousands|tens)\s+(?:hundred|thousand|million)\b", re.I)
MAX_VALUE = 1e18  # above a quintillion a "figure" is a run of digits, not an amount anyone reported
MINUS_SIGNS = "-−"
RANGE_SPREAD = 10  # the top of a range of money is at most this many times its bottom


@dataclass(frozen=True, slots=True)
class Patterns:
    number: re.Pattern  # a number anywhere: every figure pattern has one
    numeral: re.Pattern  # a digit, a number word or a scale word: what any word with a value holds
    money: re.Pattern
    range_after: re.Pattern
    range_before: re.Pattern
    count: re.Pattern
    killed_after: re.Pattern
    killed_before: re.Pattern
    toll: re.Pattern
    follow_up: re.Pattern
    unit_of: dict[str, tuple[str, str]]  # spelling pattern -> (unit, category)
    unit_patterns: tuple[tuple[re.Pattern, str, str], ...]
    currency_patterns: tuple[tuple[re.Pattern, str], ...]
    casualty_patterns: tuple[tuple[re.Pattern, str], ...]
    scales: dict[str, int]
    qualifiers: dict[str, str]
    aid_words: re.Pattern
    price_after: re.Pattern
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
    # the top of a range after an amount ("$40–50 billion", "$40 billion to $50 billion"), and its bottom
    # before an amount in words ("40 to 50 million euros")
    range_after = re.compile(rf"\s*(?:–|—|-|to)\s*(?:{symbol_currency})?\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>{scale})\b)?",
                             re.I)
    range_before = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?:–|—|-|to)\s*$")
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
    up_to = rf"(?:\s*(?:-|–|to)\s*(?P<num_max>\d[\d,]*(?![\w,.]?\d)|\b(?:{WORDS})\b))?"  # "killed 10-15", "killed 10 to 15"
    killed_after = re.compile(
        rf"\b(?P<verb>{killed})\s+(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER}){up_to}(?!\s*(?:%|percent|of\b))"
        rf"(?:\s+(?:people|civilians|persons|soldiers|others|children))?", re.I)
    killed_before = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER}){up_to}\s+(?:people|civilians|persons|soldiers|others)?\s*(?:were\s+|have\s+been\s+|had\s+been\s+)?(?P<verb>{killed})\b",
        re.I,
    )
    # "put the death toll at 1,294", "the death count in the earthquake ... has been raised to 120": words, no comma, between
    toll = re.compile(rf"\b{data['toll']}\b(?:\s+[\w’'-]+){{0,12}}?\s+(?:at|to|of)\s+(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER})"
                      rf"(?!\s*(?:%|percent)|[\w,.]?\d)", re.I)
    follow_up = re.compile(rf",\s+with\s+(?P<num>{NUMBER})\s+(?!of\b)(?P<verb>[a-z]+ing)\b", re.I)
    return Patterns(
        number=re.compile(rf"\d|{NUMBER}", re.I),
        numeral=re.compile(rf"\d|\b(?:{WORDS}|{_alt(re.escape(w) for w in data['scales'])})\b", re.I),
        money=money,
        range_after=range_after,
        range_before=range_before,
        count=count,
        killed_after=killed_after,
        killed_before=killed_before,
        toll=toll,
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
        price_after=re.compile(data["price_after"], re.I),
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
    if DECIMAL_COMMA.fullmatch(word):
        return float(word.replace(",", "."))  # "€3,5 Mrd.": a comma before one or two digits is a decimal point
    return float(word.replace(",", ""))


DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def qualifier_of(text: str | None) -> str | None:
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
    out: list[Found] = []
    for m in p.money.finditer(sentence):
        if out and m.start() < out[-1].end:  # the top of the range before it ("$40 billion to $50 billion")
            continue
        currency = m["cur"] or m["cur2"]
        code = next((c for pattern, c in p.currency_patterns if pattern.match(currency)), None)
        scale = (m["scale"] or m["scale2"] or "").lower()
        if code is None or (scale == "m" and not m["cur"]):
            continue
        value, value_max, start, end = _amount(sentence, m, scale)
        if m["minus"]:
            value = -value  # "$-5 billion"
        elif not m["qual"] and start == m.start() and _minus_before(sentence, start):
            value, start = -value, start - 1  # "-$5 billion", "−3 million euros"
        if p.price_after.match(sentence, end):
            category = "price"  # "$5,880 a tonne", "$1.35 to the euro": a price, never part of a sum
        else:
            category = "aid" if p.aid_words.search(sentence) else "other"
        out.append(Found(start, end, value, value_max, code, category, qualifier_of(m["qual"])))
    return out


def _amount(sentence: str, m: re.Match, scale: str) -> tuple[float, float | None, int, int]:
    """An amount's value, the top of its range (None when it is no range), its start and its end:
    "$40–50 billion" and "40 to 50 million euros" say their scale once for both ends."""
    p = patterns()
    value, value_max, start, end = number_value(m["num"] or m["num2"]) * p.scales.get(scale, 1), None, m.start(), m.end()
    if m["cur"] and not m["minus"] and (top := p.range_after.match(sentence, m.end())):
        low = number_value(m["num"]) * p.scales.get(scale or (top["scale"] or "").lower(), 1)
        high = number_value(top["num"]) * p.scales.get((top["scale"] or scale).lower(), 1)
        if low < high <= RANGE_SPREAD * low:  # not "gained $2.11 to $103.18 a barrel": a change, then a level
            value, value_max, end = low, high, top.end()
    elif m["num2"] and not m["qual"] and (bottom := p.range_before.search(sentence, 0, m.start())):
        low = number_value(bottom["num"]) * p.scales.get(scale, 1)
        if low < value <= RANGE_SPREAD * low:
            value, value_max, start = low, value, bottom.start()
    return value, value_max, start, end


def _minus_before(sentence: str, start: int) -> bool:
    """A minus sign glued to an amount, not a hyphen or a dash between words or numbers ("2-$3 billion")."""
    return start > 0 and sentence[start - 1] in MINUS_SIGNS and (start == 1 or not sentence[start - 2].isalnum())


def _counts(sentence: str, taken: list[tuple[int, int]]) -> list[Found]:
    p = patterns()
    out = []
    for m in p.count.finditer(sentence):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken) or after_vague_word(sentence, m.start("num")):
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
        out.append(Found(m.start(), m.end(), value, value_max, unit, category, qualifier_of(m["qual"])))
    return out


def _qualifies_a_noun(parse: Parse, end: int) -> bool:
    """Whether the word ending at `end` is a compound of a noun after it ("personnel" in "personnel carriers")."""
    token = parse.token_at(end - 1)
    return token is not None and token.dep == "compound" and token.head > token.i


def modifiers_of(phrase: str) -> tuple[str, ...]:
    """The words that describe a counted noun, between the number and the noun ("major" in "two major fires")."""
    words = phrase.lower().split()[1:-1]
    return tuple(sorted(w for w in words if w.isalpha()))


def after_vague_word(text: str, start: int) -> bool:
    """Whether the number at `start` is a round one after a vague word ("several hundred")."""
    return any(m.start() <= start < m.end() for m in VAGUE_ROUND.finditer(text, max(0, start - 12), start + 12))


def _casualties(sentence: str, taken: list[tuple[int, int]]) -> list[Found]:
    p = patterns()
    out = []
    for pattern in (p.killed_after, p.killed_before):
        for m in pattern.finditer(sentence):
            if any(lo < m.end() and m.start() < hi for lo, hi in taken + [(f.start, f.end) for f in out]) \
                    or after_vague_word(sentence, m.start("num")):
                continue
            unit = next(u for pat, u in p.casualty_patterns if pat.match(m["verb"]))
            value_max = number_value(m["num_max"]) if m["num_max"] else None
            out.append(Found(m.start(), m.end(), number_value(m["num"]), value_max, unit, "casualties", qualifier_of(m["qual"])))
    for m in p.toll.finditer(sentence):
        start, value = m.start("qual") if m["qual"] else m.start("num"), number_value(m["num"])
        if 1900 <= value <= 2100 and "," not in m["num"]:
            continue  # "the death toll of 2023": a year
        if not any(lo < m.end() and start < hi for lo, hi in taken + [(f.start, f.end) for f in out]):
            out.append(Found(start, m.end(), value, None, "people_killed", "casualties", qualifier_of(m["qual"])))
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
