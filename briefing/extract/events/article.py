"""Find the events one article tells, each with its date, place, actors and weapons.

How a sentence becomes events:
- Triggers (data/events.yaml) name happenings: verbal ones ("struck", "were captured") and
  nominal ones ("a dawn attack", "a press briefing"). A nominal trigger after "the"/"this" refers
  to an event already told and makes no new one.
- Each date the sentence mentions goes to its nearest trigger (one date per trigger, verbs and
  triggers before the date preferred), so "launched 35 drones over the weekend in retaliation to
  a dawn attack ... on Saturday" gives two events with two dates. A date that stands for a period
  is read as that period ("since January" in a sentence that counts to now, "the first seven
  months of 2019": see `spans`).
- A sentence opening on "The attack ..." or "This decision ..." continues an earlier event; if that
  event had no date of its own it takes this sentence's first date (basis "inherited").
- An interception with no date is part of the strike just told, and takes its date.
- The lead sentence, and any sentence telling a completed strike, advance, fire or casualty in the
  past tense without a date, is dated "reported on" the publication day (basis "published").
  Statements, pledges, decisions and deployments are events only with a date of their own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from briefing.dates import event_date, lexicon
from briefing.extract.clauses import HAPPENINGS, Trigger, governing_verb, read_clauses
from briefing.extract.clauses import lexicon as clause_words  # its speech verbs; dates' lexicon is `lexicon`
from briefing.extract.events.spans import sentence_dates
from briefing.extract.events.stamps import stamp
from briefing.extract.events.triggers import find_triggers, last_mark, next_mark, rules, tail_start
from briefing.extract.gazetteer import gazetteer
from briefing.models import DateMention, Document, Event, EventDate, Parse, Sentence
from briefing.read.head import dateline_end, dateline_span

SUMMARY_WORDS = 45  # as many as an event table cell shows
ADJACENT = 12  # characters between a speaker's verb and its own date: "said on Tuesday"
def _deadline(sentence: Sentence, mention: DateMention, when: EventDate, published: str | None) -> bool:
    """"... will deliver a third Patriot system by the end of June", "needed $265 million to keep
    operations running until June": after "by" or "until" (the tagger's deadline words), a date is
    a deadline when the sentence looks ahead or the date is still to come."""
    before = sentence.text[:mention.start - sentence.start].split()
    if not before or before[-1].lower() not in lexicon().deadline_cues:
        return False
    return _to_come(when, published) or rules().looking_ahead.search(sentence.text) is not None


# A clock time that names no day: "8:30 p.m. local time", "1935 GMT", "noon".
BARE_CLOCK = re.compile(r"(?:(?:about|around|at)\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|\d{4}|noon|midnight)"
                        r"(?:\s+(?:local\s+time|[A-Z]{2,4}))?", re.I)
# What is said or decided on a day: a period of weeks or years dates what it tells, not the saying.
SAID = ("statement", "policy_decision")
# What is told only once it is done: a date still to come is not its day.
TOLD_WHEN_DONE = (*HAPPENINGS, "statement", "aid_pledge")


def _to_come(when: EventDate, published: str | None) -> bool:
    """Whether a date lies wholly after the publication day ("140,000 shells for next year"): it is
    when something is due, not when what the sentence tells happened."""
    return published is not None and len(published) == 10 and when.first_day > published


# "said (on Friday) (that) it had allocated ...": the verb introduces the reported happening.
REPORTED_CLAUSE = re.compile(r"\s+(?:on\s+\w+(?:\s+\d{1,2})?\s+|\w+day\s+)?(?:that\b|(?:it|they|he|she|we)\s+(?:had|has|have|would|will|was|were)\b)", re.I)
ATTRIBUTION_TAIL = re.compile(r",\s*(?:[\w’'.-]+\s+){0,6}$")


def _without_attribution(text: str, triggers: tuple[Trigger, ...]) -> tuple[Trigger, ...]:
    """", the air force said on Wednesday": the speaker's verb credits the happening told before it;
    it is not an event of its own when the sentence tells another one."""
    others = [t for t in triggers if t.type != "statement"]
    if not others:
        return triggers
    first = min(o.start for o in others)

    def crediting(t: Trigger) -> bool:
        tail = ATTRIBUTION_TAIL.search(text, tail_start(text, t.start, 7), t.start)  # a comma and six words
        return t.type == "statement" and t.verbal and (t.start > first and tail is not None
                                                      or bool(REPORTED_CLAUSE.match(text, t.end)))
    return tuple(t for t in triggers if not crediting(t))


def attribution(text: str) -> str | None:
    """Who a sentence's claim comes from ("Russia's Defense Ministry reported ...")."""
    for pattern in rules().attribution:
        if m := pattern.search(text):
            return _speaker(m.group("who").strip())
    return None


