import numpy as np

from pipeline.inference.embed import HashingEmbedder
from pipeline.stages.cluster import AgglomerativeClusterer, SingletonClusterer, standalone
from pipeline.types import Sentence


def _sentences(rows):
    """rows: (doc, text). Toy vocabularies keep the expected clusters obvious."""
    out, pos = [], {}
    for doc, text in rows:
        start = pos.get(doc, 0)
        pos[doc] = start + len(text) + 1
        out.append(Sentence(f"{doc}:{start}", doc, start, start + len(text), text))
    return out


ROWS = [
    ("d1", "alpha bravo charlie delta echo."),
    ("d2", "alpha bravo charlie delta echo foxtrot."),
    ("d3", "alpha bravo charlie delta golf."),
    ("d1", "kilo lima mike november oscar."),
    ("d1", "kilo lima mike november papa."),
    ("d2", "zulu yankee xray whiskey victor."),
]


def test_same_fact_clusters_and_support_counts_documents():
    sentences = _sentences(ROWS)
    vectors = HashingEmbedder().embed([s.text for s in sentences])
    clusters = AgglomerativeClusterer(0.6).cluster(sentences, vectors, {})
    by_first = {c.sentence_ids[0].split(":")[0]: c for c in clusters}
    top = clusters[0]
    assert set(top.sentence_ids) == {sentences[0].id, sentences[1].id, sentences[2].id}
    assert top.n_sources == 3
    # Two sentences from one document are one source, however alike they are.
    kilo = next(c for c in clusters if sentences[3].id in c.sentence_ids)
    assert kilo.n_sources == 1
    assert [c.n_sources for c in clusters] == sorted((c.n_sources for c in clusters), reverse=True)
    assert by_first


def test_copies_count_as_support():
    sentences = _sentences(ROWS)
    vectors = HashingEmbedder().embed([s.text for s in sentences])
    copies = {sentences[5].id: ("d7:0", "d8:0", "d9:0")}
    clusters = SingletonClusterer().cluster(sentences, vectors, copies)
    assert clusters[0].sentence_ids == (sentences[5].id,)
    assert clusters[0].n_sources == 4


def test_best_member_reads_on_its_own():
    sentences = _sentences([("d1", "However, alpha bravo charlie delta."), ("d2", "Alpha bravo charlie delta.")])
    vectors = HashingEmbedder().embed([s.text for s in sentences])
    (c,) = AgglomerativeClusterer(0.6).cluster(sentences, vectors, {})
    assert c.sentence_ids[0] == sentences[1].id
    assert not standalone("They also said so.") and standalone("Officials said so.")


def test_empty_and_single_inputs():
    assert AgglomerativeClusterer().cluster([], np.zeros((0, 4)), {}) == []
    one = _sentences([("d1", "alpha bravo.")])
    assert len(AgglomerativeClusterer().cluster(one, HashingEmbedder().embed(["alpha bravo."]), {})) == 1
