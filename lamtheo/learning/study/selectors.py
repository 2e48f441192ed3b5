"""Reads of the study of the topic, always through the scope door.

The figures come only from StudyTopicStat rows grouped by child unit in SQL over an
indexed range of paths (as the dashboards do), so the figures page costs the same number
of queries for a cell and for a province. The named list reads the source records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from lamtheo.campaign.models import Topic
from lamtheo.campaign.selectors import topic_for
from lamtheo.core.audit import changes_of
from lamtheo.core.figure_tables import Column, parse_column_sort, ratio, sort_by_column
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.study.models import StudyAttendance, StudySession, StudySheet, StudyTopicStat
from lamtheo.orgs.models import OrgUnit
from lamtheo.orgs.scope import Capability, can, scope_q
from lamtheo.orgs.tree import branch_expr, children_of, subtree_q
from lamtheo.people.models import Membership, Person, covering_q
from lamtheo.people.selectors import exempt_in

# --- sessions and sheets --------------------------------------------------------------


def get_session_or_404(user, pk: int) -> StudySession:
    """A session the user may look at: they see the organizing unit's figures, or one of
    the cells it reaches lies in their scope."""
    session = StudySession.objects.select_related("unit", "topic").filter(pk=pk).first()
    if session is None:
        raise Http404("Không tìm thấy buổi học.")
    if can(user, Capability.VIEW_STATS, session.unit):
        return session
    if session.sheets.filter(scope_q(user, Capability.VIEW_STATS)).exists():
        return session
    raise Http404("Không tìm thấy buổi học.")


def get_sheet_or_404(user, session_pk: int, cell_code: str) -> StudySheet:
    """The attendance sheet of a cell the user records attendance for."""
    sheet = (
        StudySheet.objects.select_related("session__unit", "session__topic", "cell")
        .filter(session_id=session_pk, cell__code=cell_code)
        .first()
    )
    if sheet is None or not can(user, Capability.RECORD_ATTENDANCE, sheet.cell):
        raise Http404("Không tìm thấy danh sách điểm danh.")
    return sheet


def cancelled_sessions(unit: OrgUnit, limit: int = 20) -> list:
    """Sessions the unit itself organized and cancelled, from the audit trail."""
    return list(StudySession.history.filter(unit_id=unit.pk, history_type="-")
                .select_related("history_user").order_by("-history_date")[:limit])  # fmt: skip


def sessions_reaching(unit: OrgUnit) -> QuerySet[StudySession]:
    """Sessions organized in the unit's subtree or reaching a cell in it, with the
    progress of attendance recording in the subtree's cells (one query)."""
    in_subtree = subtree_q(unit.path, "sheets__path")
    return (
        StudySession.objects.filter(
            Exists(StudySheet.objects.filter(subtree_q(unit.path), session=OuterRef("pk")))
        )
        .select_related("topic", "unit")
        .annotate(
            n_cells=Count("sheets", filter=in_subtree),
            n_recorded=Count("sheets", filter=in_subtree & Q(sheets__recorded_at__isnull=False)),
            n_pending=Count("sheets", filter=in_subtree & Q(sheets__recorded_at__isnull=True)),
            n_expected=Sum("sheets__expected", filter=in_subtree),
            n_studied=Sum("sheets__attended", filter=in_subtree),
        )
        .order_by("-held_on", "-pk")
    )


def visible_sheets(user, session: StudySession) -> QuerySet[StudySheet]:
    return (
        session.sheets.filter(scope_q(user, Capability.VIEW_STATS))
        .select_related("cell", "recorded_by")
        .order_by("path")
    )


