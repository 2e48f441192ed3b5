"""The one door for scope: who may see and do what, where.

A person always sees their own records; everything else is decided here. A capability is
held through rules (the table RULES): each rule names the roles that carry it and
its reach, the units that a role held on one unit (its anchor) opens:

- SUBTREE: the anchor and every unit below it (the usual case: a committee's subtree);
- UNIT_ITSELF: the anchor only (a bloc officer does not sign for a grassroots committee);
- OWN_CELL: the anchor only, and only when it is a cell (the person's own cell's
  secretary, not a committee above it);
- UNITS_ABOVE: the anchor and every unit above it (the topics and programmes of the
  levels one belongs to);
- PARTY_SUBTREE: like SUBTREE, but only from an anchor that is a đảng bộ (not a cell): the
  committee of a đảng bộ issues accounts for its subtree, a cell's secretary does not;
- BELOW: every unit strictly below the anchor (a committee staffs the units below it; its own
  roles are given by the level above).

Only roles current today count (Role.start_date ≤ today < Role.end_date, see
orgs.models.current_role_q): a role not started yet or already ended opens nothing.

MEMBER is a pseudo-role that every person holds on their own (current) cell, for what any
member may do there. The only exception to roles: a Django superuser holds the capabilities
in WHOLE_TREE_FOR_SUPERUSER on the whole tree (they set up the first tree, before anybody
holds a role). Anything outside scope is a 404, so "missing" and "not yours" look the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lamtheo.orgs.models import CELL_KINDS, OrgUnit, Role, RoleKind, current_role_q
from lamtheo.orgs.tree import ancestor_paths, is_within, path_ids, subtree_q


class Capability(StrEnum):
    VIEW_STATS = "view_stats"  # aggregate figures of the subtree
    VIEW_RECORDS = "view_records"  # open a named person's registration and handbook
    REVIEW = "review"  # accept/return registrations, review handbook entries
    ENTER_ON_BEHALF = "enter_on_behalf"  # fill a month for a member without a device
    REMIND = "remind"  # send reminders to the people behind a rate
    VIEW_AUDIT = "view_audit"  # the audit trail of records in the subtree
    MANAGE_ROSTER = "manage_roster"  # import the tree and the roster
    MANAGE_TOPICS = "manage_topics"  # the topic library and its study materials
    READ_TOPICS = "read_topics"  # the topics of the units one belongs to, leads or oversees
    ORGANIZE_STUDY = "organize_study"  # schedule study sessions for the subtree
    RECORD_ATTENDANCE = "record_attendance"  # who attended a session, who made it up
    RECORD_MEETINGS = "record_meetings"  # the cell's monthly meetings and their minutes
    READ_SELF_CHECK = "read_self_check"  # a person's private self-check (27 manifestations)
    ISSUE_DOCUMENTS = "issue_documents"  # read the registers of documents issued in the subtree
    ISSUE_FOR_UNIT = "issue_for_unit"  # issue, correct, withdraw, remind for the unit itself
    RECEIVE_DOCUMENTS = "receive_documents"  # read what the units of the subtree received
    RECEIVE_FOR_UNIT = "receive_for_unit"  # acknowledge and report for the unit itself
    PUBLISH_PROGRAMMES = "publish_programmes"  # make key leaders' registrations public
    READ_PROGRAMMES = "read_programmes"  # read the programmes a unit published
    MANAGE_STORIES = "manage_stories"  # the library of stories for the morning briefing
    READ_STORIES = "read_stories"  # mark the story of the day read at a unit's briefing
    VIEW_PROFILES = "view_profiles"  # a person's member profile (party data, identity numbers)
    MANAGE_PEOPLE = "manage_people"  # edit party data; transfer, exempt, record leaving
    RESET_TWO_FACTOR = "reset_two_factor"  # clear a person's two-factor devices (lost phone)
    ISSUE_ACCOUNTS = "issue_accounts"  # accounts and one-time codes for the people of a unit
    RESET_CODES = "reset_codes"  # a new one-time code for a member of one's own cell
    VIEW_ROLES = "view_roles"  # who holds which role in the subtree
    MANAGE_ROLES = "manage_roles"  # assign and end roles on a unit
    GRANT_ADMIN = "grant_admin"  # assign the administrator role itself
    MANAGE_UNIT_SETTINGS = "manage_unit_settings"  # e.g. the place name printed on documents
    PLAN_INSPECTIONS = "plan_inspections"  # keep the unit's own plan of inspections, run them
    VIEW_INSPECTIONS = "view_inspections"  # read the plans and inspections of the subtree
    REPORT_REMEDIES = "report_remedies"  # report the unit's remedies after an inspection
    VIEW_INSPECTION_FIGURES = "view_inspection_figures"  # counts of inspections and findings
    RECORD_DISCIPLINE = "record_discipline"  # record, correct, annul the unit's bodies' decisions
    VIEW_DISCIPLINE = "view_discipline"  # named discipline records the unit is concerned by
    DISCIPLINE_FIGURES = "discipline_figures"  # discipline counts of the subtree, no names
    VIEW_SIGNALS = "view_signals"  # the formalism signals of the cells of the subtree
    # Feedback (phản ánh) about the units below: received by the inspection commission of the
    # level that oversees the unit concerned, or by that level's committee when it has none;
    # never by anyone of the unit concerned (see feedback_route and feedback_conflict_paths).
    HANDLE_FEEDBACK = "handle_feedback"
    HANDLE_FEEDBACK_AS_COMMITTEE = "handle_feedback_as_committee"


class Reach(StrEnum):
    """Which units a role held on a unit (its anchor) opens; see the module's docstring."""

    SUBTREE = "subtree"
    UNIT_ITSELF = "unit_itself"
    OWN_CELL = "own_cell"
    UNITS_ABOVE = "units_above"
    PARTY_SUBTREE = "party_subtree"
    BELOW = "below"


