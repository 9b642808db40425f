"""Where incidents are found and where their briefs go.

Kept free of numpy/sklearn/torch imports on purpose: `brief run` and `brief status` answer
"up to date" from this module and pipeline.manifest without loading a model (under a second).
"""

from __future__ import annotations

from pathlib import Path

from .ingest import ARTICLE_SUFFIXES


def safe_name(name: str) -> str:
    """An incident name that is one harmless path component."""
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip("._")
    return cleaned or "incident"


def find_incidents(path: Path) -> list[Path]:
    """A folder of articles is one incident; a folder of such folders is a batch."""
    def has_articles(p: Path) -> bool:
        return any(f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".") for f in p.iterdir())

    if has_articles(path):
        return [path]
    return sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".") and has_articles(p))


def output_dir(out: Path, folder: Path) -> Path:
    """OUT/<incident>: the path readers use (a symlink to the current version, see pipeline.publish)."""
    return out / safe_name(folder.name)
