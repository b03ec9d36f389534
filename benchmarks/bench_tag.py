"""Speed of tagging: documents and single decisions per second, cold CLI, import, retraining.

Run after installing the project (see README):

    python benchmarks/bench_tag.py            # quick: medians of 5 runs
    python benchmarks/bench_tag.py --runs 11  # steadier

Targets: >= 200 documents/s warm in one process, <= 1.5 s cold wall time for
`minutes-nlp tag` on one file, <= 0.3 s to `import minutes_nlp` (issue 2);
>= 1,000 decisions/s warm for `tag_decision` on one core, <= 60 s to retrain
the default theme model on two cores (issue 3). All figures are medians over
--runs repetitions. Run it with `taskset -c 0` to hold the process to one core
(retraining is timed in a child process allowed two cores).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "raw").glob("*.txt"))
CORPUS = [REPO / "corpus" / "real", REPO / "corpus" / "authored"]
TARGETS = {
    "docs_per_s_warm": (">=", 200.0),
    "decisions_per_s_warm": (">=", 1000.0),
    "cold_cli_s": ("<=", 1.5),
    "import_s": ("<=", 0.3),
    "retrain_default_s": ("<=", 60.0),
}


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


def warm_decisions_per_second(runs: int) -> float:
    """`tag_decision` over the corpus's distinct decision texts (each pass sees each text once)."""
    from minutes_nlp.corpus import read_examples
    from minutes_nlp.pipeline import Tagger

    tagger = Tagger()
    items = [(e.text, e.topic) for e in read_examples(CORPUS)]
    tagger.tag_decision(*items[0][:1])  # load the model
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for text, topic in items:
            tagger.tag_decision(text, topic=topic)
        rates.append(len(items) / (time.perf_counter() - start))
    return statistics.median(rates)


def retrain_seconds(runs: int) -> float:
    """`minutes-nlp train` of the default model's corpus, in a child process (two cores where available)."""
    exe = shutil.which("minutes-nlp")
    command = [exe] if exe else [sys.executable, "-m", "minutes_nlp"]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(max(1, runs // 2)):
            start = time.perf_counter()
            subprocess.run([*command, "train", *map(str, CORPUS), "--out", f"{tmp}/m", "--force"], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        "decisions_per_s_warm": warm_decisions_per_second(args.runs),
        "cold_cli_s": cold_cli_seconds(args.runs),
        "import_s": import_seconds(args.runs),
        "retrain_default_s": retrain_seconds(args.runs),
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
