#!/usr/bin/env python3
"""PyTorch side of benches/vision.rs: the same small towers (depth 4, width 128, 4 heads) on a
448x448 image (1024 patches) and a 16-frame 224x224 video (8x256 patches), 2 threads, f32.
  python3 scripts/bench_torch_vision.py"""
import time

import torch
from transformers.models.qwen2_vl.configuration_qwen2_vl import Qwen2VLVisionConfig
from transformers.models.qwen2_vl.modeling_qwen2_vl import Qwen2VisionTransformerPretrainedModel
from transformers.models.qwen2_5_vl.configuration_qwen2_5_vl import Qwen2_5_VLVisionConfig
from transformers.models.qwen2_5_vl.modeling_qwen2_5_vl import Qwen2_5_VisionTransformerPretrainedModel

torch.set_num_threads(2)
q2 = Qwen2VisionTransformerPretrainedModel(Qwen2VLVisionConfig(
    depth=4, embed_dim=128, hidden_size=256, num_heads=4, mlp_ratio=4))
q25 = Qwen2_5_VisionTransformerPretrainedModel(Qwen2_5_VLVisionConfig(
    depth=4, hidden_size=128, out_hidden_size=256, num_heads=4, intermediate_size=512,
    window_size=112, fullatt_block_indexes=[3]))
cases = {"image_448": torch.tensor([[1, 32, 32]]), "video_16x224": torch.tensor([[8, 16, 16]])}
for name, m in [("qwen2_vl", q2), ("qwen2_5_vl", q25)]:
    m.eval()
    for what, g in cases.items():
        x = torch.randn(int(g.prod()), 1176)
        with torch.no_grad():
            m(x, grid_thw=g)
            n, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < 3 or n < 3:
                m(x, grid_thw=g)
                n += 1
        dt = (time.perf_counter() - t0) / n
        print(f"{name}_tower_{what}: {dt * 1e3:.1f} ms, {int(g.prod()) // 4 / dt:.0f} vision tokens/s")
