"""Read what an input folder holds as untrusted: its text, its YAML and its links.

An input folder may come from anyone. Nothing in it may make a build read outside it (a link to
/etc/passwd), run code or eat the machine's memory (YAML tags and aliases), or stop the build
(an encoding other than UTF-8). Each refusal is an `UntrustedInput` whose message is the reason
the file is skipped.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import yaml

from briefing.errors import ConfigError

# The size cap on one article's text: a long feature is 100 KB. A .txt file over it is not read; the text
# taken out of a saved page or a feed item over it is skipped the same way.
MAX_ARTICLE_BYTES = 2_000_000
TOO_LARGE = f"larger than the {MAX_ARTICLE_BYTES // 1_000_000} MB size cap on an article"
MAX_METADATA_BYTES = 64_000  # one article's front matter: a few keys, never megabytes
# One sources.yaml: a few keys for each article of its folder, some 100 bytes each; aliases are refused,
# so parsing takes time in proportion to the size: this is some 100,000 articles.
MAX_SOURCES_BYTES = 16_000_000
# A byte-order mark says the encoding; without one, UTF-8, else Windows-1252 (a superset of the
# printable Latin-1), else Latin-1, which decodes any byte.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
FALLBACKS = ("utf-8", "cp1252", "latin-1")
LONE_CR = re.compile(r"\r(?!\n)")
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
BLANK_FILLERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")  # letters by category, blank on the page
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class UntrustedInput(ConfigError):
    """A file of the input folder that is refused; the message is the reason."""


def decode(raw: bytes) -> tuple[str, str]:
    """Decode an article's bytes; return the text (lone CRs made LFs) and the encoding assumed."""
    marked = next((name for bom, name in BOMS if raw.startswith(bom)), None)
    if marked is None and b"\x00" in raw:  # anywhere: a NUL is no character of a text in UTF-8 or an 8-bit code
        raise UntrustedInput("binary file, not text")
    for name in (marked,) if marked else FALLBACKS:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if name != "utf-8" and CONTROL.search(text):
            break  # control characters: bytes of no text encoding, whatever its mark says
        # A lone CR ends a line (old Mac files); as a LF it does so for every reader, and keeps every offset.
        return _lone_cr_as_lf(text), name.removesuffix("-sig")
    raise UntrustedInput("binary file, not text")


def _lone_cr_as_lf(text: str) -> str:
    return LONE_CR.sub("\n", text) if "\r" in text else text


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader without aliases (a 1 KB "billion laughs" expands to gigabytes) and without
    implicit timestamps (an impossible date such as 2024-02-30 is the file's fault, not a crash)."""

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML's hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted in metadata",
                                              event.start_mark)
        return super().compose_node(parent, index)


_NoAliasLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_metadata(text: str, where: str, cap: int = MAX_METADATA_BYTES) -> object:
    """Parse metadata YAML that came with the articles: size-capped, no aliases, no tags beyond plain data."""
    if len(text.encode("utf-8", "replace")) > cap:
        size = f"{cap // 1_000_000} MB" if cap >= 1_000_000 else f"{cap // 1000} KB"
        raise UntrustedInput(f"{where} is larger than the {size} cap on metadata")
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UntrustedInput(f"{where} is not valid YAML: {problem}") from None


def printable(text: str) -> str:
    """A file name as it may be shown on a terminal or in a table cell: control characters
    (an escape sequence that recolours the terminal, a newline that starts a false line),
    direction overrides and bytes that are not UTF-8 written out as escapes (\\x1b, \\n, \\xff)."""
    return UNPRINTABLE.sub(_escaped, text) if UNPRINTABLE.search(text) else text


def visible(text: str) -> bool:
    """Whether a text shows anything: a letter, digit, mark of punctuation or symbol. Spaces, format
    characters (zero-width space and joiners, direction marks, soft hyphen) and the blank fillers
    (Hangul filler, Braille blank) show nothing: a title made only of them is no title."""
    return any(not unicodedata.category(c).startswith(("Z", "C")) and c not in BLANK_FILLERS for c in text)


def _escaped(match: re.Match) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # a byte of a name that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def inside(path: Path, folder: Path) -> bool:
    """Whether a path, links followed, stays inside a folder (links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False
