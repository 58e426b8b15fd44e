"""A two-layer sigmoid network (d -> h -> 1) trained with backpropagation.

This is the smallest network that solves XOR. In matrix form, for ``X`` of
shape ``(n, d)``::

    Z1 = X W1 + b1        (n, h)     W1 (d, h), b1 (h,)
    H  = sigmoid(Z1)      (n, h)     the hidden features
    Z2 = H W2 + b2        (n, 1)     W2 (h, 1), b2 (1,)
    A  = sigmoid(Z2)      (n, 1)     probability of class 1

The loss is the mean binary cross-entropy of ``A`` against the 0/1 labels.
Backpropagation is the chain rule applied from the loss back to each weight;
``two_layer_gradients`` writes it out line by line, and ``numerical_gradient``
(in ``nnlib.training``) checks it.

Why the initial weights must be random: if both hidden units start with the
same weights (all zeros, say), they compute the same feature, receive the same
gradient, and therefore stay identical after every update. The network then
behaves like a single hidden unit, which cannot solve XOR. ``init="zeros"`` is
accepted only so that this can be demonstrated.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .functions import sigmoid
from .training import TrainingDiverged, _sigmoid_bce, _sum
from .validation import as_array, as_labels, as_matrix, check_lr, check_positive_int, check_seed

__all__ = ["forward_two_layer", "two_layer_gradients", "two_layer_loss", "train_two_layer", "TwoLayerNet"]

PARAM_NAMES = ("W1", "b1", "W2", "b2")


def _check_params(X: np.ndarray, W1: Any, b1: Any, W2: Any, b2: Any) -> tuple[np.ndarray, ...]:
    """Validate shapes and return (W1 (d,h), b1 (h,), W2 (h,1), b2 (1,)) as float arrays."""
    d = X.shape[1]
    W1 = as_array(W1, "W1")
    if W1.ndim != 2 or W1.shape[0] != d:
        raise ValueError(f"W1 must have shape ({d}, n_hidden) to match X with {d} feature(s), got {W1.shape}")
    h = W1.shape[1]
    if h == 0:
        raise ValueError("W1 has no columns; the hidden layer needs at least one unit")
    b1 = as_array(b1, "b1")
    if b1.shape not in ((h,), (1, h)):
        raise ValueError(f"b1 must have shape ({h},), one bias per hidden unit, got {b1.shape}")
    W2 = as_array(W2, "W2")
    if W2.shape not in ((h, 1), (h,)):
        raise ValueError(f"W2 must have shape ({h}, 1), one weight per hidden unit, got {W2.shape}")
    b2 = as_array(b2, "b2")
    if b2.size != 1:
        raise ValueError(f"b2 must be a single number (shape (1,)), got shape {b2.shape}")
    return W1, b1.reshape(h), W2.reshape(h, 1), b2.reshape(1)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """``functions.sigmoid`` without its input checks (the same operations, so the same bits), for inner loops."""
    e = np.exp(-np.abs(z))
    return np.maximum(e, z >= 0) / (1.0 + e)


def _forward(X: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
    """Unchecked forward pass: returns (H (n,h), Z2 (n,1)). Inputs must be validated."""
    H = _sigmoid(X @ W1 + b1)
    return H, H @ W2 + b2


def forward_two_layer(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> np.ndarray:
    """Output probabilities ``A = sigmoid(sigmoid(X W1 + b1) W2 + b2)``.

    ``X`` (n, d), ``W1`` (d, h), ``b1`` (h,), ``W2`` (h, 1), ``b2`` (1,).
    Returns ``A`` of shape (n, 1). The parameters are keyword-compatible with
    ``numerical_gradient``: ``forward_two_layer(X, **params)``.
    """
    X = as_matrix(X, "X")
    params = _check_params(X, W1, b1, W2, b2)
    _, Z2 = _forward(X, *params)
    return np.asarray(sigmoid(Z2))


def two_layer_loss(X: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> float:
    """Mean binary cross-entropy of the network on ``X`` (n, d) and 0/1 labels ``y`` (n,) or (n, 1)."""
    X = as_matrix(X, "X")
    y = as_labels(y, X.shape[0])
    params = _check_params(X, W1, b1, W2, b2)
    _, Z2 = _forward(X, *params)
    loss, _ = _sigmoid_bce(Z2[:, 0], y)
    return loss


def _backward(X: np.ndarray, Y: np.ndarray, W1, b1, W2, b2) -> tuple[float, tuple[np.ndarray, ...]]:
    """Loss and exact gradients (dW1, db1, dW2, db2), unchecked. ``Y`` is the labels as a column, shape (n, 1)."""
    n = X.shape[0]
    H, Z2 = _forward(X, W1, b1, W2, b2)
    loss, dZ2 = _sigmoid_bce(Z2, Y)  # dL_i/dz2_i = A - y, shape (n, 1)
    dZ2 = dZ2 / n  # the loss is a mean over the n samples
    dW2 = H.T @ dZ2  # (h, 1)
    db2 = _sum(dZ2, 0)  # (1,): dZ2.sum(axis=0)
    dH = dZ2 @ W2.T  # (n, h): how the loss changes with each hidden output
    dZ1 = dH * H * (1.0 - H)  # sigmoid'(z) = s(z) (1 - s(z))
    dW1 = X.T @ dZ1  # (d, h)
    db1 = _sum(dZ1, 0)  # (h,)
    return loss, (dW1, db1, dW2, db2)


def two_layer_gradients(X: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> dict[str, np.ndarray]:
    """Exact gradients of the mean BCE with respect to every parameter (backpropagation).

    ``X`` (n, d); ``y`` 0/1 labels (n,) or (n, 1); ``W1`` (d, h); ``b1`` (h,);
    ``W2`` (h, 1); ``b2`` (1,). Returns a dict ``{"W1", "b1", "W2", "b2"}`` of
    arrays with the shapes of the parameters passed in, directly comparable with
    ``numerical_gradient(X, y, params, binary_cross_entropy, forward_two_layer)``.
    """
    X = as_matrix(X, "X")
    y = as_labels(y, X.shape[0])
    raw = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    params = _check_params(X, W1, b1, W2, b2)
    _, grads = _backward(X, y[:, None], *params)
    return {k: g.reshape(np.shape(raw[k])) for k, g in zip(PARAM_NAMES, grads)}


def train_two_layer(
    X: Any, y: Any, params: dict[str, Any], lr: float, epochs: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Full-batch gradient descent from the given starting ``params``.

    ``params`` is a dict with ``W1`` (d, h), ``b1`` (h,), ``W2`` (h, 1), ``b2`` (1,);
    it is not modified. Returns the trained parameters (same keys, canonical
    shapes) and ``loss_history`` (epochs,), the loss after each update.

    Raises ``TrainingDiverged`` if the loss stops being finite.
    """
    X = as_matrix(X, "X")
    y = as_labels(y, X.shape[0])
    if not isinstance(params, dict) or set(params) != set(PARAM_NAMES):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise TypeError(f"params must be a dict with keys W1, b1, W2, b2, got {got}")
    lr = check_lr(lr)
    epochs = check_positive_int(epochs, "epochs")
    history = np.empty(epochs)
    trained = _descend(X, y[:, None], _check_params(X, *(params[k] for k in PARAM_NAMES)), lr, history)
    return trained, history


