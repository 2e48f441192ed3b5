"""Build lamtheo/pledges/model.json from the labelled items, and compare approaches.

    python -m lamtheo.pledges.train            # write model.json (deterministic)
    python -m lamtheo.pledges.train --compare  # cross-validation of the approaches by writer
                                               # (each file tested on a model trained on the
                                               # others), without writing

The labelled items are JSON lines in lamtheo/pledges/tests/data/: the two shared dev files (text,
duties, specific) and the files written for this project by separate writers across the ten
fields and other work (TRAINING_FILES, each labelled "tied" true/false/null and "sector"; how
each was written is in the .md beside it). HELD_OUT_FILE was written apart from the code and is
never trained on: bench/pledge_quality.py and a test report it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lamtheo.pledges.linear import MODEL_FILE, Linear, Model, grams, train
from lamtheo.pledges.quality import (
    Reading,
    item_fields,
    read_item,
    specific_features,
    tied_features,
)
from lamtheo.pledges.sectors import SECTORS, predict_sector, sector_features

DATA = Path(__file__).with_name("tests") / "data"
SHARED_FILES = ("pledges-dev.jsonl", "pledges-dev-2.jsonl")
SECTOR_FILE = "pledges-sectors.jsonl"
TRAINING_FILES = (
    SECTOR_FILE,
    "blind-heldout.jsonl",  # the first blind set, measured once (round 2), trained on since
    "pledges-writer-a.jsonl",
    "pledges-writer-b.jsonl",
    "pledges-writer-c.jsonl",
    "pledges-writer-e.jsonl",  # whole registrations, 5–8 items per member
    "pledges-writer-f.jsonl",  # leaders and managers, jobs outside the ten fields
    "pledges-writer-g.jsonl",  # minimal pairs
)
HELD_OUT_FILE = "blind-heldout-2.jsonl"
# Other spellings of a field in the labelled files (the writers' "retired", "other").
SECTOR_SPELLINGS: dict[str, str | None] = {"retired": "residential", "other": None}
FIELDS = tuple(s.key for s in SECTORS) + ("none",)
FOLDS = 5


@dataclass(frozen=True)
class Row:
    text: str
    duties: str
    specific: bool
    tied: bool | None
    sector: str | None
    labelled_fields: bool  # tied or sector was labelled
    sector_labelled: bool = False
    source: str = ""  # the file's name


def _bucket(text: str, parts: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % parts


def load(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        rows.append(
            Row(
                text=data["text"],
                duties=data.get("duties") or "",
                specific=bool(data["specific"]),
                tied=data.get("tied"),
                sector=SECTOR_SPELLINGS.get(data.get("sector"), data.get("sector")),
                labelled_fields="tied" in data or "sector" in data,
                sector_labelled="sector" in data,
                source=path.name,
            )
        )
    return rows


def load_all() -> list[Row]:
    """Every labelled item trained on."""
    return [row for name in SHARED_FILES + TRAINING_FILES for row in load(DATA / name)]


def load_held_out() -> list[Row]:
    """The blind set never trained on."""
    return load(DATA / HELD_OUT_FILE)


# --- the three models -------------------------------------------------------------------


def fit_sectors(rows: Sequence[Row], features: Callable[[str], list[str]]) -> dict[str, Linear]:
    pairs = sorted({(r.duties, r.sector or "none") for r in rows if r.labelled_fields})
    examples = [(features(duties), field) for duties, field in pairs]
    return {key: train([(f, field == key) for f, field in examples], epochs=30) for key in FIELDS}


def fit_items(rows: Sequence[Row], readings: dict[str, Reading]) -> dict[str, Linear]:
    """One scorer per field: does an item's wording sound like the work of that field?"""
    tied = [r for r in rows if r.tied and r.sector]
    examples = [(grams(readings[r.text].words[:60], "i:"), r.sector) for r in tied]
    keys = sorted({r.sector for r in tied if r.sector})
    return {key: train([(f, field == key) for f, field in examples], epochs=30) for key in keys}


def out_of_fold_fields(
    rows: Sequence[Row], readings: dict[str, Reading]
) -> dict[str, dict[str, float]]:
    """Item field scores for training, each from scorers that did not see the item."""
    scores: dict[str, dict[str, float]] = {}
    for train_rows, test in _folds(rows, lambda r: r.text):
        model = Model(Linear(), Linear(), {}, fit_items(train_rows, readings))
        for r in test:
            scores[r.text] = item_fields(readings[r.text], model)
    return scores


