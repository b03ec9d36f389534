"""Deadline extraction quality: minutes_nlp.deadlines against dateparser's `search_dates`.

Run after installing the project and dateparser (`pip install dateparser`):

    python benchmarks/compare_dateparser.py                      # both splits
    python benchmarks/compare_dateparser.py --split real --json out.json

Every decision text of the labelled corpus goes, with its meeting date, to

* `minutes_nlp.deadlines.extract(text, meeting_date)`;
* `dateparser.search.search_dates(text, languages=["bn"], settings={"RELATIVE_BASE":
  <meeting date, 00:00>, "PREFER_DATES_FROM": "future"})`, and the same with
  `languages=["bn", "en"]`. Each (substring, datetime) pair it returns becomes
  the prediction ("absolute", date.isoformat()): dateparser has no notion of
  recurring, relative or vague deadlines.

Scores are micro-averaged over all decisions; within a decision, predictions
and gold deadlines are matched as multisets (`Counter` intersection):

* strict P/R/F1 on (kind, value), all four kinds; per-kind recall;
* date-only P/R/F1: gold absolute and relative deadlines whose value is an ISO
  date, compared by value only (kind ignored). For dateparser every returned
  date is a prediction; for minutes_nlp its absolute/relative ISO-valued ones.
  This is the fair comparison: it only asks for what dateparser can produce;
* spurious: predicted dates not in the decision's gold dates (the date-only
  false positives), and off-span: hits whose text overlaps no gold deadline at
  all, i.e. dates found in text that is not a deadline.

The two splits are reported separately. `corpus/real` (51 decisions from five
real minutes) is the test figure. `corpus/authored` is team-written training
and development data: its figures are development-only (the extractor's rules
were written looking at it) and must never be reported as a test result.

Nothing is downloaded at run time: dateparser's language data ships with the
package, the script passes `languages=` so no language-detection model is
needed, and any attempt to open a network connection aborts the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import socket
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SPLITS = {"real": REPO / "corpus" / "real", "authored": REPO / "corpus" / "authored"}
KINDS = ("absolute", "recurring", "relative", "vague")
DATE_KINDS = ("absolute", "relative")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATEPARSER_CONFIGS = {"dateparser[bn]": ["bn"], "dateparser[bn+en]": ["bn", "en"]}
OURS = "minutes_nlp"

Pair = tuple[str, str]  # (kind, value)


def forbid_network() -> None:
    """Make any socket connection fail loudly, so a silent download cannot happen."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("network access attempted during the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


@dataclass(slots=True)
class Decision:
    id: str
    text: str
    meeting_date: dt.date
    gold: list[dict[str, Any]]


@dataclass(slots=True)
class Prediction:
    pairs: list[Pair]
    dates: list[str]  # the ISO dates used for the date-only score
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (text, start, end) of each date hit


def read_split(directory: Path) -> list[Decision]:
    decisions = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            decisions.append(Decision(row["id"], row["text"], dt.date.fromisoformat(row["meeting_date"]), row.get("deadlines") or []))
    return decisions


def gold_dates(decision: Decision) -> list[str]:
    return [d["value"] for d in decision.gold if d["kind"] in DATE_KINDS and ISO_DATE.fullmatch(d["value"])]


def predict_ours(decision: Decision) -> Prediction:
    from minutes_nlp.deadlines import extract

    found = extract(decision.text, decision.meeting_date)
    dated = [d for d in found if d.kind in DATE_KINDS and ISO_DATE.fullmatch(d.value)]
    return Prediction([(d.kind, d.value) for d in found], [d.value for d in dated], [(d.text, d.start, d.end) for d in dated])


