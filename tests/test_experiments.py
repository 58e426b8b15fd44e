"""The explorers' pure layer: control values -> result, swept over the slider extremes."""
from __future__ import annotations

import contextlib
import io
import itertools
import re
import warnings

import numpy as np
import pytest

import nnlib as nn
from course import experiments as ex

RUNS = {"step": ex.run_step, "sigmoid": ex.run_sigmoid}
if ex.mlp_available():
    RUNS["mlp"] = ex.run_mlp
STATUSES = {"converged", "did not converge", "diverged"}
EXTREMES = list(itertools.product(ex.DATASETS, ex.LR_RANGE, ex.EPOCHS_RANGE, ("zeros", "random")))


def _no_warnings(fn, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            return fn(**kwargs)


def _all_finite(result) -> bool:
    arrays = [result.history, *result.params.values()]
    arrays += [v for _, p in result.frames for v in p.values()]
    return all(np.all(np.isfinite(np.asarray(a, float))) for a in arrays)


@pytest.mark.parametrize("model", sorted(RUNS))
@pytest.mark.parametrize("dataset,lr,epochs,init", EXTREMES)
def test_slider_extremes_give_finite_results_and_a_message(model, dataset, lr, epochs, init):
    r = _no_warnings(RUNS[model], dataset=dataset, lr=lr, epochs=epochs, init=init, seed=3)
    assert _all_finite(r)
    assert r.status in STATUSES
    assert r.message.startswith(r.status)
    assert 1 <= r.epochs_run <= epochs and r.history.shape == (r.epochs_run,)
    text = r.summary()
    assert not re.search(r"\b(nan|inf)\b", text, flags=re.IGNORECASE)
    assert f"lr={lr:g}, epochs={epochs}" in text
    # accuracy is what the final parameters really score
    assert r.accuracy == np.mean((r.proba(r.X) >= 0.5) == r.y)
    assert f"{r.n_correct}/{len(r.y)}" in text


@pytest.mark.parametrize("dataset", ex.DATASETS)
def test_lr_10_for_1000_epochs_says_clearly_what_happened(dataset):
    for init in ("zeros", "random"):
        s = _no_warnings(ex.run_sigmoid, dataset=dataset, lr=10.0, epochs=1000, init=init)
        h = np.concatenate([[_initial_bce(s)], s.history])
        rises = int(np.sum(np.diff(h) > 1e-12))
        if h[-1] > h[0] or rises > 100:
            assert s.status == "diverged" and "too large" in s.message
        elif s.accuracy < 1:
            assert s.status in ("converged", "did not converge")
        st = _no_warnings(ex.run_step, dataset=dataset, lr=10.0, epochs=1000, init=init)
        if dataset in ("XOR", "clusters-overlap"):
            assert st.status == "did not converge"
            assert "No straight line separates" in st.message
        else:
            assert st.status == "converged"


def _initial_bce(r) -> float:
    w, b = r.frames[0][1]["w"], float(r.frames[0][1]["b"])
    return nn.binary_cross_entropy(nn.forward_perceptron(r.X, w, b), r.y)


def test_sigmoid_at_lr_10_on_xor_from_a_random_start_is_reported_as_diverged():
    r = ex.run_sigmoid(dataset="XOR", lr=10.0, epochs=1000, init="random", seed=0)
    assert r.status == "diverged"
    assert r.final_loss > _initial_bce(r)


def test_slow_learning_is_reported_as_not_converged():
    r = ex.run_sigmoid(dataset="grid", lr=1e-3, epochs=1000)
    assert r.status == "did not converge"
    assert np.all(np.diff(r.history) < 0)
    s = ex.run_step(dataset="AND", epochs=1)
    assert s.status == "did not converge" and "linearly separable" in s.message


@pytest.mark.parametrize("dataset", ex.DATASETS)
def test_with_zero_init_lr_only_rescales_the_step_perceptron(dataset):
    """Exactly, for every lr the step explorer's slider offers (powers of 2 scale exactly in floating point)."""
    base = ex.run_step(dataset=dataset, lr=1.0, epochs=200)
    lo, hi = ex.STEP_LR_EXPONENTS
    for k in range(lo, hi + 1):
        lr = 2.0**k
        r = ex.run_step(dataset=dataset, lr=lr, epochs=200)
        np.testing.assert_array_equal(r.history, base.history)
        np.testing.assert_array_equal(r.params["w"], lr * base.params["w"])
        assert r.params["b"] == lr * base.params["b"]
        np.testing.assert_array_equal(r.proba(r.X), base.proba(base.X))
        assert "so the predictions do not depend on lr" in r.message


def test_other_lr_values_can_tip_points_on_the_boundary_and_the_message_says_so():
    # AND has points exactly on the lr = 1 boundary. 1.2589254117941675 is what a browser's
    # Math.pow(10, 0.1) gives (Python's 10**0.1 is one ulp smaller); rounding tips those points.
    a, b = ex.run_step(dataset="AND", lr=1.0), ex.run_step(dataset="AND", lr=1.2589254117941675)
    assert a.epochs_run != b.epochs_run
    assert "rounding can tip a point lying exactly on the boundary" in b.message
    assert "rounding" not in a.message


def test_with_random_init_lr_changes_what_the_step_perceptron_learns():
    small = ex.run_step(dataset="clusters-overlap", lr=1e-3, epochs=50, init="random", seed=0)
    large = ex.run_step(dataset="clusters-overlap", lr=10.0, epochs=50, init="random", seed=0)
    assert not np.array_equal(small.history, large.history)
    assert "do not depend on lr" not in small.message


@pytest.mark.parametrize("model", sorted(RUNS))
@pytest.mark.parametrize("dataset,init", [("AND", "zeros"), ("clusters-overlap", "random"), ("XOR", "random")])
def test_show_code_reproduces_the_numbers(model, dataset, init):
    r = RUNS[model](dataset=dataset, lr=0.3, epochs=37, init=init, seed=5)
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(r.code, ns)  # noqa: S102 - the code the explorer shows, run as a learner would
    assert out.getvalue().strip()
    if model == "step":
        np.testing.assert_array_equal(ns["p"].W, np.r_[r.params["b"], r.params["w"]])
        np.testing.assert_array_equal(ns["p"].errors_, r.history)
    elif model == "sigmoid":
        np.testing.assert_array_equal(ns["W"], r.params["w"])
        assert float(ns["b"]) == float(r.params["b"])
        np.testing.assert_array_equal(ns["losses"], r.history)
    else:
        np.testing.assert_array_equal(ns["net"].W1, r.params["W1"])
        np.testing.assert_array_equal(ns["net"].loss_history_, r.history)


def test_frames_run_from_the_start_to_the_final_weights():
    for model, run in RUNS.items():
        r = run(dataset="clusters-overlap", lr=0.5, epochs=1000, init="random", seed=1)
        epochs = [e for e, _ in r.frames]
        assert epochs[0] == 0 and epochs[-1] == r.epochs_run
        assert epochs == sorted(set(epochs)) and len(epochs) <= ex.MAX_FRAMES + 1
        for name, value in r.params.items():
            np.testing.assert_array_equal(r.frames[-1][1][name], value)
    r = ex.run_step(dataset="AND", lr=1.0, epochs=100, init="random", seed=2)
    start = np.random.default_rng(2).uniform(-1, 1, 3)
    np.testing.assert_array_equal(r.frames[0][1]["w"], start[1:])


def test_every_snapshot_is_what_training_that_many_epochs_from_the_start_gives():
    """run_sigmoid and run_mlp train in one pass and keep snapshots on the way: each must be bit for bit
    what the public training function gives when asked for exactly that many epochs."""
    r = ex.run_sigmoid(dataset="clusters-overlap", lr=0.7, epochs=120, init="random", seed=3)
    w0, b0 = r.frames[0][1]["w"], float(r.frames[0][1]["b"])
    for k, p in r.frames[1:]:
        W, b, hist = nn.gradient_descent(r.X, r.y, w0, b0, lr=0.7, num_epochs=k, batch_size=len(r.X))
        np.testing.assert_array_equal(p["w"], W)
        assert float(p["b"]) == b
        np.testing.assert_array_equal(hist, r.history[:k])
    if "mlp" in RUNS:
        from nnlib.mlp import train_two_layer

        r = ex.run_mlp(dataset="XOR", lr=3.0, epochs=90, init="random", seed=2)
        for k, p in r.frames[1:]:
            trained, hist = train_two_layer(r.X, r.y, r.frames[0][1], lr=3.0, epochs=k)
            for name in trained:
                np.testing.assert_array_equal(p[name], trained[name])
            np.testing.assert_array_equal(hist, r.history[:k])


def test_step_regions_agree_with_the_perceptron():
    r = ex.run_step(dataset="clusters-overlap", lr=0.1, epochs=30, init="random", seed=4)
    p = nn.Perceptron(input_size=2, lr=0.1, epochs=30, init="random", seed=4).fit(r.X, r.y)
    P = np.random.default_rng(0).uniform(-3, 3, (500, 2))
    np.testing.assert_array_equal(r.proba(P), p.predict(P))
    assert r.accuracy == p.score(r.X, r.y)


def test_default_summaries_are_stable_text():
    a, b = ex.run_step(), ex.run_step(dataset="AND")
    assert a.summary() == b.summary()
    assert a.summary().splitlines()[:3] == [
        "step perceptron on AND: lr=1, epochs=100, init=zeros",
        "w = [2.0000, 1.0000], b = -3.0000  (bias first: W = [-3.0000, 2.0000, 1.0000])",
        "accuracy 4/4 = 100% with the final weights; mistakes during the last epoch: 0",
    ]
    s = ex.run_sigmoid(dataset="XOR")
    assert "w = [0.0000, 0.0000], b = 0.0000" in s.summary()  # no "-0.0000"
    assert f"final loss {np.log(2):.4f}" in s.summary()
    assert "the gradient is exactly zero" in s.summary() and "almost zero" not in s.summary()


def test_a_network_that_ends_with_wrong_points_is_called_possibly_stuck_not_told_to_train_longer():
    stuck = ex.run_mlp(dataset="XOR", seed=6)  # the documented stuck seed
    assert stuck.accuracy == 0.5 and stuck.status == "did not converge"
    assert "2 points of 4 are still misclassified" in stuck.message and "another seed" in stuck.message
    assert "More epochs or a larger lr would lower it further" not in stuck.message
    flat = ex.run_mlp(dataset="XOR", seed=6, lr=10.0)  # stalls with a tiny gradient
    assert flat.status == "converged" and flat.accuracy == 0.5 and "plateau" in flat.message
    solved = ex.run_mlp(dataset="XOR", seed=0)
    assert solved.accuracy == 1.0 and "misclassified" not in solved.message
    early = ex.run_mlp(dataset="XOR", seed=0, epochs=3)  # not stuck: barely started
    assert early.accuracy < 1 and "More epochs or a larger lr would lower it further" in early.message
    assert "plateau" not in early.message


def test_a_network_from_zero_init_is_told_that_only_random_init_helps():
    # The two hidden units get equal gradients and stay equal: the seed and lr cannot help, random init can.
    flat = ex.run_mlp(dataset="XOR", init="zeros")
    assert flat.accuracy == 0.5 and "choose random init" in flat.message
    assert "plateau" not in flat.message and "another seed" not in flat.message
    one_unit = ex.run_mlp(dataset="AND", init="zeros")  # one hidden unit is enough for AND
    assert one_unit.accuracy == 1.0 and "acts like one hidden unit" in one_unit.message
    assert "choose random init" not in one_unit.message


@pytest.mark.parametrize("kwargs,error,word", [
    ({"dataset": "AN"}, ValueError, "dataset"),
    ({"dataset": 3}, TypeError, "dataset"),
    ({"lr": 0.0}, ValueError, "lr"),
    ({"lr": "1"}, TypeError, "lr"),
    ({"epochs": 0}, ValueError, "epochs"),
    ({"epochs": 2.5}, TypeError, "epochs"),
    ({"init": "ones"}, ValueError, "init"),
    ({"seed": -1}, ValueError, "seed"),
    ({"seed": 1.5}, TypeError, "seed"),
])
def test_bad_controls_are_refused_with_the_argument_named(kwargs, error, word):
    for run in RUNS.values():
        with pytest.raises(error, match=word):
            run(**kwargs)


def test_dataset_names_are_case_insensitive_and_clusters_are_small():
    assert ex.run_step(dataset="and").dataset == "AND"
    X, y = ex.load_dataset("clusters")
    assert X.shape == (ex.CLUSTER_POINTS, 2) and set(y) == {0, 1}


def test_a_sigmoid_neuron_called_converged_on_separable_data_is_told_its_weights_keep_growing():
    fast = ex.run_sigmoid(dataset="AND", lr=10.0)  # gradient tiny but not zero: BCE has no minimum here
    assert fast.status == "converged" and "the weights keep growing" in fast.message
    flat = ex.run_sigmoid(dataset="XOR")  # gradient exactly zero: nothing grows
    assert flat.status == "converged" and "keep growing" not in flat.message


# ------------------------------------------------------------ status lines (issue 15, item 4)

NUMBER = r"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
SWEEP = [(model, dataset, lr, epochs, init) for model in sorted(RUNS) for dataset in ex.DATASETS
         for lr in (0.01, 1.0, 10.0) for epochs in (3, 100) for init in ("zeros", "random")]


@pytest.mark.parametrize("model,dataset,lr,epochs,init", SWEEP)
def test_status_lines_say_what_they_measure_and_never_report_a_fall_of_zero(model, dataset, lr, epochs, init):
    r = RUNS[model](dataset=dataset, lr=lr, epochs=epochs, init=init, seed=1)
    for fall in re.findall(r"still falling, by " + NUMBER, r.message):
        assert float(fall) > 0, r.message
    assert "0.0000 in the last" not in r.message
    if model != "step" and r.status != "diverged":  # "converged" is defined by the gradient's size, printed
        grads = nn.gradients(r.X, r.y, r.params["w"], r.params["b"]) if model == "sigmoid" else None
        norm = (float(np.sqrt(np.sum(grads[0] ** 2) + grads[1] ** 2)) if grads is not None else None)
        if r.status == "did not converge":
            (size,) = re.findall(r"and it is " + NUMBER, r.message)
            assert float(size) >= ex.CONVERGED_GRADIENT - 5e-5
            if norm is not None:
                assert abs(float(size) - norm) < 5e-5
        elif norm is not None:
            assert norm < ex.CONVERGED_GRADIENT
    # every frame's line: the accuracy of that frame's weights, and (step) the mistakes made during that epoch
    for k in (0, len(r.frames) - 1):
        epoch, params = r.frames[k]
        line = r.frame_text(k)
        acc = float(np.mean((r.proba(r.X, frame=k) >= 0.5) == r.y))
        assert re.search(rf"accuracy {acc:.0%}( and loss {NUMBER})? with these weights", line), line
        if model == "step" and epoch:
            assert re.search(rf"; {int(r.history[epoch - 1])} mistakes? during this epoch", line)
    score = r.summary().splitlines()[-2]
    assert score.startswith(f"accuracy {r.n_correct}/{len(r.y)} = {r.accuracy:.0%} with the final weights")


def test_a_run_still_learning_at_100_percent_says_so_instead_of_seeming_to_contradict_it():
    r = ex.run_mlp(dataset="XOR")  # the network explorer's default: 100%, gradient still above the bar
    assert r.accuracy == 1 and r.status == "did not converge"
    assert "already classified correctly" in r.message and r.status_note.startswith("not converged yet")
    step = next(ex.run_step(dataset=d, epochs=e) for d in ("OR", "NAND", "NOR", "AND") for e in range(1, 9)
                if ex.run_step(dataset=d, epochs=e).accuracy == 1 and ex.run_step(dataset=d, epochs=e).status != "converged")
    assert "already classify every point correctly" in step.message


# --------------------------------------------- controls and their grids (issue 15, items 3 and 5)

@pytest.mark.parametrize("model", ["step", "sigmoid", "mlp"])
def test_every_grid_value_is_valid_and_values_outside_the_slider_range_are_refused(model):
    grid = ex.lr_grid(model)
    assert all(ex.check_control(model, "lr", v) == v for v in grid)
    assert all(ex.check_control(model, "epochs", e) == e for e in ex.EPOCHS_GRID)
    for name, bad in [("lr", grid[0] / 2), ("lr", grid[-1] * 2), ("lr", float("nan")), ("epochs", 0),
                      ("epochs", ex.EPOCHS_RANGE[1] + 1), ("epochs", 2.5), ("seed", -1), ("lr", False)]:
        with pytest.raises((TypeError, ValueError), match=name):
            ex.check_control(model, name, bad)
    with pytest.raises(TypeError, match="unknown control"):
        ex.check_control(model, "momentum", 0.9)


def test_the_lr_grid_holds_the_values_the_slider_shows():
    assert ex.LR_GRID[0] == 0.001 and ex.LR_GRID[-1] == 10.0 and 2.0 in ex.LR_GRID and 5.01 in ex.LR_GRID
    assert all(float(f"{v:.3g}") == v for v in ex.LR_GRID)
    assert ex.STEP_LR_GRID == tuple(2.0**k for k in range(-10, 4))


# ------------------------------------------------- the controls that matter (issue 12, item 5)

@pytest.mark.parametrize("lr,init,seed", [(1.0, "zeros", 0), (0.125, "zeros", 0), (1.0, "random", 3), (8.0, "random", 7)])
def test_with_the_x1x2_feature_one_step_perceptron_learns_xor(lr, init, seed):
    r = ex.run_step(dataset="XOR", x1x2=True, lr=lr, init=init, seed=seed)
    assert r.status == "converged" and r.accuracy == 1 and r.params["w"].shape == (3,)
    np.testing.assert_array_equal(r.proba(r.X), r.y)
    X, y = nn.logic_gate("XOR")  # the same training with nnlib's public API and the extra column
    p = nn.Perceptron(input_size=3, lr=lr, epochs=100, init=init, seed=seed).fit(ex.with_x1x2(X), y)
    np.testing.assert_array_equal(p.W, np.r_[r.params["b"], r.params["w"]])
    assert p.converged_ and p.score(ex.with_x1x2(X), y) == 1.0
    plain = ex.run_step(dataset="XOR", lr=lr, init=init, seed=seed)  # without it: never
    assert plain.status == "did not converge" and plain.accuracy < 1


def test_the_x1x2_column_is_the_product_and_the_regions_use_it():
    X = np.array([[2.0, 3.0], [-1.0, 0.5]])
    np.testing.assert_array_equal(ex.with_x1x2(X), [[2.0, 3.0, 6.0], [-1.0, 0.5, -0.5]])
    r = ex.run_sigmoid(dataset="XOR", x1x2=True, init="random", seed=1, epochs=300)
    P = np.random.default_rng(0).uniform(-1, 2, (200, 2))
    W, b = r.params["w"], float(r.params["b"])
    np.testing.assert_allclose(r.proba(P), nn.forward_perceptron(ex.with_x1x2(P), W, b), rtol=0, atol=1e-15)
    np.testing.assert_allclose(r.z(P), ex.with_x1x2(P) @ W + b, atol=1e-12)


@pytest.mark.parametrize("model", ["step", "sigmoid"])
@pytest.mark.parametrize("dataset,init", [("XOR", "zeros"), ("clusters-overlap", "random"), ("AND", "random")])
def test_show_code_with_x1x2_trains_on_the_extra_column_and_reproduces_the_numbers(model, dataset, init):
    r = RUNS[model](dataset=dataset, lr=0.5, epochs=41, init=init, seed=2, x1x2=True)
    assert "X3 = np.column_stack([X, X[:, 0] * X[:, 1]])" in r.code
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(r.code, ns)  # noqa: S102 - the code the explorer shows
    if model == "step":
        assert ns["p"].input_size == 3
        np.testing.assert_array_equal(ns["p"].W, np.r_[r.params["b"], r.params["w"]])
        np.testing.assert_array_equal(ns["p"].errors_, r.history)
    else:
        np.testing.assert_array_equal(ns["W"], r.params["w"])
        assert float(ns["b"]) == float(r.params["b"])
        np.testing.assert_array_equal(ns["losses"], r.history)


@pytest.mark.parametrize("h", range(ex.HIDDEN_RANGE[0], ex.HIDDEN_RANGE[1] + 1))
def test_the_hidden_width_reaches_the_network_and_its_code(h):
    r = ex.run_mlp(dataset="XOR", n_hidden=h, epochs=60, seed=4)
    assert r.n_hidden == h and r.params["W1"].shape == (2, h) and r.params["W2"].shape == (h, 1)
    net = nn.TwoLayerNet(n_inputs=2, n_hidden=h, lr=2.0, epochs=60, seed=4).fit(*nn.logic_gate("XOR"))
    np.testing.assert_array_equal(net.W1, r.params["W1"])
    np.testing.assert_array_equal(net.loss_history_, r.history)
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(r.code, ns)  # noqa: S102
    assert f"n_hidden={h}" in r.code and ns["net"].n_hidden == h
    np.testing.assert_array_equal(ns["net"].loss_history_, r.history)
    assert (f"{h} hidden units" in r.summary()) == (h != 2)


def test_the_new_controls_at_their_defaults_change_nothing():
    for run, extra in ((ex.run_step, {"x1x2": False}), (ex.run_sigmoid, {"x1x2": False}), (ex.run_mlp, {"n_hidden": 2})):
        for dataset in ("AND", "XOR", "clusters"):
            a, b = run(dataset=dataset), run(dataset=dataset, **extra)
            assert a.summary() == b.summary() and a.code == b.code
            np.testing.assert_array_equal(a.history, b.history)


@pytest.mark.parametrize("model,name,bad", [
    ("step", "x1x2", 1), ("step", "x1x2", "yes"), ("sigmoid", "x1x2", None), ("mlp", "n_hidden", 1),
    ("mlp", "n_hidden", 9), ("mlp", "n_hidden", 2.5), ("mlp", "n_hidden", True), ("mlp", "n_hidden", "3"),
    ("mlp", "n_hidden", float("nan")), ("weights", "w1", 3.25), ("weights", "w2", 0.3), ("weights", "b", float("nan")),
    ("weights", "b", "1"), ("weights", "w1", True), ("weights", "gate", "XNOR"), ("weights", "gate", 3),
])
def test_bad_values_of_the_new_controls_are_refused_naming_the_control(model, name, bad):
    with pytest.raises((TypeError, ValueError), match=name):
        ex.check_control(model, name, bad)
    run = {"step": ex.run_step, "sigmoid": ex.run_sigmoid, "mlp": ex.run_mlp, "weights": ex.run_weights}[model]
    with pytest.raises((TypeError, ValueError), match=name):
        run(**{name: bad})
    with pytest.raises(TypeError, match="unknown control"):
        ex.check_control("step", "n_hidden", 3)  # each explorer has its own controls
    with pytest.raises(TypeError, match="unknown control"):
        ex.check_control("mlp", "x1x2", True)


def test_the_weight_grid_is_exact_and_its_defaults_are_inside():
    assert ex.WEIGHT_GRID[0] == -3 and ex.WEIGHT_GRID[-1] == 3 and len(ex.WEIGHT_GRID) == 25
    assert all(float(f"{v:g}") == v for v in ex.WEIGHT_GRID)
    for name, value in ex.WEIGHT_DEFAULTS.items():
        assert ex.WEIGHT_GRID[0] < value < ex.WEIGHT_GRID[-1] and ex.check_control("weights", name, value) == value
    assert ex.run_weights().computes == [] and ex.run_weights().n_agree < 4  # the default solves no gate


def test_the_weight_table_is_the_perceptrons_outputs_beside_the_gates():
    r = ex.run_weights(gate="NAND", w1=-1.0, w2=-1.0, b=1.5)
    p = nn.Perceptron(input_size=2)
    p.W = [1.5, -1.0, -1.0]
    X, y = nn.logic_gate("NAND")
    np.testing.assert_array_equal(r.outputs, p.predict(X))
    np.testing.assert_array_equal(r.z, p.decision_function(X))
    np.testing.assert_array_equal(r.y, y)
    assert r.n_agree == 4 and r.computes == ["NAND"] and "4 of 4 rows agree with NAND" in r.summary()
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(r.code, ns)  # noqa: S102 - the code "show code" prints
    np.testing.assert_array_equal(ns["p"].predict(ns["X"]), r.outputs)
    assert "rows that agree: 4 of 4" in out.getvalue()
    tie = ex.run_weights(gate="AND", w1=1.0, w2=1.0, b=-2.0)  # (1, 1) lies on the line: z = 0 exactly, step gives 1
    assert tie.z[3] == 0 and tie.outputs[3] == 1 and tie.n_agree == 4


def test_by_hand_some_setting_makes_and_or_nand_nor_and_none_makes_xor():
    grid = ex.WEIGHT_GRID[::2]  # every other slider value: 13**3 settings
    found = {g: [] for g in nn.GATES}
    for w1 in grid:
        for w2 in grid:
            for b in grid:
                for gate in ex.run_weights("AND", w1, w2, b).computes:
                    found[gate].append((w1, w2, b))
    assert all(found[g] for g in ("AND", "OR", "NAND", "NOR")) and found["XOR"] == []
    assert (1.0, 1.0, -1.5) in found["AND"] and (1.0, 1.0, -0.5) in found["OR"]
    assert max(ex.run_weights("XOR", w1, w2, b).n_agree for w1, w2, b in itertools.product(grid, repeat=3)) == 3
