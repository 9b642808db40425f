"""Who is "Baird"? A person named by surname alone, before the brief has said who they are.

News writes a person's full name once ("Mark Baird, a rancher, ...") and the surname after it
("Baird said ..."). A brief takes sentences out of that order: "Baird is leading the charge"
is a riddle unless an earlier brief sentence named Mark Baird. Which capitalised words are
surnames is learnt from the incident's own articles (a word that follows a title, or a given
name with a person cue beside it), so no name list is needed. A place or a company ("Italy
dropped ...", "Microsoft said ...") is taken for one only where the articles pair it with a
capitalised word and a person cue and never write it in lower case or after "the" ("Happy Camp,
a town" can slip through): precision over recall, since a full name may be written in.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

from .segment import display, paragraphs
from .subjects import said_before, stems, subject_words

# A name word: "Baird", "O'Neill", "Fiscal-Gonzalez", "McCain".
WORD = r"[A-Z](?:['’][A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)*"
NAME = re.compile(rf"(?<![\w'’.-])({WORD})(?=['’]s\b|[^\w'’-]|$)")  # "Baird", "Baird's"
# The word before a surname: a given name, initials ("B.J.", "Robert F."), or a title.
GIVEN = re.compile(rf"(?<![\w'’.-])(?:{WORD}\s+)?(?:({WORD})|[A-Z]\.(?:[A-Z]\.)?)(?:\s+[A-Z]\.)?\s+$")
# A title says who the person is ("Gov. Baird", "Officer Wyble"); "Mr." does not.
TITLE = re.compile(
    r"(?:\b(?:President|Gov|Governor|Sen|Senator|Rep|Representative|Lt|Lieutenant|Gen|General|Col|"
    r"Maj|Capt|Captain|Sgt|Sergeant|Officer|Detective|Det|Deputy|Sheriff|Chief|Judge|Justice|Dr|Prof|"
    r"Professor|Rev|Pope|King|Queen|Prince|Princess|Mayor|Minister|Secretary|Speaker|Chancellor|"
    r"Ambassador|Adm|Admiral|Commissioner|Coach|Cmdr|Cmndr|Comdr|Cdr|Insp|Supt|Atty|Attorney|"
    r"Director|Inspector|Supervisor|Councilman|Councilwoman|Chairman|Chairwoman|Sir|Dame|Lord|Lady|Senators?|Reps)\.?\s+)$"
)
# What may follow a surname and is no part of a longer name: "John Conyers Jr.".
SUFFIX = re.compile(r"Jr|Sr|Snr|Jnr")
# Says the word after it is a person's surname, but not who the person is.
COURTESY = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mme|Mx)\.?\s+$")
# Capitalised words that are not given names: sentence openers, calendar, compass, places' first words.
NOT_GIVEN = frozenset(
    """
