"""Things a brief has not introduced: a subject that names nothing ("The suit seeks ...") or a
scene set by one ("On the video, ..."). Fine once a sentence above has said which suit, which
video; as a brief's first sentence, or before that one, it is a riddle (the rules that judge a
brief by it are pipeline.stages.rules.opening and .brief; selection, names and join order and join
by it).
"""

from __future__ import annotations

import os
import re
from typing import Sequence

# "The death toll from the quake", "The number of children": a word that says what the thing is
# of or from, so the subject names it.
LINKS = frozenset(
    "of from in at on for to with who that which whose by near after before over under behind between "
    "among across against during".split()
)
# What a definite subject's phrase ends at: a word that is not part of the thing's name.
PHRASE_END = frozenset(
    "is was were are be been has had have will would can could may might must shall should does did "
    "do said says not also".split()
)


# "While the plans have changed, the agency has ...": the main clause's subject comes after a
# leading clause.
LEADING_CLAUSE = re.compile(
    r"^(?:While|Although|Though|As|After|Before|Since|When|Because|Despite|Amid|Following|"
    r"Once|Even as|Even though)\b[^,]{3,120},\s+(?=the\s)"
)


def unnamed_subject(text: str) -> bool:
    """Opens with "The ..." (or a leading clause, then "the ...") and says in its first words
    neither a name ("The CNBC debate") nor what the thing is of or from ("The death toll from
    the quake", "The number of children")."""
    lead = LEADING_CLAUSE.match(text)
    if lead and any(w[0].isupper() for w in text[: lead.end()].split()[1:]):
        return False  # "While NASA revised its plans, the agency ...": named in the leading clause
    words = (text[lead.end() :] if lead else text).split()
    if not words or words[0] not in ("The", "the"):
        return False
    phrase = []
    for w in words[1:4]:  # "The elections are Nov. 3": a name after the verb names nothing
        if w.lower().strip(",.") in PHRASE_END:
            break
        phrase.append(w)
    return not any(w[0].isupper() or w.lower().strip(",") in LINKS for w in phrase)


STEM_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")  # "12-page" says "page"


def _stem(word: str) -> str:
    # Crude on purpose: "suits", "suit's" and "suit" are the same thing to a reader.
    word = re.sub(r"['’]s$", "", word)
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in STEM_WORD.findall(text.lower()))


# "On the video, police said, ...": which video? A scene set by a thing the article named before.
# "In the meantime," and the like stand for no thing.
SCENE = re.compile(r"^(?:On|In|At|From|Inside|Outside|Behind|During) the ((?:[a-z][\w-]*\s)?[a-z][\w-]*),\s")
NO_THING = frozenset(
    {"meantime", "end", "past", "future", "meanwhile", "process", "first place", "long run", "short term"}
)


def scene_words(text: str) -> frozenset[str]:
    """The stemmed words of a scene set by a thing ("On the video, ..." -> {"video"}), or empty."""
    scene = SCENE.match(text)
    if scene and scene.group(1) not in NO_THING:
        return frozenset(_stem(w) for w in scene.group(1).split())
    return frozenset()


def unnamed_words(text: str) -> frozenset[str]:
    """The stemmed words of a subject that names nothing (`unnamed_subject`): "The suit seeks
    ..." -> {"suit", "seek"}; empty when the sentence names its subject."""
    if not unnamed_subject(text):
        return frozenset()
    lead = LEADING_CLAUSE.match(text)
    out = []
    for word in (text[lead.end() :] if lead else text).split()[1:4]:
        found = STEM_WORD.findall(word.lower())
        if not found or found[0] in PHRASE_END:
            break
        out += [_stem(w) for w in found if not w.isdigit()]
        if word[-1] in ",;:—–.":
            break
    return frozenset(out)


# "Ankara stated that the plane had violated its airspace": what a speaker is reported to say is
# the sentence's point, and a subject there that names nothing leans on a sentence before, as a
# main subject does (the seeds' article had just told of a downed jet). The speaker in at most
# four words, then a verb of saying; a speaker that is itself "the ..." is `unnamed_words`'s.
REPORTED = re.compile(
    r"^(?![Tt]he\s)(?:[\w.'’-]+\s+){1,4}?(?:said|says|stated|states|added|claimed|claims|insisted|announced|"
    r"confirmed|reported|told\s+\w+)\s+(?:that\s+)?(?=the\s)"
)


def reported_words(text: str) -> frozenset[str]:
    """The stemmed words of a reported clause's subject that names nothing ("X stated that the
    plane had ..." -> {"plane", ...}), or empty."""
    m = REPORTED.match(text)
    return unnamed_words(text[m.end() :]) if m else frozenset()


def subject_words(text: str) -> frozenset[str]:
    """The words a reader must have been told before this sentence: those of the scene it is set
    in (`scene_words`), else those of a subject that names nothing (`unnamed_words`), of the
    sentence or of the clause its speaker is reported to say (`reported_words`). A reader knows
    which suit, which video, which plane, only if a sentence above said one of these words."""
    return scene_words(text) or unnamed_words(text) or reported_words(text)


def said_before(need: frozenset[str], seen: set[str] | frozenset[str]) -> bool:
    """Whether a sentence above said one of a vague subject's words (`subject_words`), or a word
    of the same family: "The volcano ..." after "A volcanic eruption ..." (a shared start of five
    letters or more, most of the shorter word)."""
    if need & seen:
        return True
    for word in need:
        for other in seen:
            n = len(os.path.commonprefix((word, other)))
            if n >= 5 and n >= 0.7 * min(len(word), len(other)):
                return True
    return False


def unintroduced_subjects(texts: Sequence[str]) -> list[bool]:
    """For each sentence after the first, in brief order, whether its vague subject
    (`subject_words`) is one no sentence above it has said."""
    seen: set[str] = set()
    out = []
    for k, text in enumerate(texts):
        need = subject_words(text) if k else frozenset()
        out.append(bool(need) and not said_before(need, seen))
        seen |= stems(text)
    return out
