"""`brief run ROOT` over a folder of incident folders: one broken incident never stops the rest."""

import json

from conftest import write_incident
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.runtime import run as run_module
from pipeline.runtime.run import find_incidents
from pipeline.stages.segment import PunktSegmenter

runner = CliRunner()
A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The ministry said it was an accident.\n"
)
B = "Rescue teams searched the rubble of the collapsed bridge in Delta for a second day.\nHeavy rain had weakened it.\n"


def _batch(tmp_path):
    root = tmp_path / "root"
    write_incident(root / "alpha", {"a.txt": A, "b.txt": A.replace("Thursday", "Thursday morning")})
    write_incident(root / "binary", {"scan.txt": b"\x00\x01\x02PK\x03\x04" * 50})
    write_incident(root / "delta", {"a.txt": B})
    return root


def _run(root, out, *extra):
    return runner.invoke(
        app, ["run", str(root), "--out", str(out), "--embedder", "hashing", "--summariser", "extractive", *extra]
    )


def test_find_incidents_lists_each_subfolder(tmp_path):
    root = _batch(tmp_path)
    assert [p.name for p in find_incidents(root)] == ["alpha", "binary", "delta"]
    assert find_incidents(root / "alpha") == [root / "alpha"]


def test_a_folder_of_only_binary_files_fails_alone(tmp_path, monkeypatch):
    root, out = _batch(tmp_path), tmp_path / "out"
    warm_ups = []
    real = run_module.Pipeline.warm_up
    monkeypatch.setattr(run_module.Pipeline, "warm_up", lambda self: (warm_ups.append(1), real(self)))
    result = _run(root, out)
    assert result.exit_code == 3, result.output
    assert warm_ups == [1]  # models load once for the whole batch
    assert json.loads((out / "alpha" / "brief.json").read_text())["sentences"]
    assert json.loads((out / "delta" / "brief.json").read_text())["sentences"]
    assert not (out / "binary").exists()
    assert "binary" in result.stderr and "no readable article" in result.stderr
    assert "1 of 3 incidents failed: binary" in result.stderr and "Traceback" not in result.output


def test_a_stage_that_raises_fails_only_its_incident(tmp_path, monkeypatch):
    root, out = _batch(tmp_path), tmp_path / "out"
    (root / "binary" / "scan.txt").unlink()
    write_incident(root / "binary", {"a.txt": "EXPLODE. " + A})
    real = PunktSegmenter.segment

    def segment(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("segmenter blew up")
        return real(self, doc)

    monkeypatch.setattr(PunktSegmenter, "segment", segment)
    result = _run(root, out)
    assert result.exit_code == 3
    assert "binary: stage 'segment' failed: RuntimeError: segmenter blew up" in result.stderr
    assert (out / "alpha" / "brief.md").exists() and (out / "delta" / "brief.md").exists()


def test_an_unexpected_error_after_the_stages_fails_only_its_incident(tmp_path, monkeypatch):
    root, out = _batch(tmp_path), tmp_path / "out"
    real = run_module.write_outputs

    def write_outputs(out_dir, brief, *args, **kwargs):
        if brief.incident == "alpha":
            raise PermissionError(13, "Permission denied", str(out_dir / "alpha"))
        return real(out_dir, brief, *args, **kwargs)

    monkeypatch.setattr(run_module, "write_outputs", write_outputs)
    result = _run(root, out, "--quiet")
    assert result.exit_code == 3
    assert "alpha: PermissionError" in result.stderr and "Traceback" not in result.output
    assert result.stdout.strip() == str(out / "delta" / "brief.md")
    assert "2 of 3 incidents failed: alpha, binary" in result.stderr


def test_an_output_folder_inside_the_input_is_neither_read_nor_reported(tmp_path):
    """--out inside the input: the briefs must not come back as articles or as skipped files."""
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    first = _run(folder, folder / "out")
    assert first.exit_code == 0, first.output  # 1 would mean files were skipped
    data = json.loads((folder / "out" / "inc" / "brief.json").read_text())
    assert sorted(d["path"] for d in data["documents"]) == ["a.txt", "b.txt"]
    assert "up to date" in _run(folder, folder / "out").output  # its own outputs changed nothing


def test_out_at_the_batch_root_never_replaces_an_incident_folder(tmp_path):
    """OUT/<incident> would be the incident's own folder: each incident fails, no article is lost."""
    root = _batch(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = _run(root, root)
    assert result.exit_code == 3 and "is not a brief folder" in result.output
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".brief" not in p.parts} == before
    assert not any(p.is_symlink() for p in root.iterdir())

    # A folder whose brief gets another name ("night shift" -> OUT/night_shift) publishes beside
    # itself; on the next run that link is not taken for an incident.
    write_incident(tmp_path / "two" / "night shift", {"a.txt": A})
    assert _run(tmp_path / "two", tmp_path / "two").exit_code == 0
    assert (tmp_path / "two" / "night_shift").is_symlink()
    assert [p.name for p in find_incidents(tmp_path / "two")] == ["night shift"]
