"""The head of an article (headline, byline, caption, story highlights) is furniture, not sentences."""
from __future__ import annotations

import pytest

from briefing.read import ingest
from briefing.read.head import dateline_span
from briefing.read.ingest import sentences

# A saved CNN page: byline and photo caption, then the highlights run together into the dateline's line.
CNN = ("By the CNN Wire Staff People walk past destroyed buildings on Monday, in Majer, south of Zliten.\n"
       "NEW: Rebels made headway Thursday northward toward coastal cities near the capital "
       "NEW: Rebel spokesman predicts fighters will reach the road leading to Tripoli within days "
       "Rebels say they captured the town of Garyan to the south "
       "Tripoli, Libya (CNN) — Rebels pushed Thursday northward on three fronts toward the coastal cities, "
       "a rebel field commander told CNN.\n"
       "Six rebels died and dozens more were wounded in fighting Wednesday and Thursday, he said.\n")


def test_highlights_run_into_the_dateline_are_not_sentences(article_dir):
    document = ingest.read_document(article_dir("a.txt", CNN))
    assert [s.text for s in sentences(document)] == [
        "Rebels pushed Thursday northward on three fronts toward the coastal cities, a rebel field commander told CNN.",
        "Six rebels died and dozens more were wounded in fighting Wednesday and Thursday, he said.",
    ]
    lo, hi = dateline_span(document.text)
    assert document.text[lo:hi] == "Tripoli, Libya (CNN) — "
    assert document.publisher == "CNN"
    assert document.title == "People walk past destroyed buildings on Monday, in Majer, south of Zliten."


def test_the_first_highlight_titles_an_article_whose_head_is_all_highlights(article_dir):
    text = CNN.split("\n", 1)[1]
    document = ingest.read_document(article_dir("a.txt", text))
    assert document.title == "Rebels made headway Thursday northward toward coastal cities near the capital"
    assert sentences(document)[0].text.startswith("Rebels pushed Thursday northward")


@pytest.mark.parametrize("head", [
    "A family walks through the rubble of Misrata on Thursday.\nNow that the siege is over, people come out.\n",
    "By the CNN Wire Staff NEW: Rebels hold Zawiya A doctor reports casualties Are you there?\n"
    "Show CNN what's happening.\nPlease do not put yourself in a dangerous situation.\n",
])
def test_a_caption_or_promotion_above_an_agency_dateline_is_not_a_sentence(article_dir, head):
    text = head + "Tripoli, Libya (CNN) — Violence rippled through Zawiya on Friday, a witness said.\nMore.\n"
    document = ingest.read_document(article_dir("a.txt", text))
    assert sentences(document)[0].text == "Violence rippled through Zawiya on Friday, a witness said."


def test_an_agency_in_brackets_below_the_head_is_no_dateline(article_dir):
    lines = [f"Line {n} of the story says what happened on Monday." for n in range(6)]
    text = "\n".join(lines) + "\nThe ministry (MoD) — Officials met on Tuesday.\n"
    document = ingest.read_document(article_dir("a.txt", text))
    assert dateline_span(document.text) == (0, 0)
    assert sentences(document)[0].text == lines[0]


def test_a_highlight_marker_inside_a_line_cuts_it_and_a_short_highlight_is_left_out(article_dir):
    text = ("Libya to defend oil with blood NEW: Government spokesman describes an attack on the oil town of Brega\n"
            "The spokesman called the attack heavy and merciless.\n")
    document = ingest.read_document(article_dir("a.txt", text))
    found = [s.text for s in sentences(document)]
    assert found == ["Libya to defend oil with blood", "The spokesman called the attack heavy and merciless."]
    assert all(document.text[s.start:s.end] == s.text for s in sentences(document))


def test_a_live_blog_stamp_inside_a_sentence_starts_a_new_one(article_dir):
    text = ("Live updates on Libya\n"
            "Here is more on the protests: LIBYA, 7:40 p.m. ET, 2:40 a.m. local: About 15,000 Egyptians returned "
            "Monday across the border. LIBYA, noon ET, 7 p.m. local The council met on Tuesday.\n")
    document = ingest.read_document(article_dir("a.txt", text))
    found = [s.text for s in sentences(document)]
    assert found[-2:] == ["About 15,000 Egyptians returned Monday across the border.", "The council met on Tuesday."]
    assert all(document.text[s.start:s.end] == s.text for s in sentences(document))


def test_a_page_date_and_byline_are_metadata_after_the_headline(article_dir):
    text = ("Libya crisis sends U.S. gas prices up 33 cents in two weeks March 06, 2011 | By Mariano Castillo, CNN "
            "The national average for self-serve unleaded gasoline was $3.51, says the Lundberg Survey.\n")
    document = ingest.read_document(article_dir("a.txt", text))
    assert document.title == "Libya crisis sends U.S. gas prices up 33 cents in two weeks"
    assert (document.author, document.publisher) == ("Mariano Castillo", "CNN")
    assert [s.text for s in sentences(document)] == [
        "The national average for self-serve unleaded gasoline was $3.51, says the Lundberg Survey."]


def test_a_blog_comment_stamped_with_its_date_and_minute_starts_the_comments(article_dir):
    text = ("Rebels took the port of Brega on Sunday, a spokesman said.\n"
            "February 25th, 2011 4:07 am ET I just hope the C.I.A. is not involved this time.\n"
            "Opposition groups in Libya are armed with machine guns.\n")
    document = ingest.read_document(article_dir("a.txt", text))
    assert [s.text for s in sentences(document)] == ["Rebels took the port of Brega on Sunday, a spokesman said."]


@pytest.mark.parametrize("sentence", ["Officials in KYIV, 9 a.m. local, said drones struck Odesa on Monday.",
                                      "The city went dark before TRIPOLI, 9 p.m. local time, fell silent."])
def test_a_place_and_clock_inside_a_sentence_is_no_entry_stamp(article_dir, sentence):
    path = article_dir("a.txt", f"---\npublished: 2024-03-15\n---\nHeadline here\n\n{sentence}\n")
    assert [s.text for s in ingest.sentences(ingest.read_document(path))][1:] == [sentence]


def test_the_head_is_no_sentence_but_its_dates_are_dates(article_dir):
    """A caption's "on Monday" is tagged (TimeBank's heads hold dates), though the caption is furniture."""
    from briefing import dates
    document = ingest.read_document(article_dir("a.txt", "---\npublished: 2011-08-25\n---\n" + CNN))
    told = [document.text[m.start:m.end] for m in dates.tag_document(document)]
    assert told[0] == "Monday"  # the caption, above the dateline
    assert not any("Majer" in s.text for s in sentences(document))
