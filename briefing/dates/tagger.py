"""Tag a text: run every rule of the grammar, keep the leftmost-longest candidates, and normalise
the survivors in document order against the anchor; then join what belongs together ("the week of
March 6", "April 24 and 25")."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from briefing.dates.anchor import Anchor, fmt_week
from briefing.dates.context import Context
from briefing.dates.grammar import grammar
from briefing.models import DateMention, Document
from briefing.read.head import dateline_span

# The rules whose matches name a day: a clock time or a part of the day without its own takes theirs.
DAY_RULES = frozenset({"weekday", "month_day", "named"})


def tag(text: str, published: str | None, source: str = "") -> tuple[DateMention, ...]:
    """Find and normalise every temporal expression of a text against its publication date."""
    rules, candidates, lowered = grammar(), [], text.lower()
    for order, rule in enumerate(rules):
        if not rule.may_match(text, lowered):
            continue  # a word its every match holds is not in the text (most articles name no season)
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), -(m.end() - m.start()), order, m, rule))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    ctx = Context(text=text, anchor=Anchor.parse(published), day_rules=tuple(r for r in rules if r.name in DAY_RULES))
    mentions, taken_until = [], -1
    # Leftmost-longest: a candidate is tried only where no accepted span covers it; a rejected
    # candidate lets the next (shorter or later) one try.
    for start, neg_len, _, m, rule in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        end = start - neg_len
        if start < taken_until or _is_title(rule.name, text, start, end, ctx):
            continue
        try:
            result = rule.normalise(m, ctx)
        except OverflowError:  # "tomorrow" on 9999-12-31: a day off the calendar has no value to give
            continue
        if result is None:
            continue
        kind, value, mod = result
        mentions.append(
            DateMention(source=source, start=start, end=end, text=text[start:end], type=kind, value=value, mod=mod,
                        resolved="X" not in value or kind in ("SET", "DURATION"), rule=rule.name)
        )
        if kind in ("DATE", "TIME") and value[:4].isdigit():
            ctx.previous.append((start, end, value))
        taken_until = end
        if rule.name == "month_day" and (second := _coordinated_day(mentions[-1], text)):
            mentions.append(second)
            taken_until = second.end
    return _anchored_to_next(mentions, text)


ANCHORED_HEAD = re.compile(r"(?i)the\s+(?P<u>day|week|weekend)(?:\s+(?P<dir>before|after))?")
ANCHORED_GAP = re.compile(r"\s+(?P<of>of\s+)?")


def _anchored_to_next(mentions: list[DateMention], text: str) -> tuple[DateMention, ...]:
    """"the week of March 6", "the day before last Tuesday('s hearing)": a unit told against the date
    right after it is one expression, valued from that date rather than from the publication date."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        head = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        merged = _anchored(head, nxt, text) if nxt is not None else None
        if merged is not None:
            out.append(merged)
            i += 2
        else:
            out.append(head)
            i += 1
    return tuple(out)


def _anchored(head: DateMention, nxt: DateMention, text: str) -> DateMention | None:
    h = ANCHORED_HEAD.fullmatch(head.text)
    gap = ANCHORED_GAP.fullmatch(text, head.end, nxt.start)
    if not (h and gap and re.fullmatch(r"\d{4}-\d{2}-\d{2}", nxt.value)) or bool(h["dir"]) == bool(gap["of"]):
        return None  # "the day before" needs no "of"; "the week" needs one
    day = date.fromisoformat(nxt.value)
    unit = h["u"].lower()
    step = {"before": -1, "after": 1}.get((h["dir"] or "").lower(), 0)
    try:
        if unit == "day":
            value = (day + timedelta(days=step)).isoformat()
        else:
            value = fmt_week(day + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
    except OverflowError:  # a day before the year 1 or after 9999
        return None
    return replace(head, end=nxt.end, text=text[head.start:nxt.end], type="DATE", value=value, mod=None, resolved=True)


COORDINATED_DAY = re.compile(r"\s+(?:and|or|&)\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)?\b(?=\s*(?:[,.;:)]|$|\s+(?:in|at|on|when|as|to|and)\b))")


def _coordinated_day(first: DateMention, text: str) -> DateMention | None:
    """"April 24 and 25": the second day number is a date of the same month."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", first.value) or not (m := COORDINATED_DAY.match(text, first.end)):
        return None
    try:
        day = date.fromisoformat(first.value).replace(day=int(m["d"]))
    except ValueError:
        return None
    if day.isoformat() <= first.value:
        return None
    return replace(first, start=m.start("d"), end=m.end(), text=text[m.start("d"):m.end()], value=day.isoformat())


LOWERCASE_RULES = frozenset({"duration", "relative_unit", "named", "clock", "set_adverb", "vague_duration", "ago"})


def _is_title(rule: str, text: str, start: int, end: int, ctx: Context) -> bool:
    """"High Noon", "60 Minutes", ABC's "This Week": words that are lower case in prose, capitalised
    mid-sentence, name a film or a programme."""
    if rule not in LOWERCASE_RULES:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", text[start:end])]
    if not words or not all(w[0].isupper() for w in words):
        return False
    sentence_start = ctx.sentence_bounds(start, end)[0]
    return text[sentence_start:start].strip(" \"“‘'`(\n") != ""


def tag_document(document: Document) -> tuple[DateMention, ...]:
    """Tag one article's text (boilerplate left out) against the day it was written.

    When a wire dateline names a day up to three days before the publication date
    ("WASHINGTON, August 13 (Xinhua) --" in the paper of August 14), the story was written that
    day, and "Thursday" or "yesterday" count from it.
    """
    # The head above a dateline (byline, caption, highlights) is no sentence, but its dates are dates
    head = set(document.head)
    skip = [(s.start, s.end) for s in document.boilerplate if s not in head]
    lo, hi = dateline_span(document.text)
    anchor = written_on(document.text[lo:hi], document.published)
    return tuple(
        mention
        for mention in tag(_blanked(document.text, skip), anchor, document.source)
        if not any(lo <= mention.start < hi for lo, hi in skip)
    )


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans (boilerplate lines) blanked out, offsets kept: the grammar is not run
    over readers' comments that may be most of a page, and no expression reaches into them."""
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in sorted(spans):
        if start >= pos:
            parts += [text[pos:start], " " * (end - start)]
            pos = end
    parts.append(text[pos:])
    return "".join(parts).rstrip()  # a blanked tail (the comments under an article) is not scanned at all


DATELINE_LAG_DAYS = 3


def written_on(dateline: str, published: str | None) -> str | None:
    """The day a dateline names, when it falls shortly before the publication date; else that date."""
    day = Anchor.parse(published).day
    if not dateline or day is None:
        return published
    for mention in tag(dateline, published):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", mention.value):
            lag = (day - date.fromisoformat(mention.value)).days
            if 0 < lag <= DATELINE_LAG_DAYS:
                return mention.value
    return published
