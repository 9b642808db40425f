"""Rival figures of one fact: two sources that say the same thing of the same subject with a
different number (issue 25, item 5).

The toll rules (pipeline.stages.differences) know casualty words only. Readers of the dev briefs
found rival figures of every kind: how many cities held press conferences, by how many points a
candidate trails, how many of a group a court convicted, a sentence in years. What makes two
figures rivals is not the word counted but the fact around it: the same subject does the same
thing, and only the number differs ("Dockers held rallies in 11 ports" / "dockers held protest
rallies in 14 northern ports"). So a figure here is read off the parse: the number, the noun it
counts (or the unit it measures in, and what that unit measures), the clause's verb and the
clause's subject. Two figures are rivals when all of these but the number agree and neither
sentence marks the figure as another quantity (`NOT_THE_SAME`), a part of a total (`TOTAL`), or
a bound or estimate (`ROUGH`), neither sentence also gives the other's number, and their days agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from .attribute import NUMBER_WORDS, numbers
from .counts import OTHER_EVENT
from .parser import docs
from .referents import days

# Words that measure something else: "a four-day visit" measures the visit, "sentenced to 11
# years" measures the sentence. The figure is then about the word the unit hangs on.
UNITS = frozenset(
    "second minute hour day week month year decade percent % point foot feet mile meter metre kilometer "
    "kilometre inch acre pound ton tonne kilogram dollar $ euro yen".split()
)
# Words of the subject named with the figure: "the ferry", "the tribunal's judges", "Mayor Ruiz".
SUBJECT_WORDS = frozenset({"det", "compound", "poss"})
# Units of time: a number in a date entity counts only with one of them ("for 11 years", not "Dec. 14").
DURATIONS = frozenset("second minute hour day week month year decade".split())
# Words that make a figure a second quantity of the same thing: "159 more spacewalks", "two other
# soldiers" are not rivals of "three spacewalks", "three soldiers".
NOT_THE_SAME = frozenset({"more", "other", "another", "additional", "extra", "further", "remaining"})
# A sentence that gives a total sets its figure beside its parts ("259 aboard and 11 on the ground
# were killed" / "a total of 270 ... were killed"): parts and sum are no rivals.
TOTAL = re.compile(r"\b(?:total|in all|overall|altogether|combined|cumulative)\b", re.I)
# A number as `_value` reads it, inside a compound too ("a four-day visit").
NUMBER = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# Bounds and estimates: "at least 11" and "14" can both be right.
ROUGH = frozenset(
    "about around nearly almost roughly some approximately over more than least up to fewer less under above "
    "below estimated".split()
)
# Two sentences less alike than this tell another story around the same words; a floor, not the
# test. Read on the dev clusters: the rival pairs found scored 0.70 to 1.00, and no pair from 0.4
# to 0.7 passed the other checks.
SAME_FIGURE = 0.6
# A pronoun subject names nobody by itself: two such figures are rivals only when the sentences
# say nearly the same words ("she trails by 18 points" / "she trails by 20 points", 0.99).
SAME_WORDS = 0.8


@dataclass(frozen=True)
class Figure:
    """One number a sentence gives, and what it is a number of: `unit` is the noun counted or
    the unit it measures in, `of` what that unit measures (the noun itself when it counts),
    `verb` and `subject` the clause it is in (`subject` "pron:she" for a pronoun), all lemmas;
    `topic` the counted noun and the clause as the sentence writes them ("passengers: the ferry carried")."""

    value: float
    unit: str
    of: str
    verb: str
    subject: str
    topic: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.unit, self.of, self.verb, self.subject)


def _value(token: Any) -> float | None:
    text = token.lower_.replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _up_to(token: Any, parts: tuple[str, ...]) -> Any:
    """The nearest word at or above `token` of a part of speech in `parts` (the root if none)."""
    while token.pos_ not in parts and token.head.i != token.i:
        token = token.head
    return token


def _subject(verb: Any) -> Any:
    """Whom the clause is about: its subject, the noun a relative clause hangs on for "who"/"that"."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    who = subjects[0]
    return verb.head if who.pos_ == "PRON" and verb.dep_ == "relcl" else who


def _figure(t: Any) -> Figure | None:
    if not t.like_num or t.dep_ != "nummod":
        return None
    unit = t.head
    name = unit.lemma_.lower()
    if t.ent_type_ in ("DATE", "TIME", "ORDINAL") and name not in DURATIONS:
        return None
    value = _value(t)
    if value is None:
        return None
    if any(c.lower_ in NOT_THE_SAME for c in (*t.children, *unit.children)):
        return None
    if any(c.lower_ in ROUGH for c in (*t.subtree, *unit.children) if c.i < t.i):
        return None
    of = _up_to(unit.head, ("NOUN", "PROPN", "VERB", "AUX")) if name in UNITS else unit
    verb = _up_to(t, ("VERB", "AUX"))
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    who = _subject(verb)
    if who is None:
        return None
    subject = f"pron:{who.lower_}" if who.pos_ == "PRON" else who.lemma_.lower()
    return Figure(value, name, of.lemma_.lower(), verb.lemma_.lower(), subject, f"{unit.lower_}: {_clause(who, verb)}")


def _clause(who: Any, verb: Any) -> str:
    """The subject and verb as the sentence writes them: "the ferry carried", "she is trailing"."""
    words = [t for t in who.children if t.dep_ in SUBJECT_WORDS and t.i < who.i] + [who]
    words += [t for t in verb.children if t.dep_ in ("aux", "auxpass", "neg") and t.i < verb.i] + [verb]
    return " ".join(t.lower_ if t.pos_ in ("DET", "PRON") else t.text for t in sorted(words, key=lambda t: t.i))


def countable(text: str) -> bool:
    """Whether `text` may give a figure here: it has a number, and no mark of a total, another
    event or a running count (counts.OTHER_EVENT: "also", "since August", "so far")."""
    return bool(NUMBER.search(text)) and not TOTAL.search(text) and not OTHER_EVENT.search(text)


def figures(texts: Sequence[str]) -> list[list[Figure]]:
    """Every figure each text gives (none where `countable` says no: those are not parsed)."""
    asked = [i for i, t in enumerate(texts) if countable(t)]
    out: list[list[Figure]] = [[] for _ in texts]
    for i, doc in zip(asked, docs([texts[i] for i in asked])):
        out[i] = [f for f in (_figure(t) for t in doc) if f is not None]
    return out


def given_numbers(text: str) -> set[float]:
    """The numbers `text` gives, as values; a version or a dotted date ("2.0.1") is none."""
    out = set()
    for n in numbers(text):
        try:
            out.add(float(n))
        except ValueError:
            continue
    return out


def rivals(
    a: str, b: str, mine: Sequence[Figure], theirs: Sequence[Figure], cosine: float
) -> list[tuple[Figure, Figure]]:
    """The figures of `a` and `b` that count one thing differently: same noun, unit, verb and
    subject, another number that the other sentence does not also give, and no day that the
    other's days contradict ("on Tuesday" / "in 2015")."""
    if cosine < SAME_FIGURE:
        return []
    when_a, when_b = days(a), days(b)
    if not (when_a <= when_b or when_b <= when_a):
        return []
    given_a, given_b = given_numbers(a), given_numbers(b)
    out = []
    for x in mine:
        for y in theirs:
            if x.key != y.key or x.value == y.value or x.value in given_b or y.value in given_a:
                continue
            if x.subject.startswith("pron:") and cosine < SAME_WORDS:
                continue
            out.append((x, y))
    return out
