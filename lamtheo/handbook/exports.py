"""The self-check counts as .xlsx (counts only, like the page)."""

from __future__ import annotations

from io import BytesIO

from lamtheo.core.dates import month_label
from lamtheo.dashboard.exports import _cell, _sheet
from lamtheo.dashboard.templatetags.dashboard_tags import num


def selfcheck_xlsx(f) -> bytes:
    title = f"Tự soi, tự sửa theo 27 biểu hiện suy thoái – {f.unit.name}"
    subtitle = (
        f"{month_label(f.month)}: {num(f.people)} người tự nhận có ít nhất một biểu hiện, "
        f"trên {num(f.members)} cán bộ, đảng viên (chỉ có số lượng, không có tên; số 1 hoặc 2 "
        f"người ghi là “dưới 3”)."
    )
    wb, ws = _sheet(
        title,
        subtitle,
        ["STT", "Tổ chức đảng", "Số cán bộ, đảng viên", "Số người tự nhận có biểu hiện"],
        [6, 42, 14, 16],
        name="Theo tổ chức",
    )
    for i, r in enumerate(f.rows, start=1):
        ws.append([i, r.unit.name, r.members, r.people])
    ws.append(["", "Cộng", f.members, f.people])
    _wb, ws2 = _sheet(
        title,
        subtitle,
        ["Số", "Biểu hiện", "Số người tự nhận"],
        [8, 90, 16],
        wb=wb,
        name="Theo biểu hiện",
    )
    for label, items in f.groups:
        ws2.append([_cell(ws2, label)])
        for m, n in items:
            ws2.append([m.code, m.label, n])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
