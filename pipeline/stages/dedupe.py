"""Boilerplate and duplicates: what may reach the brief, and who else said the same thing.

Site furniture is found three ways, none site-specific: lines a page repeats (titles, footers),
lines that several articles share but that are not sentences, and a short list of patterns
every news page uses (copyright, "Source:", timestamps, breadcrumbs). Near-duplicate sentences
across articles are merged, and the copies are kept as co-citations.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import Protocol

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import CountVectorizer

from ..types import Corpus, Deduped, Document, Dropped, Sentence
from .ingest import normalise
from .injection import REASON as INJECTION_REASON
from .injection import instruction_like
from .segment import paragraphs
from .textmeta import STAMP, stamp_date

SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
FURNITURE = re.compile(
    r"©|\(c\)\s*\d{4}|all rights reserved|copyright\b|maintained and developed by|powered by\b"
    r"|^source\s*:|^(?:story highlights|latest news|you are here|related|read more|advertisement)\b"
    r"|^main\s*»|\bclick here\b|\bsubscribe\b|\bsign up\b|\bfollow us\b|\bcookies?\b"
    r"|\bGMT\s+\d{1,2}:\d{2}\b|^\s*\d{1,2}:\d{2}\s*(?:am|pm|GMT)?\s*$",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r",\s(?:left|right|centre|center|pictured|above|below|top|bottom),\s|\b(?:photo|image|file photo|credit)\s*:", re.I
)
# "(CNN)", "WASHINGTON (Reuters) -", "ANKARA, Turkey —", wire copy's "TUNIS, Tunisia (AP) _": a
# dateline glued to the first sentence; so are a web page's "Hong Kong (CNN Business)", "Vigo,
# GA – " and "HarbourNews.net - ". After a place in ordinary case, only an agency's name in
# brackets: "The PSOE (Socialists) Party ..." is a sentence.
DATELINE = re.compile(
    r"^(?:\([A-Z][\w .&-]{0,30}\)\s*(?:[-—–]{1,2}\s+|_\s+)?"
    r"|[A-Z]{2}[A-Z .'-]*(?:,\s*[A-Z][\w .'-]{1,30})?(?:\s*\([\w .&-]{1,30}\))?\s*(?:[-—–]{1,2}|_)\s+"
    r"|(?:[A-Z][\w.'-]*,?\s+){1,3}\((?:CNN(?: \w+)?|AP|Reuters|AFP|UPI|Bloomberg|BBC|dpa|Xinhua)\)"
    r"\s*(?:[-—–]{1,2}\s+|_\s+)?"
    r"|(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,\s+[A-Z]{2}\s+[-—–]{1,2}\s+"
    r"|[A-Z]\w*\.(?i:net|com|org)\s+[-—–]{1,2}\s+)"
)

MIN_WORDS = 5
MAX_WORDS = 80
NEAR_DUPLICATE_JACCARD = 0.8
# Rows of the sentence x sentence overlap computed at once: bounds memory on a giant article.
PAIR_BLOCK = 512


class Deduper(Protocol):
    def dedupe(self, corpus: Corpus, sentences: list[Sentence]) -> Deduped: ...


def _paragraph_bounds(spans: list[tuple[int, int]], sentence: Sentence) -> tuple[int, int]:
    """The paragraph (segment.paragraphs) holding the sentence: a wrapped paragraph is one unit,
    so a wrap line that two wire stories share is not mistaken for page furniture."""
    k = bisect.bisect_right(spans, (sentence.start, float("inf"))) - 1
    return spans[k] if k >= 0 and spans[k][1] >= sentence.end else (sentence.start, sentence.end)


def trim_dateline(sentence: Sentence) -> Sentence:
    """Cut a leading dateline or date stamp (pipeline.stages.textmeta.STAMP: the filing date, which
    the article's metadata keeps); offsets move with it so the round trip still holds."""
    m = DATELINE.match(sentence.text) or (STAMP.match(sentence.text) if stamp_date(sentence.text) else None)
    rest = sentence.text[m.end() :] if m else ""
    if not m or len(rest.split()) < MIN_WORDS or not rest[:1].isupper():
        return sentence
    start = sentence.start + m.end()
    return Sentence(f"{sentence.doc_id}:{start}", sentence.doc_id, start, sentence.end, rest)


# "Meanwhile, Russia is Assad's closest ally.", "Hours earlier, Kremlin spokesman Dmitry Peskov
# said ...": a connective or a time relative to the sentence before. Without it the sentence
# stands alone and still says what it said; its span just starts later.
# Only as a sentence adverb (a comma after it, or a bare "And"/"But"): "Besides Russia and
# Turkey, the powers ... include" starts with a preposition, and cutting it would change the claim.
CONNECTIVE_OPENING = re.compile(
    r"^(?:(?:and|but)\s+|(?:however|meanwhile|still|yet|also|moreover|furthermore|in addition|besides|indeed|"
    r"so|then|now|thus|as a result|in fact|at the same time|earlier|later|(?:hours|days|weeks|a day|a week) "
    r"(?:earlier|later|before|after)|(?:on )?the same day),\s+|"
    # "UPDATED: A photo of ...": a page's label before the sentence, not a word of it.
    r"(?:updated?(?: \d{1,2})?|breaking(?: news)?)\s*:\s+)(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)


def trim_connective(sentence: Sentence) -> Sentence:
    """Cut a leading connective when what follows starts like a sentence (a capital letter: the
    text is never re-cased); offsets move with it so the round trip still holds."""
    m = CONNECTIVE_OPENING.match(sentence.text)
    if not m or len(sentence.text[m.end() :].split()) < MIN_WORDS:
        return sentence
    start = sentence.start + m.end()
    return Sentence(f"{sentence.doc_id}:{start}", sentence.doc_id, start, sentence.end, sentence.text[m.end() :])


class RuleDeduper:
    """Model-free: rules for boilerplate, word-set Jaccard for near duplicates."""

    def __init__(
        self, jaccard: float = NEAR_DUPLICATE_JACCARD, min_words: int = MIN_WORDS, max_words: int = MAX_WORDS
    ) -> None:
        self.jaccard = jaccard
        self.min_words = min_words
        self.max_words = max_words

    def warm_up(self) -> None:
        """Nothing to load."""

    def dedupe(self, corpus: Corpus, sentences: list[Sentence]) -> Deduped:
        docs = {d.id: d for d in corpus.documents}
        spans = {d.id: paragraphs(d.text) for d in corpus.documents}
        furniture = self._furniture_lines(corpus.documents, spans)
        kept: list[Sentence] = []
        dropped: list[Dropped] = []
        lines: dict[tuple[str, int], str] = {}  # a 200,000-character line is normalised once, not per sentence
        for s in sentences:
            doc = docs[s.doc_id]
            start, end = _paragraph_bounds(spans[s.doc_id], s)
            if (s.doc_id, start) not in lines:
                lines[s.doc_id, start] = normalise(doc.text[start:end])
            reason = self._boilerplate_reason(s, lines[s.doc_id, start], furniture)
            if reason:
                dropped.append(Dropped(s.id, reason))
            else:
                kept.append(trim_connective(trim_dateline(s)))
        reps, copies, repeats = self._merge_duplicates(kept)
        dropped.extend(Dropped(sid, "repeats an earlier sentence of the same article") for sid in repeats)
        repeat_ids = set(repeats)
        pool = tuple(s for s in kept if s.id not in repeat_ids)
        return Deduped(sentences=tuple(reps), copies=copies, pool=pool, dropped=tuple(dropped))

    @staticmethod
    def _furniture_lines(documents: tuple[Document, ...], spans: dict[str, list[tuple[int, int]]]) -> set[str]:
        """Paragraphs repeated inside one page, or shared by pages without being sentences."""
        in_docs: Counter[str] = Counter()
        furniture: set[str] = set()
        for doc in documents:
            lines = Counter(normalise(doc.text[a:b]) for a, b in spans[doc.id] if doc.text[a:b].strip())
            furniture.update(line for line, n in lines.items() if n > 1 and len(line) >= 12)
            in_docs.update(lines.keys())
        for line, n in in_docs.items():
            if n > 1 and (len(line.split()) < MIN_WORDS or not SENTENCE_END.search(line)):
                furniture.add(line)
        return furniture

    def _boilerplate_reason(self, s: Sentence, line_norm: str, furniture: set[str]) -> str | None:
        text = s.text
        if instruction_like(text):
            return INJECTION_REASON
        norm = normalise(text)
        if line_norm in furniture or norm in furniture:
            return "boilerplate: repeated page furniture (title, footer or shared label)"
        if FURNITURE.search(text):
            return "boilerplate: matches a page-furniture pattern (copyright, source line, timestamp, navigation)"
        if any(len(f) >= 20 and f in norm for f in furniture):
            return "boilerplate: contains repeated page furniture"
        if not SENTENCE_END.search(text):
            return "headline or label: no sentence ending"
        if CAPTION.search(text):
            return "photo caption"
        words = len(text.split())
        if words < self.min_words:
            return f"too short to state a fact ({words} words)"
        if words > self.max_words:
            return f"too long for one claim ({words} words): likely a run-on or a list"
        return None

    def _merge_duplicates(self, kept: list[Sentence]) -> tuple[list[Sentence], dict[str, tuple[str, ...]], list[str]]:
        """Group sentences whose word sets overlap by >= `jaccard`; the first is the representative."""
        if not kept:
            return [], {}, []
        vec = CountVectorizer(binary=True, lowercase=True, token_pattern=r"(?u)\b\w+\b")
        try:
            x = vec.fit_transform([s.text for s in kept]).tocsr()
        except ValueError:  # no word at all in any sentence (e.g. only symbols): nothing to merge
            x = coo_matrix((len(kept), 1), dtype=np.int64).tocsr()
        x.sort_indices()
        n = len(kept)
        # Rows with the same word set (Jaccard 1) are chained to the first one, and only distinct
        # sets are compared: a page repeating one sentence 3,000 times is one row, not 4.5M pairs.
        first: dict[bytes, int] = {}
        rows, cols = [], []
        for r in range(n):
            words = x.indices[x.indptr[r] : x.indptr[r + 1]]
            if len(words):
                rows.append(first.setdefault(words.tobytes(), r))
        same = np.array(rows, dtype=np.int64)
        chained = np.flatnonzero(np.asarray(x.sum(axis=1)).ravel() > 0)
        rows, cols = [same[same != chained]], [chained[same != chained]]
        distinct = np.array(sorted(first.values()), dtype=np.int64)
        x = x[distinct]
        sizes = np.asarray(x.sum(axis=1)).ravel()
        prefix = _prefixes(x, sizes, self.jaccard)
        m = len(distinct)
        # Vectorised over blocks of rows: a page that repeats one sentence 3,000 times gives ~10^7
        # pairs, too many for a Python loop and, at once, for memory. Only pairs sharing a word
        # of their prefixes are candidates (prefix filtering: exact, and near linear on real text).
        for lo in range(0, m, PAIR_BLOCK):
            cand = (prefix[lo : lo + PAIR_BLOCK] @ prefix.T).tocoo()
            i, j = cand.row + lo, cand.col
            ahead = i < j
            i, j = i[ahead], j[ahead]
            shared = np.asarray(x[i].multiply(x[j]).sum(axis=1)).ravel() if len(i) else np.zeros(0)
            union = sizes[i] + sizes[j] - shared
            near = shared / np.maximum(union, 1) >= self.jaccard
            rows.append(distinct[i[near]])
            cols.append(distinct[j[near]])
        i, j = np.concatenate(rows), np.concatenate(cols)
        graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        groups: dict[int, list[int]] = defaultdict(list)
        for idx, label in enumerate(labels):
            groups[int(label)].append(idx)
        reps, repeats = [], []
        copies: dict[str, tuple[str, ...]] = {}
        for members in sorted(groups.values()):
            rep = kept[members[0]]
            seen_docs = {rep.doc_id}
            others = []
            for i in members[1:]:
                if kept[i].doc_id in seen_docs:
                    repeats.append(kept[i].id)
                else:
                    seen_docs.add(kept[i].doc_id)
                    others.append(kept[i].id)
            reps.append(rep)
            if others:
                copies[rep.id] = tuple(others)
        return reps, copies, repeats  # groups sorted by first member: reps keep the text order


def _prefixes(x, sizes: np.ndarray, jaccard: float):
    """Each row's `size - ceil(jaccard x size) + 1` rarest words (binary csr). Two word sets with
    Jaccard >= `jaccard` share a word of their prefixes (Chaudhuri et al. 2006; Bayardo et al.
    2007, "All-Pairs"), so only pairs that do need their overlap counted: near-linear on text,
    where the dense overlap of frequent words ("the", "said") is quadratic (issue 15)."""
    x = x.tocsr()
    x.sort_indices()
    n = x.shape[0]
    df = np.asarray(x.sum(axis=0)).ravel()
    rarity = np.empty(len(df), dtype=np.int64)
    rarity[np.argsort(df, kind="stable")] = np.arange(len(df))
    row = np.repeat(np.arange(n), np.diff(x.indptr))
    order = np.lexsort((rarity[x.indices], row))  # within each row, rarest first
    position = np.arange(len(order)) - x.indptr[row]
    # ceil with a hair of slack: 0.8 x 5 = 4.000000000000001 must give 4, or a prefix is too short.
    keep_n = sizes - np.ceil(jaccard * sizes - 1e-9).astype(np.int64) + 1
    keep = position < keep_n[row]
    cols = x.indices[order][keep]
    return coo_matrix((np.ones(len(cols), dtype=np.int32), (row[keep], cols)), shape=x.shape).tocsr()


DEDUPERS = {"rules": RuleDeduper}
