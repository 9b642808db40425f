"""Which sentences may head a cluster: each kind of sentence that cannot stand alone, in our own words."""

import pytest

from pipeline.stages.standalone import problem, standalone

STANDS_ALONE = [
    "The port authority closed the northern terminal on Tuesday after a crane collapsed.",
    "Four dock workers were injured when a crane fell onto two cargo ships, the port authority said.",
    "“We will not reopen until every crane is inspected,” harbour master Lena Ortiz told reporters.",
    "Mayor Ana Ruiz called the collapse “a warning we cannot ignore” in a statement on Wednesday.",
    "The storm, which reached 120 km/h, flooded the coastal road, according to the weather service.",
    "Engineers found a crack in the crane's base, the council said on Friday.",
    "Lena Ortiz never received the inspection report before the storm.",
    "Ortiz smiled as she heard the council vote to rebuild the quay.",
    "If Ortiz and the council cannot agree by Friday, they will ask the courts to decide.",
    "Lena Ortiz runs the harbour office, where she says the mood is tense.",
    "Video from the quay clearly shows the crane's base splitting.",
    "Following the collapse, the union called a one-day strike over safety.",
    "The inspector said that cranes older than 30 years would be replaced this year.",
    "The union will meet port managers this week to discuss the crane that failed.",
    "One worker was taken to hospital with a broken arm.",
    "Rescuers said the diver made it.",
    "Last week the council rejected the union's demands.",
    "Police arrested two men.",
    "Updated safety rules for cranes take effect in May, the port authority said.",
    "Update on the quay: the port authority reopened it on Monday.",
    "Los Angeles port director Ana Ruiz said the quay would reopen.",
    "José Eduardo dos Santos opened the new quay in 2014.",
    "The dock team scored 3 goals in the charity final, the organisers said.",
    # "It" that stands for nothing, and an exclamation inside a quotation
    "“It's time to rebuild the quay properly,” harbour master Lena Ortiz said.",
    "“It is clear that the cranes were never checked,” Mayor Ana Ruiz said.",
    "Union leader Tomas Vidal shouted “Stop the cranes!” at the board meeting.",
    "Why the crane collapsed is still unclear to the port authority and the dockers' union.",
    "The dockers say harbour master Lena Ortiz is their ally.",
    "“These cranes were built for lighter ships,” harbour master Lena Ortiz said.",
    "According to the port authority, the quay will reopen in May.",
    "The crane is seen as the oldest on the coast, inspectors said last week.",
    "Union leader Tomas Vidal is shown the cracked base by inspectors.",
    "The council rejected that the cranes were unsafe, the minutes show.",  # a clause, however rare
    "Harbour master Lena Ortiz said Thursday that the quay would reopen.",
    "Two dockers were hurt police said.",  # a comma missing, a statement all the same
    "The crane probably failed at its base, inspectors said.",  # a guess, but theirs
    "Lena Ortiz, the harbour master, said the crane had passed its inspection.",
    "The inspector (a former crane driver) found the crack on Friday.",
    # whole single-quoted quotations, scare quotes and apostrophes
    "‘We will not reopen the quay,’ Ortiz told the council.",
    "The union called the workers' new contract a 'fair deal.'",
    "Ortiz's deputy said the dockers' union had backed the plan.",
    "The answer to the union's letter came from the harbour master on Monday.",
    "Jürgen Müller and Björn Vogt inspected the cranes on Monday.",
    "Even as the storm grew, the port authority kept the quay open.",
    # a name before the comma is the pronoun's antecedent; an acronym beside it does not change that
    "After the IMO named Lena Ortiz its envoy, she thanked the dockers.",
    "Harbour master Lena Ortiz (pictured) reopened the quay on Monday.",
    "Ortiz said the union would be here to stay, the port authority reported.",
    # names that begin with a heading's word, titles that end in "It", an English "in"
    "Breaking Bad star Ana Ruiz opened the harbour festival on Monday.",
    "Related Companies will rebuild the quay, the council said.",
    "The harbour show Love It or Lose It is filmed on the quay.",
    "Prices rose in Vigo in May.",
    "The port's new crane data will be published in May, the authority said.",
    "The court in The Hague will rule on the harbour dispute in May.",
    "The port expects to hire 40 dockers over the next year.",
    "The crane fell on Monday and the quay reopened the next day.",
    "Harbour master Lena Ortiz told The New York Times that the quay would reopen.",
    "Only one crane was still standing, and Vidal was the one who found the crack.",
]

