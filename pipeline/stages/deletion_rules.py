"""The table of what a shorter version of a source sentence may never do (issue 26): one entry
per rule, with its reason and, in our own words, a deletion it must refuse and one it must accept
(tests/test_trims.py runs them, with at least five more cases each). The checks themselves read
the dependency parse (pipeline.stages.deletions); trims (pipeline.stages.trims) and a model's
shortening of a source sentence (pipeline.stages.summarise) are both judged by this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .deletions import Deletion, attachment, bounds, condition, contrast, frame, protected_words, quotation, series
from .fact_parts import absolute, anchored, coordination, measure, state, when


@dataclass(frozen=True)
class DeletionRule:
    """`check` returns what it found when the deletion breaks the rule; `reason` is what a user reads."""

    name: str
    reason: str
    check: Callable[[Deletion], str | None]
    refuses: tuple[str, str]  # (source, a shorter version the rule refuses)
    accepts: tuple[str, str]  # (source, a shorter version of the same kind it lets through)
    asides: bool = False  # only for trims, which delete whole asides (a model may drop one word)

    def __repr__(self) -> str:
        return f"DeletionRule({self.name!r})"


RULES = (
    DeletionRule(
        "quotation",
        "changes a speaker's words: a deletion inside quotation marks",
        quotation,
        ('"When the tide turns, the quay floods," said Ana Ruiz.', '"The quay floods," said Ana Ruiz.'),
        (
            '"When the tide turns, the quay floods," said Ana Ruiz, a harbour pilot.',
            '"When the tide turns, the quay floods," said Ana Ruiz.',
        ),
    ),
    DeletionRule(
        "frame",
        "drops who says, claims, believes or denies what it keeps",
        frame,
        (
            "A neighbour has claimed that the nurse left the ward before midnight.",
            "The nurse left the ward before midnight.",
        ),
        (
            "A neighbour, who lives above the shop, has claimed that the nurse left the ward.",
            "A neighbour has claimed that the nurse left the ward.",
        ),
    ),
    DeletionRule(
        "condition",
        "drops the condition on what it keeps",
        condition,
        ("The ferry will sail at noon if the fog lifts.", "The ferry will sail at noon."),
        ("The ferry, which was repaired in May, will sail if the fog lifts.", "The ferry will sail if the fog lifts."),
    ),
    DeletionRule(
        "contrast",
        "keeps one half of a contrast and drops the half that carries its point",
        contrast,
        ("The market will look the same, but the traders will be gone.", "The market will look the same."),
        (
            "The market, which opened in 1890, will look the same, but the traders will be gone.",
            "The market will look the same, but the traders will be gone.",
        ),
    ),
    DeletionRule(
        "protected",
        "drops a word that says who, how many or when",
        protected_words,
        ("Deputy Mayor Ana Ruiz, who chairs the board, opened the bridge.", "Mayor Ana Ruiz opened the bridge."),
        ("Deputy Mayor Ana Ruiz, who chairs the board, opened the bridge.", "Deputy Mayor Ana Ruiz opened the bridge."),
    ),
    DeletionRule(
        "measure",
        "keeps a measure and drops what it measured",
        measure,
        ("The pilot landed an hour after the engine failed.", "The pilot landed an hour."),
        (
            "The pilot, who had flown for years, landed an hour after the engine failed.",
            "The pilot landed an hour after the engine failed.",
        ),
    ),
    DeletionRule(
        "anchored",
        "keeps an adverb and drops the word it modified, so that it modifies another",
        anchored,
        ("The mayor resigned shortly before the council voted.", "The mayor resigned shortly."),
        (
            "The mayor, who had served two terms, resigned shortly before the council voted.",
            "The mayor resigned shortly before the council voted.",
        ),
    ),
    DeletionRule(
        "state",
        "drops the state in which someone or something was found, left or seen",
        state,
        ("The hiker was found three days later, clinging to a ledge.", "The hiker was found three days later."),
        (
            "The hiker, who had set out alone, was found three days later, clinging to a ledge.",
            "The hiker was found three days later, clinging to a ledge.",
        ),
    ),
    DeletionRule(
        "coordination",
        "keeps one of a pair and drops the other, with the words they shared",
        coordination,
        ("The prize went to Tom and Ana Ruiz of Leeds.", "The prize went to Ana Ruiz of Leeds."),
        ("The prize, which is given each spring, went to Tom and Ana Ruiz.", "The prize went to Tom and Ana Ruiz."),
    ),
    DeletionRule(
        "when",
        "drops when the fact it keeps held, which was before the incident",
        when,
        ("At a hearing in 2013, the driver said he regretted the crash.", "The driver said he regretted the crash."),
        (
            "At a hearing in 2013, the driver, who is now 60, said he regretted the crash.",
            "At a hearing in 2013, the driver said he regretted the crash.",
        ),
    ),
    DeletionRule(
        "absolute",
        "drops the noun of a 'with' phrase whose participle it keeps, handing the participle to another subject",
        absolute,
        (
            "The club won the cup, with its captain, who is 19, having scored twice.",
            "The club won the cup, having scored twice.",
        ),
        (
            "The club won the cup, with its captain, who is 19, having scored twice.",
            "The club won the cup, with its captain having scored twice.",
        ),
    ),
    DeletionRule(
        "bounds",
        "cuts a phrase that punctuation does not set off, running the words around it together",
        bounds,
        ("Hours after the vote, the mayor resigned.", "Hours the mayor resigned."),
        ("Hours after the vote, the mayor resigned.", "The mayor resigned."),
        asides=True,
    ),
    DeletionRule(
        "series",
        "drops an item of a list",
        series,
        (
            "The plan means raising fares, cutting routes and selling depots, and it starts in May.",
            "The plan means raising fares, and it starts in May.",
        ),
        (
            "The plan means raising fares, which angers riders, and it starts in May.",
            "The plan means raising fares, and it starts in May.",
        ),
        asides=True,
    ),
    DeletionRule(
        "attachment",
        "leaves a description on another word than the one it described",
        attachment,
        (
            "The driver, who had phoned Tim Hale, the head of the harbour office, was arrested.",
            "The driver, the head of the harbour office, was arrested.",
        ),
        (
            "Tim Hale, the head of the harbour office, who took the call, said the line was busy.",
            "Tim Hale, the head of the harbour office, said the line was busy.",
        ),
    ),
)


def deletion_problem(d: Deletion, asides: bool = True) -> str | None:
    """The reason of the first rule the deletion breaks, with what it found, or None. `asides`:
    the deletion is a trim's, so the rules on where an aside starts and ends apply too."""
    for rule in RULES:
        found = rule.check(d) if asides or not rule.asides else None
        if found:
            return f"{rule.reason}: {found}"
    return None


def shortened_problem(candidate: str, members: Sequence[str]) -> str | None:
    """A model's sentence that is one of the cluster's `members` less some words is judged as a
    trim of it: refused when every member it shortens gives a reason; None when one does not,
    or when it shortens none (it rewrites; verification's other checks judge it)."""
    reasons = []
    for member in members:
        d = Deletion.of(member, candidate)
        if d is None:
            continue
        reason = deletion_problem(d, asides=False)
        if reason is None:
            return None
        reasons.append(reason)
    return reasons[0] if reasons else None
