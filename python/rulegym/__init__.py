"""rulegym: Rust-native RL environments with rule-checked rewards.

- ``rulegym.make(name, **config)``: a ``gymnasium.Env`` stepped with the
  policy's text; ``rulegym.envs()`` lists the names.
- ``rulegym.vector.make(name, num_envs, **config)``: a ``gymnasium.vector.VectorEnv``.
- ``rulegym.rewards``: TRL reward functions; ``rulegym.math.verify``: the
  math verifier; ``rulegym.verl.compute_score``: verl's reward hook.
"""

from . import math, rewards, spaces, vector, verl
from ._rulegym import Verdict, __version__
from .env import RulegymEnv, RulegymSpec, envs, make

__all__ = [
    "make",
    "envs",
    "RulegymEnv",
    "RulegymSpec",
    "Verdict",
    "vector",
    "rewards",
    "math",
    "verl",
    "spaces",
    "__version__",
]
