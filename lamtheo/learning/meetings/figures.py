"""Pre-aggregated figures of the cells' meetings, one row per cell per month.

As in dashboard.stats, two paths compute the same numbers: `refresh_cell_meeting_month`
recomputes one cell's month inside the transaction of the meeting write that changed it,
and `rebuild_meeting_year` recomputes every row of a year with set-based queries. A test
checks that they agree after random changes.

Definitions:
- held: the cell recorded its regular monthly meeting (sinh hoạt định kỳ);
- with campaign content: at least one meeting of the month studied the topic, reviewed
  the handbook, read a story or checked against the 27 manifestations;
- invited / present: the attendance taken at the regular meeting (expected members:
  belonging to the cell that month and not exempt).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Count, Q

from lamtheo.core.bulk import insert_rows
from lamtheo.learning.attendance import AttendanceStatus
from lamtheo.learning.meetings.models import (
    CellMeeting,
    CellMeetingStat,
    MeetingAttendance,
    MeetingKind,
)
from lamtheo.orgs.models import CELL_KINDS, OrgUnit

CONTENT_Q = (Q(topic_studied=True) | Q(handbook_reviewed=True) | Q(story__isnull=False)
             | Q(self_check=True))  # fmt: skip
FEW_CELLS = 20


def months_of_year(year: int) -> list[date]:
    return [date(year, m, 1) for m in range(1, 13)]


def _meeting_figures(meetings) -> dict[tuple[int, date], dict]:
    out: dict[tuple[int, date], dict] = defaultdict(dict)
    rows = (
        meetings.values("unit_id", "month")
        .annotate(
            held=Count("id", filter=Q(kind=MeetingKind.REGULAR)),
            with_content=Count("id", filter=CONTENT_Q),
            thematic=Count("id", filter=Q(kind=MeetingKind.THEMATIC)),
        )
        .order_by()
    )
    for row in rows:
        key = (row.pop("unit_id"), row.pop("month"))
        row["with_content"] = min(row["with_content"], 1)
        out[key].update(row)
    marks = (
        MeetingAttendance.objects.filter(meeting__in=meetings.filter(kind=MeetingKind.REGULAR))
        .values("meeting__unit_id", "meeting__month")
        .annotate(
            invited=Count("id"),
            present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
        )
        .order_by()
    )
    for row in marks:
        out[(row.pop("meeting__unit_id"), row.pop("meeting__month"))].update(row)
    return out


def refresh_cell_meeting_month(cell: OrgUnit, month: date) -> None:
    figures = _meeting_figures(CellMeeting.objects.filter(unit=cell, month=month))
    values = {"held": 0, "with_content": 0, "thematic": 0, "invited": 0, "present": 0}
    values |= figures.get((cell.pk, month), {})
    CellMeetingStat.objects.update_or_create(
        unit=cell, month=month, defaults={"path": cell.path, **values}
    )


def rebuild_meeting_year(year: int) -> None:
    """Recompute every cell's rows for `year` from the meetings (three queries and the
    inserts, whatever the number of cells)."""
    months = months_of_year(year)
    cells = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).values_list("id", "path"))
    figures = _meeting_figures(
        CellMeeting.objects.filter(month__gte=months[0], month__lte=months[-1])
    )
    rows = [
        {"unit_id": unit_id, "month": m, "path": path, **figures.get((unit_id, m), {})}
        for m in months
        for unit_id, path in cells
    ]
    with transaction.atomic():
        CellMeetingStat.objects.filter(month__gte=months[0], month__lte=months[-1]).delete()
        insert_rows(CellMeetingStat, rows)  # plain multi-row INSERTs: see core/bulk.py


def ensure_meeting_year(year: int) -> None:
    """Every cell has its twelve rows for `year` (one query when they all do): rows are a
    cache built lazily, as in dashboard.stats.ensure_year."""
    have = CellMeetingStat.objects.filter(month=date(year, 1, 1)).values("unit_id")
    missing = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).exclude(pk__in=have)
                   [:FEW_CELLS + 1])  # fmt: skip
    if len(missing) > FEW_CELLS:
        rebuild_meeting_year(year)
        return
    for cell in missing:
        with transaction.atomic():
            for m in months_of_year(year):
                refresh_cell_meeting_month(cell, m)


def years_with_meetings() -> list[int]:
    years = {d.year for d in CellMeeting.objects.dates("month", "year")}
    years |= {d.year for d in CellMeetingStat.objects.dates("month", "year")}
    return sorted(years)
