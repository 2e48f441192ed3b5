"""Pre-aggregated figures, one row per cell per period.

Each row keeps the cell's path as it was when the figures were recorded, so a
later reorganization of the tree does not rewrite the past. Rows are kept up to
date in the same transaction as the writes (dashboard.figures, told by core.figures)
and can be rebuilt from the records (`manage.py rebuild_stats`).
"""

from __future__ import annotations

from django.db import models

from lamtheo.orgs.models import OrgUnit


class CellMonthStat(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    path = models.CharField(max_length=255)
    members = models.PositiveIntegerField(default=0)
    expected = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    reviewed = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    # Of the people expected that month: those whose registration of the month's year is
    # submitted or accepted, and the items of those registrations (all, and specific).
    # Counted over the same people as `expected`, so one dashboard page has one population.
    registered = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)
    specific_items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="cellmonthstat_unique"),
        ]
        indexes = [models.Index(fields=["month", "path"], name="cellmonthstat_month_path")]


class CellYearStat(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    path = models.CharField(max_length=255)
    expected = models.PositiveIntegerField(default=0)
    registered = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)
    specific_items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="cellyearstat_unique"),
        ]
        indexes = [models.Index(fields=["year", "path"], name="cellyearstat_year_path")]
