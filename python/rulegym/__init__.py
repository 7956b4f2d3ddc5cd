"""rulegym: Rust-native RL environments with rule-checked rewards.

- ``rulegym.make(name, **config)``: a ``gymnasium.Env`` stepped with the
  policy's text; ``rulegym.envs()`` lists the names.
- ``rulegym.vector.make(name, num_envs, **config)``: a ``gymnasium.vector.VectorEnv``,
  also stepped EnvPool-style (``send``/``recv``).
- ``rulegym.datasets.generate(name, n, seed)``: dataset rows for TRL.
- ``rulegym.trl`` (TRL ``environment_factory`` classes) and
  ``rulegym.verl_agent`` (verl's agent loop ``"rulegym"``): imported on demand.
- ``rulegym.rewards``: TRL reward functions; ``rulegym.math.verify``: the
  math verifier; ``rulegym.verl.compute_score``: verl's reward hook.
"""

from . import datasets, math, rewards, spaces, vector, verl
from ._rulegym import Verdict, __version__
from .env import RulegymEnv, RulegymSpec, envs, make

__all__ = [
    "make",
    "envs",
    "RulegymEnv",
    "RulegymSpec",
    "Verdict",
    "vector",
    "datasets",
    "rewards",
    "math",
    "verl",
    "spaces",
    "__version__",
]
