"""Big incidents (issue 15): above DENSE_LIMIT sentences, clustering and support counting go
through sparse neighbour graphs and blocks of rows, and give what the dense path gives."""

import random

import numpy as np
import pytest

from pipeline.config import Config
from pipeline.inference.embed import HashingEmbedder
from pipeline.runtime.run import Pipeline, build_brief
from pipeline.stages import cluster as cluster_mod
from pipeline.stages.attribute import SUPPORT_THRESHOLD, support_matrix, support_rows
from pipeline.stages.cluster import AgglomerativeClusterer, neighbour_graph
from pipeline.stages.ingest import MAX_TOTAL_SENTENCES, FileIngestor
from pipeline.types import Sentence

FACTS = [
    "Turkish jets struck a convoy near the border town on Thursday.",
    "Turkish warplanes struck a convoy close to the border town on Thursday.",
    "A Turkish jet hit the convoy near the border town on Thursday morning.",
    "Three soldiers were killed and eleven wounded in the strike.",
    "Three soldiers died and eleven were wounded in the air strike.",
    "Five soldiers were killed in the strike, the army said.",
    "The ministry said the coordinates had been shared the day before.",
    "Officials said the coordinates were shared with Moscow a day earlier.",
    "Russia's defence ministry expressed condolences to the families.",
    "The Kremlin offered condolences to the families of the soldiers.",
    "Witnesses reported smoke rising over the market after the attack.",
    "Rescue teams took the wounded to a hospital across the river.",
]
VOCAB = (
    "army ministry officials strike town soldiers convoy border forces hospital witnesses attack "
    "ceasefire aid government spokesman villagers police rescue bridge market river airport pilots "
    "radar missile harbour tanker refinery pipeline senator court judge verdict flood storm harvest "
    "factory union strikers wages election ballot"
).split()


def _sentences(texts: list[str], docs: int = 4) -> list[Sentence]:
    return [Sentence(f"doc{i % docs}:{i}", f"doc{i % docs}", i, i + len(t), t) for i, t in enumerate(texts)]


SYLLABLES = "ka lo mi ran sel tor vu zen bar dal fen gor hil jas kor lun mar nev pol ros".split()
NAMES = [a + b for a in SYLLABLES for b in SYLLABLES]  # 400 invented place names


