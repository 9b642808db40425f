"""Run settings: one frozen record, hashed into the run record so a changed setting is visible."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from typing import Any

# Summarisers are named in one module only; it imports nothing heavy.
from .stages.summarise import BASELINE_SUMMARISER, DEFAULT_SUMMARISER  # noqa: F401  (re-exported)

# The tuned thresholds live here rather than in attribute.py / cluster.py (which import them), so
# that importing the settings does not import scikit-learn: `brief run` answers "up to date" in
# well under a second (pipeline.runtime.manifest; tests/test_manifest.py checks the imports stay light).
# Support score (attribute.support_matrix) at or above which a source sentence backs a claim.
SUPPORT_THRESHOLD = 0.6
# Cosine distance under which sentences count as the same fact (average linkage). Tuned on the
# seeds: at 0.45 the 2015 jet downing joins the 2017 strike; at 0.35 the casualty reports of
# different outlets no longer meet.
DISTANCE_THRESHOLD = 0.4


@dataclass(frozen=True)
class Config:
    segmenter: str = "punkt"
    deduper: str = "rules"
    embedder: str = "minilm"  # registry name, local path, hub id, or "hashing" (model-free)
    clusterer: str = "agglomerative"
    # The library default needs no generator; `brief run` defaults to DEFAULT_SUMMARISER.
    summariser: str = BASELINE_SUMMARISER
    generator: str = "smollm2"
    device: str = "auto"
    max_sentences: int = 10
    max_words: int = 250
    # Two brief sentences closer than this (cosine) say the same thing; the later one goes.
    redundancy: float = 0.65
    # How much an article's opening outweighs its later sentences when picking facts, in units of
    # one source's support (pipeline.stages.selection); 0 ranks by support alone.
    lead_weight: float = 2.0
    # How much being central to the incident (cosine to the mean of its sentences) adds, in the
    # same units (pipeline.stages.selection); 0 leaves it out.
    centrality_weight: float = 8.0
    # How much saying word pairs that many articles share, and the brief does not yet say, adds
    # per word of the sentence (pipeline.stages.selection.concepts); 0 leaves it out. Tuned on
    # duc2004_dev at 100 words (README, "Evaluation"): 40 scored best with the default summariser.
    concept_weight: float = 40.0
    # How much stating the incident (its event, toll, place and date: pipeline.stages.frame) adds
    # to the weight of the brief's first sentence, in the same units; 0 leaves it out.
    lede_weight: float = 4.0
    # How the incident frame is read: "parsed" (spaCy's parser and entities) or "dates" (model-free).
    framer: str = "parsed"
    support_threshold: float = SUPPORT_THRESHOLD
    cluster_threshold: float = DISTANCE_THRESHOLD
    # "source": the brief reads in story order (run.reading_order); "rank": best supported first.
    order: str = "source"

    def with_options(self, **options: Any) -> "Config":
        return replace(self, **{k: v for k, v in options.items() if v is not None})

    def to_dict(self) -> dict:
        return asdict(self)

    def digest(self) -> str:
        blob = json.dumps(self.to_dict(), sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]
