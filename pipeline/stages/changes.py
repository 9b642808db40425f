"""What changed between two briefs of one incident (issue 27): the records, their JSON and their one line.

`pipeline.stages.compare.compare` fills a `Changes` from two brief.json dicts; brief.json keeps it
under "changes", brief.md and brief.html show it as "What changed since <time>" at the top, `brief
watch` prints `summary()` and hands `to_dict()` to an `--on-change` command. A first brief has no
`Changes` at all; a `Changes` with nothing new, updated or withdrawn is a rebuild a reader would not
notice, and says so in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

SourceChange = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Ref:
    """A cited span, as brief.json writes it: `path` relative to the incident folder."""

    path: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class NewFact:
    """A fact the previous brief did not state: a sentence, a timeline entry or a frame slot that
    appeared ("Who: ..."). `brought_by` names the added or changed articles among its sources."""

    text: str
    sources: tuple[Ref, ...]
    brought_by: tuple[str, ...]
    slot: str | None = None


@dataclass(frozen=True)
class Value:
    """One side of an update: a frame value as one brief gives it, its sources, and the date they
    gave it (the count's latest step, else the newest publication date of its articles)."""

    value: str
    detail: str | None
    sources: tuple[Ref, ...]
    date: str | None


@dataclass(frozen=True)
class Update:
    """A frame fact that moved: a toll 3 -> 5, a place or a name corrected."""

    slot: str
    old: Value
    new: Value


@dataclass(frozen=True)
class Withdrawn:
    """A fact of the previous brief that this one no longer states, whose every source was removed
    or changed: the claim lost its source."""

    text: str
    sources: tuple[Ref, ...]
    slot: str | None = None


@dataclass(frozen=True)
class Source:
    """An article added, removed or changed (same path, other bytes) between the two briefs."""

    path: str
    change: SourceChange
    title: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Headline:
    """The brief's first sentence, when its text changed; `same_meaning`: only reworded."""

    old: str
    new: str
    same_meaning: bool


@dataclass(frozen=True)
class Changes:
    since: str | None  # when the previous brief was built (its run.json "finished_at")
    new: tuple[NewFact, ...] = ()
    updated: tuple[Update, ...] = ()
    withdrawn: tuple[Withdrawn, ...] = ()
    sources: tuple[Source, ...] = ()
    headline: Headline | None = None

    @property
    def noticeable(self) -> bool:
        """Whether a reader of the brief would see a different account of the incident."""
        return bool(self.new or self.updated or self.withdrawn)

    def summary(self) -> str:
        """One line: "3 new facts, killed 3 -> 5, 1 source removed"."""
        parts = [_plural(len(self.new), "new fact")] if self.new else []
        parts += [f"{label(u.slot).lower()} {_shown(u.old)} -> {_shown(u.new)}" for u in self.updated]
        if self.withdrawn:
            parts.append(f"{_plural(len(self.withdrawn), 'fact')} withdrawn")
        for change in ("added", "removed", "changed"):
            n = sum(s.change == change for s in self.sources)
            if n:
                parts.append(f"{_plural(n, 'source')} {change}")
        if not self.noticeable:
            parts.insert(0, "no change a reader would notice")
        return ", ".join(parts)

    def lines(self) -> list[str]:
        """The changes as plain text, one item a line (`brief diff`)."""
        out = [f"since {self.since or 'the previous brief'}: {self.summary()}"]
        out += [f"new: {f.text} (from {', '.join(f.brought_by)})" for f in self.new]
        for u in self.updated:
            was, now = (f"{v.value}{f' on {v.date}' if v.date else ''} ({_paths(v.sources)})" for v in (u.old, u.new))
            out.append(f"updated: {label(u.slot).lower()} {was} -> {now}")
        out += [f"withdrawn: {w.text} (its only sources went: {_paths(w.sources)})" for w in self.withdrawn]
        out += [f"source {s.change}: {s.path}" + (f' "{s.title}"' if s.title else "") for s in self.sources]
        if self.headline:
            out.append(f"headline {'reworded' if self.headline.same_meaning else 'changed'}: {self.headline.new}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "summary": self.summary(),
            "new": [
                {"text": f.text, "slot": f.slot, "sources": _refs(f.sources), "brought_by": list(f.brought_by)}
                for f in self.new
            ],
            "updated": [{"slot": u.slot, "old": _value(u.old), "new": _value(u.new)} for u in self.updated],
            "withdrawn": [{"text": w.text, "slot": w.slot, "sources": _refs(w.sources)} for w in self.withdrawn],
            "sources": [{"path": s.path, "change": s.change, "title": s.title, "site": s.site} for s in self.sources],
            "headline": (
                {"old": self.headline.old, "new": self.headline.new, "same_meaning": self.headline.same_meaning}
                if self.headline
                else None
            ),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Changes":
        head = d.get("headline")
        return cls(
            since=d.get("since"),
            new=tuple(NewFact(f["text"], refs(f["sources"]), tuple(f["brought_by"]), f.get("slot")) for f in d["new"]),
            updated=tuple(Update(u["slot"], _read_value(u["old"]), _read_value(u["new"])) for u in d["updated"]),
            withdrawn=tuple(Withdrawn(w["text"], refs(w["sources"]), w.get("slot")) for w in d["withdrawn"]),
            sources=tuple(Source(s["path"], s["change"], s.get("title"), s.get("site")) for s in d["sources"]),
            headline=Headline(head["old"], head["new"], head["same_meaning"]) if head else None,
        )


# The frame's slots as a reader reads them (pipeline.stages.view.LABELS says the same for the fact box).
SLOT_LABELS = {
    "what": "What",
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


def label(slot: str) -> str:
    return SLOT_LABELS.get(slot, slot.capitalize())


def refs(items: list[dict[str, Any]]) -> tuple[Ref, ...]:
    return tuple(Ref(r["path"], int(r["start"]), int(r["end"])) for r in items)


def _refs(items: tuple[Ref, ...]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in items]


def _value(v: Value) -> dict[str, Any]:
    return {"value": v.value, "detail": v.detail, "date": v.date, "sources": _refs(v.sources)}


def _read_value(d: dict[str, Any]) -> Value:
    return Value(d["value"], d.get("detail"), refs(d["sources"]), d.get("date"))


def _paths(items: tuple[Ref, ...]) -> str:
    return ", ".join(sorted({r.path for r in items}))


def _shown(v: Value) -> str:
    return v.value


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
