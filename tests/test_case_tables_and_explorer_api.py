"""The answer checks' case tables say what they claim, and the explorers' public pieces hold together."""
from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from course import experiments, explorers
from course.checks.nb00 import ACCURACY_CASES
from course.checks.nb01 import FIRES_CASES
from course.checks.nb02 import LINE_CASES, OUTPUT_CASES


# ---- the checks' case tables ----------------------------------------------------------

def test_accuracy_cases_hold_their_answers_and_one_would_broadcast():
    for pred, labels, acc in ACCURACY_CASES:
        assert np.mean(np.ravel(pred) == np.ravel(labels)) == pytest.approx(acc)
    column = [(pred, labels) for pred, labels, _ in ACCURACY_CASES if pred.ndim == 2]
    assert len(column) == 1 and (column[0][0] == column[0][1]).shape == (5, 5)


def test_fires_cases_tell_the_typical_mistakes_apart():
    sums = [sum(x * w for x, w in zip(xs, ws)) for xs, ws, _ in FIRES_CASES]
    right = [s >= t for s, (_, _, t) in zip(sums, FIRES_CASES)]
    strict = [s > t for s, (_, _, t) in zip(sums, FIRES_CASES)]
    majority = [sum(xs) >= 2 for xs, _, _ in FIRES_CASES]  # counting active inputs, ignoring the weights
    assert any(s == t for s, (_, _, t) in zip(sums, FIRES_CASES))  # a case exactly on the threshold
    assert len({tuple(right), tuple(strict), tuple(majority), tuple(not r for r in right)}) == 4


def test_output_cases_have_the_pre_activations_their_comments_state():
    z = [W[0] + sum(w * x for w, x in zip(W[1:], xs)) for xs, W in OUTPUT_CASES]
    assert z == [0.5, -0.5, 0.5, -1.5, 0.0, -1.0, 4.0]
    no_bias = [sum(w * x for w, x in zip(W[1:], xs)) >= 0 for xs, W in OUTPUT_CASES]
    assert no_bias != [v >= 0 for v in z]


def test_line_cases_are_as_described():
    assert all(b != 0 and w1 != 0 and w2 != 0 for (b, w1, w2), in LINE_CASES)
    assert all(abs(w1) != abs(w2) for (_, w1, w2), in LINE_CASES[1:])


# ---- the explorers' public pieces -------------------------------------------------------

def test_every_data_set_has_a_label_and_its_code_line_loads_exactly_that_data():
    assert list(experiments.DATASET_LABELS) == list(experiments.DATASETS)
    for name in experiments.DATASETS:
        ns: dict = {}
        exec("import nnlib as nn\n" + experiments.dataset_code(name), ns)  # noqa: S102 - the line "show code" prints
        X, y = experiments.load_dataset(name)
        np.testing.assert_array_equal(ns["X"], X)
        np.testing.assert_array_equal(ns["y"], y)
        assert experiments.DATASET_LABELS[name]


@pytest.mark.parametrize("factory,run,defaults", [
    (explorers.step_explorer, experiments.run_step, experiments.STEP_DEFAULTS),
    (explorers.sigmoid_explorer, experiments.run_sigmoid, experiments.SIGMOID_DEFAULTS),
    (explorers.mlp_explorer, experiments.run_mlp, experiments.MLP_DEFAULTS),
])
def test_an_explorer_starts_at_its_defaults_and_shows_what_the_pure_function_gives(factory, run, defaults):
    with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, display() prints
        e = factory()
        assert isinstance(e, explorers.Explorer)
        assert {k: e.settings()[k] for k in ("lr", "epochs", "init", "seed")} == \
            {k: defaults[k] for k in ("lr", "epochs", "init", "seed")}
        assert isinstance(e.result, experiments.ExperimentResult) and explorers.ExperimentResult is experiments.ExperimentResult
        assert e.result.summary() == run(dataset=e.settings()["dataset"]).summary()
        e.set(lr=0.5, epochs=20)
        want = run(**e.settings())
    assert e.result.summary() == want.summary() and e.settings()["epochs"] == 20
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == want.summary() and bundle["image/png"]  # what a static render shows
