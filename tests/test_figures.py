"""Rival figures of one fact (issue 25, item 5): the same subject does the same thing, only the
number differs. Sentences written for these tests; the spaCy parser reads them, and the cosine
the embedder would give is passed in, so each case pins the parse rules alone. The last two
tests run the differences stage and `brief run` on a hand-written incident with the real models."""

from __future__ import annotations

import json

import pytest
from conftest import write_incident
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Config
from pipeline.runtime.run import Pipeline, prepare_pool
from pipeline.stages.differences import find_differences
from pipeline.stages.figures import figures, rivals
from pipeline.stages.view import describe, differs
from pipeline.types import BriefSentence, Difference, SourceSpan, Version


def _rival(a: str, b: str, cosine: float = 0.9) -> list[tuple[float, float]]:
    mine, theirs = figures([a, b])
    return [(x.value, y.value) for x, y in rivals(a, b, mine, theirs, cosine)]


@pytest.mark.parametrize(
    "a, b, values",
    [
        (
            "Players held news conferences in 11 cities on Monday.",
            "Players held news conferences in 14 cities on Monday to show they were ready.",
            (11, 14),
        ),
        ("The court sentenced Tomas Irving to 12 years in jail.", "The court sentenced Irving to 13 years.", (12, 13)),
        ("Mayor Ruiz trails her rival by 8 points in the latest poll.", "Ruiz trails her rival by 5 points.", (8, 5)),
        ("The tribunal has convicted three guards of abuse.", "The tribunal has convicted two guards.", (3, 2)),
        ("The senator began a four-day visit to the region.", "The senator began a three-day visit there.", (4, 3)),
        ("The ferry carried 230 passengers across the strait.", "The ferry carried 210 passengers.", (230, 210)),
        ("The choir has 11 members.", "The choir has 15 members, its director said.", (11, 15)),
    ],
)
def test_the_same_fact_with_another_number_is_a_rival(a, b, values):
    assert _rival(a, b) == [values]


@pytest.mark.parametrize(
    "a, b",
    [
        # different subjects: two people, two sentences
        ("Ana Ruiz was sentenced to 12 years in prison.", "Ben Okafor was sentenced to 13 years in prison."),
        # a second quantity of the same thing
        ("Engineers tested three engines this week.", "Engineers tested 40 more engines."),
        ("Engineers tested three engines this week.", "Engineers tested two other engines."),
        # another occurrence, or a running count
        ("Engineers tested three engines on Monday.", "Engineers also tested five engines on Monday."),
        ("Engineers tested three engines on Monday.", "Engineers have tested 12 engines so far."),
        # a part beside the sum
        ("Rescuers pulled 12 people from the river.", "Rescuers pulled a total of 15 people from the river."),
        # a bound or an estimate
        ("Police arrested 14 protesters.", "Police arrested at least 20 protesters."),
        ("Police arrested 14 protesters.", "Police arrested about 16 protesters."),
        # the other sentence gives the number too, of someone else
        ("The court sentenced Irving to 11 years.", "The court sentenced Irving and Pell to 13 and 11 years."),
        # another verb: another fact
        ("The club signed 11 players in June.", "The club released 14 players in June."),
        # another day, another event
        ("The flood killed three workers on Tuesday.", "In 2015 a flood killed seven workers."),
        # a day, not a count
        ("The hearing opened on Dec. 14 in the capital.", "The hearing opened on Dec. 15 in the capital."),
        # the same number
        ("The ferry carried 230 passengers.", "The ferry carried 230 passengers across the strait."),
    ],
)
def test_other_quantities_are_no_rivals(a, b):
    assert _rival(a, b) == []


def test_a_dotted_number_elsewhere_in_the_sentence_is_read_without_failing():
    a = "The agency sent version 2.0.1 of the app to 11 cities."
    assert _rival(a, "The agency sent the app to 14 cities.") == [(11, 14)]


def test_a_pronoun_subject_needs_nearly_the_same_sentence():
    a, b = "She trails the governor by 18 points.", "She trails the governor by 20 points."
    assert _rival(a, b, cosine=0.95) == [(18, 20)]
    assert _rival(a, b, cosine=0.7) == []  # "she" may be two people in two articles


def test_unlike_sentences_are_no_rivals():
    a, b = "Players held news conferences in 11 cities.", "Players held news conferences in 14 cities."
    assert _rival(a, b, cosine=0.5) == []


def _span(path: str, start: int, end: int) -> SourceSpan:
    return SourceSpan(path[0], path, start, end, 1.0)


RIVAL = Difference(
    "figure",
    "passengers: the ferry carried",
    (
        Version("The ferry carried 210 passengers.", (_span("b.txt", 0, 33),), number=210),
        Version("The ferry carried 230 passengers.", (_span("a.txt", 40, 73),), number=230),
    ),
)


