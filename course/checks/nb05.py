"""Answer checks for notebook 05 (the XOR failure).

- ``exercise_5_1(bce_gradients, dW0, db0)``: ``bce_gradients(X, y, W, b)`` -> ``(dW, db)``
  for sigmoid + BCE (the function of Exercise 4.2, same name), and its value at ``W = 0``,
  ``b = 0`` on XOR.
- ``exercise_5_2(line_accuracy)``: ``line_accuracy(X, y, W, b)`` -> the fraction of
  points that the line classifies right (class 1 where ``X W + b > 0``).
- ``exercise_5_3(W_best, b_best)``: a line that gets 3 of the 4 XOR points right.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import forward_perceptron, gradients
from nnlib.data import logic_gate
from ._core import (Mistake, Wrong, as_float_array, call_safely, check_function, close, hint, not_a_function, number_from, passed, spot, weights_and_bias)
from .nb04 import GRAD_MISTAKES, gradients_otherwise, read_gradients

__all__ = ["exercise_5_1", "exercise_5_2", "exercise_5_3", "GRAD_CASES", "ACC_CASES", "ACC_MISTAKES"]


# ---- exercise 5.1: the BCE gradient, and its value at zero on XOR -------------------

#: (gate, W, b) points where the typical mistakes give different numbers. At W = 0, b = 0
#: on XOR the right gradient is exactly zero, and so are several wrong ones (a sum, a
#: reversed sign), so the function is checked away from zero first.
GRAD_CASES: tuple[tuple[str, np.ndarray, float], ...] = (
    ("XOR", np.array([[0.5], [-1.0]]), 0.25),
    ("AND", np.array([[1.5], [0.5]]), -1.0),
)


def exercise_5_1(bce_gradients: Callable[..., Any], dW0: Any = None, db0: Any = None) -> None:
    """Check ``bce_gradients(X, y, W, b)`` -> ``(dW, db)`` and its value ``(dW0, db0)`` at zero on XOR."""
    ex = "5.1"
    if not_a_function(ex, bce_gradients, "bce_gradients, ..."):
        return None
    for gate, W, b in GRAD_CASES:
        X, y = logic_gate(gate)
        case = (X, y.astype(float), W, b)
        where = f"on {gate} with W = {W.ravel().tolist()}, b = {b:g}: "
        ok, out = call_safely(ex, bce_gradients, *case)
        if not ok:
            return None
        try:
            got = read_gradients(out, *case, flat_ok=True)
        except Wrong as wrong:
            return hint(ex, where + str(wrong))
        want = gradients(*case)
        if not close(got, want):
            return hint(ex, where + (spot([got], [case], GRAD_MISTAKES, n=len(y), b=b) or gradients_otherwise(got, want, case, len(y))))
    g_W, g_b = as_float_array(dW0), as_float_array(db0)
    if g_W is None or g_b is None or g_W.size != 2 or g_b.size != 1:
        return hint(ex, "your function is right. Now evaluate it at the start of training: "
                        "dW0, db0 = bce_gradients(X_xor, y_xor, np.zeros((2, 1)), 0.0) gives dW0 with 2 entries "
                        "and db0 one number.")
    if np.any(g_W != 0) or np.any(g_b != 0):
        return hint(ex, f"your function is right, but dW0 = {np.round(g_W.ravel(), 4).tolist()}, "
                        f"db0 = {float(g_b.reshape(-1)[0]):.4f} is not the gradient at W = 0, b = 0 on XOR. "
                        "Evaluate it there: bce_gradients(X_xor, y_xor, np.zeros((2, 1)), 0.0).")
    return passed(ex, "At W = 0, b = 0 every A is 0.5, so A - y = [0.5, -0.5, -0.5, 0.5]: each input column "
                      "meets one +0.5 and one -0.5, and the four errors add up to 0. The gradient is exactly "
                      "zero, so lr * gradient = 0 for every learning rate.")


# ---- exercise 5.2: the accuracy of a line --------------------------------------------

#: (X, y, W, b). No point lies on its line (z != 0), so the conventions z > 0 and
#: z >= 0 agree. The labels are unbalanced in two cases, so that an (n, n)
#: broadcast does not happen to give the right number.
_X5 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0]])
ACC_CASES: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, float], ...] = (
    (logic_gate("XOR")[0], np.array([0.0, 1.0, 1.0, 0.0]), np.array([[1.0], [1.0]]), -0.5),   # OR's line: 3/4
    (_X5, np.array([0.0, 0.0, 1.0, 1.0, 1.0]), np.array([[1.0], [-0.5]]), -0.25),             # 4/5
    (logic_gate("AND")[0], np.array([0.0, 0.0, 0.0, 1.0]), np.array([[1.0], [1.0]]), -1.5),   # 4/4
)


def line_accuracy_right(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float) -> float:
    """The fraction of rows where ``sigmoid(X W + b) > 0.5``, i.e. ``X W + b > 0``, equals the label."""
    return float(np.mean((forward_perceptron(X, W.ravel(), b) > 0.5) == y))


ACC_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the predictions of shape (n, 1) met y of shape (n,) and broadcast into an (n, n) matrix, so the mean "
            "is over n * n pairs of points. Flatten the predictions first: (X @ W + b).ravel() > 0.",
            lambda X, y, W, b: np.mean((X @ W + b > 0) == y)),
    Mistake("you returned the number of right points ({got}), not the fraction: divide by n (or use np.mean).",
            lambda X, y, W, b: np.sum((X @ W.ravel() + b > 0) == y)),
    Mistake("you returned a percentage ({got}); return a fraction between 0 and 1.",
            lambda X, y, W, b: 100 * np.mean((X @ W.ravel() + b > 0) == y)),
    Mistake("your classes are the wrong way round: class 1 is where X @ W + b > 0 "
            "(where sigmoid(X @ W + b) > 0.5), not < 0.",
            lambda X, y, W, b: np.mean((X @ W.ravel() + b < 0) == y)),
    Mistake("your answer is what the line would get with b = 0: the bias is not included. Use z = X @ W + b.",
            lambda X, y, W, b: np.mean((X @ W.ravel() > 0) == y)),
)


def _read_accuracy(out: Any, X: np.ndarray, y: np.ndarray, *rest: Any) -> float:
    return number_from(out, "line_accuracy returned a {type}; it should return one number between 0 and 1.",
                       "the result is an array of shape {shape}, one entry per point. Return a single number: the "
                       "mean of the right/wrong array (np.mean).",
                       square="the result has shape {shape}: the predictions of shape (n, 1) met y of shape (n,) "
                       "and broadcast into an (n, n) matrix. Flatten first (.ravel()), then take the mean.", n=len(y))


def _accuracy_trace(i: int, got: float, want: float) -> str:
    X, y, W, b = ACC_CASES[i]
    return (f"for X = {X.tolist()}, y = {y.tolist()}, W = {W.ravel().tolist()}, b = {b:g} the accuracy is "
            f"{want:g} but your function returned {got:g}. Compute z = X @ W + b, the predictions z > 0, "
            "compare them with y and take the mean.")


def exercise_5_2(line_accuracy: Callable[..., Any]) -> None:
    """Check ``line_accuracy(X, y, W, b)``: the fraction of rows where ``(X W + b > 0)`` equals ``y``."""
    ex = "5.2"
    return check_function(ex, line_accuracy, "line_accuracy, ...", ACC_CASES, _read_accuracy, line_accuracy_right,
                          ACC_MISTAKES, otherwise=_accuracy_trace, insight=(
        "The OR line x1 + x2 = 0.5 gets 3 of the 4 XOR points, and so does any line that puts one corner on its "
        "own side with that corner's XOR label; no line gets all 4."))


# ---- exercise 5.3: a best line for XOR ------------------------------------------------

_CORNERS = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")


def exercise_5_3(W_best: Any, b_best: Any) -> None:
    """Check a line (``W``: 2 weights, ``b``: one number) that gets 3 of the 4 XOR points right (z > 0 is class 1)."""
    ex = "5.3"
    given = weights_and_bias(ex, W_best, b_best, "W_best should be an array of 2 weights and b_best one number.")
    if given is None:
        return None
    W, b = given
    if W.size == 3 and b.size == 1:
        return hint(ex, "W_best has 3 entries: give only the 2 feature weights in W_best and the bias on its "
                        "own in b_best (the sigmoid model keeps them apart).")
    if W.size != 2:
        return hint(ex, f"W_best should hold 2 weights, one per input (shape (2, 1) or (2,)), got shape {W.shape}.")
    if b.size != 1:
        return hint(ex, f"b_best should be one number, got shape {b.shape}.")
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        return hint(ex, "the weights and bias should be finite numbers.")
    X, y = logic_gate("XOR")
    w, b = W.ravel(), float(b.reshape(-1)[0])
    if not np.any(w):
        return hint(ex, "with W = 0 every point gets the same z = b, so all four land on one side: 2 of 4 right. "
                        + ("That (with b = 0) is exactly the BCE optimum" if b == 0 else
                           "W = 0 with b = 0 is the BCE optimum") + "; a best line needs non-zero weights.")
    Z = X @ w + b
    on_line = [c for c, z in zip(_CORNERS, Z) if z == 0]
    if on_line:
        return hint(ex, f"your line passes exactly through {', '.join(on_line)} (z = 0 there), so that point sits on "
                        "the knife edge between the classes. Shift b a little so that no point lies on the line.")
    right = (Z > 0).astype(int) == y
    k = int(right.sum())
    if k == 3:
        wrong = _CORNERS[int(np.flatnonzero(~right)[0])]
        return passed(ex, f"Your line gets 3 of 4; only {wrong} is on the wrong side. Every best line puts one "
                          "corner on its own side, with that corner's XOR label, and then the opposite corner is "
                          "its one mistake (OR, NAND, x1 AND NOT x2, x2 AND NOT x1): four kinds of best line, and "
                          "none reaches 4.")
    if k == 1:
        return hint(ex, "your line gets only 1 of 4 right, so it is the right line with the classes swapped: "
                        "multiply W_best and b_best by -1 and it gets 3.")
    return hint(ex, f"your line gets {k} of 4 right. Put one corner on its own side: e.g. for OR's line, "
                    "x1 + x2 = 0.5, the class-1 side (z > 0) holds (0, 1), (1, 0) and (1, 1).")
