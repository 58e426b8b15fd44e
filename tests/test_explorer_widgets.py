"""The explorers' widget layer: what a control shows is what trains, refusals keep the state, the new
controls (x1*x2, hidden width, the weight explorer). The renderer's tests are in test_explorers.py."""
from __future__ import annotations

import base64
import re

import numpy as np
import pytest

from course import experiments as ex
from course import explorers
from test_explorers import MODELS, _rgba, _same_as_a_fresh_figure, _unescape


# ------------------------------------------- what a control shows is what trains (issue 15, items 3, 5, 6)

FACTORIES = {"step": explorers.step_explorer, "sigmoid": explorers.sigmoid_explorer}
if ex.mlp_available():
    FACTORIES["mlp"] = explorers.mlp_explorer
DEFAULTS = explorers.OPENING  # where each explorer opens


def values_only(e):
    """Leave out the PNG encoding in a sweep that checks values, not pictures (the round-trip tests below
    compare the pictures); the figure's artists are still updated as usual."""
    e.figure.png = lambda *args, **kwargs: b"\x89PNG\r\n\x1a\n"
    return e


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_every_slider_position_trains_exactly_the_value_it_shows(model):
    e = values_only(FACTORIES[model]())
    for slider, trained in ((e.lr, lambda r: r.lr), (e.epochs, lambda r: r.epochs)):
        if slider is e.lr:  # the lr positions at the fewest epochs: what is checked does not depend on them
            e.epochs.value = ex.EPOCHS_GRID[0]
        for label, value in slider.options:
            slider.value = value  # what the page sends when the knob stops there
            assert slider.label == label and explorers.label_value(label) == value == trained(e.result)
            assert e.result.summary() == MODELS[model](**e.settings()).summary()
            shown = re.search(r"lr=([^,]+), epochs=(\d+),", e.result.summary())  # the summary's numbers: exact too
            assert float(shown[1]) == explorers.label_value(e.lr.label) and int(shown[2]) == int(e.epochs.label)
        slider.value = DEFAULTS[model][slider.description]


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_returning_every_control_to_its_default_gives_back_the_default_picture_and_numbers(model):
    e = FACTORIES[model]()
    dataset = e.dataset.value
    shown = (e._png, e.summary.value, e.frame_info.value, e.result.history.copy())
    for slider in (e.lr, e.epochs):
        values = [v for _, v in slider.options]
        i = values.index(slider.value)
        for j in (i + 1, i - 1):  # one step right, back; one step left, back
            slider.value = values[j]
            assert e.summary.value != shown[1]
            slider.value = values[i]
            assert (e._png, e.summary.value, e.frame_info.value) == shown[:3]
            np.testing.assert_array_equal(e.result.history, shown[3])
    e.set(dataset="clusters", init="zeros" if e.init.value == "random" else "random", seed=5)
    e.set(dataset=dataset, init=DEFAULTS[model]["init"], seed=DEFAULTS[model]["seed"])
    assert (e._png, e.summary.value, e.frame_info.value) == shown[:3]


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_no_default_sits_at_a_sliders_end_and_small_epoch_counts_are_easy_to_reach(model):
    e = FACTORIES[model]()
    for slider in (e.lr, e.epochs):
        values = [v for _, v in slider.options]
        assert values == sorted(values) and values[0] < slider.value < values[-1]
    epochs = [v for _, v in e.epochs.options]
    assert epochs[:5] == [1, 2, 3, 4, 5]
    assert epochs.index(10) / (len(epochs) - 1) >= 0.25, "1 to 10 epochs take at least a quarter of the slider"


BAD_VALUES = [("lr", float("nan")), ("lr", float("inf")), ("lr", -0.1), ("lr", 0.0), ("lr", 50.0), ("lr", "0.1"),
              ("lr", True), ("lr", None), ("epochs", 0), ("epochs", 17.5), ("epochs", 100_000), ("epochs", float("nan")),
              ("epochs", "10"), ("seed", -1), ("seed", ex.SEED_RANGE[1] + 1), ("seed", 1.5), ("dataset", "XNOR"), ("dataset", 3),
              ("init", "ones")]


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_a_bad_value_is_refused_and_the_explorer_keeps_its_state_and_keeps_working(model):
    e = FACTORIES[model]()
    e.set(epochs=20)
    before = (e.settings(), e.result.summary(), e._png, e.lr.label, e.epochs.label)
    for name, bad in BAD_VALUES:
        with pytest.raises((TypeError, ValueError), match=name):
            e.set(**{name: bad})
        assert (e.settings(), e.result.summary(), e._png, e.lr.label, e.epochs.label) == before, (name, bad)
        assert "Refused" in e.error.value and name in e.error.value
    with pytest.raises(ValueError):
        e.set(epochs=30, lr=float("nan"))  # one bad value refuses the whole call
    assert e.settings() == before[0]
    e.set(epochs=17)  # a valid value between two slider positions: shown, and trained, exactly
    assert e.epochs.label == "17" and e.result.epochs == 17 and e.error.value == ""
    assert e.result.summary() == MODELS[model](**{**before[0], "epochs": 17}).summary()


