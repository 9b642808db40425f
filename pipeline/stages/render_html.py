"""Brief -> brief.html: one self-contained page a reader can check (issue 14).

Every citation is a button carrying `data-path`, `data-start`, `data-end` (the span, as in
brief.json); activating it shows the cited sentence highlighted (`<mark class="cited">`) inside
its paragraph, with the outlet and title. Only the paragraphs around cited spans are embedded
(Brief.excerpts), as JSON data in a `<script type="application/json">` block, never whole articles.

Safety: every piece of source text goes through `html.escape` or, inside the JSON block, has
`<`, `>` and `&` written as \\u escapes, so no source can close the block or open a tag; the JS
builds the evidence with `textContent` only. A Content-Security-Policy meta allows exactly this
page's one stylesheet and one script by their SHA-256 hashes: no external load, no other inline
script, no inline event handler, no image, no connection.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape

from ..types import Brief, DocMeta, Sentence, SourceSpan
from .differences import claims
from .render import citation_numbers, copies_of, describe

CSS = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--accent:#0b5cad;--mark:#ffe58a;--bg:#fff;--panel:#f5f7fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.1rem 3rem}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 .8rem}
h2{font-size:1.15rem;margin:2.2rem 0 .7rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.75rem;color:var(--muted);margin:0}
.lede{font-size:1.12rem;margin:.4rem 0 1rem}
.facts{display:flex;flex-wrap:wrap;gap:.4rem .6rem;margin:0;padding:0;list-style:none}
.facts li{background:var(--panel);border:1px solid var(--line);border-radius:999px;padding:.1rem .7rem;font-size:.85rem}
ol.brief{padding-left:1.4rem}
ol.brief>li,.version{margin:.2rem 0 .9rem}
.method{font-size:.7rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);border:1px solid var(--line);
border-radius:4px;padding:0 .3rem;margin-left:.3rem;vertical-align:.1em;white-space:nowrap}
button.cite{font:inherit;font-size:.8rem;color:var(--accent);background:none;border:1px solid transparent;border-radius:4px;
padding:0 .15rem;margin-left:.1rem;cursor:pointer;vertical-align:.15em}
button.cite:hover,button.cite[aria-expanded=true]{background:#e8f0fb;border-color:#b7cdea}
button.cite:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
.evidence{background:var(--panel);border-left:3px solid var(--accent);border-radius:4px;padding:.6rem .9rem;margin:.5rem 0;
font-size:.95rem}
.evidence .from{color:var(--muted);font-size:.85rem;margin:0 0 .3rem}
.evidence p{margin:.3rem 0}
mark.cited{background:var(--mark);padding:0 .1rem;border-radius:2px}
.fusednote{font-size:.85rem;color:var(--muted);margin:.5rem 0 .2rem}
.evidence ul{margin:.2rem 0;padding-left:1.2rem;font-size:.9rem}
.difference{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;margin:.8rem 0}
.difference>p{margin:.1rem 0 .5rem;font-weight:600}
.version{padding-left:.8rem;border-left:3px solid var(--line)}
.who{font-weight:600}
.date,.muted{color:var(--muted);font-size:.85rem}
#sources li{margin:.3rem 0}
code{font-size:.85em;background:var(--panel);padding:0 .2rem;border-radius:3px}
a{color:var(--accent)}
@media (max-width:480px){body{font-size:16px}main{padding:1rem .8rem 2rem}h1{font-size:1.4rem}
button.cite{padding:.2rem .35rem;font-size:.85rem}}
"""

