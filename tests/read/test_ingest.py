import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.pipeline import read
from briefing.read import ingest
from briefing.read.ingest import dateline_end, sentences


def test_seed_metadata_comes_from_sources_yaml(seeds):
    documents, skipped = read((seeds,))
    by_id = {d.source: d for d in documents}
    assert skipped == ()
    assert len(documents) == 5
    assert by_id["000_b279d1822da1bbd2"].published == "2023-11-28"
    assert by_id["000_b279d1822da1bbd2"].publisher == "Yahoo!"
    assert by_id["003_3fad7b38b7169d79"].published == "2025-07"
    assert by_id["004_bd72372eb4c33033"].published_basis == "sources_yaml"


def test_seed_text_is_read_byte_for_byte(seeds):
    documents, _ = read((seeds / "001_3a2f32aede7024c5.txt",))
    assert documents[0].text == (seeds / "001_3a2f32aede7024c5.txt").read_text("utf-8")


def test_headline_line_is_the_title(seeds):
    documents, _ = read((seeds / "002_c2be2a0c6008a7cf.txt", seeds / "004_bd72372eb4c33033.txt"))
    assert documents[0].title == "US Approves ATACMS Missile Use for Ukraine Amid Intensifying Conflict"
    assert documents[1].title.startswith("Ukraine update: Russia captures small towns")


@pytest.mark.parametrize("page, title", [
    ("+ ↺ − 16 px\n\nTaiwan counted 153 Chinese aircraft around the island on Tuesday.\n",
     "Taiwan counted 153 Chinese aircraft around the island on Tuesday."),
    ("✕ Close Army releases statement after the attack\n\nThe army said on Sunday that it had shot down drones.\n",
     "Army releases statement after the attack"),
    ("### Rebels take Brega\n\nRebels took the port on Sunday.\n", "Rebels take Brega"),  # a Markdown heading
])
def test_a_pages_controls_are_no_title(article_dir, page, title):
    documents, _ = read((article_dir("page.txt", page),))
    assert documents[0].title == title


@pytest.mark.parametrize(
    "seed, lines",
    [
        ("000_b279d1822da1bbd2.txt", ["Timothy Sigsworth reports in Yahoo!:", "0 comments:", "Post a Comment",
                                      "Strategic attacks on Russian logistics have both a practical and psychological impact."]),
        ("001_3a2f32aede7024c5.txt", ["The Data Science Revolution: How Big Data Is shaping Our Future", "Add a Comment"]),
        ("002_c2be2a0c6008a7cf.txt", ["Photo credit: www.bbc.com", "Source", "www.bbc.com"]),
        ("003_3fad7b38b7169d79.txt", ["Read the original article here"]),
        ("004_bd72372eb4c33033.txt", ["This post was originally published on this site", "Some of our latest coverage:"]),
    ],
)
def test_boilerplate_lines_are_found(seeds, seed, lines):
    text = (seeds / seed).read_text("utf-8")
    spans, _ = ingest.find_boilerplate(text)
    found = {text[s.start:s.end] for s in spans}
    assert set(lines) <= found
    # and the article's own sentences are not taken for boilerplate
    content = [s for s in ingest.split_sentences_in(text) if "drone" in s[2] or "missile" in s[2]]
    assert not any(s[2].strip() in found for s in content if not s[2].startswith(("Destroying", "Strategic")))


def test_boilerplate_tells_the_publisher(seeds):
    _, found = ingest.find_boilerplate((seeds / "002_c2be2a0c6008a7cf.txt").read_text("utf-8"))
    assert found["publisher"] == "BBC"


def test_front_matter_wins_and_offsets_point_after_it(article_dir):
    path = article_dir("a.txt", "---\npublished: 2024-03-05\ntitle: Test\nurl: https://example.org/a\n---\nBody text here.\n",
                       sources="a.txt:\n  published: 2020-01-01\n")
    documents, _ = read((path,))
    assert documents[0].published == "2024-03-05"
    assert documents[0].published_basis == "front_matter"
    assert documents[0].text == "Body text here.\n"
    assert documents[0].url == "https://example.org/a"


