"""nnlib.mlp: the two-layer network's gradients, shapes, input checks and the documented XOR seeds."""
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib as nn
from nnlib.mlp import TwoLayerNet, forward_two_layer, train_two_layer, two_layer_gradients, two_layer_loss

X_XOR, Y_XOR = nn.logic_gate("XOR")
LEARNS, STUCK = 0, 6  # the seeds documented in TwoLayerNet's docstring and notebook 06


def random_params(rng, d, h, scale=1.0):
    return {"W1": rng.normal(0, scale, (d, h)), "b1": rng.normal(0, scale, h),
            "W2": rng.normal(0, scale, (h, 1)), "b2": rng.normal(0, scale, 1)}


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 8), d=st.integers(1, 4), h=st.integers(1, 4))
def test_backprop_matches_numerical_gradient(seed, n, d, h):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = rng.integers(0, 2, n)
    params = random_params(rng, d, h)
    exact = two_layer_gradients(X, y, **params)
    numeric = nn.numerical_gradient(X, y, params, nn.binary_cross_entropy, forward_two_layer, h=1e-5)
    for k in params:
        assert exact[k].shape == params[k].shape
        np.testing.assert_allclose(exact[k], numeric[k], rtol=1e-5, atol=1e-8)


def test_gradients_keep_the_shapes_passed_in():
    rng = np.random.default_rng(1)
    p = random_params(rng, 2, 3)
    flat = {"W1": p["W1"], "b1": p["b1"].reshape(1, 3), "W2": p["W2"].ravel(), "b2": float(p["b2"][0])}
    g = two_layer_gradients(X_XOR, Y_XOR, **flat)
    assert g["b1"].shape == (1, 3) and g["W2"].shape == (3,) and g["b2"].shape == ()
    g0 = two_layer_gradients(X_XOR, Y_XOR, **p)
    np.testing.assert_allclose(g["W2"], g0["W2"].ravel())


def test_loss_matches_bce_of_forward():
    p = random_params(np.random.default_rng(2), 2, 2)
    A = forward_two_layer(X_XOR, **p)
    assert A.shape == (4, 1)
    assert np.isclose(two_layer_loss(X_XOR, Y_XOR, **p), nn.binary_cross_entropy(A, Y_XOR))


def test_shapes_of_a_fitted_net():
    net = TwoLayerNet(n_inputs=3, n_hidden=5, epochs=10, seed=1)
    X = np.random.default_rng(0).normal(size=(7, 3))
    y = np.array([0, 1, 1, 0, 1, 0, 0])
    assert net.fit(X, y) is net
    assert net.W1.shape == (3, 5) and net.b1.shape == (5,) and net.W2.shape == (5, 1) and net.b2.shape == (1,)
    assert net.loss_history_.shape == (10,)
    assert net.predict_proba(X).shape == (7,) and net.hidden(X).shape == (7, 5)
    pred = net.predict(X)
    assert pred.shape == (7,) and pred.dtype.kind == "i" and set(pred) <= {0, 1}


def test_loss_history_is_the_loss_after_each_update():
    net = TwoLayerNet(epochs=3, seed=4).fit(X_XOR, Y_XOR)
    assert np.isclose(net.loss_history_[-1], two_layer_loss(X_XOR, Y_XOR, **net.params))
    p = TwoLayerNet(seed=4).initial_params()
    g = two_layer_gradients(X_XOR, Y_XOR, **p)
    one = {k: p[k] - net.lr * g[k] for k in p}
    assert np.isclose(net.loss_history_[0], two_layer_loss(X_XOR, Y_XOR, **one))


def test_documented_seed_learns_xor():
    net = TwoLayerNet(seed=LEARNS).fit(X_XOR, Y_XOR)
    assert net.score(X_XOR, Y_XOR) == 1.0
    assert list(net.predict(X_XOR)) == [0, 1, 1, 0]
    assert net.loss_history_[-1] < 0.01


def test_documented_stuck_seed_stays_stuck():
    for epochs in (2000, 20000):
        net = TwoLayerNet(seed=STUCK, epochs=epochs).fit(X_XOR, Y_XOR)
        assert net.score(X_XOR, Y_XOR) < 1.0
        assert net.loss_history_[-1] > 0.34  # stalled near ln(2)/2
        # two points share (almost) the same hidden features, so the output cannot tell them apart
        p = net.predict_proba(X_XOR)
        assert np.sum(np.abs(p - 0.5) < 0.01) == 2


def test_zero_init_never_moves_on_xor_and_keeps_hidden_units_identical():
    net = TwoLayerNet(init="zeros", epochs=200).fit(X_XOR, Y_XOR)
    assert np.allclose(net.loss_history_, np.log(2))
    # on unbalanced labels zero init does move, but both hidden units stay identical
    y = np.array([0, 1, 1, 1])
    net = TwoLayerNet(init="zeros", epochs=200).fit(X_XOR, y)
    assert not np.allclose(net.W2, 0)
    assert np.array_equal(net.W1[:, 0], net.W1[:, 1]) and net.W2[0, 0] == net.W2[1, 0]


def test_fit_restarts_from_the_initial_weights():
    net = TwoLayerNet(epochs=50, seed=3)
    first = net.fit(X_XOR, Y_XOR).params
    second = net.fit(X_XOR, Y_XOR).params
    for k in first:
        np.testing.assert_array_equal(first[k], second[k])


