"""Input checks: the helpers themselves, and a table of bad inputs at every public entry point."""
from __future__ import annotations

import re

import numpy as np
import pytest

import nnlib as nn
import nnlib.plotting  # noqa: F401  (nn.plotting in the table)
from nnlib.validation import (MAX_HISTORY, MAX_SCALE, as_array, as_labels, as_matrix, as_targets, check_finite,
                              check_lr, check_positive_int, check_scale, check_seed)

X4, Y4 = nn.logic_gate("AND")
W2 = np.zeros((2, 1))


# ---------------------------------------------------------------- the helpers

def test_as_array_converts_and_keeps_shape():
    out = as_array([[1, 2], [3, 4]], "X")
    assert out.dtype == np.float64 and out.shape == (2, 2)
    assert as_array(np.array([True, False]), "y").tolist() == [1.0, 0.0]
    assert as_array(3, "z").shape == ()


@pytest.mark.parametrize(
    "value,exc,pattern",
    [
        ("1.0", TypeError, "string"),
        (None, TypeError, "None"),
        (np.array(["a", "b"]), TypeError, "dtype"),
        ([[1, 2], [3]], ValueError, "rectangular"),
        ([1.0, np.nan], ValueError, "NaN"),
        ([1.0, -np.inf], ValueError, "inf"),
    ],
)
def test_as_array_refusals(value, exc, pattern):
    with pytest.raises(exc, match=rf"^Q .*{pattern}"):
        as_array(value, "Q")


def test_as_matrix():
    assert as_matrix([[1, 2]], "X", n_features=2).shape == (1, 2)
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        as_matrix([1, 2], "X")
    with pytest.raises(ValueError, match="empty"):
        as_matrix(np.empty((0, 2)), "X")
    with pytest.raises(ValueError, match="3 feature"):
        as_matrix(np.ones((2, 2)), "X", n_features=3)


def test_as_labels_and_as_targets():
    np.testing.assert_array_equal(as_labels([[0], [1], [1]], 3), [0, 1, 1])
    assert as_labels([0, 1]).shape == (2,)
    np.testing.assert_array_equal(as_targets([[0.5], [-2.0]], 2), [0.5, -2.0])
    with pytest.raises(ValueError, match=r"\(n,\) or \(n, 1\)"):
        as_targets(np.ones((2, 2)), 2)
    with pytest.raises(ValueError, match="3 values but X has 2"):
        as_labels([0, 1, 1], 2)
    with pytest.raises(ValueError, match="labels 0 and 1, got values {0, 0.5, 2}"):
        as_labels([0, 0.5, 2])
    with pytest.raises(ValueError, match=r"\(y \+ 1\) // 2"):
        as_labels([-1, 1, 1])


def test_check_lr_and_check_positive_int():
    assert check_lr(1) == 1.0 and isinstance(check_lr(np.float32(0.5)), float)
    assert check_positive_int(np.int64(3), "epochs") == 3
    for bad in (True, "1", None, [1]):
        with pytest.raises(TypeError, match="lr"):
            check_lr(bad)
    for bad in (0, -0.1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="lr"):
            check_lr(bad)
    for bad in (2.0, True, "3"):
        with pytest.raises(TypeError, match="epochs"):
            check_positive_int(bad, "epochs")
    with pytest.raises(ValueError, match="epochs must be >= 1, got -2"):
        check_positive_int(-2, "epochs")


def test_check_seed():
    assert check_seed(None) is None and check_seed(np.int64(7)) == 7 and isinstance(check_seed(np.int64(7)), int)
    with pytest.raises(TypeError, match="seed must be a whole number >= 0, got NoneType"):
        check_seed(None, allow_none=False)
    for bad in (True, 1.0, "1"):
        with pytest.raises(TypeError, match="^seed"):
            check_seed(bad)
    with pytest.raises(ValueError, match="^rng_seed must be >= 0"):
        check_seed(-3, "rng_seed")


def test_a_perceptron_keeps_its_own_copy_of_an_assigned_W():
    p, W = nn.Perceptron(2), np.array([-1.5, 1.0, 1.0])
    p.W = W
    W[0] = 100.0
    assert p.W.tolist() == [-1.5, 1.0, 1.0] and p.predict([1, 1]) == 1 and p.predict([0, 1]) == 0


# ---------------------------------------------------------------- the table

def _fit(X=X4, d=Y4, **kw):
    return nn.Perceptron(2, **kw).fit(X, d)


def _gd(X=X4, y=Y4, W=W2, b=0.0, lr=0.1, num_epochs=5, batch_size=2, **kw):
    return nn.gradient_descent(X, y, W, b, lr, num_epochs, batch_size, **kw)


