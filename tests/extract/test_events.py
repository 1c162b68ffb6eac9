"""Events: golden rows for the seeds, and each rule on sentences of our own."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import dates
from briefing.corpus import merge
from briefing.extract import events
from briefing.extract.parse import parse_sentences
from briefing.models import Document
from briefing.read import ingest

# The seed event table, row by row: (date, type, sources).
SEED_EVENTS = [
    ("2022-04-21", "ground_advance", "004"),
    ("2022-04-21", "other", "004"),
    ("2022-04-21", "other", "004"),
    ("2023-10", "strike", "000"),
    ("2023-11-25/2023-11-26", "strike", "000"),
    ("2023-11-25/2023-11-26", "air_defense_intercept", "000"),
    ("2023-11-25/2023-11-26", "strike", "000"),
    ("2023-11-25", "strike", "000"),
    ("2023-11-28", "statement", "000"),
    ("2023-11-29", "other", "000"),
    ("2024-06-01/2024-08-31", "ground_advance", "001"),
    ("2024-10", "strike", "002"),
    ("2024-10", "strike", "002"),
    ("2024-11-17", "policy_decision", "001;002"),
    ("2024-11-18", "statement", "001"),
    ("2024-11-19", "strike", "001"),
    ("2024-11-19", "statement", "001"),
    ("2024-11-19", "air_defense_intercept", "001"),
    ("2024-11-19", "policy_decision", "001"),
    ("2024-11-19", "statement", "001"),
    ("2024-11-19", "statement", "001"),
    ("2025-01", "other", "002"),
    ("2025-07-01", "strike", "003"),
]


def test_seed_event_table(seed_build):
    briefing, _ = seed_build
    rows = [(e.date.date, e.type, ";".join(s[:3] for s in e.sources)) for e in briefing.events]
    assert rows == SEED_EVENTS


def test_seed_events_carry_place_weapon_and_claimant(seed_build):
    briefing, _ = seed_build
    by_trigger = {(e.source[:3], e.trigger): e for e in briefing.events}
    bryansk = by_trigger[("001", "launched six ballistic missiles")]
    assert bryansk.location == ("Bryansk",)
    assert "ballistic missile" in bryansk.weapons
    assert bryansk.attributed_to == "Russian Defence Ministry"
    assert (bryansk.date.date, bryansk.date.basis) == ("2024-11-19", "text")
    smolensk = by_trigger[("000", "has struck")]
    assert smolensk.location == ("Smolensk Aviation Factory",)
    assert (smolensk.date.basis, smolensk.date.text) == ("inherited", "the weekend")
    kupol = by_trigger[("003", "was targeted")]
    assert kupol.location == ("Izhevsk Electromechanical Plant Kupol",)


def test_atacms_decision_is_one_row_with_both_sources(seed_build):
    briefing, _ = seed_build
    decision = [e for e in briefing.events if e.type == "policy_decision" and e.date.date == "2024-11-17"]
    assert len(decision) == 1
    assert set(decision[0].sources) == {"001_3a2f32aede7024c5", "002_c2be2a0c6008a7cf"}
    assert decision[0].date.basis == "text"  # the telling with "on Sunday" wins over "has approved"


def extract(text: str, published: str = "2024-03-15"):
    """Events of one article of our own (published on a Friday)."""
    doc = Document(source="t", path=Path("t.txt"), text=text, title="Untitled", published=published,
                   published_basis="front_matter")
    sentences = ingest.distinct(ingest.sentences(doc))
    found, undated = merge.extract_events((doc,), sentences, dates.tag_document(doc), parse_sentences(sentences))
    return [(e.type, e.date.date, e.date.basis) for e in found], undated


# Sentences of our own and the rows they give: (type, date, basis), in any order.
@pytest.mark.parametrize("text, expected", [
    pytest.param("Kyiv launched 20 drones on Sunday in reply to a missile attack by Russia on Thursday.\n",
                 [("strike", "2024-03-10", "text"), ("strike", "2024-03-14", "text")],
                 id="one_sentence_two_events_two_dates"),
    pytest.param("Russia fired six missiles at Odesa on Wednesday.\nUkrainian air defences intercepted four of them.\n",
                 [("strike", "2024-03-13", "text"), ("air_defense_intercept", "2024-03-13", "inherited")],
                 id="interception_inherits_the_strike_date"),
    pytest.param("Russia fired six missiles at Odesa on Wednesday.\nRecently a similar drone was intercepted near the port.\n",
                 [("strike", "2024-03-13", "text")],
                 id="an_interception_told_as_recent_is_not_the_strikes"),
    pytest.param("A drone struck the Ryazan Oil Refinery.\nThe attack took place on Tuesday night, officials said.\n",
                 [("strike", "2024-03-12", "inherited")],
                 id="anaphora_gives_an_undated_lead_its_date"),
    pytest.param("Analysts disagree about the war.\nA fire broke out at the Tver depot, killing three.\n",
                 [("other", "2024-03-15", "published")],
                 id="undated_completed_strike_is_reported_on_publication_day"),
    pytest.param("Russian forces captured the village of Novoselivka last week, Russia's Defence Ministry said.\n",
                 [("ground_advance", "2024-03-04/2024-03-10", "text")],
                 id="the_speakers_verb_is_not_the_event-1"),
    pytest.param("Militiamen killed six villagers in a night raid earlier this week near the river, a local doctor said on Friday.\n",
                 [("casualty_report", "2024-03-11/2024-03-17", "text")],
                 id="the_speakers_day_does_not_date_a_happening_the_sentence_dates"),
    pytest.param("The ministry denied on Wednesday that its forces had shelled the port.\n",
                 [("statement", "2024-03-13", "text")],
                 id="a_denied_happening_is_the_denial"),
    pytest.param("Denmark said on Friday it had allocated DKK 1.3 billion for pilot training in 2024.\n",
                 [("aid_pledge", "2024-03-15", "text")],
                 id="the_speakers_verb_is_not_the_event-2"),
    pytest.param("On Tuesday the NATO chief said he was confident the aid would continue.\n",
                 [("statement", "2024-03-12", "text")],
                 id="a_statement_with_its_own_date_is_an_event"),
    pytest.param("Britain will deploy 200 military trainers to Ukraine next month, the minister announced.\n"
                 "The European Union will hold a summit on March 20 to discuss sanctions.\n",
                 [("other", "2024-03-20", "text"), ("deployment", "2024-04", "text")],
                 id="a_planned_deployment_and_a_summit_are_dated_ahead"),
    pytest.param("Russia fired three missiles at Kharkiv on Monday.\nNone of the ballistic missiles were intercepted.\n",
                 [("strike", "2024-03-11", "text")],
                 id="a_denied_happening_is_no_event-1"),
    pytest.param("Officials met.\nNo one was killed in the blast, police said.\n",
                 [],
                 id="a_denied_happening_is_no_event-2"),
    pytest.param("Germany will deliver a third Patriot air defense system by the end of June, "
                 "Defence Minister Boris Pistorius said on Wednesday.\n",
                 [("aid_pledge", "2024-03-13", "text")],
                 id="a_deadline_is_not_the_day_of_the_pledge"),
    pytest.param("The General Staff said on Monday that Russia had lost 1,250 soldiers over the past day.\n"
                 "EU leaders agreed on Thursday to back a $50 billion loan.\n",
                 [("casualty_report", "2024-03-11", "text"), ("policy_decision", "2024-03-14", "text")],
                 id="reported_losses_agreements_and_damage"),
    pytest.param("Officials met.\nFighters shelled a camp near El Fasher on Thursday, killing at least 40 people, "
                 "in the deadliest attack since the siege began in May 2023.\n",
                 [("casualty_report", "2024-03-14", "text"), ("strike", "2024-03-14", "text")],
                 id="a_date_after_since_starts_a_period_and_dates_no_event"),
    pytest.param("Officials met.\nThe military said its jets struck targets in Rafah late on Saturday, "
                 "and that it had intercepted two rockets fired from the north.\n",
                 [("air_defense_intercept", "2024-03-09", "text"), ("strike", "2024-03-09", "text")],
                 id="a_clause_that_goes_on_from_an_event_shares_its_date"),
    pytest.param("Officials met.\nChina's military launched large-scale joint exercises around Taiwan on Tuesday.\n",
                 [("deployment", "2024-03-12", "text")],
                 id="exercises_are_a_deployment_not_a_strike"),
    pytest.param("Officials met.\nThe agency said on Thursday it needed $265 million to keep operations running until June.\n",
                 [("statement", "2024-03-14", "text")],
                 id="a_date_still_to_come_after_until_is_a_deadline-1"),
    pytest.param("Officials met.\nThe agency said it needed $265 million to keep operations running until June.\n",
                 [],
                 id="a_date_still_to_come_after_until_is_a_deadline-2"),
    pytest.param("Russia attacked Ukraine overnight with 143 drones, the air force said on Friday.\n",
                 [("strike", "2024-03-15", "text")],
                 id="the_speakers_day_adds_no_event_when_it_is_the_event_day"),
    pytest.param("Britain will give Ukraine a further £1.5bn in military support, the minister announced on Thursday.\n",
                 [("aid_pledge", "2024-03-14", "text")],
                 id="giving_money_is_a_pledge"),
    pytest.param("Both sides agreed to step back for now, while the death toll on both sides of the border mounted to 66.\n"
                 "Recently the death toll in the valley rose to 12.\n",
                 [("casualty_report", "2024-03-15", "published")],
                 id="now_is_the_time_of_writing_recently_is_not"),
])
def test_rows(text, expected):
    rows, _ = extract(text)
    assert sorted(rows) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("The rebels launched a surprise offensive on Tuesday.\n", [("ground_advance", "2024-03-12", "text")]),
    ("The navy launched dozens of drones on Tuesday.\n", [("strike", "2024-03-12", "text")]),
    ("On Tuesday, parliament signed off on a new aid package for the army.\n", [("aid_pledge", "2024-03-12", "text")]),
    ("On Tuesday, parliament approved the budget by a vote of 300 to 120.\n", [("policy_decision", "2024-03-12", "text")]),
    ("Net income advanced to $94 million on Tuesday.\n", []),
    ("The general staff said on Tuesday its troops had retaken the town.\n", [("ground_advance", "2024-03-12", "text")]),
    ("The army did not strike the bridge on Tuesday.\n", []),
    ("Details will follow if EU ministers endorse the plan on Monday.\n", []),
    ("EU ministers endorsed the plan on Monday.\n", [("policy_decision", "2024-03-11", "text")]),
    ("The army will strike the bridge on Tuesday.\n", []),
    ("The army struck the bridge on Tuesday.\n", [("strike", "2024-03-12", "text")]),
    ("Officials said on Tuesday that the brigade plans to attack the port.\n", [("statement", "2024-03-12", "text")]),
    ("Artillery shelled the market on Tuesday.\nThe attacks killed four people.\n",
     [("strike", "2024-03-12", "text"), ("casualty_report", "2024-03-12", "inherited")]),
    ("Journalists could not verify the claims of captured villages on Tuesday.\n", []),
    ("Fighting broke out on Tuesday along the border.\n", [("ground_advance", "2024-03-12", "text")]),
    ("On Monday, a week after rebels captured the town, the army struck the bridge.\n", [("strike", "2024-03-11", "text")]),
    ("The ministry said on Thursday that rebels had shelled the port on Tuesday.\n", [("strike", "2024-03-12", "text")]),
    ("Rebels captured the town on Monday, days after the army struck the bridge on Saturday.\n",
     [("ground_advance", "2024-03-11", "text"), ("strike", "2024-03-09", "text")]),
    ("The minister said on Thursday that the shells would arrive next month.\n", [("statement", "2024-03-14", "text")]),
    ("Drones struck the depot on Tuesday.\nA spokesman said the strike targeted fuel tanks.\n",
     [("strike", "2024-03-12", "text")]),
    ("Shelling hit the market on Tuesday.\nMedics helped in the evacuation of the injured.\n",
     [("strike", "2024-03-12", "text")]),
], ids=["light_verb_offensive", "light_verb_drones", "signing_off_an_aid_package_is_a_pledge",
        "a_vote_approving_a_budget_is_a_decision", "net_income_is_no_front_line", "reported_speech",
        "negated", "a_condition_is_no_event", "a_decision_taken", "planned", "done", "planned_in_reported_speech", "anaphor_inherits", "participle_describes",
        "war_broke_out", "date_of_its_own_clause", "date_of_the_reported_clause_first", "two_clauses_two_dates",
        "a_date_to_come_is_not_a_statement_day", "the_strike_retold", "the_injured_is_no_verb"])
def test_rows_read_from_the_clause(text, expected):
    rows, _ = extract(text)
    assert sorted(rows) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("A powerful earthquake struck the northern province on Tuesday.\n", [("disaster", "2024-03-12", "text")]),
    ("The mountain village was hit by a landslide on Tuesday.\n", [("disaster", "2024-03-12", "text")]),
    ("The death toll from the cyclone that hit the coast on Sunday rose to 40 on Tuesday.\n",
     [("disaster", "2024-03-10", "text"), ("casualty_report", "2024-03-12", "text")]),
    ("Heavy floods that hit the delta on Sunday destroyed 300 homes.\n", [("disaster", "2024-03-10", "text")]),
    ("Rebels hit the airport on Sunday.\n", [("strike", "2024-03-10", "text")]),
    ("Protesters entered the parliament building on Tuesday.\n", [("other", "2024-03-12", "text")]),
    ("Government troops entered the town on Tuesday.\n", [("ground_advance", "2024-03-12", "text")]),
    ("The Red Cross launched an emergency appeal on Tuesday for $5 million.\n", [("statement", "2024-03-12", "text")]),
    ("The agency issued a flash appeal on Tuesday to help families left homeless.\n", [("statement", "2024-03-12", "text")]),
    ("Japan on Tuesday announced $3 million in aid to the flood victims.\n", [("aid_pledge", "2024-03-12", "text")]),
    ("Japan on Tuesday announced a ban on fishing.\n", [("statement", "2024-03-12", "text")]),
    ("The health ministry on Tuesday put the death toll at 112.\n", [("casualty_report", "2024-03-12", "text")]),
    ("The death toll has been raised to 57, officials said on Tuesday.\n", [("casualty_report", "2024-03-12", "text")]),
    ("On Thursday the governor called for tents and blankets.\nThe Red Cross also launched an appeal for $4 million.\n",
     [("statement", "2024-03-14", "text"), ("statement", "2024-03-15", "published")]),
    ("The governor said the shelters were full.\n", []),
], ids=["a_hazard_that_struck_is_a_disaster", "the_agent_of_a_passive", "a_hazard_told_in_a_relative_clause_and_its_toll",
        "a_hazard_that_hit", "rebels_that_hit_strike", "a_crowd_takes_no_ground", "troops_take_ground",
        "launching_an_appeal_is_a_statement", "issuing_an_appeal_is_a_statement", "announcing_money_in_aid_is_a_pledge",
        "announcing_a_ban_is_a_statement", "the_death_toll_is_news", "a_raised_death_toll_is_news",
        "an_appeal_is_news_of_the_day_it_is_reported", "a_statement_needs_its_own_date"])
def test_the_doer_and_the_object_type_the_event(text, expected):
    rows, _ = extract("Officials met.\n" + text)
    assert sorted(rows) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("Officials met.\nUpdate, March 12, 2024, 4:10 p.m.: The death toll from the earthquake that struck the province "
     "on Monday has risen to 85.\nA state of emergency was declared in three districts.\n"
     "Update, March 13, 2024, 9 a.m.: The death toll has been raised to 112, officials said.\n",
     [("disaster", "2024-03-11", "text"), ("casualty_report", "2024-03-12", "text"),
      ("policy_decision", "2024-03-12", "inherited"), ("casualty_report", "2024-03-13", "text")]),
    ("Officials met.\n0930 GMT — Rebels captured the bridge at Tessalit.\n", [("ground_advance", "2024-03-15", "text")]),
    ("Officials met.\nUpdated March 13, 6 p.m.The militia shelled the port.\nA fire broke out at the depot.\n"
     "Updated March 14, 8 a.m.: Rebels captured the bridge.\n",
     [("strike", "2024-03-13", "text"), ("other", "2024-03-13", "inherited"), ("ground_advance", "2024-03-14", "text")]),
    ("Officials met.\nLast month's floods destroyed the harbour.\nOn Monday, a storm hit the coast.\n",
     [("disaster", "2024-02", "text"), ("disaster", "2024-03-11", "text")]),
    ("Officials met.\nThe death toll in this week's floods has risen to 40, the ministry said on Thursday.\n",
     [("casualty_report", "2024-03-14", "text")]),
    ("Officials met.\nArtillery shelled the border villages on Monday and Thursday.\n",
     [("strike", "2024-03-11", "text"), ("strike", "2024-03-14", "text")]),
    ("Officials met.\nThe ministers said on Monday and Thursday that talks would go on.\n", [("statement", "2024-03-11", "text")]),
    ("Officials met.\nUpdate, March 12, 2024, 4:10 p.m.: Rebels shelled the port.\nAt about 9:30 p.m. local time, a storm "
     "hit the coast.\nUpdate, March 13, 2024, 9 a.m.: The death toll has been raised to 12.\n",
     [("strike", "2024-03-12", "text"), ("disaster", "2024-03-12", "text"), ("casualty_report", "2024-03-13", "text")]),
], ids=["a_live_blog_entry_is_of_its_stamp", "a_clock_stamp_is_no_year", "a_stamp_run_into_its_entry",
        "a_day_opening_a_sentence_is_no_stamp", "a_day_beats_a_week",
        "a_happening_on_each_of_two_days", "a_statement_is_one_event",
        "a_bare_clock_in_an_entry_is_of_its_day"])
def test_stamped_entries_and_days(text, expected):
    rows, _ = extract(text)
    assert sorted(rows) == sorted(expected)


@pytest.mark.parametrize("post", [
    "Pictures of the depot in Erbil targeted by drones. pic.twitter.com/63M1cdqB6Q — The Outpost (@outpostosint) March 14, 2024",
    "Drones struck the depot in Erbil tonight — Kurdistan 24 (@K24English) March 14, 2024",
])
def test_an_embedded_post_is_quoted_not_told(post):
    rows, _ = extract(f"Officials met.\nA drone struck an oil field in Erbil province on Thursday, officials said.\n{post}\n")
    assert rows == [("strike", "2024-03-14", "text")]


def test_an_entrys_stamp_is_not_part_of_its_events_sentence():
    text = ("Officials met.\nUpdate, March 12, 2024, 4:10 p.m.: Rebels shelled the port.\n"
            "0930 GMT — Rebels captured the bridge at Tessalit.\n")
    doc = Document(source="t", path=Path("t.txt"), text=text, title="Untitled", published="2024-03-15",
                   published_basis="front_matter")
    sentences = ingest.distinct(ingest.sentences(doc))
    found, _ = merge.extract_events((doc,), sentences, dates.tag_document(doc), parse_sentences(sentences))
    assert sorted((e.sentence, e.summary, text[e.start:e.end].endswith(e.sentence)) for e in found) == [
        ("Rebels captured the bridge at Tessalit.", "Rebels captured the bridge at Tessalit.", True),
        ("Rebels shelled the port.", "Rebels shelled the port.", True)]


@pytest.mark.parametrize("text, expected", [
    ("Turkey sent two planes carrying 40 tonnes of supplies to Karachi on Tuesday.\n", [("aid_pledge", "2024-03-12", "text")]),
    ("A Qatari flight took off with aid for the flood victims.\n", [("aid_pledge", "2024-03-15", "published")]),
    ("The government sent rescuers and a field hospital to the valley.\n", [("aid_pledge", "2024-03-15", "published")]),
    ("The minister arrived in Kyiv on Tuesday bearing a much-needed gift: more military aid.\n",
     [("aid_pledge", "2024-03-12", "text")]),
    ("Russia sent troops to the border on Tuesday.\n", [("deployment", "2024-03-12", "text")]),
    ("He sent a letter to the council on Tuesday.\n", []),
    ("The plane landed in Beirut on Monday.\n", []),
    ("The senator attacked his rival in a televised debate on Tuesday.\n", [("statement", "2024-03-12", "text")]),
    ("Gunmen attacked the border post at dawn on Tuesday.\n", [("strike", "2024-03-12", "text")]),
], ids=["planes_carrying_supplies", "a_flight_with_aid", "rescuers_and_a_field_hospital", "arriving_bearing_aid",
        "troops_sent_are_a_deployment", "a_letter_sent_is_no_event", "a_plane_landing_is_no_event",
        "an_attack_in_a_debate_is_words", "an_attack_at_dawn_is_a_strike"])
def test_what_is_sent_and_where_types_the_clause(text, expected):
    rows, _ = extract("Officials met.\n" + text)
    assert sorted(rows) == sorted(expected)


@pytest.mark.parametrize("sentence", [
    "Ukraine could strike deeper into Russia, experts say.",       # modal: not a happening
    "Moscow has long asserted that strikes would be an escalation.",  # no completed event
    "The minister said the allies must do more.",                   # statements need their own date
    "Germany recently pledged €10 billion to Ukraine.",              # vague time
    "The US has provided $40 billion in aid since the invasion.",    # background
    "Shelling the old town runs a high risk of killing civilians.",  # a risk of a happening
    "The mission is to stop the militia from killing civilians.",      # a happening prevented
])
def test_not_events(sentence):
    rows, _ = extract("Officials met.\n" + sentence + "\n")
    assert rows == []


def test_relative_dates_in_a_month_dated_article_are_not_guessed():
    rows, undated = extract("Artillery shelled the village on Tuesday.\n", published="2025-07")
    assert rows == []  # no day to resolve "Tuesday" against: no row, no guessed day ...
    assert [(e.type, e.date) for e in undated] == [("strike", None)]  # ... but listed for the caveats


def test_the_dateline_date_dates_no_event():
    doc_text = "KYIV, Wednesday, 12 March 2025 (Reuters) - Russia launched 117 drones overnight, the air force said.\n"
    rows, _ = extract(doc_text, published="2025-03-12")
    assert rows == [("strike", "2025-03-12", "text")]
    from briefing.read.ingest import dateline_end, headline
    assert doc_text[dateline_end(doc_text):].startswith("Russia launched")
    assert headline(doc_text).startswith("Russia launched 117 drones overnight")


def test_a_markdown_headline_is_no_event(tmp_path):
    from briefing.pipeline import read
    path = tmp_path / "h.md"
    path.write_text("---\npublished: 2024-03-15\n---\n# Drones hit Odesa port\n\nAnalysts met.\n", encoding="utf-8")
    documents, _ = read((path,))
    doc = documents[0]
    sentences = ingest.sentences(doc)
    found, undated = merge.extract_events((doc,), sentences, dates.tag_document(doc))
    assert found == () and undated == ()


def test_a_side_attack_reported_undated_joins_the_dated_attack_and_names_its_place():
    document = Document(source="t", path=Path("t.txt"), text=(
        "Russia launched 87 drones against Ukraine overnight on March 15.\n"
        "A drone attack on Odesa damaged port infrastructure, the governor said.\n"), title="", published="2024-03-15")
    found, _ = merge.extract_events((document,), ingest.sentences(document), dates.tag_document(document))
    assert [(e.type, e.date.date, e.location, e.actors) for e in found] == [("strike", "2024-03-15", ("Odesa",), ("Russia",))]


def test_announcing_money_is_an_act_not_an_attribution():
    assert events.attribution("The EU pledged €125 million on Tuesday, while Britain announced a further £120 million.") is None
    assert events.attribution("The Pentagon announced on Monday that it would send more troops.") == "Pentagon"


NEWS_WORDS = ["KYIV,", "Ukraine", "—", "-", "(Reuters)", "Russia", "launched", "35", "drones", "killing", "at", "least",
              "12", "people", "on", "Tuesday", "since", "May", "2024", "said", "the", "attack", "$5", "million", "aid",
              "pledged", "until", "June", "and", "that", "it", "had", "intercepted", ",", ".", "\n", "Rafah", "exercises"]


DATELINES = ["", "KYIV, Ukraine — ", "GAZA CITY, March 9 (Reuters) - ", "LONDON (AP) — ", "NATO - "]


@given(st.sampled_from(DATELINES), st.lists(st.sampled_from(NEWS_WORDS), max_size=40),
       st.sampled_from(["2024-03-15", "2024-03", None]))
@settings(max_examples=150, deadline=None)
def test_any_news_word_salad_gives_events_and_figures_inside_the_text(dateline, words, published):
    import tempfile

    from briefing.corpus.attach import extract_figures
    text = dateline + " ".join(words) + " end."
    with tempfile.TemporaryDirectory() as folder:  # through the reader, as the build reads articles
        path = Path(folder) / "t.txt"
        path.write_text(text, encoding="utf-8")
        if published:
            (Path(folder) / "sources.yaml").write_text(f"t.txt:\n  published: '{published}'\n", encoding="utf-8")
        doc = ingest.read_document(path)
    text = doc.text
    sentences = ingest.sentences(doc)
    mentions = dates.tag_document(doc)
    parses = parse_sentences(sentences)
    found, undated = merge.extract_events((doc,), sentences, mentions, parses)
    for e in found + undated:
        assert 0 <= e.start < e.end <= len(text) and e.sentence == text[e.start:e.end]
    for f in extract_figures(sentences, found, mentions, parses):
        assert text[f.start:f.end] == f.phrase


def test_withdrawals_counterattacks_and_a_claim_told_with_its_date():
    rows, _ = extract("Officials met.\nEarlier this week, Ukrainian troops pulled back from two villages near Pokrovsk.\n"
                      "Ukrainian forces conducted a counterattack near Toretsk on March 11, regaining positions.\n")
    assert sorted(rows) == [("ground_advance", "2024-03-11", "text"), ("ground_advance", "2024-03-11/2024-03-17", "text")]
    rows, _ = extract("Officials met.\nThe Russian Ministry of Defense claimed on March 12 that its forces seized Novoselivka.\n")
    assert rows == [("ground_advance", "2024-03-12", "text")]  # the claim's content, credited to the ministry
    assert events.attribution("The Russian Ministry of Defense claimed on March 12 that ...") == "Russian Defence Ministry"




@pytest.mark.parametrize("text, expected", [
    ("A hail of Russian rockets struck Kharkiv on Monday, officials said.\n", [("strike", "2024-03-11", "text")]),
    ("A wave of drones hit Odesa on Monday, the governor said.\n", [("strike", "2024-03-11", "text")]),
    ("An earthquake of magnitude 6.2 struck central Italy on Monday.\n", [("disaster", "2024-03-11", "text")]),
    ("A state of emergency was declared in three districts on Monday.\n", [("policy_decision", "2024-03-11", "text")]),
    ("The driver was declared dead at the scene on Monday.\n", []),
], ids=["a_hail_of_rockets_is_no_hazard", "a_wave_of_drones", "an_earthquake_of_a_magnitude",
        "an_emergency_declared", "declared_dead_is_no_decision"])
def test_what_acts_and_what_is_declared(text, expected):
    rows, _ = extract("Officials met.\n" + text)
    assert sorted(rows) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("Russian forces captured two Ukrainian soldiers near Bakhmut on Tuesday.\n", [("other", "2024-03-12", "text")]),
    ("Out of the more than 250 hostages Hamas seized on Tuesday, 101 remain captive in Gaza.\n", [("other", "2024-03-12", "text")]),
    ("Russian troops seized the capital of the region on Tuesday.\n", [("ground_advance", "2024-03-12", "text")]),
    ("The army captured the airport on Tuesday.\n", [("ground_advance", "2024-03-12", "text")]),
    ("Three fighters, captured by the army on Tuesday, said they had been forced to fight.\n", [("other", "2024-03-12", "text")]),
    ("The airport, captured by the army on Tuesday, was quiet.\n", [("ground_advance", "2024-03-12", "text")]),
], ids=["soldiers_captured", "hostages_seized", "a_capital_seized", "an_airport_captured", "fighters_captured_participle",
        "an_airport_captured_participle"])
def test_people_taken_are_no_ground_taken(text, expected):
    rows, _ = extract("Officials met.\n" + text)
    assert rows == expected


@pytest.mark.parametrize("text, claimant", [
    ("Officials met.\nHe said government forces had shelled the port on Tuesday.\n", None),
    ("Officials met.\nThe militia, which said its fighters had captured the bridge on Tuesday, denied it.\n", None),
    ("Officials met.\nHis brother told CNN that soldiers had shelled the port on Tuesday.\n", None),
    ("Officials met.\nUS President Donald Trump said on Saturday that troops had shelled the port.\n", "Donald Trump"),
], ids=["a_pronoun", "a_relative_pronoun", "a_possessive", "us_is_no_pronoun"])
def test_a_claim_rests_on_someone_named(text, claimant):
    doc = Document(source="t", path=Path("t.txt"), text=text, title="Untitled", published="2024-03-15",
                   published_basis="front_matter")
    sentences = ingest.distinct(ingest.sentences(doc))
    found, _ = merge.extract_events((doc,), sentences, dates.tag_document(doc), parse_sentences(sentences))
    assert found and {e.attributed_to for e in found} == {claimant}