JS = """
(function(){
var data=JSON.parse(document.getElementById('evidence').textContent);
var open=null;
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text)e.textContent=text;return e;}
function from(path){var d=data.docs[path]||{};var parts=[];if(d.site)parts.push(d.site);
if(d.title)parts.push('\\u201c'+d.title+'\\u201d');if(d.published)parts.push(d.published);
parts.push(path);return parts.join(' \\u00b7 ');}
function close(){if(!open)return;open.panel.remove();open.button.setAttribute('aria-expanded','false');open=null;}
function show(b){var same=open&&open.button===b;close();if(same)return;
var key=b.dataset.path+'|'+b.dataset.start+'|'+b.dataset.end;var x=data.spans[key];if(!x)return;
var panel=el('div','evidence');panel.id='evidence-open';panel.setAttribute('role','region');
panel.setAttribute('aria-label','Cited source');panel.appendChild(el('p','from',from(b.dataset.path)));
var p=el('p');p.appendChild(document.createTextNode(x.p.slice(0,x.a)));
p.appendChild(el('mark','cited',x.p.slice(x.a,x.b)));p.appendChild(document.createTextNode(x.p.slice(x.b)));
panel.appendChild(p);var s=b.dataset.sentence!==undefined?data.sentences[+b.dataset.sentence]:null;
if(s&&s.method==='fused'){var n=s.sources.length;panel.appendChild(el('p','fusednote','Fused sentence: reworded from '+
(n===1?'this source sentence:':'these '+n+' source sentences:')));var ul=el('ul');s.sources.forEach(function(k){var y=data.spans[k];if(!y)return;
var li=el('li',null,y.p.slice(y.a,y.b));li.appendChild(el('span','muted',' \\u2014 '+from(k.split('|')[0])));
ul.appendChild(li);});panel.appendChild(ul);}
var host=b.closest('li,.version');host.appendChild(panel);b.setAttribute('aria-expanded','true');
b.setAttribute('aria-controls','evidence-open');open={button:b,panel:panel};}
document.querySelectorAll('button.cite').forEach(function(b){b.addEventListener('click',function(){show(b);});});
document.addEventListener('keydown',function(e){if(e.key==='Escape'&&open){var b=open.button;close();b.focus();}});
})();
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CSP = (
    f"default-src 'none'; style-src '{_hash(CSS)}'; script-src '{_hash(JS)}'; img-src 'none'; "
    "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"
)


def _json_data(obj: object) -> str:
    """JSON that is inert inside <script type="application/json">: no `</script>`, no `<!--`."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _key(sp: SourceSpan) -> str:
    return f"{sp.path}|{sp.start}|{sp.end}"


def _cite(sp: SourceSpan, n: int | None, sentence: int | None = None) -> str:
    attrs = f'data-path="{escape(sp.path)}" data-start="{sp.start}" data-end="{sp.end}"'
    if sentence is not None:
        attrs += f' data-sentence="{sentence}"'
    label = f"[{n}]" if n else "[source]"
    return (
        f'<button type="button" class="cite" {attrs} aria-expanded="false" '
        f'title="Show the cited sentence in {escape(sp.path)}">{label}</button>'
    )


def _source_item(path: str, meta: DocMeta) -> str:
    parts = []
    if meta.site:
        parts.append(f"<strong>{escape(meta.site)}</strong>")
    if meta.title:
        title = escape(meta.title)
        if meta.url and meta.url.lower().startswith(("https://", "http://")):
            title = f'<a href="{escape(meta.url)}" rel="noopener noreferrer nofollow">{title}</a>'
        parts.append(f"\u201c{title}\u201d")
    if meta.published:
        parts.append(f'<span class="date">{escape(meta.published)}</span>')
    parts.append(f"<code>{escape(path)}</code>")
    return " \u00b7 ".join(parts)


def headline_facts(brief: Brief) -> list[str]:
    """Figures the brief states (killed 3, wounded 11), flagged where sources differ on them."""
    facts, seen = [], set()
    disputed = {d.topic.partition(": ")[0] for d in brief.differences if d.kind == "toll"}
    for s in brief.sentences:
        for c in claims(Sentence("", "", 0, len(s.text), s.text)):
            if c.quantity in seen or c.other_event:
                continue
            seen.add(c.quantity)
            note = " (sources differ)" if c.quantity in disputed else ""
            facts.append(
                f"{c.quantity.capitalize()}: {c.number}{' ' + c.noun + 's' if c.noun and c.number != 1 else ''}{note}"
            )
    return facts


def _differences(brief: Brief, numbers: dict[str, int]) -> str:
    if not brief.differences:
        return (
            '<section id="differences"><h2>Where sources differ</h2>'
            '<p class="muted">No rival figures or disputed accounts were found among the sources.</p></section>'
        )
    out = ['<section id="differences"><h2>Where sources differ</h2>']
    for d in brief.differences:
        out.append(f'<div class="difference" data-kind="{escape(d.kind)}"><p>{escape(describe(d))}</p>')
        for v in d.versions:
            who = escape(v.speaker) if v.speaker else (str(v.number) if v.number is not None else "")
            cites = "".join(_cite(sp, numbers.get(sp.path)) for sp in v.sources)
            date = f' <span class="date">{escape(v.published)}</span>' if v.published else ""
            out.append(
                f'<div class="version"><span class="who">{who}</span>{":" if who else ""} '
                f"\u201c{escape(v.text)}\u201d {cites}{date}</div>"
            )
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


