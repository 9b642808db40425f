"""Is a generated sentence supported by the source sentences it was made from?

A 135M-parameter model invents facts, so every candidate passes these checks or is replaced by
the cluster's best source sentence. Each check names a failure a reader would notice: a number
or name that no source gives, a negation that flips the meaning, words the sources never use, a
drift in meaning, or a sentence longer than anything it summarises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .attribute import WORD, content_words, numbers, stem
from .segment import split_sentences

NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't deny denies denied refuse refused "
    "refuses reject rejected rejects unable fail failed".split()
)
# Chat models like to announce their answer; such text is never part of a brief sentence.
META = re.compile(
    r"^(?:sure|here(?:'s| is| are)|the (?:fused|merged|combined|new) sentence|sentence\s*\d*:|summary:|answer:|output:|note:)"
    r"|\b(?:as an ai|i cannot|i can't|language model)\b",
    re.IGNORECASE,
)
# When a fact happened is part of the fact: a fusion that drops the day its best source gives
# ("on Thursday morning") leaves the brief without it.
WHEN = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|[Yy]esterday|[Tt]oday|[Tt]onight|(?:19|20)\d\d)\b"
)
MIN_SIMILARITY = 0.75
MIN_COVERAGE = 0.85


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str | None = None


def clean_candidate(raw: str) -> str:
    """First sentence of the first line, quotes and list markers off: the one sentence the model
    was asked for. A small model often runs on into a second sentence; that part is dropped
    unread, and what is kept is verified like any other candidate."""
    text = raw.strip().split("\n")[0].strip()
    text = re.sub(r"^(?:[-*•]\s+|\d+[.)]\s+)", "", text)
    text = next(iter(split_sentences(text)), text)
    if len(text) > 1 and text[0] in "\"“'" and text[-1] in "\"”'" and text.count(text[0]) <= 2:
        text = text[1:-1].strip()
    return " ".join(text.split())


def _names(text: str) -> set[str]:
    """Capitalised words that are not the first word of the sentence: names, places, dates.
    "Al-Assad" gives "Al" and "Assad", "Turkey's" gives "Turkey", so spelling variants the
    sources also use are not mistaken for invented names."""
    words = WORD.findall(text)
    names = set()
    for i, w in enumerate(words):
        if w[:1].isupper() and i > 0:
            w = re.sub(r"['’]s$", "", w)
            names.update(p for p in re.split(r"[-'’]", w) if p[:1].isupper())
    return names


def _negations(text: str) -> set[str]:
    lowered = text.lower().replace("’", "'")
    found = {w for w in re.findall(r"[a-z']+", lowered) if w in NEGATIONS}
    if "n't" in lowered:
        found.add("n't")
    return found


def verify(candidate: str, sources: Sequence[str], candidate_vector: np.ndarray, source_vectors: np.ndarray,
           min_similarity: float = MIN_SIMILARITY, min_coverage: float = MIN_COVERAGE) -> Verdict:
    """Check one candidate against the sentences it fuses, `sources[0]` being the cluster's best
    statement. Returns the first failure found."""
    if not candidate or len(candidate.split()) < 4:
        return Verdict(False, "empty or too short")
    if META.search(candidate):
        return Verdict(False, "contains text about the task, not the news")
    if not re.search(r"[.!?][\"'”’)]*$", candidate):
        return Verdict(False, "not a complete sentence")
    if not any(w[:1].islower() and len(w) > 2 and w.lower() not in ENGLISH_STOP_WORDS for w in WORD.findall(candidate)):
        # "Peter Shumlin in Vermont and Jack Markell in Delaware.": a list of names says nothing.
        return Verdict(False, "names only, no statement")
    joined = " ".join(sources)
    missing = numbers(candidate) - numbers(joined)
    if missing:
        return Verdict(False, f"number not in the sources: {', '.join(sorted(missing))}")
    source_words = {p for w in WORD.findall(joined) for p in re.split(r"[-'’]", w) if p}
    source_lower = {w.lower() for w in source_words}
    invented = sorted(n for n in _names(candidate) if n not in source_words and n.lower() not in source_lower)
    if invented:
        return Verdict(False, f"name not in the sources: {', '.join(invented)}")
    extra_negation = _negations(candidate) - _negations(joined)
    if extra_negation:
        return Verdict(False, f"negation not in the sources: {', '.join(sorted(extra_negation))}")
    dropped = {w.lower() for w in WHEN.findall(sources[0])} - {w.lower() for w in WHEN.findall(candidate)}
    if dropped:
        return Verdict(False, f"drops when it happened: {', '.join(sorted(dropped))}")
    words = content_words(candidate)
    covered = content_words(joined)
    coverage = len(words & covered) / len(words) if words else 0.0
    if coverage < min_coverage:
        novel = sorted(words - covered)[:5]
        return Verdict(False, f"words not in the sources ({coverage:.0%} covered): {', '.join(novel)}")
    similarity = float(np.max(source_vectors @ candidate_vector)) if len(source_vectors) else 0.0
    if similarity < min_similarity:
        return Verdict(False, f"meaning drifts from the sources (similarity {similarity:.2f} < {min_similarity})")
    longest = max(len(s) for s in sources)
    if len(candidate) > longest:
        return Verdict(False, f"longer than the longest source sentence ({len(candidate)} > {longest} characters)")
    if any(_same(candidate, s) for s in sources):
        return Verdict(False, "copies a source sentence")
    return Verdict(True)


def _same(a: str, b: str) -> bool:
    """Equal up to case, spacing and punctuation: then it is an extract, not a fusion."""
    return [stem(w) for w in WORD.findall(a)] == [stem(w) for w in WORD.findall(b)]
