import json
import subprocess
import sys

from conftest import ROOT, write_incident
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The ministry said it was an accident.\n"
)


def test_run_writes_brief_and_reports_stages(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": A.replace("Thursday", "Thursday morning")})
    result = runner.invoke(
        app, ["run", str(folder), "--out", str(tmp_path / "out"), "--embedder", "hashing", "--summariser", "extractive"]
    )
    assert result.exit_code == 0, result.output
    brief = json.loads((tmp_path / "out" / "inc" / "brief.json").read_text())
    assert brief["sentences"]
    assert "segment" in result.stderr and "attribute" in result.stderr


def test_quiet_prints_only_the_brief_path(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    result = runner.invoke(
        app,
        [
            "run",
            str(folder),
            "--out",
            str(tmp_path / "out"),
            "--embedder",
            "hashing",
            "--summariser",
            "extractive",
            "--quiet",
        ],
    )
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("brief.md") and result.stderr == ""


def test_missing_path_exits_2_with_one_line(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_folder_without_articles_exits_2(tmp_path):
    write_incident(tmp_path / "inc", {"notes.pdf": b"%PDF"})
    result = runner.invoke(app, ["run", str(tmp_path / "inc")])
    assert result.exit_code == 2 and "no readable article" in result.stderr


def test_console_script_help():
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "run" in out.stdout


def test_every_command_module_registers_in_help_order(tmp_path, monkeypatch):
    """A command group is one new module in pipeline/cli/: the package finds it, after the named ones."""
    import pipeline.cli as cli

    names = [c.name or c.callback.__name__ for c in cli.app.registered_commands]
    assert names[:6] == ["run", "attribute", "eval", "status", "watch", "ingest"]
    (tmp_path / "zz_probe.py").write_text("")
    (tmp_path / "_private.py").write_text("")
    monkeypatch.setattr(cli, "__path__", [*cli.__path__, str(tmp_path)])
    modules = cli._command_modules()
    assert modules[:6] == ["run", "attribute", "evaluate", "status", "watch", "ingest"]
    assert modules[-1] == "zz_probe" and "_private" not in modules
