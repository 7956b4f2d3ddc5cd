"""``rulegym.vector.make(name, num_envs, **config)``: N envs stepped together on
Rust threads (the GIL released), as a ``gymnasium.vector.VectorEnv`` with
NEXT_STEP autoreset: the step after an episode ends resets that env (reward 0,
``info["autoreset"]``) instead of stepping it.

Besides gymnasium's synchronous ``reset``/``step`` (all envs, in id order), the
env steps EnvPool-style, asynchronously:

- ``async_reset(seed=None)`` starts resetting every env;
- ``send(actions, env_ids=None)`` starts stepping the envs ``env_ids`` (all,
  in order, when ``None``) and returns at once;
- ``recv(batch_size=None)`` waits until ``batch_size`` of the envs in flight
  have finished (all of them when ``None``) and returns exactly those, in the
  order they finished, as ``(obs, rewards, terminated, truncated, info,
  env_ids)``; the others stay in flight for the next ``recv``.

An env is busy from ``send`` until ``recv`` returns its result: sending to it
again, ``recv`` with nothing in flight, asking for more results than are in
flight, a synchronous ``reset``/``step`` while envs are in flight, and an
unknown or repeated id are ``RuntimeError``/``ValueError`` with the reason.
Each env's trajectory is the same as with ``step`` (same seeds, same
actions, same autoreset), whatever order the envs finish in."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from . import spaces as rs
from ._rulegym import RustEnv, RustVecEnv
from .env import _spec, probe_frames_shape


class RulegymVectorEnv(VectorEnv):
    """``obs`` is ``{"text": tuple[str, ...], "frames": uint8 (num_envs, N, H, W, 3)}``."""

    metadata = {"autoreset_mode": AutoresetMode.NEXT_STEP}

    def __init__(self, name: str, num_envs: int, **config: Any):
        shape = probe_frames_shape(name, config)
        self._vec = RustVecEnv(name, num_envs, shape, config)
        self.num_envs = num_envs
        self.spec = _spec(RustEnv(name, config).spec(), config)
        self.single_action_space = rs.action_space(self.spec.raw)
        self.single_observation_space = rs.observation_space(shape)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self.observation_space = batch_space(self.single_observation_space, num_envs)

    def _infos(self, infos: list[dict]) -> dict:
        out: dict = {}
        for i, info in enumerate(infos):
            out = self._add_info(out, _fit_int64(info), i)
        return out

    def reset(self, *, seed: int | Sequence[int] | None = None, options: dict | None = None):
        """Env ``i`` is seeded ``seed + i``; a list of seeds must be of that form."""
        if options:
            raise ValueError(f"reset options are not supported, got {sorted(options)}")
        if seed is not None and not isinstance(seed, (int, np.integer)):
            seeds = [int(s) for s in seed]
            if len(seeds) != self.num_envs or seeds != list(range(seeds[0], seeds[0] + len(seeds))):
                raise ValueError(
                    f"seeds must be consecutive, one per env (seed, seed + 1, ...), got {seeds}"
                )
            seed = seeds[0]
        super().reset(seed=None if seed is None else int(seed))
        texts, frames, infos = self._vec.reset(None if seed is None else int(seed))
        return {"text": tuple(texts), "frames": frames}, self._infos(infos)

    def step(self, actions: Sequence[str]):
        texts, frames, rewards, terminated, truncated, infos = self._vec.step(actions)
        obs = {"text": tuple(texts), "frames": frames}
        return obs, rewards, terminated, truncated, self._infos(infos)

    def async_reset(self, *, seed: int | None = None) -> None:
        """Starts resetting every env (env ``i`` seeded ``seed + i``); ``recv``
        returns the observations with reward 0, ``info`` the resets' infos.
        Every env must be idle."""
        if seed is not None:
            super().reset(seed=int(seed))
        self._vec.async_reset(None if seed is None else int(seed))

    def send(self, actions: Sequence[str], env_ids: Sequence[int] | None = None) -> None:
        """Starts stepping env ``env_ids[k]`` with ``actions[k]`` (every env,
        in order, when ``env_ids`` is ``None``); returns without waiting."""
        ids = None if env_ids is None else [_env_id(i) for i in env_ids]
        self._vec.send(list(actions), ids)

    def recv(self, batch_size: int | None = None):
        """``(obs, rewards, terminated, truncated, info, env_ids)`` for exactly
        ``batch_size`` envs (all in flight when ``None``), in the order they
        finished; row ``k`` of every field is env ``env_ids[k]``, and ``info``
        is batched over those rows the way ``step`` batches it over envs."""
        texts, frames, rewards, terminated, truncated, infos, ids = self._vec.recv(batch_size)
        obs = {"text": tuple(texts), "frames": frames}
        return obs, rewards, terminated, truncated, _batch_infos(infos), ids

    @property
    def in_flight(self) -> int:
        """Envs sent (or async-reset) whose results ``recv`` has not returned."""
        return self._vec.in_flight


class _Rows:
    """gymnasium's info batching over ``n`` rows instead of ``num_envs`` envs."""

    _add_info = VectorEnv._add_info

    def __init__(self, n: int):
        self.num_envs = n


def _batch_infos(infos: list[dict]) -> dict:
    rows, out = _Rows(len(infos)), {}
    for i, info in enumerate(infos):
        out = rows._add_info(out, _fit_int64(info), i)
    return out


def _env_id(i: Any) -> int:
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)):
        raise TypeError(f"env ids must be ints, got {type(i).__name__}")
    return int(i)


def _fit_int64(v: Any) -> Any:
    """Ints beyond int64 (u64 seeds) as ``np.uint64``, so gymnasium can batch them."""
    if isinstance(v, dict):
        return {k: _fit_int64(x) for k, x in v.items()}
    if isinstance(v, int) and not isinstance(v, bool) and v > np.iinfo(np.int64).max:
        return np.uint64(v)
    return v


def make(name: str, num_envs: int, **config: Any) -> RulegymVectorEnv:
    """``num_envs`` copies of a registered env, one Rust thread each."""
    return RulegymVectorEnv(name, num_envs, **config)
