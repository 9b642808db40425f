"""Atomic publication and the output lock, including runs killed mid-write and runs side by side."""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, write_incident
from typer.testing import CliRunner

from pipeline.cli import EXIT_LOCKED, app
from pipeline.runtime import publish as pub
from pipeline.runtime.manifest import code_fingerprint
from pipeline.runtime.publish import Locked, history, hold, publish, tidy, versions_dir

runner = CliRunner()
FAST = ["--embedder", "hashing", "--summariser", "extractive"]
A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The defence ministry said the strike was an accident.\n"
)
B = (
    "An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
    "The ministry called the strike an accident and expressed condolences.\n"
)


def leftovers(out, name):
    return sorted(p.name for p in versions_dir(out, name).iterdir()), sorted(
        p.name for p in out.glob(f".{name}.link-*")
    )


@pytest.fixture(autouse=True)
def fresh_code_fingerprint():
    """The fingerprint is computed once per process; subprocesses of this test hash the code
    afresh, so this process must not compare with a value from before an edit to pipeline/*.py."""
    code_fingerprint.cache_clear()


def test_publish_swaps_the_link_and_keeps_the_previous_version_as_history(tmp_path):
    out = tmp_path / "out"
    first = publish(out, "inc", {"brief.md": "one\n", "manifest.json": "{}\n"})
    assert first == out / "inc" and first.is_symlink() and (first / "brief.md").read_text() == "one\n"
    publish(out, "inc", {"brief.md": "two\n", "manifest.json": "{}\n"})
    assert (out / "inc" / "brief.md").read_text() == "two\n"
    versions, links = leftovers(out, "inc")
    assert len(versions) == 2 and not links and versions == [p.name for p in history(out, "inc")]
    assert os.readlink(out / "inc") == os.path.join(".brief", "versions", "inc", versions[-1])


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_plain_folder_from_before_is_converted(tmp_path, monkeypatch, exchange):
    out = tmp_path / "out"
    (out / "inc").mkdir(parents=True)
    (out / "inc" / "brief.md").write_text("old\n")
    if not exchange:
        monkeypatch.setattr(pub, "_exchange", lambda a, b: False)
    publish(out, "inc", {"brief.md": "new\n"})
    assert (out / "inc").is_symlink() and (out / "inc" / "brief.md").read_text() == "new\n"
    # The old folder is the previous brief in the history, ahead of the new one.
    assert [(p / "brief.md").read_text() for p in history(out, "inc")] == ["old\n", "new\n"]
    assert len(leftovers(out, "inc")[0]) == 2


def test_a_folder_that_is_not_a_brief_is_never_replaced(tmp_path):
    """With --out at a batch root, OUT/<incident> is the incident's own folder of articles."""
    out = tmp_path / "out"
    (out / "inc").mkdir(parents=True)
    (out / "inc" / "article.txt").write_text("The river flooded the town.\n")
    (out / "inc" / "brief.md").write_text("old\n")
    with pytest.raises(pub.PublishError, match="is not a brief folder"):
        publish(out, "inc", {"brief.md": "new\n"})
    assert (out / "inc" / "article.txt").read_text() == "The river flooded the town.\n"
    assert not (out / "inc").is_symlink() and not leftovers(out, "inc")[1]


def test_a_file_in_the_way_is_a_clear_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "inc").write_text("not a folder")
    with pytest.raises(pub.PublishError, match="is not a brief folder"):
        publish(out, "inc", {"brief.md": "new\n"})
    assert (out / "inc").read_text() == "not a folder" and not leftovers(out, "inc")[1]


def test_tidy_relinks_after_a_kill_between_the_two_renames_and_drops_partial_versions(tmp_path):
    out = tmp_path / "out"
    versions = versions_dir(out, "inc")
    (versions / "20250101T000000-legacy-aaaa").mkdir(parents=True)  # the old folder, moved aside
    (versions / "20250101T000000-legacy-aaaa" / "brief.md").write_text("old\n")
    (versions / "tmp-20250101T000001-bbbb").mkdir()  # a version that was never finished
    os.symlink("nowhere", out / ".inc.link-cccc")
    tidy(out, "inc")
    assert (out / "inc" / "brief.md").read_text() == "old\n"
    assert leftovers(out, "inc") == (["20250101T000000-legacy-aaaa"], [])


