"""Scoring families against annotated ones, calibrating the threshold, and the plain-LSH baseline.

Pairwise precision and recall count pairs of decisions put in one family
(a family of n members holds n(n-1)/2 pairs); decisions with no annotated
family are families of one. The adjusted Rand index compares the partitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from minutes_nlp.linking.engine import Candidates, Linker
from minutes_nlp.metrics import Score
from minutes_nlp.model import Directive, Links

DEFAULT_GRID = tuple(round(x, 2) for x in np.arange(0.10, 0.81, 0.01))
CALIBRATION_WINDOW = 2  # grid steps on either side of a threshold whose F1 counts with its own


@dataclass(slots=True)
class LinkReport:
    """Scores of one linking run against annotated families."""

    pairs: Score
    ari: float
    threshold: float
    decisions: int
    gold_families: int
    predicted_families: int
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    """(a, b, "missed" | "extra") pairs, for reading the errors."""

    def to_dict(self) -> dict[str, object]:
        return {
            "precision": round(self.pairs.precision, 4),
            "recall": round(self.pairs.recall, 4),
            "f1": round(self.pairs.f1, 4),
            "ari": round(self.ari, 4),
            "tp": self.pairs.tp,
            "fp": self.pairs.fp,
            "fn": self.pairs.fn,
            "threshold": self.threshold,
            "decisions": self.decisions,
            "gold_families": self.gold_families,
            "predicted_families": self.predicted_families,
        }


def labels(ids: Sequence[str], families: Iterable[Iterable[str]]) -> list[str]:
    """A family label per id; ids in no family get their own label."""
    of: dict[str, str] = {}
    for k, family in enumerate(families):
        for member in family:
            of[member] = f"f{k}"
    return [of.get(i, f"single:{i}") for i in ids]


def score(ids: Sequence[str], gold: Sequence[str], predicted: Sequence[str], *, only: set[str] | None = None) -> Score:
    """Pairwise counts; with `only`, just the pairs that involve one of those ids."""
    result = Score()
    for (a, ga, pa), (b, gb, pb) in combinations(zip(ids, gold, predicted, strict=True), 2):
        if only is not None and a not in only and b not in only:
            continue
        same_gold, same_predicted = ga == gb, pa == pb
        result.tp += same_gold and same_predicted
        result.fp += same_predicted and not same_gold
        result.fn += same_gold and not same_predicted
    return result


def adjusted_rand(gold: Sequence[str], predicted: Sequence[str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(gold, predicted))


def gold_labels(directives: Sequence[Directive], family: dict[str, str | None]) -> list[str]:
    return [family.get(d.id) or f"single:{d.id}" for d in directives]


def evaluate(links: Links, directives: Sequence[Directive], family: dict[str, str | None], *, errors: bool = True) -> LinkReport:
    """Score `links` (made from `directives`) against the annotated `family` of each id."""
    ids = [d.id for d in directives]
    gold = gold_labels(directives, family)
    predicted = labels(ids, ([m.id for m in f.members] for f in links.families))
    report = LinkReport(
        pairs=score(ids, gold, predicted),
        ari=adjusted_rand(gold, predicted),
        threshold=links.threshold,
        decisions=len(ids),
        gold_families=len({g for g in gold if not g.startswith("single:")}),
        predicted_families=len(links.families),
    )
    if errors:
        for (a, ga, pa), (b, gb, pb) in combinations(zip(ids, gold, predicted, strict=True), 2):
            if ga == gb and pa != pb:
                report.wrong.append((a, b, "missed"))
            elif pa == pb and ga != gb:
                report.wrong.append((a, b, "extra"))
    return report


def calibrate(
    linker: Linker,
    groups: Sequence[Sequence[Directive] | Candidates],
    family: dict[str, str | None],
    grid: Sequence[float] = DEFAULT_GRID,
    window: int = CALIBRATION_WINDOW,
) -> tuple[float, Score]:
    """The threshold of the grid whose neighbourhood has the best pooled pairwise F1 (ties: the higher threshold).

    The pooled F1 is averaged over each threshold and the `window` grid points
    on either side: one pair can merge two families and drop the F1 from one
    step to the next, and a cut chosen at such an edge falls off it on other
    data. Each group (a corpus annotated on its own, e.g. the real minutes and
    an authored set) is linked separately: family ids of two groups say nothing
    about pairs across them. Candidates do not depend on the threshold, so each
    group's are found once (or given, as `Linker.candidates` returns them).
    Returns the threshold and the pooled counts at it.
    """
    prepared = []
    for group in groups:
        candidates = group if isinstance(group, Candidates) else linker.candidates(group)
        if candidates.directives:
            prepared.append(([d.id for d in candidates.directives], gold_labels(candidates.directives, family), candidates))
    results: list[Score] = []
    for threshold in grid:
        result = Score()
        for ids, gold, candidates in prepared:
            links = linker.families(candidates, threshold=threshold)
            result = result + score(ids, gold, labels(ids, ([m.id for m in f.members] for f in links.families)))
        results.append(result)
    if not results:
        raise ValueError("an empty threshold grid")
    f1 = [r.f1 for r in results]
    around = [float(np.mean(f1[max(0, k - window) : k + window + 1])) for k in range(len(grid))]
    best = max(range(len(grid)), key=lambda k: (around[k], k))
    return grid[best], results[best]


def leave_one_document_out(
    linker: Linker,
    directives: Sequence[Directive],
    family: dict[str, str | None],
    *,
    calibration: Sequence[Directive] = (),
    grid: Sequence[float] = DEFAULT_GRID,
) -> tuple[Score, dict[str, float]]:
    """Pairwise scores where no pair is judged with a threshold fitted on its own documents.

    For each document: the threshold is calibrated on the other documents (and
    on `calibration`, annotated decisions kept apart, e.g. authored ones); all
    decisions are linked with it; the pairs that involve the document are
    counted. Counts are pooled over documents (a pair across two documents is
    counted in both folds).
    """
    documents = sorted({d.doc_id or d.id for d in directives})
    ids = [d.id for d in directives]
    gold = gold_labels(directives, family)
    everything = linker.candidates(directives)
    kept_apart = linker.candidates(calibration)
    pooled = Score()
    thresholds: dict[str, float] = {}
    for document in documents:
        rest = [d for d in directives if (d.doc_id or d.id) != document]
        threshold, _ = calibrate(linker, [rest, kept_apart], family, grid)
        thresholds[document] = threshold
        links = linker.families(everything, threshold=threshold)
        predicted = labels(ids, ([m.id for m in f.members] for f in links.families))
        pooled = pooled + score(ids, gold, predicted, only={d.id for d in directives if (d.doc_id or d.id) == document})
    return pooled, thresholds


def datasketch_baseline(directives: Sequence[Directive], family: dict[str, str | None]) -> LinkReport:
    """Plain datasketch: MinHash of each decision's whitespace tokens, MinHashLSH at its defaults
    (threshold 0.5, 128 permutations), every LSH hit a link, families = connected components."""
    from datasketch import MinHash, MinHashLSH
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    lsh = MinHashLSH()
    hashes = []
    for d in directives:
        minhash = MinHash()
        minhash.update_batch(token.encode("utf-8") for token in d.text.split())
        hashes.append(minhash)
        lsh.insert(d.id, minhash)
    position = {d.id: k for k, d in enumerate(directives)}
    rows, cols = [], []
    for k, minhash in enumerate(hashes):
        for hit in lsh.query(minhash):
            if position[hit] != k:
                rows.append(k)
                cols.append(position[hit])
    n = len(directives)
    _, component = connected_components(coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)), directed=False)
    ids = [d.id for d in directives]
    predicted = [f"c{c}" for c in component]
    gold = gold_labels(directives, family)
    return LinkReport(
        pairs=score(ids, gold, predicted),
        ari=adjusted_rand(gold, predicted),
        threshold=0.5,
        decisions=n,
        gold_families=len({g for g in gold if not g.startswith("single:")}),
        predicted_families=len({c for c in predicted if predicted.count(c) > 1}),
    )
