"""The step perceptron: the tutorial's claims, early stopping, shapes, and a plain-Python reference."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib as nn
from nnlib import Perceptron, step


def reference_rosenblatt(X, d, lr=1.0, epochs=100, W0=None):
    """Rosenblatt's rule in plain Python floats, all epochs, no early stop.

    z = W[0] + W[1]*x[0] + W[2]*x[1] + ... added left to right; y = 1 if z >= 0;
    W <- W + (lr * e) * [1, x]. Returns (W, mistakes per epoch).
    """
    W = [0.0] * (len(X[0]) + 1) if W0 is None else [float(w) for w in W0]
    mistakes = []
    for _ in range(epochs):
        m = 0
        for x, target in zip(X, d):
            z = W[0]
            for j, xj in enumerate(x):
                z = z + W[j + 1] * float(xj)
            e = float(target) - (1.0 if z >= 0 else 0.0)
            if e != 0:
                s = lr * e
                W = [W[0] + s] + [W[j + 1] + s * float(xj) for j, xj in enumerate(x)]
                m += 1
        mistakes.append(m)
    return np.array(W), mistakes


# ---------------------------------------------------------------- step

def test_step_scalar_returns_int():
    assert step(0) == 1 and isinstance(step(0), int)
    assert step(-1e-300) == 0
    assert step(2.5) == 1


def test_step_array_keeps_shape():
    z = np.array([[-1.0, 0.0], [3.0, -0.5]])
    out = step(z)
    assert out.shape == (2, 2)
    np.testing.assert_array_equal(out, [[0, 1], [1, 0]])


# ---------------------------------------------------------------- the tutorial's claims

GATE_WEIGHTS = {"AND": [-3, 2, 1], "OR": [-1, 1, 1], "NAND": [2, -2, -1]}


@pytest.mark.parametrize("epochs", [10, 100])
@pytest.mark.parametrize("gate", sorted(GATE_WEIGHTS))
def test_gate_weights_reproduce_the_tutorial(gate, epochs):
    X, d = nn.logic_gate(gate)
    p = Perceptron(input_size=2, lr=1, epochs=epochs).fit(X, d)
    np.testing.assert_array_equal(p.W, GATE_WEIGHTS[gate])
    assert p.converged_
    np.testing.assert_array_equal(p.predict(X), d)
    assert p.score(X, d) == 1.0


def test_gate_weights_match_the_reference_loop():
    for gate in GATE_WEIGHTS:
        X, d = nn.logic_gate(gate)
        ref, _ = reference_rosenblatt(X.tolist(), d.tolist(), epochs=10)
        np.testing.assert_array_equal(ref, GATE_WEIGHTS[gate])


@pytest.mark.parametrize("epochs", [10, 100, 257])
def test_xor_never_has_an_error_free_epoch_and_its_weights_cycle(epochs):
    X, d = nn.logic_gate("XOR")
    p = Perceptron(input_size=2, epochs=epochs).fit(X, d)
    assert len(p.errors_) == epochs
    assert min(p.errors_) > 0
    assert not p.converged_
    assert p.n_updates_ == sum(p.errors_)
    # The weights at the start of an epoch determine everything after it. A
    # repeated start-of-epoch W with mistakes in between means a cycle forever.
    H = p.W_history_
    repeats = [(i, j) for i in range(len(H)) for j in range(i + 1, len(H)) if np.array_equal(H[i], H[j])]
    assert repeats, "XOR weights should revisit an earlier state"
    i, j = repeats[0]
    assert all(e > 0 for e in p.errors_[i:j])
    assert p.score(X, d) < 1.0


# ---------------------------------------------------------------- fit: return value, records, early stop

def test_fit_returns_self():
    X, d = nn.logic_gate("OR")
    p = Perceptron(2)
    assert p.fit(X, d) is p


def test_records_have_consistent_shapes():
    X, d = nn.logic_gate("AND")
    p = Perceptron(2, epochs=100).fit(X, d)
    run = len(p.errors_)
    assert 1 <= run < 100
    assert p.W_history_.shape == (run + 1, 3)
    np.testing.assert_array_equal(p.W_history_[0], [0, 0, 0])
    np.testing.assert_array_equal(p.W_history_[-1], p.W)
    assert p.errors_[-1] == 0 and all(e > 0 for e in p.errors_[:-1])
    assert p.n_updates_ == sum(p.errors_)
    assert all(isinstance(e, int) for e in p.errors_)


@pytest.mark.parametrize("lr", [1.0, 0.1, 0.37])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_early_stop_gives_the_same_weights_as_running_every_epoch(lr, seed):
    X, d = nn.two_clusters(60, separable=True, seed=seed)
    p = Perceptron(2, lr=lr, epochs=200).fit(X, d)
    assert p.converged_ and len(p.errors_) < 200
    ref, mistakes = reference_rosenblatt(X.tolist(), d.tolist(), lr=lr, epochs=200)
    np.testing.assert_array_equal(p.W, ref)  # bit for bit: same arithmetic order
    assert mistakes[: len(p.errors_)] == p.errors_
    assert sum(mistakes) == p.n_updates_


def test_fit_matches_reference_on_noisy_data_with_random_init():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(40, 3))
    d = (rng.random(40) < 0.5).astype(int)
    p = Perceptron(3, lr=0.3, epochs=7, init="random", seed=11).fit(X, d)
    ref, mistakes = reference_rosenblatt(X.tolist(), d.tolist(), lr=0.3, epochs=7, W0=p.W_history_[0])
    np.testing.assert_array_equal(p.W, ref)
    assert p.errors_ == mistakes


def test_fit_accepts_column_labels_and_restarts_from_the_initial_weights():
    X, d = nn.logic_gate("AND")
    p = Perceptron(2).fit(X, d.reshape(-1, 1))
    np.testing.assert_array_equal(p.W, [-3, 2, 1])
    p.fit(X, d)
    np.testing.assert_array_equal(p.W, [-3, 2, 1])


def test_does_not_modify_its_inputs():
    X, d = nn.logic_gate("AND")
    X0, d0 = X.copy(), d.copy()
    Perceptron(2).fit(X, d)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(d, d0)


# ---------------------------------------------------------------- init, repr, properties

def test_zero_init_by_default_and_seeded_random_init():
    assert np.array_equal(Perceptron(3).W, np.zeros(4))
    a = Perceptron(3, init="random", seed=7).W
    b = Perceptron(3, init="random", seed=7).W
    c = Perceptron(3, init="random", seed=8).W
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.shape == (4,) and np.all((a >= -1) & (a < 1))


def test_bias_weights_and_repr():
    X, d = nn.logic_gate("AND")
    p = Perceptron(2).fit(X, d)
    assert p.bias == -3.0
    np.testing.assert_array_equal(p.weights, [2, 1])
    assert repr(Perceptron(2, lr=0.5, epochs=3)) == "Perceptron(input_size=2, lr=0.5, epochs=3)"
    assert "seed=4" in repr(Perceptron(2, init="random", seed=4))


def test_bad_init_and_seed_are_refused():
    with pytest.raises(ValueError, match="init"):
        Perceptron(2, init="ones")
    with pytest.raises(TypeError, match="seed"):
        Perceptron(2, init="random", seed=1.5)


# ---------------------------------------------------------------- predict

def test_predict_one_sample_and_batch_agree():
    X, d = nn.logic_gate("NAND")
    p = Perceptron(2).fit(X, d)
    batch = p.predict(X)
    assert batch.shape == (4,)
    singles = [p.predict(x) for x in X]
    assert all(isinstance(s, int) for s in singles)
    np.testing.assert_array_equal(batch, singles)
    np.testing.assert_array_equal(batch, d)
    assert p.predict([1, 1]) == 0 and p.predict(np.array([0.0, 0.0])) == 1


def test_decision_function_uses_the_documented_order():
    p = Perceptron(2)
    p.W = np.array([0.1, 0.2, 0.3])
    x = [0.7, -1.3]
    expected = (0.1 + 0.2 * 0.7) + 0.3 * -1.3  # left to right
    assert p.decision_function(x) == expected
    assert p.decision_function(np.array([x, x]))[1] == expected


def test_boundary_points_are_classified_the_same_in_fit_and_predict():
    # With lr = 0.1 the AND weights are rounded; whatever fit concluded about each
    # training point, predict must agree with it after convergence.
    X, d = nn.logic_gate("AND")
    p = Perceptron(2, lr=0.1, epochs=100).fit(X, d)
    assert p.converged_
    np.testing.assert_array_equal(p.predict(X), d)


def test_predict_and_score_refuse_wrong_feature_counts():
    p = Perceptron(2)
    with pytest.raises(ValueError, match=r"\bx\b"):
        p.predict([1, 2, 3])
    with pytest.raises(ValueError, match=r"\bX\b"):
        p.score(np.zeros((3, 3)), [0, 1, 0])
    with pytest.raises(ValueError, match=r"\bd\b"):
        p.score(np.zeros((3, 2)), [0, 1])
