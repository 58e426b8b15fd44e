"""Small data sets: the logic gates, the blog's 5x5 grid, seeded clusters, and Iris.

Every function returns ``X`` as a float array of shape ``(n, d)`` and labels ``y`` as an int array ``(n,)``.
"""
from __future__ import annotations

import csv
from importlib import resources
from typing import NamedTuple

import numpy as np

from ..validation import check_lr, check_positive_int, check_seed

__all__ = ["GATES", "logic_gate", "grid_dataset", "two_clusters", "load_iris", "Iris"]

#: Inputs of every two-input gate, in truth-table order.
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)

#: Outputs of each gate for the rows of ``GATE_INPUTS``.
GATES: dict[str, tuple[int, int, int, int]] = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Truth table of a two-input gate: ``X`` (4, 2) in the order (0,0), (0,1), (1,0), (1,1); ``y`` (4,)."""
    if not isinstance(name, str) or name.upper() not in GATES:
        raise ValueError(f"name must be one of {', '.join(GATES)}, got {name!r}")
    return GATE_INPUTS.copy(), np.array(GATES[name.upper()])


def grid_dataset() -> tuple[np.ndarray, np.ndarray]:
    """The blog's grid: ``X`` (25, 2) holds every (i, j) with i, j in -2..2 (i outer); ``y`` is 1 if i + j > 0."""
    ticks = np.arange(-2, 3)
    X = np.array([(i, j) for i in ticks for j in ticks], dtype=float)
    return X, (X.sum(axis=1) > 0).astype(int)


def two_clusters(n: int = 100, separable: bool = True, seed: int = 0, margin: float = 0.5,
                 spread: float = 0.6) -> tuple[np.ndarray, np.ndarray]:
    """Two seeded Gaussian clusters, ``X`` (n, 2) and ``y`` (n,) in shuffled order, around (-1, -1) and (1, 1).

    With ``separable=False`` the centres are (-0.5, -0.5) and (0.5, 0.5) and the clouds overlap; otherwise
    points are redrawn until each lies at least ``margin / 2`` from the line x1 + x2 = 0 on its own side.
    """
    n = check_positive_int(n, "n", 1_000_000)
    if n < 2:
        raise ValueError(f"n must be >= 2 so both classes appear, got {n}")
    if not isinstance(separable, (bool, np.bool_)):
        raise TypeError(f"separable must be True or False, got {type(separable).__name__} {separable!r}")
    seed = check_seed(seed, allow_none=False)
    margin, spread = check_lr(margin, "margin", 1e6), check_lr(spread, "spread", 1e6)
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], [n - n // 2, n // 2])
    sign = 2.0 * y - 1.0
    centre = 1.0 if separable else 0.5
    X = centre * sign[:, None] + rng.normal(scale=spread, size=(n, 2))
    if separable:
        u = np.array([1.0, 1.0]) / np.sqrt(2.0)
        for _ in range(1000):  # bounded: a margin far beyond the clouds would loop forever
            bad = (X @ u) * sign < margin / 2
            if not bad.any():
                break
            X[bad] = centre * sign[bad, None] + rng.normal(scale=spread, size=(int(bad.sum()), 2))
        else:
            raise ValueError(f"margin={margin:g} is too large for spread={spread:g}: the clusters' centres are "
                             f"only {np.sqrt(2):.2f} from the line, so almost no point lies margin/2 away from it")
    order = rng.permutation(n)
    return X[order], y[order]


class Iris(NamedTuple):
    """Fisher's Iris data: ``X`` (150, 4) in cm, ``y`` (150,) in {0, 1, 2}."""

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]


def load_iris() -> Iris:
    """Load the Iris data shipped inside nnlib (no download). See ``nnlib/data/IRIS.md``."""
    text = resources.files(__package__).joinpath("iris.csv").read_text(encoding="utf-8")
    header, *body = csv.reader(text.splitlines())
    target_names = ("setosa", "versicolor", "virginica")
    X = np.array([[float(v) for v in r[:4]] for r in body])
    y = np.array([target_names.index(r[4]) for r in body])
    return Iris(X, y, tuple(header[:4]), target_names)
