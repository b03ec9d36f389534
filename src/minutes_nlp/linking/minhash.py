"""Candidate pairs by MinHash LSH (datasketch's MinHash, banded).

Each term gets its datasketch `MinHash` hash values once; a decision's
signature is their element-wise minimum, which is exactly the signature
datasketch computes for the decision's term set, at numpy speed. Signatures are
cut into `bands` bands of `rows` values: decisions agreeing on a whole band
share a bucket and become candidates. A bucket of at most `max_bucket_pairs`
members gives all its pairs; a larger one (a directive repeated hundreds of
times, or a common pair of terms) gives each member paired with the bucket's
first member only, so candidates grow linearly with the archive. Both engines
order members the same way (by position in id order), so they find the same
candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash

from minutes_nlp.linking.features import LinkSettings

_EMPTY = np.iinfo(np.uint32).max


class MinHasher:
    """MinHash signatures and LSH band keys for one setting (num_perm, bands, seed)."""

    def __init__(self, settings: LinkSettings) -> None:
        self.settings = settings
        self._base = MinHash(num_perm=settings.num_perm, seed=settings.seed)
        self._term_cache: dict[str, np.ndarray] = {}
        # Odd multipliers that fold a band's rows into one 64-bit key.
        rng = np.random.default_rng(settings.seed)
        self._fold = (rng.integers(1, 2**63, size=settings.rows, dtype=np.uint64) | np.uint64(1)).astype(np.uint64)

    def term_hashes(self, terms: Sequence[str]) -> np.ndarray:
        """datasketch's hash values of each term alone: shape (len(terms), num_perm), uint32."""
        out = np.empty((len(terms), self.settings.num_perm), dtype=np.uint32)
        for k, term in enumerate(terms):
            values = self._term_cache.get(term)
            if values is None:
                one = MinHash(num_perm=self.settings.num_perm, seed=self.settings.seed, permutations=self._base.permutations, scheme=self._base.scheme)
                one.update(term.encode("utf-8"))
                values = one.hashvalues.astype(np.uint32)
                if len(self._term_cache) < 1_000_000:
                    self._term_cache[term] = values
            out[k] = values
        return out

    def signature(self, terms: Iterable[str]) -> np.ndarray | None:
        """The signature of one term set (None when it is empty)."""
        unique = sorted(set(terms))
        if not unique:
            return None
        return self.term_hashes(unique).min(axis=0)

    def signatures(self, indptr: np.ndarray, indices: np.ndarray, vocabulary_hashes: np.ndarray, chunk: int = 50_000) -> np.ndarray:
        """Signatures of many term sets given as CSR rows over a vocabulary; empty rows get all-max values."""
        rows = len(indptr) - 1
        out = np.full((rows, self.settings.num_perm), _EMPTY, dtype=np.uint32)
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            lo, hi = indptr[start], indptr[stop]
            if hi == lo:
                continue
            block = vocabulary_hashes[indices[lo:hi]]
            offsets = indptr[start:stop] - lo
            nonempty = indptr[start + 1 : stop + 1] > indptr[start:stop]
            reduced = np.minimum.reduceat(block, offsets[nonempty], axis=0)
            out[start:stop][nonempty] = reduced
        return out

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """One uint64 key per (decision, band): shape (n, bands)."""
        n = signatures.shape[0]
        rows = self.settings.rows
        cut = signatures.reshape(n, self.settings.bands, rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            keys = (cut * self._fold).sum(axis=2, dtype=np.uint64)
            # The band number is mixed in so that equal values in two bands do not meet.
            keys ^= np.arange(self.settings.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return keys


def bucket_pairs(members: np.ndarray, max_bucket_pairs: int) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs of one bucket (members sorted ascending): all pairs, or a star past the limit."""
    m = len(members)
    if m <= max_bucket_pairs:
        i, j = np.triu_indices(m, k=1)
        return members[i], members[j]
    return np.full(m - 1, members[0]), members[1:]


def candidate_pairs(keys: np.ndarray, valid: np.ndarray, max_bucket_pairs: int) -> np.ndarray:
    """Unique candidate pairs (i < j) as an (k, 2) int64 array, from the band keys of all decisions.

    Vectorised per band: buckets are runs of equal keys after sorting by (key,
    member); runs are handled by size, all pairs for sizes up to the limit and a
    star past it, which is what `bucket_pairs` does for one bucket.
    """
    n, bands = keys.shape
    index = np.flatnonzero(valid).astype(np.int64)
    found: list[np.ndarray] = []
    for band in range(bands):
        column = keys[index, band]
        order = np.lexsort((index, column))
        sorted_keys = column[order]
        members = index[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(sorted_keys)])
        big = sizes > max_bucket_pairs
        if big.any():
            # star: every member of a big bucket with the bucket's first member
            run = np.repeat(np.arange(len(starts)), sizes)
            follower = big[run] & (np.arange(len(members)) != starts[run])
            found.append(members[starts[run[follower]]] * n + members[follower])
        for size in np.unique(sizes[(sizes > 1) & ~big]):
            rows = members[starts[sizes == size][:, None] + np.arange(size)]
            i, j = np.triu_indices(int(size), k=1)
            found.append((rows[:, i] * n + rows[:, j]).ravel())
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    # np.unique, written out: an in-place sort and a mask are several times faster here.
    codes = np.concatenate(found)
    codes.sort()
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]]
    return np.stack([codes // n, codes % n], axis=1)