BAD_INPUTS = [
    # (id, call, exception type, argument name that the message must contain, extra text)
    ("fit X is 1-D", lambda: _fit(X=[0, 1, 0, 1]), ValueError, "X", "2-D"),
    ("fit X has 3 features", lambda: _fit(X=np.ones((4, 3))), ValueError, "X", "2 feature"),
    ("fit sample counts differ", lambda: _fit(d=[0, 1, 1]), ValueError, "d", "must match"),
    ("fit X empty", lambda: _fit(X=np.empty((0, 2)), d=[]), ValueError, "X", "empty"),
    ("fit X has NaN", lambda: _fit(X=[[0, 0], [0, np.nan], [1, 0], [1, 1]]), ValueError, "X", "NaN"),
    ("fit X has inf", lambda: _fit(X=[[0, 0], [0, np.inf], [1, 0], [1, 1]]), ValueError, "X", "inf"),
    ("fit labels outside 0/1", lambda: _fit(d=[0, 2, 1, 1]), ValueError, "d", "0 and 1"),
    ("fit labels -1/+1", lambda: _fit(d=[-1, -1, -1, 1]), ValueError, "d", "0/1 labels"),
    ("fit X of strings", lambda: _fit(X=[["a", "b"]] * 4), TypeError, "X", "numbers"),
    ("fit X is a string", lambda: _fit(X="0 0; 0 1"), TypeError, "X", "string"),
    ("Perceptron lr = 0", lambda: nn.Perceptron(2, lr=0), ValueError, "lr", "> 0"),
    ("Perceptron lr < 0", lambda: nn.Perceptron(2, lr=-0.5), ValueError, "lr", "> 0"),
    ("Perceptron lr string", lambda: nn.Perceptron(2, lr="0.1"), TypeError, "lr", "positive number"),
    ("Perceptron epochs 2.5", lambda: nn.Perceptron(2, epochs=2.5), TypeError, "epochs", "whole number"),
    ("Perceptron epochs 0", lambda: nn.Perceptron(2, epochs=0), ValueError, "epochs", ">= 1"),
    ("Perceptron input_size 0", lambda: nn.Perceptron(0), ValueError, "input_size", ">= 1"),
    ("predict wrong width", lambda: nn.Perceptron(2).predict([1.0, 2.0, 3.0]), ValueError, "x", "2 feature"),
    ("gd batch_size 0", lambda: _gd(batch_size=0), ValueError, "batch_size", ">= 1"),
    ("gd batch_size 1.5", lambda: _gd(batch_size=1.5), TypeError, "batch_size", "whole number"),
    ("gd num_epochs 0", lambda: _gd(num_epochs=0), ValueError, "num_epochs", ">= 1"),
    ("gd num_epochs 10.0", lambda: _gd(num_epochs=10.0), TypeError, "num_epochs", "whole number"),
    ("gd lr 0", lambda: _gd(lr=0), ValueError, "lr", "> 0"),
    ("gd lr string", lambda: _gd(lr="0.1"), TypeError, "lr", "positive number"),
    ("gd X string", lambda: _gd(X="X"), TypeError, "X", "string"),
    ("gd W wrong shape", lambda: _gd(W=np.zeros((3, 1))), ValueError, "W", "(2, 1)"),
    ("gd W is a row", lambda: _gd(W=np.zeros((1, 2))), ValueError, "W", "(2, 1)"),
    ("gd b wrong size", lambda: _gd(b=np.zeros(2)), ValueError, "b", "scalar"),
    ("gd y count differs", lambda: _gd(y=[0, 1]), ValueError, "y", "must match"),
    ("gd y not 0/1 for BCE", lambda: _gd(y=[0, 0.3, 1, 1]), ValueError, "y", "0 and 1"),
    ("gd y -1/+1 for BCE", lambda: _gd(y=[-1, 1, 1, -1]), ValueError, "y", "0/1 labels"),
    ("gd y has NaN", lambda: _gd(y=[0, 1, np.nan, 1]), ValueError, "y", "NaN"),
    ("gd seed a string", lambda: _gd(seed="1"), TypeError, "seed", "whole number >= 0 or None"),
    ("gd seed negative", lambda: _gd(seed=-2), ValueError, "seed", ">= 0"),
    ("gd seed and rng", lambda: _gd(seed=0, rng=np.random.default_rng(0)), ValueError, "seed", "not both"),
    ("TwoLayerNet seed negative", lambda: nn.TwoLayerNet(seed=-1), ValueError, "seed", ">= 0"),
    ("TwoLayerNet seed None", lambda: nn.TwoLayerNet(seed=None), TypeError, "seed", "whole number"),
    ("gd rng not a Generator", lambda: _gd(rng=1), TypeError, "rng", "Generator"),
    ("bce eps = 0", lambda: nn.binary_cross_entropy([0.0, 1.0], [1, 0], eps=0), ValueError, "eps", "log(0)"),
    ("gd X empty", lambda: _gd(X=np.empty((0, 2)), y=[]), ValueError, "X", "empty"),
    ("gradients W wrong shape", lambda: nn.gradients(X4, Y4, np.zeros(3), 0.0), ValueError, "W", "(2,)"),
    ("bce A outside [0, 1]", lambda: nn.binary_cross_entropy([0.5, 1.5], [0, 1]), ValueError, "A", "probabilities"),
    ("bce sample counts differ", lambda: nn.binary_cross_entropy([0.5, 0.5], [0, 1, 1]), ValueError, "y", "must match"),
    ("mse y is a matrix", lambda: nn.mse_loss([0.5, 0.5], np.ones((2, 2))), ValueError, "y", "(n,)"),
    ("sigmoid string", lambda: nn.sigmoid("1"), TypeError, "z", "string"),
    ("step NaN", lambda: nn.step(np.nan), ValueError, "z", "NaN"),
    ("forward W wrong shape", lambda: nn.forward_perceptron(X4, np.zeros((2, 2)), 0), ValueError, "W", "shape"),
    ("matrix_multiply inner sizes", lambda: nn.matrix_multiply(X4, np.zeros((3, 1))), ValueError, "W", "rows"),
    ("normalize 1-D", lambda: nn.normalize([1.0, 2.0]), ValueError, "X", "2-D"),
    ("two_clusters n = 1", lambda: nn.two_clusters(1), ValueError, "n", ">= 2"),
    ("two_clusters n float", lambda: nn.two_clusters(10.5), TypeError, "n", "whole number"),
    ("two_clusters margin 0", lambda: nn.two_clusters(10, margin=0), ValueError, "margin", "> 0"),
    ("two_clusters margin huge", lambda: nn.two_clusters(10, margin=100), ValueError, "margin", "too large"),
    ("plot_data label 2", lambda: nn.plotting.plot_data(X4, [0, 1, 2, 1]), ValueError, "y", "0 and 1"),
    ("normalize strings", lambda: nn.normalize([["a", "b"]]), TypeError, "X", "numbers"),
    ("logic_gate unknown", lambda: nn.logic_gate("XNOR"), ValueError, "name", "AND"),
    ("Perceptron W too long", lambda: setattr(nn.Perceptron(2), "W", np.zeros(5)), ValueError, "W", "(3,)"),
    ("Perceptron W without bias", lambda: setattr(nn.Perceptron(2), "W", [1.0, 1.0]), ValueError, "W", "bias"),
    ("Perceptron W has NaN", lambda: setattr(nn.Perceptron(2), "W", [0, np.nan, 1]), ValueError, "W", "NaN"),
    ("Perceptron seed negative", lambda: nn.Perceptron(2, init="random", seed=-1), ValueError, "seed", ">= 0"),
    ("Perceptron seed float", lambda: nn.Perceptron(2, init="random", seed=1.5), TypeError, "seed", "whole number"),
    ("two_clusters seed string", lambda: nn.two_clusters(10, seed="a"), TypeError, "seed", "whole number"),
    ("two_clusters seed negative", lambda: nn.two_clusters(10, seed=-1), ValueError, "seed", ">= 0"),
    ("two_clusters separable string", lambda: nn.two_clusters(10, separable="no"), TypeError, "separable", "True"),
]


