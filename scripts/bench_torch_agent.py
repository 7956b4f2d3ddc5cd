#!/usr/bin/env python3
"""PyTorch reference for benches/agent.rs: the same decoder configs (presets tiny and small)
on the same thread count (median of --reps runs), forward+backward tokens/s of a log-prob loss and sampling tokens/s.

Usage: python3 scripts/bench_torch_agent.py [--threads 2]
"""
import argparse
import statistics
import time

import torch
from transformers import Qwen2Config, Qwen2ForCausalLM

# Same shapes as agent/src/presets.rs (vocab = compact tokenizer rounded to 64).
PRESETS = {
    "tiny": dict(hidden_size=128, num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2,
                 intermediate_size=384),
    "small": dict(hidden_size=256, num_hidden_layers=6, num_attention_heads=8, num_key_value_heads=2,
                  intermediate_size=768),
}
VOCAB = 2624


def model_for(name):
    cfg = Qwen2Config(vocab_size=VOCAB, max_position_embeddings=4096, rope_theta=1e6,
                      initializer_range=0.1, tie_word_embeddings=False, **PRESETS[name])
    cfg._attn_implementation = "sdpa"
    return Qwen2ForCausalLM(cfg)


def fwd_bwd(model, b, t, reps):
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(0, 2000, (b, t), generator=g)
    half = t // 2
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter()
        logits = model(input_ids=ids[:, :-1]).logits[:, half - 1:]  # positions predicting the completion
        lp = torch.log_softmax(logits.float(), -1).gather(-1, ids[:, half:, None]).squeeze(-1)
        lp.sum().backward()
        model.zero_grad(set_to_none=True)
        rates.append(b * t / (time.perf_counter() - t0))
    return statistics.median(rates)


@torch.no_grad()
def sampling(model, reps):
    g = torch.Generator().manual_seed(0)
    prompts = torch.randint(0, 2000, (4, 32), generator=g)
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter()
        out = model.generate(prompts, do_sample=True, num_return_sequences=8, max_new_tokens=32,
                             min_new_tokens=32, top_k=0, top_p=1.0, pad_token_id=0)
        n = (out.shape[1] - 32) * out.shape[0]
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    for name in PRESETS:
        m = model_for(name).train()
        fb = fwd_bwd(m, 8, 256, a.reps)
        m.eval()
        s = sampling(m, a.reps)
        print(f"torch {name}: fwd+bwd {fb:.0f} tok/s (batch 8 x 256), sampling {s:.0f} tok/s (4 prompts x 8 x 32)")


if __name__ == "__main__":
    main()
