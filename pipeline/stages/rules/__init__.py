"""Every rule that keeps a sentence from heading, or opening, a brief: one named entry each, with
the line a user reads when it fires and examples it must catch and must not (STYLE.md, "Rules that
show their reasons"; issue 28). Three families, each asked in its order:

- STANDALONE: may it head a cluster at all? (pipeline.stages.standalone.problem)
- OPENING: may it be a brief's first sentence? (standalone.opening_problem)
- IN_BRIEF: has the brief above it introduced who and what it names? (standalone.brief_problems)

tests/test_rules.py runs every example; docs/rules.md is written from these tables
(python -m pipeline.stages.rules.doc); `brief explain` lists the rules that fire on a sentence.
"""

from __future__ import annotations

from typing import Any

from . import brief, leaning, opening, shape, voice
from .base import Family, Opening, Rule, Text
from .brief import Placed

STANDALONE: Family[str, Text] = Family(
    "standalone",
    "May it head a brief? A brief sentence is read without the article around it.",
    Text.of,
    shape.RULES + leaning.RULES + voice.RULES,
)
OPENING: Family[str, Opening] = Family(
    "opening", "May it open a brief? Nothing stands above the first sentence.", Opening.of, opening.RULES
)
IN_BRIEF: Family[Placed, Placed] = Family(
    "in-brief", "Has the brief above it said who and what it names?", lambda placed: placed, brief.RULES
)
FAMILIES: tuple[Family[Any, Any], ...] = (STANDALONE, OPENING, IN_BRIEF)

__all__ = ["FAMILIES", "IN_BRIEF", "OPENING", "STANDALONE", "Family", "Opening", "Placed", "Rule", "Text"]
