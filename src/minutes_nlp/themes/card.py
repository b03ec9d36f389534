"""Model cards: the README.md of a model directory, written from what training recorded."""

from __future__ import annotations

from pathlib import Path

from minutes_nlp.themes.base import ThemeClassifier
from minutes_nlp.themes.evaluation import Report

__all__ = ["model_card", "write_model_card"]


def model_card(classifier: ThemeClassifier, lodo: Report | None = None, notes: str | None = None) -> str:
    meta = classifier.metadata
    lines = [
        f"# Theme model: {classifier.engine} engine",
        "",
        "Multi-label theme classifier of decisions in Bangla meeting minutes (minutes-nlp).",
        "Load it with `minutes_nlp.themes.load(path)` or `minutes-nlp tag --model PATH`;",
        "every file except this card is checked against `manifest.json` before loading.",
        "",
        "## Labels and thresholds",
        "",
        "| label | threshold | training examples |",
        "|---|---|---|",
    ]
    counts = meta.get("label_counts", {})
    for label, threshold in zip(classifier.labels, classifier.thresholds, strict=True):
        lines.append(f"| `{label}` | {float(threshold):.3f} | {counts.get(label, 0)} |")
    sources = ", ".join(f"{n} {source}" for source, n in sorted(meta.get("sources", {}).items()))
    lines += [
        "",
        "## Training data",
        "",
        f"- examples: {meta.get('examples', '?')} ({sources}) from {meta.get('documents', '?')} documents",
        f"- data hash (sha256 over id, document, source, topic, text, labels): `{meta.get('data_sha256', '?')}`",
        f"- trained at: {meta.get('trained_at', '?')}",
        "- libraries: " + ", ".join(f"{name} {version}" for name, version in meta.get("libraries", {}).items() if version),
        "",
    ]
    if lodo is not None:
        lines += [
            "## Leave-one-document-out evaluation",
            "",
            "Each real document is predicted by a model trained on everything else (all authored",
            "examples and the other real documents); thresholds are tuned inside that training data.",
            "Pooled over the held-out documents:",
            "",
            "| label | precision | recall | F1 | support |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| `{s.label}` | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |" for s in lodo.labels]
        lines += [
            "",
            f"Micro-F1 **{lodo.micro_f1:.3f}** (P {lodo.micro_precision:.3f}, R {lodo.micro_recall:.3f}), "
            f"macro-F1 {lodo.macro_f1:.3f}, exact match {lodo.exact_match:.3f}, over {lodo.examples} decisions.",
            "",
        ]
        if lodo.errors:
            lines += ["Worst errors:", ""]
            for case in lodo.errors:
                lines.append(f"- `{case.id}`: gold {', '.join(case.gold)}; predicted {', '.join(case.predicted)}: {case.text}")
            lines.append("")
    if notes:
        lines += [notes.strip(), ""]
    return "\n".join(lines)


def write_model_card(directory: Path, classifier: ThemeClassifier, lodo: Report | None = None, notes: str | None = None) -> None:
    (Path(directory) / "README.md").write_text(model_card(classifier, lodo, notes), encoding="utf-8")
