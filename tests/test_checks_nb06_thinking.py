"""Form errors of notebook 06's new exercises (6.3 to 6.5), which the shared tables do not feed."""
from __future__ import annotations

import numpy as np
import pytest

from course import checks
from course.checks import nb06


def line(capsys, check, *args):
    assert check(*args) is None
    out = capsys.readouterr()
    assert out.err == "" and out.out.count("\n") == 1, out
    return out.out


@pytest.mark.parametrize("check", [checks.exercise_6_3, checks.exercise_6_4])
@pytest.mark.parametrize("bad", ["0.375", np.nan, [0.375, -0.125], True])
def test_value_checks_name_a_wrong_form(capsys, check, bad):
    assert line(capsys, check, bad).startswith("HINT")


def test_6_3_right_value_is_nnlibs_gradient_and_hidden_delta(capsys):
    H = nb06.sigmoid(nb06.DERIVE_X @ nb06.DERIVE_PARAMS["W1"] + nb06.DERIVE_PARAMS["b1"])
    dZ2 = nb06.forward_two_layer(nb06.DERIVE_X, **nb06.DERIVE_PARAMS) - nb06.DERIVE_Y.reshape(-1, 1)
    assert np.isclose(nb06.delta_right(dZ2, nb06.DERIVE_PARAMS["W2"], H)[0, 0], nb06.derive_right())
    assert line(capsys, checks.exercise_6_3, np.float64(0.375)).startswith("PASS")


def test_6_4_accepts_a_numpy_number_and_an_int_is_compared(capsys):
    assert line(capsys, checks.exercise_6_4, np.float64(0.75)).startswith("PASS")
    assert line(capsys, checks.exercise_6_4, 1).startswith("HINT")


def test_6_5_form_errors(capsys):
    assert "not answered" in line(capsys, checks.exercise_6_5, ...)
    assert line(capsys, checks.exercise_6_5, 3).startswith("HINT")
    assert "transpose" in line(capsys, checks.exercise_6_5, lambda dZ2, W2, H: nb06.tanh_delta_right(dZ2, W2, H).T)
    assert line(capsys, checks.exercise_6_5, lambda dZ2, W2, H: W2 @ dZ2).startswith("HINT")
