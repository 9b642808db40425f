"""Issue 6: source text never becomes markup, and incident names never leave --out.

The project writes Markdown, JSON and brief.html (tested on its own, with a browser). The Markdown
is checked by parsing it with
markdown-it-py (CommonMark, raw HTML enabled, so that any HTML that got through would show up
as an html token): the text of every brief item must come back exactly as the source wrote it,
followed by its citations, with no link, image, code or HTML token.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from conftest import write_incident
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import Config
from pipeline.runtime.layout import MAX_NAME_BYTES, safe_name
from pipeline.runtime.run import Pipeline, run_incident
from pipeline.stages.render import escape_markdown

MarkdownIt = pytest.importorskip("markdown_it").MarkdownIt
MD = MarkdownIt("commonmark")
REFS = re.compile(r" (?:\[\d+\])+$")

HOSTILE = [
    "Officials said <script>alert('owned')</script> was found in the ministry's web page on Thursday.",
    "Witnesses said [click here](javascript:alert(1)) links were spread after the strike on Thursday.",
    "The ministry said `rm -rf /` style attacks | pipes | tables were not involved in the strike.",
    "1. The strike killed three soldiers near the town of Alpha, the ministry said.",
    "- A written statement about the strike near Alpha was issued by officials on Friday.",
    "Officials wrote &lt;b&gt;bold&lt;/b&gt; and AT&amp;T &copy; into the report about the strike.",
    "The report ![pixel](http://tracker.example/p.png) and <http://evil.example> were cited about the strike.",
    "An *emphasised* and **strong** and _under_ claim about the strike near Alpha was made on Friday.",
    "The spokesman ended his statement about the strike with a backslash \\ and a bracket [1]: http://x.example.",
]


def _pipeline() -> Pipeline:
    p = Pipeline.from_config(Config(embedder="hashing", summariser="extractive", max_sentences=20, max_words=1000))
    p.warm_up()
    return p


def _items(md_text: str):
    """(inline children, rendered text) of each item of the brief's first bullet list."""
    tokens = MD.parse(md_text)
    items, depth = [], 0
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and tokens[i + 1].content == "Sources":
            break
        if t.type == "list_item_open":
            depth += 1
        elif t.type == "list_item_close":
            depth -= 1
        elif t.type == "inline" and depth == 1:
            items.append((t.children, "".join(c.content for c in t.children)))
    return tokens, items


def test_hostile_source_text_stays_text_and_citations_still_parse(tmp_path):
    folder = write_incident(tmp_path / "inc", {f"{i}.txt": line + "\n" for i, line in enumerate(HOSTILE)})
    brief, target = run_incident(folder, tmp_path / "out", _pipeline())
    assert len(brief.sentences) >= 6
    md_text = (target / "brief.md").read_text()
    tokens, items = _items(md_text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "fence", "code_block", "hr"}
    assert len(items) == len(brief.sentences)  # one item each: nothing split or nested
    for (children, text), sentence in zip(items, brief.sentences):
        assert {c.type for c in children} == {"text"}
        m = REFS.search(text)
        assert m, text  # the citations are the item's last text
        assert text[: m.start()] == " ".join(sentence.text.split())  # the source text, exactly
    # code spans only in the Sources list: the file names
    code = [c.content for t in tokens for c in (t.children or []) if c.type == "code_inline"]
    assert sorted(code) == sorted(f"{i}.txt" for i in range(len(HOSTILE)))
    # The only HTML is brief.html, whose escaping and CSP tests/test_render_html.py and the browser tests check.
    assert [p.name for p in target.glob("*.htm*")] == ["brief.html"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_renders_as_one_plain_list_item(text):
    line = f"- {escape_markdown(text)} [1][2]"
    tokens = MD.parse(line)
    assert [t.type for t in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    children = tokens[3].children
    assert {c.type for c in children} <= {"text"}
    rendered = "".join(c.content for c in children)
    shown = " ".join(re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", "\ufffd", text).split())
    assert rendered == f"{shown} [1][2]".strip()


NAMES = [
    "..",
    "../x",
    "/abs",
    "../../etc/passwd",
    "a/../../b",
    "a\x00b",
    "tab\tname",
    "new\nline",
    "\x1b[31mred",
    "x" * 5000,
    "é" * 400,
    ".hidden",
    "...",
    "",
    " ",
    "CON",
    "a\\b",
    "\u202eevil",
]


@pytest.mark.parametrize("name", NAMES)
def test_safe_name_is_one_harmless_component(name, tmp_path):
    safe = safe_name(name)
    assert safe and "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert safe not in (".", "..") and not safe.startswith(".")
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES and safe.isprintable()
    assert (tmp_path / safe).resolve().parent == tmp_path.resolve()
    (tmp_path / safe).mkdir()  # a real, creatable folder name


def test_long_names_stay_apart():
    assert safe_name("x" * 300 + "a") != safe_name("x" * 300 + "b")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_safe_name_any_text(name):
    safe = safe_name(name)
    assert safe and os.sep not in safe and safe not in (".", "..") and not safe.startswith(".")
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert safe_name(safe) == safe


@pytest.mark.parametrize("folder_name", ["new\nline", "x" * 250, os.fsdecode(b"caf\xe9"), "[b]..", "tab\tname"])
def test_hostile_folder_names_write_inside_out(tmp_path, folder_name):
    folder = write_incident(tmp_path / "in" / folder_name, {"a.txt": HOSTILE[0] + "\n", "b.txt": HOSTILE[3] + "\n"})
    out = tmp_path / "out"
    brief, target = run_incident(folder, out, _pipeline())
    assert target.parent == out and target.name == safe_name(folder_name)
    assert os.listdir(out) == [target.name] or set(os.listdir(out)) <= {target.name, ".brief"}
    data = json.loads((target / "brief.json").read_text(encoding="utf-8"))
    assert data["incident"].isprintable()
