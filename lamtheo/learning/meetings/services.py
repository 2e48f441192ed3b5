"""Writes on the cells' meetings: record, correct, take attendance. Each tells core.figures
what changed, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheo.campaign.selectors import topic_for
from lamtheo.core import figures
from lamtheo.core.audit import bump_version, tag
from lamtheo.core.errors import DomainError
from lamtheo.core.periods import month_label, month_start
from lamtheo.core.vietnamese import nfc
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings.actions import MeetingAction
from lamtheo.learning.meetings.models import CellMeeting, MeetingAttendance, MeetingKind
from lamtheo.learning.stories.models import Story
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can
from lamtheo.people.models import MemberStatus, Person
from lamtheo.people.selectors import cell_people_in_month


@dataclass
class MeetingInput:
    kind: str
    held_on: date
    place: str
    chair: Person | None = None
    clerk: Person | None = None
    topic_studied: bool = False
    handbook_reviewed: bool = False
    story: Story | None = None
    self_check: bool = False
    proceedings: str = ""
    conclusion: str = ""


def _allowed(actor, unit: OrgUnit) -> None:
    if not can(actor, Capability.RECORD_MEETINGS, unit):
        raise DomainError("Đồng chí không có quyền ghi biên bản sinh hoạt của chi bộ này.")


def expected_people(cell: OrgUnit, month: date) -> list[Person]:
    """The party members the cell expects at its meeting: in the cell that month, not
    exempt (the same rule as the handbook figures); quần chúng on the roster take part in
    the campaign but do not attend the chi bộ's meetings."""
    return [p for p in cell_party_members_in_month(cell, month) if not p.is_exempt]


def cell_party_members_in_month(cell: OrgUnit, month: date):
    return cell_people_in_month(cell, month).exclude(status=MemberStatus.NON_MEMBER)


def _check(unit: OrgUnit, data: MeetingInput) -> date:
    if not unit.is_cell:
        raise DomainError("Chỉ chi bộ mới ghi biên bản sinh hoạt chi bộ.")
    if data.kind not in MeetingKind.values:
        raise DomainError("Vui lòng chọn loại buổi sinh hoạt.", "kind")
    if data.held_on > timezone.localdate():
        raise DomainError("Ngày sinh hoạt không được sau ngày hôm nay.", "held_on")
    if not nfc(data.place).strip():
        raise DomainError("Vui lòng ghi địa điểm sinh hoạt.", "place")
    month = month_start(data.held_on)
    members = {p.pk for p in cell_party_members_in_month(unit, month)}
    for person, field, label in ((data.chair, "chair", "Người chủ trì"),
                                 (data.clerk, "clerk", "Thư ký")):  # fmt: skip
        if person is not None and person.pk not in members:
            raise DomainError(
                f"{label} phải là đảng viên sinh hoạt tại chi bộ trong "
                f"{month_label(month).lower()}.",
                field,
            )
    return month


def _apply(meeting: CellMeeting, data: MeetingInput, month: date) -> None:
    meeting.kind, meeting.month, meeting.held_on = data.kind, month, data.held_on
    meeting.place = nfc(data.place).strip()
    meeting.chair, meeting.clerk = data.chair, data.clerk
    meeting.topic_studied = data.topic_studied
    meeting.topic = topic_for(unit=meeting.unit, year=month.year) if data.topic_studied else None
    meeting.handbook_reviewed, meeting.story = data.handbook_reviewed, data.story
    meeting.self_check = data.self_check
    meeting.proceedings = nfc(data.proceedings).strip()
    meeting.conclusion = nfc(data.conclusion).strip()


def _save(meeting: CellMeeting) -> None:
    duplicate = CellMeeting.objects.filter(
        unit=meeting.unit, month=meeting.month, kind=meeting.kind
    ).exclude(pk=meeting.pk)
    if duplicate.exists():
        raise DomainError(
            f"Chi bộ đã có biên bản {meeting.get_kind_display().lower()} "
            f"{month_label(meeting.month).lower()}; vui lòng mở biên bản đó để sửa.",
            "held_on",
        )
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as e:  # a concurrent recording of the same month
        raise DomainError(
            "Chi bộ vừa có biên bản khác cho tháng này; vui lòng tải lại trang."
        ) from e


