"""The PDF's type and its paragraphs: colours, styles, a Paragraph that prints any script, a Heading
that makes an outline entry. Shared by the first page (pageone.py) and the rest (report.py)."""
from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as PlainParagraph

from briefing.publish import scripts

INK = colors.HexColor("#1f2d3d")
MUTED = colors.HexColor("#5d6d7e")
RULE = colors.HexColor("#c8d0d8")
BAND = colors.HexColor("#f2f4f7")
LINK = colors.HexColor("#1a5fb4")


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


class Heading(Paragraph):
    """A paragraph that also makes a PDF outline entry."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0, key: str = "", **kwargs):
        super().__init__(text, style, **kwargs)  # reportlab makes the parts of a split heading with its own keywords
        self.outline_level, self.outline_key = level, key
        # the outline gets the text in reading order: a PDF viewer lays out right-to-left text itself
        self.outline_title = html.unescape(re.sub(r"<[^>]*>", "", text)) if isinstance(text, str) else ""


def styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of the PDF, in the given regular and bold fonts."""
    base = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT)
    return {
        "body": ParagraphStyle("bodyspaced", parent=base, spaceAfter=5),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=21, leading=26, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=15, textColor=MUTED),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=14, leading=18, spaceBefore=10, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=3),
        "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=4),
        # a word too long for its column breaks at a hyphen it has ("Nagorno-" / "Karabakh"), not anywhere
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.8, leading=9.6, embeddedHyphenation=1),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=bold, fontSize=7.8, leading=9.6, textColor=colors.white),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=2, spaceAfter=8),
    }


SUB_INDENT = 12  # points a "  - " line is indented under the bullet above it


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Plain text (blank lines between paragraphs) as escaped paragraphs; "- " lines as bullets, and
    "  - " lines under one as its list, in smaller type."""
    out = []
    sub = ParagraphStyle(f"{style.name}-sub", parent=style, leftIndent=style.leftIndent + SUB_INDENT,
                         bulletIndent=style.bulletIndent + SUB_INDENT, fontSize=style.fontSize - 1,
                         leading=style.leading - 1.5, spaceAfter=1)
    for block in (b.strip("\n") for b in text.split("\n\n")):
        if not block.strip():
            continue
        if block.lstrip().startswith("- "):
            for line in block.splitlines():
                if line.startswith(("  - ", "\t- ")):
                    out.append(Paragraph(escape(line.strip()[2:].strip()), sub, bulletText="–"))
                elif line.strip():
                    out.append(Paragraph(escape(line.strip()[2:].strip() if line.strip().startswith("- ") else line.strip()),
                                         style, bulletText="•"))
        else:
            out.append(Paragraph(escape(" ".join(block.split())), style))
    return out
