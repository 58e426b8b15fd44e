"""Gallant's pocket algorithm: Rosenblatt's rule, keeping the best weights seen.

On data that no line separates, Rosenblatt's rule never settles, and its last weights may be poor.
Gallant (1990) scores the weights after every update and keeps them "in the pocket" only if they
classify more training samples correctly: the rule explores, the pocket remembers the best place.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .perceptron import Perceptron, _z

__all__ = ["PocketPerceptron"]


class PocketPerceptron(Perceptron):
    """A ``Perceptron`` whose ``fit`` keeps the best weights.

    ``shuffle=True`` visits the rows in a fresh order every epoch from ``default_rng(seed)`` (None counts as
    0), so that the rule cannot cycle through the same few weights; ``False`` keeps them in order. After ``fit``,
    ``W`` (d + 1,) holds the pocket weights, the best seen (training accuracy ``best_accuracy_``), and ``W_last_``
    where the rule stopped; ``accuracy_history_`` and ``pocket_history_`` (epochs_run,) hold the accuracy of
    the rule's and of the pocket's weights after each epoch. ``errors_``, ``W_history_``, ``n_updates_`` and
    ``converged_`` are as for ``Perceptron`` (the rule's weights).
    """

    def __init__(self, input_size: int, lr: float = 1.0, epochs: int = 100, init: str = "zeros",
                 seed: int | None = None, shuffle: bool = True) -> None:
        super().__init__(input_size, lr=lr, epochs=epochs, init=init, seed=seed)
        if not isinstance(shuffle, (bool, np.bool_)):
            raise TypeError(f"shuffle must be True or False, got {type(shuffle).__name__} {shuffle!r}")
        self.shuffle = bool(shuffle)

    def __repr__(self) -> str:
        return super().__repr__().replace("Perceptron(", "PocketPerceptron(", 1)[:-1] + f", shuffle={self.shuffle})"

    def fit(self, X: Any, d: Any) -> "PocketPerceptron":
        """Run Rosenblatt's rule on ``X`` (n, d) and 0/1 labels ``d`` (n,), keeping the best; returns ``self``."""
        X, d = self._check_fit(X, d)
        rng = np.random.default_rng(0 if self.seed is None else self.seed)
        initial = self._initial_weights()
        pocket = {"W": initial, "accuracy": self._accuracy(initial, X, d)}
        accuracy_history, pocket_history = [], []

        def keep_if_better(W: np.ndarray) -> None:
            accuracy = self._accuracy(W, X, d)
            if accuracy > pocket["accuracy"]:
                pocket.update(W=W.copy(), accuracy=accuracy)

        def after_epoch(W: np.ndarray) -> None:
            accuracy_history.append(self._accuracy(W, X, d))
            pocket_history.append(pocket["accuracy"])

        orders = (lambda: rng.permutation(len(X))) if self.shuffle else None
        self.W_last_ = self._run(X, d, orders, keep_if_better, after_epoch)
        self.W, self.best_accuracy_ = pocket["W"], pocket["accuracy"]
        self.accuracy_history_, self.pocket_history_ = np.array(accuracy_history), np.array(pocket_history)
        return self

    @staticmethod
    def _accuracy(W: np.ndarray, X: np.ndarray, d: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.mean((_z(X, W) >= 0) == d))  # the order of operations of score()
