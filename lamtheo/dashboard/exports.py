"""The dashboards' tables as .xlsx, with Vietnamese headers, for the offices that merge
them into their own reports. Rates are numbers formatted as percentages, so they can be
summed and charted in the spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook

from lamtheo.core.dates import format_date
from lamtheo.core.periods import month_label
from lamtheo.core.xlsx import add_sheet, append_row, percent_cell, text_cell
from lamtheo.dashboard.selectors import (
    ChildRow,
    Figures,
    ListedPerson,
    Listing,
    MonthlyFigures,
    UnitFigures,
)

UNIT_HEADERS = [
    "STT",
    "Tổ chức đảng",
    "Số người",
    "Số người phải thực hiện",
    "Đã nộp bản đăng ký",
    "Tỷ lệ đăng ký",
    "Đã nộp sổ tay",
    "Tỷ lệ nộp sổ tay",
    "Tỷ lệ nộp đúng hạn (trên số đã nộp)",
    "Chi bộ đã nhận xét",
    "Tỷ lệ đã nhận xét",
    "Sổ tay bị trả lại",
    "Tỷ lệ việc làm cụ thể",
]
UNIT_WIDTHS = [6, 42, 10, 18, 14, 12, 12, 12, 16, 14, 12, 12, 14]
PEOPLE_HEADERS = ["STT", "Họ và tên", "Chi bộ", "Chức vụ, nhiệm vụ", "Tình trạng", "Có tài khoản"]
PEOPLE_WIDTHS = [6, 30, 36, 36, 20, 12]


def _figures_cells(ws, f: Figures) -> list:
    return [
        f.members,
        f.expected,
        f.registered,
        percent_cell(ws, f.registration_rate),
        f.submitted,
        percent_cell(ws, f.submission_rate),
        percent_cell(ws, f.on_time_rate),
        f.reviewed,
        percent_cell(ws, f.review_rate),
        f.returned,
        percent_cell(ws, f.specific_rate),
    ]


def unit_table_xlsx(figures: UnitFigures, rows: list[ChildRow], *, on: date) -> Workbook:
    unit = figures.unit
    wb, ws = add_sheet(
        f"Kết quả học tập và làm theo Bác – {unit.name} – {month_label(figures.month)}",
        f"Số liệu tổng hợp đến ngày {format_date(on)}. Mọi tỷ lệ tính trên cùng những người "
        f"phải thực hiện trong {month_label(figures.month).lower()} (sinh hoạt tại chi bộ "
        f"trong tháng, không tính người được miễn công tác và sinh hoạt đảng); tỷ lệ đăng ký "
        f"là số người trong đó đã nộp bản đăng ký năm {figures.month.year}.",
        UNIT_HEADERS,
        UNIT_WIDTHS,
    )
    listed = rows if rows else [ChildRow(unit, figures.total)]
    for i, row in enumerate(listed, start=1):
        append_row(ws, [i, row.unit.name, *_figures_cells(ws, row.figures)])
    if rows:
        total = text_cell(ws, f"Cộng {unit.name}", bold=True)
        ws.append([None, total, *_figures_cells(ws, figures.total)])
    return wb


def people_list_xlsx(
    unit_name: str, listing: Listing, month: date, rows: Iterable[ListedPerson], *, on: date
) -> Workbook:
    wb, ws = add_sheet(
        f"{listing.heading(month)} – {unit_name}",
        f"Danh sách lập ngày {format_date(on)}.",
        PEOPLE_HEADERS,
        PEOPLE_WIDTHS,
    )
    for i, r in enumerate(rows, start=1):
        append_row(
            ws,
            [
                i,
                r.person.full_name,
                r.cell.name if r.cell else "",
                r.person.duty,
                r.state,
                "Có" if r.has_account else "Không",
            ],
        )
    return wb


MONTHLY_SHEETS = [
    ("Tỷ lệ nộp sổ tay", "submission_rate", "đã nộp / phải ghi sổ tay"),
    ("Tỷ lệ đã nhận xét", "review_rate", "đã nhận xét / đã nộp"),
]


def monthly_table_xlsx(monthly: MonthlyFigures, *, on: date) -> Workbook:
    """One sheet per rate: a row per child unit (or the unit itself), a column per month."""
    unit = monthly.unit
    year = monthly.months[0].year if monthly.months else on.year
    headers = ["STT", "Tổ chức đảng", *(f"Tháng {m:%m/%Y}" for m in monthly.months)]
    widths = [6, 42, *(11 for _ in monthly.months)]
    rows = [(r.unit.name, r.points) for r in monthly.rows] or [(unit.name, monthly.series)]
    wb = Workbook(write_only=True)
    for name, attr, formula in MONTHLY_SHEETS:
        _, ws = add_sheet(f"{name} theo tháng năm {year} – {unit.name}",
                          f"Tỷ lệ = {formula}. Số liệu tổng hợp đến ngày {format_date(on)}.",
                          headers, widths, workbook=wb, name=name)  # fmt: skip
        for i, (unit_name, points) in enumerate(rows, start=1):
            append_row(ws, [i, unit_name, *(percent_cell(ws, getattr(p, attr)) for p in points)])
        if monthly.rows:
            ws.append([None, text_cell(ws, f"Cộng {unit.name}", bold=True),
                       *(percent_cell(ws, getattr(p, attr)) for p in monthly.series)])  # fmt: skip
    return wb
