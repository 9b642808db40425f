"""The systems a user would otherwise pick, run at the brief's word budget: lead and LexRank.

Every system fills the budget the same way the brief does (pipeline.runtime.run.build_brief): whole
sentences in priority order, skipping one that would overflow, never cutting a sentence. So a
difference in ROUGE is a difference in choice, not in length.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..stages.ingest import doc_id
from ..stages.segment import PunktSegmenter
from ..types import Document

WORD = re.compile(r"\w+")


def n_words(text: str) -> int:
    return len(text.split())


def fill_budget(candidates: Sequence[str], budget: int) -> list[int]:
    """Indices of the candidates that fit, taken in the order given; exact repeats are skipped."""
    chosen, seen, used = [], set(), 0
    for i, text in enumerate(candidates):
        n = n_words(text)
        if n == 0 or text in seen or used + n > budget:
            continue
        chosen.append(i)
        seen.add(text)
        used += n
        if used == budget:
            break
    return chosen


def split_sentences(documents: Sequence[str], segmenter: PunktSegmenter | None = None) -> list[list[str]]:
    """Each document's sentences, with the project's Punkt segmenter (no nltk data needed)."""
    segmenter = segmenter or PunktSegmenter()
    out = []
    for i, text in enumerate(documents):
        doc = Document(id=doc_id(text), path=f"doc_{i}.txt", text=text, sha256="", encoding="utf-8")
        out.append([s.text for s in segmenter.segment(doc)])
    return out


def lead(documents: Sequence[str], budget: int, segmenter: PunktSegmenter | None = None) -> list[str]:
    """First sentence of each article in turn, then the second of each, ... (round robin)."""
    per_doc = split_sentences(documents, segmenter)
    order = [doc[k] for k in range(max(map(len, per_doc), default=0)) for doc in per_doc if k < len(doc)]
    return [order[i] for i in fill_budget(order, budget)]


class _WordTokenizer:
    """What sumy's Sentence asks of a tokenizer; sumy's own needs nltk punkt data we cannot fetch."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        return tuple(WORD.findall(text))

    @staticmethod
    def to_sentences(text: str) -> tuple[str, ...]:
        return tuple(split_sentences([text])[0])


def lexrank(documents: Sequence[str], budget: int, segmenter: PunktSegmenter | None = None) -> list[str]:
    """sumy's LexRank (Erkan & Radev 2004) over all articles' sentences, best-rated first into the
    budget, printed in document order as sumy prints its picks."""
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:  # pragma: no cover - the eval extra is missing
        raise ImportError("the lexrank baseline needs the `eval` extra: pip install -e '.[eval]'") from None
    tokenizer = _WordTokenizer()
    paragraphs = [Paragraph([Sentence(s, tokenizer) for s in doc]) for doc in split_sentences(documents, segmenter)]
    document = ObjectDocumentModel(paragraphs)
    if not document.sentences:
        return []
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def by_budget(infos: Sequence) -> list:  # sumy hands over its sentences best-rated first
        return [infos[i] for i in fill_budget([str(info.sentence) for info in infos], budget)]

    return [str(s) for s in summarizer(document, by_budget)]


BASELINES: dict[str, Callable[..., list[str]]] = {"lead": lead, "lexrank": lexrank}
