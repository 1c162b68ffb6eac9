"""Key dates: the days a corpus keeps coming back to, each told by sentences that do not repeat."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.corpus.keydates import content_words
from briefing.models import Config
from briefing.pipeline import analyse

# Three short reports of a week in an invented town. The power-station strike of Monday
# 3 March is told again by every later article; each article also tells news of its own day.
ARTICLES = {
    "a_monday.txt": ("2025-03-04", """Strike on the Vellmar power station

Missiles struck the Vellmar power station on Monday, killing 14 workers and cutting power to the whole valley, the regional governor said.
On Tuesday the city council met in emergency session to plan repairs and shelters.
Engineers said the turbine hall had been hit twice and would take months to rebuild.
"""),
    "b_tuesday.txt": ("2025-03-05", """Vellmar families bury the dead

Families in Vellmar buried nine of the workers killed when missiles struck the power station on Monday.
On Wednesday the national grid operator promised mobile generators for the hospital within a week.
Schools across the valley stayed shut because classrooms had neither heat nor light.
"""),
    "c_thursday.txt": ("2025-03-06", """Minister visits Vellmar

The energy minister visited Vellmar on Thursday and stood in the ruins of the turbine hall that missiles destroyed on March 3.
She promised that the power station would be rebuilt and said the strike on Monday had killed 14 people.
Volunteers handed out blankets and water in the square outside the town hall.
"""),
}


@pytest.fixture
def vellmar(article_dir) -> Path:
    sources = "".join(f"{name}:\n  published: '{day}'\n  publisher: Valley Post\n" for name, (day, _) in ARTICLES.items())
    for name, (_, text) in ARTICLES.items():
        article_dir(name, text, sources)
    return article_dir.folder


def _analyse(folder: Path, **options):
    config = Config(inputs=(folder,), out=folder / "out", as_of=date(2025, 3, 10), charts=False, **options)
    return analyse(config)[0]


def test_the_day_every_article_refers_back_to_ranks_first(vellmar):
    briefing = _analyse(vellmar, key_dates=3)
    chosen = briefing.key_dates
    assert [k.rank for k in chosen] == [1, 2, 3]
    assert chosen[0].date == "2025-03-03"
    assert {"a_monday", "b_tuesday", "c_thursday"} <= set(chosen[0].sources)
    assert [k.score for k in chosen] == sorted((k.score for k in chosen), reverse=True)
    strike = chosen[0]
    assert "missiles" in strike.summary.lower() and "power station" in strike.summary.lower()


def test_a_strike_with_casualties_weighs_more_than_a_meeting(vellmar):
    briefing = _analyse(vellmar)
    salience = {e.type: e.salience for e in briefing.events if e.date and e.date.date == "2025-03-03"}
    assert all(0.0 <= e.salience <= 1.0 for e in briefing.events)
    assert max(e.salience for e in briefing.events) == 1.0
    meeting = [e for e in briefing.events if e.trigger.lower().startswith("met")]
    assert salience.get("strike", 0) > max((e.salience for e in meeting), default=0.0)


def test_no_sentence_is_told_twice(vellmar):
    briefing = _analyse(vellmar, key_dates=4, sentences=3)
    told = [(s.source, s.start) for k in briefing.key_dates for s in k.sentences]
    assert told and len(told) == len(set(told))
    bags = [set(content_words(s.text)) for k in briefing.key_dates for s in k.sentences]
    for i, a in enumerate(bags):
        for b in bags[:i]:
            assert len(a & b) / len(a) <= 0.5
    assert all(len(k.sentences) <= 3 for k in briefing.key_dates)


def test_timeline_csv_has_one_row_per_key_date_best_first(vellmar, tmp_path):
    out = tmp_path / "built"
    code = main(["build", str(vellmar), "--out", str(out), "--no-charts", "--as-of", "2025-03-10",
                 "--key-dates", "2", "--sentences", "1"])
    assert code == 0
    with (out / "timeline.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames[:6] == ["date", "rank", "score", "summary", "event_ids", "sources"]
    assert [r["rank"] for r in rows] == ["1", "2"]
    assert rows[0]["date"] == "2025-03-03" and rows[0]["summary"]
    assert set(rows[0]["event_ids"].split(";")) <= {r["event_id"] for r in csv.DictReader((out / "events.csv").open())}
    assert "salience" in (out / "events.csv").read_text("utf-8").splitlines()[0].split(",")


@pytest.mark.parametrize("option, message", [
    (["--key-dates", "0"], "Error: --key-dates 0 must be a number of dates, 1 or more"),
    (["--sentences", "-1"], "Error: --sentences -1 must be a number of sentences, 1 or more"),
])
def test_bad_key_date_options_are_one_line_errors(capsys, vellmar, tmp_path, option, message):
    assert main(["build", str(vellmar), "--out", str(tmp_path / "o"), "--no-charts", *option]) == 2  # bad usage (README, exit codes)
    assert capsys.readouterr().err.strip() == message


def _document(text: str, published: str = "2025-04-24", source: str = "page"):
    from briefing.models import Document
    return Document(source=source, path=Path(f"{source}.txt"), text=text, title="", published=published)


def _stamps(text: str):
    from briefing.corpus.keydates.stamps import find_stamps
    from briefing.dates.tagger import tag
    mentions = tag(text, "2025-04-24", source="page")
    return mentions, find_stamps((_document(text),), mentions)


ARTICLE_WITH_COMMENTS = (
    "Missiles struck the Vellmar power station on Monday, the governor said. " * 5
    + "The council met on March 19, 2025 at 6 pm to vote on repairs.\n"
    "They should rebuild it at once.\nApril 25, 2025 at 9:29 pm | Reply I disagree with the council.\n"
    "Nobody asked the workers.\nApril 26, 2025 at 6:19 pm | Reply Nothing happened on 12 April.\n")


def test_a_date_with_its_minute_stamps_a_comment_and_what_follows_is_comments():
    mentions, stamps = _stamps(ARTICLE_WITH_COMMENTS)
    by_text = {m.text: m for m in mentions}
    assert stamps.is_stamp(by_text["April 25, 2025"]) and stamps.is_stamp(by_text["9:29 pm"])
    assert not stamps.evidence(by_text["April 26, 2025"])
    assert not stamps.evidence(by_text["12 April"])  # a date a reader wrote in a comment
    # Prose names a day with its hour, not its minute: still evidence.
    assert stamps.evidence(by_text["March 19, 2025"]) and stamps.evidence(by_text["Monday"])
    assert stamps.in_comments("page", ARTICLE_WITH_COMMENTS.index("I disagree"))


def test_a_page_stamp_is_no_evidence_and_is_cut_from_the_sentence_it_opens():
    from briefing.models import Sentence
    for text in ("24 April 2025 Last updated at 17:55 GMT Help Security forces arrested dozens of activists in the capital.",
                 "Page last updated at 08:58 GMT, Thursday, 24 April 2025 09:58 UK Security forces arrested dozens of activists in the capital.",
                 "Curfew in the capital Thursday 24 April 2025 15.04 BST Security forces arrested dozens of activists in the capital."):
        mentions, stamps = _stamps(text)
        assert mentions and not any(stamps.evidence(m) for m in mentions if m.value.startswith("2025-04-24"))
        trimmed = stamps.trim(Sentence(source="page", start=0, end=len(text), text=text, paragraph=0))
        assert trimmed.text == "Security forces arrested dozens of activists in the capital."
        assert text[trimmed.start:trimmed.end] == trimmed.text  # still traceable to its article
        assert not stamps.in_comments("page", len(text) - 1)  # a stamp at the top dates the page, not a comment


def test_one_stamp_below_the_headline_dates_the_page_and_several_are_comments():
    standfirst = "Security forces arrested dozens of activists in the capital, officials said on Tuesday. " * 4
    page = standfirst + "Thursday 24 April 2025 15.04 BST The arrests followed a week of protests."
    _, stamps = _stamps(page)
    assert stamps.spans["page"] and not stamps.comments  # the page's own stamp: what follows is the article
    thread = page + "\nGood. 24 April 2025 at 16:10 pm\nBad. 24 April 2025 at 17:20 pm\n"
    _, stamps = _stamps(thread)
    assert stamps.comments["page"] == thread.index("24 April 2025 at 16:10")
    # A word after the clock is not its time zone unless written in capitals.
    mentions, stamps = _stamps("Posted 24th June 2025 - 20:55 My view is that the council was wrong.")
    (a, b), = stamps.spans["page"]
    assert "24th June 2025 - 20:55 My view"[a - 7:b - 7] == "24th June 2025 - 20:55"


def test_what_readers_commented_is_not_what_happened(article_dir):
    # Readers of every article commented on Wednesday 5 March, a day with little news of its own.
    comments = "".join(f"Comment number {i} says the minister is wrong about the station.\n"
                       f"March 5, 2025 at {i + 1}:15 pm | Reply I agree with comment {i} on March 5.\n" for i in range(4))
    sources = "".join(f"{name}:\n  published: '{day}'\n  publisher: Valley Post\n" for name, (day, _) in ARTICLES.items())
    for name, (_, text) in ARTICLES.items():
        article_dir(name, text + comments, sources)
    briefing = _analyse(article_dir.folder, key_dates=5, sentences=3)
    assert [k.date for k in briefing.key_dates][:2] == ["2025-03-03", "2025-03-04"]
    assert not any("Reply" in k.summary or "comment" in k.summary.lower() for k in briefing.key_dates)


def test_an_impossible_day_is_not_scored_and_does_not_stop_the_build(article_dir, capsys):
    """"29 February" near 1900 is left without a year, and a day the calendar lacks is no key date."""
    from briefing.corpus.keydates import Day, score_days
    from briefing.models import Document
    documents = tuple(Document(source=s, path=Path(f"{s}.txt"), text="", title=s, published=p) for s, p in
                      (("a", "1900-01-10"), ("b", "1900-03-05")))
    days = {"1900-02-28": Day("1900-02-28"), "1900-02-29": Day("1900-02-29"), "1900-03-01": Day("1900-03-01")}
    assert sorted(score_days(days, documents)) == ["1900-02-28", "1900-03-01"]
    article_dir("a.txt", "---\npublished: 1900-01-10\ntitle: Offensive planned\n---\n"
                "Russia will launch an offensive on 29 February, officials warned.\n")
    article_dir("b.txt", "---\npublished: 1900-03-05\ntitle: Later report\n---\n"
                "On 4 March 1900 an artillery strike on Kyiv killed 2 people, officials said.\n")
    out = article_dir.folder / "out"
    code = main(["build", str(article_dir.folder), "--out", str(out), "--no-charts", "--jobs", "1",
                 "--as-of", "1900-03-10"])
    assert code == 0, capsys.readouterr().err
    assert "1900-02-29" not in (out / "events.csv").read_text("utf-8")


@pytest.mark.parametrize("text, readable", [
    ("Rebels took the port of Brega on Sunday after a day of fighting, a spokesman said.", True),
    ("The colonel told reporters in Benghazi on Sunday that his men “will fight to the last man.”", True),
    ("Earlier today, this blog reported that the deputy ambassador told reporters Monday that Gadhafi had declared war.",
     False),  # about the blog, not the day
    ("Rebels made headway Thursday northward toward coastal cities near the capital", False),  # a highlight: no stop
    ("In CNN.com's Opinion section, writers raised questions about the goal of the operation.", False),
    ("Click the markers to learn more about the intervention in Libya.", False),
    ("Tripoli, Libya (CNN) — Rebels pushed Thursday northward on three fronts toward the coast.", False),
    ("Will the rebels take Tripoli before the holy month of Ramadan begins?", False),
    ("Libya's civil war and U.N. intervention The U.N. Security Council voted March 17 to authorize a no-fly zone.",
     False),  # a headline run into the lead
    ("The International Criminal Court at The Hague issued a warrant for his arrest on Monday.", True),
    ("I'm Carl Azuz, launching you into CNN Student News!", False),  # the presenter's own voice
    ("STOUT: Let's keep our focus on Pakistan and how that slow motion tsunami struck the country.", False),
    ("Our correspondent in Tripoli says the shelling of the port went on through the night.", False),
    ("Get To Know Piers Morgan Tonight: Donny Deutsch Guest Hosts This evening the show asks about Libya.", False),
    ("Rebels Push On To Tripoli As Gadhafi Forces Retreat from the coastal road near Zawiya.", False),
    ("U.S. Navy Vice Adm. Bill Gortney said at the Pentagon Monday that the United States is not arming rebels.", True),
    ("In Tripoli, residents said state television was attacked on Sunday evening by protesters.", True),
])
def test_a_key_date_is_told_by_sentences_a_journalist_would_sign(text, readable):
    from briefing.corpus.keydates import _readable
    from briefing.models import Sentence

    assert _readable(Sentence(source="a", start=0, end=len(text), text=text, paragraph=1)) is readable


def test_the_day_of_the_latest_news_is_a_key_date_however_few_look_back_to_it(vellmar):
    """Two key dates of three days of news: the Monday strike (every article looks back to it) and
    Thursday, the day of the last article (nothing later can look back to it), not Tuesday."""
    chosen = _analyse(vellmar, key_dates=2).key_dates
    assert [k.date for k in chosen][0] == "2025-03-03"
    assert "2025-03-06" in [k.date for k in chosen]


def test_a_lead_that_tells_of_another_day_does_not_tell_its_paper_s_day(vellmar, article_dir):
    """Saturday's paper leads with Friday's drone: the line is Friday's, and Saturday, with nothing of
    its own to tell, is not made the latest key date with Friday's words under it."""
    article_dir("d_saturday.txt", """Drone downed near Vellmar

On Friday a drone carrying explosives was shot down near the Vellmar airfield, officials said.
The drone was brought down early Friday before it reached the repaired substation, the governor said.
""", (vellmar / "sources.yaml").read_text() + "d_saturday.txt:\n  published: '2025-03-08'\n  publisher: Valley Post\n")
    chosen = {k.date: k.summary for k in _analyse(vellmar, key_dates=4).key_dates}
    assert "2025-03-08" not in chosen
    assert "drone" in chosen["2025-03-07"].lower()
    assert not any("drone" in told.lower() for day, told in chosen.items() if day != "2025-03-07")


