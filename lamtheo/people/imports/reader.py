"""Reading the workbook: its file checked first (type, size, and what its ZIP would inflate
to), then the rows of each sheet streamed within a budget (rows, columns, bytes inflated),
with the standard library's XML parser guarded by defusedxml (no entities, no DTD tricks)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
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
    column_for,
    header_key,
)

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


class CellError(str):
    """A cell holding one of Excel's error values (#N/A, #DIV/0!…), not data: the checks
    refuse it, whatever the error's text."""


# The values Excel shows for a failed formula; typed as text they are refused as well.
EXCEL_ERRORS = frozenset(
    (
        "#DIV/0!",
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#GETTING_DATA",
    )
)

# What the template's own hidden sheet of drop-down lists holds: its headers and labels.
_LIST_VALUES = frozenset(
    [c.header for spec in SHEETS for c in spec.columns]
    + UNIT_KIND_LABELS
    + STATUS_LABELS
    + GENDER_LABELS
)


@dataclass(frozen=True)
class Mapping:
    """The administrator's reading of a roster laid out otherwise than the template (the
    column mapping page): which sheet holds the people, and each field's column (0-based)."""

    sheet: str
    columns: dict[str, int]


def read_workbook(
    file: IO[bytes], file_name: str, mapping: Mapping | None = None
) -> tuple[dict[str, list[Row]], list[Problem]]:
    """The data rows of each sheet that could be read (by sheet title), and the problems
    found. A problem of the whole file (its `sheet` empty) leaves nothing to check; a sheet
    whose header is wrong is left out, so that the other sheet is still checked."""
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
        return _read_sheets(workbook, mapping)
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


def _read_sheets(workbook, mapping: Mapping | None) -> tuple[dict[str, list[Row]], list[Problem]]:
    rows: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    data_sheets = set()
    for spec in SHEETS:
        if mapping is not None and spec is PEOPLE:
            matches = [ws for ws in workbook.worksheets if ws.title == mapping.sheet]
        else:
            matches = [
                ws
                for ws in workbook.worksheets
                if fold(ws.title) in spec.aliases and (mapping is None or ws.title != mapping.sheet)
            ]
        if mapping is not None and spec is UNITS and not matches:
            rows[spec.title] = []  # a roster of people alone: no units to add
            continue
        data_sheets.update(ws.title for ws in matches)
        if len(matches) > 1:
            titles = " và ".join(f"“{ws.title}”" for ws in matches)
            problems.append(
                Problem(
                    spec.title,
                    None,
                    "",
                    f"Tệp có {len(matches)} trang cùng được hiểu là trang “{spec.title}”: "
                    f"{titles}. Vui lòng chỉ giữ một trang rồi nhập lại.",
                )
            )
            continue
        ws = matches[0] if matches else None
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
        if ws.sheet_state != "visible":
            problems.append(_hidden(spec.title, ws.title, data=True))
        index = mapping.columns if mapping is not None and spec is PEOPLE else None
        sheet_rows = _read_sheet(ws, spec, problems, index)
        if sheet_rows is not None:
            rows[spec.title] = sheet_rows
    for ws in workbook.worksheets:
        if ws.title not in data_sheets and ws.sheet_state != "visible" and _holds_data(ws):
            problems.append(_hidden(ws.title, ws.title, data=False))
    return rows, problems


def _hidden(sheet: str, title: str, *, data: bool) -> Problem:
    """A hidden (or “very hidden”) sheet with data: refused, so that nothing the
    administrator cannot see is imported, or silently left out."""
    if data:
        message = (
            f"Trang “{title}” đang bị ẩn. Phần mềm không nhập dữ liệu từ trang ẩn, vì người "
            "nhập không nhìn thấy những gì sẽ được ghi. Vui lòng hiện trang này (bấm chuột "
            "phải vào tên trang, chọn “Bỏ ẩn”), kiểm tra lại dữ liệu rồi nhập lại."
        )
    else:
        message = (
            f"Tệp có trang ẩn “{title}” chứa dữ liệu. Phần mềm chỉ nhập trang “Tổ chức "
            "đảng” và trang “Nhân sự”, nên không nhập dữ liệu của trang ẩn; để không bỏ sót "
            "điều gì, vui lòng chuyển dữ liệu cần nhập sang hai trang đó, xóa trang ẩn rồi "
            "nhập lại."
        )
    return Problem(sheet, None, "", message)


def _holds_data(ws) -> bool:
    """Whether a sheet other than the two data sheets has any value: the template's hidden
    sheet of lists may hold only the lists' headers and labels."""
    allowed = _LIST_VALUES if fold(ws.title) == fold(LISTS_TITLE) else frozenset()
    for number, values in _sheet_rows(ws):
        if number > MAX_SHEET_ROW:
            return True
        for value in values:
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if not (isinstance(value, str) and value.strip() in allowed):
                return True
    return False


