"""Shared test set-up: a headless matplotlib backend and no figure left open between tests."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: tests never open a window

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test made, so memory stays flat across the suite."""
    yield
    plt.close("all")
