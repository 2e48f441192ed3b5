"""The conclusion of an inspection (thông báo kết luận) as .docx, in the Party's document form
of Hướng dẫn 36-HD/VPTW: the issuing unit top left with the number line, "ĐẢNG CỘNG SẢN VIỆT
NAM" top right with the place and date in italics, the title centred, the conclusion, the
findings by kind, the remedies with who answers for them and by when, then "Nơi nhận" and the
signature block. Times New Roman on A4 (the house way of pledges/registration_docx.py)."""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.http import HttpResponse
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lamtheo.core.dates import format_date, party_date_line
from lamtheo.core.downloads import attachment_response
from lamtheo.core.vietnamese import fold
from lamtheo.inspections.models import FindingKind, Inspection, InspectionKind
from lamtheo.orgs.selectors import document_place

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# "kết luận kiểm tra", "kết luận giám sát", "kết quả khảo sát"
WHAT = {
    InspectionKind.INSPECTION: "kết luận kiểm tra",
    InspectionKind.SUPERVISION_REGULAR: "kết luận giám sát",
    InspectionKind.SUPERVISION_THEMATIC: "kết luận giám sát chuyên đề",
    InspectionKind.SURVEY: "kết quả khảo sát",
}
SECTIONS = [
    (FindingKind.STRENGTH, "Ưu điểm"),
    (FindingKind.SHORTCOMING, "Hạn chế, khuyết điểm"),
    (FindingKind.VIOLATION, "Vi phạm"),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def run(paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False):
    r = paragraph.add_run(text)
    r.font.name, r.font.size = FONT, Pt(size)
    r.font.bold, r.font.italic = bold, italic
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return r


def para(container, text: str = "", *, align=None, size: float = 14, bold: bool = False,
         italic: bool = False, after: float = 0, paragraph=None, indent: bool = False):  # fmt: skip
    p = paragraph if paragraph is not None else container.add_paragraph()
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    if align is not None:
        p.alignment = align
    if text:
        run(p, text, size=size, bold=bold, italic=italic)
    return p


def rule_under(paragraph) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):  # fmt: skip
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def widths(table, sizes) -> None:
    table.autofit = False
    for column, width in zip(table.columns, sizes, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def page(doc) -> None:
    margins = getattr(settings, "LAMTHEO", {}).get("DOCUMENT_MARGINS_MM", (20, 20, 30, 15))
    top, bottom, left, right = margins
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)


def header(doc, inspection: Inspection) -> None:
    issuer = inspection.plan.unit
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(table, (Mm(75), Mm(90)))
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    if issuer.parent is not None:
        para(left, issuer.parent.name.upper(), align=CENTER, size=13, paragraph=first)
        para(left, issuer.name.upper(), align=CENTER, size=13, bold=True)
    else:
        para(left, issuer.name.upper(), align=CENTER, size=13, bold=True, paragraph=first)
    para(left, "*", align=CENTER, size=13)
    para(left, "Số      -TB/…", align=CENTER, size=13)
    title = para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=CENTER, size=15, bold=True,
                 paragraph=right.paragraphs[0])  # fmt: skip
    rule_under(title)
    place = document_place(issuer).name
    para(right, party_date_line(place, inspection.concluded_on), align=CENTER, italic=True)


def findings_part(doc, inspection: Inspection, findings) -> int:
    number = 0
    for kind, label in SECTIONS:
        of_kind = [f for f in findings if f.kind == kind]
        if not of_kind:
            continue
        para(doc, f"{ROMAN[number]}. {label.upper()}", bold=True, after=2)
        number += 1
        for f in of_kind:
            p = para(doc, align=JUSTIFY, after=2, indent=True)
            run(p, "- ")
            if f.category:
                run(p, f"{f.category.name}: ", italic=True)
            run(p, f.text)
    return number


