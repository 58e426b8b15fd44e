"""Gallant's pocket algorithm: Rosenblatt's rule, keeping the best weights seen.

On data that no line separates, Rosenblatt's rule never settles: every epoch
has mistakes, and the weights it stops with are simply the last ones, which
may be poor. Gallant (1990) keeps a second set of weights "in the pocket":
after every update, the new weights are scored on the training data, and they
replace the pocket weights only if they classify more samples correctly. The
rule explores; the pocket remembers the best place it has been.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .perceptron import Perceptron, _z

__all__ = ["PocketPerceptron"]


class PocketPerceptron(Perceptron):
    """A step perceptron trained with the pocket algorithm: a ``Perceptron`` (same ``W``, bias first, same
    ``predict`` and ``score``) whose ``fit`` keeps the best weights.

    Parameters: ``input_size``, ``lr``, ``epochs``, ``init``, ``seed`` as for ``Perceptron``, and
    ``shuffle`` (default True): visit the rows in a fresh random order every epoch, drawn from
    ``numpy.random.default_rng(seed)`` (``seed=None`` counts as 0, so runs repeat). With a fixed order the
    rule can cycle through the same few weight vectors; shuffling lets it explore. ``False`` visits the
    rows in order, like ``Perceptron``. Attributes after ``fit``:

    - ``W`` (d + 1,): the pocket weights, the best seen by training accuracy (``best_accuracy_``);
    - ``W_last_`` (d + 1,): where Rosenblatt's rule stopped (what ``Perceptron`` would return);
    - ``accuracy_history_`` (epochs_run,): training accuracy of the rule's weights after each epoch;
    - ``pocket_history_`` (epochs_run,): that of the pocket weights (it never decreases);
    - ``errors_``, ``W_history_``, ``n_updates_``, ``converged_``: as for ``Perceptron`` (the rule's weights).
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
        """Run Rosenblatt's rule on ``X`` (n, d) and 0/1 labels ``d`` (n,) and keep the best weights.

        Each mistake updates ``W`` exactly as in ``Perceptron.fit``; after each update the new weights
        are scored on all of ``X`` and put in the pocket if they beat the pocket's accuracy. Returns ``self``.
        """
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
