"""Who is "Ortiz"? Surnames learnt from the incident's own articles; a brief introduces a person first."""

from pipeline.stages.fullnames import confirmed, read_people, verb_given
from pipeline.stages.names import introduce_first, mentions, name_in_full, people, surnames, unintroduced
from pipeline.stages.standalone import brief_problems

ARTICLES = [
    "Harbour master Lena Ortiz closed the quay on Tuesday.",
    "The crane was built by Kessler Werke in 1990, said Mr. Dunmore, the port's engineer.",
    "Inspector Halvorsen found a crack in its base.",
    "Ships were diverted from Vigo to Porto.",
    "In Porto, cargo piled up for days.",
    "Dock Workers Praise Ortiz Over Swift Closure",  # a headline: its capitals prove nothing
    "Dockers cheered Praise.",
]


def test_surnames_follow_a_given_name_or_a_title_in_the_articles():
    known = surnames(ARTICLES)
    assert {"Ortiz", "Dunmore", "Halvorsen"} <= known
    # Places and sentence openers are not surnames: "In Porto", "from Vigo".
    assert not {"Porto", "Vigo", "Ships", "Praise"} & known


def test_mentions_tell_an_introduction_from_a_bare_surname():
    known = surnames(ARTICLES)
    assert mentions("Harbour master Lena Ortiz spoke.", known) == ({"Ortiz"}, frozenset())
    assert mentions("Inspector Halvorsen spoke.", known) == ({"Halvorsen"}, frozenset())
    assert mentions("Ortiz's order closed the quay.", known) == (frozenset(), {"Ortiz"})
    assert mentions("The quay was closed, said Ortiz.", known) == (frozenset(), {"Ortiz"})
    assert mentions("Mr. Dunmore blamed the weather.", known) == (frozenset(), {"Dunmore"})  # "Mr." says not who
    assert mentions("“Ortiz is right,” a docker said.", known) == (frozenset(), frozenset())  # inside a quote
    assert mentions("Ships left Porto.", known) == (frozenset(), frozenset())


def test_brief_order_decides_whether_a_surname_is_introduced():
    known = surnames(ARTICLES)
    texts = ["Ortiz closed the quay.", "Harbour master Lena Ortiz blamed the storm."]
    assert unintroduced(texts, known) == [{"Ortiz"}, frozenset()]
    assert unintroduced(texts[::-1], known) == [frozenset(), frozenset()]
    reasons = brief_problems(texts, known)
    assert reasons[0] and "surname" in reasons[0] and reasons[1] is None


def test_introduce_first_moves_a_sentence_after_its_introduction_and_drops_one_never_introduced():
    known = surnames(ARTICLES)
    texts = [
        "A crane collapsed at the port on Tuesday.",
        "Ortiz closed the quay.",
        "Four workers were hurt.",
        "Harbour master Lena Ortiz blamed the storm.",
        "Halvorsen found a crack.",
    ]
    order, written_texts, written, dropped = introduce_first(texts, known)
    assert order == [0, 2, 3, 1]
    assert dropped == [4]
    assert written_texts == texts and written == [[]] * 5


def test_introduce_first_writes_a_full_name_in_where_it_can_and_a_dropped_sentence_introduces_no_one():
    known, full = people(ARTICLES)
    texts = [
        "Ortiz closed the quay.",
        "Dock officials met Mr. Dunmore and Harbour master Lena Ortiz.",
        "Ortiz said no.",
    ]
    order, out, written, dropped = introduce_first(texts, known, full)
    # The first is written in full; the second names Dunmore by courtesy title only: dropped,
    # and its introduction of Ortiz does not count (the third needed none by then anyway).
    assert out[0] == "Lena Ortiz closed the quay." and written[0] == ["Lena Ortiz"]
    assert order == [0, 2] and dropped == [1]


