"""The right answers the checks of several notebooks share, from nnlib's public functions.

The step neuron keeps its bias first, ``W = [b, w1, ..., wd]``; its pre-activation
and prediction are ``Perceptron``'s own, so a check and the library can never disagree.
"""
from __future__ import annotations

import numpy as np

from nnlib import Perceptron
from nnlib.perceptron import pre_activation as _nn_pre_activation
from nnlib.perceptron import rosenblatt_epoch


def step_neuron(W: np.ndarray) -> Perceptron:
    """A ``Perceptron`` holding the weights ``W`` (d + 1,), bias first."""
    W = np.asarray(W, dtype=float).ravel()
    neuron = Perceptron(input_size=W.size - 1)
    neuron.W = W
    return neuron


def pre_activation(x: np.ndarray, W: np.ndarray) -> float:
    """``z = W[0] + W[1:] . x`` for one sample ``x`` (d,): nnlib's own pre-activation."""
    return _nn_pre_activation(np.asarray(x, dtype=float), np.asarray(W, dtype=float).ravel())


def rosenblatt_update(W: np.ndarray, x: np.ndarray, d: float, lr: float) -> np.ndarray:
    """One step of Rosenblatt's rule, ``W + lr * (d - step(z)) * [1, x]``, shape (d + 1,): nnlib's own update
    (``rosenblatt_epoch`` over the one sample), on a copy of ``W``."""
    W = np.array(W, dtype=float).ravel()
    rosenblatt_epoch(W, np.asarray(x, dtype=float)[None, :], np.array([d], dtype=float), lr)
    return W
