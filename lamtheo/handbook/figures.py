"""Counts of the monthly self-check against the 27 manifestations, one set per cell per month,
kept by `SelfCheckFigures`, registered with core.figures.

`refresh_selfcheck` recomputes one cell's month inside the transaction of the self-check that
changed it; `rebuild_selfcheck_year` recomputes every row of a year from the records. A test
checks that the two agree. No row ever names a person. Only the cells' months that have
counts have rows (a missing row reads as zero), so a year needs no opening, and changes of
people do not move these counts: each self-check stays with the cell it was written in.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count

from lamtheo.core import figures
from lamtheo.handbook.models import SelfCheck, SelfCheckMark, SelfCheckStat
from lamtheo.orgs.models import OrgUnit


class SelfCheckFigures(figures.FigureKeeper):
    name = "handbook.selfcheck"

    def cells_month_changed(self, cells, month, source) -> None:
        if source is SelfCheck:
            for cell in cells:
                refresh_selfcheck(cell, month)

    def rebuild_year(self, year: int) -> None:
        rebuild_selfcheck_year(year)

    def years_with_records(self) -> set[int]:
        months = SelfCheck.objects.dates("month", "year")
        return {d.year for d in months} | {
            d.year for d in SelfCheckStat.objects.dates("month", "year")
        }

    def figures_of(self, year: int) -> dict:
        rows = SelfCheckStat.objects.filter(month__year=year)
        return {
            (unit, month, manifestation): (path, count)
            for unit, month, manifestation, path, count in rows.values_list(
                "unit_id", "month", "manifestation_id", "path", "count"
            )
        }


def _rows(people: dict, items: dict, paths: dict[int, str]) -> list[SelfCheckStat]:
    rows = [
        SelfCheckStat(unit_id=u, month=m, path=paths[u], count=n)
        for (u, m), n in people.items()
        if n
    ]
    rows += [
        SelfCheckStat(unit_id=u, month=m, path=paths[u], manifestation_id=x, count=n)
        for (u, m, x), n in items.items()
        if n
    ]
    return rows


def _people_counts(checks) -> dict:
    return {
        (r["unit_id"], r["month"]): r["n"]
        for r in checks.filter(marks__isnull=False)
        .values("unit_id", "month")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    }


def _item_counts(marks) -> dict:
    return {
        (r["selfcheck__unit_id"], r["selfcheck__month"], r["manifestation_id"]): r["n"]
        for r in marks.values("selfcheck__unit_id", "selfcheck__month", "manifestation_id")
        .annotate(n=Count("id"))
        .order_by()
    }


def refresh_selfcheck(cell: OrgUnit, month: date) -> None:
    """Recompute one cell's counts for one month (a cell has tens of people)."""
    SelfCheckStat.objects.filter(unit=cell, month=month).delete()
    checks = SelfCheck.objects.filter(unit=cell, month=month)
    marks = SelfCheckMark.objects.filter(selfcheck__unit=cell, selfcheck__month=month)
    SelfCheckStat.objects.bulk_create(
        _rows(_people_counts(checks), _item_counts(marks), {cell.pk: cell.path})
    )


@transaction.atomic
def rebuild_selfcheck_year(year: int) -> None:
    first, last = date(year, 1, 1), date(year, 12, 1)
    SelfCheckStat.objects.filter(month__gte=first, month__lte=last).delete()
    checks = SelfCheck.objects.filter(month__gte=first, month__lte=last)
    marks = SelfCheckMark.objects.filter(selfcheck__month__gte=first, selfcheck__month__lte=last)
    people, items = _people_counts(checks), _item_counts(marks)
    unit_ids = {k[0] for k in people} | {k[0] for k in items}
    paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    SelfCheckStat.objects.bulk_create(_rows(people, items, paths), batch_size=5000)
