"""The dates a sentence offers its events, each as the span of days it stands for.

Most are the tagger's dates as they are. Some stand for a period the sentence counts up to the
time of writing, and are read as that period:
- a start after "since" or "from" in a sentence that counts to now (the present perfect, "so far"):
  "From January this year, over 125 militants have been killed" is January 1 to the publication day;
  after "since" in any other sentence the date only starts a period ("the deadliest attack since
  May") and dates nothing of the sentence;
- a period that holds the publication day, in such a sentence: "so far in 2016" runs to that day;
- a length of time that ends as the article is written: "the past two weeks", "this past week";
- a part of a year or a month: "the first seven months of 2019", "the last ten days of March".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

from briefing.dates import event_date
from briefing.dates.event_dates import counted_to, elapsed, part_of
from briefing.extract.events.triggers import clause_start, rules
from briefing.models import DateMention, EventDate, Sentence

# "the past two weeks", "over the last three months": a DURATION that ends now (TimeML's endPoint t0)
ENDING_NOW = re.compile(r"(?:(?:over|in|during|for)\s+)?(?:the|this)\s+(?:past|last)\s+", re.I)
# "this past week", "the past month": a DATE the tagger reads as the calendar unit before; it is the days before
# "rhetoric we've been hearing for the last two years": how long a state lasts, not when anything happened
LASTING = re.compile(r"\bfor\s+$", re.I)
PAST_UNIT = re.compile(r"(?:(?:this|the)\s+)?past\s+(?P<u>week|month|year)", re.I)
PART = re.compile(r"(?:the\s+)?(?P<which>first|last|final|opening|closing)\s+", re.I)
OF = re.compile(r"\s+of\s+", re.I)
# "since last November", "from early January": the date right after the word starts the period
# ("since the war broke out on April 15" dates the outbreak, not the tally)
STARTING = re.compile(r"\b(?:since|from)\s+(?:(?:early|mid|late|the\s+(?:start|beginning|end)\s+of)[\s-]+)?$", re.I)
# "earlier this month", "late 2016": a time inside the period, not the period a tally fills
INSIDE_PERIOD = re.compile(r"\b(?:early|earlier|late|later|mid|middle|end|start|beginning)\b", re.I)
# "from January to March", "since May until June": a period with an end of its own
ENDED = re.compile(r"\s*(?:to|until|till|through|and|[-–])\s", re.I)
CLOSING = re.compile(r"(?:\bto|until|till|through|[-–])\s*$", re.I)  # "from January to March": March ends a period
WEEK = 7
UNITS = {"week": "W", "month": "M", "year": "Y"}


def sentence_dates(sentence: Sentence, inside: list[DateMention], published: str | None,
                   tallies: bool = True) -> list[tuple[DateMention, EventDate]]:
    """The dates of a sentence's temporal expressions (`inside`, in order) that may date its events.

    Without `tallies` (the sentence tells only what is said or decided, which is done on a day), no
    date is read as a period longer than a week: "During the past 30 years we have had 30 free
    elections, he said" does not date the saying."""
    text = sentence.text
    counting = tallies and rules().counting.search(text) is not None
    out: list[tuple[DateMention, EventDate]] = []
    consumed: set[int] = set()
    for i, mention in enumerate(inside):
        if mention.start in consumed:
            continue
        lo, hi = mention.start - sentence.start, mention.end - sentence.start
        if mention.type == "DURATION":
            if (when := _duration(sentence, mention, inside[i + 1:], published, consumed)) is not None \
                    and (tallies or _days(when) <= WEEK):
                out.append((mention, when))
            continue
        if mention.type not in ("DATE", "TIME") or (when := event_date(mention)) is None:
            continue
        if (past := PAST_UNIT.fullmatch(mention.text)) and (whole := elapsed(f"P1{UNITS[past['u'].lower()]}", published, mention.text)) \
                and (tallies or _days(whole) <= WEEK):
            out.append((mention, whole))
            continue
        since = _since_between(text, clause_start(text, lo), lo)
        starts = STARTING.search(text, max(0, lo - 40), lo) is not None
        if starts and counting and not ENDED.match(text, hi) and (period := counted_to(when, published, mention.text)):
            out.append((mention, period))
        elif since:
            continue
        elif counting and when.precision in ("year", "month") and not INSIDE_PERIOD.search(mention.text) \
                and not CLOSING.search(text, max(0, lo - 10), lo) and published and when.first_day <= published <= when.last_day \
                and (period := counted_to(when, published, mention.text)):
            out.append((mention, period))
        else:
            out.append((mention, when))
    return out


def _duration(sentence: Sentence, mention: DateMention, after: list[DateMention], published: str | None,
              consumed: set[int]) -> EventDate | None:
    """The days a length of time stands for, when it names them: a part of the period after it, or
    the time up to the article."""
    text, hi = sentence.text, mention.end - sentence.start
    part = PART.match(mention.text)
    if part and after and (of := OF.match(text, hi)) and after[0].start - sentence.start == of.end() \
            and (period := event_date(after[0])) is not None:
        when = part_of(mention.value, part["which"].lower() in ("first", "opening"), period, f"{mention.text} of {after[0].text}")
        if when is not None:
            consumed.add(after[0].start)
        return when
    if ENDING_NOW.match(mention.text) and not OF.match(text, hi) and not LASTING.search(text, 0, mention.start - sentence.start):
        return elapsed(mention.value, published, mention.text)
    return None


def _days(when: EventDate) -> int:
    return (date.fromisoformat(when.last_day) - date.fromisoformat(when.first_day)).days + 1


@lru_cache(maxsize=64)
def _since_in(text: str) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """The spans of "since" as a whole word in a sentence, in order, and the starts of those that end
    before a word character ("sincerely" no, but "since" at the end of a searched stretch), by end."""
    whole = [m.span() for m in re.finditer(r"\bsince\b", text, re.I)]
    ending = {m.end(): m.start() for m in re.finditer(r"\bsince", text, re.I)}
    return whole, ending


def _since_between(text: str, lo: int, hi: int) -> bool:
    """Whether re.search(r"\bsince\b", text[lo:hi], re.I) finds it (lo is a clause's start), by bisection:
    a date late in a long clause does not read the clause again."""
    whole, ending = _since_in(text)
    i = bisect_left(whole, (lo, -1))
    return i < len(whole) and whole[i][1] <= hi or ending.get(hi, -1) >= lo
