"""Interactive explorers: drag the learning rate or the epochs and watch the model retrain.

Three layers, each usable on its own:

1. **Pure functions** (:mod:`course.experiments`, re-exported here):
   ``run_step``, ``run_sigmoid``, ``run_mlp`` map control values to a result
   (weights, history, accuracy, a status message, reproducing code).
2. **A renderer**, :class:`ExplorerFigure`: builds one matplotlib figure once
   and, on every change, only updates its artists' data (``set_data``,
   ``set_text``), then draws them over a cached background with matplotlib's
   blitting calls (``copy_from_bbox``, ``restore_region``, ``draw_artist``)
   and saves the canvas as PNG with ``matplotlib.image.imsave``. The
   background is redrawn when an axis range changes: the history panel alone
   for new loss or epoch ranges, everything for a new data set.
3. **The widget layer**, :class:`Explorer` (``step_explorer``,
   ``sigmoid_explorer``, ``mlp_explorer``): standard ipywidgets that call 1 and
   2. The lr and epochs sliders move over fixed grids of values and show each
   value exactly as it trains; a value refused (out of range, not a number)
   leaves the explorer as it was, with a message saying why; "updating..."
   shows while a retrain is under way. An ``Output`` widget shows the PNG, as ``%matplotlib inline`` would, and
   the numbers of the epoch shown are an HTML line below it (cheaper than
   drawing them). It works in JupyterLab 4 and in Notebook 7, where the mouse
   moves the sliders but the arrow keys do not (INSTRUCTOR.md explains why).
   A static render (HTML export, GitHub, nbviewer) shows the default picture,
   with those numbers drawn in, because the displayed object also carries an
   ``image/png`` and a ``text/plain`` summary.

The controls that change what trains: the step and sigmoid explorers' "x₁·x₂ feature" checkbox
(``x1x2``: the neuron learns on [x1, x2, x1*x2], its boundary a curve in the plane), and the network
explorer's "hidden" slider (``n_hidden``, 2 to 8 units, one dashed line each). :func:`weight_explorer`
trains nothing: sliders for w1, w2 and b move a step neuron's line over a gate's four points, and its
truth table stands beside the gate's.

In a notebook::

    from course import explorers
    explorers.step_explorer(dataset="AND")
    explorers.weight_explorer(gate="AND")
"""
from __future__ import annotations

import base64
import html
import io
import math
from fractions import Fraction
from typing import Any, Callable

import contourpy
import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.image import imsave
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from . import experiments
from .experiments import (
    DATASET_LABELS,
    DATASETS,
    EPOCHS_GRID,
    HIDDEN_RANGE,
    MLP_DEFAULTS,
    SEED_RANGE,
    SIGMOID_DEFAULTS,
    STEP_DEFAULTS,
    WEIGHT_DEFAULTS,
    WEIGHT_GRID,
    ExperimentResult,
    WeightResult,
    check_control,
    lr_grid,
    run_mlp,
    run_sigmoid,
    run_step,
    run_weights,
)
from nnlib import GATES
from nnlib.plotting import BOUNDARY_COLOR, CLASS_COLORS, CLASS_MARKERS, FONT_SIZE, OKABE_ITO

__all__ = [
    "run_step",
    "run_sigmoid",
    "run_mlp",
    "run_weights",
    "ExperimentResult",
    "WeightResult",
    "ExplorerFigure",
    "epoch_band",
    "lr_label",
    "Explorer",
    "step_explorer",
    "sigmoid_explorer",
    "mlp_explorer",
    "WeightFigure",
    "WeightExplorer",
    "weight_explorer",
]


# Light orange (class 0) to light blue (class 1): the region colours of nnlib.plotting.
REGION_CMAP = LinearSegmentedColormap.from_list("nnlib_regions", ["#FBE3B0", "#FFFFFF", "#BFD9EC"])
RESOLUTION = 120
PAD = 0.6
#: The history panel's epoch axis ends at one of these multiples of a power of 10 (see :func:`epoch_band`).
BAND_STEPS = (1, 1.5, 2, 3, 4, 5, 6, 8)
#: Room (points) between the history panel's axes and its y label (enough for tick labels like "1000")
#: and its x label.
YLABEL_ROOM = 36
XLABEL_ROOM = 22
#: The explorer's text size (points) at 80 dots per inch: tick labels, legend and the line of numbers.
TEXT_POINTS = 10.0
TITLE_POINTS = 11.0
#: The hidden units' lines: four colours, then the same four dash-dotted (up to HIDDEN_RANGE[1] = 8 units).
HIDDEN_STYLES = [(colour, ls) for ls in ("--", "-.") for colour in (OKABE_ITO["green"], OKABE_ITO["purple"],
                                                                     OKABE_ITO["vermillion"], OKABE_ITO["sky"])]


