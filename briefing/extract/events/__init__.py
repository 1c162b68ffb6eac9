"""Find the dated events of one article: trigger words (`triggers`), then the events their clauses
tell, each with its date, place, actors and weapons (`article`, whose docstring says how a sentence
becomes events; `spans`, which of its dates stand for a period counted to the time of writing;
`stamps`, a live blog's entry stamps). The merge of one event told by several articles is `briefing.corpus.merge`.
"""
from briefing.extract.events.article import Draft, article_events, attribution, document_events, to_event, union
from briefing.extract.events.triggers import find_triggers, rules

__all__ = ["Draft", "article_events", "attribution", "document_events", "find_triggers", "rules", "to_event", "union"]
