"""Compiled loops of the local engine (numba), for the steps numpy cannot vectorise.

The loops over rows and pairs run on all the cores numba is given
(`NUMBA_NUM_THREADS`); the others are sequential. Numba's default thread
pool must not be entered from two threads at once (a server linking two
requests together), so the parallel loops take a lock.

Imported only when linking runs: compiling takes about five seconds the
first time, and the compiled code is cached beside this file (numba's
`cache=True`), so that later processes load it in well under a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from numba import get_num_threads, njit, prange

F = TypeVar("F", bound=Callable[..., Any])
_PARALLEL = threading.Lock()


def _compiled(*, parallel: bool = False) -> Callable[[F], F]:
    """`numba.njit` (releasing the GIL) with the compiled code cached on disk, or compiled anew in
    each process where no cache directory can be written (a read-only install with no home directory)."""

    def compile_(function: F) -> F:
        try:
            return njit(cache=True, nogil=True, parallel=parallel)(function)  # type: ignore[return-value]
        except RuntimeError:
            return njit(nogil=True, parallel=parallel)(function)  # type: ignore[return-value]

    return compile_


@_compiled(parallel=True)
def _row_dots(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, pairs: np.ndarray, width: int, min_shared: int, out: np.ndarray, parts: int) -> None:
    # Pairs in `parts` runs, one per thread, each with its own spread-out row.
    size = (pairs.shape[0] + parts - 1) // parts
    for part in prange(parts):
        dense = np.zeros(width)
        current = -1
        for k in range(part * size, min((part + 1) * size, pairs.shape[0])):
            i = pairs[k, 0]
            if i != current:
                # Row i spread out once for all its pairs: candidate pairs come sorted by i.
                if current >= 0:
                    for p in range(indptr[current], indptr[current + 1]):
                        dense[indices[p]] = 0.0
                for p in range(indptr[i], indptr[i + 1]):
                    dense[indices[p]] = data[p]
                current = i
            j = pairs[k, 1]
            total = 0.0
            shared = 0
            for q in range(indptr[j], indptr[j + 1]):
                other = dense[indices[q]]
                if other != 0.0:
                    total += data[q] * other
                    shared += 1
            # scoring.required_shared, which compiled code cannot call
            need = min(min_shared, indptr[i + 1] - indptr[i], indptr[j + 1] - indptr[j])
            out[k] = total if shared >= need else 0.0


def row_dots(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, pairs: np.ndarray, width: int, min_shared: int = 1) -> np.ndarray:
    """Dot product of each pair (i, j) of rows of a CSR matrix (`width` columns); fastest with pairs sorted by i.

    With `min_shared`, a pair whose rows share fewer nonzero columns than
    that (or than the shorter row has) gets 0 instead."""
    out = np.empty(len(pairs))
    if len(pairs):
        with _PARALLEL:
            _row_dots(indptr, indices, data, np.ascontiguousarray(pairs), width, min_shared, out, 4 * get_num_threads())
    return out


@_compiled()
def _sorted_distinct(values: np.ndarray, bits: int) -> np.ndarray:
    # Least-significant-digit radix sort, 11 bits a pass, then equal neighbours dropped.
    n = values.shape[0]
    source = values.copy()
    target = np.empty_like(source)
    shift = 0
    while shift < bits:
        counts = np.zeros(2049, dtype=np.int64)
        for k in range(n):
            counts[((source[k] >> shift) & 2047) + 1] += 1
        for d in range(1, 2049):
            counts[d] += counts[d - 1]
        for k in range(n):
            d = (source[k] >> shift) & 2047
            target[counts[d]] = source[k]
            counts[d] += 1
        source, target = target, source
        shift += 11
    if n == 0:
        return source
    kept = 1
    for k in range(1, n):
        if source[k] != source[kept - 1]:
            source[kept] = source[k]
            kept += 1
    return source[:kept]


def sorted_distinct(values: np.ndarray, bound: int) -> np.ndarray:
    """The distinct values of an array of non-negative int64 below `bound`, sorted: np.unique in linear time."""
    if not len(values):
        return np.empty(0, dtype=np.int64)
    return _sorted_distinct(np.ascontiguousarray(values, dtype=np.int64), max(1, int(bound - 1).bit_length()))


@_compiled()
def _union_sorted(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.empty(a.shape[0] + b.shape[0], dtype=np.int64)
    i = j = k = 0
    while i < a.shape[0] and j < b.shape[0]:
        if a[i] < b[j]:
            out[k] = a[i]
            i += 1
        elif b[j] < a[i]:
            out[k] = b[j]
            j += 1
        else:
            out[k] = a[i]
            i += 1
            j += 1
        k += 1
    while i < a.shape[0]:
        out[k] = a[i]
        i += 1
        k += 1
    while j < b.shape[0]:
        out[k] = b[j]
        j += 1
        k += 1
    return out[:k]


def union_sorted(distinct: np.ndarray, values: np.ndarray, bound: int) -> np.ndarray:
    """`distinct` (sorted, no repeats) with the values of `values` (below `bound`) added: sorted, no repeats.

    Only `values` is sorted; the two are then merged in one pass."""
    return _union_sorted(np.ascontiguousarray(distinct, dtype=np.int64), sorted_distinct(values, bound))


@_compiled(parallel=True)
def _row_minima(indptr: np.ndarray, indices: np.ndarray, hashes: np.ndarray, first: int, last: int, empty: np.uint32, out: np.ndarray) -> None:
    for row in prange(indptr.shape[0] - 1):
        for c in range(first, last):
            out[row, c - first] = empty
        for p in range(indptr[row], indptr[row + 1]):
            term = indices[p]
            for c in range(first, last):
                value = hashes[term, c]
                if value < out[row, c - first]:
                    out[row, c - first] = value


def row_minima(indptr: np.ndarray, indices: np.ndarray, hashes: np.ndarray, first: int, last: int, empty: int) -> np.ndarray:
    """For each CSR row, the minimum over its columns' `hashes[column, first:last]` (uint32; `empty` for a row without columns)."""
    out = np.empty((len(indptr) - 1, last - first), dtype=np.uint32)
    with _PARALLEL:
        _row_minima(indptr, indices, np.ascontiguousarray(hashes, dtype=np.uint32), first, last, np.uint32(empty), out)
    return out


