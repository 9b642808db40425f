import re

import pytest
from conftest import make_doc

from pipeline.stages.segment import LineSegmenter, PunktSegmenter, display, paragraphs

TRICKY = (
    "Russian Airstrike Accidentally Kills Three Turkish Soldiers\n"
    "\n"
    "  • Turkey and Russia dispute cause of deadly airstrike\n"
    "Gen. Valery Gerasimov expressed condolences to Turkish Gen. Hulusi Akar. The U.S. President was briefed.\n"
    "Separate operations by Turkey and Mr Al Assad’s forces have trapped the extremists. Peace talks resume.\n"
    '"According to preliminary data, this happened due to improper coordination," said Kurtulmus. It was accidental.\n'
    "Moscow confirmed.The head of the Russian General Staff spoke.\n"
)


@pytest.mark.parametrize("segmenter", [PunktSegmenter(), LineSegmenter()])
def test_offsets_round_trip(segmenter):
    doc = make_doc(TRICKY)
    sentences = segmenter.segment(doc)
    assert sentences
    for s in sentences:
        assert doc.text[s.start : s.end] == s.text
        assert s.doc_id == doc.id and s.text == s.text.strip()


def test_punkt_handles_abbreviations_headlines_bullets_and_quotes():
    texts = [s.text for s in PunktSegmenter().segment(make_doc(TRICKY))]
    assert texts == [
        "Russian Airstrike Accidentally Kills Three Turkish Soldiers",
        "Turkey and Russia dispute cause of deadly airstrike",
        "Gen. Valery Gerasimov expressed condolences to Turkish Gen. Hulusi Akar.",
        "The U.S. President was briefed.",
        "Separate operations by Turkey and Mr Al Assad’s forces have trapped the extremists.",
        "Peace talks resume.",
        '"According to preliminary data, this happened due to improper coordination," said Kurtulmus.',
        "It was accidental.",
        "Moscow confirmed.",
        "The head of the Russian General Staff spoke.",
    ]


def test_seed_sentences_round_trip():
    from conftest import SEEDS

    from pipeline.stages.ingest import FileIngestor

    corpus = FileIngestor().ingest(SEEDS)
    seg = PunktSegmenter()
    for doc in corpus.documents:
        for s in seg.segment(doc):
            assert doc.text[s.start : s.end] == s.text


# Wire copy as agencies send it: wrapped at about 70 columns, a space before each newline, no
# blank line between paragraphs, ``quotes'' and " _ " dashes. (Invented text.)
WIRED = (
    "\nHARBOUR CITY (AP) _ The port authority on Tuesday closed the northern \n"
    "terminal after a crane collapsed onto two cargo ships, injuring four \n"
    "dock workers. Officials said the crane's base had cracked during the \n"
    "storm. ``We will not reopen until every crane has been inspected,'' \n"
    "harbour master Lena Ortiz told reporters. The terminal handles about \n"
    "a third of the city's container traffic, according to Gov. Ray Diaz \n"
    "of the regional council. Repairs could take until Nov. \n"
    "30, the council said.\n"
)


def test_wrapped_lines_are_reflowed_and_offsets_still_round_trip():
    doc = make_doc(WIRED)
    sentences = PunktSegmenter().segment(doc)
    for s in sentences:
        assert doc.text[s.start : s.end] == s.text
    shown = [display(s.text) for s in sentences]
    assert shown == [
        "HARBOUR CITY (AP) — The port authority on Tuesday closed the northern terminal after a crane collapsed "
        "onto two cargo ships, injuring four dock workers.",
        "Officials said the crane's base had cracked during the storm.",
        "“We will not reopen until every crane has been inspected,” harbour master Lena Ortiz told reporters.",
        "The terminal handles about a third of the city's container traffic, according to Gov. Ray Diaz of the "
        "regional council.",
        "Repairs could take until Nov. 30, the council said.",
    ]
    assert "\n" in sentences[0].text  # the span holds the wrap; only what is shown is normalised


def test_blank_lines_bullets_and_headlines_still_part_paragraphs_in_wrapped_text():
    text = (
        "Crane collapse closes northern terminal\n\n"
        "The port authority on Tuesday closed the northern terminal after a \n"
        "crane collapsed onto two cargo ships in the early morning storm, \n"
        "injuring four dock workers on the quay below.\n\n"
        "What we know\n"
        "- Four workers were injured in the collapse\n"
        "- The terminal stays closed until inspections end\n\n"
        "Officials said the crane's base had cracked during the storm and that \n"
        "every other crane in the port would be checked by engineers this week.\n"
    )
    texts = [display(s.text) for s in PunktSegmenter().segment(make_doc(text))]
    assert texts[0] == "Crane collapse closes northern terminal"
    assert texts[1].startswith("The port authority") and texts[1].endswith("on the quay below.")
    assert "What we know" in texts and "Four workers were injured in the collapse" in texts
    assert texts[-1].startswith("Officials said") and texts[-1].endswith("by engineers this week.")


