"""Rosenblatt's step perceptron and its learning rule.

The weights ``W`` hold the bias first: ``W[0]`` is the bias ``b`` (the weight of a constant input
``x0 = 1``) and ``W[1:]`` are the feature weights. The pre-activation of a sample ``x`` is

    z = W[0] + W[1]*x[0] + W[2]*x[1] + ...      (added left to right)

and the output is ``step(z)``: 1 if ``z >= 0``, else 0.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .training import TrainingDiverged
from .validation import (MAX_EPOCHS, MAX_HISTORY, as_array, as_labels, as_matrix, check_finite, check_history,
                         check_lr, check_positive_int, check_scale, check_seed)

__all__ = ["step", "pre_activation", "rosenblatt_epoch", "Perceptron"]


def step(z: Any) -> Any:
    """Heaviside step: 1 where ``z >= 0``, else 0. A number gives an ``int``; an array, an int array of its shape."""
    out = (as_array(z, "z") >= 0).astype(int)
    return int(out) if out.ndim == 0 else out


def _z(X: np.ndarray, W: np.ndarray) -> Any:
    z = W[0]  # the one pre-activation formula: the bias first, then each feature, added left to right
    for j in range(len(W) - 1):
        z = z + W[j + 1] * X[..., j]
    return z


def pre_activation(X: Any, W: Any) -> Any:
    """``z`` for one sample ``X`` (d,) -> float, or a batch (n, d) -> (n,), with ``W`` (d + 1,), bias first.

    ``fit``, ``predict`` and the pocket all add in this order, so they agree on a point where z == 0.
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

    For each sample ``x`` with 0/1 label ``t``: ``e = t - step(z)``, and ``W <- W + lr * e * [1, x]``, then
    ``on_update(W)`` if ``e != 0``. Returns the number of mistakes; raises ``TrainingDiverged`` on an overflow.
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
    """A single step neuron with ``input_size`` inputs, trained with Rosenblatt's rule at learning rate ``lr``.

    ``fit`` runs at most ``epochs`` passes, stopping after one without mistakes (nothing could change any
    more), always from the initial weights: zeros, or with ``init="random"`` uniform in [-1, 1) from ``seed``.
    Attributes: ``W`` (d + 1,); after ``fit``, ``errors_`` (the mistakes in each epoch run), ``W_history_``
    (epochs_run + 1, d + 1: the start, then after each epoch), ``n_updates_`` and ``converged_``.
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
        z = pre_activation(self._features(x), self.W)
        return float(z[0]) if np.ndim(x) == 1 else z

    def predict(self, x: Any) -> Any:
        """Class 0/1 for one sample, shape (d,) -> int, or a batch, shape (n, d) -> int array (n,)."""
        return step(self.decision_function(x))

    def _check_fit(self, X: Any, d: Any) -> tuple[np.ndarray, np.ndarray]:
        X = check_scale(as_matrix(X, "X", n_features=self.input_size))
        check_history(self.epochs, self.input_size + 1)
        return X, as_labels(d, X.shape[0], name="d")

    def fit(self, X: Any, d: Any) -> "Perceptron":
        """Train on ``X`` (n, d), values at most 1e150 in size, and 0/1 labels ``d``, visiting the rows in order.

        Each epoch is one ``rosenblatt_epoch``. Returns ``self``; raises ``TrainingDiverged`` if ``lr`` is far too big.
        """
        self.W = self._run(*self._check_fit(X, d))
        return self

    def _run(self, X: np.ndarray, d: np.ndarray, orders: Callable[[], np.ndarray] | None = None,
             on_update: Callable[[np.ndarray], None] | None = None,
             on_epoch: Callable[[np.ndarray], None] | None = None) -> np.ndarray:
        """Run the epochs from the initial weights, in the row order ``orders()`` gives if given."""
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
        return float(np.mean(self.predict(X) == as_labels(d, X.shape[0], name="d")))
