"""Gradient descent for the sigmoid perceptron, with honest gradients.

The blog version always applied the update ``(A - y) x``. That is the exact gradient for sigmoid +
binary cross-entropy only (and, up to a factor 2, for identity + MSE); with any other pair it silently
descends the wrong slope. Here each supported (loss, activation) pair has its own exact gradient, any
other pair is refused with an explanation, and ``numerical_gradient`` checks them.
"""
from __future__ import annotations

import inspect
import math
from typing import Any, Callable

import numpy as np

from .functions import _bce_from_logits, _check_params, _sigmoid, binary_cross_entropy, identity, mse_loss, sigmoid
from .validation import (MAX_EPOCHS, as_array, as_labels, as_matrix, as_targets, check_finite, check_history,
                         check_lr, check_positive_int, check_scale, check_seed)

__all__ = ["gradients", "gradient_descent", "numerical_gradient", "TrainingDiverged", "SUPPORTED_PAIRS",
           "GROWTH_LIMIT"]

Rule = Callable[[np.ndarray, np.ndarray], "tuple[float, np.ndarray]"]

#: Training stops with ``TrainingDiverged`` when the loss exceeds this many times its value at the start
#: (or this many times 1, for a start below 1), unless it is called with ``allow_growth=True``.
GROWTH_LIMIT = 100.0


