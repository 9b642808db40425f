"""Issue 14: brief.html as text: self-contained, escaped, a strict CSP whose hashes match the one
style and the one script, only the cited paragraphs embedded, published with the brief and
checked by the up-to-date test. (tests/test_html_browser.py opens it in Chromium.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

from conftest import write_incident

from pipeline.config import Config
from pipeline.runtime.manifest import check
from pipeline.runtime.run import Pipeline, run_incident
from pipeline.stages.render_html import CSP, to_html
from pipeline.types import Brief, BriefSentence, DocMeta, Excerpt, SourceFile, SourceSpan


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data: dict[int, str] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

        self.inside = tag in ("script", "style")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if getattr(self, "inside", False):
            self.data[len(self.tags) - 1] = self.data.get(len(self.tags) - 1, "") + data


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


HOSTILE = "Officials said </script><script>alert(1)</script> <img src=x onerror=alert(2)> & more on Thursday."
ARTICLE = (
    HOSTILE + "\n\nA second paragraph that nobody cites says the weather was fine.\n\n"
    "The strike hit a depot near Alpha on Thursday, the army said.\n"
)


def _brief() -> Brief:
    a = ARTICLE.index("The strike")
    spans = (SourceSpan("d1", "a<b>.txt", 0, len(HOSTILE), 0.9), SourceSpan("d1", "a<b>.txt", a, a + 61, 0.8))
    files = (
        SourceFile(
            "a<b>.txt",
            "0" * 64,
            "used",
            meta=DocMeta(title="<i>Title</i>", site="Wire & Co", url="javascript:alert(3)"),
        ),
    )
    excerpts = {
        (sp.path, sp.start, sp.end): Excerpt(sp.path, sp.start, sp.end, sp.start, ARTICLE[sp.start : sp.end])
        for sp in spans
    }
    sentences = (BriefSentence("Officials found <script> tags and a depot was hit near Alpha.", 0, "fused", spans),)
    return Brief("inc<script>", sentences, files, excerpts=excerpts)


def test_page_is_self_contained_escaped_and_its_csp_admits_only_its_own_code():
    page = to_html(_brief(), {"finished_at": "2026-01-01T00:00:00+0000"})
    parser = Tags()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    scripts = [(i, a) for i, (t, a) in enumerate(parser.tags) if t == "script"]
    assert [a.get("type") for _, a in scripts] == ["application/json", None]
    assert "img" not in tags and "iframe" not in tags and "link" not in tags and "i" not in tags
    assert not any(k.startswith("on") for _, a in parser.tags for k in a)  # no inline handler anywhere
    csp = next(a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp == CSP and "default-src 'none'" in csp and "connect-src 'none'" in csp and "img-src 'none'" in csp
    code = parser.data[scripts[1][0]]
    style = next(parser.data[i] for i, (t, _) in enumerate(parser.tags) if t == "style")
    assert f"script-src '{_sha(code)}'" in csp and f"style-src '{_sha(style)}'" in csp
    assert re.search(r"(src|href)=\"(https?:|//)", page) is None  # nothing external to load
    assert "javascript:" not in page  # a URL that is not http(s) is not linked
    data = json.loads(parser.data[scripts[0][0]])
    assert "</" not in parser.data[scripts[0][0]]
    assert HOSTILE in [x["p"] for x in data["spans"].values()]  # the text itself, intact as data
    assert "nobody cites" not in page  # only the cited paragraphs are embedded
    assert "&lt;script&gt; tags" in page and "Wire &amp; Co" in page and "&lt;i&gt;Title&lt;/i&gt;" in page
    assert 'data-path="a&lt;b&gt;.txt"' in page and 'class="method"' in page  # the fused mark
    assert page.count('class="cite"') == 2 and 'id="differences"' in page


def test_brief_html_is_published_with_the_brief_and_checked_for_staleness(tmp_path):
    folder = write_incident(
        tmp_path / "inc",
        {
            "a.txt": "A strike hit a depot near Alpha on Thursday, the army said. Three soldiers were killed.\n\n"
            "An unrelated paragraph about the weather was long and dull and nobody cited it at all.\n",
            "b.txt": "The army said a strike hit a depot near Alpha on Thursday. Fire crews arrived at noon.\n",
        },
    )
    config = Config(embedder="hashing", summariser="extractive")
    pipeline = Pipeline.from_config(config)
    pipeline.warm_up()
    brief, target = run_incident(folder, tmp_path / "out", pipeline)
    page = (target / "brief.html").read_text(encoding="utf-8")
    data = json.loads((target / "brief.json").read_text(encoding="utf-8"))
    assert data["differences"] == [] and "differences" in data
    for s in data["sentences"]:
        for sp in s["sources"]:
            assert f'data-path="{sp["path"]}" data-start="{sp["start"]}" data-end="{sp["end"]}"' in page
    manifest = json.loads((target / "manifest.json").read_text())
    assert "brief.html" in manifest["outputs"]
    assert check(folder, tmp_path / "out", config).up_to_date
    (target / "brief.html").unlink()
    assert "output brief.html is missing" in check(folder, tmp_path / "out", config).reasons