@_compiled()
def _pivot_labels(indptr: np.ndarray, indices: np.ndarray, order: np.ndarray, labels: np.ndarray) -> None:
    for pivot in order:
        if labels[pivot] >= 0:
            continue
        labels[pivot] = pivot
        for p in range(indptr[pivot], indptr[pivot + 1]):
            if labels[indices[p]] < 0:
                labels[indices[p]] = pivot


def pivot_labels(indptr: np.ndarray, indices: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Pivot clustering of a graph (CSR adjacency): each node in `order` not yet taken takes its untaken
    neighbours. The label of a node is the node that took it (itself for a pivot)."""
    labels = np.full(len(indptr) - 1, -1, dtype=np.int64)
    _pivot_labels(indptr, indices, np.ascontiguousarray(order, dtype=np.int64), labels)
    return labels


@_compiled()
def _repeated_ngrams(ids: np.ndarray, offsets: np.ndarray, order: np.ndarray, bounds: np.ndarray, ngram: int, min_decisions: int, width: int, covered: np.ndarray) -> None:
    for group in range(bounds.shape[0] - 1):
        first, last = bounds[group], bounds[group + 1]
        if last - first < min_decisions:
            continue
        total = 0
        for k in range(first, last):
            total += max(0, offsets[order[k] + 1] - offsets[order[k]] - ngram + 1)
        if total == 0:
            continue
        starts = np.empty(total, dtype=np.int64)
        owner = np.empty(total, dtype=np.int64)
        t = 0
        for k in range(first, last):
            for p in range(offsets[order[k]], offsets[order[k] + 1] - ngram + 1):
                starts[t] = p
                owner[t] = k - first
                t += 1
        # Number each n-gram: rank (number of its first s terms, term s + 1), s = 1 .. n - 1.
        code = np.empty(total, dtype=np.int64)
        for t in range(total):
            code[t] = ids[starts[t]]
        for step in range(1, ngram):
            combined = np.empty(total, dtype=np.int64)
            for t in range(total):
                combined[t] = code[t] * width + ids[starts[t] + step]
            sorter = np.argsort(combined)
            rank = 0
            for q in range(total):
                if q > 0 and combined[sorter[q]] != combined[sorter[q - 1]]:
                    rank += 1
                code[sorter[q]] = rank
        # Runs of one n-gram: count the decisions it is in; a frequent one covers its terms.
        sorter = np.argsort(code)
        seen = np.full(last - first, -1, dtype=np.int64)
        q = 0
        while q < total:
            end = q
            decisions = 0
            while end < total and code[sorter[end]] == code[sorter[q]]:
                if seen[owner[sorter[end]]] != q:
                    seen[owner[sorter[end]]] = q
                    decisions += 1
                end += 1
            if decisions >= min_decisions:
                for x in range(q, end):
                    covered[starts[sorter[x]] : starts[sorter[x]] + ngram] = True
            q = end


def repeated_ngrams(ids: np.ndarray, offsets: np.ndarray, groups: np.ndarray, ngram: int, min_decisions: int, width: int) -> np.ndarray:
    """Which ids are covered by an n-gram found in `min_decisions` or more lists of the same group.

    List k is `ids[offsets[k]:offsets[k + 1]]` (ids below `width`), of group `groups[k]` (-1: none).
    One group at a time: a document has tens of decisions, an archive millions."""
    covered = np.zeros(len(ids), dtype=np.bool_)
    in_group = np.flatnonzero(groups >= 0)
    if ngram < 1 or not len(in_group):
        return covered
    order = in_group[np.argsort(groups[in_group], kind="stable")]
    sorted_groups = groups[order]
    bounds = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1], True])
    _repeated_ngrams(np.ascontiguousarray(ids, dtype=np.int64), offsets.astype(np.int64), order.astype(np.int64), bounds.astype(np.int64), ngram, min_decisions, max(1, width), covered)
    return covered


@_compiled()
def _distinct_per_row(values: np.ndarray, offsets: np.ndarray, out: np.ndarray, indptr: np.ndarray) -> None:
    kept = 0
    for row in range(offsets.shape[0] - 1):
        chunk = np.sort(values[offsets[row] : offsets[row + 1]])
        for k in range(chunk.shape[0]):
            if k == 0 or chunk[k] != chunk[k - 1]:
                out[kept] = chunk[k]
                kept += 1
        indptr[row + 1] = kept


def distinct_per_row(values: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each list `values[offsets[k]:offsets[k + 1]]` sorted without repeats: (values, CSR row pointer)."""
    out = np.empty(len(values), dtype=values.dtype)
    indptr = np.zeros(len(offsets), dtype=np.int64)
    _distinct_per_row(np.ascontiguousarray(values), offsets.astype(np.int64), out, indptr)
    return out[: indptr[-1]].copy(), indptr


@_compiled()
def _normalize_rows(indptr: np.ndarray, values: np.ndarray) -> None:
    for row in range(indptr.shape[0] - 1):
        total = 0.0
        for p in range(indptr[row], indptr[row + 1]):
            total += values[p] * values[p]
        norm = np.sqrt(total)
        for p in range(indptr[row], indptr[row + 1]):
            values[p] /= norm


def normalize_rows(indptr: np.ndarray, values: np.ndarray) -> None:
    """Scale the values of each CSR row to unit length, in place (rows of positive values)."""
    _normalize_rows(indptr, values)
