"""Compare two brief.json dicts of one incident (issue 27): a pure function, so `brief run`, `brief
watch` and `brief diff` read changes the same way. Only the briefs are read, never the articles.

- A statement is what the brief states: each sentence, each timeline entry, the frame's "what".
- A statement of one brief is said by the other when some statement there supports it as
  attribution scores support (pipeline.stages.attribute: half embedding cosine, half the share of
  its content words the other holds) at SAME_FACT or more, and every number it gives appears
  somewhere in that other brief: a figure the old brief never gave is news, however alike the words.
- new: a statement of the new brief that the old one does not say, with a source among the
  articles added or changed since. One that only articles already read support was in the
  articles before and moved into the brief because another fact left it: reshuffling, not news.
  A statement that says an old one with an updated figure in is reported as the update.
- updated: a frame value that moved: a count, or, while the frame tells the same event (its "what"
  said by the other brief), the day, the place or a participant.
- withdrawn: an old statement the new brief does not say, every source of which was removed or changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .attribute import content_words, numbers
from .changes import Changes, Headline, NewFact, Ref, Source, SourceChange, Update, Value, Withdrawn, label, refs
from .referents import Referents, dates_or_counts_beyond, same_fact

Embed = Callable[[list[str]], np.ndarray]

# Support at or above which one statement says what another says. Chosen on 23 DUC 2004 dev
# clusters (the brief of the first half of the articles, then of all: benchmarks/update_eval.py,
# labels in benchmarks/update_labels.jsonl): at 0.45, 86% of the statements reported new were new
# (60 of 70) and 83% of the new facts the added articles brought were reported (60 of 72); at 0.5,
# 82% and 94%; at 0.6, 77% and 99%; at 0.4, 88% and 71%. No threshold reaches 90% precision with
# 80% recall: restating one part of a long sentence scores like a new fact on the same topic.
# With the default (abstractive) summariser on all 23: 81% (69 of 85) and 86% (69 of 80); at 0.4,
# 85% and 71%.
SAME_FACT = 0.45
SEMANTIC_WEIGHT = 0.5  # as attribution weighs cosine against word coverage
COUNTED = frozenset({"killed", "wounded", "missing", "arrested", "evacuated"})
NAMED = frozenset({"where", "who", "whom"})
CITED = ("used", "duplicate")  # statuses of the files a brief cites


@dataclass(frozen=True)
class Statement:
    text: str
    sources: tuple[Ref, ...]
    kind: str  # "sentence", "timeline" or "what"


def statements(brief: dict[str, Any]) -> list[Statement]:
    """What a brief states, in reading order: its sentences, its timeline, the frame's "what"."""
    out = [Statement(s["text"], refs(s["sources"]), "sentence") for s in brief.get("sentences", [])]
    out += [Statement(d["text"], refs(d["sources"]), "timeline") for d in brief.get("timeline", [])]
    out += [Statement(f["value"], refs(f["sources"]), "what") for f in brief.get("facts", []) if f["slot"] == "what"]
    return out


def support(claims: list[str], others: list[str], claim_vectors: np.ndarray, other_vectors: np.ndarray) -> np.ndarray:
    """[i, j]: how well others[j] says claims[i]: attribution's mix of cosine and word coverage."""
    if not claims or not others:
        return np.zeros((len(claims), len(others)))
    cosine = np.clip(_unit(claim_vectors) @ _unit(other_vectors).T, 0.0, 1.0)
    words_c = [content_words(t) for t in claims]
    words_o = [content_words(t) for t in others]
    coverage = np.array([[len(c & o) / len(c) if c else 0.0 for o in words_o] for c in words_c])
    return SEMANTIC_WEIGHT * cosine + (1 - SEMANTIC_WEIGHT) * coverage


