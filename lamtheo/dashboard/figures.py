"""The dashboards' figures: one row per cell per month (CellMonthStat) and per cell per year
(CellYearStat), kept by `DashboardFigures`, registered with core.figures.

Two paths compute the same numbers: `refresh_cell_month` / `refresh_cell_year`
recompute one cell's row inside the transaction of the write that changed it
(a cell has tens of people, so this is a few small indexed counts), and
`rebuild_year` recomputes every row from the records with set-based queries.
A test checks that the two agree after random changes.

Rows of a year are built whole when the year is opened: by the first handbook month or
registration of the year, or by `manage.py open_year`. Until then the year has no rows and
the dashboards read zeros; a change of people only keeps the years already opened.

Definitions (also in the README):
- expected in a month: belonged to the cell in that month and not exempt then;
- submitted: the entry is submitted or reviewed (a returned entry waits to be resubmitted);
- registration is counted in the cell the person belongs to in December of the year
  (for the current year, their present cell, since memberships run open-ended) in the
  year rows; the month rows count, of the people expected that month, those registered
  for the month's year (and their items), so that one page about a month counts its
  registration over the same people as its handbook months.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.bulk import insert_rows
from lamtheo.core.periods import months_of_year
from lamtheo.handbook.models import SUBMITTED, EntryStatus, HandbookEntry, submitted_q
from lamtheo.orgs.models import CELL_KINDS, OrgUnit
from lamtheo.people.models import Exemption, Membership, covers
from lamtheo.people.selectors import exempt_in
from lamtheo.pledges.models import REGISTERED, Pledge, PledgeItem, PledgeStatus, registered_q

from .models import CellMonthStat, CellYearStat

_ENTRY_COUNTS = {
    "submitted": Count("id", filter=submitted_q()),
    "on_time": Count("id", filter=submitted_q() & Q(on_time=True)),
    "reviewed": Count("id", filter=Q(status=EntryStatus.REVIEWED)),
    "returned": Count("id", filter=Q(status=EntryStatus.RETURNED)),
}
_MEMBER_COUNTS = {
    "members": Count("person_id", distinct=True),
    "expected": Count("person_id", distinct=True, filter=Q(exempt=False)),
}
MONTH_FIELDS = ("members", "expected", "submitted", "on_time", "reviewed", "returned",
                "registered", "items", "specific_items")  # fmt: skip
YEAR_FIELDS = ("expected", "registered", "accepted", "returned", "items", "specific_items")

# Refreshing one cell costs about 40 small queries a year; past this many cells, one
# set-based rebuild of each year (whose cost grows with the whole database) is cheaper.
PER_CELL_REFRESH_LIMIT = 30


class DashboardFigures(figures.FigureKeeper):
    name = "dashboard"

    def cells_month_changed(self, cells, month, source) -> None:
        if source is not HandbookEntry:
            return
        self.open_year(month.year)
        for cell in cells:
            refresh_cell_month(cell, month)

    def person_year_changed(self, person_id, year, source) -> None:
        if source is not Pledge:
            return
        self.open_year(year)
        refresh_person_year(person_id, year)
        refresh_person_months(person_id, year)

    def people_changed_in(self, cells: Mapping[OrgUnit, date], cells_reshaped: bool) -> None:
        years = opened_years()
        if not cells_reshaped:  # a change of kind alters every opened year's set of cells
            years = [y for y in years if y >= min(cells.values()).year]
        if cells_reshaped or len(cells) > PER_CELL_REFRESH_LIMIT:
            for year in years:
                rebuild_year(year)
            return
        for cell, month in cells.items():
            refresh_cell_months_from(cell, month, years)

    def open_year(self, year: int) -> None:
        figures.open_once(
            self.name, year, is_open=lambda: is_opened(year), build=lambda: build_year(year)
        )

    def rebuild_year(self, year: int) -> None:
        rebuild_year(year)

    def years_with_records(self) -> set[int]:
        return years_with_records()

    def figures_of(self, year: int) -> dict:
        rows = {
            ("month", unit, month): (path, *values)
            for unit, month, path, *values in CellMonthStat.objects.filter(month__year=year)
            .values_list("unit_id", "month", "path", *MONTH_FIELDS)
            if any(values)
        }  # fmt: skip
        rows |= {
            ("year", unit): (path, *values)
            for unit, path, *values in CellYearStat.objects.filter(year=year)
            .values_list("unit_id", "path", *YEAR_FIELDS)
            if any(values)
        }  # fmt: skip
        return rows


def opened_years() -> list[int]:
    return sorted(set(CellYearStat.objects.values_list("year", flat=True).distinct()))


def is_opened(year: int) -> bool:
    return CellYearStat.objects.filter(year=year).exists()


def _member_counts(month: date):
    return Membership.objects.covering(month).annotate(exempt=exempt_in(month, "person_id"))


def _entry_counts(month: date):
    return (
        HandbookEntry.objects.filter(month=month)
        .annotate(exempt=exempt_in(month, "person_id"))
        .filter(exempt=False)
    )


def refresh_cell_month(cell: OrgUnit, month: date) -> None:
    counts = _member_counts(month).filter(unit=cell).aggregate(**_MEMBER_COUNTS)
    counts |= _entry_counts(month).filter(unit=cell).aggregate(**_ENTRY_COUNTS)
    counts |= _registration_counts(cell, month)
    CellMonthStat.objects.update_or_create(
        unit=cell, month=month, defaults={"path": cell.path, **counts}
    )


def _registration_counts(cell: OrgUnit, month: date) -> dict:
    """Of the people expected in the cell in `month`: the registered ones for the month's
    year, and the items of their registrations (one query)."""
    people = _member_counts(month).filter(unit=cell, exempt=False).values("person_id")
    pledges = Pledge.objects.registered().filter(year=month.year, person_id__in=people)
    counts = pledges.aggregate(
        n_registered=Count("id", distinct=True),
        n_items=Count("items"),
        n_specific=Count("items", filter=Q(items__is_specific=True)),
    )
    return {
        "registered": counts["n_registered"],
        "items": counts["n_items"],
        "specific_items": counts["n_specific"],
    }


def refresh_person_months(person_id: int, year: int) -> None:
    """After a registration changes: the registration counts of every month row of the
    year in which a cell counts the person (two queries a month)."""
    memberships = Membership.objects.overlapping(date(year, 1, 1), date(year, 12, 1))
    for m in memberships.filter(person_id=person_id).select_related("unit"):
        for month in months_of_year(year):
            if not covers(m.start_month, m.end_month, month):
                continue
            counts = _registration_counts(m.unit, month)
            if not CellMonthStat.objects.filter(unit=m.unit, month=month).update(**counts):
                refresh_cell_month(m.unit, month)


def refresh_cell_months_from(cell: OrgUnit, month: date, years: list[int] | None = None) -> None:
    """After a membership or exemption change from `month` on: since memberships and
    exemptions run on, every month from `month` on, and the year rows, of each opened year
    (of `years`, when the caller has read them). A year not opened yet is built whole when
    it is opened, so there is nothing to keep for it."""
    if years is None:
        years = opened_years()
    for year in [y for y in years if y >= month.year]:
        first = month.month if year == month.year else 1
        for m in months_of_year(year)[first - 1 :]:
            refresh_cell_month(cell, m)
        refresh_cell_year(cell, year)


def _year_people(year: int):
    december = date(year, 12, 1)
    return (
        Membership.objects.covering(december)
        .annotate(exempt=exempt_in(december, "person_id"))
        .filter(exempt=False)
    )


def _pledge_counts():
    return {
        "registered": Count("id", filter=registered_q()),
        "accepted": Count("id", filter=Q(status=PledgeStatus.ACCEPTED)),
        "returned": Count("id", filter=Q(status=PledgeStatus.RETURNED)),
    }


def _item_counts(pledges):
    items = PledgeItem.objects.filter(pledge__in=pledges.registered())
    return items, {
        "items": Count("id"),
        "specific_items": Count("id", filter=Q(is_specific=True)),
    }


def refresh_cell_year(cell: OrgUnit, year: int) -> None:
    people = _year_people(year).filter(unit=cell).values("person_id")
    pledges = Pledge.objects.filter(year=year, person_id__in=people)
    items, item_counts = _item_counts(pledges)
    counts = {"expected": people.count()}
    counts |= pledges.aggregate(**_pledge_counts())
    counts |= items.aggregate(**item_counts)
    CellYearStat.objects.update_or_create(
        unit=cell, year=year, defaults={"path": cell.path, **counts}
    )


def refresh_person_year(person_id: int, year: int) -> None:
    """After a registration changes: the row of the cell that counts the person that year."""
    m = _year_people(year).filter(person_id=person_id).select_related("unit").first()
    if m is not None:
        refresh_cell_year(m.unit, year)


def rebuild_year(year: int) -> None:
    """Recompute every cell's rows for `year` from the records (see _year_rows)."""
    month_rows, year_rows = _year_rows(year)
    first, last = date(year, 1, 1), date(year, 12, 1)
    with transaction.atomic():
        CellMonthStat.objects.filter(month__gte=first, month__lte=last).delete()
        insert_rows(CellMonthStat, month_rows)
        CellYearStat.objects.filter(year=year).delete()
        insert_rows(CellYearStat, year_rows)


