"""Does a source sentence state the fact of a claim in other words? (issue 26, item 4)

Attribution cites a source sentence when its meaning and its words are close enough to the
claim's (pipeline.stages.attribute). Wire copy retells one fact in many ways ("The mayor sacked
Ortiz on May 3" / "Ortiz was abruptly sacked by the mayor on May 3"), and such retellings fall under
the bar while sentences on the same topic that say something else score as high ("Ortiz is a
popular figure in the port"). So a retelling is confirmed on the parse (pipeline.stages.structure): a clause of the
source has the claim's verb, asserted the same way (negation, condition, modality), and the two
agree on at least two anchors: who does it, to whom, a detail (place, date, thing), or a second
verb of the same clause ("refused to accept the results" / "refused ... to accept the results").
A pronoun anchors nothing; a verb of saying is no fact of its own (its reported clause is), nor is a
clause inside a noun phrase of the claim.
"""

from __future__ import annotations

import re

from .lexicon import SPEECH
from .structure import Arg, Relation, parse

ANCHORS = 2  # one shared participant on the same verb is a topic; two are the fact
# Clauses of the claim that state its fact: the main clause and what it reports, tries or adds ("sought
# to cut", "said that ...", "... and has said"), not a clause inside a noun phrase ("the fun in finding
# gold"), which only says what the fact is about.
STATED = frozenset({"", "xcomp", "ccomp", "conj"})
PRONOUNS = frozenset("he she it they him her them his its their we us i you this that these those who which".split())
# Numbers that say when rather than how many: a date ("Sept. 2", "1998") or a span of time ("two
# years"). A source may leave them out (its details then anchor or not); a count it must give.
TIME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b(?:19|20)\d\d\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]+"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|nights?)\b",
    re.IGNORECASE,
)


def timeless(text: str) -> str:
    """`text` without its dates and spans of time, for counting the numbers it must share."""
    return TIME.sub(" ", text)


def _same(a: Arg | None, b: Arg | None) -> bool:
    if a is None or b is None or a.head in PRONOUNS or b.head in PRONOUNS:
        return False
    return a.head in b.core or b.head in a.core


def _anchors(c: Relation, s: Relation) -> int:
    found = int(_same(c.agent, s.agent)) + int(_same(c.patient, s.patient))
    theirs = s.details + s.nested
    found += int(
        any(
            (p == q or {p, q} <= {"", "on", "in"}) and _same(a, b)
            for p, a in c.details + c.nested
            for q, b in theirs
            if p != "adv"
        )
    )
    return found


def _asserted(c: Relation, s: Relation) -> bool:
    return c.verb == s.verb and c.modality - {"question"} == s.modality - {"question"}


def restates(claim: str, source: str) -> bool:
    """Whether a clause of `source` states the fact of a top-level clause of `claim` (with what
    that clause carries): the same verb asserted the same way, and ANCHORS agreements."""
    mine, theirs = parse(claim).relations, parse(source).relations
    for unit in {r.unit for r in mine}:
        verbs = anchors = 0
        for r in mine:
            if r.unit != unit or r.verb in SPEECH or r.link[0] not in STATED:
                continue
            same = [x for x in theirs if _asserted(r, x)]
            if same:
                verbs += 1
                anchors += max(_anchors(r, x) for x in same)
        if anchors + max(0, verbs - 1) >= ANCHORS:
            return True
    return False
