"""What the parser reads for verification (issue 12): roles, speakers, modality, fragments, and the
word-level checks that ride on the parse (qualifiers, modifiers, days, new words). The cases of
distortions and faithful fusions are in tests/test_structure.py."""

import pytest

from pipeline.stages.parser import load_parser
from pipeline.stages.structure import parse
from pipeline.stages.verify import compare
from pipeline.stages.verify import structure_problem as check


@pytest.fixture(scope="session", autouse=True)
def parser():
    """spaCy's pipeline, loaded once for the session (about 3 s)."""
    return load_parser()


def test_passive_and_active_are_the_same_roles():
    texts = ("The goalkeeper fouled the striker.", "The striker was fouled by the goalkeeper.")
    active, passive = (parse(t).relations[0] for t in texts)
    roles = [(r.verb, r.agent.head, r.patient.head) for r in (active, passive)]
    assert roles[0] == roles[1] == ("foul", "goalkeeper", "striker")
    assert passive.passive and not active.passive


@pytest.mark.parametrize(
    "text, holder",
    [
        ("The strike was an accident, the army said.", "army"),
        ("The army said the strike was an accident.", "army"),
        ("The strike was an accident, according to the army.", "army"),
        ("As the army reported, the strike was an accident.", "army"),
    ],
)
def test_who_says_it_is_found_however_it_is_written(text, holder):
    be = next(r for r in parse(text).relations if r.verb == "be")
    assert be.holder is not None and be.holder[0] == "say" and be.holder[1].head == holder


@pytest.mark.parametrize(
    "text, verb, flags",
    [
        # A condition inherits what the clause it conditions says of itself.
        ("If the council agrees, the road will reopen.", "agree", {"cond", "conditioned", "future"}),
        ("If the council agrees, the road will reopen.", "reopen", {"conditioned", "future"}),
        ("In case the ferry cannot dock, the crew would have to row ashore.", "have", {"conditioned", "modal:would"}),
        ("In the event of a storm, the quay will close.", "close", {"conditioned", "future"}),
        ("Did the council agree to reopen the road?", "agree", {"question"}),
        ("The council asked whether the road would reopen.", "reopen", {"question", "modal:would"}),
        ("The road might reopen next week.", "reopen", {"modal:might"}),
        ("The road did not reopen.", "reopen", {"neg"}),
        ("No road was reopened.", "reopen", {"neg"}),
        ("The road reopened on Monday.", "reopen", set()),
    ],
)
def test_modality_of_a_clause(text, verb, flags):
    relation = next(r for r in parse(text).relations if r.verb == verb)
    assert relation.modality == flags


def test_fragments_are_not_sentences():
    fragment = "not a complete sentence"
    assert fragment in check("To win back the northern route.", ["They hope to win back the northern route."])
    sources = ["The charges that he faces could bring five years."]
    assert fragment in check("The charges that could bring five years.", sources)


def test_a_qualifier_cannot_be_deleted():
    sources = ["Each call came from the same male voice, the coast guard said."]
    assert "drops 'same'" in check("Each call came from the male voice, the coast guard said.", sources)
    assert check("Each call came from the same voice, the coast guard said.", sources) is None


def test_a_modifier_cannot_move_to_another_name():
    sources = ["Donors include actor Tom Vale, club owner Ada Marsh and singer Bo Lund."]
    assert "under" in check("Donors include actor Tom Vale, club owner Bo Lund.", sources)
    assert check("Donors include actor Tom Vale and singer Bo Lund.", sources) is None


def test_each_kept_fact_keeps_its_own_day():
    sources = ["Rebels seized the airport on Monday, and the army shelled the city on Tuesday."]
    assert "drops when it happened: monday" in check("Rebels seized the airport.", sources)
    # The day of a fact the candidate leaves out is not required.
    assert check("Rebels seized the airport on Monday.", sources) is None


def test_new_content_words_are_rejected_wherever_they_go():
    sources = ["Mayor Rosa Linden opened the new bridge on Friday, her office said."]
    for added in (
        "Mayor Rosa Linden proudly opened the new bridge on Friday, her office said.",
        "Mayor Rosa Linden opened the new steel bridge on Friday, her office said.",
        "Mayor Rosa Linden opened the new bridge on Friday, her press office said.",
    ):
        assert check(added, sources) is not None, added


def test_wrapped_wire_copy_parses_like_one_line():
    wrapped = "The mayor opened the new bridge\non Friday, officials said."
    assert compare(parse("The mayor opened the bridge on Friday, officials said."), [parse(wrapped)]) is None


def test_the_parser_reads_no_statement_in_captions_list_items_and_instructions():
    from pipeline.stages.parser import statements

    assert statements(
        [
            "The port authority closed the quay on Tuesday.",
            "Mayor Ana Ruiz, wearing a hard hat, smiled.",
            "Let the union decide, Ortiz said.",
            "Twelve hours of crane power on one charge.",
            "Crane cab with a heated seat.",
            "Start small and check every crane twice.",
            "Expect the harbour master to ask for a new budget.",
        ]
    ) == [True, True, True, False, False, False, False]


def test_a_trim_that_drops_an_in_case_condition_is_refused():
    source = ["In case the ferry cannot dock, two crew members would have to row the mail ashore."]
    assert check("Two crew members would have to row the mail ashore.", source)
    assert not check("In case the ferry cannot dock, two crew members would have to row the mail ashore.", source)


@pytest.mark.parametrize(
    "source, rewritten, dropped",
    [
        # A model's sentence that rewrites as well as deletes is not judged as a trim
        # (pipeline.stages.deletions); the qualifier check still sees the word that says who or when.
        ("The rebels initially said they had planted the bomb.", "The rebels said they planted the bomb.", "initially"),
        ("Deputy Mayor Ana Ruiz cut the ribbon at noon.", "Mayor Ana Ruiz cut the ribbon at noon.", "deputy"),
        ("The clerk reportedly hid the ledger in the attic.", "The clerk hid the ledger in the attic.", "reportedly"),
        ("The acting harbour master closed the quay.", "The harbour master closed the quay.", "acting"),
        ("Nearly 300 dockers walked out on Friday.", "300 dockers walked out on Friday.", "nearly"),
    ],
)
def test_a_word_that_says_who_or_when_cannot_be_dropped(source, rewritten, dropped):
    reason = check(rewritten, [source])
    assert reason is not None and dropped in reason.lower()
    assert check(source, [source]) is None


def test_a_tree_without_entities_is_the_full_parses_tree_and_is_not_cached_as_one():
    from pipeline.stages import parser

    texts = [
        "When they reached the harbour at dawn, the crew of the trawler found the nets cut.",
        "Officials in Sella said on Tuesday that two ferries would resume service.",
    ]
    parser._DOCS.clear()
    light = parser.trees(texts)
    assert not parser._DOCS  # a doc without entities would mislead a reader of `docs`
    assert all(not doc.ents for doc in light)
    full = parser.docs(texts)
    for a, b in zip(light, full):
        assert [(t.text, t.pos_, t.dep_, t.head.i) for t in a] == [(t.text, t.pos_, t.dep_, t.head.i) for t in b]
    assert parser.trees(texts[:1])[0] is full[0]  # what `docs` parsed is read from its cache