def build_year(year: int) -> None:
    """Write the rows of a year that has none (opening it): as rebuild_year, but nothing is
    deleted and a row someone else wrote meanwhile stays."""
    month_rows, year_rows = _year_rows(year)
    insert_rows(CellMonthStat, month_rows, ignore_conflicts=True)
    insert_rows(CellYearStat, year_rows, ignore_conflicts=True)


def _year_rows(year: int) -> tuple[list[dict], list[dict]]:
    """Every cell's rows for `year`, set-based: one read of the memberships, one grouped
    read of the year's entries, one of its registrations and one of their items."""
    cells = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).values_list("id", "path"))
    months = months_of_year(year)
    exemptions = _exemptions_overlapping(months[0], months[-1])
    memberships = _memberships_overlapping(months[0], months[-1])
    counts = _month_member_counts(months, memberships, exemptions, _registrations(year))
    for (unit_id, month), row in _month_entry_counts(year, exemptions).items():
        counts[(unit_id, month)].update(row)
    month_rows = [
        {"unit_id": unit_id, "month": month, "path": path, **counts.get((unit_id, month), {})}
        for month in months
        for unit_id, path in cells
    ]
    year_counts = _year_counts(year, _december_cells(months[-1], memberships, exemptions))
    year_rows = [
        {"unit_id": unit_id, "year": year, "path": path, **year_counts.get(unit_id, {})}
        for unit_id, path in cells
    ]
    return month_rows, year_rows


