"""Where the frame puts the event (pipeline.stages.frame._where), on sentences written here: two
articles that agree, or else the event sentence's own place when no other telling names another;
a place where something was said is not where it happened."""

from pipeline.stages.frame import _where
from pipeline.stages.parser import docs
from pipeline.types import Document, Sentence


def _told(*texts: str) -> tuple[list[Sentence], list[Document]]:
    """One sentence per article: article k is `texts[k]`."""
    sentences = [Sentence(f"d{k}:0", f"d{k}", 0, len(t), t) for k, t in enumerate(texts)]
    documents = [Document(f"d{k}", f"d{k}.txt", t, "0", "utf-8") for k, t in enumerate(texts)]
    return sentences, documents


def _place(*texts: str) -> str | None:
    sentences, documents = _told(*texts)
    fact = _where(sentences, documents, docs, {d.id: d.path for d in documents}, sentences[0])
    return None if fact is None else fact.value


def test_two_articles_that_agree_give_the_place():
    assert _place("A gunman robbed a bank in Denver on Monday.", "Police in Denver said a bank was robbed.") == "Denver"


def test_the_event_sentences_own_place_stands_when_no_other_telling_names_one():
    assert _place("A gunman robbed a bank in Denver on Monday.", "A man robbed a bank and fled in a taxi.") == "Denver"


def test_a_rival_place_in_another_telling_leaves_where_open():
    assert _place("A gunman robbed a bank in Denver on Monday.", "A man robbed a bank in Boulder and fled.") is None


def test_a_place_where_something_was_said_is_not_where_it_happened():
    assert _place("The minister said in Athens that a ferry had capsized.", "A ferry capsized with 40 aboard.") is None
    # nor is it a rival to the place the event sentence gives
    said = "An official told reporters in Athens that the ferry sank."
    assert _place("A ferry capsized near Crete on Tuesday.", said) == "Crete"


def test_a_place_where_something_may_or_will_happen_is_not_where_it_happened():
    # A rival place in another telling leaves "where" open (above); the setting of what may,
    # will or would happen, or of what is planned, is no rival.
    strike = "Dockers walked off the job at the port in Vigo on Monday."
    for maybe in (
        "If talks fail, the union will march in Madrid.",
        "The union could protest in Madrid.",
        "The owners plan to meet the union in Madrid.",
        "A hearing is scheduled in Madrid next week.",
    ):
        assert _place(strike, maybe) == "Vigo", maybe
    assert _place(strike, "The union marched in Madrid.") is None
    assert _place(strike, "The union set up a picket line in Madrid.") is None  # "set up" is no schedule
    # A place that hangs on a noun says where that thing is, whatever is planned for it.
    assert _place(strike, "The union will bring dockers from the port in Madrid.") is None
    # A relative clause asserts on its own, whatever the sentence around it says will happen.
    crane = "A crane collapsed in Vigo on Monday."
    assert _place(crane, "The crane, which collapsed in Seville, will be removed by Friday.") is None