def _start_paused(folder, out, step, seconds="60"):
    env = {**os.environ, pub.PAUSE_ENV: step, "BRIEF_TEST_PAUSE_SECONDS": seconds}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), *FAST, "--force"],
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
                return proc, time.monotonic()
        raise AssertionError(f"run ended (rc {proc.wait()}) without pausing after {step!r}")
    finally:
        watchdog.cancel()


def _kill(proc):
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()


@pytest.mark.parametrize("step", ["write", "complete", "link", "swap"])
def test_sigkill_at_any_step_leaves_a_complete_brief_and_the_next_run_recovers(tmp_path, step):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(folder), "--out", str(out), *FAST]).exit_code == 0
    old = {n: (out / "inc" / n).read_bytes() for n in ("brief.md", "brief.json", "run.json", "manifest.json")}
    (folder / "a.txt").write_text(A.replace("an accident", "a tragic mistake"))
    proc, _ = _start_paused(folder, out, step)
    _kill(proc)
    now = {n: (out / "inc" / n).read_bytes() for n in old}
    if step == "swap":  # killed after the switch: the new brief, complete
        assert b"tragic mistake" in now["brief.md"] and json.loads(now["manifest.json"])["inputs"]["a.txt"]
    else:  # killed before it: the previous brief, byte for byte
        assert now == old
    json.loads(now["brief.json"])
    result = runner.invoke(app, ["run", str(folder), "--out", str(out), *FAST])
    assert result.exit_code == 0, result.output
    assert ("up to date" in result.stderr) == (step == "swap")
    assert "tragic mistake" in (out / "inc" / "brief.md").read_text()
    versions, links = leftovers(out, "inc")
    # The first brief and the rebuilt one: a killed run leaves no version of its own behind.
    assert len(versions) == 2 and not links and versions == [p.name for p in history(out, "inc")]


def test_a_second_run_waits_then_exits_75_and_a_dead_holder_frees_the_lock(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = tmp_path / "out"
    proc, _ = _start_paused(folder, out, "write")
    try:
        t = time.monotonic()
        busy = runner.invoke(app, ["run", str(folder), "--out", str(out), *FAST, "--wait", "0.5"])
        assert busy.exit_code == EXIT_LOCKED and time.monotonic() - t >= 0.5
        assert "being written by another `brief` run" in busy.stderr and f"pid {proc.pid}" in busy.stderr
        assert "Traceback" not in busy.output
    finally:
        _kill(proc)  # SIGKILL while holding the lock: the kernel releases it
    after = runner.invoke(app, ["run", str(folder), "--out", str(out), *FAST, "--wait", "0"])
    assert after.exit_code == 0, after.output
    assert (out / "inc" / "brief.md").is_file()


def test_hold_is_reentrant_in_one_thread_and_exclusive_across_threads(tmp_path):
    seen = []
    with hold(tmp_path, 0), hold(tmp_path, 0):

        def other():
            try:
                with hold(tmp_path, 0.1):
                    seen.append("entered")
            except Locked:
                seen.append("locked")

        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen == ["locked"]
    with hold(tmp_path, 0):
        pass


def test_two_concurrent_runs_never_interleave(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    out = tmp_path / "out"
    hold_s = 1.5
    starts, procs = [], []

    def one():
        proc, at = _start_paused(folder, out, "write", seconds=str(hold_s))
        procs.append(proc)
        starts.append(at)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = [p.wait(timeout=60) for p in procs]
    for p in procs:
        p.stderr.close()
    assert codes == [0, 0]
    # Each run pauses hold_s seconds inside the lock: had they overlapped, both pauses would start together.
    assert abs(starts[0] - starts[1]) >= hold_s * 0.9
    assert json.loads((out / "inc" / "brief.json").read_text())["sentences"]
    versions, links = leftovers(out, "inc")
    assert len(versions) == 2 and not links


def test_an_output_folder_that_cannot_be_created_is_a_usage_error(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    (tmp_path / "file").write_text("in the way")  # works as root too, unlike chmod
    result = runner.invoke(app, ["run", str(folder), "--out", str(tmp_path / "file" / "out"), *FAST])
    assert result.exit_code == 2 and "cannot write the output folder" in result.stderr
    assert "Traceback" not in result.output
