"""The answer checks of notebook 05: the right answer passes, and each typical mistake
gets its own specific hint, printed as one line and never as a traceback."""
import warnings

import numpy as np
import pytest

import nnlib as nn
from course import checks
from course.checks import nb05

X_XOR, Y_XOR = nn.logic_gate("XOR")


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


def sig(z):
    return 1 / (1 + np.exp(-z))


# ---- unanswered and not callable --------------------------------------------------

@pytest.mark.parametrize("check", [checks.exercise_5_1, checks.exercise_5_3, checks.exercise_5_6])
@pytest.mark.parametrize("answer", [..., None])
def test_value_exercises_unanswered_are_reported_kindly(capsys, check, answer):
    line = run(capsys, check, answer)
    assert "not answered yet" in line and "Traceback" not in line


@pytest.mark.parametrize("check", [checks.exercise_5_2, checks.exercise_5_4])
@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_function_exercises_unanswered_are_reported_kindly(capsys, check, answer):
    assert "not answered yet" in run(capsys, check, answer)


@pytest.mark.parametrize("answer", [(..., ...), (None, 0.5), (np.ones(2), ...)])
def test_5_5_unanswered_is_reported_kindly(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_5_5, *answer)


@pytest.mark.parametrize("check", [checks.exercise_5_2, checks.exercise_5_4])
def test_a_value_instead_of_a_function_gets_a_hint(capsys, check):
    line = run(capsys, check, 0.5)
    assert line.startswith("HINT") and "pass the function itself" in line


# ---- exercise 5.1: predict W after 100 epochs with lr = 0.5 -------------------------

def test_5_1_the_right_value_is_nnlibs_and_half_of_lr_1():
    W1 = nn.Perceptron(input_size=2, lr=1.0, epochs=100).fit(X_XOR, Y_XOR).W
    np.testing.assert_array_equal(nb05.HALF_RIGHT, 0.5 * W1)
    np.testing.assert_array_equal(nb05.HALF_RIGHT, [0.0, -0.5, 0.0])


@pytest.mark.parametrize("answer,expected", [
    ([0.0, -0.5], "expected 3 numbers"),
    ("[0, -0.5, 0]", "not a str"),
    ([np.nan, -0.5, 0.0], "NaN"),
    ([1.0, 2.0, 3.0], "with lr = 1 the weights end at W = [0.0, -1.0, 0.0]"),
])
def test_5_1_form_errors_and_other_values_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_5_1, answer)
    assert line.startswith("HINT  Exercise 5.1") and expected in line, line


def test_5_1_a_list_and_a_column_pass(capsys):
    assert run(capsys, checks.exercise_5_1, [0, -0.5, 0]).startswith("PASS")
    assert run(capsys, checks.exercise_5_1, np.array([[0.0], [-0.5], [0.0]])).startswith("PASS")


# ---- exercise 5.2: first_repeat(history) ---------------------------------------------

def repeat_by_tuples(history):
    seen = set()
    for t, row in enumerate(history):
        if tuple(row) in seen:
            return t
        seen.add(tuple(row))


def test_5_2_right_answers_pass(capsys):
    assert run(capsys, checks.exercise_5_2, repeat_by_tuples).startswith("PASS  Exercise 5.2")
    as_list = lambda H: nb05.first_repeat_right(np.asarray(H).tolist())  # noqa: E731
    assert run(capsys, checks.exercise_5_2, as_list).startswith("PASS")


def test_5_2_the_cases_tell_a_cycle_longer_than_one_epoch():
    """At least one case has a cycle of 2, so comparing with the previous row only cannot pass."""
    lengths = {nb05.first_repeat_right(H) - nb05._earlier(H) for (H,) in nb05.REPEAT_CASES}
    assert 1 in lengths and 2 in lengths
    assert nb05.first_repeat_right(nb05.REPEAT_CASES[0][0]) == 3


def previous_only(history):
    for t in range(1, len(history)):
        if np.array_equal(history[t], history[t - 1]):
            return t
    return -1


def elementwise_if(history):
    for t in range(len(history)):
        for s in range(t):
            if history[t] == history[s]:
                return t


def previous_only_else_none(history):
    for t in range(1, len(history)):
        if np.array_equal(history[t], history[t - 1]):
            return t


def any_entry_equal(history):
    for t in range(len(history)):
        for s in range(t):
            if (history[t] == history[s]).any():
                return t


REPEAT_HINTS = {
    "previous only": (previous_only, "not only with row t - 1"),
    "previous only, None when it finds nothing": (previous_only_else_none, "found no repeat, but every history"),
    "any entry equal": (any_entry_equal, "`(a == b).any()`"),
    "t - 1": (lambda H: nb05.first_repeat_right(H) - 1, "you returned t - 1"),
    "== on rows": (elementwise_if, "np.array_equal(history[t], history[s])"),
    "row returned": (lambda H: np.asarray(H)[nb05.first_repeat_right(H)], "not the row itself"),
    "text": (lambda H: "three", "return one whole number"),
    "bool": (lambda H: True, "returned True or False"),
    "raises": (lambda H: H[100], "your code raised IndexError"),
}


