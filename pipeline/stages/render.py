"""Brief -> Markdown (pipeline/templates/brief.md.j2, from the BriefView) and JSON. Source text is
escaped so it can never become markup."""

from __future__ import annotations

import json
import re
from functools import cache

import jinja2

from ..types import Brief, DocMeta
from .view import copies_of, describe, view

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


class Inert(str):
    """Text made safe to print in Markdown: by `escape_markdown`, `code_span` or `_refs`."""


def _text(value: object) -> str:
    # A missing field (StrictUndefined) or a None reaching a filter is a template bug: say so.
    if not isinstance(value, str):
        raise TypeError(f"brief.md.j2 passed {type(value).__name__} where text was expected")
    return value


def _md(text: object) -> Inert:
    return Inert(escape_markdown(_text(text)))


def _code(path: object) -> Inert:
    return Inert(code_span(_text(path)))


def _refs(numbers: tuple[int, ...]) -> Inert:
    return Inert("".join(f"[{n}]" for n in numbers))


def _only_inert(value: object) -> object:
    """The template's finalize: a plain string printed without |md or |code is a bug, not output."""
    if isinstance(value, Inert) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"brief.md.j2 printed {value!r} unescaped: pass it through |md or |code")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline", "templates"),
        autoescape=False,  # Markdown, not HTML: escaping is the explicit |md filter
        finalize=_only_inert,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=_md, code=_code, refs=_refs)
    return env.get_template("brief.md.j2")


def to_markdown(brief: Brief) -> str:
    return _template().render(vars(view(brief)))


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
                    "high": v.high,
                    "sources": [{"path": sp.path, "start": sp.start, "end": sp.end} for sp in v.sources],
                }
                for v in d.versions
            ],
        }
        for d in brief.differences
    ]
    changes = brief.changes  # against the previous brief (issue 27); a first brief has none
    return {
        "schema": SCHEMA,
        "incident": brief.incident,
        **({"changes": changes.to_dict()} if changes is not None else {}),
        "sentences": sentences,
        "differences": differences,
        "facts": [
            {
                "slot": f.slot,
                "value": f.value,
                "detail": f.detail,
                "sources": [{"path": sp.path, "start": sp.start, "end": sp.end} for sp in f.sources],
                **(
                    {
                        "history": [
                            {
                                "value": st.value,
                                "date": st.date,
                                "note": st.note,
                                "sources": [{"path": sp.path, "start": sp.start, "end": sp.end} for sp in st.sources],
                            }
                            for st in f.history
                        ]
                    }
                    if f.history
                    else {}
                ),
            }
            for f in brief.facts
        ],
        "timeline": [
            {
                "date": d.date,
                "text": d.text,
                "sources": [{"path": sp.path, "start": sp.start, "end": sp.end} for sp in d.sources],
            }
            for d in brief.timeline
        ],
        "documents": documents,
        "unsupported": unsupported,
    }


def to_json(brief: Brief) -> str:
    return json.dumps(to_dict(brief), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
