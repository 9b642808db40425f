"""A lede that tells the event but puts it nowhere gains the frame's place as a sentence telling
the event writes it, preposition and all, cited there (issue 25, item 3); only where the parse
shows a safe spot and the lede names no place of its own. Sentences written here."""

import pytest

from pipeline.stages.arrange import LedePlace, Story
from pipeline.stages.frame import Fact, Frame
from pipeline.stages.lede import place_words, with_place
from pipeline.stages.parser import docs
from pipeline.types import BriefSentence, Sentence, SourceSpan

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


def _pool(*texts: str, doc: str = "d1") -> list[Sentence]:
    out, at = [], 0
    for t in texts:
        out.append(Sentence(f"{doc}:{at}", doc, at, at + len(t), t))
        at += len(t) + 1
    return out


def _frame(pool, event, where="Crete"):
    fact = Fact("where", where, ())
    echoes = tuple(s.id for s in pool if s.id != pool[-1].id)  # the last sentence tells something else
    return Frame(event=event, echoes=echoes, facts=(fact,), places=frozenset({where.lower()}), parse=docs)


def test_the_place_is_taken_from_a_sentence_that_tells_the_event_in_one_short_phrase():
    pool = _pool(
        "Twelve people drowned when a ferry sank in rough seas near Crete, the island's mayor said.",
        "A ferry capsized in Crete, a port whose harbour was rebuilt after the war, killing 12.",
        "A ferry capsized near Crete on Tuesday.",
        "Tourism in Crete has doubled in a decade.",
    )
    said_there = _pool("The coast guard said in Athens that a ferry had capsized.", "Athens is busy.")
    assert place_words(_frame(said_there, said_there[0], "Athens"), said_there) is None  # where it was said
    words, where = place_words(_frame(pool, pool[1]), pool)
    # the event sentence's phrase carries a clause of its own; the first echo's is one phrase
    assert (words, where.id) == ("near Crete", pool[0].id)
    assert place_words(_frame(pool[3:], pool[3]), pool[3:]) is None  # nothing tells the event there


def test_the_completed_lede_cites_the_sentence_that_gives_the_place():
    pool = _pool(
        "A ferry sank on Tuesday, killing 12 passengers.",
        "The ferry capsized off the island of Crete in a storm.",
        "Tourism in Crete has doubled in a decade.",
    )
    cited = (SourceSpan("d1", "a.txt", pool[0].start, pool[0].end, 0.9),)
    lede = BriefSentence(pool[0].text, 0, "extracted", cited, (), pool[0].id)
    other = BriefSentence("Twelve people died.", 1, "extracted", cited, (), None)
    story = Story(documents=(), pool=tuple(pool), paths={"d1": "a.txt"}, frame=_frame(pool, pool[0]))
    out = LedePlace().arrange([lede, other], story)
    assert out[0].text == "A ferry sank off the island of Crete on Tuesday, killing 12 passengers."
    assert out[0].method == "fused" and out[1] == other
    assert {(s.start, s.end) for s in out[0].sources} == {(p.start, p.end) for p in pool[:2]}


def test_a_lede_about_something_else_gains_no_place():
    pool = _pool(
        "A ferry sank on Tuesday, killing 12 passengers.",
        "The ferry capsized off the island of Crete in a storm.",
        "The ferry company suspended its chief executive.",
    )
    cited = (SourceSpan("d1", "a.txt", pool[2].start, pool[2].end, 0.9),)
    lede = BriefSentence(pool[2].text, 0, "extracted", cited, (), pool[2].id)
    story = Story(documents=(), pool=tuple(pool), paths={"d1": "a.txt"}, frame=_frame(pool, pool[0]))
    assert LedePlace().arrange([lede], story) == [lede]
