"""Scores for `brief eval`: ROUGE with bootstrap intervals, attribution against gold links, and
cheap faithfulness proxies. Pure functions over plain values, so each can be pinned on a toy case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Hashable, Iterable, Mapping, Sequence, TypeVar

import numpy as np

from ..stages.attribute import numbers

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
# `rouge2` stays the F1 (what the Multi-News figures report); DUC reports recall at 100 words.
RECALL = {name: f"{name}_recall" for name in ROUGE_TYPES}
ROUGE_KEYS = (*ROUGE_TYPES, *RECALL.values())
# A capitalised word that is not the first of its sentence: a cheap stand-in for a name.
NAME = re.compile(r"(?<=[\s\"“(‘'])(?<!\w['’])([A-Z][\w’'-]*[a-z][\w’'-]*)")  # not the "Malley" of O'Malley

Span = tuple[int, int]
Doc = TypeVar("Doc", bound=Hashable)  # whatever names a document: its index, its path


@lru_cache(maxsize=1)
def _scorer():
    try:
        from rouge_score import rouge_scorer
    except ImportError:  # pragma: no cover - the eval extra is missing
        raise ImportError("ROUGE needs the `eval` extra: pip install -e '.[eval]'") from None
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def _lines(sentences: Sequence[str]) -> str:
    # Lsum reads one sentence per line: a sentence that keeps its source's hard wraps would count
    # as several, so whitespace inside a sentence becomes one space (the other types ignore it).
    return "\n".join(t for t in (" ".join(s.split()) for s in sentences) if t)


def rouge_scores(candidate: Sequence[str], reference: Sequence[str]) -> dict[str, float]:
    """ROUGE F1 and recall (Lin 2004) with the Porter stemmer; Lsum splits summaries one sentence per line.

    Each argument is a list of sentences. Keys: `rouge1` ... (F1) and `rouge1_recall` ... (RECALL).
    An empty candidate scores 0, not an exception.
    """
    scores = _scorer().score(_lines(reference), _lines(candidate))
    return {
        **{name: float(scores[name].fmeasure) for name in ROUGE_TYPES},
        **{RECALL[name]: float(scores[name].recall) for name in ROUGE_TYPES},
    }


def rouge_averaged(candidate: Sequence[str], references: Sequence[Sequence[str]]) -> dict[str, float]:
    """rouge_scores against each reference, averaged over the references, as DUC scores its four
    human summaries (ROUGE-1.5.5's default `-f A`, which pools the counts; per-reference means
    differ little when the references are of similar length). The best match (`-f B`, rouge-score's
    `score_multi`) would reward agreeing with one writer. One reference gives rouge_scores."""
    if not references:
        raise ValueError("no reference to score against")
    per = [rouge_scores(candidate, ref) for ref in references]
    return {key: float(sum(p[key] for p in per) / len(per)) for key in ROUGE_KEYS}


def bootstrap_interval(
    values: Sequence[float], resamples: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile interval of the mean, resampling clusters with replacement (Efron & Tibshirani 1993)."""
    x = np.asarray(values, dtype=float)
    if len(x) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(resamples, len(x)))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    return (float(np.percentile(means, tail)), float(np.percentile(means, 100 - tail)))


def paired_bootstrap(a: Sequence[float], b: Sequence[float], resamples: int = 1000, seed: int = 0) -> float:
    """Share of cluster resamples in which system a's mean beats system b's (Koehn 2004)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(x) == 0 or len(x) != len(y):
        return float("nan")
    idx = np.random.default_rng(seed).integers(0, len(x), size=(resamples, len(x)))
    return float(((x[idx].mean(axis=1) - y[idx].mean(axis=1)) > 0).mean())


def prf(predicted: set, gold: set) -> tuple[float, float, float]:
    """Set precision, recall, F1. Nothing predicted scores precision 0 (sklearn's zero_division=0)."""
    hit = len(predicted & gold)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _chars(spans: Mapping[Doc, Iterable[Span]]) -> set[tuple[Doc, int]]:
    return {(doc, i) for doc, pieces in spans.items() for s, e in pieces for i in range(s, e)}


def char_overlap(
    predicted: Mapping[Doc, Iterable[Span]], gold: Mapping[Doc, Iterable[Span]]
) -> tuple[float, float, float]:
    """Character-level precision, recall, F1 of predicted spans against gold spans, per document.

    Both map a document key to `[start, end)` pieces; a character only counts in the same document.
    """
    return prf(_chars(predicted), _chars(gold))


def macro(rows: Sequence[Sequence[float]]) -> tuple[float, ...]:
    """Column means of per-item (p, r, f) rows; NaN where there is no item."""
    if not rows:
        return (float("nan"),) * 3
    return tuple(float(v) for v in np.mean(np.asarray(rows, dtype=float), axis=0))


def names(text: str) -> set[str]:
    return {n.strip("'’-") for n in NAME.findall(text)}


def unsupported_facts(sentences: Sequence[str], sources: Sequence[str]) -> dict[str, int]:
    """Numbers and capitalised names in the output that no source contains: what a fluent but
    unfaithful summary invents first (Maynez et al. 2020). Extractive output scores 0 by design."""
    source_text = "\n".join(sources)
    source_numbers = numbers(source_text)
    source_words = {w.strip("'’-") for w in re.findall(r"[\w’'-]+", source_text)}
    out_numbers, out_names = set(), set()
    for s in sentences:
        out_numbers |= numbers(s)
        out_names |= names(s)
    return {
        "numbers": len(out_numbers),
        "numbers_unsupported": len(out_numbers - source_numbers),
        "names": len(out_names),
        "names_unsupported": len(out_names - source_words),
    }
