"""The full names a brief may write in, checked against a tagger's reading of the articles.

The model-free scan (pipeline.stages.names) reads "Given Surname" from capitals and cues. A
capital says little at the start of a sentence, so the scan can take the sentence's first word
for a given name: a title's word ("State" of "Secretary of State Helen Marsh"), a nationality
("Ukrainian Oleh Marchuk") or a participle ("Seeing Kestrel up close, Col. ..."). Where the parser
is loaded, its entity and part-of-speech tags check each full name before a brief writes it.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping, Sequence, TypeVar

from .names import _title, people, waiting

Entities = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]  # texts -> (start, end, label)
Spans = Callable[[Sequence[str]], list[list[tuple[int, int]]]]  # texts -> (start, end)
PLACES = 3  # a name's first places in the articles that the tagger reads
T = TypeVar("T")


def read_people(
    texts: Sequence[str], verbs: Spans | None = None, entities: Entities | None = None
) -> tuple[frozenset[str], dict[str, str]]:
    """`people(texts)`, read again where a tagger is at hand: without the given names `verbs`
    shows to be verbs (`verb_given`), and with the uncued pairs `entities` reads as persons
    (`person_pairs`). The brief and its standalone check read one set."""
    tagged = person_pairs(waiting(texts), texts, entities) if entities is not None else frozenset()
    known, full = people(texts, frozenset(), tagged)
    # After the tagged pairs: the tagger's person may open with a participle too ("Accompanying Liu").
    if verbs is not None and (refused := verb_given(full, texts, verbs)):
        known, full = people(texts, refused, tagged)
    return known, full


def person_pairs(pairs: Mapping[str, set[str]], texts: Sequence[str], entities: Entities) -> frozenset[str]:
    """The "Given Surname" pairs (by surname) that the tagger reads as one person's name, whole,
    in each of their first places in the articles. The scan wants a cue beside a pair ("Tom
    Steyer, a businessman"); news often gives none ("Tom Steyer has spent ...", later "... and
    Steyer"), and then a brief printed the surname alone. Only pairs whose surname the articles
    also use alone are asked (`waiting`): a handful of paragraphs to tag, not the articles."""
    names = {pair: pair for found in pairs.values() for pair in found}
    flat, where, found = _read_places(names, texts, entities)
    out = set()
    for pair in sorted(names):
        places = where[pair]
        if places and all(_tagged_whole(flat[k], pair, found[k]) for k in places):
            out.add(pair)
    return frozenset(out)


def _tagged_whole(text: str, pair: str, found: Sequence[tuple[int, int, str]]) -> bool:
    start = text.find(pair)
    return any(label == "PERSON" and a <= start and start + len(pair) <= b for a, b, label in found)


def verb_given(full: Mapping[str, str], texts: Sequence[str], verbs: Spans) -> frozenset[str]:
    """The words the scan took for a given name that the tagger reads as a verb in each of the
    name's first places ("seeing" of "Seeing Kestrel up close, Col. ..."), lower case: read again
    with these as no given names (pipeline.stages.names.people), "Kestrel" is no surname."""
    flat, where, tagged = _read_places(full, texts, verbs)
    out: set[str] = set()
    for surname, name in sorted(full.items()):
        read = [_verbs_given(flat[k], name, surname, tagged[k]) for k in where[name]]
        if read and all(read):
            out.update(w for words in read for w in words)
    return frozenset(out)


def confirmed(full: Mapping[str, str], texts: Sequence[str], entities: Entities) -> dict[str, str]:
    """The full names a brief may write in, cut where a named-entity tagger starts the person's
    name after words it tags as something else: the words the scan took for a given name may be
    part of a title ("State" of "Secretary of State") or a nationality ("Serb"). A name the
    tagger gives whole in one of its first three places, or never tags as a person, is kept as
    it is: the small tagger also calls real names places or products."""
    flat, where, found = _read_places(full, texts, entities)
    out = dict(full)
    for surname, name in full.items():
        cuts, whole = [], False
        for k in where[name]:
            start = flat[k].find(name)
            end = start + len(name)
            others = [(x, y) for x, y, kind in found[k] if kind != "PERSON"]
            for a, b, label in found[k]:
                # A person's name that ends at the surname (a possessive "'s" may follow).
                if label != "PERSON" or not end - len(surname) < b <= end + 2 or a >= end - len(surname):
                    continue
                whole |= a <= start
                # Cut only words the tagger calls something else ("State": ORG, "Serb": NORP) or
                # titles: its person boundary alone is no evidence ("Ana Luisa Ferreira" came out
                # as "Luisa Ferreira").
                words = list(re.finditer(r"\S+", flat[k][start:a]))
                if all(_title(w.group()) or any(x <= start + w.start() < y for x, y in others) for w in words):
                    cuts.append(flat[k][a:end])
        shortest = min(cuts, key=len) if cuts else ""
        if not whole and " " in shortest:
            out[surname] = shortest
    return out


def _read_places(
    full: Mapping[str, str], texts: Sequence[str], reader: Callable[[Sequence[str]], list[T]]
) -> tuple[list[str], dict[str, list[int]], dict[int, T]]:
    """(texts as the tagger reads them, each full name's first PLACES texts, the tagger's reading
    of each of those texts): one reading for all names."""
    flat = [" ".join(t.split()) for t in texts]
    where = {name: [k for k, t in enumerate(flat) if name in t][:PLACES] for name in set(full.values())}
    wanted = sorted({k for ks in where.values() for k in ks})
    return flat, where, dict(zip(wanted, reader([flat[k] for k in wanted]))) if wanted else {}


def _verbs_given(text: str, name: str, surname: str, verbs: Sequence[tuple[int, int]]) -> set[str]:
    """The words of the name before its surname that the tagger reads as verbs here (lower case)."""
    start = text.find(name)
    given_end = start + len(name) - len(surname)
    return {text[a:b].lower() for a, b in verbs if start <= a < given_end}
