"""Article text and metadata from a saved news page.

trafilatura finds the article (its own rules, checked against readability and jusText) in
precision mode, without comments, and reads the metadata. We render the elements it keeps
ourselves, one paragraph a line with a blank line between (its text output uses one newline and
writes lists and tables as Markdown), then drop what it lets through: captions, bylines, share
bars, "Read more" and sign-up lines, datelines, teaser links. Fragments, and pages where it finds
nothing, go through a block walk of our own. `benchmarks/bench_extract.py` scores it against
hand-marked article bodies.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from html import unescape
from itertools import islice
from typing import Iterable, Iterator

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


@dataclass(frozen=True)
class _Line:
    text: str
    tag: str  # the block element that holds it: "p", "head", "item", "row", "h2", "li", ...
    linked: float  # share of its characters inside links


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


def _lines(events: Iterable[tuple[str, str]], blocks: frozenset[str]) -> list[_Line]:
    lines: list[_Line] = []
    parts: list[str] = []
    tag, linked, in_link, has_text, cell_pending = "", 0, 0, False, False

    def flush() -> None:
        nonlocal linked, has_text, cell_pending
        text = _WS.sub(" ", "".join(parts)).strip()
        if text:
            lines.append(_Line(text, tag, min(1.0, linked / (len(text) - text.count(" ")))))
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
# Cleaning: lines that are about the page, not the story. General patterns of news sites, each
# limited to short lines so that a paragraph of the story that happens to start alike is kept.

_FURNITURE = [
    (reason, re.compile("|".join(patterns), re.IGNORECASE))
    for reason, patterns in [
        (
            "more links",
            [
                r"^(?:read (?:more|also|next|the full)|related(?: \w+)?:|related (?:posts?|articles?|stories|coverage))",
                r"^(?:see also|more:|continue reading|you (?:may|might) (?:also )?(?:like|enjoy)|most (?:read|popular|viewed))",
            ],
        ),
        (
            "promotion",
            [
                r"^(?:advertisement|recommended(?: for you| reading| stories)?|sponsored(?: content| links?| stories)?)$",
                r"^(?:sign up (?:for|to|now|here)|subscribe (?:to|now|for|today|here))",
                r"\bclick here\b",
                r"^(?:share (?:this|on)|(?:\d+ )?comments?$|leave a (?:comment|reply)|tell us what you think)",
                r"^(?:join the (?:conversation|discussion)|reach the (?:reporter|writer|author)s?)",
                r"^follow (?:us|@\w|[\w'’ ]{1,40} on (?:twitter|facebook|instagram|linkedin|youtube)|.{0,80}\bat https?://)",
                r"^if you (?:enjoyed|liked) (?:this|our|reading)|^if you value (?:our|this) (?:journalism|reporting|work)",
            ],
        ),
        ("taxonomy", [r"^(?:tags?:?$|tags?:|filed under|categor(?:y|ies):|topics?:)"]),
        ("copyright", [r"^(?:©|copyright\s*(?:©|\(c\)|\d{4})|copyright\b[^.!?]*$|all rights reserved)"]),
        (
            "caption",
            [
                r"^(?:(?:image|photo|picture|video) (?:caption|copyright|credit)|(?:photo|photograph|image|picture|video|watch"
                r"|caption|credit)s?:|\((?:photo|image|credit|getty|ap photo|reuters))"
            ],
        ),
    ]
]
_META_LABELS = re.compile(
    r"\b(?:posted|published|publicado|publicada|publié|veröffentlicht|pubblicato|updated)\s*:?\s+"
    r"(?:by|on|in|at|por|em|par|le|von|am|da|il)\b"
    r"|\b(?:category|categories|categoria|categoría|catégorie|kategorie|tags?|filed under)\s*:",
    re.IGNORECASE,
)
_CREDIT_AT_END = re.compile(
    r"(?:\([^()]{0,60}\b(?:photo|photograph|image|credit|getty images|ap|afp|reuters)\b[^()]{0,60}\)"
    r"|\b(?:photo|photograph|image|picture|credit)s?(?: by| credit)?: [^.]{0,60}|/ ?(?:getty images|ap|afp|reuters)"
    r"|©[^.]{0,60})\.?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:(?:written |posted |published )?by|por|von|par|di)"  # then one to four capitalised names
    r"\s+[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3}\b"
)
_SHARE_WORDS = frozenset(
    "share shares tweet email e mail print facebook twitter pinterest linkedin whatsapp reddit messenger "
    "copy link pin it on save flipboard telegram sms comment comments".split()
)
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
_READING_TIME = re.compile(r"\b\d+\s*min", re.IGNORECASE)
_READ = ("read", "leit", "lect", "lett", "lese")  # "5 min read", "Tempo de leitura", "Lesezeit"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "»")
_LIST_SEPARATOR = re.compile(r"\s*[,|·•>»/]\s*")
_CLICK_TO_TWEET = re.compile(r"\s*click to tweet\s*$", re.IGNORECASE)
_SHORTCODE = re.compile(r"\[[a-z_]+\s[^\[\]=]*=[^\[\]]*\]|\[/[a-z_]+\]")  # WordPress [button link=x]...[/button]
_WORD = re.compile(r"\w+")


def boilerplate(line: _Line) -> str | None:
    """Why `line` is not part of the story, or None."""
    text = line.text
    words = _WORD.findall(text.lower())
    n = len(words)
    if not words:
        return "no words"
    for reason, rule in _FURNITURE if n <= 40 else ():
        if rule.search(text):
            return reason
    if n <= 25 and len(_META_LABELS.findall(text)) >= 2:
        return "metadata"  # "05/10/2018 - Posted by: Jane Doe - Category: Health - Tags: ..."
    if n <= 12 and _BYLINE.match(text) and not text.endswith(_SENTENCE_END):
        return "byline"
    if n <= 40 and line.tag not in _HEADINGS and _CREDIT_AT_END.search(text):
        return "caption"
    if n <= 8 and all(w in _SHARE_WORDS for w in words):
        return "share bar"
    if n <= 6 and _READING_TIME.search(text) and any(w.startswith(_READ) for w in words):
        return "reading time"
    if (
        n <= 12
        and (_TIME.search(text) or _YEAR.search(text) and _MONTH.search(text))
        and not text.endswith(_SENTENCE_END)
        and sum(w.isdigit() for w in words) / n >= 0.3
    ):
        return "dateline"  # the share of numbers keeps "Top 10 floods of May 2021"
    if _URL.search(text) and len(_WORD.findall(_URL.sub("", text))) <= 8:
        return "links"
    if line.linked >= 0.9 and (n <= 20 or line.tag == "links"):
        return "links"  # a teaser for another article, a tag list, a menu
    return None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _similar(a: str, b: str) -> bool:
    a_words, b_words = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(a_words) and len(a_words & b_words) >= 0.6 * max(len(a_words), len(b_words))


def _link_texts(tree) -> frozenset[str]:
    """The text of every link on the page that leads elsewhere (not "#section" jumps)."""
    return frozenset(
        key for a in tree.iter("a") if not (a.get("href") or "").startswith("#") and (key := _key(a.text_content()))
    )


def _all_links(text: str, link_texts: frozenset[str]) -> bool:
    pieces = [key for piece in _LIST_SEPARATOR.split(text) if (key := _key(piece))]
    return bool(pieces) and all(piece in link_texts for piece in pieces)


def clean_lines(lines: list[_Line], title: str | None = None, link_texts: frozenset[str] = frozenset()) -> list[str]:
    """The article's paragraphs from rendered lines: boilerplate dropped, the headline too (it is
    `title`), and repeats of the previous line. A line made only of the texts of links on the
    page (`link_texts`), alone or as a list ("a, b, c", "a | b"), counts as links."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        text = _SHORTCODE.sub("", _CLICK_TO_TWEET.sub("", line.text)).strip()
        if _key(text) in link_texts:
            line = _Line(text, line.tag, 1.0)
        elif _all_links(text, link_texts):
            line = _Line(text, "links", 1.0)
        else:
            line = _Line(text, line.tag, line.linked)
        if not text or boilerplate(line):
            continue
        if title and i < 5 and len(_WORD.findall(text)) <= 30 and _similar(text, title):
            continue  # the headline (or the dek repeating it): it is `title`
        if kept and kept[-1] == text:
            continue
        kept.append(text)
    return kept


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


def _fallback(html: str) -> list[_Line]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    return _lines(_selectolax_events(root), _HTML_BLOCKS) if root is not None else []


_DOCUMENT = re.compile(r"<(?:html|body|head|article|main)\b", re.IGNORECASE)
_SITE_NAME = re.compile(r"""<meta[^>]+property=["']og:site_name["'][^>]*>""", re.IGNORECASE)
_CONTENT = re.compile(r"""content=["']([^"']+)["']""", re.IGNORECASE)


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
    links = _link_texts(tree)
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
    return Extracted("\n\n".join(best), extractor, **fields)


def _length(paragraphs: list[str]) -> int:
    return sum(map(len, paragraphs))


def _or_none(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
