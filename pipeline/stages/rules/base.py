"""What a rule is, and what the sentence rules read.

A rule is one entry: a short id, the one line a user reads when it fires, the check, and
sentences in our own words that it must catch and must not catch. Tests and docs/rules.md are
generated from the entries (tests/test_rules.py, pipeline/stages/rules/doc.py); `brief explain` lists
the rules that fire on a sentence (pipeline.runtime.explain). The shape follows ruff, whose rules
each carry their reason and an example, and trafilatura, whose XPath expressions are data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

E = TypeVar("E")  # what an example is: a sentence, or a sentence placed in a brief
C = TypeVar("C")  # what a check reads, computed once from an example or a sentence


@dataclass(frozen=True, repr=False)
class Rule(Generic[E, C]):
    """`check` fires (returns True) on what the rule catches; `reason` is what a user reads then."""

    name: str
    reason: str
    check: Callable[[C], bool]
    catches: tuple[E, ...]
    passes: tuple[E, ...]

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"


@dataclass(frozen=True, repr=False)
class Family(Generic[E, C]):
    """Rules asked the same question, in the order they are asked: the first that fires gives the
    verdict. `read` computes, once per sentence, what the checks read."""

    name: str
    question: str
    read: Callable[[E], C]
    rules: tuple[Rule[E, C], ...]

    def __repr__(self) -> str:
        return f"Family({self.name!r})"

    def first(self, context: C) -> str | None:
        """The reason of the first rule that fires, or None when none does."""
        for rule in self.rules:
            if rule.check(context):
                return rule.reason
        return None

    def fired(self, context: C) -> list[Rule[E, C]]:
        """Every rule that fires, in order (the verdict is the first one's)."""
        return [rule for rule in self.rules if rule.check(context)]


# A quotation in double quotes, or in single quotes (a ’ before a letter is an apostrophe).
QUOTED = re.compile(r"[\"“]([^\"“”]*)[\"”]|‘(.*?)’(?!\w)")


def outside_quotes(text: str) -> str:
    """The outlet's own words: quotations blanked (wire copy's ``...'' count as quotes)."""
    return QUOTED.sub(" ", text.replace("``", "“").replace("''", "”"))


@dataclass(frozen=True)
class Text:
    """A sentence as the standalone rules read it, computed once per sentence: `text` with its
    whitespace collapsed and wire copy's ``...'' as “...” (pipeline.stages.segment.display),
    `outside` its words outside quotations (for the checks a quotation may break: a speaker's
    "I", an exclamation), and whether it opens with a quotation (whose opening words are the
    speaker's, not the outlet's)."""

    text: str
    outside: str
    quoted_opening: bool

    @classmethod
    def of(cls, sentence: str) -> Text:
        text = " ".join(sentence.split()).replace("``", "“").replace("''", "”")
        return cls(text, outside_quotes(text), text[:1] in ('"', "“", "'", "‘", "`"))


@dataclass(frozen=True)
class Opening:
    """A sentence as the opening rules read it: as given, and its words outside quotations."""

    text: str
    outside: str

    @classmethod
    def of(cls, sentence: str) -> Opening:
        return cls(sentence, outside_quotes(sentence))
