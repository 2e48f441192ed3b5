"""The registry of figure keepers: the one door through which writes reach the pre-aggregated
figures.

An app that keeps pre-aggregated rows (per cell per month, per cell per year, per topic …)
writes a keeper in its own `figures.py` and registers it in its `AppConfig.ready()`. Services,
the roster import, the demo and `rebuild_stats` tell the registry what changed; they never
import another app's keeper. Each keeper decides what the change means for its own rows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # core imports no app: the type is only named
    from lamtheo.orgs.models import OrgUnit


class FigureKeeper(Protocol):
    name: str

    def cell_month_changed(self, cell: OrgUnit, month: date) -> None:
        """A record of `cell` for `month` was written (an entry, a review, a meeting …)."""

    def people_changed(self, cell: OrgUnit, from_month: date) -> None:
        """Memberships or exemptions of people in `cell` changed from `from_month` on."""

    def rebuild_year(self, year: int) -> None:
        """Recompute every row of `year` from the records."""

    def years_with_records(self) -> set[int]:
        """The years in which this keeper has something to count."""


_keepers: dict[str, FigureKeeper] = {}


def register(keeper: FigureKeeper) -> None:
    _keepers[keeper.name] = keeper  # by name: a second ready() does not register it twice


def keepers() -> list[FigureKeeper]:
    return list(_keepers.values())


def cell_month_changed(*, cell: OrgUnit, month: date) -> None:
    for keeper in keepers():
        keeper.cell_month_changed(cell, month)


def people_changed(*, cell: OrgUnit, from_month: date) -> None:
    for keeper in keepers():
        keeper.people_changed(cell, from_month)


def rebuild_year(year: int) -> None:
    for keeper in keepers():
        keeper.rebuild_year(year)


def years_with_records() -> list[int]:
    years: set[int] = set()
    for keeper in keepers():
        years |= keeper.years_with_records()
    return sorted(years)
