"""One `brief run` in a fresh process, measured: shared by the benchmarks that time whole runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu: float  # user + system seconds of the child
    peak_mb: float  # peak RSS of the child (ru_maxrss: of this child alone, from wait4)
    code: int
    record: dict  # the brief's run.json


def brief_run(folder: Path, out: Path, options: list[str]) -> Run:
    """`brief run FOLDER --out OUT --force --quiet OPTIONS`; exits with the child's stderr if it failed (exit > 1)."""
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), "--force", "--quiet", *options]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block the child
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, "HF_HUB_OFFLINE": "1"}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code > 1:
            errors.seek(0)
            sys.exit(f"brief run failed ({code}): {errors.read().decode(errors='replace')[-2000:]}")
    record = json.loads((out / folder.name / "run.json").read_text())
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, record)
