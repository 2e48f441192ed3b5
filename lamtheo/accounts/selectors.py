"""Reads for the accounts and roles pages, always through the scope door (orgs.scope)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lamtheo.accounts.models import AccountStatus, BatchKind, IssueBatch
from lamtheo.core.vietnamese import name_sort_key
from lamtheo.orgs.models import OrgUnit, Role, RoleKind, current_role_q
from lamtheo.orgs.scope import (
    Capability,
    can,
    get_unit_or_404,
    may_assign,
    may_give_codes_to_holder,
    standing_roles,
    top_units,
)
from lamtheo.orgs.tree import ancestor_paths, is_within, subtree_q
from lamtheo.people.models import Person

NOT_FOUND = "Không tìm thấy trang."
# A unit's people list: who may open it, and what each may do there.
LIST_CAPABILITIES = (Capability.ISSUE_ACCOUNTS, Capability.RESET_CODES)


def status_q(status: str) -> Q:
    """People in one AccountStatus (a filter on Person)."""
    waiting = Q(user__account_state__must_change_password=True)
    # A User made for a role by the import (people.services.person_user_create): no usable
    # password and no code issued yet, so no account either.
    never_opened = (
        Q(user__is_active=True)
        & Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        & Q(user__account_state__code_issued_at__isnull=True)
    )
    match status:
        case AccountStatus.NONE:
            return Q(user__isnull=True) | never_opened
        case AccountStatus.LOCKED:
            return Q(user__is_active=False)
        case AccountStatus.WAITING:
            return Q(user__is_active=True) & waiting & ~never_opened
        case _:
            return Q(user__is_active=True) & ~waiting & ~never_opened


def status_of(person: Person) -> str:
    user = person.user
    if user is None:
        return AccountStatus.NONE
    if not user.is_active:
        return AccountStatus.LOCKED
    state = getattr(user, "account_state", None)
    if not user.has_usable_password() and (state is None or state.code_issued_at is None):
        return AccountStatus.NONE
    return AccountStatus.WAITING if state and state.must_change_password else AccountStatus.ACTIVE


def start_units(user) -> list[OrgUnit]:
    """The highest units where the user manages accounts or roles (their starting points)."""
    units = {
        u.pk: u for c in (*LIST_CAPABILITIES, Capability.VIEW_ROLES) for u in top_units(user, c)
    }
    return sorted(units.values(), key=lambda u: u.path)


def list_unit_or_404(user, code: str) -> OrgUnit:
    """A unit whose people's accounts the user manages (or, for a cell's secretary, gives
    new codes to)."""
    for capability in LIST_CAPABILITIES:
        unit = OrgUnit.objects.filter(code=code, is_active=True).first()
        if unit is not None and can(user, capability, unit):
            return unit
    raise Http404("Không tìm thấy tổ chức đảng.")


def people_of(unit: OrgUnit, status: str = "") -> QuerySet[Person]:
    """The people whose current cell lies in the unit's subtree, cell by cell, in the
    Vietnamese order of names."""
    qs = Person.objects.filter(subtree_q(unit.path, "cell__path"), cell__is_active=True)
    if status in AccountStatus.values:
        qs = qs.filter(status_q(status))
    return qs.select_related("cell", "user__account_state").order_by("cell__path", "sort_key")


def without_account(unit: OrgUnit) -> QuerySet[Person]:
    return people_of(unit, AccountStatus.NONE)


def status_counts(unit: OrgUnit) -> dict[str, int]:
    base = Person.objects.filter(subtree_q(unit.path, "cell__path"), cell__is_active=True)
    return {s: base.filter(status_q(s)).count() for s in AccountStatus.values}


@dataclass(frozen=True)
class PersonRights:
    issue: bool  # an account, a new code, lock and unlock
    reset: bool  # a new code for an active account (a cell's secretary)


def held_roles(people: list[Person]) -> dict[int, list[Role]]:
    """The standing roles (current, or starting on a later day) of these people's accounts,
    by user id (one query): a role that starts tomorrow protects its holder today."""
    users = [p.user_id for p in people if p.user_id is not None]
    held: dict[int, list[Role]] = {}
    for r in standing_roles().filter(user_id__in=users).select_related("unit"):
        held.setdefault(r.user_id, []).append(r)
    return held


def rights_on(user, person: Person, roles: list[Role] | None = None) -> PersonRights:
    """What the user may do with the person's account. Someone holding a role gets a new code
    (or is locked) only from those who could assign all their roles
    (scope.may_give_codes_to_holder); a cell's secretary resets only members without a role."""
    if roles is None:
        roles = held_roles([person]).get(person.user_id, [])
    cell = person.cell
    if cell is None or person.user_id == user.pk:
        return PersonRights(issue=False, reset=False)
    issue = can(user, Capability.ISSUE_ACCOUNTS, cell) and may_give_codes_to_holder(user, roles)
    active = person.user is not None and person.user.is_active
    reset = active and can(user, Capability.RESET_CODES, cell) and not roles
    return PersonRights(issue=issue, reset=issue or reset)


def rights_for(user, people: list[Person]) -> list[PersonRights]:
    held = held_roles(people)
    return [rights_on(user, p, held.get(p.user_id, [])) for p in people]


