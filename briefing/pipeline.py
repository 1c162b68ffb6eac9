"""Run the stages in order: ingest -> dates -> events and figures -> summaries -> charts -> PDF."""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from briefing import dates, ingest
from briefing.errors import InputError
from briefing.models import DateMention, Document, Skipped

LOGGER = logging.getLogger(__name__)


def read(inputs: tuple[Path, ...]) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Read the articles; fill in a publication date the text states when metadata gives none."""
    documents, skipped = ingest.read_documents(inputs)
    documents = tuple(
        dataclasses.replace(d, published=found, published_basis="inferred")
        if d.published is None and (found := dates.infer_published(d.text))
        else d
        for d in documents
    )
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise InputError("no article found in " + ", ".join(map(str, inputs)) + (f" ({reasons})" if reasons else ""))
    return documents, skipped


def date_mentions(inputs: tuple[Path, ...]) -> tuple[tuple[DateMention, ...], tuple[Skipped, ...]]:
    """Every temporal expression of the articles, resolved against each one's publication date."""
    documents, skipped = read(inputs)
    mentions = tuple(m for d in documents for m in dates.tag(d.text, d.published, d.source))
    return mentions, skipped