@pytest.mark.parametrize("lr", [50.0, 1e6, 1e200])
def test_large_learning_rates_raise_no_warnings_and_divergence_names_the_lr(lr):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if lr == 50.0:
            net = TwoLayerNet(lr=lr, epochs=200).fit(X_XOR, Y_XOR)
            assert np.all(np.isfinite(net.loss_history_))
            return
        with pytest.raises(nn.TrainingDiverged, match=re.escape(f"lr={lr:g} is too large")) as info:
            TwoLayerNet(lr=lr, epochs=200).fit(X_XOR, Y_XOR)
    assert np.all(np.isfinite(info.value.loss_history))


def test_allow_growth_lets_a_large_lr_swing_but_never_returns_non_finite_numbers():
    net = TwoLayerNet(lr=1e6, epochs=50).fit(X_XOR, Y_XOR, allow_growth=True)
    assert np.all(np.isfinite(net.loss_history_)) and net.loss_history_.max() > 100
    with pytest.raises(TypeError, match="allow_growth"):
        TwoLayerNet().fit(X_XOR, Y_XOR, allow_growth="yes")


def test_overflowing_weights_raise_training_diverged():
    # a saturated sigmoid stops the growth in practice; force an inf gradient to reach the guard
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros(2), "W2": np.full((2, 1), 1e308), "b2": np.zeros(1)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(nn.TrainingDiverged, match="diverged in epoch 1.*lr=1"):
            train_two_layer(1e3 * X_XOR, Y_XOR, params, lr=1.0, epochs=5)


def test_params_history_holds_the_weights_after_each_epoch_and_survives_divergence():
    """fit(record_params=True) keeps the start and the parameters after every epoch: row k is what training
    for k epochs returns. When training diverges, the error carries the rows up to the last finite epoch."""
    net = TwoLayerNet(epochs=30, seed=2).fit(X_XOR, Y_XOR, record_params=True)
    kept = net.params_history_
    assert {k: v.shape for k, v in kept.items()} == {"W1": (31, 2, 2), "b1": (31, 2), "W2": (31, 2, 1), "b2": (31, 1)}
    for k in (0, 1, 17, 30):
        expect = TwoLayerNet(epochs=max(k, 1), seed=2).fit(X_XOR, Y_XOR).params if k else net.initial_params()
        for name in expect:
            np.testing.assert_array_equal(kept[name][k], expect[name])
    assert not hasattr(TwoLayerNet(epochs=3).fit(X_XOR, Y_XOR), "params_history_")
    p = {"W1": np.random.default_rng(0).normal(size=(2, 2)), "b1": np.zeros(2), "W2": np.zeros((2, 1)),
         "b2": np.zeros(1)}
    X, y = nn.logic_gate("AND")
    with pytest.raises(nn.TrainingDiverged) as info:
        train_two_layer(X, y, p, lr=1e306, epochs=5, record_params=True, allow_growth=True)
    assert info.value.loss_history.size == 1  # epoch 1 is finite, epoch 2 is not
    one, _ = train_two_layer(X, y, p, lr=1e306, epochs=1, allow_growth=True)
    for name in one:
        assert info.value.weights_history[name].shape[0] == 2
        np.testing.assert_array_equal(info.value.weights_history[name][1], one[name])


@pytest.mark.parametrize("kwargs, err, words", [
    (dict(n_inputs=0), ValueError, "n_inputs"),
    (dict(n_hidden=2.5), TypeError, "n_hidden"),
    (dict(lr=-1), ValueError, "lr"),
    (dict(lr="fast"), TypeError, "lr"),
    (dict(epochs=0), ValueError, "epochs"),
    (dict(seed=None), TypeError, "seed"),
    (dict(init="he"), ValueError, "init"),
    (dict(init_scale=0), ValueError, "init_scale"),
])
def test_bad_constructor_arguments(kwargs, err, words):
    with pytest.raises(err, match=words):
        TwoLayerNet(**kwargs)


def test_bad_data_names_the_argument():
    net = TwoLayerNet()
    with pytest.raises(ValueError, match="X must have 2 feature"):
        net.fit(np.zeros((4, 3)), Y_XOR)
    with pytest.raises(ValueError, match="-1/\\+1"):
        net.fit(X_XOR, 2 * Y_XOR - 1)
    with pytest.raises(ValueError, match="y has 3 values"):
        net.fit(X_XOR, [0, 1, 1])
    with pytest.raises(ValueError, match="2-D"):
        net.predict(np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="NaN"):
        net.predict_proba([[np.nan, 0.0]])


@pytest.mark.parametrize("name, value, words", [
    ("W1", np.zeros((3, 2)), "W1 must have shape \\(2, n_hidden\\)"),
    ("b1", np.zeros(3), "b1 must have shape \\(2,\\)"),
    ("W2", np.zeros((1, 2)), "W2 must have shape \\(2, 1\\)"),
    ("b2", np.zeros(2), "b2 must be a single number"),
])
def test_bad_parameter_shapes_name_the_parameter(name, value, words):
    p = TwoLayerNet().initial_params()
    p[name] = value
    with pytest.raises(ValueError, match=words):
        forward_two_layer(X_XOR, **p)
    with pytest.raises(ValueError, match=words):
        two_layer_gradients(X_XOR, Y_XOR, **p)


def test_train_two_layer_refuses_a_bad_params_dict_and_does_not_modify_it():
    with pytest.raises(TypeError, match="params must be a dict with keys W1, b1, W2, b2"):
        train_two_layer(X_XOR, Y_XOR, {"W": np.zeros(2)}, lr=1.0, epochs=1)
    p = TwoLayerNet().initial_params()
    before = {k: v.copy() for k, v in p.items()}
    train_two_layer(X_XOR, Y_XOR, p, lr=1.0, epochs=5)
    for k in p:
        np.testing.assert_array_equal(p[k], before[k])


def test_exported_from_nnlib():
    assert nn.TwoLayerNet is TwoLayerNet and nn.forward_two_layer is forward_two_layer
