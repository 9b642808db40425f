"""Who a description stands for, and two sentences that tell one fact (issue 25, item 6).

Wire copy names a person in one sentence and describes them in the next: "Ruiz was treated for
pneumonia ..." / "The governor has been treated for a chest infection ...", "Dario Fenn was held
..." / "A 41-year-old baker has been held ...". Words and cosine do not see that these tell one fact (the
pairs readers marked redundant score 0.42 to 0.64, as unrelated pairs do), and `restates` wants two
anchors where the description makes the only one look different. A reader resolves the
description from what the texts say of each name: the title before it ("Coastal Governor Ana
Ruiz"), an apposition either way ("the mill's owner, 41-year-old Dario Fenn"). So does
`Referents`: a description stands for a name when exactly one name carries all its words. A word
that fits anyone (`ANYONE`) says nothing about who.

`same_fact`: a main clause of each (or the clause a verb of saying reports) tells one event,
asserted the same way (one verb, or a verb and the noun made from it: "entered a plea" /
"pleaded"); every participant both give is the same person or thing, at least one is;
a place both name by a proper name is the same; and neither gives a number or a date the other
contradicts. "The storm killed 5 in Haiti" and "The storm killed 10 in Cuba" stay two facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .attribute import numbers
from .dates import find as find_dates
from .lexicon import SPEECH
from .parser import docs
from .restates import PRONOUNS, timeless
from .structure import Arg, Relation, parse

# Head words that fit any person, so a description made of them alone points at nobody: "a man
# was arrested" does not say which man; "a 41-year-old man" does, by its age.
ANYONE = frozenset(
    "man woman men women person people boy girl child children official officials someone anyone "
    "resident residents individual member members mr mrs ms".split()
)
# Verbs too light to carry a fact of their own: two sentences that both "are" or "have" something
# about one person tell two facts ("Ruiz is a doctor" / "Ruiz is the party's leader").
LIGHT = frozenset({"be", "have", "do", "get", "make", "take", "go", "come", "become", "seem"})
# Modifiers of a name that describe the person (not clauses about them): the title and adjectives
# before it, a noun it stands in apposition to, an apposition after it.
DESCRIBING = frozenset({"compound", "amod", "nmod", "nummod", "appos", "poss"})
# Verbs whose object names the event: "entered a plea" is "pleaded", "held talks" is "talked".
# The event is then the object's noun, matched to a verb it is made from ("plea" / "plead",
# "meeting" / "meet", "arrest" / "arrest"), and the object is no participant.
EVENT_OBJECT = frozenset({"enter", "hold", "make", "give", "reach", "issue", "launch", "conduct", "stage", "file"})
# Adverbs that make a clause another occurrence of its verb: "troops fired on the crowd again".
AGAIN = frozenset({"again", "also", "too", "further", "later", "once", "twice"})
# How a reported clause hangs on the verb of saying that tells it (structure.Relation.link).
TOLD = frozenset({"", "ccomp", "conj", "parataxis"})
# How a second main clause hangs on the first.
BESIDE = frozenset({"conj", "parataxis"})
# Parts of a phrase about a name that are not words for the person: a clause ("the captain who
# won the vote") says what they did; a prepositional phrase or a conjunct is another thing.
NOT_DESCRIBING = frozenset({"relcl", "acl", "ccomp", "advcl", "conj", "cc", "prep"})


@dataclass(frozen=True)
class Referents:
    """Each name's surname (lower case) -> the words the texts describe that person with."""

    described: Mapping[str, frozenset[str]]

    @classmethod
    def read(cls, texts: Iterable[str]) -> Referents:
        found: dict[str, set[str]] = {}
        for doc in docs(list(texts)):
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    found.setdefault(ent[-1].lower_, set()).update(_description(ent))
        return cls({k: frozenset(v) for k, v in found.items()})

    def key(self, arg: Arg | None) -> str | frozenset[str] | None:
        """Whom or what `arg` names: a surname the texts know, or the one name all its describing
        words fit; else all its words ("union leaders" and "the leaders of the farmers' party"
        are two groups, as are "the council and the mayor" and "the mayor");
        None for a pronoun, which names nobody by itself."""
        if arg is None or arg.head in PRONOUNS:
            return None
        if arg.head in self.described:
            return arg.head
        words = {lemma for lemma, _ in arg.words}
        if words - ANYONE:
            fits = [name for name, described in self.described.items() if words - ANYONE <= described]
            if len(fits) == 1:
                return fits[0]
        return frozenset(words)


