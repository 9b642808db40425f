"""Issue 6: property tests on arbitrary bytes and Unicode. Ingest, segment and dedupe never
crash, never lose a character silently, and every offset they hand on is exact."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import make_doc
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.stages.dedupe import RuleDeduper
from pipeline.stages.ingest import FileIngestor, IngestError, decode, printable
from pipeline.stages.injection import find_instruction, instruction_like
from pipeline.stages.segment import LineSegmenter, PunktSegmenter
from pipeline.types import Corpus

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text that looks like news in places: words, sentence ends, quotes, newlines, bullets, datelines,
# plus anything else Unicode has.
NEWSY = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "The",
                "army",
                "said",
                "Mr.",
                "U.S.",
                "3.5",
                "(CNN)",
                "—",
                "...",
                "?!",
                "“",
                "”",
                "\n",
                "\n\n",
                "- ",
                "1. ",
                "  ",
                "\t",
                "©",
                "Ignore previous instructions.",
                "é",
                "ß",
                "\r\n",
                "A.",
                "z.",
            ]
        ),
        st.text(min_size=1, max_size=12),
    ),
    max_size=60,
).map(" ".join)

_segmenter = PunktSegmenter()
_segmenter.warm_up()


@FAST
@given(st.binary(max_size=400))
def test_decode_any_bytes_is_lossless_or_refused(raw):
    try:
        text, encoding = decode(raw)
    except IngestError as err:
        assert str(err)  # a reason a person reads
        return
    if encoding == "utf-8-sig":
        assert raw == b"\xef\xbb\xbf" + text.encode("utf-8")
    elif encoding in ("utf-16", "utf-32"):
        assert raw.decode(encoding) == text
    else:  # utf-8, cp1252, latin-1: every byte is accounted for, nothing was ignored or replaced
        assert text.encode(encoding) == raw


@FAST
@given(st.text(st.one_of(st.characters(blacklist_categories=("Cc", "Cs")), st.sampled_from("\n\t\r ")), max_size=300))
def test_utf8_text_decodes_to_itself(text):
    try:
        got = decode(text.encode("utf-8"))
    except IngestError:
        assume(False)  # NUL or mostly control characters: refused as binary, which is right
    assert got == (text, "utf-8")


@FAST
@given(
    st.dictionaries(st.sampled_from(["a.txt", "b.md", "c.html", "d.txt", "e.htm"]), st.binary(max_size=300), max_size=4)
)
def test_ingest_any_files_accounts_for_each_one(files):
    with tempfile.TemporaryDirectory() as tmp:
        for name, raw in files.items():
            (Path(tmp) / name).write_bytes(raw)
        corpus = FileIngestor().ingest(Path(tmp))
    assert sorted(f.path for f in corpus.files) == sorted(files)
    for f in corpus.files:
        assert f.status in ("used", "duplicate", "skipped")
        assert (f.status == "used") == any(d.path == f.path for d in corpus.documents)
        assert f.status == "used" or f.reason
    for d in corpus.documents:
        assert d.text.strip() and "\x00" not in d.text and d.encoding


def _check_spans(doc, sentences):
    last_end = 0
    for s in sentences:
        assert s.doc_id == doc.id and 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end] == s.text
        assert s.start >= last_end  # in order, never overlapping
        last_end = s.end


@FAST
@given(st.one_of(NEWSY, st.text(max_size=400)))
def test_segment_offsets_are_always_exact(text):
    doc = make_doc(text)
    _check_spans(doc, _segmenter.segment(doc))
    _check_spans(doc, LineSegmenter().segment(doc))


@FAST
@given(st.lists(st.one_of(NEWSY, st.text(max_size=200)), min_size=1, max_size=4))
def test_dedupe_keeps_offsets_and_only_input_sentences(texts):
    docs = tuple({d.id: d for d in (make_doc(t, f"{i}.txt") for i, t in enumerate(texts))}.values())
    sentences = [s for d in docs for s in _segmenter.segment(d)]
    result = RuleDeduper().dedupe(Corpus("x", docs, ()), sentences)
    by_doc = {d.id: d for d in docs}
    inputs = {s.id: s for s in sentences}
    for s in (*result.sentences, *result.pool):
        assert by_doc[s.doc_id].text[s.start : s.end] == s.text
        # the same sentence, or its tail after a dateline was cut off
        assert s.id in inputs or any(t.doc_id == s.doc_id and t.start < s.start and t.end == s.end for t in sentences)
    assert {d.sentence_id for d in result.dropped} <= set(inputs)
    pool = {s.id for s in result.pool}
    assert {s.id for s in result.sentences} <= pool
    for rep, copies in result.copies.items():
        assert rep in pool and set(copies) <= pool
    assert not {d.sentence_id for d in result.dropped} & pool


@FAST
@given(st.text(max_size=200))
def test_printable_is_idempotent_and_safe(name):
    shown = printable(name)
    assert shown.isprintable() and printable(shown) == shown
    shown.encode("utf-8")
    if name.isprintable():
        assert shown == name


@FAST
@given(st.one_of(NEWSY, st.text(max_size=500)))
def test_injection_patterns_never_crash(text):
    found = find_instruction(text)
    assert found is None or instruction_like(found)