def test_publication_date_is_inferred_from_a_dateline(article_dir):
    path = article_dir("b.txt", "KYIV, Tuesday, 4 March 2025 (Reuters) - Drones struck an oil depot overnight.\n")
    documents, _ = read((path,))
    assert documents[0].published == "2025-03-04"
    assert documents[0].published_basis == "inferred"


@pytest.mark.parametrize("text, lead", [
    ("KYIV, Ukraine — Russia attacked Ukraine overnight with 143 drones.\n", "Russia attacked"),
    ("LONDON, 9 March - Britain said it would send more aid.\n", "Britain said"),
    ("GAZA CITY, March 9 (Reuters) - Israeli airstrikes killed at least 27 people.\n", "Israeli airstrikes"),
    ("NATO - the alliance - met on Monday.\n", "NATO - the"),              # not a dateline: no capital after the dash
    ("Strikes kill 27 in Gaza\n\nBy Staff Reporter\n\nGAZA CITY, March 9 (Reuters) - Israeli jets struck.\n",
     "Israeli jets"),                                                      # under a headline and a byline
    ("Russia attacked Ukraine.\nKYIV — Russia fired missiles.\n", "Russia attacked"),  # not below a story sentence
])
def test_datelines_with_and_without_an_agency(article_dir, text, lead):
    documents, skipped = read((article_dir("f.txt", text, sources="f.txt:\n  published: 2025-03-09\n"),))
    assert skipped == ()
    assert text[dateline_end(text):].startswith(lead)
    if "(Reuters)" in text:
        assert documents[0].publisher == "Reuters"


def test_month_day_without_year_is_not_a_publication_date(article_dir):
    path = article_dir("c.txt", "May 11 (UPI) -- Drones struck an oil depot overnight.\n")
    documents, _ = read((path,))
    assert documents[0].published is None  # no year anywhere: none is guessed


def test_yearless_dateline_takes_the_year_the_text_states(article_dir):
    path = article_dir("e.txt", "May 11 (UPI) -- Drones struck an oil depot overnight, the worst attack since March 2025.\n")
    documents, _ = read((path,))
    assert (documents[0].published, documents[0].published_basis) == ("2025-05-11", "inferred")


