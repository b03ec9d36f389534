"""The finer similarity that verifies candidates: weighted cosine times theme agreement.

A decision's vector gives each distinct term its inverse document frequency,
read from data/linking_idf.tsv (counted on the authored corpus, so scores do
not depend on what else is being linked and the same pair always scores the
same), times `concept_weight` for the terms of the synonym table: those name
what a directive is about. Terms never counted get the highest weight.

When both decisions carry themes, the cosine is multiplied by
`1 - theme_weight + theme_weight * jaccard(themes)`: decisions about different
things are pulled apart even when they share words.

A pair that shares fewer than `min_shared_terms` distinct terms (or fewer than
its shorter decision has) scores 0: one shared word, even a concept, is a
shared topic, not the same directive (ANNOTATION.md §4). Every scorer applies
it: `pair_score` (Spark), `kernels.row_dots` (local engine) and
`clustering.dense_scores`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

SCORE_DIGITS = 6  # both engines round scores alike, so that thresholds cut alike


@dataclass(frozen=True)
class TermWeights:
    """Term → weight for the cosine."""

    idf: dict[str, float]
    unknown: float
    concepts: frozenset[str]
    concept_weight: float

    @classmethod
    def load(cls, concepts: Iterable[str], concept_weight: float, path: str | Path | None = None) -> TermWeights:
        """Read an IDF table (`term<TAB>document count`, first line `#documents<TAB>N`)."""
        if path is None:
            raw = resources.files("minutes_nlp").joinpath("data/linking_idf.tsv").read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        lines = [line.split("\t") for line in raw.splitlines() if line.strip()]
        documents = int(lines[0][1])
        idf = {term: idf_of(int(count), documents) for term, count in lines[1:]}
        return cls(idf=idf, unknown=idf_of(0, documents), concepts=frozenset(concepts), concept_weight=concept_weight)

    def weight(self, term: str) -> float:
        base = self.idf.get(term, self.unknown)
        return base * self.concept_weight if term in self.concepts else base

    def vector(self, terms: Iterable[str]) -> dict[str, float]:
        """Unit-length vector of the distinct terms."""
        weights = {term: self.weight(term) for term in set(terms)}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {term: w / norm for term, w in weights.items()} if norm else {}


def idf_of(count: int, documents: int) -> float:
    """Smoothed inverse document frequency (scikit-learn's `smooth_idf` formula)."""
    return math.log((documents + 1) / (count + 1)) + 1.0


def theme_factor(themes_a: Sequence[str], themes_b: Sequence[str], theme_weight: float) -> float:
    """1 when either decision has no themes; else between 1 - theme_weight and 1 by theme Jaccard."""
    if not themes_a or not themes_b:
        return 1.0
    a, b = set(themes_a), set(themes_b)
    return _agreement(len(a & b), len(a | b), theme_weight)


def theme_masks(themes: Sequence[Sequence[str]]) -> np.ndarray:
    """Each decision's themes as bits of one uint64 (the first 64 distinct labels given: the schema has fewer)."""
    ids: dict[str, int] = {}
    masks = np.zeros(len(themes), dtype=np.uint64)
    for k, labels in enumerate(themes):
        mask = 0
        for label in labels:
            bit = ids.setdefault(label, len(ids))
            if bit < 64:
                mask |= 1 << bit
        masks[k] = mask
    return masks


def theme_factors(a: np.ndarray, b: np.ndarray, theme_weight: float) -> np.ndarray:
    """`theme_factor` of many pairs, their themes given by `theme_masks` (broadcast like any numpy operands)."""
    inter = np.bitwise_count(a & b).astype(np.float64)
    union = np.maximum(np.bitwise_count(a | b), 1).astype(np.float64)
    return np.where((a != 0) & (b != 0), _agreement(inter, union, theme_weight), 1.0)


def _agreement(shared: Any, either: Any, theme_weight: float) -> Any:
    """The theme factor of `shared` themes out of `either` (numbers or numpy arrays alike)."""
    return 1.0 - theme_weight + theme_weight * shared / either


def cosine(a: dict[str, float], b: dict[str, float], min_shared: int = 1) -> float:
    """Cosine of two unit vectors; 0 when they share fewer than `min_shared` terms (or than the shorter has)."""
    if len(a) > len(b):
        a, b = b, a
    shared = [w * b[term] for term, w in a.items() if term in b]
    if len(shared) < required_shared(min_shared, len(a), len(b)):
        return 0.0
    return sum(shared)


def required_shared(min_shared: int, size_a: Any, size_b: Any) -> Any:
    """The distinct terms a pair must share to score: `min_shared`, or every term of its shorter
    decision (sizes as numbers or numpy arrays alike; the compiled `kernels.row_dots` writes the same rule)."""
    return np.minimum(min_shared, np.minimum(size_a, size_b))


def pair_score(a: dict[str, float], b: dict[str, float], themes_a: Sequence[str], themes_b: Sequence[str], theme_weight: float, min_shared: int = 1) -> float:
    """The score of one pair, as both engines compute it."""
    return round(cosine(a, b, min_shared) * theme_factor(themes_a, themes_b, theme_weight), SCORE_DIGITS)
