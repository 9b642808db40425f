"""A digest of every rule verdict on every sentence of the dev corpora: run it before and after a
change that must not change behaviour (a refactor of the rule table) and compare the digests.

    .venv/bin/python benchmarks/verdict_digest.py /work/shared/eval [--dump FILE]

For each sentence of every article (seeds, multinews_full_dev_28, duc2004_dev, html_dev), as the
pipeline segments it: `standalone.problem`, `opening_problem`, `lead_problem`,
`subjects.unnamed_subject`, `subject_words`, and the incident's `names.people` with each
sentence's `mentions`. Prints one sha256 per corpus and one over all. The eval files are read
from the path given and never copied (articles go to a temporary folder while read).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_corpora import incidents  # noqa: E402
from pipeline.stages.ingest import INGESTORS  # noqa: E402
from pipeline.stages.names import mentions, people, reflowed  # noqa: E402
from pipeline.stages.segment import SEGMENTERS, display  # noqa: E402
from pipeline.stages.standalone import lead_problem, opening_problem, problem  # noqa: E402
from pipeline.stages.subjects import subject_words, unnamed_subject  # noqa: E402


def verdicts(folder: Path) -> list[str]:
    corpus = INGESTORS["files"]().ingest(folder)
    segmenter = SEGMENTERS["punkt"]()
    segmenter.warm_up()
    known, full = people(reflowed(d.text for d in corpus.documents))
    lines = [json.dumps(["people", sorted(known), sorted(full.items())])]
    for doc in corpus.documents:
        for s in segmenter.segment(doc):
            t = display(s.text)
            named, bare = mentions(t, known)
            lines.append(
                json.dumps(
                    [
                        doc.path,
                        s.start,
                        problem(t),
                        opening_problem(t),
                        lead_problem(t),
                        unnamed_subject(t),
                        sorted(subject_words(t)),
                        sorted(named),
                        sorted(bare),
                    ]
                )
            )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", type=Path)
    ap.add_argument("--dump", type=Path, help="write every verdict line here (to diff two runs)")
    args = ap.parse_args()
    digests: dict[str, hashlib._Hash] = {}
    total = hashlib.sha256()
    counts: dict[str, int] = {}
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for corpus, ident, write in incidents(args.eval_dir, 0, 0):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "incident"
            folder.mkdir()
            write(folder)
            lines = verdicts(folder)
        h = digests.setdefault(corpus, hashlib.sha256())
        for line in lines:
            h.update(line.encode("utf-8") + b"\n")
            total.update(line.encode("utf-8") + b"\n")
            if dump:
                dump.write(f"{corpus}\t{ident}\t{line}\n")
        counts[corpus] = counts.get(corpus, 0) + len(lines)
    for corpus, h in digests.items():
        print(f"{corpus}: {counts[corpus]} lines, sha256 {h.hexdigest()[:16]}")
    print(f"all: sha256 {total.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
