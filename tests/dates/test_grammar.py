"""The grammar: named rules, each with the normaliser that reads it."""
from briefing.dates.grammar import RULE_GROUPS, grammar, normalisers, pieces


def test_every_rule_is_named_once_and_read_by_a_normaliser():
    names = [rule.name for rule in grammar()]
    assert len(names) == len(set(names))
    assert set(names) == set(normalisers())


def test_rules_keep_the_order_of_their_groups():
    listed = [name for group in RULE_GROUPS for name, _ in group(pieces())]
    assert [rule.name for rule in grammar()] == listed
    assert listed.index("month_day") < listed.index("month") < listed.index("weekday")  # longer readings first


def test_a_rule_matches_only_whole_words():
    weekday = next(rule for rule in grammar() if rule.name == "weekday")
    assert weekday.pattern.search("on Monday.") and not weekday.pattern.search("Mondays") \
        and not weekday.pattern.search("-Monday")
