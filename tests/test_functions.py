"""sigmoid, identity, the losses and the matrix helpers, checked against plain float formulas."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from nnlib import (
    binary_cross_entropy,
    forward_perceptron,
    identity,
    matrix_multiply,
    mse_loss,
    normalize,
    sigmoid,
)


def plain_sigmoid(z: float) -> float:
    """Textbook formula in Python floats, for moderate z only."""
    return 1.0 / (1.0 + math.exp(-z))


def plain_bce(A, y) -> float:
    """-(1/n) sum [y log A + (1-y) log(1-A)] in Python floats (A strictly inside (0, 1))."""
    total = 0.0
    for a, t in zip(A, y):
        total += t * math.log(a) + (1 - t) * math.log(1 - a)
    return -total / len(A)


# ---------------------------------------------------------------- sigmoid / identity

@pytest.mark.parametrize("z", [-30.0, -5.0, -0.3, 0.0, 0.3, 2.0, 30.0])
def test_sigmoid_matches_the_textbook_formula(z):
    assert sigmoid(z) == pytest.approx(plain_sigmoid(z), rel=1e-14, abs=1e-300)


def test_sigmoid_scalar_in_float_out_and_shapes_kept():
    assert isinstance(sigmoid(0), float) and sigmoid(0) == 0.5
    z = np.linspace(-3, 3, 12).reshape(3, 4, 1)
    out = sigmoid(z)
    assert out.shape == z.shape
    np.testing.assert_allclose(out + sigmoid(-z), 1.0, rtol=0, atol=1e-15)  # symmetry


def test_sigmoid_is_stable_for_huge_inputs():
    z = np.array([-1e6, -1000.0, -745.2, 745.2, 1000.0, 1e6])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        out = sigmoid(z)
    assert np.all(np.isfinite(out))
    assert out[0] == 0.0 and out[-1] == 1.0
    assert np.all((out >= 0) & (out <= 1))
    assert np.all(np.diff(out) >= 0)


def test_identity_returns_its_input():
    assert identity(2.5) == 2.5 and isinstance(identity(2.5), float)
    z = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(identity(z), z)


# ---------------------------------------------------------------- BCE / MSE

def test_bce_matches_the_plain_formula():
    A = [0.9, 0.2, 0.6, 0.01, 0.999]
    y = [1, 0, 1, 0, 1]
    assert binary_cross_entropy(A, y) == pytest.approx(plain_bce(A, y), rel=1e-12)


def test_bce_of_a_half_is_ln2():
    assert binary_cross_entropy([0.5] * 4, [0, 1, 1, 0]) == pytest.approx(math.log(2), abs=1e-15)


def test_bce_is_finite_at_exactly_zero_and_one():
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        perfect = binary_cross_entropy([0.0, 1.0], [0, 1])
        worst = binary_cross_entropy([1.0, 0.0], [0, 1])
    assert math.isfinite(perfect) and math.isfinite(worst)
    assert 0 <= perfect < 1e-12
    assert worst == pytest.approx(-math.log(1e-15), rel=1e-3)  # clipped at eps (1 - eps rounds)


def test_bce_of_sigmoid_is_finite_for_huge_logits():
    z = np.array([-1e6, 1e6, -1e6, 1e6])
    y = np.array([0, 1, 1, 0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = binary_cross_entropy(sigmoid(z), y)
    assert math.isfinite(loss) and loss > 10


def test_bce_refuses_logits_instead_of_probabilities():
    with pytest.raises(ValueError, match=r"\bA\b.*sigmoid"):
        binary_cross_entropy([2.0, -1.0], [1, 0])


def test_mse_matches_the_plain_formula():
    A, y = [0.5, 2.0, -1.0], [1.0, 2.0, 1.0]
    assert mse_loss(A, y) == pytest.approx((0.25 + 0 + 4) / 3, rel=1e-15)


@pytest.mark.parametrize("loss", [binary_cross_entropy, mse_loss])
def test_column_and_flat_vectors_never_broadcast_to_a_matrix(loss):
    A = np.array([0.9, 0.2, 0.7, 0.4])
    y = np.array([1, 0, 0, 1])
    flat = loss(A, y)
    assert isinstance(flat, float)
    for a, t in [(A[:, None], y), (A, y[:, None]), (A[:, None], y[:, None])]:
        assert loss(a, t) == flat
    # what the (n, n) broadcast would have given is different, so the check has teeth
    wrong = np.mean((A[:, None] - y[None, :]) ** 2)
    if loss is mse_loss:
        assert wrong != pytest.approx(flat)


@pytest.mark.parametrize("loss", [binary_cross_entropy, mse_loss])
def test_losses_refuse_mismatched_lengths(loss):
    with pytest.raises(ValueError, match=r"\by\b"):
        loss([0.5, 0.5, 0.5], [1, 0])


# ---------------------------------------------------------------- matrix helpers

def test_matrix_multiply_matches_at_and_checks_inner_sizes():
    X = np.arange(6.0).reshape(3, 2)
    W = np.array([[1.0], [-1.0]])
    np.testing.assert_array_equal(matrix_multiply(X, W), X @ W)
    np.testing.assert_array_equal(matrix_multiply(X, W.ravel()), X @ W.ravel())
    with pytest.raises(ValueError, match=r"\bW\b.*2 rows"):
        matrix_multiply(X, np.ones((3, 1)))


def test_normalize_standardises_columns():
    rng = np.random.default_rng(0)
    X = rng.normal(3.0, 5.0, size=(50, 3))
    Xn = normalize(X)
    np.testing.assert_allclose(Xn.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Xn.std(axis=0), 1, atol=1e-12)
    np.testing.assert_allclose(Xn, (X - X.mean(0)) / X.std(0))


def test_normalize_zero_std_column_becomes_zeros_not_nan():
    X = np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Xn, mean, std = normalize(X, return_stats=True)
    np.testing.assert_array_equal(Xn[:, 1], 0)
    np.testing.assert_array_equal(mean, [2, 7])
    np.testing.assert_array_equal(std, [np.std([1, 2, 3]), 1.0])
    np.testing.assert_allclose((X - mean) / std, Xn)
    assert not np.shares_memory(Xn, X)


@pytest.mark.parametrize("value", [0.1, 0.3, 7.7, 1e10 / 3])
@pytest.mark.parametrize("n", [3, 10, 100])
def test_normalize_constant_column_is_exactly_zero_despite_rounding(value, n):
    # The computed mean of n copies of 0.1 is not exactly 0.1, so std is ~1e-17, not 0;
    # dividing the rounding noise by it would give +-1 instead of 0.
    X = np.column_stack([np.arange(n, dtype=float), np.full(n, value)])
    Xn, mean, std = normalize(X, return_stats=True)
    np.testing.assert_array_equal(Xn[:, 1], 0.0)
    assert mean[1] == value and std[1] == 1.0
    np.testing.assert_allclose(Xn[:, 0].std(), 1.0)


def test_forward_perceptron_shapes_follow_W():
    X = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5]])
    A_col = forward_perceptron(X, np.array([[0.5], [-0.25]]), 0.1)
    A_flat = forward_perceptron(X, np.array([0.5, -0.25]), np.array([[0.1]]))
    assert A_col.shape == (3, 1) and A_flat.shape == (3,)
    expected = [plain_sigmoid(0.5 * x1 - 0.25 * x2 + 0.1) for x1, x2 in X]
    np.testing.assert_allclose(A_flat, expected, rtol=1e-14)
    np.testing.assert_array_equal(A_col.ravel(), A_flat)


def test_forward_perceptron_checks_W_and_b():
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match=r"\bW\b"):
        forward_perceptron(X, np.ones((2, 2)), 0.0)
    with pytest.raises(ValueError, match=r"\bb\b"):
        forward_perceptron(X, np.ones(2), np.zeros(2))
