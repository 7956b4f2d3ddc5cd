"""rulegym.datasets.generate: rows TRL's GRPOTrainer trains on."""

import numpy as np
import pytest

import rulegym
from rulegym.datasets import generate, png_bytes

try:
    import PIL.Image as PILImage
except ImportError:  # pragma: no cover - depends on the venv
    PILImage = None


def test_math_rows_hold_chat_prompts_and_the_gold_the_rewards_read():
    rows = list(generate("math", 5, seed=3))
    assert [r["seed"] for r in rows] == [3, 4, 5, 6, 7]
    env = rulegym.make("math")
    for r in rows:
        obs, info = env.reset(seed=r["seed"])
        system, user = env.prompt(obs)
        want = ([{"role": "system", "content": system}] if system else []) + [
            {"role": "user", "content": user}
        ]
        assert r["prompt"] == want
        assert r["answer"] == info["answer"] and "images" not in r
    # The gold is what rulegym.rewards grades against.
    gold = [f"<think>x</think><answer>{r['answer']}</answer>" for r in rows]
    assert rulegym.rewards.math_accuracy(None, gold, answer=[r["answer"] for r in rows]) == [1.0] * 5


def test_rows_are_deterministic_and_string_prompts_on_request():
    a = list(generate("math/mixed", 3, seed=9))
    b = list(generate("math/mixed", 3, seed=9, as_messages=False))
    assert [r["answer"] for r in a] == [r["answer"] for r in b]
    assert all(isinstance(r["prompt"], str) and r["prompt"] == x["prompt"][-1]["content"] for r, x in zip(b, a))


def test_spatial_rows_carry_every_video_frame_and_a_gradable_answer(tmp_path):
    rows = list(generate("spatial/room_size", 2, seed=1, images="paths", image_dir=tmp_path))
    env = rulegym.make("spatial/room_size")
    for r in rows:
        obs, _ = env.reset(seed=r["seed"])
        assert len(r["images"]) == obs["frames"].shape[0] > 1
        assert all(p.endswith(".png") and open(p, "rb").read(8) == b"\x89PNG\r\n\x1a\n" for p in r["images"])
        assert r["question_type"] == "room_size"
        # The answer is the env's own: answering it earns full accuracy.
        reply = f"<think>t</think><answer>{r['answer']}</answer>"
        _, _, _, _, info = env.step(reply)
        assert info["reward_parts"]["accuracy"] == 1.0, (r["answer"], info)


@pytest.mark.skipif(PILImage is None, reason="Pillow is not installed: images come as PNG paths")
def test_images_are_pil_images_equal_to_the_frames_when_pillow_is_installed():
    (row,) = generate("sokoban/plan", 1, seed=4)
    obs, _ = rulegym.make("sokoban/plan").reset(seed=4)
    (img,) = row["images"]
    assert isinstance(img, PILImage.Image) and img.mode == "RGB"
    assert np.array_equal(np.asarray(img), obs["frames"][0])
    assert row["answer"] is None  # a game: nothing to grade against


@pytest.mark.skipif(PILImage is None, reason="Pillow is not installed")
def test_png_bytes_decode_to_the_same_pixels():
    import io

    f = np.random.default_rng(0).integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    assert np.array_equal(np.asarray(PILImage.open(io.BytesIO(png_bytes(f)))), f)


def test_a_datasets_dataset_builds_from_the_rows():
    datasets = pytest.importorskip("datasets", reason="`datasets` is not installed (pip install datasets)")
    ds = datasets.Dataset.from_list(list(generate("math", 4, seed=0)))
    assert len(ds) == 4 and set(ds.column_names) >= {"prompt", "answer", "seed"}
    assert ds[0]["prompt"][-1]["role"] == "user"
    vis = datasets.Dataset.from_list(list(generate("spatial/room_size", 1, seed=0)))
    assert len(vis[0]["images"]) > 1


def test_bad_arguments_raise_clean_exceptions():
    with pytest.raises(ValueError, match="n must be at least 0"):
        list(generate("math", -1))
    with pytest.raises(ValueError, match="images must be"):
        list(generate("math", 1, images="jpeg"))
    with pytest.raises(KeyError, match="math"):
        list(generate("nope", 1))
    with pytest.raises(ValueError, match="bogus"):
        list(generate("math", 1, bogus=1))
