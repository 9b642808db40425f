"""Wall time of a batch: `brief run ROOT` (one process) against `brief run ROOT --ray --ray-workers N`.

Builds a batch in a temporary folder outside the project, one incident folder per record of
the evaluation files (`documents` written as doc_0.txt, doc_1.txt, ...; the records of
multinews_full_dev_28.jsonl and duc2004_dev.jsonl taken in turn, 61 in all), deleted
afterwards. Each run is a fresh `brief run --force` process, as a user starts it, so Ray's
start-up, the workers' model loading and Ray's shutdown all count. For each summariser it
reports the wall time of both, the speed-up, whether every brief.json and brief.md of the Ray
run is byte-identical to the serial run's, the peak RSS of the serial process (os.wait4) and of
each Ray worker (reported by the worker, `brief run --verbose`), and the load average before
each run (the CPU may be shared: compare figures taken under the same load).

    .venv/bin/python benchmarks/bench_ray.py /work/shared/eval --summariser extractive
    .venv/bin/python benchmarks/bench_ray.py /work/shared/eval --summariser abstractive --limit 20
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ("multinews_full_dev_28.jsonl", "duc2004_dev.jsonl")
WORKER_LINE = re.compile(r"ray worker \d+: node (\S+), pid (\d+), (\d+) incidents, peak RSS (\d+) MB")


def build_batch(eval_dir: Path, root: Path, limit: int | None) -> int:
    """One incident folder per record, the files' records taken in turn; the number written."""
    streams = []
    for name in FILES:
        with open(eval_dir / name, encoding="utf-8") as fh:
            streams.append([json.loads(line) for line in fh if line.strip()])
    records = [r for group in zip_longest(*streams) for r in group if r is not None][:limit]
    for i, record in enumerate(records):
        folder = root / f"{i:03d}-{re.sub(r'[^A-Za-z0-9_.-]', '_', str(record.get('id', i)))}"
        folder.mkdir(parents=True)
        for j, text in enumerate(record["documents"]):
            (folder / f"doc_{j}.txt").write_text(text, encoding="utf-8")
    return len(records)


def one_run(root: Path, out: Path, options: list[str], env: dict | None = None) -> dict:
    """Wall time, exit code, peak RSS (this process; each Ray worker) of one `brief run` process."""
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(root), "--out", str(out), "--force", "--quiet", *options]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block the child
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    load_after = os.getloadavg()[0]
    if code > 1:
        sys.exit(f"brief run {' '.join(options)} failed ({code}):\n{stderr[-3000:]}")
    workers = [
        {"node": m[1], "pid": int(m[2]), "incidents": int(m[3]), "peak_rss_mb": int(m[4])}
        for m in WORKER_LINE.finditer(stderr)
    ]
    return {
        "seconds": round(seconds, 2),
        "exit": code,
        "load_before": round(load, 2),
        "load_after": round(load_after, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "workers": workers,
    }


def compare(a: Path, b: Path) -> dict:
    """Incidents whose brief.json / brief.md differ between two output folders, and whether both
    were built by the same code (manifest.json: a hash of pipeline/*.py; an edit between the two
    runs would explain a difference that Ray does not)."""
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    differ = {
        f: [n for n in names if (a / n / f).read_bytes() != (b / n / f).read_bytes()]
        for f in ("brief.json", "brief.md")
    }
    code = {
        json.loads((folder / n / "manifest.json").read_text())["code"]["sources"] for folder in (a, b) for n in names
    }
    return {
        "incidents": len(names),
        "identical": not any(differ.values()),
        "differ": differ,
        "same_code": len(code) == 1,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", type=Path, help="the folder holding " + " and ".join(FILES))
    ap.add_argument(
        "--summariser",
        action="append",
        choices=("extractive", "abstractive"),
        help="repeat for both (default: extractive, then abstractive)",
    )
    ap.add_argument("--limit", type=int, help="only the first N incidents")
    ap.add_argument("--workers", type=int, default=2, help="--ray-workers (default 2)")
    ap.add_argument("--runs", type=int, default=1, help="runs of each, alternating serial and Ray; medians")
    ap.add_argument(
        "--serial-threads",
        type=int,
        help="OMP_NUM_THREADS of the serial run (default: torch's own, one per core; each Ray worker has 1)",
    )
    ap.add_argument("--json", type=Path, help="also write the figures here")
    opts = ap.parse_args()
    figures = {
        "cpus": os.cpu_count(),
        "workers": opts.workers,
        "runs": opts.runs,
        "serial_threads": opts.serial_threads or "default",
        "results": [],
    }
    serial_env = {"OMP_NUM_THREADS": str(opts.serial_threads)} if opts.serial_threads else None
    tmp = Path(tempfile.mkdtemp(prefix="brief-bench-ray-"))
    try:
        figures["incidents"] = build_batch(opts.eval_dir, tmp / "batch", opts.limit)
        for summariser in opts.summariser or ["extractive", "abstractive"]:
            serial, ray = [], []
            for _ in range(opts.runs):
                serial.append(one_run(tmp / "batch", tmp / "serial", ["--summariser", summariser], serial_env))
                ray.append(
                    one_run(
                        tmp / "batch",
                        tmp / "ray",
                        ["--summariser", summariser, "--ray", "--ray-workers", str(opts.workers), "--verbose"],
                    )
                )
            s = statistics.median(r["seconds"] for r in serial)
            r = statistics.median(r["seconds"] for r in ray)
            result = {
                "summariser": summariser,
                "serial_s": s,
                "ray_s": r,
                "speedup": round(s / r, 2),
                "same_bytes": compare(tmp / "serial", tmp / "ray"),
                "serial_peak_rss_mb": max(x["peak_rss_mb"] for x in serial),
                "ray_worker_peak_rss_mb": [w["peak_rss_mb"] for w in ray[-1]["workers"]],
                "serial_runs": serial,
                "ray_runs": ray,
            }
            figures["results"].append(result)
            print(json.dumps({k: v for k, v in result.items() if not k.endswith("_runs")}), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    if opts.json:
        opts.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
