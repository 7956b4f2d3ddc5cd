#!/usr/bin/env python3
"""Builds the vision parity fixtures in tests/data/vision/ with transformers (CPU, f32).

For each of qwen2_vl and qwen2_5_vl: a tiny random checkpoint whose weights have real spread
(normal std 0.2; norm weights 1 + N(0, 0.2)), one request with an image and one with a
multi-frame video (odd frame count, so the last frame is repeated). Written:
  frames/*.png                      the committed input images
  inputs.safetensors                processor outputs (pixel values) for the image and the video
  <model_type>/                     checkpoint (config.json, model.safetensors,
                                    preprocessor_config.json)
  <model_type>/expected.json        token ids, grid_thw, M-RoPE position ids, completion
                                    log-probs, and merged vision embeddings (in
                                    <model_type>/embeds.safetensors)

Requires: pip install torch torchvision transformers pillow.  Run from the repository root:
  python3 scripts/make_vision_fixtures.py
"""
import json
import os

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file
from transformers import (
    Qwen2VLConfig,
    Qwen2VLForConditionalGeneration,
    Qwen2_5_VLConfig,
    Qwen2_5_VLForConditionalGeneration,
)
from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil
from transformers.models.qwen2_vl.video_processing_qwen2_vl import Qwen2VLVideoProcessor

OUT = "tests/data/vision"
VOCAB = 320
VISION_START, VISION_END, IMAGE_PAD, VIDEO_PAD = 308, 309, 310, 311
MIN_PIXELS, MAX_PIXELS = 56 * 56, 84 * 112
STD = 0.2
FPS = 2.0


