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

import dis
import re
import warnings
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
    print(f"HINT  Exercise {exercise}: not yet: {message}")


def as_float_array(value: Any) -> np.ndarray | None:
    """The learner's answer as a float array, or None if it is not numeric."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def is_stub(fn: Callable) -> bool:
    """True if ``fn``'s body does nothing (``...``, ``pass``, a docstring): a stub the learner has not filled in.

    A function that does some work and then returns None has not been left
    unanswered: its ``return`` is missing.
    """
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    idle = {"RESUME", "NOP", "CACHE", "LOAD_CONST", "POP_TOP", "RETURN_VALUE", "RETURN_CONST"}
    return all(ins.opname in idle for ins in dis.get_instructions(code))


def _name(fn: Callable) -> str:
    name = getattr(fn, "__name__", "")
    return name if name.isidentifier() else "your function"


def run_learner(fn: Callable, *args: Any, copy: bool = True) -> tuple[Any, BaseException | None, list[str]]:
    """Call the learner's function: ``(result, exception or None, warning messages)``. Prints nothing.

    Array arguments are copied (unless ``copy=False``), so a function that changes
    its inputs in place cannot spoil the check's own data. Warnings, NumPy's
    floating-point ones included, are recorded instead of printed: the check
    judges the result, and nothing reaches the notebook's stderr.
    """
    if copy:
        args = tuple(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args)
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            result = fn(*args)
        except Exception as exc:  # the learner's code, not ours: report, don't crash
            return None, exc, [str(w.message) for w in caught]
    return result, None, [str(w.message) for w in caught]


def mismatched_sizes(exc: BaseException) -> tuple[int, int] | None:
    """The two sizes in NumPy's message when two 1-D arrays of different lengths meet (``@``, ``np.dot``, ``*``)."""
    for pattern in (r"size (\d+) is different from (\d+)", r"not aligned: (\d+) \(dim \d+\) != (\d+) \(dim",
                    r"broadcast together with shapes \((\d+),\) \((\d+),\)"):
        match = re.search(pattern, str(exc))
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def call_safely(exercise: str, fn: Callable, *args: Any, copy: bool = True,
                explain: Callable[[BaseException], str | None] | None = None,
                caught: list[str] | None = None) -> tuple[bool, Any]:
    """Call the learner's function and return ``(True, result)``, or print one message and return ``(False, None)``.

    - ``fn`` is ``...``/None, the function still raises NotImplementedError, or it
      is a stub whose body is ``...`` (it returns ``...``/None): "not answered yet".
    - ``fn`` does some work but returns None: a hint that its ``return`` is missing.
    - ``fn`` is not a function: a hint to pass the function itself.
    - ``fn`` raises: ``explain(exc)`` if that names the mistake, else a hint naming
      the exception; never a traceback.

    Array arguments are copied unless ``copy=False``. Warnings are recorded, not
    printed; pass a list as ``caught`` to receive their messages.
    """
    if is_unanswered(fn):
        not_answered(exercise)
        return False, None
    if not callable(fn):
        hint(exercise, f"pass the function itself (its name, without brackets), not a {type(fn).__name__}.")
        return False, None
    result, exc, messages = run_learner(fn, *args, copy=copy)
    if caught is not None:
        caught.extend(messages)
    if isinstance(exc, NotImplementedError):
        not_answered(exercise)
        return False, None
    if exc is not None:
        hint(exercise, (explain(exc) if explain else None) or f"your code raised {type(exc).__name__}: {exc}")
        return False, None
    if is_unanswered(result):
        if result is None and not is_stub(fn):
            hint(exercise, f"{_name(fn)} runs but returns None: is the return line missing? "
                           "End it with return and the result.")
        else:
            not_answered(exercise)
        return False, None
    return True, result


def first_hint(*diagnoses: str | None) -> str | None:
    """The first diagnosis that found something (each ``diagnose_*`` returns a hint or None)."""
    return next((d for d in diagnoses if d), None)


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
    if arr.ndim == 2 and expected_shape == (arr.shape[0],) and arr.shape[1] == 1:
        return (f"{name} has shape {arr.shape}, a column, but it should be a flat array of shape {expected_shape}. "
                "Flatten it with .ravel() (or index the column: A[:, 0]).")
    if len(expected_shape) == 2 and expected_shape[1] == 1 and arr.shape == (expected_shape[0],):
        return (f"{name} has shape {arr.shape}, a flat array, but it should be a column of shape {expected_shape}. "
                "Make it a column with .reshape(-1, 1).")
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


def diagnose_update(W_new: Any, W_old: Any, W_right: Any, lr: float | None = None,
                    bias_first: bool = True) -> str | None:
    """One update step: compare the change the learner made with the right change.

    ``W_new`` is the learner's result, ``W_old`` the weights before the step and
    ``W_right`` the right result. Names a reversed sign, a bias left out of the
    update, and a learning rate applied twice or not at all.
    """
    new, old, right = as_float_array(W_new), as_float_array(W_old), as_float_array(W_right)
    if new is None or old is None or right is None:
        return "the updated weights should be an array of numbers."
    if new.size == right.size - 1:
        return ("the weight vector is one entry short: the bias is missing. "
                "Keep the bias as W[0] (its input is always 1) and update it like the other weights.")
    if new.size != right.size:
        return f"expected {right.size} weights after the update, got {new.size}."
    got, want = (new - old.reshape(new.shape)).ravel(), (right - old.reshape(right.shape)).ravel()
    if np.allclose(got, want):
        return None
    if not np.any(got) and np.any(want):
        return "the weights did not change: the update was not added to W (W = W + lr * e * x)."
    if np.allclose(got, -want):
        return "the update has the wrong sign. Use e = d - y (desired minus predicted) and add lr * e * x."
    b = 0 if bias_first else -1
    idx = slice(1, None) if bias_first else slice(None, -1)
    if np.isclose(got[b], 0) and not np.isclose(want[b], 0) and np.allclose(got[idx], want[idx]):
        return "the feature weights changed correctly but the bias did not: update the bias too (its input is always 1)."
    if lr not in (None, 0, 1):
        if np.allclose(got, want * lr):
            return f"the change is lr = {lr} times too small: the learning rate was applied twice."
        if np.allclose(got * lr, want):
            return f"the change is 1/lr times too large: the learning rate (lr = {lr}) was not applied."
    return None


def diagnose_gradient(value: Any, expected: Any, n: int, name: str = "the gradient") -> str | None:
    """A gradient with the wrong shape, summed instead of averaged over the samples, or of the wrong sign."""
    want = as_float_array(expected)
    shape_hint = diagnose_shape(value, want.shape, name)
    if shape_hint:
        return shape_hint
    got = as_float_array(value)
    if np.allclose(got, want):
        return None
    if n > 1 and np.allclose(got, want * n):
        return f"{name} is {n} times too large: you summed over the {n} samples. Divide by n (take the mean)."
    if np.allclose(got, -want) and np.any(want):
        return f"{name} has the wrong sign: it is the derivative of the loss (A - y), not of the error (y - A)."
    return None