def _line(lo: np.ndarray, hi: np.ndarray, w1: float, w2: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Points of w1 x1 + w2 x2 + b = 0 across the view from ``lo`` to ``hi`` (empty if both weights are 0)."""
    (x0, y0), (x1, y1) = lo, hi
    if abs(w2) >= abs(w1) and w2 != 0:
        xs = np.array([x0, x1])
        return xs, -(b + w1 * xs) / w2
    if w1 != 0:
        ys = np.array([y0, y1])
        return -(b + w2 * ys) / w1, ys
    return np.empty(0), np.empty(0)


def _zero_curve(grid: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The curve(s) where ``z`` (h, w), given on the points ``grid`` (h * w, 2), is 0: x and y arrays, pieces
    separated by NaN (one Line2D draws them all); empty if z does not change sign in the view."""
    g1, g2 = grid[:, 0].reshape(z.shape), grid[:, 1].reshape(z.shape)
    pieces = contourpy.contour_generator(g1, g2, z).lines(0.0)
    if not pieces:
        return np.empty(0), np.empty(0)
    joined = np.concatenate([np.vstack([piece, [np.nan, np.nan]]) for piece in pieces])[:-1]
    return joined[:, 0], joined[:, 1]


def epoch_band(epochs: int) -> int:
    """The right end of the epoch axis for a run of ``epochs``: the smallest whole number >= ``epochs``
    of the form 1, 1.5, 2, 3, 4, 5, 6 or 8 times a power of 10 (... 80, 100, 150, 200, 300 ...).

    The curve then fills at least two thirds of the axis, and every epoch count in one band shares
    the same axis, so changing the epochs within a band redraws no ticks or labels.
    """
    epochs = max(int(epochs), 1)
    scale = 1
    while True:
        for step in BAND_STEPS:
            band = step * scale
            if band >= epochs and band == int(band):
                return int(band)
        scale *= 10


def lr_label(lr: float) -> str:
    """How the lr slider shows ``lr``, exactly: "1/1024" for a power of 2 below 1, else the shortest
    decimal (the grids' values have at most 3 significant digits)."""
    if lr < 1 and Fraction(lr).numerator == 1:
        return f"1/{Fraction(lr).denominator}"
    return f"{lr:g}" if float(f"{lr:g}") == lr else repr(float(lr))


def label_value(label: str) -> float:
    """The number a slider label stands for (the inverse of :func:`lr_label`)."""
    return float(Fraction(label))


class ExplorerFigure:
    """One figure, built once, updated in place.

    Left: the data, the model's output as shaded regions and the decision
    boundary (plus the hidden units' lines for the MLP). Right: the mistakes
    per epoch (step) or the loss per epoch (sigmoid, MLP), with a marker at
    the epoch shown. A line of text at the bottom states the numbers (the
    widget layer leaves it out of its live pictures and shows it as HTML).

    :meth:`update` only changes the data of existing artists. :meth:`png`
    draws as little as it can (see :meth:`draw`), then saves the canvas.
    The epoch axis ends at :func:`epoch_band` of the epochs, so most epoch
    changes keep it.
    """

    def __init__(self, model: str, figsize: tuple[float, float] = (10.0, 4.2), dpi: float | None = None) -> None:
        if model not in ("step", "sigmoid", "mlp"):
            raise ValueError(f"model must be 'step', 'sigmoid' or 'mlp', got {model!r}")
        self.model = model
        # 80 dots per inch at the base font size: an 800-pixel picture, as wide as a notebook's output area,
        # with text of TEXT_POINTS (11 pixels and more). nnlib.plotting.presentation() raises the base font
        # size, and the whole picture scales with it.
        self.dpi = dpi if dpi is not None else 80 * mpl.rcParams["font.size"] / FONT_SIZE
        with mpl.rc_context({"font.size": TEXT_POINTS}):
            self._build(model, figsize)
        self._dataset: str | None = None
        self._grid: np.ndarray | None = None
        self._g_shape: tuple[int, int] = (RESOLUTION, RESOLUTION)
        self._background = None
        self._background_key: tuple | None = None
        self._hist_background_key: tuple | None = None
        self._split = 0.5
        self._panel_apart = False
        self.full_redraws = 0  # counters, for tests and benchmarks: everything drawn again
        self.panel_redraws = 0  # the history panel drawn again (new loss, mistakes or epoch range)
        # Paints over the history panel before it is drawn again (a figure-coloured rectangle).
        self._wipe = Rectangle((0.5, 0), 0.5, 1, transform=self.fig.transFigure, facecolor=self.fig.get_facecolor(),
                               edgecolor="none", antialiased=False, animated=True)
        self.fig.add_artist(self._wipe)
        self.result: ExperimentResult | None = None
        self.frame: int | None = None
        self.probs: np.ndarray | None = None  # (RESOLUTION, RESOLUTION) model output behind the regions
        self.live_height = int(self.fig.bbox.height)  # pixel rows of a picture without text (set by draw)

    def _build(self, model: str, figsize: tuple[float, float]) -> None:
        """Make the figure, its two axes and every artist that updates move later."""
        self.fig = Figure(figsize=figsize, dpi=self.dpi)
        FigureCanvasAgg(self.fig)
        self.ax_data, self.ax_hist = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
        self.fig.subplots_adjust(left=0.085, right=0.98, top=0.92, bottom=0.3, wspace=0.25)
        ax = self.ax_data
        # The regions, as colour-mapped RGBA bytes (origin lower: row 0 at the bottom).
        self.image = ax.imshow(np.zeros((2, 2, 4), np.uint8), origin="lower", interpolation="nearest",
                               extent=(0, 1, 0, 1), aspect="auto", zorder=0)
        (self.boundary,) = ax.plot([], [], color=BOUNDARY_COLOR, lw=2, label="decision boundary", zorder=2)
        self.hidden_lines = []
        if model == "mlp":  # one line per hidden unit; those beyond the network's width stay empty
            for k, (colour, ls) in enumerate(HIDDEN_STYLES[: HIDDEN_RANGE[1]]):
                (line,) = ax.plot([], [], ls=ls, lw=1.5, color=colour, label=f"hidden unit {k + 1}", zorder=2)
                self.hidden_lines.append(line)
        # Markers of a line without a line: they look like a scatter (size 60 points^2) and draw ten times faster.
        self.points = [
            ax.plot([], [], ls="none", marker=CLASS_MARKERS[c], ms=60**0.5, mfc=CLASS_COLORS[c], mec="black", mew=0.8,
                    label=f"class {c}", zorder=3)[0]
            for c in (0, 1)
        ]
        ax.set_xlabel("$x_1$", labelpad=1)
        ax.set_ylabel("$x_2$")
        ax.set_title("Data and decision regions", fontsize="medium")
        handles = [*self.points, *self.hidden_lines[:2]] if model == "mlp" else [self.boundary, *self.points]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=min(len(handles), 3),
                  fontsize="medium", frameon=False, handlelength=1.5, columnspacing=1.0)
        h = self.ax_hist
        colour = OKABE_ITO["vermillion"] if model == "step" else OKABE_ITO["blue"]
        (self.curve,) = h.plot([], [], color=colour, lw=2, drawstyle="steps-post" if model == "step" else "default")
        self.marker = h.axvline(0, color=OKABE_ITO["black"], lw=1, ls=":")
        h.set_xlabel("epoch")
        h.set_ylabel("mistakes (weight updates)" if model == "step" else "loss (binary cross-entropy)")
        # Fixed places for the axis labels (not pushed about by wider tick labels), so that a redraw of the
        # history panel (see draw) never needs room left of the place where the data panel ends.
        points = self.dpi / 72  # pixels per point
        h.yaxis.set_label_coords(-YLABEL_ROOM * points / (h.get_position().width * self.fig.bbox.width), 0.5)
        h.xaxis.set_label_coords(0.5, -XLABEL_ROOM * points / (h.get_position().height * self.fig.bbox.height))
        h.set_title("Mistakes per epoch" if model == "step" else "Loss per epoch", fontsize=TITLE_POINTS)
        h.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, steps=[1, 2, 2.5, 5, 10]))
        h.yaxis.set_major_locator(MaxNLocator(nbins=6 if model == "step" else 5, integer=model == "step",
                                              steps=[1, 2, 2.5, 5, 10]))
        h.grid(alpha=0.3)
        for axes in (ax, h):
            axes.tick_params(labelsize=TEXT_POINTS)  # ticks are made as they are drawn: fix their size now
        self.text = self.fig.text(0.01, 0.02, "", fontsize="medium", va="bottom", ha="left", wrap=True)
        self._dynamic = [self.image, self.boundary, *self.hidden_lines, *self.points, self.curve, self.marker]
        for artist in (*self._dynamic, self.text):
            artist.set_animated(True)  # left out of full draws; drawn on top of the cached background

    # -- data-dependent pieces, redone only when the data set changes
    def _set_dataset(self, result: ExperimentResult) -> None:
        X, y = result.X, result.y
        lo, hi = X.min(axis=0) - PAD, X.max(axis=0) + PAD
        g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], RESOLUTION), np.linspace(lo[1], hi[1], RESOLUTION))
        self._grid = np.column_stack([g1.ravel(), g2.ravel()])
        self._lo, self._hi = lo, hi
        self.image.set_extent((lo[0], hi[0], lo[1], hi[1]))
        self.ax_data.set_xlim(lo[0], hi[0])
        self.ax_data.set_ylim(lo[1], hi[1])
        for c, points in enumerate(self.points):
            points.set_data(X[y == c, 0], X[y == c, 1])
        lines = "" if self.model == "mlp" else " and boundary"  # the network's hidden lines are in the legend
        self.ax_data.set_title(f"{DATASET_LABELS[result.dataset]}: regions{lines}", fontsize=TITLE_POINTS)
        self._dataset = result.dataset

    def _line(self, w1: float, w2: float, b: float) -> tuple[np.ndarray, np.ndarray]:
        """Points of w1 x1 + w2 x2 + b = 0 across the view (empty if both weights are 0)."""
        return _line(self._lo, self._hi, w1, w2, b)

    def _hist_ylim(self, result: ExperimentResult) -> tuple[float, float]:
        """A y-range that stays put while lr changes, so the axes need no redraw."""
        top = float(np.max(result.history)) if result.history.size else 0.0
        if self.model == "step":  # whole mistakes, at most one per point
            for nice in (2, 5, 10, 20, 50, 100):
                if top < nice:
                    return -0.2, min(nice, len(result.y) + 0.5)
            return -0.2, len(result.y) + 0.5
        # Include the loss before training: it does not depend on lr, so while the loss only falls the
        # range stays the same for every lr.
        p0 = np.clip(result.proba(result.X, frame=0), 1e-15, 1 - 1e-15)
        top = max(top, float(-np.mean(result.y * np.log(p0) + (1 - result.y) * np.log(1 - p0))))
        for nice in (0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0):
            if top <= nice:
                return 0.0, nice
        return 0.0, top * 1.05

    def update(self, result: ExperimentResult, frame: int | None = None) -> None:
        """Show ``result`` at snapshot ``frame`` (default: the final weights), changing artists in place."""
        if result.model != self.model:
            raise ValueError(f"this figure shows a {self.model} model, got a {result.model} result")
        if result.dataset != self._dataset:
            self._set_dataset(result)
        last = len(result.frames) - 1
        frame = last if frame is None else int(np.clip(frame, 0, last))
        epoch, params = result.frames[frame]
        self.probs = result.proba(self._grid, frame=None if frame == last else frame).reshape(self._g_shape)
        self.image.set_data(REGION_CMAP(self.probs, bytes=True))
        if self.model == "mlp":
            self.boundary.set_data([], [])
            W1, b1 = np.asarray(params["W1"]), np.asarray(params["b1"])
            for k, line in enumerate(self.hidden_lines):
                line.set_data(*self._line(W1[0, k], W1[1, k], b1[k]) if k < W1.shape[1] else ([], []))
            note = ""
        elif result.x1x2:  # a curve in the original plane: where b + w1 x1 + w2 x2 + w3 x1 x2 = 0
            w = np.asarray(params["w"])
            z = result.z(self._grid, frame=None if frame == last else frame).reshape(self._g_shape)
            xs, ys = _zero_curve(self._grid, z) if np.any(w) else (np.empty(0), np.empty(0))
            self.boundary.set_data(xs, ys)
            note = ("  (no boundary: w = 0)" if not np.any(w) else "  (boundary outside the view)" if not xs.size
                    else "")
        else:
            w, b = np.asarray(params["w"]), float(params["b"])
            self.boundary.set_data(*self._line(w[0], w[1], b))
            note = self._boundary_note(w, b)
        hist = result.history
        if self.model == "step" and hist.size:
            # Bars of width 1 centred on each epoch, drawn as one stepped line.
            self.curve.set_data(np.arange(0.5, hist.size + 1), np.append(hist, hist[-1]))
        else:
            self.curve.set_data(np.arange(1, hist.size + 1), hist)
            marker = "o" if hist.size == 1 else "None"  # a line through one point draws nothing
            if self.curve.get_marker() != marker:
                self.curve.set_marker(marker)
        # The step rule stops after an error-free epoch: its axis follows the epochs it ran, so a run that
        # converged in 6 of 100 epochs fills the panel instead of its first 6 percent.
        shown = result.epochs_run if result.model == "step" else result.epochs
        xlim, ylim = (0.5, epoch_band(max(shown, 1)) + 0.5), self._hist_ylim(result)
        if self.ax_hist.get_xlim() != xlim:  # (setting a limit costs more than comparing it)
            self.ax_hist.set_xlim(*xlim)
        if self.ax_hist.get_ylim() != ylim:
            self.ax_hist.set_ylim(*ylim)
        self.marker.set_xdata([max(epoch, 0.5)] * 2)
        self.text.set_text(self.frame_line(result, frame) + note)
        self.result, self.frame = result, frame

    def _boundary_note(self, w: np.ndarray, b: float) -> str:
        """Why no boundary line is drawn, when none is: w = 0, or the line w.x + b = 0 misses the view."""
        if w[0] == 0 and w[1] == 0:
            return "  (no boundary: w = 0)"
        (x0, y0), (x1, y1) = self._lo, self._hi
        z = w[0] * np.array([x0, x0, x1, x1]) + w[1] * np.array([y0, y1, y0, y1]) + b
        if np.all(z > 0) or np.all(z < 0):  # every corner on one side: so is the whole (convex) view
            return "  (boundary outside the view)"
        return ""

    @staticmethod
    def frame_line(result: ExperimentResult, frame: int) -> str:
        """The numbers of one frame in one line: epoch, weights (one-neuron models), accuracy, loss, and the
        run's status in words."""
        return f"{result.frame_text(frame)}  [{result.status_note}]"

    def _key(self) -> tuple:
        return (self._dataset, self.ax_data.get_xlim(), self.ax_data.get_ylim(), self.ax_data.get_title())

    def _hist_key(self) -> tuple:
        return (self.ax_hist.get_xlim(), self.ax_hist.get_ylim())

    def draw(self, text: bool = True) -> None:
        """Render the canvas, redrawing static parts (axes, ticks, labels) only where they changed.

        A new data set redraws everything (``canvas.draw``, which skips the
        animated artists). New axis ranges on the history panel (another
        epoch band, another loss or mistakes range) redraw that panel alone
        over the cached background (``draw_artist`` on the Axes, after a
        rectangle of background colour); otherwise the cached background is
        restored. Then the changing artists are drawn on top, and the line of
        numbers at the bottom if ``text``.
        """
        canvas = self.fig.canvas
        key, hist_key = self._key(), self._hist_key()
        if key != self._background_key or (hist_key != self._hist_background_key and not self._panel_apart):
            canvas.draw()
            renderer = canvas.get_renderer()
            data_box = self.ax_data.get_tightbbox(renderer)
            legend_box = self.ax_data.get_legend().get_window_extent(renderer)
            left = max(data_box.x1, legend_box.x1)
            self._split = (left + 2) / self.fig.bbox.width  # everything right of this is the history panel
            # The history panel can be redrawn alone if nothing of the data panel reaches its y label.
            self._panel_apart = left + 2 < self.ax_hist.yaxis.label.get_window_extent(renderer).x0 - 1
            # Below the lowest label or legend only the line of numbers is drawn: pictures without it end there.
            lowest = min(data_box.y0, self.ax_hist.get_tightbbox(renderer).y0, legend_box.y0)
            self.live_height = int(self.fig.bbox.height) - max(0, math.floor(lowest) - 4)
            self.full_redraws += 1
        elif hist_key != self._hist_background_key:
            canvas.restore_region(self._background)
            self._wipe.set_bounds(self._split, 0, 1 - self._split, 1)
            self.fig.draw_artist(self._wipe)
            self.fig.draw_artist(self.ax_hist)  # the axes with ticks and labels, without its animated artists
            self.panel_redraws += 1
        else:
            canvas.restore_region(self._background)
        if (key, hist_key) != (self._background_key, self._hist_background_key):
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key, self._hist_background_key = key, hist_key
        for artist in self._dynamic:
            self.fig.draw_artist(artist)
        if text:
            self.fig.draw_artist(self.text)

    def _picture(self, text: bool) -> np.ndarray:
        canvas = np.asarray(self.fig.canvas.buffer_rgba())
        return canvas if text else canvas[: self.live_height]

    def rgba(self, text: bool = True) -> np.ndarray:
        """Draw (see :meth:`draw`) and return a copy of the picture, (height, width, 4) uint8: the whole
        canvas with ``text``; without it, the canvas down to the lowest label (the strip for the line of
        numbers, empty then, is left out)."""
        self.draw(text)
        return np.array(self._picture(text))

    def png(self, text: bool = True) -> bytes:
        """Draw (see :meth:`draw`) and save the picture (see :meth:`rgba`) as PNG, exactly what the notebook
        receives."""
        self.draw(text)
        buf = io.BytesIO()
        # Deflate level 1: for a plot's flat areas about as small as the default level 6, in two thirds of the time.
        imsave(buf, self._picture(text), format="png", dpi=self.dpi, pil_kwargs={"compress_level": 1})
        return buf.getvalue()


