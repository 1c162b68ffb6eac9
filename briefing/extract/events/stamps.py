"""The stamps of a live blog's entries: "Update, August 24, 2016, 1:50 p.m.:", "1935 GMT —".

A stamp opens an entry and dates it: it is not part of what the entry's first sentence tells (the
sentence's own dates go first to its clauses, the stamp to the clause left without one), and in an
article of several stamped entries it dates the sentences of its entry that have no date of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.models import DateMention

LABEL = re.compile(r"\W*(?P<word>(?:last\s+)?updated?|posted|breaking)?\s*[,:]?\s*", re.I)
GLUE = re.compile(r"[\s,]*(?:at\s+)?")  # between the stamp's date and its clock: "August 24, 2016, 1:50 p.m."
# What closes a stamp: a colon or dash, or, after a label, the full stop of "p.m." run into the entry.
CLOSE = re.compile(r"\s*(?:[:|]|[—–]|\s-\s)")
RUN_ON = re.compile(r"\.?\s*(?=[A-Z“\"])")


@dataclass(frozen=True, slots=True)
class Stamp:
    end: int  # offset into the sentence where the entry's own words begin
    mentions: tuple[DateMention, ...]  # the date and clock it is made of

    @property
    def date(self) -> DateMention:
        """The mention that dates the entry: its date if it names one, else its clock (of the article's day)."""
        return next((m for m in self.mentions if m.type == "DATE"), self.mentions[0])


def stamp(text: str, start: int, mentions: list[DateMention]) -> Stamp | None:
    """The stamp a sentence (at `start` in its article) opens with, made of its first mentions; None if none."""
    label = LABEL.match(text)
    pos, used = label.end(), []
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.type not in ("DATE", "TIME"):
            break
        glue = GLUE.match(text, pos)
        if mention.start - start != glue.end():
            break
        used.append(mention)
        pos = mention.end - start
    if not used:
        return None
    if close := CLOSE.match(text, pos):
        return Stamp(close.end(), tuple(used))
    if label["word"] and (run_on := RUN_ON.match(text, pos)):
        return Stamp(run_on.end(), tuple(used))
    return None
