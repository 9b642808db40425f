"""The abstractive summariser: real code paths with a scripted generator and with tiny random
models built from configs (no download); the embedded SmolLM2 runs in the slow tier."""

import json
import re

import pytest
from conftest import SEEDS, key_facts_missing, write_incident

from pipeline.config import Config
from pipeline.runtime.run import Pipeline, build_brief, run_incident
from pipeline.stages.summarise import BUDGET_SLACK, EXAMPLES, AbstractiveSummariser, fusion_prompt
from pipeline.stages.trims import trims

A = (
    "Three soldiers were killed and 11 wounded in an air strike near the town of Alpha on Thursday, the army said.\n"
    "Officials in Bravo promised an investigation into the strike.\n"
)
B = (
    "An air strike near the town of Alpha killed three soldiers and wounded 11 on Thursday, officials said.\n"
    "The ministry called the strike an accident and expressed condolences.\n"
)


class ScriptedGenerator:
    """Stands in for the model: answers each prompt with a fixed function of its sentences."""

    def __init__(self, answer):
        self.answer, self.prompts, self.stats = answer, [], {}
        self.spec, self.model_id, self.revision = "scripted", "scripted", "0"

    def warm_up(self):
        pass

    def count_tokens(self, text):
        return len(text.split())

    def generate(self, prompts, batch_size=8, budgets=None, done=None):
        self.prompts.extend(prompts)
        self.budgets = budgets
        return [self.answer(p[-1]["content"]) for p in prompts]


def _pipeline(answer):
    p = Pipeline.from_config(Config(embedder="hashing", summariser="extractive"))
    summariser = AbstractiveSummariser()
    summariser.generator = ScriptedGenerator(answer)
    p.summariser = summariser
    p.warm_up()
    return p


