"""Write the briefing's own prose from jinja2 templates, and list its caveats.

The templates live in the top-level templates/ folder; a folder given with --templates
overrides any of them by file name.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2

from briefing import __version__
from briefing.errors import ConfigError
from briefing.models import Briefing, Event
from briefing.report import TYPE_NAMES, event_when, human_date, source_labels

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"
TEMPLATES = ("executive_summary", "events_intro", "sources_intro", "method")


def environment(override: Path | None) -> jinja2.Environment:
    folders = [str(p) for p in (override, BUILT_IN) if p is not None]
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folders), undefined=jinja2.StrictUndefined,
                              trim_blocks=True, keep_trailing_newline=False, autoescape=False)


def _plural(name: str, count: int) -> str:
    name = name.lower()
    return name if count == 1 else name + "s"


def context(briefing: Briefing, caveats: list[str]) -> dict:
    """What the templates may say: counts, the latest development, the largest figures."""
    labels = source_labels(briefing.documents)
    events = briefing.events
    kinds = Counter(e.type for e in events)
    latest: Event | None = max((e for e in events if e.date and e.date.basis == "text"),
                               key=lambda e: (e.date.last_day, e.event_id), default=None)
    money = sorted((f for f in briefing.figures if f.unit.isupper() and len(f.unit) == 3), key=lambda f: -f.value)[:3]
    counts = sorted((f for f in briefing.figures if f.category == "strike"), key=lambda f: -f.value)[:4]
    period = briefing.period
    return {
        "n_sources": len(briefing.documents),
        "n_events": len(events),
        "period": (human_date(period[0]), human_date(period[1])) if period else None,
        "kinds": [(_plural(TYPE_NAMES[k], n), n) for k, n in kinds.most_common()],
        "latest": latest and {"kind": TYPE_NAMES[latest.type].lower(), "quote": _clip(latest.sentence, 24),
                              "when": event_when(latest).rstrip(" †‡"), "source": labels[latest.source]},
        "strikes": sum(kinds[k] for k in ("strike", "air_defense_intercept")),
        "multi": sum(len(e.sources) > 1 for e in events),
        "money": [{"text": f.phrase, "what": _clip(f.what, 10), "source": labels[f.source]} for f in money],
        "counts": [{"text": f.phrase, "source": labels[f.source]} for f in counts],
        "n_caveats": len(caveats),
        "min_sentences": 3,
        "max_sentences": 5,
        "version": __version__,
        "as_of": briefing.config.as_of.isoformat(),
    }


def _clip(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def write(briefing: Briefing, caveats: list[str]) -> dict[str, str]:
    """Render every template against the briefing."""
    env = environment(briefing.config.templates)
    values = context(briefing, caveats)
    out = {}
    for name in TEMPLATES:
        try:
            out[name] = env.get_template(f"{name}.txt.j2").render(**values).strip()
        except jinja2.TemplateNotFound:
            raise ConfigError(f"template {name}.txt.j2 not found in {briefing.config.templates or BUILT_IN}") from None
        except jinja2.TemplateError as exc:
            raise ConfigError(f"template {name}.txt.j2: {exc}") from None
    return out


def conflicting_figures(briefing: Briefing, labels: dict[str, str]) -> list[str]:
    """Aid totals in one currency that differ between sources: the reader should see both."""
    published = {d.source: d.published for d in briefing.documents}
    groups: dict[str, list] = {}
    for f in briefing.figures:
        if f.category == "aid" and f.unit.isupper() and len(f.unit) == 3:
            groups.setdefault(f.unit, []).append(f)
    out = []
    for unit, figures in sorted(groups.items()):
        if len({f.source for f in figures}) > 1 and len({f.value for f in figures}) > 1:
            told = "; ".join(f"{f.phrase} ({labels[f.source]}, published {published[f.source] or 'undated'})" for f in figures)
            out.append(f"Aid figures in {unit} differ between sources (different dates or scopes may explain it): {told}.")
    return out


def caveats(briefing: Briefing, undated: tuple[Event, ...]) -> list[str]:
    """What a careful reader should know: inferred or vague dates, missing dates, one-sided claims, skips."""
    labels = source_labels(briefing.documents)
    out = []
    inherited = [e.event_id for e in briefing.events if e.date and e.date.basis == "inherited"]
    published = [e.event_id for e in briefing.events if e.date and e.date.basis == "published"]
    vague = [e.event_id for e in briefing.events if e.date and e.date.precision != "day"]
    if inherited:
        out.append(f"Dates inherited from the event a sentence continues: {', '.join(inherited)}.")
    if published:
        out.append(f"Dated only by the article's publication day (\"reported on\"; the event may be earlier): {', '.join(published)}.")
    if vague:
        out.append(f"Dates known only to the week, month, season or a range: {', '.join(vague)}.")
    for d in briefing.documents:
        if not d.published:
            out.append(f"{labels[d.source]} ({d.path.name}) has no publication date: relative dates in it stay unresolved.")
        elif len(d.published) < 10:
            out.append(f"{labels[d.source]} ({d.path.name}) is dated only {d.published}: expressions such as "
                       f"\"on Tuesday\" or \"yesterday\" in it cannot be resolved to a day.")
        elif d.published_basis == "inferred":
            out.append(f"{labels[d.source]}: publication date {d.published} inferred from a dateline in the text.")
    for e in undated:
        out.append(f"Not in the table, date unknown ({labels[e.source]}): {_clip(e.sentence, 20)}")
    claimed = [e for e in briefing.events if e.attributed_to and e.type != "statement"]
    if claimed:
        out.append("Claims resting on one party's word: " + "; ".join(
            f"{e.event_id} ({e.attributed_to})" for e in claimed) + ".")
    out += conflicting_figures(briefing, labels)
    for s in briefing.skipped:
        out.append(f"Skipped {s.path}: {s.reason}.")
    return out
