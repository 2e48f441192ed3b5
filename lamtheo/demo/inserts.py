"""Inserting the plan, one function per table.

Small tables (units, accounts, roles, exemptions) go in with bulk_create. The
tables that grow with the number of people go in through core.bulk.insert_rows: in a
province they hold 100,000 people, as many registrations, 400,000 items, a
million handbook months and four million per-item results, and bulk_create
builds a model instance and runs every field's conversion for every value:
about 300 µs per handbook month and 100 µs per result measured here, over ten
minutes for the province. Rows built as dicts and sent as multi-row INSERT
statements cost about a tenth of that; their new ids are read back in one
query per batch by their natural key (a person's code, one registration per
person and year, one month per person and month).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from lamtheo.core.bulk import insert_rows
from lamtheo.demo.context import BATCH, Context, count
from lamtheo.demo.data.texts import (
    AREA_ITEMS,
    PLEDGE_ACCEPT_COMMENTS,
    PLEDGE_RETURN_COMMENTS,
    TRADE_ITEMS,
    VAGUE_ITEMS,
)
from lamtheo.demo.entries import insert_entries
from lamtheo.demo.plan import PersonPlan, UnitPlan
from lamtheo.orgs.models import OrgUnit, Role, RoleKind
from lamtheo.orgs.tree import child_path
from lamtheo.people.models import Exemption, Membership, Person
from lamtheo.people.services import person_name_keys
from lamtheo.pledges.models import Pledge, PledgeItem, PledgeStatus


def insert_organization(ctx: Context) -> dict[str, int]:
    """Write the plan; returns how many rows of each kind were written."""
    _insert_units(ctx)
    _insert_users(ctx)
    _insert_people(ctx)
    _insert_memberships(ctx.org.people)
    _insert_exemptions(ctx.org.people)
    _insert_secretary_roles(ctx)
    _insert_pledges(ctx)
    _insert_pledge_items(ctx)
    insert_entries(ctx)
    return ctx.counts


def _insert_units(ctx: Context) -> None:
    """Level by level: a path is the parent's path plus the unit's own id, so each level is
    inserted with a unique placeholder path, then given its real one."""
    by_depth: dict[int, list[UnitPlan]] = {}
    for u in ctx.org.units:
        by_depth.setdefault(_depth(u), []).append(u)
    for depth in sorted(by_depth):
        level = by_depth[depth]
        rows = [
            OrgUnit(code=u.code, name=u.name, kind=u.kind, parent_id=u.parent.id,
                    path=f"~{u.code}", depth=depth)
            for u in level
        ]  # fmt: skip
        OrgUnit.objects.bulk_create(rows, batch_size=BATCH)
        for u, row in zip(level, rows, strict=True):
            u.id, u.path = row.pk, child_path(u.parent.path, row.pk)
            row.path = u.path
        OrgUnit.objects.bulk_update(rows, ["path"], batch_size=BATCH)
    count(ctx, "tổ chức đảng", len(ctx.org.units))


def _depth(u: UnitPlan | OrgUnit) -> int:
    return u.depth if isinstance(u, OrgUnit) else _depth(u.parent) + 1


def _insert_users(ctx: Context) -> None:
    """Accounts for the cells' secretaries (who review and sign off) and the demo log-ins.
    Secretaries get no usable password: they are there so that reviews have a reviewer."""
    unusable = make_password(None)
    people = [p for p in ctx.org.people if p.is_secretary or p.is_deputy or p.login]
    users = [
        User(username=p.login or p.code.lower(), first_name=p.full_name,
             last_name="",  # get_full_name() then reads in Vietnamese order
             password=ctx.password if p.login else unusable)
        for p in people
    ]  # fmt: skip
    User.objects.bulk_create(users, batch_size=BATCH)
    for p, u in zip(people, users, strict=True):
        p.user_id = u.pk
        if p.is_secretary:
            ctx.secretary_user[p.cell.id] = u.pk
        elif p.is_deputy:
            ctx.deputy_user[p.cell.id] = u.pk


@cache
def _name_keys(full_name: str) -> tuple[tuple[str, str], ...]:
    return tuple(person_name_keys(full_name).items())


def _insert_people(ctx: Context) -> None:
    people = ctx.org.people
    insert_rows(Person, [
        {"user_id": p.user_id, "code": p.code, **dict(_name_keys(p.full_name)),
         "birth_date": p.birth_date, "gender": p.gender, "status": p.status, "duty": p.duty,
         "phone": f"09{ctx.below(10**8):08d}", "cell_id": p.cell.id}
        for p in people
    ])  # fmt: skip
    codes = [p.code for p in people]  # "DV000001"…: one contiguous range
    ids = dict(Person.objects.filter(code__gte=min(codes), code__lte=max(codes))
               .values_list("code", "id"))  # fmt: skip
    for p in people:
        p.id = ids[p.code]
    count(ctx, "cán bộ, đảng viên", len(people))


def _insert_memberships(people: list[PersonPlan]) -> None:
    rows = []
    for p in people:
        if p.moved:
            month, old = p.moved
            rows.append({"person_id": p.id, "unit_id": old.id, "start_month": p.since,
                         "end_month": month})  # fmt: skip
            rows.append({"person_id": p.id, "unit_id": p.cell.id, "start_month": month})
        else:
            rows.append({"person_id": p.id, "unit_id": p.cell.id, "start_month": p.since})
    insert_rows(Membership, rows)


def _insert_exemptions(people: list[PersonPlan]) -> None:
    Exemption.objects.bulk_create([
        Exemption(person_id=p.id, start_month=p.exemption[0], end_month=p.exemption[1],
                  reason=p.exemption[2])
        for p in people if p.exemption
    ], batch_size=BATCH)  # fmt: skip


def term_start(year: int) -> date:
    """When the demo's roles began: the cells' congresses of the year before (a term runs
    for years; a role begun on the day the demo was built would read oddly)."""
    return date(year - 1, 7, 1)


def _insert_secretary_roles(ctx: Context) -> None:
    Role.objects.bulk_create([
        Role(user_id=p.user_id, unit_id=p.cell.id,
             kind=RoleKind.SECRETARY if p.is_secretary else RoleKind.DEPUTY,
             start_date=term_start(ctx.org.year))
        for p in ctx.org.people if p.is_secretary or p.is_deputy
    ], batch_size=BATCH)  # fmt: skip


def _insert_pledges(ctx: Context) -> None:
    registering = [p for p in ctx.org.people if p.pledge]
    insert_rows(Pledge, [_pledge(ctx, p) for p in registering])
    first, last = min(p.id for p in registering), max(p.id for p in registering)
    ids = dict(Pledge.objects.filter(year=ctx.org.year, person_id__gte=first, person_id__lte=last)
               .values_list("person_id", "id"))  # fmt: skip
    ctx.pledge_of = {p.id: (ids[p.id], []) for p in registering}
    count(ctx, "bản đăng ký", len(registering))


def _pledge(ctx: Context, p: PersonPlan) -> dict:
    """The registration in the state the plan gives it, with the dates that state implies."""
    year, rng = ctx.org.year, ctx.rng
    cell = p.cell_in(max(p.since, date(year, 1, 1))) or p.cell
    row = {"person_id": p.id, "year": year, "unit_id": cell.id, "status": p.pledge}
    start = max(p.since, date(year, 1, 1)) + timedelta(days=2 + ctx.below(23))
    if p.pledge != PledgeStatus.DRAFT:
        row["submitted_at"] = ctx.moment(start)
    if p.pledge in (PledgeStatus.ACCEPTED, PledgeStatus.RETURNED):
        row["decided_at"] = ctx.moment(start + timedelta(days=1 + ctx.below(10)),
                                       not_before=row["submitted_at"])  # fmt: skip
        row["decided_by_id"] = ctx.reviewer(cell, p.user_id)
        accepted = p.pledge == PledgeStatus.ACCEPTED
        row["decision_comment"] = rng.choice(
            PLEDGE_ACCEPT_COMMENTS if accepted else PLEDGE_RETURN_COMMENTS
        )
    return row


def _items_for(ctx: Context, p: PersonPlan) -> list[tuple[int, str, str, str]]:
    """3 to 5 items, at least one per area; a returned registration is the vague kind."""
    rng = ctx.rng
    vague = 0.8 if p.pledge == PledgeStatus.RETURNED else p.vague
    areas = [0, 1, 2] + rng.sample([0, 0, 2], ctx.below(3))
    items = []
    for area in sorted(areas):
        if rng.random() < vague:
            items.append((area, rng.choice(VAGUE_ITEMS[area]), "", rng.choice(["", "Cả năm"])))
        else:
            pool = TRADE_ITEMS[p.trade] if area == 0 else AREA_ITEMS[area]
            items.append((area, *rng.choice(pool)))
    return list(dict.fromkeys(items))  # the same sentence twice reads as a mistake


def _insert_pledge_items(ctx: Context) -> None:
    rows = []
    for p in ctx.org.people:
        if p.id not in ctx.pledge_of:
            continue
        pledge_id, _ = ctx.pledge_of[p.id]
        for order, (area, text, target, timeframe) in enumerate(_items_for(ctx, p)):
            rows.append({"pledge_id": pledge_id, "area_id": ctx.areas[area].pk, "text": text,
                         "target": target, "timeframe": timeframe, "order": order,
                         "is_specific": _is_specific(text, target, timeframe)})  # fmt: skip
    insert_rows(PledgeItem, rows)
    by_pledge = {pledge_id: items for pledge_id, items in ctx.pledge_of.values()}
    found = PledgeItem.objects.filter(pledge_id__gte=min(by_pledge), pledge_id__lte=max(by_pledge))
    for pledge_id, pk in found.order_by("pledge_id", "order").values_list("pledge_id", "id"):
        by_pledge[pledge_id].append(pk)
    count(ctx, "việc làm đăng ký", len(rows))


@cache
def _is_specific(text: str, target: str, timeframe: str) -> bool | None:
    """The quality checker's verdict if it is installed (as pledges.services does), else
    unknown. Cached by the item alone: the generator repeats the same texts thousands of
    times, and the verdict does not depend on the author's duties (only the hint does)."""
    try:
        from lamtheo.pledges.quality import assess
    except ImportError:
        return None
    return assess(" ".join([text, target, timeframe])).specific
