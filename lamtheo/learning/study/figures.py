"""Keeping the study figures: the counts of each attendance sheet, and per topic per cell.

Definitions (also in the user guide):
- expected at a session, in a cell: belonged to the cell in the session's month and was
  not exempt from party work and activities then (as the handbook's figures);
- expected for a topic, in a cell: expected at any session of the topic in that cell;
- studied the topic: attended, or made up, any session of the topic;
- of those who have not studied it: absent with a reason at some session of the topic
  ("excused"), else absent without one ("unexcused"), else nothing recorded yet.

`refresh_sheets` and `refresh_topic_cells` run inside the transaction of the write that
changed the records (a session scheduled or edited, attendance saved); `rebuild_study`
recomputes everything from the records (called by `manage.py rebuild_stats`). A test makes
random changes through the services and checks that both agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.models import StudyAttendance, StudySession, StudySheet, StudyTopicStat
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Membership
from lamtheo.people.selectors import exempt_in, memberships_covering

SHEET_FIELDS = ("expected", "marked", "attended", "made_up", "excused", "unexcused")
TOPIC_FIELDS = ("expected", "studied", "made_up", "excused", "unexcused")


def expected_people(month, cell_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(cell id, person id) of the people expected in these cells in `month` (one query)."""
    return set(
        Membership.objects.filter(memberships_covering(month), unit_id__in=list(cell_ids))
        .annotate(exempt=exempt_in(month, "person_id"))
        .filter(exempt=False)
        .values_list("unit_id", "person_id")
    )


def _sheet_counts(session: StudySession, cell_ids: list[int]) -> dict[int, dict[str, int]]:
    counts = {cid: dict.fromkeys(SHEET_FIELDS, 0) for cid in cell_ids}
    expected = expected_people(session.month, cell_ids)
    for cid, _pid in expected:
        counts[cid]["expected"] += 1
    marks = StudyAttendance.objects.filter(session=session, cell_id__in=cell_ids)
    for cid, pid, status, made_up_on in marks.values_list(
        "cell_id", "person_id", "status", "made_up_on"
    ):
        if (cid, pid) not in expected:
            continue  # recorded, then no longer expected (moved, exempted): not counted
        c = counts[cid]
        c["marked"] += 1
        if status == AttendanceStatus.PRESENT:
            c["attended"] += 1
        elif made_up_on is not None:
            c["made_up"] += 1
        elif status == AttendanceStatus.EXCUSED:
            c["excused"] += 1
        else:
            c["unexcused"] += 1
    return counts


def refresh_sheets(session: StudySession, cell_ids: Iterable[int] | None = None) -> None:
    """Recount the session's sheets (all, or those of these cells): a few queries."""
    sheets = StudySheet.objects.filter(session=session)
    if cell_ids is not None:
        sheets = sheets.filter(cell_id__in=list(cell_ids))
    sheets = list(sheets)
    counts = _sheet_counts(session, [s.cell_id for s in sheets])
    for s in sheets:
        figures = counts[s.cell_id]
        # One plain UPDATE per sheet whose counts changed: far cheaper than bulk_update's
        # CASE expressions, and after an attendance write only one sheet has changed.
        if any(getattr(s, name) != value for name, value in figures.items()):
            StudySheet.objects.filter(pk=s.pk).update(**figures)


def _topic_counts(topic_id: int, cell_ids: Iterable[int] | None) -> dict[int, dict[str, int]]:
    """The topic's figures per cell (of these cells, or of every cell it reached): one
    query per month in which the topic was studied, and two more."""
    sheets = StudySheet.objects.filter(session__topic_id=topic_id)
    if cell_ids is not None:
        sheets = sheets.filter(cell_id__in=list(cell_ids))
    cells_by_month: dict = defaultdict(set)
    for cid, month in sheets.values_list("cell_id", "session__month").distinct():
        cells_by_month[month].add(cid)
    expected: set[tuple[int, int]] = set()
    for month, cids in cells_by_month.items():
        expected |= expected_people(month, cids)
    people = {pid for _cid, pid in expected}
    state: dict[int, str] = {}
    rank = {"studied": 4, "made_up": 3, "excused": 2, "unexcused": 1}
    marks = StudyAttendance.objects.filter(session__topic_id=topic_id, person_id__in=people)
    for pid, status, made_up_on in marks.values_list("person_id", "status", "made_up_on"):
        if status == AttendanceStatus.PRESENT:
            s = "studied"
        elif made_up_on is not None:
            s = "made_up"
        else:
            s = "excused" if status == AttendanceStatus.EXCUSED else "unexcused"
        if rank[s] > rank.get(state.get(pid, ""), 0):
            state[pid] = s
    counts: dict[int, dict[str, int]] = {
        cid: dict.fromkeys(TOPIC_FIELDS, 0) for cids in cells_by_month.values() for cid in cids
    }
    for cid, pid in expected:
        c, s = counts[cid], state.get(pid)
        c["expected"] += 1
        if s in ("studied", "made_up"):
            c["studied"] += 1
        if s in ("made_up", "excused", "unexcused"):
            c[s] += 1
    return counts


def refresh_topic_cells(topic_id: int, cell_ids: Iterable[int]) -> None:
    cell_ids = set(cell_ids)
    counts = _topic_counts(topic_id, cell_ids)
    paths = dict(OrgUnit.objects.filter(pk__in=cell_ids).values_list("pk", "path"))
    StudyTopicStat.objects.filter(topic_id=topic_id, unit_id__in=cell_ids - set(counts)).delete()
    for cid, figures in counts.items():
        StudyTopicStat.objects.update_or_create(
            topic_id=topic_id, unit_id=cid, defaults={"path": paths[cid], **figures}
        )


def cells_of_people(topic_id: int, person_ids: Iterable[int]) -> set[int]:
    """The cells whose topic figures count these people: those they belonged to and the
    topic reached (a person who moved between two sessions is expected in both)."""
    reached = StudySheet.objects.filter(session__topic_id=topic_id).values("cell_id")
    return set(
        Membership.objects.filter(person_id__in=list(person_ids), unit_id__in=reached)
        .values_list("unit_id", flat=True)
        .distinct()
    )


def rebuild_study() -> None:
    """Recompute every sheet's counts and every topic's figures from the records."""
    with transaction.atomic():
        for session in StudySession.objects.all():
            refresh_sheets(session)
        StudyTopicStat.objects.all().delete()
        topic_ids = StudySession.objects.values_list("topic_id", flat=True).distinct()
        paths = dict(OrgUnit.objects.values_list("pk", "path"))
        rows = [
            StudyTopicStat(topic_id=tid, unit_id=cid, path=paths[cid], **figures)
            for tid in set(topic_ids)
            for cid, figures in _topic_counts(tid, None).items()
        ]
        StudyTopicStat.objects.bulk_create(rows, batch_size=2000)


def refresh_for_person(person_id: int) -> None:
    """After a change of the person's memberships or exemptions (people.services): every
    sheet and topic figure of the cells the person ever belonged to."""
    cells = set(Membership.objects.filter(person_id=person_id).values_list("unit_id", flat=True))
    sessions = StudySession.objects.filter(sheets__cell_id__in=cells).distinct()
    topics = set()
    for session in sessions:
        refresh_sheets(session, cells)
        topics.add(session.topic_id)
    for topic_id in topics:
        refresh_topic_cells(topic_id, cells_of_people(topic_id, [person_id]))
