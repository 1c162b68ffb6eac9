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
