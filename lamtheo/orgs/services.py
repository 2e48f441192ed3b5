"""Writes on the tree of organizations and on roles."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import tag
from lamtheo.core.dates import format_date, historical_date_problem
from lamtheo.core.errors import DomainError
from lamtheo.core.vietnamese import nfc
from lamtheo.orgs.actions import OrgAction
from lamtheo.orgs.models import OrgUnit, Role, RoleKind, UnitSettings, current_role_q
from lamtheo.orgs.scope import Capability, can
from lamtheo.orgs.tree import ancestor_paths, child_path, subtree_q


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
    if start_date is not None and (
        problem := historical_date_problem(
            start_date, on=timezone.localdate(), what="Ngày bắt đầu giữ vai trò"
        )
    ):
        raise DomainError(problem, field="start_date")
    if problem := sole_holder_problem(user, unit, kind, start_date or timezone.localdate()):
        raise DomainError(problem, field="person_code")
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


# A unit has one secretary at a time: another is refused until the role of the one in office
# ends (the day it ends, the new one may start). Deputies and committee members are many.
SOLE_ROLE_KINDS = (RoleKind.SECRETARY,)


def sole_holder_problem(user, unit, kind: str, start: date) -> str:
    """Why `user` (a user, its id, or None for someone without an account yet) cannot hold
    `kind` on `unit` (anything with the unit's id and name) from `start` on; empty if they can."""
    if kind not in SOLE_ROLE_KINDS:
        return ""
    holder = (
        Role.objects.filter(unit_id=unit.id, kind=kind)
        .exclude(user=user)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
        .select_related("user__person")
        .order_by("start_date")
        .first()
    )
    if holder is None:
        return ""
    person = getattr(holder.user, "person", None)
    name = person.full_name if person else holder.user.get_username()
    label = RoleKind(kind).label
    return (
        f"{unit.name} đã có {label} là đồng chí {name} (từ ngày "
        f"{format_date(holder.start_date)}). Mỗi tổ chức chỉ có một {label.lower()}: vui lòng "
        "ghi việc đồng chí ấy thôi giữ vai trò trước khi giao cho người khác."
    )


@transaction.atomic
def role_end(*, actor, role: Role, end_date: date, reason: str) -> Role:
    """End the role: from `end_date` on it is no longer held (it opens nothing)."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.end_date is not None:
        raise DomainError(f"Vai trò này đã kết thúc từ ngày {format_date(role.end_date)}.")
    if problem := historical_date_problem(
        end_date, on=timezone.localdate(), what="Ngày thôi giữ vai trò"
    ):
        raise DomainError(problem, field="end_date")
    if end_date < role.start_date:
        raise DomainError(
            f"Ngày thôi giữ vai trò phải từ ngày bắt đầu ({format_date(role.start_date)}) "
            "trở về sau.",
            field="end_date",
        )
    if role.kind == RoleKind.ADMIN and not _admins_remain(role, end_date):
        raise DomainError(
            "Đây là quản trị viên cuối cùng của cây tổ chức: vui lòng giao vai trò quản trị "
            "viên cho một đồng chí khác trước khi ghi việc thôi giữ vai trò này.",
            field="end_date",
        )
    role.end_date = end_date
    tag(role, actor=actor, action=OrgAction.ROLE_ENDED, reason=reason.strip() or "Kết thúc")
    role.save()
    return role


def _admins_remain(role: Role, end_date: date) -> bool:
    """Does the tree of the role's unit keep a current administrator (an active account on
    an active unit) once `role` ends on `end_date`? A tree without one can no longer be
    administered from the application. An administrator role not yet started leaves none
    missing."""
    today = timezone.localdate()
    if role.start_date > today:
        return True
    root = ancestor_paths(role.unit.path)[0]
    others = (
        Role.objects.filter(current_role_q(today), subtree_q(root, "unit__path"))
        .filter(kind=RoleKind.ADMIN, user__is_active=True, unit__is_active=True)
        .exclude(pk=role.pk)
        .exclude(end_date__lte=end_date)
    )
    return others.exists()


PLACE_MAX_LENGTH = 100


@transaction.atomic
def unit_settings_save(*, actor, unit: OrgUnit, document_place: str) -> UnitSettings:
    """The place name printed before the date of the unit's documents (and of the units
    below that set none); empty: the one of the unit above."""
    if not can(actor, Capability.MANAGE_UNIT_SETTINGS, unit):
        raise DomainError("Đồng chí không có quyền đổi cài đặt của đơn vị này.")
    place = " ".join(nfc(document_place or "").split())
    if len(place) > PLACE_MAX_LENGTH:
        raise DomainError(
            f"Địa danh dài quá {PLACE_MAX_LENGTH} ký tự; vui lòng ghi ngắn gọn, ví dụ “Nha Trang”.",
            "document_place",
        )
    if any(ch in place for ch in ",;\n") or (place and not any(ch.isalpha() for ch in place)):
        raise DomainError(
            "Địa danh chỉ ghi tên địa phương, không có dấu phẩy, ví dụ “Nha Trang”; "
            "ngày tháng năm do phần mềm ghi.",
            "document_place",
        )
    current = UnitSettings.objects.select_for_update().filter(unit=unit).first()
    current = current or UnitSettings(unit=unit)
    if current.pk and current.document_place == place:
        return current
    current.document_place = place
    tag(
        current,
        actor=actor,
        action=OrgAction.SETTINGS_CHANGED,
        reason="Đổi địa danh ghi trên văn bản",
    )
    current.save()
    return current
