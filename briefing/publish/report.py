"""Lay out the briefing PDF with reportlab: key developments, summary, charts, tables, sources, caveats.

All article text is escaped before it reaches reportlab's paragraph markup, so "<b>" or
"<img src=...>" in an article prints as written. Charts arrive as SVG and go in as vector
drawings. The output is deterministic for the same input and build date (invariant mode).
"""
from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
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
from reportlab.platypus import Paragraph as PlainParagraph

from briefing.corpus import aggregates, salience
from briefing.corpus.aggregates import FEW_FIGURES
from briefing.errors import RenderError
from briefing.models import Briefing, Changes, Chart, Document, Event, KeyDate, Quantity
from briefing.publish import scripts
from briefing.publish.naming import (
    TYPE_NAMES,
    claimed_by,
    clip,
    event_when,
    human_date,
    source_labels,
    type_label,
    type_name,
)
from briefing.read.untrusted import printable

LOGGER = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
PAGE_SIZES = {"A4": A4, "letter": letter}
MARGIN = 16 * mm
INK = colors.HexColor("#1f2d3d")
MUTED = colors.HexColor("#5d6d7e")
RULE = colors.HexColor("#c8d0d8")
BAND = colors.HexColor("#f2f4f7")
LINK = colors.HexColor("#1a5fb4")
MAX_CELL_WORDS = 45
FIGURES_PER_SOURCE = 6  # in a source's summary when only the most important are summarised
CITED_SOURCES = 3  # source links shown beside a key date, then "+N more"
MAX_CELL_SOURCES = 12  # a story carried by 150 sources must not make a table row taller than a page
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


class Paragraph(PlainParagraph):
    """A paragraph whose characters the style's font lacks are drawn in a font that has them, and
    whose right-to-left text is joined and ordered for drawing (briefing/publish/scripts.py)."""

    def __init__(self, text, style, *args, **kwargs):
        super().__init__(scripts.markup(text, style.fontName) if isinstance(text, str) else text, style, *args, **kwargs)

    def drawPara(self, debug=0):  # noqa: N802 - reportlab's method name
        """Draw the lines in drawing order (right-to-left runs reversed), each line on its own."""
        logical = self.blPara
        self.blPara = scripts.lines_in_drawing_order(logical)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical


def unshowable(briefing: Briefing) -> list[str]:
    """Characters of the articles that no installed font can print (for the caveats)."""
    texts = [d.title for d in briefing.documents] + [s.text for s in briefing.sentences] + [briefing.config.title or ""]
    return scripts.unshowable(texts, register_fonts()[0])


def styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT)
    return {
        "body": ParagraphStyle("bodyspaced", parent=base, spaceAfter=5),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=21, leading=26, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=15, textColor=MUTED),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=14, leading=18, spaceBefore=10, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=3),
        "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.8, leading=9.6),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=bold, fontSize=7.8, leading=9.6, textColor=colors.white),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=2, spaceAfter=8),
    }


# --------------------------------------------------------------------------- document shell


class Heading(Paragraph):
    """A paragraph that also makes a PDF outline entry."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0, key: str = "", **kwargs):
        super().__init__(text, style, **kwargs)  # reportlab makes the parts of a split heading with its own keywords
        self.outline_level, self.outline_key = level, key
        # the outline gets the text in reading order: a PDF viewer lays out right-to-left text itself
        self.outline_title = html.unescape(re.sub(r"<[^>]*>", "", text)) if isinstance(text, str) else ""


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


def _source_links(sources: tuple[str, ...], labels: dict[str, str], limit: int = MAX_CELL_SOURCES) -> str:
    """Links to the sources' sections by label (S1 ...); a story carried by many sources names the first few."""
    links = [f'<a href="#src-{labels[s]}" color="#1a5fb4">{labels[s]}</a>' if s in labels else escape(s)
             for s in sources[:limit]]
    return ", ".join(links) + (f" and {len(sources) - limit} more" if len(sources) > limit else "")


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
CHANGES_SHOWN = 6


