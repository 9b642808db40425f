"""Opening rules: a sentence that stands alone may still not open a brief. Later in a brief, the
sentences above may say which thing "The ..." is, or who "him" is; the first has nothing above it.
pipeline.stages.standalone.lead_problem asks these before the standalone rules.
"""

from __future__ import annotations

import re

from ..subjects import unnamed_subject
from .base import Opening, Rule
from .shape import ENGLISH

# "Scientists are only beginning to understand them": who, what? Later in a brief, the sentence
# above may say; an opening has nothing above it.
OBJECT_PRONOUN = re.compile(r"\b(?:them|him)\b")
# Capitalised only because they open the sentence: not a name "him" could stand for. So is a
# plural ("Scientists", "Friends"); "Wang", "NATO", "Ortiz's" are names.
OPENING_WORDS = ENGLISH | frozenset(
    "a an some many most police one two three few several all no every each when while "
    "if although since despite among during until".split()
)
PLURAL = re.compile(r"[a-z]{3,}[^s]s,?")  # "animals", "cranes,": what "them" may stand for
CAPITALISED_PLURAL = re.compile(r"[A-Z][a-z]+s")


def named_before(text: str, pronoun: re.Match[str]) -> bool:
    """Whether a name, or for "them" a plural after the subject ("the relocation of animals
    means putting them to sleep"), stands before the pronoun."""
    words = text[: pronoun.start()].split()
    first = words[0].strip(',;:"“') if words else ""
    plural = pronoun.group() == "them" and any(PLURAL.fullmatch(w) for w in words[1:])
    return (
        first[:1].isupper()
        and first.lower() not in OPENING_WORDS
        and not CAPITALISED_PLURAL.fullmatch(first)
        or any(w[:1].isupper() for w in words[1:])
        or plural
    )


def unexplained_pronoun(o: Opening) -> bool:
    pronoun = OBJECT_PRONOUN.search(o.outside)
    return pronoun is not None and not named_before(o.outside, pronoun)


RULES: tuple[Rule[str, Opening], ...] = (
    Rule(
        "opening-unnamed-subject",
        "its subject ('the ...') is named nowhere in it: not an opening",
        lambda o: unnamed_subject(o.text),
        catches=(
            "The crane fell onto two ships.",
            "While the plans have changed, the agency still says the quay will reopen.",
        ),
        passes=(
            "The death toll from the collapse rose to four.",
            "While the Vigo port revised its plans, the agency still says the quay will reopen.",
            "After the storm passed, the death toll from the collapse rose to four.",
            "The Vigo port reopened.",
        ),
    ),
    Rule(
        "opening-unexplained-pronoun",
        "'them' or 'him' before anyone is named: not an opening",
        unexplained_pronoun,
        catches=(
            "A bad cold kept him away from the harbour meeting on Monday.",
            "Engineers are only beginning to understand them, but the cranes are old.",
        ),
        passes=(
            "Vidal, 67, has a cold that kept him away from the harbour meeting.",
            "The removal of old cranes means taking them apart at the quay.",
            "Ortiz's deputy drove him to the harbour office.",
            "“My crew is with them,” said crane driver Tomas Vidal.",
        ),
    ),
)