@dataclass
class Draft:
    """An event while its article is read; its date may come from another event."""

    type: str
    sentence: Sentence
    trigger: Trigger
    date: EventDate | None
    clause: tuple[int, int]  # offsets into the sentence of the words that describe it
    follows: Draft | None = None  # the event whose date this one shares
    opening: int = 0  # where the sentence's own words begin, after a live blog's stamp
    absorbed: list[Sentence] = field(default_factory=list)

    def resolved_date(self) -> EventDate | None:
        if self.date is not None:
            return self.date
        if self.follows is not None and (d := self.follows.resolved_date()) is not None:
            return EventDate(date=d.date, precision=d.precision, text=d.text, basis="inherited")
        return None


# What a speaker's day dates when the sentence has a date of its own too: a report (a toll, a statement)
REPORTED = ("casualty_report", "statement")


def _assign_dates(sentence: Sentence, triggers: tuple[Trigger, ...], dated: list[tuple[DateMention, EventDate]],
                  parse: Parse | None = None, stamp_at: int | None = None):
    """Give each date to the trigger of the clause it belongs to (the verb it depends on in the
    parse), else to its nearest trigger; return {trigger index: (mention, date)}. A clause that
    goes on from the event before it (", killing 40 people") is dated with that event. The stamp of
    a live blog's entry (the mention at `stamp_at`) goes last, to a clause left without a date. The
    day of a speaker's verb ("..., a medical official said Saturday") dates a happening only when
    the sentence gives no other date finer than a month; with one, it dates only a report ("the
    toll in this week's floods has risen to 40, the ministry said on Thursday"), not "a rare attack
    earlier this week"."""
    groups: list[list[int]] = []
    for i, trigger in enumerate(triggers):
        if groups and trigger.type != triggers[i - 1].type and _continues(sentence.text, trigger, triggers[i - 1]):
            groups[-1].append(i)
        else:
            groups.append([i])
    taken: dict[int, tuple[DateMention, EventDate]] = {}
    verbs = {m.start: governing_verb(parse, m.start - sentence.start, m.end - sentence.start)
             if parse is not None and m.start != stamp_at else None for m, _ in dated}
    tokens = {t.token for t in triggers}
    # "said on Thursday that rebels had shelled the port on Tuesday": the day of a trigger's own clause goes
    # first, then the other days, then an entry's stamp; a week, month, year or span goes last: it is too
    # coarse to beat a day ("allocated ... in 2024", "this week's earthquake ... has risen to 247")
    speech = clause_words().speech_verbs

    def spoken(d: tuple[DateMention, EventDate]) -> bool:
        verb = verbs[d[0].start]
        return verb is not None and verb.i not in tokens and verb.lemma.lower() in speech

    def rank(d: tuple[DateMention, EventDate]) -> int:
        day = d[1].precision == "day"
        if getattr(verbs[d[0].start], "i", None) in tokens and d[1].precision not in ("month", "year"):
            return 0
        return 2 if d[0].start == stamp_at else 1 if day else 3
    others = any(not spoken(d) and d[1].precision not in ("month", "year") for d in dated)  # a day beats a year
    for mention, when in sorted(dated, key=rank):
        lo, hi = mention.start - sentence.start, mention.end - sentence.start
        free = [g for g in range(len(groups)) if g not in taken]
        if others and spoken((mention, when)):
            free = [g for g in free if all(triggers[i].type in REPORTED for i in groups[g])]
        if not free:
            continue
        verb = verbs[mention.start]
        own = [g for g in free if verb is not None and any(triggers[i].token == verb.i for i in groups[g])]
        best = own[0] if own else min(free, key=lambda g: min(_distance(triggers[i], lo, hi) for i in groups[g]))
        taken[best] = (mention, when)
    return {i: value for g, value in taken.items() for i in groups[g]}


