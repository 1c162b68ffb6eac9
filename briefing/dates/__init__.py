"""Find temporal expressions in news text and normalise them to TimeML TIMEX3 values.

The tagger is a cascade of regular-expression rules built from the lexicon in
`data/temporal.yaml`. Every rule proposes candidate spans; overlapping candidates are
resolved leftmost-longest; the survivors are normalised in document order against an
anchor (the publication date, possibly only a month or a year) and a reference (the last
date the text mentioned, for "the next day" or "a year earlier").

Relative expressions take their direction from the tense of their clause: "on Saturday" in
a past-tense sentence is the Saturday before the anchor, "will join the meeting on
Wednesday" the Wednesday after, and a weekday equal to the publication day is that day.
An expression that needs a publication day that is unknown keeps X's in its value and is
marked unresolved; no day is ever guessed.

The package, from the words up:
- vocabulary.py: the Lexicon of data/temporal.yaml, loaded once, and patterns made of its words;
- anchor.py: the publication date and the calendar arithmetic against it (weeks, quarters,
  seasons, movable holidays);
- context.py: what a normaliser may look at (sentences, dates told so far); cues.py: the
  tense and direction of a clause;
- grammar.py: the rules of data/temporal_rules.yaml, their pieces filled in; named_dates.py,
  quarters.py, relative.py, durations.py: the normalisers that give each rule's matches their values;
- tagger.py: the tagging of a text or a document (tag, tag_document, written_on);
- event_dates.py: what the event, figure and pipeline stages take from the tagger (event_date,
  infer_published, sentence_spans).
"""
from briefing.dates.event_dates import event_date, infer_published, sentence_spans
from briefing.dates.tagger import tag, tag_document, written_on
from briefing.dates.vocabulary import Lexicon, lexicon

__all__ = ["Lexicon", "event_date", "infer_published", "lexicon", "sentence_spans", "tag", "tag_document", "written_on"]
