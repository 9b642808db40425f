"""The evaluation data of `brief eval`: Multi-News or DUC clusters as JSON Lines, read and checked.

Data is read from the path given and never copied: each cluster's articles go to a temporary
folder as doc_0.txt, doc_1.txt, ... only for the time the pipeline reads them. A record is
`{"id", "documents": [str], "summary": str, "references"?: [str], "alignments"?: [{summary_sentence,
doc_index, doc_span_offsets}]}`. With `references` (DUC: four human summaries, one sentence per
line) ROUGE is averaged over them and `summary` may be left out; without, `summary` is the one
reference (Multi-News prose). Offsets index the document strings, which are written unchanged, so
the pipeline's spans and the gold spans share one coordinate system.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .baselines import split_sentences
from .check import split_summary

DOC_NAME = re.compile(r"^doc_(\d+)\.txt$")


class EvalDataError(ValueError):
    """The eval file is missing or malformed; the message names the line and the field."""


@dataclass(frozen=True)
class GoldLink:
    sentence: str
    doc_index: int
    offsets: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class EvalCluster:
    id: str
    documents: tuple[str, ...]
    summary: str
    links: tuple[GoldLink, ...] = ()
    references: tuple[str, ...] = ()  # when given, ROUGE is averaged over these instead of `summary`


def load_clusters(path: Path, limit: int | None = None) -> list[EvalCluster]:
    if not path.is_file():
        raise EvalDataError(f"{path}: no such file; pass a Multi-News or DUC JSON Lines file (one cluster per line)")
    clusters = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                clusters.append(_parse(line, f"{path}, line {n}", f"line-{n}"))
            if limit and len(clusters) == limit:
                break
    if not clusters:
        raise EvalDataError(f"{path}: no records found")
    return clusters


def _parse(line: str, where: str, default_id: str) -> EvalCluster:
    """One record; EvalDataError names the file, the line and the field."""

    def bad(name: str, what: str) -> EvalDataError:
        return EvalDataError(
            f'{where}, field `{name}`: {what}; a record is {{"documents": [str], "summary": str '
            'or "references": [str], "alignments"?: [...]}'
        )

    try:
        row = json.loads(line)
    except ValueError as err:
        raise EvalDataError(f"{where}: not JSON ({err})") from None
    if not isinstance(row, dict):
        raise EvalDataError(f"{where}: not a JSON object")
    docs = row.get("documents")
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
        raise bad("documents", "missing or not a list of strings")
    references = row.get("references")
    if references is not None and (
        not isinstance(references, list)
        or not references
        or not all(isinstance(r, str) and r.strip() for r in references)
    ):
        raise bad("references", "not a non-empty list of non-empty strings")
    summary = row.get("summary", references[0] if references else None)
    if not isinstance(summary, str):
        raise bad("summary", "missing or not a string (give `summary`, or `references`)")
    links = []
    for i, a in enumerate(row.get("alignments") or ()):
        try:
            offsets = tuple((int(start), int(end)) for start, end in a["doc_span_offsets"])
            links.append(GoldLink(str(a["summary_sentence"]), int(a["doc_index"]), offsets))
        except (ValueError, KeyError, TypeError) as err:
            raise bad(
                f"alignments[{i}]",
                f"{type(err).__name__}: {err}; expected summary_sentence, doc_index "
                "and doc_span_offsets ([[start, end], ...])",
            ) from None
    return EvalCluster(str(row.get("id", default_id)), tuple(docs), summary, tuple(links), tuple(references or ()))


def reference_sentences(cluster: EvalCluster) -> list[list[str]]:
    """Each reference as a list of sentences (ROUGE-Lsum reads them one per line): `references`
    by `brief attribute`'s rule (one sentence per line when written so, as DUC's are), else the
    prose `summary` segmented with Punkt as before, so Multi-News scores do not move."""
    if cluster.references:
        return [split_summary(r) for r in cluster.references]
    return [split_sentences([cluster.summary])[0]]


def write_documents(folder: Path, documents: tuple[str, ...]) -> None:
    for i, text in enumerate(documents):
        (folder / f"doc_{i}.txt").write_text(text, encoding="utf-8", newline="")


def doc_index(path: str) -> int:
    m = DOC_NAME.match(path)
    if not m:
        raise ValueError(f"unexpected source path {path!r}")
    return int(m.group(1))


def gold_sentences(cluster: EvalCluster) -> list[str]:
    """Distinct linked summary sentences, in the order they appear in the summary."""
    found = {link.sentence for link in cluster.links}
    return sorted(found, key=lambda s: (cluster.summary.find(s), s))
