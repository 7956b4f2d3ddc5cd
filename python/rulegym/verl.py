"""verl's custom reward function::

    custom_reward_function.path=<site-packages>/rulegym/verl.py
    custom_reward_function.name=compute_score

``data_source`` picks the rules: ``rulegym/math*`` (and the common math
sets) use the math env's reward, ``rulegym/spatial*`` the VSI-Bench one.
"""

from __future__ import annotations

from typing import Any

from ._rulegym import math_verify, vsi_score

#: verl data sources scored with the math rules, besides ``rulegym/math*``.
MATH_SOURCES = (
    "openai/gsm8k",
    "lighteval/MATH",
    "DigitalLearningGmbH/MATH-lighteval",
    "HuggingFaceH4/MATH-500",
)


def _is_math(src: str) -> bool:
    return src == "math" or src.startswith(("rulegym/math", "math/")) or src in MATH_SOURCES


def _is_spatial(src: str) -> bool:
    return src == "spatial" or src.startswith(("rulegym/spatial", "spatial/", "vsi"))


def compute_score(
    data_source: str, solution_str: str, ground_truth: Any, extra_info: dict | None = None
) -> dict:
    """``{"score", "acc", "format"}``: the score is the env's reward (format
    0.5 + accuracy 1.0), ``acc`` and ``format`` are logged by verl. For math,
    ``extra_info``'s ``question`` / ``problem`` (or ``choices``) give a
    multiple-choice question's options, so ``49`` answers the gold ``B``."""
    gold = ground_truth if isinstance(ground_truth, str) else str(ground_truth)
    info = extra_info or {}
    if _is_math(data_source):
        question = info.get("question", info.get("problem"))
        problems = [question] if isinstance(question, str) else None
        choices = info.get("choices")
        options = None if choices is None else [[str(c) for c in choices]]
        v = math_verify([solution_str], [gold], "strict", problems, options)[0]
        return {"score": v.reward, "acc": float(v.correct), "format": float(v.format_ok)}
    if _is_spatial(data_source):
        options = info.get("options")
        opts = None if options is None else [[str(o) for o in options]]
        fmt, acc = vsi_score([solution_str], [gold], opts, "mra")[0]
        return {"score": 0.5 * fmt + acc, "acc": acc, "format": float(fmt)}
    raise ValueError(
        f"data_source '{data_source}' has no rulegym rules: use rulegym/math*, "
        f"rulegym/spatial* or one of {list(MATH_SOURCES)}"
    )
