"""The answer checks of notebooks 01 and 02: the right answer passes, and each typical
mistake gets its own specific hint, printed as one line and never as a traceback."""
import numpy as np
import pytest

import nnlib as nn
from course import checks
from course.checks import nb02


def run(capsys, check, *args):
    assert check(*args) is None
    out = capsys.readouterr()
    assert out.err == ""
    lines = out.out.strip().splitlines()
    assert len(lines) == 1, out.out
    return lines[0]


def stub(*args):
    ...


def not_implemented(*args):
    raise NotImplementedError("Exercise: write me")


# ---- exercise 1.1: fires(x, w, threshold) -----------------------------------------

def fires_right(x, w, threshold):
    return 1 if np.dot(w, x) >= threshold else 0


FIRES_MISTAKES = {
    "returns the sum": (lambda x, w, t: float(np.dot(w, x)), "returned the weighted sum itself"),
    "-1 when silent": (lambda x, w, t: 1 if np.dot(w, x) >= t else -1, "not -1"),
    "comparison reversed": (lambda x, w, t: 1 if np.dot(w, x) < t else 0, "every answer is flipped"),
    "> instead of >=": (lambda x, w, t: 1 if np.dot(w, x) > t else 0, "Use >= instead of >"),
    "weights ignored": (lambda x, w, t: 1 if np.sum(x) >= t else 0, "ignored the weights"),
    "threshold ignored": (lambda x, w, t: 1 if np.dot(w, x) >= 0 else 0, "not with the threshold"),
    "elementwise": (lambda x, w, t: (np.asarray(w) * x >= t).astype(int), "should return one number"),
    "raises": (lambda x, w, t: x @ np.ones(5), "your code raised ValueError"),
}


def test_1_1_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_1_1, fires_right)
    assert line.startswith("PASS  Exercise 1.1")
    assert "all-or-nothing" in line
    # the case on the threshold, named in full: inputs, weights, threshold and the sum
    assert "(x=(1, 1, 1), w=(0.5, 0.5, -0.5), threshold 0.5: the sum is 0.5, equal to the threshold" in line


def test_1_1_asks_for_1_or_0_not_true_false_and_accepts_numpy_scalars(capsys):
    for as_bool in (lambda x, w, t: bool(np.dot(w, x) >= t), lambda x, w, t: np.dot(w, x) >= t):
        line = run(capsys, checks.exercise_1_1, as_bool)
        assert line.startswith("HINT") and "True/False" in line
    assert run(capsys, checks.exercise_1_1, lambda x, w, t: int(np.dot(w, x) >= t)).startswith("PASS")
    assert run(capsys, checks.exercise_1_1, lambda x, w, t: np.int64(np.dot(w, x) >= t)).startswith("PASS")
    assert run(capsys, checks.exercise_1_1, lambda x, w, t: np.array([int(np.dot(w, x) >= t)])).startswith("PASS")


@pytest.mark.parametrize("mistake", sorted(FIRES_MISTAKES))
def test_1_1_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = FIRES_MISTAKES[mistake]
    line = run(capsys, checks.exercise_1_1, fn)
    assert line.startswith("HINT  Exercise 1.1"), line
    assert expected in line, line


def test_1_1_other_wrong_answer_names_a_failing_case(capsys):
    line = run(capsys, checks.exercise_1_1, lambda x, w, t: 1)
    assert line.startswith("HINT") and "the weighted sum is -0.3" in line


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_1_1_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_1_1, answer)


def test_1_1_not_a_function(capsys):
    assert "pass the function itself" in run(capsys, checks.exercise_1_1, 3)


# ---- exercise 1.2: majority neuron (w, b) -----------------------------------------

def test_1_2_right_answers_pass(capsys):
    for w, b in [([1, 1, 1], -1.5), (np.array([2.0, 2.0, 2.0]), -4), ([1, 1, 1], -2)]:
        line = run(capsys, checks.exercise_1_2, w, b)
        assert line.startswith("PASS  Exercise 1.2"), line
    assert "-b = 2" in line and "largest 1" in line and "smallest 2" in line