def test_a_day_whose_only_sentence_told_another_day_is_told_by_it_again(article_dir):
    """One sentence tells storms on two days: both days are key, and the second is told by the same
    sentence rather than left without a line."""
    text = ("Storms at Vellmar\n\nStorms struck the harbour of Vellmar on Monday and Wednesday, destroying the sea wall "
            "and sinking nine fishing boats.\n")
    later = ("Vellmar rebuilds\n\nThe storms that struck on Monday and Wednesday left forty families of the harbour "
             "without homes, the mayor said.\n")
    article_dir("a.txt", text)
    article_dir("b.txt", later, "a.txt:\n  published: '2025-03-06'\nb.txt:\n  published: '2025-03-07'\n")
    chosen = {k.date: k.summary for k in _analyse(article_dir.folder, key_dates=2).key_dates}
    assert set(chosen) == {"2025-03-03", "2025-03-05"}
    assert all("storms" in told.lower() for told in chosen.values())


@pytest.mark.parametrize("scores, wanted, latest, chosen", [
    ({"2025-03-03": 5.0, "2025-03-04": 3.0, "2025-03-05": 2.0, "2025-03-06": 1.0}, 2, "2025-03-06",
     ["2025-03-03", "2025-03-06"]),                      # the latest takes the last place
    ({"2025-03-03": 5.0, "2025-03-06": 4.0, "2025-03-04": 1.0}, 2, "2025-03-06", ["2025-03-03", "2025-03-06"]),
    ({"2025-03-03": 5.0, "2025-03-04": 3.0}, 1, "2025-03-09", ["2025-03-03"]),  # a latest day with no score: none
])
def test_choose_keeps_the_best_days_and_the_latest(scores, wanted, latest, chosen):
    from briefing.corpus.keydates import choose
    assert choose(scores, wanted, latest) == chosen