# Held by every person on their own cell; not a RoleKind: nobody is granted it.
MEMBER = "member"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    reach: Reach


def _roles(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


_ALL = frozenset(RoleKind)
_SECRETARIES = _roles(RoleKind.SECRETARY, RoleKind.DEPUTY)
_COMMITTEES = _SECRETARIES | _roles(RoleKind.COMMITTEE)
_OVERSIGHT = _COMMITTEES | _roles(RoleKind.INSPECTOR)
_TOPICS = _roles(RoleKind.PROPAGANDA, RoleKind.COMMITTEE)
# Those who keep a unit's correspondence and run its briefings.
_OFFICE = _COMMITTEES | _roles(RoleKind.PROPAGANDA)
# Those who plan and run inspections, supervisions and surveys.
_INSPECTIONS = _OVERSIGHT | _roles(RoleKind.PROPAGANDA)

RULES: dict[Capability, tuple[Rule, ...]] = {
    Capability.VIEW_STATS: (Rule(_ALL, Reach.SUBTREE),),
    # A person's handbook text: their cell's secretaries and the committees above who drill
    # down on purpose (logged); propaganda officers and administrators see figures and names.
    Capability.VIEW_RECORDS: (Rule(_OVERSIGHT, Reach.SUBTREE),),
    Capability.REVIEW: (Rule(_SECRETARIES, Reach.SUBTREE),),
    Capability.ENTER_ON_BEHALF: (Rule(_SECRETARIES, Reach.SUBTREE),),
    Capability.REMIND: (Rule(_OFFICE | _roles(RoleKind.ADMIN), Reach.SUBTREE),),
    Capability.VIEW_AUDIT: (Rule(_OVERSIGHT | _roles(RoleKind.ADMIN), Reach.SUBTREE),),
    Capability.MANAGE_ROSTER: (Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),),
    Capability.MANAGE_TOPICS: (Rule(_TOPICS, Reach.SUBTREE),),
    # A unit's topic applies to its whole subtree, so it reaches the people of the subtree
    # and everyone holding a role on the unit, above it or below it.
    Capability.READ_TOPICS: (Rule(_ALL, Reach.SUBTREE), Rule(_ALL | {MEMBER}, Reach.UNITS_ABOVE)),
    Capability.ORGANIZE_STUDY: (Rule(_TOPICS, Reach.SUBTREE),),
    Capability.RECORD_ATTENDANCE: (Rule(_SECRETARIES, Reach.SUBTREE),),
    Capability.RECORD_MEETINGS: (Rule(_SECRETARIES, Reach.SUBTREE),),
    # Private by design: no role above the cell opens it; dashboards show counts only.
    Capability.READ_SELF_CHECK: (Rule(_SECRETARIES, Reach.OWN_CELL),),
    Capability.ISSUE_DOCUMENTS: (Rule(_OFFICE, Reach.SUBTREE),),
    Capability.ISSUE_FOR_UNIT: (Rule(_OFFICE, Reach.UNIT_ITSELF),),
    Capability.RECEIVE_DOCUMENTS: (Rule(_OFFICE, Reach.SUBTREE),),
    Capability.RECEIVE_FOR_UNIT: (Rule(_OFFICE, Reach.UNIT_ITSELF),),
    Capability.PUBLISH_PROGRAMMES: (Rule(_COMMITTEES, Reach.SUBTREE),),
    # Published to the unit's subtree: its members, and the roles on it or above it.
    Capability.READ_PROGRAMMES: (
        Rule(_ALL, Reach.SUBTREE),
        Rule(_roles(MEMBER), Reach.UNITS_ABOVE),
    ),
    Capability.MANAGE_STORIES: (Rule(_roles(RoleKind.PROPAGANDA), Reach.SUBTREE),),
    Capability.READ_STORIES: (Rule(_OFFICE, Reach.SUBTREE),),
    # The member profile (personal data): those who oversee the people of the subtree and
    # those who keep its roster.
    Capability.VIEW_PROFILES: (Rule(_OVERSIGHT | _roles(RoleKind.ADMIN), Reach.SUBTREE),),
    # The party data and the moves of a person: their own cell's secretaries, and the
    # roster managers of the subtree. Not a committee above the cell: it decides, the cell
    # or the administrator records.
    Capability.MANAGE_PEOPLE: (
        Rule(_SECRETARIES, Reach.OWN_CELL),
        Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),
    ),
    Capability.RESET_TWO_FACTOR: (Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),),
    # Accounts: the administrators of a subtree, and the committee of a đảng bộ for its own
    # subtree (a cell's secretary only gives new codes to her own cell's members).
    Capability.ISSUE_ACCOUNTS: (
        Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),
        Rule(_COMMITTEES, Reach.PARTY_SUBTREE),
    ),
    Capability.RESET_CODES: (Rule(_SECRETARIES, Reach.OWN_CELL),),
    Capability.VIEW_ROLES: (
        Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),
        Rule(_COMMITTEES, Reach.PARTY_SUBTREE),
    ),
    # A committee staffs the units below it; its own roles come from the level above.
    Capability.MANAGE_ROLES: (
        Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),
        Rule(_COMMITTEES, Reach.BELOW),
    ),
    Capability.GRANT_ADMIN: (Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),),
    # The unit's settings (the place name on its documents), inherited down its subtree.
    Capability.MANAGE_UNIT_SETTINGS: (Rule(_roles(RoleKind.ADMIN), Reach.SUBTREE),),
    # Inspections: the committee, its inspection commission or its propaganda office keeps the
    # unit's own plan (a level does not run the plan of the level below); they read the plans
    # and inspections of the subtree. The team's reading of records is inspection_reach below.
    Capability.PLAN_INSPECTIONS: (Rule(_INSPECTIONS, Reach.UNIT_ITSELF),),
    Capability.VIEW_INSPECTIONS: (Rule(_INSPECTIONS, Reach.SUBTREE),),
    # The remedies a conclusion gives a unit are reported by its own committee (secretary).
    Capability.REPORT_REMEDIES: (Rule(_COMMITTEES, Reach.UNIT_ITSELF),),
    # The counts of inspections, findings and remedies of a subtree: those who read its
    # plans and inspections (VIEW_INSPECTIONS), not every role that sees the dashboard's
    # figures (VIEW_STATS): which unit was found at fault, and how often, is oversight
    # business, not a campaign rate. Counts only, never names.
    Capability.VIEW_INSPECTION_FIGURES: (Rule(_INSPECTIONS, Reach.SUBTREE),),
    # Discipline (kỷ luật) is sensitive: a deciding body's decisions are recorded by the
    # committee or inspection commission of that unit itself; a named record is read only by
    # the committees and commissions concerned (see discipline_concerned); above them, the
    # officers who oversee a subtree see counts without names.
    Capability.RECORD_DISCIPLINE: (Rule(_OVERSIGHT, Reach.UNIT_ITSELF),),
    Capability.VIEW_DISCIPLINE: (Rule(_OVERSIGHT, Reach.UNIT_ITSELF),),
    Capability.DISCIPLINE_FIGURES: (Rule(_INSPECTIONS | _roles(RoleKind.ADMIN), Reach.SUBTREE),),
    # The formalism signals point a committee or its inspection commission to the cells of its
    # subtree worth inspecting. From a đảng bộ only: several signals are about the cell's own
    # secretary (reviews in bursts, all-top ratings), who is the one to be looked at.
    Capability.VIEW_SIGNALS: (Rule(_OVERSIGHT, Reach.PARTY_SUBTREE),),
    # Feedback is handled for the unit itself (a report routed to a đảng bộ is not read by
    # the commission of the bloc above, nor by those below); see feedback_route.
    Capability.HANDLE_FEEDBACK: (Rule(_roles(RoleKind.INSPECTOR), Reach.UNIT_ITSELF),),
    Capability.HANDLE_FEEDBACK_AS_COMMITTEE: (Rule(_COMMITTEES, Reach.UNIT_ITSELF),),
}

