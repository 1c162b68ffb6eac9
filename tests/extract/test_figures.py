import pytest

from briefing.corpus.attach import extract_figures
from briefing.extract.figures import needs_parse, sentence_figures
from briefing.models import Event, EventDate, Sentence


def figures(text: str):
    found = sentence_figures(Sentence(source="t", start=0, end=len(text), text=text, paragraph=1))
    return [(f.value, f.value_max, f.unit, f.category, f.qualifier, text[f.start:f.end]) for f in found]


@pytest.mark.parametrize("text, expected", [
    ("The US has pledged $55.5 billion in aid.", (55_500_000_000, None, "USD", "aid", None, "$55.5 billion")),
    ("Germany pledged €10bn of support.", (10_000_000_000, None, "EUR", "aid", None, "€10bn")),
    ("A grant of USD34.6 million was signed.", (34_600_000, None, "USD", "aid", None, "USD34.6 million")),
    ("The loan is worth 2 billion euros in support.", (2_000_000_000, None, "EUR", "aid", None, "2 billion euros")),
    ("Ukraine launched six ballistic missiles.", (6, None, "missiles", "strike", None, "six ballistic missiles")),
    ("It was part of a wave of 35 drones.", (35, None, "drones", "strike", None, "35 drones")),
    ("There are around 11,000 North Korean soldiers in Kursk.",
     (11_000, None, "troops", "troops", "approximately", "around 11,000 North Korean soldiers")),
    ("42 towns were captured by Russia.", (42, None, "towns", "territory", None, "42 towns")),
    ("Over 2,000 attacks took place.", (2_000, None, "attacks", "strike", "more_than", "Over 2,000 attacks")),
    ("A fire broke out, killing at least two.", (2, None, "people_killed", "casualties", "at_least", "killing at least two")),
    ("Russia fired 10 to 12 missiles overnight.", (10, 12, "missiles", "strike", None, "10 to 12 missiles")),
    ("Up to 300 kilometers is its range.", (300, None, "km", "other", "up_to", "Up to 300 kilometers")),
    ("Rebuilding will cost $40–50 billion, the minister said.",
     (40_000_000_000, 50_000_000_000, "USD", "other", None, "$40–50 billion")),  # a range, one scale for both ends
    ("Losses of $2-$3 million were reported.", (2_000_000, 3_000_000, "USD", "other", None, "$2-$3 million")),
    ("It will cost 40 to 50 million euros.", (40_000_000, 50_000_000, "EUR", "other", None, "40 to 50 million euros")),
    ("Copper traded at $5,880 a tonne on Monday.", (5_880, None, "USD", "price", None, "$5,880")),  # a price
    ("Brent rose to $105 per barrel.", (105, None, "USD", "price", None, "$105")),
    ("The euro fell to $1.35 against the dollar.", (1.35, None, "USD", "price", None, "$1.35")),  # an exchange rate
    ("Rebuilding will cost $40 billion to $50 billion.",
     (40_000_000_000, 50_000_000_000, "USD", "other", None, "$40 billion to $50 billion")),
])
def test_figures(text, expected):
    assert figures(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Berlin sagte €3,5 Mrd. zu, for aid.", (3_500_000_000, None, "EUR", "aid", None, "€3,5 Mrd")),
    ("The loan of €1,25 billion was signed.", (1_250_000_000, None, "EUR", "aid", None, "€1,25 billion")),
    ("Gunmen killed 10-15 villagers at the market.", (10, 15, "people_killed", "casualties", None, "killed 10-15")),
    ("Some two dozen people were wounded in the blast.",
     (24, None, "people_injured", "casualties", "approximately", "Some two dozen people were wounded")),
    ("Jets struck more than a dozen targets overnight.",
     (12, None, "targets", "strike", "more_than", "more than a dozen targets")),
    ("The camp lies 40 kms from the border.", (40, None, "km", "other", None, "40 kms")),
    ("The ministry on Monday put the death toll at 1,294.",
     (1294, None, "people_killed", "casualties", None, "1,294")),
    ("The death count in the floods that hit the valley has been raised to 87.",
     (87, None, "people_killed", "casualties", None, "87")),
    ("Russia fired five dozen drones at Kyiv.", (60, None, "drones", "strike", None, "five dozen drones")),
    ("Two hundred soldiers crossed the river.", (200, None, "troops", "troops", None, "Two hundred soldiers")),
], ids=["a_decimal_comma_and_mrd", "a_decimal_comma_before_billion", "a_range_of_killed", "two_dozen", "a_dozen_targets",
        "kms", "a_death_toll_at", "a_death_count_raised_to", "five_dozen", "two_hundred"])