the a an in on at for from by with of to as but and or nor if when while after before since until although though
because so yet then now also however meanwhile this that these those it he she they we i his her their its our my your
you there here what which who whom whose why how where both each every all some many most no not only one two three
last next early late new old north south east west northern southern eastern western central upper lower great saint st
san santa los las el la le de del fort mount lake port cape key big little united greater
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
besides despite following including four five six seven eight nine ten dozens hundreds
democratic republican democrat gop independent incumbent former acting interim supervisor councilman councilwoman
chairman chairwoman spokesman spokeswoman trustee executive analyst
police officials reports according says said like unlike than via per under over against between among during
follow share read watch see click related photo photos video image images getty credit more top
""".split()
)


# What says a "Given Surname" pair is a person: a role before it ("rancher Mark Baird",
# "spokesman Dmitry Peskov"), a verb of saying beside it, or an age or description after it
# ("Mark Baird, 54,", "Mark Baird, a rancher"). "Five Turkish soldiers" and "Besides Russia"
# have none of these.
ROLE_BEFORE = re.compile(
    r"(?:\b(?:said|says|told|according to)|\b[a-z]+(?:er|or|ist|ant|ent|man|woman|"
    r"person|ian|ee|ive|ary|ess|ate))\s+$"
)
CUE_AFTER = re.compile(
    r"^(?:\s+(?:said|says|told|added|wrote|explained|noted|asked|argued|insisted|recalled|who|whose)\b"
    r"|\s*,\s*(?:\d{1,3}\b|a\b|an\b|who\b|whose\b|[a-z]+(?:er|or|ist|man|woman|person|ian|ent|ant)\b))"
)


def _person(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(ROLE_BEFORE.search(before) or TITLE.search(before) or CUE_AFTER.match(text[end : end + 30]))


def _given(before: str, common: frozenset[str]) -> tuple[int, str] | None:
    """Where the given name before a surname starts in `before`, and the given name(s) ("Recep
    Tayyip", "Robert F.", "B.J."), or None when the word before is no given name. A word the
    articles also write in lower case ("Happy Camp", "Mother Nature") is no given name."""
    m = GIVEN.search(before)
    if not m or TITLE.search(before) or COURTESY.search(before):
        return None
    words = before[m.start() :].split()
    while words and (
        words[0].lower().rstrip(".") in NOT_GIVEN
        or TITLE.search(words[0] + " ")
        or words[0].lower() in common
        or (len(words) > 1 and re.search(r"(?:s|man|woman|ist)$", words[0]))
    ):  # "Republicans", "Englishman"
        words.pop(0)
    if not words or words[0][0].islower() or words[0] in ("U.S.", "U.K.", "U.N.", "E.U."):
        return None
    # Every word of a given name is one (or an initial, "Tom A."): "Nova Police" of "the Vila Nova
    # Police Department said" is not, and "Department" is no surname.
    if any(w.lower() in NOT_GIVEN or TITLE.search(w + " ") for w in words[1:] if not re.fullmatch(r"[A-Z]\.", w)):
        return None
    return len(before) - len(before[m.start() :].lstrip()) + before[m.start() :].lstrip().find(words[0]), " ".join(
        words
    )


def _headline(text: str) -> bool:
    """Title case ("Duck Dynasty Suspends Phil Robertson") capitalises verbs too: no evidence there."""
    words = text.split()
    return (
        len(words) >= 4
        and not text.rstrip().endswith((".", "!", "?", '"', "”"))
        and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    )


def _title(word: str) -> bool:
    return bool(TITLE.search(word + " ")) or word.lower() in NOT_GIVEN


SAYS = r"(?:said|says|told|added|wrote|asked|insisted|denied|argued)"
# A word used alone as a name: after a sentence's end or a lower-case word other than "the", and
# before no capitalised word or number ("then Gold walked two", not "the Council", "Soviet Union").
BARE_NAME = re.compile(rf"(?:^|[.!?]\s+|(?<![\w'’-])(?!(?:the|a|an)\s)[a-z][\w'’-]*\s+)({WORD})\b(?!\s+[A-Z0-9])")


def _cued_full_name(text: str, before: str, m: re.Match, articled: frozenset[str]) -> bool:
    """Whether a word the articles also write in lower case is a surname here all the same: a
    given name stands before it and a person cue beside the pair ("reliever Tomas Gold", "Ana
    Gold, 41,"). Many surnames are words (Gold, Young, Rule); "Coast Guard" and "Social media"
    have no given name, and a title alone ("Sen. Majority") is no proof."""
    given = _given(before, articled)
    return given is not None and _person(text, m.start() - (len(before) - given[0]), m.end())


def _scan(
    texts: Iterable[str], not_given: frozenset[str] = frozenset(), tagged: frozenset[str] = frozenset()
) -> tuple[frozenset[str], dict[str, set[str]], dict[str, set[str]]]:
    """(surnames, surname -> full names seen, waiting): a surname follows a title ("Gov. Baird")
    or a given name with a person cue ("rancher Mark Baird", "Mark Baird, 54,"). A word the
    articles also write in lower case ("Coast Guard", "Social media") is no surname, unless a
    given name and a cue name it so and the articles use it alone (`_cued_full_name`). `waiting`:
    the "Given Surname" pairs that no cue confirmed, by surname, where the articles use that
    surname alone; a pair in `tagged` (a tagger read it as a person) is confirmed."""
    texts = [t for t in texts if not _headline(t)]
    common = frozenset(w for t in texts for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", t))
    # "the White House", "the Coast Guard": a person's given name takes no article ("the Sharon
    # appointment" says nothing of "Sharon", the word after the given name).
    articled = common | not_given | {w.lower() for t in texts for w in re.findall(rf"\b[Tt]he\s+({WORD})\s+[A-Z]", t)}
    # Where a word stands for a place, not a person: "in Jordan", "the Israel lobby".
    placed = {
        w
        for t in texts
        for w in re.findall(
            rf"\b(?:in|at|from|into|near|across|throughout|inside|outside|"
            rf"the|The)\s+({WORD})\b",
            t,
        )
    }
    bare_names = {m.group(1) for t in texts for m in BARE_NAME.finditer(t)}
    found: set[str] = set()
    forms: dict[str, set[str]] = {}
    firsts: dict[str, set[str]] = {}  # a given name -> the full names it opens ("Anwar" -> "Anwar Ibrahim")
    # News often gives the person cue at a later, bare mention: "a judge sentenced Ana Ruiz of
    # Vigo", then "Ruiz, who pleaded guilty, said ...". A "Given Surname" pair with no cue of its
    # own waits here until a bare mention gives one.
    uncued: dict[str, set[str]] = {}
    cued: set[str] = set()
    for text in texts:
        for m in NAME.finditer(text):
            word = m.group(1)
            # "Muslims", "Europeans", "Microsystems": plurals and firms. A surname in -s ("Ana
            # Williams") is one only where a tagger reads the pair as a person (`tagged`).
            plural = word.endswith("s")
            if _title(word) or SUFFIX.fullmatch(word):
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            if word.lower() in common and not (word in bare_names and _cued_full_name(text, before, m, articled)):
                continue
            # A surname ends the name: "Ray" of "Earl Ray Tomblin", "Antonio" of "Juan Antonio
            # Samaranch" are inside one ("Jr." after it is not another name word). After a title
            # the word stays a name ("Prime Minister Mahathir Mohamad", then "Mahathir said").
            after = re.match(rf"\s+({WORD})\b", text[m.end() : m.end() + 40])
            inside = bool(after and not SUFFIX.fullmatch(after.group(1)) and not _title(after.group(1)))
            if TITLE.search(before) or COURTESY.search(before):
                if not plural:
                    found.add(word)
            elif inside:
                continue
            elif given := _given(before, articled):
                pair = f"{given[1]} {word}"
                if not plural and _person(text, m.start() - (len(before) - given[0]), m.end()):
                    found.add(word)
                    forms.setdefault(word, set()).add(pair)
                    if re.fullmatch(WORD, given[1]):
                        firsts.setdefault(given[1], set()).add(pair)
                elif word not in placed and "\n" not in before[given[0] :]:  # a line apart: no name
                    uncued.setdefault(word, set()).add(pair)
            elif not plural and CUE_AFTER.match(text[m.end() : m.end() + 30]) and not GIVEN.search(before):
                cued.add(word)
    for word in sorted(cued & set(uncued)):
        found.add(word)
        forms.setdefault(word, set()).update(uncued[word])
    for word in sorted(set(uncued) - cued):
        if pairs := uncued[word] & tagged:
            found.add(word)
            forms.setdefault(word, set()).update(pairs)
    waiting = {w: p for w, p in uncued.items() if w not in found and w in bare_names}
    # Some news names a person by the given name after the first mention ("Anwar said", of Anwar
    # Ibrahim): such a word is a name to introduce too, when the articles do use it alone beside
    # a verb of saying, it opens one full name only, and it never stands for a place.
    alone = {
        m.group(1) or m.group(2)
        for t in texts
        for m in re.finditer(rf"(?<![\w'’.-])({WORD})(?:['’]s)?\s+{SAYS}\b|\b{SAYS}\s+({WORD})\b(?!\s+[A-Z])", t)
    }
    for first, full in firsts.items():
        if len(full) == 1 and first not in forms and first not in placed and first in alone:
            found.add(first)
            forms[first] = full
    return frozenset(found), forms, waiting


def surnames(texts: Iterable[str]) -> frozenset[str]:
    """Words the incident's articles use as a person's surname (`_scan`)."""
    return _scan(texts)[0]


def reflowed(documents: Iterable[str]) -> list[str]:
    """The articles' paragraphs, each on one line: wire copy wrapped at 70 columns would cut
    "Ariel Sharon, a hawkish" from its sentence and make it look like a headline."""
    return [display(text[a:b]) for text in documents for a, b in paragraphs(text)]


def _quoted(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[\"“][^\"“”]*[\"”]", text)]


def mentions(text: str, known: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(named, bare): the incident's surnames this sentence introduces (given name or title before
    them), and those it uses alone, outside quotations ("Baird said", "... by Baird.")."""
    named, bare = set(), set()
    quotes = _quoted(text)
    for m in NAME.finditer(text):
        word = m.group(1)
        if word not in known:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        given = GIVEN.search(before)
        if TITLE.search(before) or (
            given
            and not COURTESY.search(before)
            and (given.group(1) is None or given.group(1).lower() not in NOT_GIVEN)
        ):
            named.add(word)
        elif re.match(rf"\s+{WORD}", text[m.end() :]):
            named.add(word)  # "Anwar Ibrahim": a full name introduces its given name too
        elif re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE):
            continue  # "the Coast Guard": not a person's name here
        elif not any(lo <= m.start() < hi for lo, hi in quotes):
            bare.add(word)
    return frozenset(named), frozenset(bare - named)


def unintroduced(texts: Sequence[str], known: frozenset[str]) -> list[frozenset[str]]:
    """For each sentence in brief order, the surnames it uses that no sentence up to it introduces."""
    seen: set[str] = set()
    out = []
    for text in texts:
        named, bare = mentions(text, known)
        seen |= named
        out.append(bare - seen)
    return out


def people(
    texts: Iterable[str], not_given: frozenset[str] = frozenset(), tagged: frozenset[str] = frozenset()
) -> tuple[frozenset[str], dict[str, str]]:
    """(surnames, surname -> the one full name the articles give it: "Baird" -> "Mark Baird"),
    from one reading of the articles (`_scan`). A surname the articles give two given names
    ("Benjamin Ullestad", "Brandon Ullestad") has no full name. `not_given`: words (lower case)
    a tagger has read as no given name here (pipeline.stages.fullnames.verb_given); `tagged`:
    "Given Surname" pairs a tagger has read as persons (pipeline.stages.fullnames.person_pairs)."""
    known, forms, _ = _scan(texts, not_given, tagged)
    return known, {word: next(iter(f)) for word, f in forms.items() if len(f) == 1 and word in known}


def waiting(texts: Iterable[str], not_given: frozenset[str] = frozenset()) -> dict[str, set[str]]:
    """The "Given Surname" pairs no person cue confirms, by surname, where the articles also use
    the surname alone ("Tom Steyer has ...", later "... and Steyer are"): left unread by the scan,
    so a sentence that says "Steyer" alone is printed as it is (`_scan`)."""
    return _scan(texts, not_given)[2]


# A surname after a preposition of place may be the place that shares the word ("in Jordan"):
# left as it is.
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|into|near|across|throughout|outside|inside|around|toward|towards)\s+$", re.IGNORECASE
)


