"""The briefs an incident keeps (issue 27): `--keep N`, `brief history`, `brief diff`, the changes
in brief.json, brief.md and brief.html, and a history that a SIGKILL at any step leaves whole."""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading

import pytest
from conftest import ROOT, write_incident
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.runtime import publish as pub
from pipeline.runtime.history import locate, rows
from pipeline.runtime.manifest import code_fingerprint
from pipeline.runtime.publish import history, publish, retention, set_retention, versions_dir

runner = CliRunner()
FAST = ["--embedder", "hashing", "--summariser", "extractive"]
A = (
    "Floodwater swept through the town of Millbrook on Monday, killing three people, police said.\n\n"
    "The mayor closed the old stone bridge until engineers inspect it.\n"
)
B = (
    "The river burst its banks at Millbrook on Monday and three people died, the fire service said.\n\n"
    "Power was cut across the town for most of the night, the utility said.\n"
)
C = (
    "Volunteers from three villages filled sandbags along the canal through Tuesday, organisers said.\n\n"
    "The regional governor promised a fund for the families who lost their homes.\n"
)


@pytest.fixture(autouse=True)
def fresh_code_fingerprint():
    code_fingerprint.cache_clear()


def brief_run(folder, out, *extra):
    return runner.invoke(app, ["run", str(folder), "--out", str(out), *FAST, *extra])


def test_publish_keeps_the_last_n_briefs_in_order_and_the_setting_belongs_to_out(tmp_path):
    out = tmp_path / "out"
    assert retention(out) == pub.DEFAULT_KEEP
    set_retention(out, 3)
    for n in range(5):
        publish(out, "inc", {"brief.md": f"{n}\n", "brief.json": "{}\n"})
    kept = history(out, "inc")
    assert [(k / "brief.md").read_text() for k in kept] == ["2\n", "3\n", "4\n"]
    assert kept[-1].resolve() == (out / "inc").resolve() and retention(out) == 3
    assert sorted(p.name for p in versions_dir(out, "inc").iterdir()) == [k.name for k in kept]
    set_retention(out, 1)
    publish(out, "inc", {"brief.md": "5\n"})
    assert [(k / "brief.md").read_text() for k in history(out, "inc")] == ["5\n"]


