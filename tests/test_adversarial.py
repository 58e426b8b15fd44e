"""Bad and extreme input to every public function of nnlib, and tools run over folders that hold a learner's files.

Each call runs with warnings turned into errors. Its outcome must be one of two things: a clear error
(ValueError, TypeError or TrainingDiverged) whose message names the argument to blame, or a finite,
correct result. The numbers fed in are 0, +-1e308, NaN and +-inf in every number argument, and epochs far
beyond any laptop's patience. The tools' cases copy a small series into a temporary folder, put a
learner's files where the tool writes, run it, and find every one of those files still there, unchanged.
"""
from __future__ import annotations

import math
import re
import sys
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest

import nnlib as nn
from course import experiments
from nnlib import plotting
from nnlib.mlp import train_two_layer, two_layer_loss
from nnlib.perceptron import pre_activation, rosenblatt_epoch
from nnlib.pocket import PocketPerceptron
from series_fixture import ROOT, make_series

sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import make_student  # noqa: E402

EXTREMES = [0.0, 1e308, -1e308, math.nan, math.inf, -math.inf]
ERRORS = (ValueError, TypeError, nn.TrainingDiverged)
X_AND, Y_AND = nn.logic_gate("AND")
X_XOR, Y_XOR = nn.logic_gate("XOR")
NET = nn.TwoLayerNet(seed=0).params  # W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)


def finite(result) -> bool:
    """True if every number in ``result`` (nested tuples, dicts, arrays, models) is finite."""
    if isinstance(result, dict):
        return all(finite(v) for v in result.values())
    if isinstance(result, (tuple, list)):
        return all(finite(v) for v in result)
    if isinstance(result, (nn.Perceptron, nn.TwoLayerNet)):
        return finite([v for v in vars(result).values() if isinstance(v, (np.ndarray, float, list))])
    if isinstance(result, experiments.ExperimentResult):
        return finite([result.params, result.history, [f[1] for f in result.frames]])
    if isinstance(result, plt.Axes):
        result.figure.canvas.draw()  # drawing is where matplotlib's own overflows would show
        return True
    return bool(np.all(np.isfinite(np.asarray(result, dtype=float))))