PRE_STYLE = "white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; margin: 4px 0"
ZERO_INIT_NOTE = (
    "<div style='font-size: 0.85em; line-height: 1.3'><b>Why lr seems to do nothing here:</b> with zero initial weights every update adds "
    "lr&nbsp;&times;&nbsp;(&plusmn;x), so w and b are always lr times the weights for lr&nbsp;=&nbsp;1. "
    "Scaling w and b together does not move the line w&middot;x&nbsp;+&nbsp;b&nbsp;=&nbsp;0, so the "
    "predictions, the mistakes and the boundary are the same for every lr on the slider (it moves in powers "
    "of 2, which scale exactly in floating point; other values, set in code, may round differently). "
    "Choose <i>random</i> initialisation to see the learning rate matter.</div>"
)
RANDOM_INIT_NOTE = (
    "<div style='font-size: 0.85em; line-height: 1.3'><b>Random start:</b> now the first weights do not scale with lr, so a small lr nudges the random "
    "line gently and a large lr lets the updates swamp the start. Different lr values can give "
    "different boundaries and mistake counts.</div>"
)


BUSY_HTML = "<span style='color: #D55E00; font-weight: bold'>updating...</span>"
CONTROLS = ("dataset", "lr", "epochs", "init", "seed")


def controls_of(model: str) -> tuple[str, ...]:
    """The control names of an explorer: :data:`CONTROLS`, plus "n_hidden" (network) or "x1x2" (one neuron)."""
    return (*CONTROLS, "n_hidden" if model == "mlp" else "x1x2")


