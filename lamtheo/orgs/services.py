"""Writes on the tree of organizations and on roles."""

from __future__ import annotations

from django.db import transaction

from lamtheo.core import figures
from lamtheo.core.audit import tag
from lamtheo.orgs.models import OrgUnit, Role, path_segment


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
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)
    if unit.is_cell:
        figures.cells_added(cells=[unit])
    return unit


@transaction.atomic
def role_grant(*, actor, user, unit: OrgUnit, kind: str) -> Role:
    role, _ = Role.objects.get_or_create(user=user, unit=unit, kind=kind)
    tag(role, actor=actor, reason="Giao vai trò")
    role.save()
    return role
