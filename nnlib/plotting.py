"""Figures for the series: data, decision regions and boundaries, learning curves.

Every function takes an optional ``ax`` (None makes a new figure), labels its axes, sets a title and
returns the Axes. Colours come from the colourblind-safe Okabe-Ito palette, and the two classes also
differ in marker shape, so that colour is never the only cue.
"""
from __future__ import annotations

import numbers
from typing import Any, Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MaxNLocator

from .functions import forward_perceptron
from .perceptron import Perceptron
from .validation import as_array, as_labels, as_matrix, check_lr

__all__ = ["OKABE_ITO", "FONT_SIZE", "presentation", "CLASS_COLORS", "CLASS_MARKERS", "plot_data",
           "plot_decision_regions", "plot_boundary", "plot_loss", "plot_mistakes", "label_axes"]

OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}
CLASS_COLORS = (OKABE_ITO["orange"], OKABE_ITO["blue"])  # class 0, class 1
CLASS_MARKERS = ("o", "s")
REGION_CMAP = ListedColormap(["#FBE3B0", "#BFD9EC"])  # light orange, light blue
BOUNDARY_COLOR = OKABE_ITO["black"]
#: Base font size (points) of every figure, set on import: "small" legend text (10.8 points) then stays
#: at least 10 pixels even in a 15-inch-wide figure shrunk to JupyterLab's 1000-pixel output area.
FONT_SIZE = 13.0
#: The base font size for a projector: see presentation().
PRESENTATION_FONT_SIZE = 18.0
plt.rcParams["font.size"] = FONT_SIZE


def presentation(on: bool = True) -> None:
    """Larger text in every figure (and explorer) made from now on, for a projector; ``False`` goes back."""
    plt.rcParams["font.size"] = PRESENTATION_FONT_SIZE if on else FONT_SIZE


def _drawable(values: np.ndarray, name: str) -> np.ndarray:
    """Refuse values whose spread matplotlib's axis arithmetic would overflow (beyond 1e300 or so)."""
    if values.size and float(np.max(values)) / 2 - float(np.min(values)) / 2 > 1e300:
        raise ValueError(f"{name} spans {np.min(values):.3g} to {np.max(values):.3g}: too wide to draw (at most "
                         "about 1e300 from end to end); scale the data first, e.g. with nn.normalize")
    return values


