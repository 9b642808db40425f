"""A lede that tells the event but puts it nowhere gains the frame's place as a sentence telling
the event writes it, preposition and all, cited there (issue 25, item 3); only where the parse
shows a safe spot and the lede names no place of its own. Sentences written here."""

import pytest
from conftest import sentences_of

from pipeline.stages.arrange import LedePlace, Story
from pipeline.stages.frame import Fact, Frame
from pipeline.stages.lede import place_words, with_place
from pipeline.stages.parser import docs
from pipeline.types import BriefSentence, SourceSpan

FRAME = Frame(parse=docs)
PLACE = "off the island of Crete"


@pytest.mark.parametrize(
    "lede, completed",
    [
        (  # before the clause that adds the toll: the place is the capsizing's
            "A ferry capsized, killing 12 passengers.",
            "A ferry capsized off the island of Crete, killing 12 passengers.",
        ),
        (  # the reported clause, not the verb of saying
            "Rescuers said a ferry capsized after its engine failed.",
            "Rescuers said a ferry capsized off the island of Crete after its engine failed.",
        ),
        (
            "A ferry capsized in a storm, killing 12.",
            "A ferry capsized in a storm off the island of Crete, killing 12.",
        ),
        (  # who says so stays last
            "A ferry sank with 40 passengers on board, according to the coast guard.",
            "A ferry sank with 40 passengers on board off the island of Crete, according to the coast guard.",
        ),
    ],
)
def test_the_place_goes_after_the_main_verbs_complements(lede, completed):
    assert with_place(lede, PLACE, FRAME) == completed


@pytest.mark.parametrize(
    "lede",
    [
        "A ferry capsized near Port Elm, killing 12.",  # a place of its own: maybe another one
        "A ferry capsized in the Mediterranean.",  # a sea is a place too
        "Greece said a ferry had capsized.",  # a country that speaks names a place the event may not be in
        '"It went over in seconds," a survivor said.',  # a quotation: not the reporter's words
        "The ferry capsized. Twelve people died.",  # two sentences: which one?
        # a clause closes the complements: the place would seem to belong to it
        "The ferry capsized, the second accident this year that the crew had feared.",
    ],
)
def test_no_place_is_added_where_it_could_mislead(lede):
    assert with_place(lede, PLACE, FRAME) is None


def test_no_parser_no_place():
    assert with_place("A ferry capsized, killing 12 passengers.", PLACE, Frame()) is None


def _frame(pool, event, where="Crete"):
    fact = Fact("where", where, ())
    echoes = tuple(s.id for s in pool if s.id != pool[-1].id)  # the last sentence tells something else
    return Frame(event=event, echoes=echoes, facts=(fact,), places=frozenset({where.lower()}), parse=docs)


def test_the_place_is_taken_from_a_sentence_that_tells_the_event_in_one_short_phrase():
    pool = sentences_of(
        "Twelve people drowned when a ferry sank in rough seas near Crete, the island's mayor said.",
        "A ferry capsized in Crete, a port whose harbour was rebuilt after the war, killing 12.",
        "A ferry capsized near Crete on Tuesday.",
        "Tourism in Crete has doubled in a decade.",
    )
    said_there = sentences_of("The coast guard said in Athens that a ferry had capsized.", "Athens is busy.")
    assert place_words(_frame(said_there, said_there[0], "Athens"), said_there) is None  # where it was said
    words, where = place_words(_frame(pool, pool[1]), pool)
    # the event sentence's phrase carries a clause of its own; the first echo's is one phrase
    assert (words, where.id) == ("near Crete", pool[0].id)
    assert place_words(_frame(pool[3:], pool[3]), pool[3:]) is None  # nothing tells the event there


def _arrange(pool, lede_at: int, *rest: BriefSentence) -> list[BriefSentence]:
    """LedePlace on a brief led by pool[lede_at], the frame's event being pool[0]."""
    cited = (SourceSpan("d1", "a.txt", pool[lede_at].start, pool[lede_at].end, 0.9),)
    lede = BriefSentence(pool[lede_at].text, 0, "extracted", cited, (), pool[lede_at].id)
    story = Story(documents=(), pool=tuple(pool), paths={"d1": "a.txt"}, frame=_frame(pool, pool[0]))
    return LedePlace().arrange([lede, *rest], story)


SANK = "A ferry sank on Tuesday, killing 12 passengers."
OFF_CRETE = "The ferry capsized off the island of Crete in a storm."


def test_the_completed_lede_cites_the_sentence_that_gives_the_place():
    pool = sentences_of(SANK, OFF_CRETE, "Tourism in Crete has doubled in a decade.")
    other = BriefSentence("Twelve people died.", 1, "extracted", (), (), None)
    out = _arrange(pool, 0, other)
    assert out[0].text == "A ferry sank off the island of Crete on Tuesday, killing 12 passengers."
    assert out[0].method == "fused" and out[1] == other
    assert {(s.start, s.end) for s in out[0].sources} == {(p.start, p.end) for p in pool[:2]}


def test_a_lede_about_something_else_gains_no_place():
    pool = sentences_of(SANK, OFF_CRETE, "The ferry company suspended its chief executive.")
    out = _arrange(pool, 2)
    assert len(out) == 1 and out[0].text == pool[2].text and out[0].method == "extracted"
