"""The discipline counts (no names) as tables for the page and as .xlsx (core.xlsx)."""

from __future__ import annotations

from django.http import HttpResponse

from lamtheo.core.figure_tables import Column, figures_table
from lamtheo.core.xlsx import add_sheet, append_row, xlsx_response
from lamtheo.inspections.discipline.figures import (
    COLUMNS,
    DisciplineCounts,
    DisciplineUnitFigures,
    column_key,
)
from lamtheo.inspections.discipline.models import DisciplineForm, SubjectKind


def _label(kind: str, form: str) -> str:
    who = "ĐV" if kind == SubjectKind.MEMBER else "TCĐ"
    return f"{who}: {DisciplineForm(form).label}"


FIGURE_COLUMNS = [Column(_label(k, f), column_key(k, f)) for k, f in COLUMNS] + [
    Column("Cộng đảng viên", "members"),
    Column("Cộng tổ chức đảng", "organizations"),
]


def tables(data: DisciplineUnitFigures) -> dict:
    return {
        "table": figures_table(
            FIGURE_COLUMNS, data.rows, data.total,
            url_name="inspections:discipline_figures", query=f"nam={data.year}",
        ),
        "columns": FIGURE_COLUMNS,
        "level_rows": [(level.label, _values(level.figures)) for level in data.levels],
    }  # fmt: skip


def _values(counts: DisciplineCounts) -> list[int]:
    return [c.value(counts) for c in FIGURE_COLUMNS]


def figures_xlsx(data: DisciplineUnitFigures) -> HttpResponse:
    headers = ["Tổ chức đảng", *[c.label for c in FIGURE_COLUMNS]]
    widths = [40, *[12] * len(FIGURE_COLUMNS)]
    workbook, sheet = add_sheet(
        f"Số liệu kỷ luật năm {data.year}",
        f"{data.unit.name} (ĐV: đảng viên, TCĐ: tổ chức đảng; quyết định còn hiệu lực)",
        headers, widths, name="Theo đơn vị",
    )  # fmt: skip
    for row in data.rows:
        name = f"{row.unit.name} (tại cấp này)" if row.own else row.unit.name
        append_row(sheet, [name, *_values(row.figures)])
    append_row(sheet, ["Cộng", *_values(data.total)])
    _wb, levels = add_sheet(
        f"Số liệu kỷ luật năm {data.year} theo cấp quyết định", data.unit.name,
        ["Cấp quyết định", *[c.label for c in FIGURE_COLUMNS]], widths,
        workbook=workbook, name="Theo cấp quyết định",
    )  # fmt: skip
    for level in data.levels:
        append_row(levels, [level.label, *_values(level.figures)])
    return xlsx_response(workbook, f"ky-luat-{data.unit.code}-{data.year}.xlsx")