@pytest.mark.parametrize("w, b, expected", [
    ([1, 1, 1], 0, "b = 0"),                              # bias missing
    ([1, 1, 1], 1.5, "wrong sign"),                       # bias sign reversed (threshold given as +1.5)
    ([-1, -1, -1], -1.5, "weights have the wrong sign"),  # inhibitory where excitatory is meant
    ([1, 1, 1], -0.5, "only one input"),                  # threshold too low
    ([1, 1, 1], -2.5, "all three"),                       # threshold too high
    ([1, 1, 1, 1], -1.5, "3 numbers"),                    # bias folded into w as well
    ([1, 1], -1.5, "needs 3 weights"),                    # wrong shape
    ([1, 1, 1], [-1.5, -1.5], "single number"),           # b not a scalar
    ([1, 2, -1], -1.5, "but a majority neuron gives"),    # something else: shows both tables
])
def test_1_2_each_mistake_gets_its_hint(capsys, w, b, expected):
    line = run(capsys, checks.exercise_1_2, w, b)
    assert line.startswith("HINT  Exercise 1.2"), line
    assert expected in line, line


@pytest.mark.parametrize("w, b", [(..., -1.5), ([1, 1, 1], ...), (None, None)])
def test_1_2_unanswered(capsys, w, b):
    assert "not answered yet" in run(capsys, checks.exercise_1_2, w, b)


def test_1_2_non_numeric(capsys):
    assert "array of 3 numbers" in run(capsys, checks.exercise_1_2, "one one one", -1.5)


# ---- exercise 2.1: perceptron_output(x, W) ----------------------------------------

def output_right(x, W):
    return int(W @ np.insert(x, 0, 1) >= 0)


OUTPUT_MISTAKES = {
    "bias missing": (lambda x, W: int(W[1:] @ x >= 0), "the bias is missing"),
    "bias last": (lambda x, W: int(W @ np.append(x, 1) >= 0), "bias comes first"),
    "> instead of >=": (lambda x, W: int(W @ np.insert(x, 0, 1) > 0), "step(0) = 1"),
    "reversed": (lambda x, W: int(W @ np.insert(x, 0, 1) < 0), "every answer is flipped"),
    "-1/+1 labels": (lambda x, W: 1 if W @ np.insert(x, 0, 1) >= 0 else -1, "0/1"),
    "returns z": (lambda x, W: float(W @ np.insert(x, 0, 1)), "returned z itself"),
    "elementwise": (lambda x, W: (W * np.insert(x, 0, 1) >= 0).astype(int), "dot product"),
    "shape mismatch": (lambda x, W: int(W @ x >= 0), "np.insert(x, 0, 1)"),
    "other error": (lambda x, W: W["bias"], "your code raised IndexError"),
}


def test_2_1_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_2_1, output_right)
    assert line.startswith("PASS  Exercise 2.1") and "step(0) = 1" in line
    assert run(capsys, checks.exercise_2_1, lambda x, W: np.dot(W[1:], x) + W[0] >= 0).startswith("PASS")


@pytest.mark.parametrize("mistake", sorted(OUTPUT_MISTAKES))
def test_2_1_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = OUTPUT_MISTAKES[mistake]
    line = run(capsys, checks.exercise_2_1, fn)
    assert line.startswith("HINT  Exercise 2.1"), line
    assert expected in line, line


def test_2_1_other_wrong_answer_names_a_failing_case(capsys):
    line = run(capsys, checks.exercise_2_1, lambda x, W: 0)
    assert line.startswith("HINT") and "z = 0.5 so the output is 1" in line


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_2_1_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_2_1, answer)


# ---- exercise 2.2: predict the outputs of W = [-1, 1, 1] ----------------------------

