"""The write step, all or nothing: run inside the transaction that checked the file, with
bulk statements (no per-row saves), then core.figures told what changed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from django.db import connection
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lamtheo.core import figures
from lamtheo.core.audit import bulk_history
from lamtheo.core.bulk import insert_values
from lamtheo.core.periods import month_start
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import current_roles
from lamtheo.orgs.services import role_grant
from lamtheo.orgs.tree import child_path
from lamtheo.people.actions import PeopleAction
from lamtheo.people.imports.checks import PersonRow, UnitRow, with_name_keys
from lamtheo.people.imports.plan import Plan
from lamtheo.people.imports.stored import chunks, existing_units
from lamtheo.people.models import Membership, Person
from lamtheo.people.services import person_user_create


def write_plan(plan: Plan, *, actor, reason: str, today: date) -> int:
    """Write the plan; the number of roles granted."""
    OrgUnit.objects.bulk_update(plan.unit_updates, ["name", "kind"], batch_size=500)
    ids = _create_units(plan.new_units)
    _create_people(plan.new_people, ids, today=today)
    _update_people(plan, ids, actor=actor, reason=reason)
    granted = _grant_roles(plan, actor=actor, reason=reason, today=today)
    _tell_figures(plan)
    return granted


def _grant_roles(plan: Plan, *, actor, reason: str, today: date) -> int:
    """The roles of the “Vai trò” column, on each person's cell: a person without an account
    gets one first (no usable password until a code is issued), then each role is granted
    through orgs.services, audited with the import's reason. A role already held stays as
    it is; one not named is not ended (that is done on the roles page)."""
    if not plan.role_rows:
        return 0
    codes = [r.code for r in plan.role_rows]
    people = {
        p.code: p for p in Person.objects.select_related("user", "cell").filter(code__in=codes)
    }
    held = set(
        current_roles()
        .filter(user__person__code__in=codes)
        .values_list("user_id", "unit_id", "kind")
    )
    granted = 0
    for row in plan.role_rows:
        person = people[row.code]
        user = person.user or person_user_create(actor=actor, person=person, reason=reason)
        for kind in row.roles:
            if (user.pk, person.cell_id, kind) in held:
                continue
            role_grant(
                actor=actor, user=user, unit=person.cell, kind=kind, start_date=today, reason=reason
            )
            granted += 1
    return granted


def _create_units(rows: list[tuple[UnitRow, int]]) -> dict[str, int]:
    """Create the new units level by level (a child needs its parent's id and path) and
    return every unit code the file mentions → id."""
    codes = {r.code for r, _ in rows} | {r.parent for r, _ in rows if r.parent}
    known = {c: (u.id, u.path) for c, u in existing_units(codes).items()}
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
            unit.path = child_path(known[row.parent][1] if row.parent else "", unit.pk)
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
    return ids | {c: u.id for c, u in existing_units(missing).items()}


PERSON_FIELDS = [f for f in Person._meta.concrete_fields if not f.primary_key]
PERSON_DEFAULTS = {f.attname: f.get_default() for f in PERSON_FIELDS}
PERSON_COLUMNS = [f.column for f in PERSON_FIELDS]
DATE_FIELDS = ("birth_date", "joined_on", "full_member_on")


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
            PERSON_DEFAULTS | with_name_keys(r.values) | {"code": r.code, "cell_id": cells[r.cell]}
        )
        for key in DATE_FIELDS:
            values[key] = adapt(values[key])
        people.append(tuple(values[f.attname] for f in PERSON_FIELDS))
    person_ids = dict(insert_values(Person, PERSON_COLUMNS, people, returning=("code", "id")))
    start = month_start(today)
    insert_values(
        Membership,
        ["person_id", "unit_id", "start_month"],
        [(person_ids[r.code], cells[r.cell], adapt(r.start_month or start)) for r in rows],
    )


def _update_people(plan: Plan, ids: dict[str, int], *, actor, reason: str) -> None:
    cells = _cell_ids({code for *_, code, _ in plan.transfers}, ids)
    new_cell = {pid: cells[code] for pid, _, code, _ in plan.transfers}
    for person in plan.person_updates:
        person.cell_id = new_cell.get(person.pk, person.cell_id)
    if plan.person_fields:
        Person.objects.bulk_update(plan.person_updates, sorted(plan.person_fields), batch_size=500)
    _transfer(plan, cells, actor=actor, reason=reason)


def _transfer(plan: Plan, cells: dict[str, int], *, actor, reason: str) -> None:
    """Close each moving person's open membership at the month and open one in the new cell,
    like people.services.person_transfer but in bulk; the history keeps both, with the file's
    name as the reason."""
    ends = {mid: month for _, mid, _, month in plan.transfers if mid}
    closing = []
    for chunk in chunks(list(ends)):
        closing += Membership.objects.filter(pk__in=chunk)
    for membership in closing:
        membership.end_month = ends[membership.pk]
    if closing:
        bulk_update_with_history(
            closing,
            Membership,
            ["end_month"],
            batch_size=500,
            **bulk_history(
                actor=actor, action=PeopleAction.MEMBERSHIP_TRANSFERRED_OUT, reason=reason
            ),
        )
    opening = [
        Membership(person_id=pid, unit_id=cells[code], start_month=month)
        for pid, _, code, month in plan.transfers
    ]
    bulk_create_with_history(
        opening,
        Membership,
        batch_size=500,
        **bulk_history(actor=actor, action=PeopleAction.MEMBERSHIP_TRANSFERRED_IN, reason=reason),
    )


def _tell_figures(plan: Plan) -> None:
    """Tell every figure keeper which cells' people changed from which month, whether units
    became or stopped being cells, and which cells are new."""
    new = {row.code for row, _ in plan.new_units}
    units: list[OrgUnit] = []
    for chunk in chunks(sorted(new | set(plan.touched))):
        units += OrgUnit.objects.filter(code__in=chunk)
    touched = {u: plan.touched[u.code] for u in units if u.code in plan.touched}
    figures.people_changed_in(cells=touched, cells_reshaped=plan.kinds_changed)
    figures.cells_added(cells=[u for u in units if u.code in new and u.is_cell])
