"""The explorers' renderer (updates artists in place); the widget layer is tested in test_explorer_widgets.py."""
from __future__ import annotations

import base64
import importlib.util
import io
from pathlib import Path

import matplotlib.colors as mcolors
import matplotlib.image as mpimg
import numpy as np
import pytest

from course import experiments as ex
from course import explorers
from nnlib.plotting import OKABE_ITO

REPO = Path(__file__).resolve().parents[1]
MODELS = {"step": ex.run_step, "sigmoid": ex.run_sigmoid}
if ex.mlp_available():
    MODELS["mlp"] = ex.run_mlp


def _pixels(png: bytes) -> np.ndarray:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return mpimg.imread(io.BytesIO(png), format="png")


def _rgba(png: bytes) -> np.ndarray:
    """The PNG's pixels as (h, w, 4) uint8, as the canvas holds them."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _artists(fig: explorers.ExplorerFigure) -> list:
    return [fig.fig, fig.ax_data, fig.ax_hist, fig.image, fig.boundary, *fig.points, fig.curve, fig.marker,
            fig.text, *fig.hidden_lines]


def _children(fig: explorers.ExplorerFigure) -> tuple[int, ...]:
    return (len(fig.fig.get_children()), len(fig.ax_data.get_children()), len(fig.ax_hist.get_children()))


@pytest.mark.parametrize("model", sorted(MODELS))
def test_update_changes_the_same_artists_in_place(model):
    run = MODELS[model]
    fig = explorers.ExplorerFigure(model)
    first = run(dataset="XOR", lr=0.05, epochs=20, init="random", seed=1)
    fig.update(first)
    fig.png()
    before, counts = _artists(fig), _children(fig)
    image0 = fig.image.get_array().copy()
    curve0 = np.asarray(fig.curve.get_ydata()).copy()

    second = run(dataset="clusters-overlap", lr=2.0, epochs=300, init="random", seed=1)
    fig.update(second)
    fig.png()
    assert all(a is b for a, b in zip(before, _artists(fig))), "update must reuse the artists it built"
    assert _children(fig) == counts, "update must not add artists"
    assert not np.array_equal(fig.image.get_array(), image0)
    assert not np.array_equal(fig.curve.get_ydata(), curve0)
    # the pictures show exactly the result's numbers
    ys = np.asarray(fig.curve.get_ydata())
    np.testing.assert_array_equal(ys[: second.history.size], second.history)
    np.testing.assert_array_equal(fig.probs.ravel(), second.proba(fig._grid))
    np.testing.assert_array_equal(fig.image.get_array(), explorers.REGION_CMAP(fig.probs, bytes=True))
    pts = np.concatenate([c.get_xydata() for c in fig.points])
    assert pts.shape == second.X.shape
    assert fig.text.get_text() == f"{second.frame_text(len(second.frames) - 1)}  [{second.status_note}]"
    if model != "mlp":  # the MLP's weights are in the widget text only (too many for one line)
        assert second.weights_text() in fig.text.get_text()
    assert fig.ax_hist.get_xlim() == (0.5, 300.5)


def test_the_boundary_line_is_where_w_dot_x_plus_b_is_zero():
    fig = explorers.ExplorerFigure("sigmoid")
    r = ex.run_sigmoid(dataset="grid", lr=0.3, epochs=50)
    fig.update(r)
    xs, ys = fig.boundary.get_data()
    w, b = r.params["w"], float(r.params["b"])
    np.testing.assert_allclose(w[0] * np.asarray(xs) + w[1] * np.asarray(ys) + b, 0, atol=1e-9)


def test_frames_move_the_marker_and_the_text():
    fig = explorers.ExplorerFigure("step")
    r = ex.run_step(dataset="clusters-overlap", lr=0.5, epochs=200, init="random", seed=0)
    fig.update(r, frame=0)
    assert fig.text.get_text().startswith(f"epoch 0/{r.epochs_run}: ")
    assert "w = [" + ", ".join(f"{v:.4f}" for v in r.frames[0][1]["w"]) + "]" in fig.text.get_text()
    start = fig.image.get_array().copy()
    fig.update(r, frame=len(r.frames) - 1)
    assert fig.marker.get_xdata()[0] == r.epochs_run
    assert not np.array_equal(start, fig.image.get_array())


def test_blitted_png_equals_a_full_redraw():
    """The fast path (cached background + changed artists) gives the same pixels as a fresh figure."""
    fig = explorers.ExplorerFigure("sigmoid")
    fig.update(ex.run_sigmoid(dataset="clusters", lr=0.01, epochs=400))
    fig.png()
    target = ex.run_sigmoid(dataset="clusters", lr=0.3, epochs=400, init="random", seed=2)
    fig.update(target)
    redraws = fig.full_redraws
    blitted = fig.png()
    assert fig.full_redraws == redraws, "changing lr alone must not redraw axes and labels"
    fresh = explorers.ExplorerFigure("sigmoid")
    fresh.update(target)
    np.testing.assert_array_equal(_pixels(blitted), _pixels(fresh.png()))


def _same_as_a_fresh_figure(fig: explorers.ExplorerFigure, result, frame=None, text: bool = False) -> None:
    """The picture ``fig`` shows now equals a new figure's first (full) draw of the same view, pixel for pixel."""
    fresh = explorers.ExplorerFigure(fig.model)
    fresh.update(result, frame)
    np.testing.assert_array_equal(fig.rgba(text), fresh.rgba(text))


