"""Where a sentence puts something: the named places after a preposition of place, read on the
dependency parse (pipeline.stages.frame reads the incident's place from them, pipeline.stages.lede
the lede's)."""

from __future__ import annotations

from typing import Any

from .happened import PROSPECT_WORDS
from .lexicon import CONDITION_MARKS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SAYING = frozenset("say tell add report announce confirm state claim".split())
# Where something happens: a closed class of English prepositions, not a list of places.
PLACE_PREPS = frozenset("in near at outside inside around over across off into onto throughout along".split())
# "The town of X" names a place whatever label the small tagger gives X (it reads "al-Bab" as an
# organisation, "Al Bab" as a person): the nouns that say so.
PLACE_NOUNS = frozenset(
    "town city village area region province district county state island neighbourhood neighborhood suburb "
    "port capital municipality state territory".split()
)
NAMED = frozenset({"ORG", "PERSON", "NORP"})


def located(doc: Any) -> list[tuple[Any, bool]]:
    """The places a sentence puts something at, each with whether it is called a town, city ...
    of X: a named place (GPE, LOC, FAC) after a preposition of place ("in northern Syria", "near
    the city of al-Bab"), not one that acts or speaks ("Moscow confirmed": a government)."""
    out = []
    for e in doc.ents:
        if e.label_ not in PLACE_LABELS | NAMED:
            continue
        t, named_place = e.root, False
        while t.dep_ in ("pobj", "compound", "appos") and t.head.i != t.i:
            t = t.head
            if t.pos_ == "ADP" and t.lower_ == "of" and t.head.lemma_.lower() in PLACE_NOUNS:
                t, named_place = t.head, True  # "the town of Al Bab": a place, whatever the tagger says
                continue
            if t.pos_ == "ADP":
                break
        if t.pos_ == "ADP" and t.lower_ in PLACE_PREPS and (e.label_ in PLACE_LABELS or named_place):
            # "said in Ankara": where it was said; "the union will march in Madrid": where
            # something may happen, not where anything did
            if t.head.lemma_.lower() not in SAYING and not unreal(t.head):
                out.append((e, named_place))
    return out


def unreal(t: Any) -> bool:
    """Whether the clause a place is the setting of says what may, will or would happen, or what
    happens if: a modal ("will", "could"), a condition ("if", "unless") or a word of plan or
    schedule (pipeline.stages.happened.PROSPECTS: "plans to", "is expected") on a verb from `t`
    (the word the place hangs on) up to the sentence's root. A place that hangs on a noun says
    where that thing is or was ("the suspects in the bombing in Vigo will be tried", whatever is
    planned for them), and a relative clause asserts on its own ("the bomb, which exploded in Denver, will be
    examined"): the walk stops at either."""
    while True:
        if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return False
        if t.pos_ in ("VERB", "AUX", "ADJ") and (
            _with_particle(t) in PROSPECT_WORDS
            or any(c.tag_ == "MD" or c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children)
        ):
            return True
        if t.dep_ in ("relcl", "acl") or t.head.i == t.i:
            return False
        t = t.head


def _with_particle(t: Any) -> str:
    """The verb's lemma with its particle: "a camp set up in Vigo" is no schedule."""
    return " ".join([t.lemma_.lower(), *(c.lower_ for c in t.children if c.dep_ == "prt")])
