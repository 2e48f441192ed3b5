"""Reading the workbook: its file checked first (type, size, and what its ZIP would inflate
to), then the rows of each sheet streamed within a budget (rows, columns, bytes inflated),
with the standard library's XML parser guarded by defusedxml (no entities, no DTD tricks)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from typing import IO, Any

from defusedxml.ElementTree import iterparse
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from lamtheo.core.vietnamese import fold
from lamtheo.core.zipcheck import LimitedReader, ZipBudgetError, check_zip_budget
from lamtheo.people.imports.report import Problem
from lamtheo.people.imports.sheet import SHEETS, SheetSpec

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000  # data rows per sheet
# Rows are streamed; a sheet whose XML claims more rows than this (blank or not) is
# refused before it can keep the server busy.
MAX_SHEET_ROW = 2 * MAX_ROWS
MAX_COLUMNS = 30  # columns read per row; the template has ten at most
ZIP_MAGIC = b"PK\x03\x04"
# What the workbook may inflate to, all parts together and any one part read here: a
# 50.000-row roster is about 30 MB of XML; a “ZIP bomb” of a few MB can be gigabytes.
MAX_UNCOMPRESSED = 64 * 1024 * 1024
# The shared-string table is kept in memory whole (a Python string per entry, about five
# times its XML): a 50.000-row roster's texts are about 15 MB of it.
MAX_SHARED_STRINGS = 24 * 1024 * 1024

UNREADABLE = (
    "Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng .xlsx. Vui lòng mở tệp "
    "bằng Excel (hoặc LibreOffice), lưu lại dưới dạng “Excel Workbook (.xlsx)” rồi nhập lại."
)


Row = tuple[int, dict[str, Any]]


def read_workbook(file: IO[bytes], file_name: str) -> tuple[dict[str, list[Row]], list[Problem]]:
    """The data rows of each sheet (by sheet title), or the problems that stop reading."""
    problems = _check_file(file, file_name)
    if problems:
        return {}, problems
    try:
        check_zip_budget(file, max_total_uncompressed=MAX_UNCOMPRESSED, file_name=file_name)
    except ZipBudgetError as error:
        logger.warning("Roster %s refused: %s", file_name, error.message)
        return {}, [_file_problem(error.message)]
    except Exception:  # not a ZIP archive after all
        return {}, [_file_problem(UNREADABLE)]
    try:
        reader = _Reader(file, read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
    except ZipBudgetError as error:  # a part inflating past what its header declared
        return {}, [_file_problem(error.message)]
    except Exception:  # openpyxl raises a dozen types (zip, XML, key…) on a damaged file
        return {}, [_file_problem(UNREADABLE)]
    try:
        return _read_sheets(workbook)
    except ZipBudgetError as error:
        return {}, [_file_problem(error.message)]
    except Exception:  # damage inside a sheet shows only while its rows are streamed
        logger.info("Unreadable sheet in %s", file_name, exc_info=True)
        return {}, [_file_problem(UNREADABLE)]
    finally:
        workbook.close()


def _file_problem(message: str) -> Problem:
    return Problem("", None, "", message)


def _check_file(file: IO[bytes], file_name: str) -> list[Problem]:
    name = file_name.lower()
    if name.endswith(".xls"):
        return [
            _file_problem(
                f"Tệp “{file_name}” là định dạng Excel 97–2003 (.xls), "
                "phần mềm chưa đọc được. Vui lòng mở bằng Excel và lưu lại dưới dạng "
                ".xlsx (Excel Workbook) rồi nhập lại.",
            )
        ]
    if not name.endswith(".xlsx"):
        return [
            _file_problem(
                f"Tệp “{file_name}” không phải tệp Excel .xlsx. Vui lòng "
                "dùng tệp mẫu tải từ trang này.",
            )
        ]
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    if size > MAX_FILE_BYTES:
        return [
            _file_problem(
                f"Tệp nặng {size / 1024 / 1024:.1f} MB, vượt quá giới hạn "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB. Vui lòng chia thành nhiều tệp.",
            )
        ]
    head = file.read(4)
    file.seek(0)
    if head != ZIP_MAGIC:
        return [_file_problem(UNREADABLE)]
    return []


def _read_sheets(workbook) -> tuple[dict[str, list[Row]], list[Problem]]:
    by_name = {fold(ws.title): ws for ws in workbook.worksheets}
    rows: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for spec in SHEETS:
        ws = next((by_name[a] for a in spec.aliases if a in by_name), None)
        if ws is None:
            problems.append(
                Problem(
                    spec.title,
                    None,
                    "",
                    f"Tệp thiếu trang “{spec.title}”. "
                    "Vui lòng dùng tệp mẫu tải từ trang này; trang không có "
                    "dữ liệu thì để trống, không xóa.",
                )
            )
            continue
        rows[spec.title] = _read_sheet(ws, spec, problems)
    return rows, problems


def _read_sheet(ws, spec: SheetSpec, problems: list[Problem]) -> list[Row]:
    stream = _sheet_rows(ws)
    first = next(stream, None)
    if first is None:  # a sheet left wholly empty, even without its header: no data
        return []
    if first[0] != 1:  # no header row: every column is missing
        stream = chain([first], stream)
    index = _header_index(first[1] if first[0] == 1 else [], spec, problems)
    if index is None:
        return []
    rows: list[Row] = []
    for number, values in stream:
        if number > MAX_SHEET_ROW or len(rows) >= MAX_ROWS:
            problems.append(
                Problem(
                    spec.title,
                    None,
                    "",
                    f"Trang “{spec.title}” có quá "
                    f"{grouped_number(MAX_ROWS)} dòng. Vui lòng chia thành nhiều "
                    "tệp.",
                )
            )
            return []
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append((number, {key: values[i] for key, i in index.items()}))
    return rows


# The sheet's XML, read with the standard library's C parser. openpyxl's own row reader
# builds an object per cell (about 25 µs each: 2.5 s for a 10,000-row roster, the whole time
# budget); this uses openpyxl only for the workbook's tables (sheets, shared strings, which
# styles are dates) and reads the cells itself, about ten times faster.
_NS = f"{{{SHEET_MAIN_NS}}}"
_ROW, _V, _IS, _T, _R, _SI = (_NS + tag for tag in ("row", "v", "is", "t", "r", "si"))


class _Reader(ExcelReader):
    """openpyxl's reader (what load_workbook uses), with a faster shared-string table: Excel
    keeps every text there, and openpyxl builds an object per entry (20 µs each, a second
    for a 10,000-row roster)."""

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with _limited(self.archive.open(part.PartName[1:]), MAX_SHARED_STRINGS) as source:
                self.shared_strings = list(_string_items(source))


def _limited(source, limit: int = MAX_UNCOMPRESSED) -> LimitedReader:
    """A part's stream that stops at the budget, whatever size the ZIP header declared."""
    return LimitedReader(source, limit)


