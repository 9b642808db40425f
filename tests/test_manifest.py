"""Incremental runs: the manifest, the up-to-date short-circuit, and `brief status`."""

import json
import os
import subprocess
import sys
import time
from importlib import metadata

import pytest
from conftest import ROOT, write_incident
from typer.testing import CliRunner

from pipeline.cli import EXIT_STALE, app
from pipeline.config import Config
from pipeline.runtime.manifest import MANIFEST, check, code_fingerprint, plan

runner = CliRunner()
FAST = ["--embedder", "hashing", "--summariser", "extractive"]
CONFIG = Config(embedder="hashing", summariser="extractive")
A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The defence ministry said the strike was an accident.\n"
)
B = (
    "An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
    "The ministry called the strike an accident and expressed condolences.\n"
)
C = "A bridge over the Kestrel river collapsed on Friday, hours after the strike.\n"
HEAVY = ("numpy", "scipy", "sklearn", "nltk", "torch", "transformers")


@pytest.fixture(autouse=True)
def fresh_code_fingerprint():
    """The fingerprint is computed once per process; subprocesses of this test hash the code
    afresh, so this process must not compare with a value from before an edit to pipeline/*.py."""
    code_fingerprint.cache_clear()


def brief_run(folder, out, *extra):
    return runner.invoke(app, ["run", str(folder), "--out", str(out), *FAST, *extra])


def state(target):
    """Bytes and mtimes of every output file, and the version folder the link points at."""
    files = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(target.iterdir())}
    return os.readlink(target), files


def test_second_run_does_no_work_in_under_a_second_and_touches_nothing(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    out = tmp_path / "out"
    assert brief_run(folder, out).exit_code == 0
    before = state(out / "inc")
    assert set(before[1]) == {"brief.md", "brief.json", "brief.html", "run.json", MANIFEST}
    # In a fresh interpreter, as cron runs it: one line, exit 0, and nothing heavy imported.
    probe = (
        "import sys\nfrom pipeline.cli import main\nsys.argv = ['brief'] + sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit as e:\n"
        f"    print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n    raise\n"
    )
    args = ["run", str(folder), "--out", str(out), *FAST]
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("up to date:") and lines[1] == "HEAVY=" and len(lines) == 2
    walls = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, cwd=ROOT, check=True)
        walls.append(time.perf_counter() - t)
    assert min(walls) < 1.0, walls
    assert state(out / "inc") == before


def test_force_rebuilds_and_quiet_up_to_date_prints_the_path(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = tmp_path / "out"
    brief_run(folder, out)
    link = os.readlink(out / "inc")
    quiet = brief_run(folder, out, "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout.strip() == str(out / "inc" / "brief.md") and quiet.stderr == ""
    forced = brief_run(folder, out, "--force")
    assert forced.exit_code == 0 and "up to date" not in forced.stderr
    assert os.readlink(out / "inc") != link


def test_a_change_rebuilds_only_its_incident_in_a_batch(tmp_path):
    root = tmp_path / "root"
    write_incident(root / "alpha", {"a.txt": A, "b.txt": B})
    write_incident(root / "bravo", {"a.txt": A, "c.txt": C})
    out = tmp_path / "out"
    assert brief_run(root, out).exit_code == 0
    alpha, bravo = state(out / "alpha"), state(out / "bravo")
    (root / "bravo" / "c.txt").write_text(C.replace("Friday", "Saturday"))
    result = brief_run(root, out)
    assert result.exit_code == 0
    assert "up to date: 1 of 2 incidents (alpha)" in result.stderr
    assert state(out / "alpha") == alpha
    assert state(out / "bravo")[0] != bravo[0]
    assert "Saturday" in (out / "bravo" / "brief.md").read_text()


def test_edit_add_delete_rename_are_named(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B, "c.txt": C})
    out = tmp_path / "out"
    brief_run(folder, out)
    assert check(folder, out, CONFIG).up_to_date
    (folder / "a.txt").write_text(A + "More.\n")
    (folder / "d.md").write_text("# New\n\nA new article about the strike.\n")
    (folder / "b.txt").unlink()
    (folder / "c.txt").rename(folder / "c2.txt")
    reasons = check(folder, out, CONFIG).reasons
    assert set(reasons) == {"changed a.txt", "added d.md", "removed b.txt", "renamed c.txt -> c2.txt"}


def test_a_claim_only_a_deleted_article_made_disappears(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B, "c.txt": C})
    out = tmp_path / "out"
    brief_run(folder, out)
    assert "Kestrel" in (out / "inc" / "brief.md").read_text()
    (folder / "c.txt").unlink()
    assert brief_run(folder, out).exit_code == 0
    data = json.loads((out / "inc" / "brief.json").read_text())
    assert not any("Kestrel" in s["text"] for s in data["sentences"])
    # The reader learns the claim lost its source: it is listed as withdrawn, nowhere else.
    md = (out / "inc" / "brief.md").read_text()
    assert "Kestrel" in md.split("## ")[1] and "Kestrel" not in "## ".join(md.split("## ")[2:])
    assert "c.txt" not in {d["path"] for d in data["documents"]}
    assert all(src["path"] != "c.txt" for s in data["sentences"] for src in s["sources"])


