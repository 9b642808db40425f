"""Wall time and peak memory of `brief run` as a user runs it: one fresh process per run.

Three figures, each a median over several runs:
- cold: a fresh `brief run` process (imports, model loading, the run). The first run is also
  reported alone (pass --cold-cache to empty models/cache first: the embedded generator is
  then converted again).
- warm: one process that has loaded its models (as `brief watch` and batch runs do) runs the
  incident again; the median of those runs.
Peak memory is each child's maximum resident set size (os.wait4), so imports count too.

    .venv/bin/python benchmarks/bench_run.py --runs 5 --summariser extractive
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one `brief run` process."""
    cmd = [sys.executable, "-m", "pipeline.cli", "run", *args, "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "HF_HUB_OFFLINE": "1"}
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code > 1:
        sys.exit(f"brief run failed ({code}): {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, code


WARM = """
import json, statistics, sys, tempfile, time
from pathlib import Path
from pipeline.config import Config
from pipeline.runtime.run import Pipeline, run_incident
path, runs, options = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
pipeline = Pipeline.from_config(Config().with_options(**options))
pipeline.warm_up()
times, stats = [], []
with tempfile.TemporaryDirectory() as out:
    for _ in range(runs):
        t = time.perf_counter()
        run_incident(Path(path), Path(out), pipeline)
        times.append(time.perf_counter() - t)
        stats.append(dict(getattr(pipeline.summariser, "stats", {}) or {}))
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"times": times, "peak_mb": peak, "generator_stats": stats[-1]}))
"""


def warm_runs(path: str, runs: int, options: dict) -> tuple[list[float], float, dict]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WARM, path, str(runs), json.dumps(options)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    out, errs = proc.communicate()
    if proc.returncode:
        sys.exit(f"warm runs failed: {errs.decode()[-2000:]}")
    data = json.loads(out.decode().strip().splitlines()[-1])
    return data["times"], data["peak_mb"], data["generator_stats"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default="seeds")
    ap.add_argument("--runs", type=int, default=5, help="runs in all (the first is the cold one)")
    ap.add_argument("--summariser", default=None)
    ap.add_argument("--cold-cache", action="store_true", help="delete models/cache before the first run")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("extra", nargs=argparse.REMAINDER, help="more `brief run` options after --")
    opts = ap.parse_args()
    if opts.cold_cache:
        shutil.rmtree(ROOT / "models" / "cache", ignore_errors=True)
    with tempfile.TemporaryDirectory() as out:
        # --force: each run builds; otherwise the second would find the brief up to date.
        args = [
            opts.path,
            "--out",
            out,
            "--force",
            *(["--summariser", opts.summariser] if opts.summariser else []),
            *[a for a in opts.extra if a != "--"],
        ]
        runs = [one_run(args) for _ in range(opts.runs)]
    options = {"summariser": opts.summariser} if opts.summariser else {}
    warm, warm_peak, gen_stats = warm_runs(opts.path, opts.runs, options)
    figures = {
        "path": opts.path,
        "summariser": opts.summariser or "default",
        "runs": len(runs),
        "cpus": os.cpu_count(),
        "first_process_s": round(runs[0][0], 2),
        "cold_process_median_s": round(statistics.median(r[0] for r in runs), 2),
        "warm_median_s": round(statistics.median(warm), 2),
        "peak_rss_mb_cold_max": round(max(r[1] for r in runs), 1),
        "peak_rss_mb_warm": round(warm_peak, 1),
        "process_s": [round(r[0], 2) for r in runs],
        "warm_s": [round(t, 2) for t in warm],
        "generator": gen_stats,
    }
    print(json.dumps(figures, indent=2))
    if opts.json:
        opts.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
