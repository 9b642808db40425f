"""`brief explain`: why is this sentence (not) in my brief?

For one sentence of an incident's articles: every rule that fires on it and why (pipeline.stages.rules:
the standalone rules decide whether it may head a fact, the opening rules whether it may open the
brief, the in-brief rules what a sentence above must have introduced), and, from the brief built
with the same config, whether it was chosen and which brief sentences cite it. The sentence is
looked up among the articles' sentences as the pipeline segments them: the same words after
whitespace is collapsed, else the one sharing most words, said so.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

from ..config import Config
from ..stages.ingest import opinion
from ..stages.names import people, reflowed
from ..stages.rules import IN_BRIEF, OPENING, STANDALONE, Family, Placed, Rule
from ..stages.segment import display
from ..types import Brief, Sentence
from .run import NoArticles, Pipeline, build_brief, head_check

# Below this share of words in common (Jaccard), the closest sentence is not the one meant: the
# explanation lists the nearest few instead.
MATCH = 0.5
NEAREST = 3
WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Fired:
    """A rule that fires on the sentence: its name (docs/rules.md) and the reason a user reads."""

    rule: str
    reason: str


@dataclass(frozen=True)
class Citation:
    """A brief sentence that cites the explained one (`number` counts from 1, in brief order)."""

    number: int
    text: str
    chosen: bool  # it extracts the explained sentence, or is fused around it


@dataclass(frozen=True)
class Explanation:
    """What `explain` found. `found` is False when no sentence of the articles shares enough
    words with the one asked about: then only `query` and `nearest` are filled in."""

    query: str
    found: bool
    exact: bool = False
    overlap: float = 0.0  # share of words in common with the sentence found (1.0 when exact)
    sentence: str | None = None  # as a reader sees it (pipeline.stages.segment.display)
    path: str | None = None
    start: int | None = None
    end: int | None = None
    nearest: tuple[str, ...] = ()
    standalone: tuple[Fired, ...] = ()  # every standalone rule that fires: it may not head a fact
    opening: tuple[Fired, ...] = ()  # every opening rule that fires: it may not open the brief
    needs_above: tuple[Fired, ...] = ()  # in-brief rules that fire unless a sentence above introduces
    opinion_article: bool = False  # its article is filed as opinion (by its URL): it never heads
    parser_statement: bool | None = None  # the parser's verdict where the summariser asks it
    chosen: bool = False
    cited_by: tuple[Citation, ...] = ()

    @property
    def can_head(self) -> bool:
        return self.found and not self.standalone and not self.opinion_article and self.parser_statement is not False

    @property
    def can_open(self) -> bool:
        return self.can_head and not self.opening

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "can_head": self.can_head, "can_open": self.can_open}


def _words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower()))


def overlap(a: str, b: str) -> float:
    """Words in common over words in either (Jaccard), case ignored."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def find(query: str, texts: Sequence[str]) -> tuple[int | None, float, list[int]]:
    """(index of the sentence meant or None, its overlap, indexes of the nearest, best first): the
    same words after whitespace is collapsed, else the closest by word overlap from MATCH up."""
    wanted = display(query)
    for i, text in enumerate(texts):
        if text == wanted:
            return i, 1.0, [i]
    scores = [overlap(wanted, t) for t in texts]
    ranked = sorted(range(len(texts)), key=lambda i: -scores[i])[:NEAREST]
    if ranked and scores[ranked[0]] >= MATCH:
        return ranked[0], scores[ranked[0]], ranked
    return None, scores[ranked[0]] if ranked else 0.0, ranked


def _fired(family: Family[Any, Any], context: Any) -> tuple[Fired, ...]:
    rules: list[Rule[Any, Any]] = family.fired(context)
    return tuple(Fired(r.name, r.reason) for r in rules)