def _check_names(controls: dict[str, Any], known: tuple[str, ...]) -> None:
    """Refuse control names an explorer does not have (``TypeError`` naming them and the known ones)."""
    unknown = set(controls) - set(known)
    if unknown:
        raise TypeError(f"unknown control(s): {', '.join(sorted(unknown))}; the controls are {', '.join(known)}")


def _options(values: tuple[float, ...] | list[float], label: Callable[[float], str]) -> list[tuple[str, float]]:
    return [(label(v), v) for v in sorted(set(values))]


def _output_parts(explorer: Any, plot_height: int) -> None:
    """Give ``explorer`` the parts every explorer shows besides its controls, each with the CSS class the
    browser test finds it by: ``busy`` ("updating..." while a retrain is under way), ``error`` (why the last
    value given was refused; empty once a change succeeds), ``summary``, ``code`` and ``out`` (the picture,
    an Output widget at least ``plot_height`` pixels high)."""
    import ipywidgets as w

    parts = {"busy": w.HTML(layout=w.Layout(width="90px")), "error": w.HTML(), "summary": w.HTML(),
             "code": w.HTML(), "plot": w.Output(layout=w.Layout(min_height=f"{plot_height + 10}px"))}
    for css, widget in parts.items():
        widget.add_class(f"nnlib-explorer-{css}")
    explorer.busy, explorer.error, explorer.summary, explorer.code, explorer.out = parts.values()


