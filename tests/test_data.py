"""The data sets: gates, the blog's grid, seeded clusters and the bundled Iris file."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib as nn
from nnlib.data import GATE_INPUTS


@pytest.mark.parametrize("name,rule", [
    ("AND", lambda a, b: a and b),
    ("OR", lambda a, b: a or b),
    ("NAND", lambda a, b: not (a and b)),
    ("NOR", lambda a, b: not (a or b)),
    ("XOR", lambda a, b: a != b),
])
def test_logic_gates_are_their_truth_tables(name, rule):
    X, y = nn.logic_gate(name)
    assert X.shape == (4, 2) and X.dtype == float and y.shape == (4,)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [int(bool(rule(bool(a), bool(b)))) for a, b in X])
    assert nn.logic_gate(name.lower())[1].tolist() == y.tolist()
    assert set(nn.GATES) == {"AND", "OR", "NAND", "NOR", "XOR"}


def test_logic_gate_returns_copies():
    X, _ = nn.logic_gate("AND")
    X[0, 0] = 99
    assert nn.logic_gate("AND")[0][0, 0] == 0 and GATE_INPUTS[0, 0] == 0


def test_logic_gate_refuses_unknown_names():
    for bad in ("XNOR", 3, None):
        with pytest.raises(ValueError, match="name must be one of AND, OR, NAND, NOR, XOR"):
            nn.logic_gate(bad)


def test_grid_dataset_is_the_blogs_5x5_grid():
    X, y = nn.grid_dataset()
    assert X.shape == (25, 2) and y.shape == (25,)
    assert X[0].tolist() == [-2, -2] and X[1].tolist() == [-2, -1] and X[-1].tolist() == [2, 2]
    assert {tuple(r) for r in X.astype(int)} == {(i, j) for i in range(-2, 3) for j in range(-2, 3)}
    np.testing.assert_array_equal(y, (X[:, 0] + X[:, 1] > 0).astype(int))
    assert y.sum() == 10


@pytest.mark.parametrize("n", [2, 3, 101])
@pytest.mark.parametrize("seed", [0, 7])
def test_two_clusters_separable_has_the_promised_margin(n, seed):
    margin = 0.8
    X, y = nn.two_clusters(n, separable=True, seed=seed, margin=margin)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert y.sum() == n // 2 and set(y.tolist()) == {0, 1}
    signed_distance = (X @ np.array([1.0, 1.0]) / np.sqrt(2)) * (2 * y - 1)
    assert signed_distance.min() >= margin / 2
    p = nn.Perceptron(2, epochs=1000).fit(X, y)
    assert p.converged_


def test_two_clusters_overlapping_is_not_separable_by_the_diagonal():
    X, y = nn.two_clusters(400, separable=False, seed=0)
    side = (X.sum(axis=1) > 0).astype(int)
    assert 0.5 < np.mean(side == y) < 1.0
    p = nn.Perceptron(2, epochs=30).fit(X, y)
    assert not p.converged_


def test_two_clusters_is_seeded():
    a, b, c = nn.two_clusters(50, seed=3), nn.two_clusters(50, seed=3), nn.two_clusters(50, seed=4)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_two_clusters_refuses_bad_sizes():
    with pytest.raises(ValueError, match="n must be >= 2"):
        nn.two_clusters(1)
    with pytest.raises(ValueError, match="spread"):
        nn.two_clusters(10, spread=-1.0)
    with pytest.raises(ValueError, match="margin=100 is too large"):
        nn.two_clusters(10, margin=100)  # used to loop forever


def test_load_iris():
    iris = nn.load_iris()
    assert iris.X.shape == (150, 4) and iris.y.shape == (150,)
    assert np.bincount(iris.y).tolist() == [50, 50, 50]
    assert iris.target_names == ("setosa", "versicolor", "virginica")
    assert len(iris.feature_names) == 4
    assert np.all(np.isfinite(iris.X)) and 0 < iris.X.min() and iris.X.max() < 10
    # Setosa's petals are the shortest: the classic linearly separable class.
    petal = iris.X[:, 2]
    assert petal[iris.y == 0].max() < petal[iris.y != 0].min()


def test_the_shipped_iris_is_fishers_data():
    """Pin the data itself against published summaries of Fisher's (1936) table (as in R's ``iris``)."""
    import hashlib
    from importlib import resources

    iris = nn.load_iris()
    means = np.array([iris.X[iris.y == k].mean(axis=0) for k in range(3)])
    np.testing.assert_allclose(means, [[5.006, 3.428, 1.462, 0.246],
                                       [5.936, 2.770, 4.260, 1.326],
                                       [6.588, 2.974, 5.552, 2.026]], atol=5e-4)
    assert iris.X[0].tolist() == [5.1, 3.5, 1.4, 0.2]
    # Rows 35 and 38 (1-based): Fisher's values; UCI's iris.data has 4.9,3.1,1.5,0.1 and 4.9,3.1,1.5,0.1 here.
    assert iris.X[34].tolist() == [4.9, 3.1, 1.5, 0.2] and iris.X[37].tolist() == [4.9, 3.6, 1.4, 0.1]
    assert len({tuple(row) for row in iris.X.tolist()}) == 149  # row 143 repeats row 102, as in Fisher's table
    raw = resources.files("nnlib.data").joinpath("iris.csv").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == "b6b8efc86732bc48c9fbddba53e2c191fd4f263c0ee98e2b1b7d3543e8d2121d"
