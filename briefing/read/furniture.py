"""A site's furniture: lines that several articles of the corpus share while they otherwise differ.

A saved page carries, besides its story, the site's teasers for other stories ("2 men charged in
death of Chicago teen who performed in inauguration event.") and promotions of its shows. One
article cannot tell them from its story; the corpus can: the same line in FURNITURE_ARTICLES
articles or more whose other lines are their own. Articles that share most of their lines are
copies of one story (a wire story in several papers), not furniture: their lines stay, and the
events they tell are merged as the same event told by several sources.
"""
from __future__ import annotations

import dataclasses
from collections import Counter

from briefing.models import Document, Span
from briefing.read import ingest

FURNITURE_ARTICLES = 3  # a line standing in this many articles or more ...
SHARED_AT_MOST = 0.5  # ... each of which has at most this share of its lines in common with others
MIN_CHARACTERS = 20  # shorter lines ("Read more", "Advertisement") are the boilerplate rules' matter


def set_aside(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """The documents with their furniture lines added to their boilerplate, and a headline taken from
    such a line replaced by the article's own."""
    lines = {d.source: _content_lines(d) for d in documents}
    count = Counter(line for found in lines.values() for line in {text for _, _, text in found})
    shared = {line for line, n in count.items() if n >= FURNITURE_ARTICLES}
    if not shared:
        return documents
    out = []
    for document in documents:
        found = lines[document.source]
        mine = [(start, end) for start, end, text in found if text in shared]
        if not mine or len(mine) > SHARED_AT_MOST * len(found):
            out.append(document)
            continue
        boilerplate = tuple(sorted(set(document.boilerplate) | {Span(start=s, end=e) for s, e in mine},
                                   key=lambda s: (s.start, s.end)))
        title = document.title
        if title == ingest.title_of(ingest.headline(document.text, document.boilerplate)):  # the title was the first line's
            title = ingest.title_of(ingest.headline(document.text, boilerplate)) or title
        out.append(dataclasses.replace(document, boilerplate=boilerplate, title=title))
    return tuple(out)


def _content_lines(document: Document) -> list[tuple[int, int, str]]:
    skip = {(s.start, s.end) for s in document.boilerplate}
    return [(start, end, text) for start, end, text in ingest.text_lines(document.text)
            if len(text) >= MIN_CHARACTERS and (start, end) not in skip]
