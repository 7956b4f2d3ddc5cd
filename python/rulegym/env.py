"""``rulegym.make(name, **config)``: a registered Rust env as a ``gymnasium.Env``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium.envs.registration import EnvSpec

from . import spaces as rs
from ._rulegym import RustEnv, list_envs


@dataclass
class RulegymSpec(EnvSpec):
    """gymnasium's ``EnvSpec`` plus the rulegym contract's facts."""

    description: str = ""
    #: ``"text"``, ``"image"`` or ``"video"``.
    modality: str = "text"
    #: Turns per episode at most (1 for question answering).
    max_turns: int = 1
    #: The instruction the policy is shown (answer format, rules); observations
    #: never hold it: ``RulegymEnv.prompt`` places it.
    instruction: str = ""
    #: ``"system"`` (the system message) or ``"after_observation"`` (appended to
    #: the user turn, as LMM-R1 and vsGRPO append the R1 suffix to the question).
    instruction_placement: str = "system"
    #: The legal action names, or ``None`` for free text.
    action_names: list[str] | None = None
    #: The Rust ``EnvSpec`` as a dict (every field, including future ones).
    raw: dict = field(default_factory=dict)


def _spec(raw: dict, config: dict) -> RulegymSpec:
    a = raw.get("action_space", {})
    return RulegymSpec(
        id=raw["name"],
        # gymnasium rebuilds an env from its spec (`env_checker` does).
        entry_point="rulegym.env:RulegymEnv",
        max_episode_steps=raw.get("max_turns"),
        kwargs={"name": raw["name"], **config},
        description=raw.get("description", ""),
        modality=raw.get("modality", "text"),
        max_turns=raw.get("max_turns", 1),
        instruction=raw.get("instruction", ""),
        instruction_placement=raw.get("instruction_placement", "system"),
        action_names=list(a["choices"]) if a.get("kind") == "one_of" else None,
        raw=raw,
    )


def probe_frames_shape(name: str, config: dict) -> tuple[int, ...]:
    """The frames shape an env shows, read from a throw-away instance so the
    user's env keeps its random stream untouched."""
    obs, _ = RustEnv(name, config).reset(0)
    return tuple(obs["frames"].shape)


class RulegymEnv(gym.Env):
    """A rulegym env: ``step`` takes the policy's text, ``obs`` is
    ``{"text": str, "frames": uint8 (N, H, W, 3)}``, ``info`` carries
    ``reward_parts`` (and the rest of the Rust ``Step``)."""

    metadata = {"render_modes": []}

    def __init__(self, name: str, **config: Any):
        self._env = RustEnv(name, config)
        self.spec = _spec(self._env.spec(), config)
        self.action_space = rs.action_space(self.spec.raw)
        self._frames_shape = probe_frames_shape(name, config)
        self.observation_space = rs.observation_space(self._frames_shape)

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        if options:
            raise ValueError(f"reset options are not supported, got {sorted(options)}")
        return self._env.reset(seed)

    def prompt(self, obs: dict) -> tuple[str | None, str]:
        """``(system, user)`` chat text for an observation, built by the same
        Rust code the trainer uses (the instruction placed as the spec says)."""
        return self._env.prompt(obs["text"])

    def step(self, action: str):
        obs, reward, terminated, truncated, info = self._env.step(action)
        if obs["frames"].size == 0 and obs["frames"].shape != self._frames_shape:
            # The end of a video episode shows no frames; the space keeps its shape.
            obs["frames"] = np.zeros(self._frames_shape, dtype=np.uint8)
        return obs, reward, terminated, truncated, info


def make(name: str, **config: Any) -> RulegymEnv:
    """Builds a registered env; an unknown name is a ``KeyError`` listing the
    known ones, a bad config key a ``ValueError`` naming it."""
    return RulegymEnv(name, **config)


def envs() -> dict[str, str]:
    """Registered env names and their one-line descriptions, built-ins first."""
    return dict(list_envs())
