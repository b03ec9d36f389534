"""What each pipeline component costs: documents/s of the tagger with and without it.

Run after installing the project (see README):

    taskset -c 0 python benchmarks/bench_components.py            # medians of 11 rounds
    taskset -c 0 python benchmarks/bench_components.py --rounds 21

One process builds a `Tagger` for the parser alone, for each prefix of the
default pipeline (`themes`, `themes + deadlines`, …) and for the default
pipeline without each of its components, warms them on the five seed minutes,
then times them in interleaved rounds (each round tags the seeds 4 times with
every tagger in turn), so that a slow spell of a shared machine hits all of
them alike. Figures: median documents/s per tagger, and each component's cost
as the difference of median milliseconds per document with and without it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from minutes_nlp.pipeline import Tagger, default_component_names

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "raw").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=11, help="interleaved timing rounds (median reported)")
    args = parser.parse_args()

    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in SEEDS]
    names = default_component_names()
    setups = {"parse only": []} | {" + ".join(names[: k + 1]): names[: k + 1] for k in range(len(names))}
    setups |= {f"all without {name}": [n for n in names if n != name] for name in names if len(names) > 1}
    taggers = {label: Tagger(components=components) for label, components in setups.items()}
    for tagger in taggers.values():
        for doc_id, text in texts:
            tagger.tag_text(text, doc_id=doc_id)
    seconds: dict[str, list[float]] = {label: [] for label in taggers}
    for _ in range(args.rounds):
        for label, tagger in taggers.items():
            start = time.perf_counter()
            for _ in range(4):
                for doc_id, text in texts:
                    tagger.tag_text(text, doc_id=doc_id)
            seconds[label].append((time.perf_counter() - start) / (4 * len(texts)))
    median = {label: statistics.median(values) for label, values in seconds.items()}
    for label, value in median.items():
        print(f"{label:40} {1 / value:8.1f} documents/s  {1000 * value:6.2f} ms/document")
    everything = median[" + ".join(names)]
    for name in names:
        without = median.get(f"all without {name}")
        if without is not None:
            print(f"cost of {name:31} {1000 * (everything - without):+6.2f} ms/document ({(everything / without - 1) * 100:+.0f} %)")


if __name__ == "__main__":
    main()
