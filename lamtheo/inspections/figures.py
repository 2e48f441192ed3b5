"""Keeping the inspection figures: `InspectionFigures`, registered with core.figures.

Two kinds of rows per year (the year of the plan):
- InspectionYearStat: inspections counted by the unit whose plan holds them (the level that
  runs them: a bloc's standing committee, a grassroots đảng ủy, a cell), by kind and state.
  A unit's page adds up the rows of its subtree, and tells its own level from each child's
  subtree: "gần 800 cuộc, trong đó các đảng ủy trực thuộc hơn 700".
- FindingYearStat: findings of the inspections that were not cancelled, counted by the unit
  inspected, by category, kind (ưu điểm, hạn chế, vi phạm), state of the remedy and deadline.

Overdue depends on the day of reading: a remedy is overdue when it is open and its deadline
is before today. The rows keep the deadline itself, so the count of overdue remedies is a
sum of stored rows (open, deadline < today) made when the page is read; nothing is stale at
midnight and no nightly job is needed.

The services tell the registry (`units_year_changed`) in the transaction of each write: the
units concerned (the planning unit and the unit inspected, before and after an edit) are
recounted for the year. `rebuild_stats` recomputes a year from the records; a test makes
random changes through the services and checks that both agree. Rows exist only where there
are inspections: a year needs no opening.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from lamtheo.core import figures
from lamtheo.inspections.models import (
    Finding,
    FindingYearStat,
    Inspection,
    InspectionPlan,
    InspectionState,
    InspectionYearStat,
)


class InspectionFigures(figures.FigureKeeper):
    name = "inspections"

    def units_year_changed(self, units, year: int, source) -> None:
        if source not in (Inspection, Finding):
            return
        refresh(year, {u.pk for u in units})

    def rebuild_year(self, year: int) -> None:
        refresh(year, None)

    def years_with_records(self) -> set[int]:
        return set(InspectionPlan.objects.filter(inspections__isnull=False)
                   .values_list("year", flat=True).distinct())  # fmt: skip

    def figures_of(self, year: int) -> dict:
        rows = {
            ("inspections", unit, kind, state): (path, count)
            for unit, kind, state, path, count in InspectionYearStat.objects.filter(
                year=year
            ).values_list("unit_id", "kind", "state", "path", "count")
        }
        rows |= {
            ("findings", unit, category, kind, remedy, deadline): (path, count)
            for unit, category, kind, remedy, deadline, path, count in (
                FindingYearStat.objects.filter(year=year).values_list(
                    "unit_id", "category_id", "kind", "remedy_state", "deadline", "path", "count"
                )
            )
        }
        return rows


def refresh(year: int, unit_ids: Iterable[int] | None) -> None:
    """Recount the rows of `year` of these units (of every unit, without them): as the
    planning unit for the inspections, as the unit inspected for the findings. The rows of
    a unit-year are few: they are replaced whole."""
    inspections = Inspection.objects.filter(plan__year=year)
    findings = Finding.objects.filter(inspection__plan__year=year).exclude(
        inspection__state=InspectionState.CANCELLED
    )
    old_inspections = InspectionYearStat.objects.filter(year=year)
    old_findings = FindingYearStat.objects.filter(year=year)
    if unit_ids is not None:
        unit_ids = list(unit_ids)
        inspections = inspections.filter(plan__unit_id__in=unit_ids)
        findings = findings.filter(inspection__unit_id__in=unit_ids)
        old_inspections = old_inspections.filter(unit_id__in=unit_ids)
        old_findings = old_findings.filter(unit_id__in=unit_ids)
    with transaction.atomic():
        old_inspections.delete()
        old_findings.delete()
        InspectionYearStat.objects.bulk_create(
            [
                InspectionYearStat(
                    unit_id=unit, year=year, path=path, kind=kind, state=state, count=n
                )  # fmt: skip
                for unit, path, kind, state, n in inspections.values_list(
                    "plan__unit_id", "plan__unit__path", "kind", "state"
                )
                .annotate(n=Count("pk"))
                .order_by()
            ]
        )
        FindingYearStat.objects.bulk_create(
            [
                FindingYearStat(
                    unit_id=unit,
                    year=year,
                    path=path,
                    category_id=category,
                    kind=kind,
                    remedy_state=remedy,
                    deadline=deadline,
                    count=n,
                )  # fmt: skip
                for unit, path, category, kind, remedy, deadline, n in findings.values_list(
                    "inspection__unit_id",
                    "inspection__unit__path",
                    "category_id",
                    "kind",
                    "remedy_state",
                    "deadline",
                )
                .annotate(n=Count("pk"))
                .order_by()
            ],
            batch_size=2000,
        )
