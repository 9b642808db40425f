"""The incident frame, the lede and the timeline on a small incident written here: three reports
of one ferry disaster on three days, the toll rising, one recalling an older sinking."""

import json

import pytest
from conftest import write_incident

from pipeline.config import Config
from pipeline.runtime.run import Pipeline, build_brief, run_incident

pytestmark = pytest.mark.slow

ARTICLES = {
    "a.txt": "Ferry overturns off Port Elm\n\n3 March 2021\n\n"
    "The mayor of Port Elm thanked the volunteers who searched the harbour through the night.\n\n"
    "A passenger ferry capsized near the town of Port Elm on Tuesday, killing 12 people, the coast guard said.\n\n"
    "The ferry company said it was cooperating with the investigation.\n",
    "b.txt": "Toll rises in Port Elm ferry disaster\n\n4 March 2021\n\n"
    "A crowded ferry overturned near the town of Port Elm on Tuesday and 19 people were killed, police said.\n\n"
    "The mayor of Port Elm thanked the volunteers and asked the government for an inquiry.\n\n"
    "Divers were still searching the wreck on Wednesday.\n",
    "c.txt": "Port Elm ferry toll reaches 23\n\n5 March 2021\n\n"
    "Police said 23 people were killed when the ferry capsized near the town of Port Elm on Tuesday.\n\n"
    "In 2012, a cargo ship sank in the same strait during a winter storm.\n\n"
    "The mayor of Port Elm asked the national government to open an inquiry into the ferry line.\n",
}


@pytest.fixture(scope="module")
def brief(tmp_path_factory, minilm):
    folder = write_incident(tmp_path_factory.mktemp("ferry") / "ferry", ARTICLES)
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.embedder = minilm
    pipeline.warm_up()
    return build_brief(folder, pipeline)


def _fact(brief, slot):
    return next(f for f in brief.facts if f.slot == slot)


def test_the_frame_finds_when_where_and_the_toll_with_their_sources(brief):
    assert _fact(brief, "when").value == "2021-03-02"  # "Tuesday" in articles of 3, 4 and 5 March
    assert _fact(brief, "where").value == "Port Elm"
    assert {sp.path for sp in _fact(brief, "where").sources} == {"a.txt", "b.txt", "c.txt"}
    what = _fact(brief, "what").value
    assert "ferry" in what and ("capsized" in what or "overturned" in what)


def test_a_toll_that_rises_over_days_is_a_history_not_a_dispute(brief):
    killed = _fact(brief, "killed")
    assert [(st.value, st.date) for st in killed.history] == [
        ("12", "2021-03-03"),
        ("19", "2021-03-04"),
        ("23", "2021-03-05"),
    ]
    assert killed.value == "23"  # the latest figure is the current one
    assert not [d for d in brief.differences if d.kind == "toll" and "killed" in d.topic]


def test_the_lede_states_the_incident_not_the_mayors_thanks(brief):
    lede = brief.sentences[0].text
    assert "ferry" in lede and any(n in lede for n in ("12", "19", "23")) and "Port Elm" in lede
    assert "thanked" not in lede


def test_the_timeline_holds_the_older_sinking_the_disaster_and_the_search_each_cited(brief):
    dates = [(d.date, d.text) for d in brief.timeline]
    assert [d for d, _ in dates] == ["2012", "2021-03-02", "2021-03-03"]  # the divers' Wednesday too
    assert "cargo ship sank" in dates[0][1]
    assert all(d.sources for d in brief.timeline)


def test_the_fact_box_and_timeline_reach_all_three_outputs(tmp_path, minilm):
    folder = write_incident(tmp_path / "ferry", ARTICLES)
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.embedder = minilm
    pipeline.warm_up()
    _, out = run_incident(folder, tmp_path / "out", pipeline)
    data = json.loads((out / "brief.json").read_text())
    assert {f["slot"] for f in data["facts"]} >= {"what", "when", "where", "killed"}
    assert data["timeline"][0]["date"] == "2012"
    md = (out / "brief.md").read_text()
    assert (
        "**When:** Tue 2 Mar 2021" in md
        and "## Timeline" in md
        and "**Killed:** 23 people, as reported: 12 on Wed 3 Mar 2021 → 19 on Thu 4 Mar 2021 → 23" in md
    )
    html = (out / "brief.html").read_text()
    assert 'class="box"' in html and 'id="timeline"' in html


def test_brief_eval_reads_what_the_lede_states(brief):
    from pipeline.eval.story import lede_report, story_summary

    report = lede_report(brief)
    assert report["has"] == {"when": True, "where": True, "count": True}
    assert report["states"] == {"when": True, "where": True, "count": True}
    summary = story_summary([report, {**report, "states": {"when": False, "where": True, "count": False}}])
    assert (summary["lede_when"], summary["frame_when"], summary["lede_where"]) == (1, 2, 2)


