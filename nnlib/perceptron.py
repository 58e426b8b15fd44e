"""Rosenblatt's step perceptron and its learning rule.

The weights ``W`` hold the bias first: ``W[0]`` is the bias ``b`` (the weight of
a constant input ``x0 = 1``) and ``W[1:]`` are the feature weights. The
pre-activation of a sample ``x`` is

    z = W[0] + W[1]*x[0] + W[2]*x[1] + ...      (added left to right)

and the output is ``step(z)``: 1 if ``z >= 0``, else 0.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .training import TrainingDiverged
from .validation import (MAX_EPOCHS, MAX_HISTORY, as_array, as_labels, as_matrix, check_finite, check_lr,
                         check_positive_int, check_scale, check_seed)

__all__ = ["step", "pre_activation", "rosenblatt_epoch", "Perceptron"]


def step(z: Any) -> Any:
    """Heaviside step: 1 where ``z >= 0``, else 0. A number gives an ``int``; an array, an int array of its shape."""
    arr = as_array(z, "z")
    out = (arr >= 0).astype(int)
    return int(out) if out.ndim == 0 else out


def _z(X: np.ndarray, W: np.ndarray) -> Any:
    z = W[0]  # the one pre-activation formula: the bias first, then each feature, added left to right
    for j in range(len(W) - 1):
        z = z + W[j + 1] * X[..., j]
    return z


def pre_activation(X: Any, W: Any) -> Any:
    """``z = W[0] + W[1] x_1 + ... + W[d] x_d``, added left to right (the bias ``W[0]`` first).

    ``X`` is one sample (d,), giving a float, or a batch (n, d), giving (n,); ``W`` is (d + 1,).
    ``fit``, ``predict`` and the pocket all use this order of floating-point operations, so a point
    on the boundary (z == 0 up to rounding) is classified the same way by each.
    """
    W = as_array(W, "W")
    X = as_array(X, "X")
    if W.ndim != 1 or X.ndim not in (1, 2) or X.shape[-1] != W.size - 1:
        raise ValueError(f"W must have shape (d + 1,) for X of shape (d,) or (n, d); got W {W.shape}, X {X.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        z = check_finite(np.asarray(_z(X, W)), "the pre-activation z", "X or W")
    return float(z) if z.ndim == 0 else z


def rosenblatt_epoch(W: np.ndarray, X: np.ndarray, d: np.ndarray, lr: float,
                     on_update: Callable[[np.ndarray], None] | None = None) -> int:
    """One pass of Rosenblatt's rule over the rows of ``X`` (n, d) in order, updating ``W`` (d + 1,) in place.

    For each sample ``x`` with label ``t`` (0/1 in ``d``, shape (n,)): ``e = t - step(z)``, and on a
    mistake (``e`` = +1 or -1) ``W <- W + lr * e * [1, x]``; ``on_update(W)`` is called after every
    update. Returns the number of mistakes. Raises ``TrainingDiverged`` if a weight overflows.
    """
    mistakes, start = 0, 0
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below, by name
        while start < len(X):
            # Only a mistake changes W, so look for the next one in the next 32 rows with one vectorised
            # comparison: a Python step per row is only ~2x the tutorial's speed (bench_nnlib.py wants 5x).
            stop = start + 32
            wrong = (_z(X[start:stop], W) >= 0) != d[start:stop]
            first = int(wrong.argmax())
            if not wrong[first]:
                start = stop
                continue
            i = start + first
            e = d[i] - (1.0 - d[i])  # the step gave the other class: e = +1 (should fire) or -1 (should not)
            W[0] += lr * e  # the bias input is x0 = 1
            W[1:] += lr * e * X[i]
            mistakes += 1
            if on_update is not None:
                on_update(W)
            start = i + 1
    if not np.all(np.isfinite(W)):
        raise TrainingDiverged(f"training diverged: a weight overflowed to inf or NaN. The learning rate lr={lr:g} "
                               "is too large; try a smaller one.", np.array([]))
    return mistakes


class Perceptron:
    """A single step neuron trained with Rosenblatt's rule.

    Parameters
    ----------
    input_size : int, the number of input features ``d``; ``W`` has ``d + 1`` entries, bias first.
    lr : float, default 1.0, the learning rate ``eta`` (> 0).
    epochs : int, default 100, the most passes over the data (at most ``MAX_EPOCHS``, 100,000).
        Training stops early after an epoch with no mistakes: the weights cannot change any more,
        so the result is identical to running all epochs.
    init : "zeros" (default, as in the source tutorial) or "random": uniform in ``[-1, 1)`` drawn
        from ``numpy.random.default_rng(seed)``.
    seed : int or None, the seed for ``init="random"``.

    Attributes: ``W`` (d + 1,), the current weights, bias first; after ``fit``, ``errors_`` (list[int],
    the mistakes in each epoch run), ``W_history_`` (epochs_run + 1, d + 1: ``W`` before training, then after
    each epoch), ``n_updates_`` (int, all mistakes) and ``converged_`` (bool, True if the last epoch had none).
    ``fit`` always starts again from the initial weights, so calling it twice gives the same result.
    """

    def __init__(self, input_size: int, lr: float = 1.0, epochs: int = 100, init: str = "zeros",
                 seed: int | None = None) -> None:
        self.input_size = check_positive_int(input_size, "input_size", MAX_HISTORY // 100)
        self.lr = check_lr(lr)
        self.epochs = check_positive_int(epochs, "epochs", MAX_EPOCHS)
        if init not in ("zeros", "random"):
            raise ValueError(f"init must be 'zeros' or 'random', got {init!r}")
        self.init = init
        self.seed = check_seed(seed)
        self.W = self._initial_weights()

    def _initial_weights(self) -> np.ndarray:
        if self.init == "zeros":
            return np.zeros(self.input_size + 1)
        return np.random.default_rng(self.seed).uniform(-1.0, 1.0, self.input_size + 1)

    def __repr__(self) -> str:
        extra = f", init={self.init!r}, seed={self.seed!r}" if self.init != "zeros" else ""
        return f"Perceptron(input_size={self.input_size}, lr={self.lr!r}, epochs={self.epochs}{extra})"

    @property
    def W(self) -> np.ndarray:
        """Weights, bias first, shape (d + 1,). Assigning checks the shape and the values."""
        return self._W

    @W.setter
    def W(self, value: Any) -> None:
        W = as_array(value, "W")
        if W.shape != (self.input_size + 1,):
            raise ValueError(f"W must have shape ({self.input_size + 1},): the bias W[0] first, then one weight per "
                             f"input (input_size={self.input_size}); got shape {W.shape}")
        self._W = W.copy()

    @property
    def bias(self) -> float:
        """The bias ``b = W[0]``."""
        return float(self.W[0])

    @property
    def weights(self) -> np.ndarray:
        """The feature weights ``W[1:]``, shape (d,)."""
        return self.W[1:]

    activation_fn = staticmethod(step)

    def _features(self, x: Any, name: str = "x") -> np.ndarray:
        arr = as_array(x, name)
        return as_matrix(arr.reshape(1, -1) if arr.ndim == 1 else arr, name, n_features=self.input_size)

    def decision_function(self, x: Any) -> Any:
        """Pre-activation ``z`` for one sample, shape (d,) -> float, or a batch, shape (n, d) -> (n,)."""
        single = np.ndim(x) == 1
        X = self._features(x)
        z = pre_activation(X, self.W)
        return float(z[0]) if single else z

    def predict(self, x: Any) -> Any:
        """Class 0/1 for one sample, shape (d,) -> int, or a batch, shape (n, d) -> int array (n,)."""
        return step(self.decision_function(x))

    def _check_fit(self, X: Any, d: Any) -> tuple[np.ndarray, np.ndarray]:
        X = check_scale(as_matrix(X, "X", n_features=self.input_size))
        if (self.epochs + 1) * (self.input_size + 1) > MAX_HISTORY:
            raise ValueError(f"epochs={self.epochs} is too many to record W_history_ for {self.input_size + 1} "
                             f"weights: at most {MAX_HISTORY // (self.input_size + 1) - 1} epochs")
        return X, as_labels(d, X.shape[0], name="d")

    def fit(self, X: Any, d: Any) -> "Perceptron":
        """Train with Rosenblatt's rule, visiting the rows of ``X`` in order.

        For each sample: ``y = step(z)``, ``e = d - y`` (0, +1 or -1) and ``W <- W + lr * e * [1, x]``
        (see ``rosenblatt_epoch``). ``X`` is (n, d), every value at most ``MAX_SCALE`` (1e150) in size;
        ``d`` the 0/1 labels, (n,) or (n, 1). Returns ``self``. Raises ``TrainingDiverged`` if a weight
        overflows (lr far too large).
        """
        self.W = self._run(*self._check_fit(X, d))
        return self

    def _run(self, X: np.ndarray, d: np.ndarray, orders: Callable[[], np.ndarray] | None = None,
             on_update: Callable[[np.ndarray], None] | None = None,
             on_epoch: Callable[[np.ndarray], None] | None = None) -> np.ndarray:
        """Rosenblatt's rule from the initial weights, until an epoch without mistakes or ``epochs`` epochs.

        Each epoch visits the rows in order or in the order ``orders()`` returns; ``on_epoch(W)`` runs after it.
        """
        W = self._initial_weights()
        history, errors = [W.copy()], []
        for _ in range(self.epochs):
            order = None if orders is None else orders()
            errors.append(rosenblatt_epoch(W, X if order is None else X[order], d if order is None else d[order],
                                           self.lr, on_update))
            history.append(W.copy())
            if on_epoch is not None:
                on_epoch(W)
            if errors[-1] == 0:
                break
        self.errors_, self.W_history_ = errors, np.array(history)
        self.n_updates_, self.converged_ = int(sum(errors)), errors[-1] == 0
        return W

    def score(self, X: Any, d: Any) -> float:
        """Accuracy (fraction of correct predictions) on ``X``, ``d``."""
        X = self._features(X, "X")
        labels = as_labels(d, X.shape[0], name="d")
        return float(np.mean(self.predict(X) == labels))
