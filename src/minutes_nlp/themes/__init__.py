"""Theme tagging (ANNOTATION.md §1): trained multi-label classifiers of decisions.

    >>> from minutes_nlp import themes
    >>> themes.predict("সকল পত্র ই-নথিতে নিষ্পন্ন করতে হবে।")[0].label
    'e_nothi'

Plain functions over one small interface shared by every engine
(`fit`, `predict_scores`, `predict`, `save`; see `base.ThemeClassifier`):

* `predict(text, topic=None, model=None)`: themes of one decision;
* `train(examples, engine="linear", labels=None)`: a new classifier;
* `load(path)`: a saved model directory (verified, nothing executed);
* `default_model()`: the model shipped with the package (models/themes-default).

Engines: `linear` (TF-IDF + linear models, the default), `spacy` (spaCy
`textcat_multilabel` trained from training/textcat_multilabel.cfg) and
`ensemble` (the average of both).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from minutes_nlp.corpus import Example
from minutes_nlp.errors import ModelError
from minutes_nlp.model import Theme
from minutes_nlp.themes.base import Progress, ThemeClassifier

__all__ = ["ENGINES", "DEFAULT_MODEL_NAME", "predict", "train", "make_classifier", "load", "default_model", "default_model_path", "ThemeClassifier"]

ENGINES = ("linear", "spacy", "ensemble")
DEFAULT_MODEL_NAME = "themes-default"


def make_classifier(engine: str = "linear", **config: Any) -> ThemeClassifier:
    """An untrained classifier of the named engine."""
    if engine == "linear":
        from minutes_nlp.themes.linear import LinearConfig, LinearThemeClassifier

        return LinearThemeClassifier(LinearConfig(**config))
    if engine == "spacy":
        from minutes_nlp.themes.spacy_textcat import SpacyThemeClassifier

        return SpacyThemeClassifier(**config)
    if engine == "ensemble":
        from minutes_nlp.themes.ensemble import EnsembleThemeClassifier

        return EnsembleThemeClassifier(**config)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def train(
    examples: Sequence[Example],
    engine: str = "linear",
    labels: Sequence[str] | None = None,
    progress: Progress | None = None,
    **config: Any,
) -> ThemeClassifier:
    """Train a classifier of `engine` on `examples` (labels: the given set, or those used)."""
    classifier = make_classifier(engine, **config).fit(examples, labels=labels, progress=progress)
    classifier.metadata.update(training_record(examples, engine))
    return classifier


def training_record(examples: Sequence[Example], engine: str) -> dict[str, Any]:
    """What a model card needs to know about its training: data hash, counts, versions, date."""
    import datetime as dt
    import platform
    from collections import Counter
    from importlib import metadata

    from minutes_nlp.corpus import corpus_sha256
    from minutes_nlp.themes.evaluation import example_fingerprint

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    libraries = {name: version(name) for name in ("minutes-nlp", "scikit-learn", "spacy", "numpy")}
    libraries["python"] = platform.python_version()
    return {
        "engine": engine,
        "trained_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "data_sha256": corpus_sha256(examples),
        "examples": len(examples),
        "documents": len({e.doc_id for e in examples}),
        "sources": dict(Counter(e.source or "unspecified" for e in examples)),
        "label_counts": dict(Counter(label for e in examples for label in e.labels)),
        "libraries": libraries,
        "training_fingerprints": sorted({example_fingerprint(e) for e in examples}),
    }


def load(path: str | Path) -> ThemeClassifier:
    """Load a model directory written by `save`, after checking every file against its manifest."""
    from minutes_nlp.themes import store

    directory = Path(path)
    if not directory.is_dir():
        raise ModelError("no such model directory", str(directory))
    store.verify_manifest(directory)
    spec = store.read_json(directory / "model.json")
    if not isinstance(spec, dict) or spec.get("format") != store.FORMAT:
        raise ModelError("model.json is not a minutes-nlp theme model", str(directory))
    if spec.get("format_version") != store.FORMAT_VERSION:
        raise ModelError(f"model format version {spec.get('format_version')} is not supported (expected {store.FORMAT_VERSION})", str(directory))
    engine = spec.get("engine")
    if engine == "linear":
        from minutes_nlp.themes.linear import LinearThemeClassifier

        return LinearThemeClassifier.from_directory(directory, spec)
    if engine == "spacy":
        from minutes_nlp.themes.spacy_textcat import SpacyThemeClassifier

        return SpacyThemeClassifier.from_directory(directory, spec)
    if engine == "ensemble":
        from minutes_nlp.themes.ensemble import EnsembleThemeClassifier

        return EnsembleThemeClassifier.from_directory(directory, spec)
    raise ModelError(f"unknown engine {engine!r} in model.json", str(directory))


def default_model_path() -> Path:
    """Where the shipped model is: inside the installed package, or models/ of a source checkout."""
    from minutes_nlp.themes.store import shipped_path

    path = shipped_path("models", DEFAULT_MODEL_NAME)
    if not path.is_dir():
        raise ModelError("the default theme model is not installed (reinstall the package, or pass a model directory)", str(path))
    return path


@functools.lru_cache(maxsize=1)
def default_model() -> ThemeClassifier:
    """The shipped model, loaded once."""
    return load(default_model_path())


def predict(text: str, topic: str | None = None, model: ThemeClassifier | None = None) -> list[Theme]:
    """Themes of one decision, best first (at least one)."""
    return (model or default_model()).predict([(text, topic)])[0]