class Explorer:
    """The widget layer: controls wired to a pure ``run`` function and an :class:`ExplorerFigure`.

    Display it as the last expression of a cell. ``widget`` is the ipywidgets
    box; ``result`` the current :class:`ExperimentResult`; ``set(...)``
    changes controls from code.

    The lr and epochs sliders are ``SelectionSlider`` s over fixed grids
    (:func:`course.experiments.lr_grid`, :data:`course.experiments.EPOCHS_GRID`):
    each position shows its value exactly, and that value trains. ``set`` also
    takes a value between two positions (within the slider's range): it is
    added to the slider as a position of its own. The step and sigmoid
    explorers have an "x₁·x₂ feature" checkbox (control ``x1x2``, default off):
    on, the neuron trains on [x1, x2, x1*x2]. The network explorer has a
    "hidden" slider (control ``n_hidden``, 2 to 8, default 2), the width of
    ``TwoLayerNet``'s hidden layer.
    """

    def __init__(self, model: str, run: Callable[..., ExperimentResult], dataset: str,
                 defaults: dict[str, Any]) -> None:
        import ipywidgets as w

        dataset = experiments._check_dataset(dataset)
        self.model, self.run, self.defaults = model, run, dict(defaults)
        self.controls = controls_of(model)
        self.figure = ExplorerFigure(model)
        self._busy = False
        style = {"description_width": "70px"}
        wide = w.Layout(width="340px")
        self.lr = w.SelectionSlider(options=_options(lr_grid(model), lr_label), value=defaults["lr"], description="lr",
                                    continuous_update=False, style=style, layout=wide)
        self.epochs = w.SelectionSlider(options=_options(EPOCHS_GRID, str), value=defaults["epochs"],
                                        description="epochs", continuous_update=False, style=style, layout=wide)
        self.dataset = w.Dropdown(options=[(DATASET_LABELS[d], d) for d in DATASETS], value=dataset,
                                  description="data", style=style, layout=wide)
        self.init = w.ToggleButtons(options=["zeros", "random"], value=defaults["init"],
                                    tooltips=["start from w = 0, b = 0", "start from random weights (seeded)"],
                                    style={"button_width": "82px"})
        self.seed = w.BoundedIntText(value=defaults["seed"], min=SEED_RANGE[0], max=SEED_RANGE[1], description="seed",
                                     style={"description_width": "40px"}, layout=w.Layout(width="120px"),
                                     disabled=defaults["init"] == "zeros")
        if model == "mlp":
            self.n_hidden = w.IntSlider(value=defaults["n_hidden"], min=HIDDEN_RANGE[0], max=HIDDEN_RANGE[1],
                                        description="hidden", continuous_update=False,
                                        style={"description_width": "50px"}, layout=w.Layout(width="220px"))
            extra = self.n_hidden
        else:
            self.x1x2 = w.Checkbox(value=defaults["x1x2"], description="x₁·x₂ feature", indent=False,
                                   layout=w.Layout(width="130px"))
            extra = self.x1x2
        extra.add_class("nnlib-explorer-" + ("hidden" if model == "mlp" else "x1x2"))
        self.play = w.Play(value=0, min=0, max=1, step=1, interval=150, description="play")
        self.frame = w.IntSlider(value=0, min=0, max=1, description="replay", readout=False,
                                 continuous_update=True, style={"description_width": "50px"},
                                 layout=w.Layout(width="240px"))
        w.jslink((self.play, "value"), (self.frame, "value"))
        self.prev = w.Button(description="◀ epoch", layout=w.Layout(width="80px"), tooltip="previous snapshot")
        self.next = w.Button(description="epoch ▶", layout=w.Layout(width="80px"), tooltip="next snapshot")
        self.show_code = w.ToggleButton(value=False, description="show code", icon="code",
                                        tooltip="print the nnlib code that reproduces this view")
        _output_parts(self, int(self.figure.fig.get_figheight() * 80))
        self.note = w.HTML(layout=w.Layout(width="560px"))
        self.note.add_class("nnlib-explorer-note")
        self.frame_info = w.HTML()  # the numbers of the epoch shown; the static picture has them as text
        self.frame_info.add_class("nnlib-explorer-frame")

        lr_row = w.HBox([self.lr, self.note]) if model == "step" else self.lr
        self.widget = w.VBox([
            w.HBox([self.dataset, w.Label("init", layout=w.Layout(width="30px")), self.init, self.seed]),
            lr_row,
            w.HBox([self.epochs, extra, self.show_code, self.busy]),
            self.error,
            w.HBox([self.play, self.prev, self.next, self.frame]),
            self.out,
            self.frame_info,
            self.summary,
            self.code,
        ])
        self.widget.add_class("nnlib-explorer")
        for name in self.controls:
            getattr(self, name).observe(self._on_control, names="value")
        self.frame.observe(self._on_frame, names="value")
        self.show_code.observe(lambda _change: self._show_code(), names="value")
        self.prev.on_click(lambda _b: self._step_frame(-1))
        self.next.on_click(lambda _b: self._step_frame(+1))
        self.result: ExperimentResult | None = None
        self._png: bytes = b""
        self._settings = self.settings()  # the settings of the result shown (the last valid ones)
        self._recompute(self._settings)
        self.out.layout.min_height = f"{self.figure.live_height + 10}px"  # room for the picture before it shows

    # -- wiring
    def settings(self) -> dict[str, Any]:
        """The controls' current values, as the pure function takes them."""
        extra = ({"n_hidden": int(self.n_hidden.value)} if self.model == "mlp" else {"x1x2": bool(self.x1x2.value)})
        return {"dataset": self.dataset.value, "lr": float(self.lr.value), "epochs": int(self.epochs.value),
                "init": self.init.value, "seed": int(self.seed.value), **extra}

    def set(self, **controls: Any) -> "Explorer":
        """Change controls from code, e.g. ``ex.set(lr=0.1, epochs=20)``; retrains once.

        A value the explorer cannot use (an unknown control, not a number, NaN, outside the slider's
        range) raises ``TypeError`` or ``ValueError`` naming it, and changes nothing: the explorer keeps
        its previous settings and picture.
        """
        wanted = dict(self._settings)
        try:
            _check_names(controls, self.controls)
            for name, value in controls.items():
                wanted[name] = check_control(self.model, name, value)
        except (TypeError, ValueError) as exc:
            self.error.value = self._refusal(exc)
            raise
        self._recompute(wanted)
        return self

    @staticmethod
    def _refusal(exc: Exception) -> str:
        return (f"<span style='color: #D55E00'>Refused: {html.escape(str(exc))}. "
                "The explorer keeps its previous settings.</span>")

    def _on_control(self, change: Any) -> None:
        """A control moved in the page: retrain with it, or put it back and say why not."""
        if self._busy:
            return
        name = next(n for n in self.controls if getattr(self, n) is change["owner"])
        try:
            self._recompute({**self._settings, name: check_control(self.model, name, change["new"])})
        except (TypeError, ValueError) as exc:  # _recompute has put the controls back
            self.error.value = self._refusal(exc)
            self._show_controls(self._settings)

    def _show_controls(self, settings: dict[str, Any]) -> None:
        """Set every control to ``settings`` without retraining (a value between slider positions becomes
        a position of its own)."""
        self._busy = True
        try:
            for name, grid, label in (("lr", lr_grid(self.model), lr_label), ("epochs", EPOCHS_GRID, str)):
                slider = getattr(self, name)
                if settings[name] not in [v for _, v in slider.options]:
                    slider.options = _options([*(v for _, v in slider.options), settings[name]], label)
                slider.value = settings[name]
            for name in ("dataset", "init", "seed", self.controls[-1]):
                getattr(self, name).value = settings[name]
        finally:
            self._busy = False

    def _run_or_restore(self, settings: dict[str, Any]) -> Any:
        """``self.run(**settings)`` with "updating..." shown, kept as the current result and settings; on an
        error the controls go back to the previous settings and it is raised."""
        self.busy.value = BUSY_HTML
        try:
            result = self.run(**settings)
        except Exception:
            self.busy.value = ""
            self._show_controls(self._settings)
            raise
        self.result, self._settings = result, dict(settings)
        self.error.value = ""
        self._show_controls(settings)
        return result

    def _show_png(self, png: bytes) -> None:
        """Show ``png`` in the Output widget, as ``%matplotlib inline`` would."""
        from IPython.display import Image, display

        self._png = png
        with self.out:
            self.out.clear_output(wait=True)
            display(Image(data=png, format="png"))

    def _recompute(self, settings: dict[str, Any]) -> None:
        """Train with ``settings`` and show the result; on an error nothing changes (and it is raised)."""
        result = self._run_or_restore(settings)
        self.seed.disabled = settings["init"] == "zeros"
        if self.model == "step":
            self.note.value = ZERO_INIT_NOTE if settings["init"] == "zeros" else RANDOM_INIT_NOTE
        last = len(result.frames) - 1
        self._busy = True
        try:
            self.play.playing = False
            self.frame.max = max(last, 1)
            self.play.max = max(last, 1)
            self.frame.value = last
            self.play.value = last
        finally:
            self._busy = False
        self._draw(last)
        self.summary.value = f"<pre style='{PRE_STYLE}'>{html.escape(result.summary())}</pre>"
        self._show_code()
        self.busy.value = ""

    def _on_frame(self, change: Any) -> None:
        if not self._busy and self.result is not None:
            self._draw(int(change["new"]))

    def _step_frame(self, delta: int) -> None:
        if self.result is not None:
            last = len(self.result.frames) - 1
            self.frame.value = int(np.clip(self.frame.value + delta, 0, last))

    def _draw(self, frame: int) -> None:
        self.figure.update(self.result, frame)
        self._show_png(self.figure.png(text=False))  # the numbers go into frame_info as text instead (cheaper)
        self.frame_info.value = f"<pre style='{PRE_STYLE}'>{html.escape(self.figure.text.get_text())}</pre>"

    def _show_code(self) -> None:
        if self.show_code.value and self.result is not None:
            self.code.value = ("<p>Paste this into a cell to get the same numbers:</p>"
                               f"<pre style='{PRE_STYLE}'>{html.escape(self.result.code)}</pre>")
        else:
            self.code.value = ""

    # -- display
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data or {})
        data["text/plain"] = self.result.summary() if self.result else repr(self)
        # Static renders show this picture: the current view with its line of numbers drawn in.
        data["image/png"] = base64.b64encode(self.figure.png(text=True)).decode("ascii")
        return data

    def __repr__(self) -> str:
        return f"<{self.model} explorer: {self.settings()}>"


