"""`brief eval`: the brief against lead and LexRank on Multi-News or DUC JSON Lines, and its
attribution against gold links.

The records, how they are read, and how a cluster's articles reach the pipeline: `pipeline.eval.data`.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from ..config import DEFAULT_SUMMARISER, Config
from ..runtime.run import NoArticles, Pipeline, StageError, build_brief, prepare_pool
from ..stages.fullnames import read_people
from ..stages.names import reflowed
from ..stages.parser import entities, verbs
from ..stages.standalone import brief_problems
from . import metrics
from .baselines import BASELINES, n_words
from .check import MODES, attribute_prepared, attributor_for
from .data import EvalCluster, doc_index, gold_sentences, load_clusters, reference_sentences, write_documents
from .data import EvalDataError as EvalDataError  # `brief eval` catches it from here
from .story import lede_report, story_summary

EXAMPLES = 5  # not-standalone sentences per system quoted in report.json's aggregates

SYSTEMS = ("brief", *BASELINES)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Settings:
    systems: tuple[str, ...] = SYSTEMS
    words: int = 230
    summariser: str = DEFAULT_SUMMARISER  # what `brief run` uses
    embedder: str = Config.embedder
    device: str = Config.device
    max_sentences: int = Config.max_sentences
    attribution: bool = True
    resamples: int = 1000
    seed: int = 0
    limit: int | None = None


def score_attribution(predicted: list, cluster: EvalCluster) -> list[dict]:
    """One row per linked summary sentence: document-level and character-level P/R/F1."""
    rows = []
    for item in predicted:
        links = [link for link in cluster.links if link.sentence == item.text]
        gold_docs = {link.doc_index for link in links}
        gold_spans: dict[int, list[tuple[int, int]]] = {}
        for link in links:
            gold_spans.setdefault(link.doc_index, []).extend(link.offsets)
        pred_spans: dict[int, list[tuple[int, int]]] = {}
        for sp in item.sources:
            pred_spans.setdefault(doc_index(sp.path), []).append((sp.start, sp.end))
        rows.append(
            {
                "sentence": item.text,
                "predicted_docs": sorted(pred_spans),
                "gold_docs": sorted(gold_docs),
                "doc": metrics.prf(set(pred_spans), gold_docs),
                "char": metrics.char_overlap(pred_spans, gold_spans),
                # the trivial answer, for scale: every article of the cluster supports every sentence
                "all_docs": metrics.prf({i for i, d in enumerate(cluster.documents) if d.strip()}, gold_docs),
            }
        )
    return rows


@dataclass
class Evaluation:
    """Per-cluster records as they come in; summarise_results() aggregates them."""

    settings: Settings
    data: str
    clusters: list[dict] = field(default_factory=list)
    attribution: list[dict] = field(default_factory=list)
    warm_up_seconds: float = 0.0
    pipeline_config: dict | None = None
    attributors: dict[str, dict] = field(default_factory=dict)  # mode -> its settings


def _run_brief(folder: Path, pipeline: Pipeline) -> dict:
    brief = build_brief(folder, pipeline)
    sentences = [s.text for s in brief.sentences]
    return {
        "sentences": sentences,
        "cited": sum(bool(s.sources) for s in brief.sentences),
        "fused": sum(s.method == "fused" for s in brief.sentences),
        "story": lede_report(brief),
    }


def evaluate(path: Path, settings: Settings = Settings(), progress: Progress = lambda *_: None) -> Evaluation:
    unknown = [s for s in settings.systems if s not in SYSTEMS]
    if unknown or not settings.systems:
        raise ValueError(f"unknown system(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SYSTEMS)}")
    clusters = load_clusters(path, settings.limit)
    result = Evaluation(settings, str(path))
    pipeline = None
    if "brief" in settings.systems or (settings.attribution and any(c.links for c in clusters)):
        config = Config().with_options(
            summariser=settings.summariser,
            embedder=settings.embedder,
            device=settings.device,
            max_words=settings.words,
            max_sentences=settings.max_sentences,
        )
        pipeline = Pipeline.from_config(config)
        t = time.perf_counter()
        pipeline.warm_up()
        result.warm_up_seconds = round(time.perf_counter() - t, 3)
        result.pipeline_config = config.to_dict()
        for mode in MODES:
            a = attributor_for(mode, pipeline)
            result.attributors[mode] = {
                k: getattr(a, k, None) for k in ("threshold", "per_document", "require_numbers", "fallback")
            }
    for n, cluster in enumerate(clusters):
        references = reference_sentences(cluster)
        record: dict = {
            "id": cluster.id,
            "n_documents": len(cluster.documents),
            "n_references": len(references),
            "systems": {},
        }
        with tempfile.TemporaryDirectory(prefix="brief-eval-") as tmp:
            folder = Path(tmp) / "incident"
            folder.mkdir()
            write_documents(folder, cluster.documents)
            # Whose surname is whose, once per cluster, read as the brief reads it.
            tagged = pipeline is not None and pipeline.summariser.parser_veto
            known = read_people(reflowed(cluster.documents), verbs if tagged else None, entities if tagged else None)[0]
            for system in settings.systems:
                progress(n, len(clusters), f"{cluster.id}: {system}")
                t = time.perf_counter()
                extra: dict = {}
                try:
                    if system == "brief":
                        assert pipeline is not None
                        extra = _run_brief(folder, pipeline)
                        sentences = extra.pop("sentences")
                    else:
                        sentences = BASELINES[system](cluster.documents, settings.words)
                except (NoArticles, StageError) as err:
                    sentences, extra = [], {"error": str(err)}
                seconds = time.perf_counter() - t
                record["systems"][system] = {
                    "sentences": sentences,
                    "words": sum(n_words(s) for s in sentences),
                    "seconds": round(seconds, 3),
                    **metrics.rouge_averaged(sentences, references),
                    **metrics.unsupported_facts(sentences, cluster.documents),
                    "not_standalone": not_standalone(sentences, known),
                    **extra,
                }
            if settings.attribution and cluster.links and pipeline is not None:
                progress(n, len(clusters), f"{cluster.id}: attribution")
                t = time.perf_counter()
                rows = []
                try:
                    prep = prepare_pool(folder, pipeline)
                    # Gold offsets index the strings as given; ingest must not have changed them.
                    shifted = [d.path for d in prep.corpus.documents if d.text != cluster.documents[doc_index(d.path)]]
                    if shifted:
                        record["offsets_shifted"] = shifted
                    for mode in MODES:
                        predicted = attribute_prepared(
                            prep, gold_sentences(cluster), pipeline, attributor_for(mode, pipeline)
                        )
                        rows += [
                            {"cluster": cluster.id, "mode": mode, **r} for r in score_attribution(predicted, cluster)
                        ]
                except (NoArticles, StageError) as err:
                    rows, record["attribution_error"] = [], str(err)
                record["attribution_seconds"] = round(time.perf_counter() - t, 3)
                result.attribution.extend(rows)
        result.clusters.append(record)
    progress(len(clusters), len(clusters), "done")
    return result


def not_standalone(sentences: list[str], known: frozenset[str] = frozenset()) -> list[dict]:
    """The output sentences a reader could not take on their own, read in order, each with
    standalone's reason; `known`: the incident's surnames (pipeline.stages.names)."""
    return [
        {"sentence": s, "reason": reason} for s, reason in zip(sentences, brief_problems(sentences, known)) if reason
    ]


def _standalone_summary(per: list[dict], ids: list[str], n_sent: int) -> dict:
    rows = [{"cluster": cid, **row} for cid, p in zip(ids, per) for row in p["not_standalone"]]
    # Examples cover as many reasons as they can before repeating one.
    firsts = {row["reason"]: row for row in reversed(rows)}
    examples = sorted(
        rows, key=lambda row: firsts[row["reason"]] is not row
    )  # stable: first of each reason, then the rest
    return {
        "sentences": n_sent,
        "not_standalone": len(rows),
        "share_not_standalone": len(rows) / n_sent if n_sent else float("nan"),
        "not_standalone_reasons": dict(Counter(row["reason"] for row in rows).most_common()),
        "not_standalone_examples": examples[:EXAMPLES],
    }


def summarise_results(ev: Evaluation) -> dict:
    """Means with bootstrap intervals over clusters, paired comparisons, attribution macro scores."""
    s = ev.settings
    systems: dict[str, dict] = {}
    for name in s.systems:
        per = [c["systems"][name] for c in ev.clusters]
        entry: dict = {}
        for metric in metrics.ROUGE_KEYS:
            values = [p[metric] for p in per]
            lo, hi = metrics.bootstrap_interval(values, s.resamples, s.seed)
            entry[metric] = {"mean": _mean(values), "low": lo, "high": hi}
        entry["words"] = _mean([p["words"] for p in per])
        entry["seconds"] = _mean([p["seconds"] for p in per])
        entry["failed"] = sum("error" in p for p in per)
        n_sent = sum(len(p["sentences"]) for p in per)
        for key in ("numbers", "numbers_unsupported", "names", "names_unsupported"):
            entry[key] = sum(p[key] for p in per)
        entry.update(_standalone_summary(per, [c["id"] for c in ev.clusters], n_sent))
        if name == "brief":
            entry["share_cited"] = sum(p.get("cited", 0) for p in per) / n_sent if n_sent else float("nan")
            entry["share_fused"] = sum(p.get("fused", 0) for p in per) / n_sent if n_sent else float("nan")
            entry["story"] = story_summary([p["story"] for p in per if "story" in p])
        systems[name] = entry
    comparisons = {}
    if "brief" in s.systems:
        for other in s.systems:
            if other != "brief":
                comparisons[f"brief>{other}"] = {
                    m: metrics.paired_bootstrap(
                        [c["systems"]["brief"][m] for c in ev.clusters],
                        [c["systems"][other][m] for c in ev.clusters],
                        s.resamples,
                        s.seed,
                    )
                    for m in metrics.ROUGE_KEYS
                }
    attribution: dict | None = None
    if ev.attribution:
        first = [r for r in ev.attribution if r["mode"] == MODES[0]]
        modes: dict[str, dict] = {}
        attribution = {
            "sentences": len(first),
            "clusters": len({r["cluster"] for r in first}),
            "offsets_shifted": sum(len(c.get("offsets_shifted", ())) for c in ev.clusters),
            "embedder": (ev.pipeline_config or {}).get("embedder"),
            "pool": "deduped content sentences, as in the pipeline",
            "modes": modes,
        }
        for mode in MODES:
            rows = [r for r in ev.attribution if r["mode"] == mode]
            scores: dict = {
                "settings": ev.attributors.get(mode, {}),
                "with_prediction": sum(bool(r["predicted_docs"]) for r in rows) / len(rows),
            }
            for level in ("doc", "char"):
                p, r, f = metrics.macro([row[level] for row in rows])
                lo, hi = metrics.bootstrap_interval([row[level][2] for row in rows], s.resamples, s.seed)
                scores[level] = {"precision": p, "recall": r, "f1": f, "f1_low": lo, "f1_high": hi}
            modes[mode] = scores
        p, r, f = metrics.macro([row["all_docs"] for row in first])
        attribution["all_documents"] = {"precision": p, "recall": r, "f1": f}
    return {
        "data": ev.data,
        "clusters": len(ev.clusters),
        "references_per_cluster": _mean([c["n_references"] for c in ev.clusters]),
        "settings": asdict(s),
        "pipeline_config": ev.pipeline_config,
        "warm_up_seconds": ev.warm_up_seconds,
        "systems": systems,
        "comparisons": comparisons,
        "attribution": attribution,
    }


def _mean(values: list[float]) -> float:
    return float(sum(values) / len(values)) if values else float("nan")


def write_report(ev: Evaluation, out: Path) -> tuple[dict, dict[str, Path]]:
    """report.json (aggregates + every cluster), report.md (tables), report.png (plot).
    Returns the aggregates and the paths."""
    from .report import plot, to_markdown

    out.mkdir(parents=True, exist_ok=True)
    summary = summarise_results(ev)
    full = {**summary, "per_cluster": ev.clusters, "per_sentence_attribution": ev.attribution}
    paths = {"json": out / "report.json", "md": out / "report.md", "png": out / "report.png"}
    paths["json"].write_text(json.dumps(full, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["md"].write_text(to_markdown(summary), encoding="utf-8")
    plot(summary, paths["png"])
    return summary, paths
