"""Lengths of time, expressions counted from now, and recurrences: "two days", "the past several
months", "weeks", "three days ago", "a year earlier", "daily", "every Monday", "twice a year"."""
from __future__ import annotations

import re

from briefing.dates.anchor import shift, unknown
from briefing.dates.context import Context, Result, reads
from briefing.dates.named_dates import month_number
from briefing.dates.quarters import last_quarter
from briefing.dates.vocabulary import lexicon


def _quantity(text: str) -> float | None:
    """The number a quantity word or numeral stands for; None when it is vague."""
    lex = lexicon()
    word = re.sub(r"\s+", " ", text.lower())
    if word in lex.numbers:
        return lex.numbers[word]
    if re.fullmatch(r"[\d,]+(\.\d+)?( 1/2)?", word):
        return float(word.replace(",", "").replace(" 1/2", "")) + (0.5 if "1/2" in word else 0)
    parts = re.split(r"[\s-]", word)
    if len(parts) == 2 and all(p in lex.numbers for p in parts):
        return lex.numbers[parts[0]] + lex.numbers[parts[1]]
    return None


def _unit_code(word: str) -> tuple[str, float, bool]:
    """(TIMEX3 letter, multiplier, clock unit) of a unit word, singular or plural."""
    units = lexicon().units
    key = word.lower()
    key = "century" if key == "centuries" else key.removesuffix("s") if key not in units else key
    spec = units[key]
    return spec["code"], float(spec.get("times", 1)), bool(spec.get("clock"))


def _period(q: float | None, word: str) -> str:
    code, times, clock = _unit_code(word)
    if code == "WE":
        code, times = "D", 2 * times
    if q is None:
        return ("PT" if clock else "P") + "X" + code
    n = q * times
    if n == int(n):
        return ("PT" if clock else "P") + str(int(n)) + code
    smaller = {"Y": "M", "M": "D", "D": "H", "H": "M", "W": "D"}.get(code)
    factor = {"Y": 12, "M": 30, "D": 24, "H": 60, "W": 7}.get(code, 1)
    rest = round((n - int(n)) * factor)
    if smaller is None or not rest:
        return ("PT" if clock else "P") + f"{n:g}" + code
    whole = f"{int(n)}{code}" if int(n) else ""
    if code == "D":  # 1.5 days -> P1DT12H
        return f"P{whole}T{rest}H"
    return ("PT" if clock else "P") + whole + f"{rest}{smaller}"


def _mod_of(text: str | None) -> str | None:
    return lexicon().modifiers.get(re.sub(r"\s+", " ", text.lower())) if text else None


@reads("ago")
def _ago(m: re.Match, ctx: Context) -> Result:
    direction_word = re.sub(r"\s+", " ", m["dir"].lower())
    after = ctx.text[m.end():m.end() + 3]
    if direction_word in ("before", "after") and re.match(r"\s+[\w“\"]", after):
        return None  # "two days after the attack": a duration, read by the duration rule
    q = _quantity(m["q"])
    code, times, clock = _unit_code(m["u"])
    mod = _mod_of(m["mod"]) or ("APPROX" if m["orso"] else None)
    if q is None or q != int(q):
        return "DATE", "PAST_REF" if direction_word in ("ago", "earlier", "before", "back", "previously") else "FUTURE_REF", mod
    if clock:
        return "DURATION", _period(q, m["u"]), mod
    sign = 1 if direction_word in ("later", "after", "from now", "hence") else -1
    relative_to_text = direction_word in ("earlier", "later", "before", "after")
    ref, ref_value = ctx.reference(m.start(), same_sentence=True) if relative_to_text else (ctx.anchor, None)
    if code == "Y" and times == 1 and (quarter := last_quarter(ctx, m.start())):
        ref_value = quarter  # "profit fell from $5 million a year ago": the quarter reported on
    if code == "Y" and ref_value and re.fullmatch(r"\d{4}-(Q\d|\d{2})", ref_value):
        return "DATE", f"{int(ref_value[:4]) + sign * int(q * times)}{ref_value[4:]}", mod
    n = sign * int(q * times)
    value = shift(ref, code, n) if code != "Q" else shift(ref, "M", 3 * n)
    return "DATE", value or unknown(code), mod


