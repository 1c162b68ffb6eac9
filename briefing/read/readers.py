"""Read the articles people save from the web: HTML pages (trafilatura) and RSS/Atom feeds (feedparser).

Each reader returns Documents whose `text` is the extracted article text, so that every offset
found later points into that text, as for a .txt article. A page or feed that yields no article
text raises ConfigError with the reason; ingest skips the file and lists it.
"""
from __future__ import annotations

import logging
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

from briefing.errors import ConfigError
from briefing.models import Document, Skipped
from briefing.read import pages
from briefing.read.published import PUBLISHED_YEARS, plausible_year
from briefing.read.untrusted import printable

LOGGER = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 20_000_000  # a page saved with its images inlined is larger than a text article
# Only a page's own metadata dates it; a guess from dates in its body would date the page by its news.
# A table's rows come as "| cell | cell |" lines, its header ruled off by "|---|---|": not text.
TABLE_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$", re.M)
SHORT_TEXT = 500  # characters: shorter than a news story's text
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def read(path: Path) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Read a saved page or feed: its articles, and the feed items that had no text."""
    if path.stat().st_size > MAX_BYTES:
        raise ConfigError(f"larger than {MAX_BYTES // 1_000_000} MB, not a saved article or feed")
    raw = path.read_bytes()
    if path.suffix.lower() in HTML_SUFFIXES:
        return (read_html(path, raw),), ()
    return read_feed(path, raw)


def read_html(path: Path, raw: bytes) -> Document:
    """The article of a saved web page, with its title, author, site name and date."""
    tree = pages.shown(raw)
    page, text = _extracted(tree, precise=True)
    # Precision first: trafilatura leaves out more of the page around the story. A page it leaves
    # (almost) bare that way, a notice where the story was, is read again with the default balance.
    if len(text) < SHORT_TEXT:
        balanced, more = _extracted(tree, precise=False)
        if len(more) > 3 * len(text):
            page, text = balanced, more
    if not text:
        raise ConfigError("no article text found in the page")
    return Document(
        source=printable(path.stem),
        path=path,
        text=text,
        title=_clean(page.title) or _first_line(text),
        publisher=pages.publisher(_clean(page.sitename), _clean(page.url) or (page.hostname and f"https://{page.hostname}")),
        url=_clean(page.url),
        author=_clean(page.author),
        published=pages.local_date(tree, _clean(page.date)),
        published_basis="page_metadata" if page.date else "unknown",
    )


def _extracted(tree, precise: bool):
    """trafilatura's reading of a page tree (text, title, author, site, date) and its article text."""
    import trafilatura

    if tree is None:
        return None, ""
    page = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                       favor_precision=precise, date_extraction_params=DATE_PARAMS)
    return page, _paragraphs(TABLE_RULE.sub("", page.text)) if page and page.text else ""


def read_feed(path: Path, raw: bytes) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Each item of an RSS or Atom feed as an article: title, link, date and content or summary."""
    import feedparser

    feed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        if feed.get("bozo") and not feed.get("version"):
            reason = str(feed.get("bozo_exception") or "unreadable").splitlines()[0]
            raise ConfigError(f"not an RSS or Atom feed ({reason})")
        raise ConfigError("feed has no items")
    publisher = _clean(feed.feed.get("title"))
    documents, skipped = [], []
    for number, item in enumerate(feed.entries, 1):
        source = f"{printable(path.stem)}-{number:03d}"
        text = _paragraphs(strip_html(_item_body(item)))
        if not text:
            skipped.append(Skipped(path=f"{path}#{number}", reason="feed item has no content or summary"))
            continue
        published = _item_date(item)
        if published and not plausible_year(published):  # "0001-01-01", "9999-12-31": no date a build can resolve against
            skipped.append(Skipped(path=f"{path}#{number}", reason=f"published date {published} is outside the years "
                                                                   f"{PUBLISHED_YEARS[0]}–{PUBLISHED_YEARS[1]} of news articles"))
            continue
        documents.append(Document(
            source=source,
            path=path,
            text=text,
            title=_clean(strip_html(item.get("title", ""))) or _first_line(text),
            publisher=publisher,
            url=_clean(item.get("link")),
            author=_clean(item.get("author")),
            published=published,
            published_basis="feed" if published else "unknown",
        ))
    return tuple(documents), tuple(skipped)


def _item_body(item) -> str:
    """The fullest text an item carries: its content, else its summary or description."""
    contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
    return max(contents, key=len) if contents else item.get("summary", "")


def _item_date(item) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if parsed := item.get(key):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    for key in ("published", "updated"):  # a date feedparser could not parse but ISO-like
        if (value := item.get(key)) and (match := re.match(r"\d{4}-\d{2}-\d{2}", value)):
            try:
                return datetime.strptime(match.group(), "%Y-%m-%d").date().isoformat()
            except ValueError:
                pass
    return None


class _TextOfHTML(HTMLParser):
    """Collect the text of an HTML fragment, a line break at each block element, without the elements
    a browser does not show (scripts, templates, `hidden`, `display: none`)."""

    BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre".split())
    SKIP = frozenset({"script", "style", "noscript", "template"})
    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipped: str | None = None  # the tag of the unshown element being skipped ...
        self.depth = 0  # ... and how deep in elements of that tag

    def handle_starttag(self, tag, attrs) -> None:
        if self.skipped is not None:
            self.depth += tag == self.skipped
        elif (tag in self.SKIP or pages.unshown(dict(attrs))) and tag not in self.VOID:
            self.skipped, self.depth = tag, 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if self.skipped is not None:
            if tag == self.skipped:
                self.depth -= 1
                if not self.depth:
                    self.skipped = None
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if self.skipped is None:
            self.parts.append(data)


def strip_html(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), one line per block."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    parser = _TextOfHTML()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def _paragraphs(text: str) -> str:
    """One paragraph a line, spaces collapsed, no blank runs: the shape of a saved .txt article."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _first_line(text: str) -> str:
    line = text.split("\n", 1)[0]
    words = line.split()
    return line if len(words) <= 16 else " ".join(words[:14]) + " …"
