"""Candidate pairs by MinHash LSH (datasketch's MinHash, banded).

Each term gets its datasketch `MinHash` hash values once; a decision's
signature is their element-wise minimum, which is exactly the signature
datasketch computes for the decision's term set, computed for all decisions
at once, one band at a time (`kernels.row_minima`). Terms of the
synonym table weigh `concept_weight` times the others in the cosine that
verifies candidates, so they go into the set that many times (as `term`,
`term + "\\0"`, …): the Jaccard that LSH estimates then follows the weighted
cosine, and a short directive ("update the portal") meets a long rewording
of it that shares its two concepts and little else. Signatures are
cut into `bands` bands of `rows` values: decisions agreeing on a whole band
share a bucket and become candidates. A bucket of at most `max_bucket_pairs`
members gives all its pairs; a larger one (a directive repeated hundreds of
times, or a common pair of terms) gives each member paired with the bucket's
first member only, so candidates grow linearly with the archive. Both engines
order members the same way (by position in id order), so they find the same
candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from minutes_nlp.linking.features import LinkSettings
from minutes_nlp.linking.kernels import row_minima, union_sorted

_EMPTY = np.iinfo(np.uint32).max


class MinHasher:
    """MinHash signatures and LSH band keys for one setting (num_perm, bands, seed)."""

    def __init__(self, settings: LinkSettings, concepts: frozenset[str] = frozenset()) -> None:
        self.settings = settings
        self.concepts = concepts
        self._copies = max(1, round(settings.concept_weight))
        self._base = MinHash(num_perm=settings.num_perm, seed=settings.seed)
        self._term_cache: dict[str, np.ndarray] = {}
        # Odd multipliers that fold a band's rows into one 64-bit key.
        rng = np.random.default_rng(settings.seed)
        self._fold = (rng.integers(1, 2**63, size=settings.rows, dtype=np.uint64) | np.uint64(1)).astype(np.uint64)

    def term_hashes(self, terms: Sequence[str]) -> np.ndarray:
        """datasketch's hash values of each term alone (a concept term with its copies): shape (len(terms), num_perm), uint32."""
        out = np.empty((len(terms), self.settings.num_perm), dtype=np.uint32)
        for k, term in enumerate(terms):
            values = self._term_cache.get(term)
            if values is None:
                one = MinHash(num_perm=self.settings.num_perm, seed=self.settings.seed, permutations=self._base.permutations, scheme=self._base.scheme)
                one.update_batch(copy.encode("utf-8") for copy in self.copies(term))
                values = one.hashvalues.astype(np.uint32)
                if len(self._term_cache) < 1_000_000:
                    self._term_cache[term] = values
            out[k] = values
        return out

    def copies(self, term: str) -> list[str]:
        """The set elements that stand for `term`: itself, and more copies for a concept."""
        if term not in self.concepts:
            return [term]
        return [term + "\0" * k for k in range(self._copies)]

    def signature(self, terms: Iterable[str]) -> np.ndarray | None:
        """The signature of one term set (None when it is empty)."""
        unique = sorted(set(terms))
        if not unique:
            return None
        return self.term_hashes(unique).min(axis=0)

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """One uint64 key per (decision, band): shape (n, bands)."""
        n = signatures.shape[0]
        cut = signatures.reshape(n, self.settings.bands, self.settings.rows)
        return np.stack([self._fold_band(cut[:, band, :], band) for band in range(self.settings.bands)], axis=1)

    def band_key_columns(self, indptr: np.ndarray, indices: np.ndarray, vocabulary_hashes: np.ndarray) -> Iterator[np.ndarray]:
        """The keys of each band in turn, shape (n,), for term sets given as CSR rows over a vocabulary.

        Equal to the columns of `band_keys` of the rows' signatures (`signature`
        of each row), but only one band's signature values exist at a time: at
        a million decisions the whole signature and key matrices would take half
        a gigabyte. Rows without terms get keys that are never used.
        """
        rows = self.settings.rows
        for band in range(self.settings.bands):
            yield self._fold_band(row_minima(indptr, indices, vocabulary_hashes, band * rows, (band + 1) * rows, _EMPTY), band)

    def _fold_band(self, values: np.ndarray, band: int) -> np.ndarray:
        """A band's rows (n, rows) folded into one uint64 key per decision."""
        with np.errstate(over="ignore"):
            keys = (values.astype(np.uint64) * self._fold).sum(axis=1, dtype=np.uint64)
            # The band number is mixed in so that equal values in two bands do not meet.
            keys ^= np.uint64(band) * np.uint64(0x9E3779B97F4A7C15)
        return keys


def bucket_pairs(members: np.ndarray, max_bucket_pairs: int) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs of one bucket (members sorted ascending): all pairs, or a star past the limit."""
    m = len(members)
    if m <= max_bucket_pairs:
        i, j = np.triu_indices(m, k=1)
        return members[i], members[j]
    return np.full(m - 1, members[0]), members[1:]


def candidate_pairs(band_keys: Iterable[np.ndarray], valid: np.ndarray, max_bucket_pairs: int, merge_at: int = 8_000_000) -> np.ndarray:
    """Unique candidate pairs (i < j) as a (k, 2) array (int32 below 2**31 decisions), from each band's keys.

    Vectorised per band: buckets are runs of equal keys after sorting by (key,
    member); runs are handled by size, all pairs for sizes up to the limit and a
    star past it, which is what `bucket_pairs` does for one bucket. A pair
    found in many bands is kept once: pairs are coded `i * n + j`, and the
    codes found since the last merge are sorted and merged into the distinct
    codes so far once there are `merge_at` of them and at least as many as
    those (so that each code is merged a bounded number of times), which
    bounds the memory a million decisions need.
    """
    n = len(valid)
    index = np.flatnonzero(valid).astype(np.int64)
    distinct = np.empty(0, dtype=np.int64)  # pair codes i * n + j, sorted
    found: list[np.ndarray] = []
    for keys in band_keys:
        column = keys[index]
        order = np.lexsort((index, column))
        sorted_keys = column[order]
        members = index[order]
        del column, order
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(sorted_keys)])
        big = sizes > max_bucket_pairs
        if big.any():
            # star: every member of a big bucket with the bucket's first member
            run = np.repeat(np.arange(len(starts)), sizes)
            follower = big[run] & (np.arange(len(members)) != starts[run])
            found.append(members[starts[run[follower]]] * n + members[follower])
        for size in np.unique(sizes[(sizes > 1) & ~big]).tolist():
            rows = members[starts[sizes == size][:, None] + np.arange(size)]
            i, j = _upper_pairs(size)
            found.append((rows[:, i] * n + rows[:, j]).ravel())
        if sum(map(len, found)) >= max(merge_at, len(distinct)):
            distinct, found = union_sorted(distinct, np.concatenate(found), n * n), []
    if found:
        distinct = union_sorted(distinct, np.concatenate(found), n * n)
    dtype = np.int32 if n < 2**31 else np.int64
    pairs = np.empty((len(distinct), 2), dtype=dtype)
    np.floor_divide(distinct, n, out=pairs[:, 0], casting="unsafe")
    np.remainder(distinct, n, out=pairs[:, 1], casting="unsafe")
    return pairs


@lru_cache(maxsize=256)
def _upper_pairs(size: int) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) of the pairs i < j of `size` members."""
    return np.triu_indices(size, k=1)
