"""Answer checks for notebook 02 (the step perceptron and logic gates).

- ``exercise_2_1(perceptron_output)``: ``perceptron_output(x, W)`` for one sample
  ``x`` (d,) and weights ``W`` (d + 1,) with the bias first -> 1 or 0.
- ``exercise_2_2(W_nor)``: hand-picked weights ``[b, w1, w2]`` for the NOR gate.
- ``exercise_2_3(boundary_line)``: ``boundary_line(W)`` -> ``(slope, intercept)``
  of the decision boundary ``x2 = slope * x1 + intercept``.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import step
from nnlib.data import GATE_INPUTS, GATES
from ._core import (Mistake, Wrong, as_float_array, check_function, hint, is_unanswered, not_answered, number_from,
                    passed)
from ._reference import pre_activation, step_neuron

__all__ = ["exercise_2_1", "exercise_2_2", "exercise_2_3", "OUTPUT_CASES", "OUTPUT_MISTAKES", "LINE_CASES",
           "LINE_MISTAKES"]

# ---- exercise 2.1 ------------------------------------------------------------------

#: (x, W) pairs for exercise 2.1, W bias first. Chosen so that every typical mistake
#: below answers differently: case 4 lies exactly on the boundary (z = 0), case 5
#: fires only without its bias, case 6 changes class if the bias is read from the end.
OUTPUT_CASES: tuple[tuple[np.ndarray, np.ndarray], ...] = tuple((np.array(x, float), np.array(W, float)) for x, W in (
    ((1, 1), (-1.5, 1, 1)),      # z =  0.5 -> 1
    ((1, 0), (-1.5, 1, 1)),      # z = -0.5 -> 0
    ((0, 0), (0.5, -1, -1)),     # z =  0.5 -> 1
    ((1, 1), (0.5, -1, -1)),     # z = -1.5 -> 0
    ((0.5, 0), (-1, 2, 0.5)),    # z =  0   -> 1 (the boundary itself)
    ((1, 0), (-2, 1, 1)),        # z = -1   -> 0
    ((0, 1), (3, -2, 1)),        # z =  4   -> 1
))


def output_right(x: np.ndarray, W: np.ndarray) -> int:
    return step(pre_activation(x, W))


OUTPUT_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the bias is missing: you used only W[1:] . x. W[0] is the bias, the weight of a constant input "
            "x0 = 1: z = W[0] + W[1:] . x, or W . np.insert(x, 0, 1).",
            lambda x, W: step(W[1:] @ x)),
    Mistake("you read the bias from the end of W. In this series the bias comes first: W = [b, w1, w2], "
            "so insert the constant 1 at the front: np.insert(x, 0, 1).",
            lambda x, W: step(W @ np.append(x, 1))),
    Mistake("almost: at z = 0 exactly the output is 1, because step(0) = 1. "
            "Use z >= 0 (or nn.step), not z > 0.",
            lambda x, W: int(W @ np.insert(x, 0, 1) > 0)),
    Mistake("every answer is flipped: the output is 1 when z >= 0 and 0 when z < 0.",
            lambda x, W: int(W @ np.insert(x, 0, 1) < 0)),
    Mistake("you return -1 for the negative side (like np.sign). This perceptron's labels are 0/1: "
            "the step function outputs 0 or 1. Use nn.step(z) or int(z >= 0).",
            lambda x, W: 1 if W @ np.insert(x, 0, 1) >= 0 else -1),
    Mistake("you returned z itself. Pass it through the step activation: 1 if z >= 0, else 0 (nn.step(z)).",
            lambda x, W: W @ np.insert(x, 0, 1)),
)


def _explain_output_error(exc: BaseException) -> str | None:
    text = str(exc)
    if isinstance(exc, ValueError) and ("shape" in text or "align" in text or "mismatch" in text):
        return (f"your code raised ValueError ({text}). W has d + 1 entries but x has d: put the constant input 1 "
                "in front of x first, x_ext = np.insert(x, 0, 1), then z = W @ x_ext.")
    return None


def _read_output(out: Any, x: np.ndarray, W: np.ndarray) -> float:
    return number_from(out, "perceptron_output returned {type}; it should return 1 or 0.",
                       "perceptron_output returned an array of shape {shape} for one sample; it should return a "
                       "single 1 or 0. Did you multiply elementwise (W * x_ext) instead of taking the dot product "
                       "(W @ x_ext, which also sums)?")


def exercise_2_1(perceptron_output: Callable[..., Any]) -> None:
    """Check ``perceptron_output(x, W)``: step(W[0] + W[1:] . x) for one sample."""
    ex = "2.1"

    def otherwise(i: int, got_i: float, want_i: int) -> str:
        x, W = OUTPUT_CASES[i]
        return (f"for x = ({', '.join(f'{v:g}' for v in x)}) and W = ({', '.join(f'{v:g}' for v in W)}), "
                f"z = {pre_activation(x, W):g} so the "
                f"output is {want_i}, but your function returned {got_i:g}.")

    return check_function(ex, perceptron_output, "perceptron_output", OUTPUT_CASES, _read_output, output_right,
                          OUTPUT_MISTAKES, explain=_explain_output_error, otherwise=otherwise, insight=(
        "Your neuron puts the bias first, W = [b, w1, w2], with the constant input 1 in front of x, and outputs 1 "
        "for the point (0.5, 0) with W = [-1, 2, 0.5], where z = 0 exactly (step(0) = 1)."))


# ---- exercise 2.2 ------------------------------------------------------------------

def _gate_outputs(W: np.ndarray, bias_first: bool = True) -> np.ndarray:
    """nnlib's Perceptron with weights ``W`` on the four gate inputs (``W`` read bias last if not ``bias_first``)."""
    return step_neuron(W if bias_first else np.roll(W, 1)).predict(GATE_INPUTS)


