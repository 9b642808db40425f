"""Standalone rules, last part: who speaks? A quotation must say who said it and be whole; a line
that only says who spoke, or gives a pronoun for the speaker, tells the reader nothing; a
first-person line, a word to the reader or an opinion in the outlet's own voice is no report.
Asked after pipeline.stages.rules.leaning.
"""

from __future__ import annotations

import re

from .base import QUOTED, Rule, Text

# Words that say who speaks: a quotation beside one of them is attributed.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|saying|told|tells|added|adds|according to|stated|states|wrote|writes|explained|noted|"
    r"recalled|announced|insisted|argued|claimed|asked|warned|declared|tweeted|posted|confirmed|reported|reports|"
    r"statement|letter|message|tweet|interview|reads|quoted|quoting|called it|described)\b",
    re.IGNORECASE,
)
# A quotation, not a scare quote ("the 'tragic' incident"): this many words or more.
QUOTE_WORDS = 4
# Single quotes: an opening one stands before a word, a closing one after a word or a stop; an
# apostrophe ("Ortiz's", "workers' union") stands inside or right after a word and is neither.
SINGLE_OPEN = re.compile(r"(?:^|[\s(“\"—-])['‘](?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=[\w.!?,])['’](?=[\s,.;:!?”\")]|$)")
ENDS_SINGLE_QUOTED = re.compile(r"[.!?]['’]$")
# "According to the harbour master's memoir-a book she never finished.": a source, and no statement.
SOURCE_ONLY = re.compile(r"^According to [^,]+\.$")
# "Harbour envoy Ana Ruiz said Thursday.": the tail of a quotation the sentence before
# holds; nothing is said.
SPEAKER_ONLY = re.compile(
    r"^(?!.*\b(?:is|was|were|are|has|have|had|will|would|could)\b)"  # "Two men were held police said."
    r"[^,\"“”]{3,60}\s(?:said|says|told reporters|added)(?:\s+(?:on\s+)?\w+day)?\.$"
)
# "..., it said." / "he added": the speaker is a pronoun, so the reader does not learn who spoke.
PRONOUN_SPEAKER = re.compile(
    # "..., he reportedly said Sunday."
    r"[,\"”']\s*(?:he|she|it|they|we|i)\s+(?:\w+ly\s+)?(?:said|says|told|added|wrote)\b[^\"“”]*[.!]$|"
    r"[,\"”']\s*(?:he|she|it|they|we|i)\s+(?:\w+ly\s+)?"
    r"(?:said|says|added|adds|told (?:the |a |an )?\w+|wrote|explained|noted|stated|claimed|"
    r"insisted)(?:\s+(?:on|in|at|last|this)\s+[\w ]{1,20})?\s*[.!]$|\b(?:said|says|added)\s+(?:he|she|it|they)\s*[.!]$",
    re.IGNORECASE,
)
# "..., the statement said.": a document speaks, and the reader does not learn whose.
VAGUE_SPEAKER = re.compile(
    r"\b(?:the|this|that)\s+(?:statement|report|letter|document|source|memo|paper|newspaper)"
    r"\s+(?:said|says|added|adds|read|reads|begins|began|continues|continued|concludes|concluded)\b",
    re.IGNORECASE,
)
# "I", "we" outside a quotation: a speaker the sentence does not name. Case counts: "US" is no "us".
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|me|my|MY|mine|we|We|we['’](?:re|ve|ll|d)|us|our|Our|ours)\b")
# "If you run a quay, great": advice to the reader, which a report of what happened never gives.
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:re|ve|ll|d))\b", re.IGNORECASE)
# Said of events as fact, these words give an outlet's view, not a report of what happened.
OPINION = re.compile(
    r"\b(?:under the pretext|so-called|pretext|obviously|undoubtedly|of course|needless to say|no doubt|"
    r"without a doubt|arguably|in my opinion|"
    r"shameful|disgraceful|outrageous|absurd|ridiculous|ironically|sadly|unfortunately|fortunately|"
    # a reviewer's or a columnist's verdict: "The dockers are immensely likable."
    r"spectacular|spectacularly|likable|likeable|lovable|pitiful|breathtaking|amazing|awesome|fantastic|terrific|"
    r"wonderful|gorgeous|stunning|hilarious|delightful|must-see|marvell?ous|superb|incredible|incredibly|so talented|"
    r"bizarre|incoherent|farce|ginned-up|unhinged|no-brainer|unsurprisingly|not surprisingly|predictably|"
    # a guess or a curse in the writer's own voice: "Firms that size are probably minor players."
    r"probably|presumably|holy shit|shit|fuck\w*|damn)\b|^(?:maybe|perhaps)\b",
    re.IGNORECASE,
)

SPLIT_QUOTATION = "part of a quotation that runs over several sentences"
UNKNOWN_SPEAKER = "does not say who speaks (a pronoun or 'the statement')"


