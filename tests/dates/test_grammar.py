"""The grammar: the named rules of data/temporal_rules.yaml, each with the normaliser that reads it."""
import re

import pytest

from briefing.dates.grammar import GrammarError, Pieces, grammar, normalisers, pieces, rule_table


def test_every_rule_is_named_once_and_read_by_a_normaliser():
    names = [rule.name for rule in grammar()]
    assert len(names) == len(set(names))
    assert set(names) == set(normalisers())


def test_rules_keep_the_order_of_the_file():
    listed = [name for _, name, _ in rule_table(pieces())]
    assert [rule.name for rule in grammar()] == listed
    assert listed.index("month_day") < listed.index("month") < listed.index("weekday")  # longer readings first
    assert [group for group, _, _ in rule_table(pieces())][:1] == ["numeric_dates"]


def test_pieces_are_filled_in_and_quantifiers_left_alone():
    table = {name: pattern for _, name, pattern in rule_table(pieces())}
    assert not any(re.search(r"\{[a-z_]+\}", pattern) for pattern in table.values())
    assert pieces().weekday in table["month_day"] and r"\d{1,2}" in table["century"]


def test_an_unknown_piece_is_refused_with_its_name(monkeypatch):
    monkeypatch.setattr("briefing.dates.grammar.load", lambda name: {"g": {"r": "{weekdays}"}})
    with pytest.raises(GrammarError, match=r"no piece named \{weekdays\}"):
        rule_table(Pieces(**{f: "" for f in Pieces.__dataclass_fields__}))


def test_a_rule_matches_only_whole_words():
    weekday = next(rule for rule in grammar() if rule.name == "weekday")
    assert weekday.pattern.search("on Monday.")
    assert not weekday.pattern.search("Mondays") and not weekday.pattern.search("-Monday")
