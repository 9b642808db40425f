"""Wall time and peak memory of `brief run --summariser extractive` on big incidents (issue 15).

Builds each incident in a temporary folder outside the project from the dev corpora's articles
(EVAL_DIR/multinews_dev_50.jsonl, multinews_full_dev_28.jsonl, duc2004_dev.jsonl: about 540
distinct articles), reused cyclically to reach the size asked for. Copy k > 0 of an article is
made distinct so that dedupe does not merge it away: in every sentence, about a third of the
words longer than three letters (never a number) are swapped for other words of the same
article, chosen by a seeded random generator, which puts the copy's sentences under dedupe's 0.8
word Jaccard to the original and to each other while they stay near it in meaning (as outlets
rewording one wire story do). Each size runs in a fresh process; peak memory is that child's
maximum resident set size and its CPU time, user + system (os.wait4), which says more than
wall time on a shared machine. The machine load (1-minute load average) is printed with
each figure, since other work shares the cores.

    .venv/bin/python benchmarks/bench_big.py /work/shared/eval --articles 200 1000 2000
    .venv/bin/python benchmarks/bench_big.py /work/shared/eval --articles 2000 --embedder hashing
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

from _process import brief_run

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 2048
BUDGET_S = 180
CORPORA = ("multinews_dev_50.jsonl", "multinews_full_dev_28.jsonl", "duc2004_dev.jsonl")
TOKEN = re.compile(r"[A-Za-z]{4,}")
SWAP_SHARE = 1 / 3


def articles(eval_dir: Path) -> list[str]:
    out = []
    for name in CORPORA:
        path = eval_dir / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            out.extend(d.strip() for d in json.loads(line)["documents"] if d.strip())
    if not out:
        sys.exit(f"no articles found in {eval_dir} (expected {', '.join(CORPORA)})")
    return out


def variant(text: str, copy: int) -> str:
    """Copy 0 is the article itself; copy k rewords it (SWAP_SHARE of its long words swapped)."""
    if copy == 0:
        return text
    rng = random.Random(copy * 1_000_003 + len(text))
    vocab = sorted({w.lower() for w in TOKEN.findall(text)}) or ["report"]

    def swap(m: re.Match) -> str:
        return rng.choice(vocab) if rng.random() < SWAP_SHARE else m.group(0)

    return TOKEN.sub(swap, text)


def build(folder: Path, pool: list[str], n: int) -> int:
    folder.mkdir(parents=True)
    chars = 0
    for i in range(n):
        text = variant(pool[i % len(pool)], i // len(pool))
        chars += (folder / f"a{i:05d}.txt").write_text(text + "\n", encoding="utf-8")
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--articles", type=int, nargs="+", default=[200, 1000, 2000])
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    pool = articles(args.eval_dir)
    options = ["--summariser", "extractive", "--embedder", args.embedder]
    print(f"{len(pool)} distinct articles; options: {' '.join(options)}")
    print(
        "| articles | chars | sentences | content | clusters | wall s | CPU s | peak RSS MB "
        "| load (1 min) | stages (s) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    within = True
    with tempfile.TemporaryDirectory(prefix="bench_big_") as tmp:
        for n in args.articles:
            folder = Path(tmp) / f"incident{n}"
            chars = build(folder, pool, n)
            load_before = os.getloadavg()[0]
            run = brief_run(folder, Path(tmp) / f"out{n}", options)
            seconds, cpu, peak, record = run.seconds, run.cpu, run.peak_mb, run.record
            load = max(load_before, os.getloadavg()[0])
            counts = record.get("counts", {})
            stages = ", ".join(
                f"{k} {v:.1f}" for k, v in record.get("timings", {}).items() if not k.startswith("warm_up")
            )
            print(
                f"| {n:,} | {chars:,} | {counts.get('n_sentences', 0):,} | {counts.get('n_content', 0):,} | "
                f"{counts.get('n_clusters', 0):,} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {load:.2f} | "
                f"{stages} |",
                flush=True,
            )
            within = within and peak <= BUDGET_MB and seconds <= BUDGET_S
            brief = json.loads((Path(tmp) / f"out{n}" / folder.name / "brief.json").read_text())
            cut = [f["path"] for f in brief.get("documents", []) if f.get("status") != "used" or f.get("warnings")]
            if cut:
                print(f"  note: {len(cut)} files skipped or with warnings (e.g. {', '.join(cut[:3])})")
            shutil.rmtree(folder, ignore_errors=True)
    print(f"budget: {BUDGET_MB} MB and {BUDGET_S} s per run (2,000 articles)")
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()
