"""nnlib.plotting.label_axes: the finishing lines of a panel in one call."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from nnlib.plotting import label_axes  # noqa: E402


def test_label_axes_sets_labels_title_grid_and_a_small_legend():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0], label="a line")
    assert label_axes(ax, "T", "epoch", "loss", legend={"loc": "lower left"}) is ax
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("T", "epoch", "loss")
    assert all(line.get_visible() for line in ax.get_xgridlines())
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["a line"]
    assert legend.get_texts()[0].get_fontsize() == FontProperties(size="small").get_size_in_points()
    plt.close(fig)


def test_label_axes_can_leave_the_legend_out():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0], label="a line")
    label_axes(ax, "T", "x", "y", legend=False)
    assert ax.get_legend() is None
    plt.close(fig)