CANNOT = {
    "fragment": [
        "to reopen the northern quay failed.",
        "terminal and the Northern Quay.",
        "The court freed Cmndr.",
        "and injured four workers.",
    ],
    "no sentence end": [
        "Crane collapse closes port",
        "Photo: the crane after the storm",
        "Crane collapse closes port loading video... loading video...",
    ],
    "not English": [
        "Aqui você encontra sempre a tabela completa do torneio de vela!",
        "Marta: Por sua conta, Tomas.",
        "Der Hafen soll wieder geöffnet werden und ist für Kräne gesperrt.",
        "Foi para o porto que as equipes seguiram as ordens.",
        "Semoga kita semua bisa memahami dan mengamalkan Qur’an ini.",
        "Seit Jahren betreiben wir mehr als zehn Kräne in Vigo und Porto.",
        "Isso porque nosso porto fechou.",
        "Durch unnötige Prüfungen entstehen jährlich hohe Kosten in Vigo.",
    ],
    "page furniture or a caption": [
        "Shop our full range of quay gear today.",
        "Includes a two-year warranty.",
        "Click here to read the full report.",
        "Highly recommended for anyone who works on a quay.",
        "Look for cranes with a green inspection tag.",
        "Harbour fans, get ready for the new quay.",
        "Let the paint dry for about two hours before the second coat.",
        "Vigo >> Port reopens after collapse.",
        "Harbour (2-1): Tomas Vidal 3 goals, 1 assist.",
        "Pro tip: Check the crane tags before you lift.",
        "Ships with a spare cable and a two-year warranty.",
        "Correction added Nov. 2, 2024: An earlier caption gave the wrong date for the collapse.",
        "If you run a quay, great — but inspect your cranes first.",
        "A: The night ferry to Vigo, when the whole crew sang at the quay.",
        "Q: What was your best day at the port?",
    ],
    "question": ["Who will pay for the repairs?", "Was the crane ever inspected?"],
    "leans on a missing sentence": [
        "Hours earlier, the port authority had warned of high winds.",
        "He rang the office again but nobody at the quay answered.",
        "That's $146,127 per year.",
        "Marta never received that letter.",
        "The council approved the budget despite that warning.",
        "However, the union disputes the account.",
        "They also said the terminal would stay closed.",
        "The two officials disagreed on who had ordered the inspection.",
        "Both sides have started investigations.",
        "The agreement will make Ortiz harbour master until 2030.",
        "In principle, this made cheaper repairs at the quay possible.",
        "Drinking all that water kept the crews awake through the night.",
        "The findings are likely to bolster the union's case against the port.",
        "The harbour master, however, rejected that.",
        "Eventually, the council caught up with the port's plans.",
        "At the time, the authority called the crane safe.",
        "The minister fled the city and did not return until the spring.",
        "After a three-day standoff, they agreed to reopen the southern quay.",
        "On arriving at the IMO meeting, she said, “It has been a hard week.”",
        "The port authority has also confirmed the collapse.",
        "Two unions also called for an inquiry.",
        "Whether you arrive by ferry or by road, a permit is a must here.",
        "On Tuesday, her lawyer said the harbour master would appeal the fine.",
        "The official said the crane had passed every inspection.",
        "One was lifted clear of the water by Friday.",
        "Which is why the port hired a second inspector.",
        "The harbour board has denied it.",
        "Safety rules have been tightened ever since.",
        "The only other crane on the quay was undamaged.",
        "Last week it rejected the union's demands.",
        "Here the quay narrows to a single lane.",
        "Thanks for the update on the cranes, Marta.",
        "Even though she retired last year she still inspects the cranes every week.",
        "The situation at the quay can worsen if the union strikes again.",
        "Of the two, only Ortiz will speak at the hearing.",
        "The simple answer is that old cranes need a new inspection regime.",
        "A second harbour official says the quay will reopen in May.",
        "Even the harbour master kept a spare key in her desk.",
        "Even so, the union voted to end the strike.",
        "The crane driver climbed into that cab every morning for twenty years.",
        "A union leader fleeing the strike-breakers arrived here Wednesday and asked for protection.",
        "(Ortiz, it is worth noting, had warned the board about the cranes in 2019.)",
    ],
    "quote without a speaker": [
        "“We will not reopen until every crane has been inspected and certified.”",
        "I have warned the harbour board about crane safety many times.",
        '"The base was cracked and nobody checked it," she said.',
        '"Nobody checked the base for years," he told the newspaper.',
        "“The collapse was predictable, and the warnings were ignored for months.",
        "‘We will not reopen the quay until every single crane is checked.’",
        # single quotes, half a quotation either way
        "‘We will not reopen the quay until every crane is checked, Ortiz told the council.",
        "I will not sign the harbour permits again until the cranes are fixed.’",
        "Nobody on the quay believed the cranes were safe any more.'",
    ],
    "pronoun or vague speaker": [
        "An inquiry is being carried out by the port, it said.",
        "The cranes had not been checked since 2019, the statement said.",
        "The harbour board has sent “a clear warning to every crane owner on the coast,” the paper said.",
        "“Everyone on the docks keeps asking whether the quay will close for good,”"
        " she told the harbour council in Vigo.",
        "“It is a harbour tradition to bless the cranes in May,” the statement begins.",
    ],
    "opinion given as fact": [
        "Under the pretext of safety, the authority mainly punishes small operators.",
        "The so-called inspection regime is obviously a failure.",
        "No doubt the new quay looks far safer than the old one.",
        # a reviewer's verdict in the outlet's voice
        "The dockers in the documentary are immensely likable.",
        "The harbour company's fall from the top has been a spectacular one.",
        "The fireworks over the quay were breathtaking and the crowd was amazing.",
        "The port authority's new safety plan is a bizarre document.",
        "Crane firms of that size are probably minor players on the coast.",
        "Vidal calls himself a crane man, and damn, he climbs those cranes fast.",
    ],
    "small print, a heading, half a parenthesis": [
        "Batteries and the charging cable are not included.",
        "Crane tour prices are subject to change.",
        "Why the new quay design is promising.",
        "A second crane was checked by the same inspector (the report is due in May.",
    ],
    "said, but nothing said; a list announced": [
        "Harbour master Lena Ortiz said Thursday.",
        "Following are the port authority's answers to the union's questions.",
    ],
    "did it, won it": [
        "The council rejected that proposal at its meeting on Friday.",
        "Vidal won it when his crew finished the last lift a minute early.",
        "Ortiz, who did it twice in 2019, will inspect the cranes again.",
        "Since that storm the harbour master has kept a spare generator on the quay.",
    ],
    "a source and no statement; 'that's' after a scene": [
        "According to the harbour master's memoir-a book she says she never finished.",
        "After the storm, that's when the cranes began to lean.",
    ],
    "whose?": ["Union leader Tomas Vidal is his opponent.", "Former harbour master Ana Ruiz was her deputy."],
    "caption, cut off": [
        "Harbour master Lena Ortiz is pictured at the quay in Vigo.",
        "Tomas Vidal is escorted from the harbour office by police yesterday.",
        "The harbour master walked along the quay in one of her rare public outings yet -.",
    ],
    "item of a list": [
        "Tomas Vidal: A crane driver who never misses a shift, and knows every bolt.",
        "Galicia: Harbour master Lena Ortiz has reached her two-term limit.",
    ],
    "exclamation": [
        "The new quay opens to visitors this Saturday!",
        "Hundreds of people came to see the first ship dock at the rebuilt quay!",
    ],
    "quotation that opens with a pronoun": [
        "“That's the real problem,” harbour master Lena Ortiz said.",
        "“It has clearly been damaged for years,” one crane inspector told the council.",
        '"It\'s going to cost the port millions," said union leader Tomas Vidal.',
        "“They were warned twice and did nothing,” Mayor Ana Ruiz said.",
        "“My crew is with them,” said crane driver Tomas Vidal.",
    ],
    "a heading, a pointer, lines run together": [
        "Summary Crews can cut crane repair costs by checking the cables every month.",
        "TODAY Vigo couple Ana Ruiz and Tomas Vidal are suing the harbour's ferry company.",
        "Advertisement Some dockers are pretty serious about crane safety.",
        "Vigo paid the fee for crane driver Tomas Vidal This has freed a place for a new driver at the quay.",
        "The full crane inspection records can be found on harbour.gov.",
        "Crane tours run every Saturday in May at the quay; www.vigoharbour.es.",
        "HARBOUR Cranes The two oldest cranes on the quay were taken down on Monday.",
        "The crane driver climbed down at the end of his shift The port then closed for the night.",
    ],
    "a shop's deal, a measure of what": [
        "Today’s deal is a $20 price break on the harbour tour and a return to its lowest price.",
        "Free shipping is offered on every crane model.",
        "A quarter cup is roughly 30 calories.",
    ],
    "a writer's verdict, a pointer after a scene": [
        "The council's harbour plan is incoherent.",
        "Unsurprisingly, the new crane looks much like the old one.",
        "In hindsight, that inspection of the cranes made a lot of sense.",
        "Normally, that would be a sign of a busy port.",
        "Maybe the crane was tired of the storms; perhaps its cable was old.",
        "The complaint concerned a crane check carried out the previous December.",
        "The harbour office reopened the next morning.",
        "Wash, dry and oil the crane hooks before winter.",
        "Wash and oil the crane hooks before winter.",
        "Usually selling for $90, today’s offer on the crane model is $20 off.",
    ],
    "one of what, whose opponent, a pronoun speaker with an adverb": [
        "Vidal is not wearing one.",
        "One would require every crane to carry a second cable.",
        "Harbour pilot Ana Ruiz is his opponent, as she was last year.",
        "“We will not stop the strike,” he reportedly said on Sunday.",
    ],
    "another language": [
        "Im Hafen liegen die Kräne in Reihen vor – sei es in Vigo oder in Porto.",
        "Setelah badai kapal berlayar.",
        "Pelabuhan itu sudah ditutup karena mereka harus memeriksa derek.",
        "In der Nacht haben bereits einige Kräne im Hafen nicht mehr funktioniert.",
    ],
}


