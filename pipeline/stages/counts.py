"""Counts a sentence gives: how many were killed, wounded, missing, arrested or evacuated, of whom.

Model-free patterns over the sentence as a reader sees it: "three Turkish soldiers were killed
and 11 wounded" gives (killed, soldier, 3) and (wounded, soldier, 11). The incident frame
(pipeline.stages.frame) and the differences (pipeline.stages.differences) read the same claims;
`event_counts` gives the frame each quantity its event's sentences count, with its history.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from ..types import Fact, Sentence, Step
from .segment import display
from .timeline import _spans

WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "a dozen": 12,
    }
)
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
QUAL = r"(?:(?P<qual>at least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than) )?"
QUANTITY = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "deaths": "killed",
    "death": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "injuries": "wounded",
    "missing": "missing",
    "arrested": "arrested",
    "detained": "arrested",
    "evacuated": "evacuated",
    "killing": "killed",
    "wounding": "wounded",
    "injuring": "wounded",
}
VERB_AFTER = r"(?P<verb>killed|dead|died|wounded|injured|hurt|missing|arrested|detained|evacuated)"
NOUNS = r"(?P<noun>(?: [A-Za-z][A-Za-z'-]*){0,4}?)"
AUX = r"(?: (?:were|was|have been|had been|has been|are|is|been|got|reported|confirmed|later))*(?: \w+ly)?"
# "three Turkish soldiers were killed", "11 others wounded", "10 people dead"
AFTER = re.compile(r"\b" + QUAL + r"(?P<n>" + NUM + r")" + NOUNS + AUX + " " + VERB_AFTER + r"\b", re.I)
# "killed three Turkish soldiers", "injuring 11 others"
BEFORE = re.compile(
    r"\b(?P<verb>killed|killing|wounded|wounding|injured|injuring|arrested|detained|evacuated) "
    + QUAL
    + r"(?P<n>"
    + NUM
    + r")(?P<noun>(?: (?!(?:and|or|but|in|on|at|near|during|when|after|as|with|"
    r"while|from|by|of|to|the|a)\b)[A-Za-z][A-Za-z'-]*){0,3})",
    re.I,
)
TOLL = re.compile(
    r"\bdeath toll (?:\w+ ){0,3}?(?:to|at|of|is|was|reached|stands at) " + QUAL + r"(?P<n>" + NUM + r")\b", re.I
)
# Marks of another event or a running total: such a figure is not a rival of the incident's.
OTHER_EVENT = re.compile(
    r"\b(other|others? than|also|another|additional|more|earlier|previous|previously|since|"
    r"so far|this year|last year|total|in all|overall|including|among them|of whom|of them|"
    r"separate|before)\b",
    re.I,
)
TIME = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"(?:19|20)\d\d)\b",
    re.I,
)
SYNONYMS = {
    "troops": "soldier",
    "troop": "soldier",
    "soldiers": "soldier",
    "servicemen": "soldier",
    "serviceman": "soldier",
    "personnel": "soldier",
    "people": "person",
    "persons": "person",
    "individuals": "person",
    "civilians": "civilian",
    "children": "child",
    "officers": "officer",
    "policemen": "officer",
    "police": "officer",
    "others": "",
    "other": "",
}
STOP_NOUN = {
    "a",
    "an",
    "the",
    "and",
    "of",
    "in",
    "on",
    "at",
    "by",
    "were",
    "was",
    "have",
    "had",
    "been",
    "are",
    "is",
    "who",
    "that",
    "which",
    "with",
    "from",
    "to",
    "as",
    "when",
    "after",
    "others",
    "other",
    "more",
    "also",
    "during",
    "near",
    "for",
    "since",
    "while",
    "reportedly",
    "later",
    "being",
    "be",
    "has",
}


@dataclass(frozen=True)
class Claim:
    sentence: Sentence
    quantity: str
    noun: str
    number: int
    approx: str | None
    other_event: bool
    times: frozenset


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else WORDS.get(text)


PARTICIPLES = frozenset("found shot left hit taken seen held".split())  # irregular ones that end no noun


def _noun(words: str) -> str:
    """The head of "Turkish soldiers were also": the last word before the first function word."""
    heads = []
    for w in words.split():
        if w.lower() in STOP_NOUN:
            break
        heads.append(w.lower())
    # "two young men found dead": a participle after the noun is the verb's, not the noun's.
    while len(heads) > 1 and (heads[-1].endswith("ed") or heads[-1] in PARTICIPLES):
        heads.pop()
    if not heads:
        return ""
    head = heads[-1]
    return SYNONYMS.get(head, head[:-1] if head.endswith("s") and len(head) > 3 else head)


def claims(sentence: Sentence) -> list[Claim]:
    """The figures a sentence gives: "three Turkish soldiers were killed and 11 wounded" gives
    (killed, soldier, 3) and (wounded, soldier, 11): a figure with no noun takes the previous one's."""
    text = display(sentence.text)
    found: list[tuple[int, str, str, int, str | None]] = []
    for pattern in (AFTER, BEFORE, TOLL):
        for m in pattern.finditer(text):
            n = _number(m["n"])
            of = pattern is not TOLL and text[m.end("n") : m.end("n") + 3].lower() == " of"  # "one of the 11"
            if n is None or n > 100_000 or 1900 <= n <= 2100 or of:
                continue
            if re.match(
                r"\s*(?:%|percent|per cent|years?|months?|days?|hours?|times|km|miles)\b", text[m.end("n") :], re.I
            ):
                continue
            if pattern is AFTER and re.search(
                r"\b(and|or|but|than|killed|killing|wounded|injured|dead|died)\b", m["noun"] or "", re.I
            ):
                continue  # "three soldiers and injured": two figures, not one
            verb = m.groupdict().get("verb") or "killed"
            noun = _noun(m.groupdict().get("noun") or "")
            found.append((m.start(), QUANTITY[verb.lower()], noun, n, (m["qual"] or "").lower() or None))
    found.sort()
    out, last_noun, seen = [], "", set()
    other = bool(OTHER_EVENT.search(text))
    times = frozenset(t.lower() for t in TIME.findall(text))
    for _, quantity, noun, n, approx in found:
        noun = noun or last_noun
        last_noun = noun
        if (quantity, n) not in seen:
            seen.add((quantity, n))
            out.append(Claim(sentence, quantity, noun, n, approx, other, times))
    return out


