"""`manage.py rebuild_stats [--year YYYY]`: recompute the pre-aggregated figures from the
records (after a restore, an import outside the services, or to check them), every keeper's
rows of every year in which some keeper has something to count."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from lamtheo.core import figures


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp (theo chi bộ, theo tháng và theo năm) từ dữ liệu gốc."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", dest="years", metavar="YYYY",
            help="Năm cần tính lại (có thể nhắc lại); mặc định: mọi năm có dữ liệu.",
        )  # fmt: skip

    def handle(self, *args, years: list[int] | None = None, **options) -> None:
        started = time.perf_counter()
        for year in years or figures.years_with_records():
            t = time.perf_counter()
            figures.rebuild_year(year)
            self.stdout.write(f"Năm {year}: đã tính lại trong {seconds_since(t)}.")
        self.stdout.write(f"Tổng thời gian: {seconds_since(started)}.")


def seconds_since(since: float) -> str:
    # Vietnamese writes the decimal comma.
    return f"{time.perf_counter() - since:.2f} giây".replace(".", ",")
