"""A reporter's relative day written as the day it names (pipeline.stages.reldays), on sentences
written for these tests: resolved against the publication date of the source sentence that says
it outside a quotation, never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.stages.arrange import RelativeDays, Story
from pipeline.stages.frame import Frame
from pipeline.stages.reldays import resolve_relative
from pipeline.types import BriefSentence, Sentence, SourceSpan

MON, TUE, WED = date(2019, 11, 18), date(2019, 11, 19), date(2019, 11, 20)


@pytest.mark.parametrize(
    "text, source, published, incident, written",
    [
        # the article's own day, its eve, its night; a bare day after a preposition; a possessive
        ("Today only, the port shop sells ferry tickets at half price.", None, MON, MON,
         "On Monday only, the port shop sells ferry tickets at half price."),
        ("The prosecutor said yesterday that the crane case was weak.", None, WED, TUE,
         "The prosecutor said on Tuesday that the crane case was weak."),
        ("The council meets tonight to vote on the quay.", None, TUE, TUE,
         "The council meets on Tuesday night to vote on the quay."),
        ("The quay stays closed until today.", None, WED, TUE, "The quay stays closed until Wednesday."),
        ("Today's hearing heard three dock workers.", None, WED, TUE, "Wednesday's hearing heard three dock workers."),
        # weeks from the incident's day, a weekday would mislead: the date
        ("The prosecutor said yesterday that the crane case was weak.", None, WED, date(2019, 10, 1),
         "The prosecutor said on 19 November 2019 that the crane case was weak."),
        # no day for the incident (a roundup, an undated story): the date, not a weekday
        ("Today only, the port shop sells ferry tickets at half price.", None, MON, None,
         "On 18 November 2019 only, the port shop sells ferry tickets at half price."),
    ],
)  # fmt: skip
def test_a_relative_day_becomes_the_day_it_names(text, source, published, incident, written):
    assert resolve_relative(text, [(source or text, published)], incident) == written


@pytest.mark.parametrize(
    "text, sources",
    [
        # no publication date: the day stays relative
        ("The council meets today to vote on the quay.", [("The council meets today to vote on the quay.", None)]),
        # the source says it only inside a quotation: the speaker's "today"
        ("Vidal said today's hearing was a sham.", [("“Today's hearing was a sham,” Vidal said.", WED)]),
        # the brief quotes it: the speaker's still
        ("“Today's hearing was a sham,” Vidal said.", [("“Today's hearing was a sham,” Vidal said.", WED)]),
        # two sources, two days: which one is not known
        ("The council meets today.", [("The council meets today.", TUE), ("The council meets today, Ruiz said.", WED)]),
        # nothing relative
        ("The council met on Tuesday.", [("The council met on Tuesday.", WED)]),
    ],
)
def test_a_relative_day_that_cannot_be_resolved_stays(text, sources):
    assert resolve_relative(text, sources, TUE) is None


def test_the_arranger_resolves_against_the_cited_sentences_article():
    a = "The harbour office said yesterday that the quay would reopen."
    b = "Ferries will use the old pier until then."
    pool = (Sentence("a:0", "a", 0, len(a), a), Sentence("b:0", "b", 0, len(b), b))
    story = Story((), pool, {"a": "a.html", "b": "b.html"}, frame=Frame(published={"a": WED, "b": MON}, day=TUE))
    kept = [BriefSentence(a, 0, "extracted", (SourceSpan("a", "a.html", 0, len(a), 1.0),))]
    (out,) = RelativeDays().arrange(kept, story)
    assert out.text == "The harbour office said on Tuesday that the quay would reopen."
    assert out.sources == kept[0].sources
    # cited from the other article, whose date would make it Sunday: not this sentence's day
    other = [BriefSentence(a, 0, "extracted", (SourceSpan("b", "b.html", 0, len(b), 1.0),))]
    assert RelativeDays().arrange(other, story)[0].text == a
