"""``rulegym.math.verify(response, gold)``: the math env's rule-checked
verifier, a drop-in for math-verify in OpenRLHF / verl reward code. Lists are
judged as one batch on Rust threads with the GIL released."""

from __future__ import annotations

from typing import Sequence, Union, overload

from ._rulegym import Verdict, math_verify

Gold = Union[str, int, float]


@overload
def verify(
    response: str,
    gold: Gold,
    *,
    format_style: str = "strict",
    problem: str | None = None,
    choices: Sequence[str] | None = None,
) -> Verdict: ...
@overload
def verify(
    response: Sequence[str],
    gold: Sequence[Gold],
    *,
    format_style: str = "strict",
    problem: Sequence[str | None] | None = None,
    choices: Sequence[Sequence[str] | None] | None = None,
) -> list[Verdict]: ...


def verify(response, gold, *, format_style="strict", problem=None, choices=None):
    """Judges ``response`` against ``gold`` (an answer, or a worked solution
    ending in ``\\boxed{..}``). The ``Verdict`` is truthy when correct and
    carries ``format_ok`` (``"strict"``: LMM-R1, ``"lenient"``: R1-V),
    ``conflict``, ``extracted`` and ``reward`` (0.5 format + 1.0 accuracy).
    ``problem`` (the question's text, where ``(A) 47 (B) 49`` is read) or
    ``choices`` (the option texts, A first) give a multiple-choice question's
    options: then ``49`` answers the gold ``B`` and ``B`` the gold ``49``.
    A gold answer that cannot be graded is a ``ValueError``."""
    if isinstance(response, str):
        problems = None if problem is None else [_text(problem, "problem")]
        options = None if choices is None else [_options(choices)]
        return math_verify([response], [_gold(gold)], format_style, problems, options)[0]
    if isinstance(gold, (str, int, float)):
        raise TypeError("a list of responses needs a list of gold answers")
    if isinstance(problem, str) or (choices is not None and choices and isinstance(choices[0], str)):
        raise TypeError("a list of responses needs a list of problems / choices, one per response")
    problems = None if problem is None else [None if p is None else _text(p, "problem") for p in problem]
    options = None if choices is None else [None if c is None else _options(c) for c in choices]
    return math_verify(list(response), [_gold(g) for g in gold], format_style, problems, options)


def _text(p, what: str) -> str:
    if not isinstance(p, str):
        raise TypeError(f"{what} must be a str, got {type(p).__name__}")
    return p


def _options(c) -> list[str]:
    if isinstance(c, str) or not all(isinstance(o, (str, int, float)) for o in c):
        raise TypeError("choices must be a list of option texts")
    return [str(o) for o in c]


def _gold(g: Gold) -> str:
    if isinstance(g, bool) or not isinstance(g, (str, int, float)):
        raise TypeError(f"gold answer must be a str or number, got {type(g).__name__}")
    return g if isinstance(g, str) else str(g)


__all__ = ["verify", "Verdict"]
