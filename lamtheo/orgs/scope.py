"""The one door for scope: who may see and do what, where.

A person always sees their own records. A role held on a unit gives its
capabilities over the unit's whole subtree. Anything outside scope is a 404,
so "missing" and "not yours" look the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404

from lamtheo.orgs.models import OrgUnit, Role, RoleKind, subtree_upper_bound


class Capability(StrEnum):
    VIEW_STATS = "view_stats"  # aggregate figures of the subtree
    VIEW_RECORDS = "view_records"  # open a named person's registration and handbook
    REVIEW = "review"  # accept/return registrations, review handbook entries
    ENTER_ON_BEHALF = "enter_on_behalf"  # fill a month for a member without a device
    REMIND = "remind"  # send reminders to the people behind a rate
    VIEW_AUDIT = "view_audit"  # the audit trail of records in the subtree
    MANAGE_ROSTER = "manage_roster"  # import the tree and the roster
    MANAGE_TOPICS = "manage_topics"  # the topic library and its study materials
    ORGANIZE_STUDY = "organize_study"  # schedule study sessions for the subtree
    RECORD_ATTENDANCE = "record_attendance"  # who attended a session, who made it up
    RECORD_MEETINGS = "record_meetings"  # the cell's monthly meetings and their minutes
    ISSUE_DOCUMENTS = "issue_documents"  # keep the register of documents the unit issues
    RECEIVE_DOCUMENTS = "receive_documents"  # acknowledge and report on documents received
    PUBLISH_PROGRAMMES = "publish_programmes"  # make key leaders' registrations public
    MANAGE_STORIES = "manage_stories"  # the library of stories for the morning briefing
    READ_STORIES = "read_stories"  # mark the story of the day read at a unit's briefing


_ALL = set(RoleKind)
CAPABILITIES: dict[Capability, set[str]] = {
    Capability.VIEW_STATS: _ALL,
    # A person's handbook text: their cell's secretaries and the committees above who drill
    # down on purpose (logged); propaganda officers and administrators see figures and names.
    Capability.VIEW_RECORDS: {
        RoleKind.SECRETARY,
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
        RoleKind.INSPECTOR,
    },
    Capability.REVIEW: {RoleKind.SECRETARY, RoleKind.DEPUTY},
    Capability.ENTER_ON_BEHALF: {RoleKind.SECRETARY, RoleKind.DEPUTY},
    Capability.REMIND: {
        RoleKind.SECRETARY,
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
        RoleKind.PROPAGANDA,
        RoleKind.ADMIN,
    },
    Capability.VIEW_AUDIT: {
        RoleKind.SECRETARY,
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
        RoleKind.INSPECTOR,
        RoleKind.ADMIN,
    },
    Capability.MANAGE_ROSTER: {RoleKind.ADMIN},
    Capability.MANAGE_TOPICS: {RoleKind.PROPAGANDA, RoleKind.COMMITTEE},
    Capability.ORGANIZE_STUDY: {RoleKind.PROPAGANDA, RoleKind.COMMITTEE},
    Capability.RECORD_ATTENDANCE: {RoleKind.SECRETARY, RoleKind.DEPUTY},
    Capability.RECORD_MEETINGS: {RoleKind.SECRETARY, RoleKind.DEPUTY},
    Capability.ISSUE_DOCUMENTS: {
        RoleKind.SECRETARY,
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
        RoleKind.PROPAGANDA,
    },
    Capability.RECEIVE_DOCUMENTS: {
        RoleKind.SECRETARY,
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
        RoleKind.PROPAGANDA,
    },
    Capability.PUBLISH_PROGRAMMES: {RoleKind.SECRETARY, RoleKind.DEPUTY, RoleKind.COMMITTEE},
    Capability.MANAGE_STORIES: {RoleKind.PROPAGANDA},
    Capability.READ_STORIES: {
        RoleKind.SECRETARY,
        RoleKind.DEPUTY,
        RoleKind.COMMITTEE,
        RoleKind.PROPAGANDA,
    },
}


@dataclass(frozen=True)
class Grant:
    kind: str
    unit_id: int
    path: str


def grants(user) -> list[Grant]:
    """The user's roles, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lamtheo_grants", None)
    if cached is None:
        cached = [
            Grant(kind, unit_id, path)
            for kind, unit_id, path in Role.objects.filter(
                user=user, unit__is_active=True
            ).values_list("kind", "unit_id", "unit__path")
        ]
        user._lamtheo_grants = cached
    return cached


def _paths_with(user, capability: Capability) -> list[str]:
    allowed = CAPABILITIES[capability]
    paths = sorted({g.path for g in grants(user) if g.kind in allowed})
    # Drop paths inside another granted path: the outer one covers them.
    kept: list[str] = []
    for p in paths:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def can(user, capability: Capability, unit: OrgUnit | None) -> bool:
    if unit is None:
        return False
    return any(unit.path.startswith(p) for p in _paths_with(user, capability))


def has_any(user, capability: Capability) -> bool:
    return bool(_paths_with(user, capability))


def subtree_q(path: str, field: str = "path") -> Q:
    return Q(**{f"{field}__gte": path, f"{field}__lt": subtree_upper_bound(path)})


def scope_q(user, capability: Capability, field: str = "path") -> Q:
    """A filter on `field` (a unit path) that keeps the user's subtrees; matches nothing
    when the user has no such role."""
    q = Q(pk__in=[])
    for p in _paths_with(user, capability):
        q |= subtree_q(p, field)
    return q


def visible_units(user, capability: Capability = Capability.VIEW_STATS) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope_q(user, capability))


def top_units(user, capability: Capability = Capability.VIEW_STATS) -> list[OrgUnit]:
    """The highest units the user holds the capability on (their dashboards' starting points)."""
    paths = _paths_with(user, capability)
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path"))


def get_unit_or_404(user, code: str, capability: Capability) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code, is_active=True).first()
    if unit is None or not can(user, capability, unit):
        raise Http404("Không tìm thấy tổ chức đảng.")
    return unit
