"""Writes on plans, inspections, findings and remedies. Each transition is one service:

inspection: (create) planned ─open→ open ─conclude→ concluded;
            planned or open ─cancel (with a reason)→ cancelled.
finding:    recorded, edited or removed only while the inspection is open; an ưu điểm has no
            remedy; a hạn chế or vi phạm waits (pending) until the conclusion assigns it.
remedy:     pending ─conclude→ open ─report→ reported ─accept→ accepted
                                      reported ─reopen (with a reason)→ open.

Every write on an inspection or a finding tells core.figures which units' figures of the
plan's year changed (`_counted`), in its own transaction (inspections.figures keeps them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.audit import bump_version, record_view, tag
from lamtheo.core.dates import format_date
from lamtheo.core.errors import DomainError
from lamtheo.core.models import StoredFile
from lamtheo.core.notices import last_sent, notice_send, refuse_repeat
from lamtheo.core.vietnamese import nfc
from lamtheo.inspections import selectors
from lamtheo.inspections.actions import InspectionAction
from lamtheo.inspections.models import (
    Evidence,
    Finding,
    FindingCategory,
    FindingKind,
    Inspection,
    InspectionKind,
    InspectionPlan,
    InspectionState,
    RemedyState,
)
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, holders
from lamtheo.orgs.selectors import role_title
from lamtheo.orgs.tree import is_within
from lamtheo.people.models import Person

# --- plans --------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor, unit: OrgUnit, year: int, title: str) -> InspectionPlan:
    if not can(actor, Capability.PLAN_INSPECTIONS, unit):
        raise DomainError("Đồng chí không có quyền lập kế hoạch kiểm tra của đơn vị này.")
    title = nfc(title)
    if not title:
        raise DomainError("Nhập tên kế hoạch.", field="title")
    if InspectionPlan.objects.filter(unit=unit, year=year).exists():
        raise DomainError(f"Đơn vị đã có kế hoạch kiểm tra, giám sát năm {year}.", field="year")
    plan = InspectionPlan(unit=unit, year=year, title=title, created_by=actor)
    tag(plan, actor=actor, action=InspectionAction.PLAN_CREATED, reason="Lập kế hoạch")
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as e:
        raise DomainError(
            f"Đơn vị đã có kế hoạch kiểm tra, giám sát năm {year}.", field="year"
        ) from e
    return plan


@transaction.atomic
def plan_update(*, actor, plan: InspectionPlan, title: str, version: int) -> InspectionPlan:
    _refuse_unless_keeper(actor, plan)
    title = nfc(title)
    if not title:
        raise DomainError("Nhập tên kế hoạch.", field="title")
    bump_version(plan, version)
    plan.title = title
    tag(plan, actor=actor, action=InspectionAction.PLAN_EDITED, reason="Sửa tên kế hoạch")
    plan.save()
    return plan


def _refuse_unless_keeper(actor, plan: InspectionPlan) -> None:
    if not selectors.can_keep_plan(actor, plan):
        raise DomainError("Đồng chí không có quyền sửa kế hoạch kiểm tra của đơn vị này.")


# --- inspections --------------------------------------------------------------------------


def _counted(inspection: Inspection, source, *also: OrgUnit | None) -> None:
    """The figures of the plan's year change for the planning unit, the unit inspected and
    `also` (the unit inspected before an edit)."""
    units = {u.pk: u for u in (inspection.plan.unit, inspection.unit, *also) if u is not None}
    figures.units_year_changed(units=units.values(), year=inspection.plan.year, source=source)


@dataclass
class InspectionInput:
    kind: str
    subject: str
    unit: OrgUnit
    period_start: date
    period_end: date
    starts_on: date
    ends_on: date
    team: list[User] = field(default_factory=list)
    person: Person | None = None


def team_candidates(plan: InspectionPlan):
    """Who may be on a team: people with an account in the planning unit's subtree, and
    those holding a role on the planning unit."""
    from lamtheo.orgs.tree import subtree_q

    return User.objects.filter(
        subtree_q(plan.unit.path, "person__cell__path")
        | subtree_q(plan.unit.path, "roles__unit__path"),
        is_active=True,
    ).distinct()


def _apply(plan: InspectionPlan, inspection: Inspection, data: InspectionInput) -> None:
    if data.kind not in InspectionKind.values:
        raise DomainError("Chọn hình thức: kiểm tra, giám sát hoặc khảo sát.", field="kind")
    subject = nfc(data.subject)
    if not subject:
        raise DomainError("Nhập nội dung kiểm tra, giám sát.", field="subject")
    if not data.unit.is_active or not is_within(data.unit.path, plan.unit.path):
        raise DomainError(
            "Chỉ kiểm tra, giám sát được tổ chức đảng thuộc phạm vi của đơn vị lập kế hoạch.",
            field="unit",
        )
    if data.person is not None and (
        data.person.cell_id is None or not is_within(data.person.cell.path, data.unit.path)
    ):
        raise DomainError(
            "Đảng viên được kiểm tra phải sinh hoạt trong tổ chức đảng được kiểm tra.",
            field="person",
        )
    if data.period_start > data.period_end:
        raise DomainError(
            "Thời kỳ kiểm tra: ngày bắt đầu phải trước ngày kết thúc.", field="period_end"
        )
    if data.starts_on > data.ends_on:
        raise DomainError("Ngày kết thúc phải từ ngày bắt đầu trở đi.", field="ends_on")
    if data.starts_on.year != plan.year and data.ends_on.year != plan.year:
        raise DomainError(
            f"Cuộc kiểm tra trong kế hoạch năm {plan.year} phải diễn ra trong năm đó.",
            field="starts_on",
        )
    if data.period_start > data.ends_on:
        raise DomainError(
            "Thời kỳ kiểm tra không thể bắt đầu sau khi cuộc kiểm tra kết thúc.",
            field="period_start",
        )
    allowed = set(team_candidates(plan).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in data.team):
        raise DomainError(
            "Thành viên đoàn phải là người có tài khoản thuộc đơn vị lập kế hoạch.",
            field="team",
        )
    inspection.kind, inspection.subject = data.kind, subject
    inspection.unit, inspection.person = data.unit, data.person
    inspection.period_start, inspection.period_end = data.period_start, data.period_end
    inspection.starts_on, inspection.ends_on = data.starts_on, data.ends_on


@transaction.atomic
def inspection_create(*, actor, plan: InspectionPlan, data: InspectionInput) -> Inspection:
    """Add an inspection to the plan (planned)."""
    _refuse_unless_keeper(actor, plan)
    inspection = Inspection(plan=plan, created_by=actor)
    _apply(plan, inspection, data)
    tag(
        inspection,
        actor=actor,
        action=InspectionAction.INSPECTION_CREATED,
        reason="Thêm vào kế hoạch",
    )
    inspection.save()
    inspection.team.set(data.team)
    _counted(inspection, Inspection)
    return inspection


@transaction.atomic
def inspection_update(
    *, actor, inspection: Inspection, data: InspectionInput, version: int
) -> Inspection:
    """Edit a planned or open inspection (an open one keeps its team reading)."""
    _refuse_unless_keeper(actor, inspection.plan)
    if inspection.state not in (InspectionState.PLANNED, InspectionState.OPEN):
        raise DomainError("Cuộc kiểm tra đã kết thúc hoặc đã hủy, không sửa được nữa.")
    bump_version(inspection, version)
    inspected_before = inspection.unit
    _apply(inspection.plan, inspection, data)
    names = ", ".join(sorted(u.get_full_name() or u.username for u in data.team))
    tag(
        inspection,
        actor=actor,
        action=InspectionAction.INSPECTION_EDITED,
        reason=f"Sửa cuộc kiểm tra; đoàn: {names or 'chưa có'}"[:250],
    )
    inspection.save()
    inspection.team.set(data.team)
    _counted(inspection, Inspection, inspected_before)
    return inspection


def _refuse_unless_runner(actor, inspection: Inspection) -> None:
    if not selectors.can_run(actor, inspection):
        raise DomainError("Chỉ đoàn kiểm tra hoặc đơn vị lập kế hoạch mới làm được việc này.")


@transaction.atomic
def inspection_open(*, actor, inspection: Inspection, version: int) -> Inspection:
    """planned → open: the team starts reading the records of the period covered."""
    _refuse_unless_runner(actor, inspection)
    if inspection.state != InspectionState.PLANNED:
        raise DomainError("Chỉ bắt đầu được cuộc kiểm tra đang trong kế hoạch.")
    if not inspection.team.exists():
        raise DomainError("Cuộc kiểm tra chưa có đoàn: thêm thành viên đoàn trước khi bắt đầu.")
    bump_version(inspection, version)
    inspection.state, inspection.opened_at = InspectionState.OPEN, timezone.now()
    tag(inspection, actor=actor, action=InspectionAction.INSPECTION_OPENED, reason="Bắt đầu")
    inspection.save()
    _counted(inspection, Inspection)
    return inspection


@transaction.atomic
def inspection_cancel(*, actor, inspection: Inspection, reason: str, version: int) -> Inspection:
    _refuse_unless_keeper(actor, inspection.plan)
    if inspection.state not in (InspectionState.PLANNED, InspectionState.OPEN):
        raise DomainError("Chỉ hủy được cuộc kiểm tra chưa kết luận.")
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ lý do hủy cuộc kiểm tra.", field="reason")
    bump_version(inspection, version)
    inspection.state, inspection.cancel_reason = InspectionState.CANCELLED, reason
    tag(
        inspection,
        actor=actor,
        action=InspectionAction.INSPECTION_CANCELLED,
        reason=f"Hủy: {reason}"[:250],
    )
    inspection.save()
    _counted(inspection, Inspection)
    return inspection


def _responsible_users(finding: Finding) -> list:
    if finding.responsible_person_id:
        user = finding.responsible_person.user
        return [user] if user is not None else []
    units = [finding.responsible_unit]
    return [r.user for r in holders(Capability.REPORT_REMEDIES, units).select_related("user")]


def _remedy_url(finding: Finding) -> str:
    return reverse("inspections:remedy", args=[finding.pk])


@transaction.atomic
def inspection_conclude(
    *, actor, inspection: Inspection, conclusion: str, concluded_on: date, version: int,
    base_url: str = "", today: date | None = None,
) -> Inspection:  # fmt: skip
    """open → concluded: the conclusion is issued; each hạn chế or vi phạm's remedy is
    assigned to the side responsible, who is told. `today`: the day the conclusion is
    written on (the demo plays days past; the pages never pass it)."""
    _refuse_unless_runner(actor, inspection)
    if inspection.state != InspectionState.OPEN:
        raise DomainError("Chỉ kết luận được cuộc kiểm tra đang tiến hành.")
    conclusion = nfc(conclusion)
    if not conclusion:
        raise DomainError("Nhập nội dung kết luận.", field="conclusion")
    if concluded_on > (today or timezone.localdate()):
        raise DomainError("Ngày kết luận không thể sau ngày hôm nay.", field="concluded_on")
    if concluded_on < inspection.starts_on:
        raise DomainError(
            "Ngày kết luận không thể trước ngày bắt đầu cuộc kiểm tra.", field="concluded_on"
        )
    if not inspection.findings.exists():
        raise DomainError(
            "Ghi ít nhất một nội dung (ưu điểm, hạn chế hoặc vi phạm) trước khi kết luận."
        )
    bump_version(inspection, version)
    inspection.state = InspectionState.CONCLUDED
    inspection.conclusion, inspection.concluded_on = conclusion, concluded_on
    tag(
        inspection,
        actor=actor,
        action=InspectionAction.INSPECTION_CONCLUDED,
        reason="Thông báo kết luận",
    )
    inspection.save()
    title = role_title(actor, inspection.plan.unit)
    pending = inspection.findings.filter(remedy_state=RemedyState.PENDING).select_related(
        "responsible_unit", "responsible_person__user"
    )
    for finding in pending:
        finding.remedy_state = RemedyState.OPEN
        tag(
            finding,
            actor=actor,
            action=InspectionAction.REMEDY_ASSIGNED,
            reason="Giao khắc phục theo kết luận",
        )
        finding.save()
        notice_send(
            actor=actor,
            users=_responsible_users(finding),
            text=f"{inspection.plan.unit.name} kết luận {inspection.get_kind_display().lower()} "
            f"“{inspection.subject}”: yêu cầu khắc phục “{finding.remedy}”, hạn "
            f"{finding.deadline:%d/%m/%Y}.",
            url=_remedy_url(finding),
            base_url=base_url,
            subject="Yêu cầu khắc phục sau kiểm tra, giám sát",
            sender_title=title,
        )
    _counted(inspection, Inspection)
    return inspection


# --- evidence and findings ----------------------------------------------------------------


def _refuse_unless_open(inspection: Inspection) -> None:
    if inspection.state != InspectionState.OPEN:
        raise DomainError("Chỉ ghi được khi cuộc kiểm tra đang tiến hành.")


@transaction.atomic
def evidence_add(
    *, actor, inspection: Inspection, note: str, file: StoredFile | None = None
) -> Evidence:
    _refuse_unless_runner(actor, inspection)
    _refuse_unless_open(inspection)
    note = nfc(note)
    if not note and file is None:
        raise DomainError("Nhập ghi chép hoặc chọn tệp minh chứng.", field="note")
    evidence = Evidence(inspection=inspection, note=note, file=file, created_by=actor)
    tag(evidence, actor=actor, action=InspectionAction.EVIDENCE_ADDED, reason="Thêm minh chứng")
    evidence.save()
    return evidence


@dataclass
class FindingInput:
    kind: str
    text: str
    category: FindingCategory | None = None
    remedy: str = ""
    responsible_unit: OrgUnit | None = None
    responsible_person: Person | None = None
    deadline: date | None = None


def _apply_finding(
    inspection: Inspection, finding: Finding, data: FindingInput, today: date | None = None
) -> None:
    if data.kind not in FindingKind.values:
        raise DomainError("Chọn loại: ưu điểm, hạn chế hoặc vi phạm.", field="kind")
    text = nfc(data.text)
    if not text:
        raise DomainError("Nhập nội dung.", field="text")
    if data.category is not None and not data.category.is_active:
        raise DomainError("Nhóm này không còn dùng; chọn nhóm khác.", field="category")
    finding.kind, finding.text, finding.category = data.kind, text, data.category
    if data.kind == FindingKind.STRENGTH:
        finding.remedy, finding.deadline = "", None
        finding.responsible_unit = finding.responsible_person = None
        finding.remedy_state = RemedyState.NONE
        return
    remedy = nfc(data.remedy)
    if not remedy:
        raise DomainError("Hạn chế, vi phạm phải có yêu cầu khắc phục.", field="remedy")
    if data.responsible_unit is None and data.responsible_person is None:
        raise DomainError(
            "Chọn tổ chức đảng hoặc đảng viên chịu trách nhiệm khắc phục.",
            field="responsible_unit",
        )
    if data.responsible_unit is not None and not is_within(
        data.responsible_unit.path, inspection.unit.path
    ):
        raise DomainError(
            "Đơn vị chịu trách nhiệm phải là tổ chức được kiểm tra hoặc trực thuộc.",
            field="responsible_unit",
        )
    if data.responsible_person is not None and not selectors.person_within(
        inspection, data.responsible_person
    ):
        raise DomainError(
            "Đảng viên chịu trách nhiệm phải thuộc tổ chức được kiểm tra.",
            field="responsible_person",
        )
    if data.deadline is None:
        raise DomainError("Nhập hạn khắc phục.", field="deadline")
    if data.deadline < (today or timezone.localdate()):
        raise DomainError("Hạn khắc phục không thể trước ngày hôm nay.", field="deadline")
    finding.remedy, finding.deadline = remedy, data.deadline
    finding.responsible_unit = data.responsible_unit
    finding.responsible_person = data.responsible_person
    finding.remedy_state = RemedyState.PENDING


@transaction.atomic
def finding_add(
    *, actor, inspection: Inspection, data: FindingInput, today: date | None = None
) -> Finding:
    """`today`: the day the finding is written on, which a deadline may not precede (the
    demo plays days past; the pages never pass it)."""
    _refuse_unless_runner(actor, inspection)
    _refuse_unless_open(inspection)
    finding = Finding(inspection=inspection, created_by=actor)
    _apply_finding(inspection, finding, data, today)
    tag(finding, actor=actor, action=InspectionAction.FINDING_ADDED, reason="Ghi nội dung")
    finding.save()
    _counted(inspection, Finding)
    return finding


@transaction.atomic
def finding_update(*, actor, finding: Finding, data: FindingInput, version: int) -> Finding:
    _refuse_unless_runner(actor, finding.inspection)
    _refuse_unless_open(finding.inspection)
    bump_version(finding, version)
    _apply_finding(finding.inspection, finding, data)
    tag(finding, actor=actor, action=InspectionAction.FINDING_EDITED, reason="Sửa nội dung")
    finding.save()
    _counted(finding.inspection, Finding)
    return finding


@transaction.atomic
def finding_remove(*, actor, finding: Finding, version: int) -> None:
    _refuse_unless_runner(actor, finding.inspection)
    _refuse_unless_open(finding.inspection)
    bump_version(finding, version)
    tag(finding, actor=actor, action=InspectionAction.FINDING_REMOVED, reason="Bỏ nội dung")
    finding.delete()
    _counted(finding.inspection, Finding)


# --- remedies -----------------------------------------------------------------------------


def _team_users(inspection: Inspection) -> list:
    return list(inspection.team.all())


@transaction.atomic
def remedy_report(
    *, actor, finding: Finding, text: str, version: int, file: StoredFile | None = None,
    base_url: str = "",
) -> Finding:  # fmt: skip
    """open → reported: the side responsible says what it did, with evidence."""
    if not selectors.is_responsible(actor, finding):
        raise DomainError("Chỉ đơn vị hoặc đảng viên chịu trách nhiệm mới báo cáo khắc phục.")
    if finding.remedy_state != RemedyState.OPEN:
        raise DomainError("Chỉ báo cáo được việc khắc phục đang thực hiện.")
    text = nfc(text)
    if not text:
        raise DomainError("Ghi rõ đã khắc phục thế nào.", field="text")
    bump_version(finding, version)
    finding.remedy_state, finding.report_text = RemedyState.REPORTED, text
    if file is not None:
        finding.report_file = file
    finding.reported_at, finding.reported_by = timezone.now(), actor
    tag(finding, actor=actor, action=InspectionAction.REMEDY_REPORTED, reason="Báo cáo")
    finding.save()
    _counted(finding.inspection, Finding)
    where = finding.responsible_unit or finding.responsible_person
    notice_send(
        actor=actor,
        users=_team_users(finding.inspection),
        text=f"{where} báo cáo đã khắc phục: “{finding.remedy}”. Đề nghị đoàn xem xét.",
        url=_remedy_url(finding),
        base_url=base_url,
        subject="Báo cáo khắc phục sau kiểm tra, giám sát",
        sender_title=role_title(actor, finding.responsible_unit)
        if finding.responsible_unit
        else "",
    )
    return finding


def _refuse_unless_judge(actor, finding: Finding) -> None:
    _refuse_unless_runner(actor, finding.inspection)
    if finding.remedy_state != RemedyState.REPORTED:
        raise DomainError("Chỉ xem xét được việc khắc phục đã được báo cáo.")


@transaction.atomic
def remedy_accept(*, actor, finding: Finding, version: int, base_url: str = "") -> Finding:
    """reported → accepted (closed)."""
    _refuse_unless_judge(actor, finding)
    bump_version(finding, version)
    finding.remedy_state, finding.accepted_at = RemedyState.ACCEPTED, timezone.now()
    tag(finding, actor=actor, action=InspectionAction.REMEDY_ACCEPTED, reason="Công nhận")
    finding.save()
    _counted(finding.inspection, Finding)
    notice_send(
        actor=actor,
        users=_responsible_users(finding),
        text=f"Đoàn kiểm tra công nhận đã khắc phục xong: “{finding.remedy}”.",
        url=_remedy_url(finding),
        base_url=base_url,
        subject="Công nhận đã khắc phục",
        sender_title=role_title(actor, finding.inspection.plan.unit),
    )
    return finding


@transaction.atomic
def remedy_reopen(
    *, actor, finding: Finding, reason: str, version: int, base_url: str = ""
) -> Finding:
    """reported → open again, with the reason."""
    _refuse_unless_judge(actor, finding)
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi rõ vì sao chưa công nhận đã khắc phục.", field="reason")
    bump_version(finding, version)
    finding.remedy_state, finding.reopen_reason = RemedyState.OPEN, reason
    tag(
        finding,
        actor=actor,
        action=InspectionAction.REMEDY_REOPENED,
        reason=f"Khắc phục tiếp: {reason}"[:250],
    )
    finding.save()
    _counted(finding.inspection, Finding)
    notice_send(
        actor=actor,
        users=_responsible_users(finding),
        text=f"Đoàn kiểm tra chưa công nhận việc khắc phục “{finding.remedy}”: {reason}",
        url=_remedy_url(finding),
        base_url=base_url,
        subject="Yêu cầu khắc phục tiếp",
        sender_title=role_title(actor, finding.inspection.plan.unit),
    )
    return finding


# --- categories and logged reads ----------------------------------------------------------


@transaction.atomic
def category_save(
    *, actor, name: str, is_active: bool = True, category: FindingCategory | None = None,
    version: int = 0,
) -> FindingCategory:  # fmt: skip
    if not selectors.may_edit_categories(actor):
        raise DomainError("Đồng chí không có quyền sửa danh mục nội dung phát hiện.")
    name = nfc(name)
    if not name:
        raise DomainError("Nhập tên nhóm.", field="name")
    clash = FindingCategory.objects.filter(name__iexact=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise DomainError("Đã có nhóm này trong danh mục.", field="name")
    if category is None:
        category = FindingCategory(order=FindingCategory.objects.count() + 1)
        action = InspectionAction.CATEGORY_CREATED
    else:
        bump_version(category, version)
        action = InspectionAction.CATEGORY_EDITED
    category.name, category.is_active = name, is_active
    tag(category, actor=actor, action=action, reason="Danh mục nội dung phát hiện")
    category.save()
    return category


def log_records_read(*, actor, inspection: Inspection, person: Person, what: str) -> None:
    """Every read of a person's records by an inspection's team is logged."""
    record_view(
        viewer=actor,
        person=person,
        action=InspectionAction.RECORDS_VIEWED,
        what=f"{inspection.get_kind_display()} “{inspection.subject}”: {what}"[:100],
    )


def log_signal_evidence_read(*, actor, people, kind_label: str) -> None:
    """Opening the named records behind a formalism signal is logged for each person."""
    for person in people:
        record_view(
            viewer=actor,
            person=person,
            action=InspectionAction.SIGNAL_EVIDENCE_VIEWED,
            what=f"Căn cứ dấu hiệu hình thức: {kind_label}"[:100],
        )


# --- reminders of remedies not done by their deadline -------------------------------------


def remedy_reminder_text(finding: Finding) -> str:
    return (
        f"Nhắc khắc phục quá hạn: “{finding.remedy}” (hạn {format_date(finding.deadline)}). "
        "Đề nghị báo cáo kết quả khắc phục kèm minh chứng."
    )


def remedy_last_reminded(finding: Finding):
    """When the side responsible was last reminded of this remedy (None: never)."""
    users = [u.pk for u in _responsible_users(finding)]
    return last_sent(users=users, text=remedy_reminder_text(finding)) if users else None


@transaction.atomic
def remedy_remind(*, actor, finding: Finding, confirmed: bool = False, base_url: str = "") -> int:
    """Remind the side responsible of an overdue remedy (those who run the inspection do);
    the same people again within 24 hours only when confirmed. The number reminded."""
    _refuse_unless_runner(actor, finding.inspection)
    if not finding.is_overdue:
        raise DomainError("Chỉ nhắc được việc khắc phục đã quá hạn mà chưa báo cáo.")
    users = _responsible_users(finding)
    if not users:
        raise DomainError("Bên chịu trách nhiệm chưa có ai dùng phần mềm; đề nghị nhắc trực tiếp.")
    text = remedy_reminder_text(finding)
    refuse_repeat(users=[u.pk for u in users], text=text, confirmed=confirmed)
    return notice_send(
        actor=actor,
        users=users,
        text=text,
        url=_remedy_url(finding),
        base_url=base_url,
        subject="Nhắc khắc phục quá hạn",
        sender_title=role_title(actor, finding.inspection.plan.unit),
    )
