"""What a saved web page shows its reader, and what it says of itself.

A page holds text no browser shows: a `<template>` (the pattern a script fills in), an element with
the `hidden` attribute, or styled `display: none` / `visibility: hidden` (a menu, a teaser held back,
at worst words planted for machines only). None of it is the article: such elements are pruned from
the page before its text is extracted, so that "killed 555" in a template never becomes a figure.
"""
from __future__ import annotations

_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n', 'abcdefghijklmnopqrstuvwxyz')"
# "until-found" is text the browser reveals to its find-in-page: a collapsed section of the article.
UNSHOWN = (
    "//template",
    "//*[@hidden and not(@hidden='until-found')]",
    f"//*[contains({_STYLE}, 'display:none') or contains({_STYLE}, 'visibility:hidden')]",
)
