"""The lede and the background: what the incident frame (pipeline.stages.frame) asks of the brief.

The first sentence states the incident: what happened (it tells the frame's event), how many
(one of its figures), where (one of its places) and when (a date that resolves to its day), as far
as the sources give them. `lede_score` weighs that for selection's first pick; `keep_lede` refuses
a trim or fusion of the lede that loses any word its source sentence states; `day_words` and
`with_day` complete a lede that tells the event but not its day with the day as a source writes
it (cited there); `background` tells a sentence about an earlier incident, which the brief keeps
at most once, last.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..types import Draft, Rejection, Sentence
from . import dates
from .frame import PLACE_PREPS, SAME_EVENT, SAYING, Frame, located, place_key
from .restates import timeless
from .segment import display

# A date this many days before the incident's is another event's, not a step of this one.
BACKGROUND_DAYS = 3


def lede_score(frame: Frame, vectors: Mapping[str, np.ndarray]) -> Callable[[Sentence], float]:
    """Share of the frame's slots (what, count, where, when) that a source sentence states. "What"
    is graded: 1 for the event sentence itself, falling to 0 at SAME_EVENT cosine. A yes/no at
    the threshold gave every sentence of a cluster written over days full marks, and the lede
    went to whichever side fact the other weights liked. The other slots count as far as the
    sentence tells the event (they multiply "what"): added to it, a day or a place made a side
    fact barely past SAME_EVENT outscore the event sentence that lacked them."""
    if frame.event is None or frame.event.id not in vectors:
        return lambda s: 0.0
    event = vectors[frame.event.id]
    wanted = frame.wanted()

    def score(s: Sentence) -> float:
        cos = float(vectors[s.id] @ event) if s.id in vectors else 0.0
        what = min(max((cos - SAME_EVENT) / (1 - SAME_EVENT), 0.0), 1.0)
        if not what:
            return 0.0  # a place or a day in a sentence about something else is no lede
        got = frame.slots(s.text, frame.published.get(s.doc_id))
        return what * (1 + len(got & wanted)) / (len(wanted) + 1)

    return score


def keep_lede(
    drafts: Sequence[Draft], sentences: Mapping[str, Sentence], frame: Frame, head: str | None = None
) -> list[Draft]:
    """The drafts, with the first one put back to its source sentence where a trim or fusion
    dropped any of its words. The lede was picked for what it states of the incident: a shorter
    one loses the toll, the place, the day, or the clause that says what happened ("and the
    ruling party looks set to gain a seat", "with police not ruling out a murder-suicide"). A
    fusion may add to it (verified), never take away. `head` is the id of the sentence selection
    picked to lead: a draft built around another member of its cluster loses it, and gives way."""
    out = list(drafts)
    if not out:
        return out
    first = out[0]
    base = sentences.get(head or first.base_sentence_id)
    if base is None or display(first.text) == display(base.text):
        return out
    published = frame.published.get(base.doc_id)
    lost_slots = frame.slots(base.text, published) - frame.slots(first.text, published)
    lost_words = _words(base.text) - _words(first.text)
    if lost_slots or lost_words:
        what = f"the {', '.join(sorted(lost_slots))}" if lost_slots else f"{len(lost_words)} of the words"
        why = Rejection(first.text, f"the lede lost {what} its source states")
        out[0] = replace(
            first, text=base.text, method="extracted", base_sentence_id=base.id, rejected=first.rejected + (why,)
        )
    return out


def _words(text: str) -> set[str]:
    """A sentence's words, case and punctuation aside: what a lede may not lose."""
    return {w for w in re.findall(r"[\w'’-]+", display(text).lower())}


def background(text: str, doc_id: str | None, frame: Frame) -> bool:
    """Whether a sentence tells of something before the incident: every date it gives resolves,
    and all fall more than BACKGROUND_DAYS before the incident's day."""
    if frame.day is None:
        return False
    found = [w for w in dates.resolve(display(text), frame.published.get(doc_id or ""), frame.day) if w.iso]
    if not found:
        return False
    limit = frame.day - timedelta(days=BACKGROUND_DAYS)
    return all(_end(w.iso) < limit for w in found if w.iso)


def _end(iso: str):
    """The last day an ISO day, month or year covers."""
    from datetime import date

    if len(iso) == 10:
        return date.fromisoformat(iso)
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:])
        return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return date(int(iso), 12, 31)


# Which written form of the incident's day a lede gains, best first: a full date, a month and day,
# a weekday (its date is in the fact box). "Yesterday" and "last week" mean nothing in a brief.
DAY_FORMS = {"day": 0, "partial": 1, "weekday": 2}
# Dependents after the main verb that open a clause of their own: the day goes before them, where
# it modifies the main verb ("... capsized near Port Elm on Tuesday, killing 12").
CLAUSES = frozenset({"ccomp", "advcl", "conj", "cc", "parataxis", "relcl", "xcomp", "acl", "dep", "punct"})
SOURCED = frozenset({"according"})  # "..., according to police": who says so, not what happened


