"""Read articles and their metadata; find the lines that are not article content; split sentences.

Metadata comes, in this order, from YAML front matter at the top of a file, from a
`sources.yaml` in the article's folder, or from the text itself. Offsets of everything
extracted later point into `Document.text`, the file's text after any front matter.
"""
from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import yaml

from briefing.data import load
from briefing.errors import ConfigError
from briefing.models import Document, Sentence, Skipped, Span
from briefing.read import readers
from briefing.read.head import dateline_end, dateline_span, find_dateline, head_spans, without_controls
from briefing.read.published import published_date
from briefing.read.untrusted import (MAX_ARTICLE_BYTES, MAX_SOURCES_BYTES, TOO_LARGE, decode, inside, load_metadata,
                                       printable, visible)

LOGGER = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".txt", ".md", ".text"}
METADATA_FILE = "sources.yaml"
METADATA_KEYS = {"published", "title", "publisher", "url", "author", "note"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
MAX_BYTES = MAX_ARTICLE_BYTES
TITLE_CHARS = 300
NOT_REGULAR = "not a regular file (a named pipe, socket or device), not read"


@cache
def _boilerplate_rules() -> tuple[list[tuple[re.Pattern[str], str]], dict[str, str]]:
    data = load("boilerplate.yaml")
    rules = [(re.compile(rule["pattern"], re.I), rule["role"]) for rule in data["lines"]]
    return rules, data.get("sites") or {}


@cache
def _comment_stamps() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load("boilerplate.yaml")["comments"]), re.I)


@cache
def _entry_stamp() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load("boilerplate.yaml")["entry_stamps"]))


@cache
def _highlights() -> tuple[re.Pattern[str], int]:
    data = load("boilerplate.yaml")["highlights"]
    markers = (p.replace("{clock}", data["clock"]).replace("{zone}", data["zone"]) for p in data["markers"])
    return re.compile("|".join(f"(?:{p})" for p in markers)), data["words"]


@cache
def _metadata_rules() -> tuple[tuple[re.Pattern[str], ...], int]:
    data = load("boilerplate.yaml")
    return tuple(re.compile(p, re.I) for p in data["metadata"]), data["metadata_lines"]


def metadata_lines(text: str) -> tuple[tuple[Span, ...], dict[str, str]]:
    """Scraped metadata at the start of the first lines (" date 2023-04-02 Nation & World News",
    "Source: Reuters"): the spans of those words, and what they name (published, publisher ...)."""
    patterns, first = _metadata_rules()
    spans, found = [], {}
    for start, end, line in [line for line in text_lines(text) if line[2]][:first]:
        for pattern in patterns:
            if match := pattern.match(line):
                spans.append(Span(start=start, end=start + match.end()))
                for key, value in match.groupdict().items():
                    if value:  # a pattern may name a key in several branches: publisher, publisher1 ...
                        found.setdefault(key.rstrip("0123456789"), value.strip())
                break
    return tuple(spans), found


def _after_metadata(start: int, end: int, text: str, spans: tuple[Span, ...]) -> int:
    """Where a line's content starts, past the metadata words and head (spans sorted by start) that open it."""
    for span in spans:
        if span.start <= start < span.end < end:
            start = span.end
            while start < end and text[start] in " \t":
                start += 1
    return start


def read_documents(inputs: Iterable[Path], excluded: Iterable[Path] = ()) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Read every article under the inputs but not under `excluded` (the output folder); return the
    documents and the files skipped, with reasons."""
    inputs = tuple(inputs)
    documents, skipped, seen = [], [], set()
    for path in _article_paths(inputs, skipped, tuple(folder.resolve() for folder in excluded)):
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            if path.suffix.lower() in readers.SUFFIXES:  # saved web pages and feeds
                found, empty = readers.read(path)
                documents.extend(map(_page_boilerplate, found))
                skipped.extend(empty)
            else:
                documents.append(read_document(path))
        except (OSError, UnicodeDecodeError, ConfigError, yaml.YAMLError, ValueError) as exc:
            reason = _reason(exc)
            LOGGER.warning("skipped %s: %s", printable(str(path)), reason)
            skipped.append(Skipped(path=str(path), reason=reason))
    return _unique_sources(documents, inputs), tuple(skipped)


def _page_boilerplate(document: Document) -> Document:
    """A page's or feed item's text with its boilerplate lines marked, by the rules of a text article's."""
    boilerplate, _ = find_boilerplate(document.text, stray_headlines=False)
    metadata, _ = metadata_lines(document.text)
    return dataclasses.replace(document, boilerplate=tuple(sorted(set(boilerplate) | set(metadata), key=lambda s: (s.start, s.end))))


