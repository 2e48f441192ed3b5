"""A registration printed for signing on paper (.docx, in the Party's document form of
Hướng dẫn 36-HD/VPTW): the cell top left, "ĐẢNG CỘNG SẢN VIỆT NAM" top right with the place
and date in italics, the title centred, the person's details, the items by content area
with their target and time frame, then the signature of the person and the confirmation
of the cell's secretary. Times New Roman on A4.

For members who keep their work on paper: the secretary prints it, the member signs it,
the secretary confirms it; what the app holds stays the record."""

from __future__ import annotations

from io import BytesIO
from itertools import groupby

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lamtheo.core.dates import format_date, party_date_line
from lamtheo.core.vietnamese import printable
from lamtheo.orgs.selectors import document_place
from lamtheo.pledges.models import Pledge, PledgeStatus

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _run(paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(printable(text))  # stored text may hold a control character
    run.font.name, run.font.size = FONT, Pt(size)
    run.font.bold, run.font.italic = bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _para(container, text: str = "", *, align=None, size: float = 14, bold: bool = False,
          italic: bool = False, after: float = 0, paragraph=None):  # fmt: skip
    p = paragraph if paragraph is not None else container.add_paragraph()
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _rule_under(paragraph) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):  # fmt: skip
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _widths(table, widths) -> None:
    """Fixed column widths (Word and LibreOffice both read the grid and each cell's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _page(doc) -> None:
    margins = getattr(settings, "LAMTHEO", {}).get("DOCUMENT_MARGINS_MM", (20, 20, 30, 15))
    top, bottom, left, right = margins
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)


def _date_line(pledge: Pledge) -> str:
    """The place and the date the person handed it in; dots to fill in by hand before."""
    place = document_place(pledge.unit).name
    if pledge.submitted_at:
        return party_date_line(place, timezone.localtime(pledge.submitted_at).date())
    line = f"ngày …… tháng …… năm {pledge.year}"
    return f"{place}, {line}" if place else line


def _header(doc, pledge: Pledge) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Mm(70), Mm(95)))
    left, right = table.rows[0].cells
    cell, parent = pledge.unit, pledge.unit.parent
    first = left.paragraphs[0]
    if parent is not None:
        _para(left, parent.name.upper(), align=CENTER, size=13, paragraph=first)
        _para(left, cell.name.upper(), align=CENTER, size=13, bold=True)
    else:
        _para(left, cell.name.upper(), align=CENTER, size=13, bold=True, paragraph=first)
    _para(left, "*", align=CENTER, size=13)
    title = _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=CENTER, size=15, bold=True,
                  paragraph=right.paragraphs[0])  # fmt: skip
    _rule_under(title)
    _para(right, _date_line(pledge), align=CENTER, italic=True)


def _details(doc, pledge: Pledge) -> None:
    person = pledge.person
    lines = [("Họ và tên", person.full_name)]
    if person.birth_date:
        lines.append(("Ngày sinh", format_date(person.birth_date)))
    lines += [
        ("Chức vụ, nhiệm vụ", person.duty or "……………………………………………"),
        ("Tình trạng đảng viên", person.get_status_display()),
        ("Sinh hoạt tại", ", ".join(u.name for u in (pledge.unit, pledge.unit.parent) if u)),
    ]
    for label, value in lines:
        p = _para(doc, after=2)
        _run(p, f"- {label}: ")
        _run(p, value, bold=label == "Họ và tên")


def _cell_text(cell, text: str, *, bold: bool = False, align=None, size: float = 13) -> None:
    _para(cell, text, bold=bold, align=align, size=size, paragraph=cell.paragraphs[0])


def _items(doc, pledge: Pledge) -> None:
    items = list(pledge.items.select_related("area").order_by("area__order", "order", "id"))
    if not items:
        _para(doc, "(Chưa có việc làm nào được đăng ký.)", italic=True)
        return
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(15), Mm(80), Mm(42), Mm(28))
    headings = ("STT", "Việc làm cụ thể", "Chỉ tiêu, kết quả cần đạt", "Thời hạn, tần suất")
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        _cell_text(cell, text, bold=True, align=CENTER)
    groups = groupby(items, key=lambda item: item.area)
    for i, (area, in_area) in enumerate(groups):
        row = table.add_row().cells
        merged = row[0].merge(row[3])
        number = ROMAN[i] if i < len(ROMAN) else str(i + 1)
        _cell_text(merged, f"{number}. {area.title}", bold=True)
        for j, item in enumerate(in_area, start=1):
            cells = table.add_row().cells
            values = (str(j), item.text, item.target, item.timeframe)
            for cell, value in zip(cells, values, strict=True):
                _cell_text(cell, value, align=CENTER if cell is cells[0] else None)
    _widths(table, widths)


def _signatures(doc, pledge: Pledge) -> None:
    table = doc.add_table(rows=1, cols=2)
    _widths(table, (Mm(82), Mm(83)))
    # The signatures stay on one page (never the titles on one and the names on the next).
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    confirm, person = table.rows[0].cells
    _para(confirm, "XÁC NHẬN CỦA CHI BỘ", align=CENTER, bold=True,
          paragraph=confirm.paragraphs[0])  # fmt: skip
    _para(confirm, "BÍ THƯ", align=CENTER, bold=True)
    if pledge.status == PledgeStatus.ACCEPTED and pledge.decided_at:
        accepted = format_date(timezone.localtime(pledge.decided_at).date())
        _para(confirm, f"(Chi bộ đã thông qua ngày {accepted})", align=CENTER, italic=True,
              size=12)  # fmt: skip
    _para(confirm, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True, size=12, after=60)
    _para(person, "NGƯỜI ĐĂNG KÝ", align=CENTER, bold=True, paragraph=person.paragraphs[0])
    _para(person, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True, size=12, after=60)
    _para(person, pledge.person.full_name, align=CENTER, bold=True)


def registration_docx(pledge: Pledge) -> bytes:
    """The registration as a .docx to print and sign (python-docx)."""
    doc = Document()
    _page(doc)
    _header(doc, pledge)
    _para(doc, "", after=6)
    _para(doc, "BẢN ĐĂNG KÝ", align=CENTER, size=15, bold=True)
    _para(doc, "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          align=CENTER, bold=True)  # fmt: skip
    _para(doc, f"năm {pledge.year}", align=CENTER, bold=True, after=10)
    _para(doc, f"Kính gửi: {pledge.unit.name}", align=CENTER, after=8)
    _details(doc, pledge)
    _para(doc, f"Tôi đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
               f"năm {pledge.year} với những việc làm cụ thể sau:", after=4)  # fmt: skip
    _items(doc, pledge)
    _para(doc, "", after=4)
    _para(doc, "Tôi xin hứa thực hiện nghiêm túc những nội dung đã đăng ký, ghi kết quả "
               "hằng tháng vào sổ tay \u201cLàm theo gương Bác\u201d và chịu sự kiểm tra, "
               "giám sát của chi bộ.", after=10).paragraph_format.keep_with_next = True  # fmt: skip
    _signatures(doc, pledge)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
