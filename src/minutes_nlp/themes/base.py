"""What every theme classifier offers: `fit`, `predict_scores`, `predict`, `save`, `load`.

Engines (`linear`, `spacy`, `ensemble`) differ in how they score; labels,
per-label thresholds and the rule that every decision gets at least its best
theme are shared here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

import numpy as np

from minutes_nlp.corpus import Example
from minutes_nlp.model import Decision, Theme

__all__ = ["DecisionLike", "Progress", "ThemeClassifier", "as_documents", "labels_of", "label_matrix", "themes_from_scores", "default_labels", "group_folds", "thresholds_on_held_out_fold"]

#: What `predict` accepts: a decision text, a (text, topic) pair, an `Example` or a `Decision`.
DecisionLike = str | tuple[str, str | None] | Example | Decision
#: Training progress callback: (stage description, steps done, steps in total).
Progress = Callable[[str, int, int], None]


def as_documents(items: Sequence[DecisionLike]) -> list[tuple[str, str | None]]:
    documents: list[tuple[str, str | None]] = []
    for item in items:
        if isinstance(item, str):
            documents.append((item, None))
        elif isinstance(item, tuple):
            documents.append((item[0], item[1]))
        else:
            documents.append((item.text, item.topic))
    return documents


def default_labels() -> list[str]:
    """Theme ids of the default schema (taxonomy/themes.tsv), in its order."""
    from importlib import resources

    rows = (resources.files("minutes_nlp") / "data" / "taxonomy" / "themes.tsv").read_text(encoding="utf-8").splitlines()
    return [row.split("\t", 1)[0] for row in rows[1:] if row.strip()]


def labels_of(examples: Sequence[Example], labels: Sequence[str] | None = None) -> list[str]:
    """The label set: the given one, or every label used (schema ids in schema order, then new ones)."""
    if labels is not None:
        return list(dict.fromkeys(labels))
    used = list(dict.fromkeys(label for example in examples for label in example.labels))
    schema = [label for label in default_labels() if label in used]
    return schema + [label for label in used if label not in schema]


def label_matrix(examples: Sequence[Example], labels: Sequence[str]) -> np.ndarray:
    index = {label: j for j, label in enumerate(labels)}
    matrix = np.zeros((len(examples), len(labels)), dtype=bool)
    for i, example in enumerate(examples):
        for label in example.labels:
            if label in index:
                matrix[i, index[label]] = True
    return matrix


def group_folds(groups: Sequence[str], n_folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds that keep each document whole; none when there are too few documents."""
    from sklearn.model_selection import GroupKFold

    n_folds = min(n_folds, len(set(groups)))
    if n_folds < 2:
        return []
    splitter = GroupKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(groups)), groups=np.asarray(groups)))


def thresholds_on_held_out_fold(
    examples: Sequence[Example],
    labels: Sequence[str],
    seed: int,
    fit_and_score: Callable[[list[Example], list[Example]], np.ndarray],
) -> np.ndarray:
    """Per-label thresholds tuned on one fold (a fifth of the documents) of the training data.

    `fit_and_score(train, held_out)` trains on `train` and returns the scores of
    `held_out` (examples × labels). With fewer than two documents, 0.5.
    """
    from minutes_nlp.themes.thresholds import tune_thresholds

    folds = group_folds([e.doc_id or e.id for e in examples], 5, seed)
    if not folds:
        return np.full(len(labels), 0.5)
    train, held_out = folds[0]
    held_out_examples = [examples[i] for i in held_out]
    scores = fit_and_score([examples[i] for i in train], held_out_examples)
    return tune_thresholds(label_matrix(held_out_examples, labels), scores)


def themes_from_scores(scores: np.ndarray, labels: Sequence[str], thresholds: np.ndarray, min_labels: int = 1) -> list[list[Theme]]:
    """Themes at or above their label's threshold, best first; at least `min_labels` per decision."""
    result: list[list[Theme]] = []
    for row in scores:
        ranked = np.argsort(-row, kind="stable")
        chosen = [j for j in ranked if row[j] >= thresholds[j]]
        if len(chosen) < min_labels:
            chosen = list(ranked[:min_labels])
        result.append([Theme(labels[j], round(float(row[j]), 4)) for j in chosen])
    return result


class ThemeClassifier(Protocol):
    """The interface of every engine."""

    engine: ClassVar[str]
    labels: list[str]
    thresholds: np.ndarray
    metadata: dict[str, Any]

    def fit(self, examples: Sequence[Example], labels: Sequence[str] | None = None, progress: Progress | None = None) -> ThemeClassifier: ...

    def predict_scores(self, items: Sequence[DecisionLike]) -> np.ndarray: ...

    def predict(self, items: Sequence[DecisionLike]) -> list[list[Theme]]: ...

    def save(self, directory: str | Path) -> None: ...
