"""Read an event's clause from the parse: its verb, arguments, date, negation, mood and speaker.

A trigger word (data/events.yaml) says what a verb or noun means; the clause says what happened:
- a light verb takes its meaning from its object ("launched an offensive" is a ground advance,
  "launched drones" a strike; "signed off on an aid package" a pledge);
- "Net income advanced to $94 million" is a number that grew, not a front line;
- a date belongs to the clause whose verb it depends on ("said on Friday that ... had retaken");
- "did not strike", "no one was killed": negated; "will deliver", "plans to send": only planned;
- "The general staff said its troops had retaken the town": the saying is a statement, the
  retaking a ground advance told on the general staff's word.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from briefing.data import load
from briefing.extract.wordnet import is_a
from briefing.models import Parse, Token


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that names a happening, and what its clause says about it."""

    start: int  # offsets into the sentence
    end: int
    type: str
    verbal: bool
    speaker: str | None = None  # who tells the happening, when a speech verb reports it
    token: int = -1  # index in the sentence's parse of the word the trigger's clause hangs on


ARGUMENT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "ROOT", "parataxis", "pcomp")


@dataclass(frozen=True, slots=True)
class Lexicon:
    light_verbs: frozenset[str]
    noun_types: dict[str, str]  # lemma of a noun -> the event type it names
    aid_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    growth_subjects: frozenset[str]
    hazards: tuple[str, ...]  # WordNet synsets: what a natural hazard is
    crowds: tuple[str, ...]
    captives: tuple[str, ...]
    made_things: tuple[str, ...]  # WordNet synsets: what a "hail of", "wave of" is made of when it acts
    hazard_types: frozenset[str]
    giving_verbs: frozenset[str]
    toll_verbs: frozenset[str]
    delivery_verbs: frozenset[str]
    word_settings: frozenset[str]
    aid_goods: frozenset[str]
    troop_goods: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = load("events.yaml")["clauses"]
    return Lexicon(
        light_verbs=frozenset(data["light_verbs"]),
        noun_types={noun: type_ for type_, nouns in data["noun_types"].items() for noun in nouns},
        aid_nouns=frozenset(data["aid_nouns"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        intent_verbs=frozenset(data["intent_verbs"]),
        growth_subjects=frozenset(data["growth_subjects"]),
        hazards=tuple(data["hazards"]),
        crowds=tuple(data["crowds"]),
        captives=tuple(data["captives"]),
        made_things=tuple(data["made_things"]),
        hazard_types=frozenset(data["hazard_types"]),
        giving_verbs=frozenset(data["giving_verbs"]),
        toll_verbs=frozenset(data["toll_verbs"]),
        delivery_verbs=frozenset(data["delivery_verbs"]),
        word_settings=frozenset(data["word_settings"]),
        aid_goods=frozenset(data["aid_goods"]),
        troop_goods=frozenset(data["troop_goods"]),
    )


def trigger_token(parse: Parse, start: int, end: int) -> Token | None:
    """The word of a trigger span (offsets into the sentence) that the others depend on."""
    inside = parse.tokens_within(start, end)
    if not inside:
        return None
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head not in ids or t.head == t.i]
    verbs = [t for t in heads if t.pos in ("VERB", "AUX")] or [t for t in inside if t.pos == "VERB"]
    return (verbs or heads or inside)[0]


def arguments(parse: Parse, verb: Token) -> tuple[Token, ...]:
    """The nouns a verb acts on: its object, its passive subject, the noun after "on" ("signed off on
    a package"), and the noun a participle describes ("the offensive, which was launched")."""
    out = []
    for child in parse.children(verb.i):
        if child.dep in ARGUMENT_DEPS:
            out.append(child)
        elif child.dep in ("prep", "prt"):
            out.extend(c for c in parse.children(child.i) if c.dep == "pobj")
            for grandchild in parse.children(child.i):
                if grandchild.dep == "prep" and child.dep == "prt":
                    out.extend(c for c in parse.children(grandchild.i) if c.dep == "pobj")
    if verb.dep in ("relcl", "acl") and not any(c.dep == "nsubj" for c in parse.children(verb.i)):
        out.append(parse.tokens[verb.head])
    return tuple(out)


def subject(parse: Parse, verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with ("troops crossed and took")."""
    for token in (verb, *([parse.tokens[verb.head]] if verb.dep in ("conj", "xcomp") else [])):
        for child in parse.children(token.i):
            if child.dep in SUBJECT_DEPS:
                return child
    return None


RELATIVE_PRONOUNS = ("that", "which", "who", "whom")


def doer(parse: Parse, verb: Token) -> Token | None:
    """Who or what does what a verb tells: its active subject, the noun a relative pronoun stands for
    ("the earthquake that struck"), or the agent of a passive ("was struck by an earthquake")."""
    for child in parse.children(verb.i):
        if child.dep == "agent":
            return next((c for c in parse.children(child.i) if c.dep == "pobj"), None)
    who = subject(parse, verb)
    if who is None or who.dep == "nsubjpass":
        return None
    of = next((c for c in parse.children(who.i) if c.dep == "prep" and c.lemma.lower() == "of"), None)
    thing = next((c for c in parse.children(of.i) if c.dep == "pobj"), None) if of is not None else None
    if thing is not None and is_a(thing.lemma, lexicon().made_things, senses=1):
        return thing  # "a hail of rockets struck": the rockets, not the hail (an earthquake "of magnitude 6" stays)
    if who.lemma.lower() in RELATIVE_PRONOUNS and verb.dep == "relcl":
        # the noun right before the pronoun: "the toll in the earthquake that hit" (the parser may hang it on "toll")
        before = parse.tokens[who.i - 1] if who.i > 0 else None
        return before if before is not None and before.pos in ("NOUN", "PROPN") else parse.tokens[verb.head]
    return who


def clause_type(parse: Parse, verb: Token, type_: str) -> str | None:
    """The event type of a trigger as its clause tells it; None when the clause tells no event."""
    lex = lexicon()
    nouns = arguments(parse, verb)
    who = doer(parse, verb) if verb.pos == "VERB" else None
    if who is not None and type_ in lex.hazard_types and is_a(who.lemma, lex.hazards):
        return "disaster"  # "Multiple earthquakes struck", "the earthquake that hit Italy"
    if who is not None and type_ == "ground_advance" and who.pos == "NOUN" and is_a(who.lemma, lex.crowds, senses=1):
        return "other"  # "5,000 people entered the Statehouse": no army took ground
    if type_ == "ground_advance" and verb.pos == "VERB" and any(
            t.pos == "NOUN" and is_a(t.lemma, lex.captives, senses=1) for t in taken(parse, verb)):
        return "other"  # "the hostages Hamas seized", "captured two soldiers": people taken, not ground
    if verb.lemma in lex.light_verbs:
        for noun in nouns:
            if (named := _noun_type(parse, noun)) is not None:
                return named
    if type_ == "policy_decision" and any(_names_aid(parse, noun) for noun in nouns):
        return "aid_pledge"  # "signed off on its latest aid package"
    if type_ == "strike" and any(p.lemma.lower() in lex.word_settings for p in _settings(parse, verb)):
        return "statement"  # "attacked his rival in a televised debate", "hit back in an interview"
    if verb.lemma in lex.delivery_verbs and type_ in ("delivery", "deployment", "aid_pledge"):
        moved = {t.lemma.lower() for t in carried(parse, verb)}
        if moved & lex.aid_goods:
            return "aid_pledge"  # "sent two planes carrying 40 tonnes of supplies", "took off with aid"
        if type_ == "delivery":
            return "deployment" if moved & lex.troop_goods else None
    if type_ == "statement" and verb.lemma in lex.giving_verbs and any(_names_aid(parse, noun) for noun in nouns):
        return "aid_pledge"  # "China announced 100 million yuan ($14.5 million) in aid"
    if type_ == "ground_advance" and verb.pos == "VERB":
        who = subject(parse, verb)
        if who is not None and who.lemma.lower() in lex.growth_subjects:
            return None  # "Net income advanced to $94 million"
    return type_


def taken(parse: Parse, verb: Token) -> list[Token]:
    """What a verb of taking takes: its object or passive subject, or the noun its relative clause
    describes when the clause has a subject and no object ("the hostages Hamas seized") or is a
    participle ("the soldiers captured near the border")."""
    out = [c for c in parse.children(verb.i) if c.dep in ("dobj", "nsubjpass")]
    if not out and verb.dep == "relcl" and any(c.dep == "nsubj" for c in parse.children(verb.i)):
        out.append(parse.tokens[verb.head])
    if not out and verb.dep == "acl" and verb.tag == "VBN":
        out.append(parse.tokens[verb.head])  # "some youths, captured in recent days by rebels, said"
    return out


def _settings(parse: Parse, verb: Token) -> list[Token]:
    """The nouns after "in", "during", "on" or "at" that hang on a verb: where or how it was done."""
    return [p for c in parse.children(verb.i) if c.dep == "prep" and c.text.lower() in ("in", "during", "on", "at")
            for p in parse.children(c.i) if p.dep == "pobj"]


def carried(parse: Parse, verb: Token) -> list[Token]:
    """The words of what a verb of sending moves: its object's phrase (and the passive subject's), a
    "with" phrase, and a participle after it ("sent planes carrying tons of supplies", "arrived bearing aid")."""
    roots = [c for c in parse.children(verb.i) if c.dep in ("dobj", "nsubjpass")
             or c.dep in ("advcl", "xcomp") and c.tag == "VBG"]
    roots += [p for c in parse.children(verb.i) if c.dep == "prep" and c.text.lower() == "with"
              for p in parse.children(c.i) if p.dep == "pobj"]
    out, stack = [], list(roots)
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(parse.children(token.i))
    return out


def retells(parse: Parse, verb: Token, type_: str) -> bool:
    """Whether a verb's subject is an event of its own type already told ("the strike ... targeted",
    "this attack hit"): the clause adds to that event, it tells no new one."""
    who = subject(parse, verb)
    return (who is not None and lexicon().noun_types.get(who.lemma.lower()) == type_
            and any(c.dep == "det" and c.lemma.lower() in ("the", "this", "that", "these", "those") for c in parse.children(who.i)))


def _noun_type(parse: Parse, noun: Token) -> str | None:
    """The type a noun or its compound names ("offensive", "drone attacks", "military drills")."""
    lex = lexicon()
    if noun.lemma.lower() in lex.noun_types:
        return lex.noun_types[noun.lemma.lower()]
    for child in parse.children(noun.i):  # "a series of drone attacks"
        if child.dep == "prep" and child.text.lower() == "of":
            for pobj in parse.children(child.i):
                if pobj.dep == "pobj" and pobj.lemma.lower() in lex.noun_types:
                    return lex.noun_types[pobj.lemma.lower()]
    return None


def _names_aid(parse: Parse, noun: Token) -> bool:
    """Whether a noun phrase is aid: "an aid package", "$14.5 million in aid", "a package of assistance"."""
    lex = lexicon()
    words = [noun] + [c for c in parse.children(noun.i) if c.dep in ("compound", "amod", "nmod")]
    for prep in parse.children(noun.i):
        if prep.dep == "prep" and prep.text.lower() in ("in", "of"):
            words.extend(c for c in parse.children(prep.i) if c.dep == "pobj")
    return any(w.lemma.lower() in lex.aid_nouns for w in words)


def negated(parse: Parse, verb: Token) -> bool:
    """Whether a verb is denied: "did not strike", "never reached"; or its subject is "no one"/"none"."""
    if any(c.dep == "neg" for c in parse.children(verb.i)):
        return True
    who = subject(parse, verb)
    return who is not None and (who.lemma.lower() in ("none", "nobody") or any(
        c.dep == "det" and c.lemma.lower() == "no" for c in parse.children(who.i)))


def conditional(parse: Parse, verb: Token) -> bool:
    """Whether a verb tells only a condition: "if EU ministers endorse the measures on Monday", "unless talks resume"."""
    return any(c.dep == "mark" and c.text.lower() in ("if", "unless") for c in parse.children(verb.i))


def planned(parse: Parse, verb: Token) -> bool:
    """Whether a verb tells what is only intended or to come: "will deliver", "plans to send",
    "could strike", "is expected to approve"."""
    lex = lexicon()
    for child in parse.children(verb.i):
        if child.dep == "aux" and (child.tag == "MD" or child.lemma == "will"):
            return True
    if verb.dep == "xcomp":
        governor = parse.tokens[verb.head]
        return governor.lemma in lex.intent_verbs or planned(parse, governor)
    return False


def speaker_of(parse: Parse, verb: Token) -> tuple[Token, Token] | None:
    """The speech verb that reports a happening, and its speaker: for "retaken" in "The general staff
    said on Friday its troops had retaken the town", ("said", "staff")."""
    lex = lexicon()
    token = verb
    while token.dep in ("ccomp", "conj", "xcomp", "advcl") and token.head != token.i:
        governor = parse.tokens[token.head]
        if token.dep in ("ccomp", "xcomp") and governor.lemma in lex.speech_verbs:  # "said ... had", "claimed to have"
            who = subject(parse, governor)
            return (governor, who) if who is not None else None
        token = governor
    return None


