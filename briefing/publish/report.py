"""Lay out the briefing PDF with reportlab: key developments, summary, charts, tables, sources, caveats.

All article text is escaped before it reaches reportlab's paragraph markup, so "<b>" or
"<img src=...>" in an article prints as written. Charts arrive as SVG and go in as vector
drawings. The output is deterministic for the same input and build date (invariant mode).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from briefing.corpus import aggregates, salience, topic
from briefing.corpus.aggregates import FEW_FIGURES
from briefing.errors import RenderError
from briefing.models import Briefing, Chart, Document, Event, KeyDate, Quantity
from briefing.publish import scripts
from briefing.publish.flowables import BAND, INK, MUTED, RULE, Heading, Paragraph, paragraphs, styles
from briefing.publish.links import Links
from briefing.publish.naming import (
    LONGEST_LINE,
    claimed_by,
    clip,
    event_when,
    human_date,
    key_date_line,
    type_label,
    type_name,
)
from briefing.publish.pageone import first_page, leads_with_key_dates
from briefing.read.untrusted import printable

LOGGER = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
PAGE_SIZES = {"A4": A4, "letter": letter}
MARGIN = 16 * mm
MAX_CELL_WORDS = 45
FIGURES_PER_SOURCE = 6  # in a source's summary when only the most important are summarised
WEB_URL = re.compile(r"https?://[^/\s]", re.I)


def register_fonts() -> tuple[str, str, bool]:
    """Register DejaVu Sans for body and chart text; return (regular, bold, unicode_ok)."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
                from svglib.fonts import register_font

                register_font("DejaVu Sans", str(regular), rlgFontName="DejaVuSans")
                register_font("DejaVu Sans", str(bold), weight="bold", rlgFontName="DejaVuSans-Bold")
                # after svglib's mappings, which would otherwise take DejaVuSans for the bold face and
                # leave every <b> in a paragraph in the regular one
                pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                              italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
            return "DejaVuSans", "DejaVuSans-Bold", True
    LOGGER.warning("DejaVu fonts not found: non-Latin names will not print; install fonts-dejavu-core")
    return "Helvetica", "Helvetica-Bold", False


def unshowable(briefing: Briefing) -> list[str]:
    """Characters of the articles that no installed font can print (for the caveats)."""
    texts = [d.title for d in briefing.documents] + [s.text for s in briefing.sentences] + [briefing.config.title or ""]
    return scripts.unshowable(texts, register_fonts()[0])


# --------------------------------------------------------------------------- document shell


class BriefingDoc(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook name
        if isinstance(flowable, Heading) and flowable.outline_key:  # the parts of a split heading have none
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.outline_key, level=flowable.outline_level, closed=False)


def canvas_class(title: str, regular: str):
    """A canvas that writes the header and "page N of M" once the page count is known."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's method name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(regular, 7.5)
            self.setFillColor(MUTED)
            scripts.draw_string(self, MARGIN, height - 10 * mm, title[:110], regular, 7.5)
            self.setFont(regular, 7.5)
            self.drawRightString(width - MARGIN, 9 * mm, f"page {self._pageNumber} of {total}")
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 11.5 * mm, width - MARGIN, height - 11.5 * mm)
            self.restoreState()

    return NumberedCanvas


# --------------------------------------------------------------------------- pieces


def live_url(url: str | None) -> str | None:
    """The URL as a link target when it is a web address (http or https); never javascript:, file: or data:."""
    if url and WEB_URL.match(url) and not any(c.isspace() or ord(c) < 32 for c in url):
        return escape(url, {'"': "&quot;"})
    return None


def chart_flowables(chart: Chart, width: float, max_height: float, st: dict) -> list[Flowable]:
    """A chart as a vector drawing scaled to the frame, with its caption; or why it is missing."""
    if chart.svg is None:
        return [Paragraph(escape(f"No chart: {chart.empty_reason}."), st["meta"])]
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(str(chart.svg))
    if drawing is None:
        raise RenderError(f"chart {chart.svg} is not a readable SVG")
    scripts.drawing(drawing)
    factor = min(width / drawing.width, max_height / drawing.height)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    drawing.scale(factor, factor)
    drawing.hAlign = "CENTER"
    return [drawing, Paragraph(escape(chart.caption), st["caption"])]


BACKGROUND_NOTE = "<br/><font color='#5d6d7e'>background</font>"  # dated before the window, reported in it
OFF_TOPIC_NOTE = "<br/><font color='#5d6d7e'><i>off topic</i></font>"  # corpus/topic.py's events_off_topic


def event_table(events: tuple[Event, ...], links: Links, width: float, st: dict,
                off_topic: frozenset[str] = frozenset()) -> Table:
    """The event table: it splits across pages between rows and repeats its header. An event not
    about the briefing's subject (`off_topic`) is marked under its date and told in grey."""
    widths = [x * width for x in (0.065, 0.135, 0.12, 0.425, 0.155, 0.10)]  # "Where" fits "Electromechanical"
    head = [Paragraph(h, st["cellhead"]) for h in ("ID", "Date", "Type", "What happened", "Where", "Sources")]
    rows = [head]
    for e in events:
        claim = f"<br/><font color='#5d6d7e'>{escape(said)}</font>" if (said := claimed_by(e)) else ""
        rows.append([
            Paragraph(f'<a name="ev-{e.event_id}"/>{e.event_id}', st["cell"]),
            Paragraph(escape(event_when(e)) + (BACKGROUND_NOTE if e.background else "")
                      + (OFF_TOPIC_NOTE if e.event_id in off_topic else ""), st["cell"]),
            Paragraph(type_name(e.type), st["cell"]),
            Paragraph(_grey(escape(clip(e.summary, MAX_CELL_WORDS)), e.event_id in off_topic) + claim, st["cell"]),
            Paragraph(escape(", ".join(e.location[:3])) or "–", st["cell"]),
            Paragraph(links.sources(e.sources), st["cell"]),
        ])
    return _table(rows, widths)


