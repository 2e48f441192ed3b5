"""Benchmarks on a province: dashboards, one handbook submission, the rebuild of the
figures, and the roster import. See bench/README.md.

    make bench
    .venv/bin/python bench/run.py [--db PATH] [--runs 40] [--rebuild-runs 3] [--no-import]

Uses its own SQLite database (default /tmp/lamtheo-bench.sqlite3, never the project's
db.sqlite3): migrates it and generates the province first if needed (bench/generate.py).
Prints the median and the 95th percentile of each measure, then a summary with the targets.
Timings, never asserted: they depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/generate.py, next to this file)

BENCH_DIR = Path(__file__).resolve().parent
WARM_UP = 5


# --- measuring ------------------------------------------------------------------------


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile."""
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def number(value: float, decimals: int = 0) -> str:
    """Vietnamese style: dots between thousands, a decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{number(value, 1 if value >= 10 else 2)} ms"


class QueryLog:
    """The SQL a block of code sends (via connection.execute_wrapper)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((sql, params))
        return execute(sql, params, many, context)


def query_seconds(queries: list[tuple[str, object]]) -> float:
    """Time the queries to completion (execute and fetch every row), replayed one by one.

    Timing execute() alone would undercount on SQLite, which computes rows as they are
    fetched; replaying right after the request measures the same queries on the same
    warm cache, and only reads are replayed (a GET should write nothing)."""
    from django.db import connection

    total = 0.0
    for sql, params in queries:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            total += time.perf_counter() - start
    return total


def repeat(runs: int, action: Callable[[], None]) -> Samples:
    for _ in range(WARM_UP):
        action()
    samples = Samples()
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.seconds.append(time.perf_counter() - start)
    return samples


# --- the units and the user ---------------------------------------------------------


@dataclass
class Place:
    label: str
    unit: object  # OrgUnit


def places() -> list[Place]:
    """The root, its largest grassroots organization (a đảng bộ cơ sở), and a cell of it."""
    from django.db.models import Count

    from lamtheo.orgs.models import OrgUnit, UnitKind
    from lamtheo.orgs.tree import subtree_q

    root = OrgUnit.objects.get(code=generate.ROOT_CODE)
    org = (
        OrgUnit.objects.filter(subtree_q(root.path), kind=UnitKind.GRASSROOTS)
        .annotate(n=Count("children"))
        .order_by("-n", "code")
        .first()
    )
    cell = OrgUnit.objects.filter(parent=org, kind=UnitKind.CELL).order_by("code").first()
    return [Place("gốc (cả tỉnh)", root), Place("tổ chức cơ sở đảng", org),
            Place("chi bộ", cell)]  # fmt: skip


def propaganda_officer(root):
    """A cán bộ Ban Tuyên giáo on the root: sees the whole province."""
    from django.contrib.auth.models import User

    from lamtheo.orgs.models import RoleKind
    from lamtheo.orgs.services import role_grant

    user, _ = User.objects.get_or_create(username="bench-tuyengiao", defaults={
        "first_name": "Giang", "last_name": "Đỗ Thị"})  # fmt: skip
    role_grant(actor=None, user=user, unit=root, kind=RoleKind.PROPAGANDA)
    return user


# --- 1. dashboards ----------------------------------------------------------------------


@dataclass
class DashboardResult:
    place: Place
    status: int
    queries: int
    page: Samples
    db: Samples
    floor: Samples

    @property
    def ratio(self) -> float:
        return self.db.median / self.floor.median if self.floor.median else float("nan")


def floor_sql(unit) -> tuple[str, list]:
    """ONE hand-written query over the pre-aggregated rows giving the same per-child
    figures as the page (the month's and the year's), grouped by the child's path."""
    from lamtheo.orgs.tree import PATH_SEGMENT_WIDTH, subtree_upper_bound

    width = len(unit.path) + PATH_SEGMENT_WIDTH
    sql = f"""
        SELECT 'thang', substr(path, 1, {width}), SUM(members), SUM(expected), SUM(submitted),
               SUM(on_time), SUM(reviewed), SUM(returned)
          FROM dashboard_cellmonthstat
         WHERE month = %s AND path >= %s AND path < %s
         GROUP BY 2
        UNION ALL
        SELECT 'nam', substr(path, 1, {width}), SUM(expected), SUM(registered), SUM(accepted),
               SUM(returned), SUM(items), SUM(specific_items)
          FROM dashboard_cellyearstat
         WHERE year = %s AND path >= %s AND path < %s
         GROUP BY 2
    """
    return sql, [unit.path, subtree_upper_bound(unit.path)]


