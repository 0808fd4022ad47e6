"""The learned parts of extraction: linear scorers over named features.

A scorer is a multinomial logistic regression fitted with scikit-learn from the gold
annotations (graph_loader.extract.learn). What is shipped is its weights as JSON: one row
of class weights per feature name. Scoring is a sum of the rows of the features present,
in plain Python: no pickle, nothing downloaded, and a cost linear in the features.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODELS = Path(__file__).parent / "models"


@dataclass(frozen=True, eq=False)
class LinearModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class
    meta: dict[str, Any]  # how it was fitted (documents, settings), for the record

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Each class's probability (softmax of the summed weights)."""
        scores = list(self.bias)
        for feature in set(features):
            row = self.weights.get(feature)
            if row is not None:
                for i, w in enumerate(row):
                    scores[i] += w
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def __post_init__(self) -> None:
        # the weights as one matrix (a zero row last), for scoring many candidates at once
        names = list(self.weights)
        matrix = np.zeros((len(names) + 1, len(self.classes)))
        for i, name in enumerate(names):
            matrix[i] = self.weights[name]
        object.__setattr__(self, "_index", {n: i for i, n in enumerate(names)})
        object.__setattr__(self, "_matrix", matrix)

    def probabilities_of(self, rows: list[list[str]]) -> list[dict[str, float]]:
        """probabilities() of many feature lists at once (one gather and sum in numpy)."""
        if not rows:
            return []
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        matrix: np.ndarray = self._matrix  # type: ignore[attr-defined]
        zero = len(matrix) - 1
        flat: list[int] = []
        offsets: list[int] = []
        known = index.get
        for features in rows:
            offsets.append(len(flat))
            present = set(map(known, features))  # each feature once; None for unknown ones
            present.discard(None)
            flat.append(zero)  # every segment non-empty
            flat.extend(present)  # type: ignore[arg-type]
        scores = np.add.reduceat(matrix[np.array(flat)], np.array(offsets)) + np.asarray(self.bias)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        exp /= exp.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, row, strict=True)) for row in exp.tolist()]

    def as_json(self) -> str:
        rows = {f: [round(w, 5) for w in row] for f, row in sorted(self.weights.items())}
        body = {"classes": self.classes, "bias": [round(b, 5) for b in self.bias], "meta": self.meta}
        return json.dumps({**body, "weights": rows}, ensure_ascii=False, indent=0) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        data = json.loads(text)
        return cls(
            tuple(data["classes"]),
            tuple(data["bias"]),
            {f: tuple(row) for f, row in data["weights"].items()},
            data.get("meta", {}),
        )


@functools.cache
def shipped(name: str) -> LinearModel | None:
    """The model `name` shipped in the package (models/NAME.json), or None before one is trained."""
    path = MODELS / f"{name}.json"
    return LinearModel.from_json(path.read_text(encoding="utf-8")) if path.exists() else None
