"""Accuracy and speed of the pledge item quality checker on labelled data.

    python bench/pledge_quality.py [FILE]
    python bench/pledge_quality.py --file path/to/items.jsonl --seconds 2

FILE holds JSON lines with "text", optional "duties" and the labels
"specific" (required), "has_measure" and "has_time" (optional). The default is
the shared dev file, ../shared/data/pledges-dev.jsonl relative to the repo.
Throughput is measured on one core by assessing the whole file repeatedly.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO / ".." / "shared" / "data" / "pledges-dev.jsonl"

# Runnable without installing the project.
sys.path.insert(0, str(REPO))

from lamtheo.pledges.quality import assess  # noqa: E402


@dataclass(frozen=True)
class Item:
    text: str
    duties: str
    labels: dict[str, bool]


def load(path: Path) -> list[Item]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "specific" not in row:
            raise SystemExit(f"{path}:{number}: no 'specific' label")
        labels = {k: bool(row[k]) for k in ("specific", "has_measure", "has_time") if k in row}
        items.append(Item(row["text"], row.get("duties") or "", labels))
    return items


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def report_specific(items: list[Item], predicted: list[bool]) -> None:
    truth = [item.labels["specific"] for item in items]
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, truth, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, truth, strict=True))
    correct = sum(p == t for p, t in zip(predicted, truth, strict=True))
    print(f"items                 {len(items)}")
    print(f"specific  accuracy    {ratio(correct, len(items)):.3f}")
    print(f"specific  precision   {ratio(tp, tp + fp):.3f}")
    print(f"specific  recall      {ratio(tp, tp + fn):.3f}")


def report_field(items: list[Item], field: str) -> None:
    labelled = [item for item in items if field in item.labels]
    if not labelled:
        return
    correct = sum(getattr(assess(i.text, i.duties), field) == i.labels[field] for i in labelled)
    label = f"{field} accuracy"
    print(f"{label:<22}{ratio(correct, len(labelled)):.3f}  ({len(labelled)} labelled)")


def report_misclassified(items: list[Item]) -> None:
    wrong = []
    for item in items:
        result = assess(item.text, item.duties)
        fields = [f for f, label in item.labels.items() if getattr(result, f) != label]
        if fields:
            wrong.append((item, result, fields))
    print(f"\nmisclassified ({len(wrong)}):")
    for item, result, fields in wrong:
        got = ", ".join(f"{f}={getattr(result, f)}" for f in fields)
        print(f"  [{got}] {item.text}  (missing={result.missing})")


def throughput(items: list[Item], seconds: float) -> float:
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for item in items:
            assess(item.text, item.duties)
        done += len(items)
    return done / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="labelled JSON lines")
    parser.add_argument("--file", dest="file_option", type=Path, help="same as FILE")
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of the speed run")
    args = parser.parse_args(argv)
    path = (args.file_option or args.file or DEFAULT_FILE).resolve()
    if not path.exists():
        parser.error(f"file not found: {path}")
    items = load(path)
    if not items:
        parser.error(f"no items in {path}")

    print(f"file                  {path}")
    report_specific(items, [assess(i.text, i.duties).specific for i in items])
    report_field(items, "has_measure")
    report_field(items, "has_time")
    report_misclassified(items)
    print(f"\nthroughput            {throughput(items, args.seconds):,.0f} items/second (one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
