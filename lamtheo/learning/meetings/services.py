"""Writes on the cells' meetings: record, correct, take attendance. Each tells core.figures
what changed, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lamtheo.campaign.selectors import topic_for
from lamtheo.core import figures
from lamtheo.core.audit import bump_version, tag
from lamtheo.core.dates import format_date, historical_date_problem, latest_scheduled_date
from lamtheo.core.errors import DomainError
from lamtheo.core.notices import notice_send
from lamtheo.core.periods import month_label, month_start
from lamtheo.core.vietnamese import nfc
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings.actions import MeetingAction
from lamtheo.learning.meetings.models import (
    CellMeeting,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
)
from lamtheo.learning.meetings.selectors import cell_party_members_in_month, expected_people
from lamtheo.learning.stories.models import Story
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can
from lamtheo.orgs.selectors import role_title
from lamtheo.people.models import Person


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
    agenda: str = ""


def _allowed(actor, unit: OrgUnit) -> None:
    if not can(actor, Capability.RECORD_MEETINGS, unit):
        raise DomainError("Đồng chí không có quyền ghi biên bản sinh hoạt của chi bộ này.")


def _lines(text: str) -> str:
    """An agenda keeps its lines (one item a line), each normalized like any text."""
    return "\n".join(line for line in (nfc(x) for x in text.splitlines()) if line)


def _held(meeting: CellMeeting) -> None:
    if not meeting.is_held:
        raise DomainError(
            "Buổi sinh hoạt này chưa có biên bản: vui lòng ghi biên bản từ thông báo triệu tập."
        )


def _check(unit: OrgUnit, data: MeetingInput) -> date:
    if not unit.is_cell:
        raise DomainError("Chỉ chi bộ mới ghi biên bản sinh hoạt chi bộ.")
    if data.kind not in MeetingKind.values:
        raise DomainError("Vui lòng chọn loại buổi sinh hoạt.", "kind")
    if data.held_on > timezone.localdate():
        raise DomainError("Ngày sinh hoạt không được sau ngày hôm nay.", "held_on")
    if problem := historical_date_problem(
        data.held_on, on=timezone.localdate(), what="Ngày sinh hoạt"
    ):
        raise DomainError(problem, "held_on")
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
    meeting.agenda = _lines(data.agenda)
    meeting.proceedings = nfc(data.proceedings).strip()
    meeting.conclusion = nfc(data.conclusion).strip()


def _save(meeting: CellMeeting) -> None:
    duplicate = (
        CellMeeting.objects.filter(unit=meeting.unit, month=meeting.month, kind=meeting.kind)
        .exclude(pk=meeting.pk)
        .exclude(status=MeetingStatus.CANCELLED)
        .first()
    )
    if duplicate is not None and duplicate.is_announced:
        raise DomainError(
            f"Chi bộ đã triệu tập {meeting.get_kind_display().lower()} "
            f"{month_label(meeting.month).lower()} (ngày {format_date(duplicate.held_on)}); "
            "vui lòng mở thông báo triệu tập đó để sửa hoặc ghi biên bản.",
            "held_on",
        )
    if duplicate is not None:
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
    announced = (
        CellMeeting.objects.select_for_update()
        .filter(unit=unit, month=month, kind=data.kind, status=MeetingStatus.ANNOUNCED)
        .first()
    )
    if announced is not None:  # the announced meeting becomes the recorded one
        return meeting_record(actor=actor, meeting=announced, data=data, version=announced.version)
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
    _held(meeting)
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
    _held(meeting)
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
    _held(meeting)
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


# --- announcing a meeting before it happens ---------------------------------------------


@dataclass
class AnnouncementInput:
    kind: str
    held_on: date
    starts_at: time
    place: str
    agenda: str


def check_announcement(unit: OrgUnit, data: AnnouncementInput) -> date:
    if not unit.is_cell:
        raise DomainError("Chỉ chi bộ mới triệu tập sinh hoạt chi bộ.")
    if data.kind not in MeetingKind.values:
        raise DomainError("Vui lòng chọn loại buổi sinh hoạt.", "kind")
    if data.held_on < timezone.localdate():
        raise DomainError(
            "Ngày sinh hoạt đã qua; buổi sinh hoạt đã diễn ra thì vui lòng ghi biên bản.",
            "held_on",
        )
    latest = latest_scheduled_date(timezone.localdate())
    if data.held_on > latest:
        raise DomainError(
            f"Chỉ triệu tập trước tối đa một năm: ngày sinh hoạt không được sau ngày "
            f"{format_date(latest)}.",
            "held_on",
        )
    if data.starts_at is None:
        raise DomainError("Vui lòng nhập giờ bắt đầu.", "starts_at")
    if not nfc(data.place).strip():
        raise DomainError("Vui lòng ghi địa điểm sinh hoạt.", "place")
    if not nfc(data.agenda).strip():
        raise DomainError("Vui lòng ghi nội dung sinh hoạt.", "agenda")
    return month_start(data.held_on)


def _apply_announcement(meeting: CellMeeting, data: AnnouncementInput, month: date) -> None:
    meeting.kind, meeting.month, meeting.held_on = data.kind, month, data.held_on
    meeting.starts_at = data.starts_at
    meeting.place = nfc(data.place).strip()
    meeting.agenda = _lines(data.agenda)


def when_and_where(meeting: CellMeeting) -> str:
    """ "14:00 ngày 25/12/2026 tại Hội trường khoa" """
    hour = f"{meeting.starts_at:%H:%M} " if meeting.starts_at else ""
    return f"{hour}ngày {format_date(meeting.held_on)} tại {meeting.place}"


def invited_users(meeting: CellMeeting) -> list:
    """The accounts of the people expected at the meeting (see expected_people)."""
    people = expected_people(meeting.unit, meeting.month)
    return [p.user for p in Person.objects.filter(pk__in=[p.pk for p in people])
            .select_related("user")]  # fmt: skip


def _tell_invited(actor, meeting: CellMeeting, text: str, subject: str) -> int:
    return notice_send(
        actor=actor,
        users=invited_users(meeting),
        text=text,
        url=reverse("learning:meeting_announcement", args=[meeting.pk]),
        subject=subject,
        sender_title=role_title(actor, meeting.unit),
    )


def _short(text: str, limit: int = 250) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@transaction.atomic
def meeting_announce(*, actor, unit: OrgUnit, data: AnnouncementInput) -> tuple[CellMeeting, int]:
    """Announce a meeting: the people expected that month (in the cell, not exempt) are
    notified in the app and by e-mail. Returns the meeting and how many were notified."""
    _allowed(actor, unit)
    month = check_announcement(unit, data)
    meeting = CellMeeting(unit=unit, status=MeetingStatus.ANNOUNCED)
    _apply_announcement(meeting, data, month)
    tag(meeting, actor=actor, action=MeetingAction.MEETING_ANNOUNCED,
        reason="Triệu tập buổi sinh hoạt chi bộ")  # fmt: skip
    _save(meeting)
    kind = meeting.get_kind_display().lower()
    told = _tell_invited(
        actor,
        meeting,
        f"{unit.name} triệu tập {kind} vào {when_and_where(meeting)}. "
        f"Nội dung: {_short(meeting.agenda)}",
        subject=f"Triệu tập {kind} ngày {format_date(meeting.held_on)}",
    )
    return meeting, told


@transaction.atomic
def meeting_announcement_update(
    *, actor, meeting: CellMeeting, data: AnnouncementInput, version: int
) -> int:
    """Change the date, time, place or agenda of an announced meeting; the people expected
    are notified again. Returns how many were notified."""
    _allowed(actor, meeting.unit)
    if not meeting.is_announced:
        raise DomainError("Chỉ sửa được thông báo của buổi sinh hoạt chưa diễn ra.")
    month = check_announcement(meeting.unit, data)
    bump_version(meeting, version)
    _apply_announcement(meeting, data, month)
    tag(meeting, actor=actor, action=MeetingAction.ANNOUNCEMENT_CHANGED,
        reason="Thay đổi thông báo triệu tập sinh hoạt chi bộ")  # fmt: skip
    _save(meeting)
    kind = meeting.get_kind_display().lower()
    return _tell_invited(
        actor,
        meeting,
        f"Thay đổi lịch {kind} của {meeting.unit.name}: {when_and_where(meeting)}. "
        f"Nội dung: {_short(meeting.agenda)}",
        subject=f"Thay đổi lịch {kind}",
    )


@transaction.atomic
def meeting_cancel(*, actor, meeting: CellMeeting, reason: str, version: int) -> int:
    """Cancel an announced meeting with a reason; the people expected are notified. The
    row stays (cancelled) so the notice still leads somewhere; the month is free again."""
    _allowed(actor, meeting.unit)
    if not meeting.is_announced:
        raise DomainError("Chỉ hủy được buổi sinh hoạt đã triệu tập và chưa ghi biên bản.")
    reason = nfc(reason).strip()
    if not reason:
        raise DomainError("Vui lòng ghi lý do hủy buổi sinh hoạt.", "reason")
    bump_version(meeting, version)
    meeting.status, meeting.cancel_reason = MeetingStatus.CANCELLED, reason[:255]
    tag(meeting, actor=actor, action=MeetingAction.MEETING_CANCELLED,
        reason=f"Hủy buổi sinh hoạt chi bộ đã triệu tập: {reason}")  # fmt: skip
    meeting.save()
    kind = meeting.get_kind_display().lower()
    return _tell_invited(
        actor,
        meeting,
        f"Hủy {kind} của {meeting.unit.name} đã triệu tập vào {when_and_where(meeting)}. "
        f"Lý do: {_short(reason)}",
        subject=f"Hủy {kind} ngày {format_date(meeting.held_on)}",
    )


@transaction.atomic
def meeting_record(*, actor, meeting: CellMeeting, data: MeetingInput, version: int) -> CellMeeting:
    """Record the minutes of an announced meeting: the same row becomes the held meeting
    (one record), and the figures count it from now on."""
    _allowed(actor, meeting.unit)
    if not meeting.is_announced:
        raise DomainError("Buổi sinh hoạt này không còn chờ ghi biên bản.")
    month = _check(meeting.unit, data)
    old_month = meeting.month
    bump_version(meeting, version)
    if not nfc(data.agenda).strip():  # the announced agenda stays unless rewritten
        data = replace(data, agenda=meeting.agenda)
    _apply(meeting, data, month)
    meeting.status, meeting.recorded_by = MeetingStatus.HELD, actor
    tag(meeting, actor=actor, action=MeetingAction.MEETING_RECORDED,
        reason="Ghi biên bản sinh hoạt chi bộ (từ thông báo triệu tập)")  # fmt: skip
    _save(meeting)
    for m in {old_month, month}:
        figures.cell_month_changed(cell=meeting.unit, month=m, source=CellMeeting)
    return meeting