#: Where the step and sigmoid explorers open: a seeded random start, so that the lr and epochs sliders
#: visibly change the picture (from zero weights the step rule's lr only rescales w and b).
OPEN_AT: dict[str, Any] = {"init": "random", "seed": 0}
#: Each explorer's opening settings (the network explorer starts from random weights anyway).
OPENING: dict[str, dict[str, Any]] = {"step": {**STEP_DEFAULTS, **OPEN_AT}, "sigmoid": {**SIGMOID_DEFAULTS, **OPEN_AT},
                                      "mlp": dict(MLP_DEFAULTS)}


def _open(model: str, run: Callable[..., ExperimentResult], dataset: str, defaults: dict[str, Any],
          controls: dict[str, Any]) -> Explorer:
    """An explorer opened at ``defaults``, then at ``controls`` (checked first: a bad one raises, naming it)."""
    _check_names(controls, tuple(c for c in controls_of(model) if c != "dataset"))
    for name, value in controls.items():
        check_control(model, name, value)
    explorer = Explorer(model, run, dataset, defaults)
    return explorer.set(**controls) if controls else explorer


def step_explorer(dataset: str = "AND", **controls: Any) -> Explorer:
    """Step perceptron explorer (Rosenblatt's rule): regions, boundary, mistakes per epoch.

    Opens from a random start (:data:`OPEN_AT`); any other control can be given, e.g.
    ``step_explorer("XOR", x1x2=True)`` or ``step_explorer("AND", init="zeros")``.
    """
    return _open("step", run_step, dataset, OPENING["step"], controls)


