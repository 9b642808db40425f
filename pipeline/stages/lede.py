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
from .frame import SAME_EVENT, Frame, place_key
from .places import PLACE_PREPS, SAYING, located
from .restates import TIME
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
# Prepositions whose phrase places the event against another one: the day goes before them, so
# that it stays the main verb's ("dropped its inquiry on Tuesday after a review of the evidence").
AFTER_DAY = frozenset({"after", "before", "following", "during", "until", "since", "amid"})
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
    years"); None where that cannot be done safely. A date inside a noun phrase the verb acts on
    dates that thing, not the telling ("dropped its inquiry into a 2010 allegation")."""
    if frame.parse is None:
        return None
    doc = frame.parse([text])[0]
    at = _after_complements(doc)
    if at is None:
        return None
    times = [(a, b) for a, b, *_ in dates.find(text)] + [m.span() for m in TIME.finditer(text)]
    times += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    if any(_clause_time(doc, a, b, at[1]) for a, b in times):
        return None  # "in March", "that night": a time of its own, which a day might contradict
    out = f"{text[: at[0]]} on {words}{text[at[0] :]}"
    if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in _helpers(at[1])):
        return _simple_past(out, at[1])  # English gives the present perfect no day
    return out


# How a noun phrase that dates a thing, not the clause, hangs on the main verb: its object or a
# prepositional complement. A dated subject ("the 1988 bombing killed ...") dates the event.
THINGS = frozenset({"dobj", "obj", "pobj", "prep", "attr", "oprd", "dative", "agent"})


def _clause_time(doc: Any, start: int, end: int, main: Any) -> bool:
    """Whether the time written at [start, end) says when the main clause happened: anything but a
    date inside a noun phrase that the main verb acts on ("its inquiry into a 2010 allegation")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    t, nouns = span.root, 0
    while t.head.i != t.i and t.head.i != main.i:
        t = t.head
        nouns += t.pos_ in ("NOUN", "PROPN") and not (span.start <= t.i < span.end)
    return t.head.i != main.i or not nouns or t.dep_ not in THINGS


def _helpers(verb: Any) -> list[Any]:
    """The auxiliaries and negation of a verb, also where the parser hangs one on another ("has"
    on "been" in "has been re-elected")."""
    near = {verb.i} | {c.i for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return [t for t in verb.doc[: verb.i] if t.dep_ in ("aux", "auxpass", "neg") and t.head.i in near]


def _simple_past(text: str, verb: Any) -> str | None:
    """`text` with its main verb's present perfect told as the simple past, which takes a day:
    "has dropped" -> "dropped", "have been freed" -> "were freed". Only where the past is the
    participle's own form: a weak verb's participle in -ed is its past too, a strong one's is not
    ("has taken" / "took"), and is refused, as is a negation ("has not dropped" / "did not drop")
    or a modal ("will have dropped"). The edits lie before the verb, so `text` may already hold
    the day inserted after it."""
    helpers = _helpers(verb)
    have = [c for c in helpers if c.dep_ == "aux" and c.lemma_ == "have"]
    been = [c for c in helpers if c.dep_ == "auxpass" and c.lower_ == "been"]
    if len(have) != 1 or len(helpers) != len(have) + len(been) or verb.tag_ != "VBN":
        return None
    if been:  # "has been freed" -> "was freed", "have been freed" -> "were freed"
        a, b = have[0].idx, been[0].idx + len(been[0].text)
        return f"{text[:a]}{'was' if have[0].tag_ == 'VBZ' else 'were'}{text[b:]}"
    if not verb.doc[verb.i : _word_end(verb.doc, verb.i) + 1].text.lower().endswith("ed"):
        return None
    a = have[0].idx
    return f"{text[:a]}{text[a + len(have[0].text_with_ws) :]}"


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
    while not before_time and right and right[-1].pos_ == "ADP" and right[-1].lower_ in AFTER_DAY:
        right.pop()  # "... on Tuesday after a review": the day is the verb's, not the review's
    last = max((c.right_edge.i for c in right), default=main.i)
    last = _word_end(doc, last)  # the whole word: the tagger splits "re-elected" in three
    if any(t.is_quote for t in doc) or any(t.is_bracket for t in doc[main.i : last + 1]):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[main.i + 1 : last + 1]):
        return None  # after "... the first time that it will lose games" it would modify the inner clause
    return doc[last].idx + len(doc[last].text), main


def _word_end(doc: Any, i: int) -> int:
    """The last token of the written word token `i` begins ("elected" of "re-elected")."""
    while i + 1 < len(doc) and not doc[i].whitespace_ and (doc[i + 1].is_alpha or doc[i + 1].text == "-"):
        i += 1
    return i


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