def frames():
    """A 100x75 image and a 3-frame 64x48 video, deterministic patterns with edges."""
    rng = np.random.default_rng(7)
    os.makedirs(f"{OUT}/frames", exist_ok=True)
    y, x = np.mgrid[0:75, 0:100]
    img = np.stack([(x * 5 + y) % 256, (y * 7) % 256, ((x // 10 + y // 10) % 2) * 200], -1)
    img = (img + rng.integers(0, 30, img.shape)).clip(0, 255).astype(np.uint8)
    Image.fromarray(img).save(f"{OUT}/frames/image.png")
    vid = []
    for t in range(3):
        y, x = np.mgrid[0:48, 0:64]
        f = np.stack([(x * 4 + t * 40) % 256, (y * 5 + t * 20) % 256, ((x + y + 8 * t) % 16) * 16], -1)
        f = (f + rng.integers(0, 20, f.shape)).clip(0, 255).astype(np.uint8)
        Image.fromarray(f).save(f"{OUT}/frames/video_{t}.png")
        vid.append(f"{OUT}/frames/video_{t}.png")
    return f"{OUT}/frames/image.png", vid


def spread(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=g) * STD
            is_norm = ("norm" in name or "ln_q" in name) and name.endswith("weight")
            p.copy_(1.0 + noise if is_norm else noise)


def text_config():
    return dict(
        vocab_size=VOCAB, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
        rms_norm_eps=1e-6, rope_parameters={"rope_type": "default", "rope_theta": 1e6,
                                            "mrope_section": [2, 3, 3]},
        tie_word_embeddings=False,
    )


def build(model_type):
    ids = dict(image_token_id=IMAGE_PAD, video_token_id=VIDEO_PAD,
               vision_start_token_id=VISION_START, vision_end_token_id=VISION_END)
    if model_type == "qwen2_vl":
        vision = dict(depth=2, embed_dim=32, hidden_size=64, num_heads=2, mlp_ratio=2,
                      patch_size=14, spatial_merge_size=2, temporal_patch_size=2)
        cfg = Qwen2VLConfig(text_config=text_config(), vision_config=vision, **ids)
        model = Qwen2VLForConditionalGeneration(cfg)
    else:
        vision = dict(depth=3, hidden_size=32, intermediate_size=48, num_heads=2,
                      out_hidden_size=64, patch_size=14, spatial_merge_size=2,
                      temporal_patch_size=2, window_size=56, fullatt_block_indexes=[1],
                      tokens_per_second=2)
        cfg = Qwen2_5_VLConfig(text_config=text_config(), vision_config=vision, **ids)
        model = Qwen2_5_VLForConditionalGeneration(cfg)
    model.eval()
    spread(model, 11 if model_type == "qwen2_vl" else 12)
    return model


def request(n_pad, pad_id, seed):
    g = np.random.default_rng(seed)
    before = g.integers(3, 300, 5).tolist()
    after = g.integers(3, 300, 4).tolist()
    completion = g.integers(3, 300, 6).tolist()
    prompt = before + [VISION_START] + [pad_id] * n_pad + [VISION_END] + after
    return prompt, completion


def logprobs(model, prompt, completion, **kw):
    ids = torch.tensor([prompt + completion])
    mm = torch.zeros_like(ids, dtype=torch.int32)
    mm[ids == IMAGE_PAD] = 1
    mm[ids == VIDEO_PAD] = 2
    with torch.no_grad():
        out = model(input_ids=ids, mm_token_type_ids=mm, **kw)
        pos, _ = model.model.get_rope_index(
            ids, mm_token_type_ids=mm, image_grid_thw=kw.get("image_grid_thw"),
            video_grid_thw=kw.get("video_grid_thw"),
            **({"second_per_grid_ts": kw["second_per_grid_ts"]} if "second_per_grid_ts" in kw else {}))
    lp = torch.log_softmax(out.logits[0].double(), -1)
    n = len(prompt)
    vals = [lp[n - 1 + i, t].item() for i, t in enumerate(completion)]
    return vals, pos[:, 0].tolist()


def main():
    torch.manual_seed(0)
    image_path, video_paths = frames()
    ip = Qwen2VLImageProcessorPil(min_pixels=MIN_PIXELS, max_pixels=MAX_PIXELS)
    vp = Qwen2VLVideoProcessor(min_pixels=MIN_PIXELS, max_pixels=MAX_PIXELS)
    image = ip(images=[Image.open(image_path).convert("RGB")], return_tensors="pt")
    video_frames = [np.array(Image.open(p).convert("RGB")) for p in video_paths]
    video = vp(videos=[np.stack(video_frames)], return_tensors="pt", do_sample_frames=False,
               cap_pixels_per_frame=False)
    save_file({
        "image_pixel_values": image["pixel_values"].float().contiguous(),
        "image_grid_thw": image["image_grid_thw"].to(torch.int64),
        "video_pixel_values": video["pixel_values_videos"].float().contiguous(),
        "video_grid_thw": video["video_grid_thw"].to(torch.int64),
    }, f"{OUT}/inputs.safetensors")

    for model_type in ["qwen2_vl", "qwen2_5_vl"]:
        model = build(model_type)
        d = f"{OUT}/{model_type}"
        model.save_pretrained(d, safe_serialization=True)
        ip.save_pretrained(d)
        merge = 4
        n_img = int(image["image_grid_thw"].prod()) // merge
        n_vid = int(video["video_grid_thw"].prod()) // merge
        img_prompt, img_completion = request(n_img, IMAGE_PAD, 1)
        vid_prompt, vid_completion = request(n_vid, VIDEO_PAD, 2)
        img_lp, img_pos = logprobs(model, img_prompt, img_completion,
                                   pixel_values=image["pixel_values"],
                                   image_grid_thw=image["image_grid_thw"])
        extra = {}
        if model_type == "qwen2_5_vl":
            extra["second_per_grid_ts"] = torch.tensor([2 / FPS])
        vid_lp, vid_pos = logprobs(model, vid_prompt, vid_completion,
                                   pixel_values_videos=video["pixel_values_videos"],
                                   video_grid_thw=video["video_grid_thw"], **extra)
        with torch.no_grad():
            ie = model.model.get_image_features(image["pixel_values"], image["image_grid_thw"],
                                                return_dict=True).pooler_output[0]
            ve = model.model.get_video_features(video["pixel_values_videos"], video["video_grid_thw"],
                                                return_dict=True).pooler_output[0]
        save_file({"image_embeds": ie.contiguous(), "video_embeds": ve.contiguous()},
                  f"{d}/embeds.safetensors")
        exp = {
            "image": {"prompt": img_prompt, "completion": img_completion, "logprobs": img_lp,
                      "position_ids": img_pos, "grid_thw": image["image_grid_thw"][0].tolist()},
            "video": {"prompt": vid_prompt, "completion": vid_completion, "logprobs": vid_lp,
                      "position_ids": vid_pos, "grid_thw": video["video_grid_thw"][0].tolist(),
                      "fps": FPS, "second_per_grid_t": 2 / FPS},
        }
        with open(f"{d}/expected.json", "w") as f:
            json.dump(exp, f)
        print(model_type, "image lp", [round(v, 3) for v in img_lp], "video lp",
              [round(v, 3) for v in vid_lp])


if __name__ == "__main__":
    main()