def _grey(markup: str, grey: bool) -> str:
    return f"<font color='#5d6d7e'>{markup}</font>" if grey else markup


TABLE_STYLE = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), INK),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, BAND]),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
])


def _table(rows: list[list[Flowable]], widths: list[float]) -> Table:
    """A table that splits between rows across pages and repeats its header row."""
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)  # a row taller than a page splits
    table.setStyle(TABLE_STYLE)
    return table


def figure_table(figures: tuple[Quantity, ...], links: Links, width: float, st: dict) -> Table:
    widths = [x * width for x in (0.07, 0.20, 0.14, 0.49, 0.10)]
    head = [Paragraph(h, st["cellhead"]) for h in ("ID", "Figure", "Category", "What it counts", "Source")]
    rows = [head]
    for f in figures:
        rows.append([
            Paragraph(f.figure_id, st["cell"]),
            Paragraph(escape(f.phrase), st["cell"]),
            Paragraph(escape(f.category), st["cell"]),
            Paragraph(escape(clip(f.what, 30)) + (f" <font color='#5d6d7e'>({escape(human_date(f.date))})</font>" if f.date else ""), st["cell"]),
            Paragraph(links.source(f.source), st["cell"]),
        ])
    return _table(rows, widths)


def key_date_table(key_dates: tuple[KeyDate, ...], links: Links, width: float, st: dict) -> Table:
    """The key dates in date order: the day, what happened, the articles that tell it."""
    widths = [x * width for x in (0.13, 0.67, 0.20)]
    rows = [[Paragraph(h, st["cellhead"]) for h in ("Date", "What happened", "Sources")]]
    for key in sorted(key_dates, key=lambda k: k.date):
        rows.append([Paragraph(escape(human_date(key.date)), st["cell"]),
                     Paragraph(escape(key_date_line(key, 2 * LONGEST_LINE)) or "–", st["cell"]),
                     Paragraph(links.some_sources(key.sources), st["cell"])])
    return _table(rows, widths)


def source_table(documents: tuple[Document, ...], briefing: Briefing, labels: dict[str, str], width: float,
                 st: dict) -> Table:
    """Every source in one row: label, title, publisher, publication date, number of events."""
    told = {}
    for e in briefing.events:
        for source in e.sources:
            told[source] = told.get(source, 0) + 1
    widths = [x * width for x in (0.07, 0.59, 0.14, 0.12, 0.08)]
    rows = [[Paragraph(h, st["cellhead"]) for h in ("Ref", "Title", "Publisher", "Published", "Events")]]
    off = _off_topic(briefing)
    for d in documents:
        rows.append([Paragraph(f'<a name="src-{labels[d.source]}"/>{labels[d.source]}', st["cell"]),
                     Paragraph(escape(clip(d.title, 10)) + (" <i>(off topic)</i>" if d.source in off else ""), st["cell"]),
                     Paragraph(escape(d.publisher or "–"), st["cell"]),
                     Paragraph(escape(human_date(d.published)) if d.published else "–", st["cell"]),
                     Paragraph(str(told.get(d.source, 0)), st["cell"])])
    table = _table(rows, widths)
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 0.5)]))
    return table


