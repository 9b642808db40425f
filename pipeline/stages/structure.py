"""Sentence -> who does what to whom: frozen relation records for verification (issue 12).

Word and meaning checks pass a fused sentence that keeps the sources' words and topic but turns a
fact around: roles swapped, the actor or the speaker changed, a hypothetical stated as fact, two
facts joined that no source joins (5 of 26 fused sentences of the default briefs, read against
their sources). So the candidate and each source sentence are parsed (spaCy's small English
pipeline, `models/models.toml` role `parser`) and every clause becomes a Relation: its verb, who
does it (agent), to whom (patient, so "X was killed by Y" = "Y killed X"), its details
(prepositional phrases, adverbs), who says or thinks it, how it is asserted (negation,
condition, question, modal, future) and how it hangs on the clause above it. pipeline.stages.verify
compares the records.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Collection, Sequence

from .lexicon import (
    CONDITION_MARKS,
    CONDITION_VERBS,
    NEGATIVE_WORDS,
    QUALIFIERS,
    SPEECH,
    condition_markers,
    in_case,
    protected,
)
from .parser import CACHE, docs

# Clausal dependencies: a token on one of these heads a clause of its own.
CLAUSAL = frozenset("ROOT ccomp xcomp advcl relcl acl conj parataxis pcomp csubj csubjpass".split())
SUBJECT = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
COMPLEMENT = ("dobj", "attr", "acomp", "oprd")
# Words that name the head of a phrase: "911 supervisor Tim Medlin" may be cut to "Tim Medlin".
NAMING = frozenset({"compound", "flat", "nmod", "nummod", "appos", "conj", "poss"})
FUNCTION_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "AUX", "PUNCT", "SPACE", "SYM"})
QUESTION_END = ("?", '?"', "?”", "?'", "?’", "?)")


@dataclass(frozen=True)
class Arg:
    """A participant. `head` must be found among the `core` of the source's participant in the
    same role, and its `words` among that participant's words."""

    head: str
    core: frozenset[str]
    words: frozenset[tuple[str, str]]  # (lemma, lower form) of its content words, clauses inside it left out


@dataclass(frozen=True)
class Relation:
    verb: str  # lemma, with its particle: "carry out"
    agent: Arg | None
    patient: Arg | None
    details: tuple[tuple[str, Arg], ...]  # ("on", Thursday), ("adv", mistakenly), ("", Thursday)
    nested: tuple[tuple[str, Arg], ...]  # phrases it may also carry: inside its participants, of its conjuncts
    holder: tuple[str, Arg] | None  # who says or thinks it: ("say", Peskov)
    modality: frozenset[str]  # neg, cond, conditioned, question, future, modal:would ...
    link: tuple[str, str, str]  # (dependency, marker, governor): ("advcl", "after", "call"); top level ("", "", "")
    passive: bool
    unit: int  # the top-level clause it belongs to (the index of its verb)
    words: frozenset[tuple[str, str]]  # content words of the clause itself
    index: int  # of its verb in the parsed text

    def describe(self) -> str:
        who = self.agent.head if self.agent else "?"
        whom = f" -> {self.patient.head}" if self.patient else ""
        return f"{who} {self.verb}{whom}"


@dataclass(frozen=True)
class Parse:
    text: str
    relations: tuple[Relation, ...]
    words: frozenset[tuple[str, str]]
    entities: frozenset[str]  # lower-cased names, numbers, dates and places
    subjects: tuple[tuple[int, str], ...]  # (unit, head of its subject)
    complete: bool  # every sentence has a verb with a subject at its top
    # Which word modifies which, inside one clause: (clause unit, head word, modifier word) for
    # the candidate; every (ancestor, descendant) pair for a source. Deleting words keeps a
    # modifier under its head, so "Denver Broncos executive Bob Barker" made out of "executive
    # John Elway and ... Bob Barker" is caught.
    edges: tuple[tuple[int, tuple[str, str], tuple[str, str]], ...]
    pairs: frozenset[tuple[str, str]]
    qualifiers: frozenset[tuple[str, str]]  # (word, its qualifier): ("voice", "same")
    # Capitalised words the parse reads as names: capitalised inside their sentence, or first and
    # tagged a proper noun. "Watching" of "Watching Orbis from the ground" is a verb, not a name.
    names: frozenset[str] = frozenset()