def test_the_first_sentence_of_a_brief_must_open_it():
    assert brief_problems(["The crane fell onto two ships.", "A crane collapsed in Vigo."])[0]
    assert brief_problems(["A crane collapsed in Vigo.", "The crane fell onto two ships."]) == [None, None]


def test_a_full_name_needs_a_person_and_one_given_name():
    articles = ARTICLES + [
        "Five Dockers were hurt.",
        "Besides Vigo and Porto, the ports reopened.",
        "Officers found Ana Ullestad, 25, and Rui Ullestad, 22, on the quay.",
    ]
    known, full = people(articles)
    assert full["Ortiz"] == "Lena Ortiz"
    assert "Ullestad" in known and "Ullestad" not in full  # two people: no guess
    assert not {"Dockers", "Vigo"} & known  # no person cue: "Five Dockers", "Besides Vigo"


def test_name_in_full_writes_the_first_bare_use_and_leaves_quotes_alone():
    known, full = people(ARTICLES)
    assert name_in_full("Ortiz's order closed the quay, Ortiz said.", known, set(), full) == (
        "Lena Ortiz's order closed the quay, Ortiz said.",
        ["Lena Ortiz"],
    )
    assert name_in_full("“Ortiz was right,” a docker said.", known, set(), full) == (
        "“Ortiz was right,” a docker said.",
        [],
    )
    assert name_in_full("Ortiz closed the quay.", known, {"Ortiz"}, full) == ("Ortiz closed the quay.", [])


def test_cite_names_cites_where_the_articles_give_the_name():
    from pipeline.stages.arrange import cite_names
    from pipeline.types import BriefSentence, Sentence, SourceSpan

    intro = "Harbour master Lena Ortiz closed the quay on Tuesday."
    pool = [Sentence("d1:0", "d1", 0, len(intro), intro), Sentence("d2:0", "d2", 0, 22, "Ortiz closed the quay.")]
    paths = {"d1": "a.txt", "d2": "b.txt"}
    cited = SourceSpan("d2", "b.txt", 0, 22, 0.9)
    s = BriefSentence("Ortiz closed the quay.", 0, "extracted", (cited,))
    named = cite_names(s, "Lena Ortiz closed the quay.", ["Lena Ortiz"], pool, paths)
    assert named.text == "Lena Ortiz closed the quay." and named.method == "fused"
    assert named.sources == (cited, SourceSpan("d1", "a.txt", 0, len(intro), 1.0))
    assert cite_names(s, s.text, [], pool, paths) is s
    both = cite_names(s, "Lena Ortiz and Lena Ortiz closed the quay.", ["Lena Ortiz", "Lena Ortiz"], pool, paths)
    assert len(both.sources) == 2  # one citation for two names from the same sentence


def test_a_surname_after_a_preposition_of_place_may_be_the_place_and_is_left_alone():
    full = {"Jordan": "Ana Jordan"}
    known = frozenset(full)
    assert name_in_full("Troops massed in Jordan on Monday.", known, set(), full) == (
        "Troops massed in Jordan on Monday.",
        [],
    )
    assert name_in_full("The board named Jordan chair.", known, set(), full) == (
        "The board named Ana Jordan chair.",
        ["Ana Jordan"],
    )


def test_a_given_name_the_articles_use_alone_is_a_name_to_introduce():
    articles = [
        "Opposition leader Anwar Osman, 51, was arrested on Sunday.",
        "Anwar said the police beat him.",
        "News that the port had closed spread fast.",
        "Reporters at the News Desk said little.",
    ]
    known, full = people(articles)
    assert full["Anwar"] == "Anwar Osman"  # "Anwar said": the articles call him so
    assert "News" not in full  # never said of alone: a capitalised word, not a person
    assert (
        name_in_full("Anwar said the police beat him.", known, set(), full)[0]
        == "Anwar Osman said the police beat him."
    )
    # The full name introduces the given name too.
    assert unintroduced(["Anwar Osman was arrested.", "Anwar said no."], known) == [frozenset(), frozenset()]


