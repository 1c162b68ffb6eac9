"""Print any script in the PDF: fonts chosen per character, right-to-left text in drawing order.

reportlab draws each run of text in one TrueType font and left to right, with no shaping. So
each character goes in the first font that has it (the body font, DejaVu Sans, then Debian's
Noto fonts for Arabic and Hebrew, Droid Sans Fallback for Chinese, Japanese and Korean, Symbola
for emoji, in black and white: colour emoji fonts are bitmaps reportlab cannot embed); Arabic
letters are joined (arabic-reshaper) and right-to-left runs put in visual order (python-bidi).
This holds for paragraphs, the page header and the text of the charts drawn from SVG.
Characters no font has are listed in the caveats.
"""
from __future__ import annotations

import html
import logging
import re
import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

LOGGER = logging.getLogger(__name__)

FONTS = Path("/usr/share/fonts/truetype")
# name -> the font file; tried in this order for a character the body font lacks
FALLBACKS = {
    "NotoSansArabic": FONTS / "noto" / "NotoSansArabic-Regular.ttf",
    "NotoSansHebrew": FONTS / "noto" / "NotoSansHebrew-Regular.ttf",
    "DroidSansFallback": FONTS / "droid" / "DroidSansFallbackFull.ttf",
    "Symbola": FONTS / "ancient-scripts" / "Symbola_hint.ttf",
}
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Explicit embeddings, overrides and isolates are dropped before the layout: in an article's
# title or text they disguise (a name that reads backwards) far more often than they lay out.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
TAG = re.compile(r"(<[^>]*>)")
ASTRAL_TARGET = re.compile(r"<([0-9A-F]{5,6})>$", re.M)
# zero-width joiners, marks and variation selectors: drawn as nothing, never a missing glyph
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\ufe0e\ufe0f\u2060\ufeff")


@cache
def fallback_fonts() -> tuple[tuple[str, frozenset[int]], ...]:
    """Register the fallback fonts that are installed; return each one's name and the characters it has."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    _astral_text_extractable()
    found = []
    for name, path in FALLBACKS.items():
        if not path.exists():
            LOGGER.info("font %s not installed: its script will print as empty boxes", path)
            continue
        try:
            font = TTFont(name, str(path))
        except (TTFError, OSError) as exc:  # a font reportlab cannot embed (CFF outlines, bitmaps)
            LOGGER.warning("font %s cannot be used: %s", path, exc)
            continue
        pdfmetrics.registerFont(font)
        found.append((name, frozenset(font.face.charToGlyph)))
    return tuple(found)


def _astral_text_extractable() -> None:
    """Map glyphs of characters beyond U+FFFF (emoji, hieroglyphs) to their text as UTF-16 in the PDF.

    reportlab writes such a character's code as five hex digits in a font's ToUnicode map, which
    PDF readers take for a different character (U+1F680 ROCKET comes out of pdftotext as U+1F68):
    the glyph prints, but copying or searching the text finds the wrong letter.
    """
    from reportlab.pdfbase import ttfonts

    write = ttfonts.makeToUnicodeCMap
    if getattr(write, "astral", False):
        return

    def to_unicode_cmap(fontname, subset):
        return ASTRAL_TARGET.sub(lambda m: "<%s>" % chr(int(m[1], 16)).encode("utf-16-be").hex().upper(),
                                 write(fontname, subset))

    to_unicode_cmap.astral = True
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


@cache
def _covered(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(face.charToGlyph) if face is not None else frozenset(range(256))


def shaped(text: str) -> str:
    """The text in reading order with Arabic letters in their joined forms, direction controls dropped."""
    text = DIRECTION_CONTROLS.sub("", text)
    if not ARABIC.search(text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def drawing_order(pieces: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """One line's pieces (text, what it is drawn with) cut and reordered as drawn left to right.

    The line is laid out by the Unicode bidirectional algorithm with a left-to-right base (the
    briefing's own language): each right-to-left run reversed, its brackets mirrored. A piece
    that a run boundary crosses is cut in two, each part keeping what it is drawn with.
    """
    text = "".join(chars for chars, _ in pieces)
    if not RIGHT_TO_LEFT.search(text):
        return pieces
    from bidi import algorithm

    owner = [i for i, (chars, _) in enumerate(pieces) for _ in chars]
    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 0, "L"
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    for step in (algorithm.explicit_embed_and_overrides, algorithm.resolve_weak_types,
                 algorithm.resolve_neutral_types, algorithm.resolve_implicit_levels,
                 algorithm.reorder_resolved_levels, algorithm.apply_mirroring):
        step(storage, False)
    cut: list[tuple[str, int]] = []
    for char in storage["chars"]:
        piece = owner[char["index"]]
        if cut and cut[-1][1] == piece:
            cut[-1] = (cut[-1][0] + char["ch"], piece)
        else:
            cut.append((char["ch"], piece))
    return [(chars, pieces[piece][1]) for chars, piece in cut]


def lines_in_drawing_order(para):
    """A copy of reportlab's broken lines (ParaLines) with each line in drawing order."""
    if para.kind == 0:  # one font: lines are (extra space, words)
        return para.clone(lines=[(extra, [_drawn(" ".join(words))]) if any(map(RIGHT_TO_LEFT.search, words))
                                 else (extra, words) for extra, words in para.lines])
    lines = []
    for line in para.lines:
        frags = line.words
        if not any(RIGHT_TO_LEFT.search(getattr(f, "text", "")) for f in frags):
            lines.append(line)
            continue
        ordered = []
        for chars, frag in drawing_order([(getattr(f, "text", ""), f) for f in frags]):
            ordered.append(frag.clone(text=chars) if chars != frag.text else frag)
        ordered += [f for f in frags if not getattr(f, "text", "")]  # images, anchors: nothing to order
        lines.append(line.clone(words=ordered))
    return para.clone(lines=lines)


def _drawn(line: str) -> str:
    return "".join(chars for chars, _ in drawing_order([(line, None)]))


def visual(text: str) -> str:
    """One line as reportlab draws it: Arabic letters joined, right-to-left runs in drawing order."""
    return _drawn(shaped(text))


def font_runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """The text cut into (characters, font) runs: each character in the body font if it has it, else the first that does."""
    if text.isascii():
        return [(text, font_name)] if text else []
    body = _covered(font_name)
    out: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        font = font_name if code < 128 or code in body or char in INVISIBLE else (_font_with(code) or font_name)
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + char, font)
        else:
            out.append((char, font))
    return out


def runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """One line in drawing order as (characters, font) runs."""
    return drawing_order(font_runs(shaped(text), font_name))


def markup(text: str, font_name: str) -> str:
    """Paragraph markup with Arabic joined and each run that `font_name` lacks in a font that has it.

    The text stays in reading order: a paragraph is put in drawing order line by line once it is
    broken into lines (report.Paragraph), or a right-to-left passage that wraps would read its
    last line first.
    """
    if text.isascii():
        return text
    parts = TAG.split(text)
    return "".join(part if i % 2 else _fonts_for(part, font_name) for i, part in enumerate(parts))


def _fonts_for(escaped: str, font_name: str) -> str:
    return "".join(escape(chars) if font == font_name else f'<font name="{font}">{escape(chars)}</font>'
                   for chars, font in font_runs(shaped(html.unescape(escaped)), font_name))


@cache
def _font_with(code: int) -> str | None:
    return next((name for name, chars in fallback_fonts() if code in chars), None)


def draw_string(canv, x: float, y: float, text: str, font_name: str, size: float, anchor: str = "start") -> None:
    """Draw one line on a canvas, each run in a font that has it (anchor: start, middle or end)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = runs(text, font_name)
    width = sum(stringWidth(chars, font, size) for chars, font in parts)
    x -= {"middle": width / 2, "end": width}.get(anchor, 0)
    for chars, font in parts:
        canv.setFont(font, size)
        canv.drawString(x, y, chars)
        x += stringWidth(chars, font, size)


def drawing(group) -> None:
    """Give every string of a reportlab drawing (a chart read from SVG) fonts that have its characters, in place."""
    from reportlab.graphics.shapes import Group, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for i, shape in enumerate(group.contents):
        if isinstance(shape, Group):
            drawing(shape)
        elif isinstance(shape, String) and not shape.text.isascii():
            parts = runs(shape.text, shape.fontName)
            if len(parts) == 1 and parts[0] == (shape.text, shape.fontName):
                continue
            size = shape.fontSize
            width = sum(stringWidth(chars, font, size) for chars, font in parts)
            x = shape.x - {"middle": width / 2, "end": width}.get(shape.textAnchor, 0)
            pieces = Group()
            for chars, font in parts:
                pieces.add(String(x, shape.y, chars, fontName=font, fontSize=size, fillColor=shape.fillColor,
                                  textAnchor="start"))
                x += stringWidth(chars, font, size)
            group.contents[i] = pieces


def unshowable(texts, font_name: str, most: int = 12) -> list[str]:
    """The characters of the texts that no installed font has, as "U+13000 EGYPTIAN HIEROGLYPH A001" (at most `most`)."""
    body = _covered(font_name)
    missing = sorted({c for text in texts for c in text
                      if ord(c) >= 128 and ord(c) not in body and c not in INVISIBLE
                      and unicodedata.category(c) not in ("Cc", "Cf")
                      and _font_with(ord(c)) is None})
    return [f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in missing[:most]]