def test_bad_files_are_skipped_with_reasons(article_dir):
    article_dir("good.txt", "Russia launched 40 drones on Monday, officials said.\n")
    (article_dir.folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (article_dir.folder / "controls.txt").write_bytes(b"\x81\x8d\x01\x02\x03 no text")
    article_dir("empty.txt", "   \n")
    documents, skipped = read((article_dir.folder,))
    assert [d.source for d in documents] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons == {"binary.txt": "binary file, not text", "controls.txt": "binary file, not text", "empty.txt": "empty article"}


@pytest.mark.parametrize("raw, encoding", [
    ("Caf\xe9 au lait: Kyiv\u2019s \u201cwinter\u201d cost \u20ac2 billion.\n".encode("cp1252"), "cp1252"),
    ("Caf\xe9 au lait in Kyiv.\n".encode("latin-1"), "cp1252"),  # Latin-1's letters are cp1252's
    ("Caf\xe9 \u201cau lait\u201d in Kyiv.\n".encode("utf-16"), "utf-16"),
    ("Caf\xe9 \u201cau lait\u201d in Kyiv.\n".encode("utf-8-sig"), "utf-8"),
])
def test_other_encodings_are_decoded_and_named(article_dir, raw, encoding):
    (article_dir.folder / "a.txt").write_bytes(raw)
    documents, skipped = read((article_dir.folder,))
    assert skipped == ()
    assert documents[0].text.startswith("Caf\xe9 ")
    assert documents[0].encoding == encoding


def test_lone_carriage_returns_end_lines(article_dir):
    (article_dir.folder / "mac.txt").write_bytes(b"---\rpublished: 2024-03-05\r---\rDrones hit Odesa port\rRussia launched 40 drones at Odesa on Monday.\r")
    documents, _ = read((article_dir.folder,))
    doc = documents[0]
    assert (doc.published, doc.title) == ("2024-03-05", "Drones hit Odesa port")
    assert [s.text for s in ingest.sentences(doc)] == ["Drones hit Odesa port", "Russia launched 40 drones at Odesa on Monday."]


def test_bad_published_value_names_the_file_and_the_fix(article_dir):
    article_dir("d.txt", "Text.\n", sources="d.txt:\n  published: last Tuesday\n")
    with pytest.raises(InputError) as err:
        read((article_dir.folder,))
    assert "published date 'last Tuesday' of d.txt is not YYYY-MM-DD, YYYY-MM or YYYY" in str(err.value)


def test_no_article_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no article found in"):
        read((tmp_path,))


def test_sentences_split_on_abbreviations_and_glued_quotes():
    parts = ingest.split_sentences_in("The U.S. said on Jan. 5 it would help. He left at 3 p.m. Friday.”A new one began.")
    assert [p[2] for p in parts] == ["The U.S. said on Jan. 5 it would help.", "He left at 3 p.m. Friday.”",
                                     "A new one began."]


@pytest.mark.parametrize("text, expected", [
    ("Aoki told reporters.Taiwan's foreign ministry said on Tuesday it was alarmed.",
     ["Aoki told reporters.", "Taiwan's foreign ministry said on Tuesday it was alarmed."]),
    ("Hamas could regroup.El-Sisi’s proposal came as talks resumed.", ["Hamas could regroup.", "El-Sisi’s proposal came as talks resumed."]),
    # no break inside initials, abbreviations, web addresses or "e.g."
    ("Mr.Smith met officials in St.Louis at example.com, e.g.The agency.", ["Mr.Smith met officials in St.Louis at example.com, e.g.The agency."]),
])
def test_paragraphs_run_together_without_a_space_are_split(text, expected):
    assert [p[2] for p in ingest.split_sentences_in(text)] == expected


def test_repeated_pull_quote_is_kept_once(seeds):
    documents, _ = read((seeds / "000_b279d1822da1bbd2.txt",))
    kept = ingest.distinct(ingest.sentences(documents[0]))
    footage = [s for s in kept if s.text.startswith("Footage of the blast")]
    assert len(footage) == 1


def test_unknown_metadata_key_is_named_in_a_warning(article_dir, caplog):
    path = article_dir("f.txt", "---\npublised: 2024-03-05\n---\nBody text here.\n")
    documents, _ = read((path,))
    assert documents[0].published is None
    assert "f.txt: unknown metadata key publised (known: author, note, published, publisher, title, url)" in caplog.text


def test_windows_line_endings_and_markdown_headings(article_dir):
    path = article_dir("g.md", "# Drones hit Odesa port\r\n\r\nRussia launched 40 drones at Odesa on Monday, officials said.\r\n0 comments:\r\n")
    documents, _ = read((path,))
    doc = documents[0]
    assert doc.title == "Drones hit Odesa port"
    assert [doc.text[s.start:s.end] for s in doc.boilerplate] == ["0 comments:"]
    sentences = ingest.sentences(doc)
    assert [s.text for s in sentences][-1] == "Russia launched 40 drones at Odesa on Monday, officials said."
    assert all(doc.text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text, published, publisher, lead", [
    (" date 2023-04-02 World News\n\nDrones struck a depot on Friday.\n", "2023-04-02", None, "World News"),
    ("Source: Reuters\nPublished: 2024-06-01\n\nTroops crossed the river.\n", "2024-06-01", "Reuters", "Troops crossed the river."),
    (" date 2023-04-02 KYIV: Drones struck a depot on Friday.\n", "2023-04-02", None, "KYIV: Drones struck a depot on Friday."),
])
def test_scraped_metadata_lines_are_metadata_not_text(article_dir, text, published, publisher, lead):
    documents, _ = read((article_dir("m.txt", text),))
    document = documents[0]
    assert (document.published, document.published_basis, document.publisher) == (published, "metadata_line", publisher)
    assert sentences(document)[0].text == lead
    assert "date" not in document.title.lower().split()