def changes_flowables(changes: Changes | None, labels: dict[str, str], st: dict) -> list[Flowable]:
    """The opening section of a periodic briefing: what is new, updated and dropped since the last one."""
    if changes is None:
        return []

    def line(e: Event, note: str = "") -> Paragraph:
        return Paragraph(f"<b>{escape(event_when(e))}</b> · {type_name(e.type)}{escape(note)}: {escape(clip(e.summary, 28))} "
                         f"[{_source_links(e.sources, labels)}, <a href=\"#ev-{e.event_id}\" color=\"#1a5fb4\">{e.event_id}</a>]",
                         st["bullet"], bulletText="•")

    out: list[Flowable] = [
        Heading(f"New since the last briefing ({escape(changes.previous)})", st["h1"], 0, "changes"),
        Paragraph(f"{len(changes.new)} new events, {len(changes.updated)} updated, {len(changes.dropped)} "
                  f"no longer covered.", st["body"]),
    ]
    fresh = sorted(changes.new, key=lambda e: (e.background, -len(e.sources), e.event_id))[:CHANGES_SHOWN]
    out += [line(e, " (new)") for e in sorted(fresh, key=lambda e: e.event_id)]
    out += [line(u.event, f" ({u.what})") for u in changes.updated[:CHANGES_SHOWN]]
    if changes.dropped:
        gone = "; ".join(f"{human_date(p.date) if p.date else 'undated'} {type_label(p.type) if p.type in TYPE_NAMES else p.type}: "
                         f"{clip(p.summary, 12)}" for p in changes.dropped[:3])
        more = f" and {len(changes.dropped) - 3} more" if len(changes.dropped) > 3 else ""
        out.append(Paragraph(escape(f"No longer covered: {gone}{more}."), st["meta"]))
    return out


def event_table(events: tuple[Event, ...], labels: dict[str, str], width: float, st: dict) -> Table:
    """The event table: it splits across pages between rows and repeats its header."""
    widths = [x * width for x in (0.065, 0.135, 0.12, 0.44, 0.14, 0.10)]
    head = [Paragraph(h, st["cellhead"]) for h in ("ID", "Date", "Type", "What happened", "Where", "Sources")]
    rows = [head]
    for e in events:
        claim = f"<br/><font color='#5d6d7e'>{escape(said)}</font>" if (said := claimed_by(e)) else ""
        rows.append([
            Paragraph(f'<a name="ev-{e.event_id}"/>{e.event_id}', st["cell"]),
            Paragraph(escape(event_when(e)) + (BACKGROUND_NOTE if e.background else ""), st["cell"]),
            Paragraph(type_name(e.type), st["cell"]),
            Paragraph(escape(clip(e.summary, MAX_CELL_WORDS)) + claim, st["cell"]),
            Paragraph(escape(", ".join(e.location[:3])) or "–", st["cell"]),
            Paragraph(_source_links(e.sources, labels), st["cell"]),
        ])
    return _table(rows, widths)


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


