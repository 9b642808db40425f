"""Files -> Documents. Every file seen gets a SourceFile record: used, duplicate or skipped.

Seed folders come from scrapers and people, so bad files are the normal case: each one is
skipped with a reason a person can act on, and the run goes on. Limits (README, "Bad input"):

- an article longer than MAX_CHARS characters is truncated, with a warning;
- at most MAX_READ_BYTES of a file are read (MAX_HTML_READ_BYTES of a saved page, which is
  mostly markup), so memory stays bounded whatever its size, and a file over MAX_FILE_BYTES
  (`pipeline.stages.reading`) is not read at all;
- an incident takes at most MAX_TOTAL_SENTENCES sentences and MAX_TOTAL_CHARS characters: the
  article that reaches a limit is truncated there, with a warning, and the rest are skipped;
- HTML nested deeper than MAX_HTML_DEPTH is refused (parsing it is quadratic in the depth).

Decoding never drops a character silently (`pipeline.stages.reading`); the encoding used is
recorded, and a guessed one is reported as a warning.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from ..types import Corpus, DocMeta, Document, SourceFile
from .injection import find_instruction
from .reading import IngestError, decode, read_head
from .textmeta import text_metadata

# An output folder of `brief run` holds this state folder (pipeline.runtime.publish). When --out lies
# inside the input, the briefs must not be read back as articles, nor reported as skipped files.
OUTPUT_STATE_DIR = ".brief"


def is_output_folder(path: Path) -> bool:
    return (path / OUTPUT_STATE_DIR).is_dir()


ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# A news article is rarely over 100 kB; segmenting, embedding and clustering cost grows with length.
MAX_CHARS = 200_000
# UTF-8 needs at most 4 bytes a character, so this always holds MAX_CHARS characters.
MAX_READ_BYTES = 4 * MAX_CHARS
# A saved page is mostly scripts, styles and markup around a few kB of article: real news pages
# run to 1.5 MB (the article-extraction benchmark's largest). Its limit applies to the extracted text.
MAX_HTML_READ_BYTES = 8 << 20
# A safety limit, not a working one: above 3,000 sentences clustering and support counting use
# sparse neighbour graphs and blocks of rows (pipeline.stages.cluster, issue 15), so memory grows with
# the sentence count, not its square (2,000 articles, 35,500 sentences: 0.44 GB peak besides the
# embedding model; benchmarks/bench_big.py); time still has an n^2 term, in vectorised blocks.
MAX_TOTAL_SENTENCES = 100_000
MAX_TOTAL_CHARS = 20_000_000
# Real pages nest a few dozen levels; the HTML parser's tree building is O(tags x depth).
MAX_HTML_DEPTH = 2_000
ASCII_SHARE_FOR_ENGLISH = 0.85
# English prose has about 30-45% of its words in this list; French, German or Spanish under 10%.
ENGLISH_WORD_SHARE = 0.15
ENGLISH_WORDS = frozenset(
    "the of and to in is was that for on with as by at from it he she his her they their said were are has "
    "have had be been not this which who will would but an its after".split()
)
SENTENCE_PUNCT = re.compile(r"[.!?…。！？؟।]+")  # a run ("...", "?!") ends one sentence
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
# Elements that close themselves or never hold children: they do not deepen the tree.
_FLAT_TAGS = frozenset(
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp html head body "
    "area base br col embed hr img input link meta param source track wbr".split()
)


class Ingestor(Protocol):
    def ingest(self, folder: Path) -> Corpus: ...


def normalise(text: str) -> str:
    """The form used to detect copies: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def doc_id(text: str) -> str:
    """Hash of the decoded text: byte-for-byte copies in other encodings share it, and so do
    their character offsets, which is what lets a copy be cited at the same span."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def printable(name: str) -> str:
    """`name` with bytes that are not UTF-8 and unprintable characters (newlines, bidi
    overrides, escapes) written as backslash escapes: safe to print, to write as UTF-8 and to
    put in Markdown. Idempotent, and the identity on ordinary names."""
    try:
        raw = name.encode("utf-8", "surrogateescape")  # os.walk hands undecodable bytes over as surrogates
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def html_depth(html: str) -> int:
    """How deep the tags nest, counting only elements that hold children (an estimate: it
    needs no parser, and is linear in the length whatever the input)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _FLAT_TAGS:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _clean(text: str) -> str:
    # Only line endings are rewritten; every other character is kept so offsets stay honest.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_non_english(text: str) -> bool:
    """Mostly non-Latin letters, or Latin letters with few English function words."""
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return False
    if sum(c.isascii() for c in letters) / len(letters) < ASCII_SHARE_FOR_ENGLISH:
        return True
    words = _WORD.findall(sample.lower())
    return len(words) >= 20 and sum(w in ENGLISH_WORDS for w in words) / len(words) < ENGLISH_WORD_SHARE


