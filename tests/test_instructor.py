"""The claims INSTRUCTOR.md tells the instructor to demo, computed with the explorers' own functions."""
from __future__ import annotations

import math

import numpy as np
import pytest

from course import experiments
from series_fixture import ROOT

NOTES = " ".join((ROOT / "INSTRUCTOR.md").read_text(encoding="utf-8").replace("**", "").split())


@pytest.mark.parametrize("lr", [2.0**-10, 1.0, 8.0])
def test_step_explorer_lr_only_rescales_the_weights_with_zero_init(lr):
    r = experiments.run_step("AND", lr=lr)
    np.testing.assert_allclose(r.params["w"] / lr, [2.0, 1.0])
    assert r.params["b"] / lr == pytest.approx(-3.0)
    assert (r.epochs_run, r.accuracy) == (experiments.run_step("AND", lr=1.0).epochs_run, 1.0)
    assert "W = [-3, 2, 1]" in NOTES  # the weights the notes quote for lr = 1


def test_step_explorer_lr_0_1_differs_by_rounding_at_the_point_1_0():
    r, r1 = experiments.run_step("AND", lr=0.1), experiments.run_step("AND", lr=1.0)
    np.testing.assert_allclose(r.params["w"], [0.2, 0.1])
    assert r.params["b"] == pytest.approx(-0.2) and r.epochs_run < r1.epochs_run
    assert "bias −0.2 and weights 0.2 and 0.1" in NOTES  # the numbers the notes quote for lr = 0.1
    assert (2.0 ** experiments.STEP_LR_EXPONENTS[0], 2.0 ** experiments.STEP_LR_EXPONENTS[1]) == (1 / 1024, 8.0)
    # replay the rule: the first prediction that differs is (1, 0) in epoch 4, exactly on the line for lr = 1
    X, d = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), [0, 0, 0, 1]
    W = {1.0: np.zeros(3), 0.1: np.zeros(3)}
    for epoch in range(1, 11):
        for x, target in zip(X, d):
            z = {lr: W[lr] @ np.r_[1.0, x] for lr in W}
            if (z[1.0] >= 0) != (z[0.1] >= 0):
                assert (epoch, tuple(x), z[1.0]) == (4, (1.0, 0.0), 0.0) and z[0.1] != 0
                return
            for lr in W:
                W[lr] = W[lr] + lr * (target - (z[lr] >= 0)) * np.r_[1.0, x]
    pytest.fail("lr = 1 and lr = 0.1 never disagreed")


@pytest.mark.parametrize("lr", [0.1, 1.0, 5.0])
def test_sigmoid_explorer_on_xor_stays_flat_at_ln_2(lr):
    r = experiments.run_sigmoid("XOR", lr=lr, epochs=1000, init="zeros")
    np.testing.assert_allclose(r.history, math.log(2), rtol=0, atol=1e-12)
    assert r.accuracy == 0.5
    assert f"ln 2 = {r.history[-1]:.4f}" in NOTES  # the value the notes quote, as the run gives it


def test_step_explorer_never_converges_on_xor():
    r = experiments.run_step("XOR", lr=1.0, epochs=100)
    assert r.status == "did not converge"


def test_the_sigmoid_explorer_calls_every_xor_point_1_from_zero_init_as_the_notes_say():
    r = experiments.run_sigmoid("XOR", lr=1.0, epochs=10, init="zeros")
    assert np.all(r.proba(r.X) == 0.5) and np.all((r.proba(r.X) >= 0.5) == 1)


def test_the_offline_recipe_downloads_the_build_backend_pyproject_asks_for():
    import re

    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")

    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    backend = next(r for r in build if r.startswith("setuptools"))
    assert re.search(r'pip download -d wheelhouse "' + re.escape(backend) + '"', NOTES), backend




def test_the_room_or_home_table_lists_every_exercise_once_and_the_count_is_right():
    import re

    import nbformat

    headings = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            headings += re.findall(r"^### Coding Exercise (\d+\.\d+):", cell.source, flags=re.M)
    text = (ROOT / "INSTRUCTOR.md").read_text(encoding="utf-8")
    table = text[text.index("### Exercises: in the room, or at home"):].split("\n\n")[2]
    listed = re.findall(r"\b(\d\.\d)\b", table)
    assert sorted(listed) == sorted(headings) and len(set(listed)) == len(listed)
    warm_ups = [h for h in headings if h.startswith("0.")]
    assert f"There are {len(headings) - len(warm_ups)} coding exercises, plus {len(warm_ups)} warm-ups" in NOTES


def test_the_times_the_notes_and_the_contents_page_state_are_the_sums_of_the_tables():
    import re

    import nbformat

    minutes = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        title = nbformat.read(path, as_version=4).cells[0].source
        minutes.append(int(re.search(r"^\*\*Estimated time:\*\* (\d+) minutes\.", title, flags=re.M).group(1)))
    hours, rest = divmod(sum(minutes), 60)
    assert f"add up to {hours} h {rest} min" in NOTES
    contents = " ".join(c.source for c in nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4).cells)
    assert f"about {hours} h {rest} min in all" in contents

    text = (ROOT / "INSTRUCTOR.md").read_text(encoding="utf-8")
    agenda = re.findall(r"^\| (\d):(\d\d) \| (\d+) \|", text, flags=re.M)
    starts = [60 * int(h) + int(m) for h, m, _ in agenda]
    lengths = [int(n) for _, _, n in agenda]
    assert starts == [0, *[s + n for s, n in zip(starts, lengths)][:-1]]  # each slot starts when the last ends
    assert f"## Agenda ({sum(lengths)} minutes)" in text and f"as a {sum(lengths) / 60:g}-hour workshop" in contents
