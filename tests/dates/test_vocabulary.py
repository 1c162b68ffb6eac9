"""The temporal lexicon as read from data/temporal.yaml (briefing/dates/vocabulary.py)."""
import re

import pytest

from briefing.dates.vocabulary import LexiconError, alternation, lexicon, title_alternation, words


def test_every_word_list_holds_words():
    lex = lexicon()
    lists = [lex.ambiguous_months, lex.month_lead_words, lex.function_words, lex.vague_numbers, lex.not_plural,
             lex.sentence_abbreviations, lex.part_of_day_names, lex.ordinal_counts, *lex.lead_words.values(),
             lex.references, lex.day_offsets, lex.set_adverbs, lex.future_cues, lex.past_cues, lex.deadline_cues]
    assert all(isinstance(w, str) and w for words_ in lists for w in words_)


def test_words_yaml_would_read_as_booleans_are_kept_as_words():
    lex = lexicon()
    assert "on" in lex.lead_words["day_ordinal"] and "on" in lex.lead_words["set_weekday"]
    assert "No" in lex.sentence_abbreviations and "yes" in lex.not_plural


def test_a_list_with_something_that_is_no_word_is_refused():
    with pytest.raises(LexiconError, match=r"lead_words\.x holds \[True\]"):
        words({"lead_words": {"x": ["in", True]}}, "lead_words", "x")


def test_alternations_try_the_longest_word_first_and_match_any_space():
    pattern = re.compile(rf"(?:{alternation(['new year', 'new year’s eve', 'new'])})")
    assert pattern.match("new year’s eve").group() == "new year’s eve"
    assert pattern.match("new  year").group() == "new  year"
    title = re.compile(title_alternation(["may"]))
    assert title.fullmatch("May") and title.fullmatch("MAY") and not title.fullmatch("may")
