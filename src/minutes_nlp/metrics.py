"""Precision, recall and F1 from counts: one arithmetic for every scored capability.

`Score` is what the implementer and linking evaluations report. Empty counts
score 1.0 (nothing to find, nothing wrongly found); the theme evaluation keeps
scikit-learn's convention instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class Score:
    """Precision, recall and F1 from true positive, false positive and false negative counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter[Any], predicted: Counter[Any]) -> None:
        self.tp += sum((gold & predicted).values())
        self.fp += sum((predicted - gold).values())
        self.fn += sum((gold - predicted).values())

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4), **asdict(self)}
