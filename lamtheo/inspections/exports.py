"""The plan of inspections as .xlsx (through core.xlsx: A4 landscape, header repeated)."""

from __future__ import annotations

from django.http import HttpResponse

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
