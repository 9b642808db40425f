"""Document -> Sentences with exact character offsets.

Punkt (Kiss & Strunk 2006) runs untrained, with a shipped abbreviation list instead of the
`punkt` data package that cannot be downloaded here. Each line is segmented on its own, so a
headline, a dateline or a bullet never fuses with the paragraph after it.
"""

from __future__ import annotations

import re
from typing import Protocol

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .types import Document, Sentence

# Lower-cased, without the final period. Titles, ranks, months, common news abbreviations.
# Words that also end ordinary sentences ("no", "sat", "sun") are left out on purpose.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev fr sr jr st mt ft gen lt col maj capt cmdr cpl sgt adm brig gov sen rep
    pres supt insp det amb sec atty hon messrs mmes
    jan feb apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri
    u.s u.k u.n u.s.a e.u a.m p.m e.g i.e etc vs approx dept univ inc corp
    ltd bros ave blvd hwy n.y n.j d.c l.a
    """.split()
)

BULLET = re.compile(r"[ \t]*(?:[•·▪‣◦●○■□\-–—*+>]|\d{1,2}[.)])[ \t]+")
# "confirmed.The head": a period glued to the next sentence. Two lower-case letters before it
# keep "U.S.Army" style tokens intact.
GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# Fallback when Punkt gives up on a line: NLTK runs its regexes under a wall-clock limit (5 s,
# nltk.redos) and raises TimeoutError on hostile text such as "?? ?? ??" repeated for 200 kB.
SIMPLE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")


class Segmenter(Protocol):
    def segment(self, doc: Document) -> list[Sentence]: ...


def _tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class PunktSegmenter:
    """Sentence spans from Punkt, per line; bullet markers stay outside the sentence."""

    def __init__(self, min_chars: int = 2) -> None:
        self.min_chars = min_chars
        self._punkt: PunktSentenceTokenizer | None = None

    def warm_up(self) -> None:
        if self._punkt is None:
            self._punkt = _tokenizer()

    def segment(self, doc: Document) -> list[Sentence]:
        self.warm_up()
        assert self._punkt is not None
        text = doc.text
        out: list[Sentence] = []
        pos = 0
        for line in text.split("\n"):
            line_start, pos = pos, pos + len(line) + 1
            marker = BULLET.match(line)
            offset = marker.end() if marker and marker.end() < len(line) else 0
            body = line[offset:]
            if not body.strip():
                continue
            for s, e in self._spans(body):
                start, end = _strip(text, line_start + offset + s, line_start + offset + e)
                if end - start >= self.min_chars:
                    out.append(Sentence(f"{doc.id}:{start}", doc.id, start, end, text[start:end]))
        return out

    def _spans(self, body: str) -> list[tuple[int, int]]:
        assert self._punkt is not None
        try:
            punkt = list(self._punkt.span_tokenize(body))
        except TimeoutError:  # one hostile line must not fail the incident: split it plainly
            ends = [m.end() for m in SIMPLE_END.finditer(body)]
            punkt = [(a, b) for a, b in zip([0, *ends], [*ends, len(body)]) if body[a:b].strip()]
        spans: list[tuple[int, int]] = []
        for s, e in punkt:
            cuts = [m.start() for m in GLUED.finditer(body, s, e)]
            for a, b in zip([s, *cuts], [*cuts, e]):
                # Punkt splits "area of ??the city" at the question marks; a piece that starts
                # in lower case continues the sentence before it.
                first = next((c for c in body[a:b] if c.isalnum()), "")
                if spans and first.islower():
                    spans[-1] = (spans[-1][0], b)
                else:
                    spans.append((a, b))
        return spans


_SHARED = PunktSegmenter()


def split_sentences(text: str) -> list[str]:
    """The sentences of a short text that has no Document, such as a model's answer."""
    _SHARED.warm_up()
    return [text[a:b].strip() for a, b in _SHARED._spans(text) if text[a:b].strip()]


class LineSegmenter:
    """Model-free baseline: one sentence per non-empty line. Used as a test fake."""

    def warm_up(self) -> None:
        """Nothing to load."""

    def segment(self, doc: Document) -> list[Sentence]:
        out = []
        for m in re.finditer(r"[^\n]+", doc.text):
            start, end = _strip(doc.text, m.start(), m.end())
            if end > start:
                out.append(Sentence(f"{doc.id}:{start}", doc.id, start, end, doc.text[start:end]))
        return out


SEGMENTERS = {"punkt": PunktSegmenter, "lines": LineSegmenter}
