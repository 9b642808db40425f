"""Is a generated sentence supported by the source sentences it was made from?

A 135M-parameter model invents facts, so every candidate passes these checks or is replaced by
the cluster's best source sentence. Each check names a failure a reader would notice: a number
or name that no source gives, a negation that flips the meaning, words the sources never use, a
drift in meaning, a sentence longer than anything it summarises, or one that cannot stand alone.

The structural checks (issue 12) read the parse (pipeline.stages.structure): a candidate passes only
when each of its clauses is found in one source sentence with the same participants in the same
roles, the same speaker, negation, condition or modality, and the same details; when each
top-level clause comes whole from one source sentence (clauses from different sentences may
only be joined when they share their subject: "X did A and did B"); when every word and every
"which word modifies which" is a source's; and when no qualifier ("same", "former", "about") and
no day of a fact it keeps is dropped. Deleting asides is safe; adding, moving or re-ordering
participants is not, whatever the similarity.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .attribute import WORD, content_words, numbers, stem
from .lexicon import SPEECH
from .segment import split_sentences
from .standalone import QUOTED, SPEECH_VERB, outside_quotes, problem
from .structure import Arg, Parse, Relation

NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't deny denies denied refuse refused "
    "refuses reject rejected rejects unable fail failed".split()
)
# Chat models like to announce their answer; such text is never part of a brief sentence.
META = re.compile(
    r"^(?:sure|here(?:'s| is| are)|the (?:fused|merged|combined|new) sentence|sentence\s*\d*:"
    r"|summary:|answer:|output:|note:)"
    r"|\b(?:as an ai|i cannot|i can't|language model)\b",
    re.IGNORECASE,
)
# When a fact happened is part of the fact: a fusion that keeps "killed three soldiers" but drops
# "on Thursday morning" leaves the brief without it.
WHEN = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|[Yy]esterday|[Tt]oday|[Tt]onight|(?:19|20)\d\d)\b"
)
# A pronoun says whom a clause is about, and coverage of content words never sees it: a fusion
# that writes "after his disappearance" from "after her disappearance" passes every word check.
# So a candidate may use each kind of personal pronoun no more often than its sources together.
PRONOUNS = {
    "he": "he him his himself",
    "she": "she her hers herself",
    "they": "they them their theirs themselves",
    "it": "it its itself",
}
PRONOUN_OF = {w: kind for kind, words in PRONOUNS.items() for w in words.split()}
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
    return {p for i, w in enumerate(WORD.findall(text)) if i > 0 for p in _name_parts(w)}


def _name_parts(word: str) -> list[str]:
    return [p for p in re.split(r"[-'’]", re.sub(r"['’]s$", "", word)) if p[:1].isupper()]


def _pronouns(text: str) -> Counter[str]:
    return Counter(PRONOUN_OF[w] for w in re.findall(r"[a-z]+", text.lower()) if w in PRONOUN_OF)


def _negations(text: str) -> set[str]:
    lowered = text.lower().replace("’", "'")
    found = {w for w in re.findall(r"[a-z']+", lowered) if w in NEGATIONS}
    if "n't" in lowered:
        found.add("n't")
    return found


def verify(
    candidate: str,
    sources: Sequence[str],
    candidate_vector: np.ndarray,
    source_vectors: np.ndarray,
    min_similarity: float = MIN_SIMILARITY,
    min_coverage: float = MIN_COVERAGE,
    structural: bool = True,
) -> Verdict:
    """Check one candidate against the sentences it fuses, `sources[0]` being the cluster's best
    statement. Returns the first failure found. `structural=False` leaves out the parse-based
    checks (pipeline.stages.structure), for tests of the word-level ones alone."""
    if not candidate or len(candidate.split()) < 4:
        return Verdict(False, "empty or too short")
    if META.search(candidate):
        return Verdict(False, "contains text about the task, not the news")
    if not re.search(r"[.!?][\"'”’)]*$", candidate):
        return Verdict(False, "not a complete sentence")
    if not any(w[:1].islower() and len(w) > 2 and w.lower() not in ENGLISH_STOP_WORDS for w in WORD.findall(candidate)):
        # "Ana Ruiz in Leon and Tom Vale in Porto.": a list of names says nothing.
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
    # Without the parse, the best statement's day stands for when the fact happened; with it,
    # each fact the candidate keeps must keep its own day (pipeline.stages.structure).
    dropped = set() if structural else _days(sources[0]) - _days(candidate)
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
    if _quoted_as_fact(candidate, sources):
        return Verdict(False, "states as fact what its sources only quote, and says nobody said it")
    moved = _deixis_unquoted(candidate, sources)
    if moved:
        return Verdict(False, f"a speaker's {', '.join(moved)} told in the reporter's voice")
    alone = problem(candidate)
    if alone:
        return Verdict(False, f"does not stand alone: {alone}")
    extra_pronouns = _pronouns(candidate) - sum((_pronouns(x) for x in sources), Counter())
    if extra_pronouns:
        return Verdict(False, f"pronoun used more often than in the sources: {', '.join(sorted(extra_pronouns))}")
    if structural:
        # Words and meaning can all be the sources' while who did what is not (issue 12).
        reason = structure_problem(candidate, sources)
        if reason:
            return Verdict(False, reason)
    return Verdict(True)


def _quoted_as_fact(candidate: str, sources: Sequence[str]) -> bool:
    """ "Harbor Line sees its future in ferries." written from ``Harbor Line sees its future in
    ferries,'' (a speaker's words, the speaker named in another sentence): the quotation marks and
    the speaker both gone, a view reads as a fact. Most of the candidate's own words come from
    inside the sources' quotations and from nowhere else, and it names no saying."""
    if SPEECH_VERB.search(outside_quotes(candidate)):
        return False
    words = content_words(outside_quotes(candidate))
    plain = [s.replace("``", "“").replace("''", "”") for s in sources]
    quoted = content_words(" ".join(m.group(1) or m.group(2) or "" for s in plain for m in QUOTED.finditer(s)))
    stated = content_words(" ".join(outside_quotes(s) for s in plain))
    return bool(words) and len((words & quoted) - stated) >= len(words) / 2


# Words whose meaning is the speaker's day, place or self. Inside a quotation they are the
# speaker's; told outside it ("Grisham said today's hearing ...") they become the reporter's and
# the reader's: another day, another "we".
DEICTIC = frozenset("today tonight yesterday tomorrow now here i we us our ours my me".split())


def _deixis_unquoted(candidate: str, sources: Sequence[str]) -> list[str]:
    """The deictic words the candidate says outside quotation marks where its sources say them
    only inside one."""

    def deictic(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", outside_quotes(text.replace("``", "“").replace("''", "”")).lower())}

    told = set().union(*(deictic(s) for s in sources)) if sources else set()
    return sorted((deictic(candidate) & DEICTIC) - told)


def _days(text: str) -> set[str]:
    return {w.lower() for w in WHEN.findall(text)}


def _same(a: str, b: str) -> bool:
    """Equal up to case, spacing and punctuation: then it is an extract, not a fusion."""
    return [stem(w) for w in WORD.findall(a)] == [stem(w) for w in WORD.findall(b)]


# --- structural checks (issue 12) --------------------------------------------------------------

NEUTRAL = frozenset({("say", "said"), ("say", "says"), ("say", "say")})  # the plain "said" of a checked speaker


def structure_problem(candidate: str, sources: Sequence[str]) -> str | None:
    """Why the parse of `candidate` is not supported by the parses of `sources`, or None."""
    from .structure import parse

    return compare(parse(candidate), [parse(s) for s in sources])


INCOMPLETE = "not a complete sentence (no verb with a subject at its top)"


def compare(candidate: Parse, sources: Sequence[Parse]) -> str | None:
    if not candidate.relations or not candidate.complete:
        return INCOMPLETE
    found: list[set[int]] = []
    for r in candidate.relations:
        where = {i for i, p in enumerate(sources) if any(_matches(r, s) for s in p.relations) or _said_by(r, p)}
        if not where:
            return _diagnose(r, sources)
        found.append(where)
    units: dict[int, set[int]] = {}
    for r, where in zip(candidate.relations, found):
        units[r.unit] = units.get(r.unit, set(where)) & where
    used = [p for i, p in enumerate(sources) if any(i in w for w in units.values())]
    return (
        _dates_kept(candidate, sources)
        or _new_words(candidate, sources)
        or _joins(candidate, sources, units)
        or _qualifiers_kept(candidate, used)
        or _entities(candidate, used)
        or _names_kept_names(candidate, sources)
    )


def _keys(words: frozenset[tuple[str, str]]) -> set[str]:
    return {k for pair in words for k in pair}


def _within(words: frozenset[tuple[str, str]], allowed: frozenset[tuple[str, str]]) -> bool:
    keys = _keys(allowed)
    return all(lemma in keys or form in keys for lemma, form in words)


def _same_arg(c: Arg | None, s: Arg | None) -> bool:
    """The same participant: its head names the source's ("Tim Medlin" of "911 supervisor Tim
    Medlin"), and its words are the source participant's, minus some."""
    if c is None or s is None:
        return c is s
    return (c.head in s.core or c.head == s.head) and _within(c.words, s.words)


def _roles(c: Relation, s: Relation) -> bool:
    # A participant may go only where the passive allows it: "Three soldiers were killed".
    agent = _same_arg(c.agent, s.agent) or (c.agent is None and c.passive)
    return agent and _same_arg(c.patient, s.patient)


def _details(c: Relation, s: Relation) -> bool:
    # "on Thursday" and "Thursday" say the same; other prepositions must be the source's.
    return all(
        any((d[0] == e[0] or {d[0], e[0]} <= {"", "on"}) and _same_arg(d[1], e[1]) for e in s.details + s.nested)
        for d in c.details
    )


def _holder(c: Relation, s: Relation) -> bool:
    if c.holder is None or s.holder is None:
        return c.holder is s.holder
    return c.holder[0] == s.holder[0] and _same_arg(c.holder[1], s.holder[1])


ASPECTS = (  # (test, reason when no clause of the sources with the same verb passes it)
    (_roles, "changes who does what to whom"),
    (_holder, "changes who says it"),
    (lambda c, s: ("neg" in c.modality) == ("neg" in s.modality), "changes the negation"),
    (
        lambda c, s: c.modality - {"neg"} == s.modality - {"neg"},
        "changes whether it happened (condition, question, modal, future)",
    ),
    (_details, "moves a detail (number, date, place, manner) to a fact its source does not attach it to"),
    (lambda c, s: c.link == s.link, "changes how the facts are linked"),
)


def _matches(c: Relation, s: Relation) -> bool:
    return c.verb == s.verb and all(test(c, s) for test, _ in ASPECTS)


def _said_by(c: Relation, source: Parse) -> bool:
    """ "Peskov said X" says who says X as "X, according to Peskov" does."""
    if c.verb not in SPEECH or c.details or c.patient is not None or c.agent is None:
        return False
    return any(
        r.holder is not None and r.holder[0] == "say" and _same_arg(c.agent, r.holder[1]) for r in source.relations
    )


def _diagnose(c: Relation, sources: Sequence[Parse]) -> str:
    same = [s for p in sources for s in p.relations if s.verb == c.verb]
    if not same:
        return f"no source sentence says '{c.verb}' ({c.describe()})"
    for test, reason in ASPECTS:
        if not any(test(c, s) for s in same):
            return f"{reason} ({c.describe()})"
    return f"no single source clause has all of it ({c.describe()})"


def _dates_kept(candidate: Parse, sources: Sequence[Parse]) -> str | None:
    """Each source clause the candidate states keeps its day; a clause it leaves out need not."""
    said = {w.lower() for w in WHEN.findall(candidate.text)}
    for p in sources:
        for s in p.relations:
            if any(_matches(r, s) for r in candidate.relations):
                dropped = {form for _, form in s.words if WHEN.fullmatch(form.title())} - said
                if dropped:
                    return f"drops when it happened: {', '.join(sorted(dropped))} ({s.describe()})"
    return None


def _new_words(candidate: Parse, sources: Sequence[Parse]) -> str | None:
    known = set().union(*(_keys(p.words | NEUTRAL) for p in sources))
    new = sorted({form for lemma, form in candidate.words if not {lemma, form} & known})
    return f"introduces words not in the sources: {', '.join(new[:5])}" if new else None


def _joins(candidate: Parse, sources: Sequence[Parse], units: dict[int, set[int]]) -> str | None:
    """Each top-level clause comes from one source sentence, words and modifiers included;
    clauses from different sentences share their subject."""
    for unit, where in units.items():
        words = frozenset().union(*(r.words for r in candidate.relations if r.unit == unit))
        if not where or not any(_within(words, sources[i].words | NEUTRAL) for i in where):
            return "joins facts that no single source sentence joins"
        edges = [(h, m) for u, h, m in candidate.edges if u == unit and h[0] != "say"]
        if not any(all(_modifies(h, m, sources[i].pairs) for h, m in edges) for i in where):
            bad = next(((h, m) for h, m in edges if not any(_modifies(h, m, sources[i].pairs) for i in where)), None)
            if bad is None:
                return "joins modifiers that no single source sentence joins"
            return f"puts '{bad[1][1]}' under '{bad[0][1]}', which its source does not"
    if len(units) > 1 and not set.intersection(*units.values()):
        if len({head for _, head in candidate.subjects}) != 1 or len(candidate.subjects) < len(units):
            return "joins facts from different source sentences that do not share their subject"
    return None


def _modifies(head: tuple[str, str], modifier: tuple[str, str], pairs: frozenset[tuple[str, str]]) -> bool:
    return (head[0], modifier[0]) in pairs or (head[1], modifier[1]) in pairs


def _qualifiers_kept(candidate: Parse, used: Sequence[Parse]) -> str | None:
    kept = _keys(candidate.words) | set(re.findall(r"[\w'’-]+", candidate.text.lower()))
    for p in used:
        dropped = sorted((h, q) for h, q in p.qualifiers if h in kept and q not in kept)
        if dropped:
            return f"drops '{dropped[0][1]}', which qualifies '{dropped[0][0]}'"
    return None


def _names_kept_names(candidate: Parse, sources: Sequence[Parse]) -> str | None:
    """A word the candidate capitalises inside its sentence is a name: the sources must use it as
    one, or use the word in lower case (a title written "President" for "president"). A source's
    opening word is capitalised for its place only: "Watching Orbis from the ground" gives no name
    "Watching", and a fusion that writes "the Watching Orbis satellite" invents one."""
    names = {part for p in sources for name in p.names for w in WORD.findall(name) for part in _name_parts(w)}
    parts = (part for p in sources for w in WORD.findall(p.text) for part in re.split(r"[-'’]", w))
    lower = {part for part in parts if part[:1].islower()}
    wrong = sorted(n for n in _names(candidate.text) if n not in names and n.lower() not in lower)
    return f"writes as a name a word its sources do not use as one: {', '.join(wrong[:3])}" if wrong else None


def _entities(candidate: Parse, used: Sequence[Parse]) -> str | None:
    texts = " ".join(p.text.lower() for p in used)
    missing = sorted(e for e in candidate.entities if e not in texts)
    return f"name, number, date or place not in the source it comes from: {', '.join(missing[:3])}" if missing else None
