"""Every plotting function returns the Axes it was given, draws something, and refuses bad input."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import nnlib as nn  # noqa: E402
from nnlib import plotting as P  # noqa: E402


@pytest.fixture
def ax():
    _, ax = plt.subplots()
    return ax


@pytest.fixture
def and_model():
    X, y = nn.logic_gate("AND")
    return X, y, nn.Perceptron(2).fit(X, y)


def _labelled(ax):
    return ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


def test_palette_is_okabe_ito():
    assert P.OKABE_ITO["orange"] == "#E69F00" and P.OKABE_ITO["blue"] == "#0072B2"
    assert P.CLASS_COLORS == (P.OKABE_ITO["orange"], P.OKABE_ITO["blue"])
    assert P.CLASS_MARKERS[0] != P.CLASS_MARKERS[1]


def test_plot_data(ax):
    X, y = nn.logic_gate("OR")
    assert P.plot_data(X, y, ax=ax, title="OR") is ax
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 2
    assert [len(s.get_offsets()) for s in scatters] == [1, 3]
    assert to_hex(scatters[1].get_facecolor()[0]).upper() == P.CLASS_COLORS[1]
    assert ax.get_title() == "OR" and _labelled(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_plot_data_makes_its_own_axes_and_refuses_bad_input():
    X, y = nn.logic_gate("OR")
    assert P.plot_data(X, y).collections
    with pytest.raises(ValueError, match=r"\by\b"):
        P.plot_data(X, y[:3])
    with pytest.raises(ValueError, match=r"\bX\b"):
        P.plot_data(np.ones((4, 3)), y)
    with pytest.raises(ValueError, match="labels 0 and 1"):
        P.plot_data(X, [0, 1, 2, 1])  # a class-2 point would silently vanish


def test_plot_decision_regions_for_a_perceptron(ax, and_model):
    X, y, p = and_model
    assert P.plot_decision_regions(p, X, y, ax=ax) is ax
    (image,) = ax.images
    shaded = np.asarray(image.get_array())
    assert 0 < shaded.mean() < 1  # both classes shaded
    # One pixel per grid point, centred on it: z = -3 + 2 x1 + x2 decides each pixel's class.
    left, right, bottom, top = image.get_extent()
    rows, cols = shaded.shape
    pixel = lambda x, y: shaded[int((y - bottom) / (top - bottom) * rows), int((x - left) / (right - left) * cols)]  # noqa: E731
    assert pixel(1.4, 1.4) == 1 and pixel(0.0, 0.0) == 0 and pixel(1.0, 0.0) == 0 and pixel(1.4, 0.4) == 1
    assert len(ax.lines) == 1  # the boundary line
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert (x0, x1, y0, y1) == (-0.5, 1.5, -0.5, 1.5)
    # The line is w1 x1 + w2 x2 + b = 0 for W = [-3, 2, 1].
    xs, ys = ax.lines[0].get_data()
    np.testing.assert_allclose(2 * np.asarray(xs) + np.asarray(ys) - 3, 0, atol=1e-12)
    assert _labelled(ax)


def test_plot_decision_regions_for_W_b_and_for_a_function(ax):
    X, y = nn.logic_gate("OR")
    P.plot_decision_regions((np.array([[1.0], [1.0]]), -0.5), X, y, ax=ax)
    assert len(ax.lines) == 1
    _, ax2 = plt.subplots()
    circle = lambda P_: (P_[:, 0] ** 2 + P_[:, 1] ** 2 < 1).astype(int)  # noqa: E731
    assert P.plot_decision_regions(circle, ax=ax2, xlim=(-2, 2), ylim=(-2, 2)) is ax2
    assert not ax2.lines and len(ax2.images) == 1 and ax2.collections  # regions + contour, no straight line


def test_plot_decision_regions_refuses_bad_input(ax, and_model):
    X, y, p = and_model
    with pytest.raises(ValueError, match="xlim and ylim"):
        P.plot_decision_regions(p, ax=ax)
    with pytest.raises(TypeError, match="model"):
        P.plot_decision_regions("not a model", X, y, ax=ax)
    with pytest.raises(ValueError, match=r"\bX\b"):
        P.plot_decision_regions(p, np.ones((4, 3)), y, ax=ax)


def test_plot_boundary(ax, and_model):
    X, y, p = and_model
    ax.set_xlim(-1, 2)
    ax.set_ylim(-1, 2)
    assert P.plot_boundary(p, ax=ax, color="red") is ax
    assert len(ax.lines) == 1 and ax.lines[0].get_color() == "red"
    assert ax.get_xlim() == (-1, 2)
    P.plot_boundary((np.array([1.0, 0.0]), -0.5), ax=ax)  # vertical line x1 = 0.5
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [0.5, 0.5])
    P.plot_boundary((np.zeros(2), 1.0), ax=ax)  # no line exists
    assert len(ax.lines) == 2
    with pytest.raises(TypeError, match="2-feature"):
        P.plot_boundary(nn.Perceptron(3), ax=ax)


def test_plot_loss(ax):
    h = np.array([0.7, 0.5, 0.4])
    assert P.plot_loss(h, ax=ax) is ax
    xs, ys = ax.lines[0].get_data()
    np.testing.assert_array_equal(xs, [1, 2, 3])
    np.testing.assert_array_equal(ys, h)
    assert _labelled(ax) and ax.get_xlabel() == "epoch"
    with pytest.raises(ValueError, match="history"):
        P.plot_loss([0.5, np.nan])


def test_plot_mistakes(ax, and_model):
    *_, p = and_model
    assert P.plot_mistakes(p.errors_, ax=ax) is ax
    heights = [r.get_height() for r in ax.patches]
    assert heights == p.errors_
    assert _labelled(ax)
    ax.figure.canvas.draw()
    assert all(float(t).is_integer() for t in ax.get_yticks())  # whole mistakes only
    _, ax_many = plt.subplots()
    P.plot_mistakes(np.arange(100) % 7, ax=ax_many)
    assert all(r.get_linewidth() == 0 or r.get_edgecolor()[3] == 0 for r in ax_many.patches)  # no hatching edges
    with pytest.raises(TypeError, match="errors"):
        P.plot_mistakes(["a", "b"])
