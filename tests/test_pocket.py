"""nnlib.pocket: the pocket keeps the best weights the rule has seen; and the Iris loader."""
import numpy as np
import pytest

import nnlib as nn
from nnlib.pocket import PocketPerceptron

IRIS = nn.load_iris()


def versicolor_virginica():
    keep = IRIS.y > 0
    return IRIS.X[keep][:, 2:], (IRIS.y[keep] == 2).astype(int)


def test_load_iris_has_150_rows_and_3_balanced_classes():
    assert IRIS.X.shape == (150, 4) and IRIS.y.shape == (150,)
    assert np.bincount(IRIS.y).tolist() == [50, 50, 50]
    assert IRIS.target_names == ("setosa", "versicolor", "virginica")
    assert len(IRIS.feature_names) == 4


def all_accuracies(model, X, y):
    """Accuracy of the rule's weights after every single update, replayed independently."""
    rng = np.random.default_rng(model.seed if model.seed is not None else 0)
    W = model._initial_weights()
    accs = [np.mean(((X @ W[1:] + W[0]) >= 0) == y)]
    for _ in range(len(model.errors_)):
        order = rng.permutation(len(y)) if model.shuffle else range(len(y))
        for i in order:
            e = y[i] - float(W[0] + X[i] @ W[1:] >= 0)
            if e:
                W = W + model.lr * e * np.concatenate(([1.0], X[i]))
                accs.append(np.mean(((X @ W[1:] + W[0]) >= 0) == y))
    return np.array(accs), W


@pytest.mark.parametrize("shuffle", [True, False])
def test_pocket_keeps_the_best_weights_seen(shuffle):
    X, y = versicolor_virginica()
    model = PocketPerceptron(2, epochs=30, seed=1, shuffle=shuffle).fit(X, y)
    accs, W_last = all_accuracies(model, X, y)
    assert len(accs) == model.n_updates_ + 1
    assert np.isclose(model.best_accuracy_, accs.max())
    assert model.score(X, y) == model.best_accuracy_
    np.testing.assert_allclose(model.W_last_, W_last)
    # the rule's own last weights are worse: that is why the pocket is needed
    assert np.mean(model.predict(X) == y) > np.mean(((X @ W_last[1:] + W_last[0]) >= 0) == y)
    assert not model.converged_ and min(model.errors_) > 0
    assert np.all(np.diff(model.pocket_history_) >= 0)
    assert model.pocket_history_[-1] == model.best_accuracy_


def test_pocket_on_separable_data_stops_like_the_perceptron():
    X, y = nn.logic_gate("AND")
    pocket = PocketPerceptron(2, epochs=100, shuffle=False).fit(X, y)
    plain = nn.Perceptron(2, epochs=100).fit(X, y)
    assert pocket.converged_ and pocket.best_accuracy_ == 1.0
    np.testing.assert_array_equal(pocket.W, plain.W)
    assert pocket.errors_ == plain.errors_


def test_pocket_is_repeatable_and_depends_on_the_seed():
    X, y = versicolor_virginica()
    a = PocketPerceptron(2, epochs=20, seed=3).fit(X, y)
    b = PocketPerceptron(2, epochs=20, seed=3).fit(X, y)
    c = PocketPerceptron(2, epochs=20, seed=4).fit(X, y)
    np.testing.assert_array_equal(a.W, b.W)
    assert a.errors_ == b.errors_ and a.errors_ != c.errors_


def test_pocket_is_a_perceptron():
    model = PocketPerceptron(2, seed=0)
    assert isinstance(model, nn.Perceptron)
    assert repr(model) == "PocketPerceptron(input_size=2, lr=1.0, epochs=100, shuffle=True)"


@pytest.mark.parametrize("kwargs, err, words", [
    (dict(shuffle="yes"), TypeError, "shuffle"),
    (dict(epochs=0), ValueError, "epochs"),
    (dict(lr=0), ValueError, "lr"),
    (dict(init="ones"), ValueError, "init"),
])
def test_bad_arguments(kwargs, err, words):
    with pytest.raises(err, match=words):
        PocketPerceptron(2, **kwargs)


def test_bad_labels_name_the_argument():
    X, y = nn.logic_gate("AND")
    with pytest.raises(ValueError, match="d uses -1/\\+1"):
        PocketPerceptron(2).fit(X, 2 * y - 1)
    with pytest.raises(ValueError, match="X must have 2 feature"):
        PocketPerceptron(2).fit(np.zeros((4, 3)), y)
