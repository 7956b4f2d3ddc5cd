#!/usr/bin/env python3
"""math-verify throughput on the verifier case table, in one process.

Scores every (response, gold) line of tests/data/math/verifier_cases.jsonl the
way LMM-R1 calls math-verify (see scripts/mathverify_cases.py), repeated
until at least `--seconds` have passed, and prints lines per second. Compare
with `cargo bench --bench math` (math_verifier/case_table), which scores the
same lines.

Run: python3 scripts/bench_mathverify.py [--seconds 10]
"""
import argparse
import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from mathverify_cases import CASES, boxed_accuracy, lmm_r1_accuracy, safe  # noqa: E402


def bench(fn, rows, seconds):
    # One warm-up pass (imports, sympy caches), then timed passes.
    for r in rows:
        safe(fn, r["response"], r["gold"])
    n, start = 0, time.perf_counter()
    while True:
        for r in rows:
            safe(fn, r["response"], r["gold"])
        n += len(rows)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    rows = [json.loads(l) for l in CASES.read_text().splitlines() if l.strip()]
    print(f"{len(rows)} cases")
    print(f"math-verify (LMM-R1 call): {bench(lmm_r1_accuracy, rows, args.seconds):.1f} lines/s")
    print(f"math-verify (answer boxed): {bench(boxed_accuracy, rows, args.seconds):.1f} lines/s")


if __name__ == "__main__":
    main()
