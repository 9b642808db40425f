"""pipeline.stages.extract: article text and metadata from HTML pages, on small pages written here."""

from __future__ import annotations

import importlib.util
import json
import time

import pytest
from conftest import ROOT

from pipeline.stages import extract
from pipeline.stages.cleanup import Line, boilerplate
from pipeline.stages.extract import Extracted, extract_html

PARAGRAPHS = [
    "The river Ael burst its banks in Eldham early on Sunday, flooding forty homes along Mill Lane and "
    "closing the only road bridge into the town for most of the day.",
    "Yersinia pestis, the bacteria that cause plague, has nothing to do with floods, the district health "
    "officer said, but standing water can carry other infections and residents should boil tap water.",
    "Volunteers filled sandbags through the night outside the fire station, where the council opened a "
    "rest centre for families who had to leave their homes before the water reached them.",
    "The Environment Office said river levels would fall slowly over the next two days, and warned that "
    "more rain forecast for Wednesday could bring the Ael back over its banks.",
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>River Ael floods forty homes in Eldham | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="og:title" content="River Ael floods forty homes in Eldham">
<meta property="article:published_time" content="2021-03-14T08:30:00+00:00">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://valley-courier.example/news/2021/03/14/eldham-flood">
</head><body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/weather">Weather</a></li><li><a href="/contact">Contact us</a></li>
</ul></nav></header>
<main><article class="story">
  <h1>River Ael floods forty homes in Eldham</h1>
  <p class="byline">By Jane Doe, Reuters</p>
  <div class="share-bar"><a href="https://facebook.example/share">Share</a> <a href="https://x.example/share">Tweet</a>
    <a href="mailto:?subject=flood">Email</a></div>
  <figure><img src="sandbags.jpg" alt="">
    <figcaption>Photo: Volunteers fill sandbags on Mill Lane (Getty Images)</figcaption></figure>
  <div class="article-body">
  <p>The river Ael burst its banks in Eldham early on Sunday, flooding forty homes along
     <a href="/tags/mill-lane">Mill Lane</a> and closing the only road bridge into the town for most of the day.</p>
  <p><em>Yersinia pestis</em>, the bacteria that cause plague, has nothing to do with floods, the district health
     officer said, but <strong>standing water</strong> can carry other infections and residents should boil
     tap water.</p>
  <p>Read more: <a href="/news/2021/03/12/storm-warning">Storm warnings issued for the whole valley</a></p>
  <p>Volunteers filled sandbags through the night outside the fire station, where the council opened a
     rest centre for families who had to leave their homes before the water reached them.</p>
  <p>Advertisement</p>
  <p>The Environment Office said river levels would fall slowly over the next two days, and warned that
     more rain forecast for Wednesday could bring the Ael back over its banks.</p>
  </div>
</article>
<section id="comments" class="comments-area">
  <h3>3 comments</h3>
  <ol class="comment-list">
    <li class="comment"><p class="comment-author">riverwatcher</p>
      <p>My cellar has been under water since five this morning and nobody from the council has come round yet.</p></li>
    <li class="comment"><p class="comment-author">millgirl</p>
      <p>The bridge should have been raised years ago, everyone in town has been saying so since the last
         flood.</p></li>
  </ol>
  <form><textarea></textarea><button>Post comment</button></form>
</section>
</main>
<aside class="related"><h3>Related:</h3><ul>
  <li><a href="/news/2021/03/01/bridge">Council delays the bridge repairs again</a></li>
  <li><a href="/news/2021/02/20/rain">Wettest February on record in the valley</a></li>
</ul></aside>
<footer><p>© 2021 The Valley Courier. All rights reserved.</p>
  <p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>
"""


# The same page without the class names and elements that tell trafilatura what is what: the
# headline, byline and caption then reach our own cleaning.
PLAIN_PAGE = (
    PAGE.replace('<div class="article-body">', "")
    .replace("</div>\n</article>", "</article>")
    .replace('<p class="byline">', "<p>")
    .replace('<div class="share-bar">', "<div>")
    .replace("<figure>", "<div>")
    .replace("</figure>", "</div>")
    .replace("<figcaption>", "<p>")
    .replace("</figcaption>", "</p>")
)


@pytest.mark.parametrize("page", [PAGE, PLAIN_PAGE], ids=["marked-up", "plain"])
def test_only_the_article_paragraphs_come_out(page):
    result = extract_html(page)
    assert result.extractor == "trafilatura"
    assert result.text.split("\n\n") == PARAGRAPHS


def test_inline_elements_stay_on_their_line():
    result = extract_html(PAGE)
    assert "\n" not in result.text.split("\n\n")[1]
    fragment = extract_html(
        "<p><em>Yersinia pestis</em>, the bacteria that cause <a href='/plague'>plague</a>,\n"
        "   spreads through <strong>flea</strong> bites.</p><p>Second <i>block</i>.</p>"
    )
    assert fragment.text.split("\n\n") == [
        "Yersinia pestis, the bacteria that cause plague, spreads through flea bites.",
        "Second block.",
    ]


def test_an_article_split_by_ads_into_sibling_containers_is_read_whole():
    page = (
        "<html><head><title>River Ael floods forty homes</title></head><body><main>"
        "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + "</div>"
        "<div class='ad-slot'><p>Advertisement</p></div>"
        "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]) + "</div>"
        "</main></body></html>"
    )
    assert extract_html(page).text.split("\n\n") == PARAGRAPHS


def test_metadata_from_meta_tags():
    result = extract_html(PAGE)
    assert result.title == "River Ael floods forty homes in Eldham"
    assert result.site == "The Valley Courier"  # og:site_name
    assert result.author == "Jane Doe"
    assert result.published == "2021-03-14"  # article:published_time
    assert result.url == "https://valley-courier.example/news/2021/03/14/eldham-flood"  # canonical


def test_metadata_from_json_ld_and_og_url():
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Ferry service resumes on the lake",
        "datePublished": "2020-07-02T06:00:00Z",
        "author": {"@type": "Person", "name": "Omar Castell"},
        "publisher": {"@type": "Organization", "name": "Lakeside Post"},
    }
    page = (
        f"<html><head><title>Ferry service resumes on the lake</title>"
        f'<meta property="og:url" content="https://lakeside-post.example/ferry">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    result = extract_html(page)
    assert result.published == "2020-07-02"
    assert result.author == "Omar Castell"
    assert result.site == "Lakeside Post"
    assert result.url == "https://lakeside-post.example/ferry"
    assert result.title == "Ferry service resumes on the lake"
    assert result.text.split("\n\n") == PARAGRAPHS


def test_a_short_extraction_is_retried_in_recall_mode_then_the_fallback(monkeypatch):
    real = extract._trafilatura
    monkeypatch.setattr(extract, "_trafilatura", lambda tree, recall: real(tree, recall) if recall else None)
    result = extract_html(PAGE)
    assert result.extractor == "trafilatura:recall"
    assert PARAGRAPHS[0] in result.text.split("\n\n")
    assert result.site == "The Valley Courier"  # metadata does not depend on the body

    monkeypatch.setattr(extract, "_trafilatura", lambda tree, recall: None)
    result = extract_html(PAGE)
    assert result.extractor == "fallback"
    assert result.text.split("\n\n") == PARAGRAPHS  # menus, caption, byline, comments: dropped here too
    assert result.published == "2021-03-14"


def test_a_bare_fragment_goes_through_the_fallback():
    assert extract_html("<p>One sentence.</p>") == Extracted("One sentence.", "fallback")


def test_the_fallback_drops_what_a_reader_does_not_read():
    html = (
        "<nav><a href='/'>Home</a></nav><div class='share'>Share Tweet</div><p>First  block\n with "
        "<b>bold</b> text.</p><script>var x = 1;</script><figure><figcaption>A caption</figcaption></figure>"
        "<ul><li>Item one</li><li>Item two</li></ul><footer>Footer text</footer>"
    )
    result = extract_html(html)
    assert result == Extracted("First block with bold text.\n\nItem one\n\nItem two", "fallback")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "plain text, no tags at all",
        "<<<>>>",
        "<html></html>",
        "<html><body></body></html>",
        "\x00\x01binary",
        "<div>" * 1500 + "deep" + "</div>" * 1500,
        "<html><body>" + "<div>" * 1500 + "<p>deep</p>" + "</div>" * 1500,
    ],
)
def test_odd_input_never_raises(html):
    result = extract_html(html)
    assert isinstance(result, Extracted) and isinstance(result.text, str)


def test_long_lines_take_linear_time():
    # a regex that backtracks over a whole line once made a 100,000-character line take minutes
    start = time.perf_counter()
    for line in ("[a " + "=" * 30_000, "1 " * 15_000, "(" * 30_000, "Photo: " + "x" * 30_000):
        extract_html(f"<p>{line}</p>")
    assert time.perf_counter() - start < 5


def test_nothing_found_is_empty_fallback():
    assert extract_html("") == Extracted("", "fallback")
    assert extract_html("<html><body><script>var a = 1;</script></body></html>") == Extracted("", "fallback")


def test_deterministic():
    assert extract_html(PAGE) == extract_html(PAGE)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("By Jane Doe, Reuters", "byline"),
        ("Photo: Volunteers fill sandbags on Mill Lane", "caption"),
        ("Volunteers fill sandbags on Mill Lane. (Getty Images)", "caption"),
        ("Share Tweet Email", "share bar"),
        ("Read more: Storm warnings issued for the valley", "more links"),
        ("Sign up for our morning newsletter", "promotion"),
        ("Advertisement", "promotion"),
        ("Tags: flood, Eldham", "taxonomy"),
        ("© 2021 The Valley Courier", "copyright"),
        ("Read the council's report at https://valley-council.example/flood-report", "links"),
        ("Posted by: Jane Doe - Category: News - Tags: flood, Eldham", "metadata"),
        ("Sunday, March 14, 2021 - 08:30", "dateline"),
        ("5 min read", "reading time"),
        ("By the time rescuers arrived, the water had risen two metres.", None),
        ("By the numbers", None),
        ("Subscribers to the water company will get a rebate, the council said.", None),
        ("The photo agency said its staff were safe.", None),
        ("Top 10 floods of 2021", None),
    ],
)
def test_boilerplate_rules(text, reason):
    assert boilerplate(Line(text, "p", 0.0)) == reason


def _bench():
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "benchmarks" / "bench_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bag_of_words_metric():
    bag_of_words = _bench().bag_of_words
    # pred "the the cat" vs truth "The cat sat": overlap the x1 + cat x1 = 2 of 3 tokens each
    p, r, f1 = bag_of_words("the the cat", "The cat sat.")
    assert (p, r, f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    p, r, f1 = bag_of_words("cat", "the cat sat")
    assert (p, r, f1) == pytest.approx((1.0, 1 / 3, 0.5))
    assert bag_of_words("", "the cat") == (0.0, 0.0, 0.0)
    assert bag_of_words("", "") == (1.0, 1.0, 1.0)
    assert bag_of_words("Ünïcode wörds, 2021!", "ünïcode WÖRDS 2021") == (1.0, 1.0, 1.0)