def expected_people(month: date, cell_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(cell id, person id) of the people expected in these cells in `month`: belonging to
    the cell then and not exempt (one query). The figures count the same people."""
    return set(
        Membership.objects.covering(month)
        .filter(unit_id__in=list(cell_ids))
        .annotate(exempt=exempt_in(month, "person_id"))
        .filter(exempt=False)
        .values_list("unit_id", "person_id")
    )


@dataclass
class SheetRow:
    person: Person
    mark: StudyAttendance | None


def sheet_rows(sheet: StudySheet) -> tuple[list[SheetRow], list[Person]]:
    """The people expected at the session in the cell, in Vietnamese name order, each
    with their mark; and, apart, the members exempt that month (not expected)."""
    month = sheet.session.month
    members = Membership.objects.covering(month).filter(unit=sheet.cell)
    people = list(
        Person.objects.filter(pk__in=members.values("person_id"))
        .annotate(is_exempt=exempt_in(month))
        .order_by("sort_key", "pk")
    )
    marks = {
        a.person_id: a
        for a in StudyAttendance.objects.filter(session=sheet.session,
                                                person_id__in=[p.pk for p in people])
    }  # fmt: skip
    rows = [SheetRow(p, marks.get(p.pk)) for p in people if not p.is_exempt]
    return rows, [p for p in people if p.is_exempt]


def attendance_history(history, limit: int = 200) -> list:
    """Readable changes of attendance records, newest first, each named after its person
    (changes_of gives one change per history row, in the rows' order)."""
    rows = list(history.order_by("-history_date", "-history_id")[:limit])
    rows.reverse()
    ids = [r.history_id for r in rows]
    ordered = StudyAttendance.history.filter(history_id__in=ids).order_by("history_date")
    changes = changes_of(ordered, what="Điểm danh", skip={"session", "cell", "person"})
    names = dict(
        Person.objects.filter(pk__in={r.person_id for r in rows}).values_list("pk", "full_name")
    )
    by_id = {r.history_id: r for r in rows}
    for change, record in zip(changes, ordered, strict=True):
        change.what = names.get(by_id[record.history_id].person_id, "Điểm danh")
    return list(reversed(changes))


def sheet_history(sheet: StudySheet) -> list:
    return attendance_history(
        StudyAttendance.history.filter(session_id=sheet.session_id, cell_id=sheet.cell_id)
    )


def session_attendance_history(user, session: StudySession) -> list:
    """Attendance changes of the session in the cells where the user may read the audit."""
    return attendance_history(
        StudyAttendance.history.filter(scope_q(user, Capability.VIEW_AUDIT, "cell__path"),
                                       session_id=session.pk)
    )  # fmt: skip


def pending_sheets(user, on: date | None = None) -> list[StudySheet]:
    """Sessions already held whose attendance the user's cells have not recorded yet."""
    on = on or timezone.localdate()
    return list(
        StudySheet.objects.filter(
            scope_q(user, Capability.RECORD_ATTENDANCE), recorded_at__isnull=True,
            session__held_on__lte=on, session__held_on__year__gte=on.year - 1,
        )
        .select_related("session", "cell")
        .order_by("session__held_on", "path")[:20]
    )  # fmt: skip


@dataclass
class MySession:
    session: StudySession
    mark: StudyAttendance | None


def sessions_of_person(person: Person | None, on: date | None = None) -> list[MySession]:
    """This year's sessions that reach the person's cell, with their own mark."""
    if person is None or person.cell_id is None:
        return []
    on = on or timezone.localdate()
    sessions = list(
        StudySession.objects.filter(sheets__cell_id=person.cell_id, held_on__year=on.year)
        .select_related("topic")
        .order_by("held_on", "pk")
    )
    marks = {
        a.session_id: a for a in StudyAttendance.objects.filter(person=person, session__in=sessions)
    }
    return [MySession(s, marks.get(s.pk)) for s in sessions]


def topic_choices(unit: OrgUnit, on: date | None = None) -> QuerySet[Topic]:
    """Topics a unit may study: the party's and its ancestors', of recent years."""
    on = on or timezone.localdate()
    return (
        Topic.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=unit.ancestor_ids()))
        .filter(Q(year__gte=on.year - 1) | Q(year_end__gte=on.year - 1))
        .filter(year__lte=on.year + 1)
        .order_by("-year", "kind")
    )


# --- figures --------------------------------------------------------------------------


@dataclass
class StudyFigures:
    expected: int = 0
    studied: int = 0
    made_up: int = 0
    excused: int = 0
    unexcused: int = 0

    def add(self, row: dict) -> None:
        for name, value in row.items():
            setattr(self, name, getattr(self, name) + (value or 0))

    @property
    def rate(self) -> float | None:
        return ratio(self.studied, self.expected)

    @property
    def not_studied(self) -> int:
        return max(self.expected - self.studied, 0)

    @property
    def not_recorded(self) -> int:
        return max(self.not_studied - self.excused - self.unexcused, 0)


@dataclass
class StudyRow:
    unit: OrgUnit
    figures: StudyFigures


@dataclass
class TopicFigures:
    unit: OrgUnit
    topic: Topic | None
    total: StudyFigures
    rows: list[StudyRow] = field(default_factory=list)


_SUMS = {n: Sum(n) for n in ("expected", "studied", "made_up", "excused", "unexcused")}


def topics_reaching(unit: OrgUnit) -> list[Topic]:
    """The topics studied somewhere in the subtree, newest first (one query)."""
    ids = StudyTopicStat.objects.filter(subtree_q(unit.path)).values("topic_id")
    return list(Topic.objects.filter(pk__in=ids).order_by("-year", "-pk"))


