"""Pre-aggregated figures of the cells' meetings, one row per cell per month, kept by
`MeetingFigures`, registered with core.figures.

As in dashboard.figures, two paths compute the same numbers: `refresh_cell_meeting_month`
recomputes one cell's month inside the transaction of the meeting write that changed it,
and `rebuild_meeting_year` recomputes every row of a year with set-based queries. A test
checks that they agree after random changes.

Every cell has its twelve rows once the year is opened (by the first meeting recorded in the
year, or by `manage.py open_year`), zeros included: the pages count the cells from the rows.
A new cell gets its rows when it is created (`cells_added`).

Definitions:
- held: the cell recorded its regular monthly meeting (sinh hoạt định kỳ);
- with campaign content: at least one meeting of the month studied the topic, reviewed
  the handbook, read a story or checked against the 27 manifestations;
- invited / present: the attendance taken at the regular meeting (expected members:
  belonging to the cell that month and not exempt).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, Q

from lamtheo.core import figures
from lamtheo.core.bulk import insert_rows
from lamtheo.core.periods import months_of_year
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
FIELDS = ("held", "with_content", "thematic", "invited", "present")


class MeetingFigures(figures.FigureKeeper):
    name = "learning.meetings"

    def cells_month_changed(self, cells, month, source) -> None:
        if source not in (CellMeeting, MeetingAttendance):
            return
        self.open_year(month.year)
        for cell in cells:
            refresh_cell_meeting_month(cell, month)

    def people_changed_in(self, cells, cells_reshaped: bool) -> None:
        # Meetings count the attendance taken, not the people: only the set of cells matters.
        if cells_reshaped:
            for year in opened_years():
                rebuild_meeting_year(year)

    def cells_added(self, cells) -> None:
        add_cells(cells, opened_years())

    def open_year(self, year: int) -> None:
        figures.open_once(
            self.name, year, is_open=lambda: is_opened(year), build=lambda: build_year(year)
        )

    def rebuild_year(self, year: int) -> None:
        rebuild_meeting_year(year)

    def years_with_records(self) -> set[int]:
        return set(years_with_meetings())

    def figures_of(self, year: int) -> dict:
        rows = CellMeetingStat.objects.filter(month__year=year)
        return {
            (unit, month): tuple(values)
            for unit, month, *values in rows.values_list("unit_id", "month", "path", *FIELDS)
        }


def opened_years() -> list[int]:
    return sorted({d.year for d in CellMeetingStat.objects.dates("month", "year")})


def is_opened(year: int) -> bool:
    return CellMeetingStat.objects.filter(month=date(year, 1, 1)).exists()


def add_cells(cells: Iterable[OrgUnit], years: list[int]) -> None:
    """Zero rows for cells that have none yet, in each opened year (a cell counts as one that
    has not met until it records a meeting)."""
    rows = [
        {"unit_id": cell.pk, "month": m, "path": cell.path}
        for cell in cells
        if cell.is_cell
        for year in years
        for m in months_of_year(year)
    ]
    insert_rows(CellMeetingStat, rows, ignore_conflicts=True)


def _meeting_figures(meetings) -> dict[tuple[int, date], dict]:
    # Only meetings whose minutes are recorded count: announced or cancelled ones do not.
    meetings = meetings.held()
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
    counts = _meeting_figures(CellMeeting.objects.filter(unit=cell, month=month))
    values = dict.fromkeys(FIELDS, 0) | counts.get((cell.pk, month), {})
    CellMeetingStat.objects.update_or_create(
        unit=cell, month=month, defaults={"path": cell.path, **values}
    )


def rebuild_meeting_year(year: int) -> None:
    """Recompute every cell's rows for `year` from the meetings (three queries and the
    inserts, whatever the number of cells)."""
    months = months_of_year(year)
    rows = _year_rows(year)
    with transaction.atomic():
        CellMeetingStat.objects.filter(month__gte=months[0], month__lte=months[-1]).delete()
        insert_rows(CellMeetingStat, rows)  # plain multi-row INSERTs: see core/bulk.py


def build_year(year: int) -> None:
    """Write the rows of a year that has none (opening it); a row written meanwhile stays."""
    insert_rows(CellMeetingStat, _year_rows(year), ignore_conflicts=True)


def _year_rows(year: int) -> list[dict]:
    months = months_of_year(year)
    cells = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).values_list("id", "path"))
    counts = _meeting_figures(
        CellMeeting.objects.filter(month__gte=months[0], month__lte=months[-1])
    )
    return [
        {"unit_id": unit_id, "month": m, "path": path, **counts.get((unit_id, m), {})}
        for m in months
        for unit_id, path in cells
    ]


def years_with_meetings() -> list[int]:
    years = {d.year for d in CellMeeting.objects.dates("month", "year")}
    years |= {d.year for d in CellMeetingStat.objects.dates("month", "year")}
    return sorted(years)
