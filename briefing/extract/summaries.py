"""Summarise each article with 3 to 5 of its own sentences, chosen by TextRank-style centrality.

Sentences are nodes; two sentences are linked by the words they share, normalised by their
lengths (Mihalcea & Tarau, 2004); PageRank with a fixed number of iterations ranks them. The
method is deterministic: ties go to the earlier sentence. Boilerplate, repeated pull quotes and
sentences that are mostly quotation are left out, and so are those in the narrator's own voice (a
presenter's "I'm Carl Azuz", read/voice.py) unless the whole article speaks so (a column); the chosen
ones are given in text order.
"""
from __future__ import annotations

import math
import re
from operator import mul

from briefing.models import Document, Sentence, SourceSummary
from briefing.read import voice
from briefing.read.ingest import STOPWORDS

DAMPING = 0.85
ITERATIONS = 40
MIN_WORDS = 6


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 2]


def _quoted_share(text: str) -> float:
    quoted = sum(len(q) for q in re.findall(r"[“\"][^”\"]*[”\"]", text))
    return quoted / max(len(text), 1)


MAX_RANKED = 150  # TextRank compares every pair: past the first 150 sentences, time would grow with the square


def rank(sentences: list[Sentence]) -> list[float]:
    """TextRank scores of the sentences.

    Only sentences that share a word are linked, so the links are found through an index of
    words and each iteration visits the links, not every pair: the sums run over the same
    terms in the same order as over the full matrix (its other terms are zeros)."""
    bags = [_words(s.text) for s in sentences]
    sets = [set(bag) for bag in bags]
    n = len(sentences)
    holders: dict[str, list[int]] = {}
    for i, words in enumerate(sets):
        for word in words:
            holders.setdefault(word, []).append(i)
    links: list[dict[int, float]] = [{} for _ in range(n)]  # links[i][j]: the weight between i and j
    for i in range(n):
        if len(bags[i]) <= 1:
            continue
        shared: dict[int, int] = {}
        for word in sets[i]:
            for j in holders[word]:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j in sorted(shared):
            if len(bags[j]) > 1:
                links[i][j] = links[j][i] = shared[j] / (math.log(len(bags[i])) + math.log(len(bags[j])))
    totals = [sum(row[j] for j in sorted(row)) for row in links]
    # into i, in the order of j: the sentences linked to it, and (weight / total of j), as the full sum takes them
    sources = [sorted(links[i]) for i in range(n)]
    shares = [[links[j][i] / totals[j] for j in sources[i]] for i in range(n)]
    scores = [1.0] * n
    rows = list(zip(shares, sources))
    for _ in range(ITERATIONS):
        get = scores.__getitem__
        scores = [(1 - DAMPING) + DAMPING * sum(map(mul, row, map(get, into))) for row, into in rows]
    return scores


def summarise(document: Document, sentences: tuple[Sentence, ...]) -> SourceSummary:
    """Pick 3 to 5 central sentences of an article (fewer if it has fewer)."""
    pool = [s for s in sentences if len(s.text.split()) >= MIN_WORDS and _quoted_share(s.text) < 0.5
            and s.text.strip() != document.title.strip()]
    if not pool:
        return SourceSummary(source=document.source, sentences=())
    pool = [s for s in pool if not voice.own_voice(s.text)] or pool
    want = 3 if len(pool) <= 12 else 4 if len(pool) <= 25 else 5
    pool = pool[:MAX_RANKED]
    scores = rank(pool)
    # The lead sentence carries the news in a news article: give it a head start.
    scores[0] *= 1.5
    best = sorted(range(len(pool)), key=lambda i: (-scores[i], i))[:want]
    return SourceSummary(source=document.source, sentences=tuple(pool[i] for i in sorted(best)))
