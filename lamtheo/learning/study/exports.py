"""The study figures and the named list as .xlsx, with Vietnamese headers (the same
layout as the dashboards' exports)."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from lamtheo.core.dates import format_date
from lamtheo.core.xlsx import add_sheet, append_row, percent_cell, text_cell
from lamtheo.learning.study.selectors import NotStudied, StudyFigures, StudyRow, TopicFigures

TOPIC_HEADERS = [
    "STT", "Tổ chức đảng", "Số người phải học tập", "Đã học tập (kể cả học bù)",
    "Tỷ lệ đã học tập", "Trong đó học bù", "Vắng có lý do", "Vắng không lý do",
    "Chưa ghi điểm danh",
]  # fmt: skip
TOPIC_WIDTHS = [6, 42, 14, 14, 12, 12, 12, 12, 14]
PEOPLE_HEADERS = ["STT", "Họ và tên", "Chi bộ", "Chức vụ, nhiệm vụ", "Tình trạng", "Lý do vắng"]
PEOPLE_WIDTHS = [6, 30, 36, 36, 20, 36]


def _figures_cells(ws, f: StudyFigures) -> list:
    return [f.expected, f.studied, percent_cell(ws, f.rate), f.made_up, f.excused, f.unexcused,
            f.not_recorded]  # fmt: skip


def topic_table_xlsx(figures: TopicFigures, rows: list[StudyRow], *, on: date) -> Workbook:
    unit, topic = figures.unit, figures.topic
    wb, ws = add_sheet(
        f"Kết quả học tập chuyên đề – {unit.name}",
        (f"Chuyên đề năm {topic.year}: {topic.title}. " if topic else "")
        + f"Số liệu tổng hợp đến ngày {format_date(on)}. Tỷ lệ = số người đã học tập "
        "(có mặt hoặc đã học bù) / số người phải học tập.",
        TOPIC_HEADERS, TOPIC_WIDTHS,
    )  # fmt: skip
    listed = rows if rows else [StudyRow(unit, figures.total)]
    for i, row in enumerate(listed, start=1):
        append_row(ws, [i, row.unit.name, *_figures_cells(ws, row.figures)])
    if rows:
        ws.append([None, text_cell(ws, f"Cộng {unit.name}", bold=True),
                   *_figures_cells(ws, figures.total)])  # fmt: skip
    return wb


def not_studied_xlsx(unit, topic, people: list[NotStudied], *, on: date) -> Workbook:
    wb, ws = add_sheet(
        f"Danh sách chưa học tập chuyên đề – {unit.name}",
        (f"Chuyên đề năm {topic.year}: {topic.title}. " if topic else "")
        + f"Danh sách lập ngày {format_date(on)}.",
        PEOPLE_HEADERS, PEOPLE_WIDTHS,
    )  # fmt: skip
    for i, r in enumerate(people, start=1):
        append_row(ws, [i, r.person.full_name, r.cell.name, r.person.duty, r.state, r.reason])
    return wb
