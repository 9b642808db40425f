import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.eval.baselines import fill_budget, lead, lexrank, n_words

runner = CliRunner()

DOC_A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The defence ministry said the strike was an accident and opened an inquiry.\n"
    "Officials in Bravo promised a full investigation into the strike.\n"
    "The soldiers were part of a patrol guarding the road to the border.\n"
)
DOC_B = (
    "An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
    "Eleven other soldiers were wounded and taken to a hospital in Charlie.\n"
    "The ministry called the strike an accident and expressed its condolences.\n"
)
DOC_C = (
    "Rescue teams in Delta searched the rubble of the collapsed bridge for a second day.\n"
    "Heavy rain had weakened the bridge supports for weeks, engineers said.\n"
)


def test_fill_budget_skips_what_overflows_and_repeats():
    texts = ["one two three", "four five six seven", "one two three", "eight nine"]
    assert fill_budget(texts, 5) == [0, 3]
    assert fill_budget(texts, 2) == [3]
    assert fill_budget([], 10) == []


def test_lead_is_round_robin_within_budget():
    docs = ["First of A is here. Second of A is here.", "First of B is here. Second of B is here."]
    assert lead(docs, 100) == [
        "First of A is here.",
        "First of B is here.",
        "Second of A is here.",
        "Second of B is here.",
    ]
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
    return {
        "summary_sentence": sentence,
        "doc_index": index,
        "doc_span_text": span_text,
        "doc_span_offsets": [[start, start + len(span_text)]],
    }


