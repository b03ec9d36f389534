"""The linker: terms → MinHash LSH candidates → verified scores → families.

`Linker.link(directives)` runs the local engine: numpy over the whole input,
with compiled loops where numpy has no vectorised form (kernels),
near-linear (signatures and band sorting are linear; each bucket gives at most
`max_bucket_pairs` pairs per member). `engine="spark"` runs the same steps on a
Spark cluster (minutes_nlp.linking.spark). Both hand their verified pairs to
`clustering.families_from_pairs` on the driver. An input of at most
`all_pairs_up_to` decisions skips LSH: every pair that shares a term is scored
on the driver (`all_pairs`), whichever the engine.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from minutes_nlp.linking.clustering import dense_scores, families_from_pairs
from minutes_nlp.linking.features import LinkLexicon, TermLists, drop_document_templates
from minutes_nlp.linking.kernels import distinct_per_row, normalize_rows, row_dots
from minutes_nlp.linking.minhash import MinHasher, candidate_pairs
from minutes_nlp.linking.records import LinkInputError
from minutes_nlp.linking.scoring import SCORE_DIGITS, TermWeights, theme_factors, theme_masks
from minutes_nlp.model import Directive, Family, LinkedPairs, Links

ENGINES = ("local", "spark")
# (stage, done, total) for progress bars
Progress = Callable[[str, int, int], None]


@dataclass
class Linker:
    """Everything linking needs, loaded once: word lists, term weights, MinHash parameters."""

    lexicon: LinkLexicon
    weights: TermWeights
    hasher: MinHasher
    max_exact: int = 2000

    @classmethod
    def load(cls, config: str | Path | None = None, idf: str | Path | None = None) -> Linker:
        """The shipped data/linking.toml and data/linking_idf.tsv, or your own files."""
        lexicon = LinkLexicon.load(config)
        weights = TermWeights.load(lexicon.concepts, lexicon.settings.concept_weight, idf)
        return cls(lexicon, weights, MinHasher(lexicon.settings, lexicon.concepts))

    def with_settings(self, **changes: Any) -> Linker:
        """This linker with some settings of data/linking.toml changed (`threshold=0.4`,
        `all_pairs_up_to=0`, …): the same word lists and IDF, the weights and hasher made anew."""
        settings = dataclasses.replace(self.lexicon.settings, **changes)
        weights = dataclasses.replace(self.weights, concept_weight=settings.concept_weight)
        return Linker(dataclasses.replace(self.lexicon, settings=settings), weights, MinHasher(settings, self.lexicon.concepts), self.max_exact)

    @property
    def threshold(self) -> float:
        return self.lexicon.settings.threshold

    def link(
        self,
        directives: Sequence[Directive],
        *,
        threshold: float | None = None,
        engine: str = "local",
        master: str | None = None,
        progress: Progress | None = None,
    ) -> Links:
        candidates = self.candidates(directives, engine=engine, master=master, progress=progress)
        # Pairs below the threshold can link nothing; dropping them before
        # clustering frees most of the candidates' memory on a large archive.
        candidates = candidates.at_least(self.threshold if threshold is None else threshold)
        return self.families(candidates, threshold=threshold, progress=progress)

    def candidates(self, directives: Sequence[Directive], *, engine: str = "local", master: str | None = None, progress: Progress | None = None) -> Candidates:
        """The verified candidate pairs of `directives`: everything of linking that does not depend on the threshold."""
        if engine not in ENGINES:
            raise LinkInputError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
        directives = sorted(directives, key=lambda d: d.id)
        _check_unique(directives)
        # A small input is scored exactly on the driver, whichever the engine:
        # all its pairs cost less than starting Spark jobs.
        if engine == "spark" and len(directives) > self.lexicon.settings.all_pairs_up_to:
            from minutes_nlp.linking.spark import spark_pairs

            vectors, pairs, scores = spark_pairs(self, directives, master=master)
        else:
            vectors, pairs, scores = self._local(directives, progress)
        return Candidates(directives, vectors, pairs, scores, found=len(pairs))

    def families(self, candidates: Candidates, *, threshold: float | None = None, progress: Progress | None = None) -> Links:
        """Families and linked pairs of scored candidates at `threshold` (default: the calibrated one)."""
        directives = candidates.directives
        cut = self.threshold if threshold is None else threshold
        if progress:
            progress("clustering", 0, 1)
        theme_weight, min_shared = self.lexicon.settings.theme_weight, self.lexicon.settings.min_shared_terms
        clusters, linked_pairs, linked_scores = families_from_pairs(
            len(directives),
            candidates.pairs,
            candidates.scores,
            cut,
            lambda members: dense_scores([candidates.vector(int(m)) for m in members], [directives[int(m)].themes for m in members], theme_weight, min_shared),
            max_exact=self.max_exact,
        )
        if progress:
            progress("clustering", 1, 1)
        families = [_family([directives[m] for m in c.members], directives[c.representative].text) for c in clusters]
        return Links(
            pairs=LinkedPairs([d.id for d in directives], linked_pairs[:, 0], linked_pairs[:, 1], linked_scores),
            families=families,
            threshold=cut,
            decisions=len(directives),
            candidates=candidates.found,
        )

    # --- local engine ------------------------------------------------------------------

    def _local(self, directives: Sequence[Directive], progress: Progress | None) -> tuple[Callable[[int], dict[str, float]], np.ndarray, np.ndarray]:
        terms = TermMatrix.build(directive_terms(directives, self.lexicon, progress), self.weights)
        if progress:
            progress("candidates", 0, 1)
        matrix = terms.matrix
        settings = self.lexicon.settings
        if len(directives) <= settings.all_pairs_up_to:
            # Exact: families of a small input do not depend on which pairs LSH happened to find.
            pairs, _ = all_pairs(matrix)
        else:
            keys = self.hasher.band_key_columns(matrix.indptr, matrix.indices, self.hasher.term_hashes(terms.words))
            valid = np.diff(matrix.indptr) > 0
            pairs = candidate_pairs(keys, valid, settings.max_bucket_pairs)
        if progress:
            progress("candidates", 1, 1)
        cosines = pair_cosines(matrix, pairs, settings.min_shared_terms)
        scores = theme_scaled(cosines, pairs, [d.themes for d in directives], settings.theme_weight)
        return terms.vector, pairs, scores


@dataclass
class Candidates:
    """Decisions (sorted by id; pairs index them) with their candidate pairs and scores."""

    directives: list[Directive]
    vector: Callable[[int], dict[str, float]]
    """Unit term vector of the decision at a position (those in a pair at least)."""
    pairs: np.ndarray
    scores: np.ndarray
    found: int
    """How many candidate pairs were found, by LSH or, for a small input, all pairs sharing a term (also after `at_least` kept fewer)."""

    def at_least(self, threshold: float) -> Candidates:
        """The candidates that score `threshold` or more (the same object when all do)."""
        keep = self.scores >= threshold
        if keep.all():
            return self
        return Candidates(self.directives, self.vector, self.pairs[keep], self.scores[keep], found=self.found)


@dataclass
class TermMatrix:
    """The unit term vectors of many decisions as one CSR matrix (rows: decisions, columns: `words`)."""

    matrix: csr_matrix
    words: list[str]

    @classmethod
    def build(cls, term_lists: TermLists | Iterable[Sequence[str]], weights: TermWeights) -> TermMatrix:
        terms = term_lists if isinstance(term_lists, TermLists) else TermLists.from_lists(term_lists)
        n = len(terms)
        # Columns in term order: row sums then run in the order the Spark engine's vectors use.
        order = sorted(range(len(terms.vocabulary)), key=terms.vocabulary.__getitem__)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        width = max(1, len(order))
        # Each distinct (row, term) once, sorted by row, then by term.
        columns, indptr = distinct_per_row(rank[terms.ids], terms.offsets)
        present = np.zeros(width, dtype=bool)
        present[columns] = True
        used = np.flatnonzero(present)
        columns = (np.cumsum(present) - 1)[columns]  # terms no decision kept are no column
        words = [terms.vocabulary[order[c]] for c in used.tolist()]
        values = np.array([weights.weight(word) for word in words], dtype=np.float64)[columns]
        normalize_rows(indptr, values)
        matrix = csr_matrix((values, columns.astype(np.int32), indptr), shape=(n, max(1, len(words))))
        return cls(matrix, words)

    def vector(self, row: int) -> dict[str, float]:
        start, stop = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        return {self.words[c]: float(v) for c, v in zip(self.matrix.indices[start:stop], self.matrix.data[start:stop], strict=True)}


def directive_terms(directives: Sequence[Directive], lexicon: LinkLexicon, progress: Progress | None = None) -> TermLists:
    """Terms of each directive, with each document's repeated formulae dropped (input order kept)."""
    # A directive repeated word for word (month after month, office after
    # office) is reduced once.
    texts: dict[str, int] = {}
    text_of = np.fromiter((texts.setdefault(d.text, len(texts)) for d in directives), dtype=np.int64, count=len(directives))
    total = len(texts)
    done = (lambda k: progress("reading decisions", k, total)) if progress else None
    terms = lexicon.terms_of(list(texts), progress=done).take(text_of)
    documents: dict[str, int] = {}
    document_of = np.fromiter((-1 if d.doc_id is None else documents.setdefault(d.doc_id, len(documents)) for d in directives), dtype=np.int64, count=len(directives))
    settings = lexicon.settings
    return drop_document_templates(terms, document_of, settings.template_ngram, settings.template_min_decisions)


