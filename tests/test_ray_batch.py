"""`brief run ROOT --ray`: the serial run's briefs, byte for byte, from a local Ray or a two-node
cluster on this machine; a broken incident fails alone; without --ray, Ray is never imported."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from importlib.util import find_spec

import pytest
from conftest import ROOT, write_incident
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.runtime.ray_batch import INSTALL_HINT, Outcome, attempt
from pipeline.runtime.run import StageError

# Read when Ray is first imported, whichever test does it: no usage report, and the clusters of
# these tests listen on 127.0.0.1 only (what `brief run --ray` sets for its own local Ray).
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")

needs_ray = pytest.mark.skipif(find_spec("ray") is None, reason="the ray extra is not installed")
runner = CliRunner()
FAST = ["--embedder", "hashing", "--summariser", "extractive"]
# Three made-up incidents; each has two reports of the same event.
HARBOUR = (
    "A cargo ship ran aground at the mouth of Pellham harbour early on Monday, blocking the channel.\n"
    "The port authority said no one was hurt and tugs would try to free the ship at high tide.\n"
    "Fishing boats were told to stay in port until the channel reopens.\n"
)
HARBOUR_2 = (
    "The cargo ship Marlow Star grounded at the entrance to Pellham harbour on Monday morning.\n"
    "Nobody was injured, according to the port authority, which has sent two tugs.\n"
)
ORCHARD = (
    "A hailstorm destroyed most of the apple crop in the Verrin valley on Saturday afternoon.\n"
    "Growers said the stones were the size of walnuts and fell for twenty minutes.\n"
)
ORCHARD_2 = (
    "Hail the size of walnuts fell on the Verrin valley for twenty minutes on Saturday.\n"
    "Farmers estimate that four fifths of this year's apples are lost.\n"
    "The regional council will meet on Tuesday to discuss emergency aid.\n"
)
LIBRARY = (
    "The old city library in Tarnow reopened on Wednesday after a four-year restoration.\n"
    "The mayor said the reading room had been rebuilt with the original oak shelves.\n"
)
LIBRARY_2 = (
    "Tarnow's city library opened its doors again on Wednesday, four years after a fire closed it.\n"
    "Visitors queued for an hour to see the restored reading room.\n"
)


def _batch(root):
    write_incident(root / "harbour", {"a.txt": HARBOUR, "b.txt": HARBOUR_2})
    write_incident(root / "orchard", {"a.txt": ORCHARD, "b.txt": ORCHARD_2, "scan.txt": b"\x00\x01PK\x03" * 40})
    write_incident(root / "library", {"a.txt": LIBRARY, "b.md": LIBRARY_2})
    return root


def _run(root, out, *extra):
    return runner.invoke(app, ["run", str(root), "--out", str(out), *FAST, *extra])


def _same_briefs(a, b, names):
    for name in names:
        for f in ("brief.json", "brief.md"):
            assert (a / name / f).read_bytes() == (b / name / f).read_bytes(), f"{name}/{f} differs"
        assert json.loads((a / name / "brief.json").read_text())["sentences"]


@pytest.fixture(scope="module", autouse=True)
def ray_imported_outside_the_runner():
    """Ray's log handler keeps the sys.stderr of the moment Ray is imported; imported first inside
    CliRunner.invoke, it would write to that invocation's closed stream ever after."""
    if find_spec("ray") is not None:
        import ray  # noqa: F401


@pytest.fixture(scope="module")
def cluster():
    """Two Ray nodes of one CPU each on this machine, started once for the module."""
    if find_spec("ray") is None:
        pytest.skip("the ray extra is not installed")
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    c.add_node(num_cpus=1)
    c.wait_for_nodes()
    yield c
    c.shutdown()


