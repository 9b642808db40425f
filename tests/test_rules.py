"""The rule tables, tested from their own examples: every rule says why, catches each sentence it
must catch and none it must not (pipeline.stages.rules; a rule without both kinds fails here)."""

import re

import pytest

from pipeline.stages.rules import FAMILIES, IN_BRIEF, OPENING, STANDALONE, Placed

RULES = [(family, rule) for family in FAMILIES for rule in family.rules]
CATCHES = [(f, r, e) for f, r in RULES for e in r.catches]
PASSES = [(f, r, e) for f, r in RULES for e in r.passes]


def _ids(cases):
    seen: dict[str, int] = {}
    out = []
    for case in cases:
        name = case[1].name
        seen[name] = seen.get(name, 0) + 1
        out.append(f"{name}-{seen[name]}")
    return out


@pytest.mark.parametrize("family, rule", RULES, ids=[r.name for _, r in RULES])
def test_every_rule_has_a_name_a_reason_and_examples_both_ways(family, rule):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.reason and "\n" not in rule.reason
    assert rule.catches, f"{rule.name}: no example it must catch"
    assert rule.passes, f"{rule.name}: no example it must not catch"


@pytest.mark.parametrize("family, rule, example", CATCHES, ids=_ids(CATCHES))
def test_a_rule_fires_on_what_it_must_catch(family, rule, example):
    assert rule.check(family.read(example))


@pytest.mark.parametrize("family, rule, example", PASSES, ids=_ids(PASSES))
def test_a_rule_is_silent_on_what_it_must_not_catch(family, rule, example):
    assert not rule.check(family.read(example))


@pytest.mark.parametrize("family, rule, example", CATCHES, ids=_ids(CATCHES))
def test_a_caught_example_is_given_its_rule_s_reason(family, rule, example):
    # The example shows the rule at work: no rule asked before it has already said no.
    assert family.fired(family.read(example))[0] is rule
    assert family.first(family.read(example)) == rule.reason


def test_rule_names_are_unique_across_families():
    names = [r.name for _, r in RULES]
    assert len(names) == len(set(names))


def test_families_ask_in_order_and_list_every_rule_that_fires():
    # Opens with "However" and ends on "it": two rules fire, the first one asked gives the verdict.
    text = STANDALONE.read("However, the harbour board has denied it.")
    assert [r.name for r in STANDALONE.fired(text)] == ["dependent-opening", "connective"]
    assert STANDALONE.first(text) == STANDALONE.fired(text)[0].reason
    assert STANDALONE.first(STANDALONE.read("Police arrested two men on the quay.")) is None
    assert [r.name for r in OPENING.fired(OPENING.read("The crane fell and hurt him."))] == [
        "opening-unnamed-subject",
        "opening-unexplained-pronoun",
    ]


def test_a_brief_rule_reads_the_sentences_above():
    surname = IN_BRIEF.rules[0]
    known = frozenset({"Ortiz"})
    assert surname.check(Placed("Ortiz blamed the storm.", (), known))
    assert not surname.check(Placed("Ortiz blamed the storm.", ("Harbour master Lena Ortiz spoke.",), known))
    # Said after is said too late.
    assert surname.check(Placed("Ortiz blamed the storm.", ("A crane fell.",), known))


def test_docs_rules_md_is_written_from_the_tables():
    from pipeline.stages.rules import doc

    page = doc.PAGE.read_text(encoding="utf-8")
    assert page == doc.markdown(), "docs/rules.md is out of date: run python -m pipeline.stages.rules.doc"
    for _, rule in RULES:
        assert f"`{rule.name}`" in page and doc._md(rule.reason) in page