def outcome(call, culprit: str):
    """Run ``call()`` with warnings as errors: return its result if finite, or "error" if it refused by name."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = call()
        except ERRORS as exc:
            assert re.search(culprit, str(exc)), f"the error does not name {culprit!r}: {exc}"
            return "error"
        assert finite(result), f"a non-finite result came back quietly: {result!r}"
        return result


def with_value(array, value, index=(0, 0)):
    out = np.array(array, dtype=float)
    out[index] = value
    return out


def set_weights(p: nn.Perceptron, W) -> nn.Perceptron:
    p.W = W
    return p


# Each case: an id, a function of the extreme value, and a regular expression for the argument to blame.
CASES = [
    ("sigmoid", lambda v: nn.sigmoid(v), r"\bz\b"),
    ("step", lambda v: nn.step(v), r"\bz\b"),
    ("identity", lambda v: nn.identity(v), r"\bz\b"),
    ("bce-A", lambda v: nn.binary_cross_entropy([v, 0.5], [1, 0]), r"\bA\b"),
    ("bce-eps", lambda v: nn.binary_cross_entropy([0.2, 0.5], [1, 0], eps=v), r"\beps\b"),
    ("mse-A", lambda v: nn.mse_loss([v, 0.0], [0.0, 1.0]), r"\bA\b"),
    ("mse-y", lambda v: nn.mse_loss([0.0, 1.0], [v, 0.0]), r"\by\b"),
    ("matrix_multiply-X", lambda v: nn.matrix_multiply([[v, 1.0]], [[2.0], [1.0]]), r"\bX\b"),
    ("matrix_multiply-W", lambda v: nn.matrix_multiply([[2.0, 1.0]], [[v], [1.0]]), r"\bW\b"),
    ("normalize", lambda v: nn.normalize([[v], [1.0], [2.0]]), r"\bX\b"),
    ("forward_perceptron-X", lambda v: nn.forward_perceptron([[v, 1.0]], [2.0, 1.0], 0.0), r"\bX\b"),
    ("forward_perceptron-W", lambda v: nn.forward_perceptron(X_AND, [v, 1.0], 0.0), r"\bW\b"),
    ("forward_perceptron-b", lambda v: nn.forward_perceptron(X_AND, [1.0, 1.0], v), r"\bb\b"),
    ("gradients-X", lambda v: nn.gradients(with_value(X_AND, v), Y_AND, [2.0, 1.0], 0.0), r"\bX\b"),
    ("gradients-W", lambda v: nn.gradients(X_AND, Y_AND, [v, 1.0], 0.0), r"\bW\b"),
    ("gradient_descent-X", lambda v: nn.gradient_descent(with_value(X_AND, v), Y_AND, np.zeros(2), 0.0, 0.1, 20, 4),
     r"\bX\b"),
    ("gradient_descent-W", lambda v: nn.gradient_descent(X_AND, Y_AND, [v, 0.0], 0.0, 0.1, 20, 4), r"\bW\b"),
    ("gradient_descent-b", lambda v: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), v, 0.1, 20, 2), r"\bb\b"),
    ("gradient_descent-lr", lambda v: nn.gradient_descent(X_XOR, Y_XOR, np.ones(2), 0.0, v, 20, 4), r"\blr\b"),
    ("gradient_descent-num_epochs", lambda v: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), 0.0, 0.1, v, 4),
     "num_epochs"),
    ("gradient_descent-batch_size", lambda v: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), 0.0, 0.1, 5, v),
     "batch_size"),
    ("gradient_descent-mse-y", lambda v: nn.gradient_descent(X_AND, with_value(Y_AND, v, 0), np.zeros(2), 0.0, 0.1,
                                                             20, 4, nn.mse_loss, nn.identity), r"\by\b"),
    ("numerical_gradient-h", lambda v: nn.numerical_gradient(X_AND, Y_AND, {"W": np.ones(2), "b": 0.0},
                                                             nn.binary_cross_entropy, nn.forward_perceptron, h=v),
     r"\bh\b"),
    ("numerical_gradient-params", lambda v: nn.numerical_gradient(X_AND, Y_AND, {"W": [v, 1.0], "b": 0.0},
                                                                  nn.binary_cross_entropy, nn.forward_perceptron),
     r"params\['W'\]"),
    ("Perceptron-lr", lambda v: nn.Perceptron(2, lr=v).fit(X_XOR, Y_XOR), r"\blr\b"),
    ("Perceptron-epochs", lambda v: nn.Perceptron(2, epochs=v), "epochs"),
    ("Perceptron-fit-X", lambda v: nn.Perceptron(2).fit(with_value(X_AND, v), Y_AND), r"\bX\b"),
    ("Perceptron-predict", lambda v: nn.Perceptron(2).fit(X_AND, Y_AND).predict([v, 1.0]), r"\b[xX]\b"),
    ("Perceptron-W", lambda v: set_weights(nn.Perceptron(2), [v, 0.0, 0.0]), r"\bW\b"),
    ("pre_activation", lambda v: pre_activation([v, 1.0], [0.0, 2.0, 1.0]), r"\bX\b"),
    ("Pocket-lr", lambda v: PocketPerceptron(2, lr=v).fit(X_XOR, Y_XOR), r"\blr\b"),
    ("Pocket-fit-X", lambda v: PocketPerceptron(2).fit(with_value(X_XOR, v), Y_XOR), r"\bX\b"),
    ("TwoLayerNet-lr", lambda v: nn.TwoLayerNet(lr=v, epochs=50).fit(X_XOR, Y_XOR), r"\blr\b"),
    ("TwoLayerNet-init_scale", lambda v: nn.TwoLayerNet(init_scale=v, epochs=5).fit(X_XOR, Y_XOR), "init_scale"),
    ("TwoLayerNet-epochs", lambda v: nn.TwoLayerNet(epochs=v), "epochs"),
    ("TwoLayerNet-fit-X", lambda v: nn.TwoLayerNet(epochs=20).fit(with_value(X_XOR, v), Y_XOR), r"\bX\b"),
    ("TwoLayerNet-predict", lambda v: nn.TwoLayerNet(epochs=5).fit(X_XOR, Y_XOR).predict_proba([[v, 1e308]]),
     r"\bX\b"),
    ("forward_two_layer-X", lambda v: nn.forward_two_layer(with_value(X_XOR, v), **NET), r"\bX\b"),
    ("forward_two_layer-W2", lambda v: nn.forward_two_layer(X_XOR, **(NET | {"W2": [[v], [v]]})), r"\bW2\b"),
    ("two_layer_gradients-X", lambda v: nn.two_layer_gradients(with_value(X_XOR, v), Y_XOR, **NET), r"\bX\b"),
    ("two_layer_gradients-W1", lambda v: nn.two_layer_gradients(X_XOR, Y_XOR, **(NET | {"W1": np.full((2, 2), v)})),
     r"\bW1\b"),
    ("two_layer_loss-b2", lambda v: two_layer_loss(X_XOR, Y_XOR, **(NET | {"b2": [v]})), r"\bb2\b"),
    ("train_two_layer-lr", lambda v: train_two_layer(X_XOR, Y_XOR, NET, lr=v, epochs=30), r"\blr\b"),
    ("train_two_layer-X", lambda v: train_two_layer(with_value(X_XOR, v), Y_XOR, NET, lr=1.0, epochs=30), r"\bX\b"),
    ("two_clusters-n", lambda v: nn.two_clusters(n=v), r"\bn\b"),
    ("two_clusters-margin", lambda v: nn.two_clusters(20, margin=v), "margin"),
    ("two_clusters-spread", lambda v: nn.two_clusters(20, spread=v), "spread"),
    ("two_clusters-seed", lambda v: nn.two_clusters(20, seed=v), "seed"),
    ("logic_gate", lambda v: nn.logic_gate(v), "name"),
    ("plot_data", lambda v: plotting.plot_data(with_value(X_AND, v), Y_AND), r"\bX\b"),
    ("plot_loss", lambda v: plotting.plot_loss([0.7, v, 0.2]), "history"),
    ("plot_mistakes", lambda v: plotting.plot_mistakes([3, v, 0]), "errors"),
    ("plot_boundary", lambda v: plotting.plot_boundary((np.array([v, 1.0]), 0.0)), r"\bW\b"),
    ("plot_decision_regions-X", lambda v: plotting.plot_decision_regions(nn.Perceptron(2).fit(X_AND, Y_AND),
                                                                         with_value(X_AND, v), Y_AND), r"\bX\b"),
    ("plot_decision_regions-model", lambda v: plotting.plot_decision_regions((np.array([v, 1.0]), 0.0), X_AND, Y_AND),
     r"\bW\b"),
    ("plot_decision_regions-pad", lambda v: plotting.plot_decision_regions((np.ones(2), -1.5), X_AND, Y_AND, pad=v),
     "pad"),
    ("plot_decision_regions-resolution", lambda v: plotting.plot_decision_regions((np.ones(2), -1.5), X_AND, Y_AND,
                                                                                  resolution=v), "resolution"),
    ("plot_decision_regions-xlim", lambda v: plotting.plot_decision_regions((np.ones(2), -1.5), xlim=(v, 2.0),
                                                                            ylim=(-1.0, 2.0)), "xlim"),
    ("Perceptron-input_size", lambda v: nn.Perceptron(v), "input_size"),
    ("Pocket-shuffle", lambda v: PocketPerceptron(2, shuffle=v), "shuffle"),
    ("TwoLayerNet-n_inputs", lambda v: nn.TwoLayerNet(n_inputs=v), "n_inputs"),
    ("TwoLayerNet-seed", lambda v: nn.TwoLayerNet(seed=v), "seed"),
    ("gradient_descent-verbose", lambda v: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), 0.0, 0.1, 5, 4, verbose=v),
     "verbose"),
    ("gradient_descent-seed", lambda v: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), 0.0, 0.1, 5, 2, seed=v),
     "seed"),
    ("two_clusters-separable", lambda v: nn.two_clusters(20, separable=v), "separable"),
    ("validation.as_matrix", lambda v: nn.validation.as_matrix([[v, 1.0]], "P"), r"\bP\b"),
    ("validation.check_lr", lambda v: nn.validation.check_lr(v, "rate"), "rate"),
    ("validation.check_positive_int", lambda v: nn.validation.check_positive_int(v, "count"), "count"),
    ("validation.check_seed", lambda v: nn.validation.check_seed(v), "seed"),
    ("run_step-lr", lambda v: experiments.run_step("AND", lr=v), r"\blr\b"),
    ("run_sigmoid-lr", lambda v: experiments.run_sigmoid("AND", lr=v), r"\blr\b"),
    ("run_mlp-lr", lambda v: experiments.run_mlp("XOR", lr=v), r"\blr\b"),
]


@pytest.mark.parametrize("value", EXTREMES, ids=repr)
@pytest.mark.parametrize("call, culprit", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_extreme_numbers_give_a_finite_result_or_an_error_naming_the_argument(call, culprit, value):
    try:
        outcome(lambda: call(value), culprit)
    finally:
        plt.close("all")


@pytest.mark.parametrize("call, culprit", [
    (lambda: nn.Perceptron(2, epochs=10**12), "epochs"),
    (lambda: PocketPerceptron(2, epochs=10**12), "epochs"),
    (lambda: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), 0.0, 0.1, 10**9, 4), "num_epochs"),
    (lambda: nn.gradient_descent(X_AND, Y_AND, np.zeros(2), 0.0, 0.1, 10**5, 4, verbose=10**12), None),
    (lambda: nn.TwoLayerNet(epochs=10**12), "epochs"),
    (lambda: nn.TwoLayerNet(n_hidden=10**9), "n_hidden"),
    (lambda: train_two_layer(X_XOR, Y_XOR, NET, lr=1.0, epochs=10**12), "epochs"),
    (lambda: nn.two_clusters(n=10**12), r"\bn\b"),
    (lambda: experiments.run_step("XOR", epochs=10**12), "epochs"),
    (lambda: experiments.run_sigmoid("XOR", epochs=10**12), "epochs"),
    (lambda: experiments.run_mlp("XOR", epochs=10**12), "epochs"),
    (lambda: nn.Perceptron(2000, epochs=nn.validation.MAX_EPOCHS).fit(np.eye(2000), np.eye(2000)[0]), "epochs"),
    (lambda: nn.gradient_descent(np.eye(200), np.eye(200)[0], np.zeros(200), 0.0, 0.1, nn.validation.MAX_EPOCHS, 200,
                                 return_weights=True), "num_epochs"),
], ids=["Perceptron", "Pocket", "gradient_descent", "verbose", "TwoLayerNet", "n_hidden", "train_two_layer",
        "two_clusters", "run_step", "run_sigmoid", "run_mlp", "W_history_-memory", "return_weights-memory"])
def test_work_beyond_the_documented_bounds_is_refused_at_once_by_name(call, culprit):
    if culprit is None:  # verbose=10**12 only prints less: a bound on work does not apply
        return
    with pytest.raises(ValueError, match=culprit):
        call()


# ---- the cases the adversarial run reported, one by one ------------------------------------------

def test_a_huge_init_scale_is_refused_not_trained_into_nan():
    with pytest.raises(ValueError, match="init_scale"):
        nn.TwoLayerNet(init_scale=1e308, epochs=5).fit(X_XOR, Y_XOR)


def test_a_finite_but_exploding_loss_is_divergence_naming_the_lr_unless_allowed():
    X, y = nn.two_clusters(40, separable=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(nn.TrainingDiverged, match=r"lr=1e\+06 is too large") as info:
            nn.gradient_descent(X, y, np.zeros(2), 0.0, 1e6, 100, 40)
        assert info.value.loss_history.size == 0  # epoch 1 already grew past the limit
        with pytest.raises(nn.TrainingDiverged, match=r"lr=1e\+06"):
            nn.TwoLayerNet(lr=1e6).fit(X_XOR, Y_XOR)
        _, _, losses = nn.gradient_descent(X, y, np.zeros(2), 0.0, 1e6, 100, 40, allow_growth=True)
        net = nn.TwoLayerNet(lr=1e6, epochs=100).fit(X_XOR, Y_XOR, allow_growth=True)
    assert np.all(np.isfinite(losses)) and losses.max() > nn.GROWTH_LIMIT
    assert np.all(np.isfinite(net.loss_history_)) and net.loss_history_.max() > nn.GROWTH_LIMIT


def test_the_explorers_still_show_a_diverged_state_for_a_huge_lr():
    for run, dataset in ((experiments.run_sigmoid, "clusters-overlap"), (experiments.run_mlp, "XOR")):
        r = run(dataset, lr=1e6)
        assert r.status == "diverged" and "too large" in r.message
        assert finite(r.params) and len(r.frames) >= 1


def test_normalize_is_exact_at_the_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(nn.normalize([[1e200], [-1e200]]), [[1.0], [-1.0]])
        out, mean, std = nn.normalize([[1e308], [1e308], [1.0]], return_stats=True)
        tiny = nn.normalize([[1e-300], [-1e-300], [3e-300]])
    np.testing.assert_allclose(out.ravel(), [2 ** -0.5, 2 ** -0.5, -(2 ** 0.5)], rtol=1e-12)
    assert mean[0] == pytest.approx(1e308 / 3 * 2) and std[0] == pytest.approx(1e308 / 3 * 2 ** 0.5)
    np.testing.assert_allclose(tiny.mean(), 0.0, atol=1e-15)
    np.testing.assert_allclose(tiny.std(), 1.0, rtol=1e-12)


@pytest.mark.parametrize("h", [1e-300, 1e-11, 0.5, 1e10])
def test_numerical_gradient_refuses_a_step_that_cannot_resolve_the_loss_and_says_what_works(h):
    with pytest.raises(ValueError, match=r"h must be from 1e-10 to 0.1"):
        nn.numerical_gradient(X_AND, Y_AND, {"W": np.ones(2), "b": 0.0}, nn.binary_cross_entropy,
                              nn.forward_perceptron, h=h)


def test_two_clusters_takes_numpy_scalars_and_refuses_non_finite_spreads():
    a = nn.two_clusters(np.int64(30), separable=np.bool_(True), seed=np.int32(2), margin=np.float32(0.5),
                        spread=np.float64(0.6))
    b = nn.two_clusters(30, separable=True, seed=2, margin=0.5, spread=0.6)
    np.testing.assert_array_equal(a[0], b[0])
    for bad in (math.inf, math.nan, -1.0, 0.0):
        with pytest.raises(ValueError, match="spread"):
            nn.two_clusters(30, spread=bad)


def test_overflowing_data_are_blamed_on_the_data_column_not_on_the_lr():
    X = np.array([[0.0, 1.0], [1.0, 1e308], [2.0, 0.0]])
    for call in (lambda: nn.gradient_descent(X, [0, 1, 0], np.zeros(2), 0.0, 0.1, 10, 3),
                 lambda: nn.Perceptron(2).fit(X, [0, 1, 0]),
                 lambda: nn.TwoLayerNet().fit(X, [0, 1, 0])):
        with pytest.raises(ValueError, match="X column 1 holds values as large as 1e\\+308") as info:
            call()
        assert "lr" not in str(info.value)


def test_a_learning_rate_that_overflows_the_weights_is_named():
    with pytest.raises(nn.TrainingDiverged, match=r"lr=1e\+308 is too large"):
        nn.Perceptron(2, lr=1e308).fit(X_AND, Y_AND)


def test_rosenblatt_epoch_is_the_update_of_the_tutorial_listing():
    """One epoch over AND from zeros, by hand: the rows in order, W <- W + lr e [1, x] on each mistake."""
    W = np.zeros(3)
    assert rosenblatt_epoch(W, X_AND, Y_AND.astype(float), 1.0) == 2
    np.testing.assert_array_equal(W, [0.0, 1.0, 1.0])  # (0,0) fires: -[1,0,0]; (1,1) does not: +[1,1,1]


def test_the_blogs_own_forward_function_works_with_numerical_gradient():
    """The blog's listing: forward_fn(X, params) receives the whole dict."""

    def forward(X, params):
        return nn.sigmoid(X @ params["W"] + params["b"])

    params = {"W": np.array([[0.3], [-0.2]]), "b": np.array([[0.1]])}
    numeric = nn.numerical_gradient(X_AND, Y_AND, params, nn.binary_cross_entropy, forward)
    dW, db = nn.gradients(X_AND, Y_AND, params["W"], params["b"])
    np.testing.assert_allclose(numeric["W"], dW, rtol=1e-6)
    np.testing.assert_allclose(numeric["b"], db, rtol=1e-6)
    assert numeric["W"].shape == (2, 1) and numeric["b"].shape == (1, 1)
    np.testing.assert_array_equal(params["W"], [[0.3], [-0.2]])  # left as it was


