"""The extraction cache: each article's Extraction in SQLite, keyed by its content hash and the
extractor's version, so that a rebuild over a folder that grew extracts only what is new.

The store is never trusted blindly: a file that is not SQLite, another program's database or one
written by another schema is replaced with a warning, an `extraction` table of other columns is made
anew with a warning; a record that does not decode to an Extraction, field by field and type by type,
is a miss. Records are JSON of the models' own dataclasses (never pickle: a cache file is data, not
code). Two builds may share a cache at once: WAL journal, a busy timeout, one transaction a write.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import re
import sqlite3
import sys
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from briefing import __version__
from briefing.errors import ConfigError
from briefing.extract import parse, wordnet
from briefing.models import Document, Extraction

LOGGER = logging.getLogger(__name__)

FILE_NAME = "briefing-cache.sqlite"
APPLICATION = "briefing extraction cache"
SCHEMA = "1"
COLUMNS = ("key", "extractor", "record")
BUSY_MS = 60_000  # another build writing: wait for it rather than fail
PACKAGE = Path(__file__).resolve().parent
# The module that runs an article's extraction (`extract_article`): its code, the briefing modules it
# imports (and they import), the word lists and patterns of data/ and the libraries they import
# (spaCy and its model among them) make the extractor's version; a change to any of them is a new version.
EXTRACTOR_ROOTS = ("extract.article",)
EXTRACTOR_DATA = "data"
IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(?P<module>\w[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#]*)"
                    r"|import[ \t]+(?P<plain>[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))", re.M)


@cache
def extractor_version() -> str:
    """A hash of the extractor's code, data, libraries, spaCy model and WordNet (see `fingerprint`)."""
    return fingerprint(PACKAGE, EXTRACTOR_ROOTS, _library_version, wordnet.edition())


def fingerprint(package: Path, roots: Iterable[str], library: Callable[[str], str], resources: str = "") -> str:
    """A hash of the package version, of the code of the `roots` modules and of every package module
    they import, of the data folder, of `library(name)` for each library those modules import and
    for the spaCy model they load, and of `resources` (which WordNet the event types come from)."""
    digest = hashlib.sha256(__version__.encode() + b"\0" + resources.encode() + b"\0")
    files, libraries = _closure(package, roots)
    files |= {p for p in (package / EXTRACTOR_DATA).rglob("*") if p.is_file() and p.suffix != ".pyc"}
    for file in sorted(files):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    # the model is loaded by name, not imported: no import statement names it
    for name in sorted(libraries | {"spacy", parse.MODEL_PACKAGE}):
        digest.update(f"{name}={library(name)}\0".encode())
    digest.update(repr(parse.DISABLED).encode())
    return digest.hexdigest()[:16]


def _closure(package: Path, roots: Iterable[str]) -> tuple[set[Path], set[str]]:
    """The files of the `roots` modules and of the package modules they import, followed from each
    import (a module's packages run their `__init__` first, so those are followed too); and the other
    libraries imported."""
    files, libraries, todo, seen = set(), set(), list(roots), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = package / f"{name.replace('.', '/')}.py"
        if not path.is_file():
            path = package / name.replace(".", "/") / "__init__.py"
        if not path.is_file():
            continue
        files.add(path)
        todo += [name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)]  # its packages
        for module in _imports(path.read_text("utf-8")):
            top, _, rest = module.partition(".")
            if top == package.name and rest:
                todo.append(rest)
            elif top != package.name and top not in sys.stdlib_module_names:
                libraries.add(top)
    return files, libraries


def _imports(code: str) -> list[str]:
    """The modules an import statement of this code names, at any depth ('from a import b' names a and a.b)."""
    names = []
    for match in IMPORT.finditer(code):
        if match["module"]:
            imported = (n.split(" as ")[0].strip() for n in match["names"].strip("()").replace("\\", "").split(","))
            names += [match["module"], *(f"{match['module']}.{n}" for n in imported if n and not n.startswith("#"))]
        else:
            names += [n.split(" as ")[0].strip() for n in match["plain"].split(",")]
    return names


def _library_version(name: str) -> str:
    """The installed version of the library imported as `name` ('' if it is not installed)."""
    if version := getattr(sys.modules.get(name), "__version__", None):
        return str(version)
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:  # imported under another name than its distribution's
        pass
    for distribution in importlib.metadata.packages_distributions().get(name, []):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return importlib.metadata.version(distribution)
    return ""


