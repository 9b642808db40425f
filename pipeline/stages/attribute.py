"""Brief sentence -> the source spans that support it, across every article.

The support score mixes meaning and wording: the cosine of the two embeddings and the share of
the claim's content words that the source sentence contains. Either alone fails in a known way:
embeddings call "three soldiers killed" and "five soldiers killed" the same, word overlap misses
paraphrase. A claim whose numbers the source lacks gets no support from it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import SUPPORT_THRESHOLD  # noqa: F401  (tuned value, kept with the settings)
from ..types import Sentence, SourceSpan

WORD = re.compile(r"[\w'’-]+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}


class Attributor(Protocol):
    def attribute(
        self,
        texts: list[str],
        text_vectors: np.ndarray,
        pool: Sequence[Sentence],
        pool_vectors: np.ndarray,
        paths: dict[str, str],
    ) -> list[tuple[SourceSpan, ...]]:
        """For each text, its supporting spans (best per document, score >= threshold), best first."""
        ...


def stem(word: str) -> str:
    """A light suffix strip: enough for "soldiers"/"soldier" and "killed"/"kill"."""
    word = word.lower().strip("'’-")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS and len(w) > 1}


def numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in NUMBER.findall(text)}
    found.update(NUMBER_WORDS[w.lower()] for w in WORD.findall(text) if w.lower() in NUMBER_WORDS)
    return found


def lexical_support(claim: str, source: str) -> float:
    words = content_words(claim)
    return len(words & content_words(source)) / len(words) if words else 0.0


# A span scoring at least this, under SUPPORT_THRESHOLD, is cited when it restates the claim's fact on
# the parse (pipeline.stages.restates). Read on dev clusters (issue 26): true retellings scored 0.45-0.58,
# sentences on the same topic that say something else 0.3-0.55 and are told apart by the parse.
RESTATED = 0.4

# Cells of a (rows x n) block of support_rows held at once (~4 arrays of this many 8-byte
# numbers): bounds memory whatever the incident's size (issue 15).
BLOCK_CELLS = 4_000_000


def _word_matrix(texts: Sequence[str]):
    from sklearn.feature_extraction.text import CountVectorizer

    words = CountVectorizer(analyzer=lambda t: sorted(content_words(t)), binary=True).fit_transform(texts)
    return words, np.maximum(np.asarray(words.sum(axis=1)).ravel(), 1)


def support_matrix(texts: Sequence[str], vectors: np.ndarray, semantic_weight: float = 0.5) -> np.ndarray:
    """All-pairs support: [i, j] is how well text j supports text i, 0 where j lacks a number of i.
    n x n: for big incidents use support_rows, which gives the same answer block by block."""
    if not len(texts):
        return np.zeros((0, 0))
    words, sizes = _word_matrix(texts)
    coverage = (words @ words.T).toarray() / sizes[:, None]
    cosine = np.clip(vectors @ vectors.T, 0.0, 1.0)
    scores = semantic_weight * cosine + (1 - semantic_weight) * coverage
    nums = [numbers(t) for t in texts]
    for i, mine in enumerate(nums):
        if mine:
            scores[i, [j for j, theirs in enumerate(nums) if not mine <= theirs]] = 0.0
    return scores


def support_rows(
    texts: Sequence[str],
    vectors: np.ndarray,
    threshold: float,
    semantic_weight: float = 0.5,
    block_cells: int = BLOCK_CELLS,
) -> list[np.ndarray]:
    """For each text i, the indices j with support_matrix(...)[i, j] >= threshold, in order,
    computed a block of rows at a time: memory grows with n, not n^2 (issue 15). Time is still
    n^2, in vectorised blocks; numbers are checked only on the pairs that pass."""
    n = len(texts)
    if not n:
        return []
    words, sizes = _word_matrix(texts)
    words_t = words.T.tocsc()
    nums = [numbers(t) for t in texts]
    rows = max(1, block_cells // n)
    out: list[np.ndarray] = []
    for lo in range(0, n, rows):
        hi = min(n, lo + rows)
        scores = (words[lo:hi] @ words_t).toarray() / sizes[lo:hi, None]
        scores *= 1 - semantic_weight
        scores += semantic_weight * np.clip(vectors[lo:hi] @ vectors.T, 0.0, 1.0)
        for k, row in enumerate(scores >= threshold):
            found = np.flatnonzero(row)
            mine = nums[lo + k]
            if mine:
                found = found[[mine <= nums[j] for j in found]] if len(found) else found
            out.append(found)
    return out


class SupportAttributor:
    """Embedding cosine + content-word coverage; works with any Embedder's vectors."""

    def __init__(
        self,
        threshold: float = SUPPORT_THRESHOLD,
        semantic_weight: float = 0.5,
        per_document: int = 1,
        require_numbers: bool = True,
        fallback: float | None = None,
        restated: float | None = RESTATED,
    ) -> None:
        """`require_numbers` and `fallback` keep their defaults in briefs, whose sentences state one
        fact each and must be dropped when unsupported. For a person's summary (`brief attribute
        --mode summary`), whose sentences gather facts and numbers from several source sentences,
        numbers are not required and, when no document reaches the threshold, the best span
        scoring at least `fallback` is cited anyway (see pipeline.eval.check). `restated`: a span
        under the threshold but scoring at least this much, which gives the claim's counts and
        restates its fact on the parse (pipeline.stages.restates), is cited too; None turns that off."""
        self.threshold = threshold
        self.semantic_weight = semantic_weight
        self.per_document = per_document
        self.require_numbers = require_numbers
        self.fallback = fallback
        self.restated = restated

    def warm_up(self) -> None:
        """The dependency parser, when retellings are confirmed on the parse."""
        if self.restated is not None:
            from .parser import load_parser

            load_parser()

    def _retold(self, claim: str, claim_vector: np.ndarray, source: Sentence, source_vector: np.ndarray) -> float:
        """The score of a source sentence that states the claim's fact in other words, else 0: its
        words and meaning above `restated`, every count of the claim in it (a date or a span of time
        it may leave out), and the fact confirmed on the parse."""
        from .restates import restates, timeless

        if self.restated is None or not numbers(timeless(claim)) <= numbers(source.text):
            return 0.0
        cosine = float(np.clip(claim_vector @ source_vector, 0.0, 1.0))
        score = self.semantic_weight * cosine + (1 - self.semantic_weight) * lexical_support(claim, source.text)
        return score if score >= self.restated and restates(claim, source.text) else 0.0

    def score(self, claim: str, claim_vector: np.ndarray, source: Sentence, source_vector: np.ndarray) -> float:
        claim_numbers = numbers(claim) if self.require_numbers else set()
        if claim_numbers and not claim_numbers <= numbers(source.text):
            return 0.0
        cosine = float(np.clip(claim_vector @ source_vector, 0.0, 1.0))
        return self.semantic_weight * cosine + (1 - self.semantic_weight) * lexical_support(claim, source.text)

    def attribute(
        self,
        texts: list[str],
        text_vectors: np.ndarray,
        pool: Sequence[Sentence],
        pool_vectors: np.ndarray,
        paths: dict[str, str],
    ) -> list[tuple[SourceSpan, ...]]:
        results = []
        sims = text_vectors @ pool_vectors.T if len(pool) else np.zeros((len(texts), 0))
        floor = self.threshold if self.fallback is None else min(self.threshold, self.fallback)
        for t, text in enumerate(texts):
            best: dict[str, list[SourceSpan]] = {}
            below: list[SourceSpan] = []
            # Only sentences that are at least loosely close in meaning are scored in full.
            scan = floor if self.restated is None else min(floor, self.restated)
            for j in np.flatnonzero(sims[t] >= scan * self.semantic_weight):
                s = pool[int(j)]
                score = round(self.score(text, text_vectors[t], s, pool_vectors[j]), 4)
                span = SourceSpan(s.doc_id, paths[s.doc_id], s.start, s.end, score)
                retold = 0.0 if score >= self.threshold else self._retold(text, text_vectors[t], s, pool_vectors[j])
                if retold:  # the same fact in other words (pipeline.stages.restates)
                    best.setdefault(s.doc_id, []).append(replace(span, score=round(retold, 4)))
                elif score >= self.threshold:
                    best.setdefault(s.doc_id, []).append(span)
                elif score >= floor:
                    below.append(span)
            if not best and below:
                top = min(below, key=lambda x: (-x.score, x.path, x.start))
                best[top.doc_id] = [top]
            spans = [
                sp
                for group in best.values()
                for sp in sorted(group, key=lambda x: (-x.score, x.start))[: self.per_document]
            ]
            results.append(tuple(sorted(spans, key=lambda x: (-x.score, x.path, x.start))))
        return results


ATTRIBUTORS = {"support": SupportAttributor}