def said(claims: list[str], others: list[str], claim_vectors: np.ndarray, other_vectors: np.ndarray) -> np.ndarray:
    """For each claim, its best support by `others`; 0 when it gives a number none of them gives."""
    if not claims or not others:
        return np.zeros(len(claims))
    best = support(claims, others, claim_vectors, other_vectors).max(axis=1)
    given = set().union(*(numbers(t) for t in others))
    return np.array([0.0 if not numbers(c) <= given else b for c, b in zip(claims, best)])


def compare(
    old: dict[str, Any], new: dict[str, Any], embed: Embed, since: str | None = None, threshold: float = SAME_FACT
) -> Changes:
    """What `new` tells a reader that `old` did not, and what it no longer tells."""
    old_docs, new_docs = _docs(old), _docs(new)
    old_shas = {d["sha256"] for d in old_docs.values() if d["status"] in CITED}
    new_shas = {d["sha256"] for d in new_docs.values() if d["status"] in CITED}
    # An article brings facts when its text was not read before; a copy (status duplicate) brings none.
    brought = {p for p, d in new_docs.items() if d["status"] == "used" and d["sha256"] not in old_shas}
    lost = {p for p, d in old_docs.items() if d["sha256"] not in new_shas}

    old_st, new_st = statements(old), statements(new)
    old_t, new_t = [s.text for s in old_st], [s.text for s in new_st]
    vectors = _vectors(embed, old_t + new_t)
    old_v, new_v = vectors[: len(old_st)], vectors[len(old_st) :]
    said_before = said(new_t, old_t, new_v, old_v)
    said_now = said(old_t, new_t, old_v, new_v)
    among_new = support(new_t, new_t, new_v, new_v)
    referents = Referents.read(old_t + new_t)

    same_event = _same_event(old_st, new_st, old_v, new_v, threshold)
    updated = _updates(old, new, old_docs, new_docs, same_event)
    moved_to = {n for u in updated for n in numbers(u.new.value)}
    fresh: list[NewFact] = []
    kept: list[int] = []
    for i, s in enumerate(new_st):
        bringers = tuple(sorted({r.path for r in s.sources if r.path in brought}))
        if not bringers or said_before[i] >= threshold or s.text in new_t[:i]:
            continue
        if any(same_fact(s.text, t, referents) and not dates_or_counts_beyond(s.text, t) for t in old_t):
            continue  # told before with the person described where now named, or the other way
        if any(among_new[i, k] >= threshold or same_fact(s.text, new_t[k], referents) for k in kept):
            continue  # a timeline entry that a sentence above already reported
        if moved_to and _restates_update(s.text, old_t, moved_to, embed, threshold):
            continue
        kept.append(i)
        fresh.append(NewFact(s.text, s.sources, bringers))
    withdrawn = [
        Withdrawn(s.text, s.sources)
        for j, s in enumerate(old_st)
        if s.sources
        and all(r.path in lost for r in s.sources)
        and said_now[j] < threshold
        and s.text not in old_t[:j]
        and not any(same_fact(s.text, t, referents) and not dates_or_counts_beyond(s.text, t) for t in new_t)
    ]
    slots_new, slots_gone = _slot_changes(old, new, brought, lost)
    headline = None
    if old_st and new_st and old_st[0].kind == new_st[0].kind == "sentence" and old_t[0] != new_t[0]:
        alike = support(new_t[:1], old_t[:1], new_v[:1], old_v[:1])[0, 0]
        headline = Headline(old_t[0], new_t[0], bool(alike >= threshold and numbers(new_t[0]) <= numbers(old_t[0])))
    return Changes(
        since=since,
        new=tuple(fresh + slots_new),
        updated=tuple(updated),
        withdrawn=tuple(withdrawn + slots_gone),
        sources=_sources(old_docs, new_docs),
        headline=headline,
    )


