#!/usr/bin/env python3
"""TRL's GRPOTrainer on rulegym's math tasks and rule rewards, on a tiny model.

The dataset is ``rulegym.datasets.generate("math/arithmetic", ...)`` (prompt
with the env's instruction, gold ``answer``) and the rewards are
``rulegym.rewards.math_accuracy`` and ``math_format`` with LMM-R1's weights
(1.0, 0.5): the same rules the Rust trainer uses, run in Rust. The model is
a from-scratch Qwen2 (hidden 64, 2 layers) over a character vocabulary, so
nothing is downloaded; it runs a few steps on the CPU to show the pieces fit,
it is not expected to learn the task in that time.

    pip install ./python trl datasets       # trl pulls torch and transformers
    python examples/trl_grpo_math.py --steps 4

``examples/trl_grpo_math.log`` is one such run (TRL 1.16, 2 CPU cores, ≈ 16–33 s a
step under load): the rows and rewards flow through GRPOTrainer; the rewards
stay 0, as a from-scratch model does not hit the answer format in 4 steps.
"""

from __future__ import annotations

import argparse
import json
import time

import torch
from datasets import Dataset
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM, TrainerCallback
from trl import GRPOConfig, GRPOTrainer

import rulegym


def char_tokenizer(texts: list[str]) -> PreTrainedTokenizerFast:
    """One token per character of printable ASCII and of the prompts."""
    chars = dict.fromkeys([chr(c) for c in range(32, 127)] + ["\n"] + [c for t in texts for c in t])
    vocab = {c: i for i, c in enumerate(["<pad>", "<eos>", "<unk>", *chars])}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    t = PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>"
    )
    t.padding_side = "left"
    return t


class Log(TrainerCallback):
    """Prints one JSON line per logged step (rewards, loss, seconds)."""

    def on_step_begin(self, args, state, control, **kw):
        self.t = time.perf_counter()

    def on_log(self, args, state, control, logs=None, **kw):
        if logs:
            keep = {k: v for k, v in logs.items() if k.startswith(("reward", "loss", "kl", "completions/mean"))}
            keep["step"] = state.global_step
            keep["seconds"] = round(time.perf_counter() - self.t, 3)
            print(json.dumps(keep), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--prompts", type=int, default=8, help="prompts per step")
    ap.add_argument("--group", type=int, default=4, help="completions per prompt")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="/tmp/rulegym_trl_grpo_math")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)

    rows = list(
        rulegym.datasets.generate(
            "math/arithmetic", args.prompts * args.steps, seed=args.seed, as_messages=False
        )
    )
    print(json.dumps({"example_row": rows[0]}), flush=True)
    tok = char_tokenizer([r["prompt"] for r in rows])
    cfg = Qwen2Config(
        vocab_size=len(tok), hidden_size=64, intermediate_size=256, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024,
        initializer_range=0.1, pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
        bos_token_id=tok.eos_token_id, tie_word_embeddings=True,
    )
    # TRL loads the model (and any reference) from a path: save the init.
    init = f"{args.out}/init"
    Qwen2ForCausalLM(cfg).save_pretrained(init)
    tok.save_pretrained(init)

    gcfg = GRPOConfig(
        output_dir=args.out, per_device_train_batch_size=args.prompts * args.group,
        num_generations=args.group, max_completion_length=48, learning_rate=1e-3,
        beta=0.0, temperature=1.0, max_steps=args.steps, logging_steps=1, report_to=[],
        save_strategy="no", use_cpu=True, seed=args.seed, bf16=False,
        reward_weights=[1.0, 0.5],
    )
    trainer = GRPOTrainer(
        model=init,
        reward_funcs=[rulegym.rewards.math_accuracy, rulegym.rewards.math_format],
        args=gcfg,
        train_dataset=Dataset.from_list(rows),
        processing_class=tok,
        callbacks=[Log()],
    )
    trainer.train()
    print(json.dumps({"done": True, "steps": trainer.state.global_step}), flush=True)


if __name__ == "__main__":
    main()