def _redraws(fig: explorers.ExplorerFigure) -> tuple[int, int]:
    return fig.full_redraws, fig.panel_redraws


@pytest.mark.parametrize("model", sorted(MODELS))
def test_epochs_within_a_band_redraw_nothing_static_and_a_new_band_only_the_history_panel(model):
    run = MODELS[model]
    data = "clusters-overlap" if model == "step" else "grid"  # the step rule never stops early here
    fig = explorers.ExplorerFigure(model)
    fig.update(run(dataset=data, epochs=100))
    fig.png()
    within = run(dataset=data, epochs=95)  # epoch_band(95) == epoch_band(100) == 100
    fig.update(within)
    before = _redraws(fig)
    fig.png()
    assert _redraws(fig) == before, "an epochs change within a band keeps the cached background"
    assert fig.ax_hist.get_xlim() == (0.5, 100.5)
    _same_as_a_fresh_figure(fig, within, text=True)

    target = run(dataset=data, epochs=7, lr=0.5)  # band 8
    fig.update(target)
    full, panel = _redraws(fig)
    partial = fig.png()
    assert _redraws(fig) == (full, panel + 1), "a new band redraws the history panel only"
    fresh = explorers.ExplorerFigure(model)
    fresh.update(target)
    np.testing.assert_array_equal(_pixels(partial), _pixels(fresh.png()))
    fig.update(run(dataset="XOR", epochs=7))
    fig.png()
    assert fig.full_redraws == full + 1, "a new data set redraws everything"


def test_the_step_explorers_epoch_axis_follows_the_epochs_the_rule_ran():
    fig = explorers.ExplorerFigure("step")
    converged = ex.run_step(dataset="AND", epochs=100)  # stops after 6 epochs
    fig.update(converged)
    assert converged.epochs_run == 6 and fig.ax_hist.get_xlim() == (0.5, explorers.epoch_band(6) + 0.5)
    endless = ex.run_step(dataset="XOR", epochs=100)
    fig.update(endless)
    assert endless.epochs_run == 100 and fig.ax_hist.get_xlim() == (0.5, 100.5)


def test_a_new_loss_range_redraws_only_the_history_panel_and_matches_a_full_redraw():
    fig = explorers.ExplorerFigure("sigmoid")
    slow, fast = (ex.run_sigmoid(dataset="XOR", lr=lr, epochs=1000, init="random") for lr in (5.01, 6.31))
    assert fig._hist_ylim(slow) != fig._hist_ylim(fast), "adjacent slider steps with another loss axis"
    fig.update(slow)
    fig.png()
    fast_short = ex.run_sigmoid(dataset="XOR", lr=6.31, epochs=150, init="random")
    assert fig._hist_ylim(fast_short) == fig._hist_ylim(fast)
    for result in (fast, slow, fast, fast_short, slow):
        fig.update(result)
        full, panel = _redraws(fig)
        fig.png()
        assert _redraws(fig) == (full, panel + 1)
        _same_as_a_fresh_figure(fig, result)


