"""The built briefing, read back as a reader would get it."""
import dataclasses
import re
import shutil
import subprocess
from datetime import date

import pypdf
import pytest

from briefing.models import Config
from briefing.pipeline import build

SECTIONS = ["Key developments", "Summary", "Timeline", "Events", "Aid and strike figures", "Sources", "Method and caveats"]


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_pdf_has_every_section_and_key_facts(seed_build):
    _, out = seed_build
    text = pdf_text(out / "briefing.pdf")
    for section in SECTIONS:
        assert section in text
    for fact in ["Smolensk Aviation Factory", "Bryansk", "$55.5 billion", "six ballistic missiles",
                 "42 towns", "Period covered: 21 Apr 2022 – 1 Jul 2025", "from 5 sources"]:
        assert fact in " ".join(text.split()), fact
    assert not re.search(r"saved\s+page|feed\s+item", text)  # the method speaks of the files read: text files only


def test_pdf_outline_metadata_and_page_numbers(seed_build):
    _, out = seed_build
    reader = pypdf.PdfReader(out / "briefing.pdf")
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)
    walk(reader.outline)
    assert set(SECTIONS) <= set(titles)
    assert sum(t.startswith(("S1 ", "S2 ", "S3 ", "S4 ", "S5 ")) for t in titles) == 5
    assert reader.metadata.title == "Situation briefing"
    pages = len(reader.pages)
    assert f"page 1 of {pages}" in reader.pages[0].extract_text()
    assert f"page {pages} of {pages}" in reader.pages[-1].extract_text()


def test_key_developments_are_five_to_eight_dated_bullets(seed_build):
    _, out = seed_build
    first = pypdf.PdfReader(out / "briefing.pdf").pages[0].extract_text()
    block = " ".join(first.split("Key developments", 1)[1].split("Summary", 1)[0].split())
    bullets = re.findall(r"(\d{1,2}[–\d]* \w{3} \d{4}.*?\[S\d[^\]]*E\d{3}\])", block)
    assert 5 <= len(bullets) <= 8
    assert len({b.split("·")[1].split(":")[0] for b in bullets}) == len(bullets)  # one of each kind


