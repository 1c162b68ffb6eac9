"""The words a regular expression's every match must contain: a substring test that tells, before
running a pattern over a text, that it cannot match there.

A build runs a few hundred patterns (event triggers, country names, weapons) over every sentence,
and most never match: a pattern that begins with a look-behind, as ours do, is tried at every
character. `in` finds a literal far faster. The test only ever skips a pattern that cannot match,
so a search through a `Guarded` pattern finds exactly what the pattern finds.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

try:  # the parser behind re.compile; its place changed in Python 3.11
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The characters beyond ASCII that re.IGNORECASE matches to an ASCII one ("ſ" to "s", the Kelvin
# sign to "k"); a text holding one is searched without the test (tests/test_literals.py derives
# the list from re itself).
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=1)
def _parsed(pattern: str, flags: int):
    """The parse of a pattern, or None when it has none; `Guarded.compile` reads it twice (its literals
    and its first characters), and a build compiles hundreds of patterns."""
    try:
        return sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return None


def required(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literals one of which every match of the pattern contains (lower-cased for IGNORECASE),
    or None when no such literal is known."""
    if (parsed := _parsed(pattern, flags)) is None:
        return None
    found = _sequence(list(parsed))
    if found is None:
        return None
    if (flags | parsed.state.flags) & re.IGNORECASE:
        if any(c.lower() != c.upper() and not c.isascii() for text in found for c in text):
            return None  # a cased letter beyond ASCII: its case variants are many
        found = tuple(text.lower() for text in found)
    return found