@pytest.mark.parametrize("text", STANDS_ALONE)
def test_ordinary_news_sentences_stand_alone(text):
    assert problem(text) is None and standalone(text)


@pytest.mark.parametrize("kind, text", [(k, t) for k, texts in CANNOT.items() for t in texts])
def test_sentences_that_cannot_stand_alone_say_why(kind, text):
    reason = problem(text)
    assert reason is not None, kind
    assert not standalone(text)


def test_wire_quotes_count_as_quotes():
    assert problem("``We will not reopen,'' harbour master Lena Ortiz said on Tuesday.") is None
    assert problem("``We will not reopen until every crane has been inspected.") is not None


def test_an_opening_must_name_its_subject_after_a_leading_clause_too():
    from pipeline.stages.standalone import lead_problem

    assert lead_problem("While the plans have changed, the agency still says the quay will reopen.")
    assert lead_problem("While the Vigo port revised its plans, the agency still says the quay will reopen.") is None
    assert lead_problem("After the storm passed, the death toll from the collapse rose to four.") is None


def test_an_opening_says_who_him_or_them_is():
    from pipeline.stages.standalone import lead_problem

    assert lead_problem("A bad cold kept him away from the harbour meeting on Monday.")
    assert lead_problem("Engineers are only beginning to understand them, but the cranes are old.")
    assert lead_problem("Vidal, 67, has a cold that kept him away from the harbour meeting.") is None
    assert lead_problem("The removal of old cranes means taking them apart at the quay.") is None  # a plural before
    assert lead_problem("Ortiz's deputy drove him to the harbour office.") is None
    # later in a brief, the sentence above says who
    assert problem("A bad cold kept him away from the harbour meeting on Monday.") is None
    # Later in a brief, where the agency has been named, the same sentence stands.
    assert problem("While the plans have changed, the agency still says the quay will reopen.") is None


