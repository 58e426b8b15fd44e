"""Answer checks for notebook 06 (a hidden layer solves XOR).

- ``exercise_6_1(W_out)``: output weights ``[b, w1, w2]`` that turn the hidden
  units OR and AND into XOR.
- ``exercise_6_2(hidden_delta)``: ``hidden_delta(dZ2, W2, H)`` -> ``dZ1``, the
  step of backpropagation through the hidden layer.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import sigmoid
from ._reference import step_neuron
from ._core import (Mistake, Wrong, as_float_array, check_function, close, diagnose_shape, hint, is_unanswered,
                    not_answered, passed)

__all__ = ["exercise_6_1", "exercise_6_2", "DELTA_CASES", "DELTA_MISTAKES"]

# ---- exercise 6.1: output weights on the hidden units (OR, AND) --------------------

#: Inputs in truth-table order and their hidden features (OR(x), AND(x)).
XOR_INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))
HIDDEN_OR_AND = np.array([[0, 0], [1, 0], [1, 0], [1, 1]], dtype=float)
XOR = np.array([0, 1, 1, 0])


def _outputs(W: np.ndarray) -> np.ndarray:
    """The output unit ``step(b + w1 OR(x) + w2 AND(x))``: nnlib's Perceptron on the hidden features."""
    return step_neuron(W).predict(HIDDEN_OR_AND)


def exercise_6_1(W_out: Any) -> None:
    """Check ``W_out = [b, w1, w2]``: ``step(b + w1*OR(x) + w2*AND(x))`` must equal XOR(x)."""
    ex = "6.1"
    if is_unanswered(W_out):
        return not_answered(ex)
    W = as_float_array(W_out)
    if W is None or W.dtype.kind not in "biuf" or not np.all(np.isfinite(W)):
        return hint(ex, "W_out should be three finite numbers [b, w1, w2], e.g. np.array([-1.0, 1.0, 1.0]).")
    W = W.ravel()
    if W.size == 2:
        return hint(ex, "W_out has two entries: the bias is missing. Put it first, W_out = [b, w1, w2]; without it "
                        "the line passes through (0, 0) in hidden space and cannot cut off the right corner.")
    if W.size != 3:
        return hint(ex, f"W_out should have 3 entries [b, w1, w2] (bias first), got {W.size}.")
    out = _outputs(W)
    table = ", ".join(f"{x} -> {o}" for x, o in zip(XOR_INPUTS, out))
    if np.array_equal(out, XOR):
        return passed(ex, f"In hidden space the inputs (0, 1) and (1, 0) both land on (OR, AND) = (1, 0), the one "
                          f"corner where OR is on and AND is off; your line (w2 = {W[2]:g} < 0, so the AND unit vetoes) "
                          "cuts exactly that corner off. XOR = OR and not AND.")
    if np.array_equal(out, 1 - XOR):
        flipped_works = np.array_equal(_outputs(-W), XOR)
        return hint(ex, f"your network computes XNOR, the exact opposite of XOR ({table}): the sign is reversed. "
                        + ("Flip the signs of all three weights." if flipped_works else
                           "Flipping all three signs is the idea, but some z is exactly 0, and step(0) = 1 on both "
                           "sides: move b a little so that no z is 0, then flip the signs."))
    if out[0] == 1:
        return hint(ex, f"your unit fires for the input (0, 0) ({table}). There both hidden units are 0, so "
                        f"z = b = {W[0]:g}, and step(z) = 1 when z >= 0. The bias must be negative.")
    if np.array_equal(out, [0, 1, 1, 1]):
        return hint(ex, f"your unit computes OR, not XOR ({table}): it also fires for (1, 1), where both hidden "
                        "units are on. The AND unit must switch the output off: give it a negative weight w2, "
                        "large enough to outweigh w1.")
    if out[1] == 0:
        return hint(ex, f"your unit stays silent for (0, 1) and (1, 0) ({table}). There the hidden units are "
                        f"(OR, AND) = (1, 0), so z = b + w1 = {W[0] + W[1]:g}: it must be >= 0. Make w1 larger.")
    return hint(ex, f"your network gives {table}; XOR needs 0, 1, 1, 0. The hidden points are (0, 0), (1, 0), "
                    "(1, 0), (1, 1): only (1, 0) may fire.")


# ---- exercise 6.2: hidden_delta(dZ2, W2, H) ----------------------------------------

