"""`manage.py compute_signals [--year Y] [--month MM/YYYY] [--unit CODE]`: recompute the stored
formalism signals (run nightly, see docs/operator-guide.md)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lamtheo.core.periods import parse_month
from lamtheo.inspections.signals.compute import compute
from lamtheo.inspections.signals.models import SignalKind
from lamtheo.orgs.models import OrgUnit


class Command(BaseCommand):
    help = "Tính lại các dấu hiệu hình thức của cả cây hoặc một nhánh, cho một năm hoặc một tháng."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="năm (mặc định: năm nay)")
        parser.add_argument("--month", help="chỉ một tháng, dạng MM/YYYY")
        parser.add_argument("--unit", help="mã tổ chức đảng: chỉ tính nhánh này")

    def handle(self, *args, **options) -> None:
        month = None
        if options["month"]:
            month = parse_month(options["month"])
            if month is None:
                raise CommandError("Tháng không hợp lệ; viết dạng MM/YYYY, ví dụ 03/2026.")
        year = month.year if month else options["year"] or timezone.localdate().year
        root = None
        if options["unit"]:
            root = OrgUnit.objects.filter(code=options["unit"]).first()
            if root is None:
                raise CommandError(f"Không có tổ chức đảng mã {options['unit']}.")
        started = time.perf_counter()
        counts = compute(year=year, root=root, month=month)
        labels = dict(SignalKind.choices)
        where = root.name if root else "cả cây"
        self.stdout.write(
            f"Đã tính dấu hiệu hình thức năm {year} ({where}) "
            f"trong {time.perf_counter() - started:.1f} giây:"
        )
        for kind, n in counts.items():
            self.stdout.write(f"  {n:>6} {labels[kind]}")
