#!/usr/bin/env python3
"""Builds tiny random Qwen2-VL / Qwen2.5-VL checkpoints with transformers and the log-probs
transformers computes for a few chat requests; `tests/agent_parity.rs` must match them.

Run from the repository root:  python3 scripts/make_agent_fixtures.py
Writes tests/data/agent/{qwen2_vl,qwen2_5_vl}/ (checkpoint + expected.json) and
tests/data/agent/chat_template.json (strings rendered by apply_chat_template).

Weights get real spread (normal, std 0.2; norms 1 ± 0.1; biases std 0.1): transformers'
default init (std 0.02) yields near-uniform outputs that would prove nothing.
The qwen2_vl checkpoint is written by transformers 5 itself (nested `text_config` with
`rope_parameters`; it still saves the legacy `model.layers.*` / `visual.*` weight names); the
qwen2_5_vl one is rewritten into the hub's flat config (`rope_scaling.mrope_section`), so both
config layouts are covered. (`model.language_model.*` names are covered by the Rust
weight-coverage test.)
"""
import json
import os
import shutil

import torch
from safetensors.torch import load_file, save_file
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, decoders, Regex
from transformers import PreTrainedTokenizerFast

OUT = os.path.join("tests", "data", "agent")

QWEN2_VL_CHAT_TEMPLATE = "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}{% for message in messages %}{% if loop.first and message['role'] != 'system' %}<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n{% endif %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}<|im_end|>\n{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' or 'image' in content or 'image_url' in content %}{% set image_count.value = image_count.value + 1 %}{% if add_vision_id %}Picture {{ image_count.value }}: {% endif %}<|vision_start|><|image_pad|><|vision_end|>{% elif content['type'] == 'video' or 'video' in content %}{% set video_count.value = video_count.value + 1 %}{% if add_vision_id %}Video {{ video_count.value }}: {% endif %}<|vision_start|><|video_pad|><|vision_end|>{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"

SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
           "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
           "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>"]
ADDED = ["<think>", "</think>", "<answer>", "</answer>"]
SPLIT = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"

REQUESTS = [
    {"messages": [{"role": "user", "content": "What is 2 + 3?"}],
     "completion": "<think>2 plus 3</think><answer>5</answer><|im_end|>"},
    {"messages": [{"role": "system", "content": "You play football."},
                  {"role": "user", "content": [{"type": "text", "text": "Pick a move."}]}],
     "completion": "shot"},
    {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
                  {"role": "user", "content": "Count: 1 2 3"}],
     "completion": "4 5 6 and then the end."},
]

TEMPLATE_CASES = [
    [{"role": "user", "content": "Hi"}],
    [{"role": "system", "content": "S"}, {"role": "user", "content": "a\nb"}],
    [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "What is here?"}]}],
    [{"role": "user", "content": [{"type": "text", "text": "Two frames:"}, {"type": "image"}, {"type": "image"},
                                  {"type": "video"}]},
     {"role": "assistant", "content": "left"}, {"role": "user", "content": "again"}],
]


def byte_level_tokenizer():
    alphabet = pre_tokenizers.ByteLevel.alphabet()
    vocab = {c: i for i, c in enumerate(sorted(alphabet))}
    merges = []
    for word in ["Ġt", "Ġth", "Ġthe", "er", "Ġa", "an", "Ġan", "Ġand", "in", "Ġin"]:
        # Left-to-right merge chains: prefix + last symbol.
        left, right = word[:-1], word[-1]
        if left in vocab and right in vocab and word not in vocab:
            merges.append((left, right))
            vocab[word] = len(vocab)
    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges, fuse_unk=False, byte_fallback=False))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(SPLIT), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens(SPECIAL)
    tok.add_tokens(ADDED)
    return tok


def spread(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight") or ".ln_" in name or "norm1" in name or "norm2" in name:
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.2 * torch.randn(p.shape, generator=g))


