"""Every article that states a claim is cited (issue 26, item 4), with the real parser.

Each case, in our own words: a claim, a retelling in other words, and a sentence on the same topic
that says something else. With the score's bar set out of reach (hashed n-grams say little about
meaning, so the bar is not what is tested here), the retelling must still be cited, confirmed on
the parse (pipeline.stages.restates), and the other sentence must not.
"""

import pytest

from pipeline.inference.embed import HashingEmbedder
from pipeline.stages.attribute import SupportAttributor
from pipeline.stages.parser import load_parser
from pipeline.stages.restates import restates, timeless
from pipeline.types import Sentence


@pytest.fixture(scope="module", autouse=True)
def parser():
    return load_parser()


# claim, a retelling, a sentence on the same topic that states another fact
CASES = [
    (
        "On March 3, the harbour board fired Tom Vale.",
        "Vale was suddenly fired by the harbour board on March 3 after a row over the budget.",
        "Tom Vale had led the harbour board through two lean years.",
    ),
    (
        "The dockers refused to accept the new contract.",
        "The union, citing unpaid overtime, refused to accept the contract the owners offered.",
        "The dockers had asked for a new contract in the spring.",
    ),
    (
        "The council approved the bridge plan on Tuesday.",
        "On Tuesday the bridge plan was approved by the council after a four-hour debate.",
        "The council had rejected an earlier bridge plan on cost.",
    ),
    (
        "Rescuers pulled three fishermen from the water near Cape Wren.",
        "Near Cape Wren, three fishermen were pulled from the water by rescuers before dawn.",
        "Three fishermen set out from Cape Wren on a calm night.",
    ),
    (
        "The ferry operator cancelled all crossings to Isla Norte.",
        "All crossings to Isla Norte were cancelled by the ferry operator, passengers said.",
        "The ferry operator added two crossings to Isla Norte last summer.",
    ),
    (
        "Police arrested the driver of the tanker in Vigo.",
        "In Vigo the driver of the tanker was arrested by police as he left the cab.",
        "The driver of the tanker told police in Vigo that the brakes had failed.",
    ),
]
EMB = HashingEmbedder()


OUT_OF_REACH = 1.01  # no score reaches it: only a retelling confirmed on the parse is cited


def _cited(claim, sentence, restated=0.0):
    pool = [Sentence("d1:0", "d1", 0, len(sentence), sentence)]
    attributor = SupportAttributor(threshold=OUT_OF_REACH, restated=restated)
    (spans,) = attributor.attribute([claim], EMB.embed([claim]), pool, EMB.embed([sentence]), {"d1": "a.txt"})
    return bool(spans)


@pytest.mark.parametrize("claim, retold, other", CASES)
def test_a_retelling_is_cited_when_the_parse_confirms_it(claim, retold, other):
    assert restates(claim, retold)
    assert _cited(claim, retold)
    assert not _cited(claim, retold, restated=None)


@pytest.mark.parametrize("claim, retold, other", CASES)
def test_a_sentence_on_the_same_topic_that_says_something_else_is_not(claim, retold, other):
    assert not restates(claim, other)
    assert not _cited(claim, other)


def test_a_retelling_must_give_the_claims_counts_but_may_leave_out_its_date():
    claim = "On March 3, rescuers pulled three fishermen from the water near Cape Wren."
    assert timeless(claim).count("3") == 0
    assert _cited(claim, "Near Cape Wren, three fishermen were pulled from the water by rescuers.")
    assert not _cited(claim, "Near Cape Wren, five fishermen were pulled from the water by rescuers.")


def test_a_retelling_asserted_another_way_is_not_the_fact():
    claim = "Police arrested the driver of the tanker in Vigo."
    assert not restates(claim, "In Vigo the driver of the tanker was not arrested by police.")
    assert not restates(claim, "In Vigo police may arrest the driver of the tanker.")


def test_a_verb_of_saying_and_its_speaker_are_no_fact_of_their_own():
    claim = "The harbour master said on Friday that the quay would reopen."
    assert not restates(claim, "The harbour master said on Friday that the crane was safe.")
