"""Figures of the stories read at the morning briefings (buổi thông tin đầu giờ).

Counted directly, not pre-aggregated: a unit records at most one reading a day, so the
readings of a month are few, and a grouped count by path prefix over StoryReading joined
to its unit's path answers in one query whatever the size of the subtree (plus one for the
units and one for the children's names). There is no cache to keep in step, hence nothing
for rebuild_stats to do.

Definitions (for a unit and a month, by the date the story was read):
- briefings with a story read: the readings recorded at the units of the subtree;
- units: the active units of the subtree, the unit itself included: readings are recorded
  wherever a holder of READ_STORIES runs a briefing, which may be a cell or a higher unit;
- units that read: the active units with at least one reading in the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from lamtheo.core.figure_tables import ratio
from lamtheo.core.periods import add_months, month_start
from lamtheo.learning.stories.models import StoryReading
from lamtheo.orgs.models import PATH_SEGMENT_WIDTH, OrgUnit, path_ids
from lamtheo.orgs.scope import subtree_q


@dataclass
class StoryFigures:
    units: int = 0
    reading_units: int = 0
    readings: int = 0

    def add(self, row: dict) -> None:
        for name, value in row.items():
            setattr(self, name, getattr(self, name) + (value or 0))

    @property
    def reading_rate(self) -> float | None:
        return ratio(self.reading_units, self.units)

    @property
    def not_reading(self) -> int:
        return self.units - self.reading_units


@dataclass
class StoryRow:
    unit: OrgUnit
    figures: StoryFigures
    own: bool = False  # the briefings of the unit itself, not of a child's subtree


@dataclass
class StoryUnitFigures:
    unit: OrgUnit
    month: date
    total: StoryFigures
    rows: list[StoryRow] = field(default_factory=list)


def month_readings(unit: OrgUnit, month: date) -> QuerySet[StoryReading]:
    """The readings of the unit's subtree read in `month`."""
    month = month_start(month)
    return StoryReading.objects.filter(
        subtree_q(unit.path, "unit__path"), read_on__gte=month, read_on__lt=add_months(month, 1)
    )


def story_unit_figures(unit: OrgUnit, month: date) -> StoryUnitFigures:
    """The unit's figures for `month`, one row for the unit's own briefings and one per
    child unit: three queries whatever the size of the subtree."""
    month = month_start(month)
    width = len(unit.path) + PATH_SEGMENT_WIDTH
    readings = (month_readings(unit, month)
                .annotate(child=Substr("unit__path", 1, width)).values("child")
                .annotate(readings=Count("id"),
                          reading_units=Count("unit_id", distinct=True,
                                              filter=Q(unit__is_active=True)))
                .order_by())  # fmt: skip
    units = (OrgUnit.objects.filter(subtree_q(unit.path), is_active=True)
             .annotate(child=Substr("path", 1, width)).values("child")
             .annotate(units=Count("id")).order_by())  # fmt: skip
    total, per_child = StoryFigures(), {}
    for row in [*units, *readings]:
        child = row.pop("child")
        total.add(row)
        per_child.setdefault(child, StoryFigures()).add(row)
    own = per_child.pop(unit.path, StoryFigures())
    rows = []
    if not unit.is_cell:
        rows.append(StoryRow(unit, own, own=True))
        ids = {path_ids(p)[-1]: p for p in per_child}
        children = OrgUnit.objects.filter(Q(parent=unit, is_active=True) | Q(pk__in=ids))
        found = sorted(((u, ids.get(u.pk, u.path)) for u in children), key=lambda x: x[1])
        rows += [StoryRow(u, per_child.get(key, StoryFigures())) for u, key in found]
    return StoryUnitFigures(unit, month, total, rows)


def readings_behind(unit: OrgUnit, month: date) -> QuerySet[StoryReading]:
    """The readings the figure counts, by date then by unit."""
    return (month_readings(unit, month).select_related("unit", "story", "read_by")
            .order_by("read_on", "unit__path"))  # fmt: skip
