"""Pre-aggregated counts of discipline, kept by `DisciplineFigures`, registered with
core.figures in InspectionsConfig.ready().

One row per year, per unit of the subject (the member's cell when the decision was recorded,
or the disciplined organization, with its path as it was then), per level of the deciding
body (its unit kind), subject kind and form; only decisions in force count, and rows of zero
are not kept. A discipline write tells the registry which units' year changed
(core.figures.units_year_changed); `refresh_units_year` recomputes those units' rows of the
year and `rebuild_discipline_year` every row of a year: a test checks that they agree.

Pages read counts without names: by form and by level, for a unit's subtree, with a row per
child unit (`discipline_unit_figures`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Sum

from lamtheo.core import figures
from lamtheo.core.bulk import insert_rows
from lamtheo.inspections.discipline.models import (
    DisciplineForm,
    DisciplineRecord,
    DisciplineStat,
    SubjectKind,
)
from lamtheo.orgs.models import OrgUnit, UnitKind
from lamtheo.orgs.tree import branch_expr, children_of, subtree_q

KEY = ("subject_unit_id", "subject_path", "decider_level", "subject_kind", "form")


class DisciplineFigures(figures.FigureKeeper):
    name = "inspections.discipline"

    def units_year_changed(self, units, year, source) -> None:
        if source is not DisciplineRecord:
            return
        refresh_units_year(units, year)

    def rebuild_year(self, year: int) -> None:
        rebuild_discipline_year(year)

    def years_with_records(self) -> set[int]:
        years = set(DisciplineRecord.objects.values_list("year", flat=True).distinct())
        return years | set(DisciplineStat.objects.values_list("year", flat=True).distinct())

    def figures_of(self, year: int) -> dict:
        rows = DisciplineStat.objects.filter(year=year, count__gt=0)
        return {
            (unit, level, kind, form): (path, count)
            for unit, path, level, kind, form, count in rows.values_list(
                "unit_id", "path", "level", "subject_kind", "form", "count"
            )
        }


def _rows(records) -> list[dict]:
    counted = records.in_force().values(*KEY).annotate(n=Count("id")).order_by()
    return [
        {"unit_id": r["subject_unit_id"], "year": r["year"], "path": r["subject_path"],
         "level": r["decider_level"], "subject_kind": r["subject_kind"], "form": r["form"],
         "count": r["n"]}
        for r in counted.values(*KEY, "year", "n")
    ]  # fmt: skip


def refresh_units_year(units, year: int) -> None:
    """Recompute the rows of these units for `year` (inside the write's transaction)."""
    ids = [u.pk for u in units]
    with transaction.atomic():
        DisciplineStat.objects.filter(unit_id__in=ids, year=year).delete()
        insert_rows(
            DisciplineStat,
            _rows(DisciplineRecord.objects.filter(subject_unit_id__in=ids, year=year)),
        )


def rebuild_discipline_year(year: int) -> None:
    with transaction.atomic():
        DisciplineStat.objects.filter(year=year).delete()
        insert_rows(DisciplineStat, _rows(DisciplineRecord.objects.filter(year=year)))


# --- what the pages read ------------------------------------------------------------------

# The columns: a member's forms, then an organization's.
COLUMNS = [
    (SubjectKind.MEMBER, f)
    for f in (
        DisciplineForm.REPRIMAND,
        DisciplineForm.WARNING,
        DisciplineForm.DISMISSAL,
        DisciplineForm.EXPULSION,
    )
]
COLUMNS += [(SubjectKind.ORGANIZATION, f) for f in (DisciplineForm.REPRIMAND,
                                                   DisciplineForm.WARNING,
                                                   DisciplineForm.DISSOLUTION)]  # fmt: skip


def column_key(kind: str, form: str) -> str:
    return f"{kind}_{form}"


@dataclass
class DisciplineCounts:
    """Counts by subject kind and form (attributes member_reprimand, …), and their totals."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, kind: str, form: str, n: int) -> None:
        self.counts[column_key(kind, form)] += n

    def of(self, kind: str, form: str) -> int:
        return self.counts.get(column_key(kind, form), 0)

    def __getattr__(self, name: str) -> int:
        # member_reprimand, organization_dissolution …: what the figures table's columns read.
        if name.startswith("_") or name == "counts":
            raise AttributeError(name)
        return self.counts.get(name, 0)

    @property
    def members(self) -> int:
        return sum(self.of(k, f) for k, f in COLUMNS if k == SubjectKind.MEMBER)

    @property
    def organizations(self) -> int:
        return sum(self.of(k, f) for k, f in COLUMNS if k == SubjectKind.ORGANIZATION)


@dataclass
class DisciplineRow:
    unit: OrgUnit
    figures: DisciplineCounts
    own: bool = False


@dataclass
class LevelRow:
    level: str
    label: str
    figures: DisciplineCounts


@dataclass
class DisciplineUnitFigures:
    unit: OrgUnit
    year: int
    total: DisciplineCounts
    rows: list[DisciplineRow]
    levels: list[LevelRow]


LEVEL_LABELS = dict(UnitKind.choices)


def discipline_unit_figures(unit: OrgUnit, year: int) -> DisciplineUnitFigures:
    """The counts of `year` for the unit's subtree: in total, per child unit (and the unit's
    own, for an organization disciplined at this level) and per level of the deciding body.
    Two queries whatever the size of the subtree (plus one for the children's names)."""
    rows = DisciplineStat.objects.filter(subtree_q(unit.path), year=year)
    by_child = (rows.annotate(child=branch_expr(unit.path)).values("child", "subject_kind", "form")
                .annotate(n=Sum("count")).order_by())  # fmt: skip
    total, per_child = DisciplineCounts(), defaultdict(DisciplineCounts)
    for r in by_child:
        total.add(r["subject_kind"], r["form"], r["n"])
        per_child[r["child"]].add(r["subject_kind"], r["form"], r["n"])
    own = per_child.pop(unit.path, DisciplineCounts())
    out_rows: list[DisciplineRow] = []
    if not unit.is_cell:
        out_rows.append(DisciplineRow(unit, own, own=True))
        out_rows += [DisciplineRow(u, per_child.get(k, DisciplineCounts()))
                     for u, k in children_of(unit, per_child)]  # fmt: skip
    levels: dict[str, DisciplineCounts] = defaultdict(DisciplineCounts)
    by_level = rows.values("level", "subject_kind", "form").annotate(n=Sum("count")).order_by()
    for r in by_level:
        levels[r["level"]].add(r["subject_kind"], r["form"], r["n"])
    order = list(LEVEL_LABELS)
    level_rows = [
        LevelRow(level, LEVEL_LABELS.get(level, level), counts)
        for level, counts in sorted(levels.items(), key=lambda kv: order.index(kv[0])
                                    if kv[0] in order else len(order))
    ]  # fmt: skip
    return DisciplineUnitFigures(unit, year, total, out_rows, level_rows)