def test_huge_losses_with_wide_tick_labels_still_match_a_full_redraw(monkeypatch):
    """Wide y tick labels (123456) and back: the history panel redraw wipes what the old labels left."""
    wide = (0.0, 123456.0)
    fig = explorers.ExplorerFigure("sigmoid")
    fig.update(ex.run_sigmoid(dataset="AND", epochs=300))
    fig.png()
    real = fig._hist_ylim
    monkeypatch.setattr(fig, "_hist_ylim", lambda result: wide)
    huge = ex.run_sigmoid(dataset="AND", epochs=300, lr=0.5)
    fig.update(huge)
    fresh = explorers.ExplorerFigure("sigmoid")
    monkeypatch.setattr(fresh, "_hist_ylim", lambda result: wide)
    fresh.update(huge)
    np.testing.assert_array_equal(fig.rgba(), fresh.rgba())
    monkeypatch.setattr(fig, "_hist_ylim", real)
    back = ex.run_sigmoid(dataset="AND", epochs=300, lr=0.3)
    fig.update(back)
    _same_as_a_fresh_figure(fig, back, text=True)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_every_kind_of_change_shows_the_picture_a_full_redraw_shows(model):
    """A sequence of changes like a learner's: after each, the live picture (no text) equals a new figure's."""
    run = MODELS[model]
    fig = explorers.ExplorerFigure(model)
    data = "clusters-overlap" if model == "step" else "clusters"  # the step rule would stop early on "clusters"
    steps = [dict(dataset=data, epochs=1000), dict(dataset=data, epochs=1000, lr=2.0),
             dict(dataset=data, epochs=999, lr=2.0), dict(dataset=data, epochs=600, lr=2.0),
             dict(dataset=data, epochs=600, lr=10.0, init="random"), dict(dataset="XOR", epochs=2, lr=10.0),
             dict(dataset="XOR", epochs=1, lr=0.001, init="random", seed=4)]
    for controls in steps:
        result = run(**controls)
        for frame in (None, 0):
            fig.update(result, frame)
            fig.png(text=False)
            _same_as_a_fresh_figure(fig, result, frame)
    assert fig.panel_redraws >= 2 and fig.full_redraws == 2  # at least the two new epoch bands


@pytest.mark.parametrize("model", ["sigmoid", "mlp"])
def test_a_one_epoch_loss_curve_is_a_visible_point_and_longer_ones_are_plain_lines(model):
    fig = explorers.ExplorerFigure(model)
    fig.update(MODELS[model](dataset="XOR", epochs=1, init="random", seed=0))
    assert fig.curve.get_marker() == "o"
    hist = fig.ax_hist.get_window_extent()  # the loss panel's pixels: something is drawn there now
    rows = slice(int(fig.fig.bbox.height - hist.y1) + 2, int(fig.fig.bbox.height - hist.y0) - 2)
    cols = slice(int(hist.x0) + 2, int(hist.x1) - 2)
    shown = fig.rgba(text=False)[rows, cols]
    blue = np.array(mcolors.to_rgb(OKABE_ITO["blue"])) * 255
    assert np.any(np.abs(shown[..., :3].astype(float) - blue).sum(axis=-1) < 30), "no point of the curve's colour"
    fig.update(MODELS[model](dataset="XOR", epochs=2, init="random", seed=0))
    assert fig.curve.get_marker() == "None"
    _same_as_a_fresh_figure(fig, fig.result)


def test_the_numbers_line_says_why_no_boundary_is_drawn():
    fig = explorers.ExplorerFigure("sigmoid")
    early = ex.run_sigmoid(dataset="AND", lr=2.0, epochs=3)  # w small, b already negative: x1 + x2 = 3.6
    fig.update(early)
    assert fig.text.get_text().endswith("(boundary outside the view)")
    assert len(fig.boundary.get_xdata()) == 2 and not _crosses_the_view(fig)
    fig.update(early, 0)  # the zero start
    assert fig.text.get_text().endswith("(no boundary: w = 0)") and len(fig.boundary.get_xdata()) == 0
    fig.update(ex.run_sigmoid(dataset="AND"))  # 500 epochs: the line crosses the picture
    assert "boundary" not in fig.text.get_text() and _crosses_the_view(fig)


