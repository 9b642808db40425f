import time

from conftest import make_doc

from pipeline.stages.dedupe import RuleDeduper, trim_dateline
from pipeline.stages.segment import PunktSegmenter
from pipeline.types import Corpus, Sentence


def _run(texts: dict[str, str]):
    docs = tuple(make_doc(t, path) for path, t in texts.items())
    seg = PunktSegmenter()
    sentences = [s for d in docs for s in seg.segment(d)]
    corpus = Corpus("inc", docs, ())
    return RuleDeduper().dedupe(corpus, sentences), {s.id: s for s in sentences}, docs


FOOTER = "All rights reserved to Example Media Group 2023 ©"


def test_boilerplate_never_survives():
    a = (
        "Thursday, 30 March 2017\nLatest news\nMain » Soldiers killed in strike\n\n"
        "Story highlights\n  • Soldiers killed in strike\n"
        "(CNN)Three soldiers were killed in the strike near the town on Thursday.\n"
        "Source: The National\nGMT 12:01 2017 Sunday ,23 April\n"
        "Unrelated headline about a football matchGMT 03:41 2017 Sunday ,23 April\n"
        f"{FOOTER}\nMaintained and developed by Example Group SAL.\n{FOOTER}\n"
    )
    b = "Officials said the pilots had mistaken the building for a militant base.\n" + "Latest news\n"
    deduped, _, _ = _run({"a.txt": a, "b.txt": b})
    kept = [s.text for s in deduped.sentences]
    assert kept == [
        "Three soldiers were killed in the strike near the town on Thursday.",
        "Officials said the pilots had mistaken the building for a militant base.",
    ]


def test_dateline_is_trimmed_and_offsets_still_round_trip():
    deduped, _, docs = _run({"a.txt": "ANKARA, Turkey — Three soldiers were killed in the strike near the town.\n"})
    (s,) = deduped.sentences
    assert s.text == "Three soldiers were killed in the strike near the town."
    assert docs[0].text[s.start : s.end] == s.text


def test_near_duplicates_merge_and_keep_co_citations():
    a = (
        "Three Turkish soldiers were killed and 11 wounded near al-Bab on Thursday.\n"
        "The army said the strike was an accident.\n"
    )
    b = (
        "Three Turkish soldiers were killed and 11 wounded near al-Bab on Thursday, officials said.\n"
        "Peace talks will resume next week in Astana.\n"
    )
    deduped, by_id, docs = _run({"a.txt": a, "b.txt": b})
    texts = [s.text for s in deduped.sentences]
    assert len(texts) == 3 and texts[0].startswith("Three Turkish soldiers")
    rep = deduped.sentences[0]
    (copy_id,) = deduped.copies[rep.id]
    assert by_id[copy_id].doc_id == docs[1].id
    assert {s.id for s in deduped.pool} >= {rep.id, copy_id}


def test_repeat_inside_one_article_is_dropped_not_co_cited():
    a = (
        "The strike killed three soldiers near the town.\n"
        "The strike killed three soldiers near the town!\n"
        "Other fact about the talks today.\n"
    )
    deduped, _, _ = _run({"a.txt": a})
    assert [s.text for s in deduped.sentences] == [
        "The strike killed three soldiers near the town.",
        "Other fact about the talks today.",
    ]
    assert any("repeats" in d.reason for d in deduped.dropped)
    assert deduped.copies == {}


def test_trim_dateline_leaves_ordinary_sentences_alone():
    (s,) = _run({"a.txt": "NATO said the talks would resume in Brussels next week.\n"})[0].sentences
    assert trim_dateline(s) == s
    for text in (
        "The PSOE (Socialists) Party won the vote in Vigo on Sunday.\n",
        "Lena Ortiz, Harbour Master, reopened the quay on Monday.\n",
    ):
        (s,) = _run({"a.txt": text})[0].sentences
        assert trim_dateline(s) == s


def test_web_page_datelines_are_trimmed_too():
    for line in (
        "Vigo Harbour (CNN Business)Cranes at the port stopped work on Monday after a collapse.",
        "Savannah, GA – Cranes at the port stopped work on Monday after a collapse.",
        "HarbourNews.net - Cranes at the port stopped work on Monday after a collapse.",
        # a page's date stamp: the day it was filed (the article's date), not a day the sentence reports
        "Tuesday, March 3, 2015, 6:40 PM - Cranes at the port stopped work on Monday after a collapse.",
    ):
        deduped, _, docs = _run({"a.txt": line + "\n"})
        (s,) = deduped.sentences
        assert s.text == "Cranes at the port stopped work on Monday after a collapse.", line
        assert docs[0].text[s.start : s.end] == s.text


def test_a_leading_connective_is_cut_when_a_sentence_follows_and_offsets_move_with_it():
    from conftest import make_doc

    from pipeline.stages.dedupe import trim_connective
    from pipeline.stages.segment import PunktSegmenter

    doc = make_doc(
        "The port closed. Meanwhile, Harbour City opened its second quay to cargo ships. "
        "But the crane was never inspected by anyone."
    )
    first, second, third = PunktSegmenter().segment(doc)
    trimmed = trim_connective(second)
    assert trimmed.text == "Harbour City opened its second quay to cargo ships."
    assert doc.text[trimmed.start : trimmed.end] == trimmed.text and trimmed.id == f"{doc.id}:{trimmed.start}"
    assert trim_connective(third) == third  # "the crane ..." would need re-casing: left as written
    assert trim_connective(first) == first
    hours = PunktSegmenter().segment(make_doc("Hours earlier, Mayor Ana Ruiz said the quay would reopen."))[0]
    assert trim_connective(hours).text == "Mayor Ana Ruiz said the quay would reopen."
    besides = PunktSegmenter().segment(
        make_doc("Besides Harbour City and Port Elm, the towns on the coast include Bayside.")
    )[0]
    assert trim_connective(besides) == besides  # a preposition, not a connective: cutting it changes the claim
    updated = PunktSegmenter().segment(make_doc("UPDATED: A photo of the fallen crane was taken down by the port."))[0]
    assert trim_connective(updated).text == "A photo of the fallen crane was taken down by the port."


def test_giant_lines_do_not_make_dedupe_quadratic():
    """A 200,000-character single line with 60,000 tiny "sentences" took ~6 minutes before the
    per-line cache and the vectorised near-duplicate search; now a few seconds (issue 6)."""
    unit = "1. "
    doc = make_doc(unit * 60_000 + "\n" + "The same sentence about the strike is here. " * 3_000)
    sentences = [Sentence(f"{doc.id}:{i}", doc.id, i, i + 2, "1.") for i in range(0, 60_000 * 3, 3)]
    base = 60_000 * 3 + 1
    step = len("The same sentence about the strike is here. ")
    sentences += [
        Sentence(
            f"{doc.id}:{base + i * step}",
            doc.id,
            base + i * step,
            base + (i + 1) * step - 1,
            doc.text[base + i * step : base + (i + 1) * step - 1],
        )
        for i in range(3_000)
    ]
    t = time.perf_counter()
    result = RuleDeduper().dedupe(Corpus("x", (doc,), ()), sentences)
    assert time.perf_counter() - t < 30
    assert len(result.sentences) == 1 and len(result.dropped) == 60_000 + 2_999