def sigmoid_explorer(dataset: str = "AND", **controls: Any) -> Explorer:
    """Sigmoid neuron + binary cross-entropy explorer: probability regions, boundary, loss curve.

    Opens from a random start (:data:`OPEN_AT`); other controls as for :func:`step_explorer`.
    """
    return _open("sigmoid", run_sigmoid, dataset, OPENING["sigmoid"], controls)


def mlp_explorer(dataset: str = "XOR", **controls: Any) -> Explorer:
    """Two-layer network explorer (needs ``nnlib.mlp``): regions, hidden units' lines, loss curve.

    Controls as for :func:`step_explorer`, with ``n_hidden`` (2 to 8) in place of ``x1x2``.
    """
    return _open("mlp", run_mlp, dataset, OPENING["mlp"], controls)


# ------------------------------------------------------------------ the weight explorer (no training)

#: The weight explorer's view of the unit square, and its legend's and table's places in the figure.
WEIGHT_VIEW = (np.array([-0.5, -0.5]), np.array([1.5, 1.5]))


class WeightFigure:
    """The weight explorer's picture, built once and updated in place: the gate's four points, the step
    neuron's regions and its line w1 x1 + w2 x2 + b = 0 (left), the truth table beside it (right).

    Only a new gate (a new title) redraws the axes; a weight change draws the changing artists over the
    cached background, as :class:`ExplorerFigure` does.
    """

    def __init__(self, figsize: tuple[float, float] = (10.0, 4.2), dpi: float | None = None) -> None:
        self.dpi = dpi if dpi is not None else 80 * mpl.rcParams["font.size"] / FONT_SIZE
        with mpl.rc_context({"font.size": TEXT_POINTS}):
            self.fig = Figure(figsize=figsize, dpi=self.dpi)
            FigureCanvasAgg(self.fig)
            ax = self.ax = self.fig.add_axes((0.07, 0.26, 0.36, 0.64))
            lo, hi = WEIGHT_VIEW
            g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], RESOLUTION), np.linspace(lo[1], hi[1], RESOLUTION))
            self._grid = np.column_stack([g1.ravel(), g2.ravel()])
            self.image = ax.imshow(np.zeros((2, 2, 4), np.uint8), origin="lower", interpolation="nearest",
                                   extent=(lo[0], hi[0], lo[1], hi[1]), aspect="auto", zorder=0)
            (self.boundary,) = ax.plot([], [], color=BOUNDARY_COLOR, lw=2, label="w1 x1 + w2 x2 + b = 0", zorder=2)
            self.points = [
                ax.plot([], [], ls="none", marker=CLASS_MARKERS[c], ms=80**0.5, mfc=CLASS_COLORS[c], mec="black",
                        mew=0.8, label=f"gate gives {c}", zorder=3)[0]
                for c in (0, 1)
            ]
            ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]), xticks=[0, 1], yticks=[0, 1])
            ax.set_xlabel("$x_1$", labelpad=1)
            ax.set_ylabel("$x_2$")
            ax.legend(handles=[self.boundary, *self.points], loc="upper center", bbox_to_anchor=(0.5, -0.12),
                      ncol=3, fontsize="medium", frameon=False, handlelength=1.5, columnspacing=1.0)
            self.table = self.fig.text(0.5, 0.55, "", family="monospace", fontsize="medium", va="center",
                                       ha="left")
        self._dynamic = [self.image, self.boundary, *self.points, self.table]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._background = None
        self._background_key: str | None = None
        self.full_redraws = 0
        self.result: WeightResult | None = None
        self.probs: np.ndarray | None = None

    def update(self, result: WeightResult) -> None:
        """Show ``result``: regions (the neuron's outputs on a grid), line, the gate's points, the table."""
        self.probs = result.proba(self._grid).reshape(RESOLUTION, RESOLUTION)
        self.image.set_data(REGION_CMAP(self.probs, bytes=True))
        self.boundary.set_data(*_line(*WEIGHT_VIEW, result.w1, result.w2, result.b))
        for c, points in enumerate(self.points):
            points.set_data(result.X[result.y == c, 0], result.X[result.y == c, 1])
        title = f"{result.gate}: the gate's points, the neuron's regions"
        if self.ax.get_title() != title:
            self.ax.set_title(title, fontsize=TITLE_POINTS)
        self.table.set_text(result.summary().replace(" against ", "\nagainst ").replace("; ", ";\n"))
        self.result = result

    def draw(self) -> None:
        """Render the canvas: everything when the gate changed, else the changing artists on the cache."""
        canvas = self.fig.canvas
        key = self.ax.get_title()
        if key != self._background_key:
            canvas.draw()
            self._background, self._background_key = canvas.copy_from_bbox(self.fig.bbox), key
            self.full_redraws += 1
        else:
            canvas.restore_region(self._background)
        for artist in self._dynamic:
            self.fig.draw_artist(artist)

    def png(self) -> bytes:
        """Draw and save the canvas as PNG (the live picture and the static one are the same)."""
        self.draw()
        buf = io.BytesIO()
        imsave(buf, np.asarray(self.fig.canvas.buffer_rgba()), format="png", dpi=self.dpi,
               pil_kwargs={"compress_level": 1})
        return buf.getvalue()