def _unique_sources(documents: list[Document], inputs: tuple[Path, ...]) -> tuple[Document, ...]:
    """Each document with an id of its own: a file named as one read before it (monday/index.html
    and tuesday/index.html) is known by its path in its input folder ("tuesday/index"), then by a
    number: tables, citations and the cache tell the two apart."""
    taken: set[str] = set()
    out = []
    for document in documents:
        source = document.source
        if source in taken:
            root = next((given for given in inputs if given.is_dir() and document.path.is_relative_to(given)), None)
            folder = document.path.parent.relative_to(root).as_posix() if root else "."
            # the folder before the id the reader gave (a feed's items keep their numbers: tuesday/feed-002)
            named = document.source if folder == "." else f"{printable(folder)}/{document.source}"
            source, number = named, 2
            while source in taken:
                source, number = f"{named}~{number}", number + 1
            document = dataclasses.replace(document, source=source)
        taken.add(source)
        out.append(document)
    return tuple(out)


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, yaml.YAMLError):
        return "front matter is not valid YAML"
    if isinstance(exc, OSError) and exc.strerror:  # the system's refusal, without the path the line already names
        return f"cannot be read: {exc.strerror}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _article_paths(inputs: Iterable[Path], skipped: list[Skipped], excluded: tuple[Path, ...] = ()) -> Iterator[Path]:
    """The article files under the inputs, except those under the `excluded` folders (resolved paths)."""
    suffixes = ARTICLE_SUFFIXES | readers.SUFFIXES
    for given in inputs:
        if given.is_dir():
            # the excluded folders spelled as the walk spells the paths under this input folder
            skip = tuple(given / folder.relative_to(given.resolve()) for folder in excluded
                         if folder.is_relative_to(given.resolve()))
            for path in sorted(given.rglob("*")):
                if path.suffix.lower() not in suffixes or path.name.startswith("."):
                    continue
                if skip and any(path.is_relative_to(folder) for folder in skip):
                    continue  # the output folder inside an input folder: a build's own outputs are no articles
                if path.is_symlink() and not path.exists():
                    skipped.append(Skipped(path=str(path), reason="a broken link (its target is missing, or a loop of links)"))
                elif path.is_symlink() and not inside(path, given):
                    # the folder may come from anyone: a link in it must not reach the rest of the machine
                    skipped.append(Skipped(path=str(path), reason="a link to a file outside the input folder, not followed"))
                elif path.is_file():
                    yield path
                elif not path.is_dir():  # never opened: reading a named pipe would wait for a writer for ever
                    skipped.append(Skipped(path=str(path), reason=NOT_REGULAR))
        elif given.is_file():
            if given.suffix.lower() in suffixes:
                yield given
            else:
                skipped.append(Skipped(path=str(given), reason=f"not an article file (expected {', '.join(sorted(suffixes))})"))
        elif given.exists():
            skipped.append(Skipped(path=str(given), reason=NOT_REGULAR))
        else:
            skipped.append(Skipped(path=str(given), reason="no such file or folder"))


def read_document(path: Path) -> Document:
    """Read one article with its metadata and boilerplate lines."""
    if path.stat().st_size > MAX_BYTES:
        raise ConfigError(TOO_LARGE)
    text, encoding = decode(path.read_bytes())
    meta, basis = {}, "unknown"
    if match := FRONT_MATTER.match(text):
        meta = load_metadata(match.group(1), "front matter") or {}
        if not isinstance(meta, dict):
            raise ConfigError("front matter is not a mapping of keys to values")
        text, basis = text[match.end():], "front_matter"
    else:
        meta = folder_metadata(path.parent).get(path.name, {})
        basis = "sources_yaml" if meta else "unknown"
    if not text.strip():
        raise ConfigError("empty article")
    if unknown := sorted(set(map(str, meta)) - METADATA_KEYS):
        LOGGER.warning("%s: unknown metadata key %s (known: %s)", path.name, ", ".join(unknown), ", ".join(sorted(METADATA_KEYS)))
    published = published_date(meta.get("published"), path)
    boilerplate, found = find_boilerplate(text)
    metadata, stated = metadata_lines(text)
    boilerplate = tuple(sorted(set(boilerplate) | set(metadata), key=lambda s: (s.start, s.end)))
    for key, value in stated.items():
        found.setdefault(key, value)
    if published is None and "published" in found:
        published, basis = published_date(found["published"], path), "metadata_line"
    if (dateline := find_dateline(text)) and dateline.agency:
        found.setdefault("publisher", dateline.agency.strip())
    title = title_of(meta.get("title")) or title_of(found.get("title")) or title_of(headline(text, boilerplate))
    # the head above an agency's dateline (highlights, a caption) is furniture, once the title is taken from it
    known = set(boilerplate)
    head = tuple(s for s in head_spans(text) if s not in known)
    boilerplate = tuple(sorted(set(boilerplate) | set(head), key=lambda s: (s.start, s.end)))
    return Document(
        source=printable(path.stem),  # an id in tables and on terminals: no escape codes, no undecodable bytes
        path=path,
        text=text,
        title=title,
        publisher=_str(meta.get("publisher")) or found.get("publisher"),
        url=_str(meta.get("url")) or found.get("url"),
        author=_str(meta.get("author")) or found.get("author"),
        published=published,
        published_basis=basis if published else "unknown",
        boilerplate=boilerplate,
        head=head,
        encoding=encoding,
    )


