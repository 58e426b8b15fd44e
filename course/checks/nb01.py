"""Answer checks for notebook 01 (biological neurons).

- ``exercise_1_1(fires)``: a threshold neuron, ``fires(x, w, threshold)`` -> 1 or 0.
- ``exercise_1_2(w, b)``: weights and bias of a 3-input neuron that fires when at
  least two of its inputs are active (a "majority" neuron), read as
  ``step(w . x + b)``.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable

import numpy as np

from nnlib import step
from ._reference import step_neuron
from ._core import Mistake, Wrong, check_function, hint, number_from, passed, weights_and_bias

__all__ = ["exercise_1_1", "exercise_1_2", "FIRES_CASES", "FIRES_MISTAKES"]

#: (inputs x, weights w, threshold) for exercise 1.1. They are chosen so that each
#: typical mistake gives a different pattern of answers: case 2 sits exactly on the
#: threshold, case 4 fires only because of its large weight, case 5 does not fire
#: although most inputs are active.
FIRES_CASES: tuple[tuple[tuple[float, ...], tuple[float, ...], float], ...] = (
    ((1, 1, 0), (0.6, 0.6, 0.9), 1.0),    # sum 1.2  -> fires
    ((1, 0, 1), (0.6, 0.6, -0.9), 0.5),   # sum -0.3 -> silent (an inhibitory input)
    ((1, 1, 1), (0.5, 0.5, -0.5), 0.5),   # sum 0.5, exactly the threshold -> fires
    ((0, 0, 0), (1.0, 1.0, 1.0), 0.5),    # no input -> silent
    ((1, 0, 0), (2.0, 0.1, 0.1), 1.5),    # one strong synapse -> fires
    ((1, 1, 0), (0.4, 0.4, 3.0), 1.0),    # sum 0.8  -> silent, though 2 of 3 inputs are on
)


_FIRES_ARGS = tuple((np.array(x, float), np.array(w, float), theta) for x, w, theta in FIRES_CASES)


def fires_right(x: np.ndarray, w: np.ndarray, threshold: float) -> int:
    """1 if the weighted sum reaches the threshold, else 0: a step neuron with bias -threshold."""
    return step(w @ x - threshold)


FIRES_MISTAKES: tuple[Mistake, ...] = (
    Mistake("you returned the weighted sum itself. The neuron's output is all-or-nothing: "
            "return 1 if the sum is >= threshold, else 0.",
            lambda x, w, threshold: w @ x),
    Mistake("you return -1 when the neuron stays silent. A silent neuron outputs 0, not -1: return 1 or 0.",
            lambda x, w, threshold: 1 if w @ x >= threshold else -1),
    Mistake("every answer is flipped: the neuron should fire (1) when the sum is >= threshold, "
            "and stay silent (0) below it. Check the direction of your comparison.",
            lambda x, w, threshold: int(w @ x < threshold)),
    Mistake("almost: when the sum is exactly equal to the threshold (x=(1,1,1), w=(0.5,0.5,-0.5), "
            "threshold 0.5) the neuron fires. Use >= instead of >.",
            lambda x, w, threshold: int(w @ x > threshold)),
    Mistake("you counted the active inputs but ignored the weights. Each input is multiplied by the "
            "strength of its synapse: compare sum(w_i * x_i) (np.dot(w, x)) with the threshold.",
            lambda x, w, threshold: int(x.sum() >= threshold)),
    Mistake("you compared the weighted sum with 0, not with the threshold argument: "
            "return 1 if np.dot(w, x) >= threshold.",
            lambda x, w, threshold: int(w @ x >= 0)),
)


_NOT_ONE_OUTPUT = ("fires(...) returned {type} of shape {shape}; it should return one number, 1 (fires) or 0 "
                   "(silent). Did you compare each input separately instead of their weighted sum?")


def _read_output(out: Any, *case: Any) -> float:
    if isinstance(out, (bool, np.bool_)):
        raise Wrong(f"fires(...) returned {out}, a True/False comparison. The neuron outputs a number, 1 (fires) "
                    "or 0 (silent): return 1 if ... else 0, or int(...) of the comparison.")
    return number_from(out, _NOT_ONE_OUTPUT.replace(" of shape {shape}", ""), _NOT_ONE_OUTPUT)


def exercise_1_1(fires: Callable[..., Any]) -> None:
    """Check ``fires(x, w, threshold)``: 1 if ``sum_i w_i x_i >= threshold``, else 0."""
    ex = "1.1"
    x, w, theta = FIRES_CASES[2]

    def otherwise(i: int, got_i: float, want_i: int) -> str:
        x, w, theta = FIRES_CASES[i]
        return (f"for x={x}, w={w}, threshold={theta} the weighted sum is {_FIRES_ARGS[i][1] @ _FIRES_ARGS[i][0]:g}, "
                f"so the answer is {want_i}, but your function returned {got_i:g}.")

    return check_function(ex, fires, "fires", _FIRES_ARGS, _read_output, fires_right, FIRES_MISTAKES,
                          otherwise=otherwise, insight=(
        f"Your neuron fires exactly when the weighted sum reaches the threshold, even at equality (x={x}, w={w}, "
        f"threshold {theta:g}: the sum is {_FIRES_ARGS[2][1] @ _FIRES_ARGS[2][0]:g}, equal to the threshold, so it "
        "fires). That is all-or-nothing: the output is 1 whether the sum passes the threshold by a little or by "
        "a lot."))


#: All eight inputs of a 3-input neuron, in binary counting order.
MAJORITY_INPUTS = np.array(list(itertools.product((0, 1), repeat=3)), dtype=float)
MAJORITY_TARGET = (MAJORITY_INPUTS.sum(axis=1) >= 2).astype(int)


def _outputs(w: np.ndarray, b: float) -> np.ndarray:
    """The neuron ``step(w . x + b)`` on all eight inputs: nnlib's Perceptron with ``W = [b, w]``."""
    return step_neuron(np.concatenate(([b], w))).predict(MAJORITY_INPUTS)