def _citations(brief: Brief, sentence: Sentence) -> tuple[tuple[Citation, ...], bool]:
    cites = []
    for number, b in enumerate(brief.sentences, 1):
        base = b.base == sentence.id
        spans = any(
            sp.doc_id == sentence.doc_id and sp.start < sentence.end and sentence.start < sp.end for sp in b.sources
        )
        if base or spans:
            cites.append(Citation(number, b.text, base))
    return tuple(cites), any(c.chosen for c in cites)


def explain(folder: Path, query: str, config: Config | None = None, pipeline: Pipeline | None = None) -> Explanation:
    """Explain `query`, a sentence of the articles in `folder`, as a brief built with `config`
    (the library default when None), or with `pipeline` already built, treats it. Loads the
    models only when the sentence is found."""
    pipeline = pipeline or Pipeline.from_config(config or Config())
    # Only the segmenter is needed to find the sentence (the Segmenter protocol does not declare
    # warm_up; Pipeline.warm_up calls it on every stage, later).
    warm = getattr(pipeline.segmenter, "warm_up", None)
    if warm:
        warm()
    corpus = pipeline.ingestor.ingest(folder)
    if not corpus.documents:
        raise NoArticles(f"{folder}: no readable article (.txt, .md or .html)", corpus.files)
    sentences = [s for d in corpus.documents for s in pipeline.segmenter.segment(d)]
    texts = [display(s.text) for s in sentences]
    at, share, ranked = find(query, texts)
    if at is None:
        return Explanation(query, found=False, overlap=round(share, 3), nearest=tuple(texts[i] for i in ranked))
    sentence, text = sentences[at], texts[at]
    doc = next(d for d in corpus.documents if d.id == sentence.doc_id)
    known = people(reflowed(d.text for d in corpus.documents))[0]
    pipeline.warm_up()
    veto = head_check(pipeline.summariser)
    cited_by, chosen = _citations(build_brief(folder, pipeline), sentence)
    return Explanation(
        query,
        found=True,
        exact=share == 1.0 and text == display(query),
        overlap=round(share, 3),
        sentence=text,
        path=doc.path,
        start=sentence.start,
        end=sentence.end,
        nearest=tuple(texts[i] for i in ranked if i != at),
        standalone=_fired(STANDALONE, STANDALONE.read(text)),
        opening=_fired(OPENING, OPENING.read(text)),
        # Placed below a sentence that introduces no one and says none of its words.
        needs_above=_fired(IN_BRIEF, Placed(text, ("",), known)),
        opinion_article=opinion(doc.meta),
        parser_statement=veto(text) if veto else None,
        chosen=chosen,
        cited_by=cited_by,
    )


def report(e: Explanation) -> str:
    """The explanation as a few lines of plain text, for the terminal."""
    if not e.found:
        nearest = [f"  - {t}" for t in e.nearest] or ["  (no sentence)"]
        return "\n".join([f"Not found among the sentences of the articles: {e.query}", "Nearest:", *nearest])
    how = "" if e.exact else f" (closest match: {e.overlap:.0%} of words shared)"
    lines = [f"Sentence{how}: {e.sentence}", f"  from {e.path} [{e.start}:{e.end}]"]
    lines.append(f"May head a fact: {'yes' if e.can_head else 'no'}")
    lines += [f"  - {f.rule}: {f.reason}" for f in e.standalone]
    if e.opinion_article:
        lines.append("  - its article is filed as opinion (by its URL): its sentences never head")
    if e.parser_statement is False:
        lines.append("  - the parser finds no statement in it (no verb, or an instruction)")
    lines.append(f"May open the brief: {'yes' if e.can_open else 'no'}")
    lines += [f"  - {f.rule}: {f.reason}" for f in e.opening]
    if e.needs_above:
        lines.append("Needs a sentence above it that introduces what it names:")
        lines += [f"  - {f.rule}: {f.reason}" for f in e.needs_above]
    lines.append(f"Chosen for the brief: {'yes' if e.chosen else 'no'}")
    if e.cited_by:
        lines.append("Cited by:")
        lines += [f"  {c.number}. {c.text}" for c in e.cited_by]
    else:
        lines.append("Cited by: no brief sentence")
    return "\n".join(lines)