def test_introduce_first_also_waits_for_what_a_vague_subject_stands_for():
    texts = [
        "A crane collapsed at the port of Vigo on Tuesday.",
        "The lawsuit seeks $5 million in damages.",
        "Four dockers filed a lawsuit against the port authority.",
        "The choir sang until midnight.",
    ]
    order, out, written, dropped = introduce_first(texts, frozenset())
    assert order == [0, 2, 1] and dropped == [3]
    # The opening sentence is the selection's to judge, never held back here.
    assert introduce_first(texts[1:3], frozenset())[0] == [0, 1]


def test_a_full_name_is_never_written_over_its_own_first_words():
    # The articles give "Omar bin Sayed"; a sentence that already says "bin Sayed" must not
    # become "bin Omar bin Sayed", nor "Omar bin" -> "Omar bin Omar bin Sayed".
    known, full = frozenset({"Sayed"}), {"Sayed": "Omar bin Sayed"}
    for text in ("Officials said bin Sayed left the city.", "Officials said Omar bin Sayed left the city."):
        written, done = name_in_full(text, known, set(), full)
        assert written == text and done == []
    assert name_in_full("Officials said Sayed left the city.", known, set(), full)[0] == (
        "Officials said Omar bin Sayed left the city."
    )


def test_a_later_bare_mention_with_a_cue_makes_a_given_name_pair_a_person():
    # The full name comes with no cue ("sentenced Ana Ruiz-Vidal of Vigo"); the cue comes later,
    # at the bare surname (", who ..."). A pair split over two lines is no name.
    articles = [
        "A judge sentenced Ana Ruiz-Vidal of Vigo to six months of probation.",
        "Ruiz-Vidal, who pleaded guilty, said she did not know the rule.",
        "Ships left for the Sunshine State\nHalvor was the first to leave.",
        "Halvor, who led the convoy, said the sea was calm.",
    ]
    known, full = people(articles)
    assert full["Ruiz-Vidal"] == "Ana Ruiz-Vidal"
    assert name_in_full("Ruiz-Vidal was arrested in July.", known, set(), full)[0] == (
        "Ana Ruiz-Vidal was arrested in July."
    )
    assert "Halvor" not in full  # "State\nHalvor": a line apart
    # Without the later cue, "Ana Ruiz-Vidal of Vigo" alone proves nothing.
    assert "Ruiz-Vidal" not in people(articles[:1])[0]


def test_a_surname_ends_the_name_so_a_middle_name_or_suffix_is_no_surname():
    texts = [
        "Union organiser Peter Lund Haraldsen said the vote was close.",
        "Haraldsen said the count would be repeated.",
        "Retired teacher Tom Baxter Jr. said the hall was full.",
        "Prime Minister Anwar Rahim called the result fair.",  # after a title the word stays a name
        "Anwar said he would meet the union.",
    ]
    known, full = people(texts)
    assert not {"Lund", "Jr"} & known
    assert {"Haraldsen", "Baxter", "Anwar"} <= known
    assert full["Haraldsen"] == "Peter Lund Haraldsen" and full["Baxter"] == "Tom Baxter"
    assert "Lund" not in full and "Jr" not in full


def fake_tagger(spans: dict[str, list[tuple[str, str]]]):
    """A tagger that marks the given (words, label) pairs where they occur in each text."""

    def tag(texts):
        out = []
        for text in texts:
            found = []
            for words, label in spans.get(text, []):
                start = text.find(words)
                found.append((start, start + len(words), label))
            out.append(found)
        return out

    return tag


