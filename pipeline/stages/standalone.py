"""Can a sentence stand on its own in a brief? A model-free check a reader would agree with.

A brief sentence is read without the article around it. It must start and end like a
sentence, not be page furniture or a caption, not be a rhetorical question, not lean on a
sentence that is not there ("Hours earlier, ...", "He called back ..."), and a quote or a
first-person line must say who speaks. Sentences that fail may still support a cluster and be
cited; they never head one (pipeline.stages.selection).

Each check is one named rule with its reason and examples, in pipeline.stages.rules; the
functions here ask a family of rules in order and give the first reason.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .rules import IN_BRIEF, OPENING, STANDALONE, Opening, Placed, Text
from .rules.base import QUOTED as QUOTED
from .rules.base import outside_quotes as outside_quotes
from .rules.shape import SENTENCE_END as SENTENCE_END
from .rules.shape import SENTENCE_START as SENTENCE_START
from .rules.voice import SPEECH_VERB as SPEECH_VERB


@lru_cache(maxsize=1 << 16)
def problem(text: str) -> str | None:
    """Why `text` cannot stand alone as a brief sentence, or None when it can. Kept per text:
    clustering, the frame, selection and the fit ask it of the same sentences (at 2,000 articles,
    64,000 asks of 29,000 sentences)."""
    return STANDALONE.first(Text.of(text))


def opening_problem(text: str) -> str | None:
    """Why a sentence that stands (`problem` is None) still cannot be a brief's first."""
    return OPENING.first(Opening.of(text))


def lead_problem(text: str) -> str | None:
    """Why `text` cannot open a brief, though it may stand later in one."""
    return opening_problem(text) or problem(text)


def brief_problems(texts: Sequence[str], known: frozenset[str] = frozenset()) -> list[str | None]:
    """`problem` of each sentence of a brief read in order: the first must open it
    (`lead_problem`), a person named by surname alone must have been introduced above
    (pipeline.stages.names; `known`: the incident's surnames), and so must the thing a subject
    that names nothing stands for ("The suit seeks ..." only after a sentence that says which
    suit, pipeline.stages.subjects.subject_words)."""
    return [
        (lead_problem(t) if k == 0 else problem(t)) or IN_BRIEF.first(Placed(t, tuple(texts[:k]), known))
        for k, t in enumerate(texts)
    ]


def standalone(text: str) -> bool:
    return problem(text) is None