@pytest.mark.parametrize("answer", [[0, 1, 1, 1], (0, 1, 1, 1), np.array([0.0, 1.0, 1.0, 1.0]), np.array([[0], [1], [1], [1]])])
def test_2_2_right_prediction_passes_in_any_array_form(capsys, answer):
    assert run(capsys, checks.exercise_2_2, answer).startswith("PASS  Exercise 2.2")


def test_2_2_right_value_is_nnlibs_neuron():
    W = np.array([-1.0, 1.0, 1.0])
    p = nn.Perceptron(input_size=2)
    p.W = W
    np.testing.assert_array_equal(nb02.PREDICT_RIGHT, p.predict(nn.logic_gate("OR")[0]))
    np.testing.assert_array_equal(nb02.PREDICT_RIGHT, nn.GATES["OR"])


@pytest.mark.parametrize("answer, expected", [
    ("OR", "answer with a number"),               # the gate's name instead of its outputs
    ([0, 1, 1], "expected 4 numbers"),           # a row left out
    ([0, 1, 1, 1, 1], "expected 4 numbers"),
    ([0, np.nan, 1, 1], "NaN"),
    ([1, 1, 1, 1], "write z = -1 + x1 + x2"),    # not a typical mistake: the general hint
])
def test_2_2_form_errors_and_other_wrong_values(capsys, answer, expected):
    line = run(capsys, checks.exercise_2_2, answer)
    assert line.startswith("HINT  Exercise 2.2"), line
    assert expected in line, line


@pytest.mark.parametrize("answer", [..., None])
def test_2_2_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_2_2, answer)


# ---- exercise 2.3: name_gate(W) ---------------------------------------------------

def name_right(W):
    p = nn.Perceptron(input_size=2)
    p.W = np.asarray(W, float)
    outputs = p.predict(nn.logic_gate("AND")[0])
    return next((g for g, t in nn.GATES.items() if np.array_equal(outputs, t)), "none")


def test_2_3_right_answer_passes_in_any_case_and_spacing(capsys):
    assert run(capsys, checks.exercise_2_3, name_right).startswith("PASS  Exercise 2.3")
    assert run(capsys, checks.exercise_2_3, lambda W: f" {name_right(W).lower()} ").startswith("PASS")


def test_2_3_cases_cover_every_gate_a_neuron_can_make_and_none():
    names = {nb02.name_right(*case) for case in nb02.NAME_CASES}
    assert names == {"AND", "OR", "NAND", "NOR", "none"}


@pytest.mark.parametrize("fn, expected", [
    (lambda W: None if name_right(W) == "none" else name_right(W), "returns None"),   # None for no gate
    (lambda W: 1, "as text"),
    (lambda W: "XNOR" if name_right(W) == "none" else name_right(W), "not one of"),
    (lambda W: W["gate"], "your code raised IndexError"),
    (lambda W: "AND", "which is 'NAND'"),                                             # the general hint
])
def test_2_3_form_errors_and_other_wrong_answers(capsys, fn, expected):
    line = run(capsys, checks.exercise_2_3, fn)
    assert line.startswith("HINT  Exercise 2.3"), line
    assert expected in line, line


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_2_3_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_2_3, answer)


def test_2_3_not_a_function(capsys):
    assert "pass the function itself" in run(capsys, checks.exercise_2_3, "AND")


# ---- exercise 2.4: NOR weights ----------------------------------------------------

@pytest.mark.parametrize("W", [[0.5, -1, -1], np.array([[1.0], [-2.0], [-2.0]]), (0.5, -1, -2), (1, -3, -3)])
def test_2_4_right_answers_pass(capsys, W):
    line = run(capsys, checks.exercise_2_4, W)
    assert line.startswith("PASS  Exercise 2.4"), line