@transaction.atomic
def meeting_create(*, actor, unit: OrgUnit, data: MeetingInput) -> CellMeeting:
    _allowed(actor, unit)
    month = _check(unit, data)
    meeting = CellMeeting(unit=unit, recorded_by=actor)
    _apply(meeting, data, month)
    tag(
        meeting,
        actor=actor,
        action=MeetingAction.MEETING_RECORDED,
        reason="Ghi biên bản sinh hoạt chi bộ",
    )
    _save(meeting)
    figures.cell_month_changed(cell=unit, month=month, source=CellMeeting)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: CellMeeting, data: MeetingInput, version: int) -> CellMeeting:
    _allowed(actor, meeting.unit)
    month = _check(meeting.unit, data)
    old_month = meeting.month
    if month != old_month and meeting.attendance.exists():
        raise DomainError(
            "Buổi sinh hoạt đã điểm danh nên không chuyển sang tháng khác "
            "được; vui lòng giữ ngày trong " + month_label(old_month).lower() + ".",
            "held_on",
        )
    bump_version(meeting, version)
    _apply(meeting, data, month)
    tag(
        meeting,
        actor=actor,
        action=MeetingAction.MEETING_CORRECTED,
        reason="Sửa biên bản sinh hoạt chi bộ",
    )
    _save(meeting)
    for m in {old_month, month}:
        figures.cell_month_changed(cell=meeting.unit, month=m, source=CellMeeting)
    return meeting


@transaction.atomic
def meeting_delete(*, actor, meeting: CellMeeting, reason: str, version: int) -> None:
    """Remove minutes recorded by mistake (a wrong cell, a meeting that did not take place).
    The history keeps the minutes and each attendance mark with who deleted them and why."""
    _allowed(actor, meeting.unit)
    reason = nfc(reason).strip()
    if not reason:
        raise DomainError("Vui lòng ghi lý do xóa biên bản.", "reason")
    bump_version(meeting, version)
    why = f"Xóa biên bản sinh hoạt chi bộ: {reason}"
    for row in meeting.attendance.all():
        tag(row, actor=actor, action=MeetingAction.ATTENDANCE_DELETED, reason=why)
        row.delete()
    tag(meeting, actor=actor, action=MeetingAction.MEETING_DELETED, reason=why)
    meeting.delete()
    figures.cell_month_changed(cell=meeting.unit, month=meeting.month, source=CellMeeting)


@dataclass
class Mark:
    status: str
    reason: str = ""


@transaction.atomic
def meeting_record_attendance(
    *, actor, meeting: CellMeeting, marks: dict[int, Mark], version: int
) -> None:
    """Attendance of every expected member: present, absent with a reason, or absent
    without one. Each person's mark is its own audited record."""
    _allowed(actor, meeting.unit)
    expected = {p.pk: p for p in expected_people(meeting.unit, meeting.month)}
    unknown = set(marks) - set(expected)
    if unknown:
        raise DomainError("Danh sách điểm danh có người không thuộc chi bộ trong tháng này.")
    missing = [p.full_name for pk, p in expected.items() if pk not in marks]
    if missing:
        raise DomainError("Chưa điểm danh: " + ", ".join(missing) + ".")
    for pk, mark in marks.items():
        if mark.status not in AttendanceStatus.values:
            raise DomainError(f"Vui lòng chọn tình trạng của đồng chí {expected[pk].full_name}.")
        if mark.status == AttendanceStatus.EXCUSED and not nfc(mark.reason).strip():
            raise DomainError(f"Vui lòng ghi lý do vắng của đồng chí {expected[pk].full_name}.")
    bump_version(meeting, version)
    current = {a.person_id: a for a in meeting.attendance.all()}
    for pk, mark in marks.items():
        reason = nfc(mark.reason).strip() if mark.status != AttendanceStatus.PRESENT else ""
        row = current.get(pk) or MeetingAttendance(meeting=meeting, person_id=pk)
        if row.pk and (row.status, row.reason) == (mark.status, reason):
            continue
        row.status, row.reason = mark.status, reason
        tag(
            row,
            actor=actor,
            action=MeetingAction.ATTENDANCE_RECORDED,
            reason="Điểm danh sinh hoạt chi bộ",
        )
        row.save()
    for pk, row in current.items():
        if pk not in expected:  # left the cell or became exempt since
            tag(
                row,
                actor=actor,
                action=MeetingAction.ATTENDANCE_REMOVED_FROM_LIST,
                reason="Không còn thuộc danh sách dự sinh hoạt",
            )
            row.delete()
    figures.cell_month_changed(cell=meeting.unit, month=meeting.month, source=MeetingAttendance)