def remedies_part(doc, number: int, remedies) -> None:
    if not remedies:
        return
    para(doc, f"{ROMAN[number]}. YÊU CẦU KHẮC PHỤC", bold=True, after=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    sizes = (Mm(15), Mm(82), Mm(40), Mm(28))
    for cell, text in zip(
        table.rows[0].cells, ("STT", "Nội dung khắc phục", "Chịu trách nhiệm", "Thời hạn"),
        strict=True,
    ):  # fmt: skip
        para(cell, text, bold=True, align=CENTER, size=13, paragraph=cell.paragraphs[0])
    for i, f in enumerate(remedies, start=1):
        who = f.responsible_person.full_name if f.responsible_person else f.responsible_unit.name
        values = (str(i), f.remedy, who, format_date(f.deadline))
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            para(cell, value, size=13, paragraph=cell.paragraphs[0],
                 align=CENTER if cell is cells[0] or cell is cells[3] else None)  # fmt: skip
    widths(table, sizes)


def signatures(doc, inspection: Inspection) -> None:
    table = doc.add_table(rows=1, cols=2)
    widths(table, (Mm(80), Mm(85)))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    p = para(left, paragraph=left.paragraphs[0])
    run(p, "Nơi nhận:", size=12, bold=True)
    receivers = [inspection.unit.name]
    if inspection.person:
        receivers.append(f"Đồng chí {inspection.person.full_name}")
    receivers += ["Đoàn kiểm tra", "Lưu văn phòng"]
    for i, line in enumerate(receivers):
        para(left, f"- {line}{'.' if i == len(receivers) - 1 else ','}", size=11)
    para(right, f"T/M {inspection.plan.unit.name.upper()}", align=CENTER, bold=True,
         paragraph=right.paragraphs[0])  # fmt: skip
    para(right, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True, size=12, after=60)


def conclusion_docx(inspection: Inspection) -> bytes:
    findings = list(
        inspection.findings.in_order().select_related(
            "category", "responsible_unit", "responsible_person"
        )
    )
    remedies = [f for f in findings if f.kind != FindingKind.STRENGTH]
    doc = Document()
    page(doc)
    header(doc, inspection)
    para(doc, "", after=6)
    para(doc, "THÔNG BÁO", align=CENTER, size=15, bold=True)
    target = inspection.unit.name
    if inspection.person:
        target = f"đồng chí {inspection.person.full_name} ({inspection.unit.name})"
    para(doc, f"{WHAT[inspection.kind]} đối với {target}", align=CENTER, bold=True)
    para(doc, "-----", align=CENTER, after=8)
    intro = (
        f"Thực hiện {inspection.plan.title}, từ ngày {format_date(inspection.starts_on)} đến "
        f"ngày {format_date(inspection.ends_on)}, {inspection.plan.unit.name} đã tiến hành "
        f"{inspection.get_kind_display().lower()} “{inspection.subject}” đối với {target}, "
        f"thời kỳ từ ngày {format_date(inspection.period_start)} đến ngày "
        f"{format_date(inspection.period_end)}. {inspection.plan.unit.name} kết luận như sau:"
    )
    para(doc, intro, align=JUSTIFY, indent=True, after=4)
    for line in inspection.conclusion.splitlines():
        if line.strip():
            para(doc, line.strip(), align=JUSTIFY, indent=True, after=2)
    number = findings_part(doc, inspection, findings)
    remedies_part(doc, number, remedies)
    if remedies:
        para(doc, "Các đơn vị, đồng chí chịu trách nhiệm báo cáo kết quả khắc phục trên phần mềm "
                  "Lamtheo (kèm minh chứng) trước thời hạn nêu trên.", align=JUSTIFY,
             indent=True, after=10).paragraph_format.keep_with_next = True  # fmt: skip
    signatures(doc, inspection)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def conclusion_response(inspection: Inspection) -> HttpResponse:
    name = fold(inspection.unit.name).replace(" ", "-")[:60]
    return attachment_response(
        conclusion_docx(inspection), f"thong-bao-ket-luan-{name}.docx", DOCX_TYPE
    )
