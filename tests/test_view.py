"""Issue 28: brief.md and brief.html are laid out by templates from one view model
(pipeline/stages/view.py). The view numbers citations once for both outputs; every field of it
is shown by a template; the Markdown template cannot print text it has not escaped."""

from __future__ import annotations

from dataclasses import fields

import jinja2
import pytest
from jinja2 import meta

from pipeline.stages import render, render_html
from pipeline.stages.render_html import assets, to_html
from pipeline.stages.view import BriefView, view
from pipeline.types import Brief, BriefSentence, DocMeta, SourceFile, SourceSpan

PAGE_OWN = {"css", "js", "csp"}  # what render_html adds beside the view: the page's own code and its CSP


def _brief() -> Brief:
    files = (
        SourceFile(
            "a.txt",
            "1" * 64,
            "used",
            meta=DocMeta(site="Harbour Post", title="Aground", url="https://harbour.example/ferry"),
        ),
        SourceFile("b.txt", "2" * 64, "used", meta=DocMeta(title="Ferry stuck", url="javascript:void(0)")),
        SourceFile("copy.txt", "1" * 64, "duplicate", duplicate_of="a.txt"),
        SourceFile("notes.bin", "3" * 64, "skipped", reason="not text"),
    )
    spans = (SourceSpan("b", "b.txt", 0, 30, 0.7), SourceSpan("a", "a.txt", 10, 50, 0.9))
    sentence = BriefSentence("A ferry ran aground off the pier on Monday.", 0, "extracted", spans)
    return Brief("ferry", (sentence,), files)


def test_a_copy_is_cited_with_its_original_and_numbers_agree_in_both_outputs():
    v = view(_brief())
    assert [(s.number, s.path) for s in v.sources] == [(1, "a.txt"), (2, "b.txt"), (3, "copy.txt")]
    s = v.sentences[0]
    assert s.refs == (1, 2, 3) and s.copies == (3,)
    assert [(c.path, c.number, c.sentence) for c in s.cites] == [("a.txt", 1, 0), ("b.txt", 2, 0)]
    assert [src.link for src in v.sources] == ["https://harbour.example/ferry", None, None]  # http(s) only
    assert v.skipped[0].reason == "not text" and (v.used, v.duplicates) == (2, 1)
    assert v.facts == ("2 articles from 1 outlet",) and v.built == "unknown"
    assert "- A ferry ran aground off the pier on Monday. [1][2][3]\n" in render.to_markdown(_brief())
    page = to_html(_brief())
    assert "(also in [3], a copy)" in page and 'href="https://harbour.example/ferry"' in page
    assert "javascript:" not in page


def test_every_view_field_is_shown_by_a_template_and_templates_read_nothing_else():
    read = {}
    for template in (render._template(), render_html._template()):
        env, name = template.environment, template.name or ""
        read[name] = meta.find_undeclared_variables(env.parse(env.loader.get_source(env, name)[0]))
    names = {f.name for f in fields(BriefView)}
    assert read["brief.md.j2"] <= names and read["brief.html.j2"] - PAGE_OWN <= names
    assert names == (read["brief.md.j2"] | read["brief.html.j2"]) - PAGE_OWN  # a field nobody shows is dead


def test_the_markdown_template_refuses_text_it_has_not_escaped():
    env = render._template().environment
    assert env.from_string("{{ t|md }} {{ n }}").render(t="*x* [y](z)", n=3) == "\\*x\\* \\[y\\]\\(z\\) 3"
    with pytest.raises(TypeError, match="unescaped"):
        env.from_string("{{ t }}").render(t="*x*")
    for missing in ("{{ nothing|md }}", "{{ nothing }}"):  # a misspelt field is an error, not an empty line
        with pytest.raises((TypeError, jinja2.UndefinedError)):
            env.from_string(missing).render()


def test_the_csp_hashes_the_css_and_js_files_the_page_inlines():
    page, own = to_html(_brief()), assets()
    assert f"<style>{own.css}</style>" in page and f"<script>{own.js}</script>" in page
    assert f'content="{own.csp}"' in page and own.csp.startswith("default-src 'none'; style-src 'sha256-")