WHOLE_TREE_FOR_SUPERUSER = frozenset({Capability.MANAGE_ROSTER})


# --- who holds what, where --------------------------------------------------------------


@dataclass(frozen=True)
class Grant:
    """A role (or MEMBER) held on a unit: the anchor that a rule's reach starts from."""

    kind: str
    unit_id: int
    path: str
    is_cell: bool = False


def current_roles() -> QuerySet[Role]:
    """The role assignments current today: the only ones that open anything."""
    return Role.objects.filter(current_role_q(timezone.localdate()))


def grants(user) -> list[Grant]:
    """The user's current roles on active units, read once per request (cached on the user
    object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lamtheo_grants", None)
    if cached is None:
        rows = (
            current_roles()
            .filter(user=user, unit__is_active=True)
            .values_list("kind", "unit_id", "unit__path", "unit__kind")
        )
        cached = [
            Grant(kind, pk, path, unit_kind in CELL_KINDS) for kind, pk, path, unit_kind in rows
        ]
        user._lamtheo_grants = cached
    return cached


def member_grants(user) -> list[Grant]:
    """MEMBER on the user's own current cell (none without one), read once per request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lamtheo_member_grants", None)
    if cached is None:
        # Person.cell seen from the unit ("people"): orgs reads a person's cell without
        # importing the people app, which depends on orgs.
        rows = OrgUnit.objects.filter(people__user=user).values_list("pk", "path", "kind")
        cached = [Grant(MEMBER, pk, path, kind in CELL_KINDS) for pk, path, kind in rows]
        user._lamtheo_member_grants = cached
    return cached