def bench_dashboard(client, place: Place, month, runs: int) -> DashboardResult:
    from django.db import connection
    from django.urls import reverse

    url = reverse("dashboard:unit", args=[place.unit.code]) + f"?thang={month:%Y-%m}"
    status = client.get(url).status_code
    page, db = Samples(), Samples()
    for i in range(WARM_UP + runs):
        log = QueryLog()
        with connection.execute_wrapper(log):
            start = time.perf_counter()
            client.get(url)
            elapsed = time.perf_counter() - start
        if i >= WARM_UP:
            page.seconds.append(elapsed)
            db.seconds.append(query_seconds(log.queries))
    sql, bounds = floor_sql(place.unit)
    params = [connection.ops.adapt_datefield_value(month), *bounds, month.year, *bounds]
    floor = repeat(runs, lambda: query_seconds([(sql.strip(), params)]))
    return DashboardResult(place, status, len(log.queries), page, db, floor)


# --- 1b. the first look at a year nobody opened -----------------------------------------


@dataclass
class FirstOpen:
    year: int
    seconds: float  # the first GET of the root's dashboard for that year
    writes: int  # statements other than SELECT that GET sent (none: a GET never writes)
    opening: float  # manage.py open_year of that year (then rolled back)


def never_opened_year(current: int) -> int | None:
    """The latest year offered by the dashboards that has no figures at all."""
    from lamtheo.core.periods import FIRST_YEAR
    from lamtheo.dashboard.models import CellYearStat

    opened = set(CellYearStat.objects.values_list("year", flat=True).distinct())
    return next((y for y in range(current, FIRST_YEAR - 1, -1) if y not in opened), None)