@reads("duration")
def _duration(m: re.Match, ctx: Context) -> Result:
    after = ctx.text[m.end():m.end() + 9].lower()
    q = _quantity(m["q"])
    fraction = q is not None and m["u"].lower().startswith("quarter") and after.startswith(" of")
    if re.match(r"[\s-]old|-earlier|-ago", after) or fraction:
        return None  # an age, "three quarters of", or "a year-earlier loss"
    word = m["q"].lower()
    if word in ("a", "an") and m["ctx"] and m["ctx"].lower().startswith("the"):
        return None
    if q == 1 and m["u"].lower().endswith("s"):
        return None  # "a months-long"
    before = ctx.text[max(0, m.start() - 20):m.start()]
    if word in ("a", "an") and not m["ctx"] and not m["mod"] and re.search(
        r"(\d|%|\bper|cents?|dollars?|million|billion|thousand|hours|times|seats|flights)\s*$", before
    ):
        return None  # "$5 a day", "24 hours a day": a rate, not a period
    if word in ("second",):
        return None
    if m.group().lower() == "one day" and re.search(r"\b(?:will|would|could|might|may|can|shall|should|he|she|they|we|i|you|it)\s+$",
                                                   before.lower()) and re.match(r"\s+[a-z]", ctx.text[m.end():]):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be the second religion": some day to come
    if m["u"].lower() in ("second", "minute") and word in ("a", "an") and not m["mod"]:
        return None  # "wait a minute"
    return "DURATION", _period(q, m["u"]), _mod_of(m["mod"])


@reads("vague_duration")
def _vague_duration(m: re.Match, ctx: Context) -> Result:
    context = (m["ctx"] or "").lower()
    if context.startswith("recent"):
        if m["u"].lower() in ("years", "decades", "centuries"):
            return "DATE", "PAST_REF", None
        code, _, clock = _unit_code(m["u"])
        return "DURATION", ("PTX" if clock else "PX") + code, None
    if not context and not m["ahead"] and not ctx.led_by(m.start(), "vague_duration"):
        return None
    if context == "the" and not m["ahead"]:
        return None
    code, _, clock = _unit_code(m["u"])
    return "DURATION", ("PTX" if clock else "PX") + code, None


@reads("set_adverb")
def _set_adverb(m: re.Match, ctx: Context) -> Result:
    if m["w"].lower() not in ("daily", "weekly", "nightly") and re.match(
        r"\s+(?!in\b|on\b|at\b|for\b|and\b|or\b|to\b|by\b|from\b|with\b|as\b|until\b|since\b)[a-z]", ctx.text[m.end():]
    ):
        return None  # "a quarterly dividend": an adjective, not a recurrence
    return "SET", lexicon().set_adverbs[m["w"].lower()], None


@reads("set_every")
def _set_every(m: re.Match, ctx: Context) -> Result:
    if m["wd"]:
        return "SET", f"XXXX-WXX-{lexicon().weekdays[m['wd'].lower()]}", None
    if m["s"]:
        return "SET", f"XXXX-{lexicon().seasons[m['s'].lower()]}", None
    if m["mon"]:
        day = f"-{int(m['d'].rstrip('stndrh')):02d}" if m["d"] else ""
        return "SET", f"XXXX-{month_number(m['mon'].lower().rstrip('.')):02d}{day}", None  # "each July", "every March 5"
    word = m["u"].lower()
    if m["e"].lower() == "per" and word in ("second", "minute", "hour"):
        return None  # "instructions per second", "miles per hour": a unit of speed or rate, not a recurrence
    if word in ("morning", "afternoon", "evening", "night"):
        return "SET", "XXXX-XX-XXT" + lexicon().parts_of_day[word], None
    q = _quantity(m["q"]) if m["q"] else 1.0
    return "SET", _period(q, word), None


@reads("set_times")
def _set_times(m: re.Match, ctx: Context) -> Result:
    return "SET", _period(1.0, m["u"]), None


@reads("set_weekday")
def _set_weekday(m: re.Match, ctx: Context) -> Result:
    if not ctx.led_by(m.start(), "set_weekday"):
        return None
    return "SET", f"XXXX-WXX-{lexicon().weekdays[m['wd'].lower()]}", None

