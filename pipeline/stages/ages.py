"""Rival ages of one person: two sources that give the same person's age differently (issue 25,
item 5).

News gives a person's age beside the name ("Lena Varga, 52, was detained", "52-year-old Lena
Varga", "Varga, aged 52"), and outlets copy it from different records: a reader of the html_dev
same-story pages found a man given as 47 by one outlet and 48 by the other (that one is still
missed: the second outlet writes the age beside a description, not his name). Unlike the figures of
pipeline.stages.figures, an age belongs to the person, not to the sentence's event: the sentences
that give the two ages need not be alike at all. So ages are grouped by the person named, across
the articles, and two ages of one person are rivals when different articles give them, the
articles were published close enough for the person not to have aged (`SAME_AGE_DAYS`), and
neither marks the age as one of another time (`THEN`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping, Sequence

from .names import TITLE
from .parser import docs

# Ages a person can have; a number outside is something else ("Route 180, 2019").
AGE_RANGE = range(1, 121)
# "Varga, then 43,", "now 52": the age at another time than the article's, no rival of today's.
THEN = frozenset({"then", "now", "formerly", "once"})
# Articles published further apart than this may give a person two true ages (a birthday passed).
SAME_AGE_DAYS = 31
# A cheap test for a sentence that may give an age as this module reads it, before any parse:
# "Varga, 52,", "Varga (52)", "Varga, aged 52", "52-year-old Varga".
MAYBE_AGE = re.compile(
    r"[A-Z][\w'’.-]*(?:,\s+(?:aged\s+)?|\s+\()\d{1,3}\s*[,)]|\b\d{1,3}-year-old\s+(?:[A-Z]|[a-z]+\s+[A-Z])"
)


@dataclass(frozen=True)
class Age:
    """A person's age as one sentence gives it: `surname` the name's last word (lower case),
    `first` its first word where the sentence writes more than one, `name` as written."""

    surname: str
    first: str | None
    name: str
    value: int


def _name(head: Any) -> tuple[str, str | None, str] | None:
    """The person a name's last word names: (surname, given name or None, the name as written).
    The small tagger reads some surnames as nouns ("Ruiz (47)"): a capitalised one counts. A
    title before the name ("Mayor Ana Ruiz") is no given name (names.TITLE)."""
    if not (head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.is_title)) or head.ent_type_ == "NORP":
        return None  # a demonym the tagger marks ("the 40-year-old Australian"): a description, not a name
    words = _name_words(head)
    written = " ".join(t.text for t in words)
    return head.lower_, (words[0].lower_ if len(words) > 1 else None), written


def _name_words(head: Any) -> list[Any]:
    """The words of the name `head` ends, a title before them left out ("Mayor Ana Ruiz": Ana Ruiz)."""
    words = sorted(
        [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i] + [head],
        key=lambda t: t.i,
    )
    while len(words) > 1 and TITLE.search(words[0].text + " "):
        words = words[1:]
    return words


def _age(t: Any) -> Age | None:
    if not t.like_num or not t.text.isdigit() or int(t.text) not in AGE_RANGE:
        return None
    doc = t.doc
    if t.i > 0 and doc[t.i - 1].lower_ in THEN:
        return None
    person = None
    # The name stands right before the age: the small parser can hang "Oms, 44," on a place
    # named earlier in the sentence ("at Sella Harbour Terminal, Oms, 44, said").
    if t.dep_ == "appos" and t.i >= 2 and doc[t.i - 1].text in {",", "("}:
        person = doc[t.i - 2]  # "Varga, 52," and "Varga (52)"
    elif t.head.lower_ == "aged" and t.head.i == t.i - 1 and t.head.head.i == t.i - 3:
        person = t.head.head  # "Varga, aged 52,"
    elif t.dep_ == "nummod" and t.head.lower_ == "year" and t.head.head.lower_ == "old":
        old = t.head.head  # "52-year-old Varga": 52 counts the years of "old", which modifies the name
        person = old.head if old.dep_ == "amod" else None
        # "the 52-year-old Dane", "the 48-year-old Briton": after "the", one capitalised word is a
        # description as often as a name (the tagger cannot tell a demonym), so only a full name counts.
        if person is not None and t.i > 0 and doc[t.i - 1].lower_ == "the" and not _name_words(person)[1:]:
            person = None
    if person is None:
        return None
    name = _name(person)
    return Age(name[0], name[1], name[2], int(t.text)) if name else None


def ages(texts: Sequence[str]) -> list[list[Age]]:
    """Every person's age each text gives (only texts MAYBE_AGE lets through are parsed)."""
    asked = [i for i, t in enumerate(texts) if MAYBE_AGE.search(t)]
    out: list[list[Age]] = [[] for _ in texts]
    for i, doc in zip(asked, docs([texts[i] for i in asked])):
        out[i] = [a for a in (_age(t) for t in doc) if a is not None]
    return out


# One age as found: (sentence index in the pool, its document's id, the age).
Found = tuple[int, str, Age]


def people(found: Sequence[Found]) -> dict[str, list[Found]]:
    """The ages found, grouped by the person they name, keyed by the name in full. A name
    written whole ("Lena Varga") is one person; a bare one ("Varga", and "Wang" for "Wang Youcai",
    whose family name comes first) is the one full name it is a word of, itself when it is no
    word of any, and nobody when it is a word of two (a father and a son). A person to whom one
    article gives two ages is two people of one name there, and is left out."""
    full = sorted({a.name for _, _, a in found if a.first})
    out: dict[str, list[Found]] = {}
    for k, doc_id, a in found:
        if a.first:
            key = a.name
        else:
            of = [n for n in full if a.name.lower() in n.lower().split()]
            if len(of) > 1:
                continue
            key = of[0] if of else a.name
        out.setdefault(key, []).append((k, doc_id, a))
    for key in list(out):
        per_doc: dict[str, set[int]] = {}
        for _, doc_id, a in out[key]:
            per_doc.setdefault(doc_id, set()).add(a.value)
        if any(len(v) > 1 for v in per_doc.values()):
            del out[key]
    return dict(sorted(out.items()))


def rival_ages(group: Sequence[Found], published: Mapping[str, date | None]) -> bool:
    """Whether two articles give this person different ages within SAME_AGE_DAYS of each other
    (an unknown publication date is taken as close)."""
    for i, (_, doc_a, a) in enumerate(group):
        for _, doc_b, b in group[i + 1 :]:
            if doc_a == doc_b or a.value == b.value:
                continue
            day_a, day_b = published.get(doc_a), published.get(doc_b)
            if day_a is None or day_b is None or abs((day_a - day_b).days) <= SAME_AGE_DAYS:
                return True
    return False
