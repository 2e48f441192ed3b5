"""A unit's published action programmes as .xlsx: one row per item, so an office can paste
them into the notice it posts (công khai) or into its review report."""

from __future__ import annotations

from openpyxl import Workbook

from lamtheo.core.xlsx import add_sheet, append_row, text_cell

PROGRAMME_HEADERS = [
    "STT",
    "Họ và tên",
    "Chức vụ, nhiệm vụ",
    "Chi bộ",
    "Nhóm nội dung",
    "Việc làm cụ thể",
    "Chỉ tiêu, kết quả cần đạt",
    "Thời hạn hoặc tần suất",
]
PROGRAMME_WIDTHS = [6, 28, 30, 30, 36, 60, 36, 24]


def programmes_xlsx(unit, year: int, publications: list) -> Workbook:
    title = f"Chương trình hành động cá nhân được công khai năm {year}"
    wb, ws = add_sheet(
        title, unit.name, PROGRAMME_HEADERS, PROGRAMME_WIDTHS, name="Chương trình hành động"
    )
    number = 0
    for publication in publications:
        pledge = publication.pledge
        for item in pledge.items.all():
            number += 1
            append_row(
                ws,
                [
                    number,
                    pledge.person.full_name,
                    pledge.person.duty,
                    pledge.unit.name,
                    item.area.title,
                    text_cell(ws, item.text, wrap=True),
                    text_cell(ws, item.target, wrap=True),
                    item.timeframe,
                ],
            )
    return wb