def _description(ent: Any) -> set[str]:
    inside = {t.i for t in ent}
    root = ent.root
    phrases = [c for c in root.children if c.dep_ in DESCRIBING and c.i not in inside]
    if root.dep_ == "appos":  # "the mill's owner, Dario Fenn": the noun it renames
        phrases.append(root.head)
    words: set[str] = set()
    for p in phrases:
        stack = [p]
        while stack:
            t = stack.pop()
            if t.i in inside or t.dep_ in NOT_DESCRIBING and t is not p:
                continue
            if not (t.is_stop or t.is_punct or t.is_space):
                words.add(t.lemma_.lower())
            stack.extend(t.children)
    return words


def _core(text: str) -> list[Relation]:
    """The clauses that state the sentence's point: its main clauses, what a main verb of saying
    reports, and the clauses set beside a main one ("... and charged him", "..., friends say, and
    Fenn joined them"); not a clause about a participant ("... explain why she was sacked")."""
    relations = parse(text).relations
    main = {r.verb for r in relations if r.index == r.unit}
    return [
        r
        for r in relations
        if r.verb not in SPEECH
        and (
            r.index == r.unit or r.holder is not None and r.link[0] in TOLD or r.link[0] in BESIDE and r.link[2] in main
        )
    ]


def _places(r: Relation) -> dict[str, str]:
    return {p: a.head for p, a in r.details if p in ("in", "at", "near") and a.head[:1].isalpha()}


def days(text: str) -> set[str]:
    """The dates a sentence gives, as written (pipeline.stages.dates reads them: "Friday", "Sept.
    2", "in 1998"; a "41-year-old" is no date), the weekday without the word before it."""
    return {(m.group("wd") if kind == "weekday" else m.group(0)).lower() for _, _, kind, m in find_dates(text)}


def _compatible(a: set[str], b: set[str]) -> bool:
    return a <= b or b <= a


def _event(r: Relation) -> tuple[str, Arg | None, bool]:
    """What happens in a clause, to whom, and whether a noun names it: the verb and its patient,
    or the event a light verb's object names."""
    if r.verb in EVENT_OBJECT and r.patient is not None and r.patient.head not in PRONOUNS:
        return r.patient.head, None, True
    return r.verb, r.patient, False


def _same_event(a: str, b: str, one_noun: bool) -> bool:
    """The same verb, or a noun and the verb it is made from ("plea" / "plead"): two verbs that
    merely begin alike ("plan" / "plant") are two events."""
    short, long = sorted((a, b), key=len)
    return a == b or one_noun and len(short) >= 4 and long.startswith(short)


def _one_fact(r: Relation, x: Relation, referents: Referents) -> bool:
    (event, patient, noun), (other, theirs, their_noun) = _event(r), _event(x)
    if not _same_event(event, other, noun != their_noun) or r.modality - {"question"} != x.modality - {"question"}:
        return False
    if event in LIGHT or other in LIGHT:
        return False
    if any(p == "adv" and a.head in AGAIN for p, a in r.details + x.details):
        return False
    agree = 0
    for mine, their in ((r.agent, x.agent), (patient, theirs)):
        a, b = referents.key(mine), referents.key(their)
        if a is None or b is None:
            continue
        if a != b:
            return False
        agree += 1
    here, there = _places(r), _places(x)
    return agree > 0 and all(here[p] == there[p] for p in here.keys() & there.keys())


def dates_or_counts_beyond(a: str, b: str) -> bool:
    """Whether `a` gives a number or a day `b` does not: told again with one more figure is news."""
    return not numbers(a) <= numbers(b) or not days(a) <= days(b)


def same_fact(a: str, b: str, referents: Referents) -> bool:
    """Whether `a` and `b` tell one fact, a person named in one and described in the other."""
    if not _compatible(numbers(timeless(a)), numbers(timeless(b))) or not _compatible(days(a), days(b)):
        return False
    theirs = _core(b)
    return any(_one_fact(r, x, referents) for r in _core(a) for x in theirs)
