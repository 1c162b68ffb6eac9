from types import SimpleNamespace

import pytest

from briefing.errors import ConfigError
from briefing.extract import parse
from briefing.models import Sentence


def sentence(text: str, start: int = 0) -> Sentence:
    return Sentence(source="t", start=start, end=start + len(text), text=text, paragraph=1)


def test_sentences_become_plain_records_with_offsets():
    first, second = parse.parse_sentences((sentence("Troops crossed the river."), sentence("Nine drones fell.", 40)))
    assert (first.start, second.start) == (0, 40)
    words = {t.text: t for t in second.tokens}
    assert words["Nine"].dep == "nummod" and second.tokens[words["Nine"].head].text == "drones"
    assert "Nine drones fell."[words["fell"].start:words["fell"].end] == "fell"
    assert words["fell"].lemma == "fall"


def test_the_model_is_checked_by_its_meta(monkeypatch):
    fake = SimpleNamespace(load=lambda **_: SimpleNamespace(meta={"lang": "en", "name": "core_web_lg", "version": "3.8.0"}))
    monkeypatch.setattr(parse.importlib, "import_module", lambda name: fake)
    parse.nlp.cache_clear()
    try:
        with pytest.raises(ConfigError, match="is en_core_web_lg 3.8.0, expected en_core_web_sm 3.8.0"):
            parse.nlp()
    finally:
        parse.nlp.cache_clear()


def test_a_missing_model_says_how_to_install_it(monkeypatch):
    def missing(name):
        raise ImportError(name)
    monkeypatch.setattr(parse.importlib, "import_module", missing)
    parse.nlp.cache_clear()
    try:
        with pytest.raises(ConfigError, match="make setup"):
            parse.nlp()
    finally:
        parse.nlp.cache_clear()


def test_the_installed_model_is_core_web_sm_3_8_0():
    meta = parse.nlp().meta
    assert (meta["lang"], meta["version"]) == ("en", "3.8.0")


def test_a_run_of_thousands_of_emoji_without_a_space_is_parsed_with_its_offsets():
    text = "Drones struck Sumy on Monday, officials said. " + "🚀" * 20_000
    (parsed,) = parse.parse_sentences((Sentence(source="s", start=0, end=len(text), text=text, paragraph=0),))
    assert [t.text for t in parsed.tokens[:3]] == ["Drones", "struck", "Sumy"]
    assert parsed.tokens[-1].start + len(parsed.tokens[-1].text) == len(text)


def test_the_ruler_and_lemmatizer_applied_here_give_what_spacy_gives(monkeypatch):
    texts = ("Gonna say it: they ain't coming, y'all.", "Let's see what the rebels did to the towns they had taken.",
             "There were 40 armoured personnel carriers  and   three tanks.", "But he said that those would not be enough.",
             "It was hit; I saw it, and you did too.", "The strikes killed 12 people, officials said on Tuesday.")
    sentences = tuple(sentence(t, 100 * i) for i, t in enumerate(texts))
    assert parse._rules(parse.nlp()) is not None
    here = parse.parse_sentences(sentences)
    monkeypatch.setattr(parse, "_rules", lambda model: None)
    assert parse.parse_sentences(sentences) == here
