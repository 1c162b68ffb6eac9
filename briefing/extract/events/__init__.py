"""Find the dated events of one article (the merge across articles is `briefing.corpus.merge`).

How a sentence becomes events:
- Triggers (data/events.yaml) name happenings: verbal ones ("struck", "were captured") and
  nominal ones ("a dawn attack", "a press briefing"). A nominal trigger after "the"/"this" refers
  to an event already told and makes no new one.
- Each date the sentence mentions goes to its nearest trigger (one date per trigger, verbs and
  triggers before the date preferred), so "launched 35 drones over the weekend in retaliation to
  a dawn attack ... on Saturday" gives two events with two dates.
- A sentence opening on "The attack ..." or "This decision ..." continues an earlier event; if that
  event had no date of its own it takes this sentence's first date (basis "inherited").
- An interception with no date is part of the strike just told, and takes its date.
- The lead sentence, and any sentence telling a completed strike, advance, fire or casualty in the
  past tense without a date, is dated "reported on" the publication day (basis "published").
  Statements, pledges, decisions and deployments are events only with a date of their own.
"""
from briefing.extract.events.article import Draft, article_events, attribution, document_events, to_event, union
from briefing.extract.events.triggers import find_triggers, rules

__all__ = ["Draft", "article_events", "attribution", "document_events", "find_triggers", "rules", "to_event", "union"]
