"""Clusters -> one draft sentence each.

The extractive summariser is the baseline and the fallback of every other summariser: it takes
the cluster's best statement, the member that most sources echo and that reads on its own.
"""

from __future__ import annotations

from typing import Mapping, Protocol, Sequence

from .embed import Embedder
from .types import Cluster, Draft, Sentence

class Summariser(Protocol):
    name: str

    def warm_up(self) -> None: ...

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence], embedder: Embedder) -> list[Draft]:
        """One Draft per cluster, in the order given."""
        ...


def best_sentence(cluster: Cluster, sentences: Mapping[str, Sentence]) -> Sentence:
    """Clusters list their members best first (see cluster.rank)."""
    return sentences[cluster.sentence_ids[0]]


class ExtractiveSummariser:
    name = "extractive"

    def warm_up(self) -> None:
        """Nothing to load."""

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence], embedder: Embedder) -> list[Draft]:
        drafts = []
        for c in clusters:
            s = best_sentence(c, sentences)
            drafts.append(Draft(c.id, s.text, "extracted", s.id))
        return drafts


class LeadSummariser:
    """Model-free baseline: the earliest member of each cluster, as a lead-based brief would."""

    name = "lead"

    def warm_up(self) -> None:
        """Nothing to load."""

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence], embedder: Embedder) -> list[Draft]:
        drafts = []
        for c in clusters:
            s = min((sentences[i] for i in c.sentence_ids), key=lambda x: (x.start, x.doc_id))
            drafts.append(Draft(c.id, s.text, "extracted", s.id))
        return drafts


SUMMARISERS: dict[str, type] = {"extractive": ExtractiveSummariser, "lead": LeadSummariser}
