"""``rulegym.datasets.generate(name, n, seed)``: an env's tasks as dataset rows
for TRL's ``GRPOTrainer`` (or anything that builds a ``datasets.Dataset``)::

    from datasets import Dataset
    import rulegym

    ds = Dataset.from_list(list(rulegym.datasets.generate("math", 1000, seed=0)))
    GRPOTrainer(..., train_dataset=ds,
                reward_funcs=[rulegym.rewards.math_accuracy, rulegym.rewards.math_format])

Row ``i`` is the env reset with seed ``seed + i``, so a row can be replayed by
``rulegym.make(name).reset(seed=row["seed"])``. Each row has:

- ``prompt``: TRL's conversational format, ``[{"role": "system", "content":
  str}, {"role": "user", "content": str}]`` (no system message when the env
  places its instruction after the observation), built by the same Rust code
  the trainer and ``RulegymEnv.prompt`` use. With ``as_messages=False`` it is
  the user text alone (a standard, non-chat prompt).
- ``answer``: the gold answer as a string, the column ``rulegym.rewards``
  reads; ``None`` for envs with nothing to grade (games such as
  ``sokoban/plan``). Math envs report it at reset; spatial envs report it
  (``ground_truth``) only when they judge an answer, so a twin env, built
  without rendering, is reset with the same seed and stepped once to read it.
- ``images`` (envs that show frames: one image for ``sokoban/plan``, every
  video frame for ``spatial/*``): ``PIL.Image.Image`` RGB images when Pillow
  is installed, else paths of PNG files written to a fresh temporary
  directory (or ``image_dir``). ``images="paths"`` forces paths. TRL's
  ``GRPOTrainer`` reads the ``images`` column and inserts the image blocks
  into the prompt itself.
- ``seed``, and the reset's scalar info (``question_type`` for spatial; ints
  beyond int64, which Arrow cannot store, are left out).
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from ._rulegym import RustEnv

#: Info keys that hold the gold answer, at reset or in the judging step.
ANSWER_KEYS = ("answer", "ground_truth")


def generate(
    name: str,
    n: int,
    seed: int = 0,
    *,
    images: str = "auto",
    image_dir: str | Path | None = None,
    as_messages: bool = True,
    **config: Any,
) -> Iterator[dict[str, Any]]:
    """Yields ``n`` rows of env ``name`` (built with ``**config``), row ``i``
    from seed ``seed + i``. ``images``: ``"auto"`` (PIL when installed, else
    PNG paths), ``"pil"`` or ``"paths"``."""
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    if images not in ("auto", "pil", "paths"):
        raise ValueError(f"images must be 'auto', 'pil' or 'paths', got {images!r}")
    to_image = _image_writer(name, images, image_dir)
    env = RustEnv(name, config)
    spec = env.spec()
    judge = _twin(name, config) if _graded_on_step(spec) else None
    for i in range(n):
        s = seed + i
        obs, info = env.reset(s)
        system, user = env.prompt(obs["text"])
        row: dict[str, Any] = {"prompt": _prompt(system, user, as_messages)}
        row["answer"] = _answer(info, judge, s, obs["text"])
        frames = obs["frames"]
        if frames.size:
            row["images"] = [to_image(f, s, k) for k, f in enumerate(frames)]
        row["seed"] = s
        for k, v in info.items():
            if k not in ANSWER_KEYS and k not in row and _column_scalar(v):
                row[k] = v
        yield row


def _column_scalar(v: Any) -> bool:
    """Scalars Arrow can store (u64 seeds beyond int64 are left out)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return -(1 << 63) <= v < (1 << 63)
    return isinstance(v, (str, float, bool))


def _prompt(system: str | None, user: str, as_messages: bool) -> Any:
    if not as_messages:
        return user
    msgs = [{"role": "system", "content": system}] if system else []
    return msgs + [{"role": "user", "content": user}]


def _graded_on_step(spec: dict) -> bool:
    """Single-turn free-text envs (questions) may report their gold only
    when judging; games and multiple-turn envs have none to read."""
    return spec.get("max_turns") == 1 and spec.get("action_space", {}).get("kind") != "one_of"


def _twin(name: str, config: dict) -> RustEnv:
    """The same env without rendering where its config allows (the frames
    do not change the question: they are drawn after it)."""
    try:
        return RustEnv(name, {**config, "render": False})
    except ValueError:
        return RustEnv(name, config)


def _answer(info: dict, judge: RustEnv | None, seed: int, text: str) -> str | None:
    for k in ANSWER_KEYS:
        if info.get(k) is not None:
            return str(info[k])
    if judge is None:
        return None
    twin_obs, _ = judge.reset(seed)
    if twin_obs["text"] != text:
        raise RuntimeError(
            f"seed {seed}: the twin env drew another task without rendering, so its answer "
            "cannot be read; report this as a bug"
        )
    _, _, _, _, step_info = judge.step("")
    for k in ANSWER_KEYS:
        if step_info.get(k) is not None:
            return str(step_info[k])
    return None


def _image_writer(name: str, mode: str, image_dir: str | Path | None):
    if mode != "paths":
        try:
            from PIL import Image
        except ImportError:
            if mode == "pil":
                raise ImportError("images='pil' needs Pillow (pip install pillow)") from None
        else:
            return lambda frame, seed, k: Image.fromarray(np.ascontiguousarray(frame), "RGB")
    state: dict[str, Path] = {}

    def write(frame: np.ndarray, seed: int, k: int) -> str:
        if "dir" not in state:
            if image_dir is None:
                state["dir"] = Path(tempfile.mkdtemp(prefix=f"rulegym-{name.replace('/', '-')}-"))
            else:
                state["dir"] = Path(image_dir)
                state["dir"].mkdir(parents=True, exist_ok=True)
        path = state["dir"] / f"{seed}-{k:03}.png"
        path.write_bytes(png_bytes(frame))
        return str(path)

    return write


def png_bytes(frame: np.ndarray) -> bytes:
    """An ``(H, W, 3)`` uint8 frame as a PNG file (no Pillow needed)."""
    if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[2] != 3:
        raise ValueError(f"a frame must be uint8 (H, W, 3), got {frame.dtype} {frame.shape}")
    h, w, _ = frame.shape
    # Filter type 0 (none) before each row.
    raw = np.concatenate([np.zeros((h, 1), np.uint8), frame.reshape(h, w * 3)], axis=1)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw.tobytes(), 6))
        + chunk(b"IEND", b"")
    )


__all__ = ["generate", "png_bytes", "ANSWER_KEYS"]
