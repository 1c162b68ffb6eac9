"""The narrator's own voice: a first-person clause outside quotation marks, a transcript's speaker, a
presenter's greeting (data/boilerplate.yaml's own_voice). An article keeps such sentences; the stages
that quote a sentence as what happened (the key dates' lines, the key developments, the summaries of
sources) pass them over."""
from __future__ import annotations

import re
from functools import cache

from briefing.data import load

QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
OPEN_TO_END = re.compile(r"“[^“”]*\Z")  # a quotation that goes on into the next sentence
START_TO_CLOSE = re.compile(r"\A[^“”]*”")  # one that began in the sentence before
WORD_BEFORE = re.compile(r"(?P<word>[A-Z][\w.'’-]*)\s+\Z")  # the capitalised word before a Roman "I"


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], re.Pattern[str]]:
    data = load("boilerplate.yaml")["own_voice"]
    lines = re.compile("|".join(f"(?:{p})" for p in data["lines"]))
    return re.compile(data["i"]), re.compile(data["others"]), frozenset(data["numbering"]), lines


def unquoted(text: str) -> str:
    """The text with its quotations blanked (as many characters, so offsets hold), a quotation open at
    either end of the sentence included."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())
    text = QUOTED.sub(blank, text)
    text = START_TO_CLOSE.sub(blank, text)
    return OPEN_TO_END.sub(blank, text)


def own_voice(text: str) -> bool:
    """Whether a sentence speaks in the narrator's own voice outside its quotations: in the first
    person, after a transcript's speaker label, or as a presenter's greeting or farewell."""
    narration = unquoted(text)
    i, others, numbering, lines = _rules()
    if others.search(narration) or lines.search(narration.strip()):
        return True
    return any(not _numeral(narration, m.start(), numbering) for m in i.finditer(narration))


def _numeral(narration: str, at: int, numbering: frozenset[str]) -> bool:
    """Whether the "I" at `at` numbers what the capitalised word before it names ("World War I"): a
    word that opens the sentence does so only if it is one that numbers things ("Then I went")."""
    before = WORD_BEFORE.search(narration, 0, at)
    if before is None:
        return False
    opens = not narration[:before.start()].strip()
    return not opens or before["word"] in numbering