def _distance(trigger: Trigger, lo: int, hi: int) -> float:
    """How far a trigger is from a date at [lo, hi): verbs and triggers before the date count nearer."""
    before = trigger.end <= lo
    gap = lo - trigger.end if before else trigger.start - hi
    return max(gap, 0) * (1.0 if trigger.verbal else 1.6) * (1.0 if before else 1.4)


# ", killing at least 40 people", "and that it had intercepted two rockets": a clause that goes on
# from the event before it, in a sentence that gives one date for both.
CONTINUATION = re.compile(r"(?:,\s*(?:\w+ly\s+)?|,?\s+and\s+(?:that\s+)?(?:\w+\s+){0,3})$", re.I)


def _continues(text: str, trigger: Trigger, previous: Trigger) -> bool:
    if not trigger.verbal:
        return False
    participle = text[trigger.start:trigger.end].lower().endswith("ing")
    return (participle and CONTINUATION.search(text, tail_start(text, trigger.start, 6), trigger.start) is not None
            or re.search(r",?\s+and\s+that\s+", text[previous.end:trigger.start]) is not None)


def _clause(sentence: Sentence, trigger: Trigger, mention: DateMention | None, floor: int = 0) -> tuple[int, int]:
    """The words of a sentence that describe one of its events: from the punctuation (or the
    previous event's date) before it to the punctuation after it."""
    lo = min(trigger.start, mention.start - sentence.start) if mention else trigger.start
    hi = max(trigger.end, mention.end - sentence.start) if mention else trigger.end
    text = sentence.text
    left = max(last_mark(text, ",;–—(", lo) + 1, min(floor, lo))
    right = next_mark(text, ",;–—)", hi)
    return left, right if right != -1 else len(text)


