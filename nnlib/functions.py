"""The building blocks of the sigmoid perceptron: activations, losses and matrix helpers.

Shapes follow the "deep learning with NumPy" convention: ``X`` is ``(n, d)``, ``W`` is ``(d, 1)`` (or
``(d,)``), ``b`` is a scalar or ``(1, 1)``, and ``Z = X W + b``. Label vectors may be ``(n,)`` or ``(n, 1)``;
the losses flatten both first, so an ``(n, 1)`` prediction never broadcasts with an ``(n,)`` label into ``(n, n)``.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from .validation import as_array, as_labels, as_matrix, as_targets, check_finite

__all__ = ["sigmoid", "identity", "binary_cross_entropy", "mse_loss", "matrix_multiply", "normalize",
           "forward_perceptron"]

EPS = 1e-15


def _like_input(out: np.ndarray) -> Any:
    return float(out) if out.ndim == 0 else out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function on a checked array (the one formula every part of nnlib uses)."""
    e = np.exp(-np.abs(z))  # <= 1, never overflows
    # max(e, z >= 0) is 1 where z >= 0 and e elsewhere: 1 / (1 + e) or e / (1 + e), without a branch.
    return np.maximum(e, z >= 0) / (1.0 + e)


def sigmoid(z: Any) -> Any:
    """Logistic ``1 / (1 + exp(-z))``, same shape out as in (a float for a number); it never overflows."""
    return _like_input(_sigmoid(as_array(z, "z")))


def _bce_from_logits(Z: np.ndarray, y: np.ndarray) -> float:
    """Mean BCE of ``sigmoid(Z)`` against ``y``, unclipped: each term is ``log(1 + exp(-|z|)) + max(z, 0) - y z``."""
    e = np.exp(-np.abs(Z))
    loss = float((np.log1p(e).sum() + np.maximum(Z, 0.0).sum() - np.vdot(y, Z)) / Z.size)
    if not math.isfinite(loss):  # a sum overflowed (z near 1e308): add the terms already divided by n
        loss = float(np.add.reduce(((np.log1p(e) + np.maximum(Z, 0.0) - y * Z) / Z.size).ravel()))
    return loss


def identity(z: Any) -> Any:
    """The identity activation (a linear neuron), for use with ``mse_loss``."""
    return _like_input(as_array(z, "z"))


def binary_cross_entropy(A: Any, y: Any, eps: float = EPS) -> float:
    """Mean binary cross-entropy ``-(1/n) sum[y log A + (1 - y) log(1 - A)]`` of probabilities ``A`` and 0/1 labels.

    ``A`` is clipped to [eps, 1 - eps], so that A = 0 or 1 gives a finite loss. Returns a float.
    """
    A = as_targets(A, name="A")
    y = as_labels(y, A.shape[0], name="y")
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not 0 < eps < 0.5:
        raise ValueError(f"eps must be a small number in (0, 0.5), got {eps!r}; eps = 0 would allow log(0)")
    if A.min() < 0 or A.max() > 1:
        raise ValueError(f"A must be probabilities in [0, 1], got values from {A.min():g} to {A.max():g}; "
                         "pass sigmoid(Z), not Z")
    A = np.clip(A, eps, 1 - eps)
    return float(-np.mean(y * np.log(A) + (1 - y) * np.log(1 - A)))


def mse_loss(A: Any, y: Any) -> float:
    """Mean squared error ``(1/n) sum (A - y)^2``; shapes (n,) or (n, 1). Returns a float."""
    A = as_targets(A, name="A")
    y = as_targets(y, A.shape[0], name="y")
    with np.errstate(over="ignore", invalid="ignore"):
        return float(check_finite(np.mean((A - y) ** 2), "the mean squared error", "A and y"))


def matrix_multiply(X: Any, W: Any) -> np.ndarray:
    """``X @ W`` with a clear message when the sizes differ: ``X`` (n, d), ``W`` (d, k) or (d,) -> (n, k) or (n,)."""
    X = as_matrix(X, "X")
    W = as_array(W, "W")
    if W.ndim not in (1, 2) or W.shape[0] != X.shape[1]:
        raise ValueError(f"cannot multiply X of shape {X.shape} by W of shape {W.shape}: "
                         f"W needs {X.shape[1]} rows, one per column of X")
    with np.errstate(over="ignore", invalid="ignore"):
        return check_finite(X @ W, "X @ W", "X and W")


def normalize(X: Any, return_stats: bool = False) -> Any:
    """Standardise each column of ``X`` (n, d): ``(X - mean) / std``, shape (n, d).

    With ``return_stats=True`` returns ``(Xn, mean, std)``, each statistic (d,), to transform held-out data
    the same way. A column whose values are all equal becomes zeros (found by comparing values: the std of
    ten 0.1s is 1e-17, not 0). Columns are first scaled by a power of 2 (exact), so 1e200 cannot overflow.
    """
    X = as_matrix(X, "X")
    constant = np.all(X == X[0], axis=0)
    _, exponent = np.frexp(np.abs(X).max(axis=0))  # max|x| = m * 2**exponent with 0.5 <= m < 1
    Xs = np.ldexp(X, -exponent)  # in [-1, 1]
    mean = np.where(constant, Xs[0], Xs.mean(axis=0))
    std = np.where(constant, 1.0, Xs.std(axis=0))
    Xn = (Xs - mean) / std
    return (Xn, np.ldexp(mean, exponent), np.where(constant, 1.0, np.ldexp(std, exponent))) if return_stats else Xn


def _check_params(X: np.ndarray, W: Any, b: Any) -> tuple[np.ndarray, float]:
    W = as_array(W, "W")
    d = X.shape[1]
    if W.shape not in ((d,), (d, 1)):
        raise ValueError(f"W must have shape ({d}, 1) or ({d},) to match X with {d} feature(s), got {W.shape}")
    b = as_array(b, "b")
    if b.size != 1:
        raise ValueError(f"b must be a scalar or shape (1, 1), got shape {b.shape}")
    return W, float(b.reshape(()))


def forward_perceptron(X: Any, W: Any, b: Any) -> np.ndarray:
    """Probabilities ``A = sigmoid(X W + b)``: (n, 1) for ``W`` (d, 1), (n,) for ``W`` (d,)."""
    X = as_matrix(X, "X")
    W, b = _check_params(X, W, b)
    with np.errstate(over="ignore", invalid="ignore"):
        Z = check_finite(X @ W + b, "X W + b", "X, W or b")
    return _sigmoid(Z)

