"""A reporter's "today" in a brief read days later (issue 25, item 2).

"Today only, the store offers ...", "the prosecutor said yesterday that ...": in the article these
name a day its publication date fixes; in a brief read on another day, next to articles of other
days, they name the reader's day, which is wrong. Where the brief sentence's words come from a
source sentence that says the same relative day outside any quotation, and that article has a
publication date, the relative day is written as the day it names (pipeline.stages.dates
resolves it): "on Tuesday", "Tuesday's hearing", "until Tuesday". A weekday is enough within a
week of the incident's day (the fact box gives the date); further off, the date is written. A
speaker's own "today" inside a quotation is the speaker's and stays. Without a publication date
nothing is written: a day is never guessed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Sequence

from . import dates
from .rules.base import QUOTED

# Words before a day that take it bare: "until Tuesday", not "until on Tuesday".
BARE_AFTER = frozenset("until till by from since before after through as of on".split())
# What each relative word adds to its day: "tonight" is the day's night.
PART = {"tonight": " night", "this morning": " morning", "this afternoon": " afternoon", "this evening": " evening"}
WEEK = 6  # days from the incident's day within which a weekday says which day


def day_name(day: date, incident: date | None) -> str:
    """ "Tuesday" near the incident's day; "19 November 2019" further off, or where the brief
    gives no day for the incident: a weekday then names no week a reader can find."""
    if incident is not None and abs((day - incident).days) <= WEEK:
        return f"{day:%A}"
    return f"{day.day} {day:%B %Y}"


def resolve_relative(text: str, sources: Sequence[tuple[str, date | None]], incident: date | None) -> str | None:
    """`text` with each relative day it says outside quotation marks written as the day it names,
    resolved against the publication date of the source sentence that says the same word outside
    quotation marks (`sources`: (sentence text, its article's date)); None where nothing is
    written. Sources that resolve the word to different days leave it as it is."""
    plain = _blank_quotes(text)
    found = [(w.start, w.end, w.text) for w in dates.resolve(text) if plain[w.start : w.end] == w.text]
    found = [(a, b, t) for a, b, t in found if t.lower() in ("today", "yesterday", *PART)]
    if not found:
        return None
    out, changed = text, False
    for start, end, written in sorted(found, reverse=True):
        days = {
            w.iso
            for s, published in sources
            if published is not None and written.lower() in _blank_quotes(s).lower()
            for w in dates.resolve(s, published)
            if w.text.lower() == written.lower() and w.iso
        }
        if len(days) != 1:
            continue
        day = date.fromisoformat(next(iter(days)))
        name = day_name(day, incident) + PART.get(written.lower(), "")
        before = re.findall(r"[A-Za-z]+", out[:start])
        tail = out[end:]
        if tail.startswith(("'s", "’s")):
            words = name  # "today's hearing" -> "Tuesday's hearing"
        elif before and before[-1].lower() in BARE_AFTER:
            words = name
        else:
            words = f"on {name}"
        if start == 0 or re.search(r"[.!?]\s*$", out[:start]):
            words = words[0].upper() + words[1:]
        out, changed = out[:start] + words + tail, True
    return out if changed else None


def _blank_quotes(text: str) -> str:
    """`text` with every quotation blanked out, each character kept in place (wire copy's
    ``...'' counts as one)."""
    same = text.replace("``", "“ ").replace("''", " ”")
    return QUOTED.sub(lambda m: " " * len(m.group(0)), same)
