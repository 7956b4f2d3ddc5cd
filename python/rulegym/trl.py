"""TRL ``environment_factory`` classes for rulegym's multi-turn envs::

    from trl import GRPOConfig, GRPOTrainer
    import rulegym.trl

    Env = rulegym.trl.environment("football/academy_3_vs_1_with_keeper")
    ds = Dataset.from_list(rulegym.trl.rows(Env, 256, seed=0))
    GRPOTrainer(model=..., train_dataset=ds, environment_factory=Env, args=GRPOConfig(...))

TRL builds instances with a no-argument ``__init__`` (pooled, one per
rollout at a time), calls ``reset(**row)`` with the dataset row and joins
what it returns to the last user message, offers every public method with a
Google-style docstring as a tool, and adds ``get_reward()`` as a reward
source of weight 1 (so ``reward_funcs`` is optional). Here:

- ``reset(**row)`` resets the env with ``row["seed"]`` (a fresh random
  episode without one) and returns the first observation: its user text,
  or for envs that show frames the same content blocks a tool returns
  (TRL joins either to the prompt);
- the tool is the env's action: ``act(action)`` for football (one action
  name), ``move(direction)`` for ``sokoban/step``, ``act(action)`` for any
  other multi-turn env (``environment(name)`` builds the class); it returns
  the next observation's text, or, for envs that show frames, a list of
  content blocks ``[{"type": "image", "image": PIL.Image}, ..., {"type":
  "text", "text": ...}]``. After the episode ends a tool call changes
  nothing and says so;
- ``get_reward()`` is the sum of the env's rewards over the episode.

Nothing here imports TRL: the classes follow its duck-typed contract.
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

from .env import RulegymEnv

#: What a tool call returns once the episode has ended.
EPISODE_OVER = "The episode is over; further actions change nothing."


class RulegymToolEnv:
    """Base of the ``environment_factory`` classes: one rulegym env played
    through a tool. Subclasses set ``env_name`` (and ``env_config``) and
    define the tool method, which calls ``self._play(action)``."""

    env_name: ClassVar[str] = ""
    env_config: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        if not self.env_name:
            raise TypeError(f"{type(self).__name__} sets no env_name")
        self.env = RulegymEnv(self.env_name, **self.env_config)
        if self.env.spec.max_turns <= 1:
            raise ValueError(
                f"'{self.env_name}' is single-turn; use rulegym.datasets and rulegym.rewards for it"
            )
        self._shows_frames = self.env.observation_space["frames"].shape[0] > 0
        if self._shows_frames:
            _pil()  # fail now, not at the first tool call
        self.rewards: list[float] = []
        self.done = True
        self.last_info: dict[str, Any] = {}

    def reset(self, **row: Any) -> str | list[dict[str, Any]]:
        """Starts an episode (seeded by ``row["seed"]`` when the row has one)
        and returns the first observation: user text, with the frames as
        image blocks before it when the env shows frames."""
        seed = row.get("seed")
        obs, self.last_info = self.env.reset(seed=None if seed is None else int(seed))
        self.rewards, self.done = [], False
        _, user = self.env.prompt(obs)
        return self._content(user, obs["frames"])

    def get_reward(self) -> float:
        """The sum of the env's rewards over the episode so far."""
        return float(sum(self.rewards))

    def _play(self, action: str) -> str | list[dict[str, Any]]:
        if self.done:
            return EPISODE_OVER
        if not isinstance(action, str):
            raise TypeError(f"the action must be a str, got {type(action).__name__}")
        obs, reward, terminated, truncated, self.last_info = self.env.step(action)
        self.rewards.append(float(reward))
        self.done = bool(terminated or truncated)
        text = obs["text"]
        if self.done:
            text = f"{text}\n{EPISODE_OVER}" if text else EPISODE_OVER
        return self._content(text, obs["frames"])

    def _content(self, text: str, frames: Any) -> str | list[dict[str, Any]]:
        if not self._shows_frames or frames.size == 0:
            return text
        image = _pil().fromarray
        return [{"type": "image", "image": image(f, "RGB")} for f in frames] + [
            {"type": "text", "text": text}
        ]


def _pil():
    try:
        from PIL import Image
    except ImportError:
        raise ImportError(
            "this env shows frames, which tools return as PIL images: pip install pillow"
        ) from None
    return Image


def _names(env_name: str, config: dict[str, Any]) -> list[str] | None:
    return RulegymEnv(env_name, **config).spec.action_names


def _tool(name: str, arg: str, summary: str, arg_doc: str):
    """A tool method with the typed signature and Google-style docstring
    TRL (``transformers.utils.get_json_schema``) turns into a schema:
    ``(self, <arg>: str) -> str``."""

    params = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter(arg, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
    ]

    def call(self, *args, **kwargs):
        bound = sig.bind(self, *args, **kwargs)
        return self._play(bound.arguments[arg])

    sig = inspect.Signature(params, return_annotation=str)
    call.__signature__ = sig  # type: ignore[attr-defined]
    call.__annotations__ = {arg: str, "return": str}
    call.__name__ = call.__qualname__ = name
    call.__doc__ = (
        f"{summary}\n\nArgs:\n    {arg}: {arg_doc}\n\n"
        "Returns:\n    The next observation (with its frames as images when the env shows frames)."
    )
    return call


def environment(name: str, *, tool: str | None = None, **config: Any) -> type[RulegymToolEnv]:
    """An ``environment_factory`` class for multi-turn env ``name``: its
    tool is ``tool`` (default ``move`` for Sokoban, else ``act``) taking the
    env's action, documented with the legal names when the env has them."""
    names = _names(name, config)
    if tool is None:
        tool = "move" if name.startswith("sokoban") else "act"
    arg = "direction" if tool == "move" else "action"
    legal = f"one of: {', '.join(names)}." if names else "the action as text."
    summary = {
        "act": f"Plays one action in {name} and returns what happens next.",
        "move": f"Moves the player one square in {name} and returns the new board.",
    }.get(tool, f"Plays one action in {name}.")
    cls_name = "".join(p.capitalize() for p in name.replace("/", "_").split("_")) + "ToolEnv"
    body = {
        "env_name": name,
        "env_config": dict(config),
        tool: _tool(tool, arg, summary, f"The {arg}, {legal}"),
        "__doc__": f"TRL environment_factory class for rulegym's '{name}' (tool: {tool}).",
        "__module__": __name__,
    }
    return type(cls_name, (RulegymToolEnv,), body)


#: Football (the default scenario) with the ``act`` tool.
FootballEnv = environment("football")
#: Sokoban in gym-sokoban's step mode with the ``move`` tool.
SokobanEnv = environment("sokoban/step")


def rows(env_cls: type[RulegymToolEnv], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """Dataset rows for an ``environment_factory`` class: ``prompt`` (the
    env's instruction as the system message, and a user line naming the
    tool; ``reset`` appends the first observation) and ``seed`` (row ``i``:
    ``seed + i``)."""
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    spec = RulegymEnv(env_cls.env_name, **env_cls.env_config).spec
    tool = next(k for k, v in vars(env_cls).items() if callable(v) and not k.startswith("_"))
    system = [{"role": "system", "content": spec.instruction}] if spec.instruction else []
    user = {
        "role": "user",
        "content": f"Play {spec.id}: call the `{tool}` tool once per turn, until the episode ends.",
    }
    return [{"prompt": system + [user], "seed": seed + i} for i in range(n)]


__all__ = [
    "RulegymToolEnv",
    "environment",
    "FootballEnv",
    "SokobanEnv",
    "rows",
    "EPISODE_OVER",
]