def test_confirmed_cuts_a_title_or_nationality_the_tagger_marks_and_nothing_else():
    title = "Talks were led by Secretary of State Helen Marsh on Monday."
    demonym = "Ukrainian Oleh Marchuk, a welder, was hurt."
    whole = "Pilot Ana Luisa Ferreira, 51, said the tower went quiet."
    full = {"Marsh": "State Helen Marsh", "Marchuk": "Ukrainian Oleh Marchuk", "Ferreira": "Ana Luisa Ferreira"}
    tagger = fake_tagger(
        {
            title: [("State", "ORG"), ("Helen Marsh", "PERSON")],
            demonym: [("Ukrainian", "NORP"), ("Oleh Marchuk", "PERSON")],
            # The tagger's person starts late, but "Ana" is tagged as nothing else: no cut.
            whole: [("Luisa Ferreira", "PERSON")],
        }
    )
    assert confirmed(full, [title, demonym, whole], tagger) == {
        "Marsh": "Helen Marsh",
        "Marchuk": "Oleh Marchuk",
        "Ferreira": "Ana Luisa Ferreira",
    }
    # Given whole in one place, the name stands; never tagged, it stands too.
    again = "State Helen Marsh arrived."
    tagger = fake_tagger(
        {title: [("State", "ORG"), ("Helen Marsh", "PERSON")], again: [("State Helen Marsh", "PERSON")]}
    )
    assert confirmed({"Marsh": "State Helen Marsh"}, [again, title], tagger) == {"Marsh": "State Helen Marsh"}
    assert confirmed({"Marsh": "State Helen Marsh"}, [title], fake_tagger({})) == {"Marsh": "State Helen Marsh"}


def test_confirmed_with_the_real_tagger_drops_the_title_word():
    from pipeline.stages.parser import entities

    texts = ["The talks were led by Secretary of State Helen Marsh, who flew in on Monday.", "Marsh said little."]
    known, full = people(texts)
    assert full["Marsh"] == "State Helen Marsh"  # what the model-free scan reads
    assert confirmed(full, texts, entities)["Marsh"] == "Helen Marsh"


def test_a_given_name_the_tagger_reads_as_a_verb_makes_no_surname():
    # A sentence's first word is capitalised whatever it is: a participle before a module's name
    # looks like a given name to the scan, and the module's later ", a ..." looks like a cue.
    texts = [
        "Reaching Kestrel early, Capt. Ana Ruiz of the Navy, the crew chief, checked the hatch.",
        "The tug had to dock with Kestrel, a fuel depot that was launched in May.",
        "Mark Baird, a rancher, said the fire came fast.",
        "Baird said he lost forty head of cattle.",
    ]
    known, full = people(texts)
    assert full["Kestrel"] == "Reaching Kestrel" and full["Baird"] == "Mark Baird"  # the scan alone

    def verbs(words):
        def tag(chunk):
            return [[(t.find(w), t.find(w) + len(w)) for w in words if w in t] for t in chunk]

        return tag

    assert verb_given(full, texts, verbs(["Reaching", "said"])) == {"reaching"}
    known, full = read_people(texts, verbs(["Reaching", "said"]))
    assert "Kestrel" not in known and "Kestrel" not in full
    assert {"Baird", "Ruiz"} <= known and full["Baird"] == "Mark Baird"
    # Read as a name (no verb tag), the full name stands, as with no tagger at all.
    assert verb_given(full, texts, verbs(["said"])) == frozenset()
    assert read_people(texts, verbs(["said"])) == read_people(texts) == people(texts)


def test_the_real_tagger_reads_a_participle_as_no_given_name_and_keeps_a_real_one():
    from pipeline.stages.parser import verbs

    texts = [
        "Seeing Kestrel up close, Col. Ana Ruiz of the Marines, the commander, said the depot looked sound.",
        "The tug had to dock with Kestrel, a fuel depot that was launched in May.",
        "Mark Baird, a rancher, said the fire came fast.",
    ]
    assert people(texts)[1]["Kestrel"] == "Seeing Kestrel"
    known, full = read_people(texts, verbs)
    assert "Kestrel" not in known and full["Baird"] == "Mark Baird"


