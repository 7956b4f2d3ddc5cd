import numpy as np
import pytest
from gymnasium.vector import AutoresetMode, VectorEnv

import rulegym


def play_single(name, seeds, actions_per_step, config):
    """Plays envs one by one with NEXT_STEP autoreset, as the vector env should."""
    envs = [rulegym.make(name, **config) for _ in seeds]
    obs = [e.reset(seed=s)[0] for e, s in zip(envs, seeds)]
    rows = [[o["text"] for o in obs]]
    needs_reset = [False] * len(envs)
    for actions in actions_per_step:
        row = []
        for i, (e, a) in enumerate(zip(envs, actions)):
            if needs_reset[i]:
                o, _ = e.reset()
                row.append((o["text"], 0.0, False, False))
                needs_reset[i] = False
            else:
                o, r, term, trunc, _ = e.step(a)
                row.append((o["text"], r, term, trunc))
                needs_reset[i] = term or trunc
        rows.append(row)
    return rows


@pytest.mark.parametrize(
    "name,config",
    [("math/mixed", {}), ("toy/guess_number", {}), ("football", {})],
)
def test_vector_steps_equal_single_env_steps_with_the_same_seeds(name, config):
    n, steps = 3, 12
    vec = rulegym.vector.make(name, n, **config)
    assert isinstance(vec, VectorEnv) and vec.num_envs == n
    assert vec.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    rng = np.random.default_rng(0)
    space = vec.single_action_space
    space.seed(1)
    actions = [[space.sample() for _ in range(n)] for _ in range(steps)]
    if name == "math/mixed":
        actions = [[str(int(rng.integers(0, 20))) for _ in range(n)] for _ in range(steps)]
    want = play_single(name, [7 + i for i in range(n)], actions, config)
    obs, _ = vec.reset(seed=7)
    assert list(obs["text"]) == want[0]
    assert obs in vec.observation_space
    for t, a in enumerate(actions, start=1):
        obs, rew, term, trunc, info = vec.step(a)
        got = [(obs["text"][i], float(rew[i]), bool(term[i]), bool(trunc[i])) for i in range(n)]
        assert got == want[t], f"step {t}"
        assert rew.dtype == np.float64 and term.dtype == np.bool_


def test_finished_envs_autoreset_on_the_next_step_and_say_so():
    vec = rulegym.vector.make("math", 2)
    vec.reset(seed=0)
    _, _, term, _, _ = vec.step(["x", "y"])
    assert term.all()
    obs, rew, term, trunc, info = vec.step(["x", "y"])
    assert not term.any() and not trunc.any() and (rew == 0).all()
    assert info["autoreset"].all() and info["_autoreset"].all()
    # Fresh questions (observations never hold the instruction).
    assert all(t and "<answer>" not in t for t in obs["text"])


def test_vector_video_frames_batch_as_one_array():
    vec = rulegym.vector.make("spatial/room_size", 2)
    obs, _ = vec.reset(seed=1)
    f = obs["frames"]
    assert f.dtype == np.uint8 and f.shape[0] == 2 and f.shape[-1] == 3
    assert obs in vec.observation_space
    obs, rew, term, _, info = vec.step(["<think>a</think><answer>10</answer>"] * 2)
    assert term.all() and obs["frames"].shape == f.shape
    assert "reward_parts" in info
