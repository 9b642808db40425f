"""Briefs on every dev corpus, and the automatic standalone check over them.

    .venv/bin/python benchmarks/bench_corpora.py /work/shared/eval --out /tmp/corpora [--limit 10]
        [--summariser extractive|abstractive] [--html-limit 30]

Corpora: the seeds; `multinews_full_dev_28.jsonl` (230 words, as `brief eval`);
`duc2004_dev.jsonl` (wire copy as written, 100 words, the DUC budget); `html_dev/` (real saved
pages, each page its own one-article incident, 150 words). The eval files are read from the
path given; each cluster's articles go to a temporary folder only while they are read, never
into the project. Prints, per corpus: briefs, sentences, words per brief, share fused, sentences
the automatic check (pipeline.stages.standalone) rejects and those that do not start and end like a
sentence; writes every brief to OUT/briefs-<corpus>.md for reading, and OUT/corpora.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import Config  # noqa: E402
from pipeline.eval.data import load_clusters, write_documents  # noqa: E402
from pipeline.runtime.run import NoArticles, Pipeline, StageError, build_brief  # noqa: E402
from pipeline.stages.names import reflowed, surnames  # noqa: E402
from pipeline.stages.standalone import SENTENCE_END, SENTENCE_START, brief_problems  # noqa: E402

BUDGETS = {"seeds": 250, "multinews": 230, "duc2004": 100, "html": 150}


def incidents(eval_dir: Path, limit: int, html_limit: int):
    """(corpus, id, writer) for each incident; the writer fills a folder with its articles."""
    yield (
        "seeds",
        "seeds",
        lambda folder: [(folder / p.name).write_bytes(p.read_bytes()) for p in (ROOT / "seeds").iterdir()],
    )
    for corpus, name in (("multinews", "multinews_full_dev_28.jsonl"), ("duc2004", "duc2004_dev.jsonl")):
        for c in load_clusters(eval_dir / name, limit or None):
            yield corpus, c.id, (lambda folder, docs=c.documents: write_documents(folder, docs))
    pages = sorted((eval_dir / "html_dev").glob("*.html"))[: html_limit or None]
    for page in pages:
        yield "html", page.stem, (lambda folder, p=page: (folder / p.name).write_bytes(p.read_bytes()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0, help="clusters per JSONL corpus (0: all)")
    ap.add_argument("--html-limit", type=int, default=0, help="pages of html_dev (0: all)")
    ap.add_argument("--summariser", default="extractive")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pipelines: dict[int, Pipeline] = {}
    stats: dict[str, dict] = {}
    briefs: dict[str, list[str]] = {}
    for corpus, ident, write in incidents(args.eval_dir, args.limit, args.html_limit):
        words = BUDGETS[corpus]
        if words not in pipelines:
            pipelines[words] = Pipeline.from_config(Config(summariser=args.summariser, max_words=words))
            pipelines[words].warm_up()
        s = stats.setdefault(
            corpus,
            {
                "briefs": 0,
                "failed": 0,
                "sentences": 0,
                "words": 0,
                "fused": 0,
                "not_standalone": 0,
                "not_sentence": 0,
                "seconds": 0.0,
                "examples": [],
            },
        )
        with tempfile.TemporaryDirectory(prefix="bench-corpora-") as tmp:
            folder = Path(tmp) / ident
            folder.mkdir()
            write(folder)
            t = time.perf_counter()
            try:
                brief = build_brief(folder, pipelines[words])
            except (NoArticles, StageError) as err:
                s["failed"] += 1
                briefs.setdefault(corpus, []).append(f"## {ident}\n\n(no brief: {err})\n")
                continue
            s["seconds"] += time.perf_counter() - t
            # Who is a person: read from the articles' text, as evaluate does.
            ingested = pipelines[words].ingestor.ingest(folder)
            known = surnames(reflowed(d.text for d in ingested.documents))
        s["briefs"] += 1
        lines = [f"## {ident}", ""]
        reasons = brief_problems([sent.text for sent in brief.sentences], known)
        for k, (sent, why) in enumerate(zip(brief.sentences, reasons)):
            s["sentences"] += 1
            s["words"] += len(sent.text.split())
            s["fused"] += sent.method == "fused"
            if why:
                s["not_standalone"] += 1
                s["examples"].append({"id": ident, "sentence": k, "reason": why})
            if not (SENTENCE_START.match(sent.text) and SENTENCE_END.search(sent.text)):
                s["not_sentence"] += 1
            mark = "" if not why else f"  <!-- {why} -->"
            lines.append(f"{k}. [{sent.method}] {sent.text}{mark}")
        briefs.setdefault(corpus, []).append("\n".join(lines) + "\n")
        print(f"{corpus} {ident}: {len(brief.sentences)} sentences", file=sys.stderr)
    print(
        f"{'corpus':10} {'briefs':>6} {'failed':>6} {'sent.':>6} {'words/brief':>11} {'fused':>6} "
        f"{'not standalone':>14} {'not a sentence':>14} {'s/brief':>8}"
    )
    for corpus, s in stats.items():
        n = max(s["briefs"], 1)
        print(
            f"{corpus:10} {s['briefs']:6} {s['failed']:6} {s['sentences']:6} {s['words'] / n:11.0f} "
            f"{s['fused'] / max(s['sentences'], 1):6.0%} {s['not_standalone']:14} {s['not_sentence']:14} "
            f"{s['seconds'] / n:8.2f}"
        )
    for corpus, texts in briefs.items():
        (args.out / f"briefs-{corpus}.md").write_text("\n".join(texts), encoding="utf-8")
    (args.out / "corpora.json").write_text(
        json.dumps({"summariser": args.summariser, "corpora": stats}, indent=2) + "\n"
    )
    print(f"briefs: {args.out}/briefs-*.md", file=sys.stderr)


if __name__ == "__main__":
    main()
