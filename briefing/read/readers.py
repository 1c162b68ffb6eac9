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
from briefing.read.untrusted import MAX_ARTICLE_BYTES, TOO_LARGE, printable, visible

LOGGER = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 20_000_000  # a page saved with its images inlined is larger than a text article
MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
RFC_822 = re.compile(r"(?:[A-Za-z]+,?\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4}|\d{2})"
                     r"(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?(?:\s*([+-]\d{4}|[A-Za-z]{1,5}))?\s*$")
ISO_8601 = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?)?"
                      r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$")
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
    # Extraction takes time that grows faster than the page (19 MB of paragraphs: over two minutes), so
    # a page whose whole text is over the cap is refused before it; the article is never more than it.
    if tree is not None and _text_chars(tree) > MAX_ARTICLE_BYTES:
        raise ConfigError(f"the page's text is {TOO_LARGE}")
    page, text = _extracted(tree, precise=True)
    # Precision first: trafilatura leaves out more of the page around the story. A page it leaves
    # (almost) bare that way, a notice where the story was, is read again with the default balance.
    if len(text) < SHORT_TEXT:
        balanced, more = _extracted(tree, precise=False)
        if len(more) > 3 * len(text):
            page, text = balanced, more
    if not text:
        raise ConfigError("no article text found in the page")
    if _too_large(text):
        raise ConfigError(f"its article text is {TOO_LARGE}")
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
        if _too_large(text):
            skipped.append(Skipped(path=f"{path}#{number}", reason=f"feed item's text is {TOO_LARGE}"))
            continue
        try:
            published = _item_date(item)
        except ValueError as exc:
            skipped.append(Skipped(path=f"{path}#{number}", reason=str(exc)))
            continue
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


def _too_large(text: str) -> bool:
    """Whether an article's text is over the size cap (in UTF-8, as a .txt file's bytes are counted)."""
    return len(text) > MAX_ARTICLE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES


def _text_chars(root) -> int:
    """The characters of a parsed page's text outside scripts and styles: no article taken out of it has more."""
    chars = 0
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in ("script", "style", "noscript") and element.text:
            chars += len(element.text)
        chars += len(element.tail or "")
    return chars


def _item_body(item) -> str:
    """The fullest text an item carries: its content, else its summary or description."""
    contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
    return max(contents, key=len) if contents else item.get("summary", "")


def _item_date(item) -> str | None:
    """The day an item was published, as written (in the feed's own zone, like a front matter date).

    feedparser normalises what it reads: `2024-13-45T99:99:99Z` becomes 2025-01-01 and a `+2400`
    offset moves the day; so the raw string is read here, and a date or time that cannot exist
    raises ValueError with the reason (the item is skipped). A form read here by neither pattern
    is left to feedparser."""
    for key in ("published", "updated", "created"):
        raw = item.get(key)
        if not raw:
            continue
        written = _written_date(str(raw).strip())
        if written is not None:
            return written.isoformat()
        if parsed := item.get(f"{key}_parsed"):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _written_date(raw: str) -> date | None:
    """The date of an RFC 822 (RSS) or ISO 8601 (Atom) date-time, checked field by field; None for another form."""
    if match := RFC_822.match(raw):
        day, month, year, hour, minute, second, zone = match.groups()
        year = int(year) + (2000 if len(year) == 2 and int(year) < 50 else 1900 if len(year) == 2 else 0)
        month = MONTHS.get(month[:3].lower())
        if month is None:
            return None
    elif match := ISO_8601.match(raw):
        year, month, day, hour, minute, second, zone = match.groups()
    else:
        return None
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          59 if second == "60" else int(second or 0))  # :60, a leap second
    except ValueError as exc:
        raise ValueError(f"published date {printable(raw)[:60]} is not a date and time that exists ({exc})") from None
    offset = (zone or "").replace(":", "")
    if re.fullmatch(r"[+-]\d{2,4}", offset) and (int(offset[1:3]) > 14 or int(offset[3:5] or 0) > 59):
        raise ValueError(f"published date {printable(raw)[:60]} has an offset, {zone}, that is no time zone's")
    return moment.date()


class _TextOfHTML(HTMLParser):
    """Collect the text of an HTML fragment, a line break at each block element, without the elements
    a browser does not show (scripts, templates, `hidden`, `display: none`)."""

    BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre".split())
    SKIP = frozenset({"script", "style", "noscript", "template"})
    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
    # Elements whose end tag may be left out: a new one of the same name ends the last ("<p>a<p>b")
    SELF_CLOSING = frozenset("p li dt dd tr td th option".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipped: str | None = None  # the tag of the unshown element being skipped ...
        self.depth = 0  # ... and how deep in elements of that tag

    def handle_starttag(self, tag, attrs) -> None:
        if self.skipped is not None:
            if tag == self.skipped and tag in self.SELF_CLOSING and self.depth == 1:
                self.skipped = None  # "<p hidden>teaser<p>story": the hidden paragraph ended where this one begins
                self.handle_starttag(tag, attrs)
            else:
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
    """A metadata value on one line; None when it shows nothing (only zero-width or blank characters)."""
    text = " ".join(str(value).split()) if value else ""
    return text if visible(text) else None


def _first_line(text: str) -> str:
    line = text.split("\n", 1)[0]
    words = line.split()
    return line if len(words) <= 16 else " ".join(words[:14]) + " …"
