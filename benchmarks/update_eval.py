"""What changed, measured like the update task of TAC 2008 (issue 27, item 4).

    .venv/bin/python benchmarks/update_eval.py build ../shared/eval/duc2004_dev.jsonl --work /tmp/update
    .venv/bin/python benchmarks/update_eval.py show --work /tmp/update          # read the changes
    .venv/bin/python benchmarks/update_eval.py score --work /tmp/update         # against the labels

`build`: for each cluster with at least 6 articles, not put aside (benchmarks/put_aside.json; with
`--put-aside`, only those, to be read once after a change tuned on the others), the
brief of the first half of its articles (file order: DUC gives no dates) is published into
WORK/out/<id>, then the brief of all of them, as `brief run` would on a folder that grew. The
articles stay in a temporary folder only while the pipeline reads them; the briefs (which quote
them) stay under WORK, outside the project. `show` prints, per cluster, every statement of the
second brief with its best support by the first brief's statements and whether it was reported
new, and every updated and withdrawn item, for reading. `score` reads
benchmarks/update_labels.jsonl (ids, labels and reasons; no source text) and prints:

- precision: the share of reported `new` items that are truly new (the first brief did not state
  that fact);
- recall: the share of the facts the added articles brought that the second brief states and
  reports as new;
- the same two at other thresholds than SAME_FACT, from the same labels, which is how it was chosen.

Item ids are `<cluster>:<kind><index>:<hash>` with the hash of the statement's text, so a label
still names its statement after a rebuild and is dropped when the text changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.config import Config  # noqa: E402
from pipeline.eval.data import load_clusters  # noqa: E402

HERE = Path(__file__).resolve().parent
LABELS = HERE / "update_labels.jsonl"
MIN_ARTICLES = 6


def put_aside() -> set[str]:
    found = json.loads((HERE / "put_aside.json").read_text())
    return {i for k, v in found.items() if k != "why" and isinstance(v, list) for i in v}


def build(args: argparse.Namespace) -> None:
    from pipeline.runtime.history import against_previous
    from pipeline.runtime.manifest import snapshot
    from pipeline.runtime.run import Pipeline, build_incident, write_outputs

    aside = put_aside()
    config = Config(summariser=args.summariser, embedder=args.embedder)
    pipeline = Pipeline.from_config(config)
    pipeline.warm_up()
    out = args.work / "out"
    done = 0
    for cluster in load_clusters(args.eval_file):
        if (cluster.id in aside) != args.put_aside or len(cluster.documents) < MIN_ARTICLES:
            continue
        if args.only and cluster.id not in args.only:
            continue
        if (out / cluster.id / "brief.json").is_file() and len(_kept(out, cluster.id)) >= 2:
            done += 1
            continue
        half = len(cluster.documents) // 2
        t = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="update-eval-") as tmp:
            folder = Path(tmp) / cluster.id
            folder.mkdir()
            for upto in (half, len(cluster.documents)):
                for i, text in enumerate(cluster.documents[:upto]):
                    (folder / f"doc_{i}.txt").write_text(text, encoding="utf-8", newline="")
                snap = snapshot(folder, config)
                brief, record = build_incident(folder, pipeline)
                brief = against_previous(brief, out, pipeline.embedder.embed)
                write_outputs(out, brief, record, snap)
        done += 1
        print(
            f"{cluster.id}: {half} then {len(cluster.documents)} articles, {time.perf_counter() - t:.0f} s", flush=True
        )
        if args.limit and done >= args.limit:
            break


def _kept(out: Path, name: str) -> list[Path]:
    from pipeline.runtime.publish import history

    return history(out, name)


def _pairs(work: Path) -> list[tuple[str, dict, dict]]:
    out = work / "out"
    found = []
    for folder in sorted(p for p in out.iterdir() if not p.name.startswith(".")):
        kept = _kept(out, folder.name)
        if len(kept) >= 2:
            first, second = (json.loads((k / "brief.json").read_text()) for k in kept[-2:])
            found.append((folder.name, first, second))
    return found


def item_id(cluster: str, kind: str, index: int, text: str) -> str:
    return f"{cluster}:{kind}{index}:{hashlib.sha1(text.encode()).hexdigest()[:8]}"


class Cached:
    """The embedder, each text embedded once across thresholds."""

    def __init__(self, embedder: str) -> None:
        from pipeline.inference.embed import make_embedder

        self.model = make_embedder(embedder, device="cpu")
        self.model.warm_up()
        self.seen: dict[str, object] = {}

    def __call__(self, texts: list[str]):
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if todo:
            self.seen.update(zip(todo, self.model.embed(todo)))
        return np.array([self.seen[t] for t in texts])


def analyse(work: Path, embed: Cached, thresholds: list[float]) -> list[dict]:
    """One record per statement of each second brief (its best support by the first brief's
    statements, the added articles among its sources, whether it is reported new at each
    threshold), then one per updated and withdrawn item at SAME_FACT."""
    import numpy as np

    from pipeline.stages.compare import SAME_FACT, compare, statements, support

    rows = []
    for cluster, first, second in _pairs(work):
        reported = {tau: {f.text for f in compare(first, second, embed, threshold=tau).new} for tau in thresholds}
        old, new = statements(first), statements(second)
        vectors = embed([s.text for s in old + new])
        scores = support([s.text for s in new], [s.text for s in old], vectors[len(old) :], vectors[: len(old)])
        old_shas = {d["sha256"] for d in first["documents"]}
        added = {d["path"] for d in second["documents"] if d["sha256"] not in old_shas and d["status"] == "used"}
        seen: set[str] = set()
        for i, s in enumerate(new):
            if s.text in seen:
                continue  # the frame's "what" or a timeline entry that repeats a sentence word for word
            seen.add(s.text)
            best = int(np.argmax(scores[i])) if len(old) else -1
            rows.append(
                {
                    "id": item_id(cluster, s.kind, i, s.text),
                    "cluster": cluster,
                    "kind": s.kind,
                    "text": s.text,
                    "brought": sorted({r.path for r in s.sources} & added),
                    "support": round(float(scores[i, best]), 3) if best >= 0 else 0.0,
                    "closest": old[best].text if best >= 0 else "",
                    "reported": {tau: s.text in texts for tau, texts in reported.items()},
                }
            )
        changes = compare(first, second, embed, threshold=SAME_FACT)
        for k, u in enumerate(changes.updated):
            text = f"{u.slot}: {u.old.value} ({u.old.detail}) -> {u.new.value} ({u.new.detail})"
            rows.append(
                {"id": item_id(cluster, "updated", k, text), "cluster": cluster, "kind": "updated", "text": text}
            )
        for k, w in enumerate(changes.withdrawn):
            rows.append({"id": item_id(cluster, "withdrawn", k, w.text), "cluster": cluster, "kind": "withdrawn",
                         "text": w.text})  # fmt: skip
        for f in changes.new:
            if f.slot:
                rows.append({"id": item_id(cluster, "slot", 0, f.text), "cluster": cluster, "kind": "slot",
                             "text": f.text})  # fmt: skip
    return rows


def show(args: argparse.Namespace) -> None:
    from pipeline.stages.compare import statements

    before = {cluster: statements(first) for cluster, first, _ in _pairs(args.work)}
    cluster = None
    for r in analyse(args.work, Cached(args.embedder), [args.threshold]):
        if r["cluster"] != cluster:
            cluster = r["cluster"]
            print(f"=== {cluster}: the first brief states")
            for k, st in enumerate(before[cluster]):
                print(f"  ({k}) {st.text}")
        if "support" not in r:
            print(f"{r['id']} {r['kind'].upper()}: {r['text']}")
            continue
        flag = "NEW" if r["reported"][args.threshold] else ("   " if not r["brought"] else "new?")
        print(f"{r['id']} [{flag}] support {r['support']:.2f} brought={r['brought']}\n    now: {r['text']}")
        print(f"    closest before: {r['closest']}")


def load_labels() -> dict[str, dict]:
    found = {}
    for line in LABELS.read_text().splitlines():
        rec = json.loads(line)
        if "id" in rec:
            found[rec["id"]] = rec
    return found


def score(args: argparse.Namespace) -> None:
    """Precision and recall of `new` at each threshold, from the labels of the statements the
    added articles brought: "new" (the first brief did not state it), "old" (it did), "dup" (a
    second statement of one new fact in the same brief: out of the recall's count)."""
    from pipeline.stages.compare import SAME_FACT

    labels = load_labels()
    thresholds = sorted({args.threshold, SAME_FACT, 0.35, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7})
    rows = analyse(args.work, Cached(args.embedder), thresholds)
    clusters = sorted({r["cluster"] for r in rows})
    brought = [r for r in rows if "support" in r and r["brought"]]
    missing = [r["id"] for r in brought if r["id"] not in labels]
    print(f"{len(clusters)} clusters; {len(brought)} statements cite an added article; {len(missing)} unlabelled")
    for tau in thresholds:
        tp = fp = fn = 0
        for r in brought:
            lab = labels.get(r["id"], {}).get("label")
            if lab is None:
                continue
            if r["reported"][tau]:
                tp, fp = (tp + 1, fp) if lab == "new" else (tp, fp + 1)
            elif lab == "new":
                fn += 1
        p = tp / (tp + fp) if tp + fp else float("nan")
        rc = tp / (tp + fn) if tp + fn else float("nan")
        mark = "  <- SAME_FACT" if tau == SAME_FACT else ""
        print(f"threshold {tau:.2f}: {tp + fp} reported new, {tp} truly new: precision {p:.1%}; "
              f"{tp + fn} new facts brought, {tp} reported: recall {rc:.1%}{mark}")  # fmt: skip
    for r in rows:
        if "support" not in r:
            lab = labels.get(r["id"], {})
            print(f"{r['id']} {r['kind']}: {lab.get('label', 'UNLABELLED')} {lab.get('why', '')}")
    # A frame slot filled for the first time is a `new` item too ("Where: ..."): with the statements.
    slots = [labels.get(r["id"], {}).get("label") for r in rows if r["kind"] == "slot"]
    statement_labels = [labels.get(r["id"], {}).get("label") for r in brought if r["reported"][SAME_FACT]]
    told = [lab for lab in statement_labels + slots if lab is not None]
    right = sum(lab == "new" for lab in told)
    print(f"all new items at SAME_FACT (statements and {len(slots)} frame slots): {len(told)} labelled, "
          f"{right} truly new: precision {right / max(1, len(told)):.1%}")  # fmt: skip
    withdrawn(args.work, labels)


def withdrawn(work: Path, labels: dict[str, dict]) -> None:
    """The other way round: remove the added articles again (the brief of all, then of the first
    half). Every fact the added articles alone brought must be withdrawn; a withdrawn statement is
    right when the first brief does not say it (labelled new or dup), wrong when it does (old)."""
    from pipeline.stages.compare import compare, statements

    embed = Cached("minilm")
    right = wrong = 0
    for cluster, first, second in _pairs(work):
        ids = {s.text: item_id(cluster, s.kind, i, s.text) for i, s in reversed(list(enumerate(statements(second))))}
        for w in compare(second, first, embed).withdrawn:
            lab = labels.get(ids.get(w.text, ""), {}).get("label")
            if lab in ("new", "dup") or w.slot:  # a frame slot the first brief's frame does not fill
                right += 1
            else:
                wrong += 1
                print(
                    f"withdrawn but the first brief says it ({lab or 'a frame slot'}): {ids.get(w.text, w.text[:40])}"
                )
    total = right + wrong
    print(f"articles removed again: {total} facts withdrawn, {right} right ({right / max(1, total):.0%})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("eval_file", type=Path)
    b.add_argument("--only", nargs="*")
    b.add_argument("--limit", type=int)
    b.add_argument("--summariser", default="extractive")
    b.add_argument("--put-aside", action="store_true", help="build the put-aside clusters instead, for a first reading")
    for p in (b, sub.add_parser("show"), sub.add_parser("score")):
        p.add_argument("--work", type=Path, required=True)
        p.add_argument("--embedder", default=Config.embedder)
        if p is not b:
            from pipeline.stages.compare import SAME_FACT

            p.add_argument("--threshold", type=float, default=SAME_FACT)
    args = ap.parse_args()
    {"build": build, "show": show, "score": score}[args.command](args)


if __name__ == "__main__":
    main()