#: n = 4 samples and h = 3 hidden units, so that (n, h), (h, n) and (n, n) all differ.
DELTA_DZ2 = np.array([[0.12], [-0.2], [-0.05], [0.18]])
DELTA_W2 = np.array([[1.5], [-2.0], [0.7]])
DELTA_H = np.array([[0.2, 0.9, 0.5], [0.6, 0.3, 0.8], [0.75, 0.1, 0.4], [0.35, 0.55, 0.95]])


DELTA_CASES = ((DELTA_DZ2, DELTA_W2, DELTA_H),)


def delta_right(dZ2: np.ndarray, W2: np.ndarray, H: np.ndarray) -> np.ndarray:
    """``(dZ2 @ W2.T) * H * (1 - H)``: the output error sent back through W2, then through the sigmoid's slope."""
    return (dZ2 @ W2.T) * H * (1 - H)


DELTA_MISTAKES: tuple[Mistake, ...] = (
    Mistake("you passed the error back through W2 but not through the hidden sigmoid. Multiply "
            "element-wise by its slope, H * (1 - H) (the derivative of sigmoid at Z1).",
            lambda dZ2, W2, H: dZ2 @ W2.T),
    Mistake("H is already sigmoid(Z1), so the slope is H * (1 - H). Applying sigmoid to H again "
            "computes the slope at the wrong place.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * sigmoid(H) * (1 - sigmoid(H))),
    Mistake("the sign is reversed. dZ2 already holds the direction of the loss (A - y) / n; backpropagation "
            "only multiplies it by W2.T and by H * (1 - H), with no minus sign.",
            lambda dZ2, W2, H: -(dZ2 @ W2.T) * H * (1 - H)),
    Mistake("the result is n times too small: dZ2 already contains the 1/n of the mean, so do not divide "
            "by n again.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * H * (1 - H) / len(H)),
    Mistake("the weights W2 are missing. Each hidden unit receives the output error in proportion to its "
            "own weight: dZ2 @ W2.T, of shape (n, 1) @ (1, h) = (n, h).",
            lambda dZ2, W2, H: dZ2 * H * (1 - H)),
    Mistake("the sigmoid's slope is H * (1 - H), not H alone.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * H),
    Mistake("the sigmoid's slope is H * (1 - H), not 1 - H alone.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * (1 - H)),
)


def _explain_delta_error(exc: BaseException) -> str | None:
    if isinstance(exc, ValueError) and any(word in str(exc) for word in ("matmul", "shapes", "align")):
        return (f"the matrix product failed ({exc}). dZ2 has shape (n, 1) and W2 has shape (h, 1); "
                "multiply by the transpose: dZ2 @ W2.T has shape (n, h), one column per hidden unit.")
    return None


def _read_delta(out: Any, dZ2: np.ndarray, W2: np.ndarray, H: np.ndarray) -> np.ndarray:
    n, h = H.shape
    arr = as_float_array(out)
    if arr is not None and arr.shape == (h, n):
        raise Wrong(f"dZ1 has shape {arr.shape}, the transpose of what it should be: (n, h) = {(n, h)}, one row "
                    "per sample and one column per hidden unit, like H. Use dZ2 @ W2.T, not W2 @ dZ2.T.")
    shape_hint = diagnose_shape(out, (n, h), "dZ1")
    if shape_hint:
        raise Wrong(shape_hint)
    return arr


def exercise_6_2(hidden_delta: Callable[[np.ndarray, np.ndarray, np.ndarray], Any]) -> None:
    """Check ``hidden_delta(dZ2, W2, H)`` -> ``dZ1 = (dZ2 @ W2.T) * H * (1 - H)``, shape (n, h)."""
    ex = "6.2"
    return check_function(ex, hidden_delta, "hidden_delta", DELTA_CASES, _read_delta, delta_right, DELTA_MISTAKES,
                          explain=_explain_delta_error, same=lambda g, w: close(g, w, atol=1e-12), insight=(
        "dZ1 = (dZ2 @ W2.T) * H * (1 - H). Each hidden unit gets the output's error scaled by its own outgoing "
        "weight and by its slope; a saturated unit (H near 0 or 1) has almost no slope, so it barely learns: "
        "one reason a network can get stuck."), otherwise=lambda i, g, w: (
        "dZ1 should be (dZ2 @ W2.T) * H * (1 - H): first send the output error back through the weights, then "
        "through the slope of the hidden sigmoid."))