@pytest.mark.parametrize("name", sorted(REPEAT_HINTS))
def test_5_2_mistakes_outside_the_table_get_their_hint(capsys, name):
    fn, expected = REPEAT_HINTS[name]
    line = run(capsys, checks.exercise_5_2, fn)
    assert line.startswith("HINT  Exercise 5.2") and expected in line, line


# ---- exercise 5.3: the gradient at zero on XOR and AND --------------------------------

def test_5_3_the_right_value_is_nnlibs():
    for row, gate in zip(nb05.GRADS0_RIGHT, ("XOR", "AND")):
        X, y = nn.logic_gate(gate)
        dW, db = nn.gradients(X, y, np.zeros((2, 1)), 0.0)
        np.testing.assert_array_equal(row, np.r_[dW.ravel(), db])
    np.testing.assert_array_equal(nb05.GRADS0_RIGHT, [[0, 0, 0], [0, 0, 0.25]])


@pytest.mark.parametrize("answer,expected", [
    ([0.0, 0.0, 0.0], "expected 6 numbers"),
    (np.log(2), "expected 6 numbers"),
    ("zero", "not a str"),
    ([[0, 0, 0], [0, 0, np.inf]], "NaN or an infinity"),
    ([[0, 0, 0], [0.1, 0, 0.25]], "work it out point by point"),
])
def test_5_3_form_errors_and_other_values_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_5_3, answer)
    assert line.startswith("HINT  Exercise 5.3") and expected in line, line


def test_5_3_a_flat_list_of_six_passes(capsys):
    assert run(capsys, checks.exercise_5_3, [0, 0, 0, 0, 0, 0.25]).startswith("PASS")


# ---- exercise 5.4: line_accuracy(X, y, W, b) ----------------------------------------

def acc_right(X, y, W, b):
    return np.mean(((X @ W + b).ravel() > 0) == y)


ACC_MISTAKES = {
    "broadcast": (lambda X, y, W, b: np.mean((X @ W + b > 0) == y), "broadcast into an (n, n) matrix"),
    "broadcast, no mean": (lambda X, y, W, b: (X @ W + b > 0) == y, "shape (4, 4)"),
    "array": (lambda X, y, W, b: ((X @ W + b).ravel() > 0) == y, "one entry per point"),
    "count": (lambda X, y, W, b: np.sum(((X @ W + b).ravel() > 0) == y), "not the fraction"),
    "percent": (lambda X, y, W, b: 100 * acc_right(X, y, W, b), "percentage"),
    "sides swapped": (lambda X, y, W, b: np.mean(((X @ W + b).ravel() < 0) == y), "wrong way round"),
    "no bias": (lambda X, y, W, b: np.mean(((X @ W).ravel() > 0) == y), "the bias is not included"),
    "not a number": (lambda X, y, W, b: "three quarters", "one number between 0 and 1"),
    "raises": (lambda X, y, W, b: X @ y, "your code raised ValueError"),
    "other": (lambda X, y, W, b: 0.1, "Compute z = X @ W + b"),
}


def test_5_4_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_5_4, acc_right)
    assert line.startswith("PASS  Exercise 5.4") and "3 of 4" not in line   # no spoiler for 5.5


def test_5_4_a_point_on_the_line_is_class_0_as_the_task_says(capsys):
    ge = lambda X, y, W, b: float(np.mean(((X @ W + b).ravel() >= 0) == y))  # noqa: E731
    line = run(capsys, checks.exercise_5_4, ge)
    assert line.startswith("HINT  Exercise 5.4") and "use z > 0, not z >= 0" in line, line


@pytest.mark.parametrize("mistake", sorted(ACC_MISTAKES))
def test_5_4_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = ACC_MISTAKES[mistake]
    line = run(capsys, checks.exercise_5_4, fn)
    assert line.startswith("HINT  Exercise 5.4"), line
    assert expected in line, line


# ---- exercise 5.5: a line with 3 of 4 on XOR ----------------------------------------

@pytest.mark.parametrize("W,b,wrong", [
    (np.array([[1.0], [1.0]]), -0.5, "(1, 1)"),       # OR
    (np.array([-1.0, -1.0]), 1.5, "(0, 0)"),          # NAND
    ([2.0, -2.0], -0.5, "(0, 1)"),                    # x1 AND NOT x2: only (1, 0) fires
    ((-2.0, 2.0), -1, "(1, 0)"),                       # x2 AND NOT x1: only (0, 1) fires
])
def test_5_5_best_lines_pass_and_name_the_wrong_corner(capsys, W, b, wrong):
    line = run(capsys, checks.exercise_5_5, W, b)
    assert line.startswith("PASS  Exercise 5.5") and f"only {wrong} is on the wrong side" in line


