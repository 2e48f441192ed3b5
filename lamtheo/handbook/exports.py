"""The self-check counts as .xlsx (counts only, like the page)."""

from __future__ import annotations

from openpyxl import Workbook

from lamtheo.core.figure_tables import count_text
from lamtheo.core.periods import month_label
from lamtheo.core.xlsx import add_sheet, append_row


def selfcheck_xlsx(f) -> Workbook:
    title = f"Tự soi, tự sửa theo 27 biểu hiện suy thoái – {f.unit.name}"
    subtitle = (
        f"{month_label(f.month)}: {count_text(f.people)} người tự nhận có ít nhất một biểu hiện, "
        f"trên {count_text(f.members)} cán bộ, đảng viên (chỉ có số lượng, không có tên; số 1 hoặc 2 "
        f"người ghi là “dưới 3”; số ghi “ẩn” được che để không suy ra được số nhỏ bằng phép trừ)."
    )
    wb, ws = add_sheet(
        title,
        subtitle,
        ["STT", "Tổ chức đảng", "Số cán bộ, đảng viên", "Số người tự nhận có biểu hiện"],
        [6, 42, 14, 16],
        name="Theo tổ chức",
    )
    for i, r in enumerate(f.rows, start=1):
        append_row(ws, [i, r.unit.name, r.members, r.people])
    append_row(ws, ["", "Cộng", f.members, f.people])
    _wb, ws2 = add_sheet(
        title,
        subtitle,
        ["Số", "Biểu hiện", "Số người tự nhận"],
        [8, 90, 16],
        workbook=wb,
        name="Theo biểu hiện",
    )
    for label, items in f.groups:
        append_row(ws2, [label])
        for m, n in items:
            append_row(ws2, [m.code, m.label, n])
    return wb
