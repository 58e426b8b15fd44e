"""Answer checks for notebook 06 (a hidden layer solves XOR).

- ``exercise_6_1(W_out)``: output weights ``[b, w1, w2]`` that turn the hidden
  units OR and AND into XOR.
- ``exercise_6_2(hidden_delta)``: ``hidden_delta(dZ2, W2, H)`` -> ``dZ1``, the
  step of backpropagation through the hidden layer.
- ``exercise_6_3(dz1_unit1)``: hidden unit 1's delta at one sample, worked out on paper.
- ``exercise_6_4(accuracy_equal_start)``: the predicted accuracy on XOR after training
  from two identical hidden units.
- ``exercise_6_5(tanh_delta)``: ``tanh_delta(dZ2, W2, H)`` -> ``dZ1`` for tanh hidden units.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import forward_two_layer, sigmoid, two_layer_gradients
from nnlib.data import logic_gate
from nnlib.mlp import train_two_layer
from ._reference import step_neuron
from ._core import (Mistake, Wrong, WrongValue, as_float_array, check_function, check_value, close, diagnose_shape,
                    hint, is_unanswered, not_answered, passed)

__all__ = ["exercise_6_1", "exercise_6_2", "exercise_6_3", "exercise_6_4", "exercise_6_5", "DELTA_CASES",
           "DELTA_MISTAKES", "DERIVE_TABLE", "EQUAL_TABLE", "TANH_CASES", "TANH_MISTAKES", "VALUE_TABLES", "TABLES"]

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


# ---- exercise 6.3: one hidden delta on paper ----------------------------------------

#: Exercise 6.3's network and sample: x = (1, 1), y = 0, n = 1. Both hidden z are 0 (H = 0.5, slope 0.25)
#: and z2 = 3 * 0.5 - 1 * 0.5 - 1 = 0 (A = 0.5), so every step can be done by hand.
DERIVE_X = np.array([[1.0, 1.0]])
DERIVE_Y = np.array([0])
DERIVE_PARAMS = {"W1": np.array([[1.0, 2.0], [-1.0, -2.0]]), "b1": np.array([0.0, 0.0]),
                 "W2": np.array([[3.0], [-1.0]]), "b2": np.array([-1.0])}


def derive_right() -> float:
    """dZ1 of hidden unit 1 at Exercise 6.3's sample: for one sample it is nnlib's gradient of b1[0]."""
    return float(two_layer_gradients(DERIVE_X, DERIVE_Y, **DERIVE_PARAMS)["b1"][0])


DERIVE_TABLE: tuple[WrongValue, ...] = (
    WrongValue("that is dH for unit 1, dZ2 * W2[0] = 0.5 * 3. One step is left: multiply by the hidden "
               "sigmoid's slope H(1 - H) = 0.5 * 0.5 = 0.25.", 1.5),
    WrongValue("the sign is reversed. dZ2 = (A - y)/n = (0.5 - 0)/1 = +0.5: the output is too high, and "
               "backpropagation only multiplies that by W2[0] and by the slope, with no minus sign.", -0.375),
    WrongValue("the weight W2[0] = 3 is missing. Unit 1 receives the output error in proportion to its own "
               "outgoing weight: dH[0] = dZ2 * W2[0].", 0.125),
    WrongValue("that is unit 2's value (it uses W2[1] = -1). Unit 1's outgoing weight is W2[0] = 3.", -0.125),
    WrongValue("the slope of the sigmoid is H(1 - H) = 0.25, not H or 1 - H (0.5).", 0.75),
    WrongValue("H = 0.5 is already sigmoid(Z1); its slope is H(1 - H) = 0.25. Applying sigmoid to H again "
               "gives the slope at the wrong place.", 1.5 * float(sigmoid(0.5) * (1 - sigmoid(0.5)))),
    WrongValue("that is dZ2 = (A - y)/n, the output's error; send it back through W2[0] and the hidden slope.", 0.5),
    WrongValue("dZ2 for a sigmoid output with BCE is A - y, over n: the output sigmoid's slope A(1 - A) cancels "
               "and must not be multiplied in again (notebook 4).", 0.09375),
)


def exercise_6_3(dz1_unit1: Any) -> None:
    """Check the learner's dZ1 of hidden unit 1 at Exercise 6.3's sample, worked out by hand."""
    return check_value("6.3", dz1_unit1, derive_right(), DERIVE_TABLE, insight=(
        "H = (0.5, 0.5), A = 0.5, dZ2 = 0.5, dH = (1.5, -0.5), dZ1 = dH * 0.25 = (0.375, -0.125). Both hidden "
        "units sit at z = 0, where the sigmoid's slope is largest (0.25), so no other z lets more of dH through."),
        otherwise=("go step by step: Z1 = x W1 + b1, H = sigmoid(Z1), z2 = H W2 + b2, A = sigmoid(z2); then "
                   "dZ2 = (A - y)/n, dH = dZ2 * W2[0] for unit 1, and dZ1 = dH * H(1 - H)."))


# ---- exercise 6.4: predict the accuracy from an equal start --------------------------

#: The equal (non-zero) start of notebook 06's section 4: both hidden units alike, both outgoing weights alike.
EQUAL_START = {"W1": np.array([[0.5, 0.5], [-0.3, -0.3]]), "b1": np.array([0.1, 0.1]),
               "W2": np.array([[0.4], [0.4]]), "b2": np.array([0.0])}


def equal_start_accuracy() -> float:
    """The accuracy on XOR after 2000 epochs at lr 2 from :data:`EQUAL_START` (nnlib's ``train_two_layer``)."""
    X, y = logic_gate("XOR")
    trained, _ = train_two_layer(X, y, EQUAL_START, lr=2.0, epochs=2000)
    return float(np.mean((forward_two_layer(X, **trained).ravel() >= 0.5) == y))


EQUAL_TABLE: tuple[WrongValue, ...] = (
    WrongValue("gradient descent does not break the tie: two equal units get equal updates, so they stay equal "
               "and the network acts as if it had one hidden unit, whose 0.5 boundary is a single line.", 1.0),
    WrongValue("one line cannot get all of XOR right, but it can do better than half: notebook 5's best lines "
               "classify 3 of the 4 points. Training finds such a line here.", 0.5),
    WrongValue("give the accuracy as a fraction between 0 and 1, not in percent.", 75.0),
    WrongValue("accuracy counts the points classified right, out of 4; a line with both hidden units alike is "
               "still a line, and on XOR a line can be right on 3 of the 4 points.", 0.25),
)


def exercise_6_4(accuracy_equal_start: Any) -> None:
    """Check the learner's predicted accuracy after training from two identical hidden units."""
    return check_value("6.4", accuracy_equal_start, equal_start_accuracy(), EQUAL_TABLE, insight=(
        "The two hidden units stay identical, so the network draws one line, and the best a line does on XOR is 3 "
        "of 4 points. Only unequal (random) starting weights let the units become different features."),
        otherwise=("with equal units the network draws a single line as its boundary: how many of XOR's four "
                   "points can one line classify right (notebook 5)?"))


VALUE_TABLES = {"6.3": (exercise_6_3, derive_right(), DERIVE_TABLE),
                "6.4": (exercise_6_4, equal_start_accuracy(), EQUAL_TABLE)}


# ---- exercise 6.5: tanh_delta(dZ2, W2, H) -------------------------------------------

#: H = tanh(Z1) lies in (-1, 1): negative entries tell 1 - H**2 from 1 - H, 1 - |H| and H * (1 - H).
TANH_H = np.array([[-0.2, 0.9, 0.5], [0.6, -0.3, 0.8], [-0.75, 0.1, -0.4], [0.35, -0.55, 0.95]])
TANH_CASES = ((DELTA_DZ2, DELTA_W2, TANH_H),)


def tanh_delta_right(dZ2: np.ndarray, W2: np.ndarray, H: np.ndarray) -> np.ndarray:
    """``(dZ2 @ W2.T) * (1 - H**2)``: the slope of tanh at Z1, written with H = tanh(Z1)."""
    return (dZ2 @ W2.T) * (1 - H**2)


TANH_MISTAKES: tuple[Mistake, ...] = (
    Mistake("that is the sigmoid's slope, H * (1 - H), from Exercise 6.2. These hidden units are tanh units: "
            "the slope of tanh at Z1 is 1 - tanh(Z1)**2 = 1 - H**2.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * H * (1 - H)),
    Mistake("you passed the error back through W2 but not through the hidden tanh. Multiply element-wise by "
            "its slope, 1 - H**2.",
            lambda dZ2, W2, H: dZ2 @ W2.T),
    Mistake("the slope of tanh is 1 - H**2 (H squared), not 1 - H.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * (1 - H)),
    Mistake("H is already tanh(Z1), so the slope is 1 - H**2. Applying tanh to H again computes the slope at the "
            "wrong place.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * (1 - np.tanh(H)**2)),
    Mistake("the sign is reversed: the slope 1 - H**2 is positive (tanh only rises), and backpropagation adds "
            "no minus sign. Use (dZ2 @ W2.T) * (1 - H**2).",
            lambda dZ2, W2, H: -(dZ2 @ W2.T) * (1 - H**2)),
    Mistake("the weights W2 are missing. Each hidden unit receives the output error in proportion to its own "
            "weight: dZ2 @ W2.T, of shape (n, 1) @ (1, h) = (n, h).",
            lambda dZ2, W2, H: dZ2 * (1 - H**2)),
    Mistake("the slope is 1 - H**2, not (1 - H)**2: square H first, then subtract it from 1.",
            lambda dZ2, W2, H: (dZ2 @ W2.T) * (1 - H)**2),
)


def exercise_6_5(tanh_delta: Callable[[np.ndarray, np.ndarray, np.ndarray], Any]) -> None:
    """Check ``tanh_delta(dZ2, W2, H)`` -> ``dZ1 = (dZ2 @ W2.T) * (1 - H**2)`` for tanh hidden units."""
    ex = "6.5"
    return check_function(ex, tanh_delta, "tanh_delta", TANH_CASES, _read_delta, tanh_delta_right, TANH_MISTAKES,
                          explain=_explain_delta_error, same=lambda g, w: close(g, w, atol=1e-12), insight=(
        "dZ1 = (dZ2 @ W2.T) * (1 - H**2). Only the slope changed: tanh is steepest at 0 (slope 1, four times the "
        "sigmoid's 0.25) and flat near -1 and 1, so a saturated tanh unit barely learns either."),
        otherwise=lambda i, g, w: (
        "dZ1 should be (dZ2 @ W2.T) * (1 - H**2): send the output error back through the weights, then multiply "
        "by the slope of tanh, written with H = tanh(Z1)."))


TABLES = {"6.5": (exercise_6_5, TANH_MISTAKES, tanh_delta_right, TANH_CASES, (), {})}
