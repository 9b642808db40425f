"""Where sources differ: rival figures for one quantity, and accounts of one fact that different
parties give. Model-free rules over the content sentences (the attribution pool), tuned for
precision: a false dispute misleads a reader more than a missed one (issue 14).

- **toll**: sentences that give the same quantity (killed, wounded, missing, arrested,
  evacuated, ...) of the same kind of people ("soldiers", "people") with different exact numbers,
  about the same event: similar sentences (embedding cosine >= `SAME_EVENT`), no mark of another
  event ("five other soldiers", "also", "since August", "on Wednesday" against "on Thursday").
  Where every version has a publication date and the figure grows with it, it is an `update`.
- **figure**: any other number of one fact that two sources give differently: the same subject
  does the same thing to the same counted noun, only the number differs (pipeline.stages.figures).
- **age**: a person's age that articles published close together give differently, wherever
  in them it is given (pipeline.stages.ages).
- **dispute**: sentences of two different parties (a country, read from who is quoted: "the
  Kremlin said", "according to a statement by the Turkish Armed Forces") about one rare key term
  ("coordinates"), where each speaker's claim names the other party (blame goes across) and the
  two do not support each other (cosine below the support threshold).
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from ..types import Difference, Document, Sentence, SourceSpan, Version
from .ages import ages, people, rival_ages
from .counts import Claim, _compatible, claims
from .dates import as_date
from .figures import SAME_FIGURE, countable, figures, given_numbers, rivals
from .frame import Frame
from .lede import background
from .segment import display

# Cosine of two toll sentences about one event (MiniLM); below it they may tell of other events.
# Arrests and evacuations come in rounds ("two arrested this week", "ten detained in Hangzhou"):
# they need sentences that say nearly the same thing.
SAME_EVENT = {"killed": 0.55, "wounded": 0.55, "missing": 0.6}
SAME_EVENT_OTHER = 0.7
SUPPORTS = 0.75  # two accounts this similar say the same thing: no dispute
KEY_SHARE = 0.1  # a dispute's key words are in at most this share of the content sentences
MIN_SHARED = 2  # rare words two accounts must share to be about one fact
BLOCK = 1024  # rows of the cosine matrix computed at once: memory stays flat at 2,000 articles

# Parties: who speaks for which side. Countries by name, adjective, capital or seat of power.
PARTIES = {
    "russia": "Russia",
    "russian": "Russia",
    "russians": "Russia",
    "moscow": "Russia",
    "kremlin": "Russia",
    "turkey": "Turkey",
    "turkish": "Turkey",
    "ankara": "Turkey",
    "turks": "Turkey",
    "syria": "Syria",
    "syrian": "Syria",
    "damascus": "Syria",
    "us": "United States",
    "u.s.": "United States",
    "american": "United States",
    "washington": "United States",
    "pentagon": "United States",
    "white house": "United States",
    "israel": "Israel",
    "israeli": "Israel",
    "palestinian": "Palestinians",
    "hamas": "Hamas",
    "iran": "Iran",
    "iranian": "Iran",
    "tehran": "Iran",
    "iraq": "Iraq",
    "iraqi": "Iraq",
    "ukraine": "Ukraine",
    "ukrainian": "Ukraine",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "china": "China",
    "chinese": "China",
    "beijing": "China",
    "india": "India",
    "indian": "India",
    "pakistan": "Pakistan",
    "pakistani": "Pakistan",
    "britain": "United Kingdom",
    "british": "United Kingdom",
    "france": "France",
    "french": "France",
    "germany": "Germany",
    "german": "Germany",
    "north korea": "North Korea",
    "north korean": "North Korea",
    "pyongyang": "North Korea",
    "south korea": "South Korea",
    "south korean": "South Korea",
    "seoul": "South Korea",
    "saudi": "Saudi Arabia",
    "yemen": "Yemen",
    "yemeni": "Yemen",
    "houthi": "Houthis",
    "houthis": "Houthis",
    "afghan": "Afghanistan",
    "taliban": "Taliban",
    "nato": "NATO",
    "kurdish": "Kurds",
    "kurds": "Kurds",
}
PARTY = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(PARTIES, key=len, reverse=True)) + r")\b", re.I)
SAY = r"(?:said|says|told|stated|claimed|insisted|maintained|denied|announced|reported|added)"
SPEAKER = [
    re.compile(
        r"according to (?:a |an |the )?(?:statement |report |press release )?(?:on \w+ )?(?:by |from )?"
        r"(?P<who>(?:the )?[A-Z][\w'.-]*(?: [A-Za-z][\w'.-]*){0,6})"
    ),
    re.compile(
        r"(?P<who>(?:the )?[A-Z][\w'.-]*(?: [A-Za-z][\w'.-]*){0,6}?)(?: \w+ly| earlier| also| on \w+)? " + SAY + r"\b"
    ),
    re.compile(r", (?P<who>(?:the )?[\w'.-]+(?: [\w'.-]+){0,5}?) " + SAY + r"\b"),
]
KEY_STOP = set(
    """the a an and or of in on at by to for from with as that this these those it its their his her was were
