"""The right answers the checks of several notebooks share, from nnlib's public functions.

The step neuron keeps its bias first, ``W = [b, w1, ..., wd]``; its pre-activation
and prediction are ``Perceptron``'s own, so a check and the library can never disagree.
"""
from __future__ import annotations

import numpy as np

from nnlib import Perceptron, step


def step_neuron(W: np.ndarray) -> Perceptron:
    """A ``Perceptron`` holding the weights ``W`` (d + 1,), bias first."""
    W = np.asarray(W, dtype=float).ravel()
    neuron = Perceptron(input_size=W.size - 1)
    neuron.W = W
    return neuron


def pre_activation(x: np.ndarray, W: np.ndarray) -> float:
    """``z = W[0] + W[1:] . x`` for one sample ``x`` (d,)."""
    return step_neuron(W).decision_function(np.asarray(x, dtype=float))


def rosenblatt_update(W: np.ndarray, x: np.ndarray, d: float, lr: float) -> np.ndarray:
    """One step of Rosenblatt's rule: ``W + lr * (d - step(z)) * [1, x]``, shape (d + 1,)."""
    return np.asarray(W, dtype=float) + lr * (d - step(pre_activation(x, W))) * np.concatenate(([1.0], x))
