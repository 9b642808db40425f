"""A lede that tells the event but not its day gains the day as a source writes it, cited there
(issue 25, item 3), and only where the parse shows a safe place for it. Sentences written here."""

from datetime import date

import pytest
from conftest import sentences_of, write_incident

from pipeline.stages.arrange import LedeDay, Story
from pipeline.stages.frame import Frame
from pipeline.stages.lede import day_words, with_day
from pipeline.stages.parser import docs
from pipeline.types import BriefSentence, SourceSpan

DAY = date(2024, 5, 14)  # a Tuesday
FRAME = Frame(day=DAY, parse=docs)


@pytest.mark.parametrize(
    "lede, completed",
    [
        (
            "A gas explosion destroyed a bakery in the old town of Velmar.",
            "A gas explosion destroyed a bakery in the old town of Velmar on Tuesday.",
        ),
        (  # before the clause that adds the toll: the day is the explosion's
            "A gas explosion destroyed a bakery in Velmar, killing four people.",
            "A gas explosion destroyed a bakery in Velmar on Tuesday, killing four people.",
        ),
        (  # the reported clause, not the verb of saying
            "A gas explosion destroyed a bakery in Velmar, the fire service said.",
            "A gas explosion destroyed a bakery in Velmar on Tuesday, the fire service said.",
        ),
        (
            "Firefighters said a gas explosion destroyed a bakery in Velmar.",
            "Firefighters said a gas explosion destroyed a bakery in Velmar on Tuesday.",
        ),
        (  # who says so stays last
            "A gas explosion destroyed a bakery in Velmar, according to the police.",
            "A gas explosion destroyed a bakery in Velmar on Tuesday, according to the police.",
        ),
        (  # a second verb joined by "and" keeps its own words
            "Police closed the market square and evacuated the flats above the bakery.",
            "Police closed the market square on Tuesday and evacuated the flats above the bakery.",
        ),
        # The present perfect takes no day; the simple past, where it is the participle's own
        # form (a weak verb's "-ed"; "has been" as "was", "have been" as "were"), does.
        (
            "A gas explosion has destroyed a bakery in Velmar.",
            "A gas explosion destroyed a bakery in Velmar on Tuesday.",
        ),
        (
            "Two bakers have been rescued from the rubble in Velmar.",
            "Two bakers were rescued from the rubble in Velmar on Tuesday.",
        ),
        (
            "The bakery has been destroyed by a gas explosion.",
            "The bakery was destroyed by a gas explosion on Tuesday.",
        ),
        (
            "Firefighters have also evacuated the flats above the bakery.",
            "Firefighters also evacuated the flats above the bakery on Tuesday.",
        ),
        (  # a year inside what the verb acts on dates that thing, not the event
            "Prosecutors dropped their inquiry into a 2019 fraud complaint against the baker.",
            "Prosecutors dropped their inquiry into a 2019 fraud complaint against the baker on Tuesday.",
        ),
        (  # the day before a phrase that sets the event against another: it stays the verb's
            "Prosecutors dropped their inquiry into the baker after a review of the accounts.",
            "Prosecutors dropped their inquiry into the baker on Tuesday after a review of the accounts.",
        ),
    ],
)
def test_the_day_goes_after_the_main_verbs_complements(lede, completed):
    assert with_day(lede, "Tuesday", FRAME) == completed


@pytest.mark.parametrize(
    "lede",
    [
        "A gas explosion destroyed a bakery in Velmar on Monday.",  # a day of its own
        "A gas explosion destroyed a bakery in Velmar in March.",  # a month of its own
        "Gas leaks have damaged dozens of buildings in Velmar over the past three years.",  # a span of time
        "The 2019 explosion destroyed a bakery in Velmar.",  # a dated subject dates the event
        "Police closed the square over the past three weeks.",  # a span of its own
        "A gas explosion has torn the bakery apart.",  # a strong verb: "has torn" is not "tore"
        "Firefighters have not found the cause of the blast.",  # "did not find": not the same words
        '"The whole street shook," a neighbour said.',  # nothing but a quotation and its speaker
        "The bakery was destroyed. Four people died.",  # two sentences: which one?
    ],
)
def test_no_day_is_added_where_it_could_mislead(lede):
    assert with_day(lede, "Tuesday", FRAME) is None


def test_the_day_never_lands_inside_a_hyphenated_word():
    # The tagger splits "re-elected" in three; the day goes after the whole word, or nowhere.
    out = with_day("The mayor of Velmar has been re-elected.", "Tuesday", FRAME)
    assert out is None or "re-elected" in out


def test_no_parser_no_day():
    assert with_day("A gas explosion destroyed a bakery in Velmar.", "Tuesday", Frame(day=DAY)) is None


