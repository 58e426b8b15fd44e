"""The answer checks of notebook 05: the right answer passes, and each typical mistake
gets its own specific hint, printed as one line and never as a traceback."""
import warnings

import numpy as np
import pytest

import nnlib as nn
from course import checks

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

ZERO_GRAD = (np.zeros((2, 1)), 0.0)


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_5_1_unanswered_is_reported_kindly(capsys, answer):
    line = run(capsys, checks.exercise_5_1, answer, *ZERO_GRAD)
    assert "not answered yet" in line and "Traceback" not in line


@pytest.mark.parametrize("values", [(..., ...), (None, 0.0), (np.zeros((2, 1)), ...)])
def test_5_1_a_right_function_with_its_values_still_to_do_is_told_the_second_part(capsys, values):
    line = run(capsys, checks.exercise_5_1, nn.gradients, *values)
    assert line.startswith("HINT") and "your function is right. Now evaluate it at the start of training" in line, line


def test_5_1_a_stub_function_is_unanswered_whatever_the_values(capsys):
    assert "not answered yet" in run(capsys, checks.exercise_5_1, stub, ..., ...)


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_5_2_unanswered_is_reported_kindly(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_5_2, answer)


@pytest.mark.parametrize("answer", [(..., ...), (None, 0.5), (np.ones(2), ...)])
def test_5_3_unanswered_is_reported_kindly(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_5_3, *answer)


@pytest.mark.parametrize("check,args", [(checks.exercise_5_1, (0.5, *ZERO_GRAD)), (checks.exercise_5_2, (0.5,))])
def test_a_value_instead_of_a_function_gets_a_hint(capsys, check, args):
    line = run(capsys, check, *args)
    assert line.startswith("HINT") and "pass the function itself" in line


# ---- exercise 5.1: bce_gradients(X, y, W, b), then its value at zero on XOR -------

def grad_right(X, y, W, b):
    A = sig(X @ W + b)
    r = A - y.reshape(-1, 1)
    return X.T @ r / len(y), float(np.mean(r))


GRAD_MISTAKES = {
    "broadcast": (lambda X, y, W, b: (X.T @ (sig(X @ W + b) - y) / len(y), np.mean(sig(X @ W + b).ravel() - y)),
                  "broadcast into an (n, n) matrix"),
    "sign": (lambda X, y, W, b: tuple(-np.asarray(g) for g in grad_right(X, y, W, b)), "wrong sign"),
    "no mean": (lambda X, y, W, b: tuple(len(y) * np.asarray(g) for g in grad_right(X, y, W, b)),
                "you summed over the samples"),
    "db summed": (lambda X, y, W, b: (grad_right(X, y, W, b)[0], len(y) * grad_right(X, y, W, b)[1]),
                  "dW is right, but db is 4 times too large"),
    "no bias gradient": (lambda X, y, W, b: (grad_right(X, y, W, b)[0], 0.0), "the bias is not included"),
    "bias left out of A": (lambda X, y, W, b: grad_right(X, y, W, 0.0), "you left the bias out of the forward pass"),
    "transposed": (lambda X, y, W, b: (grad_right(X, y, W, b)[0].T, grad_right(X, y, W, b)[1]), "transpose"),
    "Z for A": (lambda X, y, W, b: (X.T @ ((X @ W + b).ravel() - y).reshape(-1, 1) / len(y),
                                    float(np.mean((X @ W + b).ravel() - y))), "A = sigmoid(Z) belong"),
    "sigmoid slope": (lambda X, y, W, b: (
        X.T @ ((sig(X @ W + b).ravel() - y) * (sig(X @ W + b) * (1 - sig(X @ W + b))).ravel()).reshape(-1, 1)
        / len(y), float(np.mean(sig(X @ W + b).ravel() - y))), "that factor cancels"),
    "db wrong": (lambda X, y, W, b: (grad_right(X, y, W, b)[0], 0.123), "dW is right but db is not"),
    "one value": (lambda X, y, W, b: grad_right(X, y, W, b)[0], "the pair (dW, db)"),
    "db vector": (lambda X, y, W, b: (grad_right(X, y, W, b)[0], sig(X @ W + b).ravel() - y), "db has shape"),
    "dW too long": (lambda X, y, W, b: (np.zeros(3), 0.0), "one entry per weight"),
    "zeros always": (lambda X, y, W, b: (np.zeros((2, 1)), 0.0), "Build it in steps"),
    "raises": (lambda X, y, W, b: X @ y, "your code raised ValueError"),
}


def test_5_1_right_answer_passes(capsys):
    dW0, db0 = grad_right(X_XOR, Y_XOR, np.zeros((2, 1)), 0.0)
    line = run(capsys, checks.exercise_5_1, grad_right, dW0, db0)
    assert line.startswith("PASS  Exercise 5.1") and "exactly zero" in line


def test_5_1_nnlib_and_a_flat_dW_pass(capsys):
    assert run(capsys, checks.exercise_5_1, nn.gradients, np.zeros(2), 0.0).startswith("PASS")
    flat = lambda X, y, W, b: (grad_right(X, y, W, b)[0].ravel(), grad_right(X, y, W, b)[1])  # noqa: E731
    assert run(capsys, checks.exercise_5_1, flat, [[0.0], [0.0]], np.float64(0.0)).startswith("PASS")