def test_a_lede_may_gain_from_a_fusion_but_never_lose_a_word_of_its_source():
    from pipeline.stages.frame import Frame
    from pipeline.stages.lede import keep_lede
    from pipeline.types import Draft, Sentence

    text = "Two men were found dead in a flat in Vigo on Sunday, with police not ruling out a murder-suicide."
    base = Sentence("a:0", "a", 0, len(text), text)
    frame = Frame()  # no slots: only the words can be lost
    trimmed = Draft(0, "Two men were found dead in a flat in Vigo on Sunday.", "fused", base.id)
    (kept,) = keep_lede([trimmed], {base.id: base}, frame)
    assert kept.text == text and kept.method == "extracted"
    assert kept.rejected[-1].reason.startswith("the lede lost")
    added = Draft(0, text[:-1] + ", the coast guard said.", "fused", base.id)
    assert keep_lede([added], {base.id: base}, frame)[0] == added
    # Only the first sentence is held to it: a later trim stands.
    assert keep_lede([added, trimmed], {base.id: base}, frame)[1] == trimmed


def test_a_fusion_built_around_another_member_of_the_lede_cluster_gives_way_to_the_picked_lede():
    from pipeline.stages.frame import Frame
    from pipeline.stages.lede import keep_lede
    from pipeline.types import Draft, Sentence

    picked = "A storm flooded the harbour town of Kessel on Monday, forcing 300 people from their homes."
    aside = "When asked about the warnings, the mayor said the town had done what it could."
    head, other = Sentence("a:0", "a", 0, len(picked), picked), Sentence("b:0", "b", 0, len(aside), aside)
    sentences = {head.id: head, other.id: other}
    fused = Draft(
        0, "When asked about the storm warnings, the mayor said the town had done what it could.", "fused", other.id
    )
    (kept,) = keep_lede([fused], sentences, Frame(), head.id)
    assert (kept.text, kept.method, kept.base_sentence_id) == (picked, "extracted", head.id)
    # Without the picked head, the draft answers only to its own base, which it may add to.
    assert keep_lede([fused], sentences, Frame())[0] == fused


UNDATED = {  # no article gives its date: "Sunday" stays a weekday, and a memo's date is no Sunday
    "a.txt": "Vell Bank agrees to buy Orbis Software\n\n"
    "Vell Bank is close to agreeing to buy Orbis Software for $2 billion, executives in the talks said Sunday.\n\n"
    "The deal would give the bank its first software arm.\n",
    "b.txt": "Bank deal near\n\n"
    "Vell Bank is close to buying Orbis Software, the maker of payroll programs, people in the talks said Sunday.\n\n"
    "In a memo on May 31, 2017, the Vell Bank chief urged the board to buy Orbis Software.\n",
    "c.txt": "Orbis talks\n\n"
    "Shares of Orbis Software rose after word of the talks spread.\n\n"
    "Vell Bank first approached Orbis Software in a memo on May 31, 2017, according to the bank's filings.\n",
}


def test_the_event_sentences_weekday_rules_out_a_date_that_is_not_that_weekday(tmp_path, minilm):
    """May 31, 2017 was a Wednesday: the deal "said Sunday" did not happen then, so the incident
    has no day rather than the memo's."""
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.embedder = minilm
    pipeline.warm_up()
    result = build_brief(write_incident(tmp_path / "deal", UNDATED), pipeline)
    assert "Sunday" in _fact(result, "what").value
    assert not [f for f in result.facts if f.slot == "when"]


def _dropped(second: str) -> dict[str, str]:
    """Two reports of an inquiry dropped, told without its day; the first article's second line is `second`."""
    return {
        "a.txt": "Norland drops inquiry\n\n20 November 2019\n\n"
        "Norland has dropped its inquiry into the harbour crane collapse because its engineers found no fault.\n\n"
        f"{second}\n\n"
        "The crane operator had denied any fault from the start.\n",
        "b.txt": "Crane inquiry dropped\n\n20 November 2019\n\n"
        "Prosecutors in Norland have dropped an inquiry into the collapse of a harbour crane.\n\n"
        "The operator, which denies any fault, welcomed the decision.\n",
    }


@pytest.mark.parametrize(
    "second, day",
    [
        ("The evidence was too weak to bring charges, deputy prosecutor Ana Ruiz said on Tuesday.", "2019-11-19"),
        # Two days in the opening lines: which one is the decision's is not said.
        ("Ana Ruiz said on Tuesday that the evidence gathered on Friday was too weak to bring charges.", None),
        # A day weeks before the article's: background, not the day it was made known.
        ("The crane collapsed on October 2, deputy prosecutor Ana Ruiz recalled.", None),
    ],
)
def test_an_event_told_without_its_day_is_dated_by_the_one_day_its_article_opens_with(tmp_path, minilm, second, day):
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.embedder = minilm
    pipeline.warm_up()
    result = build_brief(write_incident(tmp_path / "inquiry", _dropped(second)), pipeline)
    assert "dropped" in _fact(result, "what").value
    assert [f.value for f in result.facts if f.slot == "when"] == ([day] if day else [])
