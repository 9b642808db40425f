"""Clusters -> one draft sentence each.

The extractive summariser is the baseline and the fallback of every other summariser: it takes
the cluster's best statement, the member that most sources echo and that reads on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Protocol, Sequence

from .types import Cluster, Draft, Rejection, Sentence

if TYPE_CHECKING:  # annotations only: the CLI imports this module, and embed imports numpy
    import numpy as np

    from .embed import Embedder

class Summariser(Protocol):
    name: str

    def warm_up(self) -> None: ...

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence],
                  vectors: Mapping[str, np.ndarray], embedder: Embedder) -> list[Draft]:
        """One Draft per cluster, in the order given. `vectors` embeds every sentence (the
        pipeline's pool); `embedder` is there for text the summariser writes itself."""
        ...


def best_sentence(cluster: Cluster, sentences: Mapping[str, Sentence]) -> Sentence:
    """Clusters list their members best first (cluster.rank, then selection.select)."""
    return sentences[cluster.sentence_ids[0]]


class ExtractiveSummariser:
    name = "extractive"

    def warm_up(self) -> None:
        """Nothing to load."""

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence],
                  vectors: Mapping[str, np.ndarray], embedder: Embedder) -> list[Draft]:
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

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence],
                  vectors: Mapping[str, np.ndarray], embedder: Embedder) -> list[Draft]:
        drafts = []
        for c in clusters:
            s = min((sentences[i] for i in c.sentence_ids), key=lambda x: (x.start, x.doc_id))
            drafts.append(Draft(c.id, s.text, "extracted", s.id))
        return drafts


# One-shot, with invented but plausible news, so the model sees the task done the way we verify
# it: names, numbers and dates copied as written, nothing added. The prompt is kept short on
# purpose: on a CPU, reading the prompt (prefill) costs more than writing the answer.
SYSTEM = (
    "Merge the news sentences into one short sentence. Use only their facts. "
    "Copy names, numbers and dates exactly as written. Answer with the sentence only."
)
EXAMPLES = [
    (
        "1. Flooding forced 2,000 residents of Port Elm to leave their homes on Monday, the mayor said.\n"
        "2. About 2,000 people were evacuated in Port Elm on Monday after the river burst its banks.",
        "Flooding forced 2,000 residents of Port Elm to leave their homes on Monday.",
    ),
]
MAX_MEMBERS = 3
# Members this close (cosine) to the cluster's best statement report the same fact; looser ones
# are left out of the prompt so the model cannot splice two facts into one false sentence.
SAME_FACT = 0.7
BUDGET_SLACK = 4  # tokens beyond the longest source: room for a different split of the same words


def fusion_prompt(members: Sequence[str]) -> list[dict[str, str]]:
    """One chat prompt per cluster; the best statement comes first."""
    messages = [{"role": "system", "content": SYSTEM}]
    for question, answer in EXAMPLES:
        messages += [{"role": "user", "content": f"Sentences:\n{question}\nOne sentence:"},
                     {"role": "assistant", "content": answer}]
    listed = "\n".join(f"{i}. {' '.join(m.split())}" for i, m in enumerate(members[:MAX_MEMBERS], start=1))
    messages.append({"role": "user", "content": f"Sentences:\n{listed}\nOne sentence:"})
    return messages


def answered(text: str) -> bool:
    """The model has written its one sentence: clean_candidate would drop anything after this."""
    from .segment import split_sentences  # nltk: not for runs that find nothing to do

    return "\n" in text.lstrip() or len(split_sentences(text)) > 1


class AbstractiveSummariser:
    """Fuses each cluster with a local language model, then verifies the result against the
    cluster's sentences; a candidate that fails is replaced by the best source sentence."""

    name = "abstractive"
    uses_generator = True

    def __init__(self, generator: str = "smollm2", device: str = "auto", batch_size: int = 16, max_new_tokens: int = 64) -> None:
        from .generate import Generator

        self.generator = Generator(generator, device=device, max_new_tokens=max_new_tokens)
        self.batch_size = batch_size

    @property
    def ref(self) -> dict:
        return {"name": self.generator.spec, "id": self.generator.model_id, "revision": self.generator.revision}

    @property
    def stats(self) -> dict:
        return self.generator.stats

    def warm_up(self) -> None:
        self.generator.warm_up()

    @staticmethod
    def _same_fact(cluster: Cluster, sentences: Mapping[str, Sentence],
                   vectors: Mapping[str, np.ndarray]) -> tuple[list[str], np.ndarray]:
        """The cluster's best statement and the members close enough to it to report the same
        fact, with their vectors (verification reuses them)."""
        import numpy as np

        ids = cluster.sentence_ids[: MAX_MEMBERS * 2]
        v = np.array([vectors[i] for i in ids])
        keep = [0, *(k for k in range(1, len(ids)) if float(v[k] @ v[0]) >= SAME_FACT)][:MAX_MEMBERS]
        return [sentences[ids[k]].text for k in keep], v[keep]

    def summarise(self, clusters: Sequence[Cluster], sentences: Mapping[str, Sentence],
                  vectors: Mapping[str, np.ndarray], embedder: Embedder) -> list[Draft]:
        from .verify import clean_candidate, verify

        if not clusters:
            return []
        chosen = [self._same_fact(c, sentences, vectors) for c in clusters]
        members = [texts for texts, _ in chosen]
        # A fused sentence longer than its longest source is rejected, so its writing is cut there.
        budgets = [max(self.generator.count_tokens(t) for t in m) + BUDGET_SLACK for m in members]
        raw = self.generator.generate(
            [fusion_prompt(m) for m in members], batch_size=self.batch_size, budgets=budgets, done=answered
        )
        candidates = [clean_candidate(r) for r in raw]
        candidate_vectors = embedder.embed(candidates)
        drafts = []
        for c, (texts, source_vectors), candidate, vector in zip(clusters, chosen, candidates, candidate_vectors):
            base = best_sentence(c, sentences)
            verdict = verify(candidate, texts, vector, source_vectors)
            if verdict.ok:
                drafts.append(Draft(c.id, candidate, "fused", base.id))
            else:
                drafts.append(Draft(c.id, base.text, "extracted", base.id, (Rejection(candidate, verdict.reason or "failed"),)))
        return drafts


SUMMARISERS: dict[str, type] = {"extractive": ExtractiveSummariser, "lead": LeadSummariser, "abstractive": AbstractiveSummariser}
