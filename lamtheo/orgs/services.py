"""Writes on the tree of organizations and on roles."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import tag
from lamtheo.core.dates import format_date
from lamtheo.core.errors import DomainError
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
def role_grant(
    *, actor, user, unit: OrgUnit, kind: str, start_date: date | None = None, reason: str = ""
) -> Role:
    """Give `user` the role `kind` on `unit` from `start_date` (today by default). Granted
    again while the role is still open: the same assignment, confirmed in its history."""
    action, why = OrgAction.ROLE_GRANTED, reason.strip() or "Giao vai trò"
    role = (
        Role.objects.select_for_update()
        .filter(user=user, unit=unit, kind=kind, end_date__isnull=True)
        .first()
    )
    if role is None:
        role = Role(user=user, unit=unit, kind=kind, start_date=start_date or timezone.localdate())
    tag(role, actor=actor, action=action, reason=why)
    role.save()
    return role


@transaction.atomic
def role_end(*, actor, role: Role, end_date: date, reason: str) -> Role:
    """End the role: from `end_date` on it is no longer held (it opens nothing)."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.end_date is not None:
        raise DomainError(f"Vai trò này đã kết thúc từ ngày {format_date(role.end_date)}.")
    if end_date < role.start_date:
        raise DomainError(
            f"Ngày thôi giữ vai trò phải từ ngày bắt đầu ({format_date(role.start_date)}) "
            "trở về sau.",
            field="end_date",
        )
    role.end_date = end_date
    tag(role, actor=actor, action=OrgAction.ROLE_ENDED, reason=reason.strip() or "Kết thúc")
    role.save()
    return role
