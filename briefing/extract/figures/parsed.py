"""Counts read from a sentence's parse: any noun a number counts, not only the listed ones
("40 armoured personnel carriers", "a dozen ambulances"), and a count whose noun is elided."""
from __future__ import annotations

from briefing.extract.figures.patterns import Found, after_vague_word, number_value, patterns, qualifier_of
from briefing.models import Parse, Sentence, Token

COUNTING_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT")  # a number standing for its noun
NOUN_PHRASE_DEPS = ("compound", "amod", "nmod", "nummod")


def _number_value(parse: Parse, top: Token) -> tuple[float, float | None, int] | None:
    """The value of a number and the numbers that build it ("13 million", "10 to 12"): (value, upper
    bound of a range or None, index of its first token)."""
    scales = patterns().scales
    parts = [c for c in parse.children(top.i) if c.tag == "CD" and c.dep in ("compound", "quantmod") and c.i < top.i]
    try:
        if top.text.lower() in scales and parts:  # "13 million": the compound counts the millions
            value = number_value(parts[-1].text) * scales[top.text.lower()]
            return value, None, parts[-1].i
        value = number_value(top.text)
        ranged = [c for c in parts if any(t.text.lower() in ("to", "-", "–") for t in parse.tokens[c.i + 1:top.i])]
        if ranged:  # its low end may be a word that is no number alone ("million - 12")
            return number_value(ranged[0].text), value, ranged[0].i
    except ValueError:
        return None
    return value, None, top.i


def _counted_noun(parse: Parse, top: Token) -> Token | None:
    """The noun a number counts: its head ("40 armoured personnel carriers"), or the noun after
    "of" ("five of the missiles"); None when the noun is left out ("Seven were destroyed")."""
    head = parse.tokens[top.head]
    if top.dep == "nummod" and head.pos in ("NOUN", "PROPN") and head.i > top.i:
        return head
    if top.dep == "quantmod" and head.tag == "CD" and (noun := _counted_noun(parse, head)):
        return noun  # "three of 14 provincial capitals"
    for prep in parse.children(top.i):
        if prep.text.lower() == "of":
            nouns = [c for c in parse.children(prep.i) if c.dep == "pobj" and c.pos in ("NOUN", "PROPN")]
            if nouns:
                return nouns[0]
    return None


def _elided(parse: Parse, top: Token) -> bool:
    """Whether a number stands in for a noun left out: "Seven were destroyed", "8.6 million of them",
    "its already announced 140,000", "slightly fewer than the 17 announced Monday"."""
    head = parse.tokens[top.head]
    determined = any(c.dep in ("det", "poss") for c in parse.children(top.i))
    if top.dep == "nummod":  # "a total of 68": the noun "total" counts nothing of its own
        return head.lemma in ("total", "number") or head.pos not in ("NOUN", "PROPN") or determined
    if top.dep == "pobj":
        return determined or head.text.lower() == "of" and parse.tokens[head.head].lemma in ("total", "number")
    return top.dep in COUNTING_DEPS


def parsed_counts(sentence: Sentence, parse: Parse, taken: list[tuple[int, int]],
                  before: list[Found] = ()) -> list[Found]:
    """Counts of any noun, read from the parse: a number and the noun phrase it counts (its
    compounds and adjectives). A number whose noun is left out takes the noun of the count before
    it, in this sentence or in `before` ("Twelve drones were shot down. Seven were destroyed ...")."""
    p = patterns()
    out: list[Found] = []
    for top in parse.tokens:
        if top.tag != "CD" or (top.dep in ("compound", "quantmod") and parse.tokens[top.head].tag == "CD"
                               and not _partitive(parse, top)):
            continue
        if any(lo < top.end and top.start < hi for lo, hi in taken) or after_vague_word(sentence.text, top.start):
            continue
        if (number := _number_value(parse, top)) is None:
            continue
        value, value_max, first = number
        if value <= 1 or (1900 <= value <= 2100 and "," not in top.text):
            continue  # "one of them" counts nothing; a bare year is a date
        start = parse.tokens[first].start
        if (qual := p.qualifier_before.search(sentence.text[:start])) is not None:
            start = qual.start()
        noun = _counted_noun(parse, top)
        if noun is not None and noun.tag in ("NN", "NNP") and value > 1 and _elided(parse, top):
            noun = None  # "than the 17 announced Monday afternoon": the noun is left out
        if noun is not None:
            if noun.lemma.lower() in p.not_counted or (noun.tag in ("NN", "NNP") and value > 1):
                continue  # "two years of war"; "a seven-year-old", "two-day": a singular noun is an adjective
            if noun.dep == "nsubj" and parse.tokens[noun.head].lemma in p.speech_verbs:
                continue  # "two US officials said": who tells it, not what is counted
            end = noun.end
            unit, category = _unit(sentence.text[top.end:end], noun)
        elif (told := _toll(parse, top)) is not None:
            end, (unit, category) = top.end, told  # "the death toll rose to 66"
        else:
            earlier = [f for f in [*before, *out] if f.start < start] or list(before[-1:])
            if not earlier or not _elided(parse, top):
                continue
            end = _predicate_end(parse, top)
            unit, category = earlier[-1].unit, earlier[-1].category
        out.append(Found(start, end, value, value_max, unit, category, qualifier_of(qual["qual"]) if qual else None))
    return out


def _toll(parse: Parse, top: Token) -> tuple[str, str] | None:
    """"the death toll mounted to 66", "the number of refugees reached 28,000": the subject of the
    verb names what the number counts."""
    verb = parse.tokens[top.head]
    if verb.text.lower() == "to" and top.dep == "pobj":
        verb = parse.tokens[verb.head]
    if verb.pos not in ("VERB", "AUX") or top.dep not in ("pobj", "dobj", "attr"):
        return None
    for subject in parse.children(verb.i):
        if subject.dep not in ("nsubj", "nsubjpass"):
            continue
        if subject.lemma == "toll":
            return "people_killed", "casualties"
        if subject.lemma in ("number", "total", "count"):
            for prep in parse.children(subject.i):
                nouns = [c for c in parse.children(prep.i) if prep.text.lower() == "of" and c.pos == "NOUN"]
                if nouns:
                    return _unit(nouns[0].text, nouns[0])
    return None


def _predicate_end(parse: Parse, top: Token) -> int:
    """Where the words that tell what an elided count did end: "two were in critical condition"."""
    end = top.end
    for token in parse.tokens[top.i + 1:]:
        if token.pos == "PUNCT" or token.pos == "CCONJ":
            break
        end = token.end
    return end


def _partitive(parse: Parse, token: Token) -> bool:
    """"three of 14 provincial capitals": a number before "of" and another count."""
    return token.i + 1 < len(parse.tokens) and parse.tokens[token.i + 1].text.lower() == "of"


def _unit(phrase: str, noun: Token) -> tuple[str, str]:
    """The unit and category of a counted noun phrase: a listed unit when one names it, else the noun."""
    words = phrase.split()
    for k in range(len(words)):
        for pattern, unit, category in patterns().unit_patterns:
            if pattern.match(" ".join(words[k:])):
                return unit, category
    return noun.text.lower(), "other"
