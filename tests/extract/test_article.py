"""One article by itself: the work of reading it grows with its length, whatever the length of its sentences."""
from __future__ import annotations

import sys
from pathlib import Path

from briefing.extract.article import extract_article
from briefing.models import Document


def _one_sentence(chars: int) -> Document:
    """An article of one run-on sentence of some `chars` characters, no part repeated (a repeat is dropped)."""
    body, i = "", 0
    while len(body) < chars:
        body += f"a Russian missile strike on Odesa killed {i} people and injured {i + 3} while drones hit Kharkiv "
        i += 1
    return Document(source="long", path=Path("long.txt"), text="On 18 November 2024 " + body, title="long",
                    published="2024-11-19")


def _calls(document: Document) -> int:
    """The Python calls (generator steps included) that extracting the article makes: a count that does not
    depend on the machine's speed or load."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"
    sys.setprofile(count)
    try:
        extract_article(document)
    finally:
        sys.setprofile(None)
    return calls


def test_the_work_on_a_long_sentence_grows_linearly_with_it():
    """Four times the sentence, about four times the work (it was fourteen times: each trigger read the
    whole sentence again, for its words' children, its negation, its clause, its phrase)."""
    extract_article(_one_sentence(2_000))  # the parser and the lists loaded once, outside the count
    short, long = _calls(_one_sentence(10_000)), _calls(_one_sentence(40_000))
    assert long / short < 5, (short, long)


def test_a_long_sentence_gives_the_events_and_figures_of_its_parts():
    """Read in pieces of at most 3,000 characters, cut at spaces: no figure is lost or cut in two."""
    document = _one_sentence(10_000)
    extraction = extract_article(document)
    assert [len(s.text) <= 3_000 and document.text[s.start:s.end] == s.text for s in extraction.sentences] == [True] * 4
    assert {e.type for e in extraction.events} >= {"strike", "casualty_report"}
    assert extraction.events[0].date.date == "2024-11-18"
    killed = [f.value for f in extraction.figures if f.unit == "people_killed"]
    assert killed == list(range(document.text.count(" killed ")))
