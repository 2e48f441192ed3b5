"""The plan of inspections and the inspection figures as .xlsx (through core.xlsx: A4,
landscape when wide, header repeated)."""

from __future__ import annotations

from django.http import HttpResponse
from openpyxl import Workbook

from lamtheo.core.dates import format_date
from lamtheo.core.xlsx import add_sheet, append_row, xlsx_response
from lamtheo.inspections.models import InspectionPlan

HEADERS = [
    "STT",
    "Hình thức",
    "Nội dung",
    "Đối tượng",
    "Thời kỳ kiểm tra",
    "Thời gian tiến hành",
    "Đoàn kiểm tra",
    "Tình trạng",
]
WIDTHS = [6, 18, 40, 32, 24, 24, 36, 16]


def plan_xlsx(plan: InspectionPlan, inspections) -> HttpResponse:
    workbook, sheet = add_sheet(
        f"{plan.title}",
        f"{plan.unit.name} – năm {plan.year}",
        HEADERS,
        WIDTHS,
        name="Kế hoạch",
    )
    for i, ins in enumerate(inspections, start=1):
        subject = ins.unit.name
        if ins.person:
            subject = f"Đồng chí {ins.person.full_name} ({ins.unit.name})"
        team = ", ".join(sorted(u.get_full_name() or u.username for u in ins.team.all()))
        append_row(
            sheet,
            [
                i,
                ins.get_kind_display(),
                ins.subject,
                subject,
                f"{format_date(ins.period_start)} – {format_date(ins.period_end)}",
                f"{format_date(ins.starts_on)} – {format_date(ins.ends_on)}",
                team,
                ins.get_state_display(),
            ],
        )
    return xlsx_response(workbook, f"ke-hoach-kiem-tra-{plan.unit.code}-{plan.year}.xlsx")


FIGURES_NAME = "Tổ chức đảng"


def figures_xlsx(figures, inspection_columns, finding_columns) -> Workbook:
    """The figures page as three sheets: inspections by the level that ran them, findings
    and remedies by the unit inspected (one row per child unit, the unit's own level first,
    the total last), and findings by category. Wide: printed on A4 landscape."""
    unit, year = figures.unit, figures.year
    on = f"Số liệu đến ngày {format_date(figures.today)}"
    workbook, sheet = add_sheet(
        f"Kiểm tra, giám sát, khảo sát năm {year} – {unit.name}",
        f"Theo cấp thực hiện (đơn vị lập kế hoạch). {on}.",
        ["STT", FIGURES_NAME, *[c.label for c in inspection_columns]],
        [6, 42] + [14] * len(inspection_columns),
        name="Theo cấp thực hiện",
    )
    _unit_rows(sheet, figures, inspection_columns)
    scope = f" – nhóm “{figures.category.name}”" if figures.category else ""
    _, sheet = add_sheet(
        f"Nội dung phát hiện và khắc phục năm {year} – {unit.name}{scope}",
        f"Theo đơn vị được kiểm tra, giám sát. {on}; quá hạn: chưa khắc phục xong mà đã quá "
        "hạn khắc phục.",
        ["STT", FIGURES_NAME, *[c.label for c in finding_columns]],
        [6, 42] + [14] * len(finding_columns),
        workbook=workbook,
        name="Theo đơn vị được kiểm tra",
    )
    _unit_rows(sheet, figures, finding_columns)
    _, sheet = add_sheet(
        f"Nội dung phát hiện theo nhóm năm {year} – {unit.name}",
        f"{on}.",
        ["STT", "Nhóm nội dung", "Ưu điểm", "Hạn chế, khuyết điểm", "Vi phạm", "Cộng"],
        [6, 52, 12, 14, 12, 12],
        workbook=workbook,
        name="Theo nhóm",
    )
    for i, row in enumerate(figures.categories, start=1):
        f = row.figures
        append_row(sheet, [i, row.name, f.strength, f.shortcoming, f.violation,
                           f.strength + f.faults])  # fmt: skip
    return workbook


def _unit_rows(sheet, figures, columns) -> None:
    for i, row in enumerate(figures.rows, start=1):
        name = f"{row.unit.name} (tại cấp này)" if row.own else row.unit.name
        append_row(sheet, [i, name, *[c.value(row.figures) for c in columns]])
    append_row(sheet, ["", "Cộng", *[c.value(figures.total) for c in columns]])
