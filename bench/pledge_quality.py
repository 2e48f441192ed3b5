"""Accuracy and speed of the registration quality checker on labelled data.

    python bench/pledge_quality.py                      # the blind held-out set, never trained on
    python bench/pledge_quality.py --file items.jsonl   # any labelled file, e.g. a held-out set
    python bench/pledge_quality.py --file items.jsonl --errors   # also list the wrong verdicts

A file holds JSON lines with "text", optional "duties", the label "specific" and optionally
"tied" (true/false/null: does the item concern the writer's own duties?) and "sector" (the
writer's field of work; null for none of the ten). Without --file the bench reads the blind
held-out set lamtheo/pledges/tests/data/blind-heldout-2.jsonl (train.HELD_OUT_FILE), written apart
from the code and never trained on.
Only aggregate numbers are printed unless --errors is given. Throughput is measured on one core
by assessing the items repeatedly, as wall-clock and as CPU time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runnable without installing the project.
sys.path.insert(0, str(REPO))

from lamtheo.pledges.quality import assess  # noqa: E402
from lamtheo.pledges.sectors import SECTORS, sector_key  # noqa: E402
from lamtheo.pledges.train import DATA, HELD_OUT_FILE, Row, load  # noqa: E402

KEYS = {s.key for s in SECTORS}
# Other spellings a labelled file may use for the ten fields (and for "none of them").
SYNONYMS = {
    "one_stop": (
        "one-stop",
        "onestop",
        "one_stop_office",
        "mot_cua",
        "one stop",
        "one-stop office",
    ),
    "health": ("medical", "doctor", "nurse", "y_te", "healthcare"),
    "education": ("school", "teacher", "teaching", "giao_duc"),
    "police": ("cong_an", "public_security"),
    "army": ("military", "quan_doi", "soldier"),
    "press": ("journalism", "journalist", "media", "bao_chi"),
    "farming": ("agriculture", "farmer", "farmers", "cooperative", "cooperatives", "nong_nghiep"),
    "factory": ("industry", "worker", "workers", "factory_worker", "cong_nhan"),
    "commune": ("commune_official", "commune_officials", "local_government", "xa"),
    "residential": ("retiree", "retirees", "retired", "residential_cell", "khu_dan_cu"),
}
NONE_WORDS = {"", "none", "null", "other", "neutral", "khac"}


def canonical_sector(value: object) -> tuple[str | None, bool]:
    """(key or None, recognised) for a labelled sector value."""
    if value is None:
        return None, True
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text in NONE_WORDS:
        return None, True
    if text in KEYS:
        return text, True
    for key, names in SYNONYMS.items():
        if text in {n.replace("-", "_").replace(" ", "_") for n in names}:
            return key, True
    for key in KEYS:  # "health_care", "farming_and_cooperatives" …
        if text.startswith(key) or any(text.startswith(n) for n in SYNONYMS[key]):
            return key, True
    return None, False


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def report_specific(rows: list[Row], errors: bool) -> None:
    cells = Counter()
    wrong = []
    for r in rows:
        got = assess(r.text, r.duties).specific
        cells[(r.specific, got)] += 1
        if got != r.specific:
            wrong.append(r)
    correct = cells[(True, True)] + cells[(False, False)]
    tp, fp, fn = cells[(True, True)], cells[(False, True)], cells[(True, False)]
    print(f"items                       {len(rows)}")
    print(f"specific vs vague accuracy  {ratio(correct, len(rows))}  ({correct}/{len(rows)})")
    print(f"  specific precision        {ratio(tp, tp + fp)}")
    print(f"  specific recall           {ratio(tp, tp + fn)}")
    print(
        f"  confusion (label→verdict) specific→specific {tp}, specific→vague {fn}, "
        f"vague→specific {fp}, vague→vague {cells[(False, False)]}"
    )
    if errors:
        for r in wrong:
            print(f"    [specific={not r.specific}] {r.text}")


def report_tied(rows: list[Row], errors: bool) -> None:
    labelled = [r for r in rows if isinstance(r.tied, bool) and r.duties.strip()]
    if not labelled:
        return
    cells = Counter()
    for r in labelled:
        got = "duty" not in assess(r.text, r.duties).missing
        cells[(r.tied, got)] += 1
        if errors and got != r.tied:
            print(f"    [tied={got}] {r.text}  ({r.duties})")
    correct = cells[(True, True)] + cells[(False, False)]
    print(
        f"duty link accuracy          {ratio(correct, len(labelled))}  ({correct}/{len(labelled)})"
    )
    print(
        f"  confusion (label→verdict) tied→tied {cells[(True, True)]}, "
        f"tied→not {cells[(True, False)]}, not→tied {cells[(False, True)]}, "
        f"not→not {cells[(False, False)]}"
    )


def report_sector(rows: list[Row], raw: list[object]) -> None:
    pairs = []
    unknown = Counter()
    for r, value in zip(rows, raw, strict=True):
        key, recognised = canonical_sector(value)
        if not recognised:
            unknown[str(value)] += 1
            continue
        pairs.append((key, sector_key(r.duties)))
    if not pairs:
        return
    correct = sum(a == b for a, b in pairs)
    print(f"field of work accuracy      {ratio(correct, len(pairs))}  ({correct}/{len(pairs)})")
    confusion = Counter((a or "none", b or "none") for a, b in pairs if a != b)
    for (label, got), count in sorted(confusion.items()):
        print(f"  {label} taken for {got}: {count}")
    if unknown:
        print(f"  sector values not recognised (not counted): {dict(unknown)}")


def throughput(rows: list[Row], seconds: float) -> tuple[float, float]:
    done = 0
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        for r in rows:
            assess(r.text, r.duties)
        done += len(rows)
    return done / (time.perf_counter() - wall), done / (time.process_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="labelled JSON lines")
    parser.add_argument("--file", dest="file_option", type=Path, help="same as FILE")
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of the speed run")
    parser.add_argument("--errors", action="store_true", help="list the wrong verdicts")
    args = parser.parse_args(argv)
    path = args.file_option or args.file
    if path is None:
        rows = load(DATA / HELD_OUT_FILE)
        print(f"file                        {HELD_OUT_FILE} (blind, never trained on)")
    else:
        path = path.resolve()
        if not path.exists():
            parser.error(f"file not found: {path}")
        rows = load(path)
        print(f"file                        {path}")
    if not rows:
        parser.error("no items")
    report_specific(rows, args.errors)
    report_tied(rows, args.errors)
    sectors = [r for r in rows if r.sector_labelled]
    report_sector(sectors, [r.sector for r in sectors])
    wall, cpu = throughput(rows, args.seconds)
    print(
        f"throughput                  {wall:,.0f} items/s wall-clock, {cpu:,.0f} items/s CPU time"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
