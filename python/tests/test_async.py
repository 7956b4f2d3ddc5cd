"""EnvPool-style send/recv on rulegym.vector envs."""

import numpy as np
import pytest

import rulegym


def sync_trajectories(name, n, seed, actions):
    """Per env: the (text, reward, terminated, truncated) rows of ``step``."""
    vec = rulegym.vector.make(name, n)
    obs, _ = vec.reset(seed=seed)
    rows = [[(obs["text"][i], 0.0, False, False)] for i in range(n)]
    for a in actions:
        obs, rew, term, trunc, _ = vec.step(a)
        for i in range(n):
            rows[i].append((obs["text"][i], float(rew[i]), bool(term[i]), bool(trunc[i])))
    return rows


def collect(rows, out):
    obs, rew, term, trunc, info, ids = out
    assert ids.dtype == np.int64 and len(ids) == len(rew) == len(obs["text"])
    for k, i in enumerate(ids):
        rows[int(i)].append((obs["text"][k], float(rew[k]), bool(term[k]), bool(trunc[k])))
    return ids


@pytest.mark.parametrize("name", ["toy/guess_number", "math/mixed", "football"])
def test_send_recv_trajectories_equal_step_trajectories_for_the_same_seeds(name):
    n, steps = 4, 10
    vec = rulegym.vector.make(name, n)
    space = vec.single_action_space
    space.seed(3)
    actions = [[space.sample() for _ in range(n)] for _ in range(steps)]
    if name == "math/mixed":
        actions = [[str(t * n + i) for i in range(n)] for t in range(steps)]
    want = sync_trajectories(name, n, 11, actions)

    got = [[] for _ in range(n)]
    vec.async_reset(seed=11)
    collect(got, vec.recv())
    # Each env advances on its own: recv one or two results at a time and
    # send that env its next action at once, so envs run out of step.
    cursor = [0] * n
    vec.send([actions[0][i] for i in range(n)])
    cursor = [1] * n
    while vec.in_flight:
        ids = collect(got, vec.recv(batch_size=min(2, vec.in_flight)))
        ids = [int(i) for i in ids if cursor[int(i)] < steps]
        if ids:
            vec.send([actions[cursor[i]][i] for i in ids], env_ids=ids)
            for i in ids:
                cursor[i] += 1
    assert got == want


def test_send_to_some_envs_leaves_the_others_idle_and_steppable():
    vec = rulegym.vector.make("toy/guess_number", 3)
    vec.async_reset(seed=0)
    vec.recv()
    vec.send(["1"], env_ids=[2])
    assert vec.in_flight == 1
    vec.send(["2", "3"], env_ids=[0, 1])
    obs, rew, term, trunc, info, ids = vec.recv()
    assert sorted(ids.tolist()) == [0, 1, 2] and vec.in_flight == 0
    assert isinstance(info, dict) and info["reward_parts"]["accuracy"].shape == (3,)
    # Idle again: the synchronous API works on the same envs.
    vec.step(["1", "1", "1"])


def test_recv_without_send_is_an_error():
    vec = rulegym.vector.make("math", 2)
    with pytest.raises(RuntimeError, match="no envs in flight"):
        vec.recv()


def test_double_send_to_a_busy_env_is_an_error_and_sends_nothing():
    vec = rulegym.vector.make("math", 3)
    vec.reset(seed=1)
    vec.send(["1"], env_ids=[1])
    with pytest.raises(RuntimeError, match="env 1 is busy"):
        vec.send(["2", "3"], env_ids=[0, 1])
    assert vec.in_flight == 1  # env 0 was not sent either
    with pytest.raises(RuntimeError, match="in flight"):
        vec.step(["1", "2", "3"])
    with pytest.raises(RuntimeError, match="asked for 2 results but 1"):
        vec.recv(batch_size=2)
    _, _, _, _, _, ids = vec.recv()
    assert ids.tolist() == [1]


@pytest.mark.parametrize(
    "ids,exc,match",
    [
        ([5], ValueError, "env id 5 is out of range"),
        ([-1], ValueError, "env id -1 is out of range"),
        ([0, 0], RuntimeError, "named twice"),
        (["0"], TypeError, "env ids must be ints"),
    ],
)
def test_bad_env_ids_raise_clean_exceptions(ids, exc, match):
    vec = rulegym.vector.make("math", 2)
    vec.reset(seed=0)
    with pytest.raises(exc, match=match):
        vec.send(["1"] * len(ids), env_ids=ids)
    assert vec.in_flight == 0


def test_send_checks_actions_against_ids():
    vec = rulegym.vector.make("math", 2)
    vec.reset(seed=0)
    with pytest.raises(ValueError, match="2 actions for 1 env ids"):
        vec.send(["1", "2"], env_ids=[0])
    with pytest.raises(TypeError, match="action must be a str"):
        vec.send([1, 2])
    assert vec.in_flight == 0


def test_recv_batches_frames_of_the_envs_it_returns():
    vec = rulegym.vector.make("spatial/room_size", 3)
    vec.async_reset(seed=2)
    obs, rew, term, trunc, info, ids = vec.recv(batch_size=2)
    assert obs["frames"].shape[0] == 2 and obs["frames"].shape[1:] == vec.single_observation_space["frames"].shape
    assert (rew == 0).all() and vec.in_flight == 1
    obs, *_ , ids2 = vec.recv()
    assert sorted(ids.tolist() + ids2.tolist()) == [0, 1, 2]