def _anchors(user, rule: Rule) -> Iterable[Grant]:
    """The grants a rule starts from (the own cell is read only when the rule names MEMBER)."""
    own = member_grants(user) if MEMBER in rule.roles else []
    for g in [*own, *grants(user)]:
        if g.kind in rule.roles and _anchors_reach(rule.reach, g):
            yield g


def _anchors_reach(reach: Reach, g: Grant) -> bool:
    match reach:
        case Reach.OWN_CELL:
            return g.is_cell
        case Reach.PARTY_SUBTREE | Reach.BELOW:  # nothing is below a cell
            return not g.is_cell
        case _:
            return True


def _reached(user, capability: Capability) -> Iterable[tuple[Reach, Grant]]:
    for rule in RULES[capability]:
        for anchor in _anchors(user, rule):
            yield rule.reach, anchor


def holds_whole_tree(user, capability: Capability) -> bool:
    """The superuser exception, and the only one (see WHOLE_TREE_FOR_SUPERUSER)."""
    return capability in WHOLE_TREE_FOR_SUPERUSER and getattr(user, "is_superuser", False)


def roles_with(capability: Capability) -> frozenset[str]:
    """The role kinds that carry `capability` by some rule (MEMBER is not a role)."""
    return frozenset(k for rule in RULES[capability] for k in rule.roles) - {MEMBER}


