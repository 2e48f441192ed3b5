"""The figures of the stories read at the briefings as .xlsx (layout of the dashboard's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook

from lamtheo.core.dates import format_date
from lamtheo.core.periods import month_label
from lamtheo.core.xlsx import add_sheet, append_row, percent_cell, text_cell
from lamtheo.learning.stories.figures import StoryFigures, StoryRow, StoryUnitFigures
from lamtheo.learning.stories.models import StoryReading

HEADERS = [
    "STT",
    "Tổ chức đảng",
    "Buổi thông tin đầu giờ có đọc mẩu chuyện",
    "Số đơn vị",
    "Đơn vị có đọc mẩu chuyện",
    "Tỷ lệ đơn vị có đọc mẩu chuyện",
]
WIDTHS = [6, 42, 16, 10, 14, 14]
READING_HEADERS = ["STT", "Ngày đọc", "Đơn vị", "Mẩu chuyện", "Người ghi nhận"]
READING_WIDTHS = [6, 12, 40, 48, 28]


def _cells(ws, f: StoryFigures) -> list:
    return [f.readings, f.units, f.reading_units, percent_cell(ws, f.reading_rate)]


def row_label(row: StoryRow) -> str:
    return f"{row.unit.name} (tại cấp này)" if row.own else row.unit.name


def story_table_xlsx(
    figures: StoryUnitFigures, readings: Iterable[StoryReading], *, on: date
) -> Workbook:
    unit = figures.unit
    wb, ws = add_sheet(
        f"Đọc mẩu chuyện ở buổi thông tin đầu giờ – {unit.name} – {month_label(figures.month)}",
        f"Số liệu tổng hợp đến ngày {format_date(on)}. Số đơn vị gồm tổ chức đảng đang hoạt "
        "động và các đơn vị trực thuộc; tỷ lệ = số đơn vị có ít nhất một buổi đọc mẩu chuyện "
        "trong tháng / số đơn vị.",
        HEADERS,
        WIDTHS,
    )
    listed = figures.rows or [StoryRow(unit, figures.total)]
    for i, row in enumerate(listed, start=1):
        append_row(ws, [i, row_label(row), *_cells(ws, row.figures)])
    if figures.rows:
        ws.append([None, text_cell(ws, f"Cộng {unit.name}", bold=True), *_cells(ws, figures.total)])
    wb, ws = add_sheet(
        f"Các buổi đã đọc mẩu chuyện – {unit.name} – {month_label(figures.month)}",
        f"Số liệu đến ngày {format_date(on)}.",
        READING_HEADERS,
        READING_WIDTHS,
        workbook=wb,
        name="Các buổi đã đọc",
    )
    for i, r in enumerate(readings, start=1):
        who = (r.read_by.get_full_name() or r.read_by.username) if r.read_by else ""
        append_row(ws, [i, format_date(r.read_on), r.unit.name, r.story.title, who])
    return wb
