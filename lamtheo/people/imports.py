"""Import of the organization tree and the roster from an .xlsx workbook.

The administrator downloads a template (`build_template`), fills it and uploads
it; `roster_import` then

1. reads the workbook, streaming (openpyxl for its structure, the standard library's XML
   parser for the cells);
2. checks every cell of every row and collects *all* problems, each with its
   sheet, row, column and a Vietnamese message;
3. only if there is none, writes everything in one transaction with bulk
   statements (no per-row saves), so 10,000 rows cost a handful of queries.

Units are matched by their code and people by their id code, so importing the
same file twice changes nothing the second time. Scope follows the one door
(orgs.scope): an administrator attaches units and people only inside the
subtrees where they hold Capability.MANAGE_ROSTER.
"""

from __future__ import annotations

import gc
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from itertools import chain
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lamtheo.core.bulk import insert_values
from lamtheo.core.dates import format_date, month_start, parse_date, parse_month
from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.core.vietnamese import fold, name_sort_key, nfc
from lamtheo.dashboard import stats
from lamtheo.dashboard.models import CellYearStat
from lamtheo.orgs.models import CELL_KINDS, PATH_SEGMENT_WIDTH, OrgUnit, UnitKind, path_segment
from lamtheo.orgs.scope import Capability, has_any, top_units
from lamtheo.people.models import Gender, Membership, MemberStatus, Person

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000  # data rows per sheet
# Rows are streamed; a sheet whose XML claims more rows than this (blank or not) is
# refused before it can keep the server busy.
MAX_SHEET_ROW = 2 * MAX_ROWS
MAX_COLUMNS = 30  # columns read per row; the template has ten at most
# The path holds one fixed-width segment per level and is at most 255 characters.
MAX_DEPTH = 255 // PATH_SEGMENT_WIDTH - 1
EARLIEST_MONTH = date(1930, 2, 1)  # the Party was founded on 3 February 1930
EARLIEST_BIRTH = date(1900, 1, 1)
CHUNK = 2000  # keeps `code IN (...)` lists under every backend's parameter limit
ZIP_MAGIC = b"PK\x03\x04"
CODE_RE = re.compile(r"[\w.\-]+")
# Addresses this simple pass Django's validator too; only the others are given to it (it
# costs 20 µs an address, a tenth of the time budget of a 10,000-row roster).
PLAIN_EMAIL_RE = re.compile(
    r"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
PHONE_RE = re.compile(r"\+?[0-9 .()\-]+")

UNREADABLE = (
    "Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng .xlsx. Vui lòng mở tệp "
    "bằng Excel (hoặc LibreOffice), lưu lại dưới dạng “Excel Workbook (.xlsx)” rồi nhập lại."
)


# ---------------------------------------------------------------------------
# The layout of the workbook


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    width: int
    guide: str
    max_length: int | None = None
    aliases: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.header}*" if self.required else self.header


@dataclass(frozen=True)
class SheetSpec:
    title: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return _COLUMNS[self.title][key]


UNIT_KIND_LABELS = [label for _, label in UnitKind.choices]
STATUS_LABELS = [label for _, label in MemberStatus.choices]
GENDER_LABELS = [label for _, label in Gender.choices]

UNITS = SheetSpec(
    "Tổ chức đảng",
    ("to chuc", "to chuc dang"),
    (
        Column(
            "code",
            "Mã đơn vị",
            True,
            16,
            "Mã riêng của tổ chức đảng, không trùng nhau "
            "(ví dụ: DBK, CB-P1). Chỉ gồm chữ, chữ số, dấu chấm, gạch ngang, gạch dưới; "
            "không có dấu cách. Nhập lại cùng mã thì cập nhật tên, loại của đơn vị đó.",
            32,
        ),
        Column(
            "name",
            "Tên tổ chức đảng",
            True,
            45,
            "Tên đầy đủ, ví dụ: Chi bộ Phòng Kế hoạch – Tài chính.",
            255,
        ),
        Column(
            "kind", "Loại", True, 32, "Chọn trong danh sách: " + "; ".join(UNIT_KIND_LABELS) + "."
        ),
        Column(
            "parent",
            "Mã đơn vị cấp trên",
            False,
            20,
            "Mã của tổ chức đảng cấp trên "
            "trực tiếp: một đơn vị có trong tệp này hoặc đã có trong phần mềm, thuộc phạm vi "
            "đồng chí quản lý. Để trống với đơn vị đã có: giữ nguyên cấp trên hiện nay. "
            "Chưa hỗ trợ chuyển đơn vị sang cấp trên khác.",
            32,
        ),
    ),
)

