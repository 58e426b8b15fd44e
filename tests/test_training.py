"""gradients, gradient_descent and numerical_gradient: exact gradients, honest refusals, no noise."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import nnlib as nn
from nnlib import (
    SUPPORTED_PAIRS,
    TrainingDiverged,
    binary_cross_entropy,
    forward_perceptron,
    gradient_descent,
    gradients,
    identity,
    mse_loss,
    numerical_gradient,
    sigmoid,
)


def linear_forward(X, W, b):
    return X @ W + b


FORWARD = {sigmoid: forward_perceptron, identity: linear_forward}
PAIRS = [(binary_cross_entropy, sigmoid), (mse_loss, identity), (mse_loss, sigmoid)]


def _problem(seed=0, n=12, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (rng.random(n) < 0.5).astype(float)
    W = rng.normal(scale=0.5, size=(d, 1))
    b = float(rng.normal())
    return X, y, W, b


def plain_bce_gradient(X, y, W, b):
    """dW = X^T (A - y) / n, db = mean(A - y), in Python floats."""
    n, d = len(X), len(X[0])
    dW, db = [0.0] * d, 0.0
    for x, t in zip(X, y):
        z = b + sum(w * xi for w, xi in zip(W, x))
        r = 1.0 / (1.0 + math.exp(-z)) - t
        db += r / n
        dW = [g + r * xi / n for g, xi in zip(dW, x)]
    return dW, db


# ---------------------------------------------------------------- gradients

def test_supported_pairs_are_listed_by_name():
    assert set(SUPPORTED_PAIRS) == {("binary_cross_entropy", "sigmoid"), ("mse_loss", "identity"), ("mse_loss", "sigmoid")}


@pytest.mark.parametrize("loss_fn,act", PAIRS, ids=lambda f: f.__name__)
def test_gradients_agree_with_numerical_gradient(loss_fn, act):
    X, y, W, b = _problem()
    dW, db = gradients(X, y, W, b, loss_fn, act)
    num = numerical_gradient(X, y, {"W": W, "b": b}, loss_fn, FORWARD[act])
    assert dW.shape == W.shape and isinstance(db, float)
    np.testing.assert_allclose(dW, num["W"], rtol=1e-6, atol=1e-9)
    assert db == pytest.approx(float(num["b"]), rel=1e-6, abs=1e-9)


def test_sigmoid_bce_gradient_matches_the_plain_formula():
    X, y, W, b = _problem(seed=3, n=7, d=2)
    dW, db = gradients(X, y, W.ravel(), b)
    ref_dW, ref_db = plain_bce_gradient(X.tolist(), y.tolist(), W.ravel().tolist(), b)
    np.testing.assert_allclose(dW, ref_dW, rtol=1e-12, atol=1e-15)
    assert db == pytest.approx(ref_db, rel=1e-12, abs=1e-15)


def test_gradient_shapes_follow_W_and_b():
    X, y, W, b = _problem()
    dW, db = gradients(X, y.reshape(-1, 1), W, np.array([[b]]))
    assert dW.shape == (3, 1) and np.shape(db) == (1, 1)
    dW2, db2 = gradients(X, y, W.ravel(), b)
    assert dW2.shape == (3,)
    np.testing.assert_array_equal(dW.ravel(), dW2)
    assert float(db2) == float(db[0, 0])


@pytest.mark.parametrize(
    "loss_fn,act",
    [(binary_cross_entropy, identity), (mse_loss, np.tanh), (lambda A, y: 0.0, sigmoid)],
    ids=["bce+identity", "mse+tanh", "custom loss"],
)
def test_unsupported_pairs_are_refused_with_an_explanation(loss_fn, act):
    X, y, W, b = _problem()
    for call in (lambda: gradients(X, y, W, b, loss_fn, act),
                 lambda: gradient_descent(X, y, W, b, 0.1, 2, 4, loss_fn, act)):
        with pytest.raises(ValueError) as info:
            call()
        msg = str(info.value)
        assert "no exact gradient" in msg
        assert "binary_cross_entropy + sigmoid" in msg and "Supported pairs" in msg


# ---------------------------------------------------------------- the blog's facts

def test_xor_from_zero_stays_at_ln2_with_every_prediction_one_half():
    X, y = nn.logic_gate("XOR")
    W, b, hist = gradient_descent(X, y, np.zeros((2, 1)), 0.0, 0.1, 1000, 4)
    assert hist.shape == (1000,)
    np.testing.assert_allclose(hist, math.log(2), rtol=0, atol=1e-12)
    A = forward_perceptron(X, W, b)
    np.testing.assert_allclose(A, 0.5, rtol=0, atol=1e-12)
    dW, db = gradients(X, y, np.zeros((2, 1)), 0.0)
    assert np.all(dW == 0) and db == 0  # exactly zero: why nothing moves


@pytest.mark.parametrize("lr", [0.1, 1.0])
def test_xor_larger_learning_rate_does_not_help(lr):
    X, y = nn.logic_gate("XOR")
    _, _, hist = gradient_descent(X, y, np.zeros((2, 1)), 0.0, lr, 1000, 4)
    assert abs(hist[-1] - math.log(2)) < 1e-12


def test_blog_exercise_1_and_reaches_full_accuracy():
    X, y = nn.logic_gate("AND")
    W, b, hist = gradient_descent(X, y, np.zeros((2, 1)), 0.0, 0.1, 500, 4)
    A = forward_perceptron(X, W, b)
    pred = (A > 0.5).astype(int).ravel()
    np.testing.assert_array_equal(pred, y)
    assert hist[-1] < hist[0] < math.log(2)
    assert W.shape == (2, 1)


def test_blog_exercise_4_grid_is_learned():
    X, y = nn.grid_dataset()
    W, b, hist = gradient_descent(X, y, np.zeros((2, 1)), 0.0, 0.1, 200, 5, seed=0)
    pred = (forward_perceptron(X, W, b) > 0.5).astype(int).ravel()
    assert np.mean(pred == y) == 1.0


# ---------------------------------------------------------------- behaviour

def test_silent_unless_verbose(capsys):
    X, y = nn.logic_gate("OR")
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 50, 2)
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 50, 2, verbose=0)
    assert capsys.readouterr().out == ""
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 50, 2, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10 and lines[-1].startswith("epoch    50: loss ")
    gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 50, 2, verbose=25)
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_inputs_are_not_modified():
    X, y, W, b = _problem()
    bb = np.array([[b]])
    copies = [X.copy(), y.copy(), W.copy(), bb.copy()]
    W2, b2, _ = gradient_descent(X, y, W, bb, 0.5, 5, 3)
    for before, after in zip(copies, [X, y, W, bb]):
        np.testing.assert_array_equal(before, after)
    assert not np.shares_memory(W2, W) and not np.array_equal(W2, W)
    assert W2.shape == W.shape and np.shape(b2) == (1, 1)


def test_returned_shapes_and_types():
    X, y, W, b = _problem()
    W2, b2, hist = gradient_descent(X, y, W.ravel(), b, 0.1, 7, 100)
    assert W2.shape == (3,) and isinstance(b2, float) and hist.shape == (7,)


def test_history_is_the_full_data_loss_after_each_epoch():
    X, y, W, b = _problem(n=20)
    W1, b1, hist1 = gradient_descent(X, y, W, b, 0.3, 1, 6, seed=4)
    W3, b3, hist3 = gradient_descent(X, y, W, b, 0.3, 3, 6, seed=4)
    assert hist1[0] == pytest.approx(binary_cross_entropy(forward_perceptron(X, W1, b1), y), rel=1e-12)
    assert hist3[-1] == pytest.approx(binary_cross_entropy(forward_perceptron(X, W3, b3), y), rel=1e-12)
    assert hist3[0] == hist1[0]


def test_full_batch_matches_the_textbook_update():
    X, y, W, b = _problem(n=15)
    lr, w, bias = 0.5, W.ravel().copy(), b
    for _ in range(4):
        r = np.asarray(sigmoid(X @ w + bias)) - y
        w, bias = w - lr * (X.T @ r) / len(y), bias - lr * r.mean()
    W2, b2, _ = gradient_descent(X, y, W.ravel(), b, lr, 4, 15)
    np.testing.assert_allclose(W2, w, rtol=1e-12)
    assert b2 == pytest.approx(bias, rel=1e-12)


def test_identity_mse_descends_to_least_squares():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 2))
    y = X @ np.array([2.0, -1.0]) + 0.5
    W, b, hist = gradient_descent(X, y, np.zeros(2), 0.0, 0.1, 300, 200, mse_loss, identity)
    np.testing.assert_allclose(W, [2.0, -1.0], atol=1e-6)
    assert b == pytest.approx(0.5, abs=1e-6) and hist[-1] < 1e-10


def test_seed_and_rng_control_the_shuffling():
    X, y, W, b = _problem(n=30)
    a = gradient_descent(X, y, W, b, 0.5, 5, 4, seed=1)
    same = gradient_descent(X, y, W, b, 0.5, 5, 4, rng=np.random.default_rng(1))
    other = gradient_descent(X, y, W, b, 0.5, 5, 4, seed=2)
    np.testing.assert_array_equal(a[2], same[2])
    assert not np.array_equal(a[2], other[2])
    with pytest.raises(ValueError, match="seed or rng"):
        gradient_descent(X, y, W, b, 0.5, 5, 4, seed=3, rng=np.random.default_rng(1))


def test_identity_mse_with_a_huge_lr_raises_training_diverged():
    X, y, W, b = _problem(n=50)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning on the way
        with pytest.raises(TrainingDiverged, match=r"lr=1e\+06 is too large") as info:
            gradient_descent(X, y * 10, W, b, 1e6, 500, 50, mse_loss, identity)
    hist = info.value.loss_history
    assert hist.size < 500 and np.all(np.isfinite(hist))
    assert isinstance(info.value, FloatingPointError)


@pytest.mark.parametrize("batch_size", [50, 7])
def test_return_weights_gives_the_weights_after_each_epoch_until_it_diverges(batch_size):
    """W_history row k is [b, *W] as gradient_descent returns them for k epochs; when the loss stops being
    finite, the error carries the rows up to the last finite epoch."""
    X, y, W, b = _problem(n=50)
    W_out, b_out, hist, H = gradient_descent(X, y, W, b, 0.5, 20, batch_size, return_weights=True)
    assert H.shape == (21, 4)
    np.testing.assert_array_equal(H[0], [b, *W.ravel()])
    np.testing.assert_array_equal(H[-1], [b_out, *W_out.ravel()])
    for k in (1, 13):
        W_k, b_k, _ = gradient_descent(X, y, W, b, 0.5, k, batch_size)
        np.testing.assert_array_equal(H[k], [b_k, *W_k.ravel()])
    with pytest.raises(TrainingDiverged) as info:
        gradient_descent(X, y * 10, W, b, 1e6, 500, batch_size, mse_loss, identity, return_weights=True,
                         allow_growth=True)
    last_finite = info.value.loss_history.size
    kept = info.value.weights_history
    assert kept.shape == (last_finite + 1, 4)
    W_k, b_k, _ = gradient_descent(X, y * 10, W, b, 1e6, last_finite, batch_size, mse_loss, identity,
                                   allow_growth=True)
    np.testing.assert_array_equal(kept[-1], [b_k, *W_k.ravel()])


def test_a_loss_grown_far_above_its_start_is_divergence_unless_allowed():
    X, y = nn.two_clusters(40, separable=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TrainingDiverged, match=r"grew from 0.6931 .*lr=1e\+06 is too large.*allow_growth"):
            gradient_descent(X, y, np.zeros(2), 0.0, 1e6, 100, 40)
        W, b, hist = gradient_descent(X, y, np.zeros(2), 0.0, 1e6, 100, 40, allow_growth=True)
    assert np.all(np.isfinite(hist)) and hist.max() > 1000


# ---------------------------------------------------------------- numerical_gradient

def test_numerical_gradient_of_a_quadratic_is_exact_and_leaves_params_alone():
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    y = np.array([0.5, 1.0])
    params = {"W": np.array([0.2, -0.4]), "b": 0.3}
    before = params["W"].copy()
    g = numerical_gradient(X, y, params, mse_loss, linear_forward)
    r = X @ params["W"] + 0.3 - y
    np.testing.assert_allclose(g["W"], 2 * X.T @ r / 2, rtol=1e-8)
    assert g["b"].shape == () and float(g["b"]) == pytest.approx(2 * r.mean(), rel=1e-8)
    np.testing.assert_array_equal(params["W"], before)
    assert params["b"] == 0.3


def test_numerical_gradient_refuses_bad_arguments():
    X, y, W, b = _problem()
    with pytest.raises(TypeError, match="params"):
        numerical_gradient(X, y, [W, b], binary_cross_entropy, forward_perceptron)
    with pytest.raises(TypeError, match="params"):
        numerical_gradient(X, y, {}, binary_cross_entropy, forward_perceptron)
    with pytest.raises(TypeError, match="callable"):
        numerical_gradient(X, y, {"W": W, "b": b}, "bce", forward_perceptron)
    with pytest.raises(ValueError, match=r"\bh\b"):
        numerical_gradient(X, y, {"W": W, "b": b}, binary_cross_entropy, forward_perceptron, h=0)
    with pytest.raises(ValueError, match=r"params\['W'\]"):
        numerical_gradient(X, y, {"W": W * np.nan, "b": b}, binary_cross_entropy, forward_perceptron)


def test_the_sigmoid_bce_rule_accepts_columns_as_mlp_uses_it():
    from nnlib.training import _sigmoid_bce

    Z = np.array([-800.0, -2.0, 0.0, 3.0, 800.0])
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    loss, dZ = _sigmoid_bce(Z, y)
    loss_col, dZ_col = _sigmoid_bce(Z[:, None], y[:, None])
    assert loss == loss_col and dZ_col.shape == (5, 1)
    np.testing.assert_array_equal(dZ, dZ_col.ravel())
    expected = [0.0, math.log1p(math.exp(-2)) + 2, math.log(2), math.log1p(math.exp(-3)) + 3, 0.0]
    assert loss == pytest.approx(sum(expected) / 5, rel=1e-14)
    np.testing.assert_array_equal(dZ, np.asarray(sigmoid(Z)) - y)
