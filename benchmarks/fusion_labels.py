"""Build the default briefs of an eval file (or an incident folder) for a person to read each fused
sentence beside its sources, and check a labels file against them (issue 12).

    .venv/bin/python benchmarks/fusion_labels.py seeds --out /tmp/fusion/seeds
    .venv/bin/python benchmarks/fusion_labels.py /work/shared/eval/multinews_full_dev_28.jsonl \\
        --limit 10 --words 230 --out /tmp/fusion/mn
    .venv/bin/python benchmarks/fusion_labels.py /work/shared/eval/duc2004_dev.jsonl \\
        --limit 10 --words 100 --out /tmp/fusion/duc
    .venv/bin/python benchmarks/fusion_labels.py --check benchmarks/fusion_labels.jsonl /tmp/fusion/*

Each brief is built as `brief eval` builds it (pipeline.eval.evaluate: the articles written as
doc_0.txt, ... to a temporary folder, the default abstractive summariser, the same word limit).
`--out` must lie outside the project: eval text is never copied into it. Under OUT/<cluster id>/
go brief.json, the articles, and review.txt: every fused sentence with the source sentences its
verification compared it with (the spans attribution cites) and what was rejected on the way.

The labels file holds one JSON object per fused sentence: {"corpus", "cluster", "sentence"
(index in the brief), "sha1" (of the sentence, first 12 hex digits), "label" ("faithful" or
"unfaithful"), "reason"}, and no source text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(source: Path, out: Path, limit: int | None, words: int) -> None:
    from pipeline.config import DEFAULT_SUMMARISER, Config
    from pipeline.eval.data import load_clusters, write_documents
    from pipeline.runtime.run import Pipeline, run_incident

    if out.resolve().is_relative_to(ROOT):
        sys.exit(f"--out {out} is inside the project; eval text must stay outside it")
    pipeline = Pipeline.from_config(Config().with_options(summariser=DEFAULT_SUMMARISER, max_words=words))
    pipeline.warm_up()
    if source.is_dir():
        incidents = [(source.name, source)]
        _, folder = run_incident(source, out, pipeline)
        review(folder, source)
    else:
        incidents = []
        for cluster in load_clusters(source, limit):
            with tempfile.TemporaryDirectory(prefix="fusion-") as tmp:
                folder = Path(tmp) / cluster.id
                folder.mkdir()
                write_documents(folder, cluster.documents)
                _, written = run_incident(folder, out, pipeline)
                write_documents(written, cluster.documents)  # beside the brief, outside the project
                review(written, written)
            incidents.append((cluster.id, written))
    fused = total = 0
    for name, _ in incidents:
        data = json.loads((out / name / "brief.json").read_text(encoding="utf-8"))
        total += len(data["sentences"])
        fused += sum(s["method"] == "fused" for s in data["sentences"])
    print(f"{source}: {fused} of {total} sentences fused ({fused / max(total, 1):.0%}); review under {out}")


def review(folder: Path, articles: Path) -> None:
    data = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    lines = []
    for i, s in enumerate(data["sentences"]):
        if s["method"] != "fused":
            continue
        lines.append(f"[{i}] {s['text']}")
        for src in s["sources"]:
            text = (articles / src["path"]).read_text(encoding="utf-8")[src["start"] : src["end"]]
            lines.append(f"    {src['path']}: {' '.join(text.split())}")
        for r in s.get("rejected", []):
            lines.append(f"    rejected: {r['candidate']} ({r['reason']})")
        lines.append("")
    (folder / "review.txt").write_text("\n".join(lines), encoding="utf-8")


def sentence_hash(text: str) -> str:
    """Ties a label to the sentence that was read without keeping its text: a later change that
    writes another sentence at the same index shows up as unlabelled."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def check(labels: Path, outs: list[Path]) -> None:
    """Which fused sentences of the built briefs have a label (same cluster, same text hash), and
    the counts per corpus."""
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    # A label follows its sentence by hash: a sentence that moved to another index is the one read.
    known = {(r["cluster"], r["sha1"]): r for r in rows}
    counts: Counter = Counter()
    for out in outs:
        for brief in sorted(out.glob("*/brief.json")):
            cluster = brief.parent.name
            sentences = json.loads(brief.read_text(encoding="utf-8"))["sentences"]
            counts[(out.name, "sentences")] += len(sentences)
            for i, s in enumerate(sentences):
                if s["method"] != "fused":
                    continue
                row = known.get((cluster, sentence_hash(s["text"])))
                counts[(out.name, row["label"] if row else "unlabelled")] += 1
                if row is None:
                    print(f"unlabelled: {cluster} [{i}] {sentence_hash(s['text'])} {s['text']}")
    for (corpus, key), n in sorted(counts.items()):
        print(f"{corpus}: {key} {n}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "source", nargs="*", type=Path, help="a JSON Lines eval file or an incident folder; with --check, OUT folders"
    )
    ap.add_argument("--out", type=Path, help="where briefs and articles go (outside the project)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--words", type=int, default=250, help="the brief's word limit (brief eval: 230 Multi-News, 100 DUC)"
    )
    ap.add_argument("--check", type=Path, help="a labels file: report which fused sentences it labels")
    args = ap.parse_args()
    if args.check:
        check(args.check, args.source)
    elif len(args.source) == 1 and args.out:
        build(args.source[0], args.out, args.limit, args.words)
    else:
        ap.error("give one SOURCE and --out, or --check LABELS OUT...")


if __name__ == "__main__":
    main()