@needs_ray
def test_local_ray_builds_the_serial_briefs(tmp_path):
    root = _batch(tmp_path / "root")
    serial = _run(root, tmp_path / "serial", "--quiet")
    on_ray = _run(root, tmp_path / "ray", "--quiet", "--ray", "--ray-workers", "2")
    assert serial.exit_code == on_ray.exit_code == 1, on_ray.output  # scan.txt was skipped
    _same_briefs(tmp_path / "serial", tmp_path / "ray", ["harbour", "orchard", "library"])
    paths = sorted(line.replace("serial", "ray") for line in serial.stdout.split())
    assert sorted(on_ray.stdout.split()) == paths
    assert "skipped orchard/scan.txt" in on_ray.stderr
    assert "Traceback" not in on_ray.output and "INFO" not in on_ray.stderr  # Ray's own logs stay out


@needs_ray
def test_a_two_node_cluster_builds_the_briefs_and_a_broken_incident_fails_alone(tmp_path, cluster):
    root = _batch(tmp_path / "root")
    write_incident(root / "broken", {"scan.txt": b"\x00\x01\x02PK\x03\x04" * 50})  # no readable article
    serial = _run(root, tmp_path / "serial")
    on_ray = _run(root, tmp_path / "ray", "--ray-address", cluster.address, "--verbose")
    assert serial.exit_code == on_ray.exit_code == 3, on_ray.output
    _same_briefs(tmp_path / "serial", tmp_path / "ray", ["harbour", "orchard", "library"])
    assert not (tmp_path / "ray" / "broken").exists()
    assert f"error: {root / 'broken'}: no readable article" in on_ray.stderr  # the path as given, not a worker's
    assert "1 of 4 incidents failed: broken" in on_ray.stderr
    assert "ray worker 1: node 127.0.0.1" in on_ray.stderr and "Traceback" not in on_ray.output
    # Published by the driver with the same manifest: the serial command finds them up to date.
    again = _run(root, tmp_path / "ray")
    assert "up to date: 3 of 4 incidents" in again.stderr


def test_without_ray_nothing_imports_it_even_with_ray_when_up_to_date(tmp_path):
    """A serial run, then an up-to-date --ray run, in fresh interpreters: neither imports Ray."""
    root = _batch(tmp_path / "root")
    probe = (
        "import sys\nfrom pipeline.cli import main\nsys.argv = ['brief'] + sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit as e:\n"
        "    print('RAY=' + str('ray' in sys.modules), file=sys.stderr)\n    raise\n"
    )
    base = [sys.executable, "-c", probe, "run", str(root), "--out", str(tmp_path / "out"), *FAST]
    built = subprocess.run(base, capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 1, built.stderr  # built; scan.txt was skipped
    assert built.stderr.strip().splitlines()[-1] == "RAY=False", built.stderr
    if find_spec("ray"):
        fresh = subprocess.run([*base, "--ray"], capture_output=True, text=True, cwd=ROOT)
        assert fresh.returncode == 0 and "up to date: 3 of 3 incidents" in fresh.stderr, fresh.stderr
        assert fresh.stderr.strip().splitlines()[-1] == "RAY=False", fresh.stderr


def test_ray_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # find_spec("ray") is None, as without the package
    result = _run(_batch(tmp_path / "root"), tmp_path / "out", "--ray")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: --ray needs Ray; {INSTALL_HINT}"
    assert not (tmp_path / "out").exists()


@needs_ray
def test_a_cluster_that_does_not_answer_fails_fast_with_exit_2(tmp_path):
    result = _run(_batch(tmp_path / "root"), tmp_path / "out", "--ray-address", "127.0.0.1:1")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: cannot reach the Ray cluster at 127.0.0.1:1")
    assert not (tmp_path / "out" / "harbour").exists()


def test_an_outcome_says_what_failed_and_survives_pickling():
    def boom():
        raise StageError("segment", "RuntimeError: segmenter blew up")

    outcome = pickle.loads(pickle.dumps(attempt("alpha", boom)))
    assert outcome == Outcome(
        "alpha", "stage", "stage 'segment' failed: RuntimeError: segmenter blew up", trace=outcome.trace
    )
    assert outcome.failed and "Traceback" in outcome.trace
    assert attempt("b", lambda: 1 / 0).message == "ZeroDivisionError: division by zero"
