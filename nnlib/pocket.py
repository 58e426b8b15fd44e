"""Gallant's pocket algorithm: Rosenblatt's rule, keeping the best weights seen.

On data that no line separates, Rosenblatt's rule never settles: every epoch
has mistakes, and the weights it stops with are simply the last ones, which
may be poor. Gallant (1990) keeps a second set of weights "in the pocket":
after every update, the new weights are scored on the training data, and they
replace the pocket weights only if they classify more samples correctly. The
rule explores; the pocket remembers the best place it has been.

``PocketPerceptron`` is a ``Perceptron`` (same weights layout, bias first, same
``predict`` and ``score``); only ``fit`` differs.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .perceptron import Perceptron, _z, rosenblatt_epoch

__all__ = ["PocketPerceptron"]


class PocketPerceptron(Perceptron):
    """A step perceptron trained with the pocket algorithm.

    Parameters
    ----------
    input_size, lr, epochs, init, seed : as for ``Perceptron``.
        ``epochs`` is the number of passes; training stops early after an
        epoch without mistakes (the data were separated).
    shuffle : bool, default True
        Visit the rows in a fresh random order every epoch, drawn from
        ``numpy.random.default_rng(seed)`` (``seed=None`` is treated as 0, so
        runs are repeatable). With a fixed order the rule can cycle through the
        same few weight vectors; shuffling lets it explore. ``False`` visits
        the rows in order, like ``Perceptron``.

    Attributes (after ``fit``)
    --------------------------
    W : ndarray (d + 1,)
        The pocket weights: the best seen, by training accuracy.
    best_accuracy_ : float
        Training accuracy of the pocket weights.
    W_last_ : ndarray (d + 1,)
        The weights where Rosenblatt's rule stopped (what ``Perceptron`` returns).
    errors_ : list[int]
        Mistakes (updates) in each epoch run.
    accuracy_history_ : ndarray (epochs_run,)
        Training accuracy of the rule's current weights at the end of each epoch.
    pocket_history_ : ndarray (epochs_run,)
        Training accuracy of the pocket weights at the end of each epoch (never decreases).
    W_history_, n_updates_, converged_ : as for ``Perceptron`` (the rule's weights).
    """

    def __init__(
        self,
        input_size: int,
        lr: float = 1.0,
        epochs: int = 100,
        init: str = "zeros",
        seed: int | None = None,
        shuffle: bool = True,
    ) -> None:
        super().__init__(input_size, lr=lr, epochs=epochs, init=init, seed=seed)
        if not isinstance(shuffle, (bool, np.bool_)):
            raise TypeError(f"shuffle must be True or False, got {type(shuffle).__name__} {shuffle!r}")
        self.shuffle = bool(shuffle)

    def __repr__(self) -> str:
        return super().__repr__().replace("Perceptron(", "PocketPerceptron(", 1)[:-1] + f", shuffle={self.shuffle})"

    def fit(self, X: Any, d: Any) -> "PocketPerceptron":
        """Run Rosenblatt's rule on ``X`` (n, d) and 0/1 labels ``d`` (n,) and keep the best weights.

        Each mistake updates ``W`` exactly as in ``Perceptron.fit`` (``rosenblatt_epoch``); after
        each update the new weights are scored on all of ``X`` and put in the pocket if they beat
        the pocket's accuracy.

        Returns
        -------
        self
        """
        X, d = self._check_fit(X, d)
        rng = np.random.default_rng(0 if self.seed is None else self.seed)
        W = self._initial_weights()
        pocket = {"W": W.copy(), "accuracy": self._accuracy(W, X, d)}

        def keep_if_better(W: np.ndarray) -> None:
            accuracy = self._accuracy(W, X, d)
            if accuracy > pocket["accuracy"]:
                pocket.update(W=W.copy(), accuracy=accuracy)

        history, errors, acc_hist, pocket_hist = [W.copy()], [], [], []
        for _ in range(self.epochs):
            order = rng.permutation(len(X)) if self.shuffle else np.arange(len(X))
            errors.append(rosenblatt_epoch(W, X[order], d[order], self.lr, keep_if_better))
            history.append(W.copy())
            acc_hist.append(self._accuracy(W, X, d))
            pocket_hist.append(pocket["accuracy"])
            if errors[-1] == 0:
                break

        self.W = pocket["W"]
        self.best_accuracy_ = pocket["accuracy"]
        self.W_last_ = W
        self.errors_ = errors
        self.W_history_ = np.array(history)
        self.accuracy_history_ = np.array(acc_hist)
        self.pocket_history_ = np.array(pocket_hist)
        self.n_updates_ = int(sum(errors))
        self.converged_ = errors[-1] == 0
        return self

    @staticmethod
    def _accuracy(W: np.ndarray, X: np.ndarray, d: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.mean((_z(X, W) >= 0) == d))  # the order of operations of score()
