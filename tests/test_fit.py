"""`fit`: what attribution supports, within budget, and never the same fact twice (issue 25,
item 6). Sentences written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.stages.arrange import fit, says_again
from pipeline.stages.attribute import content_words
from pipeline.types import Draft, SourceSpan


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=float)
    return v / np.linalg.norm(v)


def span(k: int) -> tuple[SourceSpan, ...]:
    return (SourceSpan("a", "a.txt", 10 * k, 10 * k + 9, 1.0),)


def run_fit(texts: list[str], vectors: list[np.ndarray], redundancy: float = 0.65) -> list[str]:
    drafts = [Draft(k, t, "extracted", f"s{k}") for k, t in enumerate(texts)]
    kept, _ = fit(drafts, texts, [span(k) for k in range(len(texts))], np.array(vectors), 500, 10, redundancy)
    return [s.text for s in kept]


def test_a_number_written_as_a_word_is_the_same_number():
    kept = "Rescuers pulled three miners alive from the collapsed shaft near Oruro."
    assert says_again("Rescuers pulled 3 miners alive from the shaft near Oruro.", unit(1, 0), kept, unit(1, 0))
    assert not says_again("Rescuers pulled 4 miners alive from the shaft near Oruro.", unit(1, 0), kept, unit(1, 0))


def test_a_retelling_inside_a_kept_sentence_goes_and_the_next_draft_takes_its_place():
    texts = [
        "Two teenagers accused of stabbing a neighbour to win a video game prize asked the court to hear them.",
        "The teenagers hoped stabbing the neighbour would win the video game prize.",
        "The trial opens in March.",
    ]
    # Cosine 0.6 between the first two: under `redundancy`, so only the words tell.
    kept = run_fit(texts, [unit(1, 0, 0), unit(0.6, 0.8, 0), unit(0, 0, 1)])
    assert kept == [texts[0], texts[2]]


def test_the_same_words_with_a_distant_meaning_are_two_facts():
    texts = [
        "The assembly elected Marta Ruiz, the harbour engineer who has wide public support, as mayor.",
        "Ruiz, 58, came to office with wide public support from the harbour.",
    ]
    assert len(content_words(texts[1]) - content_words(texts[0])) <= 3
    kept = run_fit(texts, [unit(1, 0), unit(0.4, 0.92)])  # cosine 0.4
    assert kept == texts


def test_three_shared_words_are_a_topic_not_a_fact():
    texts = ["Flood water reached the old bridge in Dorn on Sunday.", "The old bridge in Dorn reopened."]
    assert len(content_words(texts[1]) & content_words(texts[0])) == 3
    assert not says_again(texts[1], unit(0.9, 0.44), texts[0], unit(1, 0))


@pytest.mark.parametrize(
    "texts",
    [
        # A number the kept sentence does not give is news, however many words are shared.
        [
            "Rescuers pulled 12 miners alive from the collapsed shaft near Oruro on Tuesday.",
            "Rescuers pulled 14 miners alive from the collapsed shaft near Oruro.",
        ],
        # A sentence that shares few of its words with the kept one tells another fact.
        [
            "Rescuers pulled 12 miners alive from the shaft.",
            "Volunteers from three villages led the four-day search near Oruro.",
        ],
    ],
)
def test_a_draft_that_adds_a_number_or_another_fact_is_kept(texts):
    assert run_fit(texts, [unit(1, 0), unit(0.62, 0.78)]) == texts


SHORT = "Rescuers pulled 12 miners alive from the shaft."
LONG = "Rescuers pulled 12 miners alive from the shaft near Oruro after a four-day search led by volunteers."
LEDE = "A gas explosion collapsed a tin mine near Oruro on Saturday."


def test_a_longer_telling_takes_the_place_of_a_shorter_one_it_wholly_says():
    # Ranked first, the short telling stayed beside the long one: two sentences, one fact.
    texts = [LEDE, SHORT, LONG, "The mine reopens in May."]
    vectors = [unit(0, 0, 1, 0), unit(1, 0, 0, 0), unit(0.62, 0.78, 0, 0), unit(0, 0, 0, 1)]
    assert run_fit(texts, vectors) == [LEDE, LONG, texts[3]]


def test_the_lede_is_not_replaced_and_its_longer_retelling_goes():
    assert run_fit([SHORT, LONG], [unit(1, 0), unit(0.62, 0.78)]) == [SHORT]


def test_a_longer_telling_over_the_word_budget_leaves_the_short_one():
    drafts = [Draft(k, t, "extracted", f"s{k}") for k, t in enumerate([LEDE, SHORT, LONG])]
    vectors = np.array([unit(0, 0, 1), unit(1, 0, 0), unit(0.62, 0.78, 0)])
    budget = len(LEDE.split()) + len(SHORT.split()) + 3
    kept, _ = fit(drafts, [LEDE, SHORT, LONG], [span(k) for k in range(3)], vectors, budget, 10, 0.65)
    assert [s.text for s in kept] == [LEDE, SHORT]


def test_with_the_real_embedder_a_reworded_fact_goes_and_a_related_one_stays(minilm):
    texts = [
        "Lawyers for two teenagers accused of stabbing a neighbour to win a prize in a video game asked a county"
        " judge on Monday to let a psychiatrist testify at the spring trial.",
        "The teenagers hoped stabbing the neighbour would win them the prize.",
        "The neighbour survived and now lives in another town.",
    ]
    vectors = list(minilm.embed(texts))
    assert float(vectors[0] @ vectors[1]) < 0.65  # cosine alone keeps the retelling
    assert run_fit(texts, vectors) == [texts[0], texts[2]]


def test_two_drafts_one_single_fact_source_sentence_supports_tell_one_fact():
    # Neither draft comes from the witness sentence; attribution read both against it. Cosine 0 and
    # no shared words: only the shared one-fact witness tells that they say the same thing.
    texts = [
        "Mayor Ana Ruiz rang the port's director to apologise for the delay.",
        "The officials spoke by phone on Monday evening.",
        "The ferry service resumes in May.",
    ]
    witness = SourceSpan("b", "b.txt", 500, 560, 0.7)
    supports = [span(0) + (witness,), span(1) + (witness,), span(2)]
    drafts = [Draft(k, t, "extracted", f"s{k}") for k, t in enumerate(texts)]
    vectors = np.array([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)])

    def kept(one_fact):
        return [s.text for s in fit(drafts, texts, supports, vectors, 500, 10, 0.65, one_fact)[0]]

    assert kept(lambda sp: sp == witness) == [texts[0], texts[2]]
    # A witness of several facts, a draft's own sentence (the caller says which), or no parser: two facts.
    assert kept(lambda sp: False) == kept(None) == texts


def test_a_draft_a_one_fact_witness_supports_with_a_new_number_stays():
    texts = ["Rescuers pulled miners from the shaft near Oruro.", "Rescue teams brought 14 men to the surface."]
    witness = SourceSpan("b", "b.txt", 500, 560, 0.7)
    supports = [span(0) + (witness,), span(1) + (witness,)]
    drafts = [Draft(k, t, "extracted", f"s{k}") for k, t in enumerate(texts)]
    kept, _ = fit(drafts, texts, supports, np.array([unit(1, 0), unit(0, 1)]), 500, 10, 0.65, lambda sp: True)
    assert [s.text for s in kept] == texts


@pytest.mark.parametrize(
    "text, one",
    [
        ("A telephone conversation took place between the two mayors on Monday.", True),
        ("The mayor rang the director, and the two agreed to meet.", False),  # two clauses
        ("The mayor, who rang the director, apologised.", False),  # a relative clause
        ("The mayor said the ferry would resume in May.", False),  # a reported clause
        ("The mayor rang. The director answered.", False),  # two sentences
    ],
)
def test_single_facts_reads_one_clause(text, one):
    from pipeline.stages.parser import single_facts

    assert single_facts([text]) == [one]
