"""What a shorter version of a source sentence may never do (issue 26).

A trim (pipeline.stages.trims) deletes asides from a source sentence, and a model's sentence is
often the same: a source sentence less some words. Read by a person on clusters nobody had tuned
on, such deletions passed verification while they dropped a layer that frames what they kept (who
claims it, on what condition, the half of a contrast that carries the point), dropped a word that
says who, how many or when, or left a description beside another word than the one it described.
Each rule below follows from what a deletion may not do, whatever the words, and is checked on the
dependency parse of the whole source sentence (and, for what describes what, on the parse of the
shorter one as well). One entry each, with its reason and, in our own words, a deletion it must
refuse and one it must accept (tests/test_trims.py runs them). The words themselves are data:
pipeline.stages.lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Callable, Iterator, Mapping

from .lexicon import ALTERNATIVE, CONTRAST, FRAMING, condition_markers, protected

FUNCTION = frozenset({"ADP", "DET", "PART", "CCONJ", "SCONJ", "PUNCT"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Descriptions that follow the word they describe: an apposition, a relative or participle clause.
DESCRIPTIONS = frozenset({"appos", "relcl", "acl"})
NOUNS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Inside one noun phrase: "the county's 911 centre" is one thing.
NOUN_PHRASE = frozenset({"compound", "amod", "det", "poss", "nummod", "flat", "nmod", "case", "quantmod", "punct"})
# Wire copy's ``...'' reaches the parser as "`", "`" ... "''".
STRAIGHT, OPENING, CLOSING = frozenset({'"'}), frozenset({"`", "``", "“"}), frozenset({"''", "”"})
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": '"'})


@dataclass(frozen=True)
class Deletion:
    """`result` read as `source` less some words: `kept` are the indices of the source's tokens it
    keeps, `align` maps each token of `result` to the token of `source` it is."""

    source: Any  # the spaCy Doc of the whole source sentence
    result: Any  # the Doc of the shorter sentence
    kept: frozenset[int]
    align: Mapping[int, int]

    @classmethod
    def of(cls, source: str, shorter: str, kept: frozenset[int] | None = None) -> Deletion | None:
        """None when `shorter` is not `source` less some words (it adds a word or moves one).
        `kept`, when known (a trim knows what it deleted), pins the alignment."""
        from .parser import docs

        src, res = docs([source, shorter])
        pool = [t for t in src if kept is None or t.i in kept]
        a, b = [_form(t) for t in res], [_form(t) for t in pool]
        align = {}
        for i, j, n in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            align.update({i + k: pool[j + k].i for k in range(n)})
        if any(k not in align for k, t in enumerate(res) if not t.is_punct):
            return None
        return cls(src, res, frozenset(align.values()) if kept is None else kept, align)

    def kept_words(self) -> Iterator[Any]:
        return (t for t in self.source if t.i in self.kept and not t.is_punct)

    def gone(self, t: Any) -> bool:
        return t.i not in self.kept


def _form(t: Any) -> str:
    return t.lower_.translate(QUOTES).replace("''", '"')


def _subjects(verb: Any) -> list[Any]:
    """Who says, claims or believes it: the verb's subject (a conjunct's is its first verb's:
    "Police arrested him and said ..."), and the "by" of a passive ("it was alleged by ...")."""
    found = [c for c in verb.children if c.dep_ in SUBJECTS]
    found += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if not found and verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subjects(verb.head)
    return found


def _framed_by(child: Any, head: Any) -> bool:
    """The clause `child` heads is `head`'s account, belief, charge or intention: "claimed that
    ...", "is believed to ...", "the allegation that ...", "tried to ..."."""
    if child.dep_ in ("ccomp", "xcomp"):
        return True
    return child.dep_ in ("acl", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in FRAMING


# What a verb says, when it says something of its own ("said he fled", "told them", "is right").
OWN_CONTENT = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd", "dative"})


def _reports(f: Any) -> bool:
    """`f` is a verb of saying or believing, or one that passes to one: "was quoted as saying"."""
    if f.lemma_.lower() in FRAMING:
        return True
    return any(
        g.lemma_.lower() in FRAMING and g.dep_ == "pcomp" for c in f.children if c.dep_ == "prep" for g in c.children
    )


def _trailing_account(f: Any) -> bool:
    """ "X did Y, an official was quoted as saying.": the parser may join the account to the clause
    it gives as a second clause (conj) after it. An account that says nothing of its own is the
    first clause's, however it is joined; "... and said he fled" says something of its own."""
    if f.dep_ != "conj" or f.i < f.head.i:
        return False
    inner = [f, *(g for c in f.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp")]
    return not any(c.dep_ in OWN_CONTENT for x in inner for c in x.children)


def _closing_account(doc: Any) -> frozenset[int]:
    """ "..., helping police charge him, according to court records.": an account set off by a
    comma at the sentence's end tells who says all of it, whichever clause the parser hangs it on.
    The token indices of that account; empty when the sentence has none."""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return frozenset()
    for t in doc:
        # "..., where he says trade is up" says something of its own: it is not the sentence's account.
        own = any(c.dep_ in OWN_CONTENT for c in t.children)
        said = t.pos_ in ("VERB", "AUX") and _reports(t) and bool(_subjects(t)) and not own
        account = t.lower_ == "according" or said
        if account and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == "," and t.right_edge.i >= words[-1].i:
            return frozenset(x.i for x in t.subtree)
    # The parser may read "..., the lawsuit states." as a noun phrase; its words still say who says it.
    comma = max((t.i for t in doc if t.text == ","), default=None)
    tail = [t for t in doc[comma + 1 :] if not t.is_punct] if comma is not None else []
    if 2 <= len(tail) <= 6 and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in tail):
        if FRAMING & {tail[0].lemma_.lower(), tail[-1].lemma_.lower()}:
            return frozenset(t.i for t in tail)
    return frozenset()


def frame(d: Deletion) -> str | None:
    closing = sorted(_closing_account(d.source))
    if closing and all(d.gone(d.source[i]) for i in closing) and any(t.i < closing[0] for t in d.kept_words()):
        return f"'{d.source[closing[0] : closing[-1] + 1].text}' closes the sentence and tells who says all of it"
    for t in d.kept_words():
        x = t
        while x.head.i != x.i:
            a = x.head
            if _framed_by(x, a):
                missing = [n for n in (a, *_subjects(a)) if d.gone(n)]
                if missing:
                    words = " ".join(n.text for n in sorted([a, *_subjects(a)], key=lambda n: n.i))
                    return f"'{x.text} ...' is what '{words}' frames"
            x = a
    for f in d.source:  # the frame after what it frames: "..., police believe." / "according to ..."
        if f.i == f.head.i or d.gone(f.head) or not d.gone(f):
            continue
        # "as police believe" frames the rest; "Although X is thought to ..." frames only itself.
        marks = {m.lower_ for m in f.children if m.dep_ == "mark"}
        hung = f.dep_ == "parataxis" or f.dep_ == "advcl" and marks <= {"as"} or _trailing_account(f)
        reported = hung and _reports(f) and _subjects(f)
        if reported or f.dep_ == "prep" and f.lower_ == "according":
            return f"'{f.text}' frames '{f.head.text}'"
    return None


def condition(d: Deletion) -> str | None:
    for c in d.source:
        markers = condition_markers(c)
        if not markers:
            continue
        inside = any(t.i in d.kept and not t.is_punct for t in c.subtree)
        if not inside and not d.gone(c.head):
            return f"'{' '.join(m.text for m in markers)} ...' conditions '{c.head.text}'"
        if inside and (d.gone(c.head) or any(d.gone(m) for m in [c, *markers])):
            return f"keeps what '{' '.join(m.text for m in markers)}' conditions without it"
    return None


def contrast(d: Deletion) -> str | None:
    for j in d.source:
        h = j.head
        if j.dep_ != "conj" or d.gone(h) or any(t.i in d.kept and not t.is_punct for t in j.subtree):
            continue
        cc = next((c for c in (*h.children, *j.children) if c.dep_ == "cc" and h.i < c.i < j.i), None)
        if cc is not None and cc.lower_ in CONTRAST:
            return f"keeps '{h.text} ...' and drops '{cc.text} ... {j.text}'"
    # "rockets, not aircraft" / "rather than a fine": what it is not bounds what it is.
    for n in d.source:
        if n.lower_ not in ALTERNATIVE or not d.gone(n):
            continue
        if n.dep_ == "neg" and n.head.pos_ in ("VERB", "AUX"):
            continue  # a negated clause ("with crews not expected until Monday") is a fact of its own
        if n.dep_ == "neg" and not d.gone(n.head):  # the parser may hang "not" on the word it sets off
            after = next((t for t in d.source[n.i + 1 :] if not t.is_punct), None)
            if after is None or not d.gone(after):
                continue
            a = _aside_of(after, d)
        else:
            a = _aside_of(n, d)
        if a.pos_ in ("VERB", "AUX") or a.head.i == a.i or d.gone(a.head):
            continue
        if a.dep_ in ("appos", "conj", "prep", "advmod", "npadvmod", "dep", "cc"):
            return f"keeps '{a.head.text}' and drops '{n.text} ... {a.text}', the alternative that bounds it"
    return None


def protected_words(d: Deletion) -> str | None:
    for p in d.source:
        cls = protected(p) if d.gone(p) else None
        if cls is None:
            continue
        q = next((a for a in p.ancestors if a.pos_ not in FUNCTION and protected(a) is None), None)
        if q is not None and not d.gone(q):
            return f"'{p.text}' ({cls.name}), which qualifies '{q.text}'"
    return None


def _quoted(doc: Any) -> list[tuple[int, int]]:
    """[lo, hi) token spans inside quotation marks; a quotation may run in from the sentence before
    (it opens with a closing mark) or on into the next one."""
    marks = [t for t in doc if t.text in STRAIGHT | OPENING | CLOSING]
    spans, start = [], -1 if marks and marks[0].text in CLOSING else None
    for t in marks:
        if start is None:
            start = t.i
        elif t.text not in OPENING:
            spans.append((start + 1, t.i))
            start = None
    if start is not None:
        spans.append((start + 1, len(doc)))
    return spans


def _bracketed(t: Any) -> bool:
    doc = t.doc
    opened = next((x for x in reversed(doc[: t.i]) if x.text in "()"), None)
    return opened is not None and opened.text == "(" and any(x.text == ")" for x in doc[t.i :])


def quotation(d: Deletion) -> str | None:
    for lo, hi in _quoted(d.source):
        marks = [i for i in (lo - 1, hi) if 0 <= i < len(d.source) and d.source[i].is_punct]
        if len({d.gone(d.source[i]) for i in marks}) > 1:
            return "keeps one quotation mark of a pair"
        # "(director general)" inside a quotation is the writer's, not the speaker's.
        words = [t for t in d.source[max(lo, 0) : hi] if not t.is_punct and not _bracketed(t)]
        kept = [t for t in words if not d.gone(t)]
        if kept and len(kept) < len(words):
            return f"cuts into the quotation '{' '.join(t.text for t in words[:4])} ...'"
    return None


def deleted_runs(d: Deletion) -> list[tuple[int, int]]:
    """The deleted stretches of the source, as [lo, hi) token spans."""
    runs: list[tuple[int, int]] = []
    for t in d.source:
        if d.gone(t):
            runs[-1:] = [(runs[-1][0], t.i + 1)] if runs and runs[-1][1] == t.i else [*runs[-1:], (t.i, t.i + 1)]
    return runs


def bounds(d: Deletion) -> str | None:
    """An aside is set off by punctuation, or ends the sentence: a cut that begins or ends inside
    a phrase runs the words on either side together ("Minutes after the capture,
    Cabana called" less "after the capture," reads "Minutes Cabana called")."""
    src, n = d.source, len(d.source)
    for lo, hi in deleted_runs(d):
        opens = lo == 0 or src[lo].is_punct or src[lo - 1].is_punct
        closes = hi >= n or src[hi - 1].is_punct or src[hi].is_punct
        last = all(t.is_punct for t in src[hi:])  # a trailing clause: "... a venue after Libya asked."
        if not ((opens or last) and closes):
            return f"'{src[lo:hi].text}'"
    return None


def series(d: Deletion) -> str | None:
    """ "a message of cutting taxes, saving jobs and ending fraud, and ..." is one message of three
    parts, whatever the parser calls "saving": a stretch between commas that a coordinating "and"
    or "or" follows is an item of a list."""
    src, n = d.source, len(d.source)
    for lo, hi in deleted_runs(d):
        words = [t for t in src[lo:hi] if not t.is_punct]
        top = [t for t in words if not lo <= t.head.i < hi or t.head.i == t.i]
        nxt = [t for t in src[hi : min(n, hi + 2)] if t.text != ","]
        after_comma = src[lo].text == "," or lo > 0 and src[lo - 1].text == ","
        if words and after_comma and nxt and nxt[0].lower_ in ("and", "or") and nxt[0].dep_ == "cc":
            if not any(t.dep_ in ("relcl", "appos") for t in top):
                return f"'{' '.join(t.text for t in words)}'"
    return None


def _at(t: Any) -> int | None:
    return None if t is None else t.i


def _noun_phrase(t: Any) -> Any:
    """The noun a word belongs to: "Zarya" in "the capture of Zarya" is part of "capture"."""
    while (
        t is not None
        and t.head.i != t.i
        and (t.dep_ in NOUN_PHRASE or t.dep_ in ("pobj", "prep") and t.head.pos_ in ("NOUN", "PROPN", "ADP"))
    ):
        t = t.head
    return t


def _before(doc: Any, i: int, keep: Callable[[Any], bool]) -> Any:
    """The last word before token `i` that `keep` accepts, a parenthesis counting as not there."""
    depth = 0
    for t in reversed(doc[:i]):
        depth += (t.text == ")") - (t.text == "(")
        if depth <= 0 and t.text != "(" and not t.is_punct and keep(t):
            return t
    return None


def _aside_of(t: Any, d: Deletion) -> Any:
    """The top of the deleted stretch that `t` (a deleted word) belongs to."""
    while d.gone(t.head) and t.head.i != t.i:
        t = t.head
    return t


def _now_apposed(m: Any, d: Deletion) -> Any:
    """The noun that a kept name `m` and its description now follow with only a comma between,
    where the deletion put them there: "her cousin, who pushed her into a van, Jo Hale, the
    director, said" less the clause reads "her cousin, Jo Hale, the director, ...": the speaker
    has become the cousin."""
    if m.pos_ != "PROPN" or m.dep_ in NOUN_PHRASE or m.dep_ in DESCRIPTIONS:
        return None
    # "the pier, Captain Ruiz said" reads right; "the pier, Jo Hale, the harbour master, said" a
    # chain of descriptions of the pier.
    if not any(c.dep_ == "appos" and c.i in d.kept for c in m.children):
        return None
    lo = min(t.i for t in m.subtree if t.i in d.kept and not t.is_punct)
    was, now = _before(d.source, lo, lambda t: True), _before(d.source, lo, lambda t: t.i in d.kept)
    if now is None or _at(was) == _at(now) or now.pos_ not in ("NOUN", "PROPN"):
        return None
    between = [t for t in d.source[now.i + 1 : lo] if t.i in d.kept]
    return now if [t.text for t in between] == [","] else None


def attachment(d: Deletion) -> str | None:
    back = {s: r for r, s in d.align.items()}
    closing = _closing_account(d.source)  # tells who says the whole sentence: attached to all of it
    for m in d.kept_words():
        if m.i in closing:
            continue
        if (noun := _now_apposed(m, d)) is not None:
            return f"leaves '{m.text}' after '{noun.text},', where it reads as a description of it"
        if m.dep_ in ("compound", "amod", "nmod") and m.head.pos_ in ("NOUN", "PROPN") and d.gone(m.head):
            # "the Philadelphia area" less "area" is Philadelphia: the word that named a kind or a
            # part of the thing becomes the thing.
            return f"keeps '{m.text}' and drops '{m.head.text}', the noun it modified"
        if m.dep_ not in DESCRIPTIONS and m.dep_ != "prep":
            continue
        h = m.head
        if d.gone(h) and not (m.dep_ == "appos" and m.pos_ == "PROPN"):  # "the news site Reddit" is Reddit
            return f"keeps '{m.text}' without '{h.text}', the word it describes"
        if d.gone(h):
            continue
        lo = min(t.i for t in m.subtree if t.i in d.kept and not t.is_punct)
        was = _before(d.source, lo, lambda t: True)
        if m.dep_ == "prep" and was is not None and d.gone(was) and _aside_of(was, d).dep_ in ("prep", "advcl"):
            # "cut the fare to 2 euros, with the night buses falling furthest, from 2.40 euros":
            # the figure after the cut may be the cut phrase's, not the verb's.
            return f"'{m.text} ...' followed '{_aside_of(was, d).text} ...', which it may have belonged to"
        if m.dep_ in DESCRIPTIONS or h.pos_ in NOUNS:
            # A description stands right after what it describes; a deletion before it may not
            # leave it beside another word ("X, who called Y, the director of ..." less the clause).
            lo = min(t.i for t in m.subtree if t.i in d.kept and not t.is_punct)
            was, now = _before(d.source, lo, lambda t: True), _before(d.source, lo, lambda t: t.i in d.kept)
            if _at(was) != _at(now) and not (_at(_noun_phrase(now)) == h.i == _at(_noun_phrase(was))):
                return f"leaves '{m.text}' beside '{now.text if now is not None else ''}', not '{h.text}'"
        # The shorter sentence must read it the same way: "questioned the man, who had fled, in the
        # car" less the clause reads "the man in the car". A phrase the parser moves from a noun to
        # the verb is left alone: it reads the shorter sentence no worse than the reader does.
        r, rh = back.get(m.i), back.get(h.i)
        if r is None or rh is None or d.result[r].head.i == rh:
            continue
        if m.dep_ in DESCRIPTIONS or d.result[r].head.pos_ in NOUNS:
            return f"'{m.text}' now describes '{d.result[r].head.text}', not '{h.text}'"
    return None
