"""Which sentence the frame takes for the event, and how the lede score weighs a sentence against
it. Vectors are built here by hand, so that each case fixes the cosines it is about: a cluster
written over days, where every article has some sentence near every other, and side facts that
carry a date."""

import numpy as np

from pipeline.stages.frame import build_frame
from pipeline.stages.lede import lede_score
from pipeline.types import Document, Sentence

DIM = 16
EVENT = "A dam above Millbrook gave way and flooded the lower town, officials said."
SIDE_FACTS = [
    "The dam's owner had asked for money to repair the spillway on 3 March 2021.",
    "The regional council met on 4 March 2021 to discuss its budget for roads.",
    "A school in the upper town held its sports day on 5 March 2021 as planned.",
    "The river authority published its yearly report on 6 March 2021.",
]


def _unit(v):
    return v / np.linalg.norm(v)


def _axis(k):
    v = np.zeros(DIM)
    v[k] = 1.0
    return v


def _cluster(side_first=False, dated=True):
    """Four articles, each telling the event in a sentence of its own words and one side fact of
    its own, dated. Every side fact is close enough to the event (cosine about 0.6) that a count of
    articles past 0.5 ties it with the event's own sentences."""
    docs, pool, vectors = [], [], []
    for k in range(4):
        event = _unit(_axis(0) + 0.2 * _axis(1 + k))
        side = _unit(0.8 * _axis(0) + _axis(6 + k))
        fact = SIDE_FACTS[k] if dated else SIDE_FACTS[k].split(" on ")[0] + "."
        told = [(fact, side), (EVENT, event)] if side_first else [(EVENT, event), (fact, side)]
        text = " ".join(t for t, _ in told)
        doc = Document(f"d{k}", f"{k}.txt", text, "0" * 64, "utf-8")
        docs.append(doc)
        start = 0
        for t, v in told:
            pool.append(Sentence(f"d{k}:{start}", doc.id, start, start + len(t), t))
            vectors.append(v)
            start += len(t) + 1
    return docs, pool, np.array(vectors)


def test_the_event_is_what_the_other_articles_leads_tell_alike_not_a_dated_side_fact():
    docs, pool, vectors = _cluster()
    frame = build_frame(docs, pool, vectors, {d.id: d.path for d in docs})
    assert frame.event is not None and frame.event.text == EVENT


def test_the_event_wins_even_second_in_its_articles_when_every_article_tells_it():
    docs, pool, vectors = _cluster(side_first=True)
    frame = build_frame(docs, pool, vectors, {d.id: d.path for d in docs})
    assert frame.event is not None and frame.event.text == EVENT


def test_with_two_articles_the_top_sentence_stays_the_event_unless_another_is_told_far_more_alike():
    # Two articles: the lead of each tells the event, a little differently; their second sentences
    # tell a detail almost word for word (cosine 0.97). Position decides, not the near-copy.
    lead_a, lead_b = _unit(_axis(0) + 0.6 * _axis(1)), _unit(_axis(0) + 0.6 * _axis(2))
    detail = _unit(_axis(5) + 0.1 * _axis(6)), _unit(_axis(5) + 0.1 * _axis(7))
    texts = [
        ("A dam above Millbrook gave way on Sunday, flooding the lower town.", lead_a),
        ("Its spillway had been inspected in the spring, engineers said.", detail[0]),
        ("Floodwater poured into the lower town of Millbrook after the dam failed.", lead_b),
        ("Engineers said the spillway had been inspected in the spring.", detail[1]),
    ]
    docs, pool = [], []
    for k in range(2):
        (t1, _), (t2, _) = texts[2 * k], texts[2 * k + 1]
        doc = Document(f"d{k}", f"{k}.txt", f"{t1} {t2}", "0" * 64, "utf-8")
        docs.append(doc)
        pool += [
            Sentence(f"d{k}:0", doc.id, 0, len(t1), t1),
            Sentence(f"d{k}:1", doc.id, len(t1) + 1, len(t1) + 1 + len(t2), t2),
        ]
    frame = build_frame(docs, pool, np.array([v for _, v in texts]), {d.id: d.path for d in docs})
    assert frame.event is not None and frame.event.text.startswith(("A dam above", "Floodwater"))


def test_the_lede_score_grades_what_by_closeness_to_the_event():
    docs, pool, vectors = _cluster(dated=False)
    frame = build_frame(docs, pool, vectors, {d.id: d.path for d in docs})
    vec_of = {s.id: v for s, v in zip(pool, vectors)}
    score = lede_score(frame, vec_of)
    events = [s for s in pool if s.text == EVENT]
    sides = [s for s in pool if s.text != EVENT]
    assert score(frame.event) == max(score(s) for s in pool)
    # A retelling of the event outscores every side fact, though both are past SAME_EVENT.
    assert min(score(s) for s in events) > max(score(s) for s in sides)
    far = Sentence("x:0", "d0", 0, 10, "The weather was mild.")
    vec_of[far.id] = _axis(15)
    assert score(far) == 0.0


def test_a_side_fact_that_gives_the_day_does_not_outscore_the_event_that_does_not():
    # The side facts are dated and the event sentences are not: the frame's day is a side fact's,
    # and that side fact, barely past SAME_EVENT, states it. Slots count only as far as a
    # sentence tells the event, so the event's own sentences still score higher.
    docs, pool, vectors = _cluster(dated=True)
    frame = build_frame(docs, pool, vectors, {d.id: d.path for d in docs})
    assert frame.day is not None and "when" in frame.wanted()
    vec_of = {s.id: v for s, v in zip(pool, vectors)}
    score = lede_score(frame, vec_of)
    dated = [s for s in pool if "when" in frame.slots(s.text)]
    assert dated and all(s.text != EVENT for s in dated)
    assert min(score(s) for s in pool if s.text == EVENT) > max(score(s) for s in dated)
