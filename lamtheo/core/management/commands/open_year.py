"""`manage.py open_year [YYYY]`: build every keeper's rows of a year ahead of its first write
(run by cron on 1 January), so that nobody's first write of the year waits for it. Without
it the first write of the year builds them; running it twice changes nothing."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from lamtheo.core import figures
from lamtheo.core.management.commands.rebuild_stats import seconds_since


class Command(BaseCommand):
    help = "Mở số liệu tổng hợp của một năm (mặc định: năm nay) trước lần ghi đầu tiên của năm."

    def add_arguments(self, parser) -> None:
        parser.add_argument("year", type=int, nargs="?", metavar="YYYY",
                            help="Năm cần mở; mặc định: năm nay.")  # fmt: skip

    def handle(self, *args, year: int | None = None, **options) -> None:
        year = year or timezone.localdate().year
        started = time.perf_counter()
        figures.open_year(year)
        self.stdout.write(f"Năm {year}: số liệu tổng hợp đã sẵn sàng ({seconds_since(started)}).")
