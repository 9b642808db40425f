"""Article text and metadata from a saved news page.

trafilatura finds the article (its own rules, checked against readability and jusText) in
precision mode, without comments, and reads the metadata. We render the elements it keeps
ourselves, one paragraph a line with a blank line between (its text output uses one newline and
writes lists and tables as Markdown), then drop what it lets through (`pipeline.stages.cleanup`):
captions, bylines, share bars, "Read more" and sign-up lines, datelines, teaser links. Fragments,
and pages where it finds nothing, go through a block walk of our own. `benchmarks/bench_extract.py`
scores it against hand-marked article bodies.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from html import unescape
from itertools import islice
from typing import Iterable, Iterator

from .cleanup import Line, clean_lines, link_texts

# trafilatura logs "discarding data" and parser errors at WARNING on odd pages; with no handler of
# its own they would reach stderr through logging's last resort, beside ingest's one line a file.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

MIN_CHARS = 250
"""Below this many characters of cleaned text, the precision-mode extraction may have missed the
article: recall mode is tried, and kept if it reaches this size (trafilatura's MIN_EXTRACTED_SIZE)."""

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Extracted:
    text: str  # one paragraph a line, paragraphs separated by a blank line
    extractor: str  # "trafilatura", "trafilatura:recall" or "fallback": which path produced `text`
    title: str | None = None
    site: str | None = None  # outlet name ("CNN", "The Guardian")
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    opinion: bool = False  # the page's metadata files it as opinion (`declares_opinion`)


# ---------------------------------------------------------------------------------------------
# One walk for both trees: a stream of ("start", tag) / ("end", tag) / ("text", str) events, cut
# into lines at block elements. Inline elements only add text, so they never break a line.

_TRAFILATURA_BLOCKS = frozenset({"p", "head", "item", "list", "quote", "code", "table", "row", "div", "body"})
_HTML_BLOCKS = frozenset(
    "address article blockquote body dd details div dl dt fieldset h1 h2 h3 h4 h5 h6 hr li main ol p pre "
    "section summary table tbody thead tfoot tr ul".split()
)
_CELLS = frozenset({"cell", "td", "th"})
_BREAKS = frozenset({"lb", "br"})
_LINKS = frozenset({"ref", "a"})


def _lines(events: Iterable[tuple[str, str]], blocks: frozenset[str]) -> list[Line]:
    lines: list[Line] = []
    parts: list[str] = []
    tag, linked, in_link, has_text, cell_pending = "", 0, 0, False, False

    def flush() -> None:
        nonlocal linked, has_text, cell_pending
        text = _WS.sub(" ", "".join(parts)).strip()
        if text:
            lines.append(Line(text, tag, min(1.0, linked / (len(text) - text.count(" ")))))
        parts.clear()
        linked, has_text, cell_pending = 0, False, False

    for kind, value in events:
        if kind == "text":
            visible = len("".join(value.split()))
            if visible and cell_pending and has_text:
                parts.append(" | ")  # the cells of a table row share its line
            cell_pending = cell_pending and not visible
            has_text = has_text or bool(visible)
            parts.append(value)
            linked += visible if in_link else 0
        elif value in blocks:
            flush()
            tag = value
        elif kind == "start" and value in _CELLS:
            cell_pending = True
        elif kind == "start" and value in _BREAKS:
            parts.append(" ")
        elif value in _LINKS:
            in_link += 1 if kind == "start" else -1
    flush()
    return lines


def _lxml_events(root) -> Iterator[tuple[str, str]]:
    from lxml import etree

    for action, el in etree.iterwalk(root, events=("start", "end")):
        if isinstance(el.tag, str):
            yield action, el.tag
            if action == "start" and el.text:
                yield "text", el.text
        if action == "end" and el.tail and el is not root:
            yield "text", el.tail


# What a reader never sees as article text: no tag or class of these is kept by the fallback.
_DROP_TAGS = frozenset(
    "script style noscript template svg head nav header footer aside figure figcaption form button "
    "select option iframe canvas video audio picture".split()
)
_DROP_TOKENS = frozenset(
    "comment comments share sharing social related newsletter advert advertisement ads sidebar breadcrumb "
    "breadcrumbs menu nav navbar cookie cookies subscribe promo byline caption".split()
)
_TOKEN_SPLIT = re.compile(r"[\s_-]+")


def _dropped(node) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    # the first word of each class name only: "comments-area" and "share-bar" go, "no-sidebar" stays
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().split()
    return any(_TOKEN_SPLIT.split(name)[0] in _DROP_TOKENS for name in names)


def _selectolax_events(root) -> Iterator[tuple[str, str]]:
    stack = [(root, False)]  # iterative: the caller allows nesting deeper than Python's recursion limit
    while stack:
        node, done = stack.pop()
        if done:
            yield "end", node.tag
        elif node.tag == "-text":
            yield "text", node.text_content or ""
        elif node.is_element_node and (node is root or not _dropped(node)):
            yield "start", node.tag
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))


