"""Where a generator's weights come from: a registry name, a local path, a Hub id already in the
local cache, or a GGUF file, which is de-quantised once into a safetensors checkpoint.

transformers can only read GGUF by de-quantising every tensor (~25 s on two CPU cores), so the
first use converts it into `models_dir/cache/<name>-<sha256 prefix>/`, which later runs load in
about a second. Nothing here ever downloads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

# One exception class for every model the pipeline loads, so the CLI catches them all in one place.
from .models import ModelNotFound, registry
from .models import resolve as resolve_model

__all__ = ["GeneratorSource", "ModelNotFound", "ensure_converted", "offline", "resolve_generator"]

log = logging.getLogger(__name__)

SourceKind = Literal["gguf", "local", "hub"]
_HASHES_FILE = "gguf-hashes.json"


@dataclass(frozen=True)
class GeneratorSource:
    """Where a generator's weights come from, plus what the run record should say about them."""

    spec: str
    kind: SourceKind
    model_id: str
    revision: str  # gguf sha256, Hub commit hash, or "local"
    load_from: str  # directory or Hub id handed to from_pretrained
    gguf_file: Path | None = None  # set for kind "gguf": the file to convert into load_from


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def offline() -> bool:
    # huggingface_hub reads HF_HUB_OFFLINE once at import, so re-read the environment as well.
    from huggingface_hub import constants

    return _env_true("HF_HUB_OFFLINE") or _env_true("TRANSFORMERS_OFFLINE") or constants.HF_HUB_OFFLINE


def _file_sha256(path: Path, cache_root: Path) -> str:
    """sha256 of `path`, remembered by (path, size, mtime_ns) so a run does not rehash 100 MB."""
    st = path.stat()
    key = str(path.resolve())
    stamp = [st.st_size, st.st_mtime_ns]
    index_path = cache_root / _HASHES_FILE
    try:
        index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    hit = index.get(key)
    if isinstance(hit, dict) and hit.get("stamp") == stamp and isinstance(hit.get("sha256"), str):
        return str(hit["sha256"])
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    index[key] = {"stamp": stamp, "sha256": sha}
    try:  # the index is only an optimisation: a read-only models dir must not break generation
        cache_root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_root, prefix=".hashes-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(index, fh, indent=1, sort_keys=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, index_path)
    except OSError as exc:
        log.debug("could not record gguf hash in %s: %s", index_path, exc)
    return sha


def _gguf_source(spec: str, gguf: Path, name: str, model_id: str, models_dir: Path) -> GeneratorSource:
    cache_root = Path(models_dir) / "cache"
    sha = _file_sha256(gguf, cache_root)
    target = cache_root / f"{name}-{sha[:16]}"
    return GeneratorSource(spec, "gguf", model_id, sha, str(target), gguf)


def resolve_generator(spec: str, models_dir: Path) -> GeneratorSource:
    """Map a role name, local path or Hub id to its weights, failing early if they are not here."""
    models_dir = Path(models_dir)
    # Tests and ad-hoc runs may point models_dir at a folder without a registry: then only paths
    # and Hub ids resolve.
    if (models_dir / "models.toml").is_file() and spec in registry(models_dir).get("generator", {}):
        ref = resolve_model("generator", spec, models_dir)
        where = Path(ref.location)
        if where.is_file() and where.suffix == ".gguf":
            return _gguf_source(spec, where, spec, ref.id, models_dir)
        return GeneratorSource(spec, "local", ref.id, ref.revision, str(where))

    path = Path(spec).expanduser()
    if path.is_file() and path.suffix == ".gguf":
        return _gguf_source(spec, path.resolve(), path.stem, path.stem, models_dir)
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelNotFound(f"generator {spec!r}: no config.json there; pass a save_pretrained directory")
        return GeneratorSource(spec, "local", str(path.resolve()), "local", str(path.resolve()))
    if spec.startswith((".", "/", "~")) or spec.endswith(".gguf") or spec.count("/") > 1:
        raise ModelNotFound(f"generator {spec!r}: no such local file or directory")

    from huggingface_hub import try_to_load_from_cache

    try:
        cached = try_to_load_from_cache(spec, "config.json")
    except ValueError:  # HFValidationError: not even a well-formed repo id
        raise ModelNotFound(f"generator {spec!r} is not a registry name, a local path or a Hub model id") from None
    if isinstance(cached, str):
        # The cache lays files out as .../snapshots/<commit>/config.json.
        return GeneratorSource(spec, "hub", spec, Path(cached).parent.name, spec)
    if offline():
        raise ModelNotFound(
            f"generator {spec!r} is not available offline (not in the registry nor the local Hugging Face cache); "
            "pass a local model directory, or pre-download it with `hf download "
            f"{spec}` on a connected machine"
        )
    return GeneratorSource(spec, "hub", spec, "unknown", spec)


def ensure_converted(source: GeneratorSource) -> Path:
    """De-quantise a GGUF source into its safetensors cache directory, once, and return it."""
    if source.gguf_file is None:
        raise ValueError(f"{source.spec!r} is not a GGUF source")
    target = Path(source.load_from)
    if target.is_dir():  # only ever created by the os.replace below, so it is complete
        return target
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if target.is_dir():  # another process converted it while we waited
            return target
        log.info("converting %s to %s (one-time, ~25 s)", source.gguf_file.name, target)
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
        try:
            _convert_gguf(source.gguf_file, tmp)
            (tmp / "source.json").write_text(
                json.dumps({"gguf": source.gguf_file.name, "sha256": source.revision}, indent=1) + "\n",
                encoding="utf-8",
            )
            # mkdtemp makes the directory private; the cache should be as readable as models_dir.
            os.chmod(tmp, 0o755)
            for f in tmp.iterdir():
                os.chmod(f, 0o644)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _convert_gguf(gguf: Path, out: Path) -> None:
    import torch
    from safetensors.torch import save_model
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the CLI shows its own progress; tqdm bars garble stderr
    kwargs: dict[str, Any] = {"gguf_file": gguf.name}
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, **kwargs)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, dtype=torch.float32, **kwargs)
    # save_pretrained refuses GGUF-quantised models; the weights are already plain float32, so
    # dropping the quantisation marker and writing the pieces by hand gives a normal checkpoint.
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.config.save_pretrained(out)
    model.generation_config.save_pretrained(out)
    save_model(model, str(out / "model.safetensors"))  # handles the tied embedding/lm_head
    tokenizer.save_pretrained(out)