# --- answers about one unit -------------------------------------------------------------


def _opens(reach: Reach, anchor: Grant, path: str) -> bool:
    match reach:
        case Reach.SUBTREE | Reach.PARTY_SUBTREE:
            return is_within(path, anchor.path)
        case Reach.BELOW:
            return path != anchor.path and is_within(path, anchor.path)
        case Reach.UNITS_ABOVE:
            return is_within(anchor.path, path)
        case _:  # UNIT_ITSELF, and OWN_CELL whose anchors are cells (see _anchors)
            return path == anchor.path


def reaches_path(user, capability: Capability, path: str) -> bool:
    """Does the user hold `capability` on the unit at `path`?"""
    return holds_whole_tree(user, capability) or any(
        _opens(reach, anchor, path) for reach, anchor in _reached(user, capability)
    )


def can(user, capability: Capability, unit: OrgUnit | None) -> bool:
    """Does the user hold `capability` on `unit`? (False for no unit.)"""
    return unit is not None and reaches_path(user, capability, unit.path)


def has_any(user, capability: Capability) -> bool:
    """Does the user hold `capability` anywhere?"""
    return holds_whole_tree(user, capability) or any(True for _ in _reached(user, capability))


def get_unit_or_404(user, code: str, capability: Capability) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code, is_active=True).first()
    if unit is None or not can(user, capability, unit):
        raise Http404("Không tìm thấy tổ chức đảng.")
    return unit


def may_move_between(user, from_cell: OrgUnit | None, to_cell: OrgUnit | None) -> bool:
    """May the user move a person from one cell to another within the tree? Only with
    MANAGE_PEOPLE on both cells: a roster manager of a unit above both (its subtree holds
    them), or someone who holds it on each cell; a cell's secretary alone cannot send a
    person into a cell she does not keep."""
    return (
        from_cell is not None
        and to_cell is not None
        and can(user, Capability.MANAGE_PEOPLE, from_cell)
        and can(user, Capability.MANAGE_PEOPLE, to_cell)
    )


def may_assign(user, role: Role) -> bool:
    """Could the user assign this role (its kind on its unit)? MANAGE_ROLES on the unit, and
    GRANT_ADMIN for the administrator role."""
    capability = Capability.GRANT_ADMIN if role.kind == RoleKind.ADMIN else Capability.MANAGE_ROLES
    return can(user, capability, role.unit)


def may_give_codes_to_holder(user, roles: Iterable[Role]) -> bool:
    """A new one-time code for someone (or locking them) opens or closes everything their
    roles open: only a user who could assign every one of those roles may do it (may_assign).
    So a cell's secretary never takes over an administrator who sits in her cell, nor a
    committee member a peer's account. `roles` are the person's standing roles (current or
    starting later, see standing_roles) with their units."""
    return all(may_assign(user, r) for r in roles)


def standing_roles() -> QuerySet[Role]:
    """The role assignments not ended today: current ones and those that start on a later
    day. A role opens nothing before its start, but it protects its holder already: whoever
    takes over the account today holds the role tomorrow."""
    today = timezone.localdate()
    return Role.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))


def may_take_over_account(actor, user) -> bool:
    """May the actor do what puts someone else's account in other hands: give it a new
    one-time code, lock it, change the contact details a password reset is sent to, clear
    its second step? For the holder of a standing role, only one who could assign every one
    of their roles (may_give_codes_to_holder). Never one's own account (one changes one's own
    password, contact details and second step oneself); True for no account. The capability
    on the person's unit (ISSUE_ACCOUNTS, MANAGE_PEOPLE, RESET_TWO_FACTOR, ...) is checked by
    the caller as well."""
    if user is None:
        return True
    if actor.pk == user.pk:
        return False
    roles = standing_roles().filter(user=user).select_related("unit")
    return may_give_codes_to_holder(actor, roles)


def may_end_role(actor, role: Role) -> bool:
    """Ending a role takes the same right as assigning it; nobody ends their own
    administrator role (another administrator does)."""
    if role.kind == RoleKind.ADMIN and role.user_id == actor.pk:
        return False
    return may_assign(actor, role)


# --- sets of units ----------------------------------------------------------------------