def _table(y: np.ndarray) -> str:
    return ", ".join(f"{''.join(str(int(v)) for v in x)}->{int(t)}" for x, t in zip(MAJORITY_INPUTS, y))


def exercise_1_2(w: Any, b: Any) -> None:
    """Check a majority-of-three neuron: ``step(w . x + b)`` is 1 iff at least two inputs are 1."""
    ex = "1.2"
    if (given := weights_and_bias(ex, w, b, "w should be an array of 3 numbers and b a single number.")) is None:
        return None
    wa, ba = given
    if ba.size != 1:
        return hint(ex, f"b should be a single number (the bias), got shape {ba.shape}.")
    wa, bias = wa.ravel(), float(ba.reshape(-1)[0])
    if wa.size == 4:
        return hint(ex, "w has 4 entries. Here the bias is kept apart in b, so w holds one weight per input: 3 numbers.")
    if wa.size != 3:
        return hint(ex, f"the neuron has 3 inputs, so w needs 3 weights, got {wa.size}.")
    if not np.all(np.isfinite(wa)) or not np.isfinite(bias):
        return hint(ex, "w and b must be finite numbers.")
    got = _outputs(wa, bias)
    want = MAJORITY_TARGET
    if np.array_equal(got, want):
        sums = MAJORITY_INPUTS @ wa
        n_on = MAJORITY_INPUTS.sum(axis=1)
        lo, hi = sums[n_on == 1].max(), sums[n_on == 2].min()
        return passed(ex, f"Your threshold -b = {-bias:g} lies above every one-input sum (largest {lo:g}) and at or "
                          f"below every two-input sum (smallest {hi:g}). Any threshold in that gap works, "
                          "so many (w, b) give the same neuron.")
    if bias == 0 and got[0] == 1:
        return hint(ex, "with b = 0 the neuron fires even when no input is active, because step(0) = 1. "
                        "The bias is minus the threshold: b = -threshold, a negative number here.")
    if bias > 0 and np.array_equal(_outputs(wa, -bias), want):
        return hint(ex, f"the bias has the wrong sign. A neuron with threshold {bias:g} has b = -{bias:g}: "
                        "it fires when w . x >= threshold, i.e. w . x - threshold >= 0.")
    if np.any(wa < 0) and np.array_equal(_outputs(-wa, bias), want):
        return hint(ex, "the weights have the wrong sign: an active input should push the neuron towards firing, "
                        "so its weight (an excitatory synapse) is positive.")
    n_on = MAJORITY_INPUTS.sum(axis=1)
    if np.any(got[n_on == 1] == 1) and np.all(got[n_on >= 2] == 1):
        return hint(ex, "your neuron already fires when only one input is active. Raise the threshold "
                        "(make b more negative) until one input alone cannot reach it but two can.")
    if np.all(got[n_on <= 2] == 0) and got[-1] == 1:
        return hint(ex, "your neuron fires only when all three inputs are active (a 3-input AND). Lower the "
                        "threshold (make b less negative) so that two inputs are enough.")
    return hint(ex, f"your neuron gives {_table(got)}, but a majority neuron gives {_table(want)} "
                    "(inputs x1x2x3 -> output). Try three equal positive weights w and a threshold above w but no more than 2w.")
