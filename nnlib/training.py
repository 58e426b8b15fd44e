"""Gradient descent for the sigmoid perceptron, with honest gradients.

The blog version always applied the update ``(A - y) x``. That is the exact
gradient for sigmoid + binary cross-entropy only (and, up to a factor 2, for
identity + MSE); with any other pair it silently descends the wrong slope.
Here each supported (loss, activation) pair has its own exact gradient, and any
other pair is refused with an explanation. ``numerical_gradient`` checks them.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .functions import _check_params, binary_cross_entropy, identity, mse_loss, sigmoid
from .validation import as_array, as_labels, as_matrix, as_targets, check_lr, check_positive_int, check_seed

__all__ = ["gradients", "gradient_descent", "numerical_gradient", "TrainingDiverged", "SUPPORTED_PAIRS"]

Rule = Callable[[np.ndarray, np.ndarray], "tuple[float, np.ndarray]"]

#: ``a.sum(axis)`` is this ufunc method behind a Python wrapper; the training loops call it directly
#: (the same function, so the same bits, and about 0.4 us less per call on small arrays).
_sum = np.add.reduce


def _sigmoid_bce(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    # With e = exp(-|z|), which never overflows (one exp per sample):
    #   BCE_i = log(1 + e) + max(z, 0) - y z        (one log per sample), and
    #   sigmoid(z) = 1 / (1 + e) for z >= 0, e / (1 + e) for z < 0.
    # The numerator max(e, z >= 0) is 1 where z >= 0 (since e <= 1) and e elsewhere:
    # np.where(Z >= 0, 1, e) bit for bit, but without a branch per element, which
    # costs more than the exp itself when the signs of z are mixed.
    e = np.exp(-np.abs(Z))
    loss = (_sum(np.log1p(e), None) + _sum(np.maximum(Z, 0.0), None) - np.vdot(y, Z)) / Z.size  # any shape
    A = np.maximum(e, Z >= 0) / (1.0 + e)
    return float(loss), A - y


def _identity_mse(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    r = Z - y
    return float(np.mean(r * r)), 2.0 * r


def _sigmoid_mse(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    A = np.asarray(sigmoid(Z))
    r = A - y
    return float(np.mean(r * r)), 2.0 * r * A * (1.0 - A)


# (loss_fn, activation_fn) -> rule giving (mean loss, dL_i/dz_i per sample)
_RULES: dict[tuple[Callable, Callable], Rule] = {
    (binary_cross_entropy, sigmoid): _sigmoid_bce,
    (mse_loss, identity): _identity_mse,
    (mse_loss, sigmoid): _sigmoid_mse,
}
SUPPORTED_PAIRS = tuple((loss.__name__, act.__name__) for loss, act in _RULES)


def _rule(loss_fn: Any, activation_fn: Any) -> Rule:
    rule = _RULES.get((loss_fn, activation_fn))
    if rule is None:
        name = lambda f: getattr(f, "__name__", repr(f))  # noqa: E731
        pairs = ", ".join(f"{loss} + {act}" for loss, act in SUPPORTED_PAIRS)
        raise ValueError(
            f"no exact gradient for loss_fn={name(loss_fn)} with activation_fn={name(activation_fn)}. "
            f"Supported pairs: {pairs}. The update (A - y) x is the true gradient only for "
            "binary_cross_entropy + sigmoid; using it for another pair would descend the wrong "
            "slope without any error, so nnlib refuses instead."
        )
    return rule


def _prepare(X: Any, y: Any, W: Any, b: Any, loss_fn: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    X = as_matrix(X, "X")
    y = (as_labels if loss_fn is binary_cross_entropy else as_targets)(y, X.shape[0], name="y")
    W, b = _check_params(X, W, b)
    return X, y, W, b


def _shape_like(b_in: Any, b: float) -> Any:
    return np.full(np.shape(b_in), b) if np.ndim(b_in) else b


def gradients(
    X: Any,
    y: Any,
    W: Any,
    b: Any,
    loss_fn: Callable = binary_cross_entropy,
    activation_fn: Callable = sigmoid,
) -> tuple[np.ndarray, Any]:
    """Exact gradient of the mean loss with respect to ``W`` and ``b``.

    ``X`` (n, d); ``y`` (n,) or (n, 1); ``W`` (d, 1) or (d,); ``b`` scalar or (1, 1).
    Returns ``(dW, db)`` with the shapes of ``W`` and ``b``. For sigmoid + BCE
    this is ``dW = X^T (A - y) / n`` and ``db = mean(A - y)``.
    """
    rule = _rule(loss_fn, activation_fn)
    X, y, w, b0 = _prepare(X, y, W, b, loss_fn)
    _, dZ = rule(X @ w.ravel() + b0, y)
    dW = (X.T @ dZ / X.shape[0]).reshape(w.shape)
    return dW, _shape_like(b, float(dZ.mean()))


class _SeedNotGiven(int):
    """The default of ``gradient_descent``'s ``seed``: 0, but distinguishable from a seed passed with ``rng``."""

    def __repr__(self) -> str:
        return "0"