@pytest.mark.parametrize("call,exc,arg,extra", [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_refused_with_a_message_naming_the_argument(call, exc, arg, extra):
    with pytest.raises(exc) as info:
        call()
    assert type(info.value) is exc  # not a subclass accident
    msg = str(info.value)
    assert re.search(rf"(?<![\w\[]){re.escape(arg)}(?!\w)", msg), f"{arg!r} not named in: {msg}"
    assert extra in msg, f"{extra!r} not in: {msg}"


def test_the_table_is_big_enough():
    assert len(BAD_INPUTS) >= 20
    assert len({c[0] for c in BAD_INPUTS}) == len(BAD_INPUTS)


def test_check_scale_passes_data_up_to_max_scale_and_names_the_column_beyond_it():
    ok = np.array([[1.0, -MAX_SCALE], [0.0, 2.0]])
    assert check_scale(ok) is ok
    with pytest.raises(ValueError, match=r"X column 1 holds values as large as 1\.01e\+150"):
        check_scale(np.array([[1.0, 2.0], [0.0, -1.01 * MAX_SCALE]]))
    # the bound is the one that keeps a product of two data values finite
    assert np.isfinite(MAX_SCALE * MAX_SCALE) and not np.isfinite(1e155 * 1e155)


def test_check_finite_returns_finite_arrays_and_names_the_culprits_otherwise():
    z = np.array([1.0, -2.0])
    assert check_finite(z, "z", "X or W") is z
    with pytest.raises(ValueError, match=r"X @ W overflows.*X and W hold values too large"):
        check_finite(np.array([1.0, np.inf]), "X @ W", "X and W")


def test_recorded_histories_are_bounded_by_max_history():
    d = 999  # 1000 weights: at most MAX_HISTORY / 1000 - 1 epochs of W_history_
    limit = MAX_HISTORY // (d + 1) - 1
    nn.Perceptron(d, epochs=limit)._check_fit(np.eye(d)[:2], [0, 1])
    with pytest.raises(ValueError, match=rf"epochs={limit + 1} is too many.*at most {limit} epochs"):
        nn.Perceptron(d, epochs=limit + 1)._check_fit(np.eye(d)[:2], [0, 1])
