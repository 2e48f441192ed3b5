"""Import rate of the roster import: a generated 10,000-row roster into a fresh SQLite database.

    .venv/bin/python bench/import_rate.py [--people 10000] [--cells 400]

Uses DATABASE_URL if set, else sqlite:////tmp/bench_import.sqlite3 (deleted and migrated
first). The target is at least 5,000 rows/s on the 2-core development machine; the figure
covers the whole service call: reading the .xlsx, checking every row, writing, and
refreshing the dashboard figures.

Three runs: the template as the page gives it (written by openpyxl, text inline in every
cell: the slowest form to read), the same file again (nothing to write), and a second
organization's roster as Excel saves a filled template (text in the shared-string table).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "/tmp/bench_import.sqlite3"
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Hoa",
    "Lan",
    "Minh",
    "Tâm",
    "Thảo",
    "Trung",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(DEFAULT_DB + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheo.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def roster(people: int, cells: int, top: str, p: str = "") -> tuple[list[tuple], list[tuple]]:
    """A tree under `top` (20 grassroots đảng bộ, `cells` chi bộ) and `people` members;
    `p` prefixes every code so that a second roster does not collide with the first."""
    units = [(f"{p}DBCS{g:02d}", f"Đảng bộ cơ sở số {g}", "Đảng bộ cơ sở", top) for g in range(20)]
    units += [
        (f"{p}CB{c:04d}", f"Chi bộ số {c}", "Chi bộ trực thuộc", f"{p}DBCS{c % 20:02d}")
        for c in range(cells)
    ]
    rows = [
        (
            f"{p}{93000000 + i}",
            f"{FAMILY[i % 10]} Văn {GIVEN[i % 12]} {i}",
            f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i % 40}",
            "Nam" if i % 2 else "Nữ",
            "Đảng viên chính thức" if i % 9 else "Đảng viên dự bị",
            "Chuyên viên",
            f"{p}CB{i % cells:04d}",
            f"dv{p}{i}@example.vn",
            f"09{i:08d}",
            "01/2025",
        )
        for i in range(people)
    ]
    return units, rows


def timed_import(admin, path: Path, label: str, people: int, quiet: bool = False) -> None:
    from lamtheo.people.imports import roster_import

    with path.open("rb") as file:
        start, cpu = time.perf_counter(), time.process_time()
        result = roster_import(actor=admin, file=file, file_name=path.name)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.ok, result.problems[:5]
    if quiet:
        return
    print(
        f"{label}: {elapsed:.2f} s ({cpu:.2f} s CPU), {people / elapsed:,.0f} dòng nhân sự/giây"
        f"\n    {result.summary()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--cells", type=int, default=400)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth.models import User

    from lamtheo.orgs.models import RoleKind, UnitKind
    from lamtheo.orgs.services import role_grant, unit_create
    from lamtheo.people.imports import build_template
    from lamtheo.people.tests.helpers import excel_saved

    admin = User.objects.create_user("bench-admin", password="bench-admin-password-2025")
    for code in ("BENCH", "BENCH2", "WARM"):
        bloc = unit_create(
            code=code, name=f"Đảng bộ Khối thử tải {code}", kind=UnitKind.BLOC, parent=None
        )
        role_grant(actor=None, user=admin, unit=bloc, kind=RoleKind.ADMIN)
    with tempfile.TemporaryDirectory() as tmp:
        first, excel = Path(tmp) / "danh-sach.xlsx", Path(tmp) / "danh-sach-excel.xlsx"
        units, people = roster(args.people, args.cells, "BENCH")
        first.write_bytes(build_template(units, people))
        excel.write_bytes(
            excel_saved(build_template(*roster(args.people, args.cells, "BENCH2", "E")))
        )
        print(
            f"Tệp: {len(units)} tổ chức đảng, {len(people)} người "
            f"({first.stat().st_size / 1024:.0f} KB; kiểu Excel {excel.stat().st_size / 1024:.0f}"
            " KB)"
        )
        # Warm-up, not timed: a server process has already loaded and compiled all this.
        warm = Path(tmp) / "lam-nong.xlsx"
        warm.write_bytes(build_template(*roster(20, 2, "WARM", "W")))
        timed_import(admin, warm, "Làm nóng (không tính)", 20, quiet=True)
        timed_import(admin, first, "Lần đầu, tệp mẫu (ghi mới)", len(people))
        timed_import(admin, first, "Lần hai, cùng tệp (không đổi)", len(people))
        timed_import(admin, excel, "Tệp do Excel lưu (ghi mới)", len(people))


if __name__ == "__main__":
    main()
