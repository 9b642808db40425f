"""Who is Rex Hale? A person's first mention in the brief says who they are, as the articles do.

News identifies a person at the first reference ("Rex Hale, a county supervisor, said ..."); a
brief that takes a later sentence ("Rex Hale said ...") names someone the reader cannot place,
which a duty editor asks first (issue 25: who). Where a source sentence gives the person an
apposition right after the full name ("Rex Hale, a county supervisor,", "Rex Hale, head of the
water board,"), and the parse hangs that noun phrase on the name, the brief's first mention
gains it, cited to that sentence. Nothing is added where the brief already describes the person
there (a title or role before the name, an apposition after it), inside a quotation, before a
possessive, or where no source describes them.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..types import Sentence
from .names import TITLE
from .segment import display

Parse = Callable[[Sequence[str]], list[Any]]  # texts -> spaCy Docs (pipeline.stages.parser.docs)
MAX_WORDS = 10  # a description, not a second fact
# An apposition that identifies: "a rancher", "the county's 911 director", "Hale's lawyer".
OPENS = re.compile(r"(?:a|an|the|[A-Z][\w'’-]+['’]s)\s+\S", re.IGNORECASE)
# News writes a title in apposition with no article: "Rex Hale, deputy director of the county's
# water board, said". Such a phrase opens with a lower-case word and its head is a common noun
# (`_title`) and names no other person (`_names_someone`; a list: "Ivo Dane, board members Ana Ruiz
# and Tom Wick, and ..."; the small model's entities would not do: it takes "Kyiv" for a person). Over
# every article of both dev files, the html_dev groups and the seeds (2026-12-08) this gives a
# description to 37 people who had none (a party leader, an agency head, a bank's economist; read,
# all identify the person) and takes none away.
TITLE_HEAD = "NOUN"
# Words that point at a sentence the brief may not hold: "another member of the board", "head of
# the other union", "also chair of the panel".
LEANS = frozenset({"another", "other", "also"})
# The parts of speech a title opens with ("deputy director", "former senator", "spokesman for"):
# not a pronoun ("his former aide" says whose aide only beside the sentence before).
TITLE_OPENS = frozenset({"NOUN", "ADJ"})
QUOTES = re.compile(r"[\"“][^\"“”]*[\"”]")
CLOSES = frozenset(".;:!?)") | {""}  # after the name, these close the apposition instead of a comma
# What a word before a name says of the person: "rancher Rex Hale", "the county's Rex Hale".
BEFORE = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod"})


def descriptions(names: Iterable[str], pool: Sequence[Sentence], parse: Parse) -> dict[str, tuple[str, Sentence]]:
    """name -> (its description as a source writes it, that source sentence): the first pool
    sentence, in pool order, where ", <noun phrase>," follows the full name and the parse makes
    that phrase an apposition of the name. The phrase opens with an article or a possessive, or is
    a title (`_title`) that names no other of `names`; it holds no verb (a relative clause is a
    second fact), no number, no quotation and no word that leans on another sentence (LEANS), and
    is at most MAX_WORDS words."""
    names = sorted(set(names))
    candidates = [(s, display(s.text)) for s in pool]
    candidates = [(s, t) for s, t in candidates if any(f"{n}, " in t for n in names)]
    out: dict[str, tuple[str, Sentence]] = {}
    if not candidates:
        return out
    for (s, text), doc in zip(candidates, parse([t for _, t in candidates])):
        for name in names:
            if name in out or f"{name}, " not in text:
                continue
            found = _apposition(doc, " ".join(text.split()), name, names)
            if found:
                out[name] = (found, s)
    return out


def _apposition(doc: Any, text: str, name: str, names: Sequence[str]) -> str | None:
    at = text.find(f"{name}, ")
    end = at + len(name)
    head = next((t for t in doc if t.idx < end <= t.idx + len(t)), None)
    if head is None:
        return None
    for t in head.children:
        if t.dep_ != "appos" or t.i <= head.i:
            continue
        words = list(t.subtree)
        first, last = words[0], words[-1]
        after = doc[last.i + 1] if last.i + 1 < len(doc) else None
        phrase = text[first.idx : last.idx + len(last)]
        if (
            first.idx == end + 2
            and (after is None or after.text in (",", ".", ";"))
            and (OPENS.match(phrase) or _title(t, words) and not _names_someone(phrase, words, names))
            and not any(w.lower_ in LEANS for w in words)
            and len(words) <= MAX_WORDS
            and not any(w.pos_ in ("VERB", "AUX", "NUM") or w.text in '"“”' for w in words)
        ):
            return phrase
    return None


def _title(head: Any, words: list[Any]) -> bool:
    """A title written without an article: a lower-case noun or adjective opens it and a common
    noun heads it."""
    return words[0].text[:1].islower() and words[0].pos_ in TITLE_OPENS and head.pos_ == TITLE_HEAD


def _names_someone(phrase: str, words: list[Any], names: Sequence[str]) -> bool:
    """Whether a phrase names a person: one of the incident's full names, or a proper noun set in
    apposition inside it ("board members Ivo Dane and Ana Ruiz")."""
    return any(n in phrase for n in names) or any(w.dep_ == "appos" and w.pos_ == "PROPN" for w in words)


def describe_first(
    texts: Sequence[str], found: Mapping[str, tuple[str, Sentence]], parse: Parse, room: int | None = None
) -> tuple[list[str], list[list[Sentence]]]:
    """Each text with the first mention of each person in `found` described, reading in order;
    and for each text the source sentences of the descriptions written in. A person is seen at
    their first mention, described there or not: never described later. `room`: how many words
    the descriptions may add in all (the brief's word budget less its words); None: no bound."""
    seen: set[str] = set()
    out, cited = [], []
    for text in texts:
        used: list[Sentence] = []
        for name in sorted(found, key=lambda n: (text.find(n), n)):
            at = text.find(name)
            if name in seen or at < 0:
                continue
            seen.add(name)
            if any(lo <= at < hi for lo, hi in (m.span() for m in QUOTES.finditer(text))):
                continue
            if _described(text, at, name, parse):
                continue
            phrase, source = found[name]
            if room is not None and len(phrase.split()) > room:
                continue
            room = None if room is None else room - len(phrase.split())
            end = at + len(name)
            tail = "" if text[end:].lstrip()[:1] in CLOSES else ","  # "said Rex Hale, a supervisor."
            text = f"{text[:end]}, {phrase}{tail}{text[end:]}"
            used.append(source)
        out.append(text)
        cited.append(used)
    return out, cited


def _described(text: str, at: int, name: str, parse: Parse) -> bool:
    """Whether this mention already says who the person is, or cannot take an apposition: a title
    before the name ("Sen."), a word the parse hangs on the name before it ("rancher Rex Hale",
    "the county's Rex Hale"), a comma after it (an apposition, or a list an apposition would
    break), a possessive, or a word that continues the name."""
    end = at + len(name)
    if TITLE.search(text[max(0, at - 40) : at]) or re.match(r"\s*(?:,|['’]s\b|\s[A-Z])", text[end:]):
        return True
    flat = " ".join(text.split())
    at = flat.find(name)
    doc = parse([flat])[0]
    inside = [t for t in doc if at <= t.idx < at + len(name)]
    return any(c.i < inside[0].i and c.dep_ in BEFORE for t in inside for c in t.children) if inside else True
