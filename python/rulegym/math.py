"""``rulegym.math.verify(response, gold)``: the math env's rule-checked
verifier, a drop-in for math-verify in OpenRLHF / verl reward code. Lists are
judged as one batch on Rust threads with the GIL released."""

from __future__ import annotations

from typing import Sequence, Union, overload

from ._rulegym import Verdict, math_verify

Gold = Union[str, int, float]


@overload
def verify(response: str, gold: Gold, *, format_style: str = "strict") -> Verdict: ...
@overload
def verify(
    response: Sequence[str], gold: Sequence[Gold], *, format_style: str = "strict"
) -> list[Verdict]: ...


def verify(response, gold, *, format_style="strict"):
    """Judges ``response`` against ``gold`` (an answer, or a worked solution
    ending in ``\\boxed{..}``). The ``Verdict`` is truthy when correct and
    carries ``format_ok`` (``"strict"``: LMM-R1, ``"lenient"``: R1-V),
    ``conflict``, ``extracted`` and ``reward`` (0.5 format + 1.0 accuracy).
    A gold answer that cannot be graded is a ``ValueError``."""
    if isinstance(response, str):
        return math_verify([response], [_gold(gold)], format_style)[0]
    if isinstance(gold, (str, int, float)):
        raise TypeError("a list of responses needs a list of gold answers")
    return math_verify(list(response), [_gold(g) for g in gold], format_style)


def _gold(g: Gold) -> str:
    if isinstance(g, bool) or not isinstance(g, (str, int, float)):
        raise TypeError(f"gold answer must be a str or number, got {type(g).__name__}")
    return g if isinstance(g, str) else str(g)


__all__ = ["verify", "Verdict"]