def document_events(document: Document, sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...],
                    parses: dict[int, Parse] | None = None) -> list[Draft]:
    """The events one article tells, in the order it tells them (`parses`: sentence start -> its parse)."""
    parses = parses or {}
    drafts: list[Draft] = []
    content = [s for s in sentences if not _is_headline(s, document) and not rules().embedded_post.search(s.text)]
    lead = content[0] if content else None
    dateline = dateline_end(document.text)  # the dateline's date is the article's, not an event's
    ordered = sorted(mentions, key=lambda m: m.start)  # each sentence's dates by bisection: linear in the article's length
    starts = [m.start for m in ordered]
    insides = {s.start: [m for m in ordered[bisect_left(starts, s.start):bisect_left(starts, s.end)] if m.start >= dateline]
               for s in content}
    stamps = {s.start: found for s in content if (found := stamp(s.text, s.start, insides[s.start])) is not None}
    live = len(stamps) >= 2  # a live blog: each entry is of its stamp's day
    entry: EventDate | None = None
    for sentence in content:
        inside = insides[sentence.start]
        own = stamps.get(sentence.start)
        if own is not None:
            inside = [m for m in inside if m not in own.mentions]
            entry = event_date(own.date)
        all_triggers = read_clauses(find_triggers(sentence.text), parses.get(sentence.start))
        tallies = any(t.type not in SAID for t in all_triggers)
        dated = [(m, d) for m, d in sentence_dates(sentence, inside, document.published, tallies)
                 if not _deadline(sentence, m, d, document.published)]
        if live and entry is not None and own is None:
            # "pulled from the rubble at about 8:30 p.m. local time": a bare clock in an entry is of the entry's day
            dated = [(m, replace(d, date=entry.date, precision=entry.precision) if BARE_CLOCK.fullmatch(m.text) else d)
                     for m, d in dated]
        stamp_at = None
        if own is not None and entry is not None:
            dated.append((own.date, entry))
            stamp_at = own.date.start
        # "recently", "in the future": some other time; "now", "for now", "currently" is the time of writing
        vague = any(m.type in ("DATE", "TIME") and m.value in ("PAST_REF", "FUTURE_REF") for m in inside)
        if all(t.type in TOLD_WHEN_DONE for t in all_triggers):
            dated = [(m, d) for m, d in dated if not _to_come(d, document.published)]
        triggers = _without_attribution(sentence.text, all_triggers)
        kept = set(triggers)
        credits = [t for t in all_triggers if t not in kept]
        if (anaphor := rules().anaphora.match(sentence.text)) and (referent := _referent(drafts, anaphor.group(1))):
            # "The attack appears to have been part of a wave ... over the weekend": the earlier,
            # undated telling takes this date; the date still serves this sentence's own events.
            undated = referent.date is None or referent.date.basis == "published"
            if dated and undated:
                when = dated[0][1]
                referent.date = EventDate(date=when.date, precision=when.precision, text=when.text, basis="inherited")
                # "The attack took place on Tuesday, officials said": the date was the attack's
                triggers = tuple(t for t in triggers if t.type != "statement")
            referent.absorbed.append(sentence)
            if not dated:
                # "The attacks killed at least three people": what the sentence adds is of the referent's day
                if rules().anaphor_types.get(anaphor.group(1).lower()) is None:  # a happening, not "this decision"
                    drafts.extend(Draft(t.type, sentence, t, None, _clause(sentence, t, None), follows=_told(drafts, referent))
                                  for t in _first_of_each_type(triggers) if t.verbal and t.type in HAPPENINGS and t.type != referent.type)
                continue
        if not triggers:
            continue
        if dated:
            drafts.extend(_dated_drafts(sentence, triggers, credits, dated, parses.get(sentence.start), stamp_at))
        elif (draft := _undated(document, sentence, triggers, drafts, vague, sentence is lead, entry if live else None)) is not None:
            drafts.append(draft)
    for draft in drafts:  # a live blog's stamp dates its entry; it is not part of what the entry tells
        if (own := stamps.get(draft.sentence.start)) is not None:
            rest = draft.sentence.text[own.end:]
            draft.opening = own.end + len(rest) - len(rest.lstrip())
    return drafts


def _dated_drafts(sentence: Sentence, triggers: tuple[Trigger, ...], credits: list[Trigger],
                  dated: list[tuple[DateMention, EventDate]], parse: Parse | None = None,
                  stamp_at: int | None = None) -> list[Draft]:
    """The events a sentence dates itself: each date to its clause's trigger, one event per type and
    date; a date left over right after a speaker's verb ("Syrskyi said on Tuesday") is that
    statement's."""
    assigned = _assign_dates(sentence, triggers, dated, parse, stamp_at)
    out: list[Draft] = []
    seen: set[tuple[str, str]] = set()
    floor = 0
    for i in sorted(assigned, key=lambda i: assigned[i][0].start):
        trigger, (mention, when) = triggers[i], assigned[i]
        if (trigger.type, when.date) not in seen:
            seen.add((trigger.type, when.date))
            out.append(Draft(trigger.type, sentence, trigger, when, _clause(sentence, trigger, mention, floor)))
            floor = mention.end - sentence.start
    used = {mention.start for mention, _ in assigned.values()}
    for i, (mention, _) in list(assigned.items()):
        for other, when in dated:
            # "Multiple earthquakes struck on Saturday and Wednesday": a happening on each of two days
            if (other.start not in used and when.precision == "day" and triggers[i].type in (*HAPPENINGS, "disaster")
                    and COORDINATED.fullmatch(sentence.text[mention.end - sentence.start:other.start - sentence.start])
                    and (triggers[i].type, when.date) not in seen):
                used.add(other.start)
                seen.add((triggers[i].type, when.date))
                out.append(Draft(triggers[i].type, sentence, triggers[i], when, _clause(sentence, triggers[i], other, floor)))
    told_on = {when.date for mention, when in dated if mention.start in used}
    for mention, when in dated:
        lo = mention.start - sentence.start
        if when.date in told_on:
            continue  # "killed 27 overnight, the ministry said on Sunday": the same day adds no event
        for trigger in credits:
            if mention.start not in used and 0 <= lo - trigger.end <= ADJACENT and (trigger.type, when.date) not in seen:
                seen.add((trigger.type, when.date))
                out.append(Draft(trigger.type, sentence, trigger, when, _clause(sentence, trigger, mention, floor)))
    return out