@pytest.mark.parametrize("W, closest, margin", [
    ([0, -1, -1], "(0,0)", "0"),             # b = 0: (0,0) fires only by the tie rule step(0) = 1
    ([0.25, -1, -1], "(0,0)", "0.25"),       # right outputs, too close at (0,0)
    ((0.1, -0.2, -0.3), "(0,0)", "0.1"),     # right outputs, every row close
    ([0.5, -0.75, -1], "(1,0)", "0.25"),     # b + w1 = -0.25: the row with x1 = 1 alone is too close
])
def test_2_4_nor_too_close_to_the_boundary_is_refused(capsys, W, closest, margin):
    line = run(capsys, checks.exercise_2_4, W)
    assert line.startswith("HINT  Exercise 2.4"), line
    assert f"row {closest} has z = " in line and f"only {margin} from the boundary" in line, line


@pytest.mark.parametrize("W, expected", [
    ([-1, -1], "the bias is missing"),                 # bias left out
    ([-1, -1, 0.5], "bias comes first"),               # bias written last
    ([-0.5, 1, 1], "compute OR"),                      # OR's weights: the signs reversed
    ([1, 1, 1, 1], "3 numbers"),                       # wrong shape
    ([-0.5, -1, -1], "The bias must be >= 0"),         # (0,0) does not fire
    ([1.5, -1, -2], "with x1 = 1 alone"),              # w1 not negative enough
    ([1.5, -2, -1], "with x2 = 1 alone"),              # w2 not negative enough
    (["a", "b", "c"], "3 numbers"),                    # not numeric
])
def test_2_4_each_mistake_gets_its_hint(capsys, W, expected):
    line = run(capsys, checks.exercise_2_4, W)
    assert line.startswith("HINT  Exercise 2.4"), line
    assert expected in line, line


def test_2_4_reversed_signs_that_are_not_or(capsys):
    # -W is a NOR neuron, but W itself is not OR (z = 0 at (0,0) flips with the sign).
    line = run(capsys, checks.exercise_2_4, [0, 1, 1])
    assert "signs are reversed" in line, line


@pytest.mark.parametrize("answer", [..., None])
def test_2_4_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_2_4, answer)


# ---- exercise 2.5: the boundary of W = [1, -2, 4] ---------------------------------

@pytest.mark.parametrize("answer", [(0.5, -0.25), [0.5, -0.25], np.array([0.5, -0.25]), (1 / 2, -1 / 4)])
def test_2_5_right_value_passes(capsys, answer):
    line = run(capsys, checks.exercise_2_5, answer)
    assert line.startswith("PASS  Exercise 2.5") and "above the line" in line


def test_2_5_right_value_is_on_the_boundary():
    slope, icpt = nb02.LINE_RIGHT
    b, w1, w2 = nb02.LINE_W
    for x1 in (-1.0, 0.0, 2.0):
        assert abs(b + w1 * x1 + w2 * (slope * x1 + icpt)) < 1e-12


def test_2_5_every_mistake_of_the_boundary_table_differs_on_its_cases():
    # LINE_MISTAKES is 2.5's table (as values at LINE_W); on LINE_CASES each row differs from the line.
    for row in nb02.LINE_MISTAKES:
        assert any(not np.allclose(row.answer(*c), nb02.line_right(*c)) for c in nb02.LINE_CASES), row.hint


@pytest.mark.parametrize("answer, expected", [
    ("0.5, -0.25", "answer with a number"),
    ((..., -0.25), "answer with a number"),       # the intercept filled in, the slope not
    (0.5, "expected 2 numbers"),
    ((0.5, -0.25, 1), "expected 2 numbers"),
    ((np.inf, -0.25), "NaN or an infinity"),
    ((1.0, 1.0), "divide by w2"),                 # not a typical mistake: the general hint
])
def test_2_5_form_errors_and_other_wrong_values(capsys, answer, expected):
    line = run(capsys, checks.exercise_2_5, answer)
    assert line.startswith("HINT  Exercise 2.5"), line
    assert expected in line, line


@pytest.mark.parametrize("answer", [..., None])
def test_2_5_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_2_5, answer)


def test_checks_are_exported_for_notebooks_01_and_02():
    for name in ("exercise_1_1", "exercise_1_2", "exercise_2_1", "exercise_2_2", "exercise_2_3", "exercise_2_4",
                 "exercise_2_5"):
        assert name in checks.__all__
