"""A hostile or careless input folder, built once: each article ends as its case says, and the rest is built.

The corpus is tests/hostile/articles; the cases that cannot live in git as plain text (other
encodings, links out of the folder, 150 copies of one story) are made here. One build with
--no-charts runs over all of them as a user would run it, in a child process.
"""
from __future__ import annotations

import csv
import json
import math
import os
import unicodedata
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

HOSTILE = Path(__file__).resolve().parent / "hostile" / "articles"
SECRET = "SECRET-OUTSIDE-THE-INPUT-5f3a"
STALE = "AN-OUTPUT-OF-AN-EARLIER-BUILD-7c1e"
STORY = "Russian forces struck Kharkiv with six missiles on 4 March 2025, officials said.\n"

BUILT = "built"
# file (relative to the input folder) -> BUILT, or the words its skip reason must contain
CASES = {
    "good.txt": BUILT,
    "date-feb30.txt": "published date '2024-02-30' of date-feb30.txt is not a real date",
    "date-9999-99-99.txt": "is not a real date",
    "date-hour25.txt": "published time '25:00:00' of date-hour25.txt is not a real time of day",
    "date-with-time.txt": BUILT,
    "date-year1.txt": "outside the years 1800–2200",
    "date-year9999.txt": "outside the years 1800–2200",
    "count-1e400.txt": BUILT,
    "trillion.txt": BUILT,
    "negative.txt": BUILT,
    "struck.txt": BUILT,
    'quote"name.txt': BUILT,
    "long-title.txt": BUILT,
    "javascript-url.txt": BUILT,
    "formula-title.txt": BUILT,
    "formula-sentence.txt": BUILT,
    "scripts.txt": BUILT,
    "laughs-front-matter.txt": "front matter is not valid YAML: aliases (*name) are not accepted in metadata",
    "laughs/story.txt": "aliases (*name) are not accepted in metadata",
    "long-line.txt": BUILT,
    "utf16.txt": BUILT,
    "cp1252.txt": BUILT,
    "mac.txt": BUILT,
    "link-passwd.txt": "a link to a file outside the input folder, not followed",
    "link-secret.txt": "a link to a file outside the input folder, not followed",
    "too-large.txt": "larger than the 2 MB size cap on an article",
    "many/s000.txt": BUILT,
    "many/s149.txt": BUILT,
    # tried after the first corpus, as a careless or hostile user would
    "only-front-matter.txt": "empty article",
    "zero.txt": "empty article",
    "front-matter-list.txt": "front matter is not a mapping of keys to values",
    "front-matter-number.txt": "front matter is not a mapping of keys to values",
    "date-unix-time.txt": "published date '1741132800' of date-unix-time.txt is not YYYY-MM-DD, YYYY-MM or YYYY",
    "date-list.txt": "is not YYYY-MM-DD, YYYY-MM or YYYY",
    "date-future.txt": BUILT,
    "metadata-odd-types.txt": BUILT,
    "rtl-override.txt": BUILT,
    "crlf-mix.txt": BUILT,
    "bom-front-matter.txt": BUILT,
    "nul-late.txt": "binary file, not text",
    "all-script.html": "no article text found in the page",
    "empty-feed.xml": "feed has no items",
    "laughs-feed.xml": BUILT,
    "xxe-feed.xml": BUILT,
    "xxe-page.html": BUILT,
    "charset-lie.html": BUILT,
    "dir.txt/inner.txt": BUILT,
    "fifo.txt": "not a regular file (a named pipe, socket or device), not read",
    "loop-a.txt": "a broken link (its target is missing, or a loop of links)",
    "gone.txt": "a broken link (its target is missing, or a loop of links)",
    "/".join(f"d{i}" for i in range(60)) + "/deep.txt": BUILT,
    "long-word.txt": BUILT,
    "range-of-a-word.txt": BUILT,  # "million - 12": a range whose low end is no number alone
}
ODD_NAMES = ("new\nline.txt", "bad\udcffbyte.txt")  # built, but their paths in sources.csv are written out as escapes
ANSI_NAME = "zero\x1b]0;pwned\x07\x1b[2J.txt"  # an empty file whose name would retitle and clear a terminal