# "on Saturday and Wednesday", "on Monday, Tuesday and Friday": days coordinated on one verb
COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:on\s+)?", re.I)


def _told(drafts: list[Draft], referent: Draft) -> Draft:
    """The telling of the referent's kind that the text dates itself, if there is one: "The attacks
    killed three" after "unleashed attacks Friday morning" is of that Friday."""
    dated = [d for d in drafts if d.type == referent.type and d.date is not None and d.date.basis == "text"]
    return dated[-1] if dated else referent


def _first_of_each_type(triggers: tuple[Trigger, ...]) -> list[Trigger]:
    return list({t.type: t for t in reversed(triggers)}.values())[::-1]


def _is_headline(sentence: Sentence, document: Document) -> bool:
    """The article's headline line is its title, not a sentence that tells an event."""
    text = sentence.text.strip().lstrip("#").strip()
    return text == document.title.strip() and not text.endswith((".", "!", "?", "”", '"'))


def _referent(drafts: list[Draft], noun: str) -> Draft | None:
    """The event a phrase such as "the attack" or "this decision" points back to."""
    wanted = rules().anaphor_types.get(noun.lower())
    candidates = [d for d in drafts if (d.type == wanted if wanted else d.type in ("strike", "other", "ground_advance"))]
    undated = [d for d in candidates if d.date is None or d.date.basis == "published"]
    pool = undated or candidates
    return pool[-1] if pool else None


def _undated(document: Document, sentence: Sentence, triggers: tuple[Trigger, ...], drafts: list[Draft],
             vague: bool, is_lead: bool, entry: EventDate | None = None) -> Draft | None:
    """An event for a sentence without a date of its own, or None if it tells none; in a live blog's
    entry, of the entry's day (`entry`: its stamp's date)."""
    r = rules()
    for trigger in triggers:
        if trigger.type == "air_defense_intercept" and trigger.verbal and not r.vague_time.search(sentence.text):
            # (not "And recently a similar device was intercepted near a base": another, earlier interception)
            strikes = [d for d in drafts if d.type == "strike"]
            current = [d for d in strikes if not r.background.search(d.sentence.text)]
            if strikes:
                return Draft(trigger.type, sentence, trigger, None, _clause(sentence, trigger, None),
                             follows=(current or strikes)[-1])
    if vague or r.vague_time.search(sentence.text) or r.modal.search(sentence.text) or sentence.text.lstrip().startswith(("“", '"')):
        return None
    def told_as_news(t: Trigger) -> bool:
        appeal = t.type == "statement" and r.appeal.match(sentence.text, t.start) is not None  # "issued a new appeal"
        sent = t.type == "aid_pledge" and r.delivery.match(sentence.text, t.start) is not None  # "sent 40 tonnes of aid"
        return appeal or sent or (is_lead or entry is not None or t.type not in r.needs_text_date) and t.type != "statement"
    verbal = [t for t in triggers if t.verbal and told_as_news(t)]
    if not verbal:
        return None
    trigger = min(verbal, key=lambda t: r.order.index(t.type))
    day = document.published if document.published and len(document.published) == 10 else None
    when = EventDate(date=day, precision="day", text="", basis="published") if day else None
    if entry is not None:
        when = EventDate(date=entry.date, precision=entry.precision, text=entry.text, basis="inherited")
    return Draft(trigger.type, sentence, trigger, when, _clause(sentence, trigger, None))


