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
# A lede is the reporter's statement of what happened, not a speaker's words (a quote lede): a
# sentence whose quotations hold this share of its words or more leaves the reader asking what
# happened. A quoted phrase ("called the collapse 'a warning'") is well under it.
QUOTE_LEDE = 0.4
# A picture's caption or credit run into the text ("... (AP Photo/Ana Ruiz)", "Getty Images"):
# what a picture shows, not the story. A wire dateline's "(AP)" is no credit and is not here.
PHOTO_CREDIT = re.compile(
    r"\b(?:AP|AFP|Reuters|EPA)\s+Photo\b|\bGetty\s+Images\b|\bfile\s+photo\b|\(\s*associated\s+press\s*\)|"
    r"\bimage\s+(?:caption|copyright|credit)\b|\bphoto\s+(?:credit|caption)\b|\(\s*photo\s*:",
    re.IGNORECASE,
)


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


def quoted_share(o: Opening) -> float:
    """The share of a sentence's words that stand inside quotation marks."""
    words = len(o.text.split())
    return (words - len(o.outside.split())) / words if words else 0.0


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
    Rule(
        "opening-quotation",
        "mostly a speaker's words (a quote lede): the first sentence says what happened",
        lambda o: quoted_share(o) >= QUOTE_LEDE,
        catches=(
            "“We will not reopen the quay until every crane is checked,” harbour master Lena Ortiz said.",
            "Ortiz said the port “will not reopen until every crane has been checked and certified”.",
            "A crane fell in Vigo. “Nobody on the quay thought the cranes were safe any more,” a docker said.",
        ),
        passes=(
            "A crane collapsed onto two ships in the port of Vigo on Monday, killing three dockers.",
            "Mayor Ana Ruiz called the collapse “a warning we cannot ignore” on Monday.",
            "Harbour master Lena Ortiz said on Monday that the quay would stay shut.",
        ),
    ),
    Rule(
        "opening-photo-credit",
        "holds a picture's caption or credit: what a photo shows, not the story",
        lambda o: bool(PHOTO_CREDIT.search(o.text)),
        catches=(
            "Dockers wait at the quay in Vigo on Monday. (AP Photo/Ana Ruiz) A crane collapsed onto two ships.",
            "Ana Ruiz/Getty Images Vigo — the port reopened its north quay late Thursday.",
            "File photo shows the old cranes of the Vigo port before the collapse.",
        ),
        passes=(
            "VIGO, Spain (AP) — A crane collapsed onto two ships in the port of Vigo on Monday.",
            "A photographer for the port filmed the collapse from the north quay.",
        ),
    ),
)
