"""Frozen records that flow between the stages.

Every derived object keeps the id of the document it came from and `[start, end)` character
offsets into that document's decoded text, so `doc.text[s.start:s.end] == s.text` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .stages.changes import Changes

DocStatus = Literal["used", "duplicate", "skipped"]
Method = Literal["extracted", "fused"]


@dataclass(frozen=True)
class DocMeta:
    """What an article says about itself; None where it does not say (never guessed)."""

    title: str | None = None
    site: str | None = None  # the outlet: "CNN", "The National"
    author: str | None = None
    published: str | None = None  # ISO date
    url: str | None = None
    extractor: str | None = None  # how the text was read: "text", "trafilatura", "fallback", ...
    opinion: bool = False  # the page declares itself a column or an editorial (its metadata)


@dataclass(frozen=True)
class Document:
    """One readable article. `id` hashes the normalised text, so copies share it."""

    id: str
    path: str  # relative to the incident folder, with forward slashes
    text: str  # decoded text; for HTML the extracted text
    sha256: str  # of the raw file bytes
    encoding: str
    warnings: tuple[str, ...] = ()
    meta: DocMeta = DocMeta()


@dataclass(frozen=True)
class SourceFile:
    """What happened to one input file: the run record lists every file, used or not."""

    path: str
    sha256: str
    status: DocStatus
    reason: str | None = None
    encoding: str | None = None
    duplicate_of: str | None = None
    warnings: tuple[str, ...] = ()
    meta: DocMeta = DocMeta()


@dataclass(frozen=True)
class Corpus:
    """Ingest output: the readable documents plus a record for every file seen."""

    name: str
    documents: tuple[Document, ...]
    files: tuple[SourceFile, ...]


@dataclass(frozen=True)
class Sentence:
    id: str  # "<doc_id>:<start>"
    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Dropped:
    """A sentence kept out of the brief, and why (boilerplate, headline, duplicate...)."""

    sentence_id: str
    reason: str


@dataclass(frozen=True)
class Deduped:
    """Dedupe output.

    `sentences` are the unique content sentences that may reach the brief. `copies` maps a kept
    sentence id to the ids of its (near-)duplicates in other documents: they are co-citations,
    and they count as independent support. `pool` is every content sentence, copies included:
    attribution searches it so that a claim cites every source that makes it.
    """

    sentences: tuple[Sentence, ...]
    copies: dict[str, tuple[str, ...]]
    pool: tuple[Sentence, ...]
    dropped: tuple[Dropped, ...]
    duplicate_docs: dict[str, str] = field(default_factory=dict)  # doc id -> doc id it copies


@dataclass(frozen=True)
class Cluster:
    """Sentences that report the same fact. `sentence_ids` are ordered best first."""

    id: int
    sentence_ids: tuple[str, ...]
    n_sources: int  # distinct documents supporting its best member, copies included
    centrality: float  # similarity of the cluster to the whole incident
    score: float
    support: tuple[int, ...] = ()  # distinct documents supporting each member, as sentence_ids


@dataclass(frozen=True)
class Rejection:
    """A generated candidate that failed verification, kept for the record."""

    candidate: str
    reason: str


@dataclass(frozen=True)
class Draft:
    """Summariser output for one cluster."""

    cluster_id: int
    text: str
    method: Method
    base_sentence_id: str  # the source sentence it fuses around or extracts
    rejected: tuple[Rejection, ...] = ()


@dataclass(frozen=True)
class SourceSpan:
    doc_id: str
    path: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class BriefSentence:
    text: str
    cluster_id: int
    method: Method
    sources: tuple[SourceSpan, ...]
    rejected: tuple[Rejection, ...] = ()
    base: str | None = None  # id of the source sentence it extracts or fuses around (reading order)


@dataclass(frozen=True)
class Step:
    """One value of a fact as one group of sources gives it: a toll as reported on one day."""

    value: str
    sources: tuple[SourceSpan, ...]
    date: str | None = None  # ISO: when the sources gave it (publication date or the sentence's own)
    note: str | None = None  # "revised", "initially": how the sources present the change


@dataclass(frozen=True)
class Fact:
    """One slot of the incident frame (pipeline.stages.frame): `slot` is "what", "who", "whom",
    "where", "when", or a count ("killed", "injured", "missing", "arrested", "evacuated"); `value`
    is what a reader reads, `detail` what it counts or how it was resolved, `sources` every span
    it comes from. A count that moved over time keeps each step in `history`, oldest first."""

    slot: str
    value: str
    sources: tuple[SourceSpan, ...]
    detail: str | None = None
    history: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Dated:
    """A timeline entry: `date` (ISO day, month or year), the words that tell what happened then
    (a sentence, or the clause or phrase the date belongs to, as written) and where they are."""

    date: str
    text: str
    sources: tuple[SourceSpan, ...]


@dataclass(frozen=True)
class Brief:
    incident: str
    sentences: tuple[BriefSentence, ...]
    files: tuple[SourceFile, ...]
    unsupported: tuple[Draft, ...] = ()  # drafts that no source supported: never printed
    run: dict = field(default_factory=dict, compare=False)  # timings etc.: not part of the brief
    differences: tuple["Difference", ...] = ()  # where sources differ (pipeline.stages.differences)
    # (path, start, end) -> Excerpt for every cited span: what brief.html embeds, never whole articles
    excerpts: dict = field(default_factory=dict, compare=False)
    facts: tuple[Fact, ...] = ()  # the incident frame (pipeline.stages.frame): the fact box
    timeline: tuple[Dated, ...] = ()  # oldest first; empty when the dated facts fit in one day
    changes: Changes | None = None  # against the previous brief (pipeline.stages.compare); None: a first brief


@dataclass(frozen=True)
class Version:
    """One source's account in a Difference: a sentence as the reader sees it, every span that
    says it, who says it (None when the sentence names nobody), and the earliest ISO date of its
    articles (None when unknown)."""

    text: str
    sources: tuple[SourceSpan, ...]
    speaker: str | None = None
    published: str | None = None
    number: int | None = None  # the figure, for a toll
    # The top of a spread the source gives for the one fact ("trails by 10 points in some polls
    # and 18 in others": number 10, high 18). Such a sentence is one account, not two.
    high: int | None = None


@dataclass(frozen=True)
class Difference:
    """Where sources differ (pipeline.stages.differences): `kind` is "toll" (one quantity, different
    numbers), "figure" (another number of one fact, pipeline.stages.figures), "age" (a person's
    age, pipeline.stages.ages; `topic` is the name) or "dispute" (accounts
    of one fact attributed to different parties); `update` says a toll grew with the publication
    dates, so the later figure supersedes the earlier."""

    kind: str
    topic: str
    versions: tuple[Version, ...]
    update: bool = False


@dataclass(frozen=True)
class Excerpt:
    """The paragraph around one cited span, for a reader to check it: `paragraph` is
    `doc.text[para_start:para_start+len(paragraph)]`; the span is `paragraph[start-para_start:end-para_start]`."""

    path: str
    start: int
    end: int
    para_start: int
    paragraph: str
