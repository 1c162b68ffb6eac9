"""What a saved web page shows its reader, laid out as the extractor should see it.

A page holds text no browser shows: a `<template>` (the pattern a script fills in), an element with
the `hidden` attribute, or styled `display: none` / `visibility: hidden` (a menu, a teaser held back,
at worst words planted for machines only). None of it is the article: such elements are taken out
of the page before its text is extracted, so that "killed 555" in a template never becomes a figure.

A table is read row by row, one line a row: an article may be a table (a standings list, a casualty
count by town). But an old page lays itself out with tables, the whole story in one cell: a table
whose cells hold headings, tables or long passages is layout, and is read as the blocks it holds.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import urlsplit

from lxml import etree

from briefing.data import load

_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n', 'abcdefghijklmnopqrstuvwxyz')"
# "until-found" is text the browser reveals to its find-in-page: a collapsed section of the article.
UNSHOWN = etree.XPath(
    "//template | //*[@hidden and not(@hidden='until-found')]"
    f" | //*[contains({_STYLE}, 'display:none') or contains({_STYLE}, 'visibility:hidden')]"
)
LAYOUT_CELL = etree.XPath(".//td[.//table or .//h1 or .//h2 or .//h3 or string-length(normalize-space(.)) > $longest]"
                          " | .//th[.//table or .//h1 or .//h2 or .//h3]")
LONGEST_CELL = 600  # characters: a data table's cell is a name or a number, not a passage
STAMPS = etree.XPath("//meta/@content | //time/@datetime")
TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")


def shown(raw: bytes):
    """The page's tree (lxml) without the elements a browser does not show and with its layout tables
    turned into plain blocks; None when the bytes hold no HTML."""
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        return None
    for element in UNSHOWN(tree):
        _drop(element)
    for table in tree.iter("table"):
        if LAYOUT_CELL(table, longest=LONGEST_CELL):
            for part in table.iter(*TABLE_PARTS):
                part.tag = "div"
    return tree


# A time stamp of the page's metadata: "2019-11-20T05:57:50Z", "2019-11-19 21:57:00 -0800".
STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})")
SAME_MOMENT = timedelta(minutes=15)


UNSHOWN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)


def unshown(attributes: dict[str, str | None]) -> bool:
    """Whether an element with these attributes is one a browser does not show (as UNSHOWN finds them)."""
    hidden = "hidden" in attributes and (attributes["hidden"] or "").lower() != "until-found"
    return hidden or bool(UNSHOWN_STYLE.search(attributes.get("style") or ""))


def _drop(element) -> None:
    """Take an element out of its tree, keeping its tail (the text after it, which the browser shows)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def local_date(tree, day: str | None) -> str | None:
    """The page's publication day as its own clock gives it: a page stamped in UTC ("05:57Z") that also
    gives that moment in its local time ("21:57 -0800") was published on the local day, the evening
    before the UTC one."""
    if not day:
        return day
    stamps = [found for value in STAMPS(tree) if (found := _moment(value))]
    utc = [s for s in stamps if not s.utcoffset() and s.date().isoformat() == day]
    for moment in utc:
        for other in stamps:
            if other.utcoffset() and abs(other - moment) <= SAME_MOMENT:
                return other.date().isoformat()
    return day


def _moment(value: str) -> datetime | None:
    if not (match := STAMP.search(value)):
        return None
    zone = "+00:00" if match[3] == "Z" else match[3][:3] + ":" + match[3][-2:]
    try:
        return datetime.fromisoformat(f"{match[1]}T{match[2]}{zone}")
    except ValueError:
        return None


def publisher(site_name: str | None, url: str | None) -> str | None:
    """Who publishes the page: its site name, unless that name is no name ("Copyright 2014", a web
    address, "Hosted": the white-label host of hosted.ap.org, a label of boilerplate.yaml's
    `hosting_labels`); then the site the address belongs to,
    by its known name ("AP") or its domain."""
    from courlan import extract_domain  # trafilatura's, loaded with it

    name = COPYRIGHT.sub("", site_name or "").strip(" -|,.")
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    domain = extract_domain(f"https://{host}") if host else None
    hosting = set(host.removesuffix(domain or "").split(".")) & set(_hosting_labels())
    if name and not URL_LIKE.match(name) and name.lower() not in hosting:
        return name
    if domain:
        return _sites().get(domain, domain)
    return name if name and not URL_LIKE.match(name) else None


@cache
def _hosting_labels() -> tuple[str, ...]:
    return tuple(load("boilerplate.yaml").get("hosting_labels") or ())


@cache
def _sites() -> dict[str, str]:
    return load("boilerplate.yaml").get("sites") or {}


COPYRIGHT = re.compile(r"^(?:copyright|\(c\)|©|\s|\d{4}|[-–,])+", re.I)
URL_LIKE = re.compile(r"(?:https?://|www\.)\S+$", re.I)
