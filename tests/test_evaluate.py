import json

from typer.testing import CliRunner

from pipeline.baselines import fill_budget, lead, lexrank, n_words
from pipeline.cli import app

runner = CliRunner()

DOC_A = ("Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
         "The defence ministry said the strike was an accident and opened an inquiry.\n"
         "Officials in Bravo promised a full investigation into the strike.\n"
         "The soldiers were part of a patrol guarding the road to the border.\n")
DOC_B = ("An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
         "Eleven other soldiers were wounded and taken to a hospital in Charlie.\n"
         "The ministry called the strike an accident and expressed its condolences.\n")
DOC_C = ("Rescue teams in Delta searched the rubble of the collapsed bridge for a second day.\n"
         "Heavy rain had weakened the bridge supports for weeks, engineers said.\n")


def test_fill_budget_skips_what_overflows_and_repeats():
    texts = ["one two three", "four five six seven", "one two three", "eight nine"]
    assert fill_budget(texts, 5) == [0, 3]
    assert fill_budget(texts, 2) == [3]
    assert fill_budget([], 10) == []


def test_lead_is_round_robin_within_budget():
    docs = ["First of A is here. Second of A is here.", "First of B is here. Second of B is here."]
    assert lead(docs, 100) == ["First of A is here.", "First of B is here.", "Second of A is here.", "Second of B is here."]
    assert lead(docs, 10) == ["First of A is here.", "First of B is here."]
    assert lead(docs, 4) == []


def test_lexrank_respects_the_budget_and_picks_central_sentences():
    docs = [DOC_A, DOC_B, DOC_C]
    for budget in (15, 40, 1000):
        out = lexrank(docs, budget)
        assert out and sum(n_words(s) for s in out) <= budget
        assert all(any(s in d for d in docs) for s in out)
    assert lexrank(docs, 40) == lexrank(docs, 40)
    # the strike is told twice, the bridge once: the most central sentence is about the strike
    assert "strike" in lexrank(docs, 18)[0]
    assert lexrank([""], 50) == []


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _link(sentence, docs, index, span_text):
    start = docs[index].index(span_text)
    return {"summary_sentence": sentence, "doc_index": index, "doc_span_text": span_text,
            "doc_span_offsets": [[start, start + len(span_text)]]}


def test_eval_end_to_end_on_a_tiny_jsonl(tmp_path):
    docs = [DOC_A, DOC_B]
    s1 = "Three soldiers were killed in an air strike near the town of Alpha on Thursday."
    s2 = "Eleven other soldiers were wounded and taken to a hospital in Charlie."
    rows = [
        {"id": "strike", "documents": docs, "summary": f"{s1} {s2}",
         "alignments": [_link(s1, docs, 0, s1), _link(s1, docs, 1, "An air strike near the town of Alpha killed three soldiers"),
                        _link(s2, docs, 1, s2)]},
        {"id": "bridge", "documents": [DOC_C, DOC_C.replace("second", "third")],
         "summary": "Rescue teams searched the rubble of the collapsed bridge in Delta."},
    ]
    data = _write_jsonl(tmp_path / "tiny.jsonl", rows)
    out = tmp_path / "report"
    result = runner.invoke(app, ["eval", str(data), "--out", str(out), "--embedder", "hashing", "--summariser", "extractive",
                                 "--words", "40", "--resamples", "50"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["clusters"] == 2 and set(report["systems"]) == {"brief", "lead", "lexrank"}
    for name, entry in report["systems"].items():
        assert 0 < entry["rouge1"]["mean"] <= 1 and entry["rouge2"]["low"] <= entry["rouge2"]["mean"] <= entry["rouge2"]["high"]
        assert entry["words"] <= 40
    for cluster in report["per_cluster"]:
        for system in cluster["systems"].values():
            assert sum(n_words(s) for s in system["sentences"]) == system["words"] <= 40
    brief = report["systems"]["brief"]
    assert brief["share_cited"] == 1.0 and brief["share_fused"] == 0.0 and brief["numbers_unsupported"] == 0
    # both linked sentences are verbatim in the articles: both documents found for the first, the right one for the second
    attribution = report["attribution"]
    assert attribution["sentences"] == 2 and attribution["clusters"] == 1
    assert attribution["modes"]["brief"]["doc"]["f1"] == 1.0 and attribution["modes"]["brief"]["settings"]["per_document"] == 1
    assert attribution["all_documents"]["precision"] == 0.75 and 0 < attribution["modes"]["brief"]["char"]["recall"] <= 1 and attribution["modes"]["summary"]["doc"]["recall"] == 1.0
    md = (out / "report.md").read_text()
    assert "| brief |" in md and "| lexrank |" in md and "## Attribution" in md
    assert (out / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "report:" in result.stdout and "attribution, mode summary (2 sentences)" in result.stdout


def test_eval_names_the_bad_line_and_the_unknown_system(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "x", "documents": ["a"], "summary": "b"}\n{"documents": "oops"}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(data), "--out", str(tmp_path / "o"), "--embedder", "hashing"])
    assert result.exit_code == 2 and "line 2" in result.stderr and "Traceback" not in result.output
    good = _write_jsonl(tmp_path / "good.jsonl", [{"documents": [DOC_A], "summary": "A strike."}])
    result = runner.invoke(app, ["eval", str(good), "--out", str(tmp_path / "o"), "--systems", "lead,gpt"])
    assert result.exit_code == 2 and "gpt" in result.stderr


def test_eval_of_baselines_alone_loads_no_model(tmp_path, monkeypatch):
    from pipeline import run

    monkeypatch.setattr(run.Pipeline, "warm_up", lambda self: (_ for _ in ()).throw(AssertionError("model loaded")))
    data = _write_jsonl(tmp_path / "d.jsonl", [{"documents": [DOC_A, DOC_B], "summary": "Three soldiers were killed."}])
    result = runner.invoke(app, ["eval", str(data), "--out", str(tmp_path / "o"), "--systems", "lead,lexrank", "--words", "30"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert set(report["systems"]) == {"lead", "lexrank"} and report["attribution"] is None


def test_brief_reads_in_story_order_but_ranks_by_support(tmp_path):
    from conftest import write_incident
    from pipeline.config import Config
    from pipeline.run import Pipeline, build_brief

    echoed = "Eleven other soldiers were wounded and taken to a hospital in Charlie on Friday."
    folder = write_incident(tmp_path / "inc", {
        "a.txt": f"A lone gunman opened fire at the border post near Alpha before dawn.\n{echoed}\n",
        "b.txt": f"Officials in Bravo promised a full investigation into the attack.\n{echoed}\n",
    })
    briefs = {}
    for order in ("rank", "source"):
        p = Pipeline.from_config(Config(embedder="hashing", summariser="extractive", order=order))
        p.warm_up()
        briefs[order] = [s.text for s in build_brief(folder, p).sentences]
    assert briefs["rank"][0] == echoed  # two sources outrank one
    assert sorted(briefs["rank"]) == sorted(briefs["source"]) and briefs["source"][-1] == echoed