# ---- the tools: a learner's files survive ------------------------------------------------------

LEARNER_FILES = {
    "my_answers.py": "w = [1, 1]\n",
    "notes.md": "# what I learned\n",
    "data.csv": "x,y\n1,2\n",
    "results/fig1.png": "\x89PNG fake",
    ".git/HEAD": "ref: refs/heads/main\n",
    "scratch.ipynb": nbformat.writes(nbformat.v4.new_notebook()),
}


def put_learner_files(folder: Path) -> dict[Path, bytes]:
    placed = {}
    for rel, text in LEARNER_FILES.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        placed[path] = path.read_bytes()
    return placed


def all_still_there(placed: dict[Path, bytes]) -> bool:
    return all(path.is_file() and path.read_bytes() == data for path, data in placed.items())


@pytest.fixture()
def series(tmp_path) -> Path:
    return make_series(tmp_path)


def test_make_student_twice_keeps_every_file_of_the_learners(series, tmp_path):
    out = tmp_path / "build" / "student"
    assert make_student.main(["--src", str(series), "--out", str(out), "--zip"]) == 0
    placed = put_learner_files(out)
    assert make_student.main(["--src", str(series), "--out", str(out), "--zip"]) == 0
    assert all_still_there(placed)
    assert make_student.main(["--src", str(series), "--out", str(out), "--force"]) == 0
    assert all_still_there(placed)


