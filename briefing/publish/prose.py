"""Write the briefing's own prose from jinja2 templates, and list its caveats.

The templates live in the top-level templates/ folder; a folder given with --templates
overrides any of them by file name.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefing import __version__
from briefing.corpus import salience, topic
from briefing.errors import ConfigError
from briefing.extract import wordnet
from briefing.data import load
from briefing.models import Briefing, Event, Quantity
from briefing.publish.naming import clip, event_line, event_when, human_date, is_claim, source_labels, type_label
from briefing.read import readers, voice
from briefing.read.untrusted import printable

BUILT_IN = Path(__file__).resolve().parents[2] / "templates"
QUOTE_WORDS = 40  # the latest development's sentence, quoted whole or by its opening clauses
TEMPLATES = ("executive_summary", "events_intro", "sources_intro", "method")


class ContainedLoader(jinja2.FileSystemLoader):
    """Templates from their folders only: a template that is a link out of its folder (to
    /etc/passwd) is refused, not printed into the briefing."""

    def get_source(self, environment, template):  # noqa: D102 - jinja2's hook
        source, filename, uptodate = super().get_source(environment, template)
        if not any(Path(filename).resolve().is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            raise ConfigError(f"template {template} is a link to a file outside its folder, not followed")
        return source, filename, uptodate


def environment(override: Path | None, autoescape=False, lstrip_blocks: bool = False) -> jinja2.Environment:
    """The templates' environment (the PDF's and the e-mail's): sandboxed, since a --templates folder
    may come from anyone (no attribute of Python's internals, such as cycler.__init__.__globals__, is
    reachable), and reading no file outside its folders."""
    folders = [str(p) for p in (override, BUILT_IN) if p is not None]
    return SandboxedEnvironment(loader=ContainedLoader(folders, followlinks=False), undefined=jinja2.StrictUndefined,
                                trim_blocks=True, lstrip_blocks=lstrip_blocks, keep_trailing_newline=False,
                                autoescape=autoescape)


def _plural(name: str, count: int) -> str:
    return name if count == 1 else name + "s"


def latest_development(events: tuple[Event, ...]) -> Event | None:
    """The event that began last of those dated by their own sentence, to the day where any is (a
    year or a month ends late without having begun late), the most salient of one day; none told in
    the narrator's own voice (read/voice.py) where another is. Of one day, a whole sentence goes
    before one that only leads into a quotation or an embedded post ("... damage has been done:")."""
    dated = [e for e in events if e.date and e.date.basis == "text"]
    dated = [e for e in dated if not voice.own_voice(e.summary)] or dated
    days = [e for e in dated if e.date.precision == "day"] or dated
    return max(days, key=lambda e: (e.date.first_day, e.summary.rstrip().endswith(WHOLE), e.salience or 0, e.event_id),
               default=None)


WHOLE = (".", "!", "?", "”", '"', "’", "…", ")")  # how a whole sentence (or a shortened one) ends


def _on(event: Event) -> str:
    """When an event happened, with its preposition: "on 20 Aug 2011", "in March 2011", "in the week of ..."."""
    when = event_when(event).rstrip(" †‡")
    return ("on " if event.date.precision == "day" else "in the " if when.startswith("week") else "in ") + when


def context(briefing: Briefing, caveats: list[str]) -> dict:
    """What the templates may say: counts, the latest development, the largest figures."""
    labels = source_labels(briefing.documents)
    events = briefing.events
    kinds = Counter(e.type for e in events)
    # The latest development and the sums are the subject's (no digest's other story); every event is counted.
    latest = latest_development(tuple(e for e in events if e.event_id not in briefing.off_topic_events))
    figures = topic.figures_about(briefing.subject, briefing.figures, briefing.sentences)
    money = _largest([f for f in figures if f.is_money and f.category != "price"], 3, labels)
    counts = _largest([f for f in figures if f.category == "strike"], 4, labels)
    period = briefing.period
    return {
        "n_sources": len(briefing.documents),
        "n_events": len(events),
        "period": (human_date(period[0]), human_date(period[1])) if period else None,
        "kinds": [(_plural(type_label(k), n), n) for k, n in kinds.most_common()],
        "latest": latest and {"kind": type_label(latest.type), "quote": event_line(latest, QUOTE_WORDS),
                              "when": event_when(latest).rstrip(" †‡"), "on": _on(latest), "source": labels[latest.source]},
        "strikes": sum(kinds[k] for k in ("strike", "air_defense_intercept")),
        "multi": sum(len(e.sources) > 1 for e in events),
        "money": money,
        "counts": counts,
        "n_caveats": len(caveats),
        "subject": _subject(briefing),
        "summarised": salience.SUMMARISED_SOURCES if len(briefing.documents) > salience.MANY_SOURCES else None,
        "min_sentences": 3,
        "max_sentences": 5,
        "version": __version__,
        "as_of": briefing.config.as_of.isoformat(),
        # what kinds of file the articles came from: the method says how each is read and dated
        "n_pages": sum(d.path.suffix.lower() in readers.HTML_SUFFIXES for d in briefing.documents),
        "n_feed_items": sum(d.path.suffix.lower() in readers.FEED_SUFFIXES for d in briefing.documents),
    }


def _largest(figures: list[Quantity], count: int, labels: dict[str, str]) -> list[dict]:
    """The `count` largest amounts, each once with every source that names it ("$170 billion (S355,
    S356)"), as a sentence quotes them: "more than 110 missiles", not "More than" from a sentence's start."""
    amounts: dict[tuple[float, str], list[Quantity]] = {}
    for f in sorted(figures, key=lambda f: -f.value):
        amounts.setdefault((f.value, f.unit), []).append(f)
    return [{"text": _mid_sentence(same[0].phrase), "source": ", ".join(dict.fromkeys(labels[f.source] for f in same))}
            for same in list(amounts.values())[:count]]


