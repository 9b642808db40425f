from pipeline.inference.embed import HashingEmbedder
from pipeline.stages.attribute import SupportAttributor, lexical_support, numbers, support_matrix
from pipeline.types import Sentence


def _pool(rows):
    return [Sentence(f"{d}:0", d, 0, len(t), t) for d, t in rows]


def test_support_comes_from_every_document_that_says_it():
    pool = _pool(
        [
            ("d1", "Three Turkish soldiers were killed in the strike near al-Bab."),
            ("d2", "The strike near al-Bab killed three Turkish soldiers."),
            ("d3", "Peace talks will resume in Astana next week."),
        ]
    )
    emb = HashingEmbedder()
    claim = "Three Turkish soldiers were killed in the strike near al-Bab."
    (spans,) = SupportAttributor().attribute(
        [claim],
        emb.embed([claim]),
        pool,
        emb.embed([s.text for s in pool]),
        {"d1": "a.txt", "d2": "b.txt", "d3": "c.txt"},
    )
    assert [s.path for s in spans] == ["a.txt", "b.txt"]
    assert spans[0].score == 1.0 and 0.6 <= spans[1].score < 1.0
    assert (spans[0].start, spans[0].end) == (0, len(pool[0].text))


def test_a_source_with_other_numbers_does_not_support():
    pool = _pool([("d1", "Five Turkish soldiers were killed in the strike near al-Bab.")])
    emb = HashingEmbedder()
    claim = "Three Turkish soldiers were killed in the strike near al-Bab."
    (spans,) = SupportAttributor().attribute(
        [claim], emb.embed([claim]), pool, emb.embed([pool[0].text]), {"d1": "a.txt"}
    )
    assert spans == ()
    assert numbers("three killed, 11 wounded, 1,200 displaced") == {"3", "11", "1200"}


def test_unrelated_claim_gets_no_support():
    pool = _pool([("d1", "The weather in Ankara was sunny on Friday.")])
    emb = HashingEmbedder()
    claim = "Russia and Turkey agreed to closer military coordination."
    (spans,) = SupportAttributor().attribute(
        [claim], emb.embed([claim]), pool, emb.embed([pool[0].text]), {"d1": "a.txt"}
    )
    assert spans == ()
    assert lexical_support(claim, pool[0].text) == 0.0


def test_support_matrix_is_directional():
    texts = ["alpha bravo", "alpha bravo charlie delta"]
    m = support_matrix(texts, HashingEmbedder().embed(texts))
    assert m[0, 1] > m[1, 0]  # the longer text fully covers the shorter one, not the reverse
