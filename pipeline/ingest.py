"""Files -> Documents. Every file seen gets a SourceFile record: used, duplicate or skipped."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Protocol

from .types import Corpus, Document, SourceFile

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# Larger articles are truncated with a warning: a news article is rarely over 100 kB, and the
# cost of segmenting and embedding grows with length.
MAX_CHARS = 200_000
# Above this many bytes a file is not read at all (only its head is), to bound memory.
MAX_READ_BYTES = 4 * MAX_CHARS
ASCII_SHARE_FOR_ENGLISH = 0.85


class IngestError(Exception):
    """A file could not be turned into a document; the message is the reason a person reads."""


class Ingestor(Protocol):
    def ingest(self, folder: Path) -> Corpus: ...


def normalise(text: str) -> str:
    """The form used to detect copies: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def doc_id(text: str) -> str:
    """Hash of the decoded text: byte-for-byte copies in other encodings share it, and so do
    their character offsets, which is what lets a copy be cited at the same span."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). Never drops a character silently.

    Order: UTF-8 (BOM stripped), UTF-16 by BOM, then cp1252, whose few undefined bytes fall
    back to Latin-1 so that any byte string decodes to something a person can read.
    """
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary file (contains NUL bytes); expected a text, Markdown or HTML article")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise IngestError(f"UTF-16 byte order mark but invalid UTF-16 at byte {err.start}") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line; scripts and styles dropped."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template", "svg", "head"])
    root = tree.body or tree.root
    if root is None:
        return ""
    text = root.text(separator="\n", strip=False)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _clean(text: str) -> str:
    # Only line endings are rewritten; every other character is kept so offsets stay honest.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, rel: str) -> tuple[Document, str]:
    """Read one file. Returns the document and the sha256 of its bytes; raises IngestError."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            raw = fh.read(MAX_READ_BYTES + 4)
    except PermissionError:
        raise IngestError("permission denied; make the file readable (chmod +r) or remove it") from None
    except OSError as err:
        raise IngestError(f"cannot read: {err.strerror or err}") from None
    warnings: list[str] = []
    if size > MAX_READ_BYTES:
        # Cut at a UTF-8 character boundary so that decoding does not fail on a split character.
        raw = raw[:MAX_READ_BYTES]
        while raw and (raw[-1] & 0xC0) == 0x80:
            raw = raw[:-1]
        if raw and raw[-1] >= 0xC0:
            raw = raw[:-1]
        warnings.append(f"file is {size:,} bytes; only the first {MAX_READ_BYTES:,} bytes were read")
    sha = hashlib.sha256(raw).hexdigest() if size <= MAX_READ_BYTES else _hash_file(path)
    text, encoding = decode(raw)
    text = _clean(text)
    if ARTICLE_SUFFIXES.get(path.suffix.lower()) == "html":
        text = html_to_text(text)
    if len(text) > MAX_CHARS:
        warnings.append(f"truncated to the first {MAX_CHARS:,} of {len(text):,} characters")
        text = text[:MAX_CHARS]
    if not text.strip():
        raise IngestError("empty or whitespace-only file")
    letters = [c for c in text[:20_000] if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < ASCII_SHARE_FOR_ENGLISH:
        warnings.append("looks non-English; the embedded models are English-only, results may be poor")
    doc = Document(id=doc_id(text), path=rel, text=text, sha256=sha, encoding=encoding, warnings=tuple(warnings))
    return doc, sha


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def list_files(folder: Path) -> list[tuple[Path, str]]:
    """Every file under `folder` (recursively, sorted, symlinks not followed) with its relative path."""
    found: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            found.append((path, path.relative_to(folder).as_posix()))
    return sorted(found, key=lambda item: item[1])


class FileIngestor:
    """Reads .txt, .md and .html articles from one incident folder."""

    def __init__(self, max_chars: int = MAX_CHARS) -> None:
        self.max_chars = max_chars

    def warm_up(self) -> None:
        """Nothing to load."""

    def ingest(self, folder: Path) -> Corpus:
        documents: list[Document] = []
        files: list[SourceFile] = []
        by_id: dict[str, str] = {}
        for path, rel in list_files(folder):
            record = self._skip_reason(path, folder)
            if record:
                files.append(SourceFile(path=rel, sha256="", status="skipped", reason=record))
                continue
            try:
                doc, sha = read_document(path, rel)
            except IngestError as err:
                sha = _hash_file(path) if os.access(path, os.R_OK) else ""
                files.append(SourceFile(path=rel, sha256=sha, status="skipped", reason=str(err)))
                continue
            if doc.id in by_id:
                files.append(
                    SourceFile(rel, sha, "duplicate", f"same text as {by_id[doc.id]}; cited with it", doc.encoding,
                               duplicate_of=by_id[doc.id], warnings=doc.warnings)
                )
                continue
            by_id[doc.id] = rel
            files.append(SourceFile(rel, sha, "used", None, doc.encoding, warnings=doc.warnings))
            documents.append(doc)
        return Corpus(name=folder.name, documents=tuple(documents), files=tuple(files))

    @staticmethod
    def _skip_reason(path: Path, folder: Path) -> str | None:
        name = path.name
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            return "hidden file; rename it without the leading dot to include it"
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(folder.resolve()):
                return "symbolic link pointing outside the incident folder; not followed"
            return "symbolic link; the file it points to is read directly"
        if not path.is_file():
            return "not a regular file"
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            known = ", ".join(sorted(ARTICLE_SUFFIXES))
            return f"unsupported file type {path.suffix or '(no extension)'!r} in {name!r}; expected one of {known}"
        return None


INGESTORS = {"files": FileIngestor}