def person_or_404(user, person_id: int, *, need: str) -> Person:
    """A person whose account the user may act on (`need`: "issue" or "reset"); never the
    user themself (a code for oneself is not how one changes one's password)."""
    person = Person.objects.select_related("cell", "user__account_state").filter(pk=person_id)
    person = person.first()
    if person is None or not getattr(rights_on(user, person), need):
        raise Http404("Không tìm thấy người này.")
    return person


def batch_or_404(user, batch_id: int) -> IssueBatch:
    batch = IssueBatch.objects.select_related("unit").filter(pk=batch_id).first()
    if batch is None or batch.issued_by_id != user.pk:
        raise Http404(NOT_FOUND)
    capability = (
        Capability.RESET_CODES if batch.kind == BatchKind.RESET else Capability.ISSUE_ACCOUNTS
    )
    if not (can(user, capability, batch.unit) or can(user, Capability.ISSUE_ACCOUNTS, batch.unit)):
        raise Http404(NOT_FOUND)
    return batch


# --- roles ------------------------------------------------------------------------------


def roles_unit_or_404(user, code: str) -> OrgUnit:
    return get_unit_or_404(user, code, Capability.VIEW_ROLES)


def unit_key(unit: OrgUnit) -> tuple:
    """Units in the Vietnamese order of their names, word by word."""
    return tuple(name_sort_key(word) for word in unit.name.split())


@dataclass
class UnitRoles:
    unit: OrgUnit
    depth: int
    roles: list[Role] = field(default_factory=list)
    can_manage: bool = False

    @property
    def has_secretary(self) -> bool:
        today = timezone.localdate()
        return any(r.kind == RoleKind.SECRETARY and r.start_date <= today for r in self.roles)


KIND_ORDER = {kind: i for i, kind in enumerate(RoleKind.values)}


def roles_in(user, unit: OrgUnit) -> list[UnitRoles]:
    """Every active unit of the subtree, top first and each unit's children in Vietnamese
    order of names, with the roles held there today or from a later day (two queries)."""
    units = list(OrgUnit.objects.filter(subtree_q(unit.path), is_active=True))
    today = timezone.localdate()
    roles = (
        Role.objects.filter(subtree_q(unit.path, "unit__path"))
        .filter(current_role_q(today) | Q(start_date__gt=today))
        .select_related("user__person")
    )
    by_unit: dict[int, list[Role]] = {}
    for r in roles:
        by_unit.setdefault(r.unit_id, []).append(r)
    children: dict[int | None, list[OrgUnit]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    rows: list[UnitRoles] = []

    def walk(u: OrgUnit, depth: int) -> None:
        held = sorted(by_unit.get(u.pk, []), key=lambda r: (KIND_ORDER[r.kind], _name_key(r)))
        rows.append(UnitRoles(u, depth, held, can(user, Capability.MANAGE_ROLES, u)))
        for child in sorted(children.get(u.pk, []), key=unit_key):
            walk(child, depth + 1)

    walk(unit, 0)
    return rows


def holder_name(role: Role) -> str:
    person = getattr(role.user, "person", None)
    return person.full_name if person else (role.user.first_name or role.user.username)


def _name_key(role: Role) -> str:
    person = getattr(role.user, "person", None)
    return person.sort_key if person else name_sort_key(holder_name(role))


def role_or_404(user, role_id: int) -> Role:
    role = Role.objects.select_related("unit", "user__person").filter(pk=role_id).first()
    if role is None or not role.unit.is_active or not may_assign(user, role):
        raise Http404(NOT_FOUND)
    return role


def open_role(user, unit: OrgUnit, kind: str) -> Role | None:
    """The user's role `kind` on `unit` that has no end yet (granting it again confirms it)."""
    return Role.objects.filter(user=user, unit=unit, kind=kind, end_date__isnull=True).first()


def person_for_role(user, code: str) -> Person | None:
    """The person a role is given to, by their code: someone the user sees in a subtree
    where they may view roles (None otherwise, the same as a code nobody has)."""
    person = (
        Person.objects.select_related("cell", "user")
        .filter(code__iexact=code.strip(), cell__isnull=False)
        .first()
    )
    if person is None or not can(user, Capability.VIEW_ROLES, person.cell):
        return None
    return person


def imported_without_account(user, person_ids: list[int]) -> list[Person]:
    """Of the people an import added, those still without an account whom the user may give
    one (scope and roles as for one person: rights_on), cell by cell."""
    people = list(
        Person.objects.filter(pk__in=person_ids, cell__is_active=True)
        .filter(status_q(AccountStatus.NONE))
        .select_related("cell", "user__account_state")
        .order_by("cell__path", "sort_key")
    )
    return [p for p, r in zip(people, rights_for(user, people), strict=True) if r.issue]


def common_unit(people: list[Person]) -> OrgUnit:
    """The lowest unit above (or equal to) every person's cell: the unit of their batch."""
    paths = [p.cell.path for p in people]
    common = ancestor_paths(paths[0])
    for path in paths[1:]:
        common = [a for a in common if is_within(path, a)]
    return OrgUnit.objects.get(path=common[-1])
