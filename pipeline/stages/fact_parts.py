"""What a deletion may not split from the fact it keeps (issue 26): found reading the fused
sentences of clusters nobody had tuned on, where a model's shorter sentence passed every other
check. A measure keeps what it measured ("a short time after ..."), a verb of finding keeps the
state found ("found hanging in his cell"), one of a pair keeps the other ("Bob and Elizabeth
Dole"), a fact of another time keeps its time ("at a hearing in 2013"), and a participle keeps
the "with" phrase whose noun was its subject ("with Russia having qualified"). Checked on the
dependency parse of the whole source sentence (pipeline.stages.deletions.Deletion); the table
with reasons and examples is pipeline.stages.deletion_rules.
"""

from __future__ import annotations

import re

from .deletions import Deletion, deleted_runs
from .lexicon import STATE_VERBS

# A time before the incident: a year, or a span counted back ("two years ago", "last year").
EARLIER = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b(?:ago|last|previous|earlier|former|past)\b", re.IGNORECASE)


def measure(d: Deletion) -> str | None:
    """ "sank a short time after the crew left it" less the clause: "a short time" measured the
    distance to what went; alone it measures nothing (or a wrong thing)."""
    for m in d.kept_words():
        if m.dep_ != "npadvmod":
            continue
        hi = max(t.i for t in m.subtree) + 1
        nxt = d.source[hi] if hi < len(d.source) else None
        if nxt is not None and d.gone(nxt) and nxt.pos_ in ("ADP", "SCONJ") and nxt.head.i != m.head.i:
            return f"keeps '{m.text}' and drops '{nxt.text} ...', what it measured"
        if nxt is not None and d.gone(nxt) and nxt.dep_ in ("mark", "prep") and nxt.head.dep_ == "advcl":
            return f"keeps '{m.text}' and drops '{nxt.text} ...', what it measured"
    return None


def anchored(d: Deletion) -> str | None:
    """ "said immediately after the council voted" less "after the council voted": the parser hangs
    "immediately" on the clause (or "shortly" of "shortly before the vote" on its preposition); kept
    without it, the adverb times the saying against nothing, or against the sentence a reader
    read before. A kept adverb modifies the word it modified in the source."""
    for t in d.kept_words():
        if t.pos_ == "ADV" and t.dep_ in ("advmod", "npadvmod") and t.head.i != t.i and d.gone(t.head):
            return f"keeps '{t.text}' and drops '{t.head.text}', the word it modified"
    return None


STATE_DEPS = frozenset({"advcl", "xcomp", "ccomp", "acl"})


def state(d: Deletion) -> str | None:
    """ "was found two years later, hanging in his cell": in what state someone was found, left or
    seen is the fact; "was found" alone says he was caught (lexicon.STATE_VERBS)."""
    for v in d.source:
        if d.gone(v) or v.lemma_.lower() not in STATE_VERBS:
            continue
        # Its own complement ("found dead", "found the driver trapped"), or a participle on its
        # object ("left thousands stranded"); not one before the verb ("Working late, they found").
        objects = [o for o in v.children if o.dep_ in ("dobj", "nsubjpass")]
        states = [*v.children, *(c for o in objects for c in o.children if c.dep_ == "acl")]
        for c in states:
            depicts = c.dep_ in ("acomp", "oprd") or c.tag_ in ("VBG", "VBN", "JJ") and c.dep_ in STATE_DEPS
            if depicts and c.i > v.i and d.gone(c) and not any(m.dep_ == "mark" for m in c.children):
                return f"keeps '{v.text}' and drops '{c.text} ...', the state it found"
    return None


def coordination(d: Deletion) -> str | None:
    """ "Bob and Elizabeth Dole" less "Bob and": the kept conjunct takes the place of the one that
    went and may lose the words they shared (a surname, a title, a verb's subject)."""
    for m in d.kept_words():
        h = m.head
        if m.dep_ == "conj" and d.gone(h) and not d.gone(h.head) and h.head.i != h.i:
            return f"keeps '{m.text}' and drops '{h.text}', the first of the pair"
    return None


def when(d: Deletion) -> str | None:
    """ "At a parole hearing in 2013, he said he regretted it" less its opener reads as said at
    this week's hearing: a fact of another time, without its time, reads as the incident's. A date
    inside a dropped clause of its own ("the club, founded in 1921,") is that clause's."""
    for ent in d.source.ents:
        if ent.label_ != "DATE" or not EARLIER.search(ent.text) or any(not d.gone(t) for t in ent):
            continue
        x = ent.root
        while d.gone(x) and x.head.i != x.i and x.pos_ not in ("VERB", "AUX"):
            x = x.head
        if not d.gone(x):
            return f"drops '{ent.text}', when '{x.text}' held"
    return None


def absolute(d: Deletion) -> str | None:
    """ "..., with Norway and Chile, who led the table, having already qualified" less the "with"
    phrase hands "having already qualified" to the sentence's subject: in an absolute phrase the
    noun after "with" is the participle's subject, whatever the parser hangs the participle on."""
    for lo, hi in deleted_runs(d):
        words = [t for t in d.source[lo:hi] if not t.is_punct]
        after = next((t for t in d.source[hi:] if not t.is_punct), None)
        if not words or words[0].lower_ != "with" or after is None or d.gone(after):
            continue
        if after.tag_ in ("VBG", "VBN") or after.lower_ in ("having", "being"):
            return f"drops '{' '.join(t.text for t in words[:2])} ...', the subject of '{after.text} ...'"
    return None