def _str(value: object) -> str | None:
    """A metadata value as text; a list or a mapping (`title: [a, b]`) is no value."""
    return str(value).strip() if value not in (None, "") and not isinstance(value, (list, dict)) else None


def title_of(value: object) -> str | None:
    """A title from metadata or the headline, on one line and cut to TITLE_CHARS."""
    text = " ".join(_str(value).split()) if _str(value) else ""
    if not visible(text):  # only zero-width or blank characters: no title, so the next source of one is used
        return None
    return text[:TITLE_CHARS - 2].rsplit(" ", 1)[0] + " …" if len(text) > TITLE_CHARS else text


def folder_metadata(folder: Path) -> dict[str, dict]:
    """The metadata of a folder's sources.yaml by file name; a faulty file raises the same error for each article."""
    found = _parsed_folder_metadata(folder)
    if isinstance(found, ConfigError):
        raise found
    return found


@cache
def _parsed_folder_metadata(folder: Path) -> dict[str, dict] | ConfigError:
    """Parsed once per folder, its error too: a bad sources.yaml is not parsed again for every article."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}
    if not inside(path, folder):
        return ConfigError(f"{path} is a link to a file outside the input folder, not followed")
    if not path.is_file():  # never opened: reading a named pipe would wait for a writer for ever
        return ConfigError(f"{path} is {NOT_REGULAR}")
    try:
        if path.stat().st_size > MAX_SOURCES_BYTES:  # not read at all
            raise ConfigError(f"{path} is larger than the {MAX_SOURCES_BYTES // 1_000_000} MB cap on metadata")
        data = load_metadata(path.read_text("utf-8"), str(path), cap=MAX_SOURCES_BYTES) or {}
    except (ConfigError, OSError, UnicodeDecodeError) as exc:
        return ConfigError(str(exc) if isinstance(exc, ConfigError) else f"{path} cannot be read: {exc}")
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return ConfigError(f"{path} must map each file name to its metadata (published, title, publisher, url, author)")
    return {str(name): entry for name, entry in data.items()}


def text_lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        yield pos + lead, pos + len(body.rstrip()), body.strip()
        pos += len(line)


def find_boilerplate(text: str, stray_headlines: bool = True) -> tuple[tuple[Span, ...], dict[str, str]]:
    """Return the lines that are not article content, and the metadata they reveal. A page's extractor
    has left out the headlines of other stories: `stray_headlines=False` keeps its title-like lines
    (list items, subheads) that share few words with the rest."""
    rules, sites = _boilerplate_rules()
    spans, found = [], {}
    lines = [line for line in text_lines(text) if line[2]]
    comments = next((i for i, (_, _, line) in enumerate(lines) if _comment_stamps().search(line)), len(lines))
    spans.extend(Span(start=s, end=e) for s, e, _ in lines[comments:])  # readers' comments, to the end
    for index, (start, end, line) in enumerate(lines[:comments]):
        for pattern, role in rules:
            if not (match := pattern.fullmatch(line)):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v}
            if role == "byline":
                # A blog's credit line: what stands before it is the blog's own preface.
                spans.extend(Span(start=s, end=e) for s, e, _ in lines[:index])
                found.setdefault("author", groups["author"])
                found.setdefault("publisher", groups["publisher"].strip())
            elif role == "source" and "site" in groups:
                site = groups["site"].lower().removeprefix("https://").removeprefix("http://").rstrip("/.")
                if "/" in site:  # a page, not just the site's home
                    found.setdefault("url", "https://" + site)
                domain = site.split("/")[0].removeprefix("www.")
                found.setdefault("publisher", sites.get(domain, domain))
            spans.append(Span(start=start, end=end))
            break
        else:
            if stray_headlines and 0 < index < len(lines) - 1 and _stray_headline(line, text):
                spans.append(Span(start=start, end=end))
    return tuple(sorted(set(spans), key=lambda s: s.start)), found


def content(document: Document) -> str:
    """The text the stages analyse: the article's lines, one a line, without its boilerplate lines and
    the metadata words that open a line ("Source: Reuters")."""
    skip = {(s.start, s.end) for s in document.boilerplate}
    return "\n".join(document.text[_after_metadata(start, end, document.text, document.boilerplate):end]
                     for start, end, line in text_lines(document.text) if line and (start, end) not in skip)


STOPWORDS = frozenset(
    "a an and are as at be by for from has have how in into is it its of on or our that the their this to was "
    "were what when where which who why will with".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOPWORDS}


def _stray_headline(line: str, text: str) -> bool:
    """A title-like line in the middle of an article that shares almost no words with it."""
    words = line.split()
    if not 3 <= len(words) <= 14 or line[-1] in ".!?”\"'" or sum(w[0].isupper() for w in words) < len(words) / 2:
        return False
    mine = _content_words(line)
    rest = _content_words(text.replace(line, " "))
    return bool(mine) and len(mine & rest) / len(mine) < 0.34


def headline(text: str, boilerplate: tuple[Span, ...] = ()) -> str:
    """Return the article's headline line, or failing that its first sentence, shortened."""
    skip = {(s.start, s.end) for s in boilerplate}
    for start, end, line in text_lines(text):
        if not visible(line) or (start, end) in skip:
            continue
        line = text[_after_metadata(start, end, text, boilerplate):end]
        if not (line := without_controls(line.lstrip("#"))):
            continue  # only a Markdown heading's marks, or a page's controls ("+ ↺ − 16 px", "✕ Close")
        words = line.split()
        if len(words) <= 16 and line[-1] not in ".!?" and not line.endswith(":"):
            return line
        lo, hi = dateline_span(line)  # the head before a dateline inside the line, else the story after it
        opening = _first_highlight(line[:lo]) if line[:lo].strip() else line[hi:]
        first = (split_sentences_in(opening) or [(0, 0, line)])[0][2]
        return first if len(first.split()) <= 16 else " ".join(first.split()[:14]) + " …"
    return "Untitled"