def all_pairs(matrix: csr_matrix, *, at_least: float = 0.0, block: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of rows of a matrix of unit vectors that share a term and whose cosine
    is at least `at_least`, and its cosine. Rows are multiplied `block` at a time, which bounds
    the memory of the products."""
    n = matrix.shape[0]
    transposed = matrix.T.tocsc()
    found_pairs: list[np.ndarray] = []
    found_cosines: list[np.ndarray] = []
    for start in range(0, n, block):
        product = (matrix[start : start + block] @ transposed).tocoo()
        rows = product.row.astype(np.int64) + start
        cols = product.col.astype(np.int64)
        keep = (cols > rows) & (product.data >= at_least if at_least > 0 else product.data > 0)
        found_pairs.append(np.stack([rows[keep], cols[keep]], axis=1))
        found_cosines.append(product.data[keep])
    if not found_pairs:
        return np.empty((0, 2), dtype=np.int32), np.empty(0)
    return np.concatenate(found_pairs).astype(np.int32 if n < 2**31 else np.int64), np.concatenate(found_cosines).astype(np.float64)


def pair_cosines(matrix: csr_matrix, pairs: np.ndarray, min_shared: int = 1) -> np.ndarray:
    """Cosine of each pair of rows of a matrix of unit vectors (pairs sorted by their first row are fastest);
    0 for a pair sharing fewer than `min_shared` terms, or than its shorter row has."""
    return row_dots(matrix.indptr, matrix.indices, matrix.data, pairs, matrix.shape[1], min_shared)


def theme_scaled(cosines: np.ndarray, pairs: np.ndarray, themes: Sequence[Sequence[str]], theme_weight: float, chunk: int = 1_000_000) -> np.ndarray:
    """Cosines times theme agreement, rounded: `scoring.pair_score` for many pairs at once.

    Works in place, chunk by chunk, and returns `cosines`: tens of millions of
    pairs need no second array."""
    masks = theme_masks(themes) if theme_weight else None
    for start in range(0, len(pairs), chunk):
        scores = cosines[start : start + chunk]
        if masks is not None:
            block = pairs[start : start + chunk]
            scores *= theme_factors(masks[block[:, 0]], masks[block[:, 1]], theme_weight)
        np.round(scores, SCORE_DIGITS, out=scores)
    return cosines


def _check_unique(directives: Sequence[Directive]) -> None:
    for before, after in zip(directives, directives[1:], strict=False):
        if before.id == after.id:
            raise LinkInputError(f"decision id {after.id!r} given twice; ids must be unique in one link run")


def _family(members: Iterable[Directive], representative: str) -> Family:
    ordered = sorted(members, key=lambda d: (d.month or "", d.district or "", d.id))
    digest = hashlib.sha1("\n".join(sorted(d.id for d in ordered)).encode("utf-8")).hexdigest()[:12]
    return Family(id=f"family-{digest}", representative=representative, members=ordered)