def _descend(X: np.ndarray, Y: np.ndarray, params: tuple[np.ndarray, ...], lr: float, history: np.ndarray,
             snapshots: dict[int, Any] | None = None) -> dict[str, np.ndarray]:
    """The loop of ``train_two_layer``, without its input checks.

    ``len(history)`` updates from ``params`` = (W1 (d,h), b1 (h,), W2 (h,1), b2 (1,)), not modified;
    ``Y`` is the labels as a column (n, 1). Writes the loss after each update into ``history`` and
    returns the trained parameters. If ``snapshots`` is a dict, each of its keys that is an epoch number
    gets a copy of the parameters after that epoch (the explorers keep these for replay).
    """
    W1, b1, W2, b2 = params
    # One vector holds every parameter and W1, b1, W2, b2 are views into it, so one
    # update and one finite-check per epoch cover them all (elementwise, so the numbers
    # are those of four separate updates).
    theta = np.concatenate([W1.ravel(), b1, W2.ravel(), b2])
    d, h = W1.shape
    W1, b1 = theta[: d * h].reshape(d, h), theta[d * h : d * h + h]
    W2, b2 = theta[d * h + h : -1].reshape(h, 1), theta[-1:]

    def current() -> dict[str, np.ndarray]:
        return {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}

    with np.errstate(over="ignore", invalid="ignore"):
        # The backward pass that gives the loss after update k also gives the
        # gradients for update k + 1, so each epoch needs only one of them.
        _, (dW1, db1, dW2, db2) = _backward(X, Y, W1, b1, W2, b2)
        for epoch in range(len(history)):
            theta -= lr * np.concatenate([dW1.ravel(), db1, dW2.ravel(), db2])
            if not np.isfinite(theta).all():
                raise TrainingDiverged(
                    f"training diverged in epoch {epoch + 1}: a weight became inf or NaN. "
                    f"The learning rate lr={lr:g} is too large; try a smaller one.",
                    history[:epoch].copy(),
                )
            history[epoch], (dW1, db1, dW2, db2) = _backward(X, Y, W1, b1, W2, b2)
            if snapshots is not None and epoch + 1 in snapshots:
                snapshots[epoch + 1] = current()
    return current()