def test_an_office_named_after_a_place_is_no_person():
    # "Vila Nova Police Department said" looked like a given name ("Nova Police") and a surname
    # with a cue after it; every word of a given name must be one ("Michael A." keeps its initial).
    texts = [
        "Officers found the door forced, the Vila Nova Police Department said.",
        "Vila Nova Police Department spokesman Rui Costa said the search went on.",
        "The lock was fitted in May, observed Michael A. Brandt, a locksmith in the town.",
    ]
    known, full = people(texts)
    assert "Department" not in known
    assert {"Costa", "Brandt"} <= known
    assert full["Brandt"] == "Michael A. Brandt"


def test_a_surname_that_is_also_a_word_is_a_name_with_a_given_name_a_cue_and_a_bare_use():
    articles = [
        "The crowd pressed against the wall. In the seventh, reliever Tomas Gold came in to face the leadoff man.",
        "Gold walked him on four pitches, and the gold medal winners of 1996 watched from the stands.",
    ]
    assert "Gold" in surnames(articles)
    # The same word without a given name and a cue, or never used alone, stays a word.
    assert "Gold" not in surnames(["The gold price rose.", "Gold walked him on four pitches."])
    assert "Union" not in surnames(["The union voted to strike.", "Trade with the former Soviet Union fell."])


CAMPAIGN = [
    "Tom Hale has spent millions of dollars on advertising in the early states this autumn.",
    "Senator Ana Ruiz, Governor Lee Park and Hale are under pressure to break out before the vote.",
    "Hale Street was closed for the rally in Dover Heath on Friday.",
]


def test_a_pair_with_no_cue_is_a_name_where_the_tagger_reads_it_as_a_person():
    # No cue stands beside "Tom Hale", so the scan leaves "Hale" unread and a brief printed it alone.
    assert "Hale" not in people(CAMPAIGN)[0]
    person = fake_tagger({CAMPAIGN[0]: [("Tom Hale", "PERSON")]})
    known, full = read_people(CAMPAIGN, None, person)
    assert "Hale" in known and full["Hale"] == "Tom Hale" and full["Ruiz"] == "Ana Ruiz"
    text, done = name_in_full("Ruiz and Hale are under pressure.", known, {"Ruiz"}, full)
    assert text == "Ruiz and Tom Hale are under pressure." and done == ["Tom Hale"]
    # Tagged as anything else, or as a person that starts after the given name, it stays unread.
    for tags in ([("Tom Hale", "ORG")], [("Hale", "PERSON")], []):
        known, full = read_people(CAMPAIGN, None, fake_tagger({CAMPAIGN[0]: tags}))
        assert "Hale" not in known and "Hale" not in full
    # A pair whose surname the articles never use alone is not asked about at all.
    assert "Heath" not in read_people(CAMPAIGN, None, fake_tagger({CAMPAIGN[2]: [("Dover Heath", "PERSON")]}))[0]


def test_the_real_tagger_reads_an_uncued_full_name_as_a_person():
    from pipeline.stages.parser import entities, verbs

    known, full = read_people(CAMPAIGN, verbs, entities)
    assert full["Hale"] == "Tom Hale"


def test_a_surname_in_s_is_a_name_only_where_the_tagger_reads_its_pair_as_a_person():
    texts = [
        "Jennifer Wells, an aide to the governor, testified on Tuesday.",
        "Wells said the call was unusual.",
        "Shiite Muslims marched in the capital, and Muslims across the region joined them.",
    ]
    # The cue alone cannot tell a surname in -s from a plural: the scan leaves both unread.
    assert not {"Wells", "Muslims"} & people(texts)[0]
    tagger = fake_tagger({texts[0]: [("Jennifer Wells", "PERSON")], texts[2]: [("Shiite Muslims", "NORP")]})
    known, full = read_people(texts, None, tagger)
    assert full["Wells"] == "Jennifer Wells" and "Muslims" not in known
