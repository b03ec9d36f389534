"""Scoring theme predictions: per-label precision/recall/F1, micro and macro F1, worst errors.

Two protocols:

* `evaluate(model, examples)`: a trained model on a labelled corpus. The
  report says how many of the examples the model was trained on (their
  hashes are in its metadata), because such figures are not held-out.
* `cross_validate(examples, engine)`: leave-one-document-out over the real
  documents: for each real document, train on every other example (all
  authored data plus the other real documents) and predict the held-out
  one; the pooled predictions are scored. Authored examples are never
  tested.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from minutes_nlp.corpus import REAL, Example
from minutes_nlp.model import Theme
from minutes_nlp.themes.base import ThemeClassifier, labels_of

__all__ = ["LabelScore", "ErrorCase", "Report", "score", "evaluate", "cross_validate", "example_fingerprint", "format_report"]


@dataclass(slots=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(slots=True)
class ErrorCase:
    id: str
    text: str
    gold: list[str]
    predicted: list[str]
    missed: list[str]
    extra: list[str]
    scores: dict[str, float]


@dataclass(slots=True)
class Report:
    examples: int
    labels: list[LabelScore]
    micro_precision: float
    micro_recall: float
    micro_f1: float
    macro_f1: float
    exact_match: float
    errors: list[ErrorCase] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def label(self, name: str) -> LabelScore:
        return next(s for s in self.labels if s.label == name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(
    examples: Sequence[Example],
    predictions: Sequence[Sequence[Theme]],
    labels: Sequence[str] | None = None,
    worst: int = 10,
) -> Report:
    """Compare predicted themes with the gold labels of `examples`."""
    labels = list(labels) if labels is not None else labels_of(examples)
    for themes in predictions:
        labels.extend(t.label for t in themes if t.label not in labels)
    per_label: list[LabelScore] = []
    totals = np.zeros(3, dtype=int)
    for label in labels:
        tp = fp = fn = 0
        for example, themes in zip(examples, predictions, strict=True):
            gold, predicted = label in example.labels, any(t.label == label for t in themes)
            tp += gold and predicted
            fp += predicted and not gold
            fn += gold and not predicted
        precision, recall, f1 = _f1(tp, fp, fn)
        per_label.append(LabelScore(label, round(precision, 4), round(recall, 4), round(f1, 4), tp + fn, tp + fp))
        totals += (tp, fp, fn)
    micro_p, micro_r, micro_f1 = _f1(*map(int, totals))
    scored = [s for s in per_label if s.support > 0 or s.predicted > 0]
    macro = float(np.mean([s.f1 for s in scored])) if scored else 0.0
    exact = float(np.mean([set(e.labels) == {t.label for t in p} for e, p in zip(examples, predictions, strict=True)])) if examples else 0.0
    return Report(
        examples=len(examples), labels=per_label,
        micro_precision=round(micro_p, 4), micro_recall=round(micro_r, 4), micro_f1=round(micro_f1, 4),
        macro_f1=round(macro, 4), exact_match=round(exact, 4),
        errors=_worst_errors(examples, predictions, worst),
    )


def _worst_errors(examples: Sequence[Example], predictions: Sequence[Sequence[Theme]], worst: int) -> list[ErrorCase]:
    """Wrong decisions, most confident mistakes first (labels wrong, then score of the wrong label)."""
    cases: list[tuple[float, ErrorCase]] = []
    for example, themes in zip(examples, predictions, strict=True):
        gold, predicted = set(example.labels), {t.label for t in themes}
        if gold == predicted:
            continue
        missed, extra = sorted(gold - predicted), sorted(predicted - gold)
        confidence = max((t.score for t in themes if t.label in extra), default=0.0)
        case = ErrorCase(example.id, example.text, sorted(gold), [t.label for t in themes], missed, extra, {t.label: t.score for t in themes})
        cases.append((len(missed) + len(extra) + confidence, case))
    cases.sort(key=lambda pair: -pair[0])
    return [case for _, case in cases[:worst]]


def example_fingerprint(example: Example) -> str:
    """Identifies a training text (whitespace-insensitive) without storing it."""
    return hashlib.sha256(" ".join(f"{example.topic or ''} {example.text}".split()).encode("utf-8")).hexdigest()[:16]


def evaluate(model: ThemeClassifier, examples: Sequence[Example], worst: int = 10) -> Report:
    """Score a trained model on labelled examples."""
    predictions = model.predict(list(examples))
    report = score(examples, predictions, labels=model.labels, worst=worst)
    trained_on = set(model.metadata.get("training_fingerprints", []))
    seen = sum(example_fingerprint(e) in trained_on for e in examples)
    if seen:
        report.notes.append(f"{seen} of {len(examples)} examples were in this model's training data: these figures are not held-out (use --lodo).")
    return report


def cross_validate(
    examples: Sequence[Example],
    engine: str = "linear",
    labels: Sequence[str] | None = None,
    test_source: str = REAL,
    worst: int = 10,
    on_fold: Callable[[int, int, str], None] | None = None,
    **config: Any,
) -> tuple[Report, list[list[Theme]]]:
    """Leave-one-document-out over the documents whose source is `test_source`.

    Returns the pooled report and the predictions for the tested examples (in
    the order of `examples` filtered by source).
    """
    from minutes_nlp.themes import train

    labels = labels_of(examples, labels)
    tested = [e for e in examples if e.source == test_source]
    documents = list(dict.fromkeys(e.doc_id for e in tested))
    if len(documents) < 2:
        raise ValueError(f"leave-one-document-out needs at least two documents with source {test_source!r}; found {len(documents)}")
    predictions: dict[str, list[Theme]] = {}
    for fold, document in enumerate(documents):
        if on_fold:
            on_fold(fold, len(documents), document)
        training = [e for e in examples if e.doc_id != document]
        held_out = [e for e in tested if e.doc_id == document]
        model = train(training, engine=engine, labels=labels, **config)
        for example, themes in zip(held_out, model.predict(held_out), strict=True):
            predictions[example.id] = themes
    pooled = [predictions[e.id] for e in tested]
    report = score(tested, pooled, labels=labels, worst=worst)
    report.notes.append(f"leave-one-document-out over {len(documents)} {test_source} documents; {len(examples) - len(tested)} other examples always in training")
    return report, pooled


def format_report(report: Report, errors: int = 10) -> str:
    """The report as a plain-text table."""
    lines = [f"{'label':<20} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8} {'predicted':>9}"]
    for s in report.labels:
        lines.append(f"{s.label:<20} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8d} {s.predicted:>9d}")
    lines.append("")
    lines.append(
        f"examples {report.examples}   micro P {report.micro_precision:.3f}  R {report.micro_recall:.3f}  "
        f"F1 {report.micro_f1:.3f}   macro F1 {report.macro_f1:.3f}   exact match {report.exact_match:.3f}"
    )
    for note in report.notes:
        lines.append(f"note: {note}")
    if report.errors and errors:
        lines.append("")
        lines.append("worst errors:")
        for case in report.errors[:errors]:
            text = case.text if len(case.text) <= 160 else case.text[:157] + "…"
            lines.append(f"- {case.id}: gold {','.join(case.gold) or '-'}; predicted {','.join(case.predicted) or '-'}")
            lines.append(f"  {text}")
    return "\n".join(lines)
