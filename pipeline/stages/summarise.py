"""Clusters -> one draft sentence each.

The extractive summariser is the baseline and the fallback of every other summariser: it takes
the cluster's best statement, the member that most sources echo and that reads on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

from ..types import Cluster, Draft, Rejection, Sentence
from .deletion_rules import shortened_problem
from .subjects import unnamed_subject
from .trims import FUSED_SIMILARITY, cuts, refusal, verify_trim

if TYPE_CHECKING:  # annotations only: the CLI imports this module, and embed imports numpy
    import numpy as np

    from ..inference.embed import Embedder


# What `brief run` uses unless told otherwise (the product is the fused, verified brief), and the
# library's default: the model-free one, the baseline and fallback of every other.
DEFAULT_SUMMARISER = "abstractive"
BASELINE_SUMMARISER = "extractive"


class Summariser(Protocol):
    """What a summariser declares about itself, so the orchestrator never asks for its name:
    `uses_generator` (it needs the generator model), `writes_names` (it rewrites sentences, so it
    may write a surname's one full name in: pipeline.stages.names.name_in_full), `parser_veto`
    (it loads the dependency parser, which may then keep a sentence with no verb from heading),
    `joins` (two brief sentences about one subject may be joined: pipeline.stages.join)."""

    name: str
    uses_generator: bool
    writes_names: bool
    parser_veto: bool
    joins: bool

    def warm_up(self) -> None: ...

    def summarise(
        self,
        clusters: Sequence[Cluster],
        sentences: Mapping[str, Sentence],
        vectors: Mapping[str, np.ndarray],
        embedder: Embedder,
    ) -> list[Draft]:
        """One Draft per cluster, in the order given. `vectors` embeds every sentence (the
        pipeline's pool); `embedder` is there for text the summariser writes itself."""
        ...


def best_sentence(cluster: Cluster, sentences: Mapping[str, Sentence]) -> Sentence:
    """Clusters list their members best first (cluster.rank, then selection.select)."""
    return sentences[cluster.sentence_ids[0]]


class ExtractiveSummariser:
    name = "extractive"
    # Prints the sources' sentences as they are: no name written in, no join, no parser loaded.
    uses_generator = writes_names = parser_veto = joins = False

    def warm_up(self) -> None:
        """Nothing to load."""

    def summarise(
        self,
        clusters: Sequence[Cluster],
        sentences: Mapping[str, Sentence],
        vectors: Mapping[str, np.ndarray],
        embedder: Embedder,
    ) -> list[Draft]:
        drafts = []
        for c in clusters:
            s = best_sentence(c, sentences)
            drafts.append(Draft(c.id, s.text, "extracted", s.id))
        return drafts


class LeadSummariser:
    """Model-free baseline: the earliest member of each cluster, as a lead-based brief would."""

    name = "lead"
    uses_generator = writes_names = parser_veto = joins = False

    def warm_up(self) -> None:
        """Nothing to load."""

    def summarise(
        self,
        clusters: Sequence[Cluster],
        sentences: Mapping[str, Sentence],
        vectors: Mapping[str, np.ndarray],
        embedder: Embedder,
    ) -> list[Draft]:
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
    )
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
        messages += [
            {"role": "user", "content": f"Sentences:\n{question}\nOne sentence:"},
            {"role": "assistant", "content": answer},
        ]
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
    uses_generator = writes_names = parser_veto = joins = True

    def __init__(
        self, generator: str = "smollm2", device: str = "auto", batch_size: int = 16, max_new_tokens: int = 64
    ) -> None:
        from ..inference.generate import Generator

        self.generator = Generator(generator, device=device, max_new_tokens=max_new_tokens)
        self.batch_size = batch_size

    @property
    def ref(self) -> dict:
        return {"name": self.generator.spec, "id": self.generator.model_id, "revision": self.generator.revision}

    @property
    def stats(self) -> dict:
        return self.generator.stats

    @property
    def parser(self) -> dict:
        """The parser verification reads, for the run record (pipeline.stages.structure)."""
        from .parser import parser_ref

        return parser_ref()

    def warm_up(self) -> None:
        from .parser import load_parser

        self.generator.warm_up()
        load_parser()  # verification parses every candidate and its sources (about 3 s, once)

    @staticmethod
    def _same_fact(
        cluster: Cluster, sentences: Mapping[str, Sentence], vectors: Mapping[str, np.ndarray]
    ) -> tuple[list[str], np.ndarray]:
        """The cluster's best statement and the members close enough to it to report the same
        fact, with their vectors (verification reuses them)."""
        import numpy as np

        ids = cluster.sentence_ids[: MAX_MEMBERS * 2]
        v = np.array([vectors[i] for i in ids])
        keep = [0, *(k for k in range(1, len(ids)) if float(v[k] @ v[0]) >= SAME_FACT)][:MAX_MEMBERS]
        return [sentences[ids[k]].text for k in keep], v[keep]

    def summarise(
        self,
        clusters: Sequence[Cluster],
        sentences: Mapping[str, Sentence],
        vectors: Mapping[str, np.ndarray],
        embedder: Embedder,
    ) -> list[Draft]:
        from .parser import docs
        from .segment import display
        from .verify import Verdict, clean_candidate, verify

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
        docs([*candidates, *(m for texts in members for m in texts)])  # parsed in one batch, then cached
        candidate_vectors = embedder.embed(candidates)
        verdicts = [
            verify(cand, texts, vec, src, min_similarity=FUSED_SIMILARITY)
            for cand, vec, (texts, src) in zip(candidates, candidate_vectors, chosen)
        ]
        # "The board still insists ..." from "Although ..., the board still insists ...": the
        # words that said which board are gone, and the sentence could not open a brief. A
        # sentence that is a member less some words is held to what a trim may not do (issue 26).
        verdicts = [
            Verdict(False, "its subject lost the words that say what it is")
            if v.ok and unnamed_subject(cand) and not unnamed_subject(display(best_sentence(c, sentences).text))
            else Verdict(False, cut)
            if v.ok and (cut := shortened_problem(cand, texts))
            else v
            for v, cand, c, texts in zip(verdicts, candidates, clusters, members)
        ]
        # Where the model's sentence fails, the safe operation: a member (the best statement
        # first) with its asides deleted (trims), verified the same way. Embedded in one batch;
        # a cut a deletion rule refuses is recorded with its reason and never verified.
        shorter = {
            k: [(m, cut.text, refusal(m, cut)) for m in members[k] for cut in cuts(m)]
            for k, v in enumerate(verdicts)
            if not v.ok
        }
        flat = list(dict.fromkeys(t for k in sorted(shorter) for _, t, refused in shorter[k] if refused is None))
        flat_vectors = dict(zip(flat, embedder.embed(flat))) if flat else {}
        docs(flat)
        drafts = []
        for k, (c, (texts, source_vectors)) in enumerate(zip(clusters, chosen)):
            base = best_sentence(c, sentences)
            if verdicts[k].ok:
                drafts.append(Draft(c.id, candidates[k], "fused", base.id))
                continue
            rejected = [Rejection(candidates[k], verdicts[k].reason or "failed")]
            for member, text, refused in shorter[k]:
                verdict = (
                    Verdict(False, refused)
                    if refused
                    else verify_trim(member, text, texts, flat_vectors[text], source_vectors)
                )
                if verdict.ok:
                    drafts.append(Draft(c.id, text, "fused", base.id, tuple(rejected)))
                    break
                rejected.append(Rejection(text, verdict.reason or "failed"))
            else:
                drafts.append(Draft(c.id, base.text, "extracted", base.id, tuple(rejected)))
        return drafts


SUMMARISERS: dict[str, type[Any]] = {
    "extractive": ExtractiveSummariser,
    "lead": LeadSummariser,
    "abstractive": AbstractiveSummariser,
}


def make_summariser(name: str, generator: str = "smollm2", device: str = "auto") -> Summariser:
    """The summariser called `name`; one that declares `uses_generator` gets the generator."""
    if name not in SUMMARISERS:
        raise ValueError(f"unknown summariser {name!r}; choose one of {', '.join(sorted(SUMMARISERS))}")
    cls = SUMMARISERS[name]
    summariser: Summariser = cls(generator=generator, device=device) if cls.uses_generator else cls()
    return summariser


def uses_generator(name: str) -> bool:
    """Whether the summariser called `name` needs the generator model (the manifest records it)."""
    return name in SUMMARISERS and bool(SUMMARISERS[name].uses_generator)