def _truth(y: np.ndarray) -> str:
    return ", ".join(f"{int(a)}{int(c)}->{int(t)}" for (a, c), t in zip(GATE_INPUTS, y))


def exercise_2_2(W_nor: Any) -> None:
    """Check hand-picked NOR weights ``[b, w1, w2]`` (bias first)."""
    ex = "2.2"
    if is_unanswered(W_nor):
        return not_answered(ex)
    W = as_float_array(W_nor)
    if W is None or W.ndim > 2:
        return hint(ex, "W_nor should be an array of 3 numbers: [b, w1, w2].")
    if W.size == 2:
        return hint(ex, "W_nor has only 2 numbers: the bias is missing. Write it first, W_nor = [b, w1, w2]; "
                        "it is the weight of the constant input x0 = 1.")
    if W.size != 3:
        return hint(ex, f"W_nor should hold 3 numbers, [b, w1, w2], got shape {W.shape}.")
    W = W.ravel()
    if not np.all(np.isfinite(W)):
        return hint(ex, "every weight must be a finite number.")
    want = np.array(GATES["NOR"])
    got = _gate_outputs(W)
    if np.array_equal(got, want):
        z = GATE_INPUTS @ W[1:] + W[0]
        margin = float(np.min(np.abs(z)))
        return passed(ex, f"z = {', '.join(f'{v:g}' for v in z)} for the rows 00, 01, 10, 11: only (0,0) reaches "
                          f"z >= 0. The smallest |z| is {margin:g}"
                          + (": a row lies exactly on the boundary, which works only because step(0) = 1; "
                             "a little margin is safer." if margin == 0
                             else ", so no row sits on the boundary. NOR is NOT(OR): it fires on the other side "
                                  "of a line like OR's."))
    if np.array_equal(_gate_outputs(W, bias_first=False), want):
        return hint(ex, "your numbers make NOR if the bias is read last. In this series the bias comes first: "
                        "W_nor = [b, w1, w2].")
    if np.array_equal(got, np.array(GATES["OR"])):
        return hint(ex, "these weights compute OR. NOR is NOT(OR): flip the sign of all three numbers "
                        "(and keep every row off the boundary z = 0, since step(0) = 1).")
    if np.array_equal(got, 1 - want) or np.array_equal(_gate_outputs(-W), want):
        return hint(ex, "the signs are reversed: NOR fires only for (0,0), so the bias must be >= 0 "
                        "and both weights negative.")
    if W[0] < 0:
        return hint(ex, f"for (0,0), z = b = {W[0]:g} < 0, so the neuron stays silent, but NOR(0,0) = 1. "
                        "The bias must be >= 0.")
    for j in (1, 2):
        if W[0] + W[j] >= 0:
            return hint(ex, f"with x{j} = 1 alone, z = b + w{j} = {W[0] + W[j]:g} >= 0, so the neuron fires, but "
                            f"NOR should be 0 there. Make w{j} negative enough that b + w{j} < 0.")
    return hint(ex, f"your weights give {_truth(got)}; NOR is {_truth(want)}.")