def anchor_unit_ids(user, capability: Capability) -> set[int]:
    """The units the user holds `capability` from: the units of their roles that carry it
    (and their own cell, for a rule of MEMBER). With UNIT_ITSELF, the units they act for."""
    return {anchor.unit_id for _reach, anchor in _reached(user, capability)}


def anchor_units_over(user, capability: Capability, unit: OrgUnit) -> list[OrgUnit]:
    """The active units the user holds `capability` from whose subtree holds `unit`, the
    highest first (e.g. the units whose inspection plan may take a cell)."""
    units = OrgUnit.objects.filter(pk__in=anchor_unit_ids(user, capability), is_active=True)
    return [u for u in units.order_by("path") if is_within(unit.path, u.path)]


def _outermost(paths: Iterable[str]) -> list[str]:
    """Drop every path within another one: the outer one covers it."""
    kept: list[str] = []
    for p in sorted(set(paths)):
        if not any(is_within(p, k) for k in kept):
            kept.append(p)
    return kept


def scope_q(user, capability: Capability, field: str = "path") -> Q:
    """A filter on `field` (a unit path) that keeps the units where the user holds
    `capability`; matches nothing when they hold it nowhere."""
    if holds_whole_tree(user, capability):
        return Q(**{f"{field}__isnull": False})
    reached = list(_reached(user, capability))
    q = Q(pk__in=[])
    whole = [anchor.path for reach, anchor in reached if reach in _WHOLE_SUBTREES]
    for path in _outermost(whole):
        q |= subtree_q(path, field)
    for reach, anchor in reached:  # the subtree without its top (if nothing else opens it)
        if reach is Reach.BELOW and not any(is_within(anchor.path, p) for p in whole):
            q |= subtree_q(anchor.path, field) & ~Q(**{field: anchor.path})
    single: set[str] = set()  # units reached one by one, not as a subtree
    for reach, anchor in reached:
        if reach is Reach.UNITS_ABOVE:
            single.update(ancestor_paths(anchor.path))
        elif reach not in _WHOLE_SUBTREES and reach is not Reach.BELOW:
            single.add(anchor.path)
    if single:
        q |= Q(**{f"{field}__in": sorted(single)})
    return q


_WHOLE_SUBTREES = (Reach.SUBTREE, Reach.PARTY_SUBTREE)


def visible_units(user, capability: Capability = Capability.VIEW_STATS) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope_q(user, capability))


def top_units(user, capability: Capability = Capability.VIEW_STATS) -> list[OrgUnit]:
    """The highest units the user holds the capability from (their dashboards' starting
    points); the roots of the tree for a whole-tree holder."""
    if holds_whole_tree(user, capability):
        return list(OrgUnit.objects.filter(parent__isnull=True, is_active=True).order_by("path"))
    paths = _outermost(anchor.path for _reach, anchor in _reached(user, capability))
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path"))


def holders(capability: Capability, units: Iterable[OrgUnit]) -> QuerySet[Role]:
    """The role assignments (of active users, on active units) that carry `capability` on
    one of `units`: whom to notify or remind for them."""
    units = list(units)
    q = Q(pk__in=[])
    for rule in RULES[capability]:
        kinds = rule.roles - {MEMBER}
        if kinds:
            q |= Q(kind__in=kinds) & _anchored_on(rule.reach, units)
    return current_roles().filter(q, user__is_active=True, unit__is_active=True)


def _anchored_on(reach: Reach, units: list[OrgUnit]) -> Q:
    """Roles whose unit, with `reach`, opens one of `units`."""
    match reach:
        case Reach.SUBTREE:
            return Q(unit_id__in={pk for u in units for pk in path_ids(u.path)})
        case Reach.PARTY_SUBTREE:
            ids = {pk for u in units for pk in path_ids(u.path)}
            return Q(unit_id__in=ids) & ~Q(unit__kind__in=CELL_KINDS)
        case Reach.BELOW:
            return Q(unit_id__in={pk for u in units for pk in path_ids(u.path)[:-1]})
        case Reach.UNITS_ABOVE:
            q = Q(pk__in=[])
            for u in units:
                q |= subtree_q(u.path, "unit__path")
            return q
        case Reach.OWN_CELL:
            return Q(unit_id__in=[u.pk for u in units if u.is_cell])
        case _:
            return Q(unit_id__in=[u.pk for u in units])


