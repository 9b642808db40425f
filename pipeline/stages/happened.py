"""Did it happen? An incident's event is something that took place, not a prospect of it.

A cluster written over days holds the articles from before the event as well as after it: "the
ferry operators are scheduled to meet in May", "the harbour master said he would resign", "the
rescue may depend on the weather". Those sentences are told alike by many articles (they name the
same parties and topic), so agreement alone picks them; but a reader asking what happened learns
nothing from a plan. Read on the parse (pipeline.stages.structure): the sentence's main clause,
or the clause its verb of saying reports, is a prospect when it is in the future or under a modal
("will", "would", "may", "could", ...), or when its predicate is one of `PROSPECTS` governing
what is yet to be done. `done` says the opposite: the main clause is in the past or the perfect.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import SPEECH
from .parser import docs
from .structure import Relation, parse


@dataclass(frozen=True)
class Prospects:
    """Predicates whose complement has not happened yet, with why and examples (our own words)."""

    name: str
    reason: str
    words: frozenset[str]
    examples: tuple[str, ...]


PROSPECTS = (
    Prospects(
        "intention",
        "someone means or wants to do it: the doing is still ahead ('tried to storm' is an act, not here)",
        frozenset("plan want hope intend seek aim prepare mean wish".split()),
        ("The mayor plans to close the bridge.", "The striker wants to finish the season at home."),
    ),
    Prospects(
        "expectation",
        "it is expected, scheduled or likely: announced, not done",
        frozenset("expect schedule set due likely poised ready slate".split()),
        ("The ferry operators are scheduled to meet in May.", "The board is expected to vote on Friday."),
    ),
    Prospects(
        "imminence",
        "'on the verge of' or 'on the brink of' says it has not happened yet",
        frozenset("verge brink".split()),
        ("The two airlines are on the verge of a merger.",),
    ),
)
PROSPECT_WORDS = {w: p for p in PROSPECTS for w in p.words}


def main_clause(relations: tuple[Relation, ...]) -> Relation | None:
    """The sentence's first top-level clause, or the clause it reports when its verb is one of saying
    ("X said Thursday he would persist": "persist")."""
    tops = [r for r in relations if r.link == ("", "", "")]
    if not tops:
        return None
    if tops[0].verb in SPEECH:  # the reported clause is a top-level one, with its holder
        return next((r for r in tops[1:] if r.holder is not None), tops[0])
    return tops[0]


def prospect(text: str) -> str | None:
    """Why `text` tells of something not yet done ("future", "modal:may", "intention: want"), or
    None when its main clause states something that happened or holds."""
    relations = parse(text).relations
    main = main_clause(relations)
    if main is None:
        return None
    moods = sorted(m for m in main.modality if m == "future" or m.startswith("modal:"))
    if moods:
        return moods[0]
    heads = [main.verb]  # with its particle: "set out to find" is no schedule
    if main.verb == "be":  # "is likely to resign", "is on the verge of agreeing"
        heads += [main.patient.head] if main.patient else []
        heads += [arg.head for prep, arg in main.details if prep == "on"]
    governs = any(r.link[0] in ("xcomp", "pcomp", "ccomp") and r.link[2] == main.verb for r in relations)
    for head in heads:
        kind = PROSPECT_WORDS.get(head)
        if kind is not None and (governs or kind.name == "imminence"):
            return f"{kind.name}: {head}"
    return None


def done(text: str) -> bool:
    """Whether `text`'s main clause tells something done: in the past ("laid out", "was
    returning") or the perfect ("have been tapped"), not a state of the present ("are now held")
    nor a prospect."""
    main = main_clause(parse(text).relations)
    if main is None or prospect(text):
        return False
    verb = docs([text])[0][main.index]
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_.lower() == "have" for c in aux)