def test_a_metadata_line_does_not_override_sources_yaml(article_dir):
    path = article_dir("m.txt", " date 2023-04-02 World News\n\nDrones struck a depot.\n", sources="m.txt:\n  published: 2023-04-03\n")
    documents, _ = read((path,))
    assert (documents[0].published, documents[0].published_basis) == ("2023-04-03", "sources_yaml")


def test_a_standfirst_gives_way_to_the_lead_that_repeats_it():
    parts = [ingest.Sentence(source="t", start=s, end=s + len(x), text=x, paragraph=i) for i, (s, x) in enumerate([
        (0, "Ministry says a strike in the south has killed at least ten farm workers"),
        (80, "A strike in the south early Saturday killed at least ten farm workers, the ministry said."),
        (200, "Rescuers searched the rubble."),
    ])]
    assert [s.start for s in ingest.distinct(tuple(parts))] == [80, 200]
    # a full sentence repeated later is kept where it was first told
    assert [s.start for s in ingest.distinct((parts[1], parts[2], ingest.Sentence(
        source="t", start=300, end=380, text=parts[1].text, paragraph=4)))] == [80, 200]


def test_readers_comments_and_the_page_tail_are_not_article_text(article_dir):
    text = ("Rebels took the town on Sunday, a spokesman said.\n"
            "The opinions expressed in this commentary are solely those of Jane Roe.\n"
            "I think the rebels will win.\n"
            "April 2, 2011 at 10:25 am | Reply Nobody expected 100,000 people in the square.\n"
            "They should stay out of it.\n"
            "CNN welcomes a lively and courteous discussion as long as you follow the Rules.\n")
    document = ingest.read_document(article_dir("a.txt", text))
    assert [s.text for s in sentences(document)] == ["Rebels took the town on Sunday, a spokesman said."]
    # a blog's reply stamp glued to the last comment's words starts the comments too
    glued = "The council met on Monday.\nGreat post! March 9, 2011 11:02 am at 11:02 am | The dead numbered 1,000.\nMore.\n"
    assert [s.text for s in sentences(ingest.read_document(article_dir("b.txt", glued)))] == ["The council met on Monday."]


def test_a_page_stamp_after_the_headline_is_metadata(article_dir):
    text = "Syria protests spread to the coast 24 April 2011 Last updated at 17:55 GMT Help Protests spread on Sunday.\n"
    document = ingest.read_document(article_dir("a.txt", text))
    assert document.title == "Syria protests spread to the coast"
    assert [s.text for s in sentences(document)] == ["Protests spread on Sunday."]
    from briefing import dates
    assert [m.text for m in dates.tag_document(document)] == ["Sunday"]


@pytest.mark.parametrize("entry, text", [
    ("LIBYA, 11:22 p.m. ET, 6:22 a.m. local: The council will meet on Tuesday.", "The council will meet on Tuesday."),
    ("(5:25 p.m. Monday ET, 11:25 p.m. Monday in Libya) The envoy landed in Cairo.", "The envoy landed in Cairo."),
    ("NEW: Two ships docked at the port.", "Two ships docked at the port."),
    ("(Updated at 11:20 a.m. ET, 6:20 p.m. local time) The envoy landed.", "The envoy landed."),
    ("Earlier today, this blog reported that Libya's envoy told reporters Monday that Gadhafi had declared war.",
     "Libya's envoy told reporters Monday that Gadhafi had declared war."),
    ("At 5:25 p.m. the envoy landed.", "At 5:25 p.m. the envoy landed."),  # a time in the sentence is its own
])
def test_a_live_blog_entry_stamp_is_not_part_of_the_sentence(article_dir, entry, text):
    document = ingest.read_document(article_dir("a.txt", "Live updates\n" + entry + "\n"))
    found = sentences(document)[-1]
    assert found.text == text and document.text[found.start:found.end] == text


