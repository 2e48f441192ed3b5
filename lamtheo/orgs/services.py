"""Writes on the tree of organizations and on roles."""

from __future__ import annotations

from django.db import transaction

from lamtheo.core import figures
from lamtheo.core.audit import tag, tag_all
from lamtheo.core.errors import DomainError
from lamtheo.core.vietnamese import nfc
from lamtheo.orgs.actions import OrgAction
from lamtheo.orgs.models import OrgUnit, Role, UnitSettings
from lamtheo.orgs.scope import Capability, can
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
