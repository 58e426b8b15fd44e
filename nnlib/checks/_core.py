"""What every answer check shares: the three kinds of message, and diagnoses of typical mistakes.

A check prints exactly one message and returns None:

- ``not_answered``: the learner left ``...`` or None. Said kindly, no traceback.
- ``passed``: a confirmation plus one line of insight.
- ``hint``: what is wrong, as specifically as the diagnosis allows.

The ``diagnose_*`` helpers each look for one typical mistake and return a hint
(str) or None. A check runs the ones that fit its exercise, in order, and
falls back to a general hint when none matches.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np


def is_unanswered(*values: Any) -> bool:
    """True if any value is ``...`` or None (the learner has not written it yet)."""
    return any(v is Ellipsis or v is None for v in values)


def not_answered(exercise: str) -> None:
    print(f"Exercise {exercise}: not answered yet. Replace the ... with your code, run that cell, then run this check again.")


def passed(exercise: str, insight: str) -> None:
    print(f"PASS  Exercise {exercise}: correct. {insight}")


def hint(exercise: str, message: str) -> None:
    print(f"HINT  Exercise {exercise}: not yet. {message}")


def as_float_array(value: Any) -> np.ndarray | None:
    """The learner's answer as a float array, or None if it is not numeric."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def call_safely(exercise: str, fn: Callable, *args: Any) -> tuple[bool, Any]:
    """Call the learner's function; on an exception print a hint naming it and return (False, None)."""
    try:
        return True, fn(*args)
    except NotImplementedError:
        not_answered(exercise)
    except Exception as exc:  # the learner's code, not ours: report, don't crash
        hint(exercise, f"your code raised {type(exc).__name__}: {exc}")
    return False, None


# ---- diagnoses of typical mistakes -------------------------------------------------

def diagnose_labels(y: Any) -> str | None:
    """Labels -1/+1 where 0/1 are expected."""
    arr = as_float_array(y)
    if arr is not None and arr.size and set(np.unique(arr).tolist()) <= {-1.0, 1.0} and (arr == -1).any():
        return ("your labels are -1/+1, but this perceptron uses 0/1 labels (the step function outputs 0 or 1). "
                "Convert with (y + 1) // 2.")
    return None


def diagnose_shape(value: Any, expected_shape: tuple[int, ...], name: str = "your answer") -> str | None:
    """Wrong shape, including the (n,) vs (n, 1) broadcast into an (n, n) matrix."""
    arr = as_float_array(value)
    if arr is None:
        return f"{name} should be a number or an array of numbers, got {type(value).__name__}."
    if arr.shape == expected_shape:
        return None
    n = max(expected_shape) if expected_shape else 1
    if arr.ndim == 2 and arr.shape == (n, n) and n > 1:
        return (f"{name} has shape {arr.shape}: an (n,) array met an (n, 1) array and broadcast into an n x n matrix. "
                "Make both the same shape first, e.g. y.reshape(-1, 1) or A.ravel().")
    if arr.ndim == 0 and expected_shape != ():
        return f"{name} is a single number, but it should have shape {expected_shape}."
    if expected_shape == () and arr.size > 1:
        return (f"{name} has shape {arr.shape}, but it should be a single number. "
                "Did you forget to take the mean over the samples (np.mean)?")
    return f"{name} has shape {arr.shape}, expected {expected_shape}."


def diagnose_weights(W: Any, W_true: Any, lr: float | None = None, bias_first: bool = True) -> str | None:
    """Compare learned weights with the right ones and name the mistake that explains the difference."""
    got, want = as_float_array(W), as_float_array(W_true)
    if got is None or want is None:
        return "the weights should be an array of numbers."
    got, want = got.ravel(), want.ravel()
    if got.size == want.size - 1:
        return ("the weight vector is one entry short: the bias is missing. "
                "Fold it in as W[0] with a constant input x0 = 1 (np.insert(x, 0, 1)).")
    if got.size != want.size:
        return f"expected {want.size} weights (bias first), got {got.size}."
    if np.allclose(got, want):
        return None
    if np.allclose(got, -want) and np.any(want):
        return "every weight has the wrong sign: the update is reversed. Use e = d - y (desired minus predicted) and add lr * e * x."
    idx = slice(1, None) if bias_first else slice(None, -1)
    b = 0 if bias_first else -1
    if np.allclose(got[idx], want[idx]) and not np.isclose(got[b], want[b]):
        return "the feature weights are right but the bias is not: update the bias too (its input is always 1)."
    if lr not in (None, 0, 1):
        if np.allclose(got, want * lr):
            return "the weights are lr times too large or small: the learning rate was applied twice."
        if np.allclose(got * lr, want):
            return "the weights are off by a factor of lr: the learning rate was not applied in the update."
    return None


def diagnose_loss(value: Any, expected: float, n: int) -> str | None:
    """A loss returned as an array, or summed instead of averaged."""
    arr = as_float_array(value)
    if arr is None:
        return "the loss should be a number."
    if arr.size > 1:
        return (f"the loss is an array of shape {arr.shape}, not a single number. "
                "Average the per-sample losses with np.mean.")
    v = float(arr.reshape(-1)[0])
    if np.isclose(v, expected, rtol=1e-6, atol=1e-9):
        return None
    if n > 1 and np.isclose(v, expected * n, rtol=1e-6):
        return f"the loss is {n} times too large: you summed over the samples. Take the mean instead."
    if np.isclose(v, -expected, rtol=1e-6):
        return "the loss has the wrong sign: BCE has a minus in front, -(1/n) sum[...], so it is >= 0."
    return None