@pytest.mark.parametrize("opening, author, publisher", [
    ("By the CNN Wire Staff", None, "CNN"),
    ("By Paul Cruickshank and Tim Lister, CNN", "Paul Cruickshank and Tim Lister", "CNN"),
    ("By Pam Benson, CNN National Security Producer", "Pam Benson", "CNN"),
    ("By Alexis Crow, Special to CNN", "Alexis Crow", "CNN"),
    ("By Barry Neild for CNN", "Barry Neild", "CNN"),
    ("By Larry Shaughnessy, Pentagon Producer", "Larry Shaughnessy", "CNN"),  # the byline names none: the dateline does
])
def test_a_byline_opening_the_first_line_is_metadata_not_the_title(article_dir, opening, author, publisher):
    path = article_dir("a.txt", f"{opening} Rebels push toward Brega as airstrikes continue. "
                                "Benghazi, Libya (CNN) — Opposition fighters advanced on Sunday.\n")
    [document], _ = read((path,))
    assert document.title == "Rebels push toward Brega as airstrikes continue."
    assert (document.author, document.publisher) == (author, publisher)
    # the head above the dateline titles the article and is no sentence of its story
    assert [s.text for s in sentences(document)] == ["Opposition fighters advanced on Sunday."]


def test_by_a_day_or_by_the_time_is_no_byline(article_dir):
    path = article_dir("a.txt", "By Friday Morning Rebels held the port of Brega. By the time the rebels arrived, "
                                "the town was empty.\n")
    [document], _ = read((path,))
    assert document.title.startswith("By Friday Morning") and document.author is None


def test_a_line_the_site_repeats_in_articles_that_otherwise_differ_is_set_aside(article_dir):
    teaser = "2 men charged in death of Chicago teen who performed in inauguration event."
    stories = ["Rebels took the port of Brega on Sunday after a day of fighting.",
               "NATO aircraft struck a command centre in Tripoli overnight, officials said.",
               "Aid ships docked in Misrata with food and medicine for the besieged city.",
               "The Security Council voted on Thursday to impose a no-fly zone over Libya."]
    for i, story in enumerate(stories):
        article_dir(f"{i}.txt", f"{teaser}\n{story}\nWitnesses described heavy shelling in the area.\n"
                                f"More than {i + 10} people were wounded, a doctor said.\n")
    wire = "Gadhafi's forces shelled Zawiya on Monday, killing at least 12 people, a witness said."
    for i in range(3):  # one wire story in three papers: copies, not furniture
        article_dir(f"wire{i}.txt", f"{wire}\nThe city has been under siege for two weeks, residents said.\n")
    documents, _ = read((article_dir.folder,))
    by_id = {d.source: d for d in documents}
    for i, story in enumerate(stories):
        assert by_id[str(i)].title == story
        assert teaser not in [s.text for s in sentences(by_id[str(i)])]
        assert story in [s.text for s in sentences(by_id[str(i)])]
    for i in range(3):
        assert by_id[f"wire{i}"].title == wire and sentences(by_id[f"wire{i}"])[0].text == wire


def test_the_sources_yaml_of_a_large_folder_is_read(article_dir):
    entries = "".join(f"story-{i:05d}.txt: {{published: 2011-03-{1 + i % 28:02d}, publisher: CNN, "
                      f"title: Story number {i} of the war}}\n" for i in range(3000))  # some 250 KB
    path = article_dir("story-00042.txt", "Rebels took the port of Brega on Sunday after a day of fighting.\n",
                       sources=entries)
    [document], skipped = read((path.parent,))
    assert skipped == () and len(entries) > 200_000
    assert (document.published, document.title) == ("2011-03-15", "Story number 42 of the war")


def test_files_of_one_name_in_two_folders_are_two_sources(tmp_path):
    stories = {"monday/index.txt": "Rebels took the port of Brega on Sunday.",
               "tuesday/index.txt": "NATO jets struck Tripoli overnight.",
               "tuesday/monday/index.txt": "Aid ships docked in Misrata."}
    for name, story in stories.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(story + "\n", encoding="utf-8")
    documents, _ = read((tmp_path,))
    assert [d.source for d in documents] == ["index", "tuesday/index", "tuesday/monday/index"]
    assert {d.path.relative_to(tmp_path).as_posix(): d.text.strip() for d in documents} == stories