def test_decimal_commas_dozens_ranges_and_tolls(text, expected):
    assert figures(text) == [expected]


def test_a_toll_of_a_date_or_a_year_is_no_figure():
    assert figures("The death toll of 2023 is not known.") == []


def test_conversion_in_brackets_is_kept_once():
    assert figures("He pointed to €10 billion (£8.6 billion) pledged by Germany.") == [
        (10_000_000_000, None, "EUR", "aid", None, "€10 billion")]


def test_second_number_counts_the_same_thing():
    found = figures("Air defences intercepted five of the missiles, with one suffering damage.")
    assert [(v, u) for v, _, u, *_ in found] == [(5, "missiles"), (1, "missiles")]


@pytest.mark.parametrize("text", [
    "The plant also produces Kh-59 cruise missiles.",      # model names
    "A Tu-22M3 bomber took off.",
    "It was the 1,000th day of the war.",                   # ordinals
    "This is the second time drones hit the factory.",
    "In 2023 drones hit the port.",                         # years
    "The attack came at 3:25 a.m. local time.",             # clock times
    "Several hundred people were hurt in the crush.",       # a round number after a vague word
])
def test_not_figures(text):
    assert figures(text) == []


# The seed figure table, row by row: (source, value, unit, category, qualifier, phrase, date).
SEED_FIGURES = [
    ("000", 200, "miles", "other", "more_than", "more than 200 miles", "2023-11-25/2023-11-26"),
    ("000", 2, "drones", "strike", None, "two drones", "2023-11-25/2023-11-26"),  # as told with the interception
    ("000", 35, "drones", "strike", None, "35 drones", "2023-11-25/2023-11-26"),
    ("000", 70, "drones", "strike", None, "70 Russian Shahed drones", "2023-11-25"),
    ("000", 40_000_000_000, "USD", "aid", "more_than", "over $40 billion", None),
    ("000", 10_000_000_000, "EUR", "aid", None, "€10 billion", None),
    ("001", 2, "officials", "other", None, "two US officials", None),  # counted from the parse, no unit names it
    ("001", 6, "missiles", "strike", None, "six ballistic missiles", "2024-11-19"),
    ("001", 5, "missiles", "strike", None, "five of the missiles", "2024-11-19"),
    ("001", 1, "missiles", "strike", None, "one suffering", "2024-11-19"),
    ("002", 300, "km", "other", "up_to", "up to 300 kilometers", None),
    ("002", 11_000, "troops", "troops", "approximately", "around 11,000 North Korean soldiers", None),
    ("002", 2_000, "attacks", "strike", "more_than", "over 2,000 attacks", "2024-10"),
    ("002", 55_500_000_000, "USD", "aid", "approximately", "approximately $55.5 billion", None),
    ("004", 42, "towns", "territory", None, "42 towns", "2022-04-21"),
    ("004", 2, "fires", "other", None, "two major fires", None),  # "two major facilities" later retells it
    ("004", 2, "people_killed", "casualties", "at_least", "killing at least two", "2022-04-21"),
]


def test_seed_figure_table(seed_build):
    briefing, _ = seed_build
    rows = [(f.source[:3], f.value, f.unit, f.category, f.qualifier, f.phrase, f.date) for f in briefing.figures]
    assert rows == SEED_FIGURES


