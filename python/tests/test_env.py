import json

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import rulegym

NAMES = [n for n in rulegym.envs() if n != "math/dataset"]


def test_envs_lists_every_family_with_descriptions():
    envs = rulegym.envs()
    for name in ["math", "football", "spatial", "toy/guess_number", "math/dataset"]:
        assert name in envs and envs[name]
    assert list(envs)[0] == "toy/guess_number"  # built-ins in registry order


@pytest.mark.parametrize("name", NAMES)
def test_every_env_passes_gymnasiums_checker(name):
    env = rulegym.make(name)
    assert isinstance(env, gym.Env)
    check_env(env, skip_render_check=True)


def test_dataset_env_reads_its_path(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"problem": "Half of one?", "answer": "\\frac12"}) + "\n")
    env = rulegym.make("math/dataset", path=p, format_style="lenient")
    check_env(env, skip_render_check=True)
    obs, _ = env.reset(seed=3)
    assert obs["text"].startswith("Half of one?")
    _, reward, terminated, _, info = env.step("<think>.</think>\n<answer>0.5</answer>")
    assert reward == 1.5 and terminated
    assert info["reward_parts"] == {"format": 0.5, "accuracy": 1.0}


def test_math_step_carries_reward_parts_and_spec():
    env = rulegym.make("math")
    s = env.spec
    assert (s.id, s.modality, s.max_turns, s.action_names) == ("math", "text", 1, None)
    assert "<answer>" in s.instruction and s.description
    assert isinstance(env.action_space, rulegym.spaces.FreeText)
    obs, info = env.reset(seed=1)
    assert isinstance(obs["text"], str) and obs["frames"].shape == (0, 0, 0, 3)
    gold = info["answer"]
    obs, reward, terminated, truncated, info = env.step(f"<think>x</think><answer>{gold}</answer>")
    assert (reward, terminated, truncated) == (1.5, True, False)
    assert sum(info["reward_parts"].values()) == reward
    assert info["verdict"] == {"format_ok": True, "score": 1.0}
    system, user = env.prompt(obs)
    assert system is None and user.endswith(s.instruction) and s.instruction_placement == "after_observation"


def test_football_actions_are_its_legal_names():
    env = rulegym.make("football")
    assert env.spec.action_names and "shot" in env.spec.action_names
    assert env.action_space == rulegym.spaces.OneOf(env.spec.action_names)
    env.reset(seed=0)
    done, steps = False, 0
    while not done:
        _, r, term, trunc, info = env.step("right")
        assert np.isfinite(r) and "reward_parts" in info
        done, steps = term or trunc, steps + 1
    assert steps <= env.spec.max_turns


def test_video_env_frames_are_uint8_nhw3():
    env = rulegym.make("spatial/object_count")
    assert env.spec.modality == "video"
    obs, _ = env.reset(seed=2)
    f = obs["frames"]
    assert f.dtype == np.uint8 and f.ndim == 4 and f.shape[-1] == 3 and f.shape[0] > 1
    assert f.shape == env.observation_space["frames"].shape
    assert f.any()  # a rendered room, not an empty buffer
    obs, *_ = env.step("<think>x</think><answer>2</answer>")
    assert obs["frames"].shape == f.shape  # the end of an episode keeps the shape


def test_same_seed_same_episode_and_none_continues():
    env = rulegym.make("math/mixed")
    a = env.reset(seed=5)[0]["text"]
    b = env.reset(seed=5)[0]["text"]
    c = env.reset()[0]["text"]
    assert a == b and c != a