def _written_before(before: str, name: str, surname: str) -> bool:
    """Whether the words just before a surname are already the end of its full name ("bin" of
    "Omar bin Sayed", "Omar bin"): writing the full name there would double them."""
    given = name[: len(name) - len(surname)].split() if name.endswith(surname) else name.split()[:-1]
    words = before.split()
    return (
        any([w.lower() for w in words[-k:]] == [g.lower() for g in given[-k:]] for k in range(1, len(given) + 1))
        if words and given
        else False
    )


def name_in_full(
    text: str, known: frozenset[str], introduced: set[str], full: Mapping[str, str]
) -> tuple[str, list[str]]:
    """`text` with the first bare use of each surname not yet `introduced` written as its full
    name ("Baird said" -> "Mark Baird said"), and the full names written in. Only a surname
    the articles tie to one full name is completed, never after a preposition of place
    (PLACE_BEFORE); quotations are left as they are."""
    _, bare = mentions(text, known)
    done = []
    for word in sorted(bare - introduced, key=text.find):
        if word not in full:
            continue
        quotes = _quoted(text)
        for m in NAME.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            if (
                m.group(1) == word
                and not any(lo <= m.start() < hi for lo, hi in quotes)
                and not GIVEN.search(before)
                and not TITLE.search(before)
                and not COURTESY.search(before)
                and not PLACE_BEFORE.search(before)
                and not _written_before(before, full[word], word)
            ):
                text = text[: m.start()] + full[word] + text[m.end() :]
                done.append(full[word])
                break
    return text, done