def off_topic_legend(briefing: Briefing, marked: int, shown: int) -> str:
    """What the table's "off topic" mark says, and how many rows carry it."""
    words = ", ".join(briefing.subject.words)
    return (f"{marked} of the {shown} rows are marked off topic and told in grey: they are not about {words}. Either "
            f"no article telling the event names {words}, or the event, its places and actors and the sentences "
            "around it name nothing of it: another story in a digest, a sidebar or a reader's comment. They stay "
            "in the table and in events.csv (on_topic = false); the key dates, key developments, summary and "
            "figure charts leave them out.")


def _off_topic(briefing: Briefing) -> frozenset[str]:
    """The sources that name none of the briefing's subject words (corpus/topic.py)."""
    return frozenset(briefing.subject.off_topic) if briefing.subject else frozenset()


def important_sources(briefing: Briefing, count: int = salience.SUMMARISED_SOURCES) -> list[Document]:
    """The sources whose events matter most (summed salience), in input order."""
    weight = {}
    for e in briefing.events:
        for source in e.sources:
            weight[source] = weight.get(source, 0.0) + e.salience
    ranked = sorted(briefing.documents, key=lambda d: (-weight.get(d.source, 0.0), d.source))[:count]
    kept = {d.source for d in ranked}
    return [d for d in briefing.documents if d.source in kept]


# --------------------------------------------------------------------------- the document