def test_eval_end_to_end_on_a_tiny_jsonl(tmp_path):
    docs = [DOC_A, DOC_B]
    s1 = "Three soldiers were killed in an air strike near the town of Alpha on Thursday."
    s2 = "Eleven other soldiers were wounded and taken to a hospital in Charlie."
    rows = [
        {
            "id": "strike",
            "documents": docs,
            "summary": f"{s1} {s2}",
            "alignments": [
                _link(s1, docs, 0, s1),
                _link(s1, docs, 1, "An air strike near the town of Alpha killed three soldiers"),
                _link(s2, docs, 1, s2),
            ],
        },
        {
            "id": "bridge",
            "documents": [DOC_C, DOC_C.replace("second", "third")],
            "summary": "Rescue teams searched the rubble of the collapsed bridge in Delta.",
        },
    ]
    data = _write_jsonl(tmp_path / "tiny.jsonl", rows)
    out = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            "eval",
            str(data),
            "--out",
            str(out),
            "--embedder",
            "hashing",
            "--summariser",
            "extractive",
            "--words",
            "40",
            "--resamples",
            "50",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["clusters"] == 2 and set(report["systems"]) == {"brief", "lead", "lexrank"}
    for name, entry in report["systems"].items():
        assert (
            0 < entry["rouge1"]["mean"] <= 1
            and entry["rouge2"]["low"] <= entry["rouge2"]["mean"] <= entry["rouge2"]["high"]
        ), name
        assert entry["words"] <= 40, name
    for cluster in report["per_cluster"]:
        for system in cluster["systems"].values():
            assert sum(n_words(s) for s in system["sentences"]) == system["words"] <= 40
    brief = report["systems"]["brief"]
    assert brief["share_cited"] == 1.0 and brief["share_fused"] == 0.0 and brief["numbers_unsupported"] == 0
    # both linked sentences are verbatim in the articles: both documents found for the first, the right one
    # for the second
    attribution = report["attribution"]
    assert attribution["sentences"] == 2 and attribution["clusters"] == 1
    assert (
        attribution["modes"]["brief"]["doc"]["f1"] == 1.0
        and attribution["modes"]["brief"]["settings"]["per_document"] == 1
    )
    assert (
        attribution["all_documents"]["precision"] == 0.75
        and 0 < attribution["modes"]["brief"]["char"]["recall"] <= 1
        and attribution["modes"]["summary"]["doc"]["recall"] == 1.0
    )
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
    from pipeline.runtime import run

    monkeypatch.setattr(run.Pipeline, "warm_up", lambda self: (_ for _ in ()).throw(AssertionError("model loaded")))
    data = _write_jsonl(tmp_path / "d.jsonl", [{"documents": [DOC_A, DOC_B], "summary": "Three soldiers were killed."}])
    result = runner.invoke(
        app, ["eval", str(data), "--out", str(tmp_path / "o"), "--systems", "lead,lexrank", "--words", "30"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert set(report["systems"]) == {"lead", "lexrank"} and report["attribution"] is None


def test_brief_reads_in_story_order_but_ranks_by_support(tmp_path):
    from conftest import write_incident

    from pipeline.config import Config
    from pipeline.runtime.run import Pipeline, build_brief

    echoed = "Eleven other soldiers were wounded and taken to a hospital in Charlie on Friday."
    folder = write_incident(
        tmp_path / "inc",
        {
            "a.txt": f"A lone gunman opened fire at the border post near Alpha before dawn.\n{echoed}\n",
            "b.txt": f"Officials in Bravo promised a full investigation into the attack.\n{echoed}\n",
        },
    )
    briefs = {}
    for order in ("rank", "source"):
        p = Pipeline.from_config(Config(embedder="hashing", summariser="extractive", order=order, centrality_weight=0))
        p.warm_up()
        briefs[order] = [s.text for s in build_brief(folder, p).sentences]
    assert briefs["rank"][0] == echoed  # two sources outrank one
    # Story order opens with the incident (the top-ranked sentence), then follows the articles.
    assert sorted(briefs["rank"]) == sorted(briefs["source"]) and briefs["source"][0] == echoed


# Invented wire copy in the DUC shape: hard-wrapped at ~60 columns, a space before each line end.
WIRE_A = (
    "\nFLOODTOWN (AP) _ Flood water closed the river road on Monday \n"
    "after three days of rain, and crews opened two shelters for \n"
    "families from the low streets. The mayor said the water would \n"
    "fall by Wednesday.\n"
)
WIRE_B = (
    "\nHe said the levee had held through the night. Rain pushed the \n"
    "river over its banks on Monday, officials said, and the road \n"
    "along the water stayed closed. Two shelters took in families.\n"
)
REFERENCES = [
    "Rain flooded the river road in Floodtown on Monday.\nCrews opened two shelters for families.\n",
    "The river rose over its banks after three days of rain.\nThe road stayed closed and families went to shelters.\n",
    "Floodtown closed its river road.\nThe mayor expected the water to fall by Wednesday.\n",
]


def test_eval_averages_rouge_over_references_and_counts_standalone(tmp_path):
    from rouge_score import rouge_scorer

    from pipeline.eval.evaluate import EXAMPLES
    from pipeline.eval.metrics import RECALL, ROUGE_KEYS, ROUGE_TYPES
    from pipeline.stages.standalone import problem

    data = _write_jsonl(
        tmp_path / "duc.jsonl",
        [{"id": "flood", "documents": [WIRE_A, WIRE_B], "references": REFERENCES, "summary": REFERENCES[0]}],
    )
    out = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            "eval",
            str(data),
            "--out",
            str(out),
            "--embedder",
            "hashing",
            "--summariser",
            "extractive",
            "--words",
            "40",
            "--resamples",
            "50",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["references_per_cluster"] == 3 and report["attribution"] is None  # no alignments, no attribution
    cluster = report["per_cluster"][0]
    assert cluster["n_references"] == 3
    # lead's scores by hand: rouge-score against each reference (one sentence per line), then the mean
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    lead_out = cluster["systems"]["lead"]
    candidate = "\n".join(" ".join(s.split()) for s in lead_out["sentences"])
    by_hand = [scorer.score(ref.strip(), candidate) for ref in REFERENCES]
    for name in ROUGE_TYPES:
        assert lead_out[name] == pytest.approx(sum(s[name].fmeasure for s in by_hand) / 3)
        assert lead_out[RECALL[name]] == pytest.approx(sum(s[name].recall for s in by_hand) / 3)
    assert 0 < lead_out["rouge1_recall"]
    for name, entry in report["systems"].items():
        assert all(entry[key]["low"] <= entry[key]["mean"] <= entry[key]["high"] for key in ROUGE_KEYS)
        system = cluster["systems"][name]
        flagged = [{"sentence": s, "reason": problem(s)} for s in system["sentences"] if problem(s)]
        assert system["not_standalone"] == flagged and entry["not_standalone"] == len(flagged)
        assert entry["sentences"] == len(system["sentences"]) and sum(entry["not_standalone_reasons"].values()) == len(
            flagged
        )
        examples = entry["not_standalone_examples"]
        assert len(examples) == min(len(flagged), EXAMPLES)
        assert all(
            e["cluster"] == "flood" and {"sentence": e["sentence"], "reason": e["reason"]} in flagged for e in examples
        )
    # lead opens with each article's first sentence, and WIRE_B's leans on one that is not there
    assert report["systems"]["lead"]["not_standalone"] >= 1
    assert set(report["comparisons"]["brief>lead"]) == set(ROUGE_KEYS)
    assert "share_fused" in report["systems"]["brief"] and "share_cited" in report["systems"]["brief"]
    md = (out / "report.md").read_text()
    assert "ROUGE recall:" in md and "3 reference summaries per cluster" in md and "not standalone" in md
    assert "## Attribution" not in md
    assert "R2 recall" in result.stdout and "not standalone" in result.stdout


def test_eval_names_the_field_of_a_bad_reference(tmp_path):
    good = {"documents": [WIRE_A], "references": REFERENCES}
    data = _write_jsonl(tmp_path / "bad.jsonl", [good, {**good, "references": ["ok", ""]}])
    result = runner.invoke(app, ["eval", str(data), "--out", str(tmp_path / "o"), "--systems", "lead"])
    assert result.exit_code == 2 and "line 2" in result.stderr and "references" in result.stderr
    data = _write_jsonl(tmp_path / "nosummary.jsonl", [{"documents": [WIRE_A]}])
    result = runner.invoke(app, ["eval", str(data), "--out", str(tmp_path / "o"), "--systems", "lead"])
    assert result.exit_code == 2 and "line 1" in result.stderr and "summary" in result.stderr
