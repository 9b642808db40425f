"""What a "such" points back to: "such a plea", "such inspections" mean "of the kind described
before", which a brief sentence out of its article may not have told. The rule `such-points-back`
(pipeline.stages.rules.leaning) asks `such_points_back`."""

from __future__ import annotations

import re

from .base import Text

# "such a motion", "such inspections": "such" means "of the kind described before"; not "such as"
# or "such things as ..." (examples follow), "such a shock that ..." (a result clause), "as such".
SUCH = re.compile(
    r"(?<!\bas )\bsuch\s+(?:an?\s+)?(?!as\b|that\b)(?![\w-]+(?:\s+[\w-]+){0,3}\s+(?:that|as)\b)[a-z][\w-]*",
    re.IGNORECASE,
)


def such_points_back(s: Text) -> bool:
    """A "such" whose kind the sentence does not tell itself: it comes early (`SUCH_TOLD_WORDS`), no
    word of the three after it comes before it ("merger talks ... such a merger"), and it is not
    "the first such ..." of the event the sentence tells."""
    for m in SUCH.finditer(s.outside):
        words = re.findall(r"[A-Za-z][\w'’-]*", s.outside[: m.start()])
        if len(words) >= SUCH_TOLD_WORDS or (words and words[-1].lower() in ("first", "only", "last", "latest")):
            continue
        before = {_root(w) for w in words}
        kind = re.match(r"such\s+([^,;:.!?]*)", s.outside[m.start() :], re.IGNORECASE)
        after = [w for w in re.findall(r"[A-Za-z][\w'’-]*", kind[1] if kind else "")[:4] if w.lower() not in FUNCTION]
        if any(_root(w) in before for w in after[:3]):
            continue
        return True
    return False


# Words before a "such" past which the sentence may have told the kind itself in other words
# ("crews moved the cranes ... such transfers"; read on two dev briefs); a kind told before the
# sentence comes early in it ("Under the new law, such strikes ..."). FUNCTION names no kind.
SUCH_TOLD_WORDS = 15
FUNCTION = frozenset(
    "a an the and or but he she it they we i you his her its their would will could should may "
    "might must can be is was were are been with of to in on for as at by from".split()
)


def _root(word: str) -> str:
    """A word less its ending: "moved" and "moves", "merger" and "mergers" are one word here."""
    return re.sub(r"(?<=\w{3})(?:ing|ed|es|s)$", "", word.lower())