def _string_items(source) -> Iterator[str]:
    for _, element in iterparse(source):
        if element.tag == _SI:
            yield _run_text(element)
            element.clear()


def _run_text(node) -> str:
    """The text of a string item: one <t>, or rich-text runs <r><t>; phonetic hints are not
    part of it."""
    if len(node) == 1 and node[0].tag == _T:  # the usual case: one plain run
        return node[0].text or ""
    return "".join(
        (part.text or "") if part.tag == _T else (part.findtext(_T) or "")
        for part in node
        if part.tag in (_T, _R)
    )


_DIGITS = "0123456789"
_COLUMN_INDEX = {get_column_letter(i + 1): i for i in range(MAX_COLUMNS)}


def _sheet_rows(ws) -> Iterator[tuple[int, list[Any]]]:
    """(row number, the first MAX_COLUMNS values) for each row present in the sheet."""
    wb, strings = ws.parent, ws._shared_strings  # the reader hands the table to each sheet
    column_of = _COLUMN_INDEX.get
    number = 0
    with _limited(ws._get_source()) as source:  # openpyxl 3.1's read-only sheet: its XML part
        for _, element in iterparse(source):
            if element.tag != _ROW:
                continue
            ref = element.get("r")
            number = int(ref) if ref else number + 1
            values: list[Any] = [None] * MAX_COLUMNS
            column = -1
            for cell in element:
                ref = cell.get("r")
                # "AB12" → 27; a cell without a reference follows the previous one; columns
                # past the ones read are skipped.
                column = column_of(ref.rstrip(_DIGITS), MAX_COLUMNS) if ref else column + 1
                if column >= MAX_COLUMNS:
                    continue
                kind = cell.get("t", "n")
                if kind == "s":  # Excel's usual text cell, inline here for speed
                    index = cell.findtext(_V)
                    values[column] = strings[int(index)] if index else None
                else:
                    values[column] = _cell_value(cell, kind, wb)
            element.clear()  # keeps memory flat however long the sheet
            yield number, values


def _cell_value(cell, kind: str, wb) -> Any:
    if kind == "inlineStr":
        node = cell.find(_IS)
        return None if node is None else _run_text(node)
    value = cell.findtext(_V)
    if not value:
        return None
    if kind == "n":
        return _number_value(value, int(cell.get("s", 0)) in wb._date_formats, wb.epoch)
    if kind == "b":
        return value == "1"
    if kind == "d":
        return from_ISO8601(value)
    return value  # "str" (a formula's text) and "e" (an error such as #N/A)


def _number_value(value: str, is_date: bool, epoch: datetime) -> Any:
    number = float(value) if any(ch in value for ch in ".eE") else int(value)
    if is_date:
        try:
            return from_excel(number, epoch)
        except (OverflowError, ValueError):
            return number  # a date cell out of range: reported as an invalid date
    return number


def grouped_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 50.000, the Vietnamese way


def _header_index(header: list, spec: SheetSpec, problems: list[Problem]) -> dict[str, int] | None:
    """Column key → position, matching headers without regard to case, diacritics or “*”."""
    found: dict[str, int] = {}
    for i, value in enumerate(header):
        name = fold(str(value).replace("*", "")) if value is not None else ""
        for column in spec.columns:
            if column.key not in found and name in (fold(column.header), *column.aliases):
                found[column.key] = i
    missing = [c for c in spec.columns if c.required and c.key not in found]
    for column in missing:
        problems.append(
            Problem(
                spec.title,
                1,
                column.header,
                "thiếu cột này ở dòng tiêu đề. Vui lòng giữ nguyên dòng tiêu đề của tệp mẫu.",
            )
        )
    return None if missing else found
