"""Keeping the study figures: the counts of each attendance sheet, and per topic per cell, by
`StudyFigures`, registered with core.figures.

Definitions (also in the user guide):
- expected at a session, in a cell: belonged to the cell in the session's month and was
  not exempt from party work and activities then (as the handbook's figures);
- expected for a topic, in a cell: expected at any session of the topic in that cell;
- studied the topic: attended, or made up, any session of the topic;
- of those who have not studied it: absent with a reason at some session of the topic
  ("excused"), else absent without one ("unexcused"), else nothing recorded yet.

The keeper recounts, inside the transaction of the write that changed the records (a session
scheduled, edited or cancelled, attendance saved, people moved or exempted), the sheets and
topic rows of the cells concerned; `rebuild_study` recomputes them from the records (called
by `manage.py rebuild_stats`, year by year). A test makes random changes through the services
and checks that both agree. Rows exist only where a session reached a cell: a year needs no
opening.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction

from lamtheo.core import figures
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.models import StudyAttendance, StudySession, StudySheet, StudyTopicStat
from lamtheo.learning.study.selectors import expected_people
from lamtheo.orgs.models import OrgUnit
from lamtheo.people.models import Membership

SHEET_FIELDS = ("expected", "marked", "attended", "made_up", "excused", "unexcused")
TOPIC_FIELDS = ("expected", "studied", "made_up", "excused", "unexcused")


class StudyFigures(figures.FigureKeeper):
    name = "learning.study"

    def cells_month_changed(self, cells, month: date, source) -> None:
        if source not in (StudySession, StudyAttendance):
            return
        cell_ids = {c.pk for c in cells}
        sessions = list(
            StudySession.objects.filter(month=month, sheets__cell_id__in=cell_ids).distinct()
        )
        for session in sessions:
            refresh_sheets(session, cell_ids)
        if source is StudyAttendance:
            for topic_id in {s.topic_id for s in sessions}:
                refresh_topic_cells(topic_id, cells_marked(topic_id, month, cell_ids))
            return
        # A session was scheduled, changed or cancelled: what it was before (its topic, its
        # cells) is gone, so every topic these cells have figures for is recounted. Sessions
        # are few; attendance, the frequent write, takes the path above.
        topics = {s.topic_id for s in sessions}
        topics |= set(StudyTopicStat.objects.filter(unit_id__in=cell_ids)
                      .values_list("topic_id", flat=True))  # fmt: skip
        for topic_id in topics:
            refresh_topic_cells(topic_id, cell_ids)

    def people_changed_in(self, cells: Mapping[OrgUnit, date], cells_reshaped: bool) -> None:
        """Who is expected changes in the sessions of these cells from each one's month on."""
        if not cells:
            return
        since = {cell.pk: month for cell, month in cells.items()}
        sessions = StudySession.objects.filter(
            sheets__cell_id__in=list(since), month__gte=min(since.values())
        ).distinct()
        topics: dict[int, set[int]] = defaultdict(set)
        for session in sessions:
            reached = [cid for cid, month in since.items() if month <= session.month]
            refresh_sheets(session, reached)
            topics[session.topic_id].update(reached)
        for topic_id, cell_ids in topics.items():
            refresh_topic_cells(topic_id, cell_ids)

    def rebuild_year(self, year: int) -> None:
        rebuild_study(year)

    def years_with_records(self) -> set[int]:
        return {d.year for d in StudySession.objects.dates("month", "year")}

    def figures_of(self, year: int) -> dict:
        sheets = StudySheet.objects.filter(session__month__year=year)
        rows = {
            ("sheet", session, cell): tuple(values)
            for session, cell, *values in sheets.values_list(
                "session_id", "cell_id", "path", *SHEET_FIELDS
            )
        }
        topics = StudyTopicStat.objects.filter(
            topic_id__in=StudySession.objects.filter(month__year=year).values("topic_id"),
            expected__gt=0,  # a topic row that counts nobody reads as nothing
        )
        rows |= {
            ("topic", topic, unit): tuple(values)
            for topic, unit, *values in topics.values_list(
                "topic_id", "unit_id", "path", *TOPIC_FIELDS
            )
        }
        return rows


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
        values = counts[s.cell_id]
        # One plain UPDATE per sheet whose counts changed: far cheaper than bulk_update's
        # CASE expressions, and after an attendance write only one sheet has changed.
        if any(getattr(s, name) != value for name, value in values.items()):
            StudySheet.objects.filter(pk=s.pk).update(**values)


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
    """Recount the topic's rows of these cells, writing only the rows that changed."""
    cell_ids = set(cell_ids)
    counts = _topic_counts(topic_id, cell_ids)
    paths = dict(OrgUnit.objects.filter(pk__in=list(counts)).values_list("pk", "path"))
    rows = StudyTopicStat.objects.filter(topic_id=topic_id, unit_id__in=cell_ids)
    existing = {row.unit_id: row for row in rows}
    rows.exclude(unit_id__in=list(counts)).delete()
    added = []
    for cid, values in counts.items():
        values = {"path": paths[cid], **values}
        row = existing.get(cid)
        if row is None:
            added.append(StudyTopicStat(topic_id=topic_id, unit_id=cid, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            StudyTopicStat.objects.filter(pk=row.pk).update(**values)
    StudyTopicStat.objects.bulk_create(added, batch_size=2000)


def cells_marked(topic_id: int, month: date, cell_ids: set[int]) -> set[int]:
    """After attendance in these cells at the topic's sessions of `month`: these cells and
    every other cell the topic reached where the people marked were once expected."""
    marked = StudyAttendance.objects.filter(
        session__topic_id=topic_id, session__month=month, cell_id__in=list(cell_ids)
    ).values_list("person_id", flat=True)
    return cells_of_people(topic_id, set(marked)) | cell_ids


def cells_of_people(topic_id: int, person_ids: Iterable[int]) -> set[int]:
    """The cells whose topic figures count these people: those they belonged to and the
    topic reached (a person who moved between two sessions is expected in both)."""
    reached = StudySheet.objects.filter(session__topic_id=topic_id).values("cell_id")
    return set(
        Membership.objects.filter(person_id__in=list(person_ids), unit_id__in=reached)
        .values_list("unit_id", flat=True)
        .distinct()
    )


def rebuild_study(year: int | None = None) -> None:
    """Recompute from the records the counts of every sheet of the sessions of `year` (of
    every year, without one) and every row of their topics. A topic's rows span every
    session of the topic, of whatever year."""
    sessions = StudySession.objects.all()
    if year is not None:
        sessions = sessions.filter(month__gte=date(year, 1, 1), month__lte=date(year, 12, 1))
    with transaction.atomic():
        for session in sessions:
            refresh_sheets(session)
        topic_ids = set(sessions.values_list("topic_id", flat=True).distinct())
        # Rows of the year's topics, and of topics that no session is for any more.
        StudyTopicStat.objects.filter(topic_id__in=topic_ids).delete()
        StudyTopicStat.objects.exclude(
            topic_id__in=StudySession.objects.values("topic_id")
        ).delete()
        paths = dict(OrgUnit.objects.values_list("pk", "path"))
        rows = [
            StudyTopicStat(topic_id=tid, unit_id=cid, path=paths[cid], **counts)
            for tid in sorted(topic_ids)
            for cid, counts in _topic_counts(tid, None).items()
        ]
        StudyTopicStat.objects.bulk_create(rows, batch_size=2000)