def test_a_change_from_the_page_that_fails_puts_the_control_back_and_says_why(monkeypatch):
    e = explorers.sigmoid_explorer()
    before = (e.settings(), e.result.summary(), e._png)

    def refuse(**settings):
        raise ValueError("lr must be ... (a refusal from the pure layer)")

    monkeypatch.setattr(e, "run", refuse)
    e.epochs.value = 200  # from the page: no exception escapes into the kernel's comm handler
    assert (e.settings(), e.result.summary(), e._png) == before and "Refused" in e.error.value
    assert e.busy.value == ""
    monkeypatch.undo()
    e.epochs.value = 200
    assert e.result.epochs == 200 and e.error.value == ""


def test_updating_shows_while_the_retrain_runs_and_is_gone_when_the_picture_is_current(monkeypatch):
    e = explorers.step_explorer()
    seen = []
    real = e.run

    def watched(**settings):
        seen.append(e.busy.value)
        return real(**settings)

    monkeypatch.setattr(e, "run", watched)
    e.lr.value = 2.0
    assert seen == [explorers.BUSY_HTML] and "updating" in seen[0]
    assert e.busy.value == "" and e.result.lr == 2.0


def test_lr_labels_show_the_exact_value():
    for v in (*ex.LR_GRID, *ex.STEP_LR_GRID):
        assert explorers.label_value(explorers.lr_label(v)) == v
    assert [explorers.lr_label(v) for v in (2.0**-10, 0.5, 1.0, 8.0, 5.01, 0.00126)] == \
        ["1/1024", "1/2", "1", "8", "5.01", "0.00126"]


def _text_pixels(fig) -> list[float]:
    """The size in pixels (at the figure's own dpi) of every visible, non-empty text of a drawn figure."""
    fig.canvas.draw()
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
             if t.get_visible() and t.get_text()]
    return [t.get_fontsize() * fig.dpi / 72 for t in texts]


def test_text_is_at_least_10_pixels_and_presentation_makes_it_larger():
    import matplotlib.pyplot as plt

    from nnlib import plotting

    assert plt.rcParams["font.size"] == plotting.FONT_SIZE
    e = explorers.sigmoid_explorer()
    assert min(_text_pixels(e.figure.fig)) >= 10
    ax = plotting.plot_data(*ex.load_dataset("AND"))
    # a "small" legend in a 15-inch figure that JupyterLab shrinks to a 1000-pixel output area
    legend = min(t.get_fontsize() for t in ax.get_legend().get_texts())
    assert legend * 1000 / (15 * 72) >= 10 and min(_text_pixels(ax.figure)) >= 10
    plt.close(ax.figure)
    try:
        plotting.presentation()
        assert plt.rcParams["font.size"] > plotting.FONT_SIZE
        big = explorers.sigmoid_explorer()
        assert big.figure.dpi > e.figure.dpi and min(_text_pixels(big.figure.fig)) > min(_text_pixels(e.figure.fig))
    finally:
        plotting.presentation(False)
    assert plt.rcParams["font.size"] == plotting.FONT_SIZE


# ------------------------------------------------- the controls that matter (issue 12, item 5)

NEW_CONTROL = {"step": ("x1x2", [False, True]), "sigmoid": ("x1x2", [False, True]),
               "mlp": ("n_hidden", list(range(ex.HIDDEN_RANGE[0], ex.HIDDEN_RANGE[1] + 1)))}


