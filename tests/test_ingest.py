import pytest
from conftest import write_incident

from pipeline.stages.ingest import FileIngestor, IngestError, decode


def test_reads_txt_md_html_and_records_every_file(tmp_path):
    folder = write_incident(
        tmp_path / "inc",
        {
            "a.txt": "Plain text article. It has two sentences.",
            "b.md": "# Title\n\nMarkdown body sentence here.",
            "c.html": "<html><head><title>T</title><style>p{color:red}</style></head><body><p>Visible text.</p>"
            "<script>alert('x')</script><p>Second paragraph.</p></body></html>",
            "notes.pdf": b"%PDF-1.4",
        },
    )
    corpus = FileIngestor().ingest(folder)
    assert [d.path for d in corpus.documents] == ["a.txt", "b.md", "c.html"]
    html = corpus.documents[2].text
    assert "Visible text." in html and "Second paragraph." in html
    assert "alert" not in html and "color" not in html
    statuses = {f.path: (f.status, f.reason) for f in corpus.files}
    assert statuses["notes.pdf"][0] == "skipped" and ".pdf" in statuses["notes.pdf"][1]


def test_identical_copy_is_a_duplicate_not_a_second_document(tmp_path):
    text = "Three soldiers were killed on Thursday. Officials confirmed it."
    folder = write_incident(tmp_path / "inc", {"a.txt": text, "copy.txt": text})
    corpus = FileIngestor().ingest(folder)
    assert len(corpus.documents) == 1
    dup = [f for f in corpus.files if f.status == "duplicate"]
    assert [(d.path, d.duplicate_of) for d in dup] == [("copy.txt", "a.txt")]


@pytest.mark.parametrize(
    "raw, encoding, expected",
    [
        ("café".encode("utf-8"), "utf-8", "café"),
        (b"\xef\xbb\xbf" + "café".encode("utf-8"), "utf-8-sig", "café"),
        ("café".encode("utf-16"), "utf-16", "café"),
        ("café “quoted”".encode("cp1252"), "cp1252", "café “quoted”"),
    ],
)
def test_decode_never_drops_characters(raw, encoding, expected):
    assert decode(raw) == (expected, encoding)


def test_binary_file_is_refused_with_a_reason():
    with pytest.raises(IngestError, match="binary"):
        decode(b"abc\x00\x01\x02")


def test_empty_file_is_skipped_with_a_reason(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": "A real article sentence here.", "empty.txt": "  \n\t"})
    corpus = FileIngestor().ingest(folder)
    skipped = {f.path: f.reason for f in corpus.files if f.status == "skipped"}
    assert "empty" in skipped["empty.txt"]


def test_html_is_read_by_the_article_extractor_with_its_metadata(tmp_path):
    page = (
        "<html><head><title>Crane falls | Harbour Times</title><meta property='og:site_name' content='Harbour Times'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Crane falls</h1>"
        "<p>A crane fell onto two <em>cargo ships</em> at the northern terminal on Tuesday, "
        "the port authority said.</p>"
        "<p>Four dock workers were taken to hospital with injuries that officials described as minor.</p>"
        "<p>The terminal will stay closed until engineers have inspected every crane on the quay.</p>"
        "</article><footer>Copyright 2024 Harbour Times. All rights reserved.</footer></body></html>"
    )
    folder = write_incident(tmp_path / "inc", {"page.html": page})
    corpus = FileIngestor().ingest(folder)
    doc = corpus.documents[0]
    assert "cargo ships at the northern terminal" in doc.text  # inline elements stay in their sentence
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.meta.site == "Harbour Times" and doc.meta.extractor.startswith(("trafilatura", "fallback"))
    assert corpus.files[0].meta == doc.meta


def test_a_page_filed_as_opinion_is_flagged_so_it_supports_but_never_makes_a_brief_sentence(tmp_path):
    from pipeline.stages.ingest import opinion_url

    assert opinion_url("https://harbour.example/opinion/why-the-quay-must-close")
    assert opinion_url("https://harbour.example/news/op-eds/2024/cranes")
    assert not opinion_url("https://harbour.example/news/crane-falls-at-quay")
    assert not opinion_url("https://opinion.example/news/crane-falls")  # the host is no filing
    assert not opinion_url(None)
    page = (
        "<html><head><link rel='canonical' href='https://harbour.example/opinion/cranes'></head><body><article>"
        "<p>The port will close the quay for good by spring, whatever the council decides next month.</p>"
        "<p>Nobody at the harbour office will admit that the cranes were never safe to use.</p>"
        "<p>The union will have to accept the loss of two hundred jobs on the northern quay.</p>"
        "</article></body></html>"
    )
    corpus = FileIngestor().ingest(write_incident(tmp_path / "inc", {"column.html": page}))
    assert corpus.documents[0].meta.url == "https://harbour.example/opinion/cranes"
    assert any("opinion piece" in w for w in corpus.files[0].warnings)


COLUMN_BODY = (
    "<body><article>"
    "<p>The port will close the quay for good by spring, whatever the council decides next month.</p>"
    "<p>Nobody at the harbour office will admit that the cranes were never safe to use.</p>"
    "<p>The union will have to accept the loss of two hundred jobs on the northern quay.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize(
    "head, is_opinion",
    [
        ('<meta property="article:opinion" content="true">', True),
        ("<meta content='TRUE' property='article:opinion'>", True),
        ('<script type="application/ld+json">{"@type": "OpinionNewsArticle", "headline": "Cranes"}</script>', True),
        ('<script type="application/ld+json">{"@type": ["OpinionNewsArticle", "NewsArticle"]}</script>', True),
        ('<meta property="article:opinion" content="false">', False),
        ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', False),
        ('<meta property="article:section" content="News">', False),
    ],
)
def test_a_page_whose_metadata_files_it_as_opinion_is_flagged_whatever_its_address(tmp_path, head, is_opinion):
    # A column at an address with no /opinion/ in it: only the page's own metadata says what it is.
    page = f"<html><head><link rel='canonical' href='https://harbour.example/articles/cranes-91'>{head}</head>"
    corpus = FileIngestor().ingest(write_incident(tmp_path / "inc", {"column.html": page + COLUMN_BODY}))
    assert corpus.documents[0].meta.opinion is is_opinion
    assert any("opinion piece" in w for w in corpus.files[0].warnings) is is_opinion