def _invented(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [" ".join([*rng.sample(VOCAB, 7), *rng.sample(NAMES, 2)]).capitalize() + "." for _ in range(n)]


def test_support_rows_equal_the_dense_matrix():
    texts = FACTS + _invented(30)
    vectors = HashingEmbedder().embed(texts)
    dense = support_matrix(texts, vectors)
    rows = support_rows(texts, vectors, SUPPORT_THRESHOLD, block_cells=50)  # a few rows per block
    assert [list(r) for r in rows] == [list(np.flatnonzero(dense[i] >= SUPPORT_THRESHOLD)) for i in range(len(texts))]
    assert 5 not in rows[3] and 3 not in rows[5]  # "five soldiers" never backs "three soldiers"


def test_sparse_path_gives_the_dense_clusters_and_supports():
    texts = FACTS * 2 + _invented(40, seed=1)  # repeated facts: tight groups, as in wire copy
    sentences = _sentences(texts)
    vectors = HashingEmbedder().embed(texts)
    copies = {sentences[0].id: ("doc9:0",)}
    dense = AgglomerativeClusterer().cluster(sentences, vectors, copies)
    sparse = AgglomerativeClusterer(dense_limit=0).cluster(sentences, vectors, copies)
    assert sparse == dense
    assert any(len(c.sentence_ids) > 1 for c in dense)


def test_above_the_limit_no_n_by_n_matrix_is_built(monkeypatch):
    texts = FACTS + _invented(60, seed=2)
    sentences = _sentences(texts)
    vectors = HashingEmbedder().embed(texts)
    expected = AgglomerativeClusterer().cluster(sentences, vectors, {})
    sizes = []
    real_fit = AgglomerativeClusterer._fit

    def spy(self, v, connectivity=None):
        sizes.append(len(v))
        return real_fit(self, v, connectivity)

    def refuse(*args, **kwargs):
        raise AssertionError("support_matrix is n x n: not above the dense limit")

    monkeypatch.setattr(cluster_mod, "support_matrix", refuse)
    monkeypatch.setattr(AgglomerativeClusterer, "_fit", spy)
    got = AgglomerativeClusterer(dense_limit=20).cluster(sentences, vectors, {})
    assert got == expected
    assert sizes and max(sizes) < len(texts)  # only groups of close sentences, never all of them


def test_neighbour_graph_keeps_at_most_k_edges_a_row():
    vectors = HashingEmbedder().embed(FACTS * 3)
    graph = neighbour_graph(vectors, 0.0, k=4, block_cells=40)
    assert graph.shape == (36, 36)
    assert np.diff(graph.indptr).max() <= 4
    assert all(graph[i, i] == 0 for i in range(36))


def test_a_group_over_max_component_is_clustered_on_its_neighbour_graph():
    texts = FACTS * 3 + _invented(20, seed=3)
    sentences = _sentences(texts)
    vectors = HashingEmbedder().embed(texts)
    clusterer = AgglomerativeClusterer(dense_limit=0, max_component=2, k_neighbours=3)
    clusters = clusterer.cluster(sentences, vectors, {})
    ids = sorted(sid for c in clusters for sid in c.sentence_ids)
    assert ids == sorted(s.id for s in sentences)  # a partition: every sentence once
    assert clusters == clusterer.cluster(sentences, vectors, {})  # deterministic


def test_an_incident_over_the_old_5000_sentence_cap_is_read_whole(tmp_path):
    assert MAX_TOTAL_SENTENCES >= 60_000
    folder = tmp_path / "big"
    folder.mkdir()
    rng = random.Random(4)
    for a in range(60):  # 60 articles x 100 sentences = 6,000 > the old 5,000
        lines = FACTS[a % len(FACTS) : a % len(FACTS) + 1] + _invented(99, seed=1000 + a)
        rng.shuffle(lines)
        (folder / f"a{a:03d}.txt").write_text(" ".join(lines) + "\n")
    corpus = FileIngestor().ingest(folder)
    assert len(corpus.documents) == 60
    assert all(f.status == "used" for f in corpus.files)
    assert not any("truncated" in w for f in corpus.files for w in f.warnings)
    pipeline = Pipeline.from_config(Config(embedder="hashing", summariser="extractive"))
    pipeline.embedder = HashingEmbedder(n_features=512)  # 4,096 dense features x 6,000 rows: slow here
    brief = build_brief(folder, pipeline)
    assert brief.run["n_sentences"] == 6_000
    assert brief.run["n_content"] > cluster_mod.DENSE_LIMIT  # the sparse path ran
    assert brief.sentences and all(s.sources for s in brief.sentences)


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_inputs_on_the_sparse_path(n):
    texts = FACTS[:n]
    vectors = HashingEmbedder().embed(texts) if n else np.zeros((0, 4096), dtype=np.float32)
    assert len(AgglomerativeClusterer(dense_limit=0).cluster(_sentences(texts), vectors, {})) == n
    assert len(support_rows(texts, vectors, SUPPORT_THRESHOLD)) == n


def test_a_zero_vector_is_a_cluster_of_its_own_not_an_error():
    texts = FACTS[:4] + ["It was not there, and it was not then."]
    vectors = HashingEmbedder().embed(texts)
    assert not vectors[-1].any()  # stop words only
    clusters = AgglomerativeClusterer().cluster(_sentences(texts), vectors, {})
    assert sorted(sid for c in clusters for sid in c.sentence_ids) == sorted(s.id for s in _sentences(texts))


@pytest.mark.slow
def test_releasing_freed_memory_between_batches_changes_no_vector(minilm, monkeypatch):
    """Big incidents call malloc_trim every TRIM_EVERY batches (pipeline.inference.embed): it
    gives memory back and must leave every vector as it was."""
    import pipeline.inference.embed as embed_mod

    texts = [
        f"Crane {i} collapsed at quay {i % 7} on {day}, the port authority said."
        for i, day in enumerate(["Tuesday", "Friday", "Sunday"] * 24)
    ]  # two batches of 64
    calls = []
    monkeypatch.setattr(embed_mod, "TRIM_EVERY", 10**9)
    before = minilm.embed(texts)
    monkeypatch.setattr(embed_mod, "TRIM_EVERY", 1)
    real = embed_mod.release_freed_memory
    monkeypatch.setattr(embed_mod, "release_freed_memory", lambda: (calls.append(1), real()))
    after = minilm.embed(texts)
    assert len(calls) == -(-len(texts) // minilm.batch_size)
    assert np.array_equal(before, after)


@pytest.mark.slow
def test_repeated_texts_are_encoded_once_and_get_the_same_vector(minilm, monkeypatch):
    texts = ["The quay reopened on Monday.", "Two cranes were inspected.", "The quay reopened on Monday."]
    seen = []
    real = minilm._encode
    monkeypatch.setattr(minilm, "_encode", lambda ts: (seen.append(list(ts)), real(ts))[1])
    vectors = minilm.embed(texts)
    assert seen == [texts[:2]]
    assert vectors.shape == (3, 384) and np.array_equal(vectors[0], vectors[2])
    assert np.allclose(vectors[1], real([texts[1]])[0], atol=1e-5)


@pytest.mark.slow
def test_a_big_input_is_encoded_in_bfloat16_where_the_cpu_has_it_and_keeps_its_cosines(minilm, monkeypatch):
    """From BF16_FROM texts on, a CPU with native bfloat16 encodes in it (pipeline.inference.embed):
    the vectors stay within a rounding of float32's; below it, float32 exactly as before."""
    import pipeline.inference.embed as embed_mod

    texts = [
        f"Crane {i} collapsed at quay {i % 7} on {day}, the port authority said."
        for i, day in enumerate(["Tuesday", "Friday", "Sunday"] * 8)
    ]
    exact = minilm.embed(texts)
    monkeypatch.setattr(minilm, "bf16_from", len(texts))
    assert minilm.bf16(len(texts)) == embed_mod.native_bf16()
    assert not minilm.bf16(len(texts) - 1)
    fast = minilm.embed(texts)
    if not embed_mod.native_bf16():
        assert np.array_equal(exact, fast)
        pytest.skip("this CPU has no native bfloat16: float32 everywhere")
    assert not np.array_equal(exact, fast)  # it did run in bfloat16
    assert np.abs(exact @ exact.T - fast @ fast.T).max() < 0.01
    assert np.array_equal(minilm.embed(texts), fast)  # and deterministically
    assert np.array_equal(minilm.embed(texts[:-1]), exact[:-1])  # one text fewer: float32