def test_the_day_is_written_in_the_fullest_form_a_source_gives():
    pool = sentences_of(
        "The explosion happened on Tuesday, a neighbour said.",
        "Last Tuesday a smaller leak was repaired.",
        "Investigators began work at the bakery on May 14 after the blast.",
    )
    frame = Frame(day=DAY, published={"d1": date(2024, 5, 16)}, parse=docs)
    words, where = day_words(frame, pool)
    assert (words, where.id) == ("May 14", pool[2].id)  # a month and day before a weekday
    weekday_only = day_words(frame, pool[:2])
    assert weekday_only is not None and weekday_only[0] == "Tuesday" and weekday_only[1].id == pool[0].id
    assert day_words(Frame(day=DAY, published={"d1": date(2024, 5, 16)}), pool[1:2]) is None  # "last Tuesday"


def _story(pool, event, paths=None):
    frame = Frame(event=event, day=DAY, published={"d1": date(2024, 5, 16)}, parse=docs)
    return Story(documents=(), pool=tuple(pool), paths=paths or {"d1": "a.txt"}, frame=frame)


def test_the_completed_lede_cites_the_sentence_that_gives_the_day():
    pool = sentences_of(
        "A gas explosion destroyed a bakery in Velmar, killing four people.",
        "Firefighters were called to the bakery just after dawn on Tuesday.",
    )
    cited = (SourceSpan("d1", "a.txt", pool[0].start, pool[0].end, 0.9),)
    lede = BriefSentence(pool[0].text, 0, "extracted", cited, (), pool[0].id)
    other = BriefSentence("Four people died.", 1, "extracted", cited, (), None)
    out = LedeDay().arrange([lede, other], _story(pool, pool[0]))
    assert out[0].text == "A gas explosion destroyed a bakery in Velmar on Tuesday, killing four people."
    assert out[0].method == "fused" and out[1] == other
    assert {(s.start, s.end) for s in out[0].sources} == {(p.start, p.end) for p in pool}


def test_a_lede_about_something_else_gains_no_day():
    pool = sentences_of(
        "A gas explosion destroyed a bakery in Velmar, killing four people.",
        "The mayor praised the volunteers who cleared the rubble.",
        "Firefighters were called to the bakery just after dawn on Tuesday.",
    )
    cited = (SourceSpan("d1", "a.txt", pool[1].start, pool[1].end, 0.9),)
    lede = BriefSentence(pool[1].text, 0, "extracted", cited, (), pool[1].id)
    assert LedeDay().arrange([lede], _story(pool, pool[0])) == [lede]


@pytest.mark.slow
def test_a_brief_by_a_writing_summariser_says_the_day_and_cites_it(tmp_path, minilm):
    from test_summarise import ScriptedGenerator

    from pipeline.config import Config
    from pipeline.runtime.run import Pipeline, arrangers, build_brief
    from pipeline.stages.summarise import AbstractiveSummariser

    # Every article's lead tells the explosion without its day; the second article gives the day
    # in a sentence of its own, which states less of the event (no toll), so it does not lead.
    articles = {
        "a.txt": "Bakery destroyed in Velmar\n\n15 May 2024\n\n"
        "A gas explosion destroyed a bakery in the town of Velmar, killing four people.\n"
        "Firefighters were called to the bakery just after dawn.\n",
        "b.txt": "Four dead in Velmar blast\n\n16 May 2024\n\n"
        "A gas explosion destroyed a bakery in Velmar and killed four people, police said.\n"
        "The explosion that destroyed the bakery in Velmar happened on Tuesday, police said.\n",
        "c.txt": "Velmar mourns\n\n16 May 2024\n\n"
        "A gas explosion destroyed a bakery in the town of Velmar, killing four people, the fire service said.\n"
        "The mayor thanked the firefighters.\n",
    }
    folder = write_incident(tmp_path / "inc", articles)
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.embedder = minilm
    pipeline.summariser = AbstractiveSummariser()
    pipeline.summariser.generator = ScriptedGenerator(lambda c: "Nothing.")
    pipeline.arrangers = arrangers(pipeline.config, pipeline.summariser)
    pipeline.warm_up()
    brief = build_brief(folder, pipeline)
    when = next(f for f in brief.facts if f.slot == "when")
    assert when.value == "2024-05-14"
    lede = brief.sentences[0]
    assert " on Tuesday" in lede.text and lede.method == "fused", lede.text
    texts = {p: (folder / p).read_text() for p in articles}
    cited = [texts[s.path][s.start : s.end] for s in lede.sources]
    assert any("on Tuesday" in c for c in cited)  # the added words are a cited span's own