@pytest.mark.parametrize("text, expected", [
    ("It allocated DKK 1.3 billion for training.", (1_300_000_000, None, "DKK", "aid", None, "DKK 1.3 billion")),
    ("The strike killed two people in Kharkiv.", (2, None, "people_killed", "casualties", None, "killed two people")),
    ("At least 14 people were injured.", (14, None, "people_injured", "casualties", "at_least", "At least 14 people were injured")),
    ("Britain will deploy 200 military trainers.", (200, None, "troops", "troops", None, "200 military trainers")),
    ("Denmark will give 1.3 billion Danish crowns ($190 million) in aid.",
     (1_300_000_000, None, "DKK", "aid", None, "1.3 billion Danish crowns")),                      # conversion kept once
    ("The UN says more than 12 million people have been displaced.",
     (12_000_000, None, "displaced", "other", "more_than", "more than 12 million people")),        # a scale, not 12
    ("Some 1.5 million refugees crossed the border.",
     (1_500_000, None, "refugees", "other", "approximately", "Some 1.5 million refugees")),
    ("The ministry detected 13 navy ships near the island.", (13, None, "ships", "other", None, "13 navy ships")),
    ("About 200 trucks carrying food entered Gaza.", (200, None, "trucks", "other", "approximately", "About 200 trucks")),
])
def test_more_currencies_casualties_and_troops(text, expected):
    assert figures(text) == [expected]


def test_what_a_figure_counts_is_not_cut_at_a_thousands_comma():
    text = "The package includes 100,000 artillery shells and up to 5,000 air-defence missiles."
    sentence = Sentence(source="t", start=0, end=len(text), text=text, paragraph=1)
    found = sentence_figures(sentence)
    assert [(f.value, f.unit) for f in found] == [(100_000, "shells"), (5_000, "missiles")]
    from briefing.extract.figures.patterns import _what
    assert _what(sentence, found[1].start, found[1].end) == "The package includes 100,000 artillery shells and up to 5,000 air-defence missiles."


def test_numbers_of_dates_and_adjectives_are_not_counts():
    text = "Ukrainian forces withdrew from Vuhledar on October 1 to preserve personnel. Two civilian vessels were hit."
    sentence = Sentence(source="t", start=0, end=len(text), text=text, paragraph=1)
    october_1 = (text.index("October 1"), text.index("October 1") + len("October 1"))
    # "civilian" is an adjective here: the two are ships, not civilians
    assert [(f.value, f.unit) for f in sentence_figures(sentence, (october_1,))] == [(2, "ships")]


def test_a_figure_told_twice_is_kept_from_the_sentence_of_its_event():
    headline = Sentence(source="t", start=0, end=40, text="Russia attacks Ukraine with 87 drones", paragraph=0)
    lead = Sentence(source="t", start=41, end=100, text="Russia launched 87 Shahed-type attack drones on Oct. 14.", paragraph=1)
    event = Event(event_id="E001", type="strike", date=EventDate(date="2024-10-14", precision="day", text="Oct. 14", basis="text"),
                  summary="", location=(), actors=(), weapons=(), attributed_to=None, sources=("t",), source="t",
                  start=41, end=100, sentence=lead.text, trigger="launched", trigger_start=48)
    (figure,) = extract_figures((headline, lead), (event,))
    assert (figure.phrase, figure.date) == ("87 Shahed-type attack drones", "2024-10-14")


def parsed_figures(*texts: str):
    """Figures of sentences in one paragraph, read with their parse, in the order told."""
    from briefing.extract.parse import parse_sentences
    sentences, pos = [], 0
    for text in texts:
        sentences.append(Sentence(source="t", start=pos, end=pos + len(text), text=text, paragraph=1))
        pos += len(text) + 1
    found = extract_figures(tuple(sentences), (), (), parse_sentences(tuple(sentences)))
    return [(q.value, q.value_max, q.unit, q.qualifier, q.phrase) for q in found]


