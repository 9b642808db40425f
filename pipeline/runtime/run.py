"""The only orchestrator: ingest -> segment -> dedupe -> embed -> cluster -> frame -> select ->
summarise -> lede -> attribute -> fit -> arrange (order, background, introduce names, join,
lede-place, lede-day, relative-days, describe) -> differences -> render."""

from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..config import Config
from ..inference.embed import Embedder, make_embedder
from ..stages import render, render_html
from ..stages.arrange import (
    Arranger,
    Background,
    DescribePeople,
    IntroduceNames,
    Join,
    LedeDay,
    LedePlace,
    OneFact,
    ReadingOrder,
    RelativeDays,
    Story,
    fit,
)
from ..stages.attribute import ATTRIBUTORS, Attributor
from ..stages.cluster import CLUSTERERS, Clusterer
from ..stages.dedupe import DEDUPERS, Deduper
from ..stages.differences import find_differences
from ..stages.frame import Frame
from ..stages.framers import FRAMERS, Framer
from ..stages.fullnames import confirmed, read_people
from ..stages.ingest import INGESTORS, Ingestor, opinion, printable
from ..stages.lede import keep_lede, lede_score
from ..stages.names import reflowed
from ..stages.parser import entities, parser_ref, single_facts, statements, verbs
from ..stages.segment import SEGMENTERS, Segmenter, display, paragraphs
from ..stages.selection import select
from ..stages.summarise import Summariser, make_summariser
from ..types import Brief, Corpus, Deduped, Difference, Document, Draft, Excerpt, Sentence, SourceSpan
from .history import against_previous
from .layout import find_incidents, safe_name  # noqa: F401  (light module: the up-to-date check uses them)
from .manifest import Snapshot, library_versions, manifest_json, snapshot
from .publish import publish

Progress = Callable[[str], None]


class StageError(RuntimeError):
    """A stage failed or returned the wrong thing; the message names the stage."""

    def __init__(self, stage: str, detail: str) -> None:
        super().__init__(f"stage '{stage}' failed: {detail}")
        self.stage = stage


class NoArticles(ValueError):
    """The input holds no readable article: a usage error, not a crash. `files` says why each
    file was not used."""

    def __init__(self, message: str, files: tuple = ()) -> None:
        super().__init__(message)
        self.files = files


@dataclass
class Pipeline:
    """The stage implementations for one config; models load once in warm_up()."""

    config: Config
    ingestor: Ingestor
    segmenter: Segmenter
    deduper: Deduper
    embedder: Embedder
    clusterer: Clusterer
    summariser: Summariser
    attributor: Attributor
    framer: Framer
    arrangers: tuple[Arranger, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Config) -> "Pipeline":
        summariser = make_summariser(config.summariser, config.generator, config.device)
        return cls(
            config=config,
            ingestor=INGESTORS["files"](),
            segmenter=SEGMENTERS[config.segmenter](),
            deduper=DEDUPERS[config.deduper](),
            embedder=make_embedder(config.embedder, device=config.device),
            clusterer=CLUSTERERS[config.clusterer](config.cluster_threshold),
            summariser=summariser,
            attributor=ATTRIBUTORS["support"](config.support_threshold),
            framer=FRAMERS[config.framer](),
            arrangers=arrangers(config, summariser),
        )

    def warm_up(self) -> None:
        stages: tuple[Any, ...] = (
            self.segmenter,
            self.deduper,
            self.embedder,
            self.clusterer,
            self.summariser,
            self.attributor,
            self.framer,
        )
        for stage in stages:
            t = time.perf_counter()
            stage.warm_up()
            self.timings[f"warm_up.{type(stage).__name__}"] = round(time.perf_counter() - t, 3)

    def models(self) -> dict[str, Any]:
        out = {"embedder": getattr(self.embedder, "ref", {"name": self.embedder.name})}
        ref = getattr(self.summariser, "ref", None)
        if ref:
            out["generator"] = ref
        if self.summariser.parser_veto:  # it loads the parser, whose verdicts shape the brief
            out["parser"] = parser_ref()
        return out


