"""Brief -> brief.html: one self-contained page a reader can check (issue 14).

The page is pipeline/templates/brief.html.j2 filled from the BriefView (view.py), with the
page's own brief.css and brief.js inlined. Every citation is a button carrying `data-path`,
`data-start`, `data-end` (the span, as in brief.json); activating it shows the cited sentence
highlighted (`<mark class="cited">`) inside its paragraph, with the outlet and title. Only the
paragraphs around cited spans are embedded (Brief.excerpts), as JSON data in a
`<script type="application/json">` block, never whole articles.

Safety: the template autoescapes every value (with `html.escape`) and, inside the JSON block,
`<`, `>` and `&` are written as \\u escapes, so no source can close the block or open a tag; the
JS builds the evidence with `textContent` only. A Content-Security-Policy meta allows exactly
this page's one stylesheet and one script by the SHA-256 hashes of the files inlined: no external
load, no other inline script, no inline event handler, no image, no connection.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

import jinja2
from markupsafe import Markup

from ..types import Brief
from .view import view


@dataclass(frozen=True)
class Assets:
    """The page's stylesheet and script, exactly as inlined, and the CSP that admits only them."""

    css: str
    js: str
    csp: str


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def assets() -> Assets:
    folder = files("pipeline") / "templates"
    css, js = ((folder / name).read_text(encoding="utf-8") for name in ("brief.css", "brief.js"))
    csp = (
        f"default-src 'none'; style-src '{_hash(css)}'; script-src '{_hash(js)}'; img-src 'none'; "
        "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return Assets(css, js, csp)


def __getattr__(name: str) -> str:
    # `CSP` as a module constant for its readers, hashed from the files on first use, not at import.
    if name == "CSP":
        return assets().csp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _json_data(obj: object) -> Markup:
    """JSON that is inert inside <script type="application/json">: no `</script>`, no `<!--`."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _escape(value: object) -> Markup:
    # html.escape rather than markupsafe's escape: the same entities (&quot;, &#x27;) as the pages
    # built before the template, so a page changes only when what it says changes.
    return value if isinstance(value, Markup) else Markup(escape(str(value)))


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline", "templates"),
        autoescape=True,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = _json_data
    return env.get_template("brief.html.j2")


def to_html(brief: Brief, record: dict | None = None) -> str:
    page = assets()
    return _template().render(vars(view(brief, record)), css=Markup(page.css), js=Markup(page.js), csp=Markup(page.csp))
