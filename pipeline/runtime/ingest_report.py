"""`brief ingest`: what the pipeline reads from each file, for a user debugging a bad brief.

The same ingestor and segmenter as a run, so what is shown is what the brief was built from:
the status and reason of every file, how it was decoded and extracted, the metadata found, and
(on request) the text itself, plus how many sentences it yields and how many may head a brief
sentence.
"""

from __future__ import annotations

from pathlib import Path

from ..stages.ingest import FileIngestor
from ..stages.segment import PunktSegmenter, display
from ..stages.standalone import standalone
from ..types import Corpus, Document


def read_path(path: Path) -> Corpus:
    """A folder is read as an incident; a single file as an incident of one."""
    if path.is_dir():
        return FileIngestor().ingest(path)
    return FileIngestor().ingest(path.parent, only=frozenset({path.name}))


def describe(path: Path, with_text: bool = False) -> dict:
    """`{"documents": [{"path", "status", "reason", "encoding", "extractor", "title", "site", "author",
    "published", "url", "warnings", "sentences", "standalone", ("text")}]}`."""
    corpus = read_path(path)
    docs: dict[str, Document] = {d.path: d for d in corpus.documents}
    segmenter = PunktSegmenter()
    rows: list[dict[str, object]] = []
    for f in corpus.files:
        doc = docs.get(f.path) or docs.get(f.duplicate_of or "")
        row: dict[str, object] = {
            "path": f.path,
            "status": f.status,
            "reason": f.reason,
            "encoding": f.encoding,
            "extractor": f.meta.extractor,
            "title": f.meta.title,
            "site": f.meta.site,
            "author": f.meta.author,
            "published": f.meta.published,
            "url": f.meta.url,
            "warnings": list(f.warnings),
        }
        if doc is not None:
            sentences = segmenter.segment(doc)
            row["characters"] = len(doc.text)
            row["sentences"] = len(sentences)
            row["standalone"] = sum(standalone(display(s.text)) for s in sentences)
            if with_text:
                row["text"] = doc.text
        rows.append(row)
    return {"path": str(path), "documents": rows}