def read_document(path: Path, rel: str, max_chars: int = MAX_CHARS) -> tuple[Document, str]:
    """Read one file. Returns the document and the sha256 of its bytes; raises IngestError."""
    limit = MAX_HTML_READ_BYTES if _is_html(rel) else MAX_READ_BYTES
    raw, size, sha = read_head(path, limit)
    try:
        return _to_document(raw, size, sha, rel, max_chars, limit), sha
    except IngestError as err:
        err.sha256 = sha
        raise


# Where outlets file columns and editorials: "/opinion/", "/opinions/", "/op-ed/", "/editorials/".
OPINION_PATH = re.compile(
    r"^https?://[^/]+/(?:[^?#]*/)?(?:opinions?|op-?eds?|editorials?|commentary|columns?|columnists?)/", re.IGNORECASE
)


def opinion_url(url: str | None) -> bool:
    """Whether a page's address files it as an opinion piece (a column, an editorial)."""
    return bool(url and OPINION_PATH.match(url))


def opinion(meta: DocMeta) -> bool:
    """Whether an article is a column or an editorial: its page says so, or its address does."""
    return meta.opinion or opinion_url(meta.url)


def _is_html(rel: str) -> bool:
    return ARTICLE_SUFFIXES.get(Path(rel).suffix.lower()) == "html"


def _to_document(raw: bytes, size: int, sha: str, rel: str, max_chars: int, limit: int = MAX_READ_BYTES) -> Document:
    cut = len(raw) > limit
    if not raw:
        raise IngestError("empty file (0 bytes)")
    text, encoding = decode(raw[:limit], final=not cut)
    text = _clean(text)
    if _is_html(rel):
        depth = html_depth(text)
        if depth > MAX_HTML_DEPTH:
            raise IngestError(f"HTML nested {depth:,} levels deep (limit {MAX_HTML_DEPTH:,}); not a news page")
        from .extract import extract_html  # lxml and trafilatura: only when there is a page to read

        page = extract_html(text)
        text = page.text
        if not text.strip():
            raise IngestError("HTML page without article text (nothing but menus, scripts or markup)")
        meta = DocMeta(page.title, page.site, page.author, page.published, page.url, page.extractor, page.opinion)
    else:
        meta = text_metadata(text)
    warnings: list[str] = []
    if cut or len(text) > max_chars:
        text = text[:max_chars]
        warnings.append(
            f"too long ({size:,} bytes): only the first {len(text):,} characters are used "
            f"(limit {max_chars:,} characters an article)"
        )
    if not text.strip():
        raise IngestError("empty or whitespace-only file")
    if not SENTENCE_PUNCT.search(text):
        raise IngestError(
            f"no sentence punctuation in {len(text):,} characters: not prose (a title only, a word list or data)"
        )
    if encoding in ("cp1252", "latin-1"):
        warnings.append(
            f"not valid UTF-8; decoded as {encoding} (Western European), a guess: "
            "re-save it as UTF-8 if letters look wrong"
        )
    if looks_non_english(text):
        warnings.append("looks non-English; the embedded models are English-only, results may be poor")
    if opinion(meta):
        why = "its page's metadata says so" if meta.opinion else "its address files it so"
        warnings.append(
            f"an opinion piece ({why}{f': {meta.url}' if meta.url else ''}): its sentences may support the brief, "
            "never make a sentence of it, since they give the writer's view, not a report"
        )
    injected = find_instruction(text)
    if injected:
        shown = injected if len(injected) <= 80 else injected[:77] + "..."
        warnings.append(f"text addressed to an AI model (possible prompt injection), left out of the brief: {shown!r}")
    return Document(
        id=doc_id(text), path=rel, text=text, sha256=sha, encoding=encoding, warnings=tuple(warnings), meta=meta
    )


def list_files(folder: Path, folders: bool = False) -> list[tuple[Path, str]]:
    """Every file under `folder` (recursively, sorted, symlinks not followed, hidden folders
    not entered) with its relative path, made printable (see `printable`: a name that is not
    UTF-8 must not break a JSON file). With `folders`, also each folder that was not entered
    (hidden, a symbolic link, unreadable), so that it can be reported. Output folders of
    `brief run` are passed over without a word: they hold briefs, not articles."""
    found: list[tuple[Path, str]] = []

    def unreadable(err: OSError) -> None:
        if folders and err.filename and Path(err.filename) != folder:
            found.append((Path(err.filename), printable(Path(err.filename).relative_to(folder).as_posix())))

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False, onerror=unreadable):
        entered = []
        for d in dirnames:
            p = Path(dirpath) / d
            if not p.is_symlink() and is_output_folder(p):
                continue
            if d.startswith(".") or p.is_symlink():
                if folders:
                    found.append((p, printable(p.relative_to(folder).as_posix())))
            else:
                entered.append(d)
        dirnames[:] = sorted(entered)
        for name in filenames:
            path = Path(dirpath) / name
            found.append((path, printable(path.relative_to(folder).as_posix())))
    return sorted(found, key=lambda item: item[1])


