"""The conclusion of an inspection (thông báo kết luận) as .docx, in the Party's document form
of Hướng dẫn 36-HD/VPTW: the issuing unit top left with the number line, "ĐẢNG CỘNG SẢN VIỆT
NAM" top right with the place and date in italics, the title centred, the conclusion, the
findings by kind, the remedies with who answers for them and by when, then "Nơi nhận" and the
signature block. Times New Roman on A4 (the house way of pledges/registration_docx.py)."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm

from lamtheo.core.dates import format_date, party_date_line
from lamtheo.core.docx import DOCX_TYPE, a4_page, add_para, add_run, fixed_widths, rule_under
from lamtheo.core.downloads import attachment_response
from lamtheo.core.vietnamese import fold
from lamtheo.inspections.models import FindingKind, Inspection, InspectionKind
from lamtheo.orgs.selectors import document_place

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


def header(doc, inspection: Inspection) -> None:
    issuer = inspection.plan.unit
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, (Mm(75), Mm(90)))
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    if issuer.parent is not None:
        add_para(left, issuer.parent.name.upper(), align=CENTER, size=13, paragraph=first)
        add_para(left, issuer.name.upper(), align=CENTER, size=13, bold=True)
    else:
        add_para(left, issuer.name.upper(), align=CENTER, size=13, bold=True, paragraph=first)
    add_para(left, "*", align=CENTER, size=13)
    add_para(left, "Số      -TB/…", align=CENTER, size=13)
    title = add_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=CENTER, size=15, bold=True,
                 paragraph=right.paragraphs[0])  # fmt: skip
    rule_under(title)
    place = document_place(issuer).name
    add_para(right, party_date_line(place, inspection.concluded_on), align=CENTER, italic=True)


def findings_part(doc, inspection: Inspection, findings) -> int:
    number = 0
    for kind, label in SECTIONS:
        of_kind = [f for f in findings if f.kind == kind]
        if not of_kind:
            continue
        add_para(doc, f"{ROMAN[number]}. {label.upper()}", bold=True, after=2)
        number += 1
        for f in of_kind:
            p = add_para(doc, align=JUSTIFY, after=2, indent=True)
            add_run(p, "- ")
            if f.category:
                add_run(p, f"{f.category.name}: ", italic=True)
            add_run(p, f.text)
    return number


def remedies_part(doc, number: int, remedies) -> None:
    if not remedies:
        return
    add_para(doc, f"{ROMAN[number]}. YÊU CẦU KHẮC PHỤC", bold=True, after=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    sizes = (Mm(15), Mm(82), Mm(40), Mm(28))
    for cell, text in zip(
        table.rows[0].cells, ("STT", "Nội dung khắc phục", "Chịu trách nhiệm", "Thời hạn"),
        strict=True,
    ):  # fmt: skip
        add_para(cell, text, bold=True, align=CENTER, size=13, paragraph=cell.paragraphs[0])
    for i, f in enumerate(remedies, start=1):
        who = f.responsible_person.full_name if f.responsible_person else f.responsible_unit.name
        values = (str(i), f.remedy, who, format_date(f.deadline))
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            add_para(cell, value, size=13, paragraph=cell.paragraphs[0],
                 align=CENTER if cell is cells[0] or cell is cells[3] else None)  # fmt: skip
    fixed_widths(table, sizes)


def signatures(doc, inspection: Inspection) -> None:
    table = doc.add_table(rows=1, cols=2)
    fixed_widths(table, (Mm(80), Mm(85)))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    p = add_para(left, paragraph=left.paragraphs[0])
    add_run(p, "Nơi nhận:", size=12, bold=True)
    receivers = [inspection.unit.name]
    if inspection.person:
        receivers.append(f"Đồng chí {inspection.person.full_name}")
    receivers += ["Đoàn kiểm tra", "Lưu văn phòng"]
    for i, line in enumerate(receivers):
        add_para(left, f"- {line}{'.' if i == len(receivers) - 1 else ','}", size=11)
    add_para(right, f"T/M {inspection.plan.unit.name.upper()}", align=CENTER, bold=True,
         paragraph=right.paragraphs[0])  # fmt: skip
    add_para(right, "(Ký, ghi rõ họ tên)", align=CENTER, italic=True, size=12, after=60)


def conclusion_docx(inspection: Inspection) -> bytes:
    findings = list(
        inspection.findings.in_order().select_related(
            "category", "responsible_unit", "responsible_person"
        )
    )
    remedies = [f for f in findings if f.kind != FindingKind.STRENGTH]
    doc = Document()
    a4_page(doc)
    header(doc, inspection)
    add_para(doc, "", after=6)
    add_para(doc, "THÔNG BÁO", align=CENTER, size=15, bold=True)
    target = inspection.unit.name
    if inspection.person:
        target = f"đồng chí {inspection.person.full_name} ({inspection.unit.name})"
    add_para(doc, f"{WHAT[inspection.kind]} đối với {target}", align=CENTER, bold=True)
    add_para(doc, "-----", align=CENTER, after=8)
    intro = (
        f"Thực hiện {inspection.plan.title}, từ ngày {format_date(inspection.starts_on)} đến "
        f"ngày {format_date(inspection.ends_on)}, {inspection.plan.unit.name} đã tiến hành "
        f"{inspection.get_kind_display().lower()} “{inspection.subject}” đối với {target}, "
        f"thời kỳ từ ngày {format_date(inspection.period_start)} đến ngày "
        f"{format_date(inspection.period_end)}. {inspection.plan.unit.name} kết luận như sau:"
    )
    add_para(doc, intro, align=JUSTIFY, indent=True, after=4)
    for line in inspection.conclusion.splitlines():
        if line.strip():
            add_para(doc, line.strip(), align=JUSTIFY, indent=True, after=2)
    number = findings_part(doc, inspection, findings)
    remedies_part(doc, number, remedies)
    if remedies:
        add_para(doc, "Các đơn vị, đồng chí chịu trách nhiệm báo cáo kết quả khắc phục trên phần mềm "
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
