"""Brief -> Markdown and JSON. Source text is escaped so it can never become markup."""

from __future__ import annotations

import json
import re

from ..types import Brief, Difference, DocMeta, SourceFile

SCHEMA = "brief/1"
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")  # '&': "&lt;" stays five characters, not "<"
# At the start of a list item these open a nested list or a rule: "1. ", "2) ", "- ", "---".
MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-=])")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def escape_markdown(text: str) -> str:
    """Backslash-escape every character Markdown (and inline HTML) could act on, on one line."""
    text = MD_SPECIAL.sub(r"\\\1", " ".join(CONTROL.sub("\ufffd", text).split()))
    return MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def code_span(text: str) -> str:
    """A file name as inline code: no backtick can close it, no line break can end the item."""
    return f"`{' '.join(CONTROL.sub('?', text.replace('`', '')).split())}`"


def citation_numbers(files: tuple[SourceFile, ...]) -> dict[str, int]:
    """Used and duplicate files are numbered in path order; a copy is cited with its original."""
    cited = [f.path for f in files if f.status in ("used", "duplicate")]
    return {path: i for i, path in enumerate(sorted(cited), start=1)}


def copies_of(files: tuple[SourceFile, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in files:
        if f.status == "duplicate" and f.duplicate_of:
            out.setdefault(f.duplicate_of, []).append(f.path)
    return out


def to_markdown(brief: Brief) -> str:
    numbers = citation_numbers(brief.files)
    copies = copies_of(brief.files)
    lines = [f"# Incident brief: {escape_markdown(brief.incident)}", ""]
    for s in brief.sentences:
        paths = {sp.path for sp in s.sources}
        paths.update(c for p in list(paths) for c in copies.get(p, []))
        refs = "".join(f"[{n}]" for n in sorted(numbers[p] for p in paths))
        lines.append(f"- {escape_markdown(s.text)} {refs}")
    if not brief.sentences:
        lines.append(
            "No sentence of these sources reads on its own as a report, so the brief has none: "
            "`brief ingest` shows what was read from each file, and its warnings."
        )
    lines += differences_markdown(brief, numbers)
    lines += ["", "## Sources", ""]
    meta = {f.path: f.meta for f in brief.files}
    for path, n in sorted(numbers.items(), key=lambda kv: kv[1]):
        lines.append(f"{n}. {source_line(path, meta[path])}")
    skipped = [f for f in brief.files if f.status == "skipped"]
    if skipped:
        lines += ["", "## Not used", ""]
        lines += [f"- {code_span(f.path)}: {escape_markdown(f.reason or 'skipped')}" for f in skipped]
    return "\n".join(lines) + "\n"


def describe(d: Difference) -> str:
    """One line saying what differs: `Killed (soldier): sources give different numbers.`"""
    if d.kind == "toll":
        what, _, noun = d.topic.partition(": ")
        head = what.capitalize() + (f" ({noun})" if noun else "")
        note = " The figure grew as reports came in: an update, the latest is the current one." if d.update else ""
        return f"{head}: sources give different numbers.{note}"
    return f"Accounts of the {d.topic} differ by who gives them."


def differences_markdown(brief: Brief, numbers: dict[str, int]) -> list[str]:
    if not brief.differences:
        return []
    lines = ["", "## Where sources differ", ""]
    for d in brief.differences:
        lines.append(f"- {escape_markdown(describe(d))}")
        for v in d.versions:
            refs = "".join(f"[{n}]" for n in sorted({numbers[sp.path] for sp in v.sources if sp.path in numbers}))
            who = f"{v.speaker}:" if v.speaker else (f"{v.number}:" if v.number is not None else "")
            when = f", {v.published}" if v.published else ""
            lines.append(
                f"  - {escape_markdown(who)} \u201c{escape_markdown(v.text)}\u201d {refs}{escape_markdown(when)}"
            )
    return lines


def source_line(path: str, meta: DocMeta) -> str:
    """`CNN: "Title" (file.txt), 2017-02-11`: what a reader needs to find the article again."""
    parts = []
    if meta.site:
        parts.append(f"{escape_markdown(meta.site)}:" if meta.title else escape_markdown(meta.site))
    if meta.title:
        parts.append(f'"{escape_markdown(meta.title)}"')
    if not parts:
        return code_span(path) + (f", {escape_markdown(meta.published)}" if meta.published else "")
    parts.append(f"({code_span(path)})")
    line = " ".join(parts)
    return line + (f", {escape_markdown(meta.published)}" if meta.published else "")


def _meta_dict(meta: DocMeta) -> dict:
    return {
        "title": meta.title,
        "site": meta.site,
        "author": meta.author,
        "published": meta.published,
        "url": meta.url,
        "extractor": meta.extractor,
    }


def to_dict(brief: Brief) -> dict:
    copies = copies_of(brief.files)
    sentences = []
    for s in brief.sentences:
        sources = []
        for sp in s.sources:
            for path in [sp.path, *copies.get(sp.path, [])]:
                sources.append({"path": path, "start": sp.start, "end": sp.end, "score": sp.score})
        entry = {"text": s.text, "method": s.method, "cluster": s.cluster_id, "sources": sources}
        if s.rejected:
            entry["rejected"] = [{"candidate": r.candidate, "reason": r.reason} for r in s.rejected]
        sentences.append(entry)
    documents = [
        {
            "path": f.path,
            "sha256": f.sha256,
            "status": f.status,
            "reason": f.reason,
            "encoding": f.encoding,
            **_meta_dict(f.meta),
            **({"duplicate_of": f.duplicate_of} if f.duplicate_of else {}),
            **({"warnings": list(f.warnings)} if f.warnings else {}),
        }
        for f in brief.files
    ]
    unsupported = [{"text": d.text, "method": d.method, "cluster": d.cluster_id} for d in brief.unsupported]
    differences = [
        {
            "kind": d.kind,
            "topic": d.topic,
            "update": d.update,
            "summary": describe(d),
            "versions": [
                {
                    "text": v.text,
                    "speaker": v.speaker,
                    "published": v.published,
                    "number": v.number,
                    "sources": [{"path": sp.path, "start": sp.start, "end": sp.end} for sp in v.sources],
                }
                for v in d.versions
            ],
        }
        for d in brief.differences
    ]
    return {
        "schema": SCHEMA,
        "incident": brief.incident,
        "sentences": sentences,
        "differences": differences,
        "documents": documents,
        "unsupported": unsupported,
    }


def to_json(brief: Brief) -> str:
    return json.dumps(to_dict(brief), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
