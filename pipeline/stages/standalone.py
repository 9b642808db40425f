"""Can a sentence stand on its own in a brief? A model-free check a reader would agree with.

A brief sentence is read without the article around it. It must start and end like a
sentence, not be page furniture or a caption, not be a rhetorical question, not lean on a
sentence that is not there ("Hours earlier, ...", "He called back ..."), and a quote or a
first-person line must say who speaks. Sentences that fail may still support a cluster and be
cited; they never head one (pipeline.stages.selection).
"""

from __future__ import annotations

import re
from typing import Sequence

from .differences import TIME
from .names import PROBLEM as NAMES_PROBLEM
from .names import unintroduced
from .subjects import SUBJECT_PROBLEM, unintroduced_subjects, unnamed_subject

# Openings that point back at something the reader has not seen.
DEPENDENT_OPENING = re.compile(
    r"^[\"“'‘(]*(?:that|this|these|those|they|them|it|he|she|him|his|her|hers|their|its|we|our|us|i|my|me|you|your|"
    r"however|but|and|or|nor|also|then|which|here|thanks|thank you|one (?:is|was|has|had|would|will|could|can|of them)|the only other|meanwhile|moreover|furthermore|besides|instead|otherwise|therefore|"
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
# A sentence that opens with a bare verb has no subject: an instruction to the reader ("Shop the
# rest of today's sale") or a caption ("Includes a 90-day warranty").
IMPERATIVE = re.compile(
    r"^(?:(?:pro tip|tip|note|bonus|hint|reminder|psst|p\.s\.)\s*:\s*)?(?:shop|buy|click|tap|check|get|read|watch|see|learn|find|discover|sign|subscribe|follow|join|download|"
    r"order|save|grab|visit|share|call|contact|email|includes|features|comes|ships|offers|provides|look|try|make sure|"
    r"keep|avoid|choose|remember|consider|don['’]t|do not|let['’]s|highly recommended|great for|perfect for|"
    # a recipe's steps (not "Heat", "Cook", "Place": they open news sentences as nouns)
    r"let the|add|stir|bake|pour|preheat|whisk|chop|fill|peel|dice|mix|combine|drain|sprinkle|simmer|knead|rinse|garnish|"
    r"ideal for|available (?:now|in|at|for))\b"
    # "Core, peel and slice the pears", "Wash and dry the hooks": a recipe's step, verbs in a row
    r"|(?-i:^[A-Z][a-z]+(?:,\s+[a-z]+)*,?\s+(?:and|or)\s+[a-z]+\s+(?:the|your|them|it)\b)",
    re.IGNORECASE,
)
# A reader addressed, then told what to do: "Harbour fans, get ready for the reopening."
VOCATIVE = re.compile(
    r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2},\s+(?:get|go|be|don['’]t|do|make|take|let['’]s|look|"
    r"check|meet|say|watch|grab|mark|prepare|brace|stay|keep|put|start|listen)\s"
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
RELATIVE_TIME = re.compile(
    r"(?<!\bover )(?<!\bin )(?<!\bwithin )(?<!\bduring )(?<!\bfor )\bthe (?:previous|following|next|prior) "
    r"(?:day|week|month|year|morning|afternoon|night|evening|weekend|january|february|march|april|may|"
    r"june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b",
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
# "That's $146,127 per year": a demonstrative standing for a sentence that is not there.
DEMONSTRATIVE = re.compile(r"^[\"“'‘]?(?:that|this|it)(?:['’]s| is| was| means| would)\b", re.IGNORECASE)
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|saying|told|tells|added|adds|according to|stated|states|wrote|writes|explained|noted|"
    r"recalled|announced|insisted|argued|claimed|asked|warned|declared|tweeted|posted|confirmed|reported|reports|"
    r"statement|letter|message|tweet|interview|reads|quoted|quoting|called it|described)\b",
    re.IGNORECASE,
)
# "..., it said." / "he added": the speaker is a pronoun, so the reader does not learn who spoke.
PRONOUN_SPEAKER = re.compile(
    # "..., he reportedly said Sunday."
    r"[,\"”']\s*(?:he|she|it|they|we|i)\s+(?:\w+ly\s+)?(?:said|says|told|added|wrote)\b[^\"“”]*[.!]$|"
    r"[,\"”']\s*(?:he|she|it|they|we|i)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told (?:the |a |an )?\w+|wrote|explained|noted|stated|claimed|"
    r"insisted)(?:\s+(?:on|in|at|last|this)\s+[\w ]{1,20})?\s*[.!]$|\b(?:said|says|added)\s+(?:he|she|it|they)\s*[.!]$",
    re.IGNORECASE,
)
# "Harbour envoy Ana Ruiz said Thursday.": the tail of a quotation the sentence before
# holds; nothing is said.
# "According to the harbour master's memoir-a book she never finished.": a source, and no statement.
SOURCE_ONLY = re.compile(r"^According to [^,]+\.$")
SPEAKER_ONLY = re.compile(
    r"^(?!.*\b(?:is|was|were|are|has|have|had|will|would|could)\b)"  # "Two men were held police said."
    r"[^,\"“”]{3,60}\s(?:said|says|told reporters|added)(?:\s+(?:on\s+)?\w+day)?\.$"
)
VAGUE_SPEAKER = re.compile(
    r"\b(?:the|this|that)\s+(?:statement|report|letter|document|source|memo|paper|newspaper)"
    r"\s+(?:said|says|added|adds|read|reads|begins|began|continues|continued|concludes|concluded)\b",
    re.IGNORECASE,
)
# "If you run a quay, great": advice to the reader, which a report of what happened never gives.
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:re|ve|ll|d))\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|me|my|MY|mine|we|We|we['’](?:re|ve|ll|d)|us|our|Our|ours)\b")
# "The court freed Cmndr.": a title that a sentence split cut from its name.
TITLE_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Cmndr|Comdr|Cdr|Sgt|Adm|Gov|Rep|Rev|Supt|"
    r"Insp|Det|Amb|Atty|Hon)\.$"
)
# "Vigo >> Port reopens ...": a site's dateline marker, or a menu path; "A: The ferry ...": a line
# of an interview transcript, whose question is not there; "Tomas Vidal 3 goals,
# 1 assist.": a line of a results table.
FURNITURE = re.compile(
    r"\s(?:>>|»)\s|^(?:[QA]|Question|Answer):\s|^(?i:correction|clarification|editor['’]s note)\b[^:]{0,40}:|^(?:[^.!?]{0,40}:\s*)?(?:[A-Z][\w'’.-]*\s){1,3}\d+\s+(?:points?|goals?|assists?|rebounds?|"
    r"steals?|yards?|saves?|runs?|hits?)\b[^.!?]{0,40}[.!]$"
)
# "Tomas Vidal: Never misses a shift.", "Galicia: Gov. Ana Ruiz has reached ...": an item of a
# list whose heading (a crew roster, the regions up for election) the reader lacks.
LABEL = re.compile(r"^[\"“]?(?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*:\s")
# A shop's small print ("Prices are subject to change ...", "Headphones are not included."),
# and a heading written as half a question ("Why the new quay is promising.").
SMALL_PRINT = re.compile(
    r"^(?:following are|here are|below are|the following (?:is|are))\b|"
    r"\b(?:(?:is|are) not included|subject to change|may not be available (?:to|in) all|all rights reserved|"
    r"terms (?:and|&) conditions|affiliate (?:links?|commissions?)|"
    # a shop's deal of the day: "Today's deal is $20 off the list price."
    r"today['’]s (?:deal|offer)s?|best deals|(?:new |an )?amazon all-time low|price break|all-time low price|free shipping|(?:promo|coupon) code|"
    r"now live at)\b|^Why\b(?:\W+\w+){0,7}\W*$",
    re.IGNORECASE,
)
# "Tomas Vidal is escorted from the harbour office yesterday.": a photo's caption, in the
# present tense of what the picture shows, at a time already past.
CAPTION = re.compile(
    r"\b(?:is|are)\s+(?:pictured|photographed)\b|\b(?:is|are)\s+(?:seen|shown|brought|escorted|led)\b(?!\s+(?:as|to)\b)"
    r"(?=[^.]*\b(?:last|yesterday|earlier)\b)"
)
# "Summary Crews can ...", "TODAY Vigo couple ...": a page's heading or a show's name glued to the
# sentence under it. Words that also begin names ("Related Companies", "Breaking Bad") count
# in capitals only.
HEADING = re.compile(
    r"^(?:Summary|Update|Advertisement|Sponsored|SUMMARY|TODAY|UPDATE|UPDATED|WATCH|RELATED|"
    r"ADVERTISEMENT|BREAKING|EXCLUSIVE|VIDEO|PHOTOS?|OPINION|ANALYSIS|SPONSORED|LIVE)\s+[A-Z][a-z]"
)
# "... keeper Tomas Vidal This has freed a place ...": two lines of a page (bullet points, a
# caption) run together with no stop between them; mid-sentence, these words are never capitals
# ("He" is a surname, "It" ends titles: "Love It or Lose It is ...").
GLUED = re.compile(
    r"(?<=\w) (?:This|These|Those|They|We|There) "
    r"(?:is|was|has|have|had|will|would|can|could|are|were|said|says)\b"
    # "... Pitching The starting pitching ...": a heading; not "in The Hague", "The New York Times"
    r"|(?<=[a-z]) The [a-z]{2,}\b"
)
# "The full figures can be found on harbour.gov.", "...; www.vigoport.es.": a pointer to a page.
POINTER = re.compile(
    r"\bwww\.|\b(?:can|may) be (?:found|viewed|seen|read|accessed|downloaded|watched|streamed)\s+"
    r"(?:(?:on|at)\s+(?:[\w-]+\.)+[a-z]{2,4}\b|here\b|online\b|below\b|above\b)|"
    r"\b(?:visit|go to)\s+(?:[\w-]+\.)+(?:com|gov|org|net)\b",
    re.IGNORECASE,
)
# "A quarter cup is roughly 30 calories.": a measure of what? A line of a recipe or a label.
MEASURE = re.compile(
    r"^(?:A|One|Half a)\s+(?:quarter\s+|half\s+|third\s+)?(?:cup|teaspoon|tablespoon|ounce|serving|"
    r"slice|handful|pound|gram|bowl|scoop|pinch|glass)s?\s+(?:is|contains|has|provides|gives|equals)\b"
)
SENTENCE_START = re.compile(r"^[\"“'‘(`]*[A-Z0-9]")
SENTENCE_END = re.compile(r"(?<!\.\.)(?<!…)[.!][\"'”’)\]]*$")  # "loading video..." is cut off, not ended
# The models are English-only; a sentence with none of these words is in another language.
ENGLISH = frozenset(
    "the of and to in is was that for on with as by at from it he she they said were are has have "
    "had be been not this which who will would but an its after".split()
)
# Function words of the languages news pages most often come in besides English (Portuguese,
# Spanish, French, Italian, German, Dutch, Indonesian). "as" and "a" are English too, so a
# Portuguese sentence can hold them; words that are also English or parts of English names
# ("los", "des", "van", "per", "com") are left out.
FOREIGN = frozenset(
    "que para por uma não sua seu seus suas mais muito também pelo pela são está foi ao aos dos nos "
    "nas una pero sus fue como muy esta este les une pour dans avec pas qui elle sont cette leur "
    "della che sono nel anche questo und der ist nicht ein eine sich auf soll diesen dieser werden "
    "wird auch oder für über sind wurde het een zijn niet ini itu dengan untuk tidak dari kita akan "
    "juga atau adalah wir mehr als mit zu dem durch sowie isso porque nosso nossa yang dalam setelah "
    "tahun membuat sudah bisa karena oleh pada saat kami mereka telah bahwa sebagai hanya lebih "
    "masih harus belum sangat namun sehingga bei nach noch nur schon sehr wie wenn dass aber sie ihre "
    "ihren bereits einige einen einem einer haben muss eines eigenen im sei itulah sendiri tersebut kepada "
    "seperti sejak tentang antara agar jika maka".split()
)
# English words that are also German or Dutch ("In Deutschland liegen ..."): English only where no
# word of another language stands beside them.
SHARED = frozenset({"in"})
# Lower-case words spelt with these letters are German or Portuguese, not English borrowings.
FOREIGN_LETTERS = re.compile(r"^[a-zß]*[äöüßãõ][a-zäöüßãõ]*$")
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
QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
QUOTED = re.compile(r"[\"“]([^\"“”]*)[\"”]|‘(.*?)’(?!\w)")  # a ’ before a letter is an apostrophe
# A quotation, not a scare quote ("the 'tragic' incident"): this many words or more.
QUOTE_WORDS = 4
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


