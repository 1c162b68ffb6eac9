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

from lxml import etree

_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n', 'abcdefghijklmnopqrstuvwxyz')"
# "until-found" is text the browser reveals to its find-in-page: a collapsed section of the article.
UNSHOWN = etree.XPath(
    "//template | //*[@hidden and not(@hidden='until-found')]"
    f" | //*[contains({_STYLE}, 'display:none') or contains({_STYLE}, 'visibility:hidden')]"
)
LAYOUT_CELL = etree.XPath(".//td[.//table or .//h1 or .//h2 or .//h3 or string-length(normalize-space(.)) > $longest]"
                          " | .//th[.//table or .//h1 or .//h2 or .//h3]")
LONGEST_CELL = 600  # characters: a data table's cell is a name or a number, not a passage
TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")


def shown(raw: bytes):
    """The page's tree (lxml) without the elements a browser does not show and with its layout tables
    turned into plain blocks; None when the bytes hold no HTML."""
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        return None
    for element in UNSHOWN(tree):
        if element.getparent() is not None:
            element.drop_tree()  # its tail, the text after it, stays
    for table in tree.iter("table"):
        if LAYOUT_CELL(table, longest=LONGEST_CELL):
            for part in table.iter(*TABLE_PARTS):
                part.tag = "div"
    return tree
