"""Speed of deadline extraction: minutes_nlp.deadlines.extract against dateparser's search_dates.

Run after installing the project and dateparser (`pip install dateparser`):

    python benchmarks/bench_deadlines.py                    # medians of 5 passes
    taskset -c 0 python benchmarks/bench_deadlines.py --runs 11 --json out.json
    python benchmarks/bench_deadlines.py --limit 50 --runs 2  # quick look

Both systems see the same sentences in one process: every decision text of
corpus/real and corpus/authored, each with its meeting date, timed one call at
a time with `time.perf_counter`:

* (a) `minutes_nlp.deadlines.extract(text, meeting_date)`;
* (b) `dateparser.search.search_dates(text, languages=["bn"],
  settings={"RELATIVE_BASE": <meeting date, 00:00>})`.

Cold start is reported on its own: the import of each module and its first
call (which builds our extractor: tokenizer, matchers, word lists; or loads
dateparser's Bangla language data). One untimed pass over all sentences then
warms both up (word-level caches filled, as in a long-running process). After
that, --runs passes alternate between the systems; the figures are the median
seconds per pass, the median over sentences of each sentence's median time
(microseconds), sentences per second (sentences / median pass), and the speed
ratio dateparser / minutes_nlp. Acceptance target: ours >= 5x faster. Run it
with `taskset -c 0` to hold the process to one core.

The authored sentences are team-written development data, used here only as
extra text to time; speed does not depend on the labels, and no quality figure
comes out of this script (see compare_dateparser.py for that). Nothing is
downloaded: dateparser's language data ships with the package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "corpus" / "real", REPO / "corpus" / "authored"]
TARGET_RATIO = 5.0

Sentence = tuple[str, dt.date]
Call = Callable[[str, dt.date], Any]


def read_sentences(limit: int | None) -> list[Sentence]:
    sentences: list[Sentence] = []
    for directory in CORPUS:
        for path in sorted(directory.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    sentences.append((row["text"], dt.date.fromisoformat(row["meeting_date"])))
    return sentences[:limit] if limit else sentences


def load_ours() -> tuple[Call, float]:
    """The call under test, and the seconds its import took."""
    start = time.perf_counter()
    from minutes_nlp.deadlines import extract

    return (lambda text, day: extract(text, day)), time.perf_counter() - start


def load_dateparser() -> tuple[Call, float]:
    start = time.perf_counter()
    from dateparser.search import search_dates

    def call(text: str, day: dt.date) -> Any:
        return search_dates(text, languages=["bn"], settings={"RELATIVE_BASE": dt.datetime.combine(day, dt.time())})

    return call, time.perf_counter() - start


def first_call_seconds(call: Call, sentence: Sentence) -> float:
    start = time.perf_counter()
    call(*sentence)
    return time.perf_counter() - start


def timed_pass(call: Call, sentences: list[Sentence]) -> tuple[float, list[float]]:
    """Wall seconds of one pass over all sentences, and each sentence's seconds."""
    gc.collect()
    each = []
    start = time.perf_counter()
    for text, day in sentences:
        t0 = time.perf_counter()
        call(text, day)
        each.append(time.perf_counter() - t0)
    return time.perf_counter() - start, each


def summarise(passes: list[tuple[float, list[float]]], n: int) -> dict[str, float]:
    pass_s = statistics.median(p for p, _ in passes)
    per_sentence = [statistics.median(run[i] for _, run in passes) for i in range(n)]
    return {
        "median_pass_s": pass_s,
        "median_sentence_us": statistics.median(per_sentence) * 1e6,
        "p90_sentence_us": statistics.quantiles(per_sentence, n=10)[-1] * 1e6 if n >= 2 else per_sentence[0] * 1e6,
        "max_sentence_us": max(per_sentence) * 1e6,
        "sentences_per_s": n / pass_s,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed passes over all sentences per system (default 5)")
    parser.add_argument("--limit", type=int, default=None, help="time only the first N sentences")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()

    sentences = read_sentences(args.limit)
    if not sentences:
        print("no sentences to time", file=sys.stderr)
        return 1
    systems: dict[str, Call] = {}
    cold: dict[str, dict[str, float]] = {}
    for name, load in (("minutes_nlp", load_ours), ("dateparser", load_dateparser)):
        call, import_s = load()
        systems[name] = call
        cold[name] = {"import_s": import_s, "first_call_s": first_call_seconds(call, sentences[0])}
    for call in systems.values():  # warm-up pass, untimed
        for text, day in sentences:
            call(text, day)

    passes: dict[str, list[tuple[float, list[float]]]] = {name: [] for name in systems}
    for _ in range(args.runs):
        for name, call in systems.items():
            passes[name].append(timed_pass(call, sentences))
    warm = {name: summarise(runs, len(sentences)) for name, runs in passes.items()}
    ratio_pass = warm["dateparser"]["median_pass_s"] / warm["minutes_nlp"]["median_pass_s"]
    ratio_sentence = warm["dateparser"]["median_sentence_us"] / warm["minutes_nlp"]["median_sentence_us"]

    import dateparser

    print(f"{len(sentences)} sentences, {args.runs} passes each; dateparser {dateparser.__version__}, Python {sys.version.split()[0]}")
    print("\ncold start (s)      import    first call")
    for name, c in cold.items():
        print(f"{name:16} {c['import_s']:9.3f} {c['first_call_s']:12.3f}")
    print("\nwarm             pass (s)  median/sentence (µs)  p90 (µs)   max (µs)  sentences/s")
    for name, w in warm.items():
        print(
            f"{name:16} {w['median_pass_s']:8.4f} {w['median_sentence_us']:21.1f} {w['p90_sentence_us']:9.1f} "
            f"{w['max_sentence_us']:10.1f} {w['sentences_per_s']:12.1f}"
        )
    verdict = "ok" if ratio_pass >= TARGET_RATIO else "MISSED"
    print(f"\nspeed ratio dateparser/ours: {ratio_pass:.1f}x per pass, {ratio_sentence:.1f}x per median sentence   target >= {TARGET_RATIO}x {verdict}")

    if args.json:
        figures = {
            "sentences": len(sentences),
            "runs": args.runs,
            "dateparser_version": dateparser.__version__,
            "python": sys.version.split()[0],
            "cold": cold,
            "warm": warm,
            "ratio_dateparser_over_ours_pass": ratio_pass,
            "ratio_dateparser_over_ours_median_sentence": ratio_sentence,
            "target_ratio": TARGET_RATIO,
            "target_met": ratio_pass >= TARGET_RATIO,
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
