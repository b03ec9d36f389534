"""The `linear` engine: word and character n-gram TF-IDF into one-vs-rest linear models.

Training uses scikit-learn: two `TfidfVectorizer`s (word 1-2-grams and
character 2-5-grams of the project's tokens, see `features`), one
`LinearSVC` (or `LogisticRegression`) per label, Platt scaling fitted on
out-of-fold scores (folds grouped by document, so decisions of one meeting
never score each other), and per-label thresholds tuned on the same
out-of-fold scores. Nothing outside the training examples is used.

Inference repeats the same arithmetic with numpy from the saved vocabulary,
idf and weights (`tests/test_themes.py` checks it against scikit-learn), so
tagging needs neither scikit-learn nor unpickling.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np

from minutes_nlp.corpus import Example
from minutes_nlp.errors import ModelError
from minutes_nlp.model import Theme
from minutes_nlp.themes import store
from minutes_nlp.themes.base import DecisionLike, Progress, as_documents, group_folds, label_matrix, labels_of, themes_from_scores
from minutes_nlp.themes.features import FeatureConfig, char_features, word_char_ngrams, word_features, words_of
from minutes_nlp.themes.thresholds import tune_thresholds

__all__ = ["LinearConfig", "LinearThemeClassifier"]


@dataclass(frozen=True, slots=True)
class LinearConfig:
    """Hyper-parameters of the linear engine."""

    loss: Literal["svm", "logistic"] = "svm"
    C: float = 0.5
    class_weight: Literal["balanced"] | None = "balanced"
    folds: int = 5
    """Folds (grouped by document) for the out-of-fold scores behind calibration and thresholds."""
    features: FeatureConfig = field(default_factory=FeatureConfig)
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["features"] = self.features.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearConfig:
        data = dict(data)
        data["features"] = FeatureConfig.from_dict(data["features"])
        return cls(**data)


class LinearThemeClassifier:
    """TF-IDF + one-vs-rest linear models with calibrated scores and tuned thresholds."""

    engine: ClassVar[str] = "linear"

    def __init__(self, config: LinearConfig | None = None) -> None:
        self.config = config or LinearConfig()
        self.labels: list[str] = []
        self.thresholds = np.zeros(0)
        self.metadata: dict[str, Any] = {}
        self._fitted: _FittedLinear | None = None
        self._platt = np.zeros((0, 2))  # per label: slope, offset

    # --- training -------------------------------------------------------------------
    def fit(self, examples: Sequence[Example], labels: Sequence[str] | None = None, progress: Progress | None = None) -> LinearThemeClassifier:
        if not examples:
            raise ValueError("no training examples")
        self.labels = labels_of(examples, labels)
        y = label_matrix(examples, self.labels)
        documents = [words_of(e.text, e.topic) for e in examples]
        folds = group_folds([e.doc_id or e.id for e in examples], self.config.folds, self.config.seed)
        total = len(folds) + 1
        out_of_fold = np.zeros(y.shape)
        for step, (train, test) in enumerate(folds):
            if progress:
                progress("calibration folds", step, total)
            fold_model = _fit_linear([documents[i] for i in train], y[train], self.config)
            out_of_fold[test] = fold_model.decision([documents[i] for i in test])
        if progress:
            progress("final model", len(folds), total)
        self._fitted = _fit_linear(documents, y, self.config)
        self._platt = _fit_platt(out_of_fold, y) if folds else np.tile([1.0, 0.0], (len(self.labels), 1))
        calibrated = _sigmoid(out_of_fold * self._platt[:, 0] + self._platt[:, 1])
        self.thresholds = tune_thresholds(y, calibrated) if folds else np.full(len(self.labels), 0.5)
        if progress:
            progress("done", total, total)
        return self

    # --- inference --------------------------------------------------------------------
    def decision_function(self, items: Sequence[DecisionLike]) -> np.ndarray:
        """Raw linear scores (before calibration), examples × labels."""
        fitted = self._check_fitted()
        return fitted.decision([words_of(text, topic) for text, topic in as_documents(items)])

    def predict_scores(self, items: Sequence[DecisionLike]) -> np.ndarray:
        """Calibrated scores in [0, 1], examples × labels."""
        return _sigmoid(self.decision_function(items) * self._platt[:, 0] + self._platt[:, 1])

    def predict(self, items: Sequence[DecisionLike]) -> list[list[Theme]]:
        return themes_from_scores(self.predict_scores(items), self.labels, self.thresholds)

    # --- persistence -------------------------------------------------------------------
    def save(self, directory: str | Path) -> None:
        fitted = self._check_fitted()
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        store.write_model_json(
            directory, self, self.config.to_dict(),
            word_vocabulary=_ordered(fitted.word_vocabulary), char_vocabulary=_ordered(fitted.char_vocabulary),
        )
        store.write_arrays(directory / "weights.npz", {
            "word_idf": fitted.word_idf.astype(np.float64),
            "char_idf": fitted.char_idf.astype(np.float64),
            "coef": fitted.coef.astype(np.float32),
            "intercept": fitted.intercept.astype(np.float64),
            "platt": self._platt.astype(np.float64),
        })
        store.write_manifest(directory)

    @classmethod
    def from_directory(cls, directory: Path, spec: dict[str, Any]) -> LinearThemeClassifier:
        """Build from a verified model directory (see `minutes_nlp.themes.load`)."""
        try:
            model = cls(LinearConfig.from_dict(spec["config"]))
            model.labels, model.thresholds, model.metadata = store.read_model_head(spec, directory)
            word_vocabulary = {str(gram): i for i, gram in enumerate(spec["word_vocabulary"])}
            char_vocabulary = {str(gram): i for i, gram in enumerate(spec["char_vocabulary"])}
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"model.json is incomplete or malformed ({error})", str(directory)) from None
        arrays = store.read_arrays(directory / "weights.npz")
        try:
            fitted = _FittedLinear(model.config.features, word_vocabulary, char_vocabulary, arrays["word_idf"], arrays["char_idf"], arrays["coef"], arrays["intercept"])
            model._platt = arrays["platt"]
        except KeyError as error:
            raise ModelError(f"weights.npz lacks the array {error}", str(directory)) from None
        n_labels, n_features = len(model.labels), len(word_vocabulary) + len(char_vocabulary)
        shapes_ok = (
            fitted.coef.shape == (n_features, n_labels) and fitted.intercept.shape == (n_labels,)
            and model._platt.shape == (n_labels, 2) and model.thresholds.shape == (n_labels,)
            and fitted.word_idf.shape == (len(word_vocabulary),) and fitted.char_idf.shape == (len(char_vocabulary),)
        )
        if not shapes_ok:
            raise ModelError("weights.npz does not fit model.json (array shapes differ)", str(directory))
        model._fitted = fitted
        return model

    def _check_fitted(self) -> _FittedLinear:
        if self._fitted is None:
            raise ValueError("the classifier is not trained; call fit() or load a model")
        return self._fitted


# --- training internals ---------------------------------------------------------------------


@dataclass
class _FittedLinear:
    """Vocabularies, idf and weights of one fitted model; `decision` is the inference arithmetic."""

    features: FeatureConfig
    word_vocabulary: dict[str, int]
    char_vocabulary: dict[str, int]
    word_idf: np.ndarray
    char_idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    # word -> indices of its character n-grams in the vocabulary; words recur, so
    # each is looked up once (bounded: cleared when it grows past _CACHE_SIZE).
    _char_cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def decision(self, documents: list[list[str]]) -> np.ndarray:
        """Raw scores (documents × labels) of documents given as their words (`features.words_of`)."""
        rows = np.tile(self.intercept, (len(documents), 1))
        offset = len(self.word_vocabulary)
        for i, words in enumerate(documents):
            grams = word_features(words, self.features)
            word_index = np.fromiter((j for g in grams if (j := self.word_vocabulary.get(g)) is not None), dtype=np.intp)
            char_index = np.concatenate([self._char_indices(word) for word in words]) if words else np.zeros(0, dtype=np.intp)
            for index, idf, shift in ((word_index, self.word_idf, 0), (char_index, self.char_idf, offset)):
                if index.size:
                    unique, values = _tfidf(index, idf)
                    rows[i] += values @ self.coef[unique + shift]
        return rows

    def _char_indices(self, word: str) -> np.ndarray:
        indices = self._char_cache.get(word)
        if indices is None:
            if len(self._char_cache) > _CACHE_SIZE:
                self._char_cache.clear()
            grams = word_char_ngrams(word, self.features.char_ngrams)
            indices = np.fromiter((j for g in grams if (j := self.char_vocabulary.get(g)) is not None), dtype=np.intp)
            self._char_cache[word] = indices
        return indices


_CACHE_SIZE = 200_000


def _identity(features: list[str]) -> list[str]:
    return features


def _fit_linear(documents: list[list[str]], y: np.ndarray, config: LinearConfig) -> _FittedLinear:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    word_vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    char_vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    x = sp.hstack([
        word_vectorizer.fit_transform([word_features(words, config.features) for words in documents]),
        char_vectorizer.fit_transform([char_features(words, config.features) for words in documents]),
    ]).tocsr()
    coef = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    intercept = np.zeros(y.shape[1])
    for j in range(y.shape[1]):
        target = y[:, j]
        if target.all() or not target.any():
            intercept[j] = 10.0 if target.all() else -10.0  # a label with one class in the data is constant
            continue
        if config.loss == "svm":
            estimator: Any = LinearSVC(C=config.C, class_weight=config.class_weight, random_state=config.seed)
        else:
            estimator = LogisticRegression(C=config.C, class_weight=config.class_weight, max_iter=2000)
        estimator.fit(x, target)
        coef[:, j] = estimator.coef_[0]
        intercept[j] = estimator.intercept_[0]
    return _FittedLinear(
        features=config.features,
        word_vocabulary={k: int(v) for k, v in word_vectorizer.vocabulary_.items()},
        char_vocabulary={k: int(v) for k, v in char_vectorizer.vocabulary_.items()},
        word_idf=word_vectorizer.idf_,
        char_idf=char_vectorizer.idf_,
        coef=coef,
        intercept=intercept,
    )


def _fit_platt(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per label, the sigmoid (slope, offset) that maps out-of-fold scores to probabilities."""
    from sklearn.linear_model import LogisticRegression

    params = np.zeros((y.shape[1], 2))
    for j in range(y.shape[1]):
        target = y[:, j]
        if target.all() or not target.any():
            rate = min(max(target.mean(), 1e-3), 1 - 1e-3)
            params[j] = (0.0, math.log(rate / (1 - rate)))
            continue
        regression = LogisticRegression(C=100.0).fit(scores[:, j : j + 1], target)
        params[j] = (regression.coef_[0, 0], regression.intercept_[0])
    return params


# --- shared arithmetic ---------------------------------------------------------------------------


def _tfidf(index: np.ndarray, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's TF-IDF of one document given its features' vocabulary indices (sublinear tf, l2 norm)."""
    unique, counts = np.unique(index, return_counts=True)
    values = (1.0 + np.log(counts)) * idf[unique]
    return unique, values / np.linalg.norm(values)


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(values, -50, 50)))


def _ordered(vocabulary: dict[str, int]) -> list[str]:
    ordered = [""] * len(vocabulary)
    for gram, index in vocabulary.items():
        ordered[index] = gram
    return ordered