def test_outputs_written_together(seed_build):
    briefing, out = seed_build
    for name in ["briefing.pdf", "events.csv", "events.json", "figures.csv", "sources.csv",
                 "timeline.svg", "timeline.html", "figures.svg", "figures.html", "map.svg", "map.html"]:
        assert (out / name).stat().st_size > 0, name
    assert (out / "briefing.pdf").stat().st_size < 1_000_000  # small enough to email
    header = (out / "events.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith("event_id,date,precision,date_text,date_basis,type,summary,location,actors,weapons")
    assert "Smolensk" in (out / "timeline.svg").read_text("utf-8")


def test_map_is_drawn_offline_with_the_places_of_events(seed_build):
    _, out = seed_build
    svg = (out / "map.svg").read_text("utf-8")
    for place in ("Bryansk", "Smolensk Aviation Factory", "Izhevsk Electromechanical Plant Kupol", "Kursk region"):
        assert place in svg
    # country outlines drawn from the shipped topojson: a long path in the countries layer
    countries = svg.split('class="layer countries"', 1)[1].split("</g>", 1)[0]
    assert max(len(d) for d in re.findall(r' d="([^"]*)"', countries)) > 2000
    assert "window.PlotlyGeoAssets" in (out / "map.html").read_text("utf-8")


def test_same_input_and_date_give_the_same_pdf(tmp_path, seeds):
    paths = []
    for name in ("a", "b"):
        build(Config(inputs=(seeds,), out=tmp_path / name, as_of=date(2025, 1, 1)))  # charts included
        paths.append(tmp_path / name / "briefing.pdf")
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_markup_in_articles_prints_literally(tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text("---\npublished: 2024-05-10\ntitle: <b>Bold</b> & </para> <img src=\"/etc/passwd\"/>\n---\n"
                       "Russian forces shelled Kharkiv on Thursday, killing <b>three</b> people.\n", encoding="utf-8")
    build(Config(inputs=(article,), out=tmp_path / "out", as_of=date(2024, 5, 10), charts=False))
    text = pdf_text(tmp_path / "out" / "briefing.pdf")
    assert '<img src="/etc/passwd"/>' in text
    assert "<b>three</b>" in text


def test_cyrillic_names_print(tmp_path):
    article = tmp_path / "kyiv.txt"
    article.write_text("---\npublished: 2024-05-10\ntitle: Удар по Київу\nurl: https://example.org/kyiv?a=1&b=2\n---\n"
                       "Russia struck Kyiv (Київ) on Thursday.\n", encoding="utf-8")
    build(Config(inputs=(article,), out=tmp_path / "out", as_of=date(2024, 5, 10), charts=False))
    assert "Київ" in pdf_text(tmp_path / "out" / "briefing.pdf")
    links = [a.get_object()["/A"].get("/URI") for page in pypdf.PdfReader(tmp_path / "out" / "briefing.pdf").pages
             for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert "https://example.org/kyiv?a=1&b=2" in links  # the source's URL is a link


def test_letter_page_size(tmp_path, seeds):
    build(Config(inputs=(seeds / "004_bd72372eb4c33033.txt",), out=tmp_path, as_of=date(2024, 1, 1), charts=False,
                 page_size="letter"))
    box = pypdf.PdfReader(tmp_path / "briefing.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_long_sentence_does_not_stop_the_build(tmp_path):
    article = tmp_path / "long.txt"
    words = " ".join(["very"] * 3000)
    article.write_text(f"---\npublished: 2024-05-10\n---\nRussian forces shelled Kharkiv on Thursday in a {words} long attack.\n",
                       encoding="utf-8")
    build(Config(inputs=(article,), out=tmp_path / "out", as_of=date(2024, 5, 10), charts=False))
    assert "Kharkiv" in pdf_text(tmp_path / "out" / "briefing.pdf")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is installed by `make test`")
def test_first_page_renders_with_ink(seed_build, tmp_path):
    _, out = seed_build
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", "1", "-l", "1", str(out / "briefing.pdf"), str(tmp_path / "p")],
                   check=True)
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    # P5 header: magic, width, height, maxval, then one byte a pixel
    parts = pgm.split(maxsplit=4)
    width, height, pixels = int(parts[1]), int(parts[2]), parts[4]
    inked = sum(1 for b in pixels[: width * height] if b < 200)
    assert inked > 0.01 * width * height  # a blank page has none


def test_caveats_come_from_the_template(seed_build):
    _, out = seed_build
    text = " ".join(pdf_text(out / "briefing.pdf").split())
    caveats = text.split("Caveats", 1)[1]
    assert "Dates inherited from the event a sentence continues: E005, E006, E018." in caveats
    assert "S4 (003_3fad7b38b7169d79.txt) is dated only 2025-07" in caveats
    # one amount a line, largest first, each with the sources giving it
    assert ("Aid figures in USD differ between sources: 2 amounts in 2 articles. Different pledges, dates or scopes "
            "may explain it; check before adding them up. By amount: – approximately $55.5 billion: S3, 17 Nov 2024 "
            "– over $40 billion: S1, 28 Nov 2023") in caveats
    assert "WordNet" not in caveats  # installed: events are typed by what their doers are


def test_one_sided_claims_are_listed_and_announcements_are_not(seed_build):
    _, out = seed_build
    text = " ".join(pdf_text(out / "briefing.pdf").split())
    claims = text.split("Claims resting on one party's word:", 1)[1].split(".", 1)[0]
    assert "E016 (Russian Defence Ministry)" in claims and "(Baza)" in claims and "(Russian air defences)" in claims
    assert "Stoltenberg" not in claims  # a statement is what its speaker said, not a claim about events


def test_a_briefing_of_many_articles_counts_events_and_adds_up_figures(tmp_path):
    """Fifty days of war, one article a day: the timeline page counts events per day instead of a
    row each, and the figures section adds them up and lists the largest instead of every one."""
    places = ("Tripoli", "Zawiya", "Sirte", "Ajdabiya", "Zintan", "Gharyan", "Nalut")
    donors = ("Japan", "Italy", "Qatar", "Turkey", "Canada", "Norway", "Sweden", "Spain", "France", "Germany", "Kuwait",
              "Denmark")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(50):
        day = date(2011, 3, 1).toordinal() + i
        (folder / f"{i:02d}.txt").write_text(
            f"---\npublished: {date.fromordinal(day).isoformat()}\ntitle: Day {i + 1} of the war\n---\n"
            f"Government forces shelled {places[i % len(places)]} on Monday, killing {i + 3} people.\n\n"
            f"{donors[i % len(donors)]} pledged ${i + 1} million in humanitarian aid on Monday.\n", encoding="utf-8")
    briefing = build(Config(inputs=(folder,), out=tmp_path / "out", as_of=date(2011, 5, 1)))
    charts = {c.name: c for c in briefing.charts}
    assert sum(1 for e in briefing.events if e.date) > 40 and charts["timeline"].svg is None
    assert charts["activity"].svg.exists() and charts["figures"].svg.exists()
    text = pdf_text(tmp_path / "out" / "briefing.pdf")
    text = " ".join(text.split())
    timeline = text.split("Timeline", 1)[1].split("Events", 1)[0]
    assert "Dated events per day, stacked by type" in timeline and "Each row is an event" not in timeline
    section = text.split("Largest single figures", 1)[1].split("Sources", 1)[0]
    assert f"all {len(briefing.figures)} figures are in figures.csv" in section
    listed = set(re.findall(r"\bF\d{3}\b", section))
    assert 1 <= len(listed) <= 12 < len(briefing.figures)


def test_the_latest_development_is_the_last_day_told_not_a_year_that_ends_later():
    from briefing.models import Event, EventDate
    from briefing.publish import prose

    def event(n: int, day: str, precision: str, kind: str = "strike", salience: float = 0.5) -> Event:
        return Event(event_id=f"E{n:03d}", type=kind, date=EventDate(date=day, precision=precision, text="", basis="text"),
                     summary=f"Event {n}.", location=(), actors=(), weapons=(), attributed_to=None, sources=("a",),
                     source="a", start=0, end=1, sentence=f"Event {n}.", trigger="", salience=salience)

    events = (event(1, "2011", "year", "statement"), event(2, "2011-08", "month"), event(3, "2011-08-20", "day", salience=0.2),
              event(4, "2011-08-20", "day", salience=0.9), event(5, "2011-08-19", "day"))
    latest = prose.latest_development(events)
    assert latest.event_id == "E004"
    assert prose._on(latest) == "on 20 Aug 2011"
    assert prose._on(events[1]) == "in Aug 2011"
    lead_in = dataclasses.replace(events[3], event_id="E006", salience=1.0,
                                  summary="There are new reports of yet another drone attack (unconfirmed):")
    assert prose.latest_development(events + (lead_in,)).event_id == "E004"  # a whole sentence goes first
    assert prose.latest_development(events[:2]).event_id == "E002"  # no day told: the latest start


def test_without_wordnet_the_build_runs_and_says_so(tmp_path, monkeypatch):
    from briefing.extract import wordnet
    article = tmp_path / "quake.txt"
    article.write_text("---\npublished: 2024-05-10\ntitle: Quake\n---\n"
                       "A powerful earthquake struck the northern province on Thursday.\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_WORDNET", str(tmp_path / "no-wordnet"))
    wordnet.wordnet.cache_clear()
    wordnet.noun_class.cache_clear()
    try:
        briefing = build(Config(inputs=(article,), out=tmp_path / "out", as_of=date(2024, 5, 10), charts=False, jobs=1))
    finally:
        wordnet.wordnet.cache_clear()
        wordnet.noun_class.cache_clear()
    assert [(e.type, e.date.date) for e in briefing.events] == [("strike", "2024-05-09")]
    text = " ".join(pdf_text(tmp_path / "out" / "briefing.pdf").split())
    assert "WordNet (Debian's wordnet-base) was missing" in text


def test_an_event_of_a_digests_other_story_is_marked_off_topic_in_the_table(tmp_path):
    """A digest tells the Libya story, then a killing in Mexico: the Mexican row stays in the table,
    marked and explained; the Libyan rows are not marked."""
    folder = tmp_path / "in"
    folder.mkdir()
    libya = ["Libyan forces fired on protesters in Benghazi on Monday, killing 20 people.",
             "Rebels in the Libyan city of Misrata said government troops shelled the port on Monday, killing 9 people."]
    (folder / "digest.txt").write_text(
        "---\npublished: 2011-02-22\ntitle: The day's news\n---\n" + " ".join(libya) + "\n\n"
        "Elsewhere, drug gangs fought in the streets of northern Mexico for a third day. Residents stayed indoors. "
        "Police said gunmen killed 13 taxi drivers in Acapulco on Monday. Shops stayed shut and schools closed.\n",
        encoding="utf-8")
    (folder / "story.txt").write_text(
        "---\npublished: 2011-02-22\ntitle: Libya on the brink\n---\n" + " ".join(reversed(libya)) + "\n", encoding="utf-8")
    briefing = build(Config(inputs=(folder,), out=tmp_path / "out", as_of=date(2011, 3, 1), charts=False,
                            topic=("libya", "libyan")))
    acapulco = [e.event_id for e in briefing.events if "Acapulco" in e.location]
    assert acapulco and len(briefing.events) > len(acapulco)
    text = " ".join(pdf_text(tmp_path / "out" / "briefing.pdf").split())
    assert f"{len(acapulco)} of the {len(briefing.events)} rows are marked off topic and told in grey" in text
    assert text.count("off topic") == len(acapulco) + 1  # each marked row and the legend
    for event_id in acapulco:
        assert re.search(rf"{event_id} \d+ Feb 2011 off topic", text)
    import csv
    with open(tmp_path / "out" / "events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[-1] == "on_topic"  # the last column: a reader of the others finds them where they were
    assert {r["event_id"] for r in rows if r["on_topic"] == "False"} == set(acapulco)


def test_the_summary_names_each_largest_amount_once_as_a_sentence_would():
    from briefing.models import Quantity
    from briefing.publish.prose import _largest

    def figure(source: str, value: float, phrase: str) -> Quantity:
        return Quantity(figure_id="", source=source, start=0, end=1, value=value, value_max=None, unit="USD",
                        category="other", qualifier=None, phrase=phrase, what="")

    figures = [figure("a", 170e9, "$170 billion"), figure("b", 170e9, "$170 billion"), figure("c", 130e9, "$130 billion"),
               figure("d", 110, "More than 110 Tomahawk missiles"), figure("e", 5, "Somalia 5")]
    labels = {"a": "S1", "b": "S2", "c": "S3", "d": "S4", "e": "S5"}
    assert _largest(figures, 3, labels) == [{"text": "$170 billion", "source": "S1, S2"},
                                            {"text": "$130 billion", "source": "S3"},
                                            {"text": "more than 110 Tomahawk missiles", "source": "S4"}]
    assert _largest(figures[-1:], 3, labels) == [{"text": "Somalia 5", "source": "S5"}]  # a name keeps its capital


def test_many_claims_are_listed_by_whom_they_rest_on(seed_build):
    from briefing.publish import prose

    briefing, _ = seed_build
    facts = prose.caveat_facts(briefing, ())
    assert [c["by"] for c in facts["claimants"]] == ["Baza", "Russian air defences", "Russian Defence Ministry", "Ukraine"]
    claims = [{"event": f"E{i:03d}", "by": by} for i, by in enumerate(["Doctors"] * 4 + ["doctors", "officials"]
                                                                          + [f"Witness {n}" for n in range(4)], 1)]
    facts.update(claims=claims, claimants=[{"by": "Doctors", "events": ["E001", "E002", "E003", "E004", "E005"]},
                                           {"by": "officials", "events": ["E006"]}],
                 claims_once=[{"by": "officials", "events": ["E006"]}])
    text = prose.environment(None).get_template("caveats.txt.j2").render(**facts)
    assert ("- Claims resting on one party's word: 10 events, by whom they rest on.\n"
            "  - Doctors: E001, E002, E003, E004, E005\n"
            "  - one claim each: E006 (officials).\n- ") in text


def test_claimants_are_grouped_whatever_their_case_most_claims_first():
    from briefing.models import Event, EventDate
    from briefing.publish.prose import _claimants

    def claim(n: int, by: str) -> Event:
        return Event(event_id=f"E{n:03d}", type="strike", date=EventDate(date="2011-03-01", precision="day", text="",
                     basis="text"), summary="", location=(), actors=(), weapons=(), attributed_to=by, sources=("a",),
                     source="a", start=0, end=1, sentence="", trigger="")

    claims = [claim(1, "officials"), claim(2, "Doctors"), claim(3, "doctors"), claim(4, "Abidi")]
    assert _claimants(claims) == [{"by": "Doctors", "events": ["E002", "E003"]}, {"by": "Abidi", "events": ["E004"]},
                                  {"by": "officials", "events": ["E001"]}]


def test_a_place_too_long_for_its_cell_breaks_at_its_hyphen():
    from reportlab.platypus import Paragraph

    from briefing.publish.flowables import styles

    cell = Paragraph("Nagorno-Karabakh region", styles("Helvetica", "Helvetica-Bold")["cell"])
    cell.wrap(62, 100)  # the width of the event table's Where column, less its padding
    assert [line[1] for line in cell.blPara.lines] == [["Nagorno-"], ["Karabakh", "region"]]
