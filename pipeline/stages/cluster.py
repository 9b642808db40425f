"""Sentences -> clusters of the same fact, ranked by independent support, then centrality."""

from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering

from ..config import DISTANCE_THRESHOLD  # noqa: F401  (tuned value, kept with the settings; see there)
from ..types import Cluster, Sentence
from .attribute import BLOCK_CELLS, SUPPORT_THRESHOLD, support_matrix, support_rows
from .segment import display
from .standalone import standalone

# Support score (attribute.support_matrix) at which one sentence backs another.
ECHO = SUPPORT_THRESHOLD


# Longer members are only preferred when nothing shorter is as well supported: a sentence over
# ~35 words usually carries a second fact that the cluster does not share.
READABLE_WORDS = 35

# Up to this many sentences, clustering and support counting use n x n matrices (about 28 bytes
# x n^2: 0.25 GB here); above it, sparse neighbour graphs and blocks of rows, so that memory
# grows with n (issue 15). Both give the same clusters; the dense path is today's exact code.
DENSE_LIMIT = 3_000
# Above DENSE_LIMIT, a connected group of close sentences larger than this is clustered on its
# K_NEIGHBOURS nearest neighbours' graph (scikit-learn's connectivity), not all its pairs.
MAX_COMPONENT = 3_000
K_NEIGHBOURS = 30
# Edges kept per sentence in the neighbour graph: bounds its memory (n x 50 edges). The sparse
# path equals the dense one unless a sentence has more than this many others within the threshold.
MAX_NEIGHBOURS = 50


class Clusterer(Protocol):
    def cluster(
        self, sentences: Sequence[Sentence], vectors: np.ndarray, copies: dict[str, tuple[str, ...]]
    ) -> list[Cluster]:
        """`vectors[i]` embeds `sentences[i]`. Returns clusters best first."""
        ...


def _doc_of(sentence_id: str) -> str:
    return sentence_id.rsplit(":", 1)[0]


def rank(
    groups: list[list[int]],
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    copies: dict[str, tuple[str, ...]],
    dense_limit: int = DENSE_LIMIT,
) -> list[Cluster]:
    """Order members best first; clusters by (sources, centrality).

    Best member: most support, then readable length, then reads on its own, then closest to
    the cluster's centre.

    A member's support is the set of documents with a sentence that supports it (the attribution
    score, >= ECHO, anywhere in the incident) plus its near-verbatim copies: one article repeating itself is still one
    source. A cluster is as well supported as its best member, so a loose cluster does not
    borrow support from facts it only brushes against.
    """
    centre = vectors.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    texts = [s.text for s in sentences]
    if len(sentences) <= dense_limit:
        sims = support_matrix(texts, vectors)
        backers = [np.flatnonzero(sims[i] >= ECHO) for i in range(len(sentences))]
    else:
        backers = support_rows(texts, vectors, ECHO)
    support = [
        {sentences[int(j)].doc_id for j in backers[i]} | {_doc_of(c) for c in copies.get(s.id, ())}
        for i, s in enumerate(sentences)
    ]
    built = []
    for members in groups:
        centroid = vectors[members].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        order = _best_first(members, vectors[members] @ centroid, sentences, support)
        ids = tuple(sentences[members[k]].id for k in order)
        counts = tuple(len(support[members[k]]) for k in order)
        built.append((counts[0], float(centroid @ centre), min(members), ids, counts))
    built.sort(key=lambda b: (-b[0], -round(b[1], 6), b[2]))
    return [
        Cluster(id=i, sentence_ids=ids, n_sources=n, centrality=round(c, 6), score=round(n + c, 6), support=counts)
        for i, (n, c, _, ids, counts) in enumerate(built)
    ]


def _best_first(
    members: list[int], closeness: np.ndarray, sentences: Sequence[Sentence], support: list[set[str]]
) -> list[int]:
    """Positions in `members`, best member first (see `rank`); `closeness[k]`: member k's cosine
    to the cluster's centroid."""

    def preference(k: int) -> tuple:
        s = sentences[members[k]]
        return (
            -len(support[members[k]]),
            len(s.text.split()) > READABLE_WORDS,
            not standalone(display(s.text)),
            -round(float(closeness[k]), 6),
            members[k],
        )

    return sorted(range(len(members)), key=preference)


def neighbour_graph(
    vectors: np.ndarray, floor: float, k: int = MAX_NEIGHBOURS, block_cells: int = BLOCK_CELLS
) -> csr_matrix:
    """Sparse n x n graph: each sentence's (up to) k nearest others with cosine >= floor, built a
    block of rows at a time, so memory grows with n x k, not n^2. Not symmetric."""
    n = len(vectors)
    rows, cols, vals = [], [], []
    step = max(1, block_cells // max(n, 1))
    for lo in range(0, n, step):
        sims = vectors[lo : lo + step] @ vectors.T
        sims[np.arange(len(sims)), np.arange(lo, lo + len(sims))] = -np.inf  # not its own neighbour
        if n > k:
            j = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            i = np.repeat(np.arange(len(sims)), k)
            j = j.ravel()
        else:
            i, j = np.nonzero(np.ones_like(sims, dtype=bool))
        keep = sims[i, j] >= floor
        rows.append(i[keep] + lo)
        cols.append(j[keep])
        vals.append(sims[i[keep], j[keep]])
    if not rows:
        return csr_matrix((n, n), dtype=np.float32)
    return coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)).tocsr()