def _mid_sentence(phrase: str) -> str:
    """A figure's phrase with the capital of a sentence's first word dropped when that word is a
    qualifier of figures.yaml ("More than 110" -> "more than 110")."""
    lowered = phrase[:1].lower() + phrase[1:]
    qualifiers = load("figures.yaml")["qualifiers"]
    return lowered if phrase[:1].isupper() and any(lowered.startswith(q + " ") for q in qualifiers) else phrase


def _subject(briefing: Briefing) -> dict | None:
    """What the briefing takes its subject to be, for the summary and the caveats."""
    found = briefing.subject
    if found is None:
        return None
    return {"words": list(found.words), "given": found.given, "unnamed": found.unnamed,
            "off_topic": len(found.off_topic), "n_sources": len(briefing.documents)}


def _render(env: jinja2.Environment, name: str, values: dict, override: Path | None) -> str:
    try:
        return env.get_template(f"{name}.txt.j2").render(**values).strip()
    except jinja2.TemplateNotFound as exc:
        missing = f"{name}.txt.j2" if exc.name == f"{name}.txt.j2" else f"{exc.name} (included by {name}.txt.j2)"
        raise ConfigError(f"template {missing} not found in {override or BUILT_IN}") from None
    except ConfigError:
        raise
    except RecursionError:
        raise ConfigError(f"template {name}.txt.j2 includes or calls itself without end") from None
    except Exception as exc:  # noqa: BLE001 - a template is code from the user: any fault of it is one line
        message = str(exc).splitlines()[0] if str(exc) else ""
        kind = "" if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: "
        raise ConfigError(f"template {name}.txt.j2: {kind}{message}") from None


def write(briefing: Briefing, caveat_lines: str) -> dict[str, str]:
    """Render every template against the briefing; the caveats are rendered already."""
    env = environment(briefing.config.templates)
    values = context(briefing, [line for line in caveat_lines.splitlines() if line.startswith("- ")])
    out = {name: _render(env, name, values, briefing.config.templates) for name in TEMPLATES}
    out["caveats"] = caveat_lines
    return out


def conflicting_figures(briefing: Briefing, labels: dict[str, str]) -> list[dict]:
    """Aid totals of the subject in one currency that differ between sources: the reader should see
    each, listed by amount (largest first, one line an amount) with the sources that give it."""
    published = {d.source: d.published for d in briefing.documents}
    groups: dict[str, list] = {}
    for f in topic.figures_about(briefing.subject, briefing.figures, briefing.sentences):
        if f.category == "aid" and f.is_money:
            groups.setdefault(f.unit, []).append(f)
    return [
        {"unit": unit, "n_sources": len({f.source for f in figures}),
         "figures": [{"phrase": f.phrase, "label": labels[f.source], "published": published[f.source] or "undated"}
                     for f in figures],
         "amounts": _by_amount(figures, labels, published)}
        for unit, figures in sorted(groups.items())
        if len({f.source for f in figures}) > 1 and len({f.value for f in figures}) > 1
    ]


