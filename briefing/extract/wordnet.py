"""What a noun is, from WordNet 3.0's noun files: "earthquake" is a natural phenomenon.

Read straight from Debian's `wordnet-base` (/usr/share/wordnet, or the folder the environment
variable BRIEFING_WORDNET names), without nltk: `index.noun` lists a lemma's senses, most frequent
first, as byte offsets into `data.noun`, whose line for a synset lists its hypernyms ("@", "@i").
A noun is of a class when one of its first senses has the class among its ancestors.

Without WordNet every noun is of no class: the build goes on, typing by the trigger words alone,
and says so once in the log.
"""
from __future__ import annotations

import logging
import mmap
import os
from functools import cache, lru_cache
from pathlib import Path

LOGGER = logging.getLogger(__name__)

DEFAULT_FOLDER = Path("/usr/share/wordnet")
SENSES = 2  # a noun's senses that count: its commonest ones ("storm" the weather, not the assault)


class WordNet:
    """The noun half of WordNet: each lemma's senses and each synset's hypernyms."""

    def __init__(self, folder: Path):
        self.senses: dict[str, tuple[int, ...]] = {}
        with (folder / "index.noun").open(encoding="latin-1") as index:
            for line in index:
                if line.startswith(" "):
                    continue  # the licence at the top of the file
                fields = line.split()
                pointers = int(fields[3])
                self.senses[fields[0]] = tuple(int(o) for o in fields[6 + pointers:])
        with (folder / "data.noun").open("rb") as data:
            # A map, sliced by offset: no file position that forked workers would share and move
            self._data = mmap.mmap(data.fileno(), 0, access=mmap.ACCESS_READ)

    @lru_cache(maxsize=None)
    def hypernyms(self, offset: int) -> tuple[int, ...]:
        """The synsets right above a synset: its line's "@" (hypernym) and "@i" (instance of) pointers."""
        end = self._data.find(b"\n", offset)
        fields = self._data[offset:end if end != -1 else len(self._data)].decode("latin-1").split()
        at = 4 + 2 * int(fields[3], 16)  # past the synset's words
        count = int(fields[at])
        pointers = (fields[at + 1 + 4 * i: at + 3 + 4 * i] for i in range(count))
        return tuple(int(target) for symbol, target in pointers if symbol in ("@", "@i"))

    @lru_cache(maxsize=None)
    def ancestors(self, offset: int) -> frozenset[int]:
        """A synset and every synset above it."""
        return frozenset({offset}).union(*(self.ancestors(h) for h in self.hypernyms(offset)))

    def synset(self, name: str) -> int | None:
        """The offset of a synset named as nltk names it: "natural_phenomenon.n.01"."""
        lemma, _, sense = name.rsplit(".", 2)
        senses = self.senses.get(lemma.lower(), ())
        return senses[int(sense) - 1] if 0 < int(sense) <= len(senses) else None

    def is_a(self, lemma: str, classes: frozenset[int], senses: int = SENSES) -> bool:
        """Whether one of a noun's commonest senses lies under one of the classes (synset offsets)."""
        senses = self.senses.get(lemma.lower().replace(" ", "_"), ())[:senses]
        return any(self.ancestors(s) & classes for s in senses)


def folder() -> Path:
    """Where WordNet's files are: $BRIEFING_WORDNET, else Debian's folder."""
    return Path(os.environ.get("BRIEFING_WORDNET") or DEFAULT_FOLDER)


def available() -> bool:
    """Whether WordNet's noun files are there (without loading them)."""
    return all((folder() / name).is_file() for name in ("index.noun", "data.noun"))


def edition() -> str:
    """Which WordNet a build reads ('' when none): its noun files' sizes and times, for the cache's
    extractor version, since event types depend on it."""
    if not available():
        return ""
    stats = [(folder() / name).stat() for name in ("index.noun", "data.noun")]
    return f"{folder()}:" + ",".join(f"{s.st_size}@{s.st_mtime_ns}" for s in stats)


@cache
def wordnet() -> WordNet | None:
    """WordNet, loaded once per process; None (with a warning) when its files are absent."""
    folder_ = folder()
    try:
        return WordNet(folder_)
    except OSError as error:
        LOGGER.warning("WordNet not found in %s (%s; install Debian's wordnet-base): event types come from "
                       "the trigger words alone, not from what their subjects are", folder_, error.strerror)
        return None


@cache
def noun_class(names: tuple[str, ...]) -> frozenset[int]:
    """The synsets a class is made of, by name; the names WordNet does not know are left out."""
    net = wordnet()
    if net is None:
        return frozenset()
    return frozenset(o for name in names if (o := net.synset(name)) is not None)


def is_a(lemma: str, names: tuple[str, ...], senses: int = SENSES) -> bool:
    """Whether a noun is of the class the synset names make ("earthquake", ("geological_phenomenon.n.01",)),
    by its first `senses` senses."""
    net = wordnet()
    return net is not None and net.is_a(lemma, noun_class(names), senses)
