"""Brief -> BriefView: what brief.md and brief.html show, as plain values, built by one function.

The templates in pipeline/templates lay these values out and escape them; they compute nothing.
A new section is one field of `BriefView` (filled in `view`) plus one block in brief.md.j2 and
one in brief.html.j2. Text here is raw source text: escaping belongs to each output's template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..types import Brief, BriefSentence, Difference, DocMeta, Sentence, SourceFile, SourceSpan, Version
from .attribute import numbers as numbers_in
from .changes import Changes, label
from .dates import shown as shown_date
from .differences import claims


@dataclass(frozen=True)
class Cite:
    """One citation button of brief.html: the cited span and its source number (None: the file is
    not numbered, shown as "[source]"); `sentence` indexes `BriefView.sentences` for a brief item."""

    path: str
    start: int
    end: int
    number: int | None
    sentence: int | None = None


@dataclass(frozen=True)
class SentenceView:
    text: str
    method: str  # "fused" or "extracted"
    refs: tuple[int, ...]  # source numbers, each once, copies included: brief.md's "[1][3]"
    cites: tuple[Cite, ...]  # one per span, in source-number order: brief.html's buttons
    copies: tuple[int, ...]  # numbers of the copies of its sources: brief.html's "(also in [4], a copy)"
    differs: bool = False  # it gives a figure that other sources give differently (Where sources differ)


@dataclass(frozen=True)
class VersionView:
    who: str  # the speaker, else the figure, else ""
    text: str
    published: str | None
    refs: tuple[int, ...]
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class DifferenceView:
    kind: str
    summary: str  # describe(d)
    versions: tuple[VersionView, ...]


@dataclass(frozen=True)
class SourceView:
    number: int
    path: str
    site: str | None
    title: str | None
    published: str | None
    link: str | None  # the article's URL, only when it is http(s): nothing else is ever linked


@dataclass(frozen=True)
class SkippedView:
    path: str
    reason: str


@dataclass(frozen=True)
class FactView:
    """One line of the fact box under the lede: "Killed: 3 soldiers", each value cited."""

    label: str  # "When", "Where", "Killed", ...
    value: str
    detail: str | None  # what a count counts, the wider place
    history: str | None  # "40 (2017-02-09) -> 95 (2017-02-11)" for a figure that moved
    refs: tuple[int, ...]
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class DatedView:
    """One timeline entry: the date as a reader reads it, what happened then, its citations."""

    date: str
    text: str
    refs: tuple[int, ...]
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class BriefView:
    incident: str
    lede: str | None  # the first sentence, shown large in brief.html
    facts: tuple[str, ...]  # article count, publication dates
    box: tuple[FactView, ...]  # the incident frame under the lede (pipeline.stages.frame)
    sentences: tuple[SentenceView, ...]
    timeline: tuple[DatedView, ...]
    differences: tuple[DifferenceView, ...]
    sources: tuple[SourceView, ...]  # in citation-number order
    skipped: tuple[SkippedView, ...]
    used: int  # files counted by status, for "About this brief"
    duplicates: int
    built: str  # the run's finish time, or "unknown"
    changes: ChangesView | None  # "What changed since ..." at the top; None for a first brief
    # brief.html's embedded evidence (paragraphs of the cited spans, keyed "path|start|end"): only
    # what the page's script reads, never whole articles.
    evidence: dict[str, Any]


@dataclass(frozen=True)
class ChangeView:
    """One line of "What changed": `kind` "new", "updated" or "withdrawn"; `refs`/`cites` cite the
    new brief's sources, `note` says what it was or why it went (files of the previous brief)."""

    kind: str
    label: str  # "New", "Updated", "Withdrawn"
    text: str
    note: str | None
    refs: tuple[int, ...]
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class ChangesView:
    since: str  # when the previous brief was built, as a reader reads it
    items: tuple[ChangeView, ...]  # empty: nothing a reader would notice, said in one line
    sources: str | None  # "added d.txt [4]; removed b.txt"


def citation_numbers(files: tuple[SourceFile, ...]) -> dict[str, int]:
    """Used and duplicate files are numbered in path order; a copy is cited with its original."""
    cited = [f.path for f in files if f.status in ("used", "duplicate")]
    return {path: i for i, path in enumerate(sorted(cited), start=1)}


