"""`brief explain`: which rules fire on a sentence of the articles, and what the brief made of it,
on a tiny incident written here (a crane falls at a made-up harbour)."""

import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Config
from pipeline.runtime.explain import explain, find, report
from pipeline.runtime.run import Pipeline

CONFIG = Config(embedder="hashing", summariser="extractive")
LEAD = "A crane toppled onto two cargo ships at the port of Brava on Tuesday, hurting four dockers."
OTHER_LEAD = "A crane fell onto two cargo ships at the port of Brava on Tuesday, and four dockers were hurt."
LEANS = "However, the harbour board has denied it."
ARTICLES = {
    "first.txt": (
        "Crane topples at Brava port\n\n"
        f"{LEAD}\n\n"
        f"Harbour master Lena Ortiz shut the northern quay after the accident. {LEANS}\n\n"
        "Ortiz said the quay would stay shut until every crane had been checked.\n"
    ),
    "second.txt": (
        "Brava quay shut after crane falls\n\n"
        f"{OTHER_LEAD}\n\n"
        "The port authority said engineers had found a crack in the crane's base.\n\n"
        "Harbour master Lena Ortiz shut the northern quay until the cranes are checked.\n"
    ),
}


@pytest.fixture
def incident(tmp_path):
    folder = tmp_path / "brava"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_lead_fact_may_head_and_open_and_one_version_is_chosen_both_cited(incident):
    e = explain(
        incident,
        "A crane   toppled onto two cargo ships at the port of Brava\non Tuesday, hurting four dockers.",
        CONFIG,
    )
    assert e.found and e.exact and e.overlap == 1.0 and e.sentence == LEAD
    assert (incident / e.path).read_text(encoding="utf-8")[e.start : e.end] == LEAD
    assert e.can_head and e.can_open and not e.standalone and not e.opening
    # Both articles say it: the brief extracts one version and cites both.
    other = explain(incident, OTHER_LEAD, CONFIG)
    assert other.found and other.exact and other.can_head
    assert e.chosen != other.chosen
    chosen = e if e.chosen else other
    assert [c.number for c in e.cited_by] == [c.number for c in other.cited_by] == [1]
    assert chosen.cited_by[0].chosen and chosen.cited_by[0].text == chosen.sentence


def test_every_rule_that_fires_is_listed_with_its_reason(incident):
    e = explain(incident, LEANS, CONFIG)
    assert e.found and e.path == "first.txt"
    # Both rules, not only the first one asked.
    assert [f.rule for f in e.standalone] == ["dependent-opening", "connective"]
    assert all("leans on a sentence that is not there" in f.reason for f in e.standalone)
    assert not e.can_head and not e.can_open and not e.chosen
    text = report(e)
    assert "May head a fact: no" in text and "dependent-opening" in text and "connective" in text


def test_a_surname_alone_needs_an_introduction_above_it(incident):
    e = explain(incident, "Ortiz said the quay would stay shut until every crane had been checked.", CONFIG)
    # Above it, a reader needs who Ortiz is and which quay she means (what she is reported to say).
    assert e.can_head and {f.rule for f in e.needs_above} == {"surname-before-introduced", "subject-not-introduced"}


def test_a_sentence_written_differently_is_matched_to_the_closest_and_says_so(incident):
    e = explain(incident, "The port authority said engineers found a crack in the base of the crane.", CONFIG)
    assert e.found and not e.exact and 0.5 <= e.overlap < 1
    assert e.sentence == "The port authority said engineers had found a crack in the crane's base."
    assert "closest match" in report(e)


def test_a_sentence_not_in_the_articles_gives_the_nearest_and_loads_no_model(incident, monkeypatch):
    pipeline = Pipeline.from_config(CONFIG)
    monkeypatch.setattr(pipeline, "warm_up", lambda: pytest.fail("no brief is needed for a sentence not found"))
    e = explain(incident, "The mayor of Brava resigned over the crane.", pipeline=pipeline)
    assert not e.found and not e.can_head and len(e.nearest) == 3
    assert "Not found" in report(e)


def test_find_prefers_the_exact_sentence_and_ranks_the_rest_by_shared_words():
    texts = ["The quay reopened on Monday.", "The quay stayed shut on Monday.", "Ships left the port."]
    assert find("The  quay reopened on Monday.", texts) == (0, 1.0, [0])
    at, share, ranked = find("Ships left the old port.", texts)
    assert at == 2 and 0.5 <= share < 1 and ranked[0] == 2
    assert find("Cranes", texts)[0] is None


def test_the_cli_prints_json_and_exits_2_when_the_sentence_is_not_found(incident):
    runner = CliRunner()
    options = ["--summariser", "extractive", "--embedder", "hashing"]
    result = runner.invoke(app, ["explain", str(incident), LEANS, "--json", *options])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["can_head"] is False and [f["rule"] for f in data["standalone"]] == ["dependent-opening", "connective"]
    missing = runner.invoke(app, ["explain", str(incident), "The mayor resigned.", *options])
    assert missing.exit_code == 2 and "Nearest" in missing.output