def _axes(ax: Axes | None, figsize: tuple[float, float] = (5, 4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_data(X: Any, y: Any, ax: Axes | None = None, title: str = "Data",
              labels: Sequence[str] = ("class 0", "class 1"),
              xlabel: str = "$x_1$", ylabel: str = "$x_2$") -> Axes:
    """Scatter 2-D points ``X`` (n, 2) with 0/1 labels ``y`` (n,): orange circles and blue squares."""
    X = _drawable(as_matrix(X, "X", n_features=2), "X")
    y = as_labels(y, X.shape[0], name="y")  # a label outside {0, 1} would silently vanish
    ax = _axes(ax)
    for cls in (0, 1):
        pts = X[y == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=60, c=CLASS_COLORS[cls], marker=CLASS_MARKERS[cls],
                   edgecolors="black", linewidths=0.8, label=labels[cls], zorder=3)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend(loc="best", fontsize="small")
    return ax


def _linear_params(model: Any) -> tuple[float, np.ndarray] | None:
    """(b, w) for a 2-feature linear model, else None."""
    if isinstance(model, Perceptron):
        return (model.bias, np.asarray(model.weights, float)) if model.input_size == 2 else None
    if isinstance(model, tuple) and len(model) == 2:
        w, b = as_array(model[0], "W").ravel(), as_array(model[1], "b").ravel()
        if w.size == 2 and b.size == 1:
            return float(b[0]), w
    return None


def _predictor(model: Any) -> Callable[[np.ndarray], np.ndarray]:
    if isinstance(model, Perceptron):
        return model.predict
    if isinstance(model, tuple) and len(model) == 2:
        W, b = model
        return lambda P: (np.asarray(forward_perceptron(P, np.ravel(W), b)) >= 0.5).astype(int)
    if callable(model):
        return lambda P: (np.asarray(model(P), float).ravel() >= 0.5).astype(int)
    raise TypeError("model must be a Perceptron, a (W, b) tuple, or a function mapping X (m, 2) to labels or "
                    "probabilities (m,)")


def plot_boundary(model: Any, ax: Axes | None = None, label: str = "boundary", **line_kw: Any) -> Axes:
    """Draw the line ``w1 x1 + w2 x2 + b = 0`` of a 2-feature ``Perceptron`` or ``(W, b)`` (none if w1 = w2 = 0)."""
    params = _linear_params(model)
    if params is None:
        raise TypeError("plot_boundary needs a 2-feature Perceptron or a (W, b) tuple with 2 weights")
    b, (w1, w2) = params
    ax = _axes(ax)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    kw = {"color": BOUNDARY_COLOR, "lw": 2, "label": label} | line_kw
    if w2 != 0:
        xs = np.array([x0, x1])
        ax.plot(xs, -(b + w1 * xs) / w2, **kw)
    elif w1 != 0:
        ax.plot([-b / w1] * 2, [y0, y1], **kw)
    ax.set(xlim=(x0, x1), ylim=(y0, y1))
    return ax


def plot_decision_regions(model: Any, X: Any = None, y: Any = None, ax: Axes | None = None,
                          title: str = "Decision regions", pad: float = 0.5,
                          resolution: int = 200, xlim: tuple[float, float] | None = None,
                          ylim: tuple[float, float] | None = None) -> Axes:
    """Shade where ``model`` predicts 0 and 1, draw its boundary, and plot ``X`` (n, 2) and ``y`` (n,) if given.

    ``model`` is a ``Perceptron``, a sigmoid model's ``(W, b)``, or a function mapping (m, 2) points to labels
    or probabilities (class 1 where >= 0.5). Without ``X``, give ``xlim`` and ``ylim``.
    """
    if isinstance(resolution, bool) or not isinstance(resolution, numbers.Integral) or not 2 <= resolution <= 2000:
        raise ValueError(f"resolution must be a whole number from 2 to 2000 (grid points per axis), got {resolution!r}")
    pad = 0.0 if pad == 0 else check_lr(pad, "pad", 1e6)
    if X is not None:
        X = _drawable(as_matrix(X, "X", n_features=2), "X")
        lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    elif xlim is None or ylim is None:
        raise ValueError("give X, or both xlim and ylim, so the plot knows its extent")
    else:
        lo, hi = np.zeros(2), np.ones(2)
    for axis, lim, name in ((0, xlim, "xlim"), (1, ylim, "ylim")):
        if lim is not None:
            arr = as_array(lim, name)
            if arr.shape != (2,) or not arr[0] < arr[1]:
                raise ValueError(f"{name} must be two numbers (low, high) with low < high, got {lim!r}")
            lo[axis], hi[axis] = arr
    if not np.all((hi / 2 - lo / 2 > 0) & (hi / 2 - lo / 2 <= 1e300)):
        raise ValueError(f"the plot would span x from {lo[0]:g} to {hi[0]:g} and y from {lo[1]:g} to {hi[1]:g}: "
                         "X (with pad) or xlim/ylim must give each axis a width > 0 and at most about 1e300")
    ax = _axes(ax)
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    labels = _predictor(model)(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    # One image pixel per grid point: far cheaper to draw than resolution**2 mesh cells, and not scanned by legend.
    dx, dy = (hi[0] - lo[0]) / (resolution - 1), (hi[1] - lo[1]) / (resolution - 1)
    ax.imshow(labels, origin="lower", extent=(lo[0] - dx / 2, hi[0] + dx / 2, lo[1] - dy / 2, hi[1] + dy / 2),
              cmap=REGION_CMAP, vmin=0, vmax=1, interpolation="nearest", aspect="auto", zorder=0)
    ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]))
    if _linear_params(model) is not None:
        plot_boundary(model, ax=ax)
    elif 0 < labels.mean() < 1:
        ax.contour(g1, g2, labels, levels=[0.5], colors=BOUNDARY_COLOR, linewidths=2)
    if X is not None and y is not None:
        plot_data(X, y, ax=ax, title=title)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title)
    return ax


def plot_loss(history: Any, ax: Axes | None = None, title: str = "Loss per epoch",
              ylabel: str = "loss", label: str | None = None) -> Axes:
    """Line plot of a loss history (num_epochs,) against the epoch number (1, 2, ...)."""
    h = _drawable(as_array(history, "history").ravel(), "history")
    ax = _axes(ax)
    ax.plot(np.arange(1, h.size + 1), h, color=OKABE_ITO["blue"] if label is None else None, lw=2, label=label)
    ax.set(xlabel="epoch", ylabel=ylabel, title=title)
    ax.grid(alpha=0.3)
    return ax


def plot_mistakes(errors: Any, ax: Axes | None = None, title: str = "Mistakes per epoch") -> Axes:
    """Bar chart of a perceptron's ``errors_`` (mistakes in each epoch)."""
    e = _drawable(as_array(errors, "errors").ravel(), "errors")
    ax = _axes(ax)
    edges = {"edgecolor": "black", "linewidth": 0.5} if e.size <= 40 else {}  # many thin edges look like hatching
    ax.bar(np.arange(1, e.size + 1), e, color=OKABE_ITO["vermillion"], **edges)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # mistakes are whole numbers
    ax.set(xlabel="epoch", ylabel="mistakes (weight updates)", title=title)
    ax.grid(alpha=0.3, axis="y")
    return ax


def label_axes(ax: Axes, title: str, xlabel: str, ylabel: str, legend: bool | dict = True) -> Axes:
    """Finish a panel: labels, title, a light grid and a small legend (``legend`` may be ``ax.legend`` keywords)."""
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(alpha=0.3)
    if legend:
        ax.legend(**{"fontsize": "small", **(legend if isinstance(legend, dict) else {})})
    return ax