# --- the temporary reach of an inspection's team ----------------------------------------


@dataclass(frozen=True)
class InspectionWindow:
    """An open inspection the user is on the team of: the inspected unit's subtree (its
    path) and the period covered, which its team reads as VIEW_RECORDS would."""

    inspection_id: int
    path: str
    first: date
    last: date


def inspection_windows(user) -> list[InspectionWindow]:
    """The open inspections whose team the user is on, read once per request. (The
    inspection seen from the unit, "inspected_in": orgs reads it without importing the
    inspections app, which depends on orgs.)"""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lamtheo_inspection_windows", None)
    if cached is None:
        rows = OrgUnit.objects.filter(
            is_active=True,
            inspected_in__state="open",
            inspected_in__team=user,
        ).values_list(
            "inspected_in__pk", "path", "inspected_in__period_start", "inspected_in__period_end"
        )
        cached = [InspectionWindow(pk, path, first, last) for pk, path, first, last in rows]
        user._lamtheo_inspection_windows = cached
    return cached


def inspection_reach(
    user, path: str, first: date, last: date | None = None, *, inspection_id: int | None = None
) -> InspectionWindow | None:
    """VIEW_RECORDS extended for the team of an open inspection: the window (of
    `inspection_id`, when given) through which the user reads the records of the unit at
    `path` from `first` to `last` (one day or month when `last` is omitted), or None. Only
    the inspected unit's subtree and only the period covered; closed, concluded or cancelled
    inspections open nothing. Every read through it is logged by the caller (RecordView)."""
    last = last or first
    for w in inspection_windows(user):
        if inspection_id is not None and w.inspection_id != inspection_id:
            continue
        if is_within(path, w.path) and w.first <= last and first <= w.last:
            return w
    return None


# --- who is concerned by a discipline record --------------------------------------------


def discipline_concerned(user, deciding_path: str, subject_path: str) -> bool:
    """May the user read a named discipline record? Only the committee and the inspection
    commission (VIEW_DISCIPLINE, held on the unit itself) of the unit whose body decided
    (`deciding_path`) or of the unit disciplined or whose member is disciplined
    (`subject_path`: the disciplined organization, or the cell the member was in when the
    decision was recorded). The person disciplined reads their own records besides (the
    caller checks that). Nobody else, not even a committee above: it sees counts
    (DISCIPLINE_FIGURES)."""
    return reaches_path(user, Capability.VIEW_DISCIPLINE, deciding_path) or reaches_path(
        user, Capability.VIEW_DISCIPLINE, subject_path
    )


def discipline_q(user, deciding_field: str, subject_field: str) -> Q:
    """The filter form of discipline_concerned on two unit-path fields."""
    return scope_q(user, Capability.VIEW_DISCIPLINE, deciding_field) | scope_q(
        user, Capability.VIEW_DISCIPLINE, subject_field
    )


# --- feedback (phản ánh): who receives a report about a unit ----------------------------

FEEDBACK_HANDLERS = (Capability.HANDLE_FEEDBACK, Capability.HANDLE_FEEDBACK_AS_COMMITTEE)


def feedback_conflict_paths(user) -> set[str]:
    """The units a report about which the user must never see: every unit at or above one
    they belong to (their own cell) or hold a role on. A report about unit U concerns the
    people and the committees of U's subtree; whoever sits anywhere in that subtree is "the
    unit concerned", even when they also hold a role on the level above (a cell's secretary
    who is also an inspector of the đảng bộ does not read the reports about her cell)."""
    paths: set[str] = set()
    for g in [*grants(user), *member_grants(user)]:
        paths.update(ancestor_paths(g.path))
    return paths


def feedback_conflicted(user, concerned_path: str) -> bool:
    return concerned_path in feedback_conflict_paths(user)


def _conflicted_user_ids(concerned: OrgUnit) -> set[int]:
    """The users of the unit concerned: members of its subtree and holders of a current role
    on it or below it."""
    ids = set(
        current_roles()
        .filter(subtree_q(concerned.path, "unit__path"))
        .values_list("user_id", flat=True)
    )
    ids |= set(
        OrgUnit.objects.filter(subtree_q(concerned.path), people__user__isnull=False).values_list(
            "people__user", flat=True
        )
    )
    return ids


