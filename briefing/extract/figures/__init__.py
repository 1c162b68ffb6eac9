"""Find the figures of each article: money with its currency, counts with the thing counted.

"$55.5 billion" is 55500000000 USD; "six ballistic missiles" is 6 missiles; "around 11,000 North
Korean soldiers" is 11000 troops, approximately. A conversion in brackets ("€10 billion
(£8.6 billion)") is the same amount and is kept once. Ordinals ("1,000th day"), years, clock
times and model names ("Kh-59") are not figures.
"""
from __future__ import annotations

import math

from briefing.dates import sentence_spans
from briefing.extract.figures.parsed import parsed_counts
from briefing.extract.figures.patterns import (
    MAX_VALUE,
    NUMBER_WORDS,
    Found,
    _casualties,
    _conversions,
    _counts,
    _follow_ups,
    _money,
    _qualifies_a_noun,
    _what,
    may_count,
    number_value,
    patterns,
)
from briefing.models import DateMention, Parse, Quantity, Sentence

__all__ = ["NUMBER_WORDS", "Found", "article_figures", "may_count", "needs_parse", "number_value", "patterns",
           "sentence_figures"]

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
