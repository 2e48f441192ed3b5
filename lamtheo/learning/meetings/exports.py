"""The meeting figures as .xlsx, in the same layout as the dashboard's exports."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from lamtheo.core.dates import format_date
from lamtheo.core.periods import month_label
from lamtheo.core.xlsx import add_sheet, append_row, percent_cell, text_cell
from lamtheo.learning.meetings.selectors import MeetingFigures, MeetingRow, MeetingUnitFigures

HEADERS = [
    "STT",
    "Tổ chức đảng",
    "Số chi bộ",
    "Đã sinh hoạt định kỳ",
    "Tỷ lệ chi bộ đã sinh hoạt",
    "Có nội dung học tập và làm theo Bác",
    "Tỷ lệ có nội dung học tập và làm theo Bác",
    "Buổi sinh hoạt chuyên đề",
    "Đảng viên phải dự",
    "Có mặt",
    "Tỷ lệ có mặt",
]
WIDTHS = [6, 42, 10, 14, 14, 16, 16, 14, 12, 10, 12]


def _cells(ws, f: MeetingFigures) -> list:
    return [
        f.cells,
        f.held,
        percent_cell(ws, f.held_rate),
        f.with_content,
        percent_cell(ws, f.content_rate),
        f.thematic,
        f.invited,
        f.present,
        percent_cell(ws, f.attendance_rate),
    ]


def meeting_table_xlsx(figures: MeetingUnitFigures, *, on: date) -> Workbook:
    unit = figures.unit
    wb, ws = add_sheet(
        f"Sinh hoạt chi bộ – {unit.name} – {month_label(figures.month)}",
        f"Số liệu tổng hợp đến ngày {format_date(on)}. Tỷ lệ tính trên số chi bộ; nội dung học "
        "tập và làm theo Bác gồm học chuyên đề, nhận xét sổ tay, đọc mẩu chuyện, tự soi "
        "theo 27 biểu hiện.",
        HEADERS,
        WIDTHS,
    )
    listed = figures.rows or [MeetingRow(unit, figures.total)]
    for i, row in enumerate(listed, start=1):
        append_row(ws, [i, row.unit.name, *_cells(ws, row.figures)])
    if figures.rows:
        ws.append([None, text_cell(ws, f"Cộng {unit.name}", bold=True), *_cells(ws, figures.total)])
    return wb