def _crosses_the_view(fig: explorers.ExplorerFigure) -> bool:
    """True if some drawn point of the boundary lies inside the data panel's limits (checked on a dense line)."""
    xs, ys = (np.asarray(a, float) for a in fig.boundary.get_data())
    t = np.linspace(0, 1, 2001)
    px, py = xs[0] + t * (xs[1] - xs[0]), ys[0] + t * (ys[1] - ys[0])
    (x0, x1), (y0, y1) = fig.ax_data.get_xlim(), fig.ax_data.get_ylim()
    return bool(np.any((px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)))


def test_epoch_bands():
    assert [explorers.epoch_band(e) for e in (1, 2, 3, 7, 9, 10, 11, 16, 99, 101, 151, 201, 501, 801, 1000, 1001)] == \
        [1, 2, 3, 8, 10, 10, 15, 20, 100, 150, 200, 300, 600, 1000, 1000, 1500]
    bands = [explorers.epoch_band(e) for e in range(1, 5001)]
    assert bands == sorted(bands), "more epochs never get a shorter axis"
    for e, band in enumerate(bands, start=1):
        assert e <= band < 1.5 * e, "the curve fills more than two thirds of the axis"
    assert len(set(bands[:1000])) == 24, "1..1000 epochs share 24 axes"


def test_the_png_holds_exactly_the_canvas_pixels():
    fig = explorers.ExplorerFigure("mlp" if "mlp" in MODELS else "sigmoid")
    fig.update(MODELS[fig.model](dataset="XOR", epochs=30))
    png = fig.png(text=True)
    np.testing.assert_array_equal(_rgba(png), np.asarray(fig.fig.canvas.buffer_rgba()))


def test_renderer_refuses_other_models():
    with pytest.raises(ValueError, match="model"):
        explorers.ExplorerFigure("tanh")
    fig = explorers.ExplorerFigure("step")
    with pytest.raises(ValueError, match="step"):
        fig.update(ex.run_sigmoid())


# ------------------------------------------------------------------ widget layer


def test_step_explorer_shows_the_pure_result_and_follows_the_controls():
    e = explorers.step_explorer(dataset="OR")  # opens from a random start, seed 0
    assert e.result.summary() == explorers.run_step(dataset="OR", **explorers.OPEN_AT).summary()
    assert "Random start" in e.note.value and not e.seed.disabled
    png0 = e._png
    e.lr.value = 0.25  # what the page sends when the slider moves
    want = ex.run_step(dataset="OR", lr=0.25, **explorers.OPEN_AT).summary()
    assert e.result.summary() == want and want in _unescape(e.summary.value)
    assert e._png != png0, "from a random start the learning rate changes the picture"
    e.set(init="zeros", epochs=9)
    want = ex.run_step(dataset="OR", lr=0.25, epochs=9)
    assert e.result.summary() == want.summary()
    assert e.seed.disabled and "Why lr seems to do nothing" in e.note.value
    assert e.frame.value == e.frame.max == len(want.frames) - 1


def test_an_explorer_can_open_at_any_control_and_refuses_a_bad_one():
    e = explorers.step_explorer("XOR", x1x2=True, init="zeros")
    assert e.result.summary() == ex.run_step("XOR", x1x2=True).summary() and e.x1x2.value
    assert e.result.accuracy == 1.0  # one step neuron with the x1*x2 input learns XOR
    assert explorers.mlp_explorer(n_hidden=5).settings()["n_hidden"] == 5
    for bad, error in (({"x1x2": 1}, TypeError), ({"lr": float("nan")}, ValueError), ({"seed": -1}, ValueError),
                       ({"n_hidden": 3}, TypeError), ({"speed": 1}, TypeError)):
        with pytest.raises(error):
            explorers.step_explorer(**bad)


def test_show_code_prints_the_call_that_reproduces_the_view():
    e = explorers.sigmoid_explorer(dataset="grid")
    assert e.code.value == ""
    e.set(lr=0.5, epochs=40)
    e.show_code.value = True
    assert "nn.gradient_descent(X, y, W, b, lr=0.5, num_epochs=40" in _unescape(e.code.value)
    e.show_code.value = False
    assert e.code.value == ""