PEOPLE = SheetSpec(
    "Nhân sự",
    ("nhan su",),
    (
        Column(
            "code",
            "Mã định danh",
            True,
            18,
            "Số thẻ đảng viên hoặc số căn cước công dân; "
            "mỗi người một mã, không trùng nhau. Nhập lại cùng mã thì cập nhật thông tin của "
            "người đó.",
            32,
            ("so the dang vien", "so can cuoc", "so cccd", "cccd"),
        ),
        Column("full_name", "Họ và tên", True, 28, "Họ, chữ đệm và tên, có dấu.", 120, ("ho ten",)),
        Column(
            "birth_date",
            "Ngày sinh",
            False,
            13,
            "Ngày/tháng/năm, ví dụ 05/03/1980 (hoặc một ô kiểu ngày của Excel).",
        ),
        Column("gender", "Giới tính", False, 10, "Chọn trong danh sách: Nam; Nữ."),
        Column(
            "status",
            "Tình trạng",
            True,
            24,
            "Chọn trong danh sách: " + "; ".join(STATUS_LABELS) + ".",
        ),
        Column(
            "duty",
            "Chức vụ, nhiệm vụ",
            False,
            30,
            "Ví dụ: Bí thư chi bộ, Trưởng phòng; Chuyên viên.",
            255,
            ("chuc vu",),
        ),
        Column(
            "cell",
            "Mã chi bộ",
            True,
            16,
            "Mã của chi bộ (chi bộ cơ sở hoặc chi bộ trực "
            "thuộc) nơi người này sinh hoạt: có trong trang “Tổ chức đảng” hoặc đã có trong "
            "phần mềm. Ghi mã chi bộ khác với hiện nay là chuyển sinh hoạt.",
            32,
        ),
        Column(
            "email",
            "Thư điện tử",
            False,
            26,
            "Ví dụ: nguyenvanan@example.vn.",
            254,
            ("email", "e-mail"),
        ),
        Column(
            "phone",
            "Điện thoại",
            False,
            15,
            "Từ 6 đến 15 chữ số; có thể có dấu + ở đầu, dấu cách, dấu chấm, gạch ngang.",
            20,
            ("so dien thoai",),
        ),
        Column(
            "start_month",
            "Sinh hoạt từ tháng",
            False,
            16,
            "Tháng/năm bắt đầu sinh hoạt "
            "tại chi bộ ghi ở cột “Mã chi bộ”, ví dụ 03/2025. Để trống: tháng hiện tại. Chỉ "
            "dùng khi thêm người mới hoặc khi chuyển sinh hoạt sang chi bộ khác.",
        ),
    ),
)

SHEETS = (UNITS, PEOPLE)
_COLUMNS = {spec.title: {c.key: c for c in spec.columns} for spec in SHEETS}
GUIDE_TITLE = "Hướng dẫn"
LISTS_TITLE = "Danh mục"


def _choice_map(choices: Iterable[tuple[str, str]], *aliases: tuple[str, str]) -> dict[str, str]:
    """Label, folded label and stored value → stored value, so “chi bo truc thuoc” matches."""
    mapping = {label: value for value, label in choices}
    mapping |= {fold(label): value for value, label in choices}
    mapping |= {value: value for value, _ in choices}
    mapping |= {fold(alias): value for alias, value in aliases}
    return mapping


KINDS = _choice_map(UnitKind.choices)
STATUSES = _choice_map(
    MemberStatus.choices,
    ("Chính thức", MemberStatus.FULL),
    ("Dự bị", MemberStatus.PROBATIONARY),
)
GENDERS = _choice_map(Gender.choices)


# ---------------------------------------------------------------------------
# What the import reports


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; `row` and `column` are empty for the file as a whole."""

    sheet: str
    row: int | None
    column: str
    message: str

    @property
    def text(self) -> str:
        where = [f"Dòng {self.row}"] if self.row else []
        where += [f"cột “{self.column}”"] if self.column else []
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __str__(self) -> str:
        if self.sheet and self.row:
            return f"Trang “{self.sheet}”, {self.text[0].lower()}{self.text[1:]}"
        return self.text

    def order(self) -> tuple[int, int, int]:
        """Sheet, row, column: the order a person reads the report in."""
        spec = next((i for i, s in enumerate(SHEETS) if s.title == self.sheet), -1)
        columns = [c.header for c in SHEETS[spec].columns] if spec >= 0 else []
        column = columns.index(self.column) if self.column in columns else -1
        return spec, self.row or 0, column


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportResult:
    file_name: str
    problems: list[Problem] = field(default_factory=list)
    units: Counts = field(default_factory=Counts)
    people: Counts = field(default_factory=Counts)
    transferred: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> bool:
        return bool(
            self.units.created or self.units.updated or self.people.created or self.people.updated
        )

    def summary(self) -> str:
        return (
            f"Đã nhập tệp “{self.file_name}”: tổ chức đảng thêm mới {self.units.created}, "
            f"cập nhật {self.units.updated}, giữ nguyên {self.units.unchanged}; cán bộ, đảng viên "
            f"thêm mới {self.people.created}, cập nhật {self.people.updated} (trong đó chuyển "
            f"sinh hoạt {self.transferred}), giữ nguyên {self.people.unchanged}."
        )


def may_import(user) -> bool:
    """The page and the service are for administrators of some subtree (and superusers,
    who set up the first tree)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or has_any(user, Capability.MANAGE_ROSTER)


# ---------------------------------------------------------------------------
# Reading the workbook


Row = tuple[int, dict[str, Any]]


