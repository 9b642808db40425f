"""Title, outlet and date of a plain-text or Markdown article, where the text states them.

Exports and wire copy carry no metadata fields, but they say it in a few common forms: a
first-line headline, "(CNN)" or "WASHINGTON (AP) --" before the first sentence, a "Source: The
National" or "By Jane Doe, Reuters" line, a line that is only a date or opens with a date stamp.
Only those forms are read; anything else stays unknown (None), never guessed. HTML metadata
comes from trafilatura (pipeline.stages.extract).
"""

from __future__ import annotations

import re
from datetime import date

from ..types import DocMeta

# How far into an article the title, byline and date are looked for (non-blank lines).
HEAD_LINES = 8
MAX_TITLE_WORDS = 25
MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), start=1
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_FORMS = (
    re.compile(r"^(?:[A-Za-z]+,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)$"),
    re.compile(r"^(?:[A-Za-z]+,?\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)$"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)(?:[T ][\d:.+Z-]*)?$"),
)
# A page's date stamp glued to its first sentence, "Monday, June 8, 2020, 7:05 AM - A crane
# fell ...": the day the article was filed, not a day it reports (issue 25, item 2). Read on
# Multi-News 14, whose frame took such a stamp for the event's day. `stamp_date` checks the month.
STAMP = re.compile(
    r"^(?P<date>(?:[A-Za-z]+,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?),?\s+(?:19|20)\d\d)(?:,?\s+\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?"
    r"\s+[-—–|]{1,2}\s+(?=\S)"
)
# "(CNN)", "(AP) --", "WASHINGTON (Reuters) -", "TUNIS, Tunisia (AP) _": the agency in brackets
# before the first sentence.
DATELINE_OUTLET = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][\w .'-]{1,30})?\s*)?"
    r"\((?P<outlet>[A-Z][\w&.' -]{0,30})\)\s*(?:[-—–_]{1,2}\s*)?\S"
)
SOURCE_LINE = re.compile(r"^(?:source|via|from)\s*:\s*(?P<outlet>[A-Z][\w&.' -]{1,60}?)\s*\.?$", re.IGNORECASE)
BYLINE = re.compile(
    r"^by\s+(?P<author>[A-Z][\w.' -]{1,60}?)(?:\s*[,|/–—-]\s*(?P<outlet>[A-Z][\w&.' -]{1,40}?))?\s*$", re.IGNORECASE
)
NOT_A_TITLE = re.compile(
    r"^(?:you are here|latest news|story highlights|home|menu|advertisement|related|share|breaking news)\b|»|›|\|",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
BULLET = re.compile(r"^\s*(?:[•·▪‣◦●○■□\-–—*+>]|\d{1,2}[.)])\s+")


def stamp_date(line: str) -> str | None:
    """ISO date of a date stamp that opens a line (`STAMP`), else None."""
    m = STAMP.match(line)
    return parse_date(m["date"]) if m else None


def parse_date(text: str) -> str | None:
    """ISO date of a line that is only a date ("11 February 2017", "Feb. 11, 2017",
    "Thursday, 30 March 2017", "2017-02-11"), else None."""
    line = " ".join(text.split()).strip(" .")
    for form in DATE_FORMS:
        m = form.match(line)
        if not m:
            continue
        try:
            month = int(m["mon"]) if m.groupdict().get("mon") else MONTHS.get(m["month"].lower())
            if month:
                return date(int(m["year"]), month, int(m["day"])).isoformat()
        except (ValueError, TypeError):
            return None
    return None


def _title(line: str) -> str | None:
    text = " ".join(line.lstrip("#").split())
    if (
        not text
        or BULLET.match(line)
        or NOT_A_TITLE.search(text)
        or parse_date(text)
        or BYLINE.match(text)
        or SENTENCE_END.search(text)
        or len(text.split()) > MAX_TITLE_WORDS
        or not text[0].isupper()
    ):
        return None
    return text


def _wrapped_on(raw: list[str], k: int) -> bool:
    """Does line k run on into the next (a hard-wrapped paragraph, not a headline)?"""
    line = raw[k].rstrip()
    nxt = raw[k + 1].lstrip() if k + 1 < len(raw) else ""
    return line.endswith((",", ";", "-")) or (bool(nxt) and nxt[0].islower())


def text_metadata(text: str) -> DocMeta:
    """What the text itself says about its title, outlet, author and date."""
    raw = text.split("\n")
    whole = [k for k, line in enumerate(raw) if line.strip()]
    lines = [raw[k].strip() for k in whole]
    head = lines[:HEAD_LINES]
    titled = next((i for i, line in enumerate(head) if _title(line) and not _wrapped_on(raw, whole[i])), None)
    title = _title(head[titled]) if titled is not None else None
    # A page's own date line ("Thursday, 30 March 2017" above the menu) comes before the
    # headline; the article's comes after it.
    dates = [d for line in head[(titled or 0) :] + head[: (titled or 0)] if (d := parse_date(line) or stamp_date(line))]
    published = dates[0] if dates else None
    site = author = None
    for line in head:
        by = BYLINE.match(line)
        if by and len(line.split()) <= 10:
            author = author or by["author"].strip()
            site = site or (by["outlet"].strip() if by["outlet"] else None)
    for line in lines:
        src = SOURCE_LINE.match(line)
        if src:
            site = site or src["outlet"].strip()
    if site is None:
        for line in lines[: HEAD_LINES + 4]:
            m = DATELINE_OUTLET.match(line)
            if m:
                site = m["outlet"].strip()
                break
    return DocMeta(title=title, site=site, author=author, published=published, url=None, extractor="text")