def half_single_quoted(s: Text) -> bool:
    """ "‘We will not reopen the quay." / "... until every crane is checked.’": single quotes, half."""
    opens, closes = bool(SINGLE_OPEN.match(s.text)), bool(ENDS_SINGLE_QUOTED.search(s.text))
    return opens and not SINGLE_CLOSE.search(s.text) or closes and not SINGLE_OPEN.search(s.text)


def unattributed_quotation(s: Text) -> bool:
    quoted = (m.group(1) or m.group(2) or "" for m in QUOTED.finditer(s.text))
    return any(len(q.split()) >= QUOTE_WORDS for q in quoted) and not SPEECH_VERB.search(s.outside)


RULES: tuple[Rule[str, Text], ...] = (
    Rule(
        "split-quotation",
        SPLIT_QUOTATION,
        lambda s: bool(s.text.count('"') % 2) or s.text.count("“") != s.text.count("”"),
        catches=(
            "“The collapse was predictable, and the warnings were ignored for months.",
            "``We will not reopen until every crane has been inspected.",
        ),
        passes=("“We will not reopen,” harbour master Lena Ortiz said.",),
    ),
    Rule(
        "split-single-quotation",
        SPLIT_QUOTATION,
        half_single_quoted,
        catches=(
            "‘We will not reopen the quay until every crane is checked, Ortiz told the council.",
            "Nobody on the quay believed the cranes were safe any more.'",
        ),
        passes=(
            "‘We will not reopen the quay,’ Ortiz told the council.",
            "The union called the workers' new contract a 'fair deal.'",
            "Ortiz's deputy said the dockers' union had backed the plan.",
        ),
    ),
    Rule(
        "unattributed-quotation",
        "a quotation that does not say who speaks",
        unattributed_quotation,
        catches=(
            "“We will not reopen until every crane has been inspected and certified.”",
            "‘We will not reopen the quay until every single crane is checked.’",
        ),
        passes=(
            "Mayor Ana Ruiz called the collapse “a warning we cannot ignore” in a statement on Wednesday.",
            "The union called the workers' new contract a 'fair deal.'",
        ),
    ),
    Rule(
        "source-only",
        "says where a statement comes from, not the statement",
        lambda s: bool(SOURCE_ONLY.match(s.text)),
        catches=("According to the harbour master's memoir-a book she says she never finished.",),
        passes=("According to the port authority, the quay will reopen in May.",),
    ),
    Rule(
        "speaker-only",
        "says who spoke, not what (the rest of a quotation in another sentence)",
        lambda s: bool(SPEAKER_ONLY.match(s.text)),
        catches=("Harbour master Lena Ortiz said Thursday.",),
        passes=(
            "Two dockers were hurt police said.",
            "Harbour master Lena Ortiz said Thursday that the quay would reopen.",
        ),
    ),
    Rule(
        "pronoun-speaker",
        UNKNOWN_SPEAKER,
        lambda s: bool(PRONOUN_SPEAKER.search(s.text)),
        catches=(
            "The Vigo port has opened an inquiry, it said.",
            '"The base was cracked and nobody checked it," she said.',
            '"Nobody checked the base for years," he told the newspaper.',
            "“We will not stop the strike,” he reportedly said on Sunday.",
        ),
        passes=("Engineers found a crack in the crane's base, the council said on Friday.",),
    ),
    Rule(
        "vague-speaker",
        UNKNOWN_SPEAKER,
        lambda s: bool(VAGUE_SPEAKER.search(s.text)),
        catches=(
            "The cranes had not been checked since 2019, the statement said.",
            "“It is a harbour tradition to bless the cranes in May,” the statement begins.",
            "The harbour board has sent “a clear warning to every crane owner on the coast,” the paper said.",
        ),
        passes=("The statement was read out by harbour master Lena Ortiz on Monday.",),
    ),
    Rule(
        "first-person",
        "first person without a speaker",
        lambda s: bool(FIRST_PERSON.search(s.outside)),
        catches=(
            "Since 2019 my crew has inspected every crane on the quay.",
            "Every crane on the quay was checked by our own crew.",
        ),
        passes=("“We will not reopen,” harbour master Lena Ortiz said.", "US officials met the crane crews on Monday."),
    ),
    Rule(
        "second-person",
        "speaks to the reader (second person), not a report",
        lambda s: bool(SECOND_PERSON.search(s.outside)),
        catches=("If you run a quay, great — but inspect your cranes first.",),
        passes=("Youth teams trained on the quay on Sunday.",),
    ),
    Rule(
        "opinion",
        "an outlet's opinion given as fact",
        lambda s: bool(OPINION.search(s.outside)) and not SPEECH_VERB.search(s.text),
        catches=(
            "Under the pretext of safety, the authority mainly punishes small operators.",
            "The so-called inspection regime is obviously a failure.",
            "The dockers in the documentary are immensely likable.",
            "The council's harbour plan is incoherent.",
            "Unsurprisingly, the new crane looks much like the old one.",
            "Maybe the crane was tired of the storms; perhaps its cable was old.",
        ),
        passes=("The crane probably failed at its base, inspectors said.",),
    ),
)
