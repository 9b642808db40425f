"""Generated tokens per second of the fusion step, one prompt at a time versus batched.

Runs the pipeline once on PATH to collect the real fusion prompts (with their token budgets and
stop rule), then replays them through the loaded generator at each batch size, several times.
Figures are medians; the replays are greedy, so every run writes the same tokens.

    .venv/bin/python benchmarks/bench_generate.py seeds --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default="seeds")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch-sizes", default="1,16", help="comma-separated")
    ap.add_argument("--generator", default="smollm2")
    opts = ap.parse_args()

    from pipeline.config import Config
    from pipeline.runtime.run import Pipeline, build_brief

    pipeline = Pipeline.from_config(Config(summariser="abstractive", generator=opts.generator))
    pipeline.warm_up()
    generator = pipeline.summariser.generator
    calls: list[dict] = []
    real = generator.generate

    def record(prompts, **kwargs):  # type: ignore[no-untyped-def]
        calls.append({"prompts": prompts, **kwargs})
        return real(prompts, **kwargs)

    generator.generate = record
    build_brief(Path(opts.path), pipeline)
    generator.generate = real
    call = calls[0]
    figures: dict = {"path": opts.path, "prompts": len(call["prompts"]), "cpus": os.cpu_count(), "batch": {}}
    for size in (int(s) for s in opts.batch_sizes.split(",")):
        seconds, tokens = [], 0
        for _ in range(opts.runs):
            generator.generate(call["prompts"], batch_size=size, budgets=call.get("budgets"), done=call.get("done"))
            seconds.append(generator.stats["seconds"])
            tokens = int(generator.stats["tokens"])
        median = statistics.median(seconds)
        figures["batch"][size] = {
            "tokens": tokens,
            "median_s": round(median, 2),
            "tokens_per_s": round(tokens / median, 1),
            "runs_s": [round(s, 2) for s in seconds],
        }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
