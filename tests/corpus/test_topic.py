"""The subject of a briefing: asked for with --topic, or the names most articles share."""
from pathlib import Path

from briefing.corpus.topic import subject
from briefing.models import Document, Event, EventDate, Subject


def document(source: str, text: str, title: str = "") -> Document:
    return Document(source=source, path=Path(f"{source}.txt"), title=title or text.split(".")[0], text=text,
                    published="2011-03-01")


def event(source: str, places: tuple[str, ...], actors: tuple[str, ...] = ()) -> Event:
    when = EventDate(date="2011-03-01", precision="day", text="Tuesday", basis="text")
    return Event(event_id="", type="strike", date=when, summary="", location=places, actors=actors, weapons=(),
                 attributed_to=None, sources=(source,), source=source, start=0, end=1, sentence="", trigger="")


LIBYA = (document("a", "Rebels held Benghazi as Libya's army shelled the port."),
         document("b", "NATO jets struck Libyan tanks near Misrata on Tuesday."),
         document("c", "The House passed a $4 trillion budget on Tuesday."))


def test_a_topic_asked_for_names_the_articles_that_are_not_about_it():
    found = subject(LIBYA, (), ("libya", "libyan"))
    assert found.given and found.words == ("libya", "libyan")
    assert found.off_topic == ("c",)  # "Libya's" and "Libyan" both name it; the budget story does not
    assert found.about("a") and not found.about("c")


def test_a_topic_is_matched_in_the_title_too_and_as_the_start_of_a_word():
    found = subject((document("t", "The spill reached the marshes.", title="BP oil spill: day 40"),), (), ("bp",))
    assert found.off_topic == ()
    assert subject((document("u", "The ABP union closed its unit."),), (), ("bp",)).unnamed  # not inside a word


def test_a_topic_no_article_names_leaves_every_article_in():
    found = subject(LIBYA, (), ("syria",))
    assert found.unnamed and found.off_topic == ()
    from briefing.corpus.topic import figures_about
    from briefing.models import Quantity
    budget = Quantity(figure_id="", source="c", start=20, end=32, value=4e12, value_max=None, unit="USD",
                      category="other", qualifier=None, phrase="$4 trillion", what="")
    assert figures_about(found, (budget,), ()) == (budget,)  # every article counts: its sums too


def test_without_a_topic_the_subject_is_the_names_most_articles_share():
    events = (event("a", ("Libya", "Benghazi")), event("b", ("Libya", "Misrata")), event("c", ("Libya",), ("NATO",)),
              event("d", ("Washington",)))
    found = subject(LIBYA + (document("d", "Congress met in Washington."),), events)
    assert not found.given and found.words == ("Libya",)  # three of four articles with events; Benghazi one
    assert found.off_topic == ("d",)  # Congress names no Libya; the budget story's event is in Libya


def test_an_article_whose_events_carry_the_subject_is_about_it_however_it_writes_the_name():
    kyiv = (document("a", "Drones struck Kyiv overnight."), document("b", "Kiev said Moscow fired 40 drones."),
            document("c", "Ukraine's air force shot down 30 drones."))
    events = (event("a", ("Ukraine",)), event("b", ("Ukraine", "Russia")), event("c", ("Ukraine",)))
    found = subject(kyiv, events)
    assert found.words == ("Ukraine",) and found.off_topic == ()


def test_articles_telling_several_stories_have_no_subject():
    events = (event("a", ("Gaza",)), event("b", ("Herat",)), event("c", ("Kharkiv",)))
    found = subject(LIBYA, events)
    assert found.words == () and found.off_topic == ()


def test_the_sums_of_a_topic_are_those_of_its_paragraphs():
    from briefing.corpus.topic import figures_about
    from briefing.models import Quantity, Sentence
    text = "Libya's rebels got $25 million in aid.\n\nThe debt ceiling talks named $4 trillion in cuts."
    doc = document("a", text)
    first, second = text.index("$25"), text.index("$4")
    sentences = (Sentence(source="a", start=0, end=text.index("\n"), text=text[:text.index("\n")], paragraph=0),
                 Sentence(source="a", start=text.index("The"), end=len(text), text=text[text.index("The"):], paragraph=1))
    money = tuple(Quantity(figure_id="", source="a", start=start, end=start + 3, value=v, value_max=None, unit="USD",
                           category="aid", qualifier=None, phrase="", what="")
                  for start, v in ((first, 25e6), (second, 4e12)))
    asked = subject((doc,), (), ("libya", "libyan"))
    assert [f.value for f in figures_about(asked, money, sentences)] == [25e6]
    found = Subject(words=("Libya",), given=False, off_topic=())  # names found, not asked for: the article decides
    assert [f.value for f in figures_about(found, money, sentences)] == [25e6, 4e12]


