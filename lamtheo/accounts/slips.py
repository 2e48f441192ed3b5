"""The sheet of slips (.docx): one slip per person, the people of each cell together on their
own page(s), for the secretary to cut and hand out. The codes exist in plain text only in
this file, made in the answer to the request that issued them."""

from __future__ import annotations

import base64
from io import BytesIO
from itertools import groupby

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lamtheo.accounts.services import IssuedCode
from lamtheo.core.docx import DOCX_TYPE
from lamtheo.core.vietnamese import printable

FONT = "Times New Roman"
WHAT_TO_DO = (
    "Cách làm: mở địa chỉ trên bằng điện thoại hoặc máy tính, đăng nhập bằng tên đăng nhập và "
    "mã dùng một lần ở phiếu này, rồi đặt mật khẩu mới của riêng đồng chí. Mã chỉ dùng được "
    "một lần; đề nghị đồng chí giữ kín phiếu, không đưa cho người khác."
)


def _line(cell, label: str, value: str, *, size: float = 13, big: bool = False) -> None:
    first = cell.paragraphs[0]  # a new table cell holds one empty paragraph: use it first
    p = first if len(cell.paragraphs) == 1 and not first.runs else cell.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    for text, bold in ((f"{label}: ", False), (value, True)):
        run = p.add_run(printable(text))  # stored text may hold a control character
        run.font.name, run.font.bold = FONT, bold
        run.font.size = Pt(16 if big and bold else size)
        run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _text(container, text: str, *, size: float = 12, bold: bool = False, italic: bool = False):
    p = container.add_paragraph()
    run = p.add_run(printable(text))  # stored text may hold a control character
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return p


def slips_docx(issued: list[IssuedCode], *, address: str) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(15)
    section.left_margin = section.right_margin = Mm(20)
    first = True
    for cell_name, group in groupby(
        issued, key=lambda i: i.person.cell.name if i.person.cell else ""
    ):
        if not first:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        _text(doc, f"PHIẾU TÀI KHOẢN ĐĂNG NHẬP – {cell_name.upper()}", size=13, bold=True)
        _text(doc, "Cắt theo đường kẻ, trao tận tay từng đồng chí.", italic=True)
        for i in group:
            table = doc.add_table(rows=1, cols=1)
            table.style = "Table Grid"
            box = table.rows[0].cells[0]
            _line(box, "Đồng chí", i.person.full_name)
            _line(box, "Chi bộ", cell_name)
            _line(box, "Tên đăng nhập", i.username, big=True)
            _line(box, "Mã dùng một lần", i.code, big=True)
            _line(box, "Địa chỉ phần mềm", address)
            _text(box, WHAT_TO_DO, size=11, italic=True)
            doc.add_paragraph()
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def slips_data_url(issued: list[IssuedCode], *, address: str) -> str:
    """The sheet as a data: URL, for a download link inside the page that issued the codes:
    nothing is stored, and the link dies with the page."""
    encoded = base64.b64encode(slips_docx(issued, address=address)).decode("ascii")
    return f"data:{DOCX_TYPE};base64,{encoded}"
