"""Checking one row's cells: each cell against its column (required, length, code, list,
date, month, e-mail, phone), every problem recorded with its row and column, and the rows
that repeat a code of an earlier row (exactly, or but for upper and lower case).

Before its column's check, every cell is refused if it holds one of Excel's error values
(#N/A, #DIV/0!…) or a character that cannot be seen (zero-width spaces, direction controls,
soft hyphens and the other Unicode format and control characters): such a character would
make two codes that look alike different, or reverse the order a name is shown in."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lamtheo.core.dates import format_date, parse_date
from lamtheo.core.periods import month_start, parse_month
from lamtheo.core.vietnamese import (
    BLANK_LETTERS,
    first_unseen,
    fold,
    invisible_kind,
    name_sort_key,
    nfc,
    printable,
)
from lamtheo.people.imports.reader import EXCEL_ERRORS, CellError, Row
from lamtheo.people.imports.report import Problem
from lamtheo.people.imports.sheet import (
    GENDER_LABELS,
    GENDERS,
    KINDS,
    PEOPLE,
    ROLE_KINDS,
    ROLE_LABELS,
    STATUS_LABELS,
    STATUSES,
    UNIT_KIND_LABELS,
    UNITS,
    Column,
    SheetSpec,
)

EARLIEST_MONTH = date(1930, 2, 1)  # the Party was founded on 3 February 1930
EARLIEST_BIRTH = date(1900, 1, 1)
CODE_RE = re.compile(r"[\w.\-]+")
# Addresses this simple pass Django's validator too; only the others are given to it (it
# costs 20 µs an address, a tenth of the time budget of a 10,000-row roster).
PLAIN_EMAIL_RE = re.compile(
    r"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
PHONE_RE = re.compile(r"\+?[0-9 .()\-]+")


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


def _refused(raw: Any) -> str | None:
    """Why a cell is refused whatever its column: an Excel error value, or a character that
    cannot be seen. None when neither."""
    if isinstance(raw, CellError) or (
        isinstance(raw, str) and "#" in raw and raw.strip().upper() in EXCEL_ERRORS
    ):
        return (
            f"ô có giá trị lỗi của Excel “{raw.strip()}” (thường do công thức tính sai hoặc "
            "ô được tham chiếu đã bị xóa), không phải dữ liệu. Vui lòng ghi giá trị thật vào ô "
            "này (hoặc để trống nếu cột không bắt buộc) rồi nhập lại."
        )
    if not isinstance(raw, str) or (raw.isprintable() and BLANK_LETTERS.isdisjoint(raw)):
        return None
    text = _text(raw)  # whitespace (tab, line breaks, no-break spaces) is made one space
    unseen = first_unseen(text)
    if unseen is None:
        return None
    position, ch = unseen
    return (
        f"“{printable(text)}” có {invisible_kind(ch)}, mã U+{ord(ch):04X}, ở ký tự thứ "
        f"{position}. Ký tự này làm giá trị khác với những gì nhìn thấy nên không "
        "được nhận; vui lòng xóa ô và gõ lại (không dán từ nơi khác) rồi nhập lại."
    )


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
        self.failed: set[str] = set()

    @property
    def ok(self) -> bool:
        return not self.failed

    def fail(self, key: str, message: str) -> None:
        self.failed.add(key)
        self.problems.append(
            Problem(self.spec.title, self.number, self.spec.column(key).header, message)
        )

    def _checked(self, key: str, check: Callable[[Column, Any], Answer]) -> Any:
        raw = self.raw.get(key)
        answers = self.seen[key]
        as_seen = (type(raw), raw)  # 1, 1.0 and True are equal keys but read differently
        answer = answers.get(as_seen)
        if answer is None:
            refused = _refused(raw)
            answer = answers[as_seen] = (
                ("", refused) if refused else check(self.spec.column(key), raw)
            )
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

    def digits(self, key: str, low: int, high: int) -> str:
        return self._checked(key, lambda column, raw: _check_digits(column, raw, low, high))

    def roles(self, key: str) -> tuple[str, ...]:
        return self._checked(key, _check_roles)


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


def _check_digits(column: Column, raw: Any, low: int, high: int) -> Answer:
    value, problem = _check_text(column, raw)
    if problem or not value:
        return value, problem
    if not (value.isascii() and value.isdigit()):
        return "", f"“{value}” chỉ được gồm chữ số (không có chữ, dấu cách hay dấu chấm)."
    if not low <= len(value) <= high:
        size = f"đúng {low}" if low == high else f"từ {low} đến {high}"
        hint = (
            " Nếu số bắt đầu bằng 0, có thể Excel đã bỏ mất số 0 ở đầu: định dạng ô là Văn "
            "bản (Text) rồi gõ lại."
            if isinstance(raw, int | float) and len(value) < low
            else ""
        )
        return "", f"“{value}” có {len(value)} chữ số; cần {size} chữ số.{hint}"
    return value, None


def _check_roles(column: Column, raw: Any) -> Answer:
    value, problem = _check_text(column, raw)
    kinds: list[str] = []
    for part in re.split(r"[,;]", value):
        part = part.strip()
        if not part:
            continue
        kind = ROLE_KINDS.get(fold(part))
        if kind is None:
            return (), (
                f"“{part}” không phải vai trò giao được qua tệp nhập: "
                f"{'; '.join(ROLE_LABELS)} (nhiều vai trò thì cách nhau bằng dấu phẩy)."
            )
        if kind not in kinds:
            kinds.append(kind)
    return tuple(kinds), problem


@dataclass
class UnitRow:
    number: int
    code: str
    name: str
    kind: str
    parent: str
    # The columns whose cell has a problem (reported): their value is not to be used. The
    # others are still checked against the tree, so that one round reports everything.
    failed: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class PersonRow:
    number: int
    code: str
    cell: str
    start_month: date | None
    # Only the fields filled in the file: an empty optional cell keeps what is stored.
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)  # as UnitRow.failed
    roles: tuple[str, ...] = ()  # orgs.RoleKind values to give on `cell`

    @property
    def ok(self) -> bool:
        return not self.failed


def unit_row(number: int, raw: dict[str, Any], problems: list[Problem], seen: Seen) -> UnitRow:
    """The row as read; `failed` names its columns with a problem."""
    cells = _Cells(UNITS, number, raw, problems, seen)
    row = UnitRow(
        number,
        cells.code("code"),
        cells.text("name"),
        cells.choice("kind", KINDS, UNIT_KIND_LABELS),
        cells.code("parent"),
        cells.failed,
    )
    if row.code and row.parent == row.code:
        cells.fail("parent", "một đơn vị không thể là cấp trên của chính nó.")
    return row


def person_row(
    number: int, raw: dict[str, Any], today: date, problems: list[Problem], seen: Seen
) -> PersonRow:
    """The row as read; `failed` names its columns with a problem."""
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
        "joined_on": cells.date("joined_on", today),
        "full_member_on": cells.date("full_member_on", today),
        "party_card_number": cells.digits("party_card_number", 6, 20),
        "citizen_id": cells.digits("citizen_id", 12, 12),
    }
    start = cells.month("start_month", today)
    roles = cells.roles("roles")
    values = {k: v for k, v in values.items() if v not in ("", None) and k not in cells.failed}
    return PersonRow(number, code, cell, start, values, cells.failed, roles)


def with_name_keys(values: dict[str, Any]) -> dict[str, Any]:
    # Computed only for the people written: the sort key costs 23 µs a name.
    name = values["full_name"]
    # fold() can lengthen a name (ß → ss); the column holds as much as full_name does.
    return values | {"sort_key": name_sort_key(name), "search_key": fold(name)[:120]}


def sheet_codes(rows: list[Row]) -> set[str]:
    """Every code of the sheet as typed, even on a row with errors: a reference to one of
    them is not reported again as unknown."""
    return {_text(raw.get("code")) for _, raw in rows} - {""}


def case_key(code: str) -> str:
    """What two codes that differ only in upper and lower case have in common."""
    return nfc(code).casefold()


def refuse_repeated(spec: SheetSpec, rows: list[UnitRow] | list[PersonRow], problems) -> None:
    """Report each row whose code repeats the code of an earlier row, exactly or but for
    upper and lower case, naming that row; its code is then not used (`failed`)."""
    first: dict[str, UnitRow | PersonRow] = {}
    column = spec.column("code").header
    for row in rows:
        if not row.code or "code" in row.failed:
            continue
        earlier = first.get(key := case_key(row.code))
        if earlier is None:
            first[key] = row
            continue
        if earlier.code == row.code:
            message = f"mã “{row.code}” trùng với dòng {earlier.number}."
        else:
            message = (
                f"mã “{row.code}” chỉ khác mã “{earlier.code}” ở dòng {earlier.number} về chữ "
                "hoa, chữ thường; hai mã như vậy dễ bị hiểu là một nên không được nhận. Nếu "
                "là cùng một " + ("tổ chức đảng" if spec is UNITS else "người") + ", chỉ giữ "
                "một dòng; nếu không, dùng mã khác hẳn."
            )
        row.failed.add("code")
        problems.append(Problem(spec.title, row.number, column, message))