@pytest.mark.parametrize("mistake", sorted(GRAD_MISTAKES))
def test_5_1_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = GRAD_MISTAKES[mistake]
    line = run(capsys, checks.exercise_5_1, fn, *ZERO_GRAD)
    assert line.startswith("HINT  Exercise 5.1"), line
    assert expected in line, line


def test_5_1_right_function_but_values_not_at_zero(capsys):
    dW, db = grad_right(X_XOR, Y_XOR, np.ones((2, 1)), 0.0)
    line = run(capsys, checks.exercise_5_1, grad_right, dW, db)
    assert line.startswith("HINT") and "Evaluate it there" in line


def test_5_1_right_function_but_values_of_wrong_shape(capsys):
    line = run(capsys, checks.exercise_5_1, grad_right, np.zeros((4, 4)), 0.0)
    assert line.startswith("HINT") and "dW0 with 2 entries" in line


def test_5_1_hints_and_both_notebooks_call_the_function_bce_gradients(capsys):
    """One function, one name: Exercise 4.2, Exercise 5.1 and the hints of check 5.1 all say bce_gradients."""
    import nbformat

    from series_fixture import ROOT

    def solution(name, exercise):
        cells = nbformat.read(ROOT / "notebooks" / name, as_version=4).cells
        return next(c.source for c in cells if c.source.startswith(f"# Exercise {exercise}:"))

    assert "def bce_gradients(X, y, W, b):" in solution("04_sigmoid_bce.ipynb", "4.2")
    assert "def bce_gradients(X, y, W, b):" in solution("05_xor_failure.ipynb", "5.1")
    line = run(capsys, checks.exercise_5_1, lambda X, y, W, b: grad_right(X, y, W, b)[0], *ZERO_GRAD)
    assert "bce_gradients should return two things" in line
    dW, db = grad_right(X_XOR, Y_XOR, np.ones((2, 1)), 0.0)
    line = run(capsys, checks.exercise_5_1, grad_right, dW, db)
    assert "bce_gradients(X_xor, y_xor, np.zeros((2, 1)), 0.0)" in line
    assert "checks.exercise_5_1(bce_gradients, ...)" in run(capsys, checks.exercise_5_1, 0.5, *ZERO_GRAD)


# ---- exercise 5.2: line_accuracy(X, y, W, b) ----------------------------------------

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


def test_5_2_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_5_2, acc_right)
    assert line.startswith("PASS  Exercise 5.2") and "3 of the 4 XOR points" in line


def test_5_2_greater_or_equal_is_fine_too(capsys):
    ge = lambda X, y, W, b: float(np.mean(((X @ W + b).ravel() >= 0) == y))  # noqa: E731
    assert run(capsys, checks.exercise_5_2, ge).startswith("PASS")


@pytest.mark.parametrize("mistake", sorted(ACC_MISTAKES))
def test_5_2_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = ACC_MISTAKES[mistake]
    line = run(capsys, checks.exercise_5_2, fn)
    assert line.startswith("HINT  Exercise 5.2"), line
    assert expected in line, line


# ---- exercise 5.3: a line with 3 of 4 on XOR ----------------------------------------

@pytest.mark.parametrize("W,b,wrong", [
    (np.array([[1.0], [1.0]]), -0.5, "(1, 1)"),       # OR
    (np.array([-1.0, -1.0]), 1.5, "(0, 0)"),          # NAND
    ([2.0, -2.0], -0.5, "(0, 1)"),                    # x1 AND NOT x2: only (1, 0) fires
    ((-2.0, 2.0), -1, "(1, 0)"),                       # x2 AND NOT x1: only (0, 1) fires
])
def test_5_3_best_lines_pass_and_name_the_wrong_corner(capsys, W, b, wrong):
    line = run(capsys, checks.exercise_5_3, W, b)
    assert line.startswith("PASS  Exercise 5.3") and f"only {wrong} is on the wrong side" in line


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
def test_5_3_each_mistake_gets_its_hint(capsys, mistake):
    args, expected = LINE_MISTAKES[mistake]
    line = run(capsys, checks.exercise_5_3, *args)
    assert line.startswith("HINT  Exercise 5.3"), line
    assert expected in line, line


def test_5_3_no_line_gets_four_and_the_check_agrees_with_a_search(capsys):
    """Across many random lines the check passes exactly those with 3 right and no point on the line."""
    rng = np.random.default_rng(0)
    for W, b in zip(rng.normal(size=(200, 2)), rng.normal(size=200)):
        Z = X_XOR @ W + b
        k = int(np.sum((Z > 0) == Y_XOR))
        assert k <= 3
        line = run(capsys, checks.exercise_5_3, W, b)
        assert line.startswith("PASS") == (k == 3), (W, b, line)


def test_no_floating_point_warning_escapes_the_checks(capsys):
    """The learner's code runs with NumPy's warnings recorded: no RuntimeWarning (and no path) in the check cell."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checks.exercise_5_1(lambda X, y, W, b: (np.log(np.zeros((2, 1))), 0.0), np.zeros((2, 1)), 0.0)
        checks.exercise_5_2(lambda X, y, W, b: float(np.mean(np.zeros(4) / np.zeros(4))))
    out = capsys.readouterr()
    assert [str(w.message) for w in caught] == [] and out.err == ""
    assert out.out.count("HINT") == 2, out.out
