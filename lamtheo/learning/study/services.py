"""Writes of the study of the topic: scheduling a session, recording attendance and
make-ups. Each runs in a transaction, checks who acts and the state, writes the audit
trail and tells core.figures what changed, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lamtheo.campaign.models import Topic
from lamtheo.core import figures
from lamtheo.core.audit import bump_version, tag
from lamtheo.core.dates import format_date, historical_date_problem, latest_scheduled_date
from lamtheo.core.errors import DomainError
from lamtheo.core.notices import notice_send
from lamtheo.core.periods import month_start
from lamtheo.core.vietnamese import nfc
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.actions import StudyAction
from lamtheo.learning.study.models import SessionKind, StudyAttendance, StudySession, StudySheet
from lamtheo.learning.study.selectors import expected_people
from lamtheo.orgs.models import CELL_KINDS, OrgUnit
from lamtheo.orgs.scope import Capability, can
from lamtheo.orgs.selectors import role_title
from lamtheo.orgs.tree import is_within, subtree_q
from lamtheo.people.models import Person


@dataclass
class SessionInput:
    topic: Topic
    title: str
    kind: str
    format: str
    held_on: date
    place: str = ""
    link: str = ""
    whole_subtree: bool = True
    chosen_units: list[OrgUnit] = field(default_factory=list)
    note: str = ""


def topic_applies(topic: Topic, unit: OrgUnit) -> bool:
    """A topic of the party (no unit) or of the unit or one of its ancestors."""
    return topic.unit_id is None or topic.unit_id in unit.ancestor_ids()


def target_cells(unit: OrgUnit, whole_subtree: bool, chosen: list[OrgUnit]) -> list[OrgUnit]:
    """The active cells a session reaches: the whole subtree, or the chosen units' subtrees."""
    q = Q(pk__in=[])
    for path in [unit.path] if whole_subtree else [u.path for u in chosen]:
        q |= subtree_q(path)
    return list(OrgUnit.objects.filter(q, kind__in=CELL_KINDS, is_active=True).order_by("path"))


def _check_session(actor, unit: OrgUnit, data: SessionInput) -> list[OrgUnit]:
    if not can(actor, Capability.ORGANIZE_STUDY, unit):
        raise DomainError("Đồng chí không có quyền tổ chức học tập cho đơn vị này.")
    if not topic_applies(data.topic, unit):
        raise DomainError("Chuyên đề này không áp dụng cho đơn vị.", field="topic")
    today = timezone.localdate()
    if data.held_on > latest_scheduled_date(today):
        raise DomainError(
            "Chỉ lên lịch trước tối đa một năm: ngày tổ chức không được sau ngày "
            f"{format_date(latest_scheduled_date(today))}.",
            field="held_on",
        )
    if problem := historical_date_problem(data.held_on, on=today, what="Ngày tổ chức"):
        raise DomainError(problem, field="held_on")
    if data.kind == SessionKind.IN_PERSON and not data.place.strip():
        raise DomainError("Vui lòng nhập địa điểm tổ chức.", field="place")
    if data.kind == SessionKind.ONLINE and not data.link.strip():
        raise DomainError("Vui lòng nhập đường dẫn tham dự trực tuyến.", field="link")
    if not data.whole_subtree:
        if not data.chosen_units:
            raise DomainError("Vui lòng chọn ít nhất một đơn vị.", field="chosen_units")
        if any(not is_within(u.path, unit.path) for u in data.chosen_units):
            raise DomainError("Chỉ chọn được các đơn vị thuộc đơn vị mình.", field="chosen_units")
    cells = target_cells(unit, data.whole_subtree, data.chosen_units)
    if not cells:
        raise DomainError("Trong phạm vi đã chọn không có chi bộ nào.", field="chosen_units")
    return cells


def _fill(session: StudySession, data: SessionInput) -> None:
    session.topic = data.topic
    session.title = nfc(data.title).strip()
    session.kind, session.format = data.kind, data.format
    session.held_on, session.month = data.held_on, month_start(data.held_on)
    session.place = nfc(data.place).strip() if data.kind == SessionKind.IN_PERSON else ""
    session.link = data.link.strip() if data.kind == SessionKind.ONLINE else ""
    session.whole_subtree = data.whole_subtree
    session.note = nfc(data.note).strip()


def _add_sheets(session: StudySession, cells: list[OrgUnit]) -> None:
    StudySheet.objects.bulk_create(
        [StudySheet(session=session, cell=c, path=c.path) for c in cells], batch_size=1000
    )