def tied_examples(
    rows: Sequence[Row],
    readings: dict[str, Reading],
    fields_of: dict[str, dict[str, float]],
    with_field: bool = True,
) -> list[tuple[list[str], bool]]:
    """The labelled pairs. (Adding made-up negatives — a field's tied items paired with another
    field's duties — was tried twice: the natural pairs fell each time; see the README.)"""
    examples = []
    for r in rows:
        if r.tied is None:
            continue
        sector = r.sector if with_field else None
        fields = fields_of[r.text] if with_field else {}
        examples.append((tied_features(readings[r.text], r.duties, sector, fields), r.tied))
    return examples


def fit(rows: Sequence[Row], readings: dict[str, Reading]) -> Model:
    specific = train([(specific_features(readings[r.text]), r.specific) for r in rows], l2=0.03)
    labelled = [r for r in rows if r.labelled_fields]
    tied = train(tied_examples(labelled, readings, out_of_fold_fields(labelled, readings)))
    return Model(
        specific=specific,
        tied=tied,
        sectors=fit_sectors(rows, sector_features),
        items=fit_items(labelled, readings),
    )


def tied_verdict(model: Model, reading: Reading, duties: str) -> bool:
    features = tied_features(
        reading, duties, predict_sector(model, duties), item_fields(reading, model)
    )
    return model.tied.score(features) >= 0


# --- comparison -------------------------------------------------------------------------


def _folds(rows: Sequence[Row], key: Callable[[Row], str]) -> list[tuple[list[Row], list[Row]]]:
    out = []
    for fold in range(FOLDS):
        test = [r for r in rows if _bucket(key(r), FOLDS) == fold]
        train_rows = [r for r in rows if _bucket(key(r), FOLDS) != fold]
        out.append((train_rows, test))
    return out


def _accuracy(pairs: list[tuple[bool | str | None, bool | str | None]]) -> str:
    right = sum(a == b for a, b in pairs)
    return f"{right / len(pairs):.3f} ({right}/{len(pairs)})" if pairs else "n/a"


def _shared_word(reading: Reading, duties: str) -> bool:
    return "shared" in tied_features(reading, duties, None, {}) or reading.object


def compare(rows: list[Row], readings: dict[str, Reading]) -> None:
    """Each project file judged by models trained on every other file: how the approaches do
    on a writer they never saw (the issue's measure), then all files pooled."""
    names = ("rules only", "words only (LR)", "rules + words (LR, chosen)")
    duty_names = ("shared word (old rule)", "item words only (LR)", "words, field, life (chosen)")
    pooled: dict[str, list] = {name: [] for name in names + duty_names + ("field of work",)}
    print(f"{'left out':<26}{'specific: ' + ' / '.join(names):<70}duty link")
    for left_out in TRAINING_FILES:
        train_rows = [r for r in rows if r.source != left_out]
        test = [r for r in rows if r.source == left_out]
        words_only = train([(grams(readings[r.text].words, "w:"), r.specific) for r in train_rows])
        no_field = train(tied_examples(train_rows, readings, {}, with_field=False))
        model = fit(train_rows, readings)
        got: dict[str, list] = {name: [] for name in pooled}
        for r in test:
            reading = readings[r.text]
            got[names[0]].append((reading.specific, r.specific))
            got[names[1]].append((words_only.score(grams(reading.words, "w:")) >= 0, r.specific))
            chosen = model.specific.score(specific_features(reading)) >= 0
            got[names[2]].append((chosen, r.specific))
            got["field of work"].append((predict_sector(model, r.duties), r.sector))
            if r.tied is None:
                continue
            got[duty_names[0]].append((_shared_word(reading, r.duties), r.tied))
            no_field_score = no_field.score(tied_features(reading, r.duties, None, {}))
            got[duty_names[1]].append((no_field_score >= 0, r.tied))
            got[duty_names[2]].append((tied_verdict(model, reading, r.duties), r.tied))
        for name, pairs in got.items():
            pooled[name] += pairs
        specific = " / ".join(_share(got[name]) for name in names)
        duty = " / ".join(_share(got[name]) for name in duty_names)
        print(f"{left_out:<26}{specific:<70}{duty}")
    print("\npooled over the left-out files")
    for name, pairs in pooled.items():
        print(f"  {name:<32}{_accuracy(pairs)}")


def _share(pairs: list) -> str:
    return f"{sum(a == b for a, b in pairs) / len(pairs):.3f}" if pairs else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="cross-validate, do not write")
    args = parser.parse_args(argv)
    rows = load_all()
    readings = {r.text: read_item(r.text) for r in rows}
    if args.compare:
        compare(rows, readings)
        return 0
    model = fit(rows, readings)
    MODEL_FILE.write_text(
        json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True, indent=0) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