def _compatible(a: Claim, b: Claim) -> bool:
    """The two figures could both be right: equal, or a bound the other meets."""
    if a.number == b.number:
        return True
    for x, y in ((a, b), (b, a)):
        if x.approx in ("at least", "more than", "over", "as many as") and y.approx is None and y.number >= x.number:
            return True
        if (
            x.approx in ("nearly", "almost", "about", "around", "some", "up to")
            and abs(y.number - x.number) <= 0.2 * x.number
        ):
            return True
    return a.approx != b.approx and (a.approx is not None and b.approx is not None)


COUNT_SLOTS = tuple(dict.fromkeys(QUANTITY.values()))  # killed, wounded, missing, arrested, evacuated


def event_counts(
    pool: Sequence[Sentence], echoes: Sequence[Sentence], published: Mapping[str, date | None], paths: Mapping[str, str]
) -> tuple[list[Fact], set[int]]:
    """Each quantity the event's sentences count: the figure most articles give, and its history
    when the articles' dates show it moving (a toll that rose, then was revised)."""
    echo_ids = {s.id for s in echoes}
    found: dict[tuple[str, str], dict[int, list[Sentence]]] = defaultdict(lambda: defaultdict(list))
    qualified: dict[int, str] = {}
    for s in pool:
        if s.id not in echo_ids:
            continue
        for c in claims(s):
            if c.other_event:
                continue
            found[(c.quantity, c.noun)][c.number].append(s)
            if c.approx:  # "at least 32": the qualifier is part of the figure
                qualified.setdefault(c.number, c.approx)
    # "11 others wounded" counts the group the sentence named before it: one figure, one quantity.
    for q, noun in [k for k in found if not k[1]]:
        named = [k for k in found if k[0] == q and k[1]]
        if named:
            into = max(sorted(named), key=lambda k: sum(len(v) for v in found[k].values()))
            for n, ss in found.pop((q, noun)).items():
                found[into][n] += ss
    facts, figures = [], set()
    for quantity in COUNT_SLOTS:
        for (q, noun), numbers in sorted(found.items()):
            if q != quantity:
                continue
            figures |= set(numbers)
            support = {n: len({s.doc_id for s in ss}) for n, ss in numbers.items()}
            steps = _history(numbers, published, paths)
            n = int(steps[-1].value) if len(steps) > 1 else max(sorted(support), key=lambda n: support[n])
            value = f"{qualified[n]} {n}" if n in qualified else str(n)
            detail = _plural(noun) if noun else None
            facts.append(
                Fact(quantity, value, _spans([s for ss in numbers.values() for s in ss], paths), detail, steps)
            )
    return facts, figures


def _plural(noun: str) -> str:
    irregular = {"person": "people", "child": "children", "man": "men", "woman": "women"}
    if noun in irregular or noun.endswith(("s", "men", "people", "children", "police")):
        return irregular.get(noun, noun)
    return noun + "s"


def _history(
    numbers: Mapping[int, Sequence[Sentence]], published: Mapping[str, date | None], paths: Mapping[str, str]
) -> tuple[Step, ...]:
    """The figure as it moved: each number at the earliest date its articles give it. Only when
    every number is dated and there are at least two: an undated pair is a difference, not a change."""
    if len(numbers) < 2:
        return ()
    first: dict[int, date] = {}
    for n, ss in numbers.items():
        known = [published[s.doc_id] for s in ss if published.get(s.doc_id)]
        if not known:
            return ()
        first[n] = min(d for d in known if d)
    ordered = sorted(numbers, key=lambda n: (first[n], n))
    if len({first[n] for n in ordered}) < len(ordered):
        return ()  # two figures on one day: rivals, not a change over time
    return tuple(Step(str(n), _spans(numbers[n], paths), first[n].isoformat()) for n in ordered)