def _make_cases(folder: Path) -> None:
    shutil.copytree(HOSTILE, folder)
    lead = "---\npublished: 2025-03-05\n---\nCafé owners said Russian drones struck Kherson on Monday, the “worst” night.\n"
    (folder / "utf16.txt").write_bytes(lead.encode("utf-16"))
    (folder / "cp1252.txt").write_bytes(lead.encode("cp1252"))
    (folder / "mac.txt").write_bytes(lead.replace("Café", "Cafe").replace("\n", "\r").encode("utf-8"))
    (folder / "link-passwd.txt").symlink_to("/etc/passwd")
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET} Drones struck Lviv on Monday.\n", encoding="utf-8")
    (folder / "link-secret.txt").symlink_to(outside / "secret.txt")
    (folder / "too-large.txt").write_text("Drones struck Lviv on Monday. " * 70_000, encoding="utf-8")
    many = folder / "many"
    many.mkdir()
    for i in range(150):
        (many / f"s{i:03d}.txt").write_text(f"---\npublished: 2025-03-05\npublisher: Outlet {i}\n---\n{STORY}", encoding="utf-8")
    dated = "---\npublished: 2025-03-05\n---\n"
    (folder / "zero.txt").write_bytes(b"")
    (folder / ANSI_NAME).write_bytes(b"")
    (folder / "crlf-mix.txt").write_bytes(b"---\r\npublished: 2025-03-05\r\ntitle: Mixed line ends\n---\n"
                                          b"Drones struck Uzhhorod on Monday.\r\nThe mayor said so.\nMore text.\r\n")
    (folder / "bom-front-matter.txt").write_bytes(b"\xef\xbb\xbf" + (dated + "Drones struck Lutsk on Monday.\n").encode())
    (folder / "nul-late.txt").write_bytes((dated + "Drones struck Sumy on Monday. " * 200).encode() + b"\x00\x00 more.\n")
    (folder / "dir.txt").mkdir()
    (folder / "dir.txt" / "inner.txt").write_text(dated + "Drones struck Ternopil on Monday.\n", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")  # read, it would wait for a writer for ever
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    deep = folder.joinpath(*(f"d{i}" for i in range(60)))
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(dated + "Drones struck Khmelnytskyi on Monday.\n", encoding="utf-8")
    (folder / "long-word.txt").write_text(dated + "Drones struck Sumy on Monday. " + "x" * 200_000 + "\n", encoding="utf-8")
    for name in ODD_NAMES:
        (folder / name).write_text(dated + "Drones struck Kovel on Monday.\n", encoding="utf-8")
    # the output folder inside the input folder, with a page of an earlier build that reads like an article
    (folder / "out").mkdir()
    (folder / "out" / "map.html").write_text(f"<html><body><article><p>{STALE} Drones struck Dubno on Monday, officials "
                                             "said, in a paragraph long enough to be kept.</p></article></body></html>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Build the hostile folder once; return (the finished process, the input folder, the output folder)."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "input"
    out = folder / "out"  # inside the input folder, as `briefing build .` puts it
    _make_cases(folder)
    result = subprocess.run([sys.executable, "-m", "briefing", "build", str(folder), "--out", str(out), "--no-charts",
                             "--as-of", "2025-03-06"], capture_output=True, text=True, timeout=600)
    return result, folder, out


def _rows(out: Path, name: str) -> list[dict]:
    with open(out / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _pdf_text(out: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(out / "briefing.pdf").pages)


def test_the_build_goes_on_and_says_what_it_skipped(hostile):
    result, _, out = hostile
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (out / "briefing.pdf").exists()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_ends_as_it_should(hostile, name):
    result, folder, out = hostile
    built = {Path(row["path"]).resolve() for row in _rows(out, "sources.csv")}
    skipped = {line.split(": ", 1)[0].removeprefix("skipped "): line.split(": ", 1)[1]
               for line in result.stderr.splitlines() if line.startswith("skipped ")}
    path = folder / name
    if CASES[name] == BUILT:
        assert path.resolve() in built
        assert str(path) not in skipped
    else:
        assert CASES[name] in skipped[str(path)]
        assert Path(os.path.realpath(path)) not in built  # realpath: a loop of links does not raise


def test_nothing_outside_the_input_folder_is_read(hostile):
    _, _, out = hostile
    for path in out.iterdir():
        assert SECRET not in path.read_text("utf-8", "replace")
        assert "root:x:0:0" not in path.read_text("utf-8", "replace")
    assert SECRET not in _pdf_text(out)


def test_figures_keep_their_sign_are_finite_and_whole_words(hostile):
    _, _, out = hostile
    figures = _rows(out, "figures.csv")
    assert all(math.isfinite(float(f["value"])) and abs(float(f["value"])) < 1e18 for f in figures)
    negative = [f for f in figures if f["source"] == "negative"]
    assert [(f["value"], f["unit"]) for f in negative] == [("-5000000000", "USD")]
    assert [(f["value"], f["unit"]) for f in figures if f["source"] == "struck"] == [("6", "missiles")]
    assert not [f for f in figures if f["unit"] == "trucks"]


def test_csv_cells_cannot_run_as_formulas_and_json_keeps_them(hostile):
    _, _, out = hostile
    title = next(r["title"] for r in _rows(out, "sources.csv") if r["source"] == "formula-title")
    assert title == "'=HYPERLINK(\"http://example.org\",\"open\")"
    for name in ("sources.csv", "events.csv", "figures.csv"):
        for row in _rows(out, name):
            assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values())
    events = json.loads((out / "events.json").read_text("utf-8"))
    assert any(e["summary"].startswith("=cmd|") for e in events)


def test_only_web_addresses_become_links(hostile):
    _, _, out = hostile
    uris = [annot.get_object()["/A"].get("/URI") for page in pypdf.PdfReader(out / "briefing.pdf").pages
            for annot in page.get("/Annots") or [] if "/A" in annot.get_object()]
    assert not [u for u in uris if u and not str(u).startswith(("http://", "https://"))]


def test_the_caveats_name_the_encodings_assumed(hostile):
    _, _, out = hostile
    text = " ".join(_pdf_text(out).split())
    assert "(utf16.txt) is not UTF-8: it was read as utf-16" in text
    assert "(cp1252.txt) is not UTF-8: it was read as cp1252" in text


def test_one_story_of_150_sources_fits_its_table_cell(hostile):
    _, _, out = hostile
    story = [e for e in json.loads((out / "events.json").read_text("utf-8")) if len(e["sources"]) >= 150]
    assert story
    assert "and 138 more" in " ".join(_pdf_text(out).split())


def test_every_script_prints_and_the_tables_keep_the_text_as_written(hostile):
    _, _, out = hostile
    text = unicodedata.normalize("NFKC", _pdf_text(out))  # Arabic is drawn in its joined presentation forms
    for word in ("基辅", "🚀", "קייב", "صاروخي"):
        assert word in text
    assert "No installed font has these characters of the articles, which print as empty boxes: U+13000 " \
           "EGYPTIAN HIEROGLYPH A001" in " ".join(text.split())
    title = "导弹袭击基辅 🚀 هجوم صاروخي על קייב"
    assert next(r["title"] for r in _rows(out, "sources.csv") if r["source"] == "scripts") == title
    for path in out.glob("*.[cj]s[vo]*"):  # the tables and JSON: text in reading order, letters as written
        assert not any(0xFB50 <= ord(c) <= 0xFEFF and c != "\ufeff" for c in path.read_text("utf-8")), path.name


def test_names_that_would_garble_a_terminal_or_a_table_are_written_out(hostile):
    result, _, out = hostile
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "skipped " + str(out.parent / "zero\\x1b]0;pwned\\x07\\x1b[2J.txt") + ": empty article" in result.stderr
    paths = [row["path"] for row in _rows(out, "sources.csv")]
    assert not [p for p in paths if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in p)]
    assert {p.rsplit("/", 1)[-1] for p in paths} >= {"new\\nline.txt", "bad\\xffbyte.txt"}


def test_the_output_folder_inside_the_input_folder_is_not_read(hostile):
    _, _, out = hostile
    assert not [row for row in _rows(out, "sources.csv") if "/out/" in row["path"]]
    assert STALE not in _pdf_text(out)
    assert not (out / "map.html").exists()  # an output of an earlier build that this one (no charts) does not write


def test_odd_metadata_text_and_markup_read_as_a_reader_would_expect(hostile):
    _, _, out = hostile
    sources = {row["source"]: row for row in _rows(out, "sources.csv")}
    assert sources["metadata-odd-types"]["title"] == "Drones struck Sumy on Monday, officials said."  # not "['first', ...]"
    assert sources["metadata-odd-types"]["publisher"] == ""
    assert sources["crlf-mix"]["title"] == "Mixed line ends"
    assert (sources["bom-front-matter"]["published"], sources["bom-front-matter"]["published_basis"]) == \
           ("2025-03-05", "front_matter")
    assert sources["charset-lie"]["title"] == "Charset lie: café"  # the page is UTF-8 whatever its <meta> says
    assert sources["rtl-override"]["title"] == "Report \u202egnp.exe on Kyiv"  # the table keeps the text as written
    assert len(sources["long-word"]["title"]) <= 300
    text = " ".join(_pdf_text(out).split())
    assert "Report gnp.exe on Kyiv" in text  # the PDF does not let an override turn it round
    assert "(date-future.txt) is dated 2031-01-01, after the build date 2025-03-06" in text


def test_entities_in_feeds_and_pages_are_not_expanded_and_cells_fit_a_spreadsheet(hostile):
    _, _, out = hostile
    for path in out.iterdir():
        text = path.read_text("utf-8", "replace") if path.suffix in (".csv", ".json") else _pdf_text(out)
        assert "a" * 200 not in text
        assert "root:x:0:0" not in text
    csv.field_size_limit(10**7)
    for name in ("sources.csv", "events.csv", "figures.csv", "timeline.csv"):
        assert all(len(v) <= 32_767 for row in _rows(out, name) for v in row.values())
