"""Python-side steps/s of rulegym envs (single and vector) and the verifier.

    CARGO_PROFILE_DEV_OPT_LEVEL=3 maturin develop -m python/Cargo.toml
    python python/benchmarks/steps.py --seconds 3
"""

import argparse
import time

import rulegym


def rate(fn, seconds):
    fn()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        n += fn()
    return n / (time.perf_counter() - start)


def single(name, action, seconds):
    env = rulegym.make(name)
    env.reset(seed=0)

    def run():
        for _ in range(1000):
            _, _, term, trunc, _ = env.step(action)
            if term or trunc:
                env.reset()
        return 1000

    return rate(run, seconds)


def vector(name, action, n, seconds):
    vec = rulegym.vector.make(name, n)
    vec.reset(seed=0)
    actions = [action] * n

    def run():
        for _ in range(100):
            vec.step(actions)
        return 100 * n

    return rate(run, seconds)


def verify(seconds):
    rs = ["<think>7*6</think><answer>\\frac{84}{2}</answer>"] * 10_000
    gs = ["42"] * len(rs)
    return rate(lambda: len(rulegym.math.verify(rs, gs)), seconds)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--num-envs", type=int, default=8)
    a = ap.parse_args()
    math_action = "<think>x</think><answer>4</answer>"
    rows = [
        ("math: single env (step + reset each episode)", single("math", math_action, a.seconds)),
        (f"math: vector env x{a.num_envs}", vector("math", math_action, a.num_envs, a.seconds)),
        ("football/academy_3_vs_1_with_keeper: single", single("football/academy_3_vs_1_with_keeper", "right", a.seconds)),
        (f"football/academy_3_vs_1_with_keeper: vector x{a.num_envs}", vector("football/academy_3_vs_1_with_keeper", "right", a.num_envs, a.seconds)),
        ("football/11_vs_11_stochastic: single", single("football/11_vs_11_stochastic", "right", a.seconds)),
        ("math.verify, batches of 10k", verify(a.seconds)),
    ]
    for what, r in rows:
        print(f"| {what} | {r:,.0f} /s |")


if __name__ == "__main__":
    main()
