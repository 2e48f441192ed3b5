"""Writes on the tree of organizations and on roles."""

from __future__ import annotations

from django.db import transaction

from lamtheo.core import figures
from lamtheo.core.audit import tag, tag_all
from lamtheo.orgs.actions import OrgAction
from lamtheo.orgs.models import OrgUnit, Role
from lamtheo.orgs.tree import child_path


@transaction.atomic
def unit_create(*, code: str, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    # The path needs the new id, so the row is written twice inside one transaction.
    unit = OrgUnit.objects.create(
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        parent=parent,
        path=f"tmp-{code}",
        depth=(parent.depth + 1) if parent else 0,
    )
    unit.path = child_path(parent.path if parent else "", unit.pk)
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)
    if unit.is_cell:
        figures.cells_added(cells=[unit])
    return unit


@transaction.atomic
def role_grant(*, actor, user, unit: OrgUnit, kind: str) -> Role:
    action, why = OrgAction.ROLE_GRANTED, "Giao vai trò"
    with tag_all(actor=actor, action=action, reason=why):
        role, created = Role.objects.get_or_create(user=user, unit=unit, kind=kind)
    if not created:  # granted again: the history says who confirmed it, and when
        tag(role, actor=actor, action=action, reason=why)
        role.save()
    return role
