"""Demo data for the study of the topic (called once from lamtheo.demo.build.build_demo).

Three sessions of this year's topic: a bloc-wide conference, a session integrated into the
cells' meetings, and a recent online session of the first grassroots organization (where
the demo committee member sits). Most cells have recorded attendance (about 95% present;
some absent with or without a reason, some of whom made it up); a few have not, among them
the demo secretary's cell for the recent session, so that it shows on their task list.

Like the rest of the demo, rows go in with bulk inserts and no audit history (nobody made
these changes), and the figures are built once at the end with rebuild_study.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from lamtheo.campaign.selectors import topic_for
from lamtheo.core.audit import tag
from lamtheo.core.periods import month_start
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.actions import StudyAction
from lamtheo.learning.study.figures import rebuild_study
from lamtheo.learning.study.models import (
    SessionFormat,
    SessionKind,
    StudyAttendance,
    StudySession,
    StudySheet,
)
from lamtheo.learning.study.selectors import expected_people
from lamtheo.orgs.models import CELL_KINDS, OrgUnit, Role, RoleKind
from lamtheo.orgs.tree import subtree_q

SEED = 20260402
REASONS = ["Đi công tác", "Ốm, điều trị tại bệnh viện", "Trực cơ quan", "Nghỉ phép",
           "Tham gia lớp bồi dưỡng"]  # fmt: skip


def _on(today: date, days_ago: int) -> date:
    return max(date(today.year, 1, 1), today - timedelta(days=days_ago))


def load(*, root: OrgUnit, today: date | None = None) -> int:
    """Build the sessions and attendance; returns the number of attendance rows."""
    today = today or timezone.localdate()
    topic = topic_for(unit=root, year=today.year)
    if topic is None:
        return 0
    rng = random.Random(SEED)
    hospital = (
        root.children.filter(is_active=True).exclude(kind__in=CELL_KINDS).order_by("path").first()
    )
    organizer = User.objects.filter(username="tuyengiao").first()
    secretary = Role.objects.filter(kind=RoleKind.SECRETARY, user__username="bithu").first()
    plans = [
        (root, f"Hội nghị học tập, quán triệt chuyên đề năm {today.year}", SessionKind.IN_PERSON,
         SessionFormat.CONFERENCE, _on(today, 150), "Hội trường Đảng ủy Khối", "", 0.98),
        (root, f"Sinh hoạt chi bộ chuyên đề: liên hệ chuyên đề năm {today.year} với nhiệm vụ "
         "của cơ quan", SessionKind.IN_PERSON, SessionFormat.CELL_MEETING, _on(today, 45),
         "Tại phòng họp của từng chi bộ", "", 0.93),
    ]  # fmt: skip
    if hospital is not None:
        plans.append((hospital, "Quán triệt chuyên đề cho đảng viên (trực tuyến)",
                      SessionKind.ONLINE, SessionFormat.CONFERENCE, _on(today, 3), "",
                      "https://hop.example.vn/quan-triet-chuyen-de", 0.6))  # fmt: skip
    secretaries = dict(
        Role.objects.filter(kind=RoleKind.SECRETARY).values_list("unit_id", "user_id")
    )
    rows: list[StudyAttendance] = []
    for unit, title, kind, fmt, held_on, place, link, share in plans:
        session = StudySession(
            unit=unit,
            topic=topic,
            title=title,
            kind=kind,
            format=fmt,
            held_on=held_on,
            month=month_start(held_on),
            place=place,
            link=link,
            whole_subtree=True,
            created_by=organizer,
        )
        tag(session, actor=organizer, action=StudyAction.SESSION_SCHEDULED,
            reason="Lên lịch buổi học tập, quán triệt")  # fmt: skip
        session.save()
        cells = list(
            OrgUnit.objects.filter(
                subtree_q(unit.path), kind__in=CELL_KINDS, is_active=True
            ).values_list("pk", "path")
        )
        expected: dict[int, list[int]] = {}
        for cid, pid in sorted(expected_people(session.month, [c for c, _p in cells])):
            expected.setdefault(cid, []).append(pid)
        sheets = []
        for cid, path in cells:
            skip = secretary is not None and cid == secretary.unit_id and share < 0.9
            recorded = not skip and rng.random() < share
            sheets.append(StudySheet(
                session=session, cell_id=cid, path=path,
                recorded_at=timezone.now() - timedelta(days=max((today - held_on).days - 2, 0))
                if recorded else None,
                recorded_by_id=secretaries.get(cid) if recorded else None,
            ))  # fmt: skip
            if recorded:
                rows += [_mark(rng, session, cid, pid, today) for pid in expected.get(cid, [])]
        StudySheet.objects.bulk_create(sheets, batch_size=1000)
    StudyAttendance.objects.bulk_create(rows, batch_size=2000)
    rebuild_study()
    return len(rows)


def _mark(rng: random.Random, session: StudySession, cell_id: int, person_id: int,
          today: date) -> StudyAttendance:  # fmt: skip
    a = StudyAttendance(session=session, cell_id=cell_id, person_id=person_id,
                        status=AttendanceStatus.PRESENT)  # fmt: skip
    # A few people miss every session (long illness, postings far away); others miss one.
    often_away = (person_id * 2654435761) % 100 < 3
    if not often_away and rng.random() < 0.98:
        return a
    if rng.random() < 0.6:
        a.status, a.reason = AttendanceStatus.EXCUSED, rng.choice(REASONS)
    else:
        a.status = AttendanceStatus.UNEXCUSED
    made_up = session.held_on + timedelta(days=rng.randint(5, 20))
    if made_up <= today and rng.random() < 0.3:
        a.made_up_on = made_up
    return a
