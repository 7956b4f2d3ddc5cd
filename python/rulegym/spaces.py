"""Action and text spaces for rulegym envs.

gymnasium's ``Text`` only admits a fixed charset, but prompts and the
policy's answers are free-form unicode; ``FreeText`` admits any ``str`` up to
its length and samples like ``Text``. ``OneOf`` is an action that must be one
of a fixed list of names (a football action, a multiple-choice letter).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from gymnasium import spaces

#: Longest text the spaces declare (prompts with long serialized states fit).
MAX_TEXT = 1 << 20


class FreeText(spaces.Text):
    """Any ``str`` of ``min_length..=max_length`` characters."""

    def __init__(self, max_length: int = MAX_TEXT, *, min_length: int = 0, seed: Any = None):
        super().__init__(max_length, min_length=min_length, seed=seed)

    def sample(self, mask: Any = None, probability: Any = None) -> str:
        # A short sample: gymnasium's default draws up to max_length characters.
        if mask is None and probability is None:
            n = int(self.np_random.integers(self.min_length, min(self.max_length, 64) + 1))
            chars = self.character_list
            return "".join(chars[i] for i in self.np_random.integers(0, len(chars), size=n))
        return super().sample(mask=mask, probability=probability)

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def __repr__(self) -> str:
        return f"FreeText({self.min_length}, {self.max_length})"

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, FreeText)
            and self.min_length == other.min_length
            and self.max_length == other.max_length
        )


class OneOf(spaces.Space[str]):
    """One of ``names``; ``sample()`` draws a name uniformly."""

    def __init__(self, names: Sequence[str], seed: Any = None):
        if not names:
            raise ValueError("OneOf needs at least one name")
        self.names: tuple[str, ...] = tuple(names)
        super().__init__(shape=None, dtype=None, seed=seed)

    @property
    def is_np_flattenable(self) -> bool:
        return False

    def sample(self, mask: Any = None, probability: Any = None) -> str:
        if mask is not None:
            idx = np.flatnonzero(np.asarray(mask, dtype=bool))
            return self.names[int(self.np_random.choice(idx))]
        if probability is not None:
            return self.names[int(self.np_random.choice(len(self.names), p=probability))]
        return self.names[int(self.np_random.integers(len(self.names)))]

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and x in self.names

    def __repr__(self) -> str:
        return f"OneOf({list(self.names)!r})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, OneOf) and self.names == other.names


def action_space(spec: dict) -> spaces.Space:
    """The gymnasium space for a Rust ``ActionSpace`` (as serde writes it)."""
    a = spec["action_space"]
    kind = a.get("kind")
    if kind == "free_text":
        return FreeText()
    if kind == "one_of":
        return OneOf(a["choices"])
    raise ValueError(f"env '{spec['name']}': unsupported action space {a!r}")


def observation_space(frames_shape: tuple[int, ...]) -> spaces.Dict:
    """``{"text": str, "frames": uint8 (N, H, W, 3)}``."""
    return spaces.Dict(
        {
            "text": FreeText(),
            "frames": spaces.Box(0, 255, shape=tuple(frames_shape), dtype=np.uint8),
        }
    )