def arrangers(config: Config, summariser: Summariser) -> tuple[Arranger, ...]:
    """The steps after attribution, from the config and what the summariser declares."""
    steps: list[Arranger] = [ReadingOrder()] if config.order == "source" else []
    steps += [Background(), IntroduceNames()]
    if summariser.joins:  # a summariser that writes may add words, each cited; an extractive one prints sources
        steps += [Join(), LedePlace(), LedeDay(), RelativeDays(), DescribePeople()]
    return tuple(steps)


def _check(stage: str, value: Any, expected: type | tuple[type, ...]) -> Any:
    if not isinstance(value, expected):
        raise StageError(stage, f"returned {type(value).__name__}, expected {getattr(expected, '__name__', expected)}")
    return value


def _run_stage(stage: str, timings: dict[str, float], progress: Progress, fn: Callable[..., Any], *args: Any) -> Any:
    progress(stage)
    t = time.perf_counter()
    try:
        result = fn(*args)
    except (StageError, NoArticles):
        raise
    except Exception as err:  # the orchestrator's job is to say which stage broke
        raise StageError(stage, f"{type(err).__name__}: {err}") from err
    timings[stage] = round(time.perf_counter() - t, 3)
    return result


@dataclass(frozen=True)
class Prepared:
    """Ingest -> segment -> dedupe -> embed: the pool of content sentences that attribution
    searches. `brief attribute` (pipeline.eval.check) stops here, so it cites exactly as briefs do."""

    corpus: Corpus
    paths: dict[str, str]  # doc id -> path relative to the incident folder
    sentences: list[Sentence]
    deduped: Deduped
    pool: list[Sentence]
    pool_vectors: np.ndarray


def prepare_pool(folder: Path, pipeline: Pipeline, progress: Progress = lambda _: None) -> Prepared:
    timings = pipeline.timings
    corpus: Corpus = _check("ingest", _run_stage("ingest", timings, progress, pipeline.ingestor.ingest, folder), Corpus)
    if not corpus.documents:
        raise NoArticles(
            f"{folder}: no readable article ({len(corpus.files)} files seen; expected .txt, .md or .html)", corpus.files
        )
    docs = {d.id: d for d in corpus.documents}
    paths = {d.id: d.path for d in corpus.documents}

    def segment_all() -> list[Sentence]:
        return [s for d in corpus.documents for s in _check("segment", pipeline.segmenter.segment(d), list)]

    sentences = _run_stage("segment", timings, progress, segment_all)
    for s in sentences:
        if docs[s.doc_id].text[s.start : s.end] != s.text:
            raise StageError("segment", f"sentence {s.id} does not match its offsets in {paths[s.doc_id]}")
    deduped: Deduped = _check(
        "dedupe", _run_stage("dedupe", timings, progress, pipeline.deduper.dedupe, corpus, sentences), Deduped
    )
    pool = list(deduped.pool)
    # Embedded as a reader sees them: wire quotes and wraps are noise to the encoder.
    pool_vectors = _run_stage("embed", timings, progress, pipeline.embedder.embed, [display(s.text) for s in pool])
    return Prepared(corpus, paths, sentences, deduped, pool, pool_vectors)