def _summary(sentence: Sentence, document: Document) -> str:
    """The sentence, shortened, without a wire dateline before it ("KYIV, Ukraine — ")."""
    lo, hi = dateline_span(document.text)
    skip = hi - sentence.start if lo <= sentence.start < hi else 0
    words = sentence.text[skip:].split()
    text = " ".join(words[:SUMMARY_WORDS])
    return text + (" …" if len(words) > SUMMARY_WORDS else "")


def to_event(draft: Draft, document: Document) -> Event | None:
    """Turn a draft into an Event record (None when it never got a date)."""
    when = draft.resolved_date()
    g = gazetteer()
    sentence = draft.sentence
    clause = sentence.text[draft.clause[0]:draft.clause[1]]
    context = " ".join([sentence.text] + [s.text for s in draft.absorbed])
    people = g.people_in(document.text)
    locations = g.find_places(clause, people) or g.find_places(context, people)
    actors = g.find_actors(clause) or g.find_actors(sentence.text)
    weapons = g.find_weapons(clause) or g.find_weapons(sentence.text)
    told = replace(sentence, start=sentence.start + draft.opening, text=sentence.text[draft.opening:])
    return Event(
        event_id="",
        type=draft.type,
        date=when,
        summary=_summary(told, document),
        location=locations,
        actors=actors,
        weapons=weapons,
        attributed_to=_speaker(draft.trigger.speaker) or attribution(told.text),
        sources=(document.source,),
        source=document.source,
        start=sentence.start,
        end=sentence.end,
        sentence=told.text,
        trigger=sentence.text[draft.trigger.start:draft.trigger.end],
        trigger_start=sentence.start + draft.trigger.start,
    )


def _speaker(who: str | None) -> str | None:
    """The speaker a reported happening is credited to, by its canonical name when the gazetteer knows it;
    None for words that name no one by themselves: a pronoun ("he said"), a number, a phrase led by a
    possessive ("his brother")."""
    if not who or not re.search(r"[^\W\d_]", who):
        return None
    first = who.split()[0]
    if first.lower() in rules().not_speakers and not (first.isupper() and len(first) > 1):  # "US President ..." is no "us"
        return None
    actors = gazetteer().find_actors(who)
    return actors[0] if actors else who


def _merge_into_dated(events: list[Event]) -> list[Event]:
    """Within one article, an event dated only by publication joins a text-dated one of its type and
    day ("A drone attack on Odesa damaged port infrastructure" after "Russia launched 87 drones
    overnight"), which gains its weapons, and its places when it names none."""
    first_dated: dict[tuple[str, str], int] = {}  # (type, day) -> the first text-dated event's index: linear time
    for i, d in enumerate(events):
        if d.date and d.date.basis != "published":
            first_dated.setdefault((d.type, d.date.date), i)
    out, joined = list(events), set()
    for j, e in enumerate(events):
        if e.date and e.date.basis == "published" and e.type != "statement" and (i := first_dated.get((e.type, e.date.date))) is not None:
            # (an appeal told undated is its own: "UNICEF also issued a new appeal" after the authorities' call)
            out[i] = replace(out[i], location=out[i].location or e.location, weapons=union([out[i], e], "weapons"))
            joined.add(j)
    return [e for j, e in enumerate(out) if j not in joined]


def union(events: list[Event], attr: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for e in events for x in getattr(e, attr)))


def article_events(document: Document, sentences: tuple[Sentence, ...], mentions: tuple[DateMention, ...],
                   parses: tuple[Parse, ...] = ()) -> tuple[Event, ...]:
    """The events one article tells by itself (dated or not), not yet merged with other articles' or numbered."""
    own_parses = {p.start: p for p in parses if p.source == document.source}
    events = [to_event(d, document) for d in document_events(document, sentences, mentions, own_parses)]
    return tuple(_merge_into_dated([e for e in events if e is not None]))