def copies_of(files: tuple[SourceFile, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in files:
        if f.status == "duplicate" and f.duplicate_of:
            out.setdefault(f.duplicate_of, []).append(f.path)
    return out


def describe(d: Difference) -> str:
    """One line saying what differs: `Killed (soldier): sources give different numbers.`"""
    if d.kind == "toll":
        what, _, noun = d.topic.partition(": ")
        head = what.capitalize() + (f" ({noun})" if noun else "")
        note = " The figure grew as reports came in: an update, the latest is the current one." if d.update else ""
        return f"{head}: sources give different numbers.{note}"
    if d.kind == "figure":
        unit, _, fact = d.topic.partition(": ")
        return f"How many {unit} {fact}: sources give different numbers."
    if d.kind == "age":
        return f"{d.topic}'s age: sources give different ages."
    return f"Accounts of the {d.topic} differ by who gives them."


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
            noun = f" {c.noun}s" if c.noun and c.number != 1 else ""
            facts.append(f"{c.quantity.capitalize()}: {c.number}{noun}{note}")
    return facts


def _key(sp: SourceSpan) -> str:
    return f"{sp.path}|{sp.start}|{sp.end}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _evidence(brief: Brief, numbers: dict[str, int], meta: dict[str, DocMeta]) -> dict[str, Any]:
    spans = {_key(sp): sp for s in brief.sentences for sp in s.sources}
    spans.update({_key(sp): sp for d in brief.differences for v in d.versions for sp in v.sources})
    spans.update({_key(sp): sp for f in brief.facts for sp in f.sources})
    spans.update({_key(sp): sp for d in brief.timeline for sp in d.sources})
    found: dict[str, dict[str, Any]] = {}
    for key, sp in spans.items():
        x = brief.excerpts.get((sp.path, sp.start, sp.end))
        if x is not None:
            found[key] = {"p": x.paragraph, "a": sp.start - x.para_start, "b": sp.end - x.para_start}
    return {
        "docs": {
            p: {"site": m.site, "title": m.title, "published": m.published} for p, m in meta.items() if p in numbers
        },
        "spans": found,
        "sentences": [{"method": s.method, "sources": [_key(sp) for sp in s.sources]} for s in brief.sentences],
    }


def _facts(brief: Brief, numbers: dict[str, int], meta: dict[str, DocMeta]) -> tuple[str, ...]:
    cited = [m for p, m in meta.items() if p in numbers]
    outlets = sorted({m.site for m in cited if m.site})
    dates = sorted(m.published for m in cited if m.published)
    articles = _plural(sum(f.status == "used" for f in brief.files), "article")
    if outlets:
        articles += f" from {_plural(len(outlets), 'outlet')}"
    facts = [articles]
    if dates:  # when the articles were written, which is not when the incident happened
        facts.append("published " + (dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"))
    return tuple(facts)


# The fact box's labels, in the order a duty editor asks; "what" is the lede itself.
LABELS = {
    "when": "When",
    "where": "Where",
    "who": "Who",
    "whom": "To whom",
    "killed": "Killed",
    "wounded": "Injured",
    "missing": "Missing",
    "arrested": "Arrested",
    "evacuated": "Evacuated",
}


def _cites(spans: tuple[SourceSpan, ...], numbers: dict[str, int]) -> tuple[tuple[int, ...], tuple[Cite, ...]]:
    refs = tuple(sorted({numbers[sp.path] for sp in spans if sp.path in numbers}))
    ordered = sorted(spans, key=lambda sp: (numbers.get(sp.path, 0), sp.start))
    first = {sp.path: sp for sp in reversed(ordered)}  # one button a source: its first span
    return refs, tuple(Cite(sp.path, sp.start, sp.end, numbers.get(sp.path)) for sp in ordered if first[sp.path] is sp)


def _box(brief: Brief, numbers: dict[str, int]) -> tuple[FactView, ...]:
    out = []
    for slot in LABELS:
        for f in brief.facts:
            if f.slot != slot:
                continue
            history = " → ".join(f"{st.value} on {shown_date(st.date)}" if st.date else st.value for st in f.history)
            refs, cites = _cites(f.sources, numbers)
            if slot == "when" and f.detail is None:  # the value is an ISO date
                value, detail = shown_date(f.value), None
            elif slot not in COUNTED:
                value, detail = f.value, f.detail
            else:  # "3 soldiers"
                value, detail = " ".join(x for x in (f.value, f.detail) if x), None
            out.append(FactView(LABELS[slot], value, detail, history or None, refs, cites))
    return tuple(out)


COUNTED = frozenset({"killed", "wounded", "missing", "arrested", "evacuated"})


def _timeline(brief: Brief, numbers: dict[str, int]) -> tuple[DatedView, ...]:
    out = []
    for d in brief.timeline:
        refs, cites = _cites(d.sources, numbers)
        # A clause read out of its sentence ("an off-duty policeman shot ...") is set as one.
        text = d.text[:1].upper() + d.text[1:]
        text = text if text[-1:] in '.!?"”’' else text + "."
        out.append(DatedView(shown_date(d.date), text, refs, cites))
    return tuple(out)


def _link(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _figure(v: Version) -> str:
    return "" if v.number is None else f"{v.number} to {v.high}" if v.high is not None else str(v.number)


def _difference(d: Difference, numbers: dict[str, int]) -> DifferenceView:
    versions = tuple(
        VersionView(
            who=v.speaker if v.speaker else _figure(v),
            text=v.text,
            published=v.published,
            refs=tuple(sorted({numbers[sp.path] for sp in v.sources if sp.path in numbers})),
            cites=tuple(Cite(sp.path, sp.start, sp.end, numbers.get(sp.path)) for sp in v.sources),
        )
        for v in d.versions
    )
    return DifferenceView(d.kind, describe(d), versions)


def _changes(changes: Changes | None, numbers: dict[str, int]) -> ChangesView | None:
    """The brief's changes against the previous one (pipeline.stages.compare), for the top of both outputs."""
    if changes is None:
        return None
    items = []
    for f in changes.new:
        refs, cites = _cites(_spans(f.sources), numbers)
        items.append(ChangeView("new", "New", f.text, None, refs, cites))
    for u in changes.updated:
        refs, cites = _cites(_spans(u.new.sources), numbers)
        detail = "" if not u.new.detail else f" {u.new.detail}" if u.slot in COUNTED else f" ({u.new.detail})"
        was = f"was {u.old.value}" + (f" on {shown_date(u.old.date)}" if u.old.date else "")
        now = f"; {u.new.value} on {shown_date(u.new.date)}" if u.new.date else ""
        text = f"{label(u.slot)}: {u.old.value} → {u.new.value}{detail}"  # "Killed: 12 → 19 people"
        items.append(ChangeView("updated", "Updated", text, was + now, refs, cites))
    for w in changes.withdrawn:
        files = ", ".join(sorted({r.path for r in w.sources}))
        note = f"its only sources were removed or changed: {files}"
        items.append(ChangeView("withdrawn", "Withdrawn", w.text, note, (), ()))
    parts = []
    for kind in ("added", "removed", "changed"):
        paths = [
            s.path + (f" [{numbers[s.path]}]" if s.path in numbers else "") for s in changes.sources if s.change == kind
        ]
        if paths:
            parts.append(f"{kind} {', '.join(paths)}")
    return ChangesView(_since(changes.since), tuple(items), "; ".join(parts) or None)


def _since(built: str | None) -> str:
    """run.json's "2025-06-01T10:00:00+0000" as "2025-06-01 10:00 UTC"."""
    if not built or len(built) < 16 or built[10] != "T":
        return built or "the previous brief"
    zone = built[19:]
    return f"{built[:10]} {built[11:16]}" + (" UTC" if zone in ("+0000", "Z") else f" {zone}" if zone else "")


def _spans(refs: tuple) -> tuple[SourceSpan, ...]:
    return tuple(SourceSpan("", r.path, r.start, r.end, 0.0) for r in refs)


def differs(sentence: BriefSentence, differences: tuple[Difference, ...]) -> bool:
    """Whether a brief sentence gives one version of a rival figure: it rests on that version's
    source span and states its number. A reader must learn there, not only further down, that
    other sources give another number."""
    given = numbers_in(sentence.text)
    for d in differences:
        for v in d.versions:
            if not {str(n) for n in (v.number, v.high) if n is not None} & given:
                continue
            if any(
                a.path == b.path and a.start < b.end and b.start < a.end for a in sentence.sources for b in v.sources
            ):
                return True
    return False


def view(brief: Brief, record: dict | None = None) -> BriefView:
    """Everything both outputs show, computed once (`record`: the run record, for the build time)."""
    numbers = citation_numbers(brief.files)
    copies = copies_of(brief.files)
    meta = {f.path: f.meta for f in brief.files}
    sentences = []
    for i, s in enumerate(brief.sentences):
        paths = {sp.path for sp in s.sources}
        paths.update(c for p in list(paths) for c in copies.get(p, []))
        ordered = sorted(s.sources, key=lambda sp: numbers.get(sp.path, 0))
        sentences.append(
            SentenceView(
                text=s.text,
                method=s.method,
                refs=tuple(sorted(numbers[p] for p in paths if p in numbers)),
                cites=tuple(Cite(sp.path, sp.start, sp.end, numbers.get(sp.path), i) for sp in ordered),
                copies=tuple(sorted({numbers[c] for sp in s.sources for c in copies.get(sp.path, []) if c in numbers})),
                differs=differs(s, brief.differences),
            )
        )
    sources = tuple(
        SourceView(
            number=n,
            path=p,
            site=meta[p].site,
            title=meta[p].title,
            published=meta[p].published,
            link=_link(meta[p].url),
        )
        for p, n in sorted(numbers.items(), key=lambda kv: kv[1])
    )
    return BriefView(
        incident=brief.incident,
        lede=brief.sentences[0].text if brief.sentences else None,
        facts=_facts(brief, numbers, meta),
        box=_box(brief, numbers),
        sentences=tuple(sentences),
        timeline=_timeline(brief, numbers),
        differences=tuple(_difference(d, numbers) for d in brief.differences),
        sources=sources,
        skipped=tuple(SkippedView(f.path, f.reason or "skipped") for f in brief.files if f.status == "skipped"),
        used=sum(f.status == "used" for f in brief.files),
        duplicates=sum(f.status == "duplicate" for f in brief.files),
        built=str((record or {}).get("finished_at") or "unknown"),
        changes=_changes(brief.changes, numbers),
        evidence=_evidence(brief, numbers, meta),
    )