def figure_table(figures: tuple[Quantity, ...], labels: dict[str, str], width: float, st: dict) -> Table:
    widths = [x * width for x in (0.07, 0.20, 0.14, 0.49, 0.10)]
    head = [Paragraph(h, st["cellhead"]) for h in ("ID", "Figure", "Category", "What it counts", "Source")]
    rows = [head]
    for f in figures:
        rows.append([
            Paragraph(f.figure_id, st["cell"]),
            Paragraph(escape(f.phrase), st["cell"]),
            Paragraph(escape(f.category), st["cell"]),
            Paragraph(escape(clip(f.what, 30)) + (f" <font color='#5d6d7e'>({escape(human_date(f.date))})</font>" if f.date else ""), st["cell"]),
            Paragraph(_source_links((f.source,), labels), st["cell"]),
        ])
    return _table(rows, widths)


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Plain text (blank lines between paragraphs) as escaped paragraphs; "- " lines as bullets."""
    out = []
    for block in (b.strip() for b in text.split("\n\n")):
        if not block:
            continue
        if block.startswith("- "):
            for line in block.splitlines():
                out.append(Paragraph(escape(line[2:].strip()), style, bulletText="•"))
        else:
            out.append(Paragraph(escape(" ".join(block.split())), style))
    return out


def _some_sources(sources: tuple[str, ...], labels: dict[str, str]) -> str:
    """The first few source links, then how many more."""
    shown = _source_links(sources[:CITED_SOURCES], labels)
    return shown + (f" +{len(sources) - CITED_SOURCES} more" if len(sources) > CITED_SOURCES else "")


def key_date_bullet(key: KeyDate, labels: dict[str, str], words: int) -> str:
    """'19 Mar 2011 · what happened [S3, S9, S12 +20 more · E123]' for one key date."""
    event = f' · <a href="#ev-{key.event_ids[0]}" color="#1a5fb4">{key.event_ids[0]}</a>' if key.event_ids else ""
    return (f"<b>{escape(human_date(key.date))}</b> · {escape(clip(key.summary, words)) or 'many articles refer to this day'} "
            f"[{_some_sources(key.sources, labels)}{event}]")


def key_date_table(key_dates: tuple[KeyDate, ...], labels: dict[str, str], width: float, st: dict) -> Table:
    """The key dates in date order: the day, what happened, the articles that tell it."""
    widths = [x * width for x in (0.13, 0.67, 0.20)]
    rows = [[Paragraph(h, st["cellhead"]) for h in ("Date", "What happened", "Sources")]]
    for key in sorted(key_dates, key=lambda k: k.date):
        rows.append([Paragraph(escape(human_date(key.date)), st["cell"]),
                     Paragraph(escape(clip(key.summary, 70)) or "–", st["cell"]),
                     Paragraph(_some_sources(key.sources, labels), st["cell"])])
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
    for d in documents:
        rows.append([Paragraph(f'<a name="src-{labels[d.source]}"/>{labels[d.source]}', st["cell"]),
                     Paragraph(escape(clip(d.title, 10)), st["cell"]),
                     Paragraph(escape(d.publisher or "–"), st["cell"]),
                     Paragraph(escape(human_date(d.published)) if d.published else "–", st["cell"]),
                     Paragraph(str(told.get(d.source, 0)), st["cell"])])
    table = _table(rows, widths)
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 0.5)]))
    return table


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
    labels = source_labels(briefing.documents)
    width, height = doc.width, doc.height
    story: list[Flowable] = []

    period = briefing.period
    period_text = f"{human_date(period[0])} – {human_date(period[1])}" if period else "no dated events"
    story += [
        Heading(escape(cfg.title), st["title"], 0, "top"),
        Paragraph(f"Period covered: {escape(period_text)}<br/>Built {escape(human_date(cfg.as_of.isoformat()))} from "
                  f"{len(briefing.documents)} sources · {len(briefing.events)} dated events · {len(briefing.figures)} figures",
                  st["subtitle"]),
        Spacer(0, 6 * mm),
        *changes_flowables(briefing.changes, labels, st),
        Heading("Key developments", st["h1"], 0, "key"),
    ]
    at_scale = salience.at_scale(briefing.events) and bool(briefing.key_dates)
    leading = salience.leading_key_dates(briefing.key_dates) if at_scale else ()
    for key in leading:
        story.append(Paragraph(key_date_bullet(key, labels, 40), st["bullet"], bulletText="•"))
    for event in () if at_scale else briefing.key_developments:
        text = (f"<b>{escape(event_when(event))}</b> · {type_name(event.type)}: {escape(clip(event.summary, 34))} "
                f"[{_source_links(event.sources, labels)}, <a href=\"#ev-{event.event_id}\" color=\"#1a5fb4\">{event.event_id}</a>]")
        story.append(Paragraph(text, st["bullet"], bulletText="•"))
    story += [Heading("Summary", st["h1"], 0, "summary"), *paragraphs(prose["executive_summary"], st["body"])]

    charts = {c.name: c for c in briefing.charts}
    if at_scale:  # the key dates, and the events counted by week rather than drawn one by one
        story += [CondPageBreak(height * 0.5), Heading("Timeline", st["h1"], 0, "timeline"),
                  Paragraph(escape(f"The {len(briefing.key_dates)} key dates of the period, chosen by how many articles "
                                   "tell of them or refer back to them; each told by its clearest sentences. "
                                   "timeline.csv holds them with their scores and events."), st["meta"]),
                  Spacer(0, 1.5 * mm), key_date_table(briefing.key_dates, labels, width, st), Spacer(0, 4 * mm)]
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
    shown = salience.table_events(briefing.events, briefing.key_dates)
    story += [CondPageBreak(60 * mm), Heading("Events", st["h1"], 0, "events"),
              *paragraphs(prose["events_intro"], st["meta"])]
    if len(shown) < len(briefing.events):
        story.append(Paragraph(escape(f"The {len(shown)} most salient of {len(briefing.events)} events (told by most "
                                      f"sources, on the key dates, with casualties or figures), in date order; the other "
                                      f"{len(briefing.events) - len(shown)} are in events.csv."), st["meta"]))
    story += [Spacer(0, 2 * mm), event_table(shown, labels, width, st)]
    story += [CondPageBreak(height * 0.45), Heading("Aid and strike figures", st["h1"], 0, "figures")]
    if "figures" in charts:  # a chart of many panels may take most of a page: squeezed to half, it cannot be read
        story += chart_flowables(charts["figures"], width, height * 0.8, st)
    if len(briefing.figures) > FEW_FIGURES:
        largest = aggregates.largest(briefing.figures)
        story += [Heading("Largest single figures", st["h2"], 1, "largest"),
                  Paragraph(escape(f"The {len(largest)} largest figures of aid, strikes and casualties dated in the period "
                                   f"of the briefing, each amount once; all {len(briefing.figures)} figures are in "
                                   "figures.csv."), st["meta"]),
                  Spacer(0, 1.5 * mm), figure_table(largest, labels, width, st)]
    elif briefing.figures:
        story += [figure_table(briefing.figures, labels, width, st)]
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
            story += source_section(document, labels, summaries.get(document.source), briefing, st, anchor=False,
                                    shown={e.event_id for e in shown})
    else:
        for document in briefing.documents:
            story += source_section(document, labels, summaries.get(document.source), briefing, st)

    story += [CondPageBreak(height * 0.3), Heading("Method and caveats", st["h1"], 0, "method"),
              *paragraphs(prose["method"], st["body"]), Heading("Caveats", st["h2"], 1, "caveats")]
    story += paragraphs(prose["caveats"], st["bullet"]) or [Paragraph("None.", st["body"])]
    try:
        doc.build(story, canvasmaker=canvas_class(cfg.title, regular))
    except Exception as exc:  # reportlab raises LayoutError and plain ValueErrors for layout faults
        raise RenderError(f"the PDF could not be laid out: {exc}") from exc
    return path


def source_section(document: Document, labels: dict[str, str], summary, briefing: Briefing, st: dict,
                   anchor: bool = True, shown: set[str] | None = None) -> list[Flowable]:
    """One source: title, metadata, link, summary from its own sentences, its events and figures
    (of its events, only those in `shown` when given: the others are not in the PDF's table)."""
    label = labels[document.source]
    meta = [f"publisher: {document.publisher or 'unknown'}",
            f"published: {human_date(document.published) if document.published else 'unknown'}"
            + (" (inferred from the text)" if document.published_basis == "inferred" else ""),
            f"file: {printable(document.path.name)}"]
    if document.author:
        meta.insert(1, f"author: {document.author}")
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
    own = [e for e in briefing.events if document.source in e.sources and (shown is None or e.event_id in shown)]
    if own:
        items = "; ".join(f'<a href="#ev-{e.event_id}" color="#1a5fb4">{e.event_id}</a> {escape(event_when(e))} '
                          f'{type_label(e.type)}' for e in own)
        parts.append(Paragraph(f"<b>Events:</b> {items}", st["meta"]))
    figures = [f for f in briefing.figures if f.source == document.source]
    if figures:
        listed = figures if shown is None else figures[:FIGURES_PER_SOURCE]
        more = f"; and {len(figures) - len(listed)} more in figures.csv" if len(listed) < len(figures) else ""
        parts.append(Paragraph("<b>Figures:</b> " + "; ".join(f"{f.figure_id} {escape(f.phrase)}" for f in listed) + more,
                               st["meta"]))
    return [KeepTogether(parts[:3]), *parts[3:], Spacer(0, 2 * mm)]
