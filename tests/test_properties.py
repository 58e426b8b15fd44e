"""Property tests (hypothesis): convergence within Novikoff's bound, exact gradients, descent, repeatability."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib as nn
from nnlib import (
    binary_cross_entropy,
    forward_perceptron,
    gradient_descent,
    gradients,
    identity,
    mse_loss,
    numerical_gradient,
    sigmoid,
)

FAST = settings(max_examples=40, deadline=None)


def separable_data(seed: int, n: int, d: int, gamma: float):
    """Points x in [-2, 2]^d labelled by a random unit-norm separator u in the augmented space.

    Every kept point has |u . [1, x]| >= gamma, so u separates the labelled set with
    margin at least gamma. Returns X (m, d), labels (m,) in {0, 1}, and u (d + 1,).
    """
    rng = np.random.default_rng(seed)
    u = rng.normal(size=d + 1)
    u /= np.linalg.norm(u)
    X = rng.uniform(-2, 2, size=(4 * n, d))
    m = u[0] + X @ u[1:]
    keep = np.abs(m) >= gamma
    X, m = X[keep][:n], m[keep][:n]
    return X, (m > 0).astype(int), u


@FAST
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 40),
    d=st.integers(1, 3),
    gamma=st.sampled_from([0.05, 0.1, 0.3]),
    lr=st.sampled_from([1.0, 0.1, 0.7]),
)
def test_perceptron_converges_within_novikoffs_bound(seed, n, d, gamma, lr):
    """Total mistakes <= (R / gamma)^2 for our zero-init, bias-folded perceptron.

    The version that applies here: write x~ = [1, x] (the bias input folded in, as in
    W = [b, w]) and s = 2 d - 1 in {-1, +1}. A mistake is s * (W . x~) <= 0 (z = 0 counts
    as class 1, so only a 0-labelled point can be wrong at z = 0), and the update is
    W <- W + lr * s * x~. Let u be any unit-norm vector with s_i * (u . x~_i) >= gamma > 0
    for all i, and R = max_i ||x~_i|| (note R >= 1 because of the bias input). From W_0 = 0,
    after k mistakes u . W_k >= k lr gamma, and ||W_k||^2 <= k lr^2 R^2 because each
    mistake adds 2 lr s (W . x~) <= 0 plus lr^2 ||x~||^2. Cauchy-Schwarz gives
    k lr gamma <= sqrt(k) lr R, i.e. k <= (R / gamma)^2, whatever lr is. Any separator gives
    a valid bound; we use the one the data were built from, so gamma is its true margin.
    """
    X, y, u = separable_data(seed, n, d, gamma)
    if len(y) == 0:
        return
    Xa = np.column_stack([np.ones(len(X)), X])
    R = np.linalg.norm(Xa, axis=1).max()
    margin = ((2 * y - 1) * (Xa @ u)).min()
    assert margin >= gamma
    bound = (R / margin) ** 2
    p = nn.Perceptron(d, lr=lr, epochs=int(bound) + 2).fit(X, y)
    assert p.converged_
    assert p.n_updates_ <= bound
    np.testing.assert_array_equal(p.predict(X), y)


def _grad_case(draw_seed: int, n: int, d: int):
    rng = np.random.default_rng(draw_seed)
    X = rng.uniform(-1, 1, size=(n, d))
    y = (rng.random(n) < 0.5).astype(float)
    W = rng.uniform(-2, 2, size=(d, 1))
    b = float(rng.uniform(-2, 2))
    return X, y, W, b


@FAST
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 12),
    d=st.integers(1, 4),
    pair=st.sampled_from([(binary_cross_entropy, sigmoid), (mse_loss, identity), (mse_loss, sigmoid)]),
)
def test_analytic_gradients_match_numerical_gradient(seed, n, d, pair):
    loss_fn, act = pair
    X, y, W, b = _grad_case(seed, n, d)
    forward = forward_perceptron if act is sigmoid else (lambda X, W, b: X @ W + b)
    dW, db = gradients(X, y, W, b, loss_fn, act)
    num = numerical_gradient(X, y, {"W": W, "b": b}, loss_fn, forward)
    np.testing.assert_allclose(dW, num["W"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(db, num["b"], rtol=1e-5, atol=1e-7)


@FAST
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 30), d=st.integers(1, 3),
       epochs=st.integers(1, 30))
def test_full_batch_gradient_descent_with_a_small_lr_decreases_bce(seed, n, d, epochs):
    # For inputs in [-1, 1]^d the BCE gradient is (1/4)(1 + d)-Lipschitz <= 1, so any
    # lr < 2 cannot increase the loss; 0.1 is small by that measure.
    X, y, W, b = _grad_case(seed, n, d)
    start = binary_cross_entropy(forward_perceptron(X, W, b), y)
    _, _, hist = gradient_descent(X, y, W, b, 0.1, epochs, n)
    assert hist[0] <= start + 1e-12
    assert np.all(np.diff(hist) <= 1e-12)
    dW, db = gradients(X, y, W, b)
    if np.abs(dW).max() + abs(db) > 1e-6:
        assert hist[-1] < start


@FAST
@given(seed=st.integers(0, 2**32 - 1), batch=st.integers(1, 20), epochs=st.integers(1, 10),
       init_seed=st.integers(0, 1000))
def test_runs_are_bit_for_bit_repeatable_under_a_seed(seed, batch, epochs, init_seed):
    X, y = nn.two_clusters(20, separable=False, seed=init_seed)
    W0 = np.zeros((2, 1))
    a = gradient_descent(X, y, W0, 0.0, 0.5, epochs, batch, seed=seed)
    b = gradient_descent(X, y, W0, 0.0, 0.5, epochs, batch, seed=seed)
    assert a[0].tobytes() == b[0].tobytes() and a[1] == b[1] and a[2].tobytes() == b[2].tobytes()
    p = nn.Perceptron(2, lr=0.3, epochs=epochs, init="random", seed=seed).fit(X, y)
    q = nn.Perceptron(2, lr=0.3, epochs=epochs, init="random", seed=seed).fit(X, y)
    assert p.W_history_.tobytes() == q.W_history_.tobytes() and p.errors_ == q.errors_


@FAST
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 25), d=st.integers(1, 4),
       lr=st.floats(1e-3, 10.0), epochs=st.integers(1, 15))
def test_fit_is_bit_identical_to_a_plain_python_rosenblatt_loop(seed, n, d, lr, epochs):
    """Any data, any lr: same W, same mistakes per epoch, and early stopping changes nothing."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (rng.random(n) < 0.5).astype(int)
    W = [0.0] * (d + 1)
    mistakes = []
    for _ in range(epochs):
        m = 0
        for x, t in zip(X.tolist(), y.tolist()):
            z = W[0]
            for j in range(d):
                z = z + W[j + 1] * x[j]
            e = t - (1 if z >= 0 else 0)
            if e:
                W = [W[0] + lr * e] + [W[j + 1] + lr * e * x[j] for j in range(d)]
                m += 1
        mistakes.append(m)
    p = nn.Perceptron(d, lr=lr, epochs=epochs).fit(X, y)
    assert p.W.tolist() == W
    assert p.errors_ == mistakes[: len(p.errors_)]
    assert all(m == 0 for m in mistakes[len(p.errors_):])
    np.testing.assert_array_equal(p.predict(X), [1 if p.decision_function(x) >= 0 else 0 for x in X])


@FAST
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(2, 20),
    flip=st.floats(0.0, 0.5),
    shuffle=st.booleans(),
)
def test_the_pocket_keeps_the_best_weights_the_rule_visited(seed, n, flip, shuffle):
    """On any data, separable or not: the pocket never gets worse and beats every weight vector the rule held."""
    from nnlib.pocket import PocketPerceptron

    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    d = ((X[:, 0] + X[:, 1] > 0) ^ (rng.random(n) < flip)).astype(int)
    pocket = PocketPerceptron(2, epochs=8, seed=seed, shuffle=shuffle).fit(X, d)
    assert np.all(np.diff(pocket.pocket_history_) >= 0)
    visited = [float(np.mean(nn.step(W[0] + X @ W[1:]) == d)) for W in pocket.W_history_]
    assert pocket.best_accuracy_ >= max(visited) - 1e-12
    assert pocket.score(X, d) == pocket.best_accuracy_
    if not shuffle:  # in order, the rule inside the pocket is Rosenblatt's rule itself
        plain = nn.Perceptron(2, epochs=8).fit(X, d)
        assert np.array_equal(pocket.W_last_, plain.W) and pocket.errors_ == plain.errors_