_SEED_NOT_GIVEN = _SeedNotGiven(0)


class TrainingDiverged(FloatingPointError):
    """Raised when the loss stops being finite; ``loss_history`` holds the finite part."""

    def __init__(self, message: str, loss_history: np.ndarray) -> None:
        super().__init__(message)
        self.loss_history = loss_history


def gradient_descent(
    X: Any,
    y: Any,
    W: Any,
    b: Any,
    lr: float,
    num_epochs: int,
    batch_size: int,
    loss_fn: Callable = binary_cross_entropy,
    activation_fn: Callable = sigmoid,
    *,
    seed: int | None = _SEED_NOT_GIVEN,
    rng: np.random.Generator | None = None,
    verbose: bool | int = False,
) -> tuple[np.ndarray, Any, np.ndarray]:
    """Mini-batch gradient descent for ``A = activation_fn(X W + b)``.

    Parameters
    ----------
    X : (n, d) inputs.  y : (n,) or (n, 1) targets (0/1 for BCE).
    W : (d, 1) or (d,) initial weights.  b : scalar or (1, 1) initial bias.
        Neither is modified; updated copies are returned.
    lr : learning rate > 0.  num_epochs : passes over the data, >= 1.
    batch_size : samples per update, >= 1. ``batch_size >= n`` is full-batch
        gradient descent, which needs no shuffling and does none.
    loss_fn, activation_fn : a supported pair (see ``SUPPORTED_PAIRS``).
    seed, rng : keyword-only. The rows are shuffled each epoch with ``rng``, or
        with ``numpy.random.default_rng(seed)``. The default ``seed=0`` makes
        every run repeatable; ``seed=None`` draws fresh entropy.
    verbose : False prints nothing. True prints 10 evenly spaced progress
        lines; an int k prints every k-th epoch.

    Returns
    -------
    W : same shape as the ``W`` passed in.  b : same type/shape as ``b``.
    loss_history : ndarray (num_epochs,), the full-data loss after each epoch.
        For BCE it is computed exactly from Z (no clipping), so for a confidently
        wrong prediction it can exceed ``binary_cross_entropy(A, y)``, whose
        clipping at ``eps`` caps each term at ``-log(eps)`` (about 34.5).

    Raises
    ------
    TrainingDiverged
        If the loss becomes inf/NaN (learning rate too large).
    """
    rule = _rule(loss_fn, activation_fn)
    X, y, W0, b0 = _prepare(X, y, W, b, loss_fn)
    lr = check_lr(lr)
    num_epochs = check_positive_int(num_epochs, "num_epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    if rng is not None and seed is not _SEED_NOT_GIVEN:
        raise ValueError("pass either seed or rng, not both: rng is already a seeded generator")
    seed = 0 if seed is _SEED_NOT_GIVEN else check_seed(seed)
    if rng is None:
        rng = np.random.default_rng(seed)
    if verbose is True:
        every = max(1, num_epochs // 10)
    elif not verbose:
        every = 0
    else:
        every = check_positive_int(verbose, "verbose")

    n = X.shape[0]
    w, bias = W0.ravel().copy(), b0
    history = np.empty(num_epochs)
    if batch_size >= n:
        bias = _full_batch(X, y, w, bias, lr, history, rule, every)
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(num_epochs):
                order = rng.permutation(n)
                for start in range(0, n, batch_size):
                    idx = order[start : start + batch_size]
                    Xb = X[idx]
                    _, dZ = rule(Xb @ w + bias, y[idx])
                    w -= lr * (Xb.T @ dZ) / len(idx)
                    bias -= lr * (float(dZ.sum()) / len(idx))  # dZ.mean() to the last bit, with less overhead
                history[epoch], _ = rule(X @ w + bias, y)
                _after_epoch(epoch, history, every, lr)
    return w.reshape(W0.shape), _shape_like(b, bias), history


def _full_batch(X: np.ndarray, y: np.ndarray, w: np.ndarray, bias: float, lr: float, history: np.ndarray,
                rule: Rule = _sigmoid_bce, every: int = 0, snapshots: dict[int, Any] | None = None) -> float:
    """Full-batch gradient descent: the loop of ``gradient_descent``, without its input checks.

    ``len(history)`` updates of ``w`` (d,), in place, and of ``bias``, which is returned; the
    full-data loss after each update goes into ``history``. If ``snapshots`` is a dict, each of its
    keys that is an epoch number gets ``(w.copy(), bias)`` after that epoch (the explorers' replay).
    """
    n = X.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        # The forward pass that gives the loss after epoch k also gives the gradient for
        # epoch k + 1. (float(dZ.sum()) / n is dZ.mean() to the last bit, with less overhead.)
        _, dZ = rule(X @ w + bias, y)
        for epoch in range(len(history)):
            w -= lr * (X.T @ dZ) / n
            bias -= lr * (float(_sum(dZ, None)) / n)
            history[epoch], dZ = rule(X @ w + bias, y)
            _after_epoch(epoch, history, every, lr)
            if snapshots is not None and epoch + 1 in snapshots:
                snapshots[epoch + 1] = (w.copy(), bias)
    return bias


def _after_epoch(epoch: int, history: np.ndarray, every: int, lr: float) -> None:
    loss = history[epoch]
    if not math.isfinite(loss):
        raise TrainingDiverged(
            f"training diverged in epoch {epoch + 1}: the loss became {loss}. "
            f"The learning rate lr={lr:g} is too large for this data; try a smaller one.",
            history[:epoch].copy(),
        )
    if every and (epoch + 1) % every == 0:
        print(f"epoch {epoch + 1:>5}: loss {loss:.6f}")


def numerical_gradient(
    X: Any,
    y: Any,
    params: dict[str, Any],
    loss_fn: Callable,
    forward_fn: Callable,
    h: float = 1e-4,
) -> dict[str, np.ndarray]:
    """Central-difference gradient of ``loss_fn(forward_fn(X, **params), y)``.

    Each entry p of each parameter is nudged by +h and -h:
    ``(L(p + h) - L(p - h)) / (2 h)``. Works for any model whose forward
    function takes its parameters as keyword arguments, e.g.
    ``forward_perceptron(X, W=..., b=...)``.

    Parameters
    ----------
    params : dict name -> array (or number). Not modified.
    h : step, > 0.

    Returns
    -------
    dict name -> float array with the shape of ``np.asarray(params[name])``.
    """
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict of name -> array, got {type(params).__name__}")
    if not callable(loss_fn) or not callable(forward_fn):
        raise TypeError("loss_fn and forward_fn must be callables")
    h = check_lr(h, "h")
    current = {k: as_array(v, f"params[{k!r}]").copy() for k, v in params.items()}

    def loss() -> float:
        return float(loss_fn(forward_fn(X, **current), y))

    grads = {}
    for name, p in current.items():
        g = np.zeros_like(p)
        flat, gflat = p.reshape(-1), g.reshape(-1)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + h
            up = loss()
            flat[i] = old - h
            down = loss()
            flat[i] = old
            gflat[i] = (up - down) / (2 * h)
        grads[name] = g
    return grads