# Single quotes: an opening one stands before a word, a closing one after a word or a stop; an
# apostrophe ("Ortiz's", "workers' union") stands inside or right after a word and is neither.
SINGLE_OPEN = re.compile(r"(?:^|[\s(“\"—-])['‘](?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=[\w.!?,])['’](?=[\s,.;:!?”\")]|$)")


def _quote_problem(text: str) -> str | None:
    """A quotation must say who speaks; half a quotation (its other half in another sentence)
    cannot be read alone."""
    plain = text.replace("``", "“").replace("''", "”")
    if plain.count('"') % 2 or plain.count("“") != plain.count("”"):
        return "part of a quotation that runs over several sentences"
    # "‘We will not reopen the quay." / "... until every crane is checked.’": single quotes, half.
    opens, closes = bool(SINGLE_OPEN.match(plain)), bool(re.search(r"[.!?]['’]$", plain))
    if opens and not SINGLE_CLOSE.search(plain) or closes and not SINGLE_OPEN.search(plain):
        return "part of a quotation that runs over several sentences"
    quoted = [m.group(1) or m.group(2) or "" for m in QUOTED.finditer(plain)]
    if any(len(q.split()) >= QUOTE_WORDS for q in quoted) and not SPEECH_VERB.search(QUOTED.sub(" ", plain)):
        return "a quotation that does not say who speaks"
    return None