def _top_k(graph: csr_matrix, k: int) -> csr_matrix:
    """Each row's k strongest edges, made symmetric."""
    rows, cols = [], []
    for i in range(graph.shape[0]):
        a, b = graph.indptr[i], graph.indptr[i + 1]
        idx, val = graph.indices[a:b], graph.data[a:b]
        best = idx[np.lexsort((idx, -val))[:k]]
        rows.append(np.full(len(best), i))
        cols.append(best)
    r, c = np.concatenate(rows), np.concatenate(cols)
    g = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=graph.shape).tocsr()
    return ((g + g.T) > 0).astype(np.int8).tocsr()


class AgglomerativeClusterer:
    """Average-linkage agglomerative clustering on cosine distance (scikit-learn).

    Above `dense_limit` sentences (issue 15), clusters are found inside the connected groups of
    the graph of pairs closer than the threshold: average linkage only merges clusters whose
    mean distance is under the threshold, so some pair across them is closer than that, and a
    cluster never spans two groups. Each group is clustered exactly as the whole set would be
    (the graph keeps each sentence's MAX_NEIGHBOURS closest: exact unless one has more); a group
    over `max_component` uses its k-nearest-neighbour graph as scikit-learn's connectivity
    (linkage then averages over the graph's edges only)."""

    def __init__(
        self,
        distance_threshold: float = DISTANCE_THRESHOLD,
        dense_limit: int = DENSE_LIMIT,
        max_component: int = MAX_COMPONENT,
        k_neighbours: int = K_NEIGHBOURS,
    ) -> None:
        self.distance_threshold = distance_threshold
        self.dense_limit = dense_limit
        self.max_component = max_component
        self.k_neighbours = k_neighbours

    def warm_up(self) -> None:
        """Nothing to load."""

    def _fit(self, vectors: np.ndarray, connectivity: csr_matrix | None = None) -> np.ndarray:
        return AgglomerativeClustering(
            n_clusters=None,
            metric="cosine",
            linkage="average",
            distance_threshold=self.distance_threshold,
            connectivity=connectivity,
        ).fit_predict(vectors)

    def _groups_sparse(self, vectors: np.ndarray) -> list[list[int]]:
        # A hair under the threshold: pdist and a matrix product may round one pair differently.
        graph = neighbour_graph(vectors, 1.0 - self.distance_threshold - 1e-6)
        n_parts, part = connected_components(graph, directed=False)
        groups: list[list[int]] = []
        for members in _members(part, n_parts):
            if len(members) == 1:
                groups.append(members)
                continue
            idx = np.array(members)
            if len(members) <= self.max_component:
                labels = self._fit(vectors[idx])
                groups.extend([members[k] for k in ks] for ks in _members(labels, int(labels.max()) + 1))
                continue
            near = _top_k(graph[idx][:, idx], self.k_neighbours)
            n_sub, sub = connected_components(near, directed=False)
            for ks in _members(sub, n_sub):
                sub_idx = idx[ks]
                if len(ks) == 1:
                    groups.append([int(sub_idx[0])])
                    continue
                labels = self._fit(vectors[sub_idx], near[ks][:, ks])
                groups.extend([int(sub_idx[k]) for k in kk] for kk in _members(labels, int(labels.max()) + 1))
        return groups

    def cluster(
        self, sentences: Sequence[Sentence], vectors: np.ndarray, copies: dict[str, tuple[str, ...]]
    ) -> list[Cluster]:
        if len(sentences) == 0:
            return []
        # scikit-learn refuses a zero vector with cosine (the hashing embedder gives one to a
        # sentence of stop words only); the graph path leaves it a cluster of its own.
        if len(sentences) > self.dense_limit or not vectors.any(axis=1).all():
            return rank(self._groups_sparse(vectors), sentences, vectors, copies, self.dense_limit)
        if len(sentences) == 1:
            labels = np.zeros(1, dtype=int)
        else:
            labels = self._fit(vectors)
        groups: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(int(label), []).append(i)
        return rank(list(groups.values()), sentences, vectors, copies, self.dense_limit)


def _members(labels: np.ndarray, n_labels: int) -> list[list[int]]:
    """Indices per label, each list in order, lists in label order."""
    out: list[list[int]] = [[] for _ in range(n_labels)]
    for i, label in enumerate(labels):
        out[int(label)].append(i)
    return [m for m in out if m]


class SingletonClusterer:
    """Model-free baseline: every sentence is its own cluster, ranked the same way."""

    def __init__(self, distance_threshold: float = DISTANCE_THRESHOLD) -> None:
        self.distance_threshold = distance_threshold  # no pair is ever merged, at any threshold

    def warm_up(self) -> None:
        """Nothing to load."""

    def cluster(
        self, sentences: Sequence[Sentence], vectors: np.ndarray, copies: dict[str, tuple[str, ...]]
    ) -> list[Cluster]:
        return rank([[i] for i in range(len(sentences))], sentences, vectors, copies) if len(sentences) else []


CLUSTERERS = {"agglomerative": AgglomerativeClusterer, "singleton": SingletonClusterer}
