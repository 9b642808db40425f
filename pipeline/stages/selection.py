"""Ranked clusters -> the few the brief says: independent support first, then how high the
articles put the fact, never the same thing twice.

Support alone fills a brief with what every outlet repeats and leaves out what only one outlet
reports, however prominently: on the seeds, CNN's lead ("Turkey and Russia on Friday disagreed
over the events...") and the Turkish military's account of the coordinates. News is written top
down, so a fact's weight is its support plus `lead_weight / (1 + r)`, where r counts the sentences
above it in its article that the brief does not already say, plus `centrality_weight` times its
cosine to the incident's centre. Counting only what is not yet said lets each article's next new
fact rise once the brief has taken its opening ones: a greedy pass, re-weighed after every pick.
Where the word budget is tight (SENTENCE_WORDS), a sentence after the opener also gains
`concept_weight` times the word pairs it says that many articles share and the brief does not
yet say, per word (Gillick & Favre 2009's concepts): what the outlets agree on, said densely.
The opener is left to the other weights: the densest sentence is seldom the one that says what
happened.
Only a sentence that stands alone (pipeline.stages.standalone) may head. Weights 2 and 8 were tuned on
multinews_full_dev_28 and duc2004_dev together, 40 on duc2004_dev (README, "Evaluation").
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Mapping, Sequence

import numpy as np
from nltk.stem.porter import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import Config
from ..types import Cluster, Sentence
from .names import mentions, name_in_full
from .segment import display
from .standalone import opening_problem, standalone
from .subjects import said_before, stems, subject_words

# A brief sentence "already says" a source sentence this close to it (cosine). Tuned on
# multinews_full_dev_28: 0.5 to 0.7 score alike; 0.6 matches the support threshold.
COVERED = 0.6
# Attribution may reject a draft and the word budget may skip a long one: pick a few spares.
SPARE_CANDIDATES = 2
WORD = re.compile(r"[a-z0-9]+")
# A word pair counts as a concept once this many articles use it: what only one says is not news.
CONCEPT_DOCS = 3
_stem = lru_cache(maxsize=None)(PorterStemmer().stem)
# Word pairs weigh in only when the word budget, not the sentence count, limits the brief: fewer
# words than max_sentences news sentences of this length. In a 100-word abstract every word
# counts; in a ten-sentence brief they would push out what only one outlet says (on the seeds,
# the dispute and the agreement).
SENTENCE_WORDS = 20


def concepts(
    texts: Sequence[str], docs: Sequence[str]
) -> tuple[list[frozenset[tuple[str, str]]], dict[tuple[str, str], float]]:
    """Each text's word pairs (stemmed, not both stop words) and each pair's weight: the share of
    the incident's articles that use it, for pairs at least CONCEPT_DOCS articles use (Gillick &
    Favre 2009's concepts)."""
    pairs = []
    for text in texts:
        words = [w if w in ENGLISH_STOP_WORDS else _stem(w) for w in WORD.findall(text.lower())]
        pairs.append(
            frozenset(
                (a, b) for a, b in zip(words, words[1:]) if not (a in ENGLISH_STOP_WORDS and b in ENGLISH_STOP_WORDS)
            )
        )
    users: dict[tuple[str, str], set[str]] = {}
    for found, doc in zip(pairs, docs):
        for pair in found:
            users.setdefault(pair, set()).add(doc)
    n_docs = max(len(set(docs)), 1)
    weights = {pair: len(d) / n_docs for pair, d in users.items() if len(d) >= CONCEPT_DOCS}
    return pairs, weights