is are be been being had has have did do does not no but said says told say statement according which who when
where while after before during over under into than then there here also one two three day days thursday friday
wednesday monday tuesday saturday sunday morning earlier later side sides military army forces force troops soldiers
statement spokesman spokesperson killed wounded injured dead died death deaths killing wounding injuring
missing arrested detained evacuated injury injuries northern southern eastern western north south east west area
town city region province border country capital village district incident attack strike airstrike
ministry president government officials official defence defense general staff
based news agency people would could should may might will can just only more most other such""".split()
)


def _nouns_match(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"", "person"}


def _span(s: Sentence, path: str) -> SourceSpan:
    return SourceSpan(s.doc_id, path, s.start, s.end, 1.0)


def _version(
    group: list[Sentence],
    paths: dict[str, str],
    dates: dict[str, str | None],
    number: int | None = None,
    high: int | None = None,
    speaker: str | None = None,
) -> Version:
    group = sorted(group, key=lambda s: (paths[s.doc_id], s.start))
    known = sorted(d for d in (dates.get(s.doc_id) for s in group) if d)
    return Version(
        display(group[0].text),
        tuple(_span(s, paths[s.doc_id]) for s in group),
        speaker,
        known[0] if known else None,
        number,
        high,
    )


def _rivals(a: Sentence, b: Sentence, frame: Frame | None) -> bool:
    """Two figures rival only when they count one thing: not on different days (read from the
    dates each sentence gives, resolved: pipeline.stages.dates), not in different places (a town's
    toll and the region's), not one of them an earlier event (background)."""
    if frame is None:
        return True
    if any(background(s.text, s.doc_id, frame) for s in (a, b)):
        return False
    days_a, days_b = frame.day_of(a.text, a.doc_id), frame.day_of(b.text, b.doc_id)
    if days_a and days_b and not days_a & days_b:
        return False
    places_a, places_b = frame.places_in(a.text), frame.places_in(b.text)
    return not (places_a and places_b and not places_a & places_b)


def tolls(
    pool: list[Sentence],
    vectors: np.ndarray,
    paths: dict[str, str],
    dates: dict[str, str | None],
    frame: Frame | None = None,
) -> list[Difference]:
    """Rival figures for one quantity. A figure that grew with the articles' dates is an update:
    the incident frame shows it as its history (pipeline.stages.frame), so it is no difference."""
    index = {s.id: i for i, s in enumerate(pool)}
    by_key: dict[tuple[str, str], list[Claim]] = {}
    for s in pool:
        for c in claims(s):
            if not c.other_event:
                by_key.setdefault((c.quantity, c.noun), []).append(c)
    out = []
    for (quantity, noun), group in sorted(by_key.items()):
        counts: dict[int, int] = {}
        for c in group:
            counts[c.number] = counts.get(c.number, 0) + 1
        if len(counts) < 2:
            continue
        anchor_n = max(counts, key=lambda n: (counts[n], -n))
        anchors = [c for c in group if c.number == anchor_n]
        versions: dict[int, list[Sentence]] = {anchor_n: [c.sentence for c in anchors]}
        for c in group:
            if c.number == anchor_n or any(_compatible(c, a) for a in anchors):
                continue
            same = [
                a
                for a in anchors
                if _nouns_match(a.noun, c.noun)
                and (not a.times or not c.times or a.times & c.times)
                and float(vectors[index[a.sentence.id]] @ vectors[index[c.sentence.id]])
                >= SAME_EVENT.get(quantity, SAME_EVENT_OTHER)
                and _rivals(a.sentence, c.sentence, frame)
            ]
            if same:
                versions.setdefault(c.number, []).append(c.sentence)
        if len(versions) < 2:
            continue
        vs = [_version(ss, paths, dates, n) for n, ss in sorted(versions.items())]
        dated = [v for v in vs if v.published]
        update = (
            len(dated) == len(vs)
            and len({v.published for v in vs}) == len(vs)
            and [v.number for v in sorted(vs, key=lambda v: v.published or "")] == sorted(v.number or 0 for v in vs)
        )
        topic = f"{quantity}" + (f": {noun}" if noun and noun != "person" else "")
        if not (update and frame is not None):
            out.append(Difference("toll", topic, tuple(vs), update))
    return out


def speaker(text: str) -> tuple[str | None, str]:
    """Who a sentence says is speaking, and the rest of the sentence (the claim)."""
    for pattern in SPEAKER:
        m = pattern.search(text)
        if m and PARTY.search(m["who"]):
            return m["who"].strip(" .,;:"), text[: m.start("who")] + text[m.end("who") :]
    return None, text


def _party(who: str) -> str | None:
    sides = {PARTIES[m.lower()] for m in PARTY.findall(who)}
    return sides.pop() if len(sides) == 1 else None


def _keys(text: str, surface: dict[str, str] | None = None) -> set[str]:
    """Content words of a claim, as stems; `surface` collects stem -> the word as first seen."""
    words = re.findall(r"[a-z][a-z-]{4,}", text.lower().replace("co-ordinat", "coordinat"))
    out = set()
    for w in words:
        if w not in KEY_STOP and w not in PARTIES:
            if surface is not None:
                surface.setdefault(w.rstrip("s"), w)
            out.add(w.rstrip("s"))
    return out


def disputes(
    pool: list[Sentence], vectors: np.ndarray, paths: dict[str, str], dates: dict[str, str | None]
) -> list[Difference]:
    texts = [display(s.text) for s in pool]
    share: dict[str, int] = {}
    surface: dict[str, str] = {}
    for t in texts:
        for k in _keys(t, surface):
            share[k] = share.get(k, 0) + 1
    limit = max(2, KEY_SHARE * len(pool))
    accounts = []  # (index, party, speaker, keys): a party's claim that names another party
    for i, t in enumerate(texts):
        who, claim = speaker(t)
        party = _party(who) if who else None
        if not party:
            continue
        named = {PARTIES[m.lower()] for m in PARTY.findall(claim)} - {party}
        keys = {k for k in _keys(claim) if share.get(k, 0) <= limit}
        if named and keys:
            accounts.append((i, party, who, named, keys))
    figures = {i: {(c.quantity, c.number) for c in claims(pool[i])} for i, *_ in accounts}
    found: dict[tuple[frozenset, str], dict[str, set[int]]] = {}
    for x in range(len(accounts)):
        for y in range(x + 1, len(accounts)):
            i, pa, _, na, ka = accounts[x]
            j, pb, _, nb, kb = accounts[y]
            shared = ka & kb
            # Two rare words in common (the fact, and what is said of it: "coordinates" "provided"),
            # each party naming the other, and not saying the same thing.
            if pa == pb or pb not in na or pa not in nb or len(shared) < MIN_SHARED:
                continue
            if float(vectors[i] @ vectors[j]) >= SUPPORTS or figures[i] & figures[j]:
                continue  # alike, or giving the same figures: they corroborate each other
            # The fact's name: a rare word that is not a verb form ("coordinates", not "provided").
            key = min(shared, key=lambda k: (k.endswith(("ed", "ing")), share[k], k))
            entry = found.setdefault((frozenset((pa, pb)), key), {})
            entry.setdefault(pa, set()).add(i)
            entry.setdefault(pb, set()).add(j)
    who_of = {i: who for i, _, who, _, _ in accounts}
    out = []
    for (pair, key), entry in sorted(found.items(), key=lambda kv: (sorted(kv[0][0]), kv[0][1])):
        versions = []
        for party in sorted(pair):
            items = sorted(entry[party], key=lambda i: (paths[pool[i].doc_id], pool[i].start))
            versions.append(_version([pool[i] for i in items], paths, dates, speaker=f"{party} ({who_of[items[0]]})"))
        out.append(Difference("dispute", surface.get(key, key), tuple(versions)))
    return out


def rival_figures(
    pool: list[Sentence],
    vectors: np.ndarray,
    paths: dict[str, str],
    dates: dict[str, str | None],
    frame: Frame | None = None,
) -> list[Difference]:
    """Figures of one fact that sources give differently, one difference per fact."""
    texts = [display(s.text) for s in pool]
    # Only sentences that may give a figure and have a sentence this alike in another article
    # are parsed: at 2,000 articles the pool is tens of thousands of sentences.
    asked = np.array([i for i, t in enumerate(texts) if countable(t)], dtype=int)
    given = {int(k): given_numbers(texts[k]) for k in asked}
    pairs_at = []
    for lo in range(0, len(asked), BLOCK):
        for a, b in np.argwhere(vectors[asked[lo : lo + BLOCK]] @ vectors[asked].T >= SAME_FIGURE):
            i, j = int(asked[lo + a]), int(asked[b])
            # A rival figure is a number that one sentence gives and the other does not, both ways
            # (figures.rivals): a copy, a rewording or a sentence that adds a number has none.
            if i < j and pool[i].doc_id != pool[j].doc_id and given[i] - given[j] and given[j] - given[i]:
                pairs_at.append((i, j))
    wanted = sorted({k for pair in pairs_at for k in pair})
    parsed = dict(zip(wanted, figures([texts[k] for k in wanted])))
    # A casualty count is the toll rules' to judge (their own marks of another event and day).
    found = {k: [f for f in fs if f.value not in {c.number for c in claims(pool[k])}] for k, fs in parsed.items()}
    # Per fact, the values each sentence gives it: one sentence's two values of one fact ("by 10
    # points in some polls and 18 in others") are its one account, a spread, not two versions.
    groups: dict[tuple[str, str, str, str], dict[int, set[float]]] = {}
    topics: dict[tuple[str, str, str, str], str] = {}
    for i, j in pairs_at:
        if found[i] and found[j]:
            pairs = rivals(texts[i], texts[j], found[i], found[j], float(vectors[i] @ vectors[j]))
            if not pairs or not _rivals(pool[i], pool[j], frame):
                continue
            for x, y in pairs:
                topics.setdefault(x.key, x.topic)
                group = groups.setdefault(x.key, {})
                group.setdefault(i, set()).add(x.value)
                group.setdefault(j, set()).add(y.value)
    out = []
    for key, given_by in sorted(groups.items()):
        accounts: dict[tuple[float, float], list[int]] = defaultdict(list)
        for k, values in given_by.items():
            accounts[(min(values), max(values))].append(k)
        if len(accounts) < 2:
            continue  # every sentence gives the same spread: they agree
        vs = [
            _version([pool[k] for k in sorted(ids)], paths, dates, _whole(low), _whole(high) if high != low else None)
            for (low, high), ids in sorted(accounts.items())
        ]
        out.append(Difference("figure", topics[key], tuple(vs)))
    return out


def _whole(n: float) -> int | None:
    return int(n) if n.is_integer() else None


def differing_ages(pool: list[Sentence], paths: dict[str, str], dates: dict[str, str | None]) -> list[Difference]:
    """A person's age that articles give differently: one difference per person."""
    texts = [display(s.text) for s in pool]
    found = [(k, pool[k].doc_id, a) for k, fs in enumerate(ages(texts)) for a in fs]
    published = {doc: as_date(day) for doc, day in dates.items()}
    out = []
    for name, group in people(found).items():
        if not rival_ages(group, published):
            continue
        values = sorted({a.value for _, _, a in group})
        vs = [_version([pool[k] for k, _, a in group if a.value == n], paths, dates, n) for n in values]
        out.append(Difference("age", name, tuple(vs)))
    return out


def find_differences(
    documents: tuple[Document, ...], pool: list[Sentence], vectors: np.ndarray, frame: Frame | None = None
) -> list[Difference]:
    """Every difference found among the content sentences `pool` (embedded as `vectors`, unit
    length); with the incident `frame`, rival figures must count one thing on one day in one place."""
    paths = {d.id: d.path for d in documents}
    dates = {d.id: d.meta.published for d in documents}
    if not pool:
        return []
    found = tolls(pool, vectors, paths, dates, frame) + rival_figures(pool, vectors, paths, dates, frame)
    return found + differing_ages(pool, paths, dates) + disputes(pool, vectors, paths, dates)
