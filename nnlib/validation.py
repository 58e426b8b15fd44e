"""Input checks shared by every public function in nnlib.

A silent wrong answer teaches the wrong lesson, so each check returns a clean value or raises a
``ValueError`` / ``TypeError`` that names the argument and says what was expected.
"""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__ = ["as_array", "as_matrix", "as_labels", "as_targets", "check_lr", "check_positive_int", "check_seed",
           "check_scale", "check_finite", "check_history", "MAX_EPOCHS", "MAX_HISTORY", "MAX_SCALE"]

#: Upper bound of every epochs-like argument: a few minutes of training on a laptop at most.
MAX_EPOCHS = 100_000
#: Most numbers a recorded history (e.g. the weights after every epoch) may hold: 80 MB of float64.
MAX_HISTORY = 10_000_000
#: Largest magnitude training accepts in the data: products of two such values still fit in float64
#: (whose largest number is about 1.8e308), so an overflow can only come from the learning rate.
MAX_SCALE = 1e150


def as_array(value: Any, name: str) -> np.ndarray:
    """Return ``value`` as a finite float64 array of any shape; strings, objects, NaN and inf are refused."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numeric (a number or an array of numbers), got the string {value!r}")
    if value is None or value is Ellipsis:
        raise TypeError(f"{name} is {value!r}: expected a number or an array of numbers")
    try:
        arr = np.asarray(value)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers ({exc})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must contain numbers, got an array of dtype {arr.dtype} "
                        "(strings or objects are not accepted)")
    arr = arr.astype(np.float64, copy=False)
    if arr.size and not np.all(np.isfinite(arr)):
        bad = "NaN" if np.isnan(arr).any() else "inf"
        raise ValueError(f"{name} contains {bad}; every value must be a finite number")
    return arr


def as_matrix(X: Any, name: str = "X", n_features: int | None = None) -> np.ndarray:
    """Return ``X`` as a non-empty, finite float64 matrix of shape ``(n, d)``, with ``d == n_features`` if given."""
    arr = as_array(X, name)
    if arr.ndim != 2:
        hint = (" (one sample of d features is X.reshape(1, -1); n samples of one feature is X.reshape(-1, 1))"
                if arr.ndim == 1 else "")
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features), got shape {arr.shape}{hint}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); it needs at least one sample and one feature")
    if n_features is not None and arr.shape[1] != n_features:
        raise ValueError(f"{name} must have {n_features} feature column(s), got shape {arr.shape}")
    return arr


def as_targets(y: Any, n: int | None = None, name: str = "y") -> np.ndarray:
    """Return real-valued targets (any finite numbers) as a vector of shape ``(n,)``; ``y`` may be (n,) or (n, 1)."""
    arr = as_array(y, name)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ValueError(f"{name} must have shape (n,) or (n, 1), got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty; it needs one value per sample")
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{name} has {arr.shape[0]} values but X has {n} samples; they must match")
    return arr


def as_labels(y: Any, n: int | None = None, name: str = "y") -> np.ndarray:
    """Return binary labels, shape ``(n,)`` or ``(n, 1)``, as a float64 vector ``(n,)``; every label must be 0 or 1."""
    arr = as_targets(y, n, name)
    if not np.isin(arr, (0, 1)).all():
        values = np.unique(arr)
        if set(values.tolist()) <= {-1.0, 1.0}:
            raise ValueError(f"{name} uses -1/+1 labels; nnlib uses 0/1 labels (the step function outputs 0 or 1, "
                             f"and a sigmoid gives the probability of class 1). Convert with ({name} + 1) // 2")
        shown = ", ".join(f"{v:g}" for v in values[:6])
        raise ValueError(f"{name} must contain only the labels 0 and 1, got values {{{shown}}}")
    return arr


def check_lr(lr: Any, name: str = "lr", maximum: float | None = None) -> float:
    """Return a learning rate (or any step or scale) as a float: a finite number > 0, and <= ``maximum`` if given."""
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {type(lr).__name__} {lr!r}")
    lr = float(lr)
    if not np.isfinite(lr) or lr <= 0:
        why = "; a step of size <= 0 cannot learn" if name == "lr" else ""
        raise ValueError(f"{name} must be a finite number > 0, got {lr!r}{why}")
    if maximum is not None and lr > maximum:
        raise ValueError(f"{name} must be at most {maximum:g}, got {lr!r}")
    return lr


def check_positive_int(value: Any, name: str, maximum: int | None = None) -> int:
    """Return ``value`` as an int; it must be a whole number >= 1 (and <= ``maximum``, if given)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= 1, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, got {value:,}; that much work or memory is not "
                         "what a laptop can give in a few minutes")
    return int(value)


def check_scale(X: np.ndarray, name: str = "X") -> np.ndarray:
    """Refuse data so large that training would overflow: each value must be at most ``MAX_SCALE`` in size."""
    big = np.abs(X).max(axis=0)
    if big.max() > MAX_SCALE:
        j = int(np.argmax(big))
        raise ValueError(f"{name} column {j} holds values as large as {big[j]:.3g}: products of such numbers "
                         "overflow float64 (at most about 1.8e308), so training on them cannot work. Scale the data "
                         f"first, e.g. nn.normalize({name})")
    return X


def check_seed(seed: Any, name: str = "seed", allow_none: bool = True) -> int | None:
    """Return a random seed as an int >= 0 (or None, if allowed), or raise naming ``name``."""
    if seed is None and allow_none:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        expected = "a whole number >= 0" + (" or None" if allow_none else "")
        raise TypeError(f"{name} must be {expected}, got {type(seed).__name__} {seed!r}")
    if seed < 0:
        raise ValueError(f"{name} must be >= 0 (numpy's random generators take no negative seeds), got {seed}")
    return int(seed)


def check_finite(Z: np.ndarray, what: str, culprits: str) -> np.ndarray:
    """Raise if a computed array overflowed (is not finite), naming the inputs to blame."""
    if not np.all(np.isfinite(Z)):
        raise ValueError(f"{what} overflows float64 (largest number about 1.8e308): {culprits} hold values "
                         "too large for it; scale the inputs (e.g. nn.normalize) or use smaller weights")
    return Z


def check_history(epochs: int, size: int, name: str = "epochs") -> None:
    """Refuse to record ``size`` numbers after each of ``epochs`` epochs if that exceeds ``MAX_HISTORY``."""
    if (epochs + 1) * size > MAX_HISTORY:
        raise ValueError(f"{name}={epochs} is too many to record the {size} weights after every epoch: "
                         f"at most {MAX_HISTORY // size - 1} epochs")
