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

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm

from lamtheo.core.dates import format_date, party_date_line
from lamtheo.core.docx import a4_page, add_para, add_run, fixed_widths, rule_under
from lamtheo.orgs.selectors import document_place
from lamtheo.pledges.models import Pledge, PledgeStatus

CENTER = WD_ALIGN_PARAGRAPH.CENTER
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


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
    fixed_widths(table, (Mm(70), Mm(95)))
    left, right = table.rows[0].cells
    cell, parent = pledge.unit, pledge.unit.parent
    first = left.paragraphs[0]
    if parent is not None:
        add_para(left, parent.name.upper(), align=CENTER, size=13, paragraph=first)
        add_para(left, cell.name.upper(), align=CENTER, size=13, bold=True)
    else:
        add_para(left, cell.name.upper(), align=CENTER, size=13, bold=True, paragraph=first)
    add_para(left, "*", align=CENTER, size=13)
    title = add_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=CENTER, size=15, bold=True,
                  paragraph=right.paragraphs[0])  # fmt: skip
    rule_under(title)
    add_para(right, _date_line(pledge), align=CENTER, italic=True)


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
        p = add_para(doc, after=2)
        add_run(p, f"- {label}: ")
        add_run(p, value, bold=label == "Họ và tên")


def _cell_text(cell, text: str, *, bold: bool = False, align=None, size: float = 13) -> None:
    add_para(cell, text, bold=bold, align=align, size=size, paragraph=cell.paragraphs[0])


def _items(doc, pledge: Pledge) -> None:
    items = list(pledge.items.select_related("area").order_by("area__order", "order", "id"))
    if not items:
        add_para(doc, "(Chưa có việc làm nào được đăng ký.)", italic=True)
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
    fixed_widths(table, widths)


def _signatures(doc, pledge: Pledge) -> None:
    table = doc.add_table(rows=1, cols=2)
    fixed_widths(table, (Mm(82), Mm(83)))
    # The signatures stay on one page (never the titles on one and the names on the next).
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    confirm, person = table.rows[0].cells
    add_para(confirm, "XÁC NHẬN CỦA CHI BỘ", align=CENTER, bold=True,
          paragraph=confirm.paragraphs[0])  # fmt: skip
    add_para(confirm, "BÍ THƯ", align=CENTER, bold=True)
    if pledge.status == PledgeStatus.ACCEPTED and pledge.decided_at:
        accepted = format_date(timezone.localtime(pledge.decided_at).date())
        add_para(confirm, f"(Chi bộ đã thông qua ngày {accepted})", align=CENTER, italic=True,
              size=12)  # fmt: skip
    add_para(confirm, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True, size=12, after=60)
    add_para(person, "NGƯỜI ĐĂNG KÝ", align=CENTER, bold=True, paragraph=person.paragraphs[0])
    add_para(person, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True, size=12, after=60)
    add_para(person, pledge.person.full_name, align=CENTER, bold=True)


def registration_docx(pledge: Pledge) -> bytes:
    """The registration as a .docx to print and sign (python-docx)."""
    doc = Document()
    a4_page(doc)
    _header(doc, pledge)
    add_para(doc, "", after=6)
    add_para(doc, "BẢN ĐĂNG KÝ", align=CENTER, size=15, bold=True)
    add_para(doc, "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          align=CENTER, bold=True)  # fmt: skip
    add_para(doc, f"năm {pledge.year}", align=CENTER, bold=True, after=10)
    add_para(doc, f"Kính gửi: {pledge.unit.name}", align=CENTER, after=8)
    _details(doc, pledge)
    add_para(doc, f"Tôi đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
               f"năm {pledge.year} với những việc làm cụ thể sau:", after=4)  # fmt: skip
    _items(doc, pledge)
    add_para(doc, "", after=4)
    add_para(doc, "Tôi xin hứa thực hiện nghiêm túc những nội dung đã đăng ký, ghi kết quả "
               "hằng tháng vào sổ tay \u201cLàm theo gương Bác\u201d và chịu sự kiểm tra, "
               "giám sát của chi bộ.", after=10).paragraph_format.keep_with_next = True  # fmt: skip
    _signatures(doc, pledge)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