def test_one_paragraph_per_line_is_not_mistaken_for_wrapping():
    lines = [
        f"Paragraph {k} says something complete about the storm and the crane that fell over the quay."
        for k in range(8)
    ]
    doc = make_doc("\n".join(lines))
    assert [s.text for s in PunktSegmenter().segment(doc)] == lines
    assert paragraphs(doc.text) == [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)]


def test_a_line_that_goes_on_in_lower_case_continues_its_sentence_even_unwrapped():
    doc = make_doc("The crane fell onto\ntwo ships at dawn. Nobody was killed.\nA second paragraph starts here.")
    assert [display(s.text) for s in PunktSegmenter().segment(doc)] == [
        "The crane fell onto two ships at dawn.",
        "Nobody was killed.",
        "A second paragraph starts here.",
    ]


def test_display_typesets_wire_quotes_and_dashes():
    assert display("``Not now,'' she said _ twice -- \n  loudly.") == "“Not now,” she said — twice — loudly."


def test_initials_of_a_name_do_not_end_a_sentence():
    doc = make_doc(
        "Officials including Harbour Minister A.J. Marsh have spoken out. Lena K. Ortiz did not. The U.N. said nothing."
    )
    assert [s.text for s in PunktSegmenter().segment(doc)] == [
        "Officials including Harbour Minister A.J. Marsh have spoken out.",
        "Lena K. Ortiz did not.",
        "The U.N. said nothing.",
    ]


def test_a_rank_spelled_the_wire_way_does_not_end_a_sentence():
    doc = make_doc("The tribunal cleared Cmndr. Zejnil Marek of all charges. Comdr. Ana Ruiz testified.")
    assert [s.text for s in PunktSegmenter().segment(doc)] == [
        "The tribunal cleared Cmndr. Zejnil Marek of all charges.",
        "Comdr. Ana Ruiz testified.",
    ]


def test_rank_numbers_and_plural_titles_do_not_end_a_sentence():
    doc = make_doc(
        "Kessler, the No. 2 crane maker, recalled its cranes. In May, Reps. Ana Ruiz and Tom Lee asked why.\n"
    )
    texts = [s.text for s in PunktSegmenter().segment(doc)]
    assert texts == [
        "Kessler, the No. 2 crane maker, recalled its cranes.",
        "In May, Reps. Ana Ruiz and Tom Lee asked why.",
    ]


def test_a_name_spelled_like_a_title_ends_a_sentence_where_the_article_uses_it_as_a_name():
    # "Ko Sen" is a name here ("Ko Sen's party"), so "Ko Sen." ends a sentence; a title does not.
    doc = make_doc(
        "The envoy met premier Ko Sen. Dara Vann wrote to the court. Ko Sen's party won. "
        "Harbour Sen. Ana Ruiz voted no, said Sen. Tom Lee."
    )
    assert [s.text for s in PunktSegmenter().segment(doc)] == [
        "The envoy met premier Ko Sen.",
        "Dara Vann wrote to the court.",
        "Ko Sen's party won.",
        "Harbour Sen. Ana Ruiz voted no, said Sen. Tom Lee.",
    ]
    # Without the article's own evidence, "Sen." stays a title.
    alone = make_doc("The envoy met premier Ko Sen. Dara Vann wrote to the court.")
    assert len(PunktSegmenter().segment(alone)) == 1


def test_punkt_timeout_on_a_hostile_line_falls_back_to_a_plain_split(monkeypatch):
    """Issue 6: a hostile line must not stop the run."""
    seg = PunktSegmenter()
    seg.warm_up()

    def timeout(text):
        raise TimeoutError("regular-expression match exceeded its 5.0s time limit")

    monkeypatch.setattr(seg._punkt, "span_tokenize", timeout)
    doc = make_doc("First claim here. Second one?! Third\nNext line. End")
    out = seg.segment(doc)
    assert [s.text for s in out] == ["First claim here.", "Second one?!", "Third", "Next line.", "End"]
    assert all(doc.text[s.start : s.end] == s.text for s in out)
