"""Text in scripts the body font lacks, and right-to-left text, as reportlab is given it."""
from reportlab.graphics.shapes import Drawing, Group, String

from briefing.publish import report, scripts


def test_hebrew_is_put_in_drawing_order_and_latin_is_left_alone():
    assert scripts.visual("Strikes on קייב today") == "Strikes on " + "קייב"[::-1] + " today"
    assert scripts.visual("Missiles hit Kyiv.") == "Missiles hit Kyiv."
    assert scripts.visual("שלום") == "םולש"


def test_brackets_in_right_to_left_text_are_mirrored_and_numbers_read_left_to_right():
    assert scripts.visual("הטילים (שניים) 2025") == "2025 (" + "שניים"[::-1] + ") " + "הטילים"[::-1]


def test_arabic_letters_are_joined():
    shaped = scripts.visual("هجوم")
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)  # presentation forms: the joined shapes


def test_direction_overrides_are_dropped_so_a_name_reads_as_written():
    assert scripts.visual("report\u202etxt.exe") == "reporttxt.exe"


def test_a_run_the_body_font_lacks_goes_into_a_font_that_has_it():
    regular, _, _ = report.register_fonts()
    out = scripts.markup("Kyiv 基辅 &amp; <b>Odesa</b>", regular)
    assert '<font name="DroidSansFallback">基辅</font>' in out
    assert out.endswith("&amp; <b>Odesa</b>")
    assert '<font name="Symbola">🚀</font>' in scripts.markup("launch 🚀", regular)


def test_a_right_to_left_passage_that_wraps_reads_on_from_its_first_line():
    regular, bold, _ = report.register_fonts()
    style = report.styles(regular, bold)["body"]
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש"]
    paragraph = report.Paragraph(" ".join(words), style)
    paragraph.wrap(style.fontSize * 8, 1000)
    logical = [" ".join(w) for _, w in paragraph.blPara.lines]
    drawn = ["".join(w) for _, w in scripts.lines_in_drawing_order(paragraph.blPara).lines]
    assert len(logical) > 1 and logical[0].split()[0] == words[0]  # the first line starts the passage
    assert drawn == [line[::-1] for line in logical]  # each line reversed on its own


def test_lines_of_several_fonts_are_cut_and_reordered_keeping_each_piece_font():
    regular, bold, _ = report.register_fonts()
    style = report.styles(regular, bold)["body"]
    paragraph = report.Paragraph("Kyiv <b>קייב</b> 基辅", style)
    paragraph.wrap(400, 100)
    (line,) = scripts.lines_in_drawing_order(paragraph.blPara).lines
    assert [(f.text, f.fontName) for f in line.words] == [
        ("Kyiv ", "DejaVuSans"), ("בייק", "DejaVuSans-Bold"), (" ", "DejaVuSans"), ("基辅", "DroidSansFallback")]


def test_chart_text_gets_fonts_that_have_its_characters():
    regular, _, _ = report.register_fonts()
    drawing = Drawing(200, 50)
    group = Group(String(100, 10, "E003 strike · 基辅", fontName=regular, fontSize=10, textAnchor="middle"),
                  String(0, 30, "E004 strike", fontName=regular, fontSize=10))
    drawing.add(group)
    scripts.drawing(drawing)
    pieces = group.contents[0]
    assert isinstance(pieces, Group)
    assert [(s.text, s.fontName) for s in pieces.contents] == [("E003 strike · ", regular), ("基辅", "DroidSansFallback")]
    assert pieces.contents[0].x < 100 < pieces.contents[1].x  # still centred on its anchor
    assert group.contents[1].text == "E004 strike"


def test_characters_no_font_has_are_named():
    regular, _, _ = report.register_fonts()
    assert scripts.unshowable(["Kyiv 𓀀 基辅 🚀 קייב"], regular) == ["U+13000 EGYPTIAN HIEROGLYPH A001"]