def read_workbook(file: IO[bytes], file_name: str) -> tuple[dict[str, list[Row]], list[Problem]]:
    """The data rows of each sheet (by sheet title), or the problems that stop reading."""
    problems = _check_file(file, file_name)
    if problems:
        return {}, problems
    try:
        reader = _Reader(file, read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
    except Exception:  # openpyxl raises a dozen types (zip, XML, key…) on a damaged file
        return {}, [_file_problem(UNREADABLE)]
    try:
        return _read_sheets(workbook)
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
                    f"{_number(MAX_ROWS)} dòng. Vui lòng chia thành nhiều "
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
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = list(_string_items(source))


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
    with ws._get_source() as source:  # openpyxl 3.1's read-only sheet: its XML part
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


def _number(n: int) -> str:
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


# ---------------------------------------------------------------------------
# Checking one row's cells


def _text(value: Any) -> str:
    """A cell as text: numbers typed into a text column come back as int or float."""
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    return nfc(str(value))


Answer = tuple[Any, str | None]  # a cell's value as read, and its problem if it has one
Seen = dict[str, dict[tuple[type, Any], Answer]]  # column key → its answers so far, by value


class _Cells:
    """Reads one row's cells, recording a problem for each bad one.

    A cell's check depends only on its column and its value, and a roster repeats values in
    most columns (status, gender, chi bộ, months, dates, duties): `seen` keeps each column's
    answers for the whole file, so a repeated value costs one dict lookup (a third of the
    time of checking a 10,000-row roster)."""

    def __init__(
        self,
        spec: SheetSpec,
        number: int,
        raw: dict[str, Any],
        problems: list[Problem],
        seen: Seen,
    ) -> None:
        self.spec, self.number, self.raw, self.problems = spec, number, raw, problems
        self.seen = seen
        self.ok = True

    def fail(self, key: str, message: str) -> None:
        self.ok = False
        self.problems.append(
            Problem(self.spec.title, self.number, self.spec.column(key).header, message)
        )

    def _checked(self, key: str, check: Callable[[Column, Any], Answer]) -> Any:
        raw = self.raw.get(key)
        answers = self.seen[key]
        as_seen = (type(raw), raw)  # 1, 1.0 and True are equal keys but read differently
        answer = answers.get(as_seen)
        if answer is None:
            answer = answers[as_seen] = check(self.spec.column(key), raw)
        if answer[1] is not None:
            self.fail(key, answer[1])
        return answer[0]

    def text(self, key: str) -> str:
        return self._checked(key, _check_text)

    def code(self, key: str) -> str:
        return self._checked(key, _check_code)

    def choice(self, key: str, mapping: dict[str, str], labels: list[str]) -> str:
        return self._checked(key, lambda column, raw: _check_choice(column, raw, mapping, labels))

    def date(self, key: str, today: date) -> date | None:
        return self._checked(key, lambda column, raw: _check_date(raw, today))

    def month(self, key: str, today: date) -> date | None:
        return self._checked(key, lambda column, raw: _check_month(raw, today))

    def email(self, key: str) -> str:
        return self._checked(key, _check_email)

    def phone(self, key: str) -> str:
        return self._checked(key, _check_phone)


def _check_text(column: Column, raw: Any) -> Answer:
    value = _text(raw)
    if not value and column.required:
        return value, "bắt buộc phải có nhưng đang để trống."
    if column.max_length and len(value) > column.max_length:
        return "", f"dài {len(value)} ký tự, vượt quá giới hạn {column.max_length} ký tự."
    return value, None


def _check_code(column: Column, raw: Any) -> Answer:
    value, problem = _check_text(column, raw)
    if value and not CODE_RE.fullmatch(value):
        return "", (
            f"“{value}” có ký tự không dùng được trong mã: chỉ dùng chữ, chữ số, "
            "dấu chấm, gạch ngang, gạch dưới, không có dấu cách."
        )
    return value, problem


def _check_choice(column: Column, raw: Any, mapping: dict[str, str], labels: list[str]) -> Answer:
    value, problem = _check_text(column, raw)
    if not value:
        return "", problem
    found = mapping.get(value) or mapping.get(fold(value))  # exact first: folding is slow
    if found is None:
        return "", f"“{value}” không có trong danh mục: {'; '.join(labels)}."
    return found, None


def _check_date(raw: Any, today: date) -> Answer:
    value = raw.date() if isinstance(raw, datetime) else raw
    if not isinstance(value, date):
        text = _text(raw)
        if not text:
            return None, None
        value = parse_date(text)
        if value is None:
            return None, f"“{text}” không phải ngày hợp lệ (dd/mm/yyyy)."
    if value > today:
        return value, f"ngày {format_date(value)} ở sau ngày hôm nay."
    if value < EARLIEST_BIRTH:
        return value, f"ngày {format_date(value)} trước năm 1900, có lẽ bị nhập nhầm."
    return value, None


def _check_month(raw: Any, today: date) -> Answer:
    value = raw.date() if isinstance(raw, datetime) else raw
    if not isinstance(value, date):
        text = _text(raw)
        if not text:
            return None, None
        value = parse_month(text) or parse_date(text)
        if value is None:
            return None, f"“{text}” không phải tháng hợp lệ (mm/yyyy)."
    value = month_start(value)
    if value > month_start(today):
        return value, (
            f"tháng {value:%m/%Y} ở sau tháng hiện tại; chỉ ghi tháng đã bắt đầu sinh hoạt."
        )
    if value < EARLIEST_MONTH:
        return value, (
            f"tháng {value:%m/%Y} trước ngày thành lập Đảng (03/02/1930), có lẽ bị nhập nhầm."
        )
    return value, None


def _check_email(column: Column, raw: Any) -> Answer:
    value, problem = _check_text(column, raw)
    try:
        if value and not (PLAIN_EMAIL_RE.fullmatch(value) and ".." not in value):
            validate_email(value)
    except ValidationError:
        return "", f"“{value}” không phải địa chỉ thư điện tử hợp lệ."
    return value, problem


def _check_phone(column: Column, raw: Any) -> Answer:
    value, problem = _check_text(column, raw)
    digits = sum(map(str.isdigit, value))
    if value and (not PHONE_RE.fullmatch(value) or not 6 <= digits <= 15):
        return "", (
            f"“{value}” không phải số điện thoại hợp lệ (từ 6 đến 15 chữ số, "
            "có thể có dấu + ở đầu, dấu cách, dấu chấm, gạch ngang)."
        )
    return value, problem


@dataclass
class UnitRow:
    number: int
    code: str
    name: str
    kind: str
    parent: str


@dataclass
class PersonRow:
    number: int
    code: str
    cell: str
    start_month: date | None
    # Only the fields filled in the file: an empty optional cell keeps what is stored.
    values: dict[str, Any]


def _unit_row(
    number: int, raw: dict[str, Any], problems: list[Problem], seen: Seen
) -> UnitRow | None:
    cells = _Cells(UNITS, number, raw, problems, seen)
    row = UnitRow(
        number,
        cells.code("code"),
        cells.text("name"),
        cells.choice("kind", KINDS, UNIT_KIND_LABELS),
        cells.code("parent"),
    )
    if row.code and row.parent == row.code:
        cells.fail("parent", "một đơn vị không thể là cấp trên của chính nó.")
    return row if cells.ok else None


def _person_row(
    number: int, raw: dict[str, Any], today: date, problems: list[Problem], seen: Seen
) -> PersonRow | None:
    cells = _Cells(PEOPLE, number, raw, problems, seen)
    code, cell = cells.code("code"), cells.code("cell")
    full_name = cells.text("full_name")
    values: dict[str, Any] = {
        "full_name": full_name,
        "status": cells.choice("status", STATUSES, STATUS_LABELS),
        "birth_date": cells.date("birth_date", today),
        "gender": cells.choice("gender", GENDERS, GENDER_LABELS),
        "duty": cells.text("duty"),
        "email": cells.email("email"),
        "phone": cells.phone("phone"),
    }
    start = cells.month("start_month", today)
    if not cells.ok:
        return None
    values = {k: v for k, v in values.items() if v not in ("", None)}
    return PersonRow(number, code, cell, start, values)


def _with_name_keys(values: dict[str, Any]) -> dict[str, Any]:
    # Computed only for the people written: the sort key costs 23 µs a name.
    name = values["full_name"]
    # fold() can lengthen a name (ß → ss); the column holds as much as full_name does.
    return values | {"sort_key": name_sort_key(name), "search_key": fold(name)[:120]}


# ---------------------------------------------------------------------------
# Checking the file as a whole against the database


@dataclass
class _Unit:
    """A unit already in the database, as much as the checks need."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    parent_code: str | None
    path: str
    depth: int
    is_active: bool


@dataclass
class _Plan:
    """Everything the write step does, decided while checking."""

    new_units: list[tuple[UnitRow, int]] = field(default_factory=list)  # (row, depth)
    unit_updates: list[OrgUnit] = field(default_factory=list)
    new_people: list[PersonRow] = field(default_factory=list)
    person_updates: list[Person] = field(default_factory=list)
    person_fields: set[str] = field(default_factory=set)
    # (person id, open membership id or None, new cell code, month)
    transfers: list[tuple[int, int | None, str, date]] = field(default_factory=list)
    units: Counts = field(default_factory=Counts)
    people: Counts = field(default_factory=Counts)
    touched: dict[str, date] = field(default_factory=dict)  # cell code → first month changed
    kinds_changed: bool = False


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _existing_units(codes: set[str]) -> dict[str, _Unit]:
    found: dict[str, _Unit] = {}
    for chunk in _chunks(sorted(codes)):
        for v in OrgUnit.objects.filter(code__in=chunk).values(
            "id",
            "code",
            "name",
            "kind",
            "parent_id",
            "parent__code",
            "path",
            "depth",
            "is_active",
        ):
            v["parent_code"] = v.pop("parent__code")
            found[v["code"]] = _Unit(**v)
    return found


class _Checker:
    """Checks the rows of both sheets together and plans the writes."""

    def __init__(self, actor, today: date, problems: list[Problem]) -> None:
        self.actor, self.today, self.problems = actor, today, problems
        self.scope = (
            None
            if actor.is_superuser
            else [u.path for u in top_units(actor, Capability.MANAGE_ROSTER)]
        )
        self.plan = _Plan()
        self._may_add_root: bool | None = None

    @property
    def may_add_root(self) -> bool:
        """A unit without a parent only for a superuser, or as the first unit of all."""
        if self._may_add_root is None:
            self._may_add_root = self.actor.is_superuser or not OrgUnit.objects.exists()
        return self._may_add_root

    def in_scope(self, path: str | None) -> bool:
        if path is None:
            return False
        return self.scope is None or any(path.startswith(p) for p in self.scope)

    def fail(self, spec: SheetSpec, number: int, key: str, message: str) -> None:
        self.problems.append(Problem(spec.title, number, spec.column(key).header, message))

    # -- units ---------------------------------------------------------------

    def check_units(
        self, rows: list[UnitRow], all_codes: set[str], people: list[PersonRow]
    ) -> None:
        self.file_units = {r.code: r for r in rows}
        wanted = set(self.file_units) | {r.parent for r in rows} | {p.cell for p in people}
        self.db_units = _existing_units(wanted - {""})
        # Kinds as they will be after the import, to check the people's cells.
        self.kinds = {c: u.kind for c, u in self.db_units.items()}
        self.kinds |= {c: r.kind for c, r in self.file_units.items()}
        self.file_unit_codes = all_codes  # every code in the sheet, even on a bad row
        new = {c: r for c, r in self.file_units.items() if c not in self.db_units}
        for row in self.file_units.values():
            if row.code in self.db_units:
                self._check_existing_unit(row, self.db_units[row.code])
            else:
                self._check_parent(row)
        self._plan_new_units(new)

    def _check_existing_unit(self, row: UnitRow, unit: _Unit) -> None:
        if not self.in_scope(unit.path):
            self.fail(
                UNITS,
                row.number,
                "code",
                f"mã “{row.code}” đã được dùng cho một tổ "
                "chức đảng ngoài phạm vi đồng chí quản lý. Vui lòng dùng mã khác hoặc "
                "liên hệ quản trị cấp trên.",
            )
        elif not unit.is_active:
            self.fail(
                UNITS,
                row.number,
                "code",
                f"tổ chức đảng mã “{row.code}” đã ngừng hoạt "
                "động, không cập nhật qua tệp nhập được.",
            )
        elif row.parent and row.parent != unit.parent_code:
            self.fail(
                UNITS,
                row.number,
                "parent",
                f"đơn vị “{row.code}” đang trực thuộc cấp "
                "trên khác; chưa hỗ trợ chuyển đơn vị sang cấp trên khác.",
            )
        elif (row.name, row.kind) == (unit.name, unit.kind):
            self.plan.units.unchanged += 1
        else:
            self.plan.unit_updates.append(OrgUnit(id=unit.id, name=row.name, kind=row.kind))
            self.plan.units.updated += 1
            self.plan.kinds_changed |= (row.kind in CELL_KINDS) != (unit.kind in CELL_KINDS)

    def _check_parent(self, row: UnitRow) -> None:
        if not row.parent:
            if not self.may_add_root:
                self.fail(
                    UNITS,
                    row.number,
                    "parent",
                    "chưa ghi mã đơn vị cấp trên. Chỉ quản "
                    "trị toàn hệ thống mới được tạo tổ chức đảng cấp cao nhất.",
                )
            return
        if row.parent in self.file_unit_codes and row.parent not in self.db_units:
            kind = self.kinds.get(row.parent)
        else:
            parent = self.db_units.get(row.parent)
            if parent is None or not parent.is_active or not self.in_scope(parent.path):
                self.fail(
                    UNITS,
                    row.number,
                    "parent",
                    f"không tìm thấy tổ chức đảng mã "
                    f"“{row.parent}” trong tệp này hay trong phạm vi đồng chí quản lý.",
                )
                return
            kind = self.kinds[row.parent]
        if kind in CELL_KINDS:
            self.fail(
                UNITS,
                row.number,
                "parent",
                f"“{row.parent}” là chi bộ; chi bộ không có tổ chức đảng trực thuộc.",
            )

    def _plan_new_units(self, new: dict[str, UnitRow]) -> None:
        depths = _depths(new, {c: u.depth for c, u in self.db_units.items()}, self._cycle)
        for code, row in new.items():
            depth = depths.get(code)
            if row.kind in CELL_KINDS:  # a new cell gets its (empty) rows in built years
                self._touch(code, month_start(self.today))
            if depth is not None and depth > MAX_DEPTH:
                self.fail(UNITS, row.number, "parent", f"cây tổ chức quá {MAX_DEPTH + 1} cấp.")
            elif depth is not None:
                self.plan.new_units.append((row, depth))
        self.plan.units.created = len(self.plan.new_units)

    def _cycle(self, codes: list[str]) -> None:
        loop = " → ".join([*codes, codes[0]])
        for code in codes:
            self.fail(
                UNITS,
                self.file_units[code].number,
                "parent",
                f"cấp trên của các đơn vị tạo thành vòng lặp ({loop}).",
            )

    # -- people --------------------------------------------------------------

    def check_people(self, rows: list[PersonRow]) -> None:
        file_people = {r.code: r for r in rows}
        stored = _existing_people(list(file_people))
        for row in file_people.values():
            if not self._check_cell(row):
                continue
            if row.code in stored:
                self._plan_update(row, *stored[row.code])
            else:
                self.plan.new_people.append(row)
                self._touch(row.cell, row.start_month or month_start(self.today))
        self.plan.people.created = len(self.plan.new_people)
        self._check_kind_changes(file_people)

    def _check_cell(self, row: PersonRow) -> bool:
        kind = self.kinds.get(row.cell)
        unit = self.db_units.get(row.cell)
        # A stored unit must be in scope even when the file lists it; a new one is checked
        # (and reported) on its own row.
        if (unit is None and row.cell not in self.file_unit_codes) or (
            unit is not None and not (unit.is_active and self.in_scope(unit.path))
        ):
            self.fail(
                PEOPLE,
                row.number,
                "cell",
                f"không tìm thấy chi bộ mã “{row.cell}” trong "
                "trang “Tổ chức đảng” hay trong phạm vi đồng chí quản lý.",
            )
            return False
        if kind is not None and kind not in CELL_KINDS:
            self.fail(
                PEOPLE,
                row.number,
                "cell",
                f"“{row.cell}” là {UnitKind(kind).label.lower()}"
                ", không phải chi bộ; cán bộ, đảng viên sinh hoạt tại chi bộ cơ sở hoặc "
                "chi bộ trực thuộc.",
            )
            return False
        return True

    def _plan_update(
        self,
        row: PersonRow,
        stored: dict[str, Any],
        cell_path: str | None,
        open_membership: tuple[int, str, date] | None,
    ) -> None:
        if not self.in_scope(cell_path):
            self.fail(
                PEOPLE,
                row.number,
                "code",
                f"mã “{row.code}” là của một người đang sinh "
                "hoạt ngoài phạm vi đồng chí quản lý (hoặc đã thôi sinh hoạt). Việc chuyển "
                "sinh hoạt đến do cấp có thẩm quyền thực hiện.",
            )
            return
        changed = {k for k, v in row.values.items() if stored[k] != v}
        if "full_name" in changed:
            changed |= {"sort_key", "search_key"}
            row.values = _with_name_keys(row.values)
        current_code = open_membership[1] if open_membership else None
        moves = current_code != row.cell
        if moves and not self._plan_transfer(row, stored["id"], open_membership):
            return
        if changed or moves:
            # Every field is set (the stored value where unchanged): bulk_update writes the
            # union of the changed fields for all of them.
            self.plan.person_updates.append(
                Person(**(stored | {k: row.values[k] for k in changed}))
            )
            self.plan.person_fields |= changed
            self.plan.people.updated += 1
        else:
            self.plan.people.unchanged += 1

    def _plan_transfer(
        self, row: PersonRow, person_id: int, open_membership: tuple[int, str, date] | None
    ) -> bool:
        month = row.start_month or month_start(self.today)
        if open_membership is not None and month <= open_membership[2]:
            self.fail(
                PEOPLE,
                row.number,
                "start_month",
                f"người này đang sinh hoạt tại chi bộ "
                f"khác từ tháng {open_membership[2]:%m/%Y}; để chuyển sinh hoạt sang chi "
                f"bộ “{row.cell}”, ghi tháng chuyển (sau tháng {open_membership[2]:%m/%Y}) "
                "vào cột này.",
            )
            return False
        self.plan.transfers.append(
            (person_id, open_membership[0] if open_membership else None, row.cell, month)
        )
        self.plan.person_fields.add("cell")
        self._touch(row.cell, month)
        if open_membership is not None:
            self._touch(open_membership[1], month)
        return True

    def _touch(self, cell: str, month: date) -> None:
        self.plan.touched[cell] = min(month, self.plan.touched.get(cell, month))

    def _check_kind_changes(self, file_people: dict[str, PersonRow]) -> None:
        """A chi bộ that becomes a đảng bộ must not keep members; a unit that becomes a chi
        bộ must not keep units under it."""
        to_non_cell = {
            u.id: c
            for c, u in self.db_units.items()
            if u.kind in CELL_KINDS and c in self.file_units and self.kinds[c] not in CELL_KINDS
        }
        to_cell = {
            u.id: c
            for c, u in self.db_units.items()
            if u.kind not in CELL_KINDS and c in self.file_units and self.kinds[c] in CELL_KINDS
        }
        if to_non_cell:
            left = Person.objects.filter(cell_id__in=to_non_cell).values_list("code", "cell_id")
            staying = defaultdict(int)
            for code, cell_id in left:
                if code not in file_people or file_people[code].cell == to_non_cell[cell_id]:
                    staying[to_non_cell[cell_id]] += 1
            for code, n in staying.items():
                self.fail(
                    UNITS,
                    self.file_units[code].number,
                    "kind",
                    f"chi bộ “{code}” đang "
                    f"có {n} người sinh hoạt nên chưa đổi sang loại khác được.",
                )
        if to_cell:
            with_children = set(
                OrgUnit.objects.filter(parent_id__in=to_cell).values_list("parent_id", flat=True)
            )
            for unit_id in with_children:
                code = to_cell[unit_id]
                self.fail(
                    UNITS,
                    self.file_units[code].number,
                    "kind",
                    f"“{code}” có tổ chức đảng trực thuộc nên không thể là chi bộ.",
                )


def _depths(new: dict[str, UnitRow], known: dict[str, int], on_cycle) -> dict[str, int | None]:
    """Depth of each new unit, following parents inside the file up to a stored unit or the
    root; None when the chain is broken (unknown parent or a cycle, reported once)."""
    depth: dict[str, int | None] = {}
    for start in new:
        chain: list[str] = []
        on_chain: set[str] = set()
        code = start
        while code in new and code not in depth:
            if code in on_chain:
                on_cycle(chain[chain.index(code) :])
                base = None
                break
            chain.append(code)
            on_chain.add(code)
            code = new[code].parent
        else:
            base = depth.get(code) if code in new else (known.get(code) if code else -1)
        for offset, c in enumerate(reversed(chain), start=1):
            depth[c] = None if base is None else base + offset
    return depth


def _existing_people(codes: list[str]) -> dict[str, tuple[dict, str | None, tuple | None]]:
    """person code → (stored fields by attname, path of their cell, open membership (id,
    cell code, start)). Plain dicts: a model instance each would cost 10 µs a row."""
    attnames = [f.attname for f in Person._meta.concrete_fields]
    found: dict[str, tuple[dict, str | None, tuple | None]] = {}
    for chunk in _chunks(codes):
        people = {}
        for v in Person.objects.filter(code__in=chunk).values(*attnames, "cell__path"):
            path = v.pop("cell__path")
            people[v["id"]] = (v, path)
        open_ms = {
            pid: (mid, code, start)
            for mid, pid, code, start in Membership.objects.filter(
                person_id__in=list(people), end_month__isnull=True
            ).values_list("id", "person_id", "unit__code", "start_month")
        }
        for pid, (person, path) in people.items():
            found[person["code"]] = (person, path, open_ms.get(pid))
    return found


# ---------------------------------------------------------------------------
# The service


def roster_import(*, actor, file: IO[bytes], file_name: str) -> ImportResult:
    """Check the whole workbook; write it only if every row is valid (all or nothing)."""
    if not may_import(actor):
        raise DomainError("Đồng chí không có quyền nhập danh sách tổ chức đảng và nhân sự.")
    result = ImportResult(file_name=file_name)
    with _without_cycle_collector():
        # Parsed before the transaction opens: on SQLite it holds the write lock from its start.
        sheets, result.problems = read_workbook(file, file_name)
        if not result.problems:
            _check_and_write(actor, sheets, result)
    result.problems.sort(key=Problem.order)
    if result.ok:
        logger.info("Roster import by %s: %s", actor.get_username(), result.summary())
    else:
        logger.info(
            "Roster import by %s refused: %d problems in %s",
            actor.get_username(),
            len(result.problems),
            file_name,
        )
    return result


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """A 10,000-row file makes about a million short-lived objects (XML elements, cells, rows)
    and no reference cycles; the cycle collector would walk them over and over (a tenth of
    the time). Reference counting frees them as usual; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@transaction.atomic
def _check_and_write(actor, sheets: dict[str, list[Row]], result: ImportResult) -> None:
    today = timezone.localdate()
    plan = _check(actor, today, sheets, result.problems)
    if result.problems:
        return
    result.units, result.people, result.transferred = plan.units, plan.people, len(plan.transfers)
    if result.changed:
        _write(plan, actor=actor, reason=f"Nhập danh sách từ tệp “{result.file_name}”", today=today)
        # One record of the whole import (who, when, file, counts) for the administrator.
        Notice.objects.create(
            user=actor, sender=actor, text=result.summary()[:500], url=reverse("people:import")
        )


def _check(actor, today: date, sheets: dict[str, list[Row]], problems: list[Problem]) -> _Plan:
    units_raw, people_raw = sheets[UNITS.title], sheets[PEOPLE.title]
    unit_codes, repeated_units = _first_rows(UNITS, units_raw, problems)
    _, repeated_people = _first_rows(PEOPLE, people_raw, problems)
    seen_units: Seen = defaultdict(dict)  # see _Cells
    seen_people: Seen = defaultdict(dict)
    units = [_unit_row(n, raw, problems, seen_units) for n, raw in units_raw]
    people = [_person_row(n, raw, today, problems, seen_people) for n, raw in people_raw]
    units = [u for u in units if u is not None and u.number not in repeated_units]
    people = [p for p in people if p is not None and p.number not in repeated_people]
    checker = _Checker(actor, today, problems)
    checker.check_units(units, unit_codes, people)
    checker.check_people(people)
    return checker.plan


def _first_rows(
    spec: SheetSpec, rows: list[Row], problems: list[Problem]
) -> tuple[set[str], set[int]]:
    """Every code of the sheet (even on a row with other errors), and the rows that repeat a
    code of an earlier row, each reported."""
    first: dict[str, int] = {}
    repeated: set[int] = set()
    for number, raw in rows:
        code = _text(raw.get("code"))
        if code in first:
            repeated.add(number)
            message = f"mã “{code}” trùng với dòng {first[code]}."
            problems.append(Problem(spec.title, number, spec.column("code").header, message))
        elif code:
            first[code] = number
    return set(first), repeated


def _write(plan: _Plan, *, actor, reason: str, today: date) -> None:
    OrgUnit.objects.bulk_update(plan.unit_updates, ["name", "kind"], batch_size=500)
    ids = _create_units(plan.new_units)
    _create_people(plan.new_people, ids, today=today)
    _update_people(plan, ids, actor=actor, reason=reason)
    if plan.touched or plan.kinds_changed:
        _refresh_figures(plan.touched, rebuild=plan.kinds_changed)


def _create_units(rows: list[tuple[UnitRow, int]]) -> dict[str, int]:
    """Create the new units level by level (a child needs its parent's id and path) and
    return every unit code the file mentions → id."""
    codes = {r.code for r, _ in rows} | {r.parent for r, _ in rows if r.parent}
    known = {c: (u.id, u.path) for c, u in _existing_units(codes).items()}
    created: list[OrgUnit] = []
    for _, level in _levels(rows):
        # The path needs the new id: write a unique placeholder, then the real path.
        units = [
            OrgUnit(
                code=r.code,
                name=r.name,
                kind=r.kind,
                parent_id=known[r.parent][0] if r.parent else None,
                path=f"tmp-{r.code}",
                depth=d,
            )
            for r, d in level
        ]
        OrgUnit.objects.bulk_create(units, batch_size=500)
        for unit, (row, _) in zip(units, level, strict=True):
            unit.path = (known[row.parent][1] if row.parent else "") + path_segment(unit.pk)
            known[unit.code] = (unit.pk, unit.path)
        created += units
    with connection.cursor() as cursor:  # bulk_update's CASE per row is slow for thousands
        cursor.executemany(
            f"UPDATE {connection.ops.quote_name(OrgUnit._meta.db_table)} SET path = %s "
            "WHERE id = %s",
            [(u.path, u.pk) for u in created],
        )
    return {c: pk for c, (pk, _) in known.items()}


def _levels(rows: list[tuple[UnitRow, int]]) -> Iterator[tuple[int, list[tuple[UnitRow, int]]]]:
    by_depth: dict[int, list[tuple[UnitRow, int]]] = defaultdict(list)
    for row, depth in rows:
        by_depth[depth].append((row, depth))
    yield from sorted(by_depth.items())


def _cell_ids(codes: Iterable[str], ids: dict[str, int]) -> dict[str, int]:
    missing = {c for c in codes if c not in ids}
    return ids | {c: u.id for c, u in _existing_units(missing).items()}


PERSON_FIELDS = [f for f in Person._meta.concrete_fields if not f.primary_key]
PERSON_DEFAULTS = {f.attname: f.get_default() for f in PERSON_FIELDS}
PERSON_COLUMNS = [f.column for f in PERSON_FIELDS]


def _create_people(rows: list[PersonRow], ids: dict[str, int], *, today: date) -> None:
    """New people and their memberships, with plain multi-row INSERTs: bulk_create spends
    about 10 µs preparing each value, which alone would cost a second for 10,000 people.
    The rows hold only strings, numbers and dates, so nothing needs Django's preparation
    beyond the date adapter, and the statement is the same on SQLite and PostgreSQL. The
    people's ids come back from the INSERT itself (RETURNING), not from a second query."""
    cells = _cell_ids({r.cell for r in rows}, ids)
    adapt = connection.ops.adapt_datefield_value
    people = []
    for r in rows:
        values = (
            PERSON_DEFAULTS | _with_name_keys(r.values) | {"code": r.code, "cell_id": cells[r.cell]}
        )
        values["birth_date"] = adapt(values["birth_date"])
        people.append(tuple(values[f.attname] for f in PERSON_FIELDS))
    person_ids = dict(insert_values(Person, PERSON_COLUMNS, people, returning=("code", "id")))
    start = month_start(today)
    insert_values(
        Membership,
        ["person_id", "unit_id", "start_month"],
        [(person_ids[r.code], cells[r.cell], adapt(r.start_month or start)) for r in rows],
    )


def _update_people(plan: _Plan, ids: dict[str, int], *, actor, reason: str) -> None:
    cells = _cell_ids({code for *_, code, _ in plan.transfers}, ids)
    new_cell = {pid: cells[code] for pid, _, code, _ in plan.transfers}
    for person in plan.person_updates:
        person.cell_id = new_cell.get(person.pk, person.cell_id)
    if plan.person_fields:
        Person.objects.bulk_update(plan.person_updates, sorted(plan.person_fields), batch_size=500)
    _transfer(plan, cells, actor=actor, reason=reason)


def _transfer(plan: _Plan, cells: dict[str, int], *, actor, reason: str) -> None:
    """Close each moving person's open membership at the month and open one in the new cell,
    like people.services.person_transfer but in bulk; the history keeps both, with the file's
    name as the reason."""
    ends = {mid: month for _, mid, _, month in plan.transfers if mid}
    closing = []
    for chunk in _chunks(list(ends)):
        closing += Membership.objects.filter(pk__in=chunk)
    for membership in closing:
        membership.end_month = ends[membership.pk]
    if closing:
        bulk_update_with_history(
            closing,
            Membership,
            ["end_month"],
            batch_size=500,
            default_user=_user(actor),
            default_change_reason=reason,
        )
    opening = [
        Membership(person_id=pid, unit_id=cells[code], start_month=month)
        for pid, _, code, month in plan.transfers
    ]
    bulk_create_with_history(
        opening, Membership, batch_size=500, default_user=_user(actor), default_change_reason=reason
    )


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# Refreshing one cell costs about 40 small queries a year; past this many cells, one
# set-based rebuild of each year (whose cost grows with the whole database) is cheaper.
PER_CELL_REFRESH_LIMIT = 30


def _refresh_figures(touched: dict[str, date], *, rebuild: bool) -> None:
    """Keep the figures already built right: from each touched cell's first changed month
    on, in every year that has figures. A year without figures yet has nothing to keep: it
    is built whole, from the records, when first looked at (stats.ensure_year)."""
    built = CellYearStat.objects.values_list("year", flat=True).distinct()
    if not rebuild:  # a change of kind alters every built year's set of cells
        built = built.filter(year__gte=min(touched.values()).year)
    years = sorted(set(built))
    if not years:
        return
    if rebuild or len(touched) > PER_CELL_REFRESH_LIMIT:
        for year in years:
            stats.rebuild_year(year)
        return
    for cell in OrgUnit.objects.filter(code__in=list(touched)):
        stats.refresh_cell_months_from(cell, touched[cell.code])


# ---------------------------------------------------------------------------
# The template


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
            ws.append(list(row))
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
    for col, (key, labels) in enumerate(LIST_SOURCES.items(), start=1):
        letter = get_column_letter(col)
        ws.cell(1, col, _COLUMNS[key[0]][key[1]].header)
        for i, label in enumerate(labels, start=2):
            ws.cell(i, col, label)
        refs[key] = f"'{LISTS_TITLE}'!${letter}$2:${letter}${len(labels) + 1}"
    return ws, refs


def _data_sheet(wb, spec: SheetSpec, lists: dict[tuple[str, str], str]):
    ws = wb.create_sheet(spec.title)
    for col, column in enumerate(spec.columns, start=1):
        cell = ws.cell(1, col, column.title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
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
        ("Lưu ý", "", "Việc nhập không tạo tài khoản đăng nhập; tài khoản được cấp ở bước sau."),
        (
            "Giới hạn",
            "",
            f"Tệp tối đa {MAX_FILE_BYTES // 1024 // 1024} MB, mỗi trang tối đa "
            f"{_number(MAX_ROWS)} dòng; danh sách lớn hơn thì chia thành nhiều tệp.",
        ),
        ("", "", ""),
    ]
    for spec in SHEETS:
        lines.append((f"Trang “{spec.title}”", "", ""))
        lines.append(("Cột", "Bắt buộc", "Cách ghi"))
        lines += [(c.header, "Có" if c.required else "", c.guide) for c in spec.columns]
        lines.append(("", "", ""))
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            cell = ws.cell(r, c, value)
            cell.alignment = Alignment(wrap_text=c == 3, vertical="top")
            cell.font = Font(
                bold=value in ("Cột", "Bắt buộc", "Cách ghi")
                or (c == 1 and value.startswith(("HƯỚNG", "Trang", "Bước", "Lưu ý", "Giới hạn")))
            )