# ---- exercise 2.3 ------------------------------------------------------------------

#: Weight vectors [b, w1, w2] for exercise 2.3, all with w1, w2 and b non-zero, and all but
#: the first with |w1| != |w2|, so that each typical mistake (swapped weights, a lost sign,
#: the bias left out) changes the answer for at least one of them. One case: one argument W.
LINE_CASES: tuple[tuple[np.ndarray], ...] = tuple((np.array(W),) for W in (
    (-1.5, 1.0, 1.0),
    (0.5, -1.0, 2.0),
    (1.0, 3.0, -2.0),
    (-2.0, 0.5, 4.0),
))


def line_right(W: np.ndarray) -> tuple[float, float]:
    """``w1 x1 + w2 x2 + b = 0`` solved for x2."""
    b, w1, w2 = W
    return -w1 / w2, -b / w2


LINE_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the slope has the wrong sign. From w1 x1 + w2 x2 + b = 0, moving w1 x1 to the other side makes it "
            "negative: slope = -w1 / w2.", lambda W: (W[1] / W[2], -W[0] / W[2])),
    Mistake("the intercept has the wrong sign. From w1 x1 + w2 x2 + b = 0, moving b to the other side makes it "
            "negative: intercept = -b / w2.", lambda W: (-W[1] / W[2], W[0] / W[2])),
    Mistake("both signs are reversed: w2 x2 = -w1 x1 - b, so slope = -w1 / w2 and intercept = -b / w2.",
            lambda W: (W[1] / W[2], W[0] / W[2])),
    Mistake("the intercept is 0: the bias is missing. The line w1 x1 + w2 x2 + b = 0 crosses x1 = 0 at "
            "x2 = -b / w2.", lambda W: (-W[1] / W[2], 0.0)),
    Mistake("you divided by w1, which solves for x1. Solve for x2 instead: divide by w2, the weight of x2.",
            lambda W: (-W[2] / W[1], -W[0] / W[1])),
    Mistake("you read the bias from the end of W. The bias comes first: b, w1, w2 = W.",
            lambda W: (-W[0] / W[1], -W[2] / W[1])),
    Mistake("the fractions are upside down: slope = -w1 / w2 and intercept = -b / w2 (divide by w2).",
            lambda W: (-W[2] / W[1], -W[2] / W[0])),
)


def _read_line(out: Any, W: np.ndarray) -> tuple[float, float]:
    arr = as_float_array(out)
    if arr is None or arr.size != 2:
        got_what = "one number" if arr is not None and arr.size == 1 else f"{type(out).__name__} {out!r}"
        raise Wrong(f"boundary_line should return two numbers, (slope, intercept); it returned {got_what}.")
    return float(arr.ravel()[0]), float(arr.ravel()[1])


def _line_otherwise(i: int, got: tuple[float, float], want: tuple[float, float]) -> str:
    return (f"for W = {LINE_CASES[i][0].tolist()} the line is x2 = {want[0]:g} x1 + {want[1]:g}, but your function "
            f"returned slope {got[0]:g}, intercept {got[1]:g}.")


def exercise_2_3(boundary_line: Callable[..., Any]) -> None:
    """Check ``boundary_line(W)`` -> ``(slope, intercept)`` of ``x2 = slope * x1 + intercept``."""
    ex = "2.3"
    slope, icpt = line_right(*LINE_CASES[0])
    insight = (f"For AND's weights [-1.5, 1, 1] your line is x2 = {slope:g} x1 + {icpt:g}: it passes through "
               f"(0.5, {slope * 0.5 + icpt:g}) and (1, {slope * 1 + icpt:g}), halfway between (1, 1) and its two "
               "neighbours.")
    return check_function(ex, boundary_line, "boundary_line", LINE_CASES, _read_line, line_right, LINE_MISTAKES,
                          insight, _line_otherwise)