def _same_event(
    old_st: list[Statement], new_st: list[Statement], old_v: np.ndarray, new_v: np.ndarray, threshold: float
) -> bool:
    """Whether the two frames tell one event: each "what" supports the other, figures aside (a
    toll that rose changes the lede's number, not its event). Frames without a "what" agree."""
    i = next((k for k, s in enumerate(old_st) if s.kind == "what"), None)
    j = next((k for k, s in enumerate(new_st) if s.kind == "what"), None)
    if i is None or j is None:
        return True
    a, b = _without_numbers(old_st[i].text), _without_numbers(new_st[j].text)
    one = support([a], [b], old_v[i : i + 1], new_v[j : j + 1])[0, 0]
    other = support([b], [a], new_v[j : j + 1], old_v[i : i + 1])[0, 0]
    return bool(max(one, other) >= threshold)


def _unit(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1.0, norms)


def _vectors(embed: Embed, texts: list[str]) -> np.ndarray:
    return np.asarray(embed(texts), dtype=np.float32) if texts else np.zeros((0, 1), dtype=np.float32)


def _restates_update(text: str, old_texts: list[str], moved_to: set[str], embed: Embed, threshold: float) -> bool:
    """A sentence that says an old one with the moved figure in ("... killed five ..." for "...
    killed three ..."): the update already reports it, with both values."""
    if not numbers(text) & moved_to or not old_texts:
        return False
    stripped = [_without_numbers(t) for t in [text, *old_texts]]
    v = _vectors(embed, stripped)
    return bool(support(stripped[:1], stripped[1:], v[:1], v[1:]).max() >= threshold)


def _without_numbers(text: str) -> str:
    text = re.sub(r"\d[\d,.]*", " ", text)
    return " ".join(w for w in text.split() if w.lower() not in _NUMBER_WORDS)


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())


def _docs(brief: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["path"]: d for d in brief.get("documents", [])}


def _sources(old_docs: dict[str, dict[str, Any]], new_docs: dict[str, dict[str, Any]]) -> tuple[Source, ...]:
    out = []
    for path in sorted(set(old_docs) | set(new_docs)):
        a, b = old_docs.get(path, {}), new_docs.get(path, {})
        was, now = a.get("status") in CITED, b.get("status") in CITED
        change: SourceChange
        if now and not was:
            change = "added"
        elif was and not now:
            change = "removed"
        elif was and now and a["sha256"] != b["sha256"]:
            change = "changed"
        else:
            continue
        d = b if now else a
        out.append(Source(path, change, d.get("title"), d.get("site")))
    return tuple(out)