def pick_topic(unit: OrgUnit, topics: list[Topic], wanted: str | None) -> Topic | None:
    """?chuyen-de=<id> among the topics studied, else this year's topic of the unit."""
    by_id = {str(t.pk): t for t in topics}
    if wanted in by_id:
        return by_id[wanted]
    current = topic_for(unit=unit, year=timezone.localdate().year)
    if current is not None and str(current.pk) in by_id:
        return current
    return topics[0] if topics else current


def topic_figures(unit: OrgUnit, topic: Topic | None) -> TopicFigures:
    """The unit's figures for the topic and one row per child unit: two queries."""
    total = StudyFigures()
    if topic is None:
        return TopicFigures(unit, None, total)
    grouped = (
        StudyTopicStat.objects.filter(subtree_q(unit.path), topic=topic)
        .annotate(child=branch_expr(unit.path))
        .values("child")
        .annotate(**_SUMS)
        .order_by()
    )
    per_child: dict[str, StudyFigures] = {}
    for row in grouped:
        child = row.pop("child")
        total.add(row)
        if child != unit.path:
            per_child.setdefault(child, StudyFigures()).add(row)
    rows = [StudyRow(u, per_child.get(k, StudyFigures())) for u, k in children_of(unit, per_child)]
    return TopicFigures(unit, topic, total, rows)


COLUMNS = [
    Column("Số người phải học", "expected", sort="phai-hoc"),
    Column("Tỷ lệ đã học tập", "rate", part="studied", whole="expected", sort="ty-le"),
    Column("Đã học bù", "made_up", sort="hoc-bu"),
    Column("Vắng có lý do", "excused", sort="co-ly-do"),
    Column("Vắng không lý do", "unexcused", sort="khong-ly-do"),
    Column("Chưa ghi điểm danh", "not_recorded", sort="chua-ghi"),
]


def parse_sort(text: str | None) -> tuple[str, bool] | None:
    return parse_column_sort(text, COLUMNS)


def sort_rows(rows: list[StudyRow], sort, lagging_first: bool = False) -> list[StudyRow]:
    """Lagging first: lowest rate first. Units with nobody to count always go last."""
    return sort_by_column(rows, COLUMNS, ("ty-le", False) if lagging_first else sort)


# --- the named list of people who have not studied the topic ------------------------


@dataclass
class NotStudied:
    person: Person
    cell: OrgUnit
    state: str
    state_key: str
    reason: str


def not_studied(unit: OrgUnit, topic: Topic | None) -> list[NotStudied]:
    """Everyone the figures count as expected for the topic in the subtree and not (yet)
    studied, one row per person and cell, in Vietnamese name order (a few queries: one
    per month the topic was studied in, and two more)."""
    if topic is None:
        return []
    sheets = StudySheet.objects.filter(subtree_q(unit.path), session__topic=topic)
    by_month: dict[date, set[int]] = {}
    for cid, month in sheets.values_list("cell_id", "session__month").distinct():
        by_month.setdefault(month, set()).add(cid)
    q = Q(pk__in=[])
    for month, cids in by_month.items():
        q |= Q(covering_q(month), unit_id__in=cids) & ~Q(exempt_in(month, "person_id"))
    marks = StudyAttendance.objects.filter(session__topic=topic)
    studied = marks.filter(Q(status=AttendanceStatus.PRESENT) | Q(made_up_on__isnull=False))
    pairs = (
        Membership.objects.filter(q)
        .exclude(person_id__in=studied.values("person_id"))
        .select_related("person", "unit")
        .order_by("person__sort_key", "person_id", "unit__path")
    )
    absences: dict[int, StudyAttendance] = {}
    for a in marks.filter(person_id__in=pairs.values("person_id")).order_by("status"):
        absences.setdefault(a.person_id, a)  # "excused" sorts before "unexcused"
    seen, out = set(), []
    for m in pairs:
        if (m.person_id, m.unit_id) in seen:
            continue
        seen.add((m.person_id, m.unit_id))
        a = absences.get(m.person_id)
        if a is None:
            out.append(NotStudied(m.person, m.unit, "Chưa ghi điểm danh", "missing", ""))
        elif a.status == AttendanceStatus.EXCUSED:
            out.append(NotStudied(m.person, m.unit, "Vắng có lý do", "late", a.reason))
        else:
            out.append(NotStudied(m.person, m.unit, "Vắng không lý do", "returned", a.reason))
    return out