def dateparser_predictor(languages: list[str]) -> Callable[[Decision], Prediction]:
    from dateparser.search import search_dates

    def predict(decision: Decision) -> Prediction:
        base = dt.datetime.combine(decision.meeting_date, dt.time())
        hits = search_dates(decision.text, languages=languages, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"})
        spans, cursor = [], 0
        for substring, _ in hits or []:
            start = decision.text.find(substring, cursor)
            if start < 0:  # not found after the previous hit: take its first occurrence
                start = decision.text.find(substring)
            end = start + len(substring) if start >= 0 else -1
            spans.append((substring, start, end))
            cursor = max(cursor, end)
        dates = [when.date().isoformat() for _, when in hits or []]
        return Prediction([("absolute", d) for d in dates], dates, spans)

    return predict


def overlap(span: tuple[str, int, int], gold: Iterable[dict[str, Any]]) -> bool:
    _, start, end = span
    return start >= 0 and any(start < g["end"] and g["start"] < end for g in gold)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(decisions: list[Decision], predict: Callable[[Decision], Prediction]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Micro scores of one system on one split, and its spurious date hits (for inspection)."""
    strict = Counter()  # tp, pred, gold
    kind_tp, kind_gold = Counter(), Counter()
    dates = Counter()
    off_span = 0
    spurious_hits: list[dict[str, Any]] = []
    for decision in decisions:
        pred = predict(decision)
        gold_pairs = Counter((d["kind"], d["value"]) for d in decision.gold)
        matched = Counter(pred.pairs) & gold_pairs
        strict.update(tp=sum(matched.values()), pred=len(pred.pairs), gold=sum(gold_pairs.values()))
        for (kind, _), n in matched.items():
            kind_tp[kind] += n
        for kind, _ in gold_pairs.elements():
            kind_gold[kind] += 1
        gold_d, pred_d = Counter(gold_dates(decision)), Counter(pred.dates)
        dates.update(tp=sum((gold_d & pred_d).values()), pred=len(pred.dates), gold=len(gold_dates(decision)))
        extra = pred_d - gold_d
        for span, value in zip(pred.spans, pred.dates, strict=True):
            if not overlap(span, decision.gold):
                off_span += 1
            if extra[value] > 0:
                extra[value] -= 1
                spurious_hits.append({"id": decision.id, "text": span[0], "date": value, "off_span": not overlap(span, decision.gold)})
    result = {
        "decisions": len(decisions),
        "gold": strict["gold"],
        "predicted": strict["pred"],
        "strict": prf(strict["tp"], strict["pred"], strict["gold"]),
        "recall_by_kind": {k: (kind_tp[k] / kind_gold[k] if kind_gold[k] else None) for k in KINDS},
        "gold_by_kind": {k: kind_gold[k] for k in KINDS},
        "date_only": {**prf(dates["tp"], dates["pred"], dates["gold"]), "gold": dates["gold"], "predicted": dates["pred"]},
        "spurious_dates": dates["pred"] - dates["tp"],
        "off_span_hits": off_span,
    }
    return result, spurious_hits


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def markdown(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    label = {"real": "real", "authored": "authored (dev only)"}
    lines = [
        "| split | system | strict P | strict R | strict F1 | date-only P | date-only R | date-only F1 | date hits | spurious | off-span |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for split, systems in results.items():
        for name, r in systems.items():
            s, d = r["strict"], r["date_only"]
            lines.append(
                f"| {label[split]} | {name} | {fmt(s['precision'])} | {fmt(s['recall'])} | {fmt(s['f1'])} | "
                f"{fmt(d['precision'])} | {fmt(d['recall'])} | {fmt(d['f1'])} | {d['predicted']} | {r['spurious_dates']} | {r['off_span_hits']} |"
            )
    lines += ["", "Recall by kind (strict, kind and value), gold counts in brackets:", ""]
    lines += ["| split | system | " + " | ".join(KINDS) + " |", "|---|---|" + "---:|" * len(KINDS)]
    for split, systems in results.items():
        for name, r in systems.items():
            cells = [f"{fmt(r['recall_by_kind'][k])} ({r['gold_by_kind'][k]})" for k in KINDS]
            lines.append(f"| {label[split]} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["real", "authored", "both"], default="both")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write the figures (and dateparser's spurious hits) as JSON")
    parser.add_argument("--examples", type=int, default=10, help="spurious dateparser hits to list per split (default 10)")
    args = parser.parse_args()

    forbid_network()
    import dateparser

    splits = ["real", "authored"] if args.split == "both" else [args.split]
    systems: dict[str, Callable[[Decision], Prediction]] = {OURS: predict_ours}
    systems.update({name: dateparser_predictor(langs) for name, langs in DATEPARSER_CONFIGS.items()})
    print(f"dateparser {dateparser.__version__}, Python {sys.version.split()[0]}")
    print('settings: RELATIVE_BASE = meeting date 00:00, PREFER_DATES_FROM = "future"\n')

    results: dict[str, dict[str, dict[str, Any]]] = {}
    spurious: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for split in splits:
        decisions = read_split(SPLITS[split])
        results[split], spurious[split] = {}, {}
        for name, predict in systems.items():
            results[split][name], spurious[split][name] = score(decisions, predict)

    print(markdown(results))
    for split in splits:
        for name in DATEPARSER_CONFIGS:
            hits = spurious[split][name]
            if not hits:
                continue
            common = Counter(h["text"] for h in hits).most_common(args.examples)
            shown = ", ".join(f"{text!r}×{n}" for text, n in common)
            print(f"\n{name} on {split}: {len(hits)} spurious dates; most frequent matched texts: {shown}")

    if args.json:
        payload = {
            "dateparser_version": dateparser.__version__,
            "dateparser_settings": {"RELATIVE_BASE": "meeting date 00:00", "PREFER_DATES_FROM": "future"},
            "dateparser_languages": DATEPARSER_CONFIGS,
            "note": "authored is team-written development data: never a test figure",
            "results": results,
            "spurious_hits": {split: {name: spurious[split][name] for name in systems} for split in splits},
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
