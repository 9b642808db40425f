"""Two brief sentences about one subject become one sentence.

"Ortiz said the crane had passed its inspection." and "Ortiz said the quay would reopen." read
as "Ortiz said that the crane had passed its inspection and that the quay would reopen."; "The
port authority closed the terminal." and "The port authority says four workers were hurt." as
"The port authority closed the terminal and says ...". The subject (and a shared verb of
saying) is written once and every other word is kept as it stood: a fusion safe by construction
(issue 12: joining sentences that share their subject). So it is only done where nothing can
move from one part to the other: the same subject words, opening both sentences with no aside;
for a shared verb, nothing beside it (a date before the reported clause could be the saying's or
the clause's); for two predicates, no clause inside the first that "and ..." could go on; no
quotation. A joined sentence cites both sentences' spans.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Sequence

from ..types import BriefSentence
from .names import unintroduced
from .subjects import unintroduced_subjects

# Verbs of saying whose reported clauses can share one verb.
SAYING = frozenset(
    "say tell add report announce confirm write explain note warn insist argue claim believe allege predict".split()
)
MAX_WORDS = 50  # longer than this, two sentences read better than one
QUOTES = frozenset({'"', "“", "”", "``", "''"})
CLAUSES = frozenset("ccomp xcomp advcl relcl acl conj parataxis csubj".split())
PRONOUNS = frozenset("he she it they i we you this that these those".split())


def _subject(doc: Any) -> tuple[Any, Any] | None:
    """(root, subject) of a one-sentence statement that opens with its subject, ends with a full
    stop, quotes nobody and joins nothing at its top ("X did A and B", "X did A, but Y did B")."""
    sents = list(doc.sents)
    if len(sents) != 1 or doc[-1].text != "." or any(t.text in QUOTES for t in doc):
        return None
    root = sents[0].root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if root.pos_ not in ("VERB", "AUX") or len(subjects) != 1 or any(c.dep_ in ("cc", "conj") for c in root.children):
        return None
    subj = subjects[0]
    if subj.left_edge.i != 0 or subj.lower_ in PRONOUNS or doc[subj.right_edge.i + 1].is_punct:
        return None  # "Smith, 54, said": an aside after the subject
    return root, subj


def _said(doc: Any) -> tuple[str, str, str] | None:
    """(subject, verb, clause) of "<subject> <verb> [that] <clause>." and nothing else."""
    found = _subject(doc)
    if found is None:
        return None
    root, subj = found
    kids = [c for c in root.children if not (c.dep_ == "punct" and c.i == len(doc) - 1)]
    comp = next((c for c in kids if c.dep_ == "ccomp"), None)
    if root.lemma_.lower() not in SAYING or comp is None or len(kids) != 2 or subj.right_edge.i + 1 != root.i:
        return None
    start = comp.left_edge.i
    if start != root.i + 1 or comp.right_edge.i != len(doc) - 2:
        return None  # a date or a place beside the verb, or something after the clause
    marked = doc[start].lower_ == "that" and doc[start].dep_ == "mark"
    inner = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(inner) != 1 or inner[0].left_edge.i != start + marked:
        return (
            None  # "said on Friday the crane ...": whether Friday is the saying's or the crane's, the parse cannot tell
        )
    clause = doc[start + 1 if marked else start : len(doc) - 1].text
    if " and that " in f" {clause} ":
        return None  # already two reported clauses
    return doc[: subj.right_edge.i + 1].text, root.text, clause


def _plain(doc: Any) -> tuple[str, str, bool] | None:
    """(subject, the rest less its full stop, whether the rest holds a second verb)."""
    found = _subject(doc)
    if found is None:
        return None
    root, subj = found
    rest = doc[subj.right_edge.i + 1 : len(doc) - 1]
    clauses = root.lemma_.lower() in SAYING or any(
        t.dep_ in CLAUSES or t.pos_ == "VERB" and t.i != root.i for t in rest
    )
    return doc[: subj.right_edge.i + 1].text, rest.text, clauses


def _same_person(full: str, short: str, texts: Sequence[str]) -> bool:
    """`short` is the surname that ends the name `full` ("Nico Fournier", "Volcanologist Nico
    Fournier"), and no other person of that surname is named in `texts` ("Ben Ullestad" and
    "Brad Ullestad": "Ullestad" could be either)."""
    parts = full.split()
    if not re.fullmatch(r"[A-Z][\w'’-]+", short) or len(parts) < 2 or parts[-1] != short or not parts[-2][:1].isupper():
        return False
    firsts = {m for t in texts for m in re.findall(rf"\b([A-Z][\w'’-]*\.?) {re.escape(short)}\b", t)}
    return firsts <= {parts[-2]}


def joined(first: str, second: str, texts: Sequence[str] = ()) -> str | None:
    """The one sentence `first` and `second` make, or None when they cannot be joined safely.

    Two reports by one speaker with one verb: "<S> said that <A> and that <B>." Otherwise two
    statements about one subject: "<S> <rest of first> and <rest of second>.", only where the
    first has no verb but its main one, so that "and <verb>" cannot be read as going on a clause
    inside it ("police said the driver fled and ..." is left alone). The subject is written the
    same in both, or the first names a person whom the second calls by surname alone, and no one
    else of that surname appears in `texts` (the brief)."""
    from .parser import docs

    def same(a: str, b: str) -> bool:
        return a == b or _same_person(a, b, [*texts, first, second])

    a, b = docs([first, second])
    said_a, said_b = _said(a), _said(b)
    if said_a and said_b and said_a[1] == said_b[1] and same(said_a[0], said_b[0]):
        text = f"{said_a[0]} {said_a[1]} that {said_a[2]} and that {said_b[2]}."
    else:
        plain_a, plain_b = _plain(a), _plain(b)
        if not plain_a or not plain_b or not same(plain_a[0], plain_b[0]) or plain_a[2]:
            return None
        text = f"{plain_a[0]} {plain_a[1]} and {plain_b[1]}."
    return text if len(text.split()) <= MAX_WORDS else None


def join_plan(texts: Sequence[str]) -> list[tuple[int, int, str]]:
    """Which sentences of a brief (in reading order) join: (kept, folded in, text), each sentence in
    at most one join; the later sentence is folded into the earlier one."""
    used: set[int] = set()
    plan = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if i in used or j in used:
                continue
            # "X provided a file." after "X says ...": the verb-only sentence goes first.
            text = joined(texts[i], texts[j], texts) or joined(texts[j], texts[i], texts)
            if text is not None:
                plan.append((i, j, text))
                used.update((i, j))
    return plan


def join_sentences(kept: Sequence[BriefSentence], known: frozenset[str] = frozenset()) -> list[BriefSentence]:
    """The brief with each planned join made: the joined sentence stands where the earlier one
    stood and cites the spans of both. A join that would put a surname before the sentence that
    introduces the person (pipeline.stages.names), or a subject that names nothing before the
    sentence that says what it is (pipeline.stages.subjects.subject_words), is not made."""

    def riddles(texts: list[str]) -> int:  # sentences that use a person or a thing before the brief says who or what
        return sum(map(bool, unintroduced(texts, known))) + sum(unintroduced_subjects(texts))

    out: list[BriefSentence | None] = list(kept)
    for i, j, text in join_plan([s.text for s in kept]):
        first, second = kept[i], kept[j]
        cited = {(sp.path, sp.start, sp.end) for sp in first.sources}
        sources = first.sources + tuple(sp for sp in second.sources if (sp.path, sp.start, sp.end) not in cited)
        trial = list(out)
        trial[i], trial[j] = (
            replace(first, text=text, method="fused", sources=sources, rejected=first.rejected + second.rejected),
            None,
        )
        texts = [s.text for s in trial if s is not None]
        if riddles(texts) <= riddles([s.text for s in out if s]):
            out = trial
    return [s for s in out if s is not None]
