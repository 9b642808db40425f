"""An incident's past briefs (issue 27): list them, name one, and compare a new brief with the last.

The versions themselves are kept by pipeline.runtime.publish (`history`, `retention`). Here:

- `entries(out, name)`: each kept brief, newest first, with when it was built and what its
  articles were; `brief history` prints them.
- `locate(ref, out)`: a brief named by a path (a brief folder or its brief.json) or by a history
  entry, `INCIDENT@K` (K briefs before the current one; `INCIDENT` alone is `@0`) or
  `INCIDENT@<version folder name>`; `brief diff` reads two of them.
- `against_previous(brief, out, embed)`: the new Brief with its `changes` against the brief now
  published at OUT/<incident>, before it is published in turn. A rebuild whose brief.json says the
  same as the previous one keeps that one's changes (and their "since"), so an unchanged rebuild
  stays byte-identical; a first brief has none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..stages.changes import Changes
from ..stages.compare import Embed, compare
from ..types import Brief
from .layout import safe_name
from .publish import current_version, history


class NoBrief(LookupError):
    """A path or history entry that names no brief; the message says what was looked for."""


@dataclass(frozen=True)
class Entry:
    """One kept brief: `back` is how many briefs before the current one it is (0: the current)."""

    back: int
    folder: Path
    built: str | None  # run.json "finished_at"
    brief: dict[str, Any]

    @property
    def changes(self) -> Changes | None:
        found = self.brief.get("changes")
        return Changes.from_dict(found) if found else None


def read_brief(folder: Path) -> tuple[dict[str, Any], str | None]:
    """A brief folder's brief.json and the time its run.json says it was built (None if unknown)."""
    try:
        brief = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NoBrief(f"{folder}: no readable brief.json ({err})") from None
    try:
        built = json.loads((folder / "run.json").read_text(encoding="utf-8")).get("finished_at")
    except (OSError, ValueError):
        built = None
    return brief, built


def entries(out: Path, name: str) -> list[Entry]:
    """The kept briefs of OUT/<name>, newest (the current one) first."""
    found = []
    for back, folder in enumerate(reversed(history(out, name))):
        brief, built = read_brief(folder)
        found.append(Entry(back, folder, built, brief))
    return found


REF = re.compile(r"^(?P<name>.+?)(?:@(?P<at>[^@/]+))?$")


def locate(ref: str, out: Path) -> Path:
    """The brief folder that `ref` names: an existing path first, else a history entry under OUT."""
    path = Path(ref)
    if path.is_file() and path.name == "brief.json":
        return path.parent
    if (path / "brief.json").is_file():
        return path
    m = REF.match(ref)
    name, at = (m.group("name"), m.group("at")) if m else (ref, None)
    kept = list(reversed(history(out, safe_name(name))))
    if not kept:
        raise NoBrief(f"{ref}: no such brief folder, and {out / name} holds no brief history (--out?)")
    if at is None or at.isdigit():
        back = int(at or 0)
        if back >= len(kept):
            raise NoBrief(f"{ref}: {name} keeps {len(kept)} briefs, so @0 to @{len(kept) - 1}")
        return kept[back]
    for folder in kept:
        if folder.name == at:
            return folder
    raise NoBrief(f"{ref}: no kept brief of {name} is named {at!r} (`brief history {name}` lists them)")


def _without_changes(brief: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in brief.items() if k != "changes"}


def against_previous(brief: Brief, out: Path, embed: Embed) -> Brief:
    """`brief` with its changes against the brief OUT/<incident> now points at (the caller holds
    OUT's lock, as `brief run` and `brief watch` do, so no other run publishes in between)."""
    from ..stages.render import to_dict

    current = current_version(out, safe_name(brief.incident))
    if current is None:
        return brief  # the first brief of this incident: nothing to compare with
    try:
        previous, built = read_brief(current)
    except NoBrief:
        return brief
    now = json.loads(json.dumps(to_dict(brief), ensure_ascii=False))
    if _without_changes(now) == _without_changes(previous):
        # The same brief again: keep what it said changed, so the rebuild is byte-identical.
        carried = previous.get("changes")
        return with_changes(brief, Changes.from_dict(carried)) if carried else brief
    return with_changes(brief, compare(previous, now, embed, since=built))


