"""Type stubs of the Rust extension (python/src)."""

from typing import Any, Sequence

import numpy as np
import numpy.typing as npt

__version__: str

Obs = dict[str, Any]  # {"text": str, "frames": uint8 (N, H, W, 3)}

class RustEnv:
    def __init__(self, name: str, config: dict[str, Any] | None = None) -> None: ...
    def spec(self) -> dict[str, Any]: ...
    def prompt(self, text: str) -> tuple[str | None, str]: ...
    def reset(self, seed: int | None = None) -> tuple[Obs, dict[str, Any]]: ...
    def step(self, action: str) -> tuple[Obs, float, bool, bool, dict[str, Any]]: ...

class RustVecEnv:
    num_envs: int
    #: Envs sent (or async-reset) whose results ``recv`` has not returned.
    in_flight: int
    def __init__(
        self,
        name: str,
        num_envs: int,
        frames_shape: tuple[int, int, int, int],
        config: dict[str, Any] | None = None,
    ) -> None: ...
    def reset(
        self, seed: int | None = None
    ) -> tuple[list[str], npt.NDArray[np.uint8], list[dict[str, Any]]]: ...
    def step(
        self, actions: Sequence[str]
    ) -> tuple[
        list[str],
        npt.NDArray[np.uint8],
        npt.NDArray[np.float64],
        npt.NDArray[np.bool_],
        npt.NDArray[np.bool_],
        list[dict[str, Any]],
    ]: ...
    def async_reset(self, seed: int | None = None) -> None: ...
    def send(self, actions: Sequence[str], env_ids: Sequence[int] | None = None) -> None: ...
    def recv(
        self, batch_size: int | None = None
    ) -> tuple[
        list[str],
        npt.NDArray[np.uint8],
        npt.NDArray[np.float64],
        npt.NDArray[np.bool_],
        npt.NDArray[np.bool_],
        list[dict[str, Any]],
        npt.NDArray[np.int64],
    ]: ...

class Verdict:
    correct: bool
    format_ok: bool
    conflict: bool
    extracted: str | None
    reward: float
    def __bool__(self) -> bool: ...

def list_envs() -> list[tuple[str, str]]: ...
def math_verify(
    responses: Sequence[str],
    golds: Sequence[str],
    format_style: str = "strict",
    problems: Sequence[str | None] | None = None,
    choices: Sequence[Sequence[str] | None] | None = None,
) -> list[Verdict]: ...
def format_ok(responses: Sequence[str], format_style: str = "strict") -> list[bool]: ...
def vsi_score(
    responses: Sequence[str],
    golds: Sequence[str],
    options: Sequence[Sequence[str] | None] | None = None,
    numeric: str = "mra",
) -> list[tuple[bool, float]]: ...