def test_run_keep_sets_the_history_length_and_history_lists_each_brief(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = tmp_path / "out"
    assert brief_run(folder, out).exit_code == 0
    (folder / "b.txt").write_text(B)
    assert brief_run(folder, out).exit_code == 0
    (folder / "a.txt").unlink()
    (folder / "c.txt").write_text(C)
    result = brief_run(folder, out, "--keep", "2")
    assert result.exit_code == 0, result.output
    assert len(history(out, "inc")) == 2 and retention(out) == 2
    listed = runner.invoke(app, ["history", "inc", "--out", str(out)])
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("inc@0 ") and lines[1].startswith("inc@1 ")
    assert "2 articles (+1 -1)" in lines[0] and "headline " in lines[0]
    found = rows(out, "inc")
    assert (found[0]["added"], found[0]["removed"]) == (["c.txt"], ["a.txt"])
    assert json.loads(runner.invoke(app, ["history", "inc", "--out", str(out), "--json"]).stdout) == found


def test_brief_diff_compares_two_history_entries_and_prints_json(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = tmp_path / "out"
    assert brief_run(folder, out).exit_code == 0
    (folder / "c.txt").write_text(C)
    assert brief_run(folder, out).exit_code == 0
    assert locate("inc@1", out) == history(out, "inc")[0] and locate("inc", out) == history(out, "inc")[-1]
    result = runner.invoke(app, ["diff", "inc@1", "inc@0", "--out", str(out), "--json", "--embedder", "hashing"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert [(s["path"], s["change"]) for s in changes["sources"]] == [("c.txt", "added")]
    assert changes["new"] and all(f["brought_by"] == ["c.txt"] for f in changes["new"])
    assert not changes["withdrawn"] and changes["since"]
    # The same two briefs named by their folders, as text; and a name that is no brief is a usage error.
    older, newer = (str(p) for p in history(out, "inc"))
    text = runner.invoke(app, ["diff", older, newer, "--embedder", "hashing"])
    assert text.exit_code == 0 and "source added: c.txt" in text.stdout
    missing = runner.invoke(app, ["diff", "inc@5", "inc", "--out", str(out), "--embedder", "hashing"])
    assert missing.exit_code == 2 and "keeps 2 briefs" in missing.stderr


def test_changes_reach_all_three_outputs_and_an_unchanged_rebuild_is_byte_identical(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = tmp_path / "out"
    first = brief_run(folder, out)
    assert "inc: first brief" in first.stderr
    assert "changes" not in json.loads((out / "inc" / "brief.json").read_text())
    assert "What changed" not in (out / "inc" / "brief.md").read_text()
    (folder / "c.txt").write_text(C)
    second = brief_run(folder, out)
    data = json.loads((out / "inc" / "brief.json").read_text())
    assert data["changes"]["new"] and f"inc: {data['changes']['summary']}" in second.stderr
    md = (out / "inc" / "brief.md").read_text()
    assert md.startswith("# Incident brief: inc\n\n## What changed since ") and "- **New:** " in md
    assert '<section id="changes" class="changes"><h2>What changed since ' in (out / "inc" / "brief.html").read_text()
    before = {n: (out / "inc" / n).read_bytes() for n in ("brief.md", "brief.json")}
    assert "up to date" in brief_run(folder, out).stderr and len(history(out, "inc")) == 2
    forced = brief_run(folder, out, "--force")
    assert "inc: the same brief as before" in forced.stderr
    assert {n: (out / "inc" / n).read_bytes() for n in before} == before and len(history(out, "inc")) == 3


def test_a_rebuild_a_reader_would_not_notice_says_so_in_one_line(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    out = tmp_path / "out"
    assert brief_run(folder, out).exit_code == 0
    (folder / "copy.txt").write_text(A)  # a duplicate: a source added, no fact
    result = brief_run(folder, out)
    assert "inc: no change a reader would notice, 1 source added" in result.stderr
    md = (out / "inc" / "brief.md").read_text()
    assert "_No change a reader would notice since " in md and "## What changed" not in md


def _start_paused(folder, out, step, *extra):
    env = {**os.environ, pub.PAUSE_ENV: step, "BRIEF_TEST_PAUSE_SECONDS": "60"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), *FAST, "--force", *extra],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(300, proc.kill)  # a guard against a hung test, not a timing
    watchdog.start()
    try:
        for line in proc.stderr:
            if line.startswith(f"paused after {step}"):
                return proc
        raise AssertionError(f"run ended (rc {proc.wait()}) without pausing after {step!r}")
    finally:
        watchdog.cancel()


@pytest.fixture(scope="module")
def two_briefs(tmp_path_factory):
    """An incident with two briefs kept (--keep 2), built once and copied by each kill test."""
    code_fingerprint.cache_clear()
    root = tmp_path_factory.mktemp("kept")
    folder = write_incident(root / "inc", {"a.txt": A})
    assert brief_run(folder, root / "out", "--keep", "2").exit_code == 0
    (folder / "b.txt").write_text(B)
    assert brief_run(folder, root / "out").exit_code == 0
    return root


@pytest.mark.parametrize("step", ["write", "complete", "link", "swap", "prune"])
def test_sigkill_at_any_step_leaves_the_current_brief_and_the_history_whole(tmp_path, two_briefs, step):
    shutil.copytree(two_briefs, tmp_path / "kept", symlinks=True)
    folder, out = tmp_path / "kept" / "inc", tmp_path / "kept" / "out"
    before = [(p.name, (p / "brief.json").read_bytes()) for p in history(out, "inc")]
    (folder / "c.txt").write_text(C)
    proc = _start_paused(folder, out, step)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    kept = history(out, "inc")
    for version in kept:  # every kept brief is whole: its files all there and readable
        json.loads((version / "brief.json").read_text())
        json.loads((version / "manifest.json").read_text())
        assert (version / "brief.md").read_text().startswith("# Incident brief: inc")
    assert (out / "inc").resolve() == kept[-1].resolve()
    if step in ("swap", "prune"):  # killed after the switch: the new brief is current
        assert "Volunteers" in (out / "inc" / "brief.md").read_text() and kept[-2].name == before[-1][0]
    else:  # killed before it: the history is as it was, byte for byte
        assert [(p.name, (p / "brief.json").read_bytes()) for p in kept] == before
    result = brief_run(folder, out)
    assert result.exit_code == 0, result.output
    kept = history(out, "inc")
    assert len(kept) == 2 and "Volunteers" in (kept[-1] / "brief.md").read_text()
    assert sorted(p.name for p in versions_dir(out, "inc").iterdir()) == [k.name for k in kept]
    assert not list(out.glob(".inc.link-*"))