def test_verified_fusion_is_printed_as_fused_and_attributed_to_sources(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    # The lede may be reworded, never shortened (pipeline.stages.lede.keep_lede): the same words, reordered.
    fused = (
        "Three soldiers were killed and 11 wounded on Thursday in an air strike near the town of Alpha, the army said."
    )

    def answer(content):
        return fused if "Alpha" in content else "Nothing."

    pipeline = _pipeline(answer)
    brief = build_brief(folder, pipeline)
    top = brief.sentences[0]
    assert top.method == "fused" and top.text == fused
    assert {s.path for s in top.sources} == {"a.txt", "b.txt"}  # attribution, not the generator, cites
    # Each answer may run as long as its longest source sentence, plus the slack, and no further.
    generator = pipeline.summariser.generator
    listed = [
        [line.split(". ", 1)[1] for line in p[-1]["content"].splitlines() if line[:1].isdigit()]
        for p in generator.prompts
    ]
    assert generator.budgets == [max(len(t.split()) for t in m) + BUDGET_SLACK for m in listed]


def _deletion(short: str, long: str) -> bool:
    """`short` is `long` with words deleted (punctuation aside): what trims() may write."""
    words = iter(re.findall(r"\w+", long.lower()))
    return all(any(w == x for x in words) for w in re.findall(r"\w+", short.lower()))


def _printed_safely(brief, texts: str) -> None:
    """Every sentence is a source sentence (extracted) or a deletion of one (fused)."""
    for s in brief.sentences:
        assert s.rejected, s.text  # the model's sentence was rejected and recorded
        if s.method == "extracted":
            assert s.text in texts
        else:
            assert s.text not in texts and any(_deletion(s.text, line) for line in texts.splitlines()), s.text


def test_unfaithful_fusion_falls_back_to_the_best_source_sentence(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    brief = build_brief(folder, _pipeline(lambda c: "The war is over, said President Smith on 4 July."))
    assert brief.sentences
    _printed_safely(brief, A + B)
    reasons = [s.rejected[0].reason for s in brief.sentences]
    assert all(re.search(r"number|name|words", r) for r in reasons)
    out = run_incident(
        folder, tmp_path / "out", _pipeline(lambda c: "The war is over, said President Smith on 4 July.")
    )[1]
    data = json.loads((out / "brief.json").read_text())
    assert data["sentences"][0]["rejected"][0]["candidate"].startswith("The war is over")


def test_prompt_shows_a_worked_example_then_lists_the_cluster():
    messages = fusion_prompt(["First sentence.", "Second sentence.", "Third.", "Fourth."])
    assert messages[0]["role"] == "system" and "exactly as written" in messages[0]["content"]
    assert [m["role"] for m in messages[1:]] == ["user", "assistant"] * len(EXAMPLES) + ["user"]
    # At most MAX_MEMBERS sentences: the prompt's length is what a CPU pays for.
    assert "1. First sentence.\n2. Second sentence.\n3. Third.\n" in messages[-1]["content"]
    assert "Fourth" not in messages[-1]["content"]


def test_when_the_model_fails_an_aside_is_deleted_instead(tmp_path):
    article = (
        "Following a long meeting, officials in Bravo promised an investigation into the strike near Alpha.\n"
        "Officials in Bravo promised an investigation into the air strike near Alpha, the mayor said.\n"
    )
    # The strike, told twice, leads: a lede is never trimmed (pipeline.stages.lede.keep_lede).
    strike = A.splitlines()[0] + "\n"
    folder = write_incident(tmp_path / "inc", {"a.txt": article, "b.txt": B, "c.txt": strike})
    brief = build_brief(folder, _pipeline(lambda c: "Nothing."))
    assert "strike near the town of Alpha" in brief.sentences[0].text
    fused = [s for s in brief.sentences if s.method == "fused"]
    assert [s.text for s in fused] == ["Officials in Bravo promised an investigation into the strike near Alpha."]
    assert fused[0].rejected[0].candidate == "Nothing."
    _printed_safely(brief, article + B + strike)


@pytest.mark.parametrize(
    "sentence, shorter",
    [
        (
            "Following the bombing, President Ana Ruiz telephoned the prime minister.",
            "President Ana Ruiz telephoned the prime minister.",
        ),
        ("Ana Ruiz, a dispatcher in Elm County, took the call on Monday.", "Ana Ruiz took the call on Monday."),
        ("Police arrested Tom Hale, who had fled the scene, on Monday.", "Police arrested Tom Hale on Monday."),
        ("Tom Hale, who spent a year in prison, was accused of fraud.", "Tom Hale was accused of fraud."),
        (
            "Dr. Ana Ruiz, 50, an adviser to the party, said the vote was fair.",
            "Dr. Ana Ruiz, 50, said the vote was fair.",
        ),
        (
            "The storm cut power to 4,000 homes, with crews not expected until Monday, the utility said.",
            "The storm cut power to 4,000 homes, the utility said.",
        ),
        ("The storm cut power to 4,000 homes, leaving schools closed.", "The storm cut power to 4,000 homes."),
        ("Senator Frank Wolf (R-Va.) voted against the bill.", "Senator Frank Wolf voted against the bill."),
    ],
)
def test_trims_delete_asides(sentence, shorter):
    assert shorter in trims(sentence)
    assert all(_deletion(t, sentence) for t in trims(sentence))


@pytest.mark.parametrize(
    "sentence, kept",
    [
        ("According to the army, three soldiers were killed.", "According to the army"),
        ("As Reuters reported, three soldiers were killed.", "As Reuters reported"),
        ("Three soldiers were killed, the army said.", "the army said"),
        ("Two months ago, the bridge was open.", "Two months ago"),
        ("Unless the council pays, the mill will close.", "Unless the council pays"),
        ("For the mayor, the vote was a defeat.", "For the mayor"),
        ("In case the ferry cannot dock, two crew members would row the mail ashore.", "In case the ferry cannot dock"),
        ("In case of fog, the pilot boat stays in port.", "In case of fog"),
        # what a quotation answers
        ('Asked whether the vote could cost him his seat, Hale said, "I am not worried."', "Asked whether"),
        # a fact of its own, and a count, are not asides: the brief would lose them
        ("The mill closed in May, and its owner left the town.", "its owner left the town"),
        ("The strike, which killed three soldiers, was an accident, the army said.", "which killed three soldiers"),
    ],
)
def test_trims_keep_sources_conditions_and_time_frames(sentence, kept):
    assert all(kept in t for t in trims(sentence))


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    from tiny_models import tiny_causal, tiny_seq2seq

    root = tmp_path_factory.mktemp("tiny")
    return tiny_causal(root / "causal"), tiny_seq2seq(root / "seq2seq")


def test_tiny_random_models_run_through_the_real_pipeline(tmp_path, tiny_models):
    """Random weights write nonsense: every sentence must fall back, and the run must not fail."""
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    for model_dir in tiny_models:
        p = Pipeline.from_config(Config(embedder="hashing", summariser="abstractive", generator=str(model_dir)))
        p.warm_up()
        brief = build_brief(folder, p)
        assert brief.sentences
        _printed_safely(brief, A + B)


@pytest.mark.slow
def test_embedded_generator_on_the_seeds(tmp_path, minilm):
    p = Pipeline.from_config(Config(summariser="abstractive"))
    p.embedder = minilm
    p.warm_up()
    brief = build_brief(SEEDS, p)
    fused = [s for s in brief.sentences if s.method == "fused"]
    sources = " ".join((SEEDS / f.path).read_text(encoding="utf-8") for f in brief.files)
    # Fused sentences must reach the brief. The share is not pinned here: since structural
    # verification (issue 12) the seeds get 2 of 10 (issue 12's target is 30%, not met: README and
    # the closing note say so); the default stays the faithful one, as issue 12 asks when the
    # model cannot reach both.
    assert fused, [s.text for s in brief.sentences]
    for s in fused:
        # fused means new text: never a whole source sentence (a compression may keep a part of one)
        assert all(s.text != line.strip() for line in re.split(r"(?<=[.!?])\s+|\n", sources))
        for n in re.findall(r"\d+", s.text):
            assert n in sources
        for name in re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+", s.text):
            assert name in sources, name
    assert all(s.sources for s in brief.sentences)
    assert key_facts_missing([s.text for s in brief.sentences]) == [], [s.text for s in brief.sentences]


def test_no_trim_leaves_a_subject_that_no_longer_says_what_it_is():
    # The concessive opener goes with the name that said which board: "The board still insists ..."
    # could not open a brief where the sentence could. No trim.
    assert trims("Although the Vigo budget grew again, the board still insists that the ferry pays for itself.") == []
    # A sentence that opened that way already may still lose an aside.
    assert trims("The agency praised Ana Ruiz, who leads the launch team, on Monday.") == [
        "The agency praised Ana Ruiz on Monday."
    ]


def test_a_model_sentence_whose_subject_lost_what_it_is_is_not_printed(tmp_path):
    article = (
        "Although the Vigo repair bill grew, the port board still insists that the northern quay will reopen in May.\n"
        "Dock workers said the crane that fell had been inspected in March.\n"
    )
    # The crane leads (two articles tell it): a lede is never trimmed (pipeline.stages.lede.keep_lede).
    other = "The crane that fell at the dock had been inspected in March, dock workers said.\n"
    folder = write_incident(tmp_path / "inc", {"a.txt": article, "b.txt": other})
    cut = "The port board still insists that the northern quay will reopen in May."
    brief = build_brief(folder, _pipeline(lambda c: cut if "repair bill" in c else "Nothing."))
    assert cut not in [s.text for s in brief.sentences]
    reasons = [r.reason for s in brief.sentences for r in s.rejected if r.candidate == cut]
    assert reasons == ["its subject lost the words that say what it is"]


DEAL = (
    "Harbor Line is close to agreeing to acquire Pier Holdings Corp., the ferry operator at the heart "
    "of the city's lawsuit against Tide Corp., bankers involved in the deal said Monday."
)


def test_a_trim_the_parser_misreads_alone_is_judged_by_the_sentence_it_came_from():
    import numpy as np

    from pipeline.stages.trims import verify_trim
    from pipeline.stages.verify import INCOMPLETE, verify

    v = np.ones(4) / 2  # same meaning: only the structure decides here
    shorter = (
        "Harbor Line is close to agreeing to acquire Pier Holdings Corp., bankers involved in the deal said Monday."
    )
    assert shorter in trims(DEAL)
    # Alone, "bankers" reads as a description of Pier Holdings and the sentence has no top verb.
    assert verify(shorter, [DEAL], v, np.array([v]), min_similarity=0.6).reason == INCOMPLETE
    assert verify_trim(DEAL, shorter, [DEAL], v, np.array([v])).ok
    # A shortened sentence that lost the speaker is still rejected.
    speakerless = "Harbor Line is close to agreeing to acquire Pier Holdings Corp. said Monday."
    assert verify_trim(DEAL, speakerless, [DEAL], v, np.array([v])).reason == INCOMPLETE


def test_a_title_does_not_end_the_sentence_the_parser_reads():
    assert trims('"The ferry is safe," said Lt. Cmdr. Ana Diaz, who runs the harbour patrol.') == [
        '"The ferry is safe," said Lt. Cmdr. Ana Diaz.'
    ]


def test_a_model_sentence_that_drops_the_half_carrying_the_point_is_not_printed(tmp_path):
    # Issue 26: the model's sentence is the member less its second half; every word and clause is
    # the source's, so only the deletion rules (pipeline.stages.deletion_rules.RULES) can see what it lost.
    article = (
        "Yes, the old quay in Vigo will look the same after the works, but the dockers will be gone.\n"
        "Dock workers said the crane that fell had been inspected in March.\n"
    )
    folder = write_incident(tmp_path / "inc", {"a.txt": article})
    cut = "The old quay in Vigo will look the same after the works."
    brief = build_brief(folder, _pipeline(lambda c: cut if "quay" in c else "Nothing."))
    assert cut not in [s.text for s in brief.sentences]
    reasons = [r.reason for s in brief.sentences for r in s.rejected if r.candidate == cut]
    assert reasons and reasons[0].startswith("keeps one half of a contrast"), reasons


def test_a_trim_of_a_claim_keeps_who_claims_it(tmp_path):
    article = (
        "A harbour guard, who asked not to be named, has claimed that the pilot left the bridge before the crash.\n"
        "Dock workers said the crane that fell had been inspected in March.\n"
    )
    # The crane, told twice, leads: a lede is never trimmed (pipeline.stages.lede.keep_lede).
    other = "The crane that fell at the dock had been inspected in March, dock workers said.\n"
    folder = write_incident(tmp_path / "inc", {"a.txt": article, "b.txt": other})
    brief = build_brief(folder, _pipeline(lambda c: "Nothing."))
    texts = [s.text for s in brief.sentences]
    assert "The pilot left the bridge before the crash." not in texts
    assert "A harbour guard has claimed that the pilot left the bridge before the crash." in texts
