"""``rulegym.vector.make(name, num_envs, **config)``: N envs stepped together on
Rust threads (the GIL released), as a ``gymnasium.vector.VectorEnv`` with
NEXT_STEP autoreset: the step after an episode ends resets that env (reward 0,
``info["autoreset"]``) instead of stepping it."""

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
