"""The spark engine: the local engine's candidates and scores, computed on a Spark cluster.

`Linker.link(directives, engine="spark", master=...)` calls `spark_pairs` for an
input of more than `all_pairs_up_to` decisions (a smaller one is scored
exactly on the driver), which runs every per-decision and per-pair step on
the executors:

1. terms of each decision (`LinkLexicon.terms_of`, a partition's texts
   together), then each document's repeated
   formulae dropped (`drop_templates`) after a group-by on `doc_id`, exactly as
   `engine.directive_terms` does;
2. the unit term vector, MinHash signature and LSH band keys of each decision;
3. a group-by on (band, key): each bucket gives its pairs (`minhash.bucket_pairs`,
   members in position order, like the local engine), made distinct;
4. each candidate pair joined with both vectors and themes, and scored by
   `scoring.pair_score`.

Only the scored pairs, and the vectors of the decisions in them (clustering
scores whole families on the driver), come back to the driver. The executors
need minutes-nlp installed (they import this module); they get the word
lists and weights by broadcast and build their own `MinHasher`, whose values
depend only on its settings.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from minutes_nlp.linking.features import LinkLexicon, LinkSettings, drop_templates
from minutes_nlp.linking.minhash import MinHasher, bucket_pairs
from minutes_nlp.linking.records import LinkInputError
from minutes_nlp.linking.scoring import TermWeights, pair_score
from minutes_nlp.model import Directive

if TYPE_CHECKING:
    from pyspark import RDD, Broadcast
    from pyspark.sql import SparkSession

    from minutes_nlp.linking.engine import Linker

Vector = dict[str, float]
Themes = tuple[str, ...]
# (position, (unit vector, themes, band keys or None when the decision has no terms))
Feature = tuple[int, tuple[Vector, Themes, list[int] | None]]

_ROWS_PER_PARTITION = 1000  # decisions per task: small inputs stay in a few tasks


@dataclass(frozen=True)
class _Shared:
    """What the executors need of the linker (broadcast once per job)."""

    lexicon: LinkLexicon
    weights: TermWeights
    minhash: LinkSettings  # the hasher's settings (may differ from lexicon.settings)
    concepts: frozenset[str]  # the terms the hasher counts more than once

    @property
    def settings(self) -> LinkSettings:
        return self.lexicon.settings


# One MinHasher per executor process and setting: building one draws datasketch's
# permutations, and its term cache pays off across tasks of the same worker.
_HASHERS: dict[tuple[LinkSettings, frozenset[str]], MinHasher] = {}


def _hasher(settings: LinkSettings, concepts: frozenset[str]) -> MinHasher:
    hasher = _HASHERS.get((settings, concepts))
    if hasher is None:
        hasher = _HASHERS[settings, concepts] = MinHasher(settings, concepts)
    return hasher


def spark_pairs(
    linker: Linker, directives: Sequence[Directive], *, master: str | None = None
) -> tuple[Callable[[int], dict[str, float]], np.ndarray, np.ndarray]:
    """Candidate pairs (positions i < j, sorted), their scores, and the vectors of their decisions.

    `directives` are sorted by id (a decision's position is its index), as
    `Linker.link` passes them. The result equals `Linker._local`'s. An active
    Spark session is reused (and left running; `master` is then ignored);
    otherwise one is started on `master` (default `local[*]`) and stopped at the end.
    """
    try:
        from pyspark import SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        raise LinkInputError("the spark engine needs PySpark: pip install 'minutes-nlp[spark]'") from None

    n = len(directives)
    if n == 0:
        return _no_vector, np.empty((0, 2), dtype=np.int64), np.empty(0)

    # A running SparkContext is someone else's: getOrCreate reuses it, and we must not stop it.
    owned = SparkContext._active_spark_context is None
    partitions = max(1, -(-n // _ROWS_PER_PARTITION))
    spark = _session(SparkSession, master, partitions)
    sc = spark.sparkContext
    if owned:
        sc.setLogLevel("ERROR")
    partitions = min(partitions, 4 * sc.defaultParallelism)
    # The lexicon's word cache is dropped: the executors fill their own.
    shared = sc.broadcast(_Shared(dataclasses.replace(linker.lexicon, _cut_cache={}), linker.weights, linker.hasher.settings, linker.hasher.concepts))
    cached: list[RDD[Any]] = []
    try:
        rows = [(k, d.doc_id, d.text, tuple(d.themes)) for k, d in enumerate(directives)]
        features = _features(sc.parallelize(rows, partitions), shared, partitions).cache()
        cached.append(features)
        pairs = _candidates(features, linker.lexicon.settings.max_bucket_pairs, partitions).cache()
        cached.append(pairs)
        # Only (vector, themes) travel to the pairs; band keys are done with.
        payload = features.mapValues(lambda f: (f[0], f[1]))
        settings = linker.lexicon.settings
        scored = _scores(pairs, payload, settings.theme_weight, settings.min_shared_terms, partitions).collect()
        members = pairs.flatMap(lambda p: p).distinct(partitions).map(lambda k: (k, None))
        vectors: dict[int, Vector] = payload.join(members, partitions).map(lambda kv: (kv[0], kv[1][0][0])).collectAsMap()
    finally:
        for rdd in cached:
            rdd.unpersist()
        shared.unpersist()
        if owned:
            spark.stop()

    if scored:
        found = np.array([(i, j) for i, j, _ in scored], dtype=np.int64)
        values = np.array([s for _, _, s in scored], dtype=float)
        order = np.lexsort((found[:, 1], found[:, 0]))
        found, values = found[order], values[order]
    else:
        found, values = np.empty((0, 2), dtype=np.int64), np.empty(0)
    return lambda k: vectors[k], found, values


def _no_vector(k: int) -> dict[str, float]:
    raise KeyError(k)


def _session(builder_of: type[SparkSession], master: str | None, partitions: int) -> SparkSession:
    builder: Any = builder_of.builder  # a property of the class: mypy sees a function
    master = master or "local[*]"
    builder = (
        builder.master(master)
        .appName("minutes-nlp link")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # The default of 200 shuffle partitions is mostly empty tasks for a few thousand decisions.
        .config("spark.sql.shuffle.partitions", str(max(partitions, 2)))
    )
    if not master.startswith("local") or "PYSPARK_PYTHON" in os.environ:
        return builder.getOrCreate()  # type: ignore[no-any-return]
    # Local executors run on this machine: give them this interpreter (and so this minutes-nlp)
    # rather than the first `python3` on PATH. PySpark reads the variable once, when the
    # context starts, so it is set for that moment only.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        return builder.getOrCreate()  # type: ignore[no-any-return]
    finally:
        del os.environ["PYSPARK_PYTHON"]


# --- stage 1-2: terms, vectors, signatures ------------------------------------------------


def _features(rows: RDD[tuple[int, str | None, str, Themes]], shared: Broadcast[_Shared], partitions: int) -> RDD[Feature]:
    """(position, (vector, themes, band keys)) of every decision, templates dropped per document."""

    # Keyed by document for the group-by; a decision without one is a group of its own that is
    # never cleaned (engine.directive_terms does the same).
    def read(part: Iterable[tuple[int, str | None, str, Themes]]) -> Iterator[tuple[tuple[int, str | int], tuple[int, list[str], Themes]]]:
        rows = list(part)
        # A partition's texts are reduced together, as the local engine reduces all of them.
        terms = shared.value.lexicon.terms_of([text for _, _, text, _ in rows])
        for (k, doc_id, _, themes), kept in zip(rows, terms, strict=True):
            key: tuple[int, str | int] = (0, doc_id) if doc_id is not None else (1, k)
            yield key, (k, kept, themes)

    def clean(group: tuple[tuple[int, str | int], Iterable[tuple[int, list[str], Themes]]]) -> list[tuple[int, list[str], Themes]]:
        (loose, _), members = group
        return list(members) if loose else _drop_document_templates(members, shared.value.settings)

    cleaned = rows.mapPartitions(read).groupByKey(partitions).flatMap(clean)
    return cleaned.mapPartitions(lambda part: _vectorise(part, shared.value))


def _drop_document_templates(
    members: Iterable[tuple[int, list[str], Themes]], settings: LinkSettings
) -> list[tuple[int, list[str], Themes]]:
    """One document's decisions with its repeated formulae dropped, as `engine.directive_terms` does."""
    ordered = sorted(members, key=lambda m: m[0])  # position order, like the local engine
    cleaned = drop_templates([terms for _, terms, _ in ordered], settings.template_ngram, settings.template_min_decisions)
    return [(k, kept, themes) for (k, _, themes), kept in zip(ordered, cleaned, strict=True)]


def _vectorise(part: Iterable[tuple[int, list[str], Themes]], shared: _Shared) -> Iterator[Feature]:
    hasher = _hasher(shared.minhash, shared.concepts)
    for k, terms, themes in part:
        # Sorted by term, like the local engine's vectors: sums then run in the same order.
        vector = dict(sorted(shared.weights.vector(terms).items()))
        signature = hasher.signature(vector)  # the same term set as the vector; None when empty
        keys = None if signature is None else [int(key) for key in hasher.band_keys(signature[None, :])[0]]
        yield k, (vector, themes, keys)


# --- stage 3: LSH buckets ------------------------------------------------------------------


def _candidates(features: RDD[Feature], max_bucket_pairs: int, partitions: int) -> RDD[tuple[int, int]]:
    """Distinct candidate pairs (i, j), i < j, from buckets of equal (band, key)."""

    def band_entries(feature: Feature) -> list[tuple[tuple[int, int], int]]:
        k, (_, _, keys) = feature
        return [] if keys is None else [((band, key), k) for band, key in enumerate(keys)]

    def pairs_of(bucket: tuple[tuple[int, int], Iterable[int]]) -> Iterator[tuple[int, int]]:
        members = np.array(sorted(bucket[1]), dtype=np.int64)
        if len(members) < 2:
            return
        first, second = bucket_pairs(members, max_bucket_pairs)
        yield from zip(first.tolist(), second.tolist(), strict=True)

    return features.flatMap(band_entries).groupByKey(partitions).flatMap(pairs_of).distinct(partitions)


# --- stage 4: scores -----------------------------------------------------------------------


def _scores(
    pairs: RDD[tuple[int, int]], payload: RDD[tuple[int, tuple[Vector, Themes]]], theme_weight: float, min_shared: int, partitions: int
) -> RDD[tuple[int, int, float]]:
    """(i, j, score) of every pair: both sides' vectors and themes joined in, then `pair_score`."""
    with_a = pairs.join(payload, partitions)  # (i, (j, (vector_i, themes_i)))
    by_b = with_a.map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))  # (j, (i, side_i))
    both = by_b.join(payload, partitions)  # (j, ((i, side_i), side_j))

    def score(kv: tuple[int, tuple[tuple[int, tuple[Vector, Themes]], tuple[Vector, Themes]]]) -> tuple[int, int, float]:
        j, ((i, (va, ta)), (vb, tb)) = kv
        return i, j, pair_score(va, vb, ta, tb, theme_weight, min_shared)

    return both.map(score)
