"""The receipt status of a document and the counts by type, as .xlsx."""

from __future__ import annotations

from django.http import HttpResponse

from lamtheo.core.dates import format_date
from lamtheo.core.xlsx import add_sheet, append_row, number_cell, text_cell, xlsx_response
from lamtheo.documents.models import DocType, Document

RECEIPT_HEADERS = [
    "STT",
    "Đơn vị nhận",
    "Tình trạng",
    "Người nhận",
    "Thời điểm nhận",
    "Ngày thực hiện",
    "Kết quả thực hiện",
    "Thời điểm báo cáo",
    "Quá hạn",
]
RECEIPT_WIDTHS = [6, 40, 20, 24, 18, 14, 60, 18, 10]


def _person(user) -> str:
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def _at(dt) -> str:
    from django.utils import timezone

    return timezone.localtime(dt).strftime("%d/%m/%Y %H:%M") if dt else ""


def receipts_response(document: Document, rows) -> HttpResponse:
    title = f"Tình hình nhận và thực hiện văn bản số {document.symbol}"
    subtitle = f"{document.issuer.name}, ngày {format_date(document.issued_on)}: {document.summary}"
    if document.deadline:
        subtitle += f" (hạn báo cáo {format_date(document.deadline)})"
    wb, ws = add_sheet(title, subtitle, RECEIPT_HEADERS, RECEIPT_WIDTHS, name="Văn bản đến")
    for i, row in enumerate(rows, 1):
        r = row.receipt
        append_row(
            ws,
            [
                i,
                r.unit.name,
                r.state_label,
                _person(r.received_by),
                _at(r.received_at),
                format_date(r.implemented_on),
                r.implementation,
                _at(r.reported_at),
                "Quá hạn" if row.overdue else "",
            ],
        )
    return xlsx_response(wb, f"van-ban-{document.pk}-tinh-hinh-nhan.xlsx")


def counts_response(ctx: dict) -> HttpResponse:
    unit, year = ctx["unit"], ctx["year"]
    headers = ["Kỳ", *[label for _, label in DocType.choices], "Cộng"]
    title = f"Số văn bản ban hành theo loại, năm {year}"
    subtitle = f"{unit.name} và các tổ chức đảng trực thuộc: {ctx['sentence']}."
    wb, ws = add_sheet(
        title, subtitle, headers, [16] + [12] * (len(headers) - 1), name="Văn bản ban hành"
    )
    for row in ctx["rows"]:
        append_row(ws, [row.label, *row.cells(), row.total])
    total = ctx["total"]
    sums = [*total.cells(), total.total]
    ws.append([text_cell(ws, "Cộng", bold=True), *(number_cell(ws, n, bold=True) for n in sums)])
    children = ctx.get("children") or []
    if len(children) > 1:
        _, ws2 = add_sheet(
            f"Số văn bản ban hành theo đơn vị, năm {year}",
            unit.name,
            ["Đơn vị", *headers[1:]],
            [44] + [12] * (len(headers) - 1),
            workbook=wb,
            name="Theo đơn vị",
        )
        for row in children:
            label = f"{row.label} (văn bản của chính đơn vị)" if row.own else row.label
            append_row(ws2, [label, *row.cells(), row.total])
    return xlsx_response(wb, f"van-ban-ban-hanh-{unit.code}-{year}.xlsx")
