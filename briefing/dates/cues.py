"""Tense and direction: whether the clause around a relative expression looks back, looks ahead,
or says nothing of time ("on Saturday" in "launched ... on Saturday" is the Saturday before)."""
from __future__ import annotations

from briefing.dates.context import WORD, Context
from briefing.dates.vocabulary import lexicon


NEAR_WORDS = 8


def cue_words(text: str) -> list[str]:
    """The words of a text in lower case, except capitalised -ed words: those are names ("United
    States", "Mohamed"), not verbs, and are kept as they are so that no tense cue matches them."""
    return [w if w[0].isupper() and w.endswith("ed") else w.lower() for w in WORD.findall(text)]


def direction(ctx: Context, start: int, end: int, *, near: bool = False) -> str:
    """Tense of the clause around a span: 'past', 'future', 'modal' (a modal verb is the nearest cue)
    or 'neutral'.

    With `near`, only the few words around the span count and only explicit cues (auxiliaries,
    "said", "ago" ...), not any word ending in -ed: for months and dates, which are often months
    away, a weak cue is worse than taking the nearest reading.
    """
    lex = lexicon()
    lo, hi = ctx.sentence_bounds(start, end)
    left, right = cue_words(ctx.text[lo:start]), cue_words(ctx.text[end:hi])
    if near:
        left, right = left[-NEAR_WORDS:], right[:NEAR_WORDS // 2]
    for i in range(len(left)):
        if tuple(left[max(0, i - 2):i + 1][-3:]) in lex.future_phrases or tuple(left[max(0, i - 1):i + 1]) in lex.future_phrases:
            if i >= len(left) - 6:
                return "future"
    deadline = bool(left) and left[-1] in lex.deadline_cues
    recent = left[-NEAR_WORDS:-1]
    if deadline and (set(recent) | {" ".join(pair) for pair in zip(recent, recent[1:])}) & lex.postpone_cues:
        return "future"  # "postponed until Tuesday", "put off until May": moved to a day still to come
    for words in (left[::-1], right):
        for i, word in enumerate(words):
            following = words[i - 1] if words is not right and i > 0 else (words[i + 1] if words is right and i + 1 < len(words) else None)
            if word in lex.future_cues and not (word in ("next", "ahead") and following in ("to", "of")):  # "next to", "ahead of"
                return "future"
            if word in lex.perfect_cues or word in lex.modal_cues:
                if deadline:
                    return "future"
                return "modal" if word in lex.modal_cues else "neutral"
            previous = words[i + 1] if words is not right and i + 1 < len(words) else None
            passive = previous in ("will", "be", "is", "are", "has", "have")
            if (word in lex.past_cues and not passive) or (
                not near and len(word) > 4 and word.endswith("ed") and word.islower() and not passive
            ):
                return "past"
    return "future" if deadline else "neutral"
