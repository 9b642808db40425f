"""Sentence embeddings: the embedded all-MiniLM-L6-v2, any HF encoder, or a model-free baseline."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import sys
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .models import MODELS_DIR, ModelRef, offline_hint, resolve

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import HashingVectorizer
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


class Embedder(Protocol):
    name: str

    def warm_up(self) -> None: ...

    def embed(self, texts: list[str]) -> np.ndarray:
        """Rows are L2-normalised float32 vectors, so a dot product is a cosine."""
        ...


class HashingEmbedder:
    """Model-free baseline: hashed word uni- and bigrams, stop words out. Stateless, so the
    same text always gets the same vector whatever else is being embedded."""

    name = "hashing"

    def __init__(self, n_features: int = 4096) -> None:
        self.n_features = n_features
        self._vec: HashingVectorizer | None = None

    @property
    def ref(self) -> dict:
        return {"name": self.name, "id": "hashing", "revision": f"n_features={self.n_features}"}

    def warm_up(self) -> None:
        if self._vec is None:
            # Imported here: scikit-learn takes ~1 s to import, and the CLI imports this module.
            from sklearn.feature_extraction.text import HashingVectorizer

            self._vec = HashingVectorizer(
                n_features=self.n_features,
                ngram_range=(1, 2),
                stop_words="english",
                binary=True,
                alternate_sign=False,
                norm="l2",
                token_pattern=r"(?u)\b\w+\b",
            )

    def embed(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        assert self._vec is not None
        if not texts:
            return np.zeros((0, self.n_features), dtype=np.float32)
        return self._vec.transform(texts).toarray().astype(np.float32)


# Batches between two calls of release_freed_memory: often enough to keep RSS flat, rare enough
# to cost nothing measurable (5,000 sentences: 20.5 s with it, 20.8 s without).
TRIM_EVERY = 8


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # not glibc: nothing to release
        return None


def release_freed_memory() -> None:
    """Give freed heap pages back to the system (glibc's malloc_trim). The encoder's activations
    take a new shape every batch, and glibc keeps what they free in its heap: embedding 35,000
    sentences grew RSS by 1 GB for 54 MB of vectors (issue 15). A fixed mmap threshold cured
    that too, but mapping every block anew made embedding 35% slower."""
    libc = _libc() if sys.platform.startswith("linux") else None
    if libc is not None:
        libc.malloc_trim(0)


# From this many texts on, a CPU with native bfloat16 (AVX512-BF16 or AMX) runs the encoder's
# matrix products in bfloat16 (torch.autocast): 4,000 dev sentences took 7.9 s instead of 19.6 s,
# and a cosine moved by at most 0.004 (of 5,700 pairs at 0.4, 34 changed side; none at 0.65).
# Smaller inputs, every dev cluster and the seeds among them, keep float32 and today's vectors
# exactly; a 2,000-article incident (29,000 sentences) is where the time budget is spent.
# int8 dynamic quantisation was 1.7x faster but moved cosines by up to 0.2: not used.
BF16_FROM = 3_000


@functools.cache
def native_bf16() -> bool:
    """Whether this CPU computes in bfloat16 natively; emulated, it would be slower, not faster.
    Asked once a process: every embed call (the pool, then each summariser's candidates) needs it."""
    import torch

    # torch's own probes (private: a torch without them reads as "no", and float32 is kept).
    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in probes)


class TransformerEmbedder:
    """Mean-pooled encoder embeddings (the sentence-transformers recipe for MiniLM), computed
    with transformers directly: importing sentence-transformers costs seconds per run."""

    def __init__(self, spec: str = "minilm", device: str = "cpu", batch_size: int = 64, max_length: int = 128) -> None:
        self.name = spec
        self.device = device
        self.batch_size = batch_size
        self.max_length = max_length
        self.bf16_from = BF16_FROM
        self._model: PreTrainedModel | None = None
        self._tok: PreTrainedTokenizerBase | None = None
        self._ref: ModelRef | None = None

    @property
    def ref(self) -> dict:
        ref = self._ref or resolve("embedder", self.name, MODELS_DIR)
        return {"name": self.name, "id": ref.id, "revision": ref.revision}

    def warm_up(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        self._ref = resolve("embedder", self.name, MODELS_DIR)
        try:
            self._tok = AutoTokenizer.from_pretrained(self._ref.location)
            self._model = AutoModel.from_pretrained(self._ref.location).to(_device(self.device)).eval()
        except OSError as err:
            raise offline_hint(self.name, err) from None
        torch.set_grad_enabled(False)

    def embed(self, texts: list[str]) -> np.ndarray:
        # Outlets reprint wire copy: a big incident repeats sentences word for word. A vector
        # depends on its text alone (up to float rounding from its batch's padding), so each
        # distinct text is encoded once.
        unique = list(dict.fromkeys(texts))
        if len(unique) == len(texts):
            return self._encode(texts)
        where = {t: i for i, t in enumerate(unique)}
        return self._encode(unique)[[where[t] for t in texts]]

    def _encode(self, texts: list[str]) -> np.ndarray:
        import torch

        self.warm_up()
        assert self._model is not None and self._tok is not None
        out = []
        # Sorting by length keeps padding small; the order is restored below.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        fast = self.bf16(len(texts))
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16) if fast else contextlib.nullcontext():
            for i in range(0, len(order), self.batch_size):
                batch = [texts[j] for j in order[i : i + self.batch_size]]
                enc = self._tok(
                    batch,
                    padding=True,
                    # bfloat16 kernels are built per shape: lengths in steps of 16 build few (13,600
                    # dev sentences: RSS +390 MB, not +600; the same time).
                    pad_to_multiple_of=16 if fast else None,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                enc = {k: v.to(self._model.device) for k, v in enc.items()}
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out.append(torch.nn.functional.normalize(pooled, dim=-1).float().cpu().numpy())
                if (i // self.batch_size) % TRIM_EVERY == TRIM_EVERY - 1:
                    release_freed_memory()
        dim = self._model.config.hidden_size
        vectors = np.concatenate(out) if out else np.zeros((0, dim), dtype=np.float32)
        result = np.empty_like(vectors)
        result[order] = vectors
        return result

    def bf16(self, n_texts: int) -> bool:
        """Whether `n_texts` texts are encoded in bfloat16 (see BF16_FROM)."""
        assert self._model is not None
        return n_texts >= self.bf16_from and self._model.device.type == "cpu" and native_bf16()


def _device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def make_embedder(spec: str, device: str = "cpu") -> Embedder:
    """ "hashing" is the model-free baseline; anything else is a registry name, path or hub id."""
    return HashingEmbedder() if spec == "hashing" else TransformerEmbedder(spec, device=device)
