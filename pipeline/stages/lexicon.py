"""Words that frame or qualify a fact, kept as data with their reasons (issues 12 and 26).

Verification (pipeline.stages.structure, pipeline.stages.verify) and the checks on a shorter
version of a sentence (pipeline.stages.deletions) read the same tables: the verbs whose clause
holds someone's account rather than a fact, the markers of a condition or a contrast, and the
words that say who, how many or when, which no deletion may drop while the word they qualify
stays (`PROTECTED`, one entry per kind, each with its reason and an example it must refuse).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

# Verbs whose clause reports what someone says: all one class, so "added" may become "said".
SPEECH = frozenset(
    "say tell add state claim report announce write explain note insist argue warn declare tweet confirm "
    "acknowledge admit recall testify reply respond comment stress emphasize emphasise".split()
)
# Verbs (and a few nouns) whose clause is someone's account, belief, charge, forecast or denial: with
# the verb and its subject gone, "A neighbour claimed the nurse left early" reads "The nurse left early".
FRAMING = SPEECH | frozenset(
    "allege accuse charge believe think suspect fear hope expect predict forecast estimate project deny dispute "
    "doubt question suggest assert contend maintain speculate guess suppose presume assume reckon feel conclude "
    "find show indicate reveal vow promise pledge threaten swear concede hear learn worry suggestion allegation "
    "claim belief fear hope expectation prediction forecast denial rumour rumor report account view".split()
)
CONDITION_MARKS = frozenset({"if", "unless", "provided", "lest"})
# Participles that state a condition: "(assuming a Democrat holds on to win)".
CONDITION_VERBS = frozenset({"assume", "provide", "suppose", "barring", "pend"})
# "A, but B": B carries the point; A alone says the opposite of what the speaker meant.
CONTRAST = frozenset({"but", "yet"})
NEGATIVE_WORDS = frozenset({"no", "nobody", "nothing", "none", "neither", "nor", "never", "no one"})
# "X, not Y" / "X rather than Y" / "X instead of Y": Y bounds X, and X alone may claim more.
ALTERNATIVE = frozenset({"not", "never", "rather", "instead"})
# Verbs whose object or subject is found, left or seen in a state that is the fact itself: "was
# found hanging" is a death, "was found" a capture; "left them stranded" is not "left them".
STATE_VERBS = frozenset({"find", "discover", "leave", "see", "spot", "catch", "keep", "hold", "locate"})


@dataclass(frozen=True)
class WordClass:
    """Words a deletion never drops while the word they qualify stays; `where`, when given, says
    in which use a word counts ("about 40 people", not "a film about the strike")."""

    name: str
    reason: str
    words: frozenset[str]
    refuses: tuple[str, str]  # (source, a shorter version the class refuses), in our own words
    where: Callable[[Any], bool] | None = None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _number(t: Any) -> bool:
    return bool(t.like_num) or t.pos_ == "NUM"


def _qualifies_number(t: Any) -> bool:
    return t.dep_ == "quantmod" or _number(t.head) or _number(t.head.head)


def _modifies_noun(t: Any) -> bool:
    """ "Acting Mayor Ana Ruiz", not "Acting with speed, the board ..."."""
    return t.pos_ not in ("VERB", "AUX") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != t.i


def _stance(t: Any) -> bool:
    """ "in theory", "in principle", "in fact": how true the rest is, not where it happened."""
    return t.dep_ == "pobj" and t.head.lower_ == "in" and not any(c.dep_ == "det" for c in t.children)


PROTECTED = (
    WordClass(
        "title",
        "a part of a title or a name says which person: a deputy premier is not the premier",
        _words("deputy vice former acting interim ex assistant associate outgoing incoming retired elect designate co"),
        ("Deputy Premier Ana Ruiz opened the bridge.", "Premier Ana Ruiz opened the bridge."),
        _modifies_noun,
    ),
    WordClass(
        "number",
        "a number's qualifier says how many: 'at least 40' is not '40'",
        _words(
            "least most about around approximately roughly nearly almost some up over under more less fewer than "
            "only just estimated close upwards many"
        ),
        ("At least 40 people were hurt in the fire.", "40 people were hurt in the fire."),
        _qualifies_number,
    ),
    WordClass(
        "time",
        "a time marker says when a fact held: a claim made 'initially' was taken back later",
        _words(
            "initially originally first later now still already again once formerly previously earlier eventually "
            "finally temporarily briefly longer anymore"
        ),
        ("The group initially claimed the attack on the depot.", "The group claimed the attack on the depot."),
    ),
    WordClass(
        "truth",
        "a truth marker or a hedge says how sure the fact is: 'allegedly took' is not 'took'",
        _words(
            "allegedly reportedly apparently purportedly presumably supposedly seemingly possibly probably likely "
            "unlikely perhaps maybe alleged suspected accused purported presumed unconfirmed so-called would-be "
            "kind sort arguably"
        ),
        ("The clerk allegedly took the keys from the office.", "The clerk took the keys from the office."),
    ),
    WordClass(
        "stance",
        "'in theory' or 'in principle' says the rest may not hold in fact",
        _words("theory principle practice effect reality"),
        ("In theory, the new lock stops any boat.", "The new lock stops any boat."),
        _stance,
    ),
)
# Words that narrow or hedge what they modify, wherever they stand: "the same voice", "former
# minister", "about $500,000", "allegedly killed". Verification refuses a sentence that drops one
# while keeping what it qualifies (pipeline.stages.structure), as it refuses dropping a `protected` word.
QUALIFIERS = _words(
    "only same sole just even all every each both first last former ex alleged allegedly suspected possible possibly "
    "likely probably apparently reportedly purportedly presumably unconfirmed so-called acting interim deputy vice "
    "assistant expected potential planned proposed attempted accused would-be fake false failed about nearly almost "
    "approximately roughly around some least most more less fewer over under half partly partially virtually mostly "
    "largely mainly up than again also"
)


def protected(t: Any) -> WordClass | None:
    """The class of `t` (a spaCy token) when no deletion may drop it while what it qualifies stays."""
    word = t.lower_
    return next((c for c in PROTECTED if word in c.words and (c.where is None or c.where(t))), None)


def condition_prep(t: Any) -> bool:
    """`t` is the "in" of "in case (of) ..." or "in the event (of) ...": the parser reads the
    condition as a place ("in" + "case"), not as a clause's marker."""
    return (
        t.dep_ == "prep"
        and t.lower_ == "in"
        and any(o.dep_ == "pobj" and o.lower_ in ("case", "event") for o in t.children)
    )


def in_case(t: Any) -> bool:
    """`t` carries an "in case" condition (condition_prep)."""
    return any(condition_prep(c) for c in t.children)


def condition_markers(t: Any) -> list[Any]:
    """The words that make `t` a condition on its head, or [] when it is none: the "if" or
    "unless" of a clause, the "provided" or "assuming" before it, the "in case" the parser may
    hang on the clause's own verb ("In case the pump fails, ..."), or `t` itself when it is such a
    participle or the "in" of "in case"."""
    if condition_prep(t):
        return [t, *(o for o in t.children if o.dep_ == "pobj")]
    if t.dep_ != "advcl":
        return []
    if t.lemma_.lower() in CONDITION_VERBS and t.tag_ in ("VBG", "VBN"):
        return [t]
    found = []
    for c in t.children:
        if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS or c.lemma_.lower() in CONDITION_VERBS and c.i < t.i:
            found.append(c)
        elif condition_prep(c):
            found += [c, *(o for o in c.children if o.dep_ == "pobj")]
    return found
