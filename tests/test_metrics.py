import pytest

from pipeline.eval import metrics
from pipeline.eval.check import Attributed
from pipeline.eval.data import EvalCluster, GoldLink
from pipeline.eval.evaluate import score_attribution
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
    perfect = [
        Attributed("A claim.", (SourceSpan("d0", "doc_0.txt", 0, 14, 0.9),)),
        Attributed("Another claim.", (SourceSpan("d1", "doc_1.txt", 0, 13, 0.8),)),
    ]
    rows = score_attribution(perfect, cluster)
    assert [r["doc"] for r in rows] == [(1.0, 1.0, 1.0)] * 2
    assert [r["char"] for r in rows] == [(1.0, 1.0, 1.0)] * 2
    wrong = [Attributed("A claim.", (SourceSpan("d1", "doc_1.txt", 0, 13, 0.9),)), Attributed("Another claim.", ())]
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


def test_rouge_gives_recall_next_to_f1():
    ref = ["Three soldiers were killed near the town.", "The ministry called it an accident."]
    scores = metrics.rouge_scores(ref[:1], ref)
    assert set(scores) == set(metrics.ROUGE_KEYS) and "rouge2" in scores and "rouge2_recall" in scores
    # half the reference, every word of it right: recall below F1, both below 1
    for name in metrics.ROUGE_TYPES:
        assert 0 < scores[metrics.RECALL[name]] < scores[name] < 1
    assert all(v == 0.0 for v in metrics.rouge_scores([], ref).values())


def test_rouge_is_averaged_over_references():
    # unigrams by hand: "the cat sat" vs "the cat ran" P = R = 2/3; vs "a dog sat" P = R = 1/3
    avg = metrics.rouge_averaged(["the cat sat"], [["the cat ran"], ["a dog sat"]])
    assert avg["rouge1"] == pytest.approx(0.5) and avg["rouge1_recall"] == pytest.approx(0.5)
    assert metrics.rouge_averaged(["the cat sat"], [["the cat ran"]]) == metrics.rouge_scores(
        ["the cat sat"], ["the cat ran"]
    )
    # and against rouge-score itself, reference by reference
    from rouge_score import rouge_scorer

    candidate = ["Flood water closed the river road on Monday.", "Crews opened two shelters."]
    references = [
        ["The river road was closed by flood water.", "Two shelters opened."],
        ["Crews closed a road on Monday after the river rose.", "Families moved to shelters."],
        ["Flooding shut the road by the river."],
    ]
    scorer = rouge_scorer.RougeScorer(list(metrics.ROUGE_TYPES), use_stemmer=True)
    by_hand = [scorer.score("\n".join(ref), "\n".join(candidate)) for ref in references]
    avg = metrics.rouge_averaged(candidate, references)
    for name in metrics.ROUGE_TYPES:
        assert avg[name] == pytest.approx(sum(s[name].fmeasure for s in by_hand) / 3)
        assert avg[metrics.RECALL[name]] == pytest.approx(sum(s[name].recall for s in by_hand) / 3)
    with pytest.raises(ValueError):
        metrics.rouge_averaged(candidate, [])


def test_rouge_lsum_reads_a_hard_wrapped_sentence_as_one():
    # Lsum unions each reference sentence's LCS over the candidate's lines: read as two lines, the
    # wrapped sentence would match both halves of the reference out of order (0.875, not 0.5).
    ref = ["The river road closed and two shelters opened."]
    one = ["Two shelters opened after the river road closed."]
    wrapped = ["Two shelters opened after \nthe river road closed."]
    assert metrics.rouge_scores(wrapped, ref) == metrics.rouge_scores(one, ref)
    assert metrics.rouge_scores(wrapped, ref)["rougeLsum"] == pytest.approx(0.5)
