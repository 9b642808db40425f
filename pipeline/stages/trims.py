"""Shorter versions of a source sentence made only by deleting asides from its parse, and their
verification (the safe operation where a model's sentence fails: pipeline.stages.summarise).

A deletion may drop an aside a reader does not miss; it may never drop who claims what it keeps,
its condition, the half of a contrast that carries the point, a word that says who, how many or
when, nor leave a description beside another word (pipeline.stages.deletions, issue 26).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .deletion_rules import deletion_problem
from .deletions import Deletion
from .lexicon import condition_prep, in_case
from .structure import SPEECH
from .subjects import unnamed_subject

if TYPE_CHECKING:
    import numpy as np

    from .verify import Verdict

# With the structural checks a candidate cannot add, move or turn around a fact of its sources, so
# the similarity bar only keeps it on the cluster's fact; verify's 0.75 turned away faithful
# deletions (a crew "carried up a spare valve." at 0.63, officials who "visited the site last
# Monday." at 0.74).
FUSED_SIMILARITY = 0.6


@dataclass(frozen=True)
class Cut:
    """A shorter version of a sentence: its text and the indices of the parsed sentence's tokens it keeps."""

    text: str
    kept: frozenset[int]


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


def cuts(text: str) -> list[Cut]:
    """Shorter versions of one sentence made only by deleting asides from its parse: scene-setting
    openers, comma-set relative clauses and descriptions of a name, trailing participle,
    concessive and temporal clauses, parentheses. All of them first, then each alone. A clause
    that carries a fact of its own ("..., but agreed to strengthen coordination") or a count
    ("which killed three and injured 11") stays: the brief would lose it. Each result is checked
    against what a deletion may never do (`refusal`), then verified like any other candidate."""
    from .parser import docs

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
    out: list[Cut] = []
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
        if len(words) > 1 and words != " ".join(text.split()) and words not in [c.text for c in out]:
            out.append(Cut(words, frozenset(t.i for t in kept)))
    return out


def refusal(text: str, cut: Cut) -> str | None:
    """Why `cut` may not stand for `text` (pipeline.stages.deletions), or None."""
    d = Deletion.of(text, cut.text, cut.kept)
    return "not the sentence less some words" if d is None else deletion_problem(d)


def trims(text: str) -> list[str]:
    """The shorter versions of `text` that no deletion rule refuses, longest cut first."""
    return [c.text for c in cuts(text) if refusal(text, c) is None]


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
