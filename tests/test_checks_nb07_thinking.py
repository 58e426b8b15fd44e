"""The checks of notebook 07's prediction (7.2), derivation (7.3) and extension (7.4): what the tables of
tests/test_checks_tables.py do not feed them (answers of the wrong form, stubs, the right values themselves)."""
import numpy as np
import pytest

import nnlib as nn
from course import checks
from course.checks import nb07


def run(capsys, check, *args):
    assert check(*args) is None
    out = capsys.readouterr()
    assert out.err == ""
    lines = out.out.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0], out.out
    return lines[0]


def test_the_split_is_the_notebooks():
    iris = nn.load_iris()
    X_train, y_train, X_test, y_test = nb07.iris_split()
    assert X_train.shape == (70, 2) and X_test.shape == (30, 2)
    assert np.bincount(y_train).tolist() == [35, 35] and np.bincount(y_test).tolist() == [15, 15]
    both = np.vstack([X_train, X_test])
    vv = iris.X[iris.y > 0][:, [2, 3]]
    assert sorted(map(tuple, both.tolist())) == sorted(map(tuple, vv.tolist()))   # every flower once


# ---- 7.2: which run ends highest -------------------------------------------------------

def test_7_2_the_right_run_is_the_highest_loss_of_its_own_runs():
    X_train, y_train, _, _ = nb07.iris_split()
    X_n = nn.normalize(X_train)
    final = {}
    for name, X, lr in (("raw 0.5", X_train, 0.5), ("raw 0.1", X_train, 0.1), ("standardised 0.5", X_n, 0.5)):
        final[name] = nn.gradient_descent(X, y_train, W=np.zeros((2, 1)), b=0.0, lr=lr, num_epochs=200,
                                          batch_size=70)[2][-1]
    assert nb07.HIGHEST_RIGHT == max(final, key=final.get) == "raw 0.5"
    assert final["raw 0.5"] > final["raw 0.1"] > final["standardised 0.5"]


@pytest.mark.parametrize("answer", ["raw 0.5", "  Raw 0.5 ", "RAW 0.5"])
def test_7_2_case_and_spaces_do_not_matter(capsys, answer):
    assert run(capsys, checks.exercise_7_2, answer).startswith("PASS")


@pytest.mark.parametrize("answer, words", [
    (0.5, "answer with text"),
    (True, "answer with text"),
    ("raw", "one of the three runs"),
    ("standardized 0.5 (lr)", "one of the three runs"),
])
def test_7_2_answers_of_the_wrong_form_get_a_hint(capsys, answer, words):
    line = run(capsys, checks.exercise_7_2, answer)
    assert line.startswith("HINT") and words in line, line


# ---- 7.3: one centimetre of petal width -----------------------------------------------

def test_7_3_the_right_value_is_the_weight_over_the_std():
    X_train, y_train, _, _ = nb07.iris_split()
    X_n, _, std = nn.normalize(X_train, return_stats=True)
    W, b, _ = nn.gradient_descent(X_n, y_train, W=np.zeros((2, 1)), b=0.0, lr=0.5, num_epochs=200, batch_size=70)
    x = np.array([[5.0, 1.6]])

    def z(cm):
        return float((((cm - X_train.mean(axis=0)) / std) @ W.ravel())[0] + b)

    assert np.isclose(z(x + [0.0, 1.0]) - z(x), nb07.DZ_RIGHT)      # one more cm of width, at any flower
    assert np.isclose(nb07.DZ_RIGHT, W[1, 0] / std[1])


@pytest.mark.parametrize("answer", [7.585, 7.59, 7.6])
def test_7_3_values_rounded_from_the_printout_pass(capsys, answer):
    assert run(capsys, checks.exercise_7_3, answer).startswith("PASS")


@pytest.mark.parametrize("answer, words", [
    ("7.59", "answer with a number"),
    (True, "answer with a number"),
    ([7.59, 4.07], "expected one number"),
    (float("nan"), "NaN"),
    (100.0, "how much does x2_n change"),
])
def test_7_3_answers_of_the_wrong_form_get_a_hint(capsys, answer, words):
    line = run(capsys, checks.exercise_7_3, answer)
    assert line.startswith("HINT") and words in line, line


def test_7_3_each_wrong_value_is_far_from_the_right_one():
    # the check accepts 1% either side, so no typical mistake may lie within it
    for row in nb07.DZ_TABLE:
        assert abs(row.value - nb07.DZ_RIGHT) > 0.05 * nb07.DZ_RIGHT, row.hint


@pytest.mark.parametrize("answer", [..., None])
@pytest.mark.parametrize("check", [checks.exercise_7_2, checks.exercise_7_3, checks.exercise_7_4])
def test_unanswered_is_reported_kindly(capsys, check, answer):
    assert "not answered yet" in run(capsys, check, answer)


# ---- 7.4: a line in centimetres -------------------------------------------------------

def test_7_4_the_right_answer_is_the_same_line():
    rng = np.random.default_rng(0)
    X = rng.normal([5.0, 1.7], [0.8, 0.4], size=(50, 2))
    for w, b, mean, std in nb07.CM_CASES:
        w_cm, b_cm = nb07.cm_right(w, b, mean, std)
        np.testing.assert_allclose(X @ w_cm + b_cm, ((X - mean) / std) @ np.ravel(w) + b)


def stub(w, b, mean, std):
    ...


@pytest.mark.parametrize("answer, words", [
    (stub, "not answered yet"),
    (0.5, "pass the function itself"),
    (lambda w, b, m, s: np.ravel(w) / s, "two things"),
    (lambda w, b, m, s: (np.ravel(w) / s, np.zeros(2)), "b_cm should be one number"),
    (lambda w, b, m, s: (np.asarray(w) / s, 0.0), "shape (2, 2)"),
    (lambda w, b, m, s: (np.ravel(w)[:1] / s[:1], 0.0), "should hold 2 weights"),
    (lambda w, b, m, s: ("w", "b"), "2 numbers and b_cm one number"),
    (lambda w, b, m, s: (np.ravel(w), float(b)), "w_cm should be"),
    (lambda w, b, m, s: (np.ravel(w) / s, 0.0), "w_cm is right, but on the check's case"),
    (lambda w, b, m, s: 1 / 0, "ZeroDivisionError"),
])
def test_7_4_answers_of_the_wrong_form_get_a_hint(capsys, answer, words):
    line = run(capsys, checks.exercise_7_4, answer)
    assert words in line, line


def test_7_4_column_weights_are_accepted_back(capsys):
    # returning w_cm as a column (2, 1) is the same line
    def as_column(w, b, m, s):
        w_cm, b_cm = nb07.cm_right(w, b, m, s)
        return w_cm.reshape(-1, 1), np.float64(b_cm)

    assert run(capsys, checks.exercise_7_4, as_column).startswith("PASS")


def test_7_4_the_check_does_not_change_its_cases():
    before = [tuple(np.copy(v) for v in case) for case in nb07.CM_CASES]

    def vandal(w, b, mean, std):
        for a in (w, mean, std):
            a *= 0
        return np.zeros(2), 0.0

    checks.exercise_7_4(vandal)
    for case, saved in zip(nb07.CM_CASES, before):
        for value, old in zip(case, saved):
            np.testing.assert_array_equal(value, old)
