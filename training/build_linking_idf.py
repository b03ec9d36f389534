"""Count how many decisions of the authored corpus hold each linking term: data/linking_idf.tsv.

The linker weighs terms by inverse document frequency from this table, so that
a pair scores the same whatever else is being linked. Only the authored corpus
is counted: the real minutes are what the linker is evaluated on.

    python training/build_linking_idf.py            # writes src/minutes_nlp/data/linking_idf.tsv
    python training/build_linking_idf.py --check    # exit 1 if the shipped table is stale
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from minutes_nlp.corpus import read_records
from minutes_nlp.linking.features import LinkLexicon
from minutes_nlp.linking.engine import directive_terms
from minutes_nlp.linking.records import directive_from_record

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/minutes_nlp/data/linking_idf.tsv"


def build(corpus: Path) -> str:
    lexicon = LinkLexicon.load()
    directives = [directive_from_record(r) for r in read_records([corpus]) if r.get("source", "authored") == "authored"]
    counts: Counter[str] = Counter()
    for terms in directive_terms(directives, lexicon):
        counts.update(set(terms))
    lines = [f"#documents\t{len(directives)}"] + [f"{term}\t{count}" for term, count in sorted(counts.items())]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus/authored")
    parser.add_argument("--check", action="store_true", help="compare with the shipped table instead of writing it")
    args = parser.parse_args()
    table = build(args.corpus)
    if args.check:
        same = OUT.read_text(encoding="utf-8") == table
        print("up to date" if same else f"stale: run python {Path(__file__).relative_to(ROOT)}")
        return 0 if same else 1
    OUT.write_text(table, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table.splitlines()) - 1} terms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
