import json

import pytest
from conftest import write_incident

from pipeline.config import Config
from pipeline.runtime.run import NoArticles, Pipeline, StageError, build_brief, run_incident
from pipeline.stages import render

A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The defence ministry said the strike was an accident.\n"
    "Officials in Bravo promised an investigation into the strike.\n"
)
B = (
    "An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
    "The ministry called the strike an accident and expressed condolences.\n"
    "Copyright 2017 Example News. All rights reserved.\n"
)


def _pipeline(**options):
    p = Pipeline.from_config(Config(embedder="hashing", summariser="extractive").with_options(**options))
    p.warm_up()
    return p


def test_every_brief_sentence_is_cited_at_exact_spans(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    brief = build_brief(folder, _pipeline())
    assert brief.sentences
    texts = {p: (folder / p).read_text() for p in ("a.txt", "b.txt")}
    for s in brief.sentences:
        assert s.sources
        for span in s.sources:
            assert span.score >= Config().support_threshold
            assert texts[span.path][span.start : span.end].strip()
    assert not any("Copyright" in s.text for s in brief.sentences)
    top = brief.sentences[0]
    assert "three soldiers" in top.text.lower() and {sp.path for sp in top.sources} == {"a.txt", "b.txt"}


def test_outputs_schema_and_determinism(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B, "b-copy.txt": B})
    _, out1 = run_incident(folder, tmp_path / "o1", _pipeline())
    _, out2 = run_incident(folder, tmp_path / "o2", _pipeline())
    for name in ("brief.md", "brief.json"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes()
    data = json.loads((out1 / "brief.json").read_text())
    assert data["schema"] == "brief/1" and data["incident"] == "inc"
    statuses = {d["path"]: (d["status"], d.get("duplicate_of")) for d in data["documents"]}
    # the first in path order is the original: "b-copy.txt" sorts before "b.txt"
    assert statuses == {"a.txt": ("used", None), "b-copy.txt": ("used", None), "b.txt": ("duplicate", "b-copy.txt")}
    for d in data["documents"]:
        assert len(d["sha256"]) == 64 and set(d) >= {"path", "sha256", "status", "reason"}
    for s in data["sentences"]:
        assert s["method"] in ("extracted", "fused") and s["sources"]
        for src in s["sources"]:
            assert set(src) == {"path", "start", "end", "score"}
    # the copy is cited with the file it copies, at the same span
    spans = {(src["path"], src["start"], src["end"]) for s in data["sentences"] for src in s["sources"]}
    from_b = {(start, end) for path, start, end in spans if path == "b-copy.txt"}
    assert from_b and from_b == {(start, end) for path, start, end in spans if path == "b.txt"}
    for path, start, end in spans:
        assert (folder / path).read_text()[start:end].strip()
    run = json.loads((out1 / "run.json").read_text())
    assert run["config_hash"] == Config(embedder="hashing", summariser="extractive").digest() and "timings" in run


def test_max_sentences_and_word_budget(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    brief = build_brief(folder, _pipeline(max_sentences=1))
    assert len(brief.sentences) == 1
    brief = build_brief(folder, _pipeline(max_words=20))
    assert sum(len(s.text.split()) for s in brief.sentences) <= 20


def test_no_readable_article_is_a_usage_error(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": "   \n"})
    with pytest.raises(NoArticles, match="no readable article"):
        build_brief(folder, _pipeline())


def test_a_stage_returning_the_wrong_type_is_named(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    p = _pipeline()

    class Broken:
        def warm_up(self):
            pass

        def cluster(self, sentences, vectors, copies):
            return "not a list"

    p.clusterer = Broken()
    with pytest.raises(StageError, match="stage 'cluster'"):
        build_brief(folder, p)


def test_markdown_escapes_source_markup():
    assert render.escape_markdown("a <script>x</script> [x](javascript:y) `z` | *w*") == (
        "a \\<script\\>x\\</script\\> \\[x\\]\\(javascript:y\\) \\`z\\` \\| \\*w\\*"
    )


def test_reading_order_opens_with_the_top_ranked_sentence_then_tells_the_story_in_order():
    from pipeline.stages.arrange import reading_order
    from pipeline.types import BriefSentence, Sentence

    def base(doc, start):
        return Sentence(f"{doc}:{start}", doc, start, start + 5, "x")

    kept = [BriefSentence(t, k, "extracted", ()) for k, t in enumerate(["top", "late", "early", "middle"])]
    bases = [base("a", 50), base("a", 90), base("b", 0), base("b", 40)]
    ordered = reading_order(kept, bases, {"a": 100, "b": 100})
    assert [s.text for s in ordered] == ["top", "early", "middle", "late"]


def test_a_brief_with_no_sentence_says_why_and_still_lists_its_sources(tmp_path):
    # Every line leans on one that is not there: nothing may head, so nothing is printed.
    folder = write_incident(tmp_path / "inc", {"a.txt": "However, the ministry disputes it.\nHe said that was all.\n"})
    brief = build_brief(folder, _pipeline())
    md = render.to_markdown(brief)
    assert brief.sentences == () and "the brief has none" in md and "## Sources" in md and "a.txt" in md
