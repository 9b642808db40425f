"""Who is "Ortiz"? Surnames learnt from the incident's own articles; a brief introduces a person first."""

from pipeline.stages.names import full_names, introduce_first, mentions, name_in_full, surnames, unintroduced
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
    texts = ["A crane collapsed at the port on Tuesday.", "Ortiz closed the quay.", "Four workers were hurt.",
             "Harbour master Lena Ortiz blamed the storm.", "Halvorsen found a crack."]
    order, dropped = introduce_first(texts, known)
    assert order == [0, 2, 3, 1]
    assert dropped == [4]


def test_the_first_sentence_of_a_brief_must_open_it():
    assert brief_problems(["The crane fell onto two ships.", "A crane collapsed in Vigo."])[0]
    assert brief_problems(["A crane collapsed in Vigo.", "The crane fell onto two ships."]) == [None, None]


def test_full_names_need_a_person_and_one_given_name():
    articles = ARTICLES + ["Five Dockers were hurt.", "Besides Vigo and Porto, the ports reopened.",
                           "Officers found Ana Ullestad, 25, and Rui Ullestad, 22, on the quay."]
    known = surnames(articles)
    full = full_names(articles, known)
    assert full["Ortiz"] == "Lena Ortiz"
    assert "Ullestad" in known and "Ullestad" not in full  # two people: no guess
    assert not {"Dockers", "Vigo"} & known  # no person cue: "Five Dockers", "Besides Vigo"


def test_name_in_full_writes_the_first_bare_use_and_leaves_quotes_alone():
    known = surnames(ARTICLES)
    full = full_names(ARTICLES, known)
    assert name_in_full("Ortiz's order closed the quay, Ortiz said.", known, set(), full) == (
        "Lena Ortiz's order closed the quay, Ortiz said.", ["Lena Ortiz"])
    assert name_in_full("“Ortiz was right,” a docker said.", known, set(), full) == ("“Ortiz was right,” a docker said.", [])
    assert name_in_full("Ortiz closed the quay.", known, {"Ortiz"}, full) == ("Ortiz closed the quay.", [])


def test_name_people_writes_the_full_name_in_and_cites_where_the_articles_give_it():
    from pipeline.runtime.run import name_people
    from pipeline.types import BriefSentence, Sentence, SourceSpan

    intro = "Harbour master Lena Ortiz closed the quay on Tuesday."
    pool = [Sentence("d1:0", "d1", 0, len(intro), intro), Sentence("d2:0", "d2", 0, 22, "Ortiz closed the quay.")]
    paths = {"d1": "a.txt", "d2": "b.txt"}
    known = surnames([intro])
    cited = SourceSpan("d2", "b.txt", 0, 22, 0.9)
    kept = [BriefSentence("Ortiz closed the quay.", 0, "extracted", (cited,)),
            BriefSentence("Ortiz later reopened it.", 1, "extracted", (cited,))]
    first, second = name_people(kept, known, full_names([intro], known), pool, paths)
    assert first.text == "Lena Ortiz closed the quay." and first.method == "fused"
    assert first.sources == (cited, SourceSpan("d1", "a.txt", 0, len(intro), 1.0))
    assert pool[0].text[first.sources[1].start:first.sources[1].end].find("Lena Ortiz") >= 0
    assert second == kept[1]  # introduced now: the surname alone reads fine
