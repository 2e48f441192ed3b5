"""The downloadable template: the two data sheets with their headers and drop-down lists,
the guide, and the hidden sheet of lists. Every text goes in through core.xlsx as a string
cell, so a name given in the rows that begins with "=" is never a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lamtheo.core.xlsx import append_row, text_cell
from lamtheo.people.imports.reader import MAX_FILE_BYTES, MAX_ROWS, grouped_number
from lamtheo.people.imports.sheet import (
    COLUMNS,
    GENDER_LABELS,
    GUIDE_TITLE,
    LISTS_TITLE,
    PEOPLE,
    SHEETS,
    STATUS_LABELS,
    UNIT_KIND_LABELS,
    UNITS,
    SheetSpec,
)

HEADER_FILL = PatternFill("solid", fgColor="F6F3EE")
LIST_SOURCES = {
    ("Tổ chức đảng", "kind"): UNIT_KIND_LABELS,
    ("Nhân sự", "status"): STATUS_LABELS,
    ("Nhân sự", "gender"): GENDER_LABELS,
}
TEMPLATE_ROWS = 10_000  # rows that get the drop-down lists


def build_template(units: Iterable[Sequence] = (), people: Iterable[Sequence] = ()) -> bytes:
    """The workbook to fill: two data sheets (empty, or with the given rows in the columns'
    order), the guide, and the lists its drop-downs offer."""
    wb = Workbook()
    wb.remove(wb.active)
    lists, refs = _lists_sheet(wb)
    for spec, rows in ((UNITS, units), (PEOPLE, people)):
        ws = _data_sheet(wb, spec, refs)
        for row in rows:
            append_row(ws, row)
    _guide_sheet(wb)
    lists.sheet_state = "hidden"
    wb.move_sheet(lists, offset=len(wb.sheetnames) - 1)
    wb.active = 0  # a hidden sheet must not be the one that opens
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _lists_sheet(wb) -> tuple[Any, dict[tuple[str, str], str]]:
    """Lists live on a hidden sheet: labels such as “Đảng bộ tỉnh, thành phố” contain commas,
    which an inline list would split."""
    ws = wb.create_sheet(LISTS_TITLE)
    refs: dict[tuple[str, str], str] = {}
    columns = []
    for col, (key, labels) in enumerate(LIST_SOURCES.items(), start=1):
        letter = get_column_letter(col)
        columns.append([COLUMNS[key[0]][key[1]].header, *labels])
        refs[key] = f"'{LISTS_TITLE}'!${letter}$2:${letter}${len(labels) + 1}"
    for r in range(max(len(c) for c in columns)):
        append_row(ws, [c[r] if r < len(c) else None for c in columns])
    return ws, refs


def _data_sheet(wb, spec: SheetSpec, lists: dict[tuple[str, str], str]):
    ws = wb.create_sheet(spec.title)
    headers = [text_cell(ws, column.title, bold=True, wrap=True) for column in spec.columns]
    for cell in headers:
        cell.fill = HEADER_FILL
    ws.append(headers)
    for col, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        # Text format keeps leading zeros of ids and phone numbers and stops Excel from
        # reading 05/03/1980 as 3 May.
        ws.column_dimensions[letter].number_format = "@"
        source = lists.get((spec.title, column.key))
        if source:
            _drop_down(ws, f"{letter}2:{letter}{TEMPLATE_ROWS + 1}", source, column.header)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    return ws


def _drop_down(ws, cells: str, source: str, header: str) -> None:
    dv = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Giá trị không có trong danh mục",
        error=f"Vui lòng chọn “{header}” trong danh sách.",
    )
    dv.add(cells)
    ws.add_data_validation(dv)


def _guide_sheet(wb) -> None:
    ws = wb.create_sheet(GUIDE_TITLE)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 90
    lines = [
        ("HƯỚNG DẪN NHẬP DANH SÁCH TỔ CHỨC ĐẢNG VÀ NHÂN SỰ", "", ""),
        (
            "Bước 1",
            "",
            "Điền trang “Tổ chức đảng” (mỗi dòng một tổ chức đảng) và trang “Nhân "
            "sự” (mỗi dòng một người). Giữ nguyên dòng tiêu đề; cột có dấu * là bắt buộc. Trang "
            "không có dữ liệu thì để trống, không xóa.",
        ),
        (
            "Bước 2",
            "",
            "Tải tệp lên trang “Nhập danh sách”. Phần mềm kiểm tra toàn bộ tệp "
            "trước: nếu có dòng sai thì không ghi gì cả và liệt kê từng lỗi (trang, dòng, cột) để "
            "sửa rồi nhập lại.",
        ),
        (
            "Lưu ý",
            "",
            "Nhập lại cùng một tệp không làm thay đổi gì: tổ chức đảng được nhận "
            "biết theo mã đơn vị, người theo mã định danh. Ô để trống ở cột không bắt buộc thì "
            "giữ nguyên thông tin đang có.",
        ),
        (
            "Lưu ý",
            "",
            "Người đăng nhập được khi có tài khoản; tài khoản được cấp ở bước sau, ngay từ "
            "trang báo nhập xong. Cột “Vai trò” giao vai trò ở chi bộ của người đó (cột "
            "“Chức vụ, nhiệm vụ” không giao vai trò).",
        ),
        (
            "Lưu ý",
            "",
            "Phần mềm không nhận: ô báo lỗi của Excel (#N/A, #DIV/0!, #REF!…); ký tự ẩn "
            "(dấu cách không độ rộng, ký tự điều khiển hướng chữ…, thường có khi dán từ trang "
            "web); hai mã chỉ khác nhau về chữ hoa, chữ thường; cột tiêu đề lặp lại; trang ẩn "
            "có dữ liệu. Tệp có những điều này thì không được ghi, và từng chỗ được chỉ ra để sửa.",
        ),
        (
            "Giới hạn",
            "",
            f"Tệp tối đa {MAX_FILE_BYTES // 1024 // 1024} MB, mỗi trang tối đa "
            f"{grouped_number(MAX_ROWS)} dòng; danh sách lớn hơn thì chia thành nhiều tệp.",
        ),
        ("", "", ""),
    ]
    for spec in SHEETS:
        lines.append((f"Trang “{spec.title}”", "", ""))
        lines.append(("Cột", "Bắt buộc", "Cách ghi"))
        lines += [(c.header, "Có" if c.required else "", c.guide) for c in spec.columns]
        lines.append(("", "", ""))
    for line in lines:
        cells = []
        for c, value in enumerate(line, start=1):
            cell = text_cell(
                ws,
                value,
                bold=value in ("Cột", "Bắt buộc", "Cách ghi")
                or (c == 1 and value.startswith(("HƯỚNG", "Trang", "Bước", "Lưu ý", "Giới hạn"))),
            )
            cell.alignment = Alignment(wrap_text=c == 3, vertical="top")
            cells.append(cell)
        ws.append(cells)
