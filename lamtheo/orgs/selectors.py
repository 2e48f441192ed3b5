"""Reads about the tree of party organizations that several apps' pages share."""

from __future__ import annotations

from django.utils import timezone

from lamtheo.orgs.models import OrgUnit, Role, RoleKind, current_role_q
from lamtheo.orgs.scope import Capability, can


def breadcrumbs(user, unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors whose figures the user may open, root first (one query): the
    trail above every figures page, which stops at the user's own top unit."""
    ids = unit.ancestor_ids()[:-1]
    ancestors = OrgUnit.objects.filter(pk__in=ids, is_active=True).order_by("path")
    return [a for a in ancestors if can(user, Capability.VIEW_STATS, a)]


def role_title(user, unit: OrgUnit | None) -> str:
    """What `user` acts as on `unit`, for the sender line of a notice: their role on the
    unit or on the nearest unit above it, e.g. "Bí thư Chi bộ Khoa Nội"; empty when none."""
    if unit is None or user is None or not getattr(user, "pk", None):
        return ""
    order = {kind: i for i, kind in enumerate(RoleKind.values)}
    roles = Role.objects.filter(
        current_role_q(timezone.localdate()), user=user, unit_id__in=unit.ancestor_ids()
    ).select_related("unit")
    best = max(roles, key=lambda r: (len(r.unit.path), -order.get(r.kind, 99)), default=None)
    return f"{best.get_kind_display()} {best.unit.name}" if best else ""