def _shown(e) -> tuple:
    return e._png, e.summary.value, e.frame_info.value, e.code.value


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_every_position_of_the_new_control_trains_exactly_what_it_shows(model):
    name, values = NEW_CONTROL[model]
    e = values_only(FACTORIES[model](dataset="XOR"))
    widget = getattr(e, name)
    assert widget.value == DEFAULTS[model][name] == values[0]
    for value in values:
        widget.value = value  # what the page sends
        r = e.result
        assert e.settings()[name] == value == getattr(r, name)
        assert r.summary() == MODELS[model](**e.settings()).summary()
        if model == "mlp":
            assert r.params["W1"].shape == (2, value)
            drawn = [line for line in e.figure.hidden_lines if len(line.get_xdata())]
            assert len(drawn) == value, "one line per hidden unit"
            for k, line in enumerate(drawn):  # each is that unit's w1 x1 + w2 x2 + b1 = 0
                xs, ys = (np.asarray(a) for a in line.get_data())
                W1, b1 = r.params["W1"], r.params["b1"]
                np.testing.assert_allclose(W1[0, k] * xs + W1[1, k] * ys + b1[k], 0, atol=1e-9)
        else:
            assert r.params["w"].shape == (3 if value else 2,)


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_the_new_control_back_at_its_default_gives_back_the_default_picture_and_numbers(model):
    name, values = NEW_CONTROL[model]
    e = FACTORIES[model](dataset="XOR")
    e.show_code.value = True
    before, history = _shown(e), e.result.history.copy()
    for value in values[1:]:
        getattr(e, name).value = value
        assert _shown(e)[1] != before[1] and _shown(e)[0] != before[0] and _shown(e)[3] != before[3]
        getattr(e, name).value = values[0]
        assert _shown(e) == before
        np.testing.assert_array_equal(e.result.history, history)


NEW_BAD = {"step": [("x1x2", 1), ("x1x2", "on"), ("x1x2", None), ("n_hidden", 4)],
           "sigmoid": [("x1x2", 0), ("x1x2", np.float64(1.0))],
           "mlp": [("n_hidden", 1), ("n_hidden", 9), ("n_hidden", 3.5), ("n_hidden", True), ("n_hidden", "4"),
                   ("n_hidden", float("inf")), ("x1x2", True)]}


@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_bad_values_of_the_new_control_are_refused_and_the_explorer_keeps_working(model):
    name, values = NEW_CONTROL[model]
    e = FACTORIES[model](dataset="XOR")
    e.set(**{name: values[-1]})
    before = (e.settings(), _shown(e))
    for bad_name, bad in NEW_BAD[model]:
        with pytest.raises((TypeError, ValueError), match=bad_name):
            e.set(**{bad_name: bad})
        assert (e.settings(), _shown(e)) == before, (bad_name, bad)
        assert "Refused" in e.error.value and bad_name in e.error.value
    if model == "mlp":
        assert "from 2 to 8" in str(pytest.raises(ValueError, e.set, n_hidden=9).value)
    e.set(**{name: values[0]})
    assert e.error.value == "" and getattr(e.result, name) == values[0]


def test_the_x1x2_boundary_is_the_zero_curve_of_z_and_the_regions_are_the_predictions():
    e = explorers.step_explorer(dataset="XOR")
    e.x1x2.value = True
    r, fig = e.result, e.figure
    assert r.accuracy == 1 and r.status == "converged"
    np.testing.assert_array_equal(fig.probs.ravel(), r.proba(fig._grid))
    xs, ys = (np.asarray(a, float) for a in fig.boundary.get_data())
    pts = np.column_stack([xs, ys])[~np.isnan(xs)]
    assert len(pts) > 10, "a curve, not a straight line"
    step = (fig._hi - fig._lo) / (explorers.RESOLUTION - 1)
    w = r.params["w"]  # |dz| across one grid cell bounds how far a contour point's z is from 0
    bound = abs(w[0]) * step[0] + abs(w[1]) * step[1] + abs(w[2]) * (step[0] * 2 + step[1] * 2)
    assert np.all(np.abs(r.z(pts)) <= bound)
    ax = pts - pts[0]  # not on one line: some point lies off the chord of the first two
    assert np.max(np.abs(ax[:, 0] * ax[1, 1] - ax[:, 1] * ax[1, 0])) > 1e-3
    e.x1x2.value = False
    assert len(fig.boundary.get_xdata()) == 2  # the straight line is back
    _same_as_a_fresh_figure(fig, e.result)
    e.x1x2.value = True
    _same_as_a_fresh_figure(fig, e.result)


