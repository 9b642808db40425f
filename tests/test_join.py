"""Joining brief sentences that share their subject (issue 12's safe operation), with the real parser.
Every sentence is written for these tests."""

import pytest

from pipeline.stages.join import join_plan, join_sentences, joined
from pipeline.stages.parser import load_parser
from pipeline.types import BriefSentence, SourceSpan


@pytest.fixture(scope="module", autouse=True)
def parser():
    return load_parser()


def test_two_reports_of_one_speaker_share_the_verb_and_keep_each_clause_word_for_word():
    assert joined(
        "Harbour master Lena Ortiz said the crane had passed its inspection.",
        "Harbour master Lena Ortiz said the quay would reopen in May.",
    ) == (
        "Harbour master Lena Ortiz said that the crane had passed its inspection and that the quay would reopen in May."
    )


def test_two_statements_about_one_subject_become_one():
    assert joined(
        "The port authority closed the northern terminal on Tuesday.",
        "The port authority says four dock workers were hurt.",
    ) == ("The port authority closed the northern terminal on Tuesday and says four dock workers were hurt.")


@pytest.mark.parametrize(
    "first, second",
    [
        # different subjects
        ("Lena Ortiz said the crane had passed its inspection.", "Ana Ruiz said the quay would reopen in May."),
        # a date beside the verb would come to hold for both clauses
        ("Lena Ortiz said on Friday the crane had passed its inspection.", "Lena Ortiz said the quay would reopen."),
        # different verbs of saying: "and that" would put the second under the first verb
        ("Lena Ortiz said the crane had passed its inspection.", "Lena Ortiz denied the quay would close."),
        # a first sentence with a clause of its own ("and closed ..." could go on the driver)
        ("The port authority said the driver fled.", "The port authority hired a diver who said so."),
        # a quotation
        ("Lena Ortiz said “the crane was sound and safe to use.”", "Lena Ortiz said the quay would reopen."),
        # an aside after the subject, a pronoun subject, a sentence that already joins two
        ("Lena Ortiz, 54, closed the quay.", "Lena Ortiz opened the gate."),
        ("She closed the quay.", "She opened the gate."),
        ("The port authority closed the quay and opened the gate.", "The port authority hired a diver."),
    ],
)
def test_sentences_whose_join_could_move_a_fact_stay_apart(first, second):
    assert joined(first, second) is None and joined(second, first) is None


def test_each_sentence_joins_once_and_the_joined_one_cites_both():
    texts = [
        "The port authority closed the northern terminal on Tuesday.",
        "A crane fell onto two ships.",
        "The port authority says four dock workers were hurt.",
        "The port authority hired a diver.",
    ]
    assert [(i, j) for i, j, _ in join_plan(texts)] == [(0, 2)]
    kept = [
        BriefSentence(t, k, "extracted", (SourceSpan(f"d{k}", f"{k}.txt", 0, len(t), 0.9),))
        for k, t in enumerate(texts)
    ]
    out = join_sentences(kept)
    assert [s.text for s in out][1:] == texts[1:2] + texts[3:]
    assert out[0].method == "fused" and [sp.path for sp in out[0].sources] == ["0.txt", "2.txt"]


def test_a_join_never_puts_a_surname_before_its_introduction():
    # Joined at the first sentence's place, "fined Ortiz" would come before "Lena Ortiz" is introduced.
    texts = [
        "The port authority closed the quay.",
        "Harbour master Lena Ortiz inspected the crane.",
        "The port authority fined Ortiz.",
    ]
    assert [i for i, _, _ in join_plan(texts)] == [0]  # the join itself is safe
    kept = [BriefSentence(t, k, "extracted", ()) for k, t in enumerate(texts)]
    assert [s.text for s in join_sentences(kept, frozenset({"Ortiz"}))] == texts
    # With no surname known, nothing holds it back.
    assert len(join_sentences(kept)) == 2


def test_a_join_never_puts_a_vague_subject_before_what_says_what_it_is():
    # "The lawsuit" is known by the verb the second sentence shares with the first ("state"); joined,
    # the third's verb comes first and the lawsuit is a riddle again.
    texts = [
        "Dockers in Vigo state their case against the port authority today.",
        "The lawsuit states that the crane was never inspected.",
        "The lawsuit seeks $5 million in damages.",
    ]
    assert [(i, j) for i, j, _ in join_plan(texts)] == [(1, 2)]  # the join itself is safe
    kept = [BriefSentence(t, k, "extracted", ()) for k, t in enumerate(texts)]
    assert [s.text for s in join_sentences(kept)] == texts


def test_a_person_called_by_surname_later_shares_the_full_name_of_the_first():
    first = "Harbour master Lena Ortiz said the crane had passed its inspection."
    second = "Ortiz said the quay would reopen in May."
    assert joined(first, second, [first, second]) == (
        "Harbour master Lena Ortiz said that the crane had passed its inspection and that the quay would reopen in May."
    )
    # The full name goes first: "Ortiz said ... and that ..." would lose who Ortiz is.
    assert joined(second, first, [first, second]) is None


def test_a_surname_two_people_share_joins_nobody():
    first = "Harbour master Lena Ortiz said the crane had passed its inspection."
    second = "Ortiz said the quay would reopen in May."
    brief = [first, "Her brother Tomas Ortiz runs the ferry.", second]
    assert joined(first, second, brief) is None
    assert [i for i, _, _ in join_plan(brief)] == []


@pytest.mark.parametrize(
    "first, second",
    [
        # issue 26: a join keeps every layer of both sentences: who claims, believes or alleges each
        # part, its condition, its qualifiers
        ("Police believe the driver fell asleep at the wheel.", "Police believe the driver had worked a double shift."),
        ("A neighbour claimed the nurse left the ward early.", "A neighbour claimed the nurse took the keys."),
        ("Prosecutors allege that the firm hid the losses.", "Prosecutors allege that the firm paid the auditor."),
        ("The ferry carries 900 people a day.", "The ferry will sail at noon if the fog lifts."),
        ("Deputy Mayor Ana Ruiz opened the bridge.", "Deputy Mayor Ana Ruiz initially opposed the toll."),
    ],
)
def test_a_join_keeps_every_layer_of_both_sentences(first, second):
    text = joined(first, second)
    assert text is not None
    words = text.lower().rstrip(".").split()
    for part in (first, second):
        assert all(w in words for w in part.lower().rstrip(".").split() if w != "that")
