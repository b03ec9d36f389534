"""Speed of implementer extraction: decisions per second, warm, one process.

Run after installing the project (see README):

    python benchmarks/bench_roles.py                 # medians of 5 passes
    taskset -c 0 python benchmarks/bench_roles.py --runs 11 --json out.json

Every decision of corpus/real and corpus/authored (747: its text, implementer
cell and meeting district) goes through
`minutes_nlp.roles.default_extractor().from_decision(...)`, one call at a time.
Building the extractor (tokenizer, PhraseMatcher over every role form and
place name) is timed on its own as the cold start; one untimed pass then warms
the word cache. Two figures, medians over --runs passes:

* `uncached`: the cell cache is emptied before every pass, so every cell is
  read from scratch (a stream of cells never seen before). This is the figure
  against the target;
* `cached`: the cache is kept, as in a long run over one office's minutes,
  whose implementer cells repeat.

Acceptance target: >= 2,000 decisions/s warm on one core (`taskset -c 0`).
The authored decisions are team-written text used here only as more text to
time; no quality figure comes out of this script.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "corpus" / "real", REPO / "corpus" / "authored"]
TARGET = 2000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed passes (median reported)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    from minutes_nlp.corpus import read_records

    records = read_records(CORPUS)
    start = time.perf_counter()
    from minutes_nlp import roles

    extractor = roles.default_extractor()
    cold = time.perf_counter() - start

    def one_pass(clear: bool) -> float:
        if clear:
            extractor._cells.clear()  # noqa: SLF001 - the benchmark measures the uncached path on purpose
        begin = time.perf_counter()
        for r in records:
            extractor.from_decision(r["text"], r.get("implementer_text"), district=r.get("district"))
        return time.perf_counter() - begin

    one_pass(clear=True)
    uncached = statistics.median(one_pass(clear=True) for _ in range(args.runs))
    cached = statistics.median(one_pass(clear=False) for _ in range(args.runs))
    figures = {
        "decisions": len(records),
        "cold_build_s": round(cold, 3),
        "uncached_s_per_pass": round(uncached, 4),
        "uncached_decisions_per_s": round(len(records) / uncached),
        "cached_decisions_per_s": round(len(records) / cached),
        "target_decisions_per_s": TARGET,
    }
    verdict = "ok" if figures["uncached_decisions_per_s"] >= TARGET else "MISSED"
    print(f"decisions               {len(records)}")
    print(f"cold build              {cold:.3f} s (imports, tokenizer, matcher)")
    print(f"uncached, warm          {figures['uncached_decisions_per_s']:>8,} decisions/s   target >= {TARGET:,.0f} {verdict}")
    print(f"cached cells, warm      {figures['cached_decisions_per_s']:>8,} decisions/s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
