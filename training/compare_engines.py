"""Compare the theme engines leave-one-document-out on the real documents.

    python training/compare_engines.py                      # linear, logistic, spacy, ensemble
    python training/compare_engines.py --engines linear     # a subset

For each engine: train on all authored examples plus four real documents, test
on the fifth, pool the predictions over the five real documents (authored
examples are never tested). Also times one training on the whole corpus and
the warm prediction speed. Writes training/comparison.json and prints a
Markdown table (quoted in the default model's card). Slow: the spaCy engines
train ten times each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from minutes_nlp import themes
from minutes_nlp.corpus import read_examples
from minutes_nlp.themes.evaluation import cross_validate

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "corpus" / "real", REPO / "corpus" / "authored"]
FOCUS = ("e_nothi", "portal_update", "training", "innovation")
# name -> (engine, settings)
CANDIDATES = {
    "linear": ("linear", {}),
    "logistic": ("linear", {"loss": "logistic", "C": 10.0}),
    "spacy": ("spacy", {}),
    "ensemble": ("ensemble", {}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", nargs="*", default=list(CANDIDATES), choices=list(CANDIDATES))
    parser.add_argument("--out", type=Path, default=REPO / "training" / "comparison.json")
    args = parser.parse_args()
    examples = read_examples(CORPUS)
    results = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    for name in args.engines:
        engine, settings = CANDIDATES[name]
        started = time.perf_counter()
        report, _ = cross_validate(examples, engine, on_fold=lambda i, n, doc, name=name: print(f"{name}: fold {i + 1}/{n} ({doc})", flush=True), **settings)
        lodo_seconds = time.perf_counter() - started
        started = time.perf_counter()
        model = themes.train(examples, engine=engine, **settings)
        train_seconds = time.perf_counter() - started
        sample = [(e.text, e.topic) for e in examples[:200]]
        rates = []
        for _ in range(3):
            started = time.perf_counter()
            for item in sample:
                model.predict([item])
            rates.append(len(sample) / (time.perf_counter() - started))
        results[name] = {
            "engine": engine, "settings": settings,
            "micro_f1": report.micro_f1, "macro_f1": report.macro_f1, "exact_match": report.exact_match,
            "per_label_f1": {s.label: s.f1 for s in report.labels},
            "train_seconds": round(train_seconds, 1), "lodo_seconds": round(lodo_seconds, 1),
            "decisions_per_second": round(statistics.median(rates)),
        }
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(results[name]), flush=True)
    print()
    print("| engine | micro-F1 | macro-F1 | " + " | ".join(FOCUS) + " | training (s) | decisions/s |")
    print("|---|---|---|" + "---|" * len(FOCUS) + "---|---|")
    for name, r in results.items():
        focus = " | ".join(f"{r['per_label_f1'][label]:.3f}" for label in FOCUS)
        print(f"| {name} | {r['micro_f1']:.3f} | {r['macro_f1']:.3f} | {focus} | {r['train_seconds']} | {r['decisions_per_second']} |")


if __name__ == "__main__":
    main()
