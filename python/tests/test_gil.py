"""Rust work runs with the GIL released, so Python threads step envs in parallel."""

import os
import subprocess
import sys
import threading
import time

import pytest

import rulegym


def test_python_runs_while_rust_verifies_a_batch():
    # While one thread is inside a long Rust call, another Python thread
    # keeps running; with the GIL held it would make no progress at all.
    responses = ["<think>" + "x" * 4000 + "</think><answer>\\frac{12}{7}</answer>"] * 40_000
    golds = ["12/7"] * len(responses)
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    before = ticks
    start = time.perf_counter()
    verdicts = rulegym.math.verify(responses, golds)
    took = time.perf_counter() - start
    during = ticks - before
    stop.set()
    t.join()
    assert all(verdicts)
    assert took > 0.05, f"batch too small to measure ({took:.3f}s)"
    assert during > 1000, f"the other thread ran {during} loop turns in {took:.2f}s"


PARALLEL = r"""
import threading, time
import rulegym
# A heavy single-threaded reset: scene and question generation (~25 ms of
# Rust) without rendering (the rasterizer would use every core by itself).
envs = [rulegym.make("spatial/appearance_order", render=False) for _ in range(2)]
def work(env, base):
    for i in range(16):
        env.reset(seed=base + i)
        env.step("<think>a</think><answer>12</answer>")
work(envs[0], 100)
start = time.perf_counter()
work(envs[0], 0)
work(envs[1], 50)
sequential = time.perf_counter() - start
threads = [threading.Thread(target=work, args=(e, b)) for e, b in zip(envs, (0, 50))]
start, cpu = time.perf_counter(), time.process_time()
for t in threads:
    t.start()
for t in threads:
    t.join()
print(time.perf_counter() - start, sequential, time.process_time() - cpu)
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_two_threads_step_envs_in_parallel():
    # In a fresh interpreter, so no thread of another test competes.
    # With the GIL held only one thread runs at a time: the parallel wall
    # time is no shorter than the sequential one and the process uses at most
    # one core (CPU time <= wall time). Released, both threads compute at
    # once. Other load on the machine can hide that, so one of three tries
    # must show it on either measure (a held GIL fails all three).
    seen = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", PARALLEL], capture_output=True, text=True, check=True
        )
        parallel, sequential, cpu = map(float, out.stdout.split())
        seen.append(f"wall {parallel:.2f}s vs sequential {sequential:.2f}s, cpu {cpu:.2f}s")
        if parallel < 0.85 * sequential or cpu > 1.2 * parallel:
            return
    pytest.fail(f"two threads never overlapped (parallel vs sequential): {seen}")
