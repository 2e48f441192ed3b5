"""A small linear model in pure Python: features, logistic regression, scoring.

The registration checker (quality.py) and the field-of-work recogniser (sectors.py) score a
text by adding the learned weights of its features: a dictionary look-up per feature, fast
enough for thousands of items a second and with no dependency at run time. The weights are
learned by ``python -m lamtheo.pledges.train`` from the labelled items kept in the
repository (lamtheo/pledges/tests/data/) and stored in lamtheo/pledges/model.json; the
training is deterministic, so the file can be rebuilt and compared.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from lamtheo.core.vietnamese import fold

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words without diacritics ("Người bệnh" -> ["nguoi", "benh"])."""
    return _WORD.findall(fold(unicodedata.normalize("NFC", text or "")))


def grams(tokens: Sequence[str], prefix: str = "") -> list[str]:
    """Unigrams and bigrams of tokens, with a prefix naming where they come from."""
    out = [f"{prefix}{t}" for t in tokens]
    out += [f"{prefix}{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    return out


@dataclass
class Linear:
    """Weights of a binary logistic regression (a bias and one weight per feature)."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0

    def score(self, features: Iterable[str]) -> float:
        return self.bias + sum(map(self.weights.get, set(features), repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))

    def to_json(self) -> dict[str, object]:
        kept = {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-3}
        return {"bias": round(self.bias, 4), "weights": kept}

    @classmethod
    def from_json(cls, data: dict) -> Linear:
        return cls(weights=dict(data["weights"]), bias=float(data["bias"]))


def train(
    examples: Sequence[tuple[Sequence[str], bool]],
    *,
    epochs: int = 40,
    rate: float = 0.3,
    l2: float = 1e-3,
    min_count: int = 2,
) -> Linear:
    """Logistic regression by AdaGrad over the examples in their given order (deterministic).

    Features seen in fewer than ``min_count`` examples get no weight (a word met once says
    more about that one item than about items in general, and the model stays small)."""
    model = Linear()
    squares: dict[str, float] = {}
    bias_square = 0.0
    counts = Counter(f for features, _ in examples for f in set(features))
    rows = [
        (sorted(f for f in set(features) if counts[f] >= min_count), 1.0 if label else 0.0)
        for features, label in examples
    ]
    for _ in range(epochs):
        for features, label in rows:
            error = model.probability(features) - label
            bias_square += error * error
            model.bias -= rate * error / math.sqrt(bias_square + 1e-8)
            for f in features:
                weight = model.weights.get(f, 0.0)
                gradient = error + l2 * weight
                squares[f] = squares.get(f, 0.0) + gradient * gradient
                model.weights[f] = weight - rate * gradient / math.sqrt(squares[f] + 1e-8)
    return model


@dataclass
class Model:
    """The learned weights of the checker: specific vs vague, the duty link, and one scorer
    per field of work (one against the rest; "none" is the neutral field)."""

    specific: Linear
    tied: Linear
    sectors: dict[str, Linear]
    items: dict[str, Linear] = field(default_factory=dict)  # an item's words -> its field

    def to_json(self) -> dict[str, object]:
        return {
            "specific": self.specific.to_json(),
            "tied": self.tied.to_json(),
            "sectors": {key: model.to_json() for key, model in sorted(self.sectors.items())},
            "items": {key: model.to_json() for key, model in sorted(self.items.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            specific=Linear.from_json(data["specific"]),
            tied=Linear.from_json(data["tied"]),
            sectors={key: Linear.from_json(value) for key, value in data["sectors"].items()},
            items={key: Linear.from_json(value) for key, value in data["items"].items()},
        )


MODEL_FILE = Path(__file__).with_name("model.json")


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The stored model (built by ``python -m lamtheo.pledges.train``)."""
    return Model.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
