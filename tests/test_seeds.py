"""Integration: the real embedded embedder on the five seed articles."""

import json
import re

import pytest
from conftest import SEEDS, key_facts_missing

from pipeline.config import Config
from pipeline.runtime.run import Pipeline, run_incident

pytestmark = pytest.mark.slow

BOILERPLATE = re.compile(
    r"Story highlights|Latest news|Main »|Source: The National|All rights reserved|©|GMT \d|You are here"
    r"|Maintained and developed|\(CNN\)",
    re.I,
)


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory, minilm):
    pipeline = Pipeline.from_config(Config(summariser="extractive"))
    pipeline.embedder = minilm
    pipeline.warm_up()
    out = tmp_path_factory.mktemp("out")
    _, target = run_incident(SEEDS, out, pipeline)
    again = tmp_path_factory.mktemp("again")
    _, target2 = run_incident(SEEDS, again, pipeline)
    return target, target2


def test_brief_shape(seeds_brief):
    target, _ = seeds_brief
    data = json.loads((target / "brief.json").read_text())
    sentences = data["sentences"]
    assert 6 <= len(sentences) <= 12
    assert sum(len(s["text"].split()) for s in sentences) <= 250
    assert all(s["sources"] for s in sentences)
    assert not any(BOILERPLATE.search(s["text"]) for s in sentences)


def test_spans_point_at_the_supporting_text(seeds_brief):
    target, _ = seeds_brief
    data = json.loads((target / "brief.json").read_text())
    for s in data["sentences"]:
        for src in s["sources"]:
            text = (SEEDS / src["path"]).read_text(encoding="utf-8")
            span = text[src["start"] : src["end"]]
            assert span and span == span.strip() and "\n" not in span


def test_key_facts_present(seeds_brief):
    target, _ = seeds_brief
    texts = [s["text"] for s in json.loads((target / "brief.json").read_text())["sentences"]]
    assert key_facts_missing(texts) == [], texts


def test_no_two_sentences_say_the_same_thing(seeds_brief, minilm):
    target, _ = seeds_brief
    texts = [s["text"] for s in json.loads((target / "brief.json").read_text())["sentences"]]
    v = minilm.embed(texts)
    sims = v @ v.T
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            assert sims[i, j] < 0.85, (texts[i], texts[j])


def test_byte_identical_reruns(seeds_brief):
    a, b = seeds_brief
    for name in ("brief.md", "brief.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
