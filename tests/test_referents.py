"""Who a description stands for, and two sentences that tell one fact (issue 25, item 6): a
person named in one sentence and described in another ("the mayor", "a 41-year-old baker").
Sentences written for these tests; the spaCy parser reads them."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.stages.arrange import fit
from pipeline.stages.referents import Referents, same_fact
from pipeline.types import Draft, SourceSpan

WHO = [
    "Port Alva's mayor, Ines Carvalho, opened the new ferry terminal last spring.",
    "Police questioned Dario Fenn, a 41-year-old baker, about the fire.",
    "Coach Lena Ortiz took the team to the final in May.",
    "Senator Paul Ekwe wrote most of the housing bill.",
    "Judge Miriam Sato heard the case in the county court.",
]


@pytest.fixture(scope="module")
def who() -> Referents:
    return Referents.read(WHO)


def test_names_carry_the_words_the_texts_describe_them_with(who):
    assert {"mayor"} <= who.described["carvalho"]
    assert {"41", "baker"} <= who.described["fenn"]
    assert {"coach"} <= who.described["ortiz"]
    assert {"senator"} <= who.described["ekwe"]


@pytest.mark.parametrize(
    "named, described",
    [
        ("Ines Carvalho collapsed during the council meeting.", "The mayor collapsed during a meeting on Tuesday."),
        ("Dario Fenn was arrested on Friday over the fire.", "A 41-year-old baker was arrested over the fire."),
        ("Lena Ortiz resigned after the defeat.", "The coach resigned on Sunday."),
        ("Paul Ekwe signed the housing bill.", "The senator signed the housing bill, his office said."),
        (
            "Miriam Sato dismissed the charges against the driver.",
            "The judge dismissed the charges against the driver.",
        ),
    ],
)
def test_a_person_named_in_one_and_described_in_the_other_is_one_fact(who, named, described):
    assert same_fact(named, described, who)
    assert same_fact(described, named, who)


@pytest.mark.parametrize(
    "a, b",
    [
        # Two people fit "the president": the description names nobody.
        ("President Ana Ruiz signed the treaty.", "The president signed the treaty."),
        # Two groups, not one: their words differ.
        ("Union leaders met on Tuesday.", "The leaders of the farmers' party met on Tuesday."),
        # A number the other contradicts: a count of another quantity or an update.
        ("The storm killed 5 people in Haiti.", "The storm killed 12 people in Haiti."),
        # Another place.
        ("The storm killed many people in Haiti.", "The storm killed many people in Cuba."),
        # Another day.
        ("Police arrested Dario Fenn on Friday.", "Police arrested Dario Fenn on Monday."),
        # Another occurrence.
        ("Troops fired on the crowd.", "Troops fired on the crowd again."),
        # Another verb about the same person.
        ("Dario Fenn was arrested.", "The baker was charged with arson."),
        # Asserted another way.
        ("Dario Fenn was arrested.", "The baker may be arrested."),
        # A clause about a participant is not the sentence's fact.
        ("The governor fired Omar Haddad.", "Party leaders, who explained why Haddad was fired, will meet in May."),
        # Being something is no fact to share: two facts about one person.
        ("Ines Carvalho is a doctor.", "The mayor is a keen sailor."),
    ],
)
def test_two_facts_stay_two(who, a, b):
    texts = [*WHO, "Ana Ruiz, the president, flew home.", "President Tomas Bell met her in Lisbon."]
    referents = Referents.read(texts)
    assert not same_fact(a, b, referents)
    assert not same_fact(b, a, referents)


def test_fit_drops_a_draft_that_tells_a_kept_fact_of_a_described_person():
    texts = [
        "A warehouse fire destroyed the old bakery on Dock Street on Friday.",
        "Police questioned Dario Fenn, a 41-year-old baker, about the fire.",
        "Dario Fenn was arrested on Saturday over the fire.",
        "A 41-year-old baker was arrested over the fire.",
        "The street reopened on Monday.",
    ]
    drafts = [Draft(k, t, "extracted", f"s{k}") for k, t in enumerate(texts)]
    vectors = np.eye(len(texts))  # no two alike in meaning: only the parse tells
    spans = [(SourceSpan("a", "a.txt", 10 * k, 10 * k + 9, 1.0),) for k in range(len(texts))]
    kept, _ = fit(drafts, texts, spans, vectors, 500, 10, 0.65)
    assert [s.text for s in kept] == [texts[0], texts[1], texts[2], texts[4]]


@pytest.mark.parametrize(
    "a, b",
    [
        ("Dario Fenn entered a plea of not guilty.", "The baker pleaded not guilty."),
        ("Paul Ekwe held a meeting with the farmers.", "The senator met the farmers on Monday."),
        ("Police made an arrest at the harbour.", "Police arrested a man at the harbour."),
    ],
)
def test_an_event_named_by_the_object_of_a_light_verb_is_the_verb_it_is_made_from(who, a, b):
    assert same_fact(a, b, who)


def test_an_object_that_is_no_event_is_a_participant(who):
    assert not same_fact("Dario Fenn filed a complaint.", "The baker filed a lawsuit.", who)
    assert not same_fact("Paul Ekwe made a speech.", "The senator made a promise.", who)


def test_a_clause_set_beside_the_main_one_is_read_too(who):
    # "..., friends say, and Fenn even ..." hangs the second clause on the first (parataxis).
    a = (
        'Ana Ruiz and Dario Fenn are "seeing each other again," friends say,'
        " and Fenn even joined her family at the match."
    )
    assert same_fact(a, "The baker joined her family at the match.", who)
    assert not same_fact(a, "The baker joined the choir.", who)


def test_two_verbs_that_only_begin_alike_are_two_events(who):
    assert not same_fact("Dario Fenn planned the harvest fair.", "The baker planted the harvest fair.", who)
