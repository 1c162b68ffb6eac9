"""WordNet: what a noun is, read from Debian's wordnet-base, and a build without it."""
import logging

import pytest

from briefing.extract import wordnet
from briefing.extract.wordnet import is_a

HAZARDS = ("geological_phenomenon.n.01", "atmospheric_phenomenon.n.01", "calamity.n.01")


@pytest.mark.parametrize("noun, expected", [
    ("earthquake", True), ("floods", False), ("flood", True), ("typhoon", True), ("tsunami", True),
    ("missile", False), ("force", False), ("army", False), ("explosion", False), ("Ukraine", False),
])
def test_a_noun_is_of_a_class_by_its_commonest_senses(noun, expected):
    assert is_a(noun, HAZARDS) is expected  # lemmas: "floods" is not one


def test_only_the_first_sense_counts_when_asked():
    assert is_a("army", ("crowd.n.01",))  # its second sense: "an army of volunteers"
    assert not is_a("army", ("crowd.n.01",), senses=1)


def test_without_wordnet_no_noun_is_of_a_class(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("BRIEFING_WORDNET", str(tmp_path))
    wordnet.wordnet.cache_clear()
    wordnet.noun_class.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="briefing.extract.wordnet"):
            assert not is_a("earthquake", HAZARDS)
        assert "install Debian's wordnet-base" in caplog.text
    finally:
        wordnet.wordnet.cache_clear()
        wordnet.noun_class.cache_clear()
