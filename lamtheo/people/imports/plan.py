"""The plan of the write: the rows of both sheets checked together against the database
(scope, parents, depth, cycles, transfers, changes of kind, codes that differ from a stored
one only in case), and what will change, decided before anything is written.

Every row is checked against the tree, even one with a bad cell: only the columns that
failed their own check are left out (`failed`), so a file's every problem is reported in one
round. Only rows without any problem are planned; with any problem, nothing is written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User

from lamtheo.core.errors import DomainError
from lamtheo.core.periods import month_start
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, RoleKind, UnitKind
from lamtheo.orgs.scope import Capability, holds_whole_tree, reaches_path
from lamtheo.orgs.services import sole_holder_problem
from lamtheo.orgs.tree import MAX_DEPTH
from lamtheo.people.imports.checks import PersonRow, UnitRow, case_key, with_name_keys
from lamtheo.people.imports.report import Counts, Problem
from lamtheo.people.imports.sheet import PEOPLE, UNITS, SheetSpec
from lamtheo.people.imports.stored import (
    StoredUnit,
    case_twins,
    chunks,
    existing_people,
    existing_units,
)
from lamtheo.people.models import MemberStatus, Person
from lamtheo.people.services import check_party_data

PARTY_KEYS = {"birth_date", "joined_on", "full_member_on", "status"}
UNIQUE_NUMBERS = {"party_card_number": "Số thẻ đảng viên", "citizen_id": "Số CCCD"}


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


@dataclass
class Plan:
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
    role_rows: list[PersonRow] = field(default_factory=list)  # rows giving roles on their cell


class Checker:
    """Checks the rows of both sheets together and plans the writes."""

    def __init__(self, actor, today: date, problems: list[Problem]) -> None:
        self.actor, self.today, self.problems = actor, today, problems
        self.plan = Plan()
        self._may_add_root: bool | None = None
        self._case_hints: dict[str, str] = {}
        self._new_usernames: dict[str, PersonRow] = {}
        self._secretary_rows: dict[
            str, PersonRow
        ] = {}  # cell code → the first row naming its Bí thư

    @property
    def may_add_root(self) -> bool:
        """A unit without a parent only for a superuser, or as the first unit of all."""
        if self._may_add_root is None:
            self._may_add_root = (
                holds_whole_tree(self.actor, Capability.MANAGE_ROSTER)
                or not OrgUnit.objects.exists()
            )
        return self._may_add_root

    def in_scope(self, path: str | None) -> bool:
        return path is not None and reaches_path(self.actor, Capability.MANAGE_ROSTER, path)

    def fail(self, spec: SheetSpec, number: int, key: str, message: str) -> None:
        self.problems.append(Problem(spec.title, number, spec.column(key).header, message))

    # -- units ---------------------------------------------------------------

    def check_units(
        self,
        rows: list[UnitRow],
        all_codes: set[str],
        people: list[PersonRow],
        *,
        people_known: bool = True,
    ) -> None:
        """`all_codes`: every code typed in the sheet; `people_known`: whether the people's
        sheet could be read (if not, what it would change is not assumed)."""
        self.file_units = {r.code: r for r in rows if "code" not in r.failed and r.code}
        wanted = set(self.file_units)
        wanted |= {r.parent for r in rows if "parent" not in r.failed}
        wanted |= {p.cell for p in people if "cell" not in p.failed}
        self.db_units = existing_units(wanted - {""})
        self._refuse_case_twins(UNITS, self.file_units, set(self.db_units), OrgUnit)
        # Kinds as they will be after the import, to check the people's cells; None where
        # the file's kind is wrong (already reported).
        self.kinds: dict[str, str | None] = {c: u.kind for c, u in self.db_units.items()}
        self.kinds |= {
            c: None if "kind" in r.failed else r.kind for c, r in self.file_units.items()
        }
        self.file_unit_codes = all_codes  # every code in the sheet, even on a bad row
        self._find_case_hints(wanted)
        new = {c: r for c, r in self.file_units.items() if c not in self.db_units}
        for row in rows:
            if row.code in self.db_units and "code" not in row.failed:
                self._check_existing_unit(row, self.db_units[row.code])
            elif "code" not in row.failed or row.parent:
                # A row whose code is wrong may still name a parent that is wrong.
                self._check_parent(row)
        self._plan_new_units(new)
        self.people_known = people_known

    def _refuse_case_twins(self, spec: SheetSpec, rows: dict, stored: set[str], model) -> None:
        """A new code that differs from a stored one only in upper and lower case is refused,
        naming what holds it (unless outside the actor's scope); the row is then not used."""
        twins = case_twins(model, [c for c in rows if c not in stored])
        if not twins:
            return
        if model is OrgUnit:
            held = {c: (u.name, u.path) for c, u in existing_units(set(twins.values())).items()}
            noun = "tổ chức đảng"
        else:
            people = existing_people(list(twins.values()))
            held = {c: (v["full_name"], path) for c, (v, path, _) in people.items()}
            noun = "người"
        for code, twin in twins.items():
            row = rows.pop(code)
            row.failed.add("code")
            name, path = held.get(twin, ("", None))
            outside = f"một {noun} ngoài phạm vi đồng chí quản lý"
            whose = f"“{name}”" if self.in_scope(path) else outside
            self.fail(
                spec,
                row.number,
                "code",
                f"mã “{code}” chỉ khác về chữ hoa, chữ thường với mã “{twin}” đã có trong phần "
                f"mềm, của {whose}; hai mã như vậy dễ bị hiểu là một nên không được nhận. "
                f"Nếu là {noun} đó, ghi đúng mã “{twin}”; nếu không, dùng mã khác hẳn.",
            )

    def _case_hint(self, code: str) -> str:
        """For a unit code not found: the code, of the file or stored within the actor's
        scope, that differs from it only in upper and lower case, if there is one."""
        twin = self._case_hints.get(case_key(code))
        if twin is None or twin == code:
            return ""
        return (
            f" Có mã “{twin}” chỉ khác về chữ hoa, chữ thường: nếu là đơn vị đó, ghi đúng "
            f"mã “{twin}”."
        )

    def _find_case_hints(self, references: set[str]) -> None:
        """The codes a reference not found may have meant (see _case_hint): one pass over
        the stored codes, only when some reference is not found."""
        self._case_hints = {case_key(c): c for c in self.file_unit_codes}
        unknown = references - set(self.db_units) - self.file_unit_codes - {""}
        if not unknown:
            return
        stored = case_twins(OrgUnit, unknown)
        for c, u in existing_units(set(stored.values())).items():
            if u.is_active and self.in_scope(u.path):
                self._case_hints.setdefault(case_key(c), c)

    def _check_existing_unit(self, row: UnitRow, unit: StoredUnit) -> None:
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
        elif row.parent and "parent" not in row.failed and row.parent != unit.parent_code:
            self.fail(
                UNITS,
                row.number,
                "parent",
                f"đơn vị “{row.code}” đang trực thuộc cấp "
                "trên khác; chưa hỗ trợ chuyển đơn vị sang cấp trên khác.",
            )
        elif not row.ok:
            return
        elif (row.name, row.kind) == (unit.name, unit.kind):
            self.plan.units.unchanged += 1
        else:
            self.plan.unit_updates.append(OrgUnit(id=unit.id, name=row.name, kind=row.kind))
            self.plan.units.updated += 1
            self.plan.kinds_changed |= (row.kind in CELL_KINDS) != (unit.kind in CELL_KINDS)

    def _check_parent(self, row: UnitRow) -> None:
        if "parent" in row.failed:
            return
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
                    f"“{row.parent}” trong tệp này hay trong phạm vi đồng chí quản lý."
                    + self._case_hint(row.parent),
                )
                return
            kind = self.kinds[row.parent]
        if kind is not None and kind in CELL_KINDS:
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
            elif depth is not None and row.ok:
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

    def check_people(self, rows: list[PersonRow], *, units_known: bool = True) -> None:
        """`units_known`: whether the units' sheet could be read (if not, a cell that is not
        stored may still be one of its units, and is not reported)."""
        self.units_known = units_known
        file_people = {r.code: r for r in rows if "code" not in r.failed and r.code}
        stored = existing_people(list(file_people))
        self._refuse_case_twins(PEOPLE, file_people, set(stored), Person)
        self._check_numbers_unique(rows)
        for row in rows:
            cell_ok = "cell" not in row.failed and self._check_cell(row)
            if "code" in row.failed:
                continue
            held = stored.get(row.code)
            self._check_party_data(row, held[0] if held and self.in_scope(held[1]) else {})
            if row.roles:
                self._check_roles(row, stored.get(row.code), cell_ok=cell_ok)
            if row.code in stored:
                self._plan_update(row, *stored[row.code], cell_ok=cell_ok)
            elif cell_ok and row.ok:
                self.plan.new_people.append(row)
                self._touch(row.cell, row.start_month or month_start(self.today))
        self.plan.people.created = len(self.plan.new_people)
        self._check_usernames()
        if self.people_known:
            self._check_kind_changes(file_people)

    def _check_party_data(self, row: PersonRow, stored: dict[str, Any]) -> None:
        """The rules of the profile's party data (people.services.check_party_data: the
        dates in order, a probationary member without a full-member date…), on the row as
        it will be stored: the file's cells over what is stored."""
        if PARTY_KEYS & row.failed:
            return  # a date or the status is wrong: reported on its own
        try:
            check_party_data(stored | row.values, on=self.today)
        except DomainError as error:
            key = error.field if error.field in PARTY_KEYS else "status"
            self.fail(PEOPLE, row.number, key, _lower_first(error.message))
            row.failed.add(key)

    def _check_numbers_unique(self, rows: list[PersonRow]) -> None:
        """A party card number or a citizen id belongs to one person: not twice in the file,
        not someone else's in the database."""
        for key, what in UNIQUE_NUMBERS.items():
            first: dict[str, PersonRow] = {}
            for row in rows:
                value = row.values.get(key)
                if not value:
                    continue
                earlier = first.setdefault(value, row)
                if earlier is not row:
                    self.fail(
                        PEOPLE, row.number, key, f"{what} {value} trùng với dòng {earlier.number}."
                    )
                    row.failed.add(key)
            held: dict[str, str] = {}
            for chunk in chunks(sorted(first)):
                held |= dict(
                    Person.objects.filter(**{f"{key}__in": chunk}).values_list(key, "code")
                )
            for value, row in first.items():
                owner = held.get(value)
                if owner is not None and owner != row.code:
                    self.fail(
                        PEOPLE,
                        row.number,
                        key,
                        f"{what} {value} đã có ở một người khác trong danh sách (mã “{owner}”"
                        + ("" if self._sees_person(owner) else ", ngoài phạm vi đồng chí quản lý")
                        + "). Vui lòng kiểm tra lại.",
                    )
                    row.failed.add(key)

    def _sees_person(self, code: str) -> bool:
        found = existing_people([code]).get(code)
        return found is not None and self.in_scope(found[1])

    def _check_roles(self, row: PersonRow, stored: tuple | None, *, cell_ok: bool) -> None:
        """Roles are given on the person's cell, to a party member, by who may assign them
        there (a cell new in this file is within the actor's scope, checked on its row)."""
        status = row.values.get("status") or (stored[0]["status"] if stored else None)
        if status == MemberStatus.NON_MEMBER:
            self.fail(
                PEOPLE,
                row.number,
                "roles",
                "quần chúng không giữ vai trò trong chi bộ; vui lòng để trống cột này.",
            )
            row.failed.add("roles")
            return
        unit = self.db_units.get(row.cell)
        if cell_ok and unit is not None and not self.may_assign_roles(unit.path):
            self.fail(
                PEOPLE,
                row.number,
                "roles",
                f"đồng chí không có quyền giao vai trò ở chi bộ “{row.cell}”.",
            )
            row.failed.add("roles")
            return
        if RoleKind.SECRETARY in row.roles and not self._sole_secretary(row, stored, unit):
            return
        self.plan.role_rows.append(row)
        if not (stored and stored[0]["user_id"]):
            self._new_usernames[row.code.strip().lower()] = row

    def _sole_secretary(self, row: PersonRow, stored: tuple | None, unit: OrgUnit | None) -> bool:
        """One secretary per cell: neither two rows of the file nor a row and the secretary
        in office (whose role is ended on the roles page first)."""
        earlier = self._secretary_rows.setdefault(row.cell, row)
        if earlier is not row:
            problem = (
                f"chi bộ “{row.cell}” chỉ có một Bí thư, nhưng dòng {earlier.number} cũng ghi "
                "Bí thư cho chi bộ này."
            )
        elif unit is not None:
            user_id = stored[0]["user_id"] if stored else None
            problem = sole_holder_problem(user_id, unit, RoleKind.SECRETARY, self.today)
        else:
            problem = ""
        if problem:
            self.fail(PEOPLE, row.number, "roles", problem)
            row.failed.add("roles")
        return not problem

    def may_assign_roles(self, path: str) -> bool:
        return reaches_path(self.actor, Capability.MANAGE_ROLES, path) or holds_whole_tree(
            self.actor, Capability.MANAGE_ROSTER
        )

    def _check_usernames(self) -> None:
        """A role needs an account: its log-in name (the code, lower-cased) must be free."""
        taken = set()
        for chunk in chunks(sorted(self._new_usernames)):
            taken |= set(User.objects.filter(username__in=chunk).values_list("username", flat=True))
        for name in sorted(taken):
            row = self._new_usernames[name]
            self.fail(
                PEOPLE,
                row.number,
                "roles",
                f"người có vai trò cần một tài khoản đăng nhập tên “{name}”, nhưng tên này đã có "
                "người dùng khác mang. Vui lòng kiểm tra lại mã định danh.",
            )
            row.failed.add("roles")
            self.plan.role_rows.remove(row)

    def _check_cell(self, row: PersonRow) -> bool:
        kind = self.kinds.get(row.cell)
        unit = self.db_units.get(row.cell)
        # A stored unit must be in scope even when the file lists it; a new one is checked
        # (and reported) on its own row.
        if unit is None and row.cell not in self.file_unit_codes and not self.units_known:
            return True  # perhaps a unit of the sheet that could not be read
        if (unit is None and row.cell not in self.file_unit_codes) or (
            unit is not None and not (unit.is_active and self.in_scope(unit.path))
        ):
            self.fail(
                PEOPLE,
                row.number,
                "cell",
                f"không tìm thấy chi bộ mã “{row.cell}” trong "
                "trang “Tổ chức đảng” hay trong phạm vi đồng chí quản lý."
                + self._case_hint(row.cell),
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
        *,
        cell_ok: bool,
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
        if not cell_ok:
            return
        current_code = open_membership[1] if open_membership else None
        moves = current_code != row.cell
        if moves and not self._transfer_month_ok(row, open_membership):
            return
        if not row.ok:
            return
        if moves:
            self._plan_transfer(row, stored["id"], open_membership)
        changed = {k for k, v in row.values.items() if stored[k] != v}
        if "full_name" in changed:
            changed |= {"sort_key", "search_key"}
            row.values = with_name_keys(row.values)
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

    def _transfer_month_ok(
        self, row: PersonRow, open_membership: tuple[int, str, date] | None
    ) -> bool:
        if "start_month" in row.failed:
            return False  # reported on its own
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
        return True

    def _plan_transfer(
        self, row: PersonRow, person_id: int, open_membership: tuple[int, str, date] | None
    ) -> None:
        month = row.start_month or month_start(self.today)
        self.plan.transfers.append(
            (person_id, open_membership[0] if open_membership else None, row.cell, month)
        )
        self.plan.person_fields.add("cell")
        self._touch(row.cell, month)
        if open_membership is not None:
            self._touch(open_membership[1], month)

    def _touch(self, cell: str, month: date) -> None:
        self.plan.touched[cell] = min(month, self.plan.touched.get(cell, month))

    def _check_kind_changes(self, file_people: dict[str, PersonRow]) -> None:
        """A chi bộ that becomes a đảng bộ must not keep members; a unit that becomes a chi
        bộ must not keep units under it."""
        to_non_cell = {
            u.id: c
            for c, u in self.db_units.items()
            if u.kind in CELL_KINDS
            and c in self.file_units
            and self.kinds[c] is not None
            and self.kinds[c] not in CELL_KINDS
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
    root; None when the chain is broken (unknown or wrong parent, or a cycle, reported once)."""
    parents = {c: None if "parent" in r.failed else r.parent for c, r in new.items()}
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
            code = parents[code]
        else:
            if code is None:  # a parent whose cell is wrong
                base = None
            else:
                base = depth.get(code) if code in new else (known.get(code) if code else -1)
        for offset, c in enumerate(reversed(chain), start=1):
            depth[c] = None if base is None else base + offset
    return depth
