#!/usr/bin/env python3
"""TRL GRPOTrainer on the same tiny setup as `cargo bench --bench grpo`.

From-scratch Qwen2 (hidden 128, 4 layers, 4 heads, 2 KV heads, init std 0.1,
a character vocabulary), single-digit addition prompts, 32 prompts x 8
completions per step, max 8 new tokens, lr 1e-3, beta 1e-4, CPU, 2 threads.
Prints seconds per optimizer step (mean over steps after the first) and the
sampled accuracy, as JSON.

    pip install trl torch transformers datasets
    python scripts/bench_trl_grpo.py --steps 10
    python scripts/bench_trl_grpo.py --steps 60 --seed 1 --metrics runs/trl_s1/metrics.jsonl

`--metrics` writes one line per step in the trainer's `metrics.jsonl` format
(`"kind": "train"`), so `trainer plot runs/trl_s1 runs/ours_s1 --metric accuracy`
draws TRL's curve beside ours (docs/math_addition.md).
"""
import argparse
import json
import os
import random
import re
import time

import torch
from datasets import Dataset
from transformers import (PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM,
                          TrainerCallback)
from tokenizers import Tokenizer, models, pre_tokenizers
from trl import GRPOConfig, GRPOTrainer

CHARS = list(dict.fromkeys("0123456789+-=?*/ ().,abcdefghijklmnopqrstuvwxyzW<>"))


def tokenizer():
    vocab = {c: i for i, c in enumerate(["<pad>", "<eos>"] + CHARS)}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<pad>"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    t = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<eos>")
    t.padding_side = "left"
    return t


def dataset(n, seed):
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        a, b = rng.randint(0, 9), rng.randint(0, 9)
        rows.append({"prompt": f"What is {a}+{b}?=", "answer": str(a + b)})
    return Dataset.from_list(rows)


def accuracy(completions, answer, **_):
    out = []
    for c, a in zip(completions, answer):
        m = re.match(r"\s*(-?\d+)", c)
        out.append(1.0 if m and m.group(1) == a else 0.0)
    return out


def metrics_line(step, logs, seconds):
    """A `metrics.jsonl` train record (trainer/src/metrics.rs StepMetrics) from TRL's logs."""
    def num(key):
        v = logs.get(key)
        return float(v) if isinstance(v, (int, float)) else None
    acc = num("rewards/accuracy/mean")
    std = num("rewards/accuracy/std")
    return {
        "kind": "train", "step": step, "stage": "trl", "lr": num("learning_rate"),
        "reward": {"accuracy": {"mean": acc, "std": std}, "total": {"mean": acc, "std": std}},
        "format_rate": None, "accuracy": acc, "episode_return": acc, "episode_len": 1.0,
        "kl": num("kl"), "entropy": num("entropy"),
        "clip_fraction": num("clip_ratio/region_mean"), "grad_norm": num("grad_norm"),
        "loss": num("loss"), "response_len": num("completions/mean_length"),
        "skipped": False, "tokens_per_s": 0.0, "env_steps_per_s": 0.0,
        "step_seconds": seconds,
    }


class Timer(TrainerCallback):
    def __init__(self, metrics=None):
        self.t = []
        self.acc = []
        self.metrics = metrics

    def on_step_begin(self, args, state, control, **kw):
        self.start = time.perf_counter()

    def on_step_end(self, args, state, control, **kw):
        self.t.append(time.perf_counter() - self.start)

    def on_log(self, args, state, control, logs=None, **kw):
        if logs and "rewards/accuracy/mean" in logs:
            self.acc.append(logs["rewards/accuracy/mean"])
            if self.metrics is not None:
                secs = self.t[-1] if self.t else None
                self.metrics.write(json.dumps(metrics_line(len(self.acc) - 1, logs, secs)) + "\n")
                self.metrics.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--metrics", help="write per-step records here (metrics.jsonl format)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    tok = tokenizer()
    cfg = Qwen2Config(vocab_size=len(tok), hidden_size=128, intermediate_size=512,
                      num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2,
                      max_position_embeddings=512, initializer_range=0.1,
                      pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
                      bos_token_id=tok.eos_token_id, tie_word_embeddings=True)
    # TRL rebuilds the frozen reference from a path, so save the init first.
    init_dir = "/tmp/trl_grpo_bench_init"
    Qwen2ForCausalLM(cfg).save_pretrained(init_dir)
    tok.save_pretrained(init_dir)
    model = init_dir
    gcfg = GRPOConfig(output_dir="/tmp/trl_grpo_bench", per_device_train_batch_size=256,
                      num_generations=8, max_completion_length=8,
                      learning_rate=1e-3, beta=1e-4, temperature=1.0, max_steps=args.steps,
                      logging_steps=1, report_to=[], save_strategy="no", use_cpu=True,
                      seed=args.seed, bf16=False, lr_scheduler_type="constant")
    metrics = None
    if args.metrics:
        os.makedirs(os.path.dirname(os.path.abspath(args.metrics)), exist_ok=True)
        metrics = open(args.metrics, "w")
    timer = Timer(metrics)
    trainer = GRPOTrainer(model=model, reward_funcs=[accuracy], args=gcfg,
                          train_dataset=dataset(32 * args.steps * 2, args.seed),
                          processing_class=tok, callbacks=[timer])
    trainer.train()
    t = timer.t[1:] if len(timer.t) > 1 else timer.t
    print(json.dumps({
        "trl_seconds_per_step": sum(t) / len(t),
        "steps": len(timer.t),
        "prompts_per_step": 32,
        "group": 8,
        "accuracy_first": timer.acc[:3],
        "accuracy_last": timer.acc[-3:],
        "threads": args.threads,
        "accuracy": timer.acc,
    }))


if __name__ == "__main__":
    main()
