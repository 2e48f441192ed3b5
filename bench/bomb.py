"""Peak memory of reading ZIP bombs: the roster import refuses them before inflating.

    .venv/bin/python bench/bomb.py

Prints, for the largest roster the checks let through (a 10 MB file whose shared strings
inflate to just under lamtheo.people.imports.reader.MAX_SHARED_STRINGS, compressed no more than
real text) and for a 3 GB bomb, the file's size, the time and the peak memory Python
allocated while reading it (tracemalloc, which slows the reading several times).
"""

from __future__ import annotations

import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lamtheo.settings")


def main() -> None:
    import django

    django.setup()
    from lamtheo.core.tests.test_zip_budget import _bomb_xlsx
    from lamtheo.people.imports.reader import (
        MAX_SHARED_STRINGS,
        MAX_UNCOMPRESSED,
        read_workbook,
    )

    for label, size, make in (
        ("largest allowed", MAX_SHARED_STRINGS - 1024 * 1024, _varied_xlsx),
        ("past the string budget", MAX_UNCOMPRESSED - 2 * 1024 * 1024, _varied_xlsx),
        ("3 GB bomb", 3 * 1024**3, _bomb_xlsx),
    ):
        data = make(size)
        tracemalloc.start()
        started = time.monotonic()
        _, problems = read_workbook(io.BytesIO(data), "bomb.xlsx")
        seconds = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        verdict = problems[0].message[:60] if problems else "read"
        print(
            f"{label}: file {len(data) / 1024:.0f} KB, inflates to {size / 1024**2:.0f} MB; "
            f"{seconds:.2f} s, peak {peak / 1024**2:.1f} MB — {verdict}"
        )


def _varied_xlsx(size: int) -> bytes:
    """The template with `size` bytes of shared strings drawn from a few hundred names:
    compressed like real text (about 10:1), not like a bomb."""
    import random
    import zipfile

    from lamtheo.people.imports import build_template
    from lamtheo.people.tests.helpers import excel_saved

    rng = random.Random(9)
    names = [f"Nguyễn Văn {rng.randrange(10**6)}".encode() for _ in range(400)]
    src, out = zipfile.ZipFile(io.BytesIO(excel_saved(build_template([], [])))), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(item.filename, src.read(item.filename))
        with dst.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            written = 0
            while written < size:
                block = b"".join(b"<si><t>%s</t></si>" % rng.choice(names) for _ in range(5000))
                part.write(block)
                written += len(block)
            part.write(b"</sst>")
    return out.getvalue()


if __name__ == "__main__":
    main()