def with_changes(brief: Brief, changes: Changes) -> Brief:
    # Brief.changes is declared in pipeline/types.py; through a dict of Any, this reads the same to
    # mypy with and without the declaration.
    field: dict[str, Any] = {"changes": changes}
    return replace(brief, **field)


def changes_at(target: Path) -> Changes | None:
    """The changes the brief published at `target` (OUT/<incident>) reports, if any."""
    try:
        found = json.loads((target / "brief.json").read_text(encoding="utf-8")).get("changes")
    except (OSError, ValueError):
        return None
    return Changes.from_dict(found) if found else None


@dataclass(frozen=True)
class Published:
    """What the brief just published at OUT/<name> changed, for the line `brief run` and `brief
    watch` print and for an `--on-change` command (`changes`: None when nothing is to announce)."""

    line: str
    changes: Changes | None


def just_published(out: Path, name: str) -> Published:
    kept = history(out, name)
    if not kept:
        return Published("no brief published", None)
    now = (kept[-1] / "brief.json").read_bytes()
    if len(kept) > 1 and (kept[-2] / "brief.json").read_bytes() == now:
        return Published("the same brief as before", None)
    found = json.loads(now).get("changes")
    if not found:
        return Published("first brief" if len(kept) == 1 else "no earlier brief to compare with", None)
    changes = Changes.from_dict(found)
    return Published(changes.summary(), changes if changes.noticeable or changes.sources else None)


def rows(out: Path, name: str) -> list[dict[str, Any]]:
    """`brief history`: each kept brief, newest first, with the articles added and removed since
    the one before it and whether its headline (first sentence) changed."""
    kept = entries(out, name)
    found = []
    for i, e in enumerate(kept):
        before = kept[i + 1] if i + 1 < len(kept) else None
        docs = _cited(e.brief)
        changes = e.changes
        if before is not None:
            old = _cited(before.brief)
            added = sorted(p for p in docs if docs[p] not in set(old.values()))
            removed = sorted(p for p in old if old[p] not in set(docs.values()))
        elif changes is not None:  # its predecessor is no longer kept: its own record says
            added = [s.path for s in changes.sources if s.change in ("added", "changed")]
            removed = [s.path for s in changes.sources if s.change == "removed"]
        else:
            added, removed = sorted(docs), []
        changed = sorted(set(added) & set(removed))
        added, removed = [p for p in added if p not in changed], [p for p in removed if p not in changed]
        lede = [s["text"] for s in e.brief.get("sentences", [])[:1]]
        was = [s["text"] for s in before.brief.get("sentences", [])[:1]] if before else None
        if was is None:
            headline = "first" if changes is None else "unknown"
        elif lede == was:
            headline = "same"
        else:
            reworded = changes is not None and changes.headline is not None and changes.headline.same_meaning
            headline = "reworded" if reworded else "changed"
        identical = before is not None and _without_changes(before.brief) == _without_changes(e.brief)
        summary = "first brief" if changes is None else "the same brief again" if identical else changes.summary()
        found.append(
            {
                "ref": f"{name}@{e.back}",
                "version": e.folder.name,
                "built": e.built,
                "articles": len(docs),
                "added": added,
                "removed": removed,
                "changed": changed,
                "headline": headline,
                "lede": lede[0] if lede else None,
                "summary": summary,
            }
        )
    return found


def _cited(brief: dict[str, Any]) -> dict[str, str]:
    return {d["path"]: d["sha256"] for d in brief.get("documents", []) if d["status"] in ("used", "duplicate")}
