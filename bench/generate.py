"""Build the province the benchmarks run on, in its own SQLite database.

    .venv/bin/python bench/generate.py [--db /tmp/lamtheo-bench.sqlite3] [--force]

The province: a bloc of provincial agencies and 49 communes and wards, 1,250
grassroots organizations, about 5,000 cells, about 100,000 people, made by the
same generator as the demo (lamtheo/demo/). Handbook months cover the twelve
months of LAST year, so that every month has passed its due day and a full year
is measured (about 1.1 million months and 4 million per-item results); the
registrations are last year's too. This year's figures are built as well (the
people are there, with nothing written yet).

A second run reuses the database when it holds a province of the same size and
year: a small JSON file next to it records what was generated. --force rebuilds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "/tmp/lamtheo-bench.sqlite3"
ROOT_CODE = "TINH"
ROOT_NAME = "Đảng bộ tỉnh (dữ liệu đo hiệu năng)"
FORMAT = 2  # bump when the generator changes what it writes


def setup_django(db: str) -> None:
    """Point Django at the bench database (never the project's own) and migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheo.settings")
    # The submission benchmark submits the current month whatever the day of the run: the
    # month opens for submitting from its first day here (the default is the 25th).
    os.environ.setdefault("LAMTHEO_HANDBOOK_OPEN_DAY", "1")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def province_size():
    from lamtheo.demo.plan import Size

    return Size(orgs=1250, cells_per_org=4.0, people_per_cell=22, months=12, groups=50)


def wanted() -> dict:
    from django.utils import timezone

    from lamtheo.demo.generator import SEED

    year = timezone.localdate().year - 1
    return {"format": FORMAT, "seed": SEED, "year": year, "size": asdict(province_size())}


def _meta_path(db: str) -> Path:
    return Path(db + ".json")


def existing(db: str) -> dict | None:
    """What the database holds, if it was generated with the wanted parameters."""
    meta = _meta_path(db)
    if not (Path(db).exists() and meta.exists()):
        return None
    recorded = json.loads(meta.read_text(encoding="utf-8"))
    same = all(recorded.get(k) == v for k, v in wanted().items())
    return recorded if same else None


def remove(db: str) -> None:
    for suffix in ("", "-wal", "-shm", ".json"):
        Path(db + suffix).unlink(missing_ok=True)


def generate(db: str) -> dict:
    """Generate the province into a fresh database; returns what was written."""
    from datetime import date

    from django.db import connection
    from django.utils import timezone

    from lamtheo.core import figures
    from lamtheo.demo import generator
    from lamtheo.orgs.models import UnitKind

    params = wanted()
    year = params["year"]
    started = time.perf_counter()
    _, counts = generator.generate(size=province_size(), year=year,
                                   months=[date(year, m, 1) for m in range(1, 13)],
                                   root_code=ROOT_CODE, root_name=ROOT_NAME,
                                   root_kind=UnitKind.PROVINCE)  # fmt: skip
    figures.open_year(timezone.localdate().year)  # as the cron job of 1 January does
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a production database would have
    recorded = params | {"counts": counts, "seconds": round(time.perf_counter() - started, 1)}
    _meta_path(db).write_text(json.dumps(recorded, ensure_ascii=False, indent=1), "utf-8")
    return recorded


def ensure_province(db: str, *, force: bool = False, say=print) -> dict:
    """Reuse the bench database if it matches, else build it. Call after setup_django."""
    recorded = None if force else existing(db)
    if recorded is not None:
        say(f"Dùng lại cơ sở dữ liệu đo hiệu năng {db} (năm {recorded['year']}).")
        return recorded
    say(f"Đang tạo tỉnh mẫu trong {db} (vài phút)…")
    from django.db import connection

    connection.close()
    remove(db)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    recorded = generate(db)
    say(f"Đã tạo trong {recorded['seconds']} giây:")
    for what, count in recorded["counts"].items():
        number = f"{count:,}".replace(",", ".")  # Vietnamese groups thousands with dots
        say(f"  {number:>10} {what}")
    return recorded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"mặc định {DEFAULT_DB}")
    parser.add_argument("--force", action="store_true", help="tạo lại dù đã có")
    args = parser.parse_args()
    setup_django(args.db)
    ensure_province(args.db, force=args.force)


if __name__ == "__main__":
    main()