def day_words(frame: Frame, pool: Sequence[Sentence]) -> tuple[str, Sentence] | None:
    """The incident's day as a source writes it ("February 9, 2017", "Feb. 9", "Thursday") and the
    sentence that writes it, which the lede then cites: best form first, then pool order."""
    if frame.day is None:
        return None
    iso = frame.day.isoformat()
    found = []
    for k, s in enumerate(pool):
        text = display(s.text)
        kinds = {(a, b): kind for a, b, kind, m in dates.find(text) if kind in DAY_FORMS}
        for w in dates.resolve(text, frame.published.get(s.doc_id), frame.day):
            kind = next((kd for (a, b), kd in kinds.items() if a <= w.start < b), None)
            if kind is not None and w.iso == iso and w.grain == "day" and not (kind == "weekday" and " " in w.text):
                found.append((DAY_FORMS[kind], k, w.text, s))
    if not found:
        return None
    _, _, words, s = min(found, key=lambda f: f[:2])
    return words, s


def with_day(text: str, words: str, frame: Frame) -> str | None:
    """`text` with "on <words>" after its main verb's last complement, where the parse shows one
    sentence whose main clause tells something (a verb of saying hands over to the clause it
    reports: "..., police said") and it names no time of its own (a date, a year, "in the past two
    years"); None where that cannot be done safely."""
    if frame.parse is None or dates.find(text) or timeless(text) != text:
        return None
    doc = frame.parse([text])[0]
    if any(e.label_ in ("DATE", "TIME") for e in doc.ents):
        return None  # "in March", "that night": a time of its own, which a day might contradict
    at = _after_complements(doc)
    if at is None:
        return None
    if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in at[1].children):
        return None  # "has been removed on Thursday": English gives the present perfect no day
    return f"{text[: at[0]]} on {words}{text[at[0] :]}"


def with_place(text: str, words: str, frame: Frame) -> str | None:
    """`text` with `words` (a place as a source writes it, its preposition first: "near the town
    of X") after its main verb's last complement, as `with_day` puts a day, where the sentence
    puts nothing at any place of its own (a place it named might be another one: "a meeting in
    Y"); None where that cannot be done safely."""
    if frame.parse is None:
        return None
    doc = frame.parse([text])[0]
    if located(doc) or any(e.label_ in ("GPE", "LOC", "FAC") for e in doc.ents):
        return None
    at = _after_complements(doc, before_time=True)
    return None if at is None else f"{text[: at[0]]} {words}{text[at[0] :]}"


def _after_complements(doc: Any, before_time: bool = False) -> tuple[int, Any] | None:
    """Where a phrase that modifies the main verb goes (the character offset after its last
    complement, before any clause of its own: "... capsized near Port Elm on Tuesday, killing 12")
    and the main verb; None where the parse shows no one sentence with one reporting-free main
    clause, the words there are a quotation or in brackets (not the reporter's to add to), or the
    complements hold a verb of their own, which the phrase would then seem to modify.
    `before_time`: before the complements that only say when, as a place goes."""
    sents = list(doc.sents)
    main = sents[0].root if len(sents) == 1 else None
    if main is not None and main.lemma_.lower() in SAYING:
        told = [c for c in main.children if c.dep_ in ("ccomp", "parataxis")]
        main = told[0] if len(told) == 1 else None
    if main is None or main.pos_ not in ("VERB", "AUX"):
        return None
    right = [c for c in main.children if c.i > main.i and c.dep_ not in CLAUSES and c.text.lower() not in SOURCED]
    while before_time and right and _is_time(right[-1]):
        right.pop()  # English puts where before when: "... sank off Crete on Tuesday"
    last = max((c.right_edge.i for c in right), default=main.i)
    if any(t.is_quote for t in doc) or any(t.is_bracket for t in doc[main.i : last + 1]):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[main.i + 1 : last + 1]):
        return None  # after "... the first time that it will lose games" it would modify the inner clause
    return doc[last].idx + len(doc[last].text), main


def _is_time(phrase: Any) -> bool:
    """A complement that only says when: "on Tuesday", "Tuesday", "last week"."""
    words = [t for t in phrase.subtree if not (t.pos_ == "ADP" and t.i == phrase.i)]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "DET" for t in words)


# A place phrase the lede may gain: its preposition, at most this many words, one phrase (no comma,
# no verb: "in Syria, where ..." brings a clause of its own).
PLACE_WORDS = 7


def place_words(frame: Frame, pool: Sequence[Sentence]) -> tuple[str, Sentence] | None:
    """The frame's place as a sentence that tells the event writes it, with its preposition ("near
    the Syrian town of al-Bab"), and that sentence, which the lede then cites: the event sentence
    first, then its echoes in pool order."""
    where = next((f for f in frame.facts if f.slot == "where"), None)
    if where is None or frame.parse is None or frame.event is None:
        return None
    key = place_key(where.value)
    by_id = {s.id: s for s in pool}
    told = [frame.event] + [by_id[i] for i in frame.echoes if i in by_id and i != frame.event.id]
    for s, doc in zip(told, frame.parse([display(s.text) for s in told])):
        for e, _ in located(doc):
            if place_key(e.text) != key:
                continue
            prep = e.root  # up to the preposition of place, past "the town of"
            while not (prep.pos_ == "ADP" and prep.lower_ in PLACE_PREPS) and prep.head.i != prep.i:
                prep = prep.head
            phrase = doc[prep.i : prep.right_edge.i + 1]
            if len(phrase) <= PLACE_WORDS and not any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in phrase):
                return phrase.text, s
    return None