def _by_amount(figures: list, labels: dict[str, str], published: dict[str, str | None]) -> list[dict]:
    """One entry an amount, largest first: its phrases as written and the sources giving it, with their days."""
    amounts: dict[float, list] = {}
    for f in figures:
        amounts.setdefault(f.value, []).append(f)
    return [{"phrases": list(dict.fromkeys(f.phrase for f in same)),
             "sources": list(dict.fromkeys(f"{labels[f.source]}, {human_date(published[f.source]) if published[f.source] else 'undated'}"
                                           for f in same))}
            for value, same in sorted(amounts.items(), key=lambda item: -item[0])]


def _claimants(claims: list[Event]) -> list[dict]:
    """Who the claims rest on, each once (whatever the case: "Doctors", "doctors"), most claims first."""
    by: dict[str, list[Event]] = {}
    for e in claims:
        by.setdefault(e.attributed_to.casefold(), []).append(e)
    ranked = sorted(by.values(), key=lambda same: (-len(same), same[0].attributed_to.casefold()))
    return [{"by": same[0].attributed_to, "events": [e.event_id for e in same]} for same in ranked]


def caveat_facts(briefing: Briefing, undated: tuple[Event, ...], unicode_fonts: bool = True,
                 unshown: tuple[str, ...] = ()) -> dict:
    """What a careful reader should know, as data for templates/caveats.txt.j2."""
    labels = source_labels(briefing.documents)
    as_of = briefing.config.as_of.isoformat()
    # At scale the PDF's table holds only the most salient events: the caveats speak of those.
    dated = [e for e in salience.table_events(briefing.events, briefing.key_dates) if e.date]
    if salience.at_scale(briefing.events):
        undated = undated[:salience.SUMMARISED_SOURCES]

    def sources(test) -> list[dict]:
        return [{"label": labels[d.source], "file": printable(d.path.name), "published": d.published}
                for d in briefing.documents if test(d)]

    return {
        "inherited": [e.event_id for e in dated if e.date.basis == "inherited"],
        "published": [e.event_id for e in dated if e.date.basis == "published"],
        "vague": [e.event_id for e in dated if e.date.precision != "day"],
        "undated_sources": sources(lambda d: not d.published),
        "partial_sources": sources(lambda d: d.published and len(d.published) < 10),
        "inferred_sources": sources(lambda d: d.published and len(d.published) == 10 and d.published_basis == "inferred"),
        # compared as text, to the same precision: a year or a month is later only when all of it is
        "future_sources": sources(lambda d: d.published and d.published > as_of[:len(d.published)]),
        "as_of": as_of,
        "unresolved": [{"label": labels[e.source], "text": clip(e.summary, 20)} for e in undated],
        "claims": [{"event": e.event_id, "by": e.attributed_to} for e in dated if is_claim(e)],
        "claimants": (claimants := _claimants([e for e in dated if is_claim(e)])),
        "claims_once": [c for c in claimants if len(c["events"]) == 1],
        "conflicts": conflicting_figures(briefing, labels),
        "skipped": [{"path": printable(s.path), "reason": s.reason} for s in briefing.skipped],
        "left_out": len(briefing.left_out),
        "window": (f"{human_date(briefing.config.window.first.isoformat())} – "
                   f"{human_date(briefing.config.window.last.isoformat())}") if briefing.config.window else None,
        "unicode_fonts": unicode_fonts,
        "encodings": [{"label": labels[d.source], "file": printable(d.path.name), "encoding": d.encoding}
                      for d in briefing.documents if d.encoding != "utf-8"],
        "charts_failed": next((c.empty_reason for c in briefing.charts if c.failed), None),
        "unshown": list(unshown),
        "subject": _subject(briefing),
        "no_wordnet": not wordnet.available(),
    }


def caveats(briefing: Briefing, undated: tuple[Event, ...], unicode_fonts: bool = True,
            unshown: tuple[str, ...] = ()) -> str:
    """The caveats section, rendered from its template as "- " lines."""
    return _render(environment(briefing.config.templates), "caveats", caveat_facts(briefing, undated, unicode_fonts, unshown),
                   briefing.config.templates)
