import pytest

from conftest import make_doc
from pipeline.segment import LineSegmenter, PunktSegmenter

TRICKY = (
    "Russian Airstrike Accidentally Kills Three Turkish Soldiers\n"
    "\n"
    "  • Turkey and Russia dispute cause of deadly airstrike\n"
    "Gen. Valery Gerasimov expressed condolences to Turkish Gen. Hulusi Akar. The U.S. President was briefed.\n"
    "Separate operations by Turkey and Mr Al Assad’s forces have trapped the extremists. Peace talks resume.\n"
    "\"According to preliminary data, this happened due to improper coordination,\" said Kurtulmus. It was accidental.\n"
    "Moscow confirmed.The head of the Russian General Staff spoke.\n"
)


@pytest.mark.parametrize("segmenter", [PunktSegmenter(), LineSegmenter()])
def test_offsets_round_trip(segmenter):
    doc = make_doc(TRICKY)
    sentences = segmenter.segment(doc)
    assert sentences
    for s in sentences:
        assert doc.text[s.start:s.end] == s.text
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
        "\"According to preliminary data, this happened due to improper coordination,\" said Kurtulmus.",
        "It was accidental.",
        "Moscow confirmed.",
        "The head of the Russian General Staff spoke.",
    ]


def test_seed_sentences_round_trip():
    from conftest import SEEDS
    from pipeline.ingest import FileIngestor

    corpus = FileIngestor().ingest(SEEDS)
    seg = PunktSegmenter()
    for doc in corpus.documents:
        for s in seg.segment(doc):
            assert doc.text[s.start:s.end] == s.text
