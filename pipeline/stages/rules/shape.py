"""Standalone rules, first part: does it read as a sentence of a report at all? Not a fragment, not
another language, not a question, not page furniture, a caption or an instruction to the reader.

The standalone table (pipeline.stages.rules.STANDALONE) asks these first, in this order; the
order decides which reason a sentence that breaks two rules is given.
"""

from __future__ import annotations

import re

from .base import Rule, Text

SENTENCE_START = re.compile(r"^[\"“'‘(`]*[A-Z0-9]")
SENTENCE_END = re.compile(r"(?<!\.\.)(?<!…)[.!][\"'”’)\]]*$")  # "loading video..." is cut off, not ended
# "The court freed Cmndr.": a title that a sentence split cut from its name.
TITLE_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Cmndr|Comdr|Cdr|Sgt|Adm|Gov|Rep|Rev|Supt|"
    r"Insp|Det|Amb|Atty|Hon)\.$"
)
# "... in one of her rare public outings yet -.": a page cut the sentence at a dash.
DASH_END = re.compile(r"\s[-–—]\s*[.!]$")
QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")

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
# Whole words: "Qur’an" and "Mudah2an" hold no English "an".
WORDS = re.compile(r"\w+(?:['’]\w+)*")
LETTER_RUNS = re.compile(r"\w+")