def _sequence(items: list) -> tuple[str, ...] | None:
    """The best requirement of a sequence of parsed items: every item is matched in turn."""
    best: tuple[str, ...] | None = None
    run = ""

    def better(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or _strength(found) > _strength(best)):
            best = found

    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        better((run,) if run else None)
        run = ""
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = arg
            if not add_flags and not del_flags:
                better(_sequence(list(inner)))
        elif op is sre.BRANCH:
            branches = [_sequence(list(b)) for b in arg[1]]
            if all(branches):
                better(tuple(dict.fromkeys(t for b in branches for t in b)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            better(_sequence(list(arg[2])))
        # anything else (a class, a look-around, an anchor, a back-reference) breaks the run
    better((run,) if run else None)
    return best


def _strength(found: tuple[str, ...]) -> tuple[int, int]:
    """A requirement is stronger when its shortest literal is longer, then when it has fewer."""
    return min(map(len, found)), -len(found)


def _led_by_first(pattern: str, flags: int) -> re.Pattern:
    """The pattern compiled behind a look-ahead for the characters its matches can begin with, when
    they are known: a pattern that begins with a look-behind and an alternation of words is then
    tried in full only where one of them could start, not at every word. It matches exactly what the
    pattern matches (the look-ahead holds wherever a match begins)."""
    first = first_characters(pattern, flags)
    if first is not None:
        try:
            return re.compile(f"(?=[{first}])(?:{pattern})", flags)
        except re.error:  # a global flag that must open the pattern ("(?i)...")
            pass
    return re.compile(pattern, flags)


CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
              sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """The body of a character class that holds the first character of every match of the pattern,
    or None when it is not known (a match may be empty, or begin with any character)."""
    if (parsed := _parsed(pattern, flags)) is None:
        return None
    found = _first(list(parsed), (flags | parsed.state.flags) & re.IGNORECASE)
    if found is None or found[1]:  # unknown, or a match may be empty
        return None
    return "".join(found[0])


def _first(items: list, ignorecase: int) -> tuple[list[str], bool] | None:
    """The class items that begin a sequence's matches, and whether a match of it may be empty."""
    out: list[str] = []
    for op, arg in items:
        if op in ZERO_WIDTH:
            continue  # consumes nothing: the first character is the next item's
        if op is sre.LITERAL:
            return out + [_char(arg)], False
        if op is sre.IN:
            parts = []
            for kind, value in arg:
                if kind is sre.LITERAL:
                    parts.append(_char(value))
                elif kind is sre.RANGE:
                    parts.append(_char(value[0]) + "-" + _char(value[1]))
                elif kind is sre.CATEGORY and value in CATEGORIES:
                    parts.append(CATEGORIES[value])
                else:  # a negated class, a category of another kind
                    return None
            return out + parts, False
        if op is sre.SUBPATTERN:
            _, add_flags, _, inner = arg
            if add_flags & re.IGNORECASE and not ignorecase:
                return None  # the class, outside the group, would not fold case as the group does
            found = _first(list(inner), ignorecase)
        elif op is sre.BRANCH:
            branches = [_first(list(b), ignorecase) for b in arg[1]]
            if any(b is None for b in branches):
                return None
            found = [c for b in branches for c in b[0]], any(b[1] for b in branches)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and op is not None:
            inner_found = _first(list(arg[2]), ignorecase)
            found = None if inner_found is None else (inner_found[0], inner_found[1] or arg[0] == 0)
        else:  # any character, a back-reference, a conditional group
            return None
        if found is None:
            return None
        out += found[0]
        if not found[1]:
            return out, False
    return out, True


def _char(code: int) -> str:
    return "\\U%08x" % code


@dataclass(frozen=True, slots=True)
class Guarded:
    """A compiled pattern with the literals its matches contain."""

    pattern: re.Pattern
    literals: tuple[str, ...] | None
    folded: bool  # the literals are lower-cased: test them against the lower-cased text

    @classmethod
    def compile(cls, pattern: str, flags: int = 0) -> Guarded:
        compiled = _led_by_first(pattern, flags)
        return cls(compiled, required(pattern, flags), bool(compiled.flags & re.IGNORECASE))

    def may_match(self, text: str, lowered: str | None = None) -> bool:
        """False only when the pattern cannot match the text. `lowered` is text.lower(), when known."""
        if self.literals is None:
            return True
        if self.folded:
            if not text.isascii() and FOLDS_TO_ASCII.search(text):
                return True
            text = text.lower() if lowered is None else lowered
        return any(literal in text for literal in self.literals)

    def search(self, text: str, lowered: str | None = None) -> re.Match | None:
        return self.pattern.search(text) if self.may_match(text, lowered) else None

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.may_match(text, lowered) else iter(())


@dataclass(frozen=True, slots=True)
class Guards:
    """Many guarded patterns run over the same texts: which of them may match a text, found with
    one pass over all their literals instead of one test per pattern."""

    patterns: tuple[Guarded, ...]
    cased: dict[str, tuple[int, ...]]  # literal -> the patterns that need it, tested against the text
    folded: dict[str, tuple[int, ...]]  # the same, tested against the lower-cased text
    always: tuple[int, ...]  # patterns without a known literal
    any_folded: tuple[int, ...]  # patterns with lower-cased literals

    @classmethod
    def of(cls, patterns) -> Guards:
        patterns = tuple(patterns)
        cased: dict[str, list[int]] = {}
        folded: dict[str, list[int]] = {}
        for i, p in enumerate(patterns):
            for literal in p.literals or ():
                (folded if p.folded else cased).setdefault(literal, []).append(i)
        return cls(patterns, {k: tuple(v) for k, v in cased.items()}, {k: tuple(v) for k, v in folded.items()},
                   tuple(i for i, p in enumerate(patterns) if p.literals is None),
                   tuple(i for i, p in enumerate(patterns) if p.literals is not None and p.folded))

    def candidates(self, text: str) -> list[int]:
        """The indexes of the patterns that may match the text, in their order."""
        found = set(self.always)
        for literal, owners in self.cased.items():
            if literal in text:
                found.update(owners)
        if self.folded:
            if not text.isascii() and FOLDS_TO_ASCII.search(text):
                found.update(self.any_folded)
            else:
                lowered = text.lower()
                for literal, owners in self.folded.items():
                    if literal in lowered:
                        found.update(owners)
        return sorted(found)