@transaction.atomic
def study_session_schedule(*, actor, unit: OrgUnit, data: SessionInput) -> StudySession:
    cells = _check_session(actor, unit, data)
    session = StudySession(unit=unit, created_by=actor if actor and actor.pk else None)
    _fill(session, data)
    tag(
        session,
        actor=actor,
        action=StudyAction.SESSION_SCHEDULED,
        reason="Lên lịch buổi học tập, quán triệt",
    )
    session.save()
    session.chosen_units.set([] if data.whole_subtree else data.chosen_units)
    _add_sheets(session, cells)
    figures.cells_month_changed(cells=cells, month=session.month, source=StudySession)
    _tell_expected(actor, session, cells)
    return session


def _expected_users(session: StudySession, cells) -> list:
    """The accounts of the people expected at the session: in its cells that month, not
    exempt."""
    ids = {person_id for _, person_id in expected_people(session.month, [c.pk for c in cells])}
    return [p.user for p in Person.objects.filter(pk__in=ids).select_related("user")]


def _where(session: StudySession) -> str:
    return f"tại {session.place}" if session.place else "trực tuyến"


def _tell_expected(actor, session: StudySession, cells, *, changed: bool = False) -> None:
    """The people expected at the session hear of it (or of its new date or place), in the
    app and by e-mail after the commit."""
    what = "đổi lịch" if changed else "tổ chức"
    notice_send(
        actor=actor,
        users=_expected_users(session, cells),
        text=f"{session.unit.name} {what} {session.title}: ngày "
        f"{format_date(session.held_on)} {_where(session)}. Đề nghị đồng chí tham dự đầy đủ.",
        url=reverse("home:home"),
        subject=f"Lịch học tập, quán triệt ngày {format_date(session.held_on)}",
        sender_title=role_title(actor, session.unit),
    )


def _schedule_of(session: StudySession) -> tuple:
    # What a person needs to come: when, where (or the link), in which form.
    return (session.held_on, session.kind, session.place, session.link)


@transaction.atomic
def study_session_update(
    *, actor, session: StudySession, data: SessionInput, version: int, today: date | None = None
) -> StudySession:
    cells = _check_session(actor, session.unit, data)
    bump_version(session, version)
    today = today or timezone.localdate()
    recorded = StudyAttendance.objects.filter(session=session)
    if recorded.exists():
        if data.topic.pk != session.topic_id:
            raise DomainError("Buổi học đã có điểm danh nên không đổi được chuyên đề.",
                              field="topic")  # fmt: skip
        if data.held_on > today:
            raise DomainError("Buổi học đã có điểm danh nên không dời được sang ngày chưa tới.",
                              field="held_on")  # fmt: skip
    old_cells = set(session.sheets.values_list("cell_id", flat=True))
    new_cells = {c.pk for c in cells}
    removed = old_cells - new_cells
    if recorded.filter(cell_id__in=removed).exists():
        raise DomainError("Có chi bộ đã ghi điểm danh nên không bỏ chi bộ đó khỏi buổi học được.",
                          field="chosen_units")  # fmt: skip
    before = _schedule_of(session)
    _fill(session, data)
    tag(
        session,
        actor=actor,
        action=StudyAction.SESSION_UPDATED,
        reason="Sửa thông tin buổi học tập, quán triệt",
    )
    session.save()
    session.chosen_units.set([] if data.whole_subtree else data.chosen_units)
    session.sheets.filter(cell_id__in=removed).delete()
    _add_sheets(session, [c for c in cells if c.pk not in old_cells])
    # The cells it reached before and now: their old topic's figures are recounted too.
    reached = OrgUnit.objects.filter(pk__in=old_cells | new_cells)
    figures.cells_month_changed(cells=reached, month=session.month, source=StudySession)
    # A session still to come: a new date or place reaches everyone expected; cells added
    # hear of it as of a new session.
    if session.held_on >= today:
        if _schedule_of(session) != before:
            _tell_expected(actor, session, cells, changed=True)
        elif added := [c for c in cells if c.pk not in old_cells]:
            _tell_expected(actor, session, added)
    return session