# A sentence ends at . ! ? (and any closing quote or bracket) before white space and a capital,
# a digit or an opening quote; or, with no space, at a closing quote glued to a capital ("forces.”A
# drone") or a stop between a word and a capitalised one ("told reporters.Taiwan's ministry"): pages
# that lose the break between two paragraphs run them together so.
SENTENCE_END = re.compile(r"""(?<=[.!?])(?P<close>["”’)\]]*)(?:\s+|(?<=[”"])(?=[A-Z])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))(?=["“‘(\[]?[A-Z0-9])""")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|St|Jr|Sr|Inc|Corp|Ltd|Co|No|vs|etc|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|approx|est)\.|\b[A-Z]\.|\b(?:a\.m|p\.m|U\.S|U\.K|U\.N|E\.U)\.)$"
)


def split_sentences_in(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Split a paragraph into sentences; return (start, end, text) with offsets shifted by `offset`."""
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end("close")
        candidate = text[start:end]
        if ABBREVIATIONS.search(text[max(0, match.start() - 6):match.start()]):
            continue
        if candidate.strip():
            out.append((start, end, candidate))
        start = match.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip()), text[start:].rstrip()))
    return [(s + offset, e + offset, t) for s0, e0, t0 in out for s, e, t in _pieces(s0, e0, t0)]


# Longer than any sentence of news (the longest of the seeds, the dev set and the hostile battery:
# 862 characters), a run of text without a full stop is read in pieces of at most this length: what
# reads a sentence may take time that grows faster than the sentence (its words against its
# words), and a piece keeps that bounded, so that an article takes time in proportion to its length.
MAX_SENTENCE_CHARS = 3_000


def _pieces(start: int, end: int, text: str) -> list[tuple[int, int, str]]:
    """A sentence, or a run of text too long for one cut at spaces into pieces of MAX_SENTENCE_CHARS at most."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return [(start, end, text)]
    out, lo = [], 0
    while lo < len(text):
        hi = min(lo + MAX_SENTENCE_CHARS, len(text))
        if hi < len(text) and (space := text.rfind(" ", lo + MAX_SENTENCE_CHARS // 2, hi)) != -1:
            hi = space  # at a space in the second half of the piece, else inside a long word
        piece = text[lo:hi].rstrip()
        if piece.strip():
            out.append((start + lo, start + lo + len(piece), piece))
        lo = hi
        while lo < len(text) and text[lo].isspace():
            lo += 1
    return out


def sentences(document: Document) -> tuple[Sentence, ...]:
    """Split an article's content (boilerplate left out) into sentences with offsets into its text."""
    skip = {(s.start, s.end) for s in document.boilerplate}
    out, paragraph = [], 0
    opening = dateline_end(document.text)  # the dateline is metadata, not part of the lead sentence
    for start, end, line in text_lines(document.text):
        if not line or (start, end) in skip:
            continue
        start = _after_metadata(start, end, document.text, document.boilerplate)
        if start < opening < end:
            start = opening
        paragraph += 1
        for s, e, t in split_sentences_in(document.text[start:end], start):
            for s, e, t in _highlight_pieces(s, e, t):
                out.append(Sentence(source=document.source, start=s, end=e, text=t, paragraph=paragraph))
    return tuple(out)


def _first_highlight(text: str) -> str:
    """The text up to its first marker after the start, without a marker opening it."""
    marker = _highlights()[0]
    if cut := next((m for m in marker.finditer(text) if m.start() > 0), None):
        text = text[:cut.start()]
    opening = marker.match(text) or _entry_stamp().match(text)
    return text[opening.end():].strip() if opening and opening.end() < len(text.rstrip()) else text.strip()


def _highlight_pieces(start: int, end: int, text: str) -> Iterator[tuple[int, int, str]]:
    """A sentence cut at each highlight marker inside it ("... the capital NEW: Rebel spokesman ..."),
    without a live blog's entry stamp before it; a marked piece that is a highlight (short, unfinished) left out."""
    marker, most = _highlights()
    marks = list(marker.finditer(text))
    cuts = [(0, 0)] + [(m.start(), m.end()) for m in marks] + [(len(text), len(text))]
    for (lo, skip), (hi, _) in zip(cuts, cuts[1:]):
        piece = text[skip:hi].rstrip()
        stamp = _entry_stamp().match(piece) if skip == lo else None
        marked = skip > lo or bool(stamp and stamp.end() < len(piece))
        if stamp and stamp.end() < len(piece):  # a live blog's entry stamp, or a highlight's marker
            skip, piece = skip + stamp.end(), piece[stamp.end():]
        if not piece.strip() or (marked and len(piece.split()) <= most and _unfinished(piece)):
            continue
        yield start + skip, start + skip + len(piece), piece


REPEAT_CANDIDATES = 200  # per word: the latest kept sentences that hold it, so that time stays linear in any text


def distinct(sentences: tuple[Sentence, ...], threshold: float = 0.6) -> tuple[Sentence, ...]:
    """Leave out a sentence that repeats an earlier one (a pull quote that repeats the lead).

    Two sets of words this alike share one of the rarest words of each (prefix filtering): each
    sentence is compared only with the kept ones that share one (the latest REPEAT_CANDIDATES of
    them), not with all of them. A headline or standfirst (no closing punctuation) gives way to the
    full sentence that repeats it: the lead is the one told with its date and source."""
    bags = [set(re.findall(r"\w+", s.text.lower())) for s in sentences]
    frequency = Counter(w for words in bags for w in words)
    kept, seen, holders = [], [], {}
    for sentence, words in zip(sentences, bags):
        rarest = sorted(words, key=lambda w: (frequency[w], w))[:len(words) - math.ceil(threshold * len(words)) + 1]
        same = []
        if len(words) >= 6:
            others = {i for w in rarest for i in holders.get(w, ())[-REPEAT_CANDIDATES:]}
            same = [i for i in sorted(others) if len(words & seen[i]) / len(words | seen[i]) >= threshold]
        if same and _unfinished(kept[same[0]].text) and not _unfinished(sentence.text):
            index = same[0]
            kept[index], seen[index] = sentence, words
        elif same:
            continue
        else:
            index = len(seen)
            kept.append(sentence)
            seen.append(words)
        for w in rarest:
            holders.setdefault(w, []).append(index)
    return tuple(sorted(kept, key=lambda s: s.start))


def _unfinished(text: str) -> bool:
    return not text.rstrip().endswith((".", "!", "?", "”", '"', "’", "'", ")"))
