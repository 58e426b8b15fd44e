"""The explorers' public pieces hold together. (The checks' case tables are tested row by row in
test_checks_tables.py: every mistake is told apart from the right answer and gets its own hint.)"""
from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from course import experiments, explorers


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
    (explorers.step_explorer, experiments.run_step, explorers.OPENING["step"]),
    (explorers.sigmoid_explorer, experiments.run_sigmoid, explorers.OPENING["sigmoid"]),
    (explorers.mlp_explorer, experiments.run_mlp, explorers.OPENING["mlp"]),
])
def test_an_explorer_starts_at_its_defaults_and_shows_what_the_pure_function_gives(factory, run, defaults):
    with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, display() prints
        e = factory()
        assert isinstance(e, explorers.Explorer)
        assert {k: e.settings()[k] for k in ("lr", "epochs", "init", "seed")} == \
            {k: defaults[k] for k in ("lr", "epochs", "init", "seed")}
        assert isinstance(e.result, experiments.ExperimentResult) and explorers.ExperimentResult is experiments.ExperimentResult
        assert e.result.summary() == run(**e.settings()).summary()
        e.set(lr=0.5, epochs=20)
        want = run(**e.settings())
    assert e.result.summary() == want.summary() and e.settings()["epochs"] == 20
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == want.summary() and bundle["image/png"]  # what a static render shows
