"""How records are named to the reader: dates, types, claims, source labels."""
from pathlib import Path

import pytest

from briefing.models import Document, Event, EventDate
from briefing.publish.naming import (
    LONGEST_LINE,
    claimed_by,
    clause,
    clip,
    event_when,
    human_date,
    sentences_within,
    source_labels,
    type_label,
    type_name,
)


@pytest.mark.parametrize("value, text", [
    ("2023-11-25", "25 Nov 2023"),
    ("2023-11", "Nov 2023"),
    ("2023", "2023"),
    ("2023-11-25/2023-11-26", "25–26 Nov 2023"),
    ("2023-11-28/2023-12-04", "28 Nov – 4 Dec 2023"),
    ("2023-12-30/2024-01-02", "30 Dec 2023 – 2 Jan 2024"),
])
def test_human_dates(value, text):
    assert human_date(value) == text


def make(kind: str = "strike", date: EventDate | None = None, by: str | None = None) -> Event:
    return Event(event_id="E001", type=kind, date=date, summary="", location=(), actors=(), weapons=(), attributed_to=by,
                 sources=("s",), source="s", start=0, end=1, sentence="", trigger="")


def test_event_dates_say_their_basis_and_precision():
    assert event_when(make()) == "date unknown"
    assert event_when(make(date=EventDate(date="2024-05-01", precision="day", text="", basis="published"))) == "1 May 2024 ‡"
    week = EventDate(date="2013-03-11/2013-03-17", precision="week", text="", basis="inherited")
    assert event_when(make(date=week)) == "week of 11 Mar 2013 †"


def test_only_battlefield_happenings_are_claims():
    assert claimed_by(make("strike", by="the army")) == "claimed by the army"
    assert claimed_by(make("aid_pledge", by="the minister")) is None
    assert claimed_by(make("strike")) is None


def test_type_names_and_labels_agree():
    assert (type_name("air_defense_intercept"), type_label("air_defense_intercept")) == (
        "Air-defence intercept", "air-defence intercept")


def test_sources_are_labelled_in_input_order_and_quotes_clipped():
    docs = tuple(Document(source=s, path=Path(f"{s}.txt"), text="", title="", published=None, published_basis="none")
                 for s in ("b", "a"))
    assert source_labels(docs) == {"b": "S1", "a": "S2"}
    assert clip("one two three", 2) == "one two …" and clip("one two", 2) == "one two"


LONG = ("Rebels pushed Thursday northward on three fronts toward the coastal cities of al-Zawiya, Aziziya and Sorman, "
        "with their ultimate goal being Tripoli, a rebel field commander told CNN after a day of fighting that left "
        "six rebels dead and dozens more wounded in the hills south of the capital and along the road to the coast.")


@pytest.mark.parametrize("sentences, words, line", [
    (["Rebels took Zawiya on Sunday.", "NATO jets struck Tripoli overnight, officials said."], 50,
     "Rebels took Zawiya on Sunday. NATO jets struck Tripoli overnight, officials said."),
    (["Rebels took Zawiya on Sunday.", "NATO jets struck Tripoli overnight, officials said."], 8,
     "Rebels took Zawiya on Sunday."),  # the second does not fit: left out, not cut
    (["Rebels took Zawiya on Sunday, a spokesman said."], 3, "Rebels took Zawiya on Sunday, a spokesman said."),
    ([LONG], 50, "Rebels pushed Thursday northward on three fronts toward the coastal cities of al-Zawiya, Aziziya and "
                 "Sorman, with their ultimate goal being Tripoli, a rebel field commander told CNN after a day of fighting "
                 "that left six rebels dead and dozens more wounded in the hills south of the capital and along the road "
                 "to the coast."),  # 59 words: a whole sentence
])
def test_a_key_date_line_is_whole_sentences(sentences, words, line):
    assert sentences_within(sentences, words) == line
    assert "…" not in line


def test_a_sentence_too_long_for_a_line_is_told_by_its_opening_clauses():
    longer = LONG[:-1] + ", where government forces shelled the town of Bir al-Ghanam for a third day."
    assert len(longer.split()) > LONGEST_LINE
    assert clause(longer) == LONG[:-1] + "."  # up to the last comma within the line's words
    assert clause(longer, 20) == ("Rebels pushed Thursday northward on three fronts toward the coastal cities of "
                                  "al-Zawiya, Aziziya and Sorman.")
    assert clause(LONG) == LONG