def _read_sheet(
    ws, spec: SheetSpec, problems: list[Problem], mapped: dict[str, int] | None = None
) -> list[Row] | None:
    """The data rows, or None when the sheet cannot be read (its problems recorded).
    `mapped`: the columns the administrator chose, instead of reading the header."""
    stream = _sheet_rows(ws)
    first = next(stream, None)
    if first is None:  # a sheet left wholly empty, even without its header: no data
        return []
    if first[0] != 1:  # no header row: every column is missing
        stream = chain([first], stream)
    if mapped is not None:
        index: dict[str, int] | None = dict(mapped)
    else:
        index = _header_index(first[1] if first[0] == 1 else [], spec, problems)
    if index is None:
        return None
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
            return None
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
    if kind == "e":  # an error such as #N/A: refused by the checks
        return CellError(value)
    return value  # "str": a formula's text


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
    """Column key → position, matching headers without regard to case, diacritics or “*”.
    A column given twice (the same header, or two names of one column) is refused: which of
    the two the import would read is not something the administrator can see."""
    positions: dict[str, list[int]] = {}  # column key, or an unknown header folded → positions
    for i, value in enumerate(header):
        name = header_key(str(value)) if value is not None else ""
        if not name:
            continue
        column = column_for(spec, str(value))
        positions.setdefault(column.key if column else f"?{name}", []).append(i)
    repeated = False
    for key, at in positions.items():
        if len(at) < 2:
            continue
        repeated = True
        title = spec.column(key).header if key in COLUMNS[spec.title] else str(header[at[0]])
        letters = " và ".join(f"{get_column_letter(i + 1)} (“{header[i]}”)" for i in at)
        problems.append(
            Problem(
                spec.title,
                1,
                title,
                f"dòng tiêu đề có cột này {len(at)} lần: cột {letters}. Mỗi cột chỉ được có "
                "một lần; vui lòng xóa cột thừa (hoặc đổi tên cột không dùng) rồi nhập lại.",
            )
        )
    found = {key: at[0] for key, at in positions.items() if not key.startswith("?")}
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
    return None if missing or repeated else found


# --- the column mapping: a roster laid out otherwise -------------------------------------


@dataclass(frozen=True)
class FileColumns:
    """The people's sheet of an uploaded roster as the mapping page shows it: its title, each
    column's header and a few of its values."""

    sheet: str
    headers: list[str]
    samples: list[list[str]]  # by column

    @property
    def matches_template(self) -> bool:
        """Every header names a column of the template (or one of its synonyms) and every
        required column is there: the import reads it without asking."""
        if fold(self.sheet) not in PEOPLE.aliases:
            return False
        found = [column_for(PEOPLE, h) for h in self.headers if header_key(h)]
        keys = {c.key for c in found if c is not None}
        return None not in found and all(c.key in keys for c in PEOPLE.columns if c.required)

    def guess(self) -> list[str]:
        """Each column's field as guessed from its header ("" to leave it out); a field
        guessed twice is kept for its first column only."""
        taken: set[str] = set()
        guessed = []
        for header in self.headers:
            column = column_for(PEOPLE, header)
            key = column.key if column is not None and column.key not in taken else ""
            taken.add(key)
            guessed.append(key)
        return guessed


SAMPLES = 3


def people_columns(file: IO[bytes], file_name: str) -> FileColumns | None:
    """The people's sheet's header and first values, or None when the file cannot be read
    that far (the import then reports why, as for any file)."""
    if _check_file(file, file_name):
        return None
    workbook = None
    try:
        check_zip_budget(file, max_total_uncompressed=MAX_UNCOMPRESSED, file_name=file_name)
        reader = _Reader(file, read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
        ws = _people_sheet(workbook)
        if ws is None:
            return None
        rows = []
        for number, values in _sheet_rows(ws):
            rows.append((number, values))
            if len(rows) > SAMPLES:
                break
    except Exception:  # a damaged file: the import says so
        return None
    finally:
        if workbook is not None:
            workbook.close()
        file.seek(0)
    if not rows or rows[0][0] != 1:
        return None
    header = ["" if v is None else str(v).strip() for v in rows[0][1]]
    width = max((i + 1 for i, h in enumerate(header) if h), default=0)
    samples = [
        ["" if values[i] is None else _sample(values[i]) for _, values in rows[1:]]
        for i in range(width)
    ]
    return FileColumns(ws.title, header[:width], samples)


def _sample(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:60]


def _people_sheet(workbook):
    """The sheet named “Nhân sự”; else the only visible sheet that is not one of the
    template's others (a roster exported with a single sheet)."""
    named = [ws for ws in workbook.worksheets if fold(ws.title) in PEOPLE.aliases]
    if len(named) == 1:
        return named[0]
    if named:
        return None
    others = {fold(GUIDE_TITLE), fold(LISTS_TITLE)}
    candidates = [
        ws
        for ws in workbook.worksheets
        if ws.sheet_state == "visible"
        and fold(ws.title) not in UNITS.aliases
        and fold(ws.title) not in others
    ]
    return candidates[0] if len(candidates) == 1 else None