def build(kind, seed):
    tok = byte_level_tokenizer()
    hf_tok = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>")
    hf_tok.chat_template = QWEN2_VL_CHAT_TEMPLATE
    vocab = (len(hf_tok) + 63) // 64 * 64
    text = dict(vocab_size=vocab, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False,
                rope_parameters={"rope_type": "default", "mrope_section": [2, 3, 3], "rope_theta": 10000.0})
    if kind == "qwen2_vl":
        from transformers import Qwen2VLConfig, Qwen2VLForConditionalGeneration as M
        vision = dict(depth=1, embed_dim=32, hidden_size=64, mlp_ratio=2, num_heads=2, patch_size=14,
                      spatial_merge_size=2, temporal_patch_size=2, in_channels=3)
        cfg = Qwen2VLConfig(text_config=text, vision_config=vision)
    else:
        from transformers import Qwen2_5_VLConfig, Qwen2_5_VLForConditionalGeneration as M
        vision = dict(depth=1, hidden_size=32, out_hidden_size=64, intermediate_size=64, num_heads=2,
                      patch_size=14, spatial_merge_size=2, temporal_patch_size=2, window_size=56,
                      fullatt_block_indexes=[0], in_channels=3)
        cfg = Qwen2_5_VLConfig(text_config=text, vision_config=vision)
    cfg.image_token_id = hf_tok.convert_tokens_to_ids("<|image_pad|>")
    cfg.video_token_id = hf_tok.convert_tokens_to_ids("<|video_pad|>")
    cfg.vision_start_token_id = hf_tok.convert_tokens_to_ids("<|vision_start|>")
    torch.manual_seed(seed)
    model = M(cfg).eval()
    spread(model, seed)
    return model, hf_tok


def expected(model, hf_tok):
    out = []
    for r in REQUESTS:
        prompt = hf_tok.apply_chat_template(r["messages"], add_generation_prompt=True, tokenize=False)
        p_ids = hf_tok(prompt, add_special_tokens=False)["input_ids"]
        c_ids = hf_tok(r["completion"], add_special_tokens=False)["input_ids"]
        ids = torch.tensor([p_ids + c_ids])
        with torch.no_grad():
            logits = model(input_ids=ids).logits[0].double()
        lp = torch.log_softmax(logits, dim=-1)
        vals = [lp[len(p_ids) - 1 + j, t].item() for j, t in enumerate(c_ids)]
        out.append(dict(r, prompt_text=prompt, prompt_ids=p_ids, completion_ids=c_ids, logprobs=vals))
    return out


def flatten_to_hub_layout(d):
    """Rewrites a transformers-5 folder into the hub's flat layout."""
    cfg = json.load(open(os.path.join(d, "config.json")))
    text = cfg.pop("text_config")
    rp = text.pop("rope_parameters", None) or {}
    text.pop("model_type", None)
    cfg.update(text)
    cfg["rope_theta"] = rp.get("rope_theta", 10000.0)
    cfg["rope_scaling"] = {"type": "mrope", "mrope_section": rp["mrope_section"]}
    json.dump(cfg, open(os.path.join(d, "config.json"), "w"), indent=2)
    st = os.path.join(d, "model.safetensors")
    w = load_file(st)
    ren = {}
    for k, v in w.items():
        k2 = k.replace("model.language_model.", "model.").replace("model.visual.", "visual.")
        ren[k2] = v.contiguous()
    save_file(ren, st, metadata={"format": "pt"})


def main():
    os.makedirs(OUT, exist_ok=True)
    for i, kind in enumerate(["qwen2_vl", "qwen2_5_vl"]):
        d = os.path.join(OUT, kind)
        shutil.rmtree(d, ignore_errors=True)
        model, hf_tok = build(kind, 100 + i)
        model.save_pretrained(d)
        hf_tok.save_pretrained(d)
        if kind == "qwen2_5_vl":
            flatten_to_hub_layout(d)
        json.dump({"model_type": kind, "requests": expected(model, hf_tok)},
                  open(os.path.join(d, "expected.json"), "w"), indent=1)
    _, hf_tok = build("qwen2_vl", 0)
    cases = []
    for msgs in TEMPLATE_CASES:
        for gen in (False, True):
            cases.append({"messages": msgs, "add_generation_prompt": gen,
                          "rendered": hf_tok.apply_chat_template(msgs, add_generation_prompt=gen, tokenize=False)})
    json.dump(cases, open(os.path.join(OUT, "chat_template.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
