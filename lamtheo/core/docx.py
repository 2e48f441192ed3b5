"""The bricks of the app's .docx files in the Party's document form (Hướng dẫn 36-HD/VPTW):
Times New Roman on A4 with the configured margins, paragraphs without spacing of their own,
the short rule under a heading, fixed column widths. The minutes, the printed registration
and the conclusion of an inspection are built from these."""

from __future__ import annotations

from django.conf import settings
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lamtheo.core.vietnamese import printable

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"


def add_run(paragraph, text: str, *, size: float = 14, bold: bool = False,
            italic: bool = False):  # fmt: skip
    run = paragraph.add_run(printable(text))  # stored text may hold a control character
    run.font.name, run.font.size = FONT, Pt(size)
    run.font.bold, run.font.italic = bold, italic
    # Word takes the font of Vietnamese letters from the East Asian slot too.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def add_para(container, text: str = "", *, align=None, size: float = 14, bold: bool = False,
             italic: bool = False, after: float = 0, paragraph=None,
             indent: bool = False):  # fmt: skip
    """A paragraph of `container` (or `paragraph`, e.g. a table cell's first one)."""
    p = paragraph if paragraph is not None else container.add_paragraph()
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    if align is not None:
        p.alignment = align
    if text:
        add_run(p, text, size=size, bold=bold, italic=italic)
    return p


def rule_under(paragraph) -> None:
    """The short line under the issuing body's name and under "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):  # fmt: skip
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def fixed_widths(table, widths) -> None:
    """Fixed column widths (Word and LibreOffice both read the grid and each cell's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def a4_page(doc) -> None:
    margins = getattr(settings, "LAMTHEO", {}).get("DOCUMENT_MARGINS_MM", (20, 20, 30, 15))
    top, bottom, left, right = margins
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