def _december_cells(december: date, memberships: list[tuple], exemptions) -> dict[int, int]:
    """The cell that counts each person's registration: where they are in December, when
    not exempt then (as `_year_people`)."""
    return {
        person_id: unit_id
        for person_id, unit_id, start, end in memberships
        if covers(start, end, december) and not _covers(exemptions.get(person_id, []), december)
    }


def _year_counts(year: int, person_cell: dict[int, int]) -> dict[int, dict]:
    counts: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for unit_id in person_cell.values():
        counts[unit_id]["expected"] += 1
    registered: dict[int, int] = {}  # pledge → cell, for the items below
    pledges = Pledge.objects.filter(year=year).values_list("id", "person_id", "status")
    for pledge_id, person_id, status in pledges.order_by():
        unit_id = person_cell.get(person_id)
        if unit_id is None:
            continue
        c = counts[unit_id]
        c["registered"] += status in REGISTERED
        c["accepted"] += status == PledgeStatus.ACCEPTED
        c["returned"] += status == PledgeStatus.RETURNED
        if status in REGISTERED:
            registered[pledge_id] = unit_id
    items = (
        PledgeItem.objects.filter(pledge__year=year).order_by().values("pledge_id")
        .annotate(items=Count("id"), specific_items=Count("id", filter=Q(is_specific=True)))
    )  # fmt: skip
    for row in items:
        unit_id = registered.get(row["pledge_id"])
        if unit_id is not None:
            counts[unit_id]["items"] += row["items"]
            counts[unit_id]["specific_items"] += row["specific_items"]
    return counts


Periods = list[tuple[date, date | None]]  # [start month, end month) of each exemption


def _exemptions_overlapping(first: date, last: date) -> dict[int, Periods]:
    periods: dict[int, Periods] = defaultdict(list)
    rows = Exemption.objects.overlapping(first, last).values_list(
        "person_id", "start_month", "end_month"
    )
    for person_id, start, end in rows:
        periods[person_id].append((start, end))
    return periods


def _covers(periods: Periods, month: date) -> bool:
    return any(covers(start, end, month) for start, end in periods)


def _memberships_overlapping(first: date, last: date) -> list[tuple]:
    return list(
        Membership.objects.overlapping(first, last)
        .values_list("person_id", "unit_id", "start_month", "end_month")
        .order_by()
    )


_PERSON_COUNTS = ("expected", "registered", "items", "specific_items")


def _registrations(year: int) -> dict[int, tuple[int, int, int]]:
    """(1, items, specific items) of each person's registered registration of `year`."""
    rows = (
        Pledge.objects.registered().filter(year=year).order_by().values("person_id")
        .annotate(n_items=Count("items"),
                  n_specific=Count("items", filter=Q(items__is_specific=True)))
    )  # fmt: skip
    return {r["person_id"]: (1, r["n_items"], r["n_specific"]) for r in rows}


