"""The `spacy` engine: a spaCy `textcat_multilabel` pipeline trained through spaCy's config system.

The config is training/textcat_multilabel.cfg (the project's tokenizer, a
hash-embedding CNN ensembled with a bag-of-n-grams model). `fit` writes the
examples as DocBin files and runs spaCy's own training loop twice: once on
the documents of four folds out of five, to tune per-label thresholds on the
fifth; then on everything for the model that is kept. Saved with spaCy's
serialisation (config, JSON and msgpack weights), which loads no code from
the model directory.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from minutes_nlp.corpus import Example
from minutes_nlp.errors import ModelError
from minutes_nlp.model import Theme
from minutes_nlp.themes import store
from minutes_nlp.themes.base import DecisionLike, Progress, as_documents, labels_of, themes_from_scores, thresholds_on_held_out_fold
from minutes_nlp.themes.features import decision_document

__all__ = ["SpacyThemeClassifier", "default_config_path"]

CONFIG_NAME = "textcat_multilabel.cfg"


def default_config_path() -> Path:
    """training/textcat_multilabel.cfg of a checkout, or its copy inside the installed package."""
    return store.shipped_path("training", CONFIG_NAME)


class SpacyThemeClassifier:
    """spaCy `textcat_multilabel` with thresholds tuned on a held-out fold of the training data."""

    engine: ClassVar[str] = "spacy"

    def __init__(self, config_path: str | Path | None = None, max_epochs: int | None = None, seed: int = 0) -> None:
        self.config_path = Path(config_path) if config_path else default_config_path()
        self.max_epochs = max_epochs
        self.seed = seed
        self.labels: list[str] = []
        self.thresholds = np.zeros(0)
        self.metadata: dict[str, Any] = {}
        self._nlp: Any = None

    def fit(self, examples: Sequence[Example], labels: Sequence[str] | None = None, progress: Progress | None = None) -> SpacyThemeClassifier:
        if not examples:
            raise ValueError("no training examples")
        self.labels = labels_of(examples, labels)
        if progress:
            progress("threshold fold", 0, 2)

        def fit_and_score(train: list[Example], held_out: list[Example]) -> np.ndarray:
            return self._scores(self._train(train, held_out), as_documents(held_out), self.labels)

        self.thresholds = thresholds_on_held_out_fold(examples, self.labels, self.seed, fit_and_score)
        if progress:
            progress("final model", 1, 2)
        self._nlp = self._train(list(examples), list(examples[: max(1, len(examples) // 10)]))
        if progress:
            progress("done", 2, 2)
        return self

    def _train(self, train: Sequence[Example], dev: Sequence[Example]) -> Any:
        from spacy.tokens import DocBin
        from spacy.training.initialize import init_nlp
        from spacy.training.loop import train as train_loop
        from spacy.util import load_config

        from minutes_nlp.tokenizing import get_nlp

        tokenizer = get_nlp()
        with tempfile.TemporaryDirectory(prefix="minutes-nlp-textcat-") as tmp:
            paths = {}
            for name, part in (("train", train), ("dev", dev)):
                bin_ = DocBin(store_user_data=False)
                for example in part:
                    doc = tokenizer.make_doc(decision_document(example.text, example.topic))
                    doc.cats = {label: float(label in example.labels) for label in self.labels}
                    bin_.add(doc)
                paths[name] = Path(tmp) / f"{name}.spacy"
                bin_.to_disk(paths[name])
            overrides: dict[str, Any] = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"]), "system.seed": self.seed}
            if self.max_epochs:
                overrides["training.max_epochs"] = self.max_epochs
            try:
                config = load_config(self.config_path, overrides=overrides, interpolate=False)
            except OSError as error:
                raise ModelError(f"cannot read the spaCy training config: {error}", str(self.config_path)) from None
            # The label set is the corpus's, not the config's: initialise it explicitly.
            config["initialize"].setdefault("components", {})["textcat_multilabel"] = {"labels": list(self.labels)}
            nlp = init_nlp(config.interpolate())
            nlp, _ = train_loop(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
        return nlp

    @staticmethod
    def _scores(nlp: Any, documents: list[tuple[str, str | None]], labels: Sequence[str]) -> np.ndarray:
        texts = [decision_document(text, topic) for text, topic in documents]
        return np.array([[doc.cats.get(label, 0.0) for label in labels] for doc in nlp.pipe(texts)]).reshape(len(texts), len(labels))

    def predict_scores(self, items: Sequence[DecisionLike]) -> np.ndarray:
        if self._nlp is None:
            raise ValueError("the classifier is not trained; call fit() or load a model")
        return self._scores(self._nlp, as_documents(items), self.labels)

    def predict(self, items: Sequence[DecisionLike]) -> list[list[Theme]]:
        return themes_from_scores(self.predict_scores(items), self.labels, self.thresholds)

    def save(self, directory: str | Path) -> None:
        if self._nlp is None:
            raise ValueError("the classifier is not trained")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self._nlp.to_disk(directory / "pipeline")
        store.write_model_json(directory, self, {"seed": self.seed, "max_epochs": self.max_epochs})
        store.write_manifest(directory)

    @classmethod
    def from_directory(cls, directory: Path, spec: dict[str, Any]) -> SpacyThemeClassifier:
        import spacy

        model = cls(seed=int((spec.get("config") or {}).get("seed", 0)))
        model.labels, model.thresholds, model.metadata = store.read_model_head(spec, directory)
        try:
            model._nlp = spacy.load(directory / "pipeline")
        except Exception as error:  # spaCy raises several types for a broken pipeline
            raise ModelError(f"cannot load the spaCy pipeline: {error}", str(directory)) from None
        return model