def problem(text: str) -> str | None:
    """Why `text` cannot stand alone as a brief sentence, or None when it can."""
    # Wire copy opens quotes with `` and closes them with '' (pipeline.stages.segment.display).
    t = " ".join(text.split()).replace("``", "“").replace("''", "”")
    if not SENTENCE_START.match(t):
        return "does not start like a sentence"
    # Whole words: "Qur’an" and "Mudah2an" hold no English "an".
    words = [w for w in re.findall(r"\w+(?:['’]\w+)*", t.lower()) if not w.isdigit()]
    foreign = sum(w in FOREIGN for w in words) + sum(bool(FOREIGN_LETTERS.match(w)) for w in re.findall(r"\w+", t))
    english = sum(w in ENGLISH and not (foreign and w in SHARED) for w in words)
    if (len(words) >= 6 and not english) or foreign >= max(2, english) or (len(words) >= 4 and foreign and not english):
        return "not in English (the models are English-only)"
    if QUESTION_END.search(t):
        return "a question, not a statement"
    if not SENTENCE_END.search(t) or TITLE_END.search(t) or re.search(r"\s[-–—]\s*[.!]$", t):  # "... yet -."
        return "does not end like a sentence"
    if t.startswith("(") and t.rstrip(".!\"”’'").endswith(")"):
        return "an aside in parentheses to the sentence before it"
    quoted_opening = t[0] in "\"“'‘`"  # a quotation's own opening words are the speaker's, checked below
    outside = outside_quotes(t)  # the outlet's own words, for the checks that quotations may break
    if not quoted_opening and DEMONSTRATIVE.match(t):
        return "leans on a sentence that is not there (opens with a demonstrative)"
    if HEADING.match(t):
        return "page furniture (a heading glued to the sentence under it)"
    if GLUED.search(t):
        return "two lines of a page run together (no stop between them)"
    if POINTER.search(t):
        return "page furniture (a pointer to a web page)"
    if MEASURE.match(t):
        return "leans on a sentence that is not there (a measure of what?)"
    if LABEL.match(t):
        return "an item of a list ('Name: ...'), not a sentence"
    if SMALL_PRINT.search(t):
        return "page furniture (a shop's small print or a heading)"
    if t.count("(") != t.count(")"):
        return "part of a parenthesis that runs over several sentences"
    if FURNITURE.search(t):
        return "page furniture (a dateline marker, a correction notice, a Q&A line or a results-table line)"
    if CAPTION.search(outside):
        return "a photo caption (what a picture shows, in the present tense)"
    if IMPERATIVE.match(t) or VOCATIVE.match(t):
        return "no subject: an instruction to the reader or a caption"
    if quoted_opening and (QUOTE_PRONOUN.match(t) or QUOTE_ENDS_PRONOUN.match(t)):
        return "leans on a sentence that is not there (a quotation that opens with a pronoun)"
    if outside.rstrip(" \"”’')]").endswith("!"):
        return "an exclamation: the outlet's voice, not a report"
    if not quoted_opening and DEPENDENT_OPENING.match(t):
        return "leans on a sentence that is not there (dependent opening)"
    if not quoted_opening and PRONOUN_SUBJECT.match(t):
        return "leans on a sentence that is not there (pronoun subject)"
    if WHOSE.match(t):
        return "leans on a sentence that is not there ('his ...': whose?)"
    if HERE.search(outside):
        return "leans on a sentence that is not there (a dateline's 'here')"
    if CONNECTIVE.search(outside):
        return "leans on a sentence that is not there (answers or contrasts with it)"
    relative = RELATIVE_TIME.search(outside)
    if relative and not DATE_WORD.search(outside[: relative.start()] + outside[relative.end() :]):
        return "leans on a sentence that is not there (a time counted from a date it does not give)"
    if DEMONSTRATIVE_DET.search(outside):
        return "leans on a sentence that is not there (refers to 'that ...' named before)"
    quote = _quote_problem(t)
    if quote:
        return quote
    if SOURCE_ONLY.match(t):
        return "says where a statement comes from, not the statement"
    if SPEAKER_ONLY.match(t):
        return "says who spoke, not what (the rest of a quotation in another sentence)"
    if PRONOUN_SPEAKER.search(t) or VAGUE_SPEAKER.search(t):
        return "does not say who speaks (a pronoun or 'the statement')"
    if FIRST_PERSON.search(outside):
        return "first person without a speaker"
    if SECOND_PERSON.search(outside):
        return "speaks to the reader (second person), not a report"
    if OPINION.search(outside) and not SPEECH_VERB.search(t):
        return "an outlet's opinion given as fact"
    return None


