"""Writes on discipline records. Each transition is one service:

(record) → in force ─correct (with a reason)→ in force (the decision's details amended)
         in force ─annul (with a reason)→ annulled (kept, no longer counted).

A form is refused when the deciding body has no authority for it (the tree's authority
table, selectors.forms_allowed), when it does not fit the subject (a member, a probationary
member, an organization) or when the subject is outside the deciding unit (a chi bộ
disciplines its own members; a đảng bộ's bodies the members and organizations below it).
The person disciplined (or the committee of the organization) is told; the figures follow
in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import bump_version, record_view, tag
from lamtheo.core.errors import DomainError
from lamtheo.core.notices import notice_send
from lamtheo.core.vietnamese import nfc
from lamtheo.inspections.discipline import selectors
from lamtheo.inspections.discipline.actions import DisciplineAction
from lamtheo.inspections.discipline.models import (
    DEFAULT_AUTHORITY,
    FORMS_OF,
    PROBATIONARY_FORMS,
    DisciplineAuthority,
    DisciplineForm,
    DisciplineRecord,
    Organ,
    RecordState,
    SubjectKind,
    body_name,
)
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, holders
from lamtheo.orgs.selectors import role_title
from lamtheo.orgs.tree import is_within
from lamtheo.people.models import MemberStatus, Person

if TYPE_CHECKING:  # inspections.models names discipline's models: no import back
    from lamtheo.inspections.models import Inspection


@dataclass
class DecisionInput:
    organ: str
    form: str
    decision_number: str
    decision_date: date
    reason: str
    effective_from: date
    effective_to: date | None = None
    person: Person | None = None
    organization: OrgUnit | None = None
    inspection: Inspection | None = None


def _label(choices, value: str) -> str:
    return dict(choices.choices).get(value, value)


def refuse_without_authority(unit: OrgUnit, organ: str, subject_kind: str, form: str) -> None:
    """The deciding body may decide this form on this kind of subject (the tree's table)."""
    if organ not in selectors.organs_of(unit):
        raise DomainError(
            f"{unit.name} không có cơ quan “{_label(Organ, organ)}”: "
            + ("chi bộ quyết định kỷ luật tại hội nghị chi bộ."
               if unit.is_cell else "chọn cấp ủy, ban thường vụ hoặc ủy ban kiểm tra."),
            field="organ",
        )  # fmt: skip
    if form not in selectors.forms_allowed(unit, organ, subject_kind):
        who = "đảng viên" if subject_kind == SubjectKind.MEMBER else "tổ chức đảng"
        raise DomainError(
            f"{body_name(organ, unit)} không có thẩm quyền quyết định hình thức "
            f"“{_label(DisciplineForm, form).lower()}” đối với {who} (theo bảng thẩm quyền thi "
            "hành kỷ luật của đảng bộ).",
            field="form",
        )


def _check(unit: OrgUnit, data: DecisionInput, record: DisciplineRecord) -> None:
    if data.person is not None:
        kind = SubjectKind.MEMBER
        person = data.person
        if person.status == MemberStatus.NON_MEMBER:
            raise DomainError("Chỉ thi hành kỷ luật đảng đối với đảng viên.", field="person")
        cell = person.cell
        # A member keeps the unit they were disciplined in: a correction does not move them.
        if record.pk is None:
            if cell is None or not is_within(cell.path, unit.path):
                raise DomainError(
                    f"Đồng chí {person.full_name} không sinh hoạt trong {unit.name}.",
                    field="person",
                )
            record.subject_unit, record.subject_path = cell, cell.path
            record.was_probationary = person.status == MemberStatus.PROBATIONARY
    elif data.organization is not None:
        kind = SubjectKind.ORGANIZATION
        org = data.organization
        if org.pk == unit.pk or not is_within(org.path, unit.path):
            raise DomainError(
                f"{unit.name} chỉ thi hành kỷ luật tổ chức đảng cấp dưới của mình.",
                field="organization",
            )
        if record.pk is None:
            record.subject_unit, record.subject_path = org, org.path
    else:
        raise DomainError("Chọn đảng viên hoặc tổ chức đảng bị kỷ luật.", field="person")
    if data.form not in FORMS_OF[kind]:
        allowed = ", ".join(_label(DisciplineForm, f).lower() for f in FORMS_OF[kind])
        who = "đảng viên" if kind == SubjectKind.MEMBER else "tổ chức đảng"
        raise DomainError(f"Kỷ luật {who} chỉ có các hình thức: {allowed}.", field="form")
    if (
        kind == SubjectKind.MEMBER
        and record.was_probationary
        and data.form not in PROBATIONARY_FORMS
    ):
        raise DomainError(
            "Đảng viên dự bị chỉ bị kỷ luật bằng hình thức khiển trách hoặc cảnh cáo.",
            field="form",
        )
    refuse_without_authority(unit, data.organ, kind, data.form)
    number = nfc(data.decision_number)
    if not number:
        raise DomainError("Nhập số quyết định.", field="decision_number")
    if not nfc(data.reason):
        raise DomainError("Ghi rõ lý do kỷ luật.", field="reason")
    today = timezone.localdate()
    if data.decision_date > today:
        raise DomainError("Ngày quyết định không thể sau ngày hôm nay.", field="decision_date")
    if data.decision_date.year < 1930:
        raise DomainError("Ngày quyết định không hợp lệ.", field="decision_date")
    if data.effective_from < data.decision_date:
        raise DomainError("Quyết định có hiệu lực từ ngày ký trở đi.", field="effective_from")
    if data.effective_to is not None and data.effective_to < data.effective_from:
        raise DomainError(
            "Ngày hết hiệu lực phải sau ngày bắt đầu có hiệu lực.", field="effective_to"
        )
    if data.inspection is not None:
        ins = data.inspection
        if not is_within(ins.plan.unit.path, unit.path) or not is_within(
            record.subject_path, ins.unit.path
        ):
            raise DomainError(
                "Cuộc kiểm tra phải do đơn vị này (hoặc cấp dưới) tiến hành và có đối tượng "
                "bị kỷ luật trong phạm vi kiểm tra.",
                field="inspection",
            )
    record.subject_kind, record.person, record.organization = kind, data.person, data.organization
    record.unit, record.organ, record.form = unit, data.organ, data.form
    record.decider_level = unit.kind
    record.decision_number, record.decision_date = number, data.decision_date
    record.year = data.decision_date.year
    record.reason = nfc(data.reason)
    record.effective_from, record.effective_to = data.effective_from, data.effective_to
    record.inspection = data.inspection


def _save(record: DisciplineRecord) -> None:
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as e:
        raise DomainError(
            f"Đã có quyết định số {record.decision_number} của cơ quan này trong năm "
            f"{record.year}.",
            field="decision_number",
        ) from e


def _tell(actor, record: DisciplineRecord, text: str, *, subject: str, base_url: str) -> None:
    """The person disciplined, or the committee of the organization, is told."""
    if record.person_id:
        users = [record.person.user] if record.person.user_id else []
        url = reverse("inspections:discipline_mine")
    else:
        users = [r.user for r in holders(Capability.VIEW_DISCIPLINE, [record.organization])
                 .select_related("user")]  # fmt: skip
        url = reverse("inspections:discipline_record", args=[record.pk])
    notice_send(actor=actor, users=users, text=text, url=url, base_url=base_url,
                subject=subject, sender_title=role_title(actor, record.unit))  # fmt: skip


def _decision_text(record: DisciplineRecord) -> str:
    return (f"quyết định số {record.decision_number} ngày {record.decision_date:%d/%m/%Y} của "
            f"{record.deciding_body}")  # fmt: skip


def _figures_changed(record: DisciplineRecord, *years: int) -> None:
    for year in sorted(set(years)):
        figures.units_year_changed(units=[record.subject_unit], year=year, source=DisciplineRecord)


@transaction.atomic
def discipline_record(
    *, actor, unit: OrgUnit, data: DecisionInput, base_url: str = ""
) -> DisciplineRecord:
    """Record a decision of one of the unit's bodies (in force)."""
    if not can(actor, Capability.RECORD_DISCIPLINE, unit):
        raise DomainError("Đồng chí không có quyền ghi quyết định kỷ luật của đơn vị này.")
    record = DisciplineRecord(created_by=actor)
    _check(unit, data, record)
    tag(record, actor=actor, action=DisciplineAction.RECORDED, reason="Ghi quyết định kỷ luật")
    _save(record)
    _figures_changed(record, record.year)
    _tell(
        actor, record,
        f"Theo {_decision_text(record)}, "
        f"{'đồng chí' if record.person_id else record.subject_name} bị kỷ luật bằng hình thức "
        f"{record.get_form_display().lower()}. Lý do: {record.reason}",
        subject="Thông báo quyết định kỷ luật", base_url=base_url,
    )  # fmt: skip
    return record


def _refuse_unless_keeper(actor, record: DisciplineRecord) -> None:
    if not selectors.may_change(actor, record):
        raise DomainError("Chỉ cơ quan đã ghi quyết định mới sửa hoặc hủy được quyết định này.")
    if record.state != RecordState.IN_FORCE:
        raise DomainError("Quyết định đã bị hủy, không sửa hoặc hủy được nữa.")


@transaction.atomic
def discipline_correct(
    *, actor, record: DisciplineRecord, data: DecisionInput, reason: str, version: int,
    base_url: str = "",
) -> DisciplineRecord:  # fmt: skip
    """in force → in force: amend the decision's details (sửa quyết định), with a reason.
    The subject stays the same."""
    _refuse_unless_keeper(actor, record)
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ lý do sửa quyết định.", field="correct_reason")
    data.person, data.organization = record.person, record.organization
    bump_version(record, version)
    old_year = record.year
    _check(record.unit, data, record)
    tag(record, actor=actor, action=DisciplineAction.CORRECTED,
        reason=f"Sửa quyết định: {reason}"[:250])  # fmt: skip
    _save(record)
    _figures_changed(record, old_year, record.year)
    _tell(
        actor, record,
        f"{_decision_text(record).capitalize()} về kỷ luật "
        f"{'đồng chí' if record.person_id else record.subject_name} đã được sửa: hình thức "
        f"{record.get_form_display().lower()}. Lý do sửa: {reason}",
        subject="Sửa quyết định kỷ luật", base_url=base_url,
    )  # fmt: skip
    return record


@transaction.atomic
def discipline_annul(
    *, actor, record: DisciplineRecord, reason: str, version: int, base_url: str = ""
) -> DisciplineRecord:
    """in force → annulled (hủy quyết định), with a reason: kept, no longer counted."""
    _refuse_unless_keeper(actor, record)
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ lý do hủy quyết định.", field="reason")
    bump_version(record, version)
    record.state, record.annul_reason = RecordState.ANNULLED, reason
    tag(record, actor=actor, action=DisciplineAction.ANNULLED, reason=f"Hủy: {reason}"[:250])
    record.save()
    _figures_changed(record, record.year)
    _tell(
        actor, record,
        f"{_decision_text(record).capitalize()} về kỷ luật "
        f"{'đồng chí' if record.person_id else record.subject_name} đã bị hủy. Lý do: {reason}",
        subject="Hủy quyết định kỷ luật", base_url=base_url,
    )  # fmt: skip
    return record


def log_read(*, actor, record: DisciplineRecord) -> None:
    """Someone other than the person opened their discipline record."""
    if record.person_id:
        record_view(viewer=actor, person=record.person, action=DisciplineAction.VIEWED,
                    what=f"Quyết định kỷ luật số {record.decision_number}"[:100])  # fmt: skip


# --- the authority table ------------------------------------------------------------------


@transaction.atomic
def authority_save(
    *, actor, top: OrgUnit, table: dict[str, dict[str, list[str]]], version: int
) -> DisciplineAuthority:
    """The tree's administrators set which forms each organ may decide."""
    if top.parent_id is not None or not selectors.may_edit_authority(actor, top):
        raise DomainError("Chỉ quản trị của đảng bộ cấp trên cùng mới sửa được bảng thẩm quyền.")
    clean: dict[str, dict[str, list[str]]] = {}
    for organ in Organ.values:
        clean[organ] = {}
        for kind in SubjectKind.values:
            forms = (table.get(organ) or {}).get(kind) or []
            clean[organ][kind] = [f for f in FORMS_OF[kind] if f in forms]
    if not any(clean[o][SubjectKind.MEMBER] for o in Organ.values):
        raise DomainError("Phải có ít nhất một cơ quan có thẩm quyền kỷ luật đảng viên.")
    authority = selectors.authority_of(top)
    if authority is None:
        if version != 0:
            raise DomainError("Trang này đã cũ; vui lòng tải lại trang rồi làm lại.")
        authority = DisciplineAuthority(unit=top)
    else:
        bump_version(authority, version)
    authority.table = clean
    tag(authority, actor=actor, action=DisciplineAction.AUTHORITY_EDITED,
        reason="Sửa bảng thẩm quyền thi hành kỷ luật")  # fmt: skip
    authority.save()
    return authority


def default_table() -> dict[str, dict[str, list[str]]]:
    return {o: {k: list(v) for k, v in kinds.items()} for o, kinds in DEFAULT_AUTHORITY.items()}


def discipline_preview(*, actor, unit: OrgUnit, data: DecisionInput) -> DisciplineRecord:
    """The decision as it would be recorded, unsaved (the check-your-answers page): the same
    refusals as discipline_record, nothing written."""
    if not can(actor, Capability.RECORD_DISCIPLINE, unit):
        raise DomainError("Đồng chí không có quyền ghi quyết định kỷ luật của đơn vị này.")
    record = DisciplineRecord(created_by=actor)
    _check(unit, data, record)
    return record
