"""Sentences -> clusters of the same fact, ranked by independent support, then centrality."""

from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from .attribute import SUPPORT_THRESHOLD, support_matrix
from .config import DISTANCE_THRESHOLD  # noqa: F401  (tuned value, kept with the settings; see there)
from .segment import display
from .standalone import standalone
from .types import Cluster, Sentence

# Support score (attribute.support_matrix) at which one sentence backs another.
ECHO = SUPPORT_THRESHOLD


# Longer members are only preferred when nothing shorter is as well supported: a sentence over
# ~35 words usually carries a second fact that the cluster does not share.
READABLE_WORDS = 35


class Clusterer(Protocol):
    def cluster(self, sentences: Sequence[Sentence], vectors: np.ndarray, copies: dict[str, tuple[str, ...]]) -> list[Cluster]:
        """`vectors[i]` embeds `sentences[i]`. Returns clusters best first."""
        ...


def _doc_of(sentence_id: str) -> str:
    return sentence_id.rsplit(":", 1)[0]


def rank(groups: list[list[int]], sentences: Sequence[Sentence], vectors: np.ndarray,
         copies: dict[str, tuple[str, ...]]) -> list[Cluster]:
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
    sims = support_matrix([s.text for s in sentences], vectors)
    support = [
        {sentences[j].doc_id for j in np.flatnonzero(sims[i] >= ECHO)} | {_doc_of(c) for c in copies.get(s.id, ())}
        for i, s in enumerate(sentences)
    ]
    built = []
    for members in groups:
        centroid = vectors[members].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        closeness = vectors[members] @ centroid
        def preference(k: int) -> tuple:
            s = sentences[members[k]]
            return (-len(support[members[k]]), len(s.text.split()) > READABLE_WORDS, not standalone(display(s.text)),
                    -round(float(closeness[k]), 6), members[k])

        order = sorted(range(len(members)), key=preference)
        ids = tuple(sentences[members[k]].id for k in order)
        counts = tuple(len(support[members[k]]) for k in order)
        built.append((counts[0], float(centroid @ centre), min(members), ids, counts))
    built.sort(key=lambda b: (-b[0], -round(b[1], 6), b[2]))
    return [
        Cluster(id=i, sentence_ids=ids, n_sources=n, centrality=round(c, 6), score=round(n + c, 6), support=counts)
        for i, (n, c, _, ids, counts) in enumerate(built)
    ]


class AgglomerativeClusterer:
    """Average-linkage agglomerative clustering on cosine distance (scikit-learn)."""

    def __init__(self, distance_threshold: float = DISTANCE_THRESHOLD) -> None:
        self.distance_threshold = distance_threshold

    def warm_up(self) -> None:
        """Nothing to load."""

    def cluster(self, sentences: Sequence[Sentence], vectors: np.ndarray, copies: dict[str, tuple[str, ...]]) -> list[Cluster]:
        if len(sentences) == 0:
            return []
        if len(sentences) == 1:
            labels = np.zeros(1, dtype=int)
        else:
            labels = AgglomerativeClustering(
                n_clusters=None, metric="cosine", linkage="average", distance_threshold=self.distance_threshold
            ).fit_predict(vectors)
        groups: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(int(label), []).append(i)
        return rank(list(groups.values()), sentences, vectors, copies)


class SingletonClusterer:
    """Model-free baseline: every sentence is its own cluster, ranked the same way."""

    def warm_up(self) -> None:
        """Nothing to load."""

    def cluster(self, sentences: Sequence[Sentence], vectors: np.ndarray, copies: dict[str, tuple[str, ...]]) -> list[Cluster]:
        return rank([[i] for i in range(len(sentences))], sentences, vectors, copies) if len(sentences) else []


CLUSTERERS = {"agglomerative": AgglomerativeClusterer, "singleton": SingletonClusterer}