def bench_first_open(client, place: Place, year: int) -> FirstOpen:
    """Before the figures registry, this GET built the whole year's rows (seconds on a
    province); now it reads none and shows zeros. The rows come from the first write of
    the year or from the yearly `manage.py open_year`, timed here too and rolled back so
    that the database stays as generated."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.urls import reverse

    url = reverse("dashboard:unit", args=[place.unit.code]) + f"?nam={year}"
    log = QueryLog()
    with connection.execute_wrapper(log):
        start = time.perf_counter()
        client.get(url)
        seconds = time.perf_counter() - start
    writes = sum(not sql.lstrip().upper().startswith("SELECT") for sql, _ in log.queries)
    start = time.perf_counter()
    with transaction.atomic():
        call_command("open_year", str(year), stdout=StringIO())
        opening = time.perf_counter() - start
        transaction.set_rollback(True)
    return FirstOpen(year, seconds, writes, opening)


# --- 2. one handbook submission through the services ------------------------------------


def bench_submission(runs: int) -> Samples:
    """entry_start → entry_save_item for each item → entry_save_self → entry_submit, for
    this month, by people who registered just before (not timed). Everything written is
    removed afterwards, so a reused database stays as generated."""
    from django.db import transaction
    from django.utils import timezone

    from lamtheo.core import figures
    from lamtheo.core.periods import month_start
    from lamtheo.handbook import services as handbook
    from lamtheo.handbook.models import HandbookEntry, Progress, Rating
    from lamtheo.people.models import Person
    from lamtheo.pledges import services as pledges
    from lamtheo.pledges.models import Pledge
    from lamtheo.pledges.selectors import content_areas_for

    today = timezone.localdate()
    month = month_start(today)
    ids = list(
        Person.objects.filter(cell__isnull=False, exemptions__isnull=True)
        .exclude(pledges__year=today.year)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, len(ids) // (WARM_UP + runs))
    people = list(Person.objects.filter(pk__in=ids[::step][: WARM_UP + runs])
                  .select_related("cell"))  # fmt: skip
    for person in people:
        pledge = pledges.pledge_start(actor=None, person=person, year=today.year)
        areas = content_areas_for(person.cell)
        pledges.pledge_save_items(actor=None, pledge=pledge, version=pledge.version, items=[
            pledges.ItemInput(area=areas[i % len(areas)], text=text, target=target,
                              timeframe="Hằng tháng")
            for i, (text, target) in enumerate([
                ("Giải quyết đúng hạn hồ sơ được giao", "100% hồ sơ đúng hạn"),
                ("Viết bài thu hoạch chuyên đề năm", "01 bài nộp chi bộ"),
                ("Đi làm đúng giờ, không làm việc riêng", "Không đi muộn trong năm")])
        ])  # fmt: skip
        pledges.pledge_submit(actor=None, pledge=pledge, version=pledge.version)

    def submit(person: Person) -> None:
        entry = handbook.entry_start(actor=None, person=person, month=month)
        for item in entry.pledge.items.all():
            handbook.entry_save_item(
                actor=None,
                entry=entry,
                item=item,
                note="Đã thực hiện",
                progress=Progress.DONE,
                version=entry.version,
            )
        handbook.entry_save_self(
            actor=None,
            entry=entry,
            self_assessment="Hoàn thành tốt",
            self_rating=Rating.GOOD,
            version=entry.version,
        )
        handbook.entry_submit(actor=None, entry=entry, version=entry.version)

    samples = Samples()
    try:
        for i, person in enumerate(people):
            start = time.perf_counter()
            submit(person)
            if i >= WARM_UP:
                samples.seconds.append(time.perf_counter() - start)
    finally:
        with transaction.atomic():
            HandbookEntry.objects.filter(person__in=people, month=month).delete()
            Pledge.objects.filter(person__in=people, year=today.year).delete()
            cells = {p.cell for p in people}
            figures.cells_month_changed(cells=cells, month=month, source=HandbookEntry)
            for person in people:
                figures.person_year_changed(person_id=person.pk, year=today.year, source=Pledge)
    return samples


# --- 3. rebuilding the figures ----------------------------------------------------------


def bench_rebuild(runs: int) -> list[tuple[float, str]]:
    from django.core.management import call_command

    results = []
    for _ in range(runs):
        out = StringIO()
        start = time.perf_counter()
        call_command("rebuild_stats", stdout=out)
        results.append((time.perf_counter() - start, out.getvalue().strip()))
    return results


# --- 4. the roster import (bench/import_rate.py, another engineer's) -------------------


def bench_import() -> tuple[float | None, str]:
    """Run bench/import_rate.py in its own process and database; returns the first
    (fresh import) rate in rows per second and its output."""
    script = BENCH_DIR / "import_rate.py"
    if not script.exists():
        return None, "bench/import_rate.py chưa có."
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # not the province
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=env, cwd=BENCH_DIR.parent, timeout=1800)  # fmt: skip
    output = (done.stdout + done.stderr).strip()
    rates = re.findall(r"([\d.,]+) dòng nhân sự/giây", output)
    rate = float(rates[0].replace(",", "")) if rates else None
    return rate, output


# --- report -----------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("ĐẠT" if ok else "CHƯA ĐẠT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=generate.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=40, help="số lần đo sau khi làm nóng")
    parser.add_argument("--rebuild-runs", type=int, default=3)
    parser.add_argument("--no-import", action="store_true", help="bỏ qua đo nhập danh sách")
    args = parser.parse_args()

    # Served by WhiteNoise from the finders; the bench needs no collectstatic.
    warnings.filterwarnings("ignore", message="No directory at")
    generate.setup_django(args.db)
    meta = generate.ensure_province(args.db)
    from datetime import date

    from django.test import Client
    from django.utils import timezone

    from lamtheo.people.models import Person

    year = meta["year"]
    month = date(year, 12, 1)
    print(f"\nTỉnh mẫu: {number(Person.objects.count())} người, năm {year}; "
          f"{args.runs} lần đo sau {WARM_UP} lần làm nóng.\n")  # fmt: skip

    where = places()
    client = Client()
    client.force_login(propaganda_officer(where[0].unit))
    dashboards = []
    for place in where:
        result = bench_dashboard(client, place, month, args.runs)
        dashboards.append(result)
        print(f"Trang thống kê – {place.label} ({place.unit.name}, {place.unit.code}): "
              f"HTTP {result.status}, {result.queries} truy vấn")  # fmt: skip
        print(f"  toàn trang      trung vị {ms(result.page.median)}, p95 {ms(result.page.p95)}")
        print(f"  truy vấn CSDL   trung vị {ms(result.db.median)}, p95 {ms(result.db.p95)}")
        print(f"  truy vấn sàn    trung vị {ms(result.floor.median)} "
              f"(một câu SQL trên bảng tổng hợp); tỷ lệ {number(result.ratio, 1)}×")  # fmt: skip

    root_result = dashboards[0]
    year_never_opened = never_opened_year(timezone.localdate().year)
    first = bench_first_open(client, where[0], year_never_opened) if year_never_opened else None
    if first is not None:
        print(
            f"\nMở lần đầu một năm chưa có số liệu (năm {first.year}, gốc): "
            f"{ms(first.seconds)}, {first.writes} câu lệnh ghi; mở thường (tháng "
            f"{month:%m/%Y}): trung vị {ms(root_result.page.median)}"
        )
        print(f"  manage.py open_year {first.year} (cron ngày 1/1, hoặc lần ghi đầu tiên "
              f"của năm): {number(first.opening, 1)} giây")  # fmt: skip

    submission = bench_submission(args.runs)
    print(f"\nNộp một sổ tay tháng qua các service: trung vị {ms(submission.median)}, "
          f"p95 {ms(submission.p95)}")  # fmt: skip

    rebuilds = bench_rebuild(args.rebuild_runs)
    for i, (seconds, output) in enumerate(rebuilds, start=1):
        print(f"\nrebuild_stats lần {i}: {number(seconds, 1)} giây")
        print("  " + output.replace("\n", "\n  "))

    rate, output = (None, "bỏ qua (--no-import)") if args.no_import else bench_import()
    print("\nNhập danh sách (bench/import_rate.py):\n  " + output.replace("\n", "\n  "))

    root, org, cell = dashboards
    best_rebuild = min(s for s, _ in rebuilds) if rebuilds else None
    rows = [
        ("Thống kê gốc, p95", ms(root.page.p95), "≤ 150 ms", root.page.p95 <= 0.150),
        ("Thống kê gốc, truy vấn / sàn", f"{number(root.ratio, 1)}×", "≤ 2×", root.ratio <= 2),
        ("Thống kê tổ chức cơ sở, p95", ms(org.page.p95), "—", None),
        ("Thống kê chi bộ, p95", ms(cell.page.p95), "≤ 50 ms", cell.page.p95 <= 0.050),
        ("Mở lần đầu năm chưa mở, gốc", ms(first.seconds) if first else "—",
         "cùng cỡ mở thường, không ghi",
         first.writes == 0 and first.seconds <= 10 * root.page.median if first else None),
        ("Nộp sổ tay tháng, p95", ms(submission.p95), "—", None),
        ("rebuild_stats cả tỉnh (nhanh nhất)",
         f"{number(best_rebuild, 1)} s" if best_rebuild else "—", "≤ 10 s",
         best_rebuild <= 10 if best_rebuild else None),
        ("Nhập danh sách", f"{number(rate)} dòng/s" if rate else "—",
         "≥ 5.000 dòng/s", rate >= 5000 if rate else None),
    ]  # fmt: skip
    print("\nTÓM TẮT")
    widths = [max(len(str(r[i])) for r in rows) for i in range(3)]
    for label, value, target, ok in rows:
        print(f"  {label:<{widths[0]}}  {value:>{widths[1]}}  mục tiêu {target:<{widths[2]}}  "
              f"{verdict(ok)}")  # fmt: skip


if __name__ == "__main__":
    main()
