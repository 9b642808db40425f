"""What a trim may never do (issue 26), with the real parser.

Every case is invented for these tests (tests/deletion_cases.py): a source sentence, a shorter
version of it that breaks one rule of pipeline.stages.deletion_rules.RULES (each must be refused by
that rule), and a faithful shorter version of the same sentence (each must pass every rule). The
same rules judge a model's sentence that is a member less some words (shortened_problem), except
those on where an aside starts and ends.
"""

import pytest
from deletion_cases import CASES

from pipeline.stages.deletion_rules import RULES, deletion_problem, shortened_problem
from pipeline.stages.deletions import Deletion
from pipeline.stages.lexicon import PROTECTED
from pipeline.stages.parser import load_parser
from pipeline.stages.trims import cuts, refusal, trims


@pytest.fixture(scope="session", autouse=True)
def parser():
    return load_parser()


IDS = [f"{rule}-{i}" for i, (rule, *_) in enumerate(CASES)]
REASON = {rule.name: rule.reason for rule in RULES}


def _problem(source, shorter):
    d = Deletion.of(source, shorter)
    assert d is not None, f"not {source!r} less some words"
    return deletion_problem(d)


def test_at_least_five_cases_of_each_rule():
    names = [name for name, *_ in CASES]
    assert {n: names.count(n) >= 5 for n in REASON} == dict.fromkeys(REASON, True)


@pytest.mark.parametrize("rule, source, refused, faithful", CASES, ids=IDS)
def test_the_deletion_is_refused_by_its_rule(rule, source, refused, faithful):
    # Another rule may see the same fault first ("Hours the mayor resigned" runs words together
    # and keeps a measure without what it measured): the case's own rule must see it too.
    d = Deletion.of(source, refused)
    assert d is not None and _problem(source, refused) is not None
    assert next(r for r in RULES if r.name == rule).check(d)


@pytest.mark.parametrize("rule, source, refused, faithful", CASES, ids=IDS)
def test_a_faithful_deletion_of_the_same_sentence_passes(rule, source, refused, faithful):
    assert _problem(source, faithful) is None


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_refuses_its_own_example_and_lets_its_other_one_through(rule):
    d = Deletion.of(*rule.refuses)
    assert d is not None and rule.check(d)
    assert deletion_problem(d)
    assert _problem(*rule.accepts) is None


@pytest.mark.parametrize("kind", PROTECTED, ids=[c.name for c in PROTECTED])
def test_each_class_of_protected_words_refuses_its_example(kind):
    reason = _problem(*kind.refuses)
    assert reason is not None and f"({kind.name})" in reason


@pytest.mark.parametrize(
    "text, word",
    [
        ("Acting with unusual speed, the board fired the coach.", "Acting"),  # a verb, not a title
        ("The film about the strike opened on Friday, the studio said.", "about"),  # not a number's
        ("The crew, which arrived in the first week, left the port.", "first"),  # goes with its clause
    ],
)
def test_a_protected_word_counts_only_where_it_qualifies_what_stays(text, word):
    shorter = {
        "Acting": "The board fired the coach.",
        "about": "The film opened on Friday, the studio said.",
        "first": "The crew left the port.",
    }[word]
    reason = _problem(text, shorter)
    assert reason is None or f"'{word}'" not in reason


@pytest.mark.parametrize("rule, source, refused, faithful", CASES, ids=IDS)
def test_trims_never_offer_what_a_rule_refuses(rule, source, refused, faithful):
    offered = trims(source)
    assert refused not in offered
    assert all(refusal(source, c) is None for c in cuts(source) if c.text in offered)


@pytest.mark.parametrize("case", [0, 3, 4, 6, 9, 10, 11, 13, 15, 16, 17, 21, 22, 23, 25, 26, 27, 28, 30, 31, 34])
def test_trims_still_offer_the_faithful_deletion(case):
    _, source, _, faithful = CASES[case]
    assert faithful in trims(source)


@pytest.mark.parametrize("rule, source, refused, faithful", CASES, ids=IDS)
def test_a_model_sentence_that_shortens_a_member_is_judged_as_a_trim(rule, source, refused, faithful):
    by_rule = next(r for r in RULES if r.name == rule)
    if by_rule.asides:  # a model may drop a word where a trim drops a whole aside
        return
    assert shortened_problem(refused, [source]) is not None
    assert shortened_problem(faithful, [source]) is None


def test_another_member_that_states_it_plainly_lets_it_through():
    plainly = "The nurse left the ward before midnight on Friday."
    claimed = "A neighbour has claimed that the nurse left the ward before midnight."
    assert shortened_problem("The nurse left the ward before midnight.", [claimed]) is not None
    assert shortened_problem("The nurse left the ward before midnight.", [claimed, plainly]) is None


def test_a_sentence_that_rewrites_is_left_to_verification():
    source = "A neighbour has claimed that the nurse left the ward before midnight."
    assert shortened_problem("The nurse quit the ward before midnight.", [source]) is None


def test_a_kept_quotation_mark_needs_its_partner():
    source = 'Ana Ruiz said the quay was closed and added: "It will reopen in May."'
    assert "quotation" in _problem(source, 'Ana Ruiz said the quay was closed."')