def test_the_live_picture_leaves_the_numbers_to_a_text_widget_and_the_static_picture_draws_them_in():
    e = explorers.sigmoid_explorer(dataset="clusters")
    e.set(lr=0.3, epochs=150, init="random", seed=2)
    r = e.result
    line = explorers.ExplorerFigure.frame_line(r, len(r.frames) - 1)
    assert line.startswith("epoch 150/150: w = [") and f"[{r.status_note}]" in line
    assert _unescape(e.frame_info.value) == f"<pre style='{explorers.PRE_STYLE}'>{line}</pre>"
    fresh = explorers.ExplorerFigure("sigmoid")
    fresh.update(r)
    live, static = _rgba(e._png), _rgba(base64.b64decode(e._repr_mimebundle_()["image/png"]))
    np.testing.assert_array_equal(live, fresh.rgba(text=False))
    canvas = np.asarray(fresh.fig.canvas.buffer_rgba())  # that draw's whole canvas
    assert live.shape[0] == fresh.live_height < 0.9 * canvas.shape[0]
    assert np.all(canvas[fresh.live_height:] == 255), "the live picture leaves out only the empty strip at the bottom"
    np.testing.assert_array_equal(static, fresh.rgba(text=True))
    np.testing.assert_array_equal(static[: live.shape[0]], live)  # the static picture: the live one + the numbers
    assert np.any(static[live.shape[0]:] != 255)
    e.frame.value = 0
    assert _unescape(e.frame_info.value).startswith(f"<pre style='{explorers.PRE_STYLE}'>epoch 0/150: ")


def test_replay_slider_and_step_buttons_show_earlier_epochs():
    e = explorers.step_explorer(dataset="clusters-overlap")
    e.set(init="random", epochs=300)
    last = e.frame.value
    e.prev.click()
    assert e.frame.value == last - 1 and e.figure.frame == last - 1
    e.frame.value = 0
    assert e.figure.text.get_text().startswith("epoch 0/")
    e.next.click()
    assert e.figure.frame == 1


def test_mimebundle_carries_a_picture_and_a_text_summary_for_static_renders():
    e = explorers.sigmoid_explorer(dataset="XOR")
    bundle = e._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == explorers.run_sigmoid(dataset="XOR", **explorers.OPEN_AT).summary()
    png = base64.b64decode(bundle["image/png"])
    assert _pixels(png).shape[:2] == (int(4.2 * 80), int(10 * 80))


def test_bad_dataset_is_refused():
    with pytest.raises(ValueError, match="dataset"):
        explorers.step_explorer(dataset="XNOR")
    with pytest.raises(TypeError, match="control"):
        explorers.step_explorer().set(learning_rate=1)


def _unescape(html_text: str) -> str:
    import html

    return html.unescape(html_text)


def test_an_executed_notebook_stores_the_default_picture():
    """Static renders (GitHub, nbviewer, HTML export) need an image/png in the stored output."""
    import nbformat

    spec = importlib.util.spec_from_file_location("execute_notebooks", REPO / "tools" / "execute_notebooks.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('from course import explorers\nexplorers.step_explorer(dataset="NAND")'),
                nbformat.v4.new_code_cell('print(explorers.run_step(dataset="NAND", **explorers.OPEN_AT).summary())')]
    path = Path(__import__("tempfile").mkdtemp()) / "demo.ipynb"
    nbformat.write(nb, path)
    tool.execute(path)
    done = nbformat.read(path, as_version=4)
    (out,) = done.cells[0].outputs
    assert out.output_type == "execute_result"
    assert _pixels(base64.b64decode(out.data["image/png"])).ndim == 3
    assert out.data["text/plain"] == ex.run_step(dataset="NAND", **explorers.OPEN_AT).summary()
    assert "application/vnd.jupyter.widget-view+json" in out.data
    state = done.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    outputs = [m["state"].get("outputs") for m in state.values() if m["model_name"] == "OutputModel"]
    assert any(o and "image/png" in o[0]["data"] for o in outputs), "the Output widget's picture is saved too"
    assert done.cells[1].outputs[0].text.strip() == ex.run_step(dataset="NAND", **explorers.OPEN_AT).summary()
