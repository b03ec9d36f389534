"""Per-label decision thresholds, tuned on out-of-fold scores of the training data only."""

from __future__ import annotations

import numpy as np

__all__ = ["tune_thresholds", "best_f1_threshold"]


def best_f1_threshold(y_true: np.ndarray, scores: np.ndarray, default: float = 0.5) -> float:
    """The threshold on `scores` that maximises F1 for one label.

    Candidates are midpoints between consecutive distinct scores. Among equally
    good thresholds the middle of the best run is taken, which keeps a margin on
    both sides for unseen data. With no positive example the `default` is kept.
    """
    y_true = np.asarray(y_true, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    if not y_true.any():
        return default
    distinct = np.unique(scores)
    if distinct.size == 1:
        return default
    candidates = np.concatenate([[distinct[0] - 1e-6], (distinct[:-1] + distinct[1:]) / 2])
    predicted = scores[None, :] >= candidates[:, None]
    tp = (predicted & y_true).sum(axis=1)
    fp = (predicted & ~y_true).sum(axis=1)
    fn = (~predicted & y_true).sum(axis=1)
    f1 = np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    best = np.flatnonzero(np.isclose(f1, f1.max()))
    # Contiguous run around the median best index; take its middle.
    return float(candidates[best[len(best) // 2]])


def tune_thresholds(y_true: np.ndarray, scores: np.ndarray, default: float = 0.5) -> np.ndarray:
    """One threshold per column of `scores` (shape: examples × labels)."""
    return np.array([best_f1_threshold(y_true[:, j], scores[:, j], default) for j in range(scores.shape[1])])
