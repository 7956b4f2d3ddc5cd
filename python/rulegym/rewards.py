"""Reward functions with TRL's ``reward_funcs`` signature::

    GRPOTrainer(..., reward_funcs=[rulegym.rewards.math_accuracy,
                                   rulegym.rewards.math_format],
                reward_weights=[1.0, 0.5])   # LMM-R1's weights

Each takes ``(prompts, completions, **columns)`` and returns one float per
completion. Completions are strings or chat messages (the last message's
text). The gold answer comes from the ``answer`` column, or ``solution`` /
``ground_truth`` where a dataset names it so. ``math_accuracy`` reads a
multiple-choice question's lettered options from the ``problem`` /
``question`` column, a ``choices`` column (option texts, A first) or, when
neither is there, the prompt. The rules are the envs' own
(``rulegym-envs``), run in Rust with the GIL released.
"""

from __future__ import annotations

from typing import Any, Sequence

from ._rulegym import format_ok, math_verify, vsi_score

#: Dataset columns read as the gold answer, in this order.
GOLD_COLUMNS = ("answer", "solution", "ground_truth")

#: Dataset columns read as the question's text (for its lettered options).
QUESTION_COLUMNS = ("problem", "question")


def completion_text(c: Any) -> str:
    """A completion as text: a ``str``, or the content of the last message of
    a conversation (``[{"role", "content"}]``; content blocks of type
    ``text`` are joined)."""
    if isinstance(c, str):
        return c
    if isinstance(c, dict):
        c = [c]
    if isinstance(c, (list, tuple)) and c and isinstance(c[-1], dict):
        content = c[-1].get("content", "")
        if isinstance(content, str):
            return content
        if isinstance(content, (list, tuple)):
            return "".join(
                b.get("text", "") for b in content if isinstance(b, dict) and b.get("type") == "text"
            )
    raise TypeError(
        f"a completion must be a str or a list of chat messages, got {type(c).__name__}"
    )


def _texts(completions: Sequence[Any]) -> list[str]:
    return [completion_text(c) for c in completions]


def gold_answers(n: int, columns: dict) -> list[str]:
    """The gold column for ``n`` completions, as strings."""
    for key in GOLD_COLUMNS:
        col = columns.get(key)
        if col is not None:
            if len(col) != n:
                raise ValueError(f"column '{key}' has {len(col)} rows for {n} completions")
            return [g if isinstance(g, str) else str(g) for g in col]
    raise KeyError(
        f"no gold answer column: expected one of {list(GOLD_COLUMNS)}, got {sorted(columns)}"
    )


def prompt_text(p: Any) -> str | None:
    """A prompt as text: a ``str``, or the text of every message of a
    conversation joined by newlines; ``None`` for anything else."""
    if isinstance(p, str):
        return p
    if isinstance(p, dict):
        p = [p]
    if isinstance(p, (list, tuple)) and all(isinstance(m, dict) for m in p):
        parts = []
        for m in p:
            content = m.get("content", "")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, (list, tuple)):
                parts.extend(
                    b.get("text", "")
                    for b in content
                    if isinstance(b, dict) and b.get("type") == "text"
                )
        return "\n".join(parts)
    return None


def question_columns(
    n: int, prompts: Any, columns: dict
) -> tuple[list[str | None] | None, list[list[str] | None] | None]:
    """``(problems, choices)`` for ``n`` completions: the question's text from
    the ``problem`` / ``question`` column or else the prompts, and a
    ``choices`` column of option texts when a dataset has one."""

    def rows(key: str, col: Any) -> list:
        if len(col) != n:
            raise ValueError(f"column '{key}' has {len(col)} rows for {n} completions")
        return list(col)

    choices = columns.get("choices")
    if choices is not None:
        choices = [None if c is None else [str(x) for x in c] for c in rows("choices", choices)]
    for key in QUESTION_COLUMNS:
        col = columns.get(key)
        if col is not None:
            return [None if q is None else str(q) for q in rows(key, col)], choices
    if prompts is not None and not isinstance(prompts, str) and len(prompts) == n:
        return [prompt_text(p) for p in prompts], choices
    return None, choices


def math_accuracy(prompts: Any, completions: Sequence[Any], **columns: Any) -> list[float]:
    """1.0 when the final answer (``<answer>`` block, last ``\\boxed{}``, or
    the answer the prose states) equals the gold answer, else 0.0. With the
    question's options at hand an option's text answers its letter."""
    texts = _texts(completions)
    golds = gold_answers(len(texts), columns)
    problems, choices = question_columns(len(texts), prompts, columns)
    return [float(v.correct) for v in math_verify(texts, golds, "strict", problems, choices)]


def math_format(prompts: Any, completions: Sequence[Any], **columns: Any) -> list[float]:
    """1.0 when the whole completion is ``<think>…</think><answer>…</answer>``
    with each tag once and nothing between the blocks (LMM-R1), else 0.0."""
    return [float(ok) for ok in format_ok(_texts(completions), "strict")]


def r1_format(prompts: Any, completions: Sequence[Any], **columns: Any) -> list[float]:
    """1.0 when the completion matches R1-V's
    ``<think>.*?</think>\\s*<answer>.*?</answer>``, else 0.0."""
    return [float(ok) for ok in format_ok(_texts(completions), "lenient")]


def vsi_accuracy(prompts: Any, completions: Sequence[Any], **columns: Any) -> list[float]:
    """VSI-Bench accuracy in [0, 1]: exact option match for multiple choice
    (gold a letter, or an option of the ``options`` column), mean relative
    accuracy for numbers (gold such as ``"2.5"``, ``"180 cm"``)."""
    texts = _texts(completions)
    golds = gold_answers(len(texts), columns)
    options = columns.get("options")
    if options is not None:
        options = [None if o is None else [str(x) for x in o] for o in options]
    return [acc for _, acc in vsi_score(texts, golds, options, "mra")]


__all__ = [
    "math_accuracy",
    "math_format",
    "r1_format",
    "vsi_accuracy",
    "completion_text",
    "prompt_text",
    "gold_answers",
]
