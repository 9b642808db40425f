"""`brief attribute`: cite any text against a folder of articles, exactly as a brief is cited.

The text goes through the pipeline's own attribution stage over the pool that build_brief
prepares (pipeline.runtime.run.prepare_pool), so in the default mode a score here means what it means
in brief.json. `--mode summary` keeps the scorer and the pool but loosens the settings for a
person's summary, whose sentences each gather several facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import Config
from ..runtime.run import Pipeline, Prepared, Progress, StageError, _check, _run_stage, prepare_pool
from ..stages.attribute import Attributor, SupportAttributor
from ..stages.dedupe import SENTENCE_END
from ..stages.ingest import IngestError, decode, doc_id
from ..stages.render import copies_of
from ..stages.segment import PunktSegmenter
from ..stages.summarise import BASELINE_SUMMARISER
from ..types import Document, SourceSpan

# `--mode summary`: settings for text the pipeline did not write. A person's summary sentence
# gathers facts (and numbers) from several source sentences, so one source sentence rarely
# reaches the brief's threshold. Tuned on multinews_full_dev_28 (README, "Evaluation"):
# document-level F1 0.36 with the brief's settings, 0.88 with these.
SUMMARY_THRESHOLD = 0.35
SUMMARY_FALLBACK = 0.2
MODES = ("brief", "summary")


def attributor_for(mode: str, pipeline: Pipeline) -> Attributor:
    """ "brief": the pipeline's own attributor, unchanged; "summary": the same scorer, looser."""
    if mode == "brief":
        return pipeline.attributor
    if mode == "summary":
        return SupportAttributor(SUMMARY_THRESHOLD, require_numbers=False, fallback=SUMMARY_FALLBACK)
    raise ValueError(f"unknown attribution mode {mode!r}; choose one of {', '.join(MODES)}")


@dataclass(frozen=True)
class Attributed:
    """One sentence of the given text and the source spans that support it, best first."""

    text: str
    sources: tuple[SourceSpan, ...]


def attribution_pipeline(config: Config) -> Pipeline:
    """A warmed pipeline for attribution only: the summariser is never called, so no generator loads."""
    pipeline = Pipeline.from_config(config.with_options(summariser=BASELINE_SUMMARISER))
    pipeline.warm_up()
    return pipeline


def split_summary(text: str) -> list[str]:
    """One sentence per line when the text is written that way, else Punkt sentences.

    "That way" means at least two non-empty lines and every one ends like a sentence; a single
    paragraph, or lines wrapped mid-sentence, are segmented instead.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if len(lines) >= 2 and all(SENTENCE_END.search(line) for line in lines):
        return lines
    # Hard-wrapped prose: a single line break is a space, a blank line ends a paragraph.
    text = re.sub(r"[ \t]*(?<!\n)\n(?!\s*\n)[ \t]*", " ", text.replace("\r\n", "\n").replace("\r", "\n"))
    doc = Document(id=doc_id(text), path="summary", text=text, sha256="", encoding="utf-8")
    return [s.text for s in PunktSegmenter().segment(doc)]


def read_summary(path: Path) -> list[str]:
    """The sentences of a summary file; ValueError with what to do when there are none."""
    try:
        text, _ = decode(path.read_bytes())
    except OSError as err:
        raise ValueError(f"{path}: cannot read the summary ({err.strerror or err})") from None
    except IngestError as err:
        raise ValueError(f"{path}: {err}") from None
    sentences = split_summary(text)
    if not sentences:
        raise ValueError(f"{path}: the summary is empty; write one sentence per line, or plain text")
    return sentences


def attribute_summary(
    folder: Path,
    sentences: list[str],
    pipeline: Pipeline,
    attributor: Attributor | None = None,
    progress: Progress = lambda _: None,
) -> list[Attributed]:
    """Attribute each sentence against the articles in `folder`: the pipeline's pool and embedder,
    and its attributor unless another is given. Raises NoArticles or StageError like build_brief."""
    return attribute_prepared(prepare_pool(folder, pipeline, progress), sentences, pipeline, attributor, progress)


def attribute_prepared(
    prep: Prepared,
    sentences: list[str],
    pipeline: Pipeline,
    attributor: Attributor | None = None,
    progress: Progress = lambda _: None,
) -> list[Attributed]:
    """attribute_summary on a pool already prepared, so several settings can share one.

    A file that only copies another is cited with it, at the same span (as brief.json does).
    """
    attributor = attributor or pipeline.attributor

    def attribute() -> list:
        dim = prep.pool_vectors.shape[1]
        vectors = pipeline.embedder.embed(list(sentences)) if sentences else np.zeros((0, dim))
        return attributor.attribute(list(sentences), vectors, prep.pool, prep.pool_vectors, prep.paths)

    supports = _check("attribute", _run_stage("attribute", pipeline.timings, progress, attribute), list)
    if len(supports) != len(sentences):
        raise StageError("attribute", f"returned {len(supports)} results for {len(sentences)} sentences")
    copies = copies_of(prep.corpus.files)
    out = []
    for text, spans in zip(sentences, supports):
        expanded = [
            SourceSpan(sp.doc_id, path, sp.start, sp.end, sp.score)
            for sp in spans
            for path in (sp.path, *copies.get(sp.path, ()))
        ]
        out.append(Attributed(text, tuple(expanded)))
    return out


def to_dict(results: list[Attributed]) -> dict:
    return {
        "sentences": [
            {
                "text": r.text,
                "sources": [{"path": s.path, "start": s.start, "end": s.end, "score": s.score} for s in r.sources],
            }
            for r in results
        ]
    }