class TwoLayerNet:
    """A d-h-1 network: sigmoid hidden layer, sigmoid output, binary cross-entropy.

    Parameters
    ----------
    n_inputs : int, default 2
        Number of input features ``d``.
    n_hidden : int, default 2
        Number of hidden units ``h``.
    lr : float, default 2.0
        Learning rate of full-batch gradient descent (> 0).
    epochs : int, default 2000
        Number of updates (one per epoch; every epoch sees all samples).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` for the initial weights. On XOR
        with the defaults, seed 0 reaches accuracy 1.0. Seed 6 gets stuck on a
        plateau that acts like a poor local minimum: two of the four points get
        the same hidden features, so the output can only give both a
        probability near 0.5, and the loss creeps down towards ln(2)/2 = 0.347
        (accuracy 0.5), a floor reached only at infinitely large weights.
        Gradient descent on a non-convex loss has no guarantee.
    init : {"random", "zeros"}, default "random"
        ``"random"`` draws every weight and bias from a normal distribution
        with standard deviation ``init_scale``. ``"zeros"`` starts every
        parameter at 0; it never works (the hidden units stay identical
        forever, see the module docstring) and exists to show why.
    init_scale : float, default 1.0
        Standard deviation of the random initial weights (> 0).

    Attributes (after ``fit``)
    --------------------------
    W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,) : the parameters.
    loss_history_ : ndarray (epochs,), the training loss after each update.

    ``fit`` always starts again from the initial weights, so calling it twice
    gives the same result.
    """

    def __init__(
        self,
        n_inputs: int = 2,
        n_hidden: int = 2,
        lr: float = 2.0,
        epochs: int = 2000,
        seed: int = 0,
        init: str = "random",
        init_scale: float = 1.0,
    ) -> None:
        self.n_inputs = check_positive_int(n_inputs, "n_inputs")
        self.n_hidden = check_positive_int(n_hidden, "n_hidden")
        self.lr = check_lr(lr)
        self.epochs = check_positive_int(epochs, "epochs")
        seed = check_seed(seed, allow_none=False)
        if init not in ("random", "zeros"):
            raise ValueError(
                f"init must be 'random' or 'zeros', got {init!r} "
                "('zeros' cannot learn: both hidden units would stay identical)"
            )
        self.seed = int(seed)
        self.init = init
        self.init_scale = check_lr(init_scale, "init_scale")
        self._set(self.initial_params())

    def __repr__(self) -> str:
        extra = f", init={self.init!r}" if self.init != "random" else ""
        return (
            f"TwoLayerNet(n_inputs={self.n_inputs}, n_hidden={self.n_hidden}, lr={self.lr!r}, "
            f"epochs={self.epochs}, seed={self.seed}{extra})"
        )

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

    def fit(self, X: Any, y: Any) -> "TwoLayerNet":
        """Train from the initial weights with full-batch backpropagation.

        ``X`` (n, d); ``y`` 0/1 labels (n,) or (n, 1). Returns ``self``.
        """
        X = as_matrix(X, "X", n_features=self.n_inputs)
        y = as_labels(y, X.shape[0])
        params, self.loss_history_ = train_two_layer(X, y, self.initial_params(), self.lr, self.epochs)
        self._set(params)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability of class 1 for each row of ``X`` (n, d); returns (n,)."""
        X = as_matrix(X, "X", n_features=self.n_inputs)
        _, Z2 = _forward(X, self.W1, self.b1, self.W2, self.b2)
        return np.asarray(sigmoid(Z2[:, 0]))

    def predict(self, X: Any) -> np.ndarray:
        """Class 0/1 for each row of ``X`` (n, d): 1 where the probability is >= 0.5. Returns int (n,)."""
        return (self.predict_proba(X) >= 0.5).astype(int)

    def hidden(self, X: Any) -> np.ndarray:
        """The hidden features ``sigmoid(X W1 + b1)`` for each row of ``X`` (n, d); returns (n, h)."""
        X = as_matrix(X, "X", n_features=self.n_inputs)
        H, _ = _forward(X, self.W1, self.b1, self.W2, self.b2)
        return H

    def score(self, X: Any, y: Any) -> float:
        """Accuracy (fraction of correct predictions) on ``X`` (n, d) and 0/1 labels ``y``."""
        X = as_matrix(X, "X", n_features=self.n_inputs)
        y = as_labels(y, X.shape[0])
        return float(np.mean(self.predict(X) == y))
