"""The incident frame: what happened, who did it and to whom, where, when, and how many, each
value with the spans it comes from.

News puts the event at the top: the frame's event is the opening sentence (of an article's first
EVENT_LEAD content sentences) that could open a brief (the reporter's words, not a quotation or a
caption) that the other articles' leads tell most alike (per article, its closest lead sentence's
cosine), less RANK_COST for each step down its own article, counts and dates breaking near-ties;
a plan or a forecast gives way to a lead that tells the same thing done (pipeline.stages.happened).
Its echoes, every sentence that tells the same event (cosine >= SAME_EVENT), fix
the rest: *when* is the day their dates resolve to most often (pipeline.stages.dates, against
each article's publication date), or else the one day of its last week that the event's own
article names in its opening lines (when it was made known); *where* the most specific place that
at least two of their articles agree on, or that the event sentence gives and no other telling
contradicts (spaCy's named entities after a preposition of place, not of a verb of saying; "the
town of X" is more specific than a place never called so, then the one the fewest articles name); *who* and
*whom* the agent and the patient of the event sentence's main verb, read on its parse, where
another article names them too; the counts are the figures (pipeline.stages.counts) their
sentences give, with each figure's history when the sources' dates show it moving. The
model-free fallback (no parser) leaves who, whom and where out: nothing is guessed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

import numpy as np

from ..types import Dated, Document, Fact, Sentence
from . import dates
from .counts import WORDS, claims, event_counts
from .happened import done, prospect
from .places import NAMED, PLACE_LABELS, SAYING, located
from .segment import display
from .standalone import lead_problem
from .timeline import Entities, _span, _spans, build_timeline

EVENT_LEAD = 4  # the first content sentences of each article: where news states its event
# What each step down its article costs a lead sentence, in units of one agreeing article: with
# two or three articles the top sentence wins unless another is told clearly more alike; with ten,
# agreement decides. 0.25 read on both dev files (docs/evaluation.md); a count at a threshold read
# no position at all and picked side facts.
RANK_COST = 0.25
SAME_EVENT = 0.5  # cosine (MiniLM) at which two sentences tell of one event
# Tie-breakers for the event sentence, in units of one echoing article: what a lede states.
LEDE_SLOTS = {"count": 0.5, "where": 0.25, "when": 0.25}
LEAD_DAYS = 7  # an article's opening lines report its last week: an older day there is background
MAX_PHRASE = 10  # words: a longer agent or patient is a clause, not a name for the fact box
PARTICIPANTS = NAMED | PLACE_LABELS
# Clauses that carry a fact beside the sentence's own: a relative clause, an adverbial clause, ...
ASIDES = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "parataxis"})
WORD_NUMBERS = frozenset(WORDS)


@dataclass(frozen=True)
class Frame:
    """The frame of one incident. `event` is the event sentence (None for no content), `echoes`
    the sentences that tell it; `day` the incident's date; `places` the normalised names of its
    agreed places; `counts` maps a quantity to the figures it was given (every figure the event's
    sentences give: a lede that keeps one of them keeps the toll)."""

    event: Sentence | None = None
    echoes: tuple[str, ...] = ()  # sentence ids
    facts: tuple[Fact, ...] = ()
    day: date | None = None
    places: frozenset[str] = frozenset()
    figures: frozenset[int] = frozenset()
    timeline: tuple[Dated, ...] = ()
    published: Mapping[str, date | None] = field(default_factory=dict)
    parse: Entities | None = field(default=None, compare=False, repr=False)

    def places_in(self, text: str) -> set[str]:
        """The normalised places `text` puts something at (empty without the parser)."""
        if self.parse is None:
            return set()
        return {place_key(e.text) for e, _ in located(self.parse([display(text)])[0])}

    def day_of(self, text: str, doc_id: str | None) -> frozenset[str]:
        """The days (ISO) a sentence of article `doc_id` names, resolved as far as they go."""
        found = dates.resolve(display(text), self.published.get(doc_id or ""), self.day)
        return frozenset(w.iso for w in found if w.iso and w.grain == "day")

    def slots(self, text: str, published: date | None = None) -> frozenset[str]:
        """Which of the frame's slots `text` states: "count" (a figure of the event), "where"
        (one of its places), "when" (a date that resolves to the incident's day)."""
        found = set()
        shown = display(text)
        if self.figures and any(c.number in self.figures for c in claims(_sentence(shown))):
            found.add("count")
        if self.places and self.places_in(shown) & self.places:
            found.add("where")
        if self.day and any(self._same_day(w, published) for w in dates.resolve(shown, published, self.day)):
            found.add("when")
        return frozenset(found)

    def _same_day(self, when: dates.When, published: date | None) -> bool:
        """A date that resolves to the incident's day, or, in an article with no date of its own,
        its weekday ("on Thursday" of a Thursday incident): consistent, though not resolved."""
        if when.iso is not None or published is not None or self.day is None:
            return when.iso == (self.day.isoformat() if self.day else None)
        return when.text.lower() == f"{self.day:%A}".lower()

    def wanted(self) -> frozenset[str]:
        """The slots a lede should state: those the sources give."""
        return frozenset(s for s, ok in (("count", self.figures), ("where", self.places), ("when", self.day)) if ok)


def _sentence(text: str) -> Sentence:
    return Sentence("", "", 0, len(text), text)


def place_key(place: str) -> str:
    """ "al-Bab", "Al Bab" and "the Al-Bab" are one place."""
    words = place.lower().replace("-", " ").split()
    return "".join(w for w in words if w != "the")


def publication_dates(documents: Sequence[Document]) -> dict[str, date | None]:
    return {d.id: dates.as_date(d.meta.published) for d in documents}


def build_frame(
    documents: Sequence[Document],
    pool: Sequence[Sentence],
    vectors: np.ndarray,
    paths: Mapping[str, str],
    parse: Entities | None = None,
) -> Frame:
    """The frame of the incident told by `pool` (every content sentence, embedded as unit
    `vectors`). `parse` gives spaCy Docs (named entities and dependencies); without it the frame
    has its event, date and counts only."""
    if not pool:
        return Frame(parse=parse)
    published = publication_dates(documents)
    index = {s.id: i for i, s in enumerate(pool)}
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for s in pool:
        by_doc[s.doc_id].append(s)
    leads = [s for d in by_doc.values() for s in sorted(d, key=lambda s: s.start)[:EVENT_LEAD]]
    lead_rows = vectors[[index[s.id] for s in leads]]
    lead_sims = lead_rows @ lead_rows.T
    # How closely the other articles' leads tell what each lead sentence tells: per article, its
    # closest lead sentence's cosine, summed over the other articles. A count of articles past a
    # threshold ties in a cluster written over days (every article has some sentence near any
    # other), and the tie went to a side fact that happened to carry a date. Leads come article
    # by article, so each article's are a run of columns; its own article counts 0 (x + 0 == x:
    # the sequential float32 sum is the one a Python loop over the other articles gives).
    starts = [j for j, s in enumerate(leads) if j == 0 or leads[j - 1].doc_id != s.doc_id]
    first = set(starts)
    own = np.cumsum([j in first for j in range(len(leads))]) - 1  # each lead's article, as a column
    closest = np.maximum.reduceat(lead_sims, starts, axis=1)
    closest[np.arange(len(leads)), own] = 0
    agreement = np.cumsum(closest, axis=1, dtype=closest.dtype)[:, -1]
    rank_of = {s.id: r for d in by_doc.values() for r, s in enumerate(sorted(d, key=lambda s: s.start))}

    figures_of = {s.id: main_figures(s, parse) for s in leads}

    def score(k: int) -> tuple[bool, float, float]:
        s = leads[k]
        text = display(s.text)
        # The event is told in the reporter's voice, in a sentence that could open a brief: not a
        # speaker's quotation, a caption or a line that leans on the one before it.
        told = lead_problem(text) is None
        bonus = LEDE_SLOTS["count"] * bool(figures_of[s.id])
        bonus += LEDE_SLOTS["when"] * any(w.grain == "day" for w in dates.resolve(text, published.get(s.doc_id)))
        rank = rank_of[s.id]
        return (told, float(agreement[k]) + bonus - RANK_COST * rank, -rank)

    best = max(range(len(leads)), key=lambda k: (*score(k), -k))
    if parse is not None and prospect(display(leads[best].text)):
        # A plan, a schedule or a forecast (pipeline.stages.happened) gives way to a lead that tells
        # the same thing done, where a later article reports it ("on the verge of a deal to buy"
        # -> "signed its agreement to buy"); a story that is all prospect (an election preview)
        # keeps its own.
        after = [k for k in range(len(leads)) if lead_sims[best, k] >= SAME_EVENT and score(k)[0]]
        best = max((k for k in after if done(display(leads[k].text))), key=lambda k: (*score(k), -k), default=best)
    event = leads[best]
    close = [int(i) for i in np.flatnonzero(vectors @ vectors[index[leads[best].id]] >= SAME_EVENT)]
    echoes = [event] + [pool[i] for i in close if pool[i].id != event.id]
    facts: list[Fact] = [Fact("what", display(event.text), _spans([event], paths))]
    opening = sorted(by_doc[event.doc_id], key=lambda s: s.start)[:EVENT_LEAD]
    day, when = _when(echoes, pool, published, paths, opening)
    if when:
        facts.append(when)
    places: frozenset[str] = frozenset()
    if parse is not None:
        others = [d.text for d in documents if d.id != event.doc_id]
        who = _participants(event, parse, paths, others)
        facts += who
        # Where the event happened is said where it is told: the event sentence and the articles'
        # opening sentences that echo it, not a place named further down ("a meeting in Las Vegas").
        lead_ids = {s.id for s in leads}
        told = [s for s in echoes if s.id in lead_ids or s.id == event.id]
        where = _where(told, documents, parse, paths, event)
        if where:
            facts.append(where)
            # The wider places they agree on count too: a lede "in northern Syria" says where.
            places = frozenset({place_key(where.value), *(place_key(w) for w in (where.detail or "").split(", ") if w)})
    counts, figures = event_counts(pool, echoes, published, paths)
    facts += counts
    timeline = build_timeline(pool, vectors, published, day, event, paths, parse)
    return Frame(
        event, tuple(s.id for s in echoes), tuple(facts), day, places, frozenset(figures), timeline, published, parse
    )


def _when(
    echoes: Sequence[Sentence],
    pool: Sequence[Sentence],
    published: Mapping[str, date | None],
    paths: Mapping[str, str],
    lead: Sequence[Sentence] = (),
) -> tuple[date | None, Fact | None]:
    """The day the event's sentences name most often, resolved against their articles' dates;
    failing that, the one day the event's own article names in its `lead` sentences."""
    votes: dict[str, list[Sentence]] = defaultdict(list)
    for s in echoes:
        for w in dates.resolve(display(s.text), published.get(s.doc_id)):
            if w.iso and w.grain == "day":
                votes[w.iso].append(s)
    # "said Sunday" in an undated article rules out the Wednesday an echo names ("met on March 3").
    if named := dates.unresolved_weekdays(display(echoes[0].text), published.get(echoes[0].doc_id)):
        votes = defaultdict(list, {iso: v for iso, v in votes.items() if date.fromisoformat(iso).weekday() in named})
    written = published.get(lead[0].doc_id) if lead else None
    if not votes and written is not None:
        # An event told without its day ("Sweden has dropped its inquiry") is dated by its own
        # article's opening lines where they name one day only, in the week up to the article's
        # date ("..., the prosecutor said on Tuesday"): the day it was made known. Two days
        # there, an older one, or none: nothing is shown.
        named_days = [(w, s) for s in lead for w in dates.resolve(display(s.text), written) if w.grain == "day"]
        found = {w.iso for w, _ in named_days if w.iso}
        iso = next(iter(found)) if len(found) == 1 else None
        if iso and timedelta(0) <= written - date.fromisoformat(iso) <= timedelta(days=LEAD_DAYS):
            votes = defaultdict(list, {iso: [s for w, s in named_days if w.iso == iso]})
    if not votes:  # articles written on different days say different weekdays: nothing to show
        return None, None
    iso = max(sorted(votes), key=lambda d: len({s.doc_id for s in votes[d]}))
    day = dates.as_date(iso)
    # Any sentence naming that day in full ("February 9", in an article with no date of its own)
    # backs it too: the value is the date, not the event sentence.
    backing = [
        s for s in pool if dates.find(s.text) and any(w.iso == iso for w in dates.resolve(display(s.text), None, day))
    ]
    return day, Fact("when", iso, _spans(votes[iso] + backing, paths))


def _where(
    echoes: Sequence[Sentence],
    documents: Sequence[Document],
    parse: Entities,
    paths: Mapping[str, str],
    event: Sentence | None = None,
) -> Fact | None:
    """The most specific place that at least two articles (one, when there is one) agree on, else
    the event sentence's own place where no other telling names another."""
    named: dict[str, list[tuple[Sentence, str]]] = defaultdict(list)
    small: set[str] = set()  # called a town, a city, a village ... of X somewhere
    for s, doc in zip(echoes, parse([display(s.text) for s in echoes])):
        for e, in_place in located(doc):
            named[place_key(e.text)].append((s, e.text))
            if in_place:
                small.add(place_key(e.text))
    n_docs = len({s.doc_id for s in echoes})
    agreed = [k for k, found in named.items() if len({s.doc_id for s, _ in found}) >= min(2, n_docs)]
    if not agreed and event is not None:
        # One account of where, and no rival: the sentence the others echo puts the event at a
        # place and no other telling puts it anywhere else ("a man who robbed a bank in Denver").
        own = {k for k, found in named.items() if any(s.id == event.id for s, _ in found)}
        agreed = sorted(own) if own and set(named) <= own else []
    if not agreed:
        return None
    texts = [" ".join(d.text.lower().replace("-", " ").split()) for d in documents]

    def spread(key: str) -> int:  # how many articles name the place anywhere: fewer is more specific
        written = Counter(w for _, w in named[key]).most_common(1)[0][0]
        needle = " ".join(written.lower().replace("-", " ").split())
        return sum(needle in t for t in texts)

    ranked = sorted(sorted(agreed), key=lambda k: (k not in small, spread(k), -len({s.doc_id for s, _ in named[k]})))
    key = ranked[0]

    def shown(k: str) -> str:
        return Counter(w for _, w in named[k]).most_common(1)[0][0]

    wider = ", ".join(shown(k) for k in ranked[1:3])  # the other places they agree on: "Syria"
    return Fact("where", shown(key), _spans([s for s, _ in named[key]], paths), wider or None)


def main_figures(s: Sentence, parse: Entities | None) -> set[int]:
    """The figures a sentence states in its main clause ("A strike killed three soldiers", "X said
    three soldiers were killed"), not in an aside ("the outcome of the strike, which killed
    three, was ..."): a reaction names the toll in passing, the event sentence states it."""
    found = {c.number for c in claims(s)}
    if not found or parse is None:
        return found
    doc = parse([display(s.text)])[0]
    root = next(iter(doc.sents)).root
    main = set()
    for t in doc:
        if t.like_num or t.lower_ in WORD_NUMBERS:
            a, ok = t, True
            while a.head.i != a.i:
                if a.dep_ in ASIDES and not (a.dep_ == "ccomp" and a.head.i == root.i):
                    ok = False
                    break
                a = a.head
            if ok:
                main.add(t.text.lower().replace(",", ""))
    return {n for n in found if str(n) in main or any(WORDS.get(w) == n for w in main)}


def _participants(event: Sentence, parse: Entities, paths: Mapping[str, str], others: Sequence[str] = ()) -> list[Fact]:
    """Who did it and to whom: the agent and patient of the event sentence's main verb (through a
    verb of saying to the clause it reports), each as written. Where there are other articles
    (`others`, their texts), one of them must name it too, as where needs two articles: a value
    one sentence alone gives may be a tagger's misreading ("Time", the first word of a figure of
    speech, read as an organisation)."""
    doc = parse([display(event.text)])[0]
    root = next(iter(doc.sents)).root
    comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if root.lemma_.lower() in SAYING:
        if comp is None:
            return []  # who said it is not who did it
        root = comp
    agent = patient = None
    for c in root.children:
        if c.dep_ == "nsubj":
            agent = c
        elif c.dep_ in ("dobj", "nsubjpass"):
            patient = c
        elif c.dep_ == "agent":
            agent = next((g for g in c.children if g.dep_ == "pobj"), agent)
    out = []
    for slot, tok in (("who", agent), ("whom", patient)):
        if tok is None or tok.pos_ == "PRON":
            continue
        words = doc[tok.left_edge.i : tok.right_edge.i + 1]
        # "19 people": one report's figure, which the counts give with its history; "Parliament
        # on Thursday": a date, which the when slot gives.
        # "their governors" leans on a sentence that is not there.
        leans = words[0].tag_ in ("PRP$", "PRP", "DT") and words[0].lower_ not in ("a", "an", "the")
        numbered = any(t.like_num or t.lower_ in WORD_NUMBERS or t.ent_type_ in ("DATE", "TIME") for t in words)
        # A participant the reader can name: its head is a person, a group, an organisation or a
        # place (spaCy's entities), or is said to be of one ("three Turkish soldiers"); "strong
        # protests", "Microsoft's acquisition of Nokia" are not who or whom.
        named = tok.ent_type_ in PARTICIPANTS or any(
            c.dep_ in ("amod", "compound") and c.ent_type_ in PARTICIPANTS for c in tok.children
        )
        if 0 < len(words) <= MAX_PHRASE and named and not numbered and not leans and _named_elsewhere(words, others):
            out.append(Fact(slot, words.text, (_span(event, paths),)))
    return out


def _named_elsewhere(words: Any, others: Sequence[str]) -> bool:
    """Whether another article names what the phrase names: the last word of one of its
    entities ("Navarra" of "Karen Navarra", "Turkish" of "three Turkish soldiers") as a word of
    its own, in the same case. True when there is no other article."""
    if not others:
        return True
    keys = [
        e[-1].text for e in words.doc.ents if e.label_ in PARTICIPANTS and e.start < words.end and e.end > words.start
    ]
    return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", t) for k in keys for t in others)
