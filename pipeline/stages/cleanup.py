"""Cleaning a news page's rendered lines: what is about the page, not the story.

`pipeline.stages.extract` walks a page into `Line`s (one block element each); `clean_lines` keeps
the article's paragraphs. Each pattern is a general one of news sites (captions, bylines, share
bars, "Read more" and sign-up lines, datelines, teaser links), limited to short lines so that a
paragraph of the story that happens to start alike is kept. `boilerplate` says which one fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One block element of a page as rendered text."""

    text: str
    tag: str  # the block element that holds it: "p", "head", "item", "row", "h2", "li", ...
    linked: float  # share of its characters inside links


_FURNITURE = [
    (reason, re.compile("|".join(patterns), re.IGNORECASE))
    for reason, patterns in [
        (
            "more links",
            [
                r"^(?:read (?:more|also|next|the full)|related(?: \w+)?:"
                r"|related (?:posts?|articles?|stories|coverage))",
                r"^(?:see also|more:|continue reading|you (?:may|might) (?:also )?(?:like|enjoy)"
                r"|most (?:read|popular|viewed))",
            ],
        ),
        (
            "promotion",
            [
                r"^(?:advertisement|recommended(?: for you| reading| stories)?"
                r"|sponsored(?: content| links?| stories)?)$",
                r"^(?:sign up (?:for|to|now|here)|subscribe (?:to|now|for|today|here))",
                r"\bclick here\b",
                r"^(?:share (?:this|on)|(?:\d+ )?comments?$|leave a (?:comment|reply)|tell us what you think)",
                r"^(?:join the (?:conversation|discussion)|reach the (?:reporter|writer|author)s?)",
                r"^follow (?:us|@\w|[\w'’ ]{1,40} on (?:twitter|facebook|instagram|linkedin|youtube)"
                r"|.{0,80}\bat https?://)",
                r"^if you (?:enjoyed|liked) (?:this|our|reading)"
                r"|^if you value (?:our|this) (?:journalism|reporting|work)",
            ],
        ),
        ("taxonomy", [r"^(?:tags?:?$|tags?:|filed under|categor(?:y|ies):|topics?:)"]),
        ("copyright", [r"^(?:©|copyright\s*(?:©|\(c\)|\d{4})|copyright\b[^.!?]*$|all rights reserved)"]),
        (
            "caption",
            [
                r"^(?:(?:image|photo|picture|video) (?:caption|copyright|credit)"
                r"|(?:photo|photograph|image|picture|video|watch|caption|credit)s?:"
                r"|\((?:photo|image|credit|getty|ap photo|reuters))"
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


def boilerplate(line: Line) -> str | None:
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


def link_texts(tree) -> frozenset[str]:
    """The text of every link on the page that leads elsewhere (not "#section" jumps)."""
    return frozenset(
        key for a in tree.iter("a") if not (a.get("href") or "").startswith("#") and (key := _key(a.text_content()))
    )


def _all_links(text: str, link_texts: frozenset[str]) -> bool:
    pieces = [key for piece in _LIST_SEPARATOR.split(text) if (key := _key(piece))]
    return bool(pieces) and all(piece in link_texts for piece in pieces)


def clean_lines(lines: list[Line], title: str | None = None, link_texts: frozenset[str] = frozenset()) -> list[str]:
    """The article's paragraphs from rendered lines: boilerplate dropped, the headline too (it is
    `title`), and repeats of the previous line. A line made only of the texts of links on the
    page (`link_texts`), alone or as a list ("a, b, c", "a | b"), counts as links."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        text = _SHORTCODE.sub("", _CLICK_TO_TWEET.sub("", line.text)).strip()
        if _key(text) in link_texts:
            line = Line(text, line.tag, 1.0)
        elif _all_links(text, link_texts):
            line = Line(text, "links", 1.0)
        else:
            line = Line(text, line.tag, line.linked)
        if not text or boilerplate(line):
            continue
        if title and i < 5 and len(_WORD.findall(text)) <= 30 and _similar(text, title):
            continue  # the headline (or the dek repeating it): it is `title`
        if kept and kept[-1] == text:
            continue
        kept.append(text)
    return kept