def build_brief(folder: Path, pipeline: Pipeline, progress: Progress = lambda _: None) -> Brief:
    """The chain, stage by stage; every stage runs through `_run_stage`, which names it when it fails."""
    config, timings = pipeline.config, pipeline.timings

    def stage(name: str, fn: Callable[..., Any], *args: Any, expected: type | tuple[type, ...] = list) -> Any:
        return _check(name, _run_stage(name, timings, progress, fn, *args), expected)

    prep = prepare_pool(folder, pipeline, progress)  # ingest, segment, dedupe, embed
    corpus, pool = prep.corpus, prep.pool
    by_id = {s.id: s for s in pool}
    vec_of = {s.id: prep.pool_vectors[i] for i, s in enumerate(pool)}
    reps = list(prep.deduped.sentences)
    dim = prep.pool_vectors.shape[1]
    rep_vectors = np.array([vec_of[s.id] for s in reps]) if reps else np.zeros((0, dim))
    clusters = stage("cluster", pipeline.clusterer.cluster, reps, rep_vectors, prep.deduped.copies)
    frame = stage("frame", pipeline.framer.frame, corpus.documents, pool, prep.pool_vectors, prep.paths,
                  expected=Frame)  # fmt: skip
    story = story_of(corpus, pool, prep.paths, pipeline.summariser, frame, config.max_words)
    chosen = stage("select", select, clusters, by_id, vec_of, config, story.known, story.full,
                   opinion_docs(corpus), head_check(pipeline.summariser), lede_score(frame, vec_of))  # fmt: skip
    drafts = stage("summarise", pipeline.summariser.summarise, chosen, by_id, vec_of, pipeline.embedder)
    # What selection picked to lead; a fusion of its cluster may have been built around another member.
    head = chosen[0].sentence_ids[0] if chosen and drafts and drafts[0].cluster_id == chosen[0].id else None
    drafts = stage("lede", keep_lede, drafts, by_id, frame, head)
    texts = [display(d.text) for d in drafts]  # as a reader sees them: no wraps, no ``wire quotes''
    vectors = pipeline.embedder.embed(texts) if texts else np.zeros((0, dim))
    supports = stage("attribute", pipeline.attributor.attribute, texts, vectors, pool, prep.pool_vectors, prep.paths)
    kept, unsupported = stage("fit", fit, drafts, texts, supports, vectors, config.max_words, config.max_sentences,
                              config.redundancy, one_fact_of(corpus, drafts, by_id, pipeline.summariser),
                              expected=tuple)  # fmt: skip
    counts = {}
    for arranger in pipeline.arrangers:
        before = len(kept)
        kept = stage(arranger.name, arranger.arrange, kept, story)
        counts[arranger.name] = before - len(kept)
    found = tuple(stage("differences", find_differences, corpus.documents, pool, prep.pool_vectors, frame))
    for d in found:
        _check("differences", d, Difference)
    spans = [sp for s in kept for sp in s.sources] + [sp for d in found for v in d.versions for sp in v.sources]
    run = {
        "n_sentences": len(prep.sentences),
        "n_content": len(reps),
        "n_clusters": len(clusters),
        "n_dropped": len(prep.deduped.dropped),
        "n_unintroduced": counts.get(IntroduceNames.name, 0),
    }
    spans += [sp for f in frame.facts for sp in f.sources] + [sp for d in frame.timeline for sp in d.sources]
    return Brief(corpus.name, tuple(kept), corpus.files, tuple(unsupported), run=run, differences=found,
                 excerpts=excerpts(corpus.documents, spans), facts=frame.facts, timeline=frame.timeline)  # fmt: skip


def story_of(
    corpus: Corpus,
    pool: list[Sentence],
    paths: dict[str, str],
    summariser: Summariser,
    frame: Frame,
    max_words: int | None = None,
) -> Story:
    """The articles as the steps after selection read them: the incident's surnames, and each
    one's full name where the summariser may write it in (`writes_names`); a summariser that
    prints sources' sentences as they are lets such a sentence wait for its introduction."""
    texts = reflowed(d.text for d in corpus.documents)
    tagger = summariser.parser_veto  # the parser is loaded
    known, full = read_people(texts, verbs if tagger else None, entities if tagger else None)
    if not summariser.writes_names:
        full = {}
    elif summariser.parser_veto:  # and its entities check each name written in
        full = confirmed(full, texts, entities)
    return Story(corpus.documents, tuple(pool), paths, known, full, frame, max_words)


def one_fact_of(
    corpus: Corpus, drafts: list[Draft], by_id: dict[str, Sentence], summariser: Summariser
) -> OneFact | None:
    """With the parser loaded (`parser_veto`), which cited spans state one fact for `fit`
    (pipeline.stages.arrange.told_by_one): a one-clause source sentence no draft was taken from."""
    if not summariser.parser_veto:
        return None
    texts = {d.id: d.text for d in corpus.documents}
    bases = {(s.doc_id, s.start, s.end) for d in drafts if (s := by_id.get(d.base_sentence_id)) is not None}
    memo: dict[tuple[str, int, int], bool] = {}

    def one(span: SourceSpan) -> bool:
        key = (span.doc_id, span.start, span.end)
        if key not in memo:
            memo[key] = key not in bases and single_facts([display(texts[span.doc_id][span.start : span.end])])[0]
        return memo[key]

    return one


def opinion_docs(corpus: Corpus) -> frozenset[str]:
    """Articles filed as opinion (by their page's metadata or their URL): their sentences never head."""
    return frozenset(d.id for d in corpus.documents if opinion(d.meta))