# ---------------------------------------------------------------------------------------------
# Extraction


def _join_split_bodies(tree) -> None:
    """Some sites cut a long article into sibling containers of one class with ads in between;
    trafilatura keeps only the first container its rules match, so the others' children are moved
    into it (moving the containers in whole did not work: trafilatura dropped the nested ones)."""
    for parent in list(tree.iter()):
        groups = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.get("class"):
                groups[(child.tag, child.get("class"))].append(child)
        for chunks in groups.values():
            if len(chunks) > 1 and all(_has_paragraphs(chunk, 2) for chunk in chunks):
                first = chunks[0]
                for chunk in chunks[1:]:
                    if chunk.text and chunk.text.strip():  # text before the first child element
                        if len(first):
                            first[-1].tail = (first[-1].tail or "") + chunk.text
                        else:
                            first.text = (first.text or "") + chunk.text
                    first.extend(list(chunk))
                    parent.remove(chunk)  # with its tail: what lies between containers is elements (ads)


def _has_paragraphs(el, count: int) -> bool:
    found = (p for p in el.iter("p") if len(p.text_content().strip()) >= 80)
    return sum(1 for _ in islice(found, count)) == count


def _trafilatura(tree, recall: bool):
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        favor_precision=not recall,
        favor_recall=recall,
        include_comments=False,
        include_tables=True,
        include_links=False,  # with links on, trafilatura 2.3 loses the text before a link in a <div> paragraph
    )


def _fallback(html: str) -> list[Line]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    return _lines(_selectolax_events(root), _HTML_BLOCKS) if root is not None else []


_DOCUMENT = re.compile(r"<(?:html|body|head|article|main)\b", re.IGNORECASE)
_SITE_NAME = re.compile(r"""<meta[^>]+property=["']og:site_name["'][^>]*>""", re.IGNORECASE)
_CONTENT = re.compile(r"""content=["']([^"']+)["']""", re.IGNORECASE)


# How a page says it is opinion, whatever its address: the Open Graph article property that
# publishers set on columns and editorials, and schema.org's type for them (in JSON-LD).
_OPINION_META = re.compile(r"""<meta[^>]+property=["']article:opinion["'][^>]*>""", re.IGNORECASE)
_OPINION_TYPE = re.compile(r'"@type"\s*:\s*(?:\[[^\]]*)?"OpinionNewsArticle"')


def declares_opinion(html: str) -> bool:
    """Whether the page's metadata files it as a column or an editorial."""
    tag = _OPINION_META.search(html)
    value = _CONTENT.search(tag.group(0)) if tag else None
    return bool(value and value.group(1).strip().lower() == "true") or bool(_OPINION_TYPE.search(html))


def _og_site_name(html: str) -> str | None:
    tag = _SITE_NAME.search(html)
    value = _CONTENT.search(tag.group(0)) if tag else None
    return _or_none(unescape(value.group(1))) if value else None


def extract_html(html: str) -> Extracted:
    """The article of an HTML page, with its metadata. Never raises: a page without an article
    gives text "" (extractor "fallback")."""
    try:
        return _extract(html)
    except Exception:  # a library failing on an odd page must not lose it: our own walk reads it
        try:
            return Extracted("\n\n".join(clean_lines(_fallback(html))), "fallback")
        except Exception:
            return Extracted("", "fallback")


def _extract(html: str) -> Extracted:
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(html) if _DOCUMENT.search(html) else None  # a fragment is not a page
    if tree is None:
        return Extracted("\n\n".join(clean_lines(_fallback(html))), "fallback")
    meta = extract_metadata(tree)  # from the page as it came, before _join_split_bodies
    title = _or_none(meta.title)
    fields = {
        "title": title,
        "site": _or_none(meta.sitename) or _og_site_name(html),
        "author": _or_none(meta.author),
        "published": _or_none(meta.date),
        "url": _or_none(meta.url),
    }
    links = link_texts(tree)
    _join_split_bodies(tree)

    def paragraphs(recall: bool) -> list[str]:
        doc = _trafilatura(tree, recall)
        if doc is None or doc.body is None:
            return []
        return clean_lines(_lines(_lxml_events(doc.body), _TRAFILATURA_BLOCKS), title, links)

    # trafilatura's own escalation, applied after our cleaning: a short text is retried in recall
    # mode, whose answer counts only if it reaches MIN_CHARS (on a tiny page recall mode returns
    # the whole page as one block, menus and all).
    best, extractor = paragraphs(recall=False), "trafilatura"
    if _length(best) < MIN_CHARS:
        again = paragraphs(recall=True)
        if _length(again) >= MIN_CHARS and _length(again) > _length(best):
            best, extractor = again, "trafilatura:recall"
    if not best:
        best, extractor = clean_lines(_fallback(html), title), "fallback"
    return Extracted("\n\n".join(best), extractor, **fields, opinion=declares_opinion(html))


def _length(paragraphs: list[str]) -> int:
    return sum(map(len, paragraphs))


def _or_none(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