# "That's $146,127 per year": a demonstrative standing for a sentence that is not there.
DEMONSTRATIVE = re.compile(r"^[\"“'‘]?(?:that|this|it)(?:['’]s| is| was| means| would)\b", re.IGNORECASE)
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
    r"today['’]s (?:deal|offer)s?|best deals|(?:new |an )?amazon all-time low|price break|all-time low price|"
    r"free shipping|(?:promo|coupon) code|"
    r"now live at)\b|^Why\b(?:\W+\w+){0,7}\W*$",
    re.IGNORECASE,
)
# "Vigo >> Port reopens ...": a site's dateline marker, or a menu path; "A: The ferry ...": a line
# of an interview transcript, whose question is not there; "Tomas Vidal 3 goals,
# 1 assist.": a line of a results table.
FURNITURE = re.compile(
    r"\s(?:>>|»)\s|^(?:[QA]|Question|Answer):\s|^(?i:correction|clarification|editor['’]s note)\b[^:]{0,40}:|"
    r"^(?:[^.!?]{0,40}:\s*)?(?:[A-Z][\w'’.-]*\s){1,3}\d+\s+(?:points?|goals?|assists?|rebounds?|"
    r"steals?|yards?|saves?|runs?|hits?)\b[^.!?]{0,40}[.!]$"
)
# "Tomas Vidal is escorted from the harbour office yesterday.": a photo's caption, in the
# present tense of what the picture shows, at a time already past.
CAPTION = re.compile(
    r"\b(?:is|are)\s+(?:pictured|photographed)\b|\b(?:is|are)\s+(?:seen|shown|brought|escorted|led)\b(?!\s+(?:as|to)\b)"
    r"(?=[^.]*\b(?:last|yesterday|earlier)\b)"
)
# A sentence that opens with a bare verb has no subject: an instruction to the reader ("Shop the
# rest of today's sale") or a caption ("Includes a 90-day warranty").
IMPERATIVE = re.compile(
    r"^(?:(?:pro tip|tip|note|bonus|hint|reminder|psst|p\.s\.)\s*:\s*)?"
    r"(?:shop|buy|click|tap|check|get|read|watch|see|learn|find|discover|sign|subscribe|follow|join|download|"
    r"order|save|grab|visit|share|call|contact|email|includes|features|comes|ships|offers|provides|look|try|make sure|"
    r"keep|avoid|choose|remember|consider|don['’]t|do not|let['’]s|highly recommended|great for|perfect for|"
    # a recipe's steps (not "Heat", "Cook", "Place": they open news sentences as nouns)
    r"let the|add|stir|bake|pour|preheat|whisk|chop|fill|peel|dice|mix|combine|drain|sprinkle|simmer|knead|rinse|"
    r"garnish|"
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

NO_SUBJECT = "no subject: an instruction to the reader or a caption"


def not_english(s: Text) -> bool:
    words = [w for w in WORDS.findall(s.text.lower()) if not w.isdigit()]
    foreign = sum(w in FOREIGN for w in words) + sum(
        bool(FOREIGN_LETTERS.match(w)) for w in LETTER_RUNS.findall(s.text)
    )
    english = sum(w in ENGLISH and not (foreign and w in SHARED) for w in words)
    return (
        (len(words) >= 6 and not english)
        or foreign >= max(2, english)
        or (len(words) >= 4 and foreign > 0 and not english)
    )


RULES: tuple[Rule[str, Text], ...] = (
    Rule(
        "no-sentence-start",
        "does not start like a sentence",
        lambda s: not SENTENCE_START.match(s.text),
        catches=("to reopen the northern quay failed.", "and injured four workers."),
        passes=("12 dockers walked out on Monday.", "“We will not reopen,” harbour master Lena Ortiz said."),
    ),
    Rule(
        "not-english",
        "not in English (the models are English-only)",
        not_english,
        catches=(
            "Der Hafen soll wieder geöffnet werden und ist für Kräne gesperrt.",
            "Isso porque nosso porto fechou.",
            "Setelah badai kapal berlayar.",
        ),
        passes=("Jürgen Müller and Björn Vogt inspected the cranes on Monday.", "Prices rose in Vigo in May."),
    ),
    Rule(
        "question",
        "a question, not a statement",
        lambda s: bool(QUESTION_END.search(s.text)),
        catches=("Who will pay for the repairs?", "Was the crane ever inspected?"),
        passes=("Why the crane collapsed is still unclear to the port authority and the dockers' union.",),
    ),
    Rule(
        "no-sentence-end",
        "does not end like a sentence",
        lambda s: not SENTENCE_END.search(s.text) or bool(TITLE_END.search(s.text) or DASH_END.search(s.text)),
        catches=(
            "Crane collapse closes port",
            "The court freed Cmndr.",
            "The crane collapse closed the port loading video... loading video...",
            "The harbour master walked along the quay in one of her rare public outings yet -.",
        ),
        passes=("Cmdr. Ana Ruiz freed the crew of the ferry.", "The crane fell onto two ships in Vigo - again."),
    ),
    Rule(
        "parenthetical-aside",
        "an aside in parentheses to the sentence before it",
        lambda s: s.text.startswith("(") and s.text.rstrip(".!\"”’'").endswith(")"),
        catches=("(Ortiz, it is worth noting, had warned the board about the cranes in 2019.)",),
        passes=("The inspector (a former crane driver) found the crack on Friday.",),
    ),
    Rule(
        "demonstrative-opening",
        "leans on a sentence that is not there (opens with a demonstrative)",
        lambda s: not s.quoted_opening and bool(DEMONSTRATIVE.match(s.text)),
        catches=("That's $146,127 per year.", "This means the quay stays shut until May."),
        passes=("It took four hours to lift the crane.", "“That is not true,” harbour master Lena Ortiz said."),
    ),
    Rule(
        "heading",
        "page furniture (a heading glued to the sentence under it)",
        lambda s: bool(HEADING.match(s.text)),
        catches=(
            "Summary Crews can cut crane repair costs by checking the cables every month.",
            "TODAY Vigo couple Ana Ruiz and Tomas Vidal are suing the harbour's ferry company.",
            "Advertisement Some dockers are pretty serious about crane safety.",
        ),
        passes=(
            "Breaking Bad star Ana Ruiz opened the harbour festival on Monday.",
            "Update on the quay: the port authority reopened it on Monday.",
        ),
    ),
    Rule(
        "glued-lines",
        "two lines of a page run together (no stop between them)",
        lambda s: bool(GLUED.search(s.text)),
        catches=(
            "Vigo paid the fee for crane driver Tomas Vidal This has freed a place for a new driver at the quay.",
            "HARBOUR Cranes The two oldest cranes on the quay were taken down on Monday.",
            "The crane driver climbed down at the end of his shift The port then closed for the night.",
        ),
        passes=(
            "The court in The Hague will rule on the harbour dispute in May.",
            "Harbour master Lena Ortiz told The New York Times that the quay would reopen.",
            "The harbour show Love It or Lose It is filmed on the quay.",
        ),
    ),
    Rule(
        "web-pointer",
        "page furniture (a pointer to a web page)",
        lambda s: bool(POINTER.search(s.text)),
        catches=(
            "The full crane inspection records can be found on harbour.gov.",
            "Crane tours run every Saturday in May at the quay; www.vigoharbour.es.",
        ),
        passes=("The crane's plans can be found in the council's archive, the port said.",),
    ),
    Rule(
        "measure",
        "leans on a sentence that is not there (a measure of what?)",
        lambda s: bool(MEASURE.match(s.text)),
        catches=("A quarter cup is roughly 30 calories.",),
        passes=("A cup of coffee costs two euros at the quay café.",),
    ),
    Rule(
        "list-item",
        "an item of a list ('Name: ...'), not a sentence",
        lambda s: bool(LABEL.match(s.text)),
        catches=(
            "Tomas Vidal: A crane driver who never misses a shift, and knows every bolt.",
            "Galicia: Harbour master Lena Ortiz has reached her two-term limit.",
            # a line of an interview transcript: page-furniture says so too, asked later
            "A: The night ferry to Vigo, when the whole crew sang at the quay.",
        ),
        passes=("Update on the quay: the port authority reopened it on Monday.",),
    ),
    Rule(
        "small-print",
        "page furniture (a shop's small print or a heading)",
        lambda s: bool(SMALL_PRINT.search(s.text)),
        catches=(
            "Batteries and the charging cable are not included.",
            "Crane tour prices are subject to change.",
            "Why the new quay design is promising.",
            "Following are the port authority's answers to the union's questions.",
            "Today’s deal is a $20 price break on the harbour tour and a return to its lowest price.",
        ),
        passes=("Why the crane collapsed is still unclear to the port authority and the dockers' union.",),
    ),
    Rule(
        "open-parenthesis",
        "part of a parenthesis that runs over several sentences",
        lambda s: s.text.count("(") != s.text.count(")"),
        catches=("A second crane was checked by the same inspector (the report is due in May.",),
        passes=("The inspector (a former crane driver) found the crack on Friday.",),
    ),
    Rule(
        "page-furniture",
        "page furniture (a dateline marker, a correction notice, a Q&A line or a results-table line)",
        lambda s: bool(FURNITURE.search(s.text)),
        catches=(
            "Vigo >> Port reopens after collapse.",
            "Harbour (2-1): Tomas Vidal 3 goals, 1 assist.",
            "Correction added Nov. 2, 2024: An earlier caption gave the wrong date for the collapse.",
        ),
        passes=("The dock team scored 3 goals in the charity final, the organisers said.",),
    ),
    Rule(
        "caption",
        "a photo caption (what a picture shows, in the present tense)",
        lambda s: bool(CAPTION.search(s.outside)),
        catches=(
            "Harbour master Lena Ortiz is pictured at the quay in Vigo.",
            "Tomas Vidal is escorted from the harbour office by police yesterday.",
        ),
        passes=(
            "The crane is seen as the oldest on the coast, inspectors said last week.",
            "Union leader Tomas Vidal is shown the cracked base by inspectors.",
            "Harbour master Lena Ortiz (pictured) reopened the quay on Monday.",
        ),
    ),
    Rule(
        "imperative",
        NO_SUBJECT,
        lambda s: bool(IMPERATIVE.match(s.text)),
        catches=(
            "Shop our full range of quay gear today.",
            "Includes a two-year warranty.",
            "Let the paint dry for about two hours before the second coat.",
            "Pro tip: Check the crane tags before you lift.",
            "Wash, dry and oil the crane hooks before winter.",
        ),
        passes=("Heat from the fire buckled the crane's arm.", "Police arrested two men."),
    ),
    Rule(
        "vocative",
        NO_SUBJECT,
        lambda s: bool(VOCATIVE.match(s.text)),
        catches=("Harbour fans, get ready for the new quay.",),
        passes=("Harbour fans, the quay reopens on Monday.",),
    ),
)
