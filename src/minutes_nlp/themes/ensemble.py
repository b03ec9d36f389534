"""The `ensemble` engine: the mean of the `linear` and `spacy` engines' calibrated scores.

Thresholds for the mean are tuned on a held-out fold of the training data
(both members trained on the other folds), then both members are retrained
on everything. Saved as two member directories under one manifest.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from minutes_nlp.corpus import Example
from minutes_nlp.errors import ModelError
from minutes_nlp.model import Theme
from minutes_nlp.themes import store
from minutes_nlp.themes.base import DecisionLike, Progress, labels_of, themes_from_scores, thresholds_on_held_out_fold
from minutes_nlp.themes.linear import LinearThemeClassifier
from minutes_nlp.themes.spacy_textcat import SpacyThemeClassifier

__all__ = ["EnsembleThemeClassifier"]


class EnsembleThemeClassifier:
    engine: ClassVar[str] = "ensemble"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.labels: list[str] = []
        self.thresholds = np.zeros(0)
        self.metadata: dict[str, Any] = {}
        self.members: list[LinearThemeClassifier | SpacyThemeClassifier] = []

    def fit(self, examples: Sequence[Example], labels: Sequence[str] | None = None, progress: Progress | None = None) -> EnsembleThemeClassifier:
        self.labels = labels_of(examples, labels)
        if progress:
            progress("threshold fold", 0, 3)

        def fit_and_score(train: list[Example], held_out: list[Example]) -> np.ndarray:
            return np.mean([member.predict_scores(held_out) for member in self._fit_members(train)], axis=0)

        self.thresholds = thresholds_on_held_out_fold(examples, self.labels, self.seed, fit_and_score)
        if progress:
            progress("final members", 1, 3)
        self.members = self._fit_members(list(examples))
        if progress:
            progress("done", 3, 3)
        return self

    def _fit_members(self, examples: list[Example]) -> list[LinearThemeClassifier | SpacyThemeClassifier]:
        return [
            LinearThemeClassifier().fit(examples, self.labels),
            SpacyThemeClassifier(seed=self.seed).fit(examples, self.labels),
        ]

    def predict_scores(self, items: Sequence[DecisionLike]) -> np.ndarray:
        if not self.members:
            raise ValueError("the classifier is not trained; call fit() or load a model")
        return np.mean([member.predict_scores(items) for member in self.members], axis=0)

    def predict(self, items: Sequence[DecisionLike]) -> list[list[Theme]]:
        return themes_from_scores(self.predict_scores(items), self.labels, self.thresholds)

    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for member in self.members:
            member.save(directory / member.engine)
            (directory / member.engine / "manifest.json").unlink()  # one manifest for the whole directory
        store.write_model_json(directory, self, {"seed": self.seed, "members": [m.engine for m in self.members]})
        store.write_manifest(directory)

    @classmethod
    def from_directory(cls, directory: Path, spec: dict[str, Any]) -> EnsembleThemeClassifier:
        model = cls()
        model.labels, model.thresholds, model.metadata = store.read_model_head(spec, directory)
        try:
            member_engines = list(spec["config"]["members"])
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"model.json is incomplete or malformed ({error})", str(directory)) from None
        for engine in member_engines:
            member_spec = store.read_json(directory / engine / "model.json")
            if engine == "linear":
                model.members.append(LinearThemeClassifier.from_directory(directory / engine, member_spec))
            elif engine == "spacy":
                model.members.append(SpacyThemeClassifier.from_directory(directory / engine, member_spec))
            else:
                raise ModelError(f"unknown ensemble member {engine!r}", str(directory))
        return model