def _key(t: Any) -> tuple[str, str]:
    return (t.lemma_.lower(), t.lower_)


def _content(t: Any) -> bool:
    if t.is_punct or t.is_space:
        return False
    return bool(t.like_num) or (not t.is_stop and t.pos_ not in FUNCTION_POS)


def _phrase(t: Any) -> list[Any]:
    """The tokens of t's phrase, without the clauses inside it (they are relations of their own)."""
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in x.children if c.dep_ not in CLAUSAL or c.dep_ == "conj" and not _is_predicate(c))
    return out


def _arg(t: Any) -> Arg:
    core = {t.lemma_.lower(), t.lower_}
    for c in t.children:
        if c.dep_ in NAMING:
            core |= {c.lemma_.lower(), c.lower_}
            if c.dep_ in ("appos", "conj"):
                core |= {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "flat")}
    return Arg(t.lemma_.lower(), frozenset(core), frozenset(_key(x) for x in _phrase(t) if _content(x)))


def _is_predicate(t: Any) -> bool:
    if t.dep_ not in CLAUSAL:
        return False
    if t.dep_ == "conj":
        return (t.pos_ in ("VERB", "AUX") or _has_subject(t)) and _is_predicate(t.head)
    # The tagger sometimes calls a verb a noun ("apologises/NNS"): a subject makes it a clause.
    return t.pos_ in ("VERB", "AUX") or _has_subject(t)


def _has_subject(t: Any) -> bool:
    return any(c.dep_ in SUBJECT | PASSIVE_SUBJECT for c in t.children)


def _child(t: Any, deps: Collection[str]) -> Any:
    return next((c for c in t.children if c.dep_ in deps), None)


def _resolve(t: Any, pred: Any) -> Any:
    """A relative pronoun stands for the noun its clause describes: "a man who locked ..."."""
    if t is not None and pred.dep_ == "relcl" and t.tag_ in ("WDT", "WP", "WP$"):
        return pred.head
    return t


def _negated(t: Any, participants: Sequence[Any]) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATIVE_WORDS and c.dep_ in ("advmod", "preconj") for c in t.children):
        return True
    for p in participants:
        if p is None:
            continue
        if p.lower_ in NEGATIVE_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in p.children):
            return True
    return False


def _governor(t: Any, predicates: set[int]) -> Any:
    return next((a for a in t.ancestors if a.i in predicates), None)


@dataclass
class _Clause:  # working state while one sentence is read
    relation: Relation
    surface_subject: Any
    dobj: Any
    inherited: frozenset[str]  # what the clauses above say about its truth: "if", "would", "?"


