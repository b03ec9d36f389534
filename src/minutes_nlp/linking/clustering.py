"""Families from verified pairs: components, then average linkage inside each.

Linking every pair at or above the threshold and taking connected components
chains unlike decisions together through one ambiguous member (portal update →
portal supervision → …). So components only bound the work: inside a
component of up to `max_exact` members every pair is scored and the members are
clustered by average linkage cut at the threshold (a family is a group whose
members are, on average, as similar as a linked pair). A larger component (a
directive repeated thousands of times) is split by pivot clustering on its
verified pairs: the member with the most links takes its linked neighbours,
then the next, which is linear in the pairs.

Both engines call `families_from_pairs` on the driver with the same inputs, so
they give the same families.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from minutes_nlp.linking.kernels import pivot_labels
from minutes_nlp.linking.scoring import SCORE_DIGITS, required_shared, theme_factors, theme_masks

# scores of all pairs of some members: (members) -> square matrix
DenseScores = Callable[[np.ndarray], np.ndarray]


@dataclass(slots=True)
class Cluster:
    members: list[int]
    representative: int


def dense_scores(vectors: Sequence[dict[str, float]], themes: Sequence[Sequence[str]], theme_weight: float, min_shared: int = 1) -> np.ndarray:
    """Scores of all pairs of the given decisions (the diagonal is 1), as `scoring.pair_score` gives them."""
    vocabulary: dict[str, int] = {}
    rows, cols, data = [], [], []
    for r, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(r)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            data.append(weight)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(vectors), max(1, len(vocabulary))))
    scores = (matrix @ matrix.T).toarray()
    if min_shared > 1:
        present = matrix.copy()
        present.data[:] = 1.0
        shared = (present @ present.T).toarray()
        sizes = np.diff(matrix.indptr)
        scores[shared < required_shared(min_shared, sizes[:, None], sizes[None, :])] = 0.0
    if theme_weight:
        masks = theme_masks(themes)
        scores = scores * theme_factors(masks[:, None], masks[None, :], theme_weight)
    scores = np.round(scores, SCORE_DIGITS)
    np.fill_diagonal(scores, 1.0)
    return scores


def families_from_pairs(
    n: int,
    pairs: np.ndarray,
    scores: np.ndarray,
    threshold: float,
    dense: DenseScores,
    max_exact: int = 2000,
) -> tuple[list[Cluster], np.ndarray, np.ndarray]:
    """Clusters of two or more members, and every linked pair found on the way:
    an (m, 2) int64 array of (i, j), i < j, sorted, and their scores (≥ threshold).

    Inside a component of up to `max_exact` members the linked pairs are those
    of its dense scores (which include its candidates); inside a larger one,
    its candidates at or above the threshold. Pairs stay in arrays: an archive
    has millions of them."""
    keep = scores >= threshold
    if not keep.all():
        pairs, scores = pairs[keep], scores[keep]
    if not len(pairs):
        return [], np.empty((0, 2), dtype=np.int64), np.empty(0)
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    del graph
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
    clusters: list[Cluster] = []
    in_big = np.zeros(n, dtype=bool)
    found_pairs: list[np.ndarray] = []
    found_scores: list[np.ndarray] = []
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        members = np.sort(order[start:stop])
        if len(members) < 2:
            continue
        if len(members) > max_exact:
            in_big[members] = True
            continue
        matrix = dense(members)
        upper_i, upper_j = np.triu_indices(len(members), k=1)
        within = matrix[upper_i, upper_j]
        linked = within >= threshold
        found_pairs.append(np.column_stack([members[upper_i[linked]], members[upper_j[linked]]]))
        found_scores.append(within[linked])
        clusters.extend(_average_linkage(members, matrix, threshold))
    if in_big.any():
        mask = in_big[pairs[:, 0]]
        clusters.extend(_pivot(pairs[mask], scores[mask]))
        found_pairs.append(pairs[mask].astype(np.int64))
        found_scores.append(scores[mask])
    clusters.sort(key=lambda c: (-len(c.members), c.members[0]))
    if not found_pairs:
        return clusters, np.empty((0, 2), dtype=np.int64), np.empty(0)
    # Components are disjoint, so each pair was found once: sorting is all that is left.
    linked_pairs, linked_scores = np.concatenate(found_pairs), np.concatenate(found_scores)
    sorted_order = np.argsort(linked_pairs[:, 0] * n + linked_pairs[:, 1])
    return clusters, linked_pairs[sorted_order], linked_scores[sorted_order]


def _average_linkage(members: np.ndarray, matrix: np.ndarray, threshold: float) -> list[Cluster]:
    if len(members) == 2:
        return [Cluster([int(members[0]), int(members[1])], int(members[0]))]
    distances = 1.0 - matrix[np.triu_indices(len(members), k=1)]
    tree = linkage(np.clip(distances, 0.0, None), method="average")
    # A merge at distance d joins groups whose mean score is 1 - d.
    labels = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    clusters = []
    for label in np.unique(labels):
        local = np.flatnonzero(labels == label)
        if len(local) < 2:
            continue
        inner = matrix[np.ix_(local, local)].sum(axis=1)
        representative = int(members[local[int(np.argmax(inner))]])
        clusters.append(Cluster([int(m) for m in members[local]], representative))
    return clusters


def _pivot(pairs: np.ndarray, scores: np.ndarray) -> list[Cluster]:
    """Pivot clustering: the most linked member takes its unclaimed neighbours, and so on.

    In arrays (a CSR adjacency, strengths by `bincount`): the big components of
    an archive hold tens of millions of pairs, too many for Python objects."""
    nodes, local = np.unique(pairs, return_inverse=True)
    local = local.reshape(pairs.shape)
    m = len(nodes)
    strength = np.bincount(local[:, 0], weights=scores, minlength=m) + np.bincount(local[:, 1], weights=scores, minlength=m)
    # Rounded, so that equal strengths summed in another order tie, and the lower id goes first.
    strength = np.round(strength, SCORE_DIGITS)
    ends = np.concatenate([local[:, 0], local[:, 1]])
    adjacency = csr_matrix((np.ones(len(ends), dtype=np.int8), (ends, np.concatenate([local[:, 1], local[:, 0]]))), shape=(m, m))
    indptr, indices = adjacency.indptr, adjacency.indices
    del ends, local, adjacency
    order = np.lexsort((nodes, -strength))
    taken_by = pivot_labels(indptr, indices, order)
    # A pivot that found no untaken neighbour is a family of one: no cluster.
    by_pivot = np.argsort(taken_by, kind="stable")
    bounds = np.flatnonzero(np.r_[True, taken_by[by_pivot][1:] != taken_by[by_pivot][:-1], True])
    # Local indices follow the sorted nodes, so each group's members come sorted.
    return [
        Cluster(nodes[by_pivot[start:stop]].tolist(), int(nodes[taken_by[by_pivot[start]]]))
        for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
        if stop - start > 1
    ]
