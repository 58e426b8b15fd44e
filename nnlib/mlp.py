"""A two-layer sigmoid network (d -> h -> 1) trained with backpropagation.

This is the smallest network that solves XOR. In matrix form, for ``X`` of shape ``(n, d)``::

    Z1 = X W1 + b1        (n, h)     W1 (d, h), b1 (h,)
    H  = sigmoid(Z1)      (n, h)     the hidden features
    Z2 = H W2 + b2        (n, 1)     W2 (h, 1), b2 (1,)
    A  = sigmoid(Z2)      (n, 1)     probability of class 1

The loss is the mean binary cross-entropy of ``A`` against the 0/1 labels. Backpropagation is the chain
rule applied from the loss back to each weight; ``_backward`` writes it out line by line, and
``numerical_gradient`` (in ``nnlib.training``) checks it.

Why the initial weights must be random: hidden units that start with the same weights (all zeros, say)
compute the same feature, receive the same gradient, and so stay identical after every update. The
network then behaves like a single hidden unit, which cannot solve XOR; ``init="zeros"`` demonstrates it.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .functions import _bce_from_logits, _sigmoid
from .training import TrainingDiverged, _Watch
from .validation import (MAX_EPOCHS, as_array, as_labels, as_matrix, check_finite, check_history, check_lr,
                         check_positive_int, check_scale, check_seed)

__all__ = ["forward_two_layer", "two_layer_gradients", "two_layer_loss", "train_two_layer", "TwoLayerNet"]

PARAM_NAMES = ("W1", "b1", "W2", "b2")


def _check_params(X: np.ndarray, W1: Any, b1: Any, W2: Any, b2: Any) -> tuple[np.ndarray, ...]:
    """Return (W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,)) as float arrays, or raise naming the one that does not fit."""
    d = X.shape[1]
    W1, b1, W2, b2 = as_array(W1, "W1"), as_array(b1, "b1"), as_array(W2, "W2"), as_array(b2, "b2")
    if W1.ndim != 2 or W1.shape[0] != d or W1.shape[1] == 0:
        raise ValueError(f"W1 must have shape ({d}, n_hidden), n_hidden >= 1, to match X with {d} feature(s), "
                         f"got {W1.shape}")
    h = W1.shape[1]
    if b1.shape not in ((h,), (1, h)):
        raise ValueError(f"b1 must have shape ({h},), one bias per hidden unit, got shape {b1.shape}")
    if W2.shape not in ((h, 1), (h,)):
        raise ValueError(f"W2 must have shape ({h}, 1), one weight per hidden unit, got shape {W2.shape}")
    if b2.size != 1:
        raise ValueError(f"b2 must be a single number (shape (1,)), got shape {b2.shape}")
    return W1, b1.reshape(h), W2.reshape(h, 1), b2.reshape(1)


def _forward(X: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
    """The forward pass: returns (H (n, h), Z2 (n, 1)); refuses an overflow, by name."""
    with np.errstate(over="ignore", invalid="ignore"):
        H = _sigmoid(check_finite(X @ W1 + b1, "X W1 + b1", "X, W1 or b1"))
        return H, check_finite(H @ W2 + b2, "H W2 + b2", "W2 or b2")


def _checked(X: Any, y: Any, params: tuple) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...]]:
    """The checked ``X`` (n, d), labels (n,) and parameters of the public functions below."""
    X = as_matrix(X, "X")
    return X, as_labels(y, X.shape[0]), _check_params(X, *params)


def forward_two_layer(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> np.ndarray:
    """Output probabilities ``A = sigmoid(sigmoid(X W1 + b1) W2 + b2)``, shape (n, 1), for ``X`` (n, d)."""
    X = as_matrix(X, "X")
    return _sigmoid(_forward(X, *_check_params(X, W1, b1, W2, b2))[1])


def two_layer_loss(X: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> float:
    """Mean binary cross-entropy of the network on ``X`` (n, d) and 0/1 labels ``y`` (n,) or (n, 1)."""
    X, y, params = _checked(X, y, (W1, b1, W2, b2))
    _, Z2 = _forward(X, *params)
    with np.errstate(over="ignore", invalid="ignore"):
        return check_finite(_bce_from_logits(Z2[:, 0], y), "the loss", "the weights")


def _backward(X: np.ndarray, Y: np.ndarray, W1, b1, W2, b2) -> tuple[float, tuple[np.ndarray, ...]]:
    """Loss and exact gradients (dW1, db1, dW2, db2); ``Y`` is the labels as a column (n, 1)."""
    n = X.shape[0]
    H = _sigmoid(X @ W1 + b1)  # (n, h)
    Z2 = H @ W2 + b2  # (n, 1)
    dZ2 = (_sigmoid(Z2) - Y) / n  # dL/dz2 = (A - y) / n: the loss is a mean over the n samples
    dW2 = H.T @ dZ2  # (h, 1)
    db2 = dZ2.sum(axis=0)  # (1,)
    dH = dZ2 @ W2.T  # (n, h): how the loss changes with each hidden output
    dZ1 = dH * H * (1.0 - H)  # sigmoid'(z) = s(z) (1 - s(z))
    dW1 = X.T @ dZ1  # (d, h)
    db1 = dZ1.sum(axis=0)  # (h,)
    return _bce_from_logits(Z2, Y), (dW1, db1, dW2, db2)


def two_layer_gradients(X: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> dict[str, np.ndarray]:
    """Exact gradients of the mean BCE by backpropagation, for 0/1 labels ``y`` (n,) or (n, 1).

    Returns a dict ``{"W1", "b1", "W2", "b2"}`` with the parameters' shapes, comparable with
    ``numerical_gradient(X, y, params, binary_cross_entropy, forward_two_layer)``.
    """
    X, y, params = _checked(X, y, (W1, b1, W2, b2))
    _forward(X, *params)  # refuses an overflow, by name
    with np.errstate(over="ignore", invalid="ignore"):
        _, grads = _backward(X, y[:, None], *params)
    return {k: check_finite(g, f"the gradient d{k}", "X or the weights").reshape(np.shape(p))
            for k, g, p in zip(PARAM_NAMES, grads, (W1, b1, W2, b2))}


def train_two_layer(X: Any, y: Any, params: dict[str, Any], lr: float, epochs: int, *, record_params: bool = False,
                    allow_growth: bool = False) -> tuple[Any, ...]:
    """Full-batch gradient descent on ``X`` (n, d) and 0/1 labels ``y`` from ``params`` (not modified).

    ``params`` is a dict ``W1``, ``b1``, ``W2``, ``b2``. Returns the trained parameters and ``loss_history``
    (epochs,), the loss after each update; with ``record_params=True`` also ``params_history``, each entry
    ``(epochs + 1, *shape)``: the start, then after each update.
    ``allow_growth`` and the ``TrainingDiverged`` error are as for ``gradient_descent``.
    """
    X = check_scale(as_matrix(X, "X"))
    Y = as_labels(y, X.shape[0])[:, None]
    if not isinstance(params, dict) or set(params) != set(PARAM_NAMES):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise TypeError(f"params must be a dict with keys W1, b1, W2, b2, got {got}")
    lr = check_lr(lr)
    epochs = check_positive_int(epochs, "epochs", MAX_EPOCHS)
    start = _check_params(X, *(params[k] for k in PARAM_NAMES))
    _forward(X, *start)  # refuses a start that overflows, by name
    if record_params:
        check_history(epochs, sum(p.size for p in start))
    current = [p.copy() for p in start]  # W1, b1, W2, b2, updated in place
    kept = {k: np.empty((epochs + 1, *p.shape)) for k, p in zip(PARAM_NAMES, current)} if record_params else None
    history = np.empty(epochs)
    with np.errstate(over="ignore", invalid="ignore"):
        # The backward pass that gives the loss after update k also gives the gradients for update k + 1.
        loss, grads = _backward(X, Y, *current)
        watch = _Watch(loss, lr, allow_growth, X)
        for epoch in range(epochs):
            for k, p, g in zip(PARAM_NAMES, current, grads):
                if kept is not None:
                    kept[k][epoch] = p
                p -= lr * g
            if not all(np.isfinite(p).all() for p in current):
                history[epoch] = np.nan  # a weight overflowed: the watch reports it, naming the lr
            else:
                history[epoch], grads = _backward(X, Y, *current)
            try:
                watch(epoch, history)
            except TrainingDiverged as exc:  # hand over the parameters recorded up to then
                exc.weights_history = None if kept is None else {k: v[: epoch + 1].copy() for k, v in kept.items()}
                raise
    trained = dict(zip(PARAM_NAMES, current))
    if kept is None:
        return trained, history
    for k, p in trained.items():
        kept[k][epochs] = p
    return trained, history, kept


class TwoLayerNet:
    """A ``n_inputs``-``n_hidden``-1 network: sigmoid hidden layer, sigmoid output, binary cross-entropy.

    ``fit`` runs ``epochs`` full-batch updates at learning rate ``lr``, always from the initial weights, so
    calling it twice gives the same result. ``init="random"`` draws them from a normal distribution with
    standard deviation ``init_scale`` seeded by ``seed``; "zeros" never learns (see the module docstring).
    The loss is not convex, so nothing is guaranteed: on XOR, seed 0 reaches accuracy 1.0 while seed 6 gets
    stuck at 0.5, the loss creeping towards ln(2)/2 = 0.347 (notebook 06 shows both).

    Attributes: ``W1`` (d, h), ``b1`` (h,), ``W2`` (h, 1), ``b2`` (1,); after ``fit``, ``loss_history_``
    (epochs,), and with ``record_params=True`` ``params_history_``, like ``train_two_layer``'s.
    """

    def __init__(self, n_inputs: int = 2, n_hidden: int = 2, lr: float = 2.0, epochs: int = 2000, seed: int = 0,
                 init: str = "random", init_scale: float = 1.0) -> None:
        self.n_inputs = check_positive_int(n_inputs, "n_inputs", 10_000)
        self.n_hidden = check_positive_int(n_hidden, "n_hidden", 10_000)
        self.lr = check_lr(lr)
        self.epochs = check_positive_int(epochs, "epochs", MAX_EPOCHS)
        self.seed = check_seed(seed, allow_none=False)
        if init not in ("random", "zeros"):
            raise ValueError(f"init must be 'random' or 'zeros', got {init!r} "
                             "('zeros' cannot learn: both hidden units would stay identical)")
        self.init = init
        self.init_scale = check_lr(init_scale, "init_scale", 100.0)
        self._set(self.initial_params())

    def __repr__(self) -> str:
        extra = f", init={self.init!r}" if self.init != "random" else ""
        return (f"TwoLayerNet(n_inputs={self.n_inputs}, n_hidden={self.n_hidden}, lr={self.lr!r}, "
                f"epochs={self.epochs}, seed={self.seed}{extra})")

    def initial_params(self) -> dict[str, np.ndarray]:
        """The starting weights ``{"W1", "b1", "W2", "b2"}`` that ``fit`` uses."""
        d, h = self.n_inputs, self.n_hidden
        shapes = {"W1": (d, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}
        if self.init == "zeros":
            return {k: np.zeros(s) for k, s in shapes.items()}
        rng = np.random.default_rng(self.seed)
        return {k: rng.normal(0.0, self.init_scale, s) for k, s in shapes.items()}

    def _set(self, params: dict[str, np.ndarray]) -> None:
        self.W1, self.b1, self.W2, self.b2 = (params[k] for k in PARAM_NAMES)

    @property
    def params(self) -> dict[str, np.ndarray]:
        """The current parameters as a dict (copies), e.g. for ``numerical_gradient``."""
        return {k: getattr(self, k).copy() for k in PARAM_NAMES}

    def fit(self, X: Any, y: Any, *, record_params: bool = False, allow_growth: bool = False) -> "TwoLayerNet":
        """Train on ``X`` (n, d) and 0/1 labels ``y`` with ``train_two_layer``, from the initial weights."""
        X = as_matrix(X, "X", n_features=self.n_inputs)
        out = train_two_layer(X, y, self.initial_params(), self.lr, self.epochs, record_params=record_params,
                              allow_growth=allow_growth)
        self._set(out[0])
        self.loss_history_ = out[1]
        self.__dict__.pop("params_history_", None)  # never a stale one from an earlier fit
        if record_params:
            self.params_history_ = out[2]
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability of class 1 for each row of ``X`` (n, d); returns (n,)."""
        _, Z2 = _forward(as_matrix(X, "X", n_features=self.n_inputs), self.W1, self.b1, self.W2, self.b2)
        return _sigmoid(Z2[:, 0])

    def predict(self, X: Any) -> np.ndarray:
        """Class 0/1 for each row of ``X`` (n, d): 1 where the probability is >= 0.5. Returns int (n,)."""
        return (self.predict_proba(X) >= 0.5).astype(int)

    def hidden(self, X: Any) -> np.ndarray:
        """The hidden features ``sigmoid(X W1 + b1)`` for each row of ``X`` (n, d); returns (n, h)."""
        return _forward(as_matrix(X, "X", n_features=self.n_inputs), self.W1, self.b1, self.W2, self.b2)[0]

    def score(self, X: Any, y: Any) -> float:
        """Accuracy (fraction of correct predictions) on ``X`` (n, d) and 0/1 labels ``y``."""
        X = as_matrix(X, "X", n_features=self.n_inputs)
        return float(np.mean(self.predict(X) == as_labels(y, X.shape[0])))