WEIGHT_CONTROLS = ("gate", "w1", "w2", "b")


class WeightExplorer:
    """Sliders for w1, w2 and b (multiples of 0.25 from -3 to 3) and a gate chooser: the step neuron's
    line and regions and its truth table beside the gate's, redrawn at once. Nothing trains.

    ``set(gate=..., w1=..., w2=..., b=...)`` changes controls from code; a value that is not on the
    sliders' grid, or a gate that is not one of the five, raises naming it and changes nothing.
    """

    def __init__(self, gate: str = "AND", **weights: float) -> None:
        import ipywidgets as w

        settings = {"gate": gate, **WEIGHT_DEFAULTS, **weights}
        for name, value in settings.items():
            settings[name] = check_control("weights", name, value)
        self.model, self.controls, self.run = "weights", WEIGHT_CONTROLS, run_weights
        self.figure = WeightFigure()
        style, wide = {"description_width": "40px"}, w.Layout(width="340px")
        self.gate = w.Dropdown(options=list(GATES), value=settings["gate"], description="gate",
                               style=style, layout=w.Layout(width="160px"))
        for name in ("w1", "w2", "b"):
            setattr(self, name, w.SelectionSlider(options=_options(WEIGHT_GRID, lambda v: f"{v:g}"),
                                                  value=settings[name], description=name, continuous_update=False,
                                                  style=style, layout=wide))
        self.show_code = w.ToggleButton(value=False, description="show code", icon="code",
                                        tooltip="print the nnlib code that gives this table")
        _output_parts(self, int(self.figure.fig.bbox.height))
        self.widget = w.VBox([w.HBox([self.gate, self.show_code, self.busy]), self.w1, self.w2, self.b, self.error,
                              self.out, self.summary, self.code])
        self.widget.add_class("nnlib-weight-explorer")
        self._busy = False
        for name in WEIGHT_CONTROLS:
            getattr(self, name).observe(self._on_control, names="value")
        self.show_code.observe(lambda _change: self._show_code(), names="value")
        self.result: WeightResult | None = None
        self._png = b""
        self._settings = settings
        self._recompute(settings)

    def settings(self) -> dict[str, Any]:
        """The controls' current values, as :func:`course.experiments.run_weights` takes them."""
        return {"gate": self.gate.value, **{n: float(getattr(self, n).value) for n in ("w1", "w2", "b")}}

    # Changing controls from code or from the page, refusals, "updating...": as in the other explorers.
    set = Explorer.set
    _on_control = Explorer._on_control
    _refusal = staticmethod(Explorer._refusal)
    _run_or_restore = Explorer._run_or_restore
    _show_png = Explorer._show_png
    _show_code = Explorer._show_code

    def _show_controls(self, settings: dict[str, Any]) -> None:
        self._busy = True
        try:
            for name in WEIGHT_CONTROLS:
                getattr(self, name).value = settings[name]
        finally:
            self._busy = False

    def _recompute(self, settings: dict[str, Any]) -> None:
        """Compute and show ``settings``; on an error nothing changes (and it is raised)."""
        result = self._run_or_restore(settings)
        self.figure.update(result)
        self._show_png(self.figure.png())
        self.summary.value = f"<pre style='{PRE_STYLE}'>{html.escape(result.summary())}</pre>"
        self._show_code()
        self.busy.value = ""

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = dict((bundle[0] if isinstance(bundle, tuple) else bundle) or {})
        data["text/plain"] = self.result.summary() if self.result else repr(self)
        data["image/png"] = base64.b64encode(self.figure.png()).decode("ascii")  # what static renders show
        return data

    def __repr__(self) -> str:
        return f"<weight explorer: {self.settings()}>"


def weight_explorer(gate: str = "AND", **weights: float) -> WeightExplorer:
    """Set a step neuron's w1, w2 and b by hand and compare its truth table with ``gate``'s (no training).

    ``weights`` may give starting values for w1, w2 and b (multiples of 0.25 from -3 to 3).
    """
    return WeightExplorer(gate, **weights)