@pytest.mark.parametrize("title", ["\u200b\u200b", "\u200e\u2060\ufeff", "\u3164", "\u2800 \u00ad", " \u200d "])
def test_a_title_of_only_invisible_characters_is_no_title(article_dir, title):
    # It was kept: an empty-looking title in the PDF's source list and tables. The headline is used instead.
    path = article_dir("a.txt", f"---\npublished: 2024-11-19\ntitle: \"{title}\"\n---\n\u200b\nDrones hit Odesa port\n\n"
                                "Russia launched 40 drones at Odesa on Monday.\n")
    (document,), _ = read((path,))
    assert document.title == "Drones hit Odesa port"


def test_a_title_with_one_visible_character_is_kept(article_dir):
    path = article_dir("a.txt", "---\npublished: 2024-11-19\ntitle: \"\u200b?\u200b\"\n---\nRussia launched 40 drones at Odesa.\n")
    (document,), _ = read((path,))
    assert document.title == "\u200b?\u200b"


@pytest.mark.parametrize("published, day", [
    ("2024-11-19 23:30:00 -05:00", "2024-11-19"),  # YAML's timestamp with a zone: the day as written, not UTC's 20th
    ("2024-11-19t23:30:00z", "2024-11-19"),
    ("2024-11-20T01:30:00+05:30", "2024-11-20"),
    ("2024-11-19 9:05 -5", "2024-11-19"),
    ("2024-11-19T10:00:00+1400", "2024-11-19"),
])
def test_a_timestamp_with_its_zone_gives_the_day_as_written(article_dir, published, day):
    path = article_dir("a.txt", f"---\npublished: {published}\n---\nRussia launched 40 drones at Odesa on Monday.\n")
    (document,), _ = read((path,))
    assert (document.published, document.published_basis) == (day, "front_matter")


def test_a_timestamp_with_an_offset_no_place_keeps_is_refused(article_dir):
    path = article_dir("a.txt", "---\npublished: 2024-11-19 23:30:00 +24:00\n---\nRussia launched 40 drones at Odesa.\n")
    with pytest.raises(InputError, match=r"published time zone '\+24:00' of a.txt is no time zone's offset"):
        read((path,))


@pytest.mark.parametrize("command", [["build", "--no-charts", "--jobs", "1"], ["dates"]])
def test_a_sources_yaml_that_is_a_named_pipe_is_not_waited_on(article_dir, command):
    """Read, a named pipe would wait for a writer for ever: the articles that need it are skipped, the rest built."""
    article_dir("plain.txt", "Russian drones struck Sumy on Monday, officials said.\n")
    article_dir("dated.txt", "---\npublished: 2025-03-05\n---\nRussian drones struck Sumy on Monday, officials said.\n")
    pipe = article_dir.folder / "sources.yaml"
    os.mkfifo(pipe)
    args = [command[0], str(article_dir.folder), *command[1:]]
    if command[0] == "build":
        args += ["--out", str(article_dir.folder / "out"), "--as-of", "2025-03-06"]
    # in a child, so that a regression fails on the timeout instead of hanging the suite
    result = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    assert f"skipped {article_dir.folder / 'plain.txt'}: {pipe} is not a regular file (a named pipe, socket or device), " \
           "not read" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_run_of_text_longer_than_any_sentence_is_read_in_pieces_and_sentences_are_not():
    words = " ".join(f"word{i}" for i in range(2_000))  # 15,000 characters without a full stop
    text = "Drones struck Sumy on Monday. Officials counted " + words + ". Then " + "x" * 7_000 + " ended."
    pieces = ingest.split_sentences_in(text)
    assert pieces[0] == (0, 29, "Drones struck Sumy on Monday.")
    assert all(len(t) <= ingest.MAX_SENTENCE_CHARS and text[s:e] == t for s, e, t in pieces)
    assert " ".join(t for _, _, t in pieces[1:-3]) == "Officials counted " + words + "."  # cut at spaces, no word lost
    assert [len(t) for _, _, t in pieces[-3:]] == [3_000, 3_000, 1_012]  # a word longer than a piece is cut in it