def content_key(document: Document) -> str:
    """The hash of everything about an article that its extraction reads (not where the file lies)."""
    fields = {f.name: getattr(document, f.name) for f in dataclasses.fields(document) if f.name != "path"}
    return hashlib.sha256(json.dumps(_encode(fields), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


PLAIN = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # a record type's fields, read once (a build encodes ~300,000 values)


def _encode(value):
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is tuple or kind is list:
        return [_encode(v) for v in value]
    if (names := _FIELD_NAMES.get(kind)) is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {"@": kind.__name__, **{name: _encode(getattr(value, name)) for name in names}}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


class Unusable(ValueError):
    """A cache record that is not the record it should be: another type, a missing field, a wrong value."""


def _decode(value, kind: type | object = Extraction):
    """The record of type `kind` that JSON `value` encodes, checked field by field against the models'
    annotations; Unusable when it is not one (a record of another type, a field of the wrong type)."""
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict) or value.get("@") != kind.__name__:
            raise Unusable(f"not a {kind.__name__} record")
        hints = _field_types(kind)
        fields = {k: v for k, v in value.items() if k != "@"}
        if unknown := set(fields) - set(hints):
            raise Unusable(f"{kind.__name__} has no field {sorted(unknown)[0]!r}")
        try:
            return kind(**{k: _decode(v, hints[k]) for k, v in fields.items()})
        except TypeError as exc:  # a field missing
            raise Unusable(str(exc)) from None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and isinstance(value, list):
        return tuple(_decode(v, args[0]) for v in value)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _decode(value, inner[0])
    elif kind is float and type(value) in (int, float):
        return value  # JSON writes 3.0 as 3.0, but a whole number stored as an int stays one
    elif kind in (str, int, bool) and type(value) is kind:
        return value
    raise Unusable(f"{value!r:.40} is not a {getattr(kind, '__name__', kind)}")


@cache
def _field_types(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if any is left: SQLite ends one itself on some errors (a full disk),
    and a SIGTERM handled just after COMMIT returns raises inside the `try` with none left. A failed
    ROLLBACK must not hide the error (or the signal) that made it necessary."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def check_folder(folder: Path, option: str = "--cache") -> Path:
    """Refuse a cache folder given by the user that is plainly someone else's: one that holds other
    files and no cache of ours (`--cache /etc`, `--cache ~`). A folder that does not exist yet, an
    empty one, or one with a cache in it will do."""
    try:
        names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    except OSError:
        return folder  # cannot be listed: the store says why when it cannot open its file
    ours = {FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm"}
    if names and FILE_NAME not in names:
        others = sorted(names - ours) or sorted(names)  # a journal left without its cache is named too
        raise ConfigError(f"{option} {folder} holds other files ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}) "
                          f"and no extraction cache: give a folder of its own (it is made if missing)")
    return folder


class Store:
    """An open extraction cache; use as a context manager."""

    def __init__(self, folder: Path):
        self.path = folder / FILE_NAME
        self.version = extractor_version()
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            LOGGER.warning("cache %s is not usable (%s): making it anew", self.path, exc)
            self._set_aside()
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            try:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not tables:
                    self._create(db)
                elif not {"meta", "extraction"} <= tables:
                    raise sqlite3.DatabaseError("another program's database")
                else:
                    self._check(db)
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise
        except BaseException:
            db.close()
            raise
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._create_extraction(db)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("application", APPLICATION), ("schema", SCHEMA),
                                                          ("extractor", self.version)])

    @staticmethod
    def _create_extraction(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE extraction (key TEXT NOT NULL, extractor TEXT NOT NULL, record TEXT NOT NULL, "
                   "PRIMARY KEY (key, extractor))")

    def _check(self, db: sqlite3.Connection) -> None:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("application") != APPLICATION:
            raise sqlite3.DatabaseError("another program's database")
        if meta.get("schema") != SCHEMA:
            raise sqlite3.DatabaseError(f"schema {meta.get('schema')}, this version reads {SCHEMA}")
        columns = tuple(row[1] for row in db.execute("PRAGMA table_info(extraction)"))
        if columns != COLUMNS:  # a table a record could not be read from or written to: made anew
            LOGGER.warning("cache %s has an extraction table of other columns (%s): making it anew", self.path,
                           ", ".join(columns) or "none")
            db.execute("DROP TABLE extraction")
            self._create_extraction(db)
        if meta.get("extractor") != self.version:
            # Extractions by other code are stale: drop them rather than let the file grow for ever.
            LOGGER.warning("cache %s was written by another extractor version: extracting anew", self.path)
            db.execute("DELETE FROM extraction WHERE extractor != ?", (self.version,))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (self.version,))

    def _set_aside(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def get(self, keys: Iterable[str]) -> dict[str, Extraction]:
        """The cached extractions of these keys (a record that does not decode is left out)."""
        wanted, found = list(keys), {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = self.db.execute(f"SELECT key, record FROM extraction WHERE extractor = ? AND key IN "
                                   f"({','.join('?' * len(chunk))})", (self.version, *chunk))
            for key, record in rows:
                try:
                    found[key] = _decode(json.loads(record))
                except (ValueError, TypeError, RecursionError) as exc:
                    LOGGER.warning("cache record %s is not readable (%s): extracting anew", key[:12], exc)
        return found

    def put(self, items: dict[str, Extraction]) -> None:
        """Store extractions, all in one transaction."""
        if not items:
            return
        rows = [(key, self.version, json.dumps(_encode(x), ensure_ascii=False)) for key, x in items.items()]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)", rows)
            self.db.execute("COMMIT")
        except BaseException:
            _rollback(self.db)
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