def _told(source: str, text: str, sentence: str, event_id: str, places: tuple[str, ...] = (),
          actors: tuple[str, ...] = ()) -> Event:
    start = text.index(sentence)
    when = EventDate(date="2011-02-21", precision="day", text="Monday", basis="text")
    return Event(event_id=event_id, type="casualty_report", date=when, summary=sentence, location=places, actors=actors,
                 weapons=(), attributed_to=None, sources=(source,), source=source, start=start,
                 end=start + len(sentence), sentence=sentence, trigger="killed")


def _sentences(source: str, text: str) -> tuple:
    from briefing.models import Sentence
    out, start = [], 0
    for i, line in enumerate(text.split("\n")):
        out.append(Sentence(source=source, start=start, end=start + len(line), text=line, paragraph=i))
        start += len(line) + 1
    return tuple(out)


# A digest: the Libya story, then other stories of the day; and an article of the Libya story alone.
DIGEST = "\n".join([
    "Libyan forces fired on protesters in Benghazi on Monday, killing 20 people.",
    "Rebels held the city of Benghazi by nightfall, witnesses said.",
    "Gadhafi's son spoke on state television on Monday night.",
    "The violence was not exclusive to Ciudad Juarez, either.",
    "Elsewhere, drug gangs fought in the streets of northern Mexico for a third day.",
    "Police said 13 taxi drivers were killed in Acapulco in a rash of violence that began Friday.",
    "Suspected traffickers set cars ablaze and destroyed street lights.",
    "Among the casualties, a body was found near a charred vehicle.",
])
STORY = "\n".join([
    "Libyan troops shelled Misrata on Monday.",
    "In Benghazi, rebels buried the dead.",
    "Witnesses said the shelling went on through the night.",
    "Doctors at the main hospital were overwhelmed.",
    "They said 30 people were killed in Misrata, most of them civilians.",
    "The port was closed to ships.",
    "Food was running short in the old city.",
])


def test_an_event_that_tells_a_digests_other_story_is_not_about_the_topic():
    from briefing.corpus.topic import events_off_topic
    documents = (document("d", DIGEST), document("s", STORY), document("x", "Police in Texas said 2 people were killed."))
    events = (_told("d", DIGEST, DIGEST.split("\n")[0], "E1", ("Benghazi",)),
              _told("d", DIGEST, DIGEST.split("\n")[5], "E2", ("Acapulco",)),
              _told("s", STORY, STORY.split("\n")[0], "E3", ("Misrata",)),
              _told("s", STORY, STORY.split("\n")[4], "E4", ("Misrata",)),  # far from any "Libya", but in Misrata
              _told("s", STORY, STORY.split("\n")[3], "E5"),  # nothing of its own: the article's story
              _told("x", "Police in Texas said 2 people were killed.", "Police in Texas said 2 people were killed.", "E6"))
    sentences = _sentences("d", DIGEST) + _sentences("s", STORY)
    asked = subject(documents, events, ("libya", "libyan"))
    # Misrata is named with "Libyan" in one article only: learned as the topic's from two (E1's Benghazi too)
    assert events_off_topic(asked, events, sentences) == {"E2", "E4", "E6"}
    both = events + (_told("d", DIGEST, DIGEST.split("\n")[0], "E7", ("Misrata",)),)
    assert events_off_topic(asked, both, sentences) == {"E2", "E6"}  # Misrata now named with "Libyan" in two articles
    assert events_off_topic(None, events, sentences) == frozenset()
    ukraine = Subject(words=("Ukraine",), given=False, off_topic=())
    drone = "A Ukrainian drone has struck the Smolensk Aviation Factory more than 200 miles behind enemy lines."
    far = _told("u", drone, drone, "E8", ("Smolensk Aviation Factory",))
    assert events_off_topic(ukraine, (far,), _sentences("u", drone)) == frozenset()  # "Ukrainian" names Ukraine


def test_the_figures_of_an_event_not_about_the_topic_are_set_aside():
    from briefing.corpus.topic import figures_of
    from briefing.models import Quantity

    def killed(figure_id: str, event_id: str | None, value: float) -> Quantity:
        return Quantity(figure_id=figure_id, source="a", start=0, end=1, value=value, value_max=None, unit="people",
                        category="casualties", qualifier=None, phrase=str(value), what="", event_id=event_id)

    figures = (killed("F1", "E1", 20), killed("F2", "E2", 7700), killed("F3", None, 5))
    assert [f.figure_id for f in figures_of(frozenset({"E2"}), figures)] == ["F1", "F3"]
    assert figures_of(frozenset(), figures) == figures