def to_html(brief: Brief, record: dict | None = None) -> str:
    numbers = citation_numbers(brief.files)
    copies = copies_of(brief.files)
    meta = {f.path: f.meta for f in brief.files}
    used = [f for f in brief.files if f.status == "used"]
    counts = {k: sum(f.status == k for f in brief.files) for k in ("used", "duplicate", "skipped")}
    spans = {_key(sp): sp for s in brief.sentences for sp in s.sources}
    spans.update({_key(sp): sp for d in brief.differences for v in d.versions for sp in v.sources})
    data = {
        "docs": {
            p: {"site": m.site, "title": m.title, "published": m.published} for p, m in meta.items() if p in numbers
        },
        "spans": {},
        "sentences": [{"method": s.method, "sources": [_key(sp) for sp in s.sources]} for s in brief.sentences],
    }
    for key, sp in spans.items():
        x = brief.excerpts.get((sp.path, sp.start, sp.end))
        if x is not None:
            data["spans"][key] = {"p": x.paragraph, "a": sp.start - x.para_start, "b": sp.end - x.para_start}

    items = []
    for i, s in enumerate(brief.sentences):
        cites = "".join(
            _cite(sp, numbers.get(sp.path), i) for sp in sorted(s.sources, key=lambda sp: numbers.get(sp.path, 0))
        )
        also = sorted({numbers[c] for sp in s.sources for c in copies.get(sp.path, []) if c in numbers})
        dup = f' <span class="muted">(also in {", ".join(f"[{n}]" for n in also)}, a copy)</span>' if also else ""
        method = (
            '<span class="method" title="Written from several source sentences">fused</span>'
            if s.method == "fused"
            else ""
        )
        items.append(f'<li><span class="text">{escape(s.text)}</span>{method} {cites}{dup}</li>')
    dates = sorted(m.published for p, m in meta.items() if m.published and p in numbers)
    outlets = sorted({m.site for p, m in meta.items() if m.site and p in numbers})
    facts = headline_facts(brief) + [
        f"{len(used)} article{'s' if len(used) != 1 else ''}"
        + (f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}" if outlets else "")
    ]
    if dates:
        facts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}")
    sources = "\n".join(
        f'<li value="{n}">{_source_item(p, meta[p])}</li>' for p, n in sorted(numbers.items(), key=lambda kv: kv[1])
    )
    skipped = [f for f in brief.files if f.status == "skipped"]
    not_used = ""
    if skipped:
        not_used = (
            "<p>Not used:</p><ul>"
            + "".join(f"<li><code>{escape(f.path)}</code>: {escape(f.reason or 'skipped')}</li>" for f in skipped)
            + "</ul>"
        )
    built = escape(str((record or {}).get("finished_at") or "unknown"))
    lede = f'<p class="lede">{escape(brief.sentences[0].text)}</p>' if brief.sentences else ""
    title = escape(brief.incident)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Incident brief: {title}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Incident brief</p>
<h1>{title}</h1>
{lede}
<ul class="facts">{"".join(f"<li>{escape(f)}</li>" for f in facts)}</ul>
</header>
<section id="brief"><h2>What the sources say</h2>
<p class="muted">Each sentence cites its sources: select a number to see the sentence it rests on.</p>
<ol class="brief">
{chr(10).join(items)}
</ol>
</section>
{_differences(brief, numbers)}
<section id="sources"><h2>Sources</h2>
<ol>
{sources}
</ol>
</section>
<section id="run"><h2>About this brief</h2>
<p>Built {built} from {counts["used"]} article{"s" if counts["used"] != 1 else ""} used, {counts["duplicate"]} duplicate,
{counts["skipped"]} skipped. The sentences were chosen and attributed by a program; brief.json holds the full provenance.</p>
{not_used}
</section>
</main>
<script type="application/json" id="evidence">{_json_data(data)}</script>
<script>{JS}</script>
</body>
</html>
"""