class FileIngestor:
    """Reads .txt, .md and .html articles from one incident folder."""

    def __init__(
        self,
        max_chars: int = MAX_CHARS,
        max_total_chars: int = MAX_TOTAL_CHARS,
        max_total_sentences: int = MAX_TOTAL_SENTENCES,
    ) -> None:
        self.max_chars = max_chars
        self.max_total_chars = max_total_chars
        self.max_total_sentences = max_total_sentences

    def warm_up(self) -> None:
        """Nothing to load."""

    def ingest(self, folder: Path, only: frozenset[str] | None = None) -> Corpus:
        """Every file under `folder`; with `only`, just those relative paths (`brief ingest FILE`)."""
        documents: list[Document] = []
        files: list[SourceFile] = []
        by_id: dict[str, str] = {}
        chars = sentences = 0
        for path, rel in list_files(folder, folders=True):
            if only is not None and rel not in only:
                continue
            reason = (
                self._skip_reason(path, folder)
                if rel == path.relative_to(folder).as_posix()
                else "file name has control characters or bytes that are not UTF-8; rename it"
            )
            if not reason and (chars >= self.max_total_chars or sentences >= self.max_total_sentences):
                reason = (
                    f"the incident already has {chars:,} characters and about {sentences:,} sentences (limits "
                    f"{self.max_total_chars:,} and {self.max_total_sentences:,}); "
                    "split the folder into smaller incidents"
                )
            if reason:
                files.append(SourceFile(path=rel, sha256="", status="skipped", reason=reason))
                continue
            try:
                doc, sha = read_document(path, rel, self.max_chars)
            except IngestError as err:
                files.append(SourceFile(path=rel, sha256=err.sha256, status="skipped", reason=str(err)))
                continue
            except Exception as err:  # a bug on one odd file must not lose the other articles
                files.append(
                    SourceFile(
                        path=rel,
                        sha256="",
                        status="skipped",
                        reason=f"could not be read ({type(err).__name__}: {err}); please report this",
                    )
                )
                continue
            if doc.id in by_id:
                files.append(
                    SourceFile(
                        rel,
                        sha,
                        "duplicate",
                        f"same text as {by_id[doc.id]}; cited with it",
                        doc.encoding,
                        duplicate_of=by_id[doc.id],
                        warnings=doc.warnings,
                        meta=doc.meta,
                    )
                )
                continue
            by_id[doc.id] = rel
            doc = self._within_budget(doc, chars, sentences)
            chars += len(doc.text)
            sentences += len(SENTENCE_PUNCT.findall(doc.text))
            files.append(SourceFile(rel, sha, "used", None, doc.encoding, warnings=doc.warnings, meta=doc.meta))
            documents.append(doc)
        return Corpus(name=printable(folder.name), documents=tuple(documents), files=tuple(files))

    def _within_budget(self, doc: Document, chars: int, sentences: int) -> Document:
        """`doc`, cut where it would take the incident over its character or sentence limit."""
        cut = min(len(doc.text), self.max_total_chars - chars)
        left = self.max_total_sentences - sentences
        ends = SENTENCE_PUNCT.finditer(doc.text, 0, cut)
        nth = next((m for i, m in enumerate(ends, start=1) if i == left), None)
        if nth is not None:
            cut = nth.end()
        if cut == len(doc.text):
            return doc
        text = doc.text[:cut]
        warning = (
            f"truncated to its first {len(text):,} characters: the incident reached its limit of "
            f"{self.max_total_chars:,} characters or about {self.max_total_sentences:,} sentences"
        )
        return replace(doc, id=doc_id(text), text=text, warnings=(*doc.warnings, warning))

    @staticmethod
    def _skip_reason(path: Path, folder: Path) -> str | None:
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            if path.is_dir() and not path.is_symlink():
                return "hidden folder; not searched (rename it without the leading dot to include it)"
            return "hidden file; rename it without the leading dot to include it"
        if path.is_symlink():
            return _link_reason(path, folder)
        if path.is_dir():
            return "folder could not be listed; check its permissions"
        if not path.is_file():
            return "not a regular file (a pipe, socket or device); not read"
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            known = ", ".join(sorted(ARTICLE_SUFFIXES))
            return f"unsupported file type {path.suffix or '(no extension)'!r}; expected one of {known}"
        return None


def _link_reason(path: Path, folder: Path) -> str:
    """Links are never followed: one pointing outside would read files the folder does not
    hold, and one pointing inside would only read a file that is listed under its own name."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return "broken symbolic link (its target does not exist); not followed"
    except (OSError, RuntimeError):
        return "symbolic link that cannot be resolved (a loop?); not followed"
    root = folder.resolve()
    if not target.is_relative_to(root):
        return "symbolic link pointing outside the incident folder; not followed"
    inside = printable(target.relative_to(root).as_posix())
    kind = "folder" if target.is_dir() else "file"
    return (
        f"symbolic link to the {kind} {inside!r} in this folder; links are not followed, "
        f"the {kind} counts under its own name"
    )


INGESTORS = {"files": FileIngestor}