def _sigmoid_bce(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    return _bce_from_logits(Z, y), _sigmoid(Z) - y


def _identity_mse(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    r = Z - y
    return float(np.mean(r * r)), 2.0 * r


def _sigmoid_mse(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    A = _sigmoid(Z)
    r = A - y
    return float(np.mean(r * r)), 2.0 * r * A * (1.0 - A)  # sigmoid'(z) = A (1 - A)


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
        raise ValueError(f"no exact gradient for loss_fn={name(loss_fn)} with activation_fn={name(activation_fn)}. "
                         f"Supported pairs: {pairs}. The update (A - y) x is the true gradient only for "
                         "binary_cross_entropy + sigmoid; using it for another pair would descend the wrong "
                         "slope without any error, so nnlib refuses instead.")
    return rule


def _prepare(X: Any, y: Any, W: Any, b: Any, loss_fn: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    X = as_matrix(X, "X")
    y = (as_labels if loss_fn is binary_cross_entropy else as_targets)(y, X.shape[0], name="y")
    return (X, y, *_check_params(X, W, b))


def _shape_like(b_in: Any, b: float) -> Any:
    return np.full(np.shape(b_in), b) if np.ndim(b_in) else b


def gradients(X: Any, y: Any, W: Any, b: Any, loss_fn: Callable = binary_cross_entropy,
              activation_fn: Callable = sigmoid) -> tuple[np.ndarray, Any]:
    """Exact gradient ``(dW, db)`` of the mean loss, with the shapes of ``W`` (d, 1) or (d,) and ``b``.

    ``X`` is (n, d) and ``y`` (n,) or (n, 1). For sigmoid + BCE: ``dW = X^T (A - y) / n``, ``db = mean(A - y)``.
    """
    rule = _rule(loss_fn, activation_fn)
    X, y, w, b0 = _prepare(X, y, W, b, loss_fn)
    with np.errstate(over="ignore", invalid="ignore"):
        _, dZ = rule(check_finite(X @ w.ravel() + b0, "X W + b", "X, W or b"), y)
        dW = check_finite(X.T @ dZ / X.shape[0], "the gradient X^T dZ / n", "X, y or W").reshape(w.shape)
    return dW, _shape_like(b, float(dZ.mean()))


class _SeedNotGiven(int):
    """The default of ``gradient_descent``'s ``seed``: 0, but distinguishable from a seed passed with ``rng``."""
    __repr__ = lambda self: "0"  # noqa: E731


_SEED_NOT_GIVEN = _SeedNotGiven(0)


class TrainingDiverged(FloatingPointError):
    """The loss or a weight stopped being finite, or the loss grew far above its start.

    ``loss_history`` holds the losses before that epoch, ``weights_history`` the weights recorded (or None).
    """

    def __init__(self, message: str, loss_history: np.ndarray, weights_history: Any = None) -> None:
        super().__init__(message)
        self.loss_history = loss_history
        self.weights_history = weights_history


class _Watch:
    """Checks the loss after every epoch: finite, and (unless ``allow_growth``) not far above the start."""

    def __init__(self, start: float, lr: float, allow_growth: bool, X: np.ndarray, every: int = 0) -> None:
        if not isinstance(allow_growth, (bool, np.bool_)):
            raise TypeError(f"allow_growth must be True or False, got {type(allow_growth).__name__} {allow_growth!r}")
        self.limit = math.inf if allow_growth else GROWTH_LIMIT * max(start, 1.0)
        self.start, self.lr, self.every, self.X = start, lr, every, X

    def __call__(self, epoch: int, history: np.ndarray, kept: np.ndarray | None = None) -> None:
        loss = history[epoch]
        if not math.isfinite(loss) or loss > self.limit:
            weights = None if kept is None else kept[: epoch + 1].copy()  # the start and the epochs before this one
            what = f"became {loss}" if not math.isfinite(loss) else f"grew from {self.start:.4g} to {loss:.4g}"
            allow = "" if not math.isfinite(loss) else " (allow_growth=True lets it go on)"
            big = np.abs(self.X).max(axis=0)  # only now, when it is needed: is the data's scale to blame too?
            j = int(np.argmax(big))
            hint = "" if big[j] <= 10 else f" (X column {j} reaches {big[j]:.3g}: nn.normalize(X) would help too)"
            raise TrainingDiverged(
                f"training diverged in epoch {epoch + 1}: the loss {what}. The learning rate lr={self.lr:g} "
                f"is too large for this data{hint}; try a smaller one{allow}.", history[:epoch].copy(), weights)
        if self.every and (epoch + 1) % self.every == 0:
            print(f"epoch {epoch + 1:>5}: loss {loss:.6f}")


def gradient_descent(X: Any, y: Any, W: Any, b: Any, lr: float, num_epochs: int, batch_size: int,
                     loss_fn: Callable = binary_cross_entropy, activation_fn: Callable = sigmoid, *,
                     seed: int | None = _SEED_NOT_GIVEN, rng: np.random.Generator | None = None,
                     verbose: bool | int = False, return_weights: bool = False,
                     allow_growth: bool = False) -> tuple[Any, ...]:
    """Mini-batch gradient descent for ``A = activation_fn(X W + b)`` from ``W`` (d, 1) or (d,) and ``b``.

    ``X`` is (n, d), each value at most 1e150 in size, ``y`` (n,) or (n, 1) (0/1 for BCE). Each epoch shuffles
    the rows with ``rng`` or ``default_rng(seed)`` (``seed=None``: fresh entropy), unless ``batch_size >= n``
    (full batch). ``verbose``: True prints 10 progress lines, an int k every k-th epoch. ``allow_growth=True``
    lets the loss grow above ``GROWTH_LIMIT`` times its start, e.g. to watch a large ``lr`` overshoot.
    Returns updated copies of ``W`` and ``b`` and ``loss_history`` (num_epochs,), the loss after each epoch,
    computed exactly from Z (unclipped, unlike ``binary_cross_entropy``); with ``return_weights=True`` also
    ``W_history`` (num_epochs + 1, d + 1), bias first. Raises ``TrainingDiverged`` if the loss blows up.
    """
    rule = _rule(loss_fn, activation_fn)
    X, y, W0, b0 = _prepare(X, y, W, b, loss_fn)
    check_scale(X)
    lr = check_lr(lr)
    num_epochs = check_positive_int(num_epochs, "num_epochs", MAX_EPOCHS)
    batch_size = check_positive_int(batch_size, "batch_size")
    if rng is None:
        rng = np.random.default_rng(0 if seed is _SEED_NOT_GIVEN else check_seed(seed))
    elif not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    elif seed is not _SEED_NOT_GIVEN:
        raise ValueError("pass either seed or rng, not both: rng is already a seeded generator")
    every = max(1, num_epochs // 10) if verbose is True else check_positive_int(verbose, "verbose") if verbose else 0
    if return_weights:
        check_history(num_epochs, W0.size + 1, "num_epochs")

    n = X.shape[0]
    w, bias = W0.ravel().copy(), b0
    history = np.empty(num_epochs)
    kept = np.empty((num_epochs + 1, w.size + 1)) if return_weights else None
    with np.errstate(over="ignore", invalid="ignore"):
        # The forward pass that gives the loss after epoch k also gives the full-batch gradient of epoch k + 1.
        loss, dZ = rule(check_finite(X @ w + bias, "X W + b at the start", "W or b"), y)
        watch = _Watch(check_finite(np.float64(loss), "the loss at the start", "W, b or y"), lr, allow_growth, X,
                       every)
        for epoch in range(num_epochs):
            if kept is not None:
                kept[epoch] = bias, *w
            if batch_size >= n:
                bias = _step(X, dZ, w, bias, lr)
            else:
                order = rng.permutation(n)
                for start in range(0, n, batch_size):
                    idx = order[start : start + batch_size]
                    Xb = X[idx]
                    bias = _step(Xb, rule(Xb @ w + bias, y[idx])[1], w, bias, lr)
            history[epoch], dZ = rule(X @ w + bias, y)
            watch(epoch, history, kept)
    W_out, b_out = w.reshape(W0.shape), _shape_like(b, bias)
    if kept is None:
        return W_out, b_out, history
    kept[num_epochs] = bias, *w
    return W_out, b_out, history, kept


def _step(Xb: np.ndarray, dZ: np.ndarray, w: np.ndarray, bias: float, lr: float) -> float:
    """``w -= lr Xb^T dZ / m`` in place; returns ``bias - lr mean(dZ)``."""
    w -= lr * (Xb.T @ dZ) / len(dZ)
    return bias - lr * float(dZ.mean())


def numerical_gradient(X: Any, y: Any, params: dict[str, Any], loss_fn: Callable, forward_fn: Callable,
                       h: float = 1e-4) -> dict[str, np.ndarray]:
    """Central-difference gradient ``(L(p + h) - L(p - h)) / (2 h)`` of ``loss_fn(forward_fn(X, params), y)``.

    ``params`` is a dict name -> array (not modified); ``forward_fn(X, params)`` gets the whole dict, as in the
    blog, or ``forward_fn(X, **params)`` if it names every parameter (``forward_two_layer``). ``h`` is from 1e-10
    to 0.1. Returns a dict name -> float array with each parameter's shape.
    """
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict of name -> array, got {type(params).__name__}")
    if not callable(loss_fn) or not callable(forward_fn):
        raise TypeError("loss_fn and forward_fn must be callables")
    h = check_lr(h, "h")
    if not 1e-10 <= h <= 0.1:
        raise ValueError(f"h must be from 1e-10 to 0.1, got {h!r}: a smaller step drowns the change in the loss "
                         "in rounding error, a larger one measures the curvature instead of the slope")
    current = {k: as_array(v, f"params[{k!r}]").copy() for k, v in params.items()}
    for k, p in current.items():
        if np.any((p + h == p) | (p - h == p)):
            raise ValueError(f"h={h!r} is too small for params[{k!r}], which holds values as large as "
                             f"{np.abs(p).max():.3g}: p + h == p. Use h of about 1e-4 times that size")
    try:
        by_keyword = all(k in inspect.signature(forward_fn).parameters for k in current)
    except (TypeError, ValueError):
        by_keyword = False

    def loss() -> float:
        value = float(loss_fn(forward_fn(X, **current) if by_keyword else forward_fn(X, current), y))
        if not math.isfinite(value):
            raise ValueError(f"loss_fn returned {value} at params {current}; numerical_gradient needs a finite loss")
        return value

    grads = {name: np.zeros_like(p) for name, p in current.items()}
    for name, p in current.items():
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = loss()
            p[i] = old - h
            grads[name][i] = (up - loss()) / (2 * h)
            p[i] = old
    return grads
