"""The dashboards' tables as .xlsx, with Vietnamese headers, for the offices that merge
them into their own reports. Rates are numbers formatted as percentages, so they can be
summed and charted in the spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lamtheo.core.dates import format_date, month_label
from lamtheo.dashboard.selectors import (
    ChildRow,
    Figures,
    ListedPerson,
    Listing,
    MonthlyFigures,
    UnitFigures,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT = "0.0%"

UNIT_HEADERS = [
    "STT",
    "Tổ chức đảng",
    "Số người",
    "Số người phải ghi sổ tay",
    "Số người phải đăng ký",
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
UNIT_WIDTHS = [6, 42, 10, 14, 14, 14, 12, 12, 12, 16, 14, 12, 12, 14]
PEOPLE_HEADERS = ["STT", "Họ và tên", "Chi bộ", "Chức vụ, nhiệm vụ", "Tình trạng", "Có tài khoản"]
PEOPLE_WIDTHS = [6, 30, 36, 36, 20, 12]


def _sheet(
    title: str,
    subtitle: str,
    headers: list[str],
    widths: list[int],
    wb: Workbook | None = None,
    name: str = "Thống kê",
):
    # Write-only: a list of a whole province stays fast and light on memory.
    wb = wb or Workbook(write_only=True)
    ws = wb.create_sheet(name)
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    bold = Font(bold=True)
    ws.append([_cell(ws, title, font=Font(bold=True, size=13))])
    ws.append([_cell(ws, subtitle)])
    ws.append([])
    ws.append([_cell(ws, h, font=bold, wrap=True) for h in headers])
    return wb, ws


def _cell(ws, value, *, font: Font | None = None, wrap: bool = False, fmt: str = ""):
    cell = WriteOnlyCell(ws, value=value)
    if font:
        cell.font = font
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if fmt:
        cell.number_format = fmt
    return cell


def _rate(ws, value: float | None):
    return _cell(ws, "—") if value is None else _cell(ws, value, fmt=PERCENT)


def _figures_cells(ws, f: Figures) -> list:
    return [
        f.members,
        f.expected,
        f.year_expected,
        f.registered,
        _rate(ws, f.registration_rate),
        f.submitted,
        _rate(ws, f.submission_rate),
        _rate(ws, f.on_time_rate),
        f.reviewed,
        _rate(ws, f.review_rate),
        f.returned,
        _rate(ws, f.specific_rate),
    ]


def _bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def unit_table_xlsx(figures: UnitFigures, rows: list[ChildRow], *, on: date) -> bytes:
    unit = figures.unit
    wb, ws = _sheet(
        f"Kết quả học tập và làm theo Bác – {unit.name} – {month_label(figures.month)}",
        f"Số liệu tổng hợp đến ngày {format_date(on)}. Tỷ lệ đăng ký tính theo năm "
        f"{figures.month.year}; tỷ lệ nộp sổ tay tính trên số người phải ghi sổ tay trong tháng.",
        UNIT_HEADERS,
        UNIT_WIDTHS,
    )
    listed = rows if rows else [ChildRow(unit, figures.total)]
    for i, row in enumerate(listed, start=1):
        ws.append([i, row.unit.name, *_figures_cells(ws, row.figures)])
    if rows:
        bold = Font(bold=True)
        ws.append(
            [None, _cell(ws, f"Cộng {unit.name}", font=bold), *_figures_cells(ws, figures.total)]
        )
    return _bytes(wb)


def people_list_xlsx(
    unit_name: str, listing: Listing, month: date, rows: Iterable[ListedPerson], *, on: date
) -> bytes:
    wb, ws = _sheet(
        f"{listing.heading(month)} – {unit_name}",
        f"Danh sách lập ngày {format_date(on)}.",
        PEOPLE_HEADERS,
        PEOPLE_WIDTHS,
    )
    for i, r in enumerate(rows, start=1):
        ws.append(
            [
                i,
                r.person.full_name,
                r.cell.name if r.cell else "",
                r.person.duty,
                r.state,
                "Có" if r.has_account else "Không",
            ]
        )
    return _bytes(wb)


MONTHLY_SHEETS = [
    ("Tỷ lệ nộp sổ tay", "submission_rate", "đã nộp / phải ghi sổ tay"),
    ("Tỷ lệ đã nhận xét", "review_rate", "đã nhận xét / đã nộp"),
]


def monthly_table_xlsx(monthly: MonthlyFigures, *, on: date) -> bytes:
    """One sheet per rate: a row per child unit (or the unit itself), a column per month."""
    unit = monthly.unit
    year = monthly.months[0].year if monthly.months else on.year
    headers = ["STT", "Tổ chức đảng", *(f"Tháng {m:%m/%Y}" for m in monthly.months)]
    widths = [6, 42, *(11 for _ in monthly.months)]
    rows = [(r.unit.name, r.points) for r in monthly.rows] or [(unit.name, monthly.series)]
    wb = Workbook(write_only=True)
    for name, attr, formula in MONTHLY_SHEETS:
        _, ws = _sheet(f"{name} theo tháng năm {year} – {unit.name}",
                       f"Tỷ lệ = {formula}. Số liệu tổng hợp đến ngày {format_date(on)}.",
                       headers, widths, wb=wb, name=name)  # fmt: skip
        for i, (unit_name, points) in enumerate(rows, start=1):
            ws.append([i, unit_name, *(_rate(ws, getattr(p, attr)) for p in points)])
        if monthly.rows:
            ws.append([None, _cell(ws, f"Cộng {unit.name}", font=Font(bold=True)),
                       *(_rate(ws, getattr(p, attr)) for p in monthly.series)])  # fmt: skip
    return _bytes(wb)
