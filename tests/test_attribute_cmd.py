import json

from conftest import write_incident
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.eval.check import split_summary

runner = CliRunner()

A = (
    "Strike near Alpha\n"
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The defence ministry said the strike was an accident.\n"
)
B = (
    "An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
    "Eleven other soldiers were wounded and taken to a hospital in Charlie.\n"
)


def _attribute(folder, summary_path, *extra):
    return runner.invoke(
        app, ["attribute", str(folder), "--summary", str(summary_path), "--embedder", "hashing", *extra]
    )


def test_split_summary_one_per_line_or_punkt():
    assert split_summary("First claim here.\nSecond claim here!\n") == ["First claim here.", "Second claim here!"]
    # one paragraph, and lines wrapped mid-sentence, are segmented
    assert split_summary("First claim here. Second claim here.") == ["First claim here.", "Second claim here."]
    assert split_summary("First claim\nwraps here. Second one.\n\nNew paragraph\n") == [
        "First claim wraps here.",
        "Second one.",
        "New paragraph",
    ]


def test_attribute_json_cites_exact_spans(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    summary = tmp_path / "summary.txt"
    summary.write_text(
        "Three soldiers were killed in an air strike near Alpha on Thursday.\n"
        "Eleven soldiers were wounded and taken to a hospital in Charlie.\n"
        "The bridge in Delta collapsed after weeks of heavy rain.\n",
        encoding="utf-8",
    )
    result = _attribute(folder, summary, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    texts = [s["text"] for s in data["sentences"]]
    assert texts[0].startswith("Three soldiers") and len(texts) == 3
    first, second, third = (s["sources"] for s in data["sentences"])
    assert {s["path"] for s in first} == {"a.txt", "b.txt"}
    assert [s["path"] for s in second] == ["b.txt"]
    assert third == []  # nothing in the articles supports it
    files = {p: (folder / p).read_text(encoding="utf-8") for p in ("a.txt", "b.txt")}
    for src in first + second:
        assert set(src) == {"path", "start", "end", "score"} and src["score"] >= 0.6
        span = files[src["path"]][src["start"] : src["end"]]
        assert span.endswith(".") and "\n" not in span
    assert (
        files["b.txt"][second[0]["start"] : second[0]["end"]]
        == "Eleven other soldiers were wounded and taken to a hospital in Charlie."
    )


def test_attribute_cites_a_copied_file_with_its_original(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B, "c.txt": B})
    summary = tmp_path / "s.txt"
    summary.write_text("Eleven soldiers were wounded and taken to a hospital in Charlie.", encoding="utf-8")
    data = json.loads(_attribute(folder, summary, "--json").stdout)
    sources = data["sentences"][0]["sources"]
    assert {s["path"] for s in sources} == {"b.txt", "c.txt"}
    assert len({(s["start"], s["end"]) for s in sources}) == 1


def test_attribute_table_and_errors(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    summary = tmp_path / "s.txt"
    summary.write_text("Three soldiers were killed in an air strike near Alpha on Thursday.", encoding="utf-8")
    result = _attribute(folder, summary)
    assert result.exit_code == 0 and "a.txt" in result.stdout and "b.txt" in result.stdout
    missing = _attribute(folder, tmp_path / "nope.txt")
    assert missing.exit_code == 2 and "nope.txt" in missing.stderr and "Traceback" not in missing.output
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    empty = _attribute(folder, tmp_path / "empty.txt")
    assert empty.exit_code == 2 and "empty" in empty.stderr
    nodocs = write_incident(tmp_path / "nodocs", {"x.pdf": b"%PDF"})
    assert _attribute(nodocs, summary).exit_code == 2


def test_summary_mode_finds_sources_for_a_multi_fact_sentence(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    summary = tmp_path / "s.txt"
    # two facts from two articles in one sentence, and a number ("14") that no source states
    summary.write_text(
        "An air strike near Alpha killed three soldiers and wounded 11 more, 14 in all, "
        "and the ministry called it an accident.",
        encoding="utf-8",
    )
    strict = json.loads(_attribute(folder, summary, "--json").stdout)["sentences"][0]["sources"]
    loose = json.loads(_attribute(folder, summary, "--json", "--mode", "summary").stdout)["sentences"][0]["sources"]
    assert strict == []
    assert loose and all(s["score"] >= 0.2 for s in loose)
    bad = _attribute(folder, summary, "--mode", "fuzzy")
    assert bad.exit_code == 2 and "fuzzy" in bad.stderr


def test_summary_mode_cites_nothing_for_an_unrelated_sentence(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    summary = tmp_path / "s.txt"
    summary.write_text("Quarterly wheat exports from Kansas rose sharply.", encoding="utf-8")
    loose = json.loads(_attribute(folder, summary, "--json", "--mode", "summary").stdout)["sentences"][0]["sources"]
    assert loose == []