# "Scientists are only beginning to understand them": who, what? Later in a brief, the sentence
# above may say; an opening has nothing above it.
OBJECT_PRONOUN = re.compile(r"\b(?:them|him)\b")
# Capitalised only because they open the sentence: not a name "him" could stand for. So is a
# plural ("Scientists", "Friends"); "Wang", "NATO", "Ortiz's" are names.
OPENING_WORDS = ENGLISH | frozenset(
    "a an some many most police one two three few several all no every each when while "
    "if although since despite among during until".split()
)


def _named_before(text: str, pronoun: re.Match) -> bool:
    """Whether a name, or for "them" a plural after the subject ("the relocation of animals
    means putting them to sleep"), stands before the pronoun."""
    words = text[: pronoun.start()].split()
    first = words[0].strip(',;:"“') if words else ""
    plural = pronoun.group() == "them" and any(re.fullmatch(r"[a-z]{3,}[^s]s,?", w) for w in words[1:])
    return (
        first[:1].isupper()
        and first.lower() not in OPENING_WORDS
        and not re.fullmatch(r"[A-Z][a-z]+s", first)
        or any(w[:1].isupper() for w in words[1:])
        or plural
    )


def opening_problem(text: str) -> str | None:
    """Why a sentence that stands (`problem` is None) still cannot be a brief's first."""
    if unnamed_subject(text):
        return "its subject ('the ...') is named nowhere in it: not an opening"
    outside = outside_quotes(text)
    pronoun = OBJECT_PRONOUN.search(outside)
    if pronoun and not _named_before(outside, pronoun):
        return "'them' or 'him' before anyone is named: not an opening"
    return None


def lead_problem(text: str) -> str | None:
    """Why `text` cannot open a brief, though it may stand later in one."""
    return opening_problem(text) or problem(text)


def brief_problems(texts: Sequence[str], known: frozenset[str] = frozenset()) -> list[str | None]:
    """`problem` of each sentence of a brief read in order: the first must open it
    (`lead_problem`), a person named by surname alone must have been introduced above
    (pipeline.stages.names; `known`: the incident's surnames), and so must the thing a subject
    that names nothing stands for ("The suit seeks ..." only after a sentence that says which
    suit, `subject_words`)."""
    late, vague = unintroduced(texts, known), unintroduced_subjects(texts)
    return [
        (lead_problem(t) if k == 0 else problem(t))
        or (NAMES_PROBLEM if late[k] else None)
        or (SUBJECT_PROBLEM if vague[k] else None)
        for k, t in enumerate(texts)
    ]


def outside_quotes(text: str) -> str:
    return QUOTED.sub(" ", text.replace("``", "“").replace("''", "”"))


def standalone(text: str) -> bool:
    return problem(text) is None