def write_pdf(briefing: Briefing, prose: dict[str, str], path: Path) -> Path:
    """Write the briefing PDF to `path`."""
    cfg = briefing.config
    regular, bold, _ = register_fonts()
    st = styles(regular, bold)
    pagesize = PAGE_SIZES[cfg.page_size]
    doc = BriefingDoc(
        str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=17 * mm, bottomMargin=16 * mm,
        title=cfg.title, author=cfg.author, subject=prose.get("subject", "News briefing"),
        keywords=["briefing"] + sorted({t for e in briefing.events for t in [e.type]}), creator="briefing",
        invariant=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    links = Links(briefing)
    labels, shown = links.labels, links.tabled
    width, height = doc.width, doc.height
    story: list[Flowable] = first_page(briefing, prose, links, st)

    charts = {c.name: c for c in briefing.charts}
    if leads_with_key_dates(briefing):  # the key dates, and the events counted by week rather than drawn one by one
        story += [CondPageBreak(height * 0.5), Heading("Timeline", st["h1"], 0, "timeline"),
                  Paragraph(escape(f"The {len(briefing.key_dates)} key dates of the period, chosen by how many articles "
                                   "tell of them or refer back to them; each told by its clearest sentences. "
                                   "timeline.csv holds them with their scores and events."), st["meta"]),
                  Spacer(0, 1.5 * mm), key_date_table(briefing.key_dates, links, width, st), Spacer(0, 4 * mm)]
        if "activity" in charts:
            story += [CondPageBreak(height * 0.4), *chart_flowables(charts["activity"], width, height * 0.45, st)]
    elif "timeline" in charts:
        story += [CondPageBreak(height * 0.5), Heading("Timeline", st["h1"], 0, "timeline")]
        if charts["timeline"].svg is None and "activity" in charts:  # too many events for a row each: count them
            story += chart_flowables(charts["activity"], width, height * 0.45, st)
        else:
            story += chart_flowables(charts["timeline"], width, height * 0.86, st)
    if "map" in charts:
        story += [CondPageBreak(height * 0.5), Heading("Map", st["h1"], 0, "map"),
                  *chart_flowables(charts["map"], width, height * 0.6, st)]
    story += [CondPageBreak(60 * mm), Heading("Events", st["h1"], 0, "events"),
              *paragraphs(prose["events_intro"], st["meta"])]
    if len(shown) < len(briefing.events):
        story.append(Paragraph(escape(f"The {len(shown)} most salient of {len(briefing.events)} events (told by most "
                                      f"sources, on the key dates, with casualties or figures), in date order; the other "
                                      f"{len(briefing.events) - len(shown)} are in events.csv."), st["meta"]))
    elsewhere = briefing.off_topic_events
    off_topic = elsewhere & {e.event_id for e in shown}
    if off_topic:
        story.append(Paragraph(escape(off_topic_legend(briefing, len(off_topic), len(shown))), st["meta"]))
    story += [Spacer(0, 2 * mm), event_table(shown, links, width, st, off_topic)]
    story += [CondPageBreak(height * 0.45), Heading("Aid and strike figures", st["h1"], 0, "figures")]
    if "figures" in charts:  # a chart of many panels may take most of a page: squeezed to half, it cannot be read
        story += chart_flowables(charts["figures"], width, height * 0.8, st)
    if len(briefing.figures) > FEW_FIGURES:
        about = topic.figures_of(elsewhere, briefing.figures)
        largest = aggregates.largest(about)
        aside = len(briefing.figures) - len(about)
        left = (f" The {aside} figures of events marked off topic are left out of the chart and this table."
                if aside else "")
        story += [Heading("Largest single figures", st["h2"], 1, "largest"),
                  Paragraph(escape(f"The {len(largest)} largest figures of aid, strikes and casualties dated in the period "
                                   f"of the briefing, each amount once; all {len(briefing.figures)} figures are in "
                                   f"figures.csv.{left}"), st["meta"]),
                  Spacer(0, 1.5 * mm), figure_table(largest, links, width, st)]
    elif briefing.figures:
        story += [figure_table(briefing.figures, links, width, st)]
    else:
        story.append(Paragraph("No figures were found in the articles.", st["meta"]))

    story += [CondPageBreak(height * 0.3), Heading("Sources", st["h1"], 0, "sources"),
              *paragraphs(prose["sources_intro"], st["meta"])]
    summaries = {s.source: s for s in briefing.summaries}
    if len(briefing.documents) > salience.MANY_SOURCES:
        chosen = important_sources(briefing)
        story += [Spacer(0, 1.5 * mm), source_table(briefing.documents, briefing, labels, width, st),
                  CondPageBreak(height * 0.2), Heading("The most important sources", st["h2"], 1, "important"),
                  Paragraph(escape(f"The {len(chosen)} sources whose events matter most, each summarised with its own "
                                   "sentences."), st["meta"])]
        for document in chosen:
            story += source_section(document, links, summaries.get(document.source), briefing, st, anchor=False)
    else:
        for document in briefing.documents:
            story += source_section(document, links, summaries.get(document.source), briefing, st)

    story += [CondPageBreak(height * 0.3), Heading("Method and caveats", st["h1"], 0, "method"),
              *paragraphs(prose["method"], st["body"]), Heading("Caveats", st["h2"], 1, "caveats")]
    story += paragraphs(prose["caveats"], st["bullet"]) or [Paragraph("None.", st["body"])]
    try:
        doc.build(story, canvasmaker=canvas_class(cfg.title, regular))
    except Exception as exc:  # reportlab raises LayoutError and plain ValueErrors for layout faults
        raise RenderError(f"the PDF could not be laid out: {exc}") from exc
    return path


def source_section(document: Document, links: Links, summary, briefing: Briefing, st: dict,
                   anchor: bool = True) -> list[Flowable]:
    """One source: title, metadata, link, summary from its own sentences, its events and figures.

    Its events are those the event table holds, each a link to its row, then how many more
    events.csv holds; without an anchor (the source is a row of the source table, one of the most
    important summarised after it) its first few figures."""
    label = links.labels[document.source]
    meta = [f"publisher: {document.publisher or 'unknown'}",
            f"published: {human_date(document.published) if document.published else 'unknown'}"
            + (" (inferred from the text)" if document.published_basis == "inferred" else ""),
            f"file: {printable(document.path.name)}"]
    if document.author:
        meta.insert(1, f"author: {document.author}")
    if document.source in _off_topic(briefing):
        meta.append("off topic: names none of " + ", ".join(briefing.subject.words))
    parts: list[Flowable] = [
        Heading((f'<a name="src-{label}"/>' if anchor else "") + f"{label} · {escape(document.title)}",
                st["h2"], 1, f"src-{label}"),
        Paragraph(escape(" · ".join(meta)), st["meta"]),
    ]
    if url := live_url(document.url):
        parts.append(Paragraph(f'<a href="{url}" color="#1a5fb4">{escape(document.url)}</a>', st["meta"]))
    elif document.url:
        parts.append(Paragraph(escape(f"address given: {document.url}"), st["meta"]))
    if summary and summary.sentences:
        parts += [Spacer(0, 1.5 * mm)] + [Paragraph(escape(s.text), st["bullet"], bulletText="–") for s in summary.sentences]
    told = [e for e in briefing.events if document.source in e.sources]
    own = [e for e in told if links.has_event(e.event_id)]
    if own:
        items = "; ".join(f"{links.event(e.event_id)} {escape(event_when(e))} {type_label(e.type)}" for e in own)
        more = f"; and {len(told) - len(own)} more in events.csv" if len(own) < len(told) else ""
        parts.append(Paragraph(f"<b>Events:</b> {items}{more}", st["meta"]))
    figures = [f for f in briefing.figures if f.source == document.source]
    if figures:
        listed = figures if anchor else figures[:FIGURES_PER_SOURCE]
        more = f"; and {len(figures) - len(listed)} more in figures.csv" if len(listed) < len(figures) else ""
        parts.append(Paragraph("<b>Figures:</b> " + "; ".join(f"{f.figure_id} {escape(f.phrase)}" for f in listed) + more,
                               st["meta"]))
    return [KeepTogether(parts[:3]), *parts[3:], Spacer(0, 2 * mm)]
