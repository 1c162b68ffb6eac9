"""Any text through the reader, the date tagger and the figure parser: no exception, spans inside the text, values finite."""
from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dates.tagger import tag
from briefing.extract.figures import sentence_figures
from briefing.models import Document, Sentence
from briefing.read import ingest
from briefing.read.untrusted import LONE_CR, UntrustedInput, decode

NEWS = ["Russia", "fired", "-$5", "$999999999999999999999", "trillion", "billion", "six", "missiles", "struck", "Kyiv",
        "on", "Monday", "Mr.", "U.S.", "“", "”", "\r", "\n", "\r\n", ".", ",", "9" * 40, "1e308", "−3", "million", "euros",
        "40", "drones", "trucks", "at", "least", "12", "to", "15", "killed", "people", "(", ")", "KYIV,", "(Reuters)", "-"]
news_text = st.lists(st.sampled_from(NEWS), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_to_text_or_are_refused_with_a_reason(raw):
    try:
        text, encoding = decode(raw)
    except UntrustedInput as exc:
        assert str(exc) == "binary file, not text"
        return
    assert "\r" not in text.replace("\r\n", "")  # a lone CR is a line end
    assert encoding in ("utf-8", "utf-16", "utf-32", "cp1252", "latin-1")


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_any_text_reads_into_sentences_that_point_into_it(text):
    text = LONE_CR.sub("\n", text)  # as the reader gives it
    boilerplate, _ = ingest.find_boilerplate(text)
    document = Document(source="x", path=Path("x.txt"), text=text, title=ingest.headline(text, boilerplate),
                        boilerplate=boilerplate)
    for s in ingest.distinct(ingest.sentences(document)):
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start:s.end] == s.text


@settings(max_examples=200, deadline=None)
@given(any_text, st.sampled_from(["2025-03-05", "9999-12-31", "0001-01-01", "9999-12", "0001", None]))
def test_any_text_is_tagged_at_the_calendar_ends_too(text, published):
    for m in tag(text, published):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_any_sentence_gives_finite_figures_inside_it(text):
    sentence = Sentence(source="x", start=0, end=len(text), text=text, paragraph=1)
    for f in sentence_figures(sentence):
        assert 0 <= f.start < f.end <= len(text)
        assert math.isfinite(f.value) and (f.value_max is None or math.isfinite(f.value_max))
