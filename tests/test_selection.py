"""Selection: support first, then how high the articles put the fact, never the same thing twice."""

from dataclasses import replace

import numpy as np

from pipeline.config import Config
from pipeline.stages.selection import SPARE_CANDIDATES, concepts, select
from pipeline.types import Cluster, Sentence

DIM = 12
# Support and position only: the toy vectors below are axes, so every sentence is equally
# (un)central and centrality would only blur what each test pins.
LEAD_ONLY = Config(lead_weight=1.5, centrality_weight=0)


def _axis(k: int, lean: int | None = None, amount: float = 0.0) -> np.ndarray:
    v = np.zeros(DIM)
    v[k] = 1.0
    if lean is not None:
        v[lean] = amount
    return v / np.linalg.norm(v)


def _incident(rows):
    """rows: (doc, cluster, support, vector). Sentences sit in each document in row order."""
    sentences, vectors, groups, starts = {}, {}, {}, {}
    for doc, cluster, support, vector in rows:
        start = starts.get(doc, 0)
        starts[doc] = start + 10
        s = Sentence(f"{doc}:{start}", doc, start, start + 9, f"Desk {doc} reports {cluster} at {start}.")
        sentences[s.id], vectors[s.id] = s, vector
        groups.setdefault(cluster, []).append((s.id, support))
    # As the clusterer returns them: by support of the best member, best member first.
    ordered = sorted(groups.items(), key=lambda g: -max(n for _, n in g[1]))
    clusters = []
    for i, (_name, members) in enumerate(ordered):
        members = sorted(members, key=lambda m: -m[1])
        clusters.append(
            Cluster(i, tuple(sid for sid, _ in members), members[0][1], 0.5, 0.0, tuple(n for _, n in members))
        )
    names = {i: name for i, (name, _) in enumerate(ordered)}
    return clusters, sentences, vectors, names


def _names(chosen, names):
    return [names[c.id] for c in chosen]


