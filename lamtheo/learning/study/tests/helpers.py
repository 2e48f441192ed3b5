"""Small builders of study records for the tests."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from lamtheo.campaign.models import Topic
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.models import SessionFormat, SessionKind, StudySheet
from lamtheo.learning.study.services import (
    Mark,
    SessionInput,
    study_attendance_record,
    study_session_schedule,
)

P, E, U = AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED


def today() -> date:
    return timezone.localdate()


def topic() -> Topic:
    return Topic.objects.get(year=today().year, unit__isnull=True)


def session_input(**kw) -> SessionInput:
    values = {
        "topic": topic(), "title": "Hội nghị học tập, quán triệt chuyên đề",
        "kind": SessionKind.IN_PERSON, "format": SessionFormat.CONFERENCE,
        "held_on": today() - timedelta(days=1), "place": "Hội trường tầng 3",
    }  # fmt: skip
    values.update(kw)
    return SessionInput(**values)


def schedule(tree, unit=None, actor=None, **kw):
    return study_session_schedule(actor=actor or tree.committee_user, unit=unit or tree.org,
                                  data=session_input(**kw))  # fmt: skip


def sheet_of(session, cell) -> StudySheet:
    return StudySheet.objects.select_related("session", "cell").get(session=session, cell=cell)


def record(tree, session, marks: dict, cell=None, actor=None, **kw) -> int:
    """marks: {person: status or (status, reason, made_up_on)}."""
    sheet = sheet_of(session, cell or tree.cell)
    out = []
    for person, value in marks.items():
        status, reason, made_up = value if isinstance(value, tuple) else (value, "", None)
        out.append(Mark(person.pk, status, reason, made_up))
    return study_attendance_record(actor=actor or tree.secretary_user, sheet=sheet, marks=out,
                                   version=sheet.version, **kw)  # fmt: skip
