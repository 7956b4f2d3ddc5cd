#!/usr/bin/env python3
"""Times gym-sokoban (PyPI `gym-sokoban`, the env LMM-R1's Sokoban builds on)
at the sizes benches/sokoban.rs uses, for docs/benchmarks.md:

- level generations/s: `room_utils.generate_room` (random-walk topology and
  reverse play, gym-sokoban's defaults), what every `reset()` runs;
- env steps/s: `SokobanEnv.step` with the `tiny_rgb_array` observation (the
  cheapest the PyPI release 0.0.6 accepts in `step`: one pixel per tile;
  `rgb_array` draws 16 px tiles every step), a
  fixed cycle of push actions, the episode restarted from a saved level
  every 120 steps so generation is not timed — as the Rust bench does;
- the same with `rgb_array` frames, for reference.

Setup (gym-sokoban needs old `gym`):
    python3 -m venv /tmp/sokvenv && /tmp/sokvenv/bin/pip install gym-sokoban
    /tmp/sokvenv/bin/python scripts/bench_gym_sokoban.py
"""

import argparse
import copy
import random
import time
import warnings

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
from gym_sokoban.envs.room_utils import generate_room  # noqa: E402
from gym_sokoban.envs.sokoban_env import SokobanEnv  # noqa: E402

SIZES = [((7, 7), 2), ((10, 10), 3)]
# push up, push left, push down, push down, push right, push up, push right:
# the move cycle of benches/sokoban.rs (gym ids: 1 up, 2 down, 3 left, 4 right).
PATTERN = [1, 3, 2, 2, 4, 1, 4]


def time_generation(dim, boxes, seconds):
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds or n < 3:
        try:
            generate_room(dim=dim, num_steps=int(1.7 * (dim[0] + dim[1])), num_boxes=boxes)
        except (RuntimeError, RuntimeWarning):
            pass  # gym's reset retries these; a failed attempt still counts as time spent
        n += 1
    return n / (time.perf_counter() - t0)


def time_steps(dim, boxes, steps, mode):
    env = SokobanEnv(dim_room=dim, num_boxes=boxes, max_steps=120)
    saved = (env.room_fixed.copy(), env.room_state.copy(), copy.copy(env.box_mapping))

    def restore():
        env.room_fixed, env.room_state, env.box_mapping = saved[0].copy(), saved[1].copy(), saved[2]
        env.player_position = np.argwhere(env.room_state == 5)[0]
        env.num_env_steps = 0
        env.reward_last = 0
        env.boxes_on_target = 0

    restore()
    t0 = time.perf_counter()
    for k in range(steps):
        _, _, done, _ = env.step(PATTERN[k % len(PATTERN)], observation_mode=mode)
        if done:
            restore()
    return steps / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0, help="time per generation benchmark")
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    random.seed(a.seed)
    np.random.seed(a.seed)
    print("| size | level generations/s | env steps/s (tiny_rgb_array, 1 px per tile) | env steps/s (rgb_array) |")
    print("|---|---|---|---|")
    for dim, boxes in SIZES:
        gen = time_generation(dim, boxes, a.seconds)
        raw = time_steps(dim, boxes, a.steps, "tiny_rgb_array")
        rgb = time_steps(dim, boxes, a.steps // 4, "rgb_array")
        print(f"| {dim[0]}×{dim[1]}, {boxes} boxes | {gen:.2f} | {raw:,.0f} | {rgb:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