def introduce_first(
    texts: Sequence[str], known: frozenset[str], full: Mapping[str, str] | None = None
) -> tuple[list[int], list[str], list[list[str]], list[int]]:
    """Read in order, a sentence that names someone by surname alone either writes the full name
    in (`name_in_full`, where `full` has it) or moves to just after the first sentence that says
    who they are; one that no sentence introduces is dropped (the sentence that did may have
    failed attribution or the word limit). A sentence whose subject names nothing ("The suit
    seeks ...", pipeline.stages.subjects.subject_words) likewise waits for one that says one of
    its words. Returns (order, texts as written, full names written per sentence, dropped); a
    dropped sentence introduces no one."""
    full = full or {}
    out = list(texts)
    written: list[list[str]] = [[] for _ in texts]
    seen: set[str] = set()
    words: set[str] = set()
    order: list[int] = []
    pending: list[int] = []

    def place(k: int) -> bool:
        need = subject_words(out[k]) if order else frozenset()  # the first sentence opens: checked when picked
        if need and not said_before(need, words):
            return False
        named, bare = mentions(out[k], known)
        if bare - seen - named:
            text, done = name_in_full(out[k], known, seen | named, full)
            named, bare = mentions(text, known)
            if bare - seen - named:
                return False
            out[k], written[k] = text, done
        seen.update(named)
        words.update(stems(out[k]))
        order.append(k)
        return True

    for k in range(len(texts)):
        if not place(k):
            pending.append(k)
            continue
        moved = True
        while moved:  # a sentence placed may introduce a name a waiting one needs
            moved = False
            for j in list(pending):
                if place(j):
                    pending.remove(j)
                    moved = True
    return order, out, written, pending