def test_settings_models_and_code_changes_are_stale(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B})
    out = tmp_path / "out"
    brief_run(folder, out)
    assert check(folder, out, CONFIG.with_options(max_words=100)).reasons == ("setting max_words: 250 -> 100",)
    reasons = check(folder, out, CONFIG.with_options(embedder="minilm")).reasons
    assert "setting embedder: 'hashing' -> 'minilm'" in reasons
    assert any(
        r.startswith("model embedder: hashing (model-free) -> sentence-transformers/all-MiniLM-L6-v2") for r in reasons
    )
    reasons = check(folder, out, CONFIG.with_options(summariser="abstractive")).reasons
    assert any(r.startswith("model generator: none -> ") for r in reasons)
    # A different pipeline version built it: stale, though inputs and settings are the same.
    path = out / "inc" / MANIFEST
    data = json.loads(path.read_text())
    data["code"]["sources"] = "0" * 16
    data["code"]["libraries"]["numpy"] = "0.0"
    path.write_text(json.dumps(data))
    assert check(folder, out, CONFIG).reasons == (
        "code changed (pipeline/**/*.py differ from the build's)",
        f"library numpy: 0.0 -> {metadata.version('numpy')}",
    )
    result = brief_run(folder, out)
    assert result.exit_code == 0 and "up to date" not in result.stderr
    assert check(folder, out, CONFIG).up_to_date


def test_outputs_edited_or_deleted_by_hand_are_stale(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = tmp_path / "out"
    brief_run(folder, out)
    (out / "inc" / "brief.md").unlink()
    (out / "inc" / "brief.json").write_text("{}")
    assert check(folder, out, CONFIG).reasons == (
        "output brief.json was edited since it was built",
        "output brief.md is missing",
    )


def test_status_reports_each_incident_and_exits_4_when_stale(tmp_path):
    root = tmp_path / "root"
    write_incident(root / "alpha", {"a.txt": A})
    write_incident(root / "bravo", {"b.txt": B})
    out = tmp_path / "out"
    never = runner.invoke(app, ["status", str(root), "--out", str(out), *FAST])
    assert never.exit_code == EXIT_STALE and never.stdout.count("never built") == 2
    assert not out.exists()  # status runs nothing and writes nothing
    brief_run(root, out)
    fresh = runner.invoke(app, ["status", str(root), "--out", str(out), *FAST])
    assert fresh.exit_code == 0, fresh.output
    assert fresh.stdout.splitlines() == [
        f"alpha: up to date ({out / 'alpha' / 'brief.md'})",
        f"bravo: up to date ({out / 'bravo' / 'brief.md'})",
    ]
    (root / "bravo" / "b.txt").write_text(B + "It happened again.\n")
    stale = runner.invoke(app, ["status", str(root), "--out", str(out), *FAST, "--max-words", "100"])
    assert stale.exit_code == EXIT_STALE
    assert stale.stdout.splitlines()[2:] == [
        "bravo: needs a rebuild",
        "  changed b.txt",
        "  setting max_words: 250 -> 100",
    ]
    assert [v.up_to_date for v in plan([root / "alpha", root / "bravo"], out, CONFIG)] == [True, False]


def test_status_usage_errors_exit_2(tmp_path):
    result = runner.invoke(app, ["status", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such folder" in result.stderr


def test_outputs_inside_the_input_folder_are_not_read_as_articles(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    out = folder / "briefs"
    # 1: ingest lists the hidden state folder (and the link) as skipped, which is not an error
    assert brief_run(folder, out).exit_code in (0, 1)
    second = brief_run(folder, out)
    assert second.exit_code == 0 and second.stderr.startswith("up to date:")
    documents = json.loads((out / "inc" / "brief.json").read_text())["documents"]
    assert [d["path"] for d in documents if d["status"] != "skipped"] == ["a.txt"]