LINE_MISTAKES = {
    "sides swapped": ((np.array([[-1.0], [-1.0]]), 0.5), "multiply W_best and b_best by -1"),
    "through two points": ((np.array([[1.0], [1.0]]), -1.0), "passes exactly through (0, 1), (1, 0)"),
    "zero weights": ((np.zeros((2, 1)), 0.0), "That (with b = 0) is exactly the BCE optimum"),
    "zero weights, a bias": ((np.zeros((2, 1)), 1.0), "W = 0 with b = 0 is the BCE optimum"),
    "bias folded in": ((np.array([-0.5, 1.0, 1.0]), 0.0), "give only the 2 feature weights"),
    "too many weights": ((np.ones(4), 0.0), "should hold 2 weights"),
    "bias an array": ((np.ones(2), np.ones(2)), "b_best should be one number"),
    "two right": ((np.array([1.0, 0.0]), -0.5), "gets 2 of 4 right"),
    "text": (("one", "two"), "an array of 2 weights"),
    "nan": ((np.array([np.nan, 1.0]), 0.0), "finite numbers"),
}


@pytest.mark.parametrize("mistake", sorted(LINE_MISTAKES))
def test_5_5_each_mistake_gets_its_hint(capsys, mistake):
    args, expected = LINE_MISTAKES[mistake]
    line = run(capsys, checks.exercise_5_5, *args)
    assert line.startswith("HINT  Exercise 5.5"), line
    assert expected in line, line


def test_5_5_no_line_gets_four_and_the_check_agrees_with_a_search(capsys):
    """Across many random lines the check passes exactly those with 3 right and no point on the line."""
    rng = np.random.default_rng(0)
    for W, b in zip(rng.normal(size=(200, 2)), rng.normal(size=200)):
        Z = X_XOR @ W + b
        k = int(np.sum((Z > 0) == Y_XOR))
        assert k <= 3
        line = run(capsys, checks.exercise_5_5, W, b)
        assert line.startswith("PASS") == (k == 3), (W, b, line)


# ---- exercise 5.6: [b, w1, w2, w3] on [x1, x2, x1*x2] ---------------------------------

def lifted(W):
    F = np.column_stack([np.ones(4), X_XOR, X_XOR[:, 0] * X_XOR[:, 1]])
    return (F @ np.asarray(W, float) >= 0).astype(int)


@pytest.mark.parametrize("W", [[-0.5, 1, 1, -2], [-1, 1, 1, -3], (-0.1, 2.0, 2.0, -5.0), np.array([[-0.5], [1], [1], [-2]])])
def test_5_6_weights_that_compute_xor_pass(capsys, W):
    assert np.array_equal(lifted(np.ravel(W)), Y_XOR)
    assert run(capsys, checks.exercise_5_6, W).startswith("PASS  Exercise 5.6")


LIFT_MISTAKES = {
    "no w3": ([-0.5, 1, 1], "you gave 3 numbers"),
    "five": ([0, 1, 1, -2, 0], "got 5"),
    "text": ("b, w1, w2, w3", "should be 4 numbers"),
    "nan": ([np.nan, 1, 1, -2], "finite numbers"),
    "w3 zero": ([-0.5, 1, 1, 0], "with w3 = 0 the neuron is a line again"),
    "bias last": ([1, 1, -2, -0.5], "the bias first"),
    "xnor": ([0.5, -1, -1, 2], "computes XNOR"),
    "b zero": ([0, 1, 1, -2], "at (0, 0) z = b = 0 (z = 0 counts as class 1"),
    "w3 too small": ([-0.5, 1, 1, -1], "at (1, 1) z = b + w1 + w2 + w3 = 0.5"),
    "w2 too small": ([-0.5, 1, 0.25, -2], "at (0, 1) z = b + w2 = -0.25"),
}


@pytest.mark.parametrize("name", sorted(LIFT_MISTAKES))
def test_5_6_each_mistake_gets_its_hint(capsys, name):
    answer, expected = LIFT_MISTAKES[name]
    line = run(capsys, checks.exercise_5_6, answer)
    assert line.startswith("HINT  Exercise 5.6") and expected in line, line


def test_5_6_the_check_agrees_with_the_step_rule_on_random_weights(capsys):
    rng = np.random.default_rng(1)
    for W in np.round(rng.normal(scale=2, size=(300, 4)), 1):
        line = run(capsys, checks.exercise_5_6, W)
        assert line.startswith("PASS") == np.array_equal(lifted(W), Y_XOR), (W, line)


def test_no_floating_point_warning_escapes_the_checks(capsys):
    """The learner's code runs with NumPy's warnings recorded: no RuntimeWarning (and no path) in the check cell."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checks.exercise_5_2(lambda H: int(np.mean(np.zeros(4) / np.zeros(4))))
        checks.exercise_5_4(lambda X, y, W, b: float(np.mean(np.zeros(4) / np.zeros(4))))
    out = capsys.readouterr()
    assert [str(w.message) for w in caught] == [] and out.err == ""
    assert out.out.count("HINT") == 2, out.out