def test_a_key_date_cites_every_article_its_lines_come_from(article_dir):
    """The day of the latest news may be told only by an article published on it that names no date
    and tells no event: its lines still cite that article (page one showed '[]')."""
    days = {**ARTICLES, "d_friday.txt": ("2025-03-07", """Vellmar shelters fill

Hundreds of families from the valley slept in school gyms and the town hall as temperatures fell below freezing.
""")}
    sources = "".join(f"{name}:\n  published: '{day}'\n  publisher: Valley Post\n" for name, (day, _) in days.items())
    for name, (_, text) in days.items():
        article_dir(name, text, sources)
    chosen = _analyse(article_dir.folder, key_dates=2).key_dates
    assert "2025-03-07" in [k.date for k in chosen]
    for key in chosen:
        assert key.sentences and {s.source for s in key.sentences} <= set(key.sources)


def test_a_key_dates_line_has_no_live_blog_stamp(article_dir):
    text = ("Earthquake in the valley: live updates\n\n"
            "Update, March 3, 2025, 6 p.m.: Rescuers pulled eleven people from the rubble of the school in Vellmar.\n\n"
            "Update, March 4, 2025, 9:15 a.m.: The death toll from the earthquake rose to 40, the governor said.\n")
    article_dir("live.txt", text, "live.txt:\n  published: '2025-03-04'\n  publisher: Valley Post\n")
    chosen = _analyse(article_dir.folder, key_dates=2).key_dates
    lines = [s.text for k in chosen for s in k.sentences]
    assert lines and not any(line.startswith("Update") for line in lines)
    assert any(line.startswith("The death toll from the earthquake rose to 40") for line in lines)