def test_an_articles_lead_outranks_late_background_that_two_sources_repeat():
    rows = [
        ("a", "lead", 1, _axis(0)),
        ("a", "x1", 1, _axis(1)),
        ("a", "x2", 1, _axis(2)),
        ("a", "background", 2, _axis(3)),
        ("b", "y1", 1, _axis(5)),
        ("b", "y2", 1, _axis(6)),
        ("b", "y3", 1, _axis(7)),
        ("b", "background", 2, _axis(3, 4, 0.1)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    by_lead = select(clusters, sentences, vectors, Config(max_sentences=1, lead_weight=1.5, centrality_weight=0))
    assert _names(by_lead, names)[0] == "lead"  # 1 + 1.5 / 1 beats 2 + 1.5 / 4
    by_support = select(clusters, sentences, vectors, Config(max_sentences=1, lead_weight=0.0, centrality_weight=0))
    assert _names(by_support, names)[0] == "background"


def test_sentences_the_brief_already_says_do_not_push_later_ones_down():
    rows = [("a", "main", 3, _axis(0)), ("a", "restated", 1, _axis(0, 1, 0.5)), ("a", "next", 1, _axis(2))]
    clusters, sentences, vectors, names = _incident(rows)
    chosen = select(clusters, sentences, vectors, Config(max_sentences=3, lead_weight=1.5, centrality_weight=0))
    # "restated" says what "main" says: it is skipped, and it no longer counts above "next".
    assert _names(chosen, names) == ["main", "next"]
    assert chosen[1].score == 1 + 1.5  # r = 0, not 2


def test_members_are_reordered_by_the_same_weight():
    rows = [
        ("a", "fact", 1, _axis(0)),
        *[("b", f"filler{k}", 1, _axis(k + 1)) for k in range(5)],
        ("b", "fact", 2, _axis(0, 7, 0.2)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    fact = next(c for c in clusters if names[c.id] == "fact")
    assert sentences[fact.sentence_ids[0]].doc_id == "b"  # the clusterer's order: most support
    picked = next(c for c in select(clusters, sentences, vectors, LEAD_ONLY) if c.id == fact.id)
    assert sentences[picked.sentence_ids[0]].doc_id == "a"  # a's lead: 1 + 1.5 beats 2 + 1.5 / 6
    assert picked.support == (1, 2) and picked.n_sources == 1
    assert set(picked.sentence_ids) == set(fact.sentence_ids)


def test_equal_weight_goes_to_the_sentence_its_article_puts_higher():
    # 3 + 1.5 / 1 == 4 + 1.5 / 3: the lead wins the tie although it has less support.
    rows = [
        ("a", "fact", 3, _axis(0)),
        ("b", "other", 1, _axis(1)),
        ("b", "other2", 1, _axis(2)),
        ("b", "fact", 4, _axis(0, 3, 0.1)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    fact = next(c for c in clusters if names[c.id] == "fact")
    picked = next(c for c in select(clusters, sentences, vectors, LEAD_ONLY) if c.id == fact.id)
    assert sentences[picked.sentence_ids[0]].doc_id == "a"


def test_never_the_same_thing_twice_and_at_most_the_sentences_asked_plus_spares():
    rows = [(f"d{k}", f"fact{k}", 1, _axis(k)) for k in range(10)] + [("d0", "echo", 1, _axis(0, 1, 0.2))]
    clusters, sentences, vectors, names = _incident(rows)
    chosen = select(clusters, sentences, vectors, Config(max_sentences=3))
    assert len(chosen) == 3 + SPARE_CANDIDATES
    heads = np.array([vectors[c.sentence_ids[0]] for c in chosen])
    sims = heads @ heads.T
    assert (sims[~np.eye(len(chosen), dtype=bool)] < Config().redundancy).all()
    everything = select(clusters, sentences, vectors, Config(max_sentences=50))
    assert "echo" not in _names(everything, names) and len(everything) == 10


def test_clusters_without_member_support_count_each_member_as_the_cluster():
    rows = [("a", "lead", 1, _axis(0)), ("a", "x", 1, _axis(1)), ("a", "late", 3, _axis(2))]
    clusters, sentences, vectors, names = _incident(rows)
    bare = [replace(c, support=()) for c in clusters]
    assert _names(select(bare, sentences, vectors, replace(LEAD_ONLY, max_sentences=1)), names)[0] == "late"


def test_empty():
    assert select([], {}, {}, Config()) == []


def test_a_sentence_that_cannot_stand_alone_never_heads_a_cluster():
    rows = [
        ("a", "fact", 3, _axis(0)),
        ("b", "fact", 1, _axis(0, 1, 0.1)),
        ("a", "other", 2, _axis(2)),
        ("c", "lonely", 2, _axis(4)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    # The best-supported member of "fact" leans on a missing sentence; "lonely" has nothing that stands alone.
    lean = {
        c.sentence_ids[0]: "Hours earlier, officials said the strike was a mistake."
        for c in clusters
        if names[c.id] in ("fact", "lonely")
    }
    sentences = {sid: replace(s, text=lean.get(sid, s.text)) for sid, s in sentences.items()}
    chosen = select(clusters, sentences, vectors, Config(max_sentences=5))
    assert sorted(_names(chosen, names)) == ["fact", "other"]
    fact = next(c for c in chosen if names[c.id] == "fact")
    assert not sentences[fact.sentence_ids[0]].text.startswith("Hours earlier")
    assert sentences[fact.sentence_ids[1]].text.startswith("Hours earlier")  # still a member: it supports and is cited


def test_centrality_lifts_what_the_whole_incident_is_about_over_an_equally_supported_aside():
    gist = _axis(0, 1, 1.0)  # close to the centre: most sentences lean this way
    rows = [
        ("a", "aside", 1, _axis(5)),
        ("b", "gist", 1, gist),
        ("c", "near1", 1, _axis(0, 1, 0.9)),
        ("d", "near2", 1, _axis(1, 0, 0.9)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    plain = Config(max_sentences=1, lead_weight=1.5, centrality_weight=0)
    assert _names(select(clusters, sentences, vectors, plain), names)[0] == "aside"  # ties go to rank order
    assert _names(select(clusters, sentences, vectors, replace(plain, centrality_weight=8)), names)[0] == "gist"


def test_a_person_named_by_surname_alone_heads_only_after_a_head_says_who_they_are():
    rows = [("a", "surname", 3, _axis(0)), ("b", "intro", 2, _axis(2)), ("c", "other", 1, _axis(4))]
    clusters, sentences, vectors, names = _incident(rows)
    texts = {
        "surname": "Ortiz closed the northern terminal on Tuesday.",
        "intro": "Harbour master Lena Ortiz inspected the cranes in May.",
        "other": "Four dock workers were injured in the collapse.",
    }
    sentences = {
        sid: replace(s, text=texts[names[c.id]]) for c in clusters for sid in c.sentence_ids for s in [sentences[sid]]
    }
    known = frozenset({"Ortiz"})
    # Best supported, but "Ortiz" is nobody yet: the introduction is picked first, then it may head.
    assert _names(select(clusters, sentences, vectors, LEAD_ONLY, known), names)[:2] == ["intro", "surname"]
    # Without the introduction in the incident, it never heads.
    alone = [c for c in clusters if names[c.id] != "intro"]
    assert _names(select(alone, sentences, vectors, LEAD_ONLY, known), names) == ["other"]
    # A word that is no one's surname in this incident is no riddle.
    assert _names(select(clusters, sentences, vectors, LEAD_ONLY), names)[0] == "surname"


def test_the_first_head_opens_the_brief_with_something_named():
    rows = [("a", "vague", 3, _axis(0)), ("b", "named", 2, _axis(2))]
    clusters, sentences, vectors, names = _incident(rows)
    texts = {"vague": "The crane fell onto two ships.", "named": "A crane collapsed at the port of Vigo on Tuesday."}
    sentences = {
        sid: replace(s, text=texts[names[c.id]]) for c in clusters for sid in c.sentence_ids for s in [sentences[sid]]
    }
    assert _names(select(clusters, sentences, vectors, LEAD_ONLY), names) == ["named", "vague"]
    # With nothing else to open with, nothing opens: an empty brief says why, a riddle would not.
    only = [c for c in clusters if names[c.id] == "vague"]
    assert _names(select(only, sentences, vectors, LEAD_ONLY), names) == []


def test_the_opener_says_who_him_is_before_it_says_him():
    rows = [("a", "him", 3, _axis(0)), ("b", "named", 2, _axis(2))]
    clusters, sentences, vectors, names = _incident(rows)
    texts = {
        "him": "A bad cold kept him away from the harbour meeting on Monday.",
        "named": "Harbour master Lena Ortiz missed the crane inquiry in Vigo on Monday.",
    }
    sentences = {
        sid: replace(s, text=texts[names[c.id]]) for c in clusters for sid in c.sentence_ids for s in [sentences[sid]]
    }
    # Best supported, but "him" is nobody yet: it follows the sentence that names someone.
    assert _names(select(clusters, sentences, vectors, LEAD_ONLY), names) == ["named", "him"]


def test_a_subject_that_names_nothing_heads_only_after_a_head_says_what_it_is():
    rows = [
        ("a", "crane", 3, _axis(0)),
        ("a", "vague", 3, _axis(2)),
        ("b", "suit", 2, _axis(4)),
        ("c", "other", 1, _axis(6)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    texts = {
        "crane": "A crane collapsed at the port of Vigo on Tuesday.",
        "vague": "The lawsuit seeks $5 million in damages.",
        "suit": "Four dockers filed a lawsuit against the port authority.",
        "other": "Dock workers in Bilbao went on strike in sympathy.",
    }
    sentences = {
        sid: replace(s, text=texts[names[c.id]]) for c in clusters for sid in c.sentence_ids for s in [sentences[sid]]
    }
    # Better supported than the filing, but which lawsuit? It waits until the filing is picked.
    assert _names(select(clusters, sentences, vectors, LEAD_ONLY), names) == ["crane", "suit", "vague", "other"]
    # With nothing that says what the lawsuit is, it never heads.
    alone = [c for c in clusters if names[c.id] != "suit"]
    assert _names(select(alone, sentences, vectors, LEAD_ONLY), names) == ["crane", "other"]


def test_sentences_of_an_opinion_piece_support_but_never_head():
    rows = [("col", "fact", 3, _axis(0)), ("news", "fact", 1, _axis(0, 1, 0.1)), ("col", "view", 2, _axis(2))]
    clusters, sentences, vectors, names = _incident(rows)
    chosen = select(clusters, sentences, vectors, Config(max_sentences=5), opinion=frozenset({"col"}))
    assert _names(chosen, names) == ["fact"]  # "view" is only the column's: nothing else says it
    assert [sentences[i].doc_id for i in chosen[0].sentence_ids] == ["news", "col"]  # the column still supports
    assert sorted(_names(select(clusters, sentences, vectors, Config(max_sentences=5)), names)) == ["fact", "view"]


def test_a_sentence_the_parser_refuses_supports_but_never_heads():
    rows = [
        ("a", "fact", 3, _axis(0)),
        ("b", "fact", 1, _axis(0, 1, 0.1)),
        ("a", "spec", 2, _axis(2)),
        ("c", "other", 1, _axis(4)),
    ]
    clusters, sentences, vectors, names = _incident(rows)
    refused = {c.sentence_ids[0] for c in clusters if names[c.id] in ("fact", "spec")}
    asked = []

    def readable(text):
        asked.append(text)
        return not any(sentences[sid].text == text for sid in refused)

    chosen = select(clusters, sentences, vectors, Config(max_sentences=5), readable=readable)
    assert sorted(_names(chosen, names)) == ["fact", "other"]  # "spec" has no other member to head it
    fact = next(c for c in chosen if names[c.id] == "fact")
    assert [sentences[i].doc_id for i in fact.sentence_ids] == ["b", "a"]  # "a" still supports
    assert len(asked) == 4  # only sentences about to head are asked: fact's two, spec's one, other's one
    assert sorted(_names(select(clusters, sentences, vectors, Config(max_sentences=5)), names)) == [
        "fact",
        "other",
        "spec",
    ]


def test_word_pairs_count_once_enough_articles_use_them():
    texts = [
        "The ferry sank near Oban.",
        "A ferry sank off the coast.",
        "Rescuers say the ferry sank fast.",
        "The harbour master spoke.",
        "The harbour master declined.",
    ]
    pairs, weights = concepts(texts, ["a", "b", "c", "a", "b"])
    assert ("ferri", "sank") in pairs[0]  # stemmed
    assert weights[("ferri", "sank")] == 1.0  # all three articles
    assert ("harbour", "master") not in weights  # two articles only: below CONCEPT_DOCS
    assert not any(a in ("the", "a") and b in ("the", "a") for a, b in weights)  # never two stop words


def _story(texts_by_doc, vectors_by_text):
    sentences, vectors, clusters = {}, {}, []
    for doc, texts in texts_by_doc.items():
        for k, text in enumerate(texts):
            s = Sentence(f"{doc}:{k * 100}", doc, k * 100, k * 100 + len(text), text)
            sentences[s.id], vectors[s.id] = s, vectors_by_text[text]
            clusters.append(Cluster(len(clusters), (s.id,), 1, 0.5, 0.0, (1,)))
    return clusters, sentences, vectors


def test_after_the_opener_sentences_that_say_what_many_articles_say_come_first():
    lead = "Flood waters cut Dunmore off on Sunday."
    shared = "Engineers expect the rail line to reopen next week."
    aside = "A local baker handed out free bread to stranded travellers."
    texts = {
        "a": [lead, aside],
        "b": ["Flood waters closed roads.", shared],
        "c": ["Schools stayed open.", "Officials fear the rail line may stay shut."],
        "d": ["Crews worked through the night.", "Crews say the rail line will reopen after repairs."],
    }
    everything = [t for ts in texts.values() for t in ts]
    vectors = {t: _axis(k % DIM) for k, t in enumerate(everything)}
    clusters, sentences, vectors = _story(texts, vectors)
    plain = Config(max_sentences=2, max_words=30, lead_weight=1.5, centrality_weight=0, concept_weight=0)

    def text_of(chosen):
        return [sentences[c.sentence_ids[0]].text for c in chosen]

    without = text_of(select(clusters, sentences, vectors, plain))
    with_pairs = text_of(select(clusters, sentences, vectors, replace(plain, concept_weight=40)))
    assert without[0] == with_pairs[0] == lead  # the opener is picked as before
    # "the rail line" is in three articles, each time below their opening line: without the pairs,
    # another article's opening line comes second
    assert "the rail line" in with_pairs[1] and "rail" not in without[1]
    # With room for every sentence it might pick, the word pairs stay out: a ten-sentence brief
    # needs what only one outlet says more than a denser echo.
    roomy = text_of(select(clusters, sentences, vectors, replace(plain, concept_weight=40, max_words=400)))
    assert roomy == without
