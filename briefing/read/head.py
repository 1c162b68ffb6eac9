"""The head of an article: its wire dateline, and what stands above it.

A story starts at its dateline ("KYIV, Ukraine — ", "Tripoli, Libya (CNN) — "). Above it stand the
headline, bylines, a photo's caption, a promotion ("Share your photos with CNN iReport.") and the
story highlights: short headline-like lines, some marked "NEW:", that a saved page often runs
together into one line ending in the dateline ("... reopens under TNC control Tripoli, Libya (CNN) —
Rebels pushed ..."). None of it is a sentence of the story: below an agency's dateline it is the
article's furniture (`head_spans`), and the title is taken from it before it is set aside.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from briefing.models import Span

# "KYIV, Wednesday, 12 March 2025 (Reuters) - ": a wire dateline before the lead.
# Without an agency the place must be in capitals: "KYIV, Ukraine — ", "LONDON, 9 March - ".
DATELINE = re.compile(
    r"[ \t]*(?:(?:[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?,\s+)?[^\n()]{0,60}?\((?P<agency>[A-Z][\w.&' -]{1,30})\)"
    r"|[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,2}(?:,\s*[A-Z][A-Za-z.]{1,20})?(?:,\s*[\w ,.]{1,30}?)?\s)"
    r"\s*(?:--|—|–|-|_)\s*(?=(?(agency)|[A-Z“\"]))"
)
# An agency's dateline inside a line, after the highlights run into it: "... control Tripoli, Libya (CNN) — ".
AGENCY_MARK = re.compile(r"\((?P<agency>[A-Z][\w.&' -]{1,30})\)\s*(?:--|—|–|-|_)\s*(?=[A-Z“\"‘0-9])")
# One word of the place (and day) before the agency, read backwards: "Tripoli, Libya", "WASHINGTON, August 13".
PLACE_WORD = re.compile(r"(?:(?<=\s)|^)(?:[A-Z][\w.'’-]*|\d{1,2}),?\s+$")
PLACE_WORDS = 4
HEAD_LINES = 3  # a headline and a byline or two may stand above a dateline without an agency
# A page's controls before its headline, on its line: a text-size widget ("+ ↺ − 16 px"), a close
# button ("✕ Close"), left over from a saved page.
CONTROLS = re.compile(r"^(?:(?:[^\w\s]\s*){1,6}\d{1,2}\s*px\b(?:\s*[^\w\s])*|[✕×✖]\s*close\b)\s*", re.I)

AGENCY_HEAD_LINES = 5  # above an agency's: highlights, a caption, a promotion, the writer's biography


def without_controls(line: str) -> str:
    """A headline line without the page's controls that open it ("" when they are all it holds)."""
    return CONTROLS.sub("", line, count=1).strip()


class Dateline(NamedTuple):
    start: int
    end: int
    agency: str | None


def find_dateline(text: str) -> Dateline | None:
    """The wire dateline of the text: opening it, under a headline and byline, or, an agency's,
    anywhere in the first lines (the head above it is no sentence of the story)."""
    pos, plain = 0, True  # plain: every line so far could be a headline or byline
    for _ in range(AGENCY_HEAD_LINES):
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if plain and (match := DATELINE.match(text, pos)):
            return Dateline(match.start(), match.end(), match["agency"])
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        if mark := AGENCY_MARK.search(text, pos, end):
            return Dateline(_place_start(text, pos, mark.start()), mark.end(), mark["agency"])
        line = text[pos:end].strip()
        plain = plain and len(line.split()) <= 20 and not line.endswith((".", "!", "?")) and _ < HEAD_LINES
        if end == len(text):
            return None
        pos = end
    return None


def _place_start(text: str, line_start: int, agency_start: int) -> int:
    """Where the place before an agency's mark starts: the capitalised words (and a day) before it."""
    start = agency_start
    for _ in range(PLACE_WORDS):
        word = PLACE_WORD.search(text[line_start:start])
        if word is None:
            break
        start = line_start + word.start()
    return start


@lru_cache(maxsize=64)  # asked for every sentence of an article: its text's hash is computed once
def dateline_span(text: str) -> tuple[int, int]:
    """Where a wire dateline starts and ends ((0, 0) when the text has none)."""
    found = find_dateline(text)
    return (found.start, found.end) if found else (0, 0)


def dateline_end(text: str) -> int:
    """Where a wire dateline ends (0 when the text has none): nothing before it tells an event."""
    return dateline_span(text)[1]


def head_spans(text: str) -> tuple[Span, ...]:
    """The head above an agency's dateline, a span per line (the dateline's own line up to it):
    headline, byline, caption, highlights. Empty when there is no such dateline."""
    found = find_dateline(text)
    if found is None or not found.agency:
        return ()
    spans, pos = [], 0
    for line in text[:found.start].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            spans.append(Span(start=pos + lead, end=pos + len(body.rstrip())))
        pos += len(line)
    return tuple(spans)
