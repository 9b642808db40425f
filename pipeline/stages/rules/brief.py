"""Rules of a brief read in order: a person named by surname alone, or a thing named by "the ..."
alone, must have been introduced by a sentence above. Whether a word is a surname is learnt from
the incident's articles (pipeline.stages.names); which words a vague subject needs said is
pipeline.stages.subjects'. pipeline.stages.standalone.brief_problems asks these after the
standalone rules (and, for the first sentence, the opening rules).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..names import unintroduced
from ..subjects import reported_words, said_before, scene_words, stems, unnamed_words
from .base import Rule

SUBJECT_PROBLEM = "its subject ('the ...') is not named by the brief above it"


@dataclass(frozen=True)
class Placed:
    """A sentence where a brief puts it: the brief's sentences above it, and the surnames the
    incident's articles use (pipeline.stages.names.surnames)."""

    text: str
    above: tuple[str, ...] = ()
    known: frozenset[str] = frozenset()


def _unsaid(need: frozenset[str], above: tuple[str, ...]) -> bool:
    """Whether no sentence above says one of a vague subject's words (nothing above: the opening
    rules judge a brief's first sentence)."""
    return bool(above) and bool(need) and not said_before(need, frozenset[str]().union(*map(stems, above)))


ONE = frozenset({"Ortiz"})  # the examples' incident names one person: harbour master Lena Ortiz
FILED = "Dockers in Vigo filed a lawsuit against the port authority on Monday."

RULES: tuple[Rule[Placed, Placed], ...] = (
    Rule(
        "surname-before-introduced",
        "names a person by surname alone before the brief says who they are",
        lambda p: bool(unintroduced((*p.above, p.text), p.known)[-1]),
        catches=(
            Placed("Ortiz closed the quay.", known=ONE),
            Placed("The quay was closed, said Ortiz.", ("A crane collapsed in Vigo on Tuesday.",), ONE),
        ),
        passes=(
            Placed("Harbour master Lena Ortiz closed the quay.", known=ONE),
            Placed("Ortiz closed the quay.", ("Harbour master Lena Ortiz blamed the storm.",), ONE),
            Placed("“Ortiz is right,” a docker said.", known=ONE),
        ),
    ),
    Rule(
        "scene-not-introduced",
        SUBJECT_PROBLEM,
        lambda p: _unsaid(scene_words(p.text), p.above),
        catches=(Placed("On the video, the port police said, a man climbs the crane.", (FILED,)),),
        passes=(
            Placed("On the video, the port police said, a man climbs the crane.", ("Port police released a video.",)),
            Placed("In the meantime, the port police closed the quay.", (FILED,)),
        ),
    ),
    Rule(
        "subject-not-introduced",
        SUBJECT_PROBLEM,
        lambda p: not scene_words(p.text) and _unsaid(unnamed_words(p.text) or reported_words(p.text), p.above),
        catches=(
            Placed("The lawsuit seeks $5 million in damages.", ("A crane collapsed in Vigo on Tuesday.",)),
            # What a speaker is reported to say has a subject of its own: which barge?
            Placed("Port police stated that the barge had ignored the signals.", (FILED,)),
            Placed("The band played until midnight.", (FILED,)),
            Placed("The lawyers met the mayor at midnight.", ("Dockers in Vigo filed a lawsuit.",)),
        ),
        passes=(
            Placed("The lawsuit seeks $5 million in damages.", (FILED,)),
            Placed("The volcano is 30 km from the port.", ("A volcanic blast near Vigo threw ash over the quay.",)),
            Placed("The 12-page summary left out the crack.", ("Officials cut the pages of the crane report.",)),
            Placed("Port police stated that the barge had ignored the signals.", ("A barge hit the crane.",)),
            Placed("The death toll from the collapse rose to four.", ("A crane collapsed in Vigo on Tuesday.",)),
        ),
    ),
)
