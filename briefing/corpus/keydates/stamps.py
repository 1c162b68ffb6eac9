"""Posting stamps: the dates that tell when a text was written, not what happened on them.

A date written with its clock time is a stamp: a reader's comment under an article ("March 7,
2011 at 9:29 pm | Reply", "At 18:44 25th Mar 2010, Liam wrote:") or the page's own ("24 April
2011 Last updated at 17:55 GMT"). News prose names a day without its year and minute ("on
Saturday", "March 19"); a stamp gives both, next to each other. Counted as references, stamps
make the days readers commented on look like the days things happened; in a summary, a stamp
is noise before the sentence.

A stamp at the top of an article dates the page. A stamp further down dates a reader's comment,
and from the first of those on the article is its comments: not evidence of what happened.
"""
from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left
from collections import defaultdict

from briefing.extract.events.stamps import stamp as entry_stamp
from briefing.models import DateMention, Document, Sentence

YEAR = re.compile(r"\b\d{4}\b")
# A stamp's clock gives the minute ("9:29 pm", "17:55", "15.04 BST"); prose names the hour if anything.
CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,4})\b)?"  # and its time zone, in capitals
# A date then its clock: "March 7, 2011 at 9:29 pm", "Thursday 15 July 2010 15.04 BST" ...
CLOCK_AFTER = re.compile(r"[\s,|(-]*(?:at\s+|@\s*)?" + CLOCK, re.I)
# ... or a clock then its date: "At 18:44 25th Mar 2010", "3:44 pm ET February 11, 2013".
CLOCK_BEFORE = re.compile(CLOCK + r"[\s,|-]*$", re.I)
# A page's own stamp names itself ("Page last updated at 08:58 GMT, Thursday, 24 June 2010").
UPDATED = re.compile(r"(?:page\s+)?(?:last\s+updated\s*(?:at|on|:)?|updated\s*(?:at|:))", re.I)
NEAR = 40  # characters between "last updated" (or a clock) and the date it stamps
PAGE_TOP = 300  # characters: a stamp this near the start of an article dates the page itself
REPLY = re.compile(r"[\s,|:-]*(?:reply\b|[A-Z][\w.-]{0,30}\s+wrote\b)", re.I)  # what marks a reader's comment
# What follows a stamp and is not the article either: its clock time, "Help", "| Reply", "Liam wrote:",
# the message a web server writes in place of a missing piece of page.
STAMP_TAIL = re.compile(r"(?:[\s,|:-]*(?:" + CLOCK + r"|help\b|reply\b"
                        r"|[A-Z][\w.-]{0,30}\s+wrote\b|\(an error occurred while processing this directive\)))*[\s,|:-]*",
                        re.I)


@dataclasses.dataclass(frozen=True)
class Stamps:
    """The stamps of a corpus and where each article's comments begin."""

    spans: dict[str, list[tuple[int, int]]]  # per article: (start, end) of each stamp, date and clock together
    comments: dict[str, int]  # per article with comments: the offset they begin at

    def is_stamp(self, mention: DateMention) -> bool:
        return any(a <= mention.start < b for a, b in self.spans.get(mention.source, ()))

    def in_comments(self, source: str, offset: int) -> bool:
        return offset >= self.comments.get(source, math.inf)

    def evidence(self, mention: DateMention) -> bool:
        """Whether a date mention tells of a day: not a stamp, not in readers' comments."""
        return not self.is_stamp(mention) and not self.in_comments(mention.source, mention.start)

    def trim(self, sentence: Sentence) -> Sentence:
        """The sentence without the stamp in it: the words after the stamp ("24 April 2011 Last updated
        at 17:55 GMT Help Syrian forces ..."), or those before it when there are more of them."""
        for a, b in self.spans.get(sentence.source, ()):
            if sentence.start - 2 <= a and b <= sentence.end + 2 or a <= sentence.start < b:
                head = sentence.text[:max(a - sentence.start, 0)].rstrip()
                rest = sentence.text[b - sentence.start:]
                tail = STAMP_TAIL.match(rest)
                cut = b - sentence.start + (tail.end() if tail else 0)
                if len(head.split()) > len(sentence.text[cut:].split()):
                    return dataclasses.replace(sentence, end=sentence.start + len(head), text=head)
                return self.trim(dataclasses.replace(sentence, start=sentence.start + cut, text=sentence.text[cut:]))
        return sentence


def find_stamps(documents: tuple[Document, ...], mentions: tuple[DateMention, ...]) -> Stamps:
    """Every stamp of the corpus: a date with its year next to a clock time."""
    text = {d.source: d.text for d in documents}
    by_source: dict[str, list[DateMention]] = defaultdict(list)
    for m in mentions:
        by_source[m.source].append(m)
    spans: dict[str, list[tuple[int, int]]] = {}
    comments: dict[str, int] = {}
    for source, found in by_source.items():
        found.sort(key=lambda m: m.start)
        body = text.get(source, "")
        pairs = []  # a date next to its clock: the page's, or a comment's
        for m in found:
            if m.type != "DATE" or not YEAR.search(m.text):
                continue
            if after := CLOCK_AFTER.match(body, m.end):
                pairs.append((m.start, after.end()))
            elif before := CLOCK_BEFORE.search(body, max(m.start - NEAR, 0), m.start):
                pairs.append((before.start(), m.end))
        # A page has one stamp of its own, the first, unless a reader signs it; below the page's top,
        # several others, or one that a reader signs, are comments.
        pairs.sort()
        signed = [REPLY.match(body, b) is not None for _, b in pairs]
        others = [(a, sign) for (a, _), sign in list(zip(pairs, signed))[0 if signed[:1] == [True] else 1:] if a >= PAGE_TOP]
        if len(others) > 1 or others and others[0][1]:
            comments[source] = others[0][0]
        for m in found:  # the page's "last updated" stamp
            if m.type == "DATE" and YEAR.search(m.text) and not any(a <= m.start < b for a, b in pairs):
                before = list(UPDATED.finditer(body, max(m.start - NEAR, 0), m.start))
                after = UPDATED.match(body, m.end + 1) if body[m.end:m.end + 1].isspace() else None
                if before:
                    pairs.append((before[-1].start(), m.end))
                elif after:
                    pairs.append((m.start, after.end()))
        if pairs:
            spans[source] = sorted(pairs)
    return Stamps(spans, comments)


def without_entry_stamps(sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...]) -> tuple[Sentence, ...]:
    """The sentences without a live blog's entry stamp before their words ("Update, August 24, 2016,
    6 p.m.: Italian authorities have raised ..."): the stamp says when the entry was written, and a
    key date's line tells what happened. A sentence keeps its place (start) in its article."""
    by_source: dict[str, list[DateMention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: m.start):
        by_source[m.source].append(m)
    starts = {source: [m.start for m in found] for source, found in by_source.items()}
    out = []
    for sentence in sentences:
        own = starts.get(sentence.source, [])
        inside = by_source[sentence.source][bisect_left(own, sentence.start):bisect_left(own, sentence.end)] if own else []
        found = entry_stamp(sentence.text, sentence.start, inside) if inside else None
        rest = sentence.text[found.end:].lstrip() if found else ""
        out.append(dataclasses.replace(sentence, text=rest) if rest else sentence)
    return tuple(out)