@pytest.mark.parametrize("text, expected", [
    ("The brigade lost 40 armoured personnel carriers near the river.",
     [(40, None, "carriers", None, "40 armoured personnel carriers")]),
    ("Pilots flew two Su-34 bombers over the bay.", [(2, None, "bombers", None, "two Su-34 bombers")]),
    ("Rebels shelled at least three airfields.", [(3, None, "airfields", "at_least", "at least three airfields")]),
    ("The militia now holds three of 14 provincial capitals.",
     [(3, None, "capitals", None, "three of 14 provincial capitals"), (14, None, "capitals", None, "14 provincial capitals")]),
    ("The fire gutted five storeys of the building.", [(5, None, "storeys", None, "five storeys")]),
    ("The death toll climbed to 31 by the evening.", [(31, None, "people_killed", None, "31")]),
])
def test_counts_of_nouns_no_list_names(text, expected):
    assert parsed_figures(text) == expected


@pytest.mark.parametrize("text", [
    "The war has lasted two years and the siege 25 hours.",  # lengths of time
    "A seven-year-old boy was hurt.",  # an age
    "Two Western diplomats said the talks had stalled.",  # who says it
    "Several hundred people stayed behind.",  # a vague round number
])
def test_numbers_that_are_not_counts(text):
    assert [f for f in parsed_figures(text) if f[2] not in ("people_injured", "people_killed")] == []


def test_an_elided_noun_takes_the_noun_of_the_count_it_continues():
    found = parsed_figures("Twelve drones were shot down over the coast.", "Seven were destroyed over the port.")
    assert [(v, u, p) for v, _, u, _, p in found] == [(12, "drones", "Twelve drones"),
                                                      (7, "drones", "Seven were destroyed over the port")]


def test_an_elided_noun_does_not_reach_into_another_paragraph():
    from briefing.extract.parse import parse_sentences
    texts = ("Twelve drones were shot down.", "Seven were destroyed over the port.")
    sentences = (Sentence(source="t", start=0, end=29, text=texts[0], paragraph=1),
                 Sentence(source="t", start=30, end=65, text=texts[1], paragraph=2))
    found = extract_figures(sentences, (), (), parse_sentences(sentences))
    assert [q.value for q in found] == [12]


@pytest.mark.parametrize("text, dates, times, needed", [
    ("The talks began on March 17, 2011.", ((18, 33),), ((18, 33),), False),  # every number is in a date
    ("The siege has lasted two weeks.", (), ((21, 30),), False),  # ... or in a duration
    ("The fund holds $24 billion.", (), (), False),  # money is found without a parse
    ("The talks began on March 17, 2011.", (), (), True),  # untagged, the numbers may count something
    ("Rebels seized 40 armoured personnel carriers.", (), (), True),  # a listed noun: is it a compound?
    ("They spoke in 2011 million times.", (), ((14, 18),), True),  # a scale word outside: "2011 million"
])
def test_a_sentence_needs_its_parse_only_when_a_number_stands_outside_what_the_patterns_read(text, dates, times, needed):
    s = Sentence(source="s", start=0, end=len(text), text=text, paragraph=1)
    assert needs_parse(s, dates, times) is needed


def test_a_change_then_a_level_is_no_range():
    assert figures("The May contract gained $2.11 to $103.18 a barrel.") == [
        (2.11, None, "USD", "other", None, "$2.11"), (103.18, None, "USD", "price", None, "$103.18")]


def test_a_price_is_listed_but_never_summed_into_the_money_chart():
    from briefing.corpus.aggregates import charted
    from briefing.models import Quantity

    def quantity(n: int, value: float, category: str) -> Quantity:
        return Quantity(figure_id=f"F{n:03d}", source="a", start=0, end=1, value=value, value_max=None, unit="USD",
                        category=category, qualifier=None, phrase="$", what="")

    figures_ = (quantity(1, 1.1e9, "aid"), quantity(2, 5_880, "price"), quantity(3, 40e9, "other"))
    assert [f.figure_id for f in charted(figures_)] == ["F001", "F003"]
