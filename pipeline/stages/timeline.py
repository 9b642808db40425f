"""The incident's timeline: each date the articles give, with the words that say what happened then.

A date belongs to the words it modifies, read on the dependency parse: "the downing of a
Russian jet over the border in November 2015" dates the downing, not the sentence around it;
"when a policeman shot the ambassador on December 19" dates that clause. The entry is those
words as written (the whole sentence when the date modifies its main verb), cited to the sentence
that holds them. The incident's own day is told by the event sentence. Dates resolve against
each article's publication date, else the incident's (pipeline.stages.dates). A timeline whose
dates all fall on one day says nothing the lede does not: it is left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..types import Dated, Sentence, SourceSpan
from . import dates
from .lexicon import FRAMING
from .segment import display

Entities = Callable[[Sequence[str]], list[Any]]  # texts -> spaCy Docs (pipeline.stages.parser.docs)
MAX_ENTRIES = 8
MIN_WORDS, MAX_WORDS = 4, 45  # an entry says something, and says one thing
MIN_SAID = 3  # content words beside the date itself
SAME = 0.5  # cosine: two sentences tell of the same dated thing, so both are its sources
# Words that open a clause without being part of what it says.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
FRAMED = frozenset({"ccomp", "xcomp", "parataxis", "dobj"})  # what a verb of saying or alleging frames
OPENERS = frozenset("when as after while because since that which who where whereas and but".split())


def _span(s: Sentence, paths: Mapping[str, str], score: float = 1.0) -> SourceSpan:
    return SourceSpan(s.doc_id, paths[s.doc_id], s.start, s.end, score)


def _spans(sentences: Sequence[Sentence], paths: Mapping[str, str]) -> tuple[SourceSpan, ...]:
    seen, out = set(), []
    for s in sorted(sentences, key=lambda s: (paths[s.doc_id], s.start)):
        if (s.doc_id, s.start) not in seen:
            seen.add((s.doc_id, s.start))
            out.append(_span(s, paths))
    return tuple(out)


QUOTES = frozenset({'"', "“", "”"})


def _quoted(text: str, at: int) -> bool:
    """Whether position `at` of `text` lies inside a double quotation."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def dated_words(text: str, when: dates.When, doc: Any) -> str | None:
    """The words of `text` that `when` dates: the whole sentence when it modifies the main verb,
    else the clause or noun phrase it belongs to; None when the parse ties it to nothing."""
    toks = [t for t in doc if when.start <= t.idx < when.end]
    if not toks:
        return None
    t = toks[0]
    inside = {x.i for x in toks}
    while t.head.i != t.i and (t.head.i in inside or t.head.pos_ == "ADP"):
        t = t.head
    if t.head.i == t.i:
        return None  # the date is the sentence's root: a heading, not a fact
    head = t.head
    whole = head.dep_ == "ROOT" and head.pos_ in ("VERB", "AUX")  # it dates the sentence's own verb
    if not whole and head.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
        return None
    if toks[0].sent.root.pos_ not in ("VERB", "AUX"):
        return None  # no verb at the sentence's top ("2011-13: Leads ..."): a list line, not a fact
    clause = head
    if head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "the heights, which Israel took in 1967": the clause dates what it describes
    words = list(doc) if whole else list(head.subtree)
    quotes = sum(w.text in QUOTES for w in words)  # counted before the edges are trimmed
    while words and (words[0].lower_ in OPENERS or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    said = [w for w in words if not (when.start <= w.idx < when.end) and not w.is_stop and w.is_alpha]
    if not MIN_WORDS <= len(words) <= MAX_WORDS or len(said) < MIN_SAID:
        return None  # "the second half of 2016": a date, not a thing that happened
    if any(w.tag_ == "MD" for w in words):
        return None  # "voters could see ... in 2020": a possibility, not an event
    if quotes % 2 or _quoted(text, when.start):
        return None  # half a quotation, or a speaker's own "today": not the timeline's words
    if clause is head and head.pos_ in ("VERB", "AUX") and not any(c.dep_ in SUBJECTS for c in head.children):
        return None  # "to start a company in 1994": without its subject, neither who acted nor that it happened
    last = words[-1]
    if last.pos_ == "VERB" and last.lemma_.lower() in FRAMING and not any(c.dep_ in FRAMED for c in last.children):
        return None  # "a meeting on June 2, at which, the board alleges": what it alleges lies outside the entry
    if whole:
        return text
    return doc[words[0].i : words[-1].i + 1].text


def build_timeline(
    pool: Sequence[Sentence],
    vectors: np.ndarray,
    published: Mapping[str, date | None],
    day: date | None,
    event: Sentence | None,
    paths: Mapping[str, str],
    parse: Entities | None,
) -> tuple[Dated, ...]:
    """Oldest first, at most MAX_ENTRIES (the dates the most articles give); empty when fewer
    than two dates are found. Without the parser only the incident's own day is known, so empty."""
    if parse is None or day is None or event is None:
        return ()
    index = {s.id: i for i, s in enumerate(pool)}
    found: dict[str, list[tuple[str, Sentence]]] = defaultdict(list)
    # A sentence whose own words cannot be an entry ("... before being shot down in November
    # 2015") still backs the entry that tells the same thing.
    giving: dict[str, list[Sentence]] = defaultdict(list)
    candidates = [(s, display(s.text)) for s in pool]
    candidates = [(s, t) for s, t in candidates if dates.find(t)]
    for (s, text), doc in zip(candidates, parse([t for _, t in candidates])):
        for w in dates.resolve(text, published.get(s.doc_id), day):
            if w.iso is None or w.iso == day.isoformat():
                continue
            giving[w.iso].append(s)
            words = dated_words(text, w, doc)
            if words:
                found[w.iso].append((words, s))
    # What happened: nothing dated after the newest article (plans and hopes are not events).
    latest = max((d for d in published.values() if d), default=None)
    if latest:
        last = latest.isoformat()
        found = {iso: told for iso, told in found.items() if iso <= last[: len(iso)]}
    entries = {day.isoformat(): Dated(day.isoformat(), display(event.text), _spans([event], paths))}
    ranked = sorted(found, key=lambda iso: (-len({s.doc_id for _, s in found[iso]}), iso))
    for iso in ranked[: MAX_ENTRIES - 1]:
        # The words most articles echo: the candidate whose sentence is closest to the others'.
        told = found[iso]
        rows = vectors[[index[s.id] for _, s in told]]
        centre = rows.mean(axis=0)
        k = int(np.argmax(rows @ centre)) if len(told) > 1 else 0
        words, s = told[k]
        near = vectors[[index[x.id] for x in giving[iso]]] @ rows[k]
        backing = [x for x, v in zip(giving[iso], near) if float(v) >= SAME]
        entries[iso] = Dated(iso, words, _spans(backing or [s], paths))
    if len(entries) < 2:
        return ()
    return tuple(entries[iso] for iso in sorted(entries))