def _relations(sent: Any) -> list[Relation]:
    predicates = [t for t in sent if _is_predicate(t)]
    ids = {t.i for t in predicates}
    question = sent.text.rstrip().endswith(QUESTION_END)
    done: dict[int, _Clause] = {}

    def build(t: Any) -> _Clause:
        if t.i in done:
            return done[t.i]
        gov_tok = _governor(t, ids)
        gov = build(gov_tok) if gov_tok is not None else None
        dep = t.dep_
        subj = _resolve(_child(t, SUBJECT), t)
        subj_pass = _resolve(_child(t, PASSIVE_SUBJECT), t)
        passive = subj_pass is not None or any(c.dep_ == "auxpass" for c in t.children)
        obj = _resolve(_child(t, COMPLEMENT), t)
        by = _child(t, ("agent",))
        by_obj = _child(by, ("pobj",)) if by is not None else None
        surface = subj_pass if subj_pass is not None else subj
        if surface is None and gov is not None:
            # A clause without a subject shares one: "killed X and wounded Y", "agreed to strengthen",
            # "asked smokers to describe", "soldiers operating in the area".
            if dep in ("conj", "advcl"):
                surface = gov.surface_subject
            elif dep == "xcomp":
                surface = gov.dobj if gov.dobj is not None else gov.surface_subject
        if surface is None and dep in ("relcl", "acl") and not (dep == "acl" and _child(t, ("aux",)) is not None):
            surface = t.head  # "the coordinates provided by ...", "soldiers operating in ..."
            passive = passive or (dep == "acl" and t.tag_ == "VBN")
        if passive:
            agent_tok, patient_tok = by_obj, surface if surface is not None else obj
        else:
            agent_tok, patient_tok = surface, obj
        if (
            dep == "relcl"
            and patient_tok is None
            and agent_tok is not None
            and agent_tok.i != t.head.i
            and not any(c.dep_ == "prep" for c in t.children)
        ):
            patient_tok = t.head  # "the man (whom) police arrested"

        own: set[str] = {"question"} if question else set()
        if _negated(t, (agent_tok, patient_tok)):
            own.add("neg")
        for c in t.children:
            if c.dep_ == "aux" and c.tag_ == "MD":
                own.add("future" if c.lemma_.lower() in ("will", "shall") else f"modal:{c.lemma_.lower()}")
            if c.dep_ == "advcl" and condition_markers(c):
                own.add("conditioned")
        if in_case(t):  # "In case of rain, the match would move indoors."
            own.add("conditioned")
        for p in (agent_tok, patient_tok):  # "The majority (assuming X wins) amounted to ..."
            if p is not None and any(
                c.dep_ == "acl" and c.lemma_.lower() in CONDITION_VERBS and c.tag_ == "VBG" for c in p.children
            ):
                own.add("conditioned")
        marker = next((c.lower_ for c in t.children if c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB"), "")
        if marker in CONDITION_MARKS or marker == "whether":
            own.add("question" if dep == "ccomp" else "cond")
        if gov is None:
            inherited: frozenset[str] = frozenset()
        elif dep in ("relcl", "acl"):
            inherited = frozenset({"question"} & own)
        elif dep == "conj" and subj is not None:
            inherited = gov.inherited  # "X did not come and Y left": the "not" is X's alone
        else:
            inherited = gov.relation.modality
        modality = frozenset(own) | inherited

        holder = gov.relation.holder if gov is not None else None
        if gov is not None and dep == "ccomp":
            verb = gov.relation.verb
            if gov.relation.agent is not None:
                holder = ("say" if verb in SPEECH else verb, gov.relation.agent)
        for c in t.children:  # "... according to the army"
            if c.dep_ == "prep" and c.lower_ == "according":
                to = _child(c, ("prep",))
                who = _child(to, ("pobj",)) if to is not None else None
                if who is not None:
                    holder = ("say", _arg(who))
            # "The strike was an accident, he said" parsed the other way round; "As X reports, ...".
            as_mark = any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
            if (
                c.lemma_.lower() in SPEECH
                and _child(c, SUBJECT) is not None
                and (c.dep_ == "parataxis" or c.dep_ == "advcl" and as_mark)
            ):
                holder = ("say", _arg(_child(c, SUBJECT)))

        if dep == "ROOT" or gov is None or dep == "ccomp" and gov.relation.verb in SPEECH:
            # What someone says stands as a fact of its own; the holder records who says it, so
            # "X, according to Y", "Y said X" and "Y told reporters that X" read the same.
            link = ("", "", "")
        elif dep == "conj":
            link = gov.relation.link
        elif dep in ("relcl", "acl"):
            link = (dep, "", t.head.lemma_.lower())
        elif dep == "pcomp":
            link = ("pcomp", t.head.lower_, gov.relation.verb)
        else:
            link = (dep, marker, gov.relation.verb)
        top = gov is None or dep == "conj" and gov.relation.link == ("", "", "") and gov.relation.unit == gov_tok.i
        unit = t.i if top or gov is None else gov.relation.unit

        verb = t.lemma_.lower()
        prt = _child(t, ("prt",))
        if prt is not None:
            verb = f"{verb} {prt.lower_}"
        details, nested, phrases = [], [], [agent_tok, patient_tok]
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ != "according":
                pobj = _child(c, ("pobj",))
                if pobj is not None:
                    details.append((c.lower_, _arg(pobj)))
                    phrases.append(pobj)
            elif c.dep_ == "dative":
                details.append(("dative", _arg(c)))
            elif c.dep_ == "npadvmod":
                details.append(("", _arg(c)))
            elif c.dep_ == "advmod" and c.tag_ != "WRB" and c.lower_ not in NEGATIVE_WORDS:
                details.append(("adv", _arg(c)))
        for p in phrases:  # "near al-Bab on Thursday": the day may hang on the place
            for x in _phrase(p)[1:] if p is not None else ():
                if x.dep_ == "prep" and (pobj := _child(x, ("pobj",))) is not None:
                    nested.append((x.lower_, _arg(pobj)))
        words = frozenset(_key(x) for x in sent if _content(x) and _nearest(x, ids) == t.i)
        relation = Relation(
            verb,
            _arg(agent_tok) if agent_tok is not None else None,
            _arg(patient_tok) if patient_tok is not None else None,
            tuple(details),
            tuple(nested),
            holder,
            modality,
            link,
            passive,
            unit,
            words,
            t.i,
        )
        done[t.i] = _Clause(relation, surface, obj, inherited)
        return done[t.i]

    relations = {t.i: build(t).relation for t in predicates}
    # A phrase closing a coordination may belong to every conjunct: "three were killed and 11
    # wounded in the attack". A conjunct may take it from a sibling, unless it has its own phrase
    # with that preposition ("killed in Ankara and wounded in Izmir").
    groups: dict[int, list[int]] = {}
    for t in predicates:
        groups.setdefault(_first(t, relations), []).append(t.i)
    out = []
    for t in predicates:
        r = relations[t.i]
        own = {p for p, _ in r.details}
        shared = tuple(
            d
            for i in groups[_first(t, relations)]
            if i != t.i
            for d in relations[i].details + relations[i].nested
            if d[0] not in own
        )
        out.append(replace(r, nested=r.nested + shared))
    return out


def _first(t: Any, relations: dict) -> int:
    while t.dep_ == "conj" and t.head.i in relations:
        t = t.head
    return t.i


def _nearest(x: Any, ids: set[int]) -> int | None:
    """The clause a word belongs to."""
    if x.i in ids:
        return x.i
    return next((a.i for a in x.ancestors if a.i in ids), None)


@lru_cache(maxsize=CACHE)
def parse(text: str) -> Parse:
    """One sentence (or a few) -> its relations."""
    doc = docs([text])[0]
    text = doc.text
    relations = [r for sent in doc.sents for r in _relations(sent)]
    by_index = {r.index: r for r in relations}
    tops = [r for r in relations if r.unit == r.index]
    subjects = tuple((r.unit, who.head) for r in tops if (who := r.patient if r.passive else r.agent) is not None)
    # A fragment ("To win back the northern route.", "The charges that could bring ...") is no sentence.
    complete = all(
        s.root.i in by_index
        and by_index[s.root.i] in tops
        and any(c.dep_ in SUBJECT | PASSIVE_SUBJECT for c in s.root.children)
        for s in doc.sents
    )
    edges: list[tuple[int, tuple[str, str], tuple[str, str]]] = []
    pairs: set[tuple[str, str]] = set()
    qualifiers: set[tuple[str, str]] = set()
    for t in doc:
        if (t.lower_ in QUALIFIERS or protected(t) is not None) and t.head.i != t.i:
            head = next((a for a in t.ancestors if _content(a)), None)
            if head is not None:
                qualifiers.add((head.lemma_.lower(), t.lower_))
        if not _content(t):
            continue
        clause = _nearest(t, set(by_index))
        up = [a for a in t.ancestors if _content(a)]
        pairs.update((a.lemma_.lower(), t.lemma_.lower()) for a in up)
        pairs.update((a.lower_, t.lower_) for a in up)
        if up and clause is not None and t.i != clause and _nearest(up[0], set(by_index)) == clause:
            edges.append((by_index[clause].unit, _key(up[0]), _key(t)))
    return Parse(
        text,
        tuple(relations),
        frozenset(_key(t) for t in doc if _content(t)),
        frozenset(e.text.lower() for e in doc.ents),
        subjects,
        complete,
        tuple(edges),
        frozenset(pairs),
        frozenset(qualifiers),
        frozenset(t.text for t in doc if t.text[:1].isupper() and (t.pos_ == "PROPN" or not _opens(t))),
    )


def _opens(t: Any) -> bool:
    """First word of its sentence, quotation marks and brackets before it not counted."""
    return all(x.is_punct or x.is_space for x in t.sent[: t.i - t.sent.start])
