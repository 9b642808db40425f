"""The automatic part of reading a brief as a story (issue 25): does the lede state what the
incident frame holds (its day, its place, its toll), and how many differences are flagged.

A lede "states the day" when a date it gives resolves to the frame's day (against its article's
publication date, else the incident's: pipeline.stages.dates); "the place" when it names the
frame's place; "the toll" when it gives one of the frame's counts. Each is asked only where the
frame has the value: a share over the briefs whose sources give it.
"""

from __future__ import annotations

from ..stages import dates
from ..stages.counts import claims
from ..types import Brief, Sentence

COUNTS = frozenset({"killed", "wounded", "missing", "arrested", "evacuated"})


def _lede_doc_date(brief: Brief) -> dates.date | None:
    if not brief.sentences or not brief.sentences[0].sources:
        return None
    path = brief.sentences[0].sources[0].path
    meta = next((f.meta for f in brief.files if f.path == path), None)
    return dates.as_date(meta.published) if meta else None


def lede_report(brief: Brief) -> dict:
    """For one brief: which frame slots exist ("has") and which the lede states ("states")."""
    facts = {f.slot: f for f in brief.facts}
    lede = brief.sentences[0].text if brief.sentences else ""
    day = dates.as_date(facts["when"].value) if "when" in facts else None
    has = {"when": day is not None, "where": "where" in facts, "count": bool(COUNTS & set(facts))}
    states = {k: False for k in has}
    if lede and day:
        found = dates.resolve(lede, _lede_doc_date(brief), day)
        states["when"] = any(w.iso == day.isoformat() for w in found)
    if lede and "where" in facts:
        states["where"] = " ".join(facts["where"].value.lower().split("-")) in " ".join(lede.lower().split("-"))
    if lede and has["count"]:
        values = [f.value for f in brief.facts if f.slot in COUNTS]
        values += [st.value for f in brief.facts if f.slot in COUNTS for st in f.history]
        figures = {v.split()[-1] for v in values}  # "at least 32" gives 32
        said = {str(c.number) for c in claims(Sentence("", "", 0, len(lede), lede))}
        states["count"] = bool(figures & said)
    return {"has": has, "states": states, "differences": len(brief.differences), "timeline": len(brief.timeline)}


def story_summary(reports: list[dict]) -> dict:
    """Shares over briefs: of those whose frame has a slot, how many ledes state it."""
    out: dict = {"briefs": len(reports), "differences": sum(r["differences"] for r in reports)}
    for slot in ("when", "where", "count"):
        having = [r for r in reports if r["has"][slot]]
        out[f"frame_{slot}"] = len(having)
        out[f"lede_{slot}"] = sum(r["states"][slot] for r in having)
    out["with_timeline"] = sum(r["timeline"] > 0 for r in reports)
    return out
