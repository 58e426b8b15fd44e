"""Shared test set-up: a headless matplotlib backend, no figure left open between tests, and the order
in which ``make test`` and ``make check`` (``pytest -n 2 --dist loadfile``) hand the files to their two workers."""
from __future__ import annotations

import sys

import matplotlib
import pytest

matplotlib.use("Agg")  # before pyplot is imported anywhere: tests never open a window

# Longest first. The browser test (a JupyterLab server, chromium and a kernel per notebook) takes most
# of the run, so it must start at once on one worker while the other works through the rest; then the
# files that run notebooks or build things, and the quick unit tests last, so the two workers end together.
SLOW_FIRST = (
    "tests/test_browser.py",
    "tests/test_hub.py",  # a JupyterHub and two learners' servers (make check only): about 25 s
    "tests/test_explorers.py",
    "tests/test_explorer_widgets.py",
    "tests/test_student.py",
    "notebooks/04_sigmoid_bce.ipynb",
    "notebooks/06_hidden_layer_xor.ipynb",
    "notebooks/05_xor_failure.ipynb",
    "tests/test_site.py",
    "notebooks/03_learning_rule.ipynb",
    "notebooks/02_step_perceptron_logic_gates.ipynb",
    "tests/test_experiments.py",
    "tests/test_adversarial.py",
    "notebooks/07_iris_real_data.ipynb",
    "notebooks/01_biological_neurons.ipynb",
    "tests/test_mlp.py",
    "notebooks/00_start_here.ipynb",
)


def pytest_configure(config: pytest.Config) -> None:
    # xdist's default reorders work units by their number of tests, which would put the browser test's
    # four long tests near the end; keep the order below instead.
    if getattr(config.option, "loadscopereorder", None):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Files in SLOW_FIRST order, then the others as collected; the order inside a file is kept."""
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test made, so memory stays flat across the suite.

    pyplot is not imported here (0.6 s, which xdist's controller would spend before starting its
    workers): a test that made pyplot figures has imported it.
    """
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
