"""The service: who may import, and the import itself (read, check, then write only if
nothing is wrong)."""

from __future__ import annotations

import gc
import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import IO

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.core.errors import DomainError
from lamtheo.core.models import Notice
from lamtheo.orgs.scope import Capability, has_any
from lamtheo.people.imports.checks import (
    Seen,
    person_row,
    refuse_repeated,
    sheet_codes,
    unit_row,
)
from lamtheo.people.imports.plan import Checker, Plan
from lamtheo.people.imports.reader import Mapping, Row, read_workbook
from lamtheo.people.imports.report import ImportResult, Problem
from lamtheo.people.imports.sheet import PEOPLE, UNITS
from lamtheo.people.imports.write import write_plan
from lamtheo.people.models import Person

logger = logging.getLogger(__name__)

EMPTY = (
    "Tệp không có dòng dữ liệu nào: trang “Tổ chức đảng” và trang “Nhân sự” chỉ có dòng "
    "tiêu đề (hoặc để trống), nên không có gì để nhập. Vui lòng điền mỗi tổ chức đảng, mỗi "
    "người một dòng dưới dòng tiêu đề rồi nhập lại."
)


def may_import(user) -> bool:
    """The page and the service are for administrators of some subtree (and superusers,
    who set up the first tree: orgs.scope states that exception)."""
    return has_any(user, Capability.MANAGE_ROSTER)


def roster_import(
    *, actor, file: IO[bytes], file_name: str, mapping: Mapping | None = None
) -> ImportResult:
    """Check the whole workbook; write it only if every row is valid (all or nothing).
    `mapping`: the people's sheet and columns the administrator confirmed (reader.Mapping)
    for a roster laid out otherwise than the template."""
    if not may_import(actor):
        raise DomainError("Đồng chí không có quyền nhập danh sách tổ chức đảng và nhân sự.")
    result = ImportResult(file_name=file_name)
    with _without_cycle_collector():
        # Parsed before the transaction opens: on SQLite it holds the write lock from its start.
        sheets, result.problems = read_workbook(file, file_name, mapping)
        if any(not p.sheet for p in result.problems):
            pass  # the file itself could not be read: nothing to check
        elif not result.problems and not any(sheets.values()):
            result.problems.append(Problem("", None, "", EMPTY))
        elif sheets:
            # Even with a sheet that could not be read, the other one's rows are checked:
            # every problem of the file in one round.
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
    if result.changed or plan.role_rows:
        result.roles = write_plan(
            plan, actor=actor, reason=f"Nhập danh sách từ tệp “{result.file_name}”", today=today
        )
        result.person_ids = _imported_ids(plan)
    if result.changed:
        # One record of the whole import (who, when, file, counts) for the administrator.
        Notice.objects.create(
            user=actor, sender=actor, text=result.summary()[:500], url=reverse("people:import")
        )


def _imported_ids(plan: Plan) -> list[int]:
    """The people the file added (and those given a role): the ones who may need an account."""
    codes = [r.code for r in plan.new_people] + [r.code for r in plan.role_rows]
    return sorted(set(Person.objects.filter(code__in=codes).values_list("pk", flat=True)))


def _check(actor, today: date, sheets: dict[str, list[Row]], problems: list[Problem]) -> Plan:
    """Each row's cells, then every row against the tree (the columns that passed their own
    check), all problems collected. A sheet missing from `sheets` could not be read (its
    problem is reported): the other is checked without assuming anything of it."""
    units_raw, people_raw = sheets.get(UNITS.title), sheets.get(PEOPLE.title)
    seen_units: Seen = defaultdict(dict)  # see checks._Cells
    seen_people: Seen = defaultdict(dict)
    units = [unit_row(n, raw, problems, seen_units) for n, raw in units_raw or ()]
    people = [person_row(n, raw, today, problems, seen_people) for n, raw in people_raw or ()]
    refuse_repeated(UNITS, units, problems)
    refuse_repeated(PEOPLE, people, problems)
    checker = Checker(actor, today, problems)
    checker.check_units(
        units, sheet_codes(units_raw or []), people, people_known=people_raw is not None
    )
    checker.check_people(people, units_known=units_raw is not None)
    return checker.plan
