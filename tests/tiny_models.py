"""Tiny random models built from configs, with a word-level tokenizer: no download, seconds to build."""

from __future__ import annotations

from pathlib import Path

import torch
import transformers
from tokenizers import Tokenizer, models, pre_tokenizers

WORDS = (
    "the river flooded the town on monday and police closed the bridge while rescue teams "
    "moved residents to a school officials said power was cut across the city after a storm "
    "write one sentence about what happened system user assistant"
).split()
CHAT_TEMPLATE = (
    "{% for m in messages %}<s> {{ m['role'] }} : {{ m['content'] }} </s> {% endfor %}"
    "{% if add_generation_prompt %}<s> assistant : {% endif %}"
)


def _tokenizer(chat_template: str | None) -> transformers.PreTrainedTokenizerFast:
    specials = ["<pad>", "<s>", "</s>", "<unk>"]
    vocab = {t: i for i, t in enumerate(specials + sorted(set(WORDS) | {":"}))}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok = transformers.PreTrainedTokenizerFast(
        tokenizer_object=backend, bos_token="<s>", eos_token="</s>", pad_token="<pad>", unk_token="<unk>"
    )
    if chat_template:
        tok.chat_template = chat_template
    return tok


def _save(model: torch.nn.Module, tok: transformers.PreTrainedTokenizerFast, path: Path) -> Path:
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path


def _tiny_llama(tok: transformers.PreTrainedTokenizerFast, path: Path) -> Path:
    torch.manual_seed(0)
    config = transformers.LlamaConfig(
        vocab_size=len(tok),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        intermediate_size=32,
        max_position_embeddings=128,
        # A wide init keeps random logits far apart, so float noise cannot flip an argmax.
        initializer_range=0.5,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
    )
    return _save(transformers.LlamaForCausalLM(config), tok, path)


def tiny_causal(path: Path) -> Path:
    """A one-layer Llama with a chat template."""
    return _tiny_llama(_tokenizer(CHAT_TEMPLATE), path)


def tiny_seq2seq(path: Path) -> Path:
    """A one-layer T5, no chat template."""
    tok = _tokenizer(None)
    torch.manual_seed(0)
    config = transformers.T5Config(
        vocab_size=len(tok),
        d_model=16,
        d_kv=8,
        d_ff=32,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        pad_token_id=tok.pad_token_id,
        eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.pad_token_id,
        initializer_factor=5.0,
    )
    return _save(transformers.T5ForConditionalGeneration(config), tok, path)