@pytest.mark.parametrize("h", range(ex.HIDDEN_RANGE[0], ex.HIDDEN_RANGE[1] + 1))
def test_the_renderer_draws_one_line_per_hidden_unit(h):
    fig = explorers.ExplorerFigure("mlp")
    r = ex.run_mlp(dataset="XOR", n_hidden=h, epochs=50)
    fig.update(r)
    assert sum(len(line.get_xdata()) > 0 for line in fig.hidden_lines) == h
    fig.update(r, frame=0)
    assert sum(len(line.get_xdata()) > 0 for line in fig.hidden_lines) == h


# ---- the weight explorer

def test_every_weight_slider_position_shows_exactly_the_value_the_neuron_uses():
    e = values_only(explorers.weight_explorer())
    assert e.settings() == {"gate": "AND", **ex.WEIGHT_DEFAULTS}
    for name in ("w1", "w2", "b"):
        slider = getattr(e, name)
        values = [v for _, v in slider.options]
        assert values == list(ex.WEIGHT_GRID) and values[0] < slider.value < values[-1]
        for label, value in slider.options:
            slider.value = value
            assert float(slider.label) == value == getattr(e.result, name)
            assert e.result.summary() == ex.run_weights(**e.settings()).summary()
            assert f"{name}={label}," in e.result.summary() or f"{name}={label} against" in e.result.summary()
        slider.value = ex.WEIGHT_DEFAULTS[name]
    for gate in nn_gates():
        e.gate.value = gate
        assert e.result.gate == gate and e.result.summary() == ex.run_weights(**e.settings()).summary()


def nn_gates():
    from nnlib import GATES

    return list(GATES)


def test_the_weight_picture_shows_the_neurons_line_regions_and_the_gates_points():
    e = explorers.weight_explorer(gate="OR")
    e.set(w1=1.0, w2=1.0, b=-0.5)
    fig, r = e.figure, e.result
    np.testing.assert_array_equal(fig.probs.ravel(), r.proba(fig._grid))
    xs, ys = (np.asarray(a) for a in fig.boundary.get_data())
    np.testing.assert_allclose(xs + ys - 0.5, 0, atol=1e-12)
    for c, points in enumerate(fig.points):
        np.testing.assert_array_equal(points.get_xydata(), r.X[r.y == c])
    assert r.table() in fig.table.get_text().replace(";\n", "; ") and "computes OR" in _unescape(e.summary.value)
    fresh = explorers.WeightFigure()
    fresh.update(r)
    np.testing.assert_array_equal(_rgba(e._png), _rgba(fresh.png()))  # the cached background changes nothing
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == r.summary() and _rgba(base64.b64decode(bundle["image/png"])).ndim == 3
    redraws = fig.full_redraws
    e.set(w1=-0.5)
    assert fig.full_redraws == redraws, "a weight change redraws no axes"
    e.set(gate="XOR")
    assert fig.full_redraws == redraws + 1


def test_the_weight_explorer_refuses_bad_values_and_keeps_its_state(monkeypatch):
    e = explorers.weight_explorer(gate="NAND", w1=-1.0, w2=-1.0, b=1.5)
    e.show_code.value = True
    assert "p.W = [1.5, -1, -1]" in _unescape(e.code.value)
    before = (e.settings(), e._png, e.summary.value, e.code.value)
    for name, bad in [("w1", 3.25), ("w2", 0.3), ("b", float("nan")), ("b", "1"), ("w1", True), ("gate", "XNOR"),
                      ("gate", None), ("bias", 1.0)]:
        with pytest.raises((TypeError, ValueError), match=name):
            e.set(**{name: bad})
        assert (e.settings(), e._png, e.summary.value, e.code.value) == before, (name, bad)
    assert "Refused" in e.error.value
    with pytest.raises(ValueError, match="from -3 to 3"):
        explorers.weight_explorer(w1=4.0)
    seen = []
    real = e.run
    monkeypatch.setattr(e, "run", lambda **s: seen.append(e.busy.value) or real(**s))
    e.w1.value = 0.25  # from the page: shows "updating..." while it computes, then the new table
    assert seen == [explorers.BUSY_HTML] and e.busy.value == "" and e.result.w1 == 0.25 and e.error.value == ""
    monkeypatch.setattr(e, "run", lambda **s: (_ for _ in ()).throw(ValueError("b must be ...")))
    shown = (e.settings(), e._png)
    e.b.value = 0.5  # a failure from the page puts the slider back
    assert (e.settings(), e._png) == shown and "Refused" in e.error.value