def _month_member_counts(
    months: list[date],
    rows: list[tuple],
    exemptions: dict[int, Periods],
    registrations: dict[int, tuple[int, int, int]],
):
    """members, expected and, of the expected, the registered and their items per
    (cell, month). Most people are in one cell all year and never exempt: their months are
    counted as a range (add at the first month, take away after the last) instead of month
    by month."""
    first, last = months[0], months[-1]
    none = (0, 0, 0)
    rows_per_person: dict[int, int] = defaultdict(int)
    for person_id, *_ in rows:
        rows_per_person[person_id] += 1
    steps: dict[int, list[int]] = defaultdict(lambda: [0] * 13)  # members, by month index
    # expected, registered, items, specific items: by cell, by month index
    counted: dict[int, list[list[int]]] = defaultdict(lambda: [[0] * 13 for _ in range(4)])
    one_by_one: set[tuple[int, int, int, bool]] = set()  # (person, cell, month index, exempt)

    def add(unit_id: int, person_id: int, lo: int, hi: int) -> None:
        weights = (1, *registrations.get(person_id, none))
        for table, weight in zip(counted[unit_id], weights, strict=True):
            table[lo] += weight
            table[hi] -= weight

    for person_id, unit_id, start, end in rows:
        lo = 0 if start < first else start.month - 1
        hi = 12 if end is None or end > last else end.month - 1
        if person_id in exemptions or rows_per_person[person_id] > 1:
            periods = exemptions.get(person_id, [])
            for i in range(lo, hi):
                one_by_one.add((person_id, unit_id, i, _covers(periods, months[i])))
            continue
        steps[unit_id][lo] += 1
        steps[unit_id][hi] -= 1
        add(unit_id, person_id, lo, hi)
    for person_id, unit_id, i, exempt in one_by_one:  # a set: counted once, as DISTINCT
        steps[unit_id][i] += 1
        steps[unit_id][i + 1] -= 1
        if not exempt:
            add(unit_id, person_id, i, i + 1)
    counts: dict[tuple[int, date], dict] = defaultdict(dict)
    for unit_id, table in steps.items():
        members = 0
        running = [0] * len(_PERSON_COUNTS)
        for i, month in enumerate(months):
            members += table[i]
            for k, column in enumerate(counted[unit_id]):
                running[k] += column[i]
            if members:
                counts[(unit_id, month)] = {
                    "members": members,
                    **dict(zip(_PERSON_COUNTS, running, strict=True)),
                }
    return counts


def _month_entry_counts(year: int, exemptions: dict[int, Periods]):
    """Entry counts per (cell, month), leaving out the entries of months in which their
    author was exempt: grouped reads of the year's entries, then the few entries of people
    with an exemption are taken back out."""
    counts: dict[tuple[int, date], dict] = {}
    # Month by month, grouped by cell: within one month the index entry_month_unit_idx
    # holds the rows in cell order with every column the counts need, so the database
    # reads the index alone and never sorts (and no date comes back to convert). The
    # month alone in the WHERE: with the year's range beside it, SQLite took the index on
    # (unit, month, status) instead and read every row from the table for on_time, eight
    # times slower (most of rebuild_stats).
    for month in months_of_year(year):
        by_cell = HandbookEntry.objects.filter(month=month).order_by().values("unit_id")
        for row in by_cell.annotate(**_ENTRY_COUNTS):
            counts[(row.pop("unit_id"), month)] = row
    entries = HandbookEntry.objects.filter(
        month__gte=date(year, 1, 1), month__lte=date(year, 12, 1)
    ).order_by()
    exempt_people = entries.filter(person_id__in=list(exemptions)).values_list(
        "person_id", "unit_id", "month", "status", "on_time"
    )
    for person_id, unit_id, month, status, on_time in exempt_people:
        if not _covers(exemptions[person_id], month):
            continue
        row = counts[(unit_id, month)]
        submitted = status in SUBMITTED
        row["submitted"] -= submitted
        row["on_time"] -= submitted and on_time
        row["reviewed"] -= status == EntryStatus.REVIEWED
        row["returned"] -= status == EntryStatus.RETURNED
    return counts


def years_with_records() -> set[int]:
    """This year and every year from the first to the last that has handbook months,
    registrations or figures. Memberships alone run back decades: their old years have
    nothing to count."""
    years = {timezone.localdate().year}
    for model, field in ((HandbookEntry, "month"), (CellMonthStat, "month")):
        first, last = _bounds(model, field)
        if first:
            years.update(range(first.year, last.year + 1))
    for model in (Pledge, CellYearStat):
        first, last = _bounds(model, "year")
        if first:
            years.update(range(first, last + 1))
    return years


def _bounds(model, field: str) -> tuple:
    """The least and the greatest value of an indexed column: two queries, since SQLite
    answers a lone MIN or MAX from the index but scans the whole table for both at once
    (a second over a million handbook months)."""
    rows = model.objects.order_by()
    return (
        rows.aggregate(v=Min(field))["v"],
        rows.aggregate(v=Max(field))["v"],
    )