def feedback_receivers(concerned: OrgUnit, at: OrgUnit) -> tuple[Capability, QuerySet[Role]] | None:
    """Who at unit `at` would receive a report about `concerned`: its inspection commission
    (HANDLE_FEEDBACK) when someone of it is free of the unit concerned, else its committee
    (HANDLE_FEEDBACK_AS_COMMITTEE), else nobody (None). Never a unit within `concerned`."""
    if is_within(at.path, concerned.path) or not at.is_active:
        return None
    conflicted = _conflicted_user_ids(concerned)
    for capability in FEEDBACK_HANDLERS:
        roles = holders(capability, [at]).exclude(user_id__in=conflicted)
        if roles.exists():
            return capability, roles
    return None


def feedback_route(concerned: OrgUnit) -> tuple[OrgUnit, Capability] | None:
    """The level that receives a report about `concerned` (ARCHITECTURE: feedback routing).

    Walking up from the unit just above `concerned`: the nearest unit with a member of its
    inspection commission (INSPECTOR) who is not of the unit concerned; if no unit above has
    one, the nearest unit above whose committee has a member who is not of the unit
    concerned. Never `concerned` itself nor a unit below it; None for a root (nobody above
    it in this tree) or when nobody above is free of it."""
    above = list(
        OrgUnit.objects.filter(
            path__in=ancestor_paths(concerned.path)[:-1], is_active=True
        ).order_by("-path")
    )
    conflicted = _conflicted_user_ids(concerned)
    for capability in FEEDBACK_HANDLERS:
        for unit in above:
            if holders(capability, [unit]).exclude(user_id__in=conflicted).exists():
                return unit, capability
    return None


def may_handle_feedback(
    user, *, routed: OrgUnit, handler: str, concerned: OrgUnit, sender_id: int | None
) -> bool:
    """May the user read and decide a report routed to `routed` for `handler` about
    `concerned`? The handler capability on the routed unit, nothing of the unit concerned, and
    not their own report (nobody decides on what they sent)."""
    if handler not in FEEDBACK_HANDLERS or (sender_id is not None and sender_id == user.pk):
        return False
    return can(user, Capability(handler), routed) and not feedback_conflicted(user, concerned.path)


def feedback_may_name(user, person, concerned: OrgUnit) -> bool:
    """May a signed-in sender name this member in a report about `concerned`? Only a member
    of that unit's subtree whom the sender may see: one of their own cell, or one whose
    records they may open (VIEW_RECORDS). A report never reveals anyone else's membership."""
    if person.cell is None or not is_within(person.cell.path, concerned.path):
        return False
    own_cell = getattr(getattr(user, "person", None), "cell_id", None)
    return person.cell_id == own_cell or can(user, Capability.VIEW_RECORDS, person.cell)


def feedback_handling_q(user, *, routed: str, handler: str, concerned_path: str, sender: str) -> Q:
    """A filter on reports (field names given) that keeps those the user may handle."""
    q = Q(pk__in=[])
    for capability in FEEDBACK_HANDLERS:
        ids = anchor_unit_ids(user, capability)
        if ids:
            q |= Q(**{f"{routed}__in": ids, handler: capability.value})
    conflicts = feedback_conflict_paths(user)
    q &= ~Q(**{sender: user.pk})  # not one's own report
    return q & ~Q(**{f"{concerned_path}__in": sorted(conflicts)}) if conflicts else q


# --- two-factor sign-in ------------------------------------------------------------------

# The roles whose holders above the cell must pass a second step at sign-in (lamtheo.signin):
# administrators, inspectors and the committees (secretaries and deputies are committee
# members too). On a cell these roles reach only the cell, so the password alone does.
TWO_FACTOR_ROLES = _OVERSIGHT | _roles(RoleKind.ADMIN)


def requires_two_factor(user) -> bool:
    """Must this user sign in with a second factor? Those holding a role of TWO_FACTOR_ROLES
    on a unit above the cell, and Django superusers (the whole tree in the admin pages)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(g.kind in TWO_FACTOR_ROLES and not g.is_cell for g in grants(user))
