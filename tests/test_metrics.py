import pytest

from pipeline import metrics
from pipeline.check import Attributed
from pipeline.evaluate import EvalCluster, GoldLink, score_attribution
from pipeline.types import SourceSpan


def test_prf_perfect_wrong_and_partial():
    assert metrics.prf({0, 1}, {0, 1}) == (1.0, 1.0, 1.0)
    assert metrics.prf({2}, {0}) == (0.0, 0.0, 0.0)
    assert metrics.prf(set(), {0}) == (0.0, 0.0, 0.0)
    p, r, f = metrics.prf({0, 1}, {0})
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)


def test_char_overlap_counts_characters_within_the_same_document():
    assert metrics.char_overlap({0: [(10, 20)]}, {0: [(10, 15), (15, 20)]}) == (1.0, 1.0, 1.0)
    assert metrics.char_overlap({1: [(10, 20)]}, {0: [(10, 20)]}) == (0.0, 0.0, 0.0)
    p, r, f = metrics.char_overlap({0: [(0, 10)]}, {0: [(5, 25)]})
    assert p == pytest.approx(0.5) and r == pytest.approx(0.25) and f == pytest.approx(1 / 3)


def _cluster(links):
    return EvalCluster("c", ("Doc zero text.", "Doc one text."), "A claim. Another claim.", tuple(links))


def test_score_attribution_perfect_is_one_and_wrong_document_is_zero():
    cluster = _cluster([GoldLink("A claim.", 0, ((0, 14),)), GoldLink("Another claim.", 1, ((0, 13),))])
    perfect = [Attributed("A claim.", (SourceSpan("d0", "doc_0.txt", 0, 14, 0.9),)),
               Attributed("Another claim.", (SourceSpan("d1", "doc_1.txt", 0, 13, 0.8),))]
    rows = score_attribution(perfect, cluster)
    assert [r["doc"] for r in rows] == [(1.0, 1.0, 1.0)] * 2
    assert [r["char"] for r in rows] == [(1.0, 1.0, 1.0)] * 2
    wrong = [Attributed("A claim.", (SourceSpan("d1", "doc_1.txt", 0, 13, 0.9),)),
             Attributed("Another claim.", ())]
    rows = score_attribution(wrong, cluster)
    assert [r["doc"][2] for r in rows] == [0.0, 0.0] and [r["char"][2] for r in rows] == [0.0, 0.0]
    assert metrics.macro([r["doc"] for r in rows]) == (0.0, 0.0, 0.0)


def test_bootstrap_interval_is_seeded_and_brackets_the_mean():
    values = [0.1, 0.4, 0.2, 0.5, 0.3]
    lo, hi = metrics.bootstrap_interval(values, resamples=500, seed=3)
    assert lo < 0.3 < hi and (lo, hi) == metrics.bootstrap_interval(values, resamples=500, seed=3)
    assert metrics.bootstrap_interval([0.7, 0.7, 0.7]) == (pytest.approx(0.7), pytest.approx(0.7))
    assert metrics.paired_bootstrap([0.5, 0.6, 0.7], [0.1, 0.2, 0.3]) == 1.0
    assert metrics.paired_bootstrap([0.1, 0.2, 0.3], [0.5, 0.6, 0.7]) == 0.0


def test_rouge_identical_is_one_and_empty_is_zero():
    ref = ["Three soldiers were killed near the town.", "The ministry called it an accident."]
    assert all(v == pytest.approx(1.0) for v in metrics.rouge_scores(ref, ref).values())
    assert all(v == 0.0 for v in metrics.rouge_scores([], ref).values())
    # the stemmer makes "killing" match "killed"; bigram "soldiers were" is lost
    partial = metrics.rouge_scores(["Soldiers killing near the town."], ref)
    assert 0 < partial["rouge2"] < partial["rouge1"] < 1


def test_unsupported_numbers_and_names_are_counted():
    sources = ["Three soldiers died in Alpha, said Ahmet Demir.", "The strike hit at 10 am."]
    faithful = metrics.unsupported_facts(["In Alpha 3 soldiers died at 10 am, Demir said."], sources)
    assert faithful == {"numbers": 2, "numbers_unsupported": 0, "names": 2, "names_unsupported": 0}
    invented = metrics.unsupported_facts(["In Bravo 12 soldiers died, Demir said."], sources)
    assert invented == {"numbers": 1, "numbers_unsupported": 1, "names": 2, "names_unsupported": 1}


def test_names_inside_a_word_are_not_names():
    assert metrics.names("Then O'Malley met 'Selfie Kid' and Smith.") == {"O'Malley", "Selfie", "Kid", "Smith"}