def _facts(brief: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The frame's facts by slot (the first of a slot, as the fact box shows it), "what" aside."""
    out: dict[str, dict[str, Any]] = {}
    for f in brief.get("facts", []):
        if f["slot"] != "what":
            out.setdefault(f["slot"], f)
    return out


def _updates(
    old: dict[str, Any], new: dict[str, Any], old_docs: dict[str, Any], new_docs: dict[str, Any], same_event: bool
) -> list[Update]:
    """Frame values that moved. A count is compared whatever the lede; the day, the place and the
    participants only while both frames tell the same event: when the lede moved to another act
    (the talks, then the deal), its actor is another, not a corrected one. A place or participant
    the new brief still states was not corrected either: the frame now names another one of the
    story (the academy that gave the prize, where the winner was "who" before)."""
    a, b = _facts(old), _facts(new)
    new_texts = [s.text for s in statements(new)]
    return [
        Update(slot, _value(a[slot], old_docs), _value(b[slot], new_docs))
        for slot in b
        if slot in a
        and (slot in COUNTED or same_event)
        and moved(slot, a[slot], b[slot])
        and not (slot in NAMED and _value_said(a[slot], new_texts))
    ]


def _slot_changes(
    old: dict[str, Any], new: dict[str, Any], brought: set[str], lost: set[str]
) -> tuple[list[NewFact], list[Withdrawn]]:
    """A slot the new frame fills for the first time from an added article ("Who: ..."), and one
    it no longer fills because its every source went. Either is news only when the other brief
    never says the value: a frame that now reads "Where: Yankee Stadium" off a new lede tells
    nothing to a reader whose old brief already placed the game there. Places and participants
    only: a count's number and noun in another sentence may count something else ("three
    soldiers were wounded" does not say "killed: 3 (soldiers)")."""
    a, b = _facts(old), _facts(new)
    old_texts, new_texts = [s.text for s in statements(old)], [s.text for s in statements(new)]
    fresh = []
    for slot, f in b.items():
        bringers = tuple(sorted({r["path"] for r in f["sources"] if r["path"] in brought}))
        if slot not in a and bringers and not (slot in NAMED and _value_said(f, old_texts)):
            fresh.append(NewFact(_fact_text(f), refs(f["sources"]), bringers, slot))
    gone = [
        Withdrawn(_fact_text(f), refs(f["sources"]), slot)
        for slot, f in a.items()
        if slot not in b
        and f["sources"]
        and all(r["path"] in lost for r in f["sources"])
        and not (slot in NAMED and _value_said(f, new_texts))
    ]
    return fresh, gone


def _value_said(f: dict[str, Any], texts: list[str]) -> bool:
    """Whether one of `texts` says a place or participant: it holds every content word and number
    of the value and its detail ("Mayor Ruiz" in "... Harbour town Mayor Ana Ruiz toured the quay
    ..."; "al-Bab (Syria)" in "... in al-Bab, northern Syria ...")."""
    value = " ".join(str(x) for x in (f.get("value"), f.get("detail")) if x)
    words, nums = content_words(value), numbers(value)
    return bool(words or nums) and any(words <= content_words(t) and nums <= numbers(t) for t in texts)


def _fact_text(f: dict[str, Any]) -> str:
    detail = f" ({f['detail']})" if f.get("detail") else ""
    return f"{label(f['slot'])}: {f['value']}{detail}"


def _value(f: dict[str, Any], docs: dict[str, Any]) -> Value:
    """A frame value with the sources that give it: a count that moved, its latest step's."""
    history = f.get("history") or []
    step = history[-1] if history and str(history[-1].get("value")) == str(f["value"]) else None
    sources = step["sources"] if step else f["sources"]
    date = step.get("date") if step else None
    if date is None:
        dates = [docs[r["path"]].get("published") for r in sources if r["path"] in docs]
        date = max((d for d in dates if d), default=None)
    return Value(f["value"], f.get("detail"), refs(sources), date)


def moved(slot: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether the frame's value for `slot` says something else now. A count or a day moved when
    it differs; a place or a participant when the names in it differ, neither holds the other and
    they share under half their content words ("al-Bab, Syria" and "Syria" agree; "al-Bab" and
    "Port Elm" do not; "the regional appeals court" and "a federal appeals court" agree), or,
    with no name on either side, when they share no content word."""
    if slot in COUNTED:
        return _count(a["value"]) != _count(b["value"])
    if slot not in NAMED:
        return str(a["value"]).casefold() != str(b["value"]).casefold()
    words_a, words_b = content_words(_words(a)), content_words(_words(b))
    names_a, names_b = _names(a), _names(b)
    if names_a and names_b:
        shared = len(words_a & words_b) / max(1, len(words_a | words_b))
        return not (names_a <= names_b or names_b <= names_a) and shared < 0.5
    return not (words_a & words_b)


def _count(value: str) -> str:
    digits = re.sub(r"[^\d]", "", str(value))
    return digits or str(value).casefold()


_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her"})
# Capitalised, but no name of a place or a participant.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _words(f: dict[str, Any]) -> str:
    # "al-Bab" and "Al Bab" are one place (frame.place_key): a hyphen joins a name's words, no more.
    return " ".join(x for x in (f.get("value"), f.get("detail")) if x).replace("-", " ")


def _names(f: dict[str, Any]) -> set[str]:
    """The words of a value that hold a capital ("al-Bab", "Russian"), its first word aside when it
    is a determiner ("A Russian airstrike": "A" is no name)."""
    words = [w.strip(".,;:()\"'’“”") for w in _words(f).split()]
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return {w.casefold() for w in words if any(ch.isupper() for ch in w) and w.casefold() not in _CALENDAR}
