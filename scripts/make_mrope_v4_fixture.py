#!/usr/bin/env python3
"""Writes tests/data/vision/mrope_qwen_rule.json: M-RoPE position ids from transformers 4's
`get_rope_index` (the rule of Qwen's own code and vLLM: text resumes one past a vision block's
largest position), for Qwen2-VL and Qwen2.5-VL sequences with images and videos.
`tests/vision_parity.rs` checks `TextAfterVision::MaxPlusOne` against it.

transformers 5 changed that rule (see the fixtures of make_vision_fixtures.py), so this script
needs a transformers 4 environment:
  python3 -m venv --system-site-packages /tmp/tf4 && /tmp/tf4/bin/pip install transformers==4.51.3
  /tmp/tf4/bin/python scripts/make_mrope_v4_fixture.py
"""
import json
import pathlib

import torch
import transformers
from transformers import Qwen2VLConfig, Qwen2_5_VLConfig
from transformers import Qwen2VLForConditionalGeneration, Qwen2_5_VLForConditionalGeneration

assert transformers.__version__.startswith("4."), transformers.__version__
OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/data/vision/mrope_qwen_rule.json"
START, END, IMAGE, VIDEO = 300, 301, 302, 303
TEXT = dict(vocab_size=320, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
            num_attention_heads=2, num_key_value_heads=1,
            vision_start_token_id=START, vision_end_token_id=END,
            image_token_id=IMAGE, video_token_id=VIDEO,
            rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]})
VISION = dict(depth=1, embed_dim=16, hidden_size=32, num_heads=2, spatial_merge_size=2)


def model(kind):
    if kind == "qwen2_vl":
        cfg = Qwen2VLConfig(vision_config=dict(VISION, mlp_ratio=2), **TEXT)
        return Qwen2VLForConditionalGeneration(cfg)
    cfg = Qwen2_5_VLConfig(vision_config=dict(VISION, out_hidden_size=32, intermediate_size=32,
                                              tokens_per_second=2), **TEXT)
    return Qwen2_5_VLForConditionalGeneration(cfg)


def sequence(blocks):
    """blocks: ("text", n) | ("image", [t, h, w]) | ("video", [t, h, w], second_per_grid_t)."""
    ids, images, videos, seconds, spans = [], [], [], [], []
    for b in blocks:
        if b[0] == "text":
            ids += [1 + (i % 200) for i in range(b[1])]
            continue
        grid = b[1]
        n = grid[0] * grid[1] * grid[2] // 4
        ids += [START] + [IMAGE if b[0] == "image" else VIDEO] * n + [END]
        spans.append(dict(grid_thw=grid, is_video=b[0] == "video",
                          second_per_grid_t=b[2] if b[0] == "video" else 0.0))
        (images if b[0] == "image" else videos).append(grid)
        if b[0] == "video":
            seconds.append(b[2])
    return ids, images, videos, seconds, spans


CASES = [
    [("text", 3), ("image", [1, 4, 6]), ("text", 4)],
    [("text", 2), ("video", [2, 4, 4], 1.0), ("text", 3)],
    [("text", 2), ("video", [6, 4, 4], 0.5), ("text", 3)],
    [("text", 1), ("image", [1, 4, 4]), ("text", 2), ("video", [4, 2, 4], 1.0), ("text", 2)],
]

out = []
for kind in ["qwen2_vl", "qwen2_5_vl"]:
    m = model(kind).eval()
    for blocks in CASES:
        ids, images, videos, seconds, spans = sequence(blocks)
        args = dict(input_ids=torch.tensor([ids]),
                    image_grid_thw=torch.tensor(images) if images else None,
                    video_grid_thw=torch.tensor(videos) if videos else None)
        if kind == "qwen2_5_vl":
            args["second_per_grid_ts"] = torch.tensor(seconds) if seconds else None
        pos, _ = m.get_rope_index(**args)
        out.append(dict(model_type=kind, tokens=ids, spans=spans,
                        tokens_per_second=2.0 if kind == "qwen2_5_vl" else None,
                        position_ids=pos[:, 0, :].tolist()))
OUT.write_text(json.dumps(dict(transformers=transformers.__version__, image_token_id=IMAGE,
                               video_token_id=VIDEO, cases=out)) + "\n")
print(f"{len(out)} cases -> {OUT}")
