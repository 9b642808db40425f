"""Who and whom in the fact box: the agent and patient of the event sentence, kept only where
another article names them too (as where needs two articles). Sentences are ours; vectors are
built by hand so that the first article's lead is the event."""

import numpy as np

from pipeline.stages.frame import build_frame
from pipeline.stages.parser import docs
from pipeline.types import Document, Sentence

EVENT = "The Red Cross evacuated the village of Dunmore after the landslide."


def _frame(texts):
    documents, pool, vectors = [], [], []
    for k, text in enumerate(texts):
        doc = Document(f"d{k}", f"{k}.txt", text, "0" * 64, "utf-8")
        documents.append(doc)
        pool.append(Sentence(f"d{k}:0", doc.id, 0, len(text), text))
        v = np.zeros(8)
        v[0], v[1 + k] = 1.0, 0.2
        vectors.append(v / np.linalg.norm(v))
    return build_frame(documents, pool, np.array(vectors), {d.id: d.path for d in documents}, docs)


def _who(frame):
    return {f.slot: f.value for f in frame.facts if f.slot in ("who", "whom")}


def test_a_participant_another_article_names_is_kept():
    frame = _frame([EVENT, "Volunteers of the Red Cross opened a shelter in the school at Dunmore."])
    assert frame.event is not None and frame.event.text == EVENT
    assert _who(frame).get("who") == "The Red Cross"


def test_a_participant_only_the_event_sentence_names_is_left_out():
    frame = _frame([EVENT, "Rescue teams opened a shelter in the school at Dunmore after the landslide."])
    assert frame.event is not None and frame.event.text == EVENT
    assert "who" not in _who(frame)


def test_with_one_article_its_event_sentence_is_enough():
    assert _who(_frame([EVENT])).get("who") == "The Red Cross"