def test_make_student_into_a_folder_of_the_learners_keeps_it_all(series, tmp_path):
    out = tmp_path / "my_project"
    placed = put_learner_files(out)
    assert make_student.main(["--src", str(series), "--out", str(out)]) == 0
    assert all_still_there(placed) and (out / "01_demo.ipynb").is_file()


def test_make_student_refuses_to_overwrite_an_edited_copy_listing_it(series, tmp_path, capsys):
    out = tmp_path / "student"
    make_student.make_student(series, out)
    edited = out / "01_demo.ipynb"
    nb = nbformat.read(edited, as_version=4)
    nb.cells[0].source += "\nmy note"
    nbformat.write(nb, edited)
    placed = {edited: edited.read_bytes(), **put_learner_files(out)}
    assert make_student.main(["--src", str(series), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "01_demo.ipynb (changed: cell 0)" in err and "--force" in err
    assert all_still_there(placed)


@pytest.mark.parametrize("tool", ["make_student", "build_site"])
@pytest.mark.parametrize("where", ["same", "inside", "containing"])
def test_an_output_folder_that_is_inside_or_contains_the_source_is_refused(series, tool, where, capsys):
    out = {"same": series, "inside": series / "out", "containing": series.parent}[where]
    before = {p: p.read_bytes() for p in series.parent.rglob("*") if p.is_file()}
    main = make_student.main if tool == "make_student" else build_site.main
    assert main(["--src", str(series), "--out", str(out)]) == 1
    assert "source folder" in capsys.readouterr().err
    assert all_still_there(before) and not (series / "out").exists()


@pytest.mark.parametrize("tool", ["make_student", "build_site"])
def test_a_malformed_notebook_is_named_in_one_line_and_nothing_is_removed(series, tmp_path, tool, capsys):
    out = tmp_path / "out"
    main = make_student.main if tool == "make_student" else build_site.main
    assert main(["--src", str(series), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (series / "02_broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    capsys.readouterr()
    assert main(["--src", str(series), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert "02_broken.ipynb" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert all_still_there(before)


def test_build_site_keeps_the_learners_files_and_refuses_to_overwrite_a_changed_page(series, tmp_path, capsys):
    out = tmp_path / "site"
    placed = put_learner_files(out)  # an existing folder full of someone's files
    assert build_site.main(["--src", str(series), "--out", str(out)]) == 0
    assert all_still_there(placed) and (out / "index.html").is_file()
    assert build_site.main(["--src", str(series), "--out", str(out)]) == 0  # a rebuild replaces its own pages
    page = out / "01_demo.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- my edit -->", encoding="utf-8")
    assert build_site.main(["--src", str(series), "--out", str(out)]) == 1
    assert "01_demo.html" in capsys.readouterr().err and "my edit" in page.read_text(encoding="utf-8")
    assert build_site.main(["--src", str(series), "--out", str(out), "--force"]) == 0
    assert "my edit" not in page.read_text(encoding="utf-8") and all_still_there(placed)


def test_build_site_src_equal_to_out_leaves_the_notebooks_alone(series, capsys):
    notebooks = {p: p.read_bytes() for p in series.glob("*.ipynb")}
    assert build_site.main(["--src", str(series), "--out", str(series)]) == 1
    assert all_still_there(notebooks)


def test_publish_removes_only_its_own_unchanged_outputs_of_an_earlier_run(tmp_path):
    import safe_output

    new = tmp_path / "new"
    new.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (new / name).write_text(name, encoding="utf-8")
    out = tmp_path / "out"
    safe_output.publish(safe_output.tree(new), out)
    (out / "b.txt").write_text("a learner's edit", encoding="utf-8")
    (new / "b.txt").unlink()
    (new / "c.txt").unlink()
    safe_output.publish(safe_output.tree(new), out)  # b and c are no longer made
    assert (out / "b.txt").read_text(encoding="utf-8") == "a learner's edit"  # changed since: kept
    assert not (out / "c.txt").exists() and (out / "a.txt").exists()  # unchanged output of the last run: removed
    (out / "a.txt").unlink()
    (out / "a.txt").mkdir()  # something of another kind where an output goes
    with pytest.raises(safe_output.OutputInTheWay, match="a.txt"):
        safe_output.publish(safe_output.tree(new), out, force=True)
