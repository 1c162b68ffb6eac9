"""Saved web pages and feeds read as articles: text, metadata, offsets into the extracted text."""
from __future__ import annotations

from datetime import date

import pytest

from briefing.models import Config
from briefing.pipeline import analyse
from briefing.publish import prose
from briefing.read import ingest, readers

PAGE = """<!doctype html>
<html><head>
<title>Drones hit the port of Izmail | Danube Courier</title>
<meta name="author" content="Marta Koval">
<meta property="og:site_name" content="Danube Courier">
<meta property="og:title" content="Drones hit the port of Izmail">
<meta property="article:published_time" content="2024-11-18T09:30:00+02:00">
<link rel="canonical" href="https://courier.example/izmail-drones">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Drones hit the port of Izmail</h1>
<p>Russian drones struck grain silos in the Danube port of Izmail on Sunday night, injuring three dock workers, the regional governor said on Monday.</p>
<p>Air defence units shot down 14 of the 19 drones launched from Crimea, according to the air force.
The port resumed loading ships on Monday afternoon.</p>
</article>
<footer>Subscribe to our newsletter. Cookie settings. All rights reserved.</footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Wire</title><link>https://wire.example/</link><description>News from the coast</description>
<item>
  <title>Ferry service to Odesa suspended</title>
  <link>https://wire.example/ferry</link>
  <pubDate>Tue, 19 Nov 2024 07:00:00 GMT</pubDate>
  <description>&lt;p&gt;The ferry operator &lt;b&gt;suspended&lt;/b&gt; crossings to Odesa on Monday after a missile strike damaged the pier.&lt;/p&gt;&lt;p&gt;Two sailors were hurt.&lt;/p&gt;</description>
</item>
<item>
  <title>Empty item</title>
  <link>https://wire.example/empty</link>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Border Notes</title><id>urn:example:border</id><updated>2024-11-20T12:00:00Z</updated>
<entry>
  <title>Mines cleared near Kherson</title>
  <link href="https://notes.example/mines"/>
  <id>urn:example:mines</id>
  <published>2024-11-20T08:00:00Z</published><updated>2024-11-20T09:00:00Z</updated>
  <author><name>Oleh Marchenko</name></author>
  <summary>Short version.</summary>
  <content type="html">&lt;p&gt;Sappers cleared 300 mines from farmland near Kherson on Wednesday, the emergency service said.&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_html_page_gives_text_title_author_site_and_date(tmp_path):
    path = tmp_path / "izmail.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,), skipped = readers.read(path)
    assert skipped == ()
    assert doc.title == "Drones hit the port of Izmail"
    assert (doc.author, doc.publisher, doc.published) == ("Marta Koval", "Danube Courier", "2024-11-18")
    assert doc.url == "https://courier.example/izmail-drones"
    assert "grain silos in the Danube port of Izmail" in doc.text
    assert "Subscribe" not in doc.text and "Sport" not in doc.text  # page chrome left out


def test_offsets_of_a_page_point_into_the_extracted_text(tmp_path):
    path = tmp_path / "izmail.htm"
    path.write_text(PAGE, encoding="utf-8")
    (doc,), _ = readers.read(path)
    found = ingest.sentences(doc)
    assert any(s.text.startswith("Air defence units shot down 14") for s in found)
    assert all(doc.text[s.start:s.end] == s.text for s in found)


def test_rss_items_are_articles_with_html_stripped(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, skipped = readers.read(path)
    assert [d.title for d in docs] == ["Ferry service to Odesa suspended"]
    (doc,) = docs
    assert doc.text == "The ferry operator suspended crossings to Odesa on Monday after a missile strike damaged the pier.\n\nTwo sailors were hurt."
    assert (doc.published, doc.url, doc.publisher) == ("2024-11-19", "https://wire.example/ferry", "Harbour Wire")
    assert [s.reason for s in skipped] == ["feed item has no content or summary"]


def test_atom_entry_prefers_content_over_summary(tmp_path):
    path = tmp_path / "border.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,), _ = readers.read(path)
    assert doc.text.startswith("Sappers cleared 300 mines")
    assert (doc.published, doc.author, doc.source) == ("2024-11-20", "Oleh Marchenko", "border-001")


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("blank.html", "<html><head><title>Loading</title></head><body><script>load()</script></body></html>", "no article text found in the page"),
    ("notes.xml", "<?xml version='1.0'?><config><key>1</key></config>", "feed has no items"),
    ("broken.rss", "this is not xml at all <<<", "not an RSS or Atom feed"),
])
def test_unreadable_page_or_feed_is_skipped_with_its_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Russia fired six missiles at Odesa on Wednesday, officials said.\n", encoding="utf-8")
    documents, skipped = ingest.read_documents([tmp_path])
    assert [d.source for d in documents] == ["a"]
    assert len(skipped) == 1 and skipped[0].path.endswith(name) and skipped[0].reason.startswith(reason)


def test_a_mixed_folder_builds_one_briefing(tmp_path):
    (tmp_path / "izmail.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "border.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "note.md").write_text("---\npublished: 2024-11-19\n---\nA Russian missile struck Kharkiv on Tuesday, officials said.\n",
                                      encoding="utf-8")
    briefing, _ = analyse(Config(inputs=(tmp_path,), out=tmp_path / "out", as_of=date(2024, 11, 21), charts=False))
    assert sorted(d.source for d in briefing.documents) == ["border-001", "izmail", "note", "wire-001"]
    assert {e.source for e in briefing.events} >= {"izmail", "wire-001", "note"}
    assert [s.reason for s in briefing.skipped] == ["feed item has no content or summary"]
    method = prose.write(briefing, "")["method"]  # says where each kind of article's date comes from
    assert "from a saved page's own metadata (its time of publication, on the page's local day when it gives one)" in method
    assert "from a feed item's date" in method


def test_a_feed_item_dated_in_year_1_or_9999_is_skipped_with_its_reason_and_the_others_read(tmp_path):
    items = "".join(f"<item><title>{title}</title><pubDate>{when}</pubDate><description>{text}</description></item>"
                    for title, when, text in (("A", "Mon, 01 Jan 0001 00:00:00 GMT", "Rebels took Brega on Sunday."),
                                              ("B", "Fri, 31 Dec 9999 23:59:59 +0100", "NATO jets struck Tripoli on Monday."),
                                              ("C", "Tue, 01 Mar 2011 10:00:00 GMT", "Aid ships docked in Misrata on Tuesday.")))
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>', encoding="utf-8")
    documents, skipped = ingest.read_documents((tmp_path,))
    assert [(d.title, d.published) for d in documents] == [("C", "2011-03-01")]
    assert [(s.path, s.reason) for s in skipped] == [
        (f"{path}#1", "published date 0001-01-01 is outside the years 1800–2200 of news articles"),
        (f"{path}#2", "published date 9999-12-31 is outside the years 1800–2200 of news articles")]


def test_items_of_two_feeds_of_one_name_keep_their_numbers(tmp_path):
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            + "".join(f"<item><title>{t}</title><description>{t} happened on Monday.</description></item>" for t in ("A", "B"))
            + "</channel></rss>")
    for day in ("monday", "tuesday"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "feed.xml").write_text(feed, encoding="utf-8")
    documents, _ = ingest.read_documents((tmp_path,))
    assert [d.source for d in documents] == ["feed-001", "feed-002", "tuesday/feed-001", "tuesday/feed-002"]


@pytest.mark.parametrize("written, published, reason", [
    ("Tue, 19 Nov 2024 23:30:00 -0500", "2024-11-19", None),  # the day as written (UTC would say the 20th)
    ("2024-11-19T01:00:00+03:00", "2024-11-19", None),
    ("19 Nov 24 07:00 GMT", "2024-11-19", None),
    ("2024-11-19", "2024-11-19", None),
    ("Tue, 19 Nov 2024 10:00:60 GMT", "2024-11-19", None),  # a leap second
    ("2024-13-45T99:99:99Z", None, "published date 2024-13-45T99:99:99Z is not a date and time that exists "
                                   "(month must be in 1..12)"),
    ("Sun, 31 Nov 2024 10:00:00 GMT", None, "published date Sun, 31 Nov 2024 10:00:00 GMT is not a date and time that "
                                            "exists (day is out of range for month)"),
    ("2024-11-19T10:00:99Z", None, "published date 2024-11-19T10:00:99Z is not a date and time that exists "
                                   "(second must be in 0..59)"),
    ("Tue, 19 Nov 2024 25:00:00 GMT", None, "published date Tue, 19 Nov 2024 25:00:00 GMT is not a date and time that "
                                            "exists (hour must be in 0..23)"),
    ("Tue, 19 Nov 2024 10:00:00 +2400", None, "published date Tue, 19 Nov 2024 10:00:00 +2400 has an offset, +2400, "
                                              "that is no time zone's"),
    ("2024-11-19T10:00:00-15:00", None, "published date 2024-11-19T10:00:00-15:00 has an offset, -15:00, that is no "
                                        "time zone's"),
])
def test_a_feed_date_is_the_day_as_written_and_an_impossible_one_skips_its_item(tmp_path, written, published, reason):
    # feedparser makes 2024-13-45T99:99:99Z into 2025-01-01, and a +2400 offset moves the day: the item
    # would land in another week
    items = (f"<item><title>A</title><pubDate>{written}</pubDate><description>Rebels took Brega on Sunday.</description></item>"
             "<item><title>B</title><pubDate>Tue, 01 Mar 2011 10:00:00 GMT</pubDate><description>Aid ships docked.</description></item>")
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>', encoding="utf-8")
    documents, skipped = ingest.read_documents((tmp_path,))
    assert [(d.title, d.published) for d in documents] == ([("A", published)] if published else []) + [("B", "2011-03-01")]
    assert [(s.path, s.reason) for s in skipped] == ([(f"{path}#1", reason)] if reason else [])


def _page(paragraph: str, size: int) -> str:
    paragraphs = "".join(f"<p>{i}. {paragraph}</p>\n" for i in range(size // len(paragraph)))  # repeated, one is kept
    return f"<html><head><title>Huge</title></head><body><article>{paragraphs}</article></body></html>"


@pytest.mark.parametrize(("paragraph", "reason"), [
    # more text than the cap in the page: refused before extraction, which takes minutes on 20 MB
    ("On 4 November 2024 a Russian drone strike on Kharkiv killed 3 people, the governor said.",
     "the page's text is larger than the 2 MB size cap on an article"),
    # 1.3 million letters, 2.6 MB in UTF-8: the extracted text is over the cap as a .txt file's bytes are counted
    ("Російський дрон атакував Харків у понеділок, повідомив губернатор області сьогодні.",
     "its article text is larger than the 2 MB size cap on an article"),
])
def test_a_page_whose_text_is_over_the_size_cap_is_skipped_as_a_large_txt_is(tmp_path, paragraph, reason):
    size = 2_100_000 if paragraph.isascii() else 1_300_000
    (tmp_path / "big.html").write_text(_page(paragraph, size), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Russia fired six missiles at Odesa on Wednesday, officials said.\n", encoding="utf-8")
    documents, skipped = ingest.read_documents([tmp_path])
    assert [d.source for d in documents] == ["a"]
    assert [(s.path, s.reason) for s in skipped] == [(str(tmp_path / "big.html"), reason)]


def test_a_feed_item_over_the_size_cap_is_skipped_and_the_others_read(tmp_path):
    big = "<p>On 4 November 2024 a Russian drone strike on Kharkiv killed 3 people.</p>" * 30_000
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    f"<item><title>Big</title><description><![CDATA[{big}]]></description></item>"
                    "<item><title>Small</title><description>Drones hit Sumy on Monday.</description></item>"
                    "</channel></rss>", encoding="utf-8")
    documents, skipped = ingest.read_documents((tmp_path,))
    assert [d.title for d in documents] == ["Small"]
    assert [(s.path, s.reason) for s in skipped] == [(f"{path}#1", "feed item's text is larger than the 2 MB size cap on an article")]


STRIKE = "On 18 November 2024 a Russian missile strike on Odesa killed 10 people and injured 44, officials said."


def read_page(tmp_path, body: str, head: str = "<title>Strike on Odesa</title>", name: str = "page.html"):
    """The document read from a small saved page with this body."""
    path = tmp_path / name
    path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    (doc,), _ = readers.read(path)
    return doc


def test_text_no_browser_shows_is_not_read(tmp_path):
    doc = read_page(tmp_path, f"<article><p>{STRIKE} Rescuers searched the rubble overnight.</p><p>{STRIKE}</p>"
                              "<template><p>INVISIBLE killed 555</p></template><div hidden>HIDDEN killed 111</div>"
                              '<p style="DISPLAY: None">STYLED killed 222</p><p style="visibility:hidden">VEILED killed 333</p>'
                              '<p hidden="until-found">The port reopened on Tuesday.</p></article>')
    assert "Rescuers searched the rubble overnight." in doc.text
    assert not any(word in doc.text for word in ("INVISIBLE", "HIDDEN", "STYLED", "VEILED"))
    assert "The port reopened on Tuesday." in doc.text  # revealed by find-in-page: the article's own


def test_an_article_that_is_a_table_is_read_row_by_row(tmp_path):
    rows = "".join(f"<tr><td>{city}</td><td>{killed}</td><td>{injured}</td></tr>"
                   for city, killed, injured in (("Odesa", 10, 44), ("Kharkiv", 3, 17), ("Sumy", 2, 9)))
    doc = read_page(tmp_path, f"<article><h1>Casualties of the strikes</h1><p>{STRIKE}</p>"
                              f"<table><tr><th>City</th><th>Killed</th><th>Injured</th></tr>{rows}</table></article>")
    assert "| Kharkiv | 3 | 17 |" in doc.text.splitlines()
    assert "---" not in doc.text  # the rule under the header row is no text


def test_a_page_laid_out_in_a_table_is_read_as_its_paragraphs(tmp_path):
    story = [f"{STRIKE} Rescuers searched the rubble of the apartment block overnight and into the morning."] * 2 + [
        "The regional governor declared a day of mourning and said schools would stay closed until Friday, as "
        "air-raid sirens sounded again across the south of the country in the early afternoon."]
    doc = read_page(tmp_path, '<table><tr><td><a href="/">Home</a></td><td><h1>Strike on Odesa</h1>'
                              + "".join(f"<p>{p}</p>" for p in story) + "</td></tr></table>")
    assert "|" not in doc.text
    assert doc.text.splitlines()[-1] == story[-1]


FURNITURE = [
    "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing",
    "SEE MORE: Hong Kong protests: 800 students under siege in university",
    "DON'T MISS",
    "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
    "Click here to subscribe to The Paradigm Newsletter",
    'Get access to Moneycontrol Pro for as little as Rs 599 for first year. Use the code "GETPRO".',
    "Also on rt.com Journalists threatened with sedition arrests as Bolivia purges socialist elements",
    "Like this story? Share it with a friend!",
    "Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
    "SOURCE: News agencies",
    "(Reporting by Will Dunham; Editing by Tom Brown)",
    "Keith Bradsher contributed reporting from Hong Kong.",
    "Write to Al Root at allen.root@dowjones.com",
    "Follow him on Twitter @tariqjmalik and on Facebook.",
    "Copyright 2014 The Associated Press. All rights reserved.",
    "Comments",
    "Filed under: Khawarij |",
    "You may also like...",
    "[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",
    "Follow AP's full coverage of Brexit and British politics at https://www.apnews.com/Brexit",
    "Reach the reporters on Twitter at http://twitter.com/MegKinnardAP and http://twitter.com/emarvelous",
    "paul.takahashi@chron.com",
]


def test_page_furniture_lines_are_not_analysed(tmp_path):
    story = [STRIKE, "Rescuers searched the rubble of the apartment block overnight, the emergency service said.",
             "Air defence units shot down 14 of the 19 drones launched from Crimea, according to the air force."]
    paragraphs = [story[0], FURNITURE[0], story[1], *FURNITURE[1:], story[2]]
    path = tmp_path / "odesa.html"
    path.write_text("<html><head><title>Strike on Odesa</title></head><body><article>"
                    + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>", encoding="utf-8")
    (doc,), _ = ingest.read_documents((path,))
    assert [line for line in doc.text.splitlines() if line] == paragraphs  # the page's text is read whole ...
    assert ingest.content(doc).splitlines() == story  # ... but its furniture lines are not analysed
    assert not any("13.4bn" in s.text or "800 students" in s.text for s in ingest.sentences(doc))


@pytest.mark.parametrize("line", [
    "The ministry said it would share its findings with a commission of inquiry next week.",
    "Residents were told to click on the city's website for the list of shelters, which was updated on Monday.",
    "Reporting by local media said 12 people were killed in the strike on the market.",
    "THEY GET MOST OF THE GASOLINE FROM LIBYA.",
])
def test_article_lines_that_merely_share_words_with_furniture_are_kept(line):
    assert ingest.find_boilerplate(f"{STRIKE}\n{line}\n{STRIKE}", stray_headlines=False)[0] == ()


ARTICLE = f"<article><p>{STRIKE}</p><p>Rescuers searched the rubble of the apartment block overnight, the emergency service said.</p></article>"


@pytest.mark.parametrize(("head", "publisher"), [
    ('<meta property="og:site_name" content="Hosted"><link rel="canonical" href="https://hosted.ap.org/citizensvoice/article/2896af">', "AP"),
    ('<meta name="copyright" content="Copyright 2014"><link rel="canonical" href="https://www.jaraguadosul.sc.gov.br/news/x">',
     "jaraguadosul.sc.gov.br"),
    ('<meta property="og:site_name" content="https://www.hawaiinewsnow.com"><link rel="canonical" href="https://www.hawaiinewsnow.com/2019/x">',
     "hawaiinewsnow.com"),
    ('<meta property="og:site_name" content="ProFootballTalk"><link rel="canonical" href="https://profootballtalk.nbcsports.com/2019/x">',
     "ProFootballTalk"),
])
def test_a_site_name_that_names_no_publisher_gives_way_to_the_site(tmp_path, head, publisher):
    assert read_page(tmp_path, ARTICLE, head=f"<title>Strike on Odesa</title>{head}").publisher == publisher


@pytest.mark.parametrize(("head", "published"), [
    # stamped in UTC, and the same moment in the page's own time: the evening before
    ('<meta name="dc.date" content="2019-11-20T05:57:50Z"><meta name="sailthru.date" content="2019-11-19 21:57:00 -0800">', "2019-11-19"),
    ('<meta name="dc.date" content="2019-11-20T05:57:50Z">', "2019-11-20"),  # no local time given: the UTC day
    # a local time hours away is another moment (an update), not the publication's
    ('<meta name="dc.date" content="2019-11-20T05:57:50Z"><meta name="sailthru.date" content="2019-11-19 18:00:00 -0800">', "2019-11-20"),
])
def test_a_page_stamped_in_utc_is_dated_by_its_own_local_day(tmp_path, head, published):
    assert read_page(tmp_path, ARTICLE, head=f"<title>Strike on Odesa</title>{head}").published == published


def test_a_site_credit_opening_the_lead_is_no_part_of_its_first_sentence(tmp_path):
    path = tmp_path / "iran.html"
    path.write_text("<html><head><title>Protesters killed</title></head><body><article>"
                    f"<p>PanARMENIAN.Net - {STRIKE}</p><p>Rescuers searched the rubble overnight, the emergency service said.</p>"
                    "</article></body></html>", encoding="utf-8")
    (doc,), _ = ingest.read_documents((path,))
    assert ingest.sentences(doc)[0].text == STRIKE
    assert ingest.content(doc).splitlines()[0] == STRIKE


def test_a_page_left_bare_by_the_precise_reading_is_read_again_with_the_default_balance(tmp_path, monkeypatch):
    # trafilatura's precise reading of a Barron's page kept only its notice "This copy is for your
    # personal, non-commercial use only." and dropped the story: the default reading has it.
    extracted = readers._extracted

    def notice_when_precise(tree, precise):
        page, text = extracted(tree, precise)
        return (page, "This copy is for your personal, non-commercial use only.") if precise else (page, text)

    monkeypatch.setattr(readers, "_extracted", notice_when_precise)
    doc = read_page(tmp_path, ARTICLE)
    assert doc.text.startswith(STRIKE)


def test_a_feed_item_s_unshown_html_is_not_read():
    html = ("<p>Sappers cleared 300 mines near Kherson on Wednesday.</p><template><p>INVISIBLE killed 555</p></template>"
            '<div hidden><div>HIDDEN killed 111</div> still hidden</div><span style="display: none">STYLED killed 222</span>'
            '<p>The roads reopened<img hidden src="x.png"> on Thursday.</p>')
    assert readers.strip_html(html).split() == "Sappers cleared 300 mines near Kherson on Wednesday. The roads reopened on Thursday.".split()


@pytest.mark.parametrize("fragment, text", [
    ("<p hidden>Teaser<p>Russian drones struck Odesa.</p>", "Russian drones struck Odesa."),
    ('<ul><li style="display:none">x<li>Aid arrived.</ul>', "Aid arrived."),
    ("<div hidden><p>a</p><div>b</div></div><p>Rebels took Brega.</p>", "Rebels took Brega."),
])
def test_a_hidden_element_left_open_ends_where_the_next_of_its_kind_begins(fragment, text):
    # "<p hidden>teaser<p>story": the story was skipped with the teaser, and the feed item had no content
    assert readers.strip_html(fragment).strip() == text