@pytest.mark.parametrize(
    "text, spans, marked",
    [
        ("The ferry carried 230 passengers.", (_span("a.txt", 40, 73),), True),  # one version, from its span
        ("The ferry, carrying 210 people, hit a reef.", (_span("b.txt", 0, 60),), True),  # fused around it
        ("The ferry carried 230 passengers.", (_span("c.txt", 40, 73),), False),  # another article's 230
        ("Tugs towed the ferry to port.", (_span("a.txt", 40, 73),), False),  # the span, not the figure
        ("The ferry carried 230 passengers.", (_span("a.txt", 0, 39),), False),  # the article, not the span
    ],
)
def test_a_brief_sentence_that_gives_a_rival_figure_says_so(text, spans, marked):
    assert differs(BriefSentence(text, 0, "extracted", spans), (RIVAL,)) is marked


FERRY_A = (
    "A ferry ran aground off the island of Sella on Sunday. "
    "The ferry carried 230 passengers when it struck the reef, the coast guard said. "
    "Tugs towed the vessel back to port by nightfall.\n"
)
FERRY_B = (
    "The ferry carried 210 passengers when it struck a reef off Sella on Sunday, the operator said. "
    "Nobody was hurt, and the passengers were taken ashore by lifeboat.\n"
)


@pytest.mark.slow
def test_the_differences_stage_shows_rival_figures_with_their_sources(tmp_path):
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.warm_up()
    prep = prepare_pool(write_incident(tmp_path / "inc", {"a.txt": FERRY_A, "b.txt": FERRY_B}), pipeline)
    found = [d for d in find_differences(prep.corpus.documents, prep.pool, prep.pool_vectors) if d.kind == "figure"]
    assert len(found) == 1
    assert [v.number for v in found[0].versions] == [210, 230]
    assert [v.sources[0].path for v in found[0].versions] == ["b.txt", "a.txt"]
    assert describe(found[0]) == "How many passengers the ferry carried: sources give different numbers."


@pytest.mark.slow
def test_the_brief_marks_its_sentence_that_gives_a_rival_figure(tmp_path):
    folder = write_incident(tmp_path / "ferry", {"a.txt": FERRY_A, "b.txt": FERRY_B})
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(tmp_path / "out"), "--summariser", "extractive"])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "ferry" / "brief.md").read_text()
    html = (tmp_path / "out" / "ferry" / "brief.html").read_text()
    marked = [line for line in md.splitlines() if "other sources give another figure" in line]
    assert len(marked) == 1 and ("230 passengers" in marked[0] or "210 passengers" in marked[0])
    assert html.count('class="differs" href="#differences"') == 1


POLL_A = (
    "Mayor Ana Ruiz is fighting for a second term in Lindford. "
    "Despite a late surge, Ruiz trails her rival by 6 points in some polls and by as much as 12 points in others. "
    "The vote is on Tuesday.\n"
)
POLL_B = (
    "Ana Ruiz, the mayor of Lindford, is campaigning across the city this week. "
    "Despite a late surge, Ruiz trails her rival by 8 points in some polls and by as much as 14 points in others. "
    "Turnout is expected to be low.\n"
)


@pytest.mark.slow
def test_a_spread_one_source_gives_is_one_account_not_two(tmp_path):
    """ "6 points in some polls and 12 in others" is what one article says: its version is 6 to 12,
    against another's 8 to 14 (it was shown as four versions, 6, 8, 12 and 14)."""
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.warm_up()
    prep = prepare_pool(write_incident(tmp_path / "inc", {"a.txt": POLL_A, "b.txt": POLL_B}), pipeline)
    found = [d for d in find_differences(prep.corpus.documents, prep.pool, prep.pool_vectors) if d.kind == "figure"]
    assert len(found) == 1
    assert [(v.number, v.high) for v in found[0].versions] == [(6, 12), (8, 14)]
    assert [v.sources[0].path for v in found[0].versions] == ["a.txt", "b.txt"]
    # A brief sentence giving the top of one spread gives that version.
    s = BriefSentence("Ruiz trails by as much as 14 points.", 0, "extracted", found[0].versions[1].sources)
    assert differs(s, (found[0],))


@pytest.mark.slow
def test_the_brief_shows_a_spread_as_one_version(tmp_path):
    folder = write_incident(tmp_path / "poll", {"a.txt": POLL_A, "b.txt": POLL_B})
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(tmp_path / "out"), "--summariser", "extractive"])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "poll" / "brief.md").read_text()
    brief = json.loads((tmp_path / "out" / "poll" / "brief.json").read_text())
    versions = [v for d in brief["differences"] if d["kind"] == "figure" for v in d["versions"]]
    assert [(v["number"], v["high"]) for v in versions] == [(6, 12), (8, 14)]
    assert "6 to 12:" in md and "8 to 14:" in md
