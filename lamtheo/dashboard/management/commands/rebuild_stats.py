"""`manage.py rebuild_stats [--year YYYY]`: recompute the pre-aggregated figures from the
records (after a restore, an import outside the services, or to check them)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db.models import Max, Min
from django.utils import timezone

from lamtheo.dashboard.models import CellMonthStat, CellYearStat
from lamtheo.dashboard.stats import rebuild_year
from lamtheo.handbook.models import HandbookEntry
from lamtheo.handbook.stats import rebuild_selfcheck_year
from lamtheo.learning.meetings.figures import rebuild_meeting_year
from lamtheo.learning.study.figures import rebuild_study
from lamtheo.pledges.models import Pledge


def years_with_records() -> list[int]:
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
    return sorted(years)


def _bounds(model, field: str) -> tuple:
    """The least and the greatest value of an indexed column: two queries, since SQLite
    answers a lone MIN or MAX from the index but scans the whole table for both at once
    (a second over a million handbook months)."""
    rows = model.objects.order_by()
    return (
        rows.aggregate(v=Min(field))["v"],
        rows.aggregate(v=Max(field))["v"],
    )


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp (theo chi bộ, theo tháng và theo năm) từ dữ liệu gốc."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", dest="years", metavar="YYYY",
            help="Năm cần tính lại (có thể nhắc lại); mặc định: mọi năm có dữ liệu.",
        )  # fmt: skip

    def handle(self, *args, years: list[int] | None = None, **options) -> None:
        started = time.perf_counter()
        for year in years or years_with_records():
            t = time.perf_counter()
            rebuild_year(year)
            rebuild_selfcheck_year(year)
            rebuild_meeting_year(year)
            self.stdout.write(f"Năm {year}: đã tính lại trong {_seconds(t)}.")
        rebuild_study()  # learning: attendance sheets and per-topic figures, every year
        self.stdout.write(f"Tổng thời gian: {_seconds(started)}.")


def _seconds(since: float) -> str:
    # Vietnamese writes the decimal comma.
    return f"{time.perf_counter() - since:.2f} giây".replace(".", ",")