@transaction.atomic
def study_session_cancel(*, actor, session: StudySession, reason: str, version: int) -> None:
    """Cancel a session scheduled by mistake or not held, while no cell has recorded anyone.
    The history keeps it with who cancelled it and why; the cells' figures drop it."""
    if not can(actor, Capability.ORGANIZE_STUDY, session.unit):
        raise DomainError("Đồng chí không có quyền tổ chức học tập cho đơn vị này.")
    reason = nfc(reason).strip()
    if not reason:
        raise DomainError("Vui lòng ghi lý do hủy buổi học.", field="reason")
    bump_version(session, version)
    if StudyAttendance.objects.filter(session=session).exists():
        raise DomainError("Đã có chi bộ ghi điểm danh buổi học này nên không hủy được; nếu "
                          "buổi học dời ngày, vui lòng sửa ngày tổ chức.")  # fmt: skip
    month, cells = (
        session.month,
        list(OrgUnit.objects.filter(pk__in=session.sheets.values("cell_id"))),
    )
    if session.held_on >= timezone.localdate():
        notice_send(
            actor=actor,
            users=_expected_users(session, cells),
            text=f"{session.unit.name} hủy {session.title} ngày {format_date(session.held_on)}"
            f" {_where(session)}. Lý do: {reason}",
            url=reverse("home:home"),
            subject=f"Hủy buổi học tập, quán triệt ngày {format_date(session.held_on)}",
            sender_title=role_title(actor, session.unit),
        )
    tag(
        session,
        actor=actor,
        action=StudyAction.SESSION_CANCELLED,
        reason=f"Hủy buổi học tập, quán triệt: {reason}",
    )
    session.delete()
    figures.cells_month_changed(cells=cells, month=month, source=StudySession)


@dataclass(frozen=True)
class Mark:
    person_id: int
    status: str
    reason: str = ""
    made_up_on: date | None = None


def _check_mark(mark: Mark, session: StudySession, today: date) -> None:
    f = f"p{mark.person_id}"
    if mark.status not in AttendanceStatus.values:
        raise DomainError("Vui lòng chọn có mặt hay vắng.", field=f"{f}-status")
    if mark.status == AttendanceStatus.EXCUSED and not mark.reason.strip():
        raise DomainError("Vắng có lý do thì cần ghi lý do.", field=f"{f}-reason")
    if mark.made_up_on is None:
        return
    if mark.status == AttendanceStatus.PRESENT:
        raise DomainError("Người có mặt thì không cần học bù.", field=f"{f}-made_up_on")
    if not session.held_on <= mark.made_up_on <= today:
        raise DomainError(
            f"Ngày học bù phải từ ngày {format_date(session.held_on)} đến hôm nay.",
            field=f"{f}-made_up_on",
        )


def _action(old: StudyAttendance | None, mark: Mark) -> StudyAction:
    if old is None:
        return StudyAction.ATTENDANCE_RECORDED
    if mark.made_up_on and not old.made_up_on:
        return StudyAction.ATTENDANCE_MADE_UP
    return StudyAction.ATTENDANCE_CORRECTED


@transaction.atomic
def study_attendance_record(
    *, actor, sheet: StudySheet, marks: list[Mark], version: int, today: date | None = None
) -> int:
    """Record the marks of one cell at one session; only what changed is written.
    Returns the number of people whose record changed."""
    if not can(actor, Capability.RECORD_ATTENDANCE, sheet.cell):
        raise DomainError("Đồng chí không có quyền ghi điểm danh của chi bộ này.")
    session = sheet.session
    today = today or timezone.localdate()
    if session.held_on > today:
        raise DomainError(
            f"Buổi học chưa diễn ra (ngày {format_date(session.held_on)}) nên chưa ghi "
            "điểm danh được."
        )
    expected = {pid for _cid, pid in expected_people(session.month, [sheet.cell_id])}
    for mark in marks:
        if mark.person_id not in expected:
            raise DomainError("Có người không thuộc danh sách phải học tập của chi bộ.")
        _check_mark(mark, session, today)
    bump_version(sheet, version)
    existing = {
        a.person_id: a
        for a in StudyAttendance.objects.filter(session=session,
                                                person_id__in=[m.person_id for m in marks])
    }  # fmt: skip
    changed = []
    for mark in marks:
        old = existing.get(mark.person_id)
        reason = nfc(mark.reason).strip() if mark.status != AttendanceStatus.PRESENT else ""
        new = (mark.status, reason, mark.made_up_on)
        if old is not None and (old.status, old.reason, old.made_up_on) == new:
            continue
        action = _action(old, mark)
        a = old or StudyAttendance(session=session, person_id=mark.person_id, cell=sheet.cell)
        a.status, a.reason, a.made_up_on = new
        tag(a, actor=actor, action=action, reason=action.label)
        a.save()
        changed.append(mark.person_id)
    sheet.recorded_at = timezone.now()
    sheet.recorded_by = actor if actor and actor.pk else None
    sheet.save(update_fields=["recorded_at", "recorded_by"])
    figures.cell_month_changed(cell=sheet.cell, month=session.month, source=StudyAttendance)
    return len(changed)
