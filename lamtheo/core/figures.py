"""The registry of figure keepers: the one door through which writes reach the pre-aggregated
figures.

An app that keeps pre-aggregated rows (per cell per month, per cell per year, per topic …)
writes a keeper in its own `figures.py` and registers it in its `AppConfig.ready()`. Services,
the roster import and `rebuild_stats` tell the registry what changed, in the same transaction
as the write; they never import another app's keeper. Each keeper decides what the change
means for its own rows, and ignores the sources it does not count.

Rows of a year are built whole, once: by the first write of that year that a keeper counts
(`open_once`, under a lock), or ahead of time by `manage.py open_year` (a yearly cron job on
1 January). A year nobody opened has no rows and reads as zeros; no request that only reads
ever writes them.
"""

from __future__ import annotations

import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.db import connection, transaction

if TYPE_CHECKING:  # core imports no app: the types are only named
    from django.db.models import Model

    from lamtheo.orgs.models import OrgUnit


class FigureKeeper(ABC):
    """What a keeper of pre-aggregated rows answers to. Every event does nothing here: a
    keeper overrides those that change its rows (the empty hooks are meant: ruff's B027 is
    silenced for them). `rebuild_year`, `years_with_records` and `figures_of` are abstract: a
    keeper without them cannot be built."""

    name: str = ""

    def cells_month_changed(self, cells: list[OrgUnit], month: date, source: type[Model]) -> None:  # noqa: B027 (optional hook)
        """Records of `source` (a handbook entry, a self-check, a meeting, a study session or
        its attendance …) of these cells for `month` were written."""

    def person_year_changed(self, person_id: int, year: int, source: type[Model]) -> None:  # noqa: B027 (optional hook)
        """A record of the person for the year (a registration) was written."""

    def people_changed_in(self, cells: Mapping[OrgUnit, date], cells_reshaped: bool) -> None:  # noqa: B027 (optional hook)
        """Memberships or exemptions of people in each cell changed from its month on. With
        `cells_reshaped`, units also became or stopped being cells."""

    def cells_added(self, cells: list[OrgUnit]) -> None:  # noqa: B027 (optional hook)
        """New cells, with nobody in them yet."""

    def units_year_changed(self, units: list[OrgUnit], year: int, source: type[Model]) -> None:  # noqa: B027 (optional hook)
        """Records of `source` (an inspection, a discipline decision …) counted for these
        units in `year` were written."""

    def open_year(self, year: int) -> None:  # noqa: B027 (optional hook)
        """Build the rows of `year` if they are not there yet (idempotent)."""

    @abstractmethod
    def rebuild_year(self, year: int) -> None:
        """Recompute every row of `year` from the records."""

    @abstractmethod
    def years_with_records(self) -> set[int]:
        """The years in which this keeper has something to count."""

    @abstractmethod
    def figures_of(self, year: int) -> dict:
        """The rows of `year` as the pages read them (a row that reads as nothing left out),
        keyed: maintained rows must equal rebuilt ones."""


_keepers: dict[str, FigureKeeper] = {}


def register(keeper: FigureKeeper) -> None:
    _keepers[keeper.name] = keeper  # by name: a second ready() does not register it twice


def keepers() -> list[FigureKeeper]:
    return list(_keepers.values())


# --- what changed: called by the services and the import, inside their transaction ------


def cell_month_changed(*, cell: OrgUnit, month: date, source: type[Model]) -> None:
    cells_month_changed(cells=[cell], month=month, source=source)


def cells_month_changed(*, cells: Iterable[OrgUnit], month: date, source: type[Model]) -> None:
    cells = list(cells)
    for keeper in keepers():
        keeper.cells_month_changed(cells, month, source)


def person_year_changed(*, person_id: int, year: int, source: type[Model]) -> None:
    for keeper in keepers():
        keeper.person_year_changed(person_id, year, source)


def people_changed(*, cell: OrgUnit, from_month: date) -> None:
    people_changed_in(cells={cell: from_month})


def people_changed_in(
    *, cells: Mapping[OrgUnit, date] | None = None, cells_reshaped: bool = False
) -> None:
    cells = dict(cells or {})
    if not cells and not cells_reshaped:
        return
    for keeper in keepers():
        keeper.people_changed_in(cells, cells_reshaped)


def cells_added(*, cells: Iterable[OrgUnit]) -> None:
    cells = list(cells)
    if not cells:
        return
    for keeper in keepers():
        keeper.cells_added(cells)


def units_year_changed(*, units: Iterable[OrgUnit], year: int, source: type[Model]) -> None:
    units = list(units)
    for keeper in keepers():
        keeper.units_year_changed(units, year, source)


# --- whole years: the yearly command, rebuild_stats -------------------------------------


def open_year(year: int) -> None:
    for keeper in keepers():
        keeper.open_year(year)


def rebuild_year(year: int) -> None:
    for keeper in keepers():
        keeper.rebuild_year(year)


def years_with_records() -> list[int]:
    years: set[int] = set()
    for keeper in keepers():
        years |= keeper.years_with_records()
    return sorted(years)


def open_once(
    keeper: str, year: int, *, is_open: Callable[[], bool], build: Callable[[], None]
) -> None:
    """Build a keeper's rows of `year` unless they exist. Two first writes of a year at once
    must not both build them: on PostgreSQL the second waits on an advisory lock (held to
    the end of the transaction) and then finds the rows; SQLite lets one writer at a time."""
    if is_open():
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_lock_key(keeper), year])
        if not is_open():
            build()


def _lock_key(name: str) -> int:
    """A stable signed 32-bit number for a keeper's name (hash() changes between runs)."""
    key = zlib.crc32(f"lamtheo.figures.{name}".encode())
    return key - 2**32 if key >= 2**31 else key
