"""The narrator's own voice (read/voice.py): a sentence no journalist would quote as what happened."""
from __future__ import annotations

import pytest

from briefing.read.voice import own_voice, unquoted


@pytest.mark.parametrize("text", [
    # a presenter's sign-offs and hand-overs, from CNN transcripts of Timeline17's topics
    "I'm Carl Azuz, launching you into CNN Student News!",
    "For CNN Student News, I'm Carl Azuz.",
    "I'm Ben Tinker, filling in today for Carl Azuz, who's got the day off.",
    "If this is your first day, welcome to our 2011-2012 coverage.",
    "We hope to run into you right back here on Monday for more CNN Student News.",
    "Jim Bittermann joining us live from Paris.",
    "KRISTIE LU STOUT, HOST: Welcome to NEWS STREAM, where news and technology meet.",
    "AZUZ: First up today, two very different views on how the civil war is going.",
    "Have a great day.",
    "That's all from me in London, but stay tuned for the rest of the day's developments.",
    # a live blog's, a columnist's and an outlet's own voice; a speech given as text
    "Afternoon all, and welcome to our live coverage of BP's conference call with its investors.",
    "I am writing this early on Friday morning.",
    "Our correspondent in Damascus says the shelling went on through the night.",
    "We'll be right back after the break.",
    "Let’s take a look at where the rebels are.",
    "We're there to protect civilians against attacks.",
    "Then I went down to the port to see the ships come in.",
])
def test_a_first_person_clause_or_a_presenters_line_outside_quotes_is_the_narrators_voice(text):
    assert own_voice(text)


@pytest.mark.parametrize("text", [
    "Libyan government and rebel officials offered wildly disparate views of the situation on the ground Sunday.",
    "“I am extremely sorry to say this, but NATO truly disappointed us,” Gen. Abdul Fatah Younis said Tuesday.",
    "“I'm not ruling it out,” Obama told NBC the day after a televised speech on Libya.",
    "The U.S. and its allies struck air defences near Tripoli; US officials said more strikes would follow.",
    "World War I veterans and Pope John Paul I are named in the archive; Phase I trials began in May.",
    "Ibrahim told the journalists they are welcome to stay and work in Libya under a visa.",
    "Rebels said they would hold Brega “until we have won,” a spokesman told CNN.",
    "We will win,” the colonel said, ending a speech that began in the sentence before.",  # the quote opened earlier
    "“We will not leave Misrata.",  # a quotation that goes on into the next sentence
    "The Mediterranean Sea route carried 1,200 people to Lampedusa this week.",
])
def test_third_person_narration_and_quoted_first_person_are_not(text):
    assert not own_voice(text)


def test_quotations_are_blanked_in_place():
    text = "“We will fight,” he said, and “we will win.”"
    assert unquoted(text) == " " * 16 + " he said, and " + " " * 14
    assert len(unquoted(text)) == len(text)
