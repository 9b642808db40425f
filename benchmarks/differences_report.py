"""Print every difference pipeline.stages.differences flags on an eval file (Multi-News or DUC JSON Lines).

    .venv/bin/python benchmarks/differences_report.py ../shared/eval/multinews_full_dev_28.jsonl

Each cluster's articles go to a temporary folder only while the pipeline reads them (as
`brief eval` does); nothing of the eval data is kept. Read the output and label each flagged
difference real or false in benchmarks/differences_labels.jsonl (ids and labels only, no text).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.config import Config  # noqa: E402
from pipeline.eval.data import load_clusters, write_documents  # noqa: E402
from pipeline.runtime.run import NoArticles, Pipeline, prepare_pool  # noqa: E402
from pipeline.stages.differences import find_differences  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_file", type=Path)
    ap.add_argument("--embedder", default=Config.embedder)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true", help="one JSON line per cluster instead of text")
    args = ap.parse_args()
    pipeline = Pipeline.from_config(Config(summariser="extractive", embedder=args.embedder))
    pipeline.warm_up()
    total = 0
    for cluster in load_clusters(args.eval_file, args.limit):
        with tempfile.TemporaryDirectory(prefix="brief-diff-") as tmp:
            folder = Path(tmp) / "incident"
            folder.mkdir()
            write_documents(folder, cluster.documents)
            try:
                prep = prepare_pool(folder, pipeline)
            except NoArticles as err:
                print(f"== {cluster.id}: no articles ({err})")
                continue
            # With the incident frame, as `brief run` asks: rival figures count one thing on one day.
            frame = pipeline.framer.frame(prep.corpus.documents, prep.pool, prep.pool_vectors, prep.paths)
            found = find_differences(prep.corpus.documents, prep.pool, prep.pool_vectors, frame)
        total += len(found)
        if args.json:
            print(json.dumps({"id": cluster.id, "n": len(found), "kinds": [d.kind for d in found]}))
            continue
        print(f"== {cluster.id}: {len(found)} difference(s)")
        for k, d in enumerate(found):
            print(f"  [{k}] {d.kind} {d.topic!r}{' (update)' if d.update else ''}")
            for v in d.versions:
                where = ", ".join(f"{sp.path}:{sp.start}-{sp.end}" for sp in v.sources)
                print(f"      - {v.speaker or v.number} ({v.published or 'no date'}) [{where}]: {v.text}")
        sys.stdout.flush()
    print(f"total: {total} difference(s)")


if __name__ == "__main__":
    main()
