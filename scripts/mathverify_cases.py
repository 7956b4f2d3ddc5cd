#!/usr/bin/env python3
"""Adds math-verify's verdicts to tests/data/math/verifier_cases.jsonl.

Two columns, both with the parse configuration LMM-R1's `math_verifier.py`
uses (gold wrapped in `$...$` and parsed with LaTeX extraction; the answer
parsed with boxed="all", units=True, boxed first, no un-anchored extraction):

* `math_verify`: the whole response parsed, exactly as LMM-R1 does;
* `math_verify_boxed`: the content of the last <answer> block (or the whole
  response when there is none) wrapped in `\\boxed{...}` first, so bare
  answers get an anchor. This isolates math-verify's reading of the answer
  itself from its (anchor-based) extraction.

Requires `pip install math-verify` (tested with 0.9.0).
Run: python3 scripts/mathverify_cases.py [cases.jsonl]
"""
import json
import logging
import pathlib
import re
import sys

from latex2sympy2_extended import NormalizationConfig
from math_verify import LatexExtractionConfig, parse, verify

logging.disable(logging.CRITICAL)

CASES = pathlib.Path(__file__).resolve().parent.parent / "tests/data/math/verifier_cases.jsonl"

ANSWER_CONFIG = [
    LatexExtractionConfig(
        normalization_config=NormalizationConfig(
            nits=False,
            malformed_operators=False,
            basic_latex=True,
            boxed="all",
            units=True,
        ),
        boxed_match_priority=0,
        try_extract_without_anchor=False,
    )
]


def parse_gold(gold):
    return parse(f"${gold}$", extraction_mode="first_match", extraction_config=[LatexExtractionConfig()])


def parse_answer(text):
    return parse(text, extraction_config=ANSWER_CONFIG, extraction_mode="first_match")


def lmm_r1_accuracy(response, gold):
    """1.0/0.0 as LMM-R1's verify_math (which gives 1.0 when the gold cannot be parsed)."""
    gold_parsed = parse_gold(gold)
    if len(gold_parsed) == 0:
        return True
    return bool(verify(gold_parsed, parse_answer(response)))


def boxed_accuracy(response, gold):
    blocks = re.findall(r"<answer>(.*?)</answer>", response, re.DOTALL)
    inner = blocks[-1] if blocks else response
    text = inner if "\\boxed" in inner else f"\\boxed{{{inner}}}"
    gold_parsed = parse_gold(gold)
    if len(gold_parsed) == 0:
        return True
    return bool(verify(gold_parsed, parse_answer(text)))


def safe(fn, *args):
    try:
        return fn(*args)
    except Exception:  # math-verify raises on some inputs; LMM-R1 would score 0
        return False


def main():
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else CASES
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for row in rows:
        row["math_verify"] = safe(lmm_r1_accuracy, row["response"], row["gold"])
        row["math_verify_boxed"] = safe(boxed_accuracy, row["response"], row["gold"])
    with path.open("w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    agree = sum(r["math_verify"] == r["intended"] for r in rows)
    agree_boxed = sum(r["math_verify_boxed"] == r["intended"] for r in rows)
    print(f"{len(rows)} cases; math-verify (LMM-R1 call) agrees with intended on {agree}, boxed on {agree_boxed}")


if __name__ == "__main__":
    main()