def phrase(parse: Parse, token: Token) -> str:
    """The words of a noun phrase headed by a token: "the general staff", "Russia's defence ministry"."""
    keep = [token, *(t for t in parse.children(token.i) if t.dep in ("compound", "amod", "poss", "case", "det", "nmod"))]
    for t in list(keep):
        if t.dep == "poss":
            keep.extend(c for c in parse.children(t.i) if c.dep in ("compound", "case"))
    words = sorted(keep, key=lambda t: t.i)
    words = [w for w in words if w.dep != "det"]
    return " ".join(w.text for w in words).replace(" 's", "'s").replace(" ’s", "’s")


def governing_verb(parse: Parse, start: int, end: int | None = None) -> Token | None:
    """The verb a date expression at [start, end) (offsets into the sentence) belongs to; None when
    the date describes a noun on the way ("pilot training in 2024") or no verb governs it."""
    token = parse.token_at(start)
    if token is None:
        return None
    end = token.end if end is None else end
    for ancestor in parse.ancestors(token.i):
        if start <= ancestor.start < end:
            continue  # a word of the date itself
        if ancestor.pos in ("VERB", "AUX"):
            return ancestor
        if ancestor.pos in ("NOUN", "PROPN", "PRON"):
            return None
    return None


HAPPENINGS = ("strike", "ground_advance", "casualty_report", "air_defense_intercept")


