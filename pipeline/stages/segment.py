"""Document -> Sentences with exact character offsets.

Punkt (Kiss & Strunk 2006) runs untrained, with a shipped abbreviation list instead of the
`punkt` data package that cannot be downloaded here.

Text is segmented paragraph by paragraph (`paragraphs`): a headline, a dateline or a bullet
never fuses with the paragraph after it, and a line break inside a hard-wrapped paragraph (wire
copy wrapped at 70 columns) is not a sentence boundary. A sentence's span may then hold a
newline; `display` gives the text a reader sees (whitespace collapsed, wire quotes made real).
"""

from __future__ import annotations

import re
from typing import Protocol

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ..types import Document, Sentence

# Lower-cased, without the final period. Titles written before a name (the parser keeps them
# whole too: pipeline.stages.parser), then ranks, months, common news abbreviations. Words that
# also end ordinary sentences ("no", "sat", "sun") are left out on purpose.
TITLES = frozenset(
    """
    mr mrs ms dr prof rev fr gen lt col maj capt cmdr cmndr comdr cdr cpl sgt adm brig gov sen sens rep reps
    pres supt insp det amb atty hon messrs mmes
    """.split()
)
ABBREVIATIONS = TITLES | frozenset(
    """
    sr jr st mt ft sec
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


# Sentence-final punctuation at the end of a line, closing quotes allowed (wire copy closes with '').
LINE_END = re.compile(r"(?:[.!?…:;]|[.!?…,]['\"”’)\]]+)$")
# A wrapped document: most lines of some length stop at about the same column, well short of a
# paragraph. News paragraphs saved one per line run to hundreds of characters.
MIN_WRAP_LINES = 5
MAX_WRAP_WIDTH = 100
# In a wrapped document, a line this much shorter than the wrap width ends its paragraph (or is
# a headline or slug); a longer one was cut by the wrap and goes on in the next line.
SHORT_LINE = 0.6


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
        ends = _name_ends(text)
        for para_start, para_end in paragraphs(text):
            # A newline inside a paragraph is a wrap: Punkt reads it as a space. Same length, so
            # offsets into `body` are offsets into the paragraph.
            body = text[para_start:para_end].replace("\n", " ")
            for s, e in self._spans(body, ends):
                start, end = _strip(text, para_start + s, para_start + e)
                if end - start >= self.min_chars:
                    out.append(Sentence(f"{doc.id}:{start}", doc.id, start, end, text[start:end]))
        return out

    def _spans(self, body: str, name_ends: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
        assert self._punkt is not None
        try:
            punkt = list(self._punkt.span_tokenize(body))
        except TimeoutError:  # one hostile line must not fail the incident: split it plainly
            ends = [m.end() for m in SIMPLE_END.finditer(body)]
            punkt = [(a, b) for a, b in zip([0, *ends], [*ends, len(body)]) if body[a:b].strip()]
        spans: list[tuple[int, int]] = []
        for s, e in punkt:
            cuts = sorted(
                {m.start() for m in GLUED.finditer(body, s, e)}
                | ({m.end() for m in name_ends.finditer(body, s, e)} if name_ends else set())
            )
            for a, b in zip([s, *cuts], [*cuts, e]):
                # Punkt splits "area of ??the city" at the question marks; a piece that starts
                # in lower case continues the sentence before it.
                first = next((c for c in body[a:b] if c.isalnum()), "")
                # Untrained Punkt splits after a name's initials ("Minister A.J. Marsh"):
                # a piece that ends with initials goes on in the next.
                # "the No. 2 oil company": "No." before a number is an abbreviation.
                before = body[spans[-1][0] : spans[-1][1]] if spans else ""
                if spans and (
                    first.islower() or _ends_with_initials(before) or (first.isdigit() and NUMBER_SIGN.search(before))
                ):
                    spans[-1] = (spans[-1][0], b)
                else:
                    spans.append((a, b))
        return spans


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when lines are paragraphs."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) >= 20)
    if len(lengths) < MIN_WRAP_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > MAX_WRAP_WIDTH:
        return None
    # Wrapped prose breaks lines mid-sentence; a list of short one-line paragraphs does not.
    cut = sum(not LINE_END.search(line.rstrip()) for line in lines if len(line.strip()) >= 20)
    return width if cut >= 0.3 * len(lengths) else None


def _continues(line: str, following: str, width: int | None) -> bool:
    """Does the paragraph of `line` go on in `following` (the next line, not blank)?"""
    if BULLET.match(following):
        return False
    body = line.rstrip()
    if width is not None and len(body) >= SHORT_LINE * width:
        return True
    # Wherever a line stops mid-sentence and the next goes on in lower case, it is a wrap.
    nxt = following.lstrip()
    return not LINE_END.search(body) and bool(nxt) and (nxt[0].islower() or body.endswith((",", "-")))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each paragraph to segment on its own: blank lines and bullets always
    part paragraphs; within a block, lines join where the text is hard-wrapped (`_wrap_width`)
    or where a line plainly continues in the next. Bullet markers stay outside the span."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[tuple[int, int]] = []
    pos = 0
    current: tuple[int, int] | None = None
    for k, line in enumerate(lines):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip():
            current = None
            continue
        if current is None:
            marker = BULLET.match(line)
            offset = marker.end() if marker and marker.end() < len(line) else 0
            current = (line_start + offset, line_start + len(line))
            out.append(current)
        else:
            current = (current[0], line_start + len(line))
            out[-1] = current
        if k + 1 >= len(lines) or not lines[k + 1].strip() or not _continues(line, lines[k + 1], width):
            current = None
    return out


WIRE = (("``", "“"), ("''", "”"), (" _ ", " — "), (" -- ", " — "))


def display(text: str) -> str:
    """What a reader sees of a sentence: whitespace collapsed (a wrapped sentence holds
    newlines), wire-copy quotes (``...'') and dashes (` _ `, ` -- `) as typeset."""
    text = " ".join(text.split())
    for wire, typeset in WIRE:
        text = text.replace(wire, typeset)
    return text


INITIALS = re.compile(r"(?:^|\s)((?:[A-Z]\.){1,3})$")
NUMBER_SIGN = re.compile(r"(?:^|\s)No\.\s*$")
COUNTRY_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U."})  # these do end sentences


# "Hun Sen", "Ryan Gen": a name whose last word is spelled like a title. The article uses it
# without a period too ("Hun Sen's party", "Hun Sen said"), where a title never stands.
NAME_LIKE_TITLE = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][a-z]{1,4})(?=['’]s\b|\s+[a-z]|,)")


def _name_ends(text: str) -> re.Pattern[str] | None:
    """Where "<Name> Sen." ends a sentence in `text`: a pattern whose match ends at the next
    sentence's start, or None when no name there is spelled like an abbreviation."""
    names = sorted({f"{a} {b}" for a, b in NAME_LIKE_TITLE.findall(text) if b.lower() in ABBREVIATIONS})
    if not names:
        return None
    return re.compile(
        r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")\.\s+(?=[\"“`]*[A-Z])"
    )


def _ends_with_initials(piece: str) -> bool:
    m = INITIALS.search(piece.rstrip())
    return m is not None and m.group(1) not in COUNTRY_INITIALS


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