def select(
    clusters: list[Cluster],
    sentences: Mapping[str, Sentence],
    vectors: Mapping[str, np.ndarray],
    config: Config,
    surnames: frozenset[str] = frozenset(),
    full: Mapping[str, str] | None = None,
    opinion: frozenset[str] = frozenset(),
    readable: Callable[[str], bool] | None = None,
    lede: Callable[[Sentence], float] | None = None,
) -> list[Cluster]:
    """Up to `config.max_sentences` + spares clusters, in the order picked, each with its members
    reordered best first by the same weight. A cluster whose best member is within
    `config.redundancy` (cosine) of a picked one is dropped: the brief already says it.
    `surnames` (pipeline.stages.names): a sentence that names a person by one of them alone may
    head only once a picked head has said who that is, unless the brief will write its `full`
    name in (pipeline.stages.names.name_in_full); one whose subject names nothing ("The suit
    ...") only once a head has said one of its words. The first head must also open a brief. A
    sentence of an `opinion` document (ids: columns, editorials) supports, never heads; nor does
    one that `readable` (a parser's check, asked only of the sentences about to head) refuses.
    `lede` (pipeline.stages.frame.lede_score): how much of the incident a sentence states (the
    event, its toll, where, when), from 0 to 1; the first pick gains `config.lede_weight` times it,
    so the brief opens on the incident rather than a side fact."""
    if not clusters:
        return []
    members = [(c_index, k, sid) for c_index, c in enumerate(clusters) for k, sid in enumerate(c.sentence_ids)]
    # Each article's content sentences in reading order: r counts the uncovered ones above.
    order = sorted(range(len(members)), key=lambda m: (sentences[members[m][2]].doc_id, sentences[members[m][2]].start))
    members = [members[m] for m in order]
    owner = np.array([c_index for c_index, _, _ in members])
    # A clusterer of one's own may leave `support` out: then every member counts as its cluster.
    counts = [
        c.support if len(c.support) == len(c.sentence_ids) else (c.n_sources,) * len(c.sentence_ids) for c in clusters
    ]
    support = np.array([counts[c_index][k] for c_index, k, _ in members], dtype=float)
    docs = [sentences[sid].doc_id for _, _, sid in members]
    first: dict[str, int] = {}
    first_of_doc = np.array([first.setdefault(d, i) for i, d in enumerate(docs)])
    of_cluster: list[list[int]] = [[] for _ in clusters]
    for m, (c_index, _, _) in enumerate(members):
        of_cluster[c_index].append(m)
    matrix = np.array([vectors[sid] for _, _, sid in members])
    # A sentence that cannot stand alone (pipeline.stages.standalone) may support a cluster, never head it.
    shown = [display(sentences[sid].text) for _, _, sid in members]
    can_head = np.array([standalone(t) and d not in opinion for t, d in zip(shown, docs)], dtype=bool)
    said = [
        mentions(name_in_full(t, surnames, set(), full)[0] if full else t, surnames)
        if h
        else (frozenset(), frozenset())
        for t, h in zip(shown, can_head)
    ]
    # "The suit seeks ...": which suit, a head must have said first (pipeline.stages.subjects).
    needs = [subject_words(t) if h else frozenset() for t, h in zip(shown, can_head)]
    waiting = {m for m, (_, bare) in enumerate(said) if bare or needs[m]}  # may head once a head introduces them
    can_head[list(waiting)] = False
    opener = can_head & np.array([opening_problem(t) is None for t in shown], dtype=bool)
    introduced: set[str] = set()
    said_words: set[str] = set()
    # Centrality, as in centroid summarisers (MEAD, Radev et al. 2004): what the whole incident
    # is about. Support alone counts echoes sentence by sentence and misses the gist.
    centre = matrix.mean(axis=0)
    central = matrix @ (centre / (np.linalg.norm(centre) or 1.0))
    covered = np.zeros(len(members), dtype=bool)
    tight = config.max_words < config.max_sentences * SENTENCE_WORDS
    pairs, pair_weight = (
        concepts(shown, docs) if config.concept_weight and tight else ([frozenset()] * len(members), {})
    )
    length = np.array([max(len(t.split()), 1) for t in shown], dtype=float)
    said_pairs: set[tuple[str, str]] = set()
    alive = np.ones(len(clusters), dtype=bool)
    chosen: list[Cluster] = []
    picked: list[np.ndarray] = []
    while alive.any() and len(chosen) < config.max_sentences + SPARE_CANDIDATES:
        uncovered_before = np.cumsum(~covered) - (~covered)
        r = uncovered_before - uncovered_before[first_of_doc]
        weight = support + config.lead_weight / (1.0 + r) + config.centrality_weight * central
        if chosen and pair_weight:  # the opener is the incident itself, not its densest sentence
            new = np.array(
                [math.fsum(pair_weight.get(p, 0.0) for p in found - said_pairs) for found in pairs]
            )  # fsum: any set order
            weight = weight + config.concept_weight * new / length
        heads_now = can_head & opener if not chosen else can_head
        if not chosen and lede is not None and config.lede_weight:
            states = np.zeros(len(members))
            for head in np.flatnonzero(heads_now):
                states[head] = lede(sentences[members[int(head)][2]])
            weight = weight + config.lede_weight * states
        weight = np.round(weight, 6)
        best = np.full(len(clusters), -np.inf)
        # Nothing opens a brief that cannot (standalone.opening_problem: a subject that names nothing,
        # "him" before anyone is named): with no other opening, the brief is empty and says why
        # (pipeline.stages.render), rather than a riddle.
        np.maximum.at(best, owner[heads_now], weight[heads_now])  # a cluster weighs what its possible heads weigh
        best[~alive] = -np.inf
        # Equal weights go to the clusterer's order (support, then centrality). A cluster with no
        # head yet waits: a later pick may introduce the person its sentences name.
        ranked = [int(i) for i in sorted(np.flatnonzero(alive), key=lambda i: (-best[i], i)) if np.isfinite(best[i])]
        if not ranked:
            break
        for c_index in ranked:
            # Best member first by weight; at equal weight the one its article puts higher, then
            # rank's order (support, length, standalone).
            mine = sorted(of_cluster[c_index], key=lambda m: (-weight[m], r[m], members[m][1]))
            heads = [m for m in mine if heads_now[m]]
            if readable is not None and not readable(shown[heads[0]]):
                can_head[heads[0]] = False
                break  # weighed again: another member, or another cluster, heads
            alive[c_index] = False
            mine = [heads[0], *(m for m in mine if m != heads[0])]
            head = matrix[mine[0]]
            if picked and max(float(head @ p) for p in picked) >= config.redundancy:
                continue  # stays redundant: the picked set only grows
            cluster = clusters[c_index]
            ids = tuple(members[m][2] for m in mine)
            chosen.append(
                replace(
                    cluster,
                    sentence_ids=ids,
                    support=tuple(int(support[m]) for m in mine),
                    n_sources=int(support[mine[0]]),
                    score=float(weight[mine[0]]),
                )
            )
            picked.append(head)
            covered |= matrix @ head >= COVERED
            said_pairs |= pairs[mine[0]]
            introduced.update(said[mine[0]][0])
            said_words.update(stems(shown[mine[0]]))
            ready = [
                m for m in waiting if said[m][1] <= introduced and (not needs[m] or said_before(needs[m], said_words))
            ]
            can_head[ready] = True
            waiting.difference_update(ready)
            break
    return chosen
