"""Wall time and peak memory of `brief run` on a folder with a 50 MB article and bad files.

Builds, in a temporary folder, the demo seeds plus a 50 MB text file (distinct news-like
sentences, so that the whole 200,000-character head the pipeline keeps is real work for
segmenting, embedding and clustering) and a handful of bad files (binary, empty, a 100,000-
character line without punctuation, a hidden file). Each run is a fresh `brief run --force`
process; peak memory is that child's maximum resident set size (os.wait4). Prints the median
and range over the runs, and exits 1 if the median peak is over the 2 GB budget.

    .venv/bin/python benchmarks/bench_bad_input.py --runs 3
    .venv/bin/python benchmarks/bench_bad_input.py --runs 3 --embedder hashing --size-mb 200
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _process import brief_run

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 2048
WORDS = (
    "army ministry officials said strike town soldiers killed wounded Thursday Friday region talks "
    "minister border forces convoy hospital witnesses reported attack investigation ceasefire aid "
    "government spokesman villagers police rescue teams bridge market river airport"
).split()


def build_folder(root: Path, size_mb: int) -> Path:
    folder = root / "incident"
    shutil.copytree(ROOT / "seeds", folder)
    rng = random.Random(0)
    with open(folder / "huge.txt", "w", encoding="utf-8") as fh:
        written, target = 0, size_mb * 1_000_000
        while written < target:
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + ".\n"
            written += fh.write(line)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "oneline.txt").write_text("word " * 20_000)
    (folder / ".hidden.txt").write_text("Hidden. Skipped.")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--summariser", default="extractive")
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    options = ["--summariser", args.summariser, "--embedder", args.embedder]
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_folder(Path(tmp), args.size_mb)
        size = (folder / "huge.txt").stat().st_size
        print(f"folder: {len(list(folder.iterdir()))} files, huge.txt {size:,} bytes; options: {' '.join(options)}")
        results = []
        for i in range(args.runs):
            run = brief_run(folder, Path(tmp) / f"out{i}", options)
            seconds, peak, code, timings = run.seconds, run.peak_mb, run.code, run.record.get("timings", {})
            results.append((seconds, peak))
            stages = ", ".join(f"{k} {v:.2f}" for k, v in timings.items() if not k.startswith("warm_up"))
            print(f"run {i + 1}: {seconds:6.2f} s  peak {peak:7.0f} MB  exit {code}  ({stages})")
    times, peaks = [r[0] for r in results], [r[1] for r in results]
    print(
        f"median of {args.runs}: {statistics.median(times):.2f} s (range {min(times):.2f}-{max(times):.2f}), "
        f"peak RSS {statistics.median(peaks):.0f} MB (range {min(peaks):.0f}-{max(peaks):.0f}); budget {BUDGET_MB} MB"
    )
    sys.exit(0 if statistics.median(peaks) <= BUDGET_MB else 1)


if __name__ == "__main__":
    main()