def test_a_subject_that_names_nothing_needs_a_sentence_above_that_says_what_it_is():
    from pipeline.stages.standalone import brief_problems
    from pipeline.stages.subjects import subject_words

    assert subject_words("The lawsuit seeks $5 million in damages.") == {"lawsuit", "seek"}
    assert subject_words("The old quay walls were washed away.") == {"old", "quay", "wall"}
    assert subject_words("The death toll from the collapse rose to four.") == frozenset()  # says of what
    assert subject_words("The Vigo port reopened.") == frozenset()  # named
    assert subject_words("The elections are Nov. 3.") == {"election"}  # a date after the verb names nothing
    # What a speaker is reported to say: its subject too must have been said ("which barge?").
    assert subject_words("Port police stated that the barge had ignored the signals.") == {"barge"}
    assert subject_words("Port police said the Vigo barge had ignored the signals.") == frozenset()  # named
    assert subject_words("The lawsuit states that the crane was never inspected.") == frozenset()  # its own
    opening = "Dockers in Vigo filed a lawsuit against the port authority on Monday."
    assert brief_problems([opening, "The lawsuit seeks $5 million in damages."]) == [None, None]
    assert brief_problems([opening, "The band played until midnight.", "The lawsuits were joined."])[1]
    # A word of the same family says it too; a shared start of a few letters does not.
    assert (
        brief_problems(["A volcanic blast near Vigo threw ash over the quay.", "The volcano is 30 km from the port."])[
            1
        ]
        is None
    )
    assert brief_problems(["Dockers in Vigo filed a lawsuit.", "The lawyers met the mayor at midnight."])[1]
    # A hyphenated word says its parts: "a 12-page summary" after "the pages of the report".
    assert (
        brief_problems(["Officials cut the pages of the crane report.", "The 12-page summary left out the crack."])[1]
        is None
    )
    # A scene set by a thing: "On the video, ..." needs the video said before.
    assert subject_words("On the video, the port police said, a man climbs the crane.") == {"video"}
    assert subject_words("In the meantime, the port police closed the quay.") == frozenset()
    assert subject_words("In the long run, the port will need new cranes.") == frozenset()
    assert brief_problems([opening, "On the video, the port police said, a man climbs the crane."])[1]
    # Said later is said too late: a reader meets the sentences in order.
    late = brief_problems(
        ["A crane collapsed in Vigo on Tuesday.", "The lawsuit seeks $5 million in damages.", opening]
    )
    assert late[1] and "subject" in late[1] and late[2] is None
