"""The study pages in the walk of every URL as every role."""

from __future__ import annotations

from django.utils import timezone

from lamtheo.campaign.models import Topic
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.models import SessionFormat, SessionKind
from lamtheo.learning.study.services import (
    Mark,
    SessionInput,
    study_attendance_record,
    study_session_schedule,
)
from lamtheo.tests.url_walk import CELL_STATS, ORG_STATS, expect

ORGANIZERS = expect(404, committee=200, propaganda=200)


def prepare(world) -> None:
    """A session of Đảng bộ Sở A held today, its attendance recorded in Chi bộ 1."""
    topic = Topic.objects.get(year=timezone.localdate().year, unit__isnull=True)
    session = study_session_schedule(
        actor=world.committee_user, unit=world.org,
        data=SessionInput(topic=topic, title="Hội nghị học tập chuyên đề",
                          kind=SessionKind.IN_PERSON, format=SessionFormat.CONFERENCE,
                          held_on=timezone.localdate(), place="Hội trường Sở"),
    )  # fmt: skip
    sheet = session.sheets.get(cell=world.cell)
    study_attendance_record(
        actor=world.secretary_user, sheet=sheet, version=sheet.version,
        marks=[Mark(world.member.pk, AttendanceStatus.PRESENT)],
    )  # fmt: skip
    world.study_session = session


def cases(w) -> list:
    s = w.study_session.pk
    return [
        ("learning:study_sessions", [w.org.code], ORGANIZERS, "get"),
        ("learning:study_session_create", [w.org.code], ORGANIZERS, "get"),
        (
            "learning:study_session",
            [s],
            expect(404, secretary=200, committee=200, propaganda=200, admin=200),
            "get",
        ),
        ("learning:study_session_edit", [s], ORGANIZERS, "get"),
        ("learning:study_session_cancel", [s], ORGANIZERS, "get"),
        ("learning:study_attendance", [s, w.cell.code], expect(404, secretary=200), "get"),
        ("learning:study_attendance", [s, w.cell2.code], expect(404), "get"),
        ("learning:study_figures", [w.org.code], ORG_STATS, "get"),
        ("learning:study_figures", [w.cell.code], CELL_STATS, "get"),
        ("learning:study_figures_export", [w.org.code], ORG_STATS, "get"),
        ("learning:study_not_studied", [w.org.code], ORG_STATS, "get"),
        ("learning:study_not_studied_export", [w.cell.code], CELL_STATS, "get"),
    ]
