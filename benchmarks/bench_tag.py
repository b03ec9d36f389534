"""Speed of the spine: warm throughput of `tag`, cold CLI wall time, import time.

Run after installing the project (see README):

    python benchmarks/bench_tag.py            # quick: medians of 5 runs
    python benchmarks/bench_tag.py --runs 11  # steadier

Targets (issue 2): >= 200 documents/s warm in one process, <= 1.5 s cold wall
time for `minutes-nlp tag` on one file, <= 0.3 s to `import minutes_nlp`.
All figures are medians over --runs repetitions.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "raw").glob("*.txt"))
TARGETS = {"docs_per_s_warm": (">=", 200.0), "cold_cli_s": ("<=", 1.5), "import_s": ("<=", 0.3)}


def warm_docs_per_second(runs: int) -> float:
    from minutes_nlp.pipeline import Tagger
    from minutes_nlp.reading import read_path

    tagger = Tagger()
    texts = [(p.stem, read_path(p)) for p in SEEDS]
    for doc_id, text in texts:  # warm-up
        tagger.tag_text(text, doc_id=doc_id)
    rates = []
    for _ in range(runs):
        start, n = time.perf_counter(), 0
        while time.perf_counter() - start < 1.0:
            for doc_id, text in texts:
                tagger.tag_text(text, doc_id=doc_id)
                n += 1
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates)


def cold_cli_seconds(runs: int) -> float:
    exe = shutil.which("minutes-nlp")
    command = [exe] if exe else [sys.executable, "-m", "minutes_nlp"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*command, "tag", str(SEEDS[0]), "--out", "/dev/null"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_seconds(runs: int) -> float:
    code = "import time; t = time.perf_counter(); import minutes_nlp; print(time.perf_counter() - t)"
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(runs)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = {
        "docs_per_s_warm": warm_docs_per_second(args.runs),
        "cold_cli_s": cold_cli_seconds(args.runs),
        "import_s": import_seconds(args.runs),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            op, target = TARGETS[name]
            ok = value >= target if op == ">=" else value <= target
            print(f"{name:18} {value:10.3f}   target {op} {target:<6} {'ok' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
