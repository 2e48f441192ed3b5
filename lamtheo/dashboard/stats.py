"""Keeping the pre-aggregated figures.

Two paths compute the same numbers: `refresh_cell_month` / `refresh_cell_year`
recompute one cell's row inside the transaction of the write that changed it
(a cell has tens of people, so this is a few small indexed counts), and
`rebuild_year` recomputes every row from the records with set-based queries.
A test checks that the two agree after random changes.

Definitions (also in the README):
- expected in a month: belonged to the cell in that month and not exempt then;
- submitted: the entry is submitted or reviewed (a returned entry waits to be resubmitted);
- registration is counted in the cell the person belongs to in December of the year
  (for the current year, their present cell, since memberships run open-ended).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from lamtheo.handbook.models import EntryStatus, HandbookEntry
from lamtheo.orgs.models import CELL_KINDS, OrgUnit
from lamtheo.people.models import Exemption, Membership
from lamtheo.people.selectors import exempt_in, memberships_covering
from lamtheo.pledges.models import Pledge, PledgeStatus

from .models import CellMonthStat, CellYearStat

SUBMITTED_STATES = (EntryStatus.SUBMITTED, EntryStatus.REVIEWED)
REGISTERED_STATES = (PledgeStatus.SUBMITTED, PledgeStatus.ACCEPTED)

_ENTRY_COUNTS = {
    "submitted": Count("id", filter=Q(status__in=SUBMITTED_STATES)),
    "on_time": Count("id", filter=Q(status__in=SUBMITTED_STATES, on_time=True)),
    "reviewed": Count("id", filter=Q(status=EntryStatus.REVIEWED)),
    "returned": Count("id", filter=Q(status=EntryStatus.RETURNED)),
}
_MEMBER_COUNTS = {
    "members": Count("person_id", distinct=True),
    "expected": Count("person_id", distinct=True, filter=Q(exempt=False)),
}


def months_of_year(year: int) -> list[date]:
    return [date(year, m, 1) for m in range(1, 13)]


def _member_counts(month: date):
    return (
        Membership.objects.filter(memberships_covering(month))
        .annotate(exempt=exempt_in(month, "person_id"))
    )


def _entry_counts(month: date):
    return (
        HandbookEntry.objects.filter(month=month)
        .annotate(exempt=exempt_in(month, "person_id"))
        .filter(exempt=False)
    )


def _year_entry_counts(year: int):
    exempt_then = Exemption.objects.filter(
        Q(end_month__isnull=True) | Q(end_month__gt=OuterRef("month")),
        person_id=OuterRef("person_id"), start_month__lte=OuterRef("month"),
    )
    return (
        HandbookEntry.objects.filter(month__gte=date(year, 1, 1), month__lte=date(year, 12, 1))
        .annotate(exempt=Exists(exempt_then))
        .filter(exempt=False)
    )


def refresh_cell_month(cell: OrgUnit, month: date) -> None:
    figures = _member_counts(month).filter(unit=cell).aggregate(**_MEMBER_COUNTS)
    figures |= _entry_counts(month).filter(unit=cell).aggregate(**_ENTRY_COUNTS)
    CellMonthStat.objects.update_or_create(
        unit=cell, month=month, defaults={"path": cell.path, **figures}
    )


def refresh_cell_months_from(cell: OrgUnit, month: date) -> None:
    """After a membership or exemption change from `month` on: since memberships and
    exemptions run on, every month from `month` on, and the year rows, of each year that
    already has figures. A year without figures yet is built whole by ensure_year when
    first looked at, so there is nothing to keep for it."""
    built = CellYearStat.objects.filter(year__gte=month.year).values_list("year", flat=True)
    for year in sorted(set(built)):
        first = month.month if year == month.year else 1
        for m in months_of_year(year)[first - 1 :]:
            refresh_cell_month(cell, m)
        refresh_cell_year(cell, year)


def _year_people(year: int):
    december = date(year, 12, 1)
    return (
        Membership.objects.filter(memberships_covering(december))
        .annotate(exempt=exempt_in(december, "person_id"))
        .filter(exempt=False)
    )


def _pledge_counts():
    return {
        "registered": Count("id", filter=Q(status__in=REGISTERED_STATES)),
        "accepted": Count("id", filter=Q(status=PledgeStatus.ACCEPTED)),
        "returned": Count("id", filter=Q(status=PledgeStatus.RETURNED)),
    }


def _item_counts(pledges):
    from lamtheo.pledges.models import PledgeItem

    items = PledgeItem.objects.filter(pledge__in=pledges.filter(status__in=REGISTERED_STATES))
    return items, {
        "items": Count("id"),
        "specific_items": Count("id", filter=Q(is_specific=True)),
    }


def refresh_cell_year(cell: OrgUnit, year: int) -> None:
    people = _year_people(year).filter(unit=cell).values("person_id")
    pledges = Pledge.objects.filter(year=year, person_id__in=people)
    items, item_counts = _item_counts(pledges)
    figures = {"expected": people.count()}
    figures |= pledges.aggregate(**_pledge_counts())
    figures |= items.aggregate(**item_counts)
    CellYearStat.objects.update_or_create(
        unit=cell, year=year, defaults={"path": cell.path, **figures}
    )


def refresh_person_year(person_id: int, year: int) -> None:
    """After a registration changes: the row of the cell that counts the person that year."""
    m = _year_people(year).filter(person_id=person_id).select_related("unit").first()
    if m is not None:
        refresh_cell_year(m.unit, year)


def rebuild_year(year: int, months_up_to: date | None = None) -> None:
    """Recompute every cell's rows for `year` from the records, set-based."""
    cells = list(OrgUnit.objects.filter(kind__in=CELL_KINDS).values_list("id", "path"))
    months = months_of_year(year)
    counts: dict[tuple[int, date], dict] = defaultdict(dict)
    for month in months:
        for row in _member_counts(month).values("unit_id").annotate(**_MEMBER_COUNTS):
            counts[(row.pop("unit_id"), month)].update(row)
    # One pass over the year's entries (instead of one per month): each entry is checked
    # against exemptions covering its own month.
    for row in _year_entry_counts(year).values("unit_id", "month").annotate(**_ENTRY_COUNTS):
        counts[(row.pop("unit_id"), row.pop("month"))].update(row)
    month_rows = [
        CellMonthStat(unit_id=unit_id, month=month, path=path, **counts.get((unit_id, month), {}))
        for month in months
        for unit_id, path in cells
    ]

    year_counts: dict[int, dict] = defaultdict(dict)
    people = _year_people(year)
    for row in people.values("unit_id").annotate(expected=Count("person_id", distinct=True)):
        year_counts[row.pop("unit_id")].update(row)
    person_cell = dict(people.values_list("person_id", "unit_id"))
    pledge_rows = Pledge.objects.filter(year=year, person_id__in=people.values("person_id"))
    per_person = defaultdict(lambda: defaultdict(int))
    for pid, status in pledge_rows.values_list("person_id", "status"):
        c = per_person[person_cell[pid]]
        c["registered"] += status in REGISTERED_STATES
        c["accepted"] += status == PledgeStatus.ACCEPTED
        c["returned"] += status == PledgeStatus.RETURNED
    items, item_counts = _item_counts(pledge_rows)
    for row in items.values("pledge__person_id").annotate(**item_counts):
        c = per_person[person_cell[row["pledge__person_id"]]]
        c["items"] += row["items"]
        c["specific_items"] += row["specific_items"]
    for unit_id, c in per_person.items():
        year_counts[unit_id].update(c)
    year_rows = [
        CellYearStat(unit_id=unit_id, year=year, path=path, **year_counts.get(unit_id, {}))
        for unit_id, path in cells
    ]

    with transaction.atomic():
        CellMonthStat.objects.filter(month__gte=months[0], month__lte=months[-1]).delete()
        CellMonthStat.objects.bulk_create(month_rows, batch_size=2000)
        CellYearStat.objects.filter(year=year).delete()
        CellYearStat.objects.bulk_create(year_rows, batch_size=2000)


def ensure_year(year: int) -> None:
    """Make sure every cell has its rows for `year` (one query when they all do).

    Rows are a cache built lazily: a year nobody has looked at yet (e.g. on 1 January) is
    built whole; a cell that has none yet (just created, or a write made one cell's row
    before anyone looked) gets its own rows, cell by cell, when there are only a few."""
    cells = OrgUnit.objects.filter(kind__in=CELL_KINDS)
    missing = list(cells.exclude(pk__in=CellYearStat.objects.filter(year=year)
                                 .values("unit_id"))[:FEW_CELLS + 1])
    if len(missing) > FEW_CELLS:
        rebuild_year(year)
        return
    for cell in missing:
        with transaction.atomic():
            for month in months_of_year(year):
                refresh_cell_month(cell, month)
            refresh_cell_year(cell, year)


FEW_CELLS = 20


