"""The frame stage: one Protocol, the parsed frame and its model-free baseline (pipeline.stages.frame)."""

from __future__ import annotations

from typing import Any, Mapping, Protocol, Sequence

import numpy as np

from ..types import Document, Sentence
from .frame import Frame, build_frame


class Framer(Protocol):
    name: str

    def warm_up(self) -> None: ...

    def frame(
        self, documents: Sequence[Document], pool: Sequence[Sentence], vectors: np.ndarray, paths: Mapping[str, str]
    ) -> Frame:
        """The incident frame of the content sentences `pool` (embedded as unit `vectors`)."""
        ...


class ParsedFramer:
    """The frame read with spaCy's parser and named entities (models/models.toml, role parser)."""

    name = "parsed"

    def warm_up(self) -> None:
        from .parser import load_parser

        load_parser()

    def frame(
        self, documents: Sequence[Document], pool: Sequence[Sentence], vectors: np.ndarray, paths: Mapping[str, str]
    ) -> Frame:
        from .parser import docs

        return build_frame(documents, pool, vectors, paths, docs)


class DatesFramer:
    """Model-free baseline: the event, its date and its counts, no places or participants."""

    name = "dates"

    def warm_up(self) -> None:
        """Nothing to load."""

    def frame(
        self, documents: Sequence[Document], pool: Sequence[Sentence], vectors: np.ndarray, paths: Mapping[str, str]
    ) -> Frame:
        return build_frame(documents, pool, vectors, paths, None)


FRAMERS: dict[str, type[Any]] = {"parsed": ParsedFramer, "dates": DatesFramer}
