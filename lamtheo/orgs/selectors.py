"""Reads about the tree of party organizations that several apps' pages share."""

from __future__ import annotations

from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can


def breadcrumbs(user, unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors whose figures the user may open, root first (one query): the
    trail above every figures page, which stops at the user's own top unit."""
    ids = unit.ancestor_ids()[:-1]
    ancestors = OrgUnit.objects.filter(pk__in=ids, is_active=True).order_by("path")
    return [a for a in ancestors if can(user, Capability.VIEW_STATS, a)]
