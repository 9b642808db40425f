"""Standalone rules, second part: does it lean on a sentence the reader has not seen? A pronoun or a
"that ..." with nothing to stand for, an answer to a question not asked, a time counted from a
date not given; and an exclamation, the outlet's voice. Asked after pipeline.stages.rules.shape.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..counts import TIME
from ..parser import trees
from .base import Rule, Text
from .such import such_points_back

LEANS = "leans on a sentence that is not there"

# A quotation that opens with a pronoun ("“That's the problem,” said ...", "“It has been
# traumatized,” one expert said"): what it stands for was in the article. A dummy "It's time to
# ...", "It is clear that ..." stands for nothing.
QUOTE_PRONOUN = re.compile(
    r"^[\"“‘'`]+(?:(?:they|he|she|them)\b|"
    # "“That's ...”", "“This is ...”"; not "“These cranes were built for ...”"
    r"(?:this|that|these|those)(?:['’]\w+|\s+(?:is|was|are|were|has|have|had|will|would|can|could|"
    r"really|just|did|does|do|may|might|must|should|means|meant|makes|made|shows|showed))\b|"
    r"it\b(?!(?:['’]s| is| was| will be| would be)\s+(?!going\b)(?:[\w-]+\s+){0,4}(?:to|that)\s))",
    re.IGNORECASE,
)
# "“My crew is with them,” said ...": a short quotation (six words at most, no name in it)
# whose "them" the article said before.
QUOTE_ENDS_PRONOUN = re.compile(r"^[\"“](?:[A-Z][\w'’]*)(?:\s+[a-z][\w'’]*){0,4}\s+(?:them|him)[,.!]?[”\"]")
# Openings that point back at something the reader has not seen.
DEPENDENT_OPENING = re.compile(
    r"^[\"“'‘(]*(?:that|this|these|those|they|them|it|he|she|him|his|her|hers|their|its|we|our|us|i|my|me|you|your|"
    r"however|but|and|or|nor|also|then|which|here|thanks|thank you|one (?:is|was|has|had|would|will|could|can|of them)|"
    r"the only other|meanwhile|moreover|furthermore|besides|instead|otherwise|therefore|"
    r"hours? (?:earlier|later)|days? (?:earlier|later)|weeks? (?:earlier|later)|earlier|later|afterwards?|"
    r"eventually|finally|ultimately|again|anyway|similarly|likewise|in turn|as well|now|at the time|by then|"
    r"all (?:that|this)|the rest|the remainder|the same|"
    r"despite (?:this|that|it)|still|yet|so|thus|hence|as a result|in this regard|in addition|in response|"
    r"at the same time|by then|by contrast|on the other hand|the same day|that day|that night|"
    r"the (?:two|three|four|five|latter|former|pair|couple|man|woman|boy|girl|victim|suspect|company|"
    r"prince|princess|king|queen|minister|premier|leader|spokesman|spokeswoman|chairman|senator|governor|"
    r"mayor|judge|officer|official|player|coach|games|story|data|"
    r"group|move|decision|incident|statement|report|deal|plan|bill|measure|letter|case|agreement|accord|ruling|"
    r"verdict|findings|results|study|survey|outbreak|worry|concern|problem|issue|change|changes|women|men|flyer|situation|saga|"
    r"video|photo|picture|post|page|room|building|bigger|biggest|other|new|latest|same|remaining|rest)\b"
    r"(?! (?:of|who|which|that)\b)|"
    r"such|both|neither|either|another|other|others|there|"
    # "A second source ...", "Even the mayor ...": a first one, and a comparison, went before
    r"an? (?:second|third|fourth|fifth|further)|even(?! (?:as|though|if|when|before|after|while)\b)|"
    # "Of the two, only ...", "The simple answer is ...": the two, the question, named before
    r"of (?:the )?(?:two|three|four|five|both|them|these|those)|"
    r"the (?:\w+ )?(?:answer|upshot|catch|twist)(?! (?:of|to|for)\b))\b",
    re.IGNORECASE,
)
# A pronoun subject, or its possessive, with no antecedent in the sentence: "He called back ...",
# "After a long standoff, they agreed ...", "On Thursday, her lawyer said ..."; a name
# before the comma may be the antecedent, an acronym ("On attending the OECD talks, he said") not.
PRONOUN_SUBJECT = re.compile(
    r"^(?-i:[A-Z][\w'’-]*,?\s+){0,3}(?:he|she|they|it|we|i|his|her|their|its)\b|^\w(?:(?-i:[^,\"“A-Z])|(?-i:\b[A-Z]{2,}\b)){2,80},\s+(?:he|she|they|it|we|that['’]s)\s"
    r"|^(?:last|this|next|earlier|later)\s+\w+\s+(?:he|she|they|it|we)\s"
    r"|^(?:even though|although|though|because|since|while|when|if|as|after|before|once)\s+"
    r"(?:he|she|they|it|we)\b",
    re.IGNORECASE,
)
# "Union leader Tomas Vidal is his opponent.": whose? A person the article named before; the
# sentence's own subject cannot be its own opponent.
WHOSE = re.compile(
    r"^(?!.*\b(?:say|says|said|think|thinks|believe|believes|claim|claims)\b)(?:[A-Z][\w.'’-]*\s+){0,2}"
    r"(?:[a-z]+\s+){0,3}(?:[A-Z][\w.'’-]*\s+){1,3}(?:is|was|will be|became)\s(?:his|her|their)\s[\w-]+(?:\.$|,\s+as\b)"
)
# "A dissident arrived here Wednesday": "here" is the dateline of an article the reader lacks.
HERE = re.compile(r"\b(?:arrived|came|landed|met|gathered|held|based|returned)\s+here\b", re.IGNORECASE)
# Words that answer a sentence the reader has not seen: "Hun Sen, however, rejected that.",
# "Water is a must here.", "The ministry has also confirmed the strike."
CONNECTIVE = re.compile(
    r",\s*(?:however|though|too|instead|meanwhile|nonetheless|nevertheless|therefore)\s*[,.]"
    r"|^[^,\"“]{3,60}\salso\s"
    r"|\b(?:that|this|these|those|here|ever since)[.!][\"”’']?$"
    # "North Korea has denied it.": what "it" is, the article said before.
    r"|(?<!\bmade)(?<!\bmake)(?<!\bmakes)\s(?:it|them)[.!][\"”’']?$"
    # "Vidal won it when ...", "Ortiz, who did it twice": won what, did what?
    r"|\b(?:won|wins|did|does|done|clinched|sealed|pulled off)\s+it\b"
    # "Vidal is not wearing one.": one of what?
    r"|\b(?:wearing|wears|wore|wear|has|had|have|got|get|buy|bought|needs?|needed|wants?|wanted|owns?|"
    r"owned|found|made|built)\s+one[.!][\"”’']?$",
    re.IGNORECASE,
)
# "The crane fell the previous December.": previous to what? A time counted from a date the
# article gave before; not "over the next year", which counts from now, nor beside a date of its own.
# "... never got to work that day", "later that year": the day or year named before. "That" opening a
# clause ("said that time is short") is none: so after a preposition, or before a stop or a conjunction.
THAT_TIME = r"that (?:day|night|morning|afternoon|evening|weekend|week|month|year|time)\b"
RELATIVE_TIME = re.compile(
    r"(?<!\bover )(?<!\bin )(?<!\bwithin )(?<!\bduring )(?<!\bfor )\bthe (?:previous|following|next|prior) "
    r"(?:day|week|month|year|morning|afternoon|night|evening|weekend|january|february|march|april|may|"
    r"june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b"
    rf"|\b(?:on|at|of|until|since|by|from|during|for|after|before|later|earlier)\s+{THAT_TIME}"
    rf"|\b{THAT_TIME}(?=[,.;:!?)]|\s+[—–-]\s|\s*$|\s+(?:at|in|on|and|but|when|as|after|before|while|between)\b)",
    re.IGNORECASE,
)
# The dates pipeline.stages.differences reads, and wire copy's "Nov. 3".
DATE_WORD = re.compile(TIME.pattern + r"|\b(?:jan|feb|aug|sept?|oct|nov|dec)\b", re.IGNORECASE)
# "Julia never got that call.", "... after that warning": a demonstrative pointing at a thing the
# article named before. "That" after a verb of saying ("said that police ...") is not one, nor
# is "this week".
DEMONSTRATIVE_DET = re.compile(
    r"\b(?i:in|into|onto|on|at|from|after|before|about|of|for|with|by|during|since|until|over|under|behind|through|"
    r"despite|like|to|got|get|gets|"
    r"received|made|heard|saw)\s+(?:that|these|those|this)\s+"
    r"(?!(?:year|week|month|morning|afternoon|evening|night|weekend|summer|winter|spring|autumn|season)s?\b)[a-z]{3,}\b"
    r"|\b(?:that|those)\s+[a-z]{3,}(?<!ed)[.!][\"”’']?$"
    # "In hindsight, that plan made sense.": after an opening phrase's comma, "that" is a pointer.
    r"|^[^,\"“]{1,40},\s+(?i:that)\s+(?!(?:year|week|month|morning|afternoon|evening|night|weekend|summer|winter|"
    r"spring|autumn|season|day|time)s?\b)(?!(?:the|a|an|his|her|its|their|it|he|she|they|we|there)\b)[a-z]{3,}\b"
    # "these funders", "this opened the door": this/these/those point back wherever they stand.
    r"|\b(?:this|these|those)\s+(?!(?:year|week|month|morning|afternoon|evening|night|weekend|summer|winter|spring|"
    r"autumn|season|day|time|century|decade)s?\b)[a-z]{2,}\b|\ball (?:that|this|these|those)\b"
    # "The government rejected that agreement": these verbs take a thing, not a clause, so their
    # "that" points back ("rejected that the ..." is not written).
    r"|\b(?:rejected|signed|approved|accepted|backed|opposed|supported|welcomed|condemned|criticized|criticised|"
    r"reversed|vetoed|ratified|endorsed|defended|questioned|disputed|challenged|won|lost)\s+that\s+"
    r"(?!(?:the|a|an|his|her|its|their|our|my|your|it|he|she|they|we|there|this|these|those|no|some|such|all|any)\b)[a-z]{3,}\b"
)


# The pronouns that stand for a person or a group named before; "it" and "we" are left to the
# rules above: a dummy "It is unclear whether ..." stands for nothing, a "we" is a speaker's.
STANDS_FOR = frozenset({"he", "she", "they", "his", "her", "their"})
# The first such pronoun, and what stands before it: a capitalised word there after the first is a
# name the pronoun may stand for, and the parse need not be asked (most sentences, cheaply).
FIRST_PRONOUN = re.compile(r"^(?P<before>.*?)\b(?:he|she|they|his|her|their)\b", re.IGNORECASE | re.DOTALL)
NAME_AFTER_FIRST_WORD = re.compile(r"\s[\"“‘(]?[A-Z]")
# Nouns of time name no one a pronoun could stand for: "The last time they were seen ...".
TIME_NOUNS = frozenset("time times day days week weeks month months year years moment night morning hour".split())


def pronoun_main_subject(s: Text) -> bool:
    """The main clause's subject is a pronoun (or has one for its owner: "their coach"), and the
    sentence's first such pronoun comes before any name or noun it could stand for: "The last
    time they played at Lakeside Park, they lost" names them nowhere. The opening patterns of
    `pronoun-subject` catch the common shapes, but take any capitalised word before the comma
    for a name; the parse sees that the first "they" stands before it. After a name or a noun,
    a pronoun may stand for it ("When Ortiz arrived, she ...")."""
    if s.quoted_opening:
        return False
    first_pronoun = FIRST_PRONOUN.match(s.text)
    if first_pronoun is None or NAME_AFTER_FIRST_WORD.search(first_pronoun["before"]):
        return False
    return _named_nowhere(s.text)


@lru_cache(maxsize=1 << 16)
def _named_nowhere(text: str) -> bool:
    """The parse half of `pronoun_main_subject`, kept per text: clustering, selection and the
    frame all ask it of the same sentences, and a big incident's parses leave the parser's cache."""
    doc = trees([text])[0]
    root = next(iter(doc.sents)).root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    subject = subjects[0]
    owner = [c for c in subject.children if c.dep_ == "poss"]
    if subject.lower_ not in STANDS_FOR and not (owner and owner[0].lower_ in STANDS_FOR):
        return False
    first = next(t for t in doc if t.lower_ in STANDS_FOR)
    return not any(t.pos_ == "PROPN" or t.pos_ == "NOUN" and t.lower_ not in TIME_NOUNS for t in doc[: first.i])


def relative_time(s: Text) -> bool:
    relative = RELATIVE_TIME.search(s.outside)
    return relative is not None and not DATE_WORD.search(s.outside[: relative.start()] + s.outside[relative.end() :])


RULES: tuple[Rule[str, Text], ...] = (
    Rule(
        "quote-opens-with-pronoun",
        f"{LEANS} (a quotation that opens with a pronoun)",
        lambda s: s.quoted_opening and bool(QUOTE_PRONOUN.match(s.text)),
        catches=(
            "“That's the real problem,” harbour master Lena Ortiz said.",
            "“It has clearly been damaged for years,” one crane inspector told the council.",
            '"It\'s going to cost the port millions," said union leader Tomas Vidal.',
            "“They were warned twice and did nothing,” Mayor Ana Ruiz said.",
        ),
        passes=(
            "“It's time to rebuild the quay properly,” harbour master Lena Ortiz said.",
            "“It is clear that the cranes were never checked,” Mayor Ana Ruiz said.",
            "“These cranes were built for lighter ships,” harbour master Lena Ortiz said.",
        ),
    ),
    Rule(
        "quote-ends-with-pronoun",
        f"{LEANS} (a quotation that opens with a pronoun)",
        lambda s: s.quoted_opening and bool(QUOTE_ENDS_PRONOUN.match(s.text)),
        catches=("“My crew is with them,” said crane driver Tomas Vidal.",),
        passes=("“Every docker on the quay stands with them,” said crane driver Tomas Vidal.",),
    ),
    Rule(
        "exclamation",
        "an exclamation: the outlet's voice, not a report",
        lambda s: s.outside.rstrip(" \"”’')]").endswith("!"),
        catches=(
            "The new quay opens to visitors this Saturday!",
            "Hundreds of people came to see the first ship dock at the rebuilt quay!",
        ),
        passes=("Union leader Tomas Vidal shouted “Stop the cranes!” at the board meeting.",),
    ),
    Rule(
        "dependent-opening",
        f"{LEANS} (dependent opening)",
        lambda s: not s.quoted_opening and bool(DEPENDENT_OPENING.match(s.text)),
        catches=(
            "Hours earlier, the port authority had warned of high winds.",
            "He rang the office again but nobody at the quay answered.",
            "However, the union disputes the account.",
            "The two officials disagreed on who had ordered the inspection.",
            "Both sides have started investigations.",
            "One was lifted clear of the water by Friday.",
            "Of the two, only Ortiz will speak at the hearing.",
            "The simple answer is that old cranes need a new inspection regime.",
            "A second harbour official says the quay will reopen in May.",
            "Even the harbour master kept a spare key in her desk.",
        ),
        passes=(
            "Even as the storm grew, the port authority kept the quay open.",
            "The answer to the union's letter came from the harbour master on Monday.",
            "The minister who ordered the inspection resigned on Friday.",
            "One worker was taken to hospital with a broken arm.",
        ),
    ),
    Rule(
        "pronoun-subject",
        f"{LEANS} (pronoun subject)",
        lambda s: not s.quoted_opening and bool(PRONOUN_SUBJECT.match(s.text)),
        catches=(
            "After a three-day standoff, they agreed to reopen the southern quay.",
            "On Tuesday, her lawyer said the harbour master would appeal the fine.",
            "Last week it rejected the union's demands.",
            "Even though she retired last year she still inspects the cranes every week.",
            "On arriving at the IMO meeting, she said, “It has been a hard week.”",
        ),
        passes=(
            "After the IMO named Lena Ortiz its envoy, she thanked the dockers.",
            "If Ortiz and the council cannot agree by Friday, they will ask the courts to decide.",
            "Last week the council rejected the union's demands.",
        ),
    ),
    Rule(
        "pronoun-main-subject",
        f"{LEANS} (the main clause's subject is a pronoun)",
        pronoun_main_subject,
        catches=(
            "The last time they played at Lakeside Park, they lost to the Rovers by two goals.",
            "The first time she stood for the Harbour Council, she lost by eleven votes.",
            "The day he took office in Port Alva, his deputy resigned over the port contract.",
            "The night they arrived in Sella, their hotel was flooded by the storm.",
            "The moment they heard the siren in Old Town, they ran for the shelters.",
        ),
        passes=(
            "The last time the dockers struck at Lakeside Park, they closed the port for a week.",
            "When Ortiz arrived at the quay, she thanked the crew.",
            "It is unclear whether the ferry will sail on Friday.",
            "The harbour master said they would reopen the quay on Monday.",
            "Though they lost the final, the Rovers kept their coach.",
        ),
    ),
    Rule(
        "whose",
        f"{LEANS} ('his ...': whose?)",
        lambda s: bool(WHOSE.match(s.text)),
        catches=(
            "Union leader Tomas Vidal is his opponent.",
            "Former harbour master Ana Ruiz was her deputy.",
            "Harbour pilot Ana Ruiz is his opponent, as she was last year.",
        ),
        passes=("The dockers say harbour master Lena Ortiz is their ally.",),
    ),
    Rule(
        "dateline-here",
        f"{LEANS} (a dateline's 'here')",
        lambda s: bool(HERE.search(s.outside)),
        catches=("A union leader fleeing the strike-breakers arrived here Wednesday and asked for protection.",),
        passes=("Ortiz said the union would be here to stay, the port authority reported.",),
    ),
    Rule(
        "connective",
        f"{LEANS} (answers or contrasts with it)",
        lambda s: bool(CONNECTIVE.search(s.outside)),
        catches=(
            "The harbour master, however, rejected that.",
            "The port authority has also confirmed the collapse.",
            "Whether you arrive by ferry or by road, a permit is a must here.",
            "The harbour board has denied it.",
            "Safety rules have been tightened ever since.",
            "Vidal won it when his crew finished the last lift a minute early.",
            "Ortiz, who did it twice in 2019, will inspect the cranes again.",
            "Vidal is not wearing one.",
        ),
        passes=(
            "Rescuers said the diver made it.",
            "Ortiz said the union would be here to stay, the port authority reported.",
        ),
    ),
    Rule(
        "relative-time",
        f"{LEANS} (a time counted from a date it does not give)",
        relative_time,
        catches=(
            "The complaint concerned a crane check carried out the previous December.",
            "The harbour office reopened the next morning.",
            "Marta Ruiz never reached the quay that day - her car was found at the gate.",
            "A crane inspection later that year found no fault.",
            "Up until that time, the cranes had never failed.",
        ),
        passes=(
            "The port expects to hire 40 dockers over the next year.",
            "The crane fell on Monday and the quay reopened the next day.",
            "Union leader Tomas Vidal said that time was running out for the old cranes.",
            "The union says that day-to-day checks of the cranes are enough.",
        ),
    ),
    Rule(
        "demonstrative-pointer",
        f"{LEANS} (refers to 'that ...' named before)",
        lambda s: bool(DEMONSTRATIVE_DET.search(s.outside)),
        catches=(
            "Marta never received that letter.",
            "The council approved the budget despite that warning.",
            "In principle, this made cheaper repairs at the quay possible.",
            "Drinking all that water kept the crews awake through the night.",
            "The council rejected that proposal at its meeting on Friday.",
            "In hindsight, that inspection of the cranes made a lot of sense.",
            "Normally, that would be a sign of a busy port.",
        ),
        passes=(
            "The inspector said that cranes older than 30 years would be replaced this year.",
            "The union will meet port managers this week to discuss the crane that failed.",
            "The council rejected that the cranes were unsafe, the minutes show.",
        ),
    ),
    Rule(
        "such-points-back",
        f"{LEANS} (refers to 'such ...' described before)",
        such_points_back,
        catches=(
            "A lawyer for the second driver filed such a motion in the spring.",
            "Port officials said such inspections are rare.",
            "With such a tight schedule, the crews worked through the night.",
            "Under the new law, such strikes may be punished with fines.",
            "The harbour master said she had never seen such damage.",
        ),
        passes=(
            "Cranes such as the one that fell are inspected every year.",
            "The storm was such a shock that the port closed for a week.",
            "“I have never seen such a thing,” the harbour master said.",
            "The council, as such, has no say over the port.",
            "The port bought such things as cranes, tugs and a dredger.",
            "The crews moved the cranes at night, the first time in a decade that such moves were made.",
            "In the first such strike in a decade, dockers walked out on Monday.",
            "The firms confirmed merger talks, and analysts said such a merger would face scrutiny.",
            "Dockers shifted the last four cranes from the old quay to the new terminal over the weekend, "
            "ending a decade of such transfers.",
            "The union wants a pay rise and shorter shifts.",
        ),
    ),
)
