"""Run settings: one frozen record, hashed into the run record so a changed setting is visible."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace

from .attribute import SUPPORT_THRESHOLD
from .cluster import DISTANCE_THRESHOLD


@dataclass(frozen=True)
class Config:
    segmenter: str = "punkt"
    deduper: str = "rules"
    embedder: str = "minilm"  # registry name, local path, hub id, or "hashing" (model-free)
    clusterer: str = "agglomerative"
    summariser: str = "extractive"
    generator: str = "smollm2"
    device: str = "auto"
    max_sentences: int = 10
    max_words: int = 250
    # Two brief sentences closer than this (cosine) say the same thing; the later one goes.
    redundancy: float = 0.65
    support_threshold: float = SUPPORT_THRESHOLD
    cluster_threshold: float = DISTANCE_THRESHOLD

    def with_options(self, **options: object) -> "Config":
        return replace(self, **{k: v for k, v in options.items() if v is not None})

    def to_dict(self) -> dict:
        return asdict(self)

    def digest(self) -> str:
        blob = json.dumps(self.to_dict(), sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]