def read_clauses(triggers: tuple[Trigger, ...], parse: Parse | None) -> tuple[Trigger, ...]:
    """The triggers as their clauses tell them: typed by their arguments ("launched an offensive"),
    without the denied ("did not strike") and, for happenings, the only planned ("will strike"),
    with the speaker who reports them ("said its troops had retaken")."""
    if parse is None:
        return tuple(t for t in triggers if t.type != "delivery")  # only a clause says what was sent
    out = []
    for trigger in triggers:
        verb = trigger_token(parse, trigger.start, trigger.end)
        if verb is None:
            out.append((trigger, None, None))
            continue
        type_ = clause_type(parse, verb, trigger.type) if verb.pos in ("VERB", "AUX") else trigger.type
        if type_ is None or negated(parse, verb) or conditional(parse, verb):
            continue
        if type_ in HAPPENINGS and verb.pos == "VERB" and planned(parse, verb):
            continue
        if trigger.verbal and (verb.pos not in ("VERB", "AUX") or verb.tag == "VBN" and _describes_a_noun(parse, verb)):
            continue  # "the evacuation of the injured"; "claims of captured territory", "the area struck"
        if trigger.verbal and retells(parse, verb, type_):
            continue  # "said the strike in the southern province targeted a depot": the strike already told
        if not trigger.verbal and type_ == "casualty_report" and verb.dep in ("nsubj", "nsubjpass", "dobj") and parse.tokens[verb.head].lemma in lexicon().toll_verbs \
                and not planned(parse, parse.tokens[verb.head]):
            # "the death toll mounted to 66", "has been raised", "put the toll at", "is reporting the toll at 290": told as done
            trigger = replace(trigger, verbal=True)
        reported = speaker_of(parse, verb) if type_ != "statement" else None
        speaker = phrase(parse, reported[1]) if reported else None
        out.append((replace(trigger, type=type_, speaker=speaker, token=verb.i), verb, reported[0].i if reported else None))
    # "jets struck targets", "launched strikes": a noun that a trigger's verb acts on is part of its event
    verbs = {verb.i for trigger, verb, _ in out if verb is not None and trigger.verbal}
    out = [(t, verb, s) for t, verb, s in out if t.verbal or verb is None or verb.head not in verbs or verb.dep not in ("dobj", "nsubjpass")]
    # "The general staff said its troops had retaken the town": the saying reports the happening
    reporting = {speech for _, _, speech in out if speech is not None}
    return tuple(t for t, verb, _ in out if not (t.type == "statement" and verb is not None and verb.i in reporting))


def _describes_a_noun(parse: Parse, verb) -> bool:
    """A participle that describes a noun ("captured territory", "the area struck") rather than
    telling what happened to it."""
    return verb.dep == "amod" or (verb.dep == "acl" and verb.head == verb.i - 1  # right after its noun
                                  and not any(c.dep.startswith("nsubj") for c in parse.children(verb.i)))
