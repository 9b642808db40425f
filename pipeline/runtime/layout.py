"""Where incidents are found and where their briefs go.

Kept free of numpy/sklearn/torch imports on purpose: `brief run` and `brief status` answer
"up to date" from this module and pipeline.runtime.manifest without loading a model (under a second).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..stages.ingest import ARTICLE_SUFFIXES, is_output_folder, printable

# Well under the 255-byte file name limit, leaving room for publish's ".<name>.link-xxxxxxxx".
MAX_NAME_BYTES = 120


def safe_name(name: str) -> str:
    """An incident name that is one harmless path component: only letters, digits, '-', '_'
    and '.', so no '/', '..', NUL or control character; not hidden; at most MAX_NAME_BYTES
    bytes (a longer one is cut and ends with a hash of the whole name, so two stay apart)."""
    name = printable(name)  # folder names that are not UTF-8 arrive as surrogates
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip("._")
    if len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        head, size = [], 0
        for c in cleaned:
            size += len(c.encode("utf-8"))
            if size > MAX_NAME_BYTES - 9:
                break
            head.append(c)
        cleaned = "".join(head).rstrip("._") + "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return cleaned or "incident"


def find_incidents(path: Path) -> list[Path]:
    """A folder of articles is one incident; a folder of such folders is a batch. Links and
    output folders (--out inside the batch root, whose entries link to briefs) are not incidents."""

    def has_articles(p: Path) -> bool:
        return any(
            f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".") for f in p.iterdir()
        )

    if has_articles(path):
        return [path]
    return sorted(
        p
        for p in path.iterdir()
        if p.is_dir()
        and not p.is_symlink()
        and not p.name.startswith(".")
        and not is_output_folder(p)
        and has_articles(p)
    )


def output_dir(out: Path, folder: Path) -> Path:
    """OUT/<incident>: the path readers use (a symlink to the current version, see pipeline.runtime.publish)."""
    return out / safe_name(folder.name)
