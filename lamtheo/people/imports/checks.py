"""Checking one row's cells: each cell against its column (required, length, code, list,
date, month, e-mail, phone), every problem recorded with its row and column, and the rows
that repeat a code of an earlier row."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lamtheo.core.dates import format_date, parse_date
from lamtheo.core.periods import month_start, parse_month
from lamtheo.core.vietnamese import fold, name_sort_key, nfc
from lamtheo.people.imports.reader import Row
from lamtheo.people.imports.report import Problem
from lamtheo.people.imports.sheet import (
    GENDER_LABELS,
    GENDERS,
    KINDS,
    PEOPLE,
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


def unit_row(
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


def person_row(
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


def with_name_keys(values: dict[str, Any]) -> dict[str, Any]:
    # Computed only for the people written: the sort key costs 23 µs a name.
    name = values["full_name"]
    # fold() can lengthen a name (ß → ss); the column holds as much as full_name does.
    return values | {"sort_key": name_sort_key(name), "search_key": fold(name)[:120]}


def first_rows(
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