def head_check(summariser: Summariser) -> Callable[[str], bool] | None:
    """With the parser loaded (`parser_veto`), a sentence in which it finds no verb, or an
    instruction, never heads: "Twelve hours of power on one charge.", "Fill the tank ..."."""
    return (lambda text: statements([text])[0]) if summariser.parser_veto else None


EXCERPT_CHARS = 1200  # a longer paragraph is cut to this much around the span


def excerpts(documents: tuple[Document, ...], spans: list) -> dict[tuple[str, int, int], Excerpt]:
    """The paragraph around each cited span (pipeline.stages.segment.paragraphs), for brief.html: what a
    reader needs to check a citation, and no more of the article."""
    docs = {d.id: d for d in documents}
    paras: dict[str, list[tuple[int, int]]] = {}
    out = {}
    for sp in spans:
        key = (sp.path, sp.start, sp.end)
        doc = docs.get(sp.doc_id)
        if key in out or doc is None:
            continue
        if doc.id not in paras:
            paras[doc.id] = paragraphs(doc.text)
        start, end = sp.start, sp.end
        for a, b in paras[doc.id]:
            if a <= sp.start < b or a < sp.end <= b:
                start, end = min(start, a), max(end, b)
        if end - start > EXCERPT_CHARS:  # cut at spaces, keeping the whole span
            room = max(0, EXCERPT_CHARS - (sp.end - sp.start)) // 2
            lo, hi = max(start, sp.start - room), min(end, sp.end + room)
            lo = doc.text.find(" ", lo, sp.start) + 1 if lo > start and doc.text.find(" ", lo, sp.start) >= 0 else lo
            cut = doc.text.rfind(" ", sp.end, hi)
            start, end = lo, (cut if hi < end and cut > 0 else hi)
        out[key] = Excerpt(sp.path, sp.start, sp.end, start, doc.text[start:end])
    return out


def run_record(folder: Path, brief: Brief, pipeline: Pipeline, seconds: float) -> dict:
    return {
        "incident": brief.incident,
        "input": printable(str(folder)),  # a folder name that is not UTF-8 must not break run.json
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(seconds, 3),
        "timings": dict(pipeline.timings),
        "config": pipeline.config.to_dict(),
        "config_hash": pipeline.config.digest(),
        "models": pipeline.models(),
        "inputs": {f.path: f.sha256 for f in brief.files},
        "skipped": {f.path: f.reason for f in brief.files if f.status == "skipped"},
        "counts": brief.run,
        "versions": {"python": platform.python_version(), **library_versions()},
    }


def write_outputs(out_dir: Path, brief: Brief, record: dict, snap: Snapshot | None = None) -> Path:
    """Publish brief.md, brief.json, brief.html and run.json as one complete new OUT/<incident>, atomically
    (pipeline.runtime.publish); with `snap`, also the manifest that lets the next run skip the work."""
    files: dict[str, str | bytes] = {
        "brief.md": render.to_markdown(brief),
        "brief.json": render.to_json(brief),
        "brief.html": render_html.to_html(brief, record),
        "run.json": json.dumps(record, indent=2, ensure_ascii=False) + "\n",
    }
    if snap is not None:
        files["manifest.json"] = manifest_json(snap, files)
    return publish(out_dir, safe_name(brief.incident), files)


def build_incident(
    folder: Path, pipeline: Pipeline, progress: Progress = lambda _: None, shown: Path | None = None
) -> tuple[Brief, dict]:
    """The brief of one incident and its run record (`shown`: the folder as the user named it),
    ready to publish: run_incident publishes it, a Ray worker returns it to the driver."""
    pipeline.timings.clear()
    t = time.perf_counter()
    brief = build_brief(folder, pipeline, progress)
    return brief, run_record(shown or folder, brief, pipeline, time.perf_counter() - t)


def run_incident(
    folder: Path, out_dir: Path, pipeline: Pipeline, progress: Progress = lambda _: None
) -> tuple[Brief, Path]:
    # Taken before the articles are read: one edited during the run leaves the brief stale, not "built".
    snap = snapshot(folder, pipeline.config)
    brief, record = build_incident(folder, pipeline, progress)
    brief = against_previous(brief, out_dir, pipeline.embedder.embed)  # what changed since the last brief
    progress("render")
    return brief, write_outputs(out_dir, brief, record, snap)
