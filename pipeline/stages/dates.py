"""When: the dates a sentence gives, resolved to calendar dates where the text allows it.

A news sentence dates its facts three ways: in full ("Feb. 9, 2017", "November 2015"), in part
("February 9", "December 19": the year is the writer's), or relative to the day it was written
("on Thursday", "yesterday"). python-dateutil reads the written forms; the part the sentence
leaves out comes from a reference date: the article's own publication date when it has one
(`basis="published"`), else the incident's date once the sources have fixed it
(`basis="incident"`: the articles were written about that incident, so "December 19" in one of
them is the last December 19 before it). A day that has neither stays relative (`iso=None`) and
is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as Weekday

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
# Written forms, longest first: the first that matches at a place wins.
FORMS = (
    ("day", re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b", re.I)),  # February 9, 2017
    ("day", re.compile(rf"\b{DAY}\s+{MONTH},?\s+{YEAR}\b", re.I)),  # 9 February 2017
    ("day", re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")),  # 2017-02-09
    ("month", re.compile(rf"\b{MONTH}\s+(?:of\s+)?{YEAR}\b", re.I)),  # November 2015
    ("partial", re.compile(rf"\b{MONTH}\s+{DAY}\b(?!\s*(?:,\s*)?{YEAR})", re.I)),  # February 9
    ("partial", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?!\s*,?\s*{YEAR})", re.I)),  # 9 February
    (
        "weekday",
        re.compile(r"\b(?:(?P<rel>last|this|next|on|early|late)\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.I),
    ),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening)\b", re.I)),
    ("year", re.compile(rf"\b(?:in|of|during)\s+(?P<y>{YEAR})\b", re.I)),  # in 2015 ("since 2011" dates no event)
)
# Days the calendar names with a weekday word. They are not "the last or next <weekday>": an
# article of Tuesday 19 November that mentions "Black Friday deals" does not mean Friday 15
# November. Each is read as a name and never resolved; the reason says which day it is.
NAMED_DAYS = {
    "black friday": "the shopping day after US Thanksgiving",
    "cyber monday": "the online shopping day after Black Friday",
    "super tuesday": "the day of many US presidential primaries",
    "good friday": "the Friday before Easter",
    "easter sunday": "Easter",
    "easter monday": "the day after Easter",
    "palm sunday": "the Sunday before Easter",
    "ash wednesday": "the first day of Lent",
    "maundy thursday": "the Thursday before Easter",
    "holy saturday": "the Saturday before Easter",
    "bloody sunday": "the name of massacres (Derry 1972, St Petersburg 1905)",
    "black monday": "the name of market crashes (19 October 1987)",
    "black tuesday": "the name of the crash of 29 October 1929",
}
NAMED_DAY = re.compile(r"\b(?:" + "|".join(n.replace(" ", r"\s+") for n in NAMED_DAYS) + r")\b", re.I)
# "may" is a month only with a day or a year beside it, which FORMS require.
# A month name that is a person's name or a verb here ("August Wilson", "to march") is rare
# beside a day number; a bare month is never read.


@dataclass(frozen=True)
class When:
    """One date expression of a text: `text[start:end]` as written, `iso` the calendar date it
    names ("2017-02-09", "2015-11" for a month, "2015" for a year; None while unresolved),
    `grain` ("day", "month", "year") and `basis`: "explicit" (the text gives it whole),
    "published" (completed from the article's publication date), "incident" (from the
    incident's date), or "relative" (not resolved)."""

    start: int
    end: int
    text: str
    iso: str | None
    grain: str
    basis: str


def _parse(text: str, default: date) -> date | None:
    try:
        return dateutil_parser.parse(text.replace(".", " "), default=_datetime(default), fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _datetime(d: date):  # dateutil fills what the text leaves out from a datetime
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def _before(month_day: date, reference: date, slack: int = 7) -> date:
    """The year that puts a month and day on or just before the reference: articles report what
    has happened (a week of slack for a date announced ahead)."""
    candidate = month_day.replace(year=reference.year) if not _feb29(month_day) else month_day
    if candidate > reference + timedelta(days=slack):
        candidate = candidate.replace(year=reference.year - 1)
    return candidate


def _feb29(d: date) -> bool:
    return d.month == 2 and d.day == 29


def _weekday(name: str, rel: str | None, reference: date) -> date:
    wd = Weekday(WEEKDAYS.index(name.lower()))
    if rel == "next":
        return reference + relativedelta(days=1, weekday=wd(+1))
    if rel == "last":
        return reference + relativedelta(days=-1, weekday=wd(-1))
    # "on Thursday" in an article: the last Thursday up to the day it was written (that day included).
    return reference + relativedelta(weekday=wd(-1))


def find(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Every date expression of `text`, left to right, none overlapping: (start, end, kind, match)."""
    names = [(m.start(), m.end()) for m in NAMED_DAY.finditer(text)]
    taken: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in FORMS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b, _, _ in taken):
                continue
            if kind == "weekday" and any(a <= m.start("wd") < b for a, b in names):
                continue  # "Black Friday": a day's name (NAMED_DAYS), not a weekday
            taken.append((m.start(), m.end(), kind, m))
    return sorted(taken, key=lambda x: x[0])


def resolve(text: str, published: date | None = None, incident: date | None = None) -> list[When]:
    """The dates `text` gives, each resolved as far as the text and the reference dates allow:
    `published` (the article's date), else `incident` (the incident's date)."""
    reference, basis = (published, "published") if published else (incident, "incident") if incident else (None, "")
    out = []
    for start, _end, kind, m in find(text):
        written = m.group(0)
        iso, grain, how = None, "day", "relative"
        if kind == "day":
            d = _parse(written, date(2000, 1, 1))
            iso, how = (d.isoformat(), "explicit") if d else (None, "relative")
        elif kind == "month":
            d = _parse(written.replace(" of ", " "), date(2000, 1, 1))
            iso, grain, how = (f"{d.year:04d}-{d.month:02d}", "month", "explicit") if d else (None, "month", "relative")
        elif kind == "year":
            iso, grain, how = m.group("y"), "year", "explicit"
            start = m.start("y")
            written = m.group("y")
        elif kind == "partial":
            d = _parse(written, date(2000, 1, 1))
            if d and reference:
                iso, how = _before(d, reference).isoformat(), basis
        elif kind == "weekday":
            rel = (m.group("rel") or "").lower()
            if rel not in ("last", "this", "next"):  # "on Thursday": the day is the expression
                start, written = m.start("wd"), m.group("wd")
            # Only against the article's own date: written after the incident, its "Friday" may
            # be the day after it, which the incident's date cannot tell.
            if published:
                iso, how = _weekday(m.group("wd"), rel or None, published).isoformat(), "published"
        elif kind == "relative" and published:
            shift = -1 if m.group("rel").lower() == "yesterday" else 0
            iso, how = (published + timedelta(days=shift)).isoformat(), "published"
        written = written.rstrip(".") if written.endswith(".") and kind == "partial" else written
        out.append(When(start, start + len(written), written, iso, grain, how))
    return out


def unresolved_weekdays(text: str, published: date | None) -> set[int]:
    """The weekdays (Monday 0) `text` names that its article's date cannot resolve: they still
    rule out every day that is not one of them."""
    return {
        WEEKDAYS.index(day)
        for w in resolve(text, published)
        if w.iso is None and w.grain == "day"
        for day in WEEKDAYS
        if day in w.text.lower()
    }


def as_date(iso: str | None) -> date | None:
    """The calendar day of an ISO day ("2017-02-09"); None for a month, a year or nothing."""
    if not iso or len(iso) != 10:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def shown(iso: str) -> str:
    """An ISO date as a reader reads it: "Thu 9 Feb 2017", "Nov 2015", "2015"."""
    d = as_date(iso)
    if d:
        return f"{d:%a} {d.day} {d:%b %Y}"
    if len(iso) == 7:
        return date.fromisoformat(iso + "-01").strftime("%b %Y")
    return iso
