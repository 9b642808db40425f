"""Clusters -> one draft sentence each.

The extractive summariser is the baseline and the fallback of every other summariser: it takes
the cluster's best statement, the member that most sources echo and that reads on its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

from ..types import Cluster, Draft, Rejection, Sentence
from .subjects import unnamed_subject

if TYPE_CHECKING:  # annotations only: the CLI imports this module, and embed imports numpy
    import numpy as np

    from ..inference.embed import Embedder
    from .verify import Verdict


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
# With the structural checks a candidate cannot add, move or turn around a fact of its sources, so
# the similarity bar only keeps it on the cluster's fact; verify's 0.75 turned away faithful
# deletions ("The astronauts took up a replacement part." at 0.63, "Ministry officials toured the
# area last Thursday." at 0.74).
FUSED_SIMILARITY = 0.6


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


# Deletions a reader does not miss: asides and background around a sentence's main clause.
# A phrase that opens the sentence is cut only when it sets a scene ("Following the bombing,"),
# never when it sets a time, a condition, a scope or a source ("Two months ago,", "Unless ...",
# "For Romney,", "According to ...", "As Reuters reports,"). A whole clause may go with the
# dates and negations inside it; a clause that conditions or reports the rest stays.
SCENE_PREPS = frozenset({"following", "after", "despite", "amid", "amidst", "in", "with", "during", "at"})
SCENE_MARKS = frozenset({"", "as", "while", "when", "although", "though", "after", "because"})
ASIDE_MARKS = frozenset({"though", "although", "while", "whereas", "as", "after", "because"})
FRAME = frozenset(
    "ago earlier later previously formerly once now then still already yet until before since "
    "only except not never no without".split()
)
CONDITION = frozenset("if unless until provided providing assuming pending barring according".split())
DASHES = (",", "--", "—", "_")  # a dash opens an aside only where it runs to the end
TAIL_PREPS = frozenset({"including", "with"})  # "..., with investigators not ruling out ..."
FIGURES = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp"})


def trims(text: str) -> list[str]:
    """Shorter versions of one sentence made only by deleting asides from its parse: scene-setting
    openers, comma-set relative clauses and descriptions of a name, trailing participle,
    concessive and temporal clauses, parentheses. All of them first, then each alone. A clause
    that carries a fact of its own ("..., but agreed to strengthen coordination") or a count
    ("which killed three and injured 11") stays: the brief would lose it. Each result is a
    candidate like any other and is verified like one."""
    from .parser import docs
    from .structure import SPEECH, condition_prep, in_case

    doc = docs([text])[0]
    if len(list(doc.sents)) != 1:
        return []
    root = next(iter(doc.sents)).root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)

    def mark(t) -> str:
        return next((c.lower_ for c in t.children if c.dep_ == "mark"), "")

    def clause(t) -> int:  # the verb heading the clause t is in ("was" of "was accused" is not one)
        return next((a.i for a in [t, *t.ancestors] if a.dep_ in CLAUSE_HEADS), root.i)

    def aside(lo: int, hi: int, noun=None) -> tuple[int, int]:  # noun: what the aside hangs on
        """[lo, hi) with the comma before it. The comma after goes too when what follows is in
        the same clause ("X, who ..., said"; "arrested Y, who fled, on Monday") and stays where it
        sets off another clause or closes a name's own aside ("bought Y, a ..., executives said";
        "The dissident, Yao, who ..., is")."""
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        if hi + 1 < len(doc) and doc[hi].text == "," and doc[hi + 1].lower_ not in ("according", "and", "but", "or"):
            listed = noun is not None and (
                noun.dep_ == "appos" or any(c.dep_ == "appos" and noun.i < c.i < lo for c in noun.children)
            )
            if not listed and (noun is None or clause(noun) == clause(doc[hi + 1])):
                hi += 1
        return lo - 1, hi

    asides = []
    for c in root.children:
        lo, hi = c.left_edge.i, c.right_edge.i + 1
        before = doc[lo - 1].text if lo else ""
        ends = hi >= len(doc) - 1  # nothing but the full stop after it
        # Not a scene: "In case the arm fails, ..." (a condition), "Asked whether ..., X said" (what a
        # quotation answers).
        if (
            subject is not None
            and hi <= subject.left_edge.i
            and hi < len(doc)
            and doc[hi].text == ","
            and (
                c.dep_ == "prep"
                and c.lower_ in SCENE_PREPS
                and not condition_prep(c)
                or c.dep_ == "advcl"
                and mark(c) in SCENE_MARKS
                and not in_case(c)
                and c.lemma_.lower() != "ask"
            )
        ):
            asides.append((lo, hi + 1))
        elif lo > root.i and c.dep_ == "advcl" and mark(c) in ASIDE_MARKS:
            asides.append(aside(lo, hi) if before == "," else (lo, hi))
        elif (
            lo > root.i
            and before in DASHES[1:]
            and ends
            and (c.dep_ == "advcl" and c.tag_ == "VBG" and not mark(c) or c.dep_ == "prep" and c.lower_ in TAIL_PREPS)
        ):
            asides.append((lo - 1, hi))
    for t in doc:
        lo, hi = t.left_edge.i, t.right_edge.i + 1
        if lo < 2 or doc[lo - 1].text != ",":
            continue
        closes = hi >= len(doc) - 1 or doc[hi].text == ","  # "..., putting X at risk." / "..., with Y, police said."
        if (
            closes
            and t.i > t.head.i
            and (t.dep_ == "advcl" and t.tag_ == "VBG" and not mark(t) or t.dep_ == "prep" and t.lower_ in TAIL_PREPS)
        ):
            asides.append(aside(lo, hi, t.head))
        elif t.dep_ == "relcl" or t.dep_ == "acl" and t.tag_ == "VBN":
            asides.append(aside(lo, hi, t.head))
        elif (
            t.dep_ == "appos"
            and t.pos_ == "NOUN"
            and (t.head.pos_ == "PROPN" or hi >= len(doc) - 1 and t.i > root.i)
            and not any(c.dep_ == "cc" for c in t.children)
        ):  # "A, B and C" is a list, not a description
            asides.append(aside(lo, hi, t.head))
        elif t.dep_ == "conj" and lo > 3 and doc[lo - 3 : lo].text.lower() == "as well as":
            asides.append(aside(lo - 3, hi, t.head))
    for t in doc:
        close = next((x.i for x in doc[t.i :] if x.text == ")"), None) if t.text == "(" else None
        if close is not None and not any(x.pos_ in ("VERB", "AUX") for x in doc[t.i : close]):  # "(1.2 miles)"
            asides.append((t.i, close + 1))

    def safe(span: tuple[int, int]) -> bool:
        """Never cut who speaks or on what condition (a condition inside a cut clause goes with
        it), a count, or (in a phrase rather than a clause) a time, a negation or a scope."""
        lo, hi = span
        if not 0 <= lo < hi or hi - lo >= len(doc) - 3:
            return False
        words = doc[lo:hi]
        heads = [t for t in words if not lo <= t.head.i < hi or t.head.i == t.i]
        if any(
            t.lower_ in CONDITION
            or mark(t) in CONDITION
            or t.dep_ == "ROOT"
            or t.lemma_.lower() in SPEECH
            and t.dep_ in ("advcl", "parataxis")
            for t in heads
        ):
            return False
        if any(t.ent_type_ in FIGURES for t in words):
            return False  # a count is a fact the brief must not lose ("which killed three and injured 11")
        clause = any(t.pos_ in ("VERB", "AUX") for t in words)
        return clause or not any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in FRAME or t.dep_ == "neg" for t in words)

    asides = sorted({sp for sp in asides if safe(sp)}, key=lambda sp: sp[0] - sp[1])
    order = ([asides] if len(asides) > 1 else []) + [[sp] for sp in asides]
    out = []
    for chosen in order:
        drop = {i for lo, hi in chosen for i in range(lo, hi)}
        kept = [t for t in doc if t.i not in drop]
        words = "".join(t.text + (" " if t.whitespace_ or t.i + 1 in drop else "") for t in kept)
        words = re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(words.split())).strip(" ,;:_-")
        if text.rstrip()[-1:] in ".!?" and words[-1:] not in (".", "!", "?", '"', "”"):
            words += text.rstrip()[-1]
        words = words[:1].upper() + words[1:]
        # "Although the budget grew, the board still insists ..." cut to "The board still insists
        # ...": which board went with the cut, and the sentence could no longer open a brief.
        if unnamed_subject(words) and not unnamed_subject(" ".join(text.split())):
            continue
        if len(words) > 1 and words != " ".join(text.split()) and words not in out:
            out.append(words)
    return out


def verify_trim(
    member: str, trim: str, texts: Sequence[str], vector: np.ndarray, source_vectors: np.ndarray
) -> Verdict:
    """Verify a trim of `member` (one of the cluster's `texts`) like any candidate, except where the
    parser misreads the shortened sentence alone ("Rail Co. agreed to buy Tram Corp., people in the
    talks said." read with "people" as a description of Tram Corp.): if it read the member whole
    and the trim keeps the member's main verb and subject, the trim has the member's structure
    less its asides, and its words and meaning are still checked."""
    from .parser import docs
    from .structure import parse
    from .verify import INCOMPLETE, verify

    verdict = verify(trim, texts, vector, source_vectors, min_similarity=FUSED_SIMILARITY)
    if verdict.reason != INCOMPLETE or not parse(member).complete:
        return verdict
    root = next(iter(docs([member])[0].sents)).root
    frame = [root, *(c for c in root.children if c.dep_ in ("nsubj", "nsubjpass"))]
    kept = {w.strip(".") for w in re.findall(r"[\w'’.-]+", trim)}  # "said." at the end is "said"
    if len(frame) < 2 or any(t.text.strip(".") not in kept for t in frame):
        return verdict
    return verify(trim, texts, vector, source_vectors, min_similarity=FUSED_SIMILARITY, structural=False)


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
        # words that said which board are gone, and the sentence could not open a brief.
        verdicts = [
            Verdict(False, "its subject lost the words that say what it is")
            if v.ok and unnamed_subject(cand) and not unnamed_subject(display(best_sentence(c, sentences).text))
            else v
            for v, cand, c in zip(verdicts, candidates, clusters)
        ]
        # Where the model's sentence fails, the safe operation: a member (the best statement
        # first) with its asides deleted (trims), verified the same way. Embedded in one batch.
        shorter = {k: [(m, t) for m in members[k] for t in trims(m)] for k, v in enumerate(verdicts) if not v.ok}
        flat = [t for k in sorted(shorter) for _, t in shorter[k]]
        flat_vectors = dict(zip(flat, embedder.embed(flat))) if flat else {}
        docs(flat)
        drafts = []
        for k, (c, (texts, source_vectors)) in enumerate(zip(clusters, chosen)):
            base = best_sentence(c, sentences)
            if verdicts[k].ok:
                drafts.append(Draft(c.id, candidates[k], "fused", base.id))
                continue
            rejected = [Rejection(candidates[k], verdicts[k].reason or "failed")]
            for member, text in shorter[k]:
                verdict = verify_trim(member, text, texts, flat_vectors[text], source_vectors)
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
