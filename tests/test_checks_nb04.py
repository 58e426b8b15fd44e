"""The answer checks of notebook 04: the right answer passes, and each typical mistake
gets its own specific hint, printed as one line and never as a traceback."""
import warnings

import numpy as np
import pytest

import nnlib as nn
from course import checks


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


ALL = [checks.exercise_4_1, checks.exercise_4_2, checks.exercise_4_3, checks.exercise_4_8]


@pytest.mark.parametrize("check", ALL)
@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_unanswered_functions_are_reported_kindly(capsys, check, answer):
    line = run(capsys, check, answer)
    assert "not answered yet" in line and "Traceback" not in line


@pytest.mark.parametrize("check", ALL)
def test_a_value_instead_of_a_function_gets_a_hint(capsys, check):
    line = run(capsys, check, 0.5)
    assert line.startswith("HINT") and "pass the function itself" in line


# ---- exercise 4.1: bce_loss(A, y) -----------------------------------------------

def bce_right(A, y):
    A = np.clip(np.ravel(A), 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(A) + (1 - y) * np.log(1 - A))


def clipped(A):
    return np.clip(A, 1e-15, 1 - 1e-15)


BCE_MISTAKES = {
    "array": (lambda A, y: -(y * np.log(clipped(A.ravel())) + (1 - y) * np.log(1 - clipped(A.ravel()))),
              "not a single number"),
    "array (n, n)": (lambda A, y: -(y * np.log(clipped(A)) + (1 - y) * np.log(1 - clipped(A))),
                     "broadcast into an n x n matrix"),
    "broadcast then mean": (lambda A, y: -np.mean(y * np.log(clipped(A)) + (1 - y) * np.log(1 - clipped(A))),
                            "broadcast into an (n, n) matrix"),
    "sum": (lambda A, y: -np.sum(y * np.log(clipped(A.ravel())) + (1 - y) * np.log(1 - clipped(A.ravel()))),
            "you summed over the samples"),
    "sign": (lambda A, y: np.mean(y * np.log(clipped(A.ravel())) + (1 - y) * np.log(1 - clipped(A.ravel()))),
             "BCE has a minus in front"),
    "no clipping": (lambda A, y: -np.mean(y * np.log(A.ravel()) + (1 - y) * np.log(1 - A.ravel())), "np.clip"),
    "swapped": (lambda A, y: -np.mean(y * np.log(1 - clipped(A.ravel())) + (1 - y) * np.log(clipped(A.ravel()))),
                "swapped"),
    "one term": (lambda A, y: -np.mean(y * np.log(clipped(A.ravel()))), "Add the second term"),
    "log10": (lambda A, y: -np.mean(y * np.log10(clipped(A.ravel())) + (1 - y) * np.log10(1 - clipped(A.ravel()))),
              "natural logarithm"),
    "raises": (lambda A, y: A @ y, "your code raised ValueError"),
    "other": (lambda A, y: 0.25, "the mean BCE is"),
    "-1/+1 labels": (lambda A, y: bce_right(A, 2 * y - 1), "turned the labels into -1/+1"),
}


def bce_no_clip(A, y):
    A = np.ravel(A)
    return float(-np.mean(y * np.log(A) + (1 - y) * np.log(1 - A)))


def test_4_1_log_of_zero_is_a_hint_and_no_warning_escapes(capsys):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = run(capsys, checks.exercise_4_1, bce_no_clip)
    assert [str(w.message) for w in caught] == []
    assert line.startswith("HINT") and "divide by zero encountered in log" in line, line
    assert "Clip A to [eps, 1 - eps] before taking logs" in line


def bce_no_return(A, y):
    A = np.clip(np.ravel(A), 1e-15, 1 - 1e-15)
    loss = -np.mean(y * np.log(A) + (1 - y) * np.log(1 - A))  # noqa: F841


def test_4_1_missing_return_is_a_hint(capsys):
    line = run(capsys, checks.exercise_4_1, bce_no_return)
    assert line.startswith("HINT") and "bce_no_return runs but returns None" in line, line


@pytest.mark.parametrize("check, noisy", [
    (checks.exercise_4_2, lambda X, y, W, b: (np.exp(np.full((2, 1), 1000.0)), 0.0)),
    (checks.exercise_4_3, lambda W, b, dW, db, lr: (W / np.zeros_like(W), b)),
])
def test_no_floating_point_warning_escapes_a_check(capsys, check, noisy):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = run(capsys, check, noisy)
    assert [str(w.message) for w in caught] == [] and line.startswith("HINT"), line


@pytest.mark.parametrize("wrap", [lambda v: np.array([v]), lambda v: np.array([[v]])])
def test_4_1_a_right_value_in_a_one_element_array_is_asked_for_one_number(capsys, wrap):
    line = run(capsys, checks.exercise_4_1, lambda A, y: wrap(bce_right(A, y)))
    assert line.startswith("HINT") and "not one number" in line, line


def test_4_1_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_4_1, bce_right)
    assert line.startswith("PASS  Exercise 4.1") and "ln 2 = 0.6931" in line


def test_4_1_nnlib_passes_and_other_eps_are_fine(capsys):
    assert run(capsys, checks.exercise_4_1, nn.binary_cross_entropy).startswith("PASS")
    eps = 1e-7
    loose = lambda A, y: -np.mean(y * np.log(np.ravel(A) + eps) + (1 - y) * np.log(1 - np.ravel(A) + eps))  # noqa: E731
    assert run(capsys, checks.exercise_4_1, loose).startswith("PASS")


@pytest.mark.parametrize("mistake", sorted(BCE_MISTAKES))
def test_4_1_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = BCE_MISTAKES[mistake]
    with np.errstate(divide="ignore", invalid="ignore"):
        line = run(capsys, checks.exercise_4_1, fn)
    assert line.startswith("HINT  Exercise 4.1"), line
    assert expected in line, line


# ---- exercise 4.2: bce_gradients(X, y, W, b) ---------------------------------------

def sig(z):
    return 1 / (1 + np.exp(-z))


def grads_right(X, y, W, b):
    A = sig(X @ W + b)
    r = A - y.reshape(-1, 1)
    return X.T @ r / len(y), float(np.mean(r))


GRAD_MISTAKES = {
    "broadcast": (lambda X, y, W, b: (X.T @ (sig(X @ W + b) - y) / len(y), np.mean(sig(X @ W + b).ravel() - y)),
                  "broadcast into an (n, n) matrix"),
    "sign": (lambda X, y, W, b: tuple(-np.asarray(g) for g in grads_right(X, y, W, b)), "wrong sign"),
    "no mean": (lambda X, y, W, b: tuple(len(y) * np.asarray(g) for g in grads_right(X, y, W, b)),
                "both gradients are 5 times too large"),
    "db summed": (lambda X, y, W, b: (grads_right(X, y, W, b)[0], len(y) * grads_right(X, y, W, b)[1]),
                  "dW is right, but db is 5 times too large"),
    "dW summed": (lambda X, y, W, b: (len(y) * grads_right(X, y, W, b)[0], grads_right(X, y, W, b)[1]),
                  "dW is 5 times too large"),
    "(db, dW)": (lambda X, y, W, b: grads_right(X, y, W, b)[::-1], "you returned (db, dW), the other way round"),
    "no bias": (lambda X, y, W, b: (grads_right(X, y, W, b)[0], 0.0), "the bias is not included"),
    "transposed": (lambda X, y, W, b: (grads_right(X, y, W, b)[0].T, grads_right(X, y, W, b)[1]), "transpose"),
    "Z for A": (lambda X, y, W, b: (X.T @ ((X @ W + b).ravel() - y).reshape(-1, 1) / len(y), 0.0),
                "A = sigmoid(Z) belong"),
    "sigmoid slope": (lambda X, y, W, b: (X.T @ ((sig(X @ W + b).ravel() - y) * (sig(X @ W + b) * (1 - sig(X @ W + b))).ravel()).reshape(-1, 1) / len(y), 0.0),  # noqa: E501
                      "that factor cancels"),
    "one value": (lambda X, y, W, b: grads_right(X, y, W, b)[0], "the pair (dW, db)"),
    "db vector": (lambda X, y, W, b: (grads_right(X, y, W, b)[0], sig(X @ W + b).ravel() - y), "db has shape"),
    "raises": (lambda X, y, W, b: np.log("x"), "your code raised"),
    "X @ E.T": (lambda X, y, W, b: (X @ (sig(X @ W + b) - y.reshape(-1, 1)).T, 0.0),
                "is (2, 5) @ (5, 1) = (2, 1), the shape of W"),
    "other": (lambda X, y, W, b: (np.ones((2, 1)), 1.0), "Build it in steps"),
    "flat dW": (lambda X, y, W, b: (grads_right(X, y, W, b)[0].ravel(), grads_right(X, y, W, b)[1]),
                "dW has shape (2,), but it must have the shape of W, (2, 1)"),
    "no bias in the forward pass": (lambda X, y, W, b: grads_right(X, y, W, 0.0),
                                    "you left the bias out of the forward pass"),
    "-1/+1 labels": (lambda X, y, W, b: grads_right(X, 2 * y - 1, W, b), "turned the labels into -1/+1"),
    "lr folded in": (lambda X, y, W, b: tuple(0.1 * np.asarray(g) for g in grads_right(X, y, W, b)),
                     "both gradients are 0.1 times the right ones"),
    "mean taken twice": (lambda X, y, W, b: tuple(np.asarray(g) / len(y) for g in grads_right(X, y, W, b)),
                         "you divided by n twice"),
}


def test_4_2_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_4_2, grads_right)
    assert line.startswith("PASS  Exercise 4.2") and "mean(A - y)" in line


def test_4_2_nnlib_passes(capsys):
    assert run(capsys, checks.exercise_4_2, lambda X, y, W, b: nn.gradients(X, y, W, b)).startswith("PASS")


@pytest.mark.parametrize("mistake", sorted(GRAD_MISTAKES))
def test_4_2_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = GRAD_MISTAKES[mistake]
    line = run(capsys, checks.exercise_4_2, fn)
    assert line.startswith("HINT  Exercise 4.2"), line
    assert expected in line, line


# ---- exercise 4.3: gd_step(W, b, dW, db, lr) ---------------------------------------

def step_right(W, b, dW, db, lr):
    return W - lr * dW, b - lr * db


def step_in_place(W, b, dW, db, lr):
    W -= lr * dW
    return W, b - lr * db


STEP_MISTAKES = {
    "sign": (lambda W, b, dW, db, lr: (W + lr * dW, b + lr * db), "the sign is reversed"),
    "lr twice": (lambda W, b, dW, db, lr: (W - lr * lr * dW, b - lr * lr * db), "applied twice"),
    "no lr": (lambda W, b, dW, db, lr: (W - dW, b - db), "moved by the whole gradient"),
    "no bias": (lambda W, b, dW, db, lr: (W - lr * dW, b), "update the bias too"),
    "bias with dW": (lambda W, b, dW, db, lr: (W - lr * dW, b - lr * np.mean(dW)), "its own gradient"),
    "in place": (step_in_place, "changed the W that was passed in"),
    "flat W": (lambda W, b, dW, db, lr: ((W - lr * dW).ravel(), b - lr * db), "keeps the shape"),
    "one value": (lambda W, b, dW, db, lr: W - lr * dW, "the pair (W_new, b_new)"),
    "raises": (lambda W, b, dW, db, lr: W @ dW, "your code raised ValueError"),
    "other": (lambda W, b, dW, db, lr: (W - 2 * dW, b), "the step gives"),
    "(b, W)": (lambda W, b, dW, db, lr: (b - lr * db, W - lr * dW), "you returned (b_new, W_new), the other way round"),
    "(2, 2) from a flat dW": (lambda W, b, dW, db, lr: (W - lr * dW.ravel(), b - lr * db),
                              "broadcast into a 2 x 2 matrix"),
}


def test_4_3_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_4_3, step_right)
    assert line.startswith("PASS  Exercise 4.3") and "[0.4, -0.1]" in line


@pytest.mark.parametrize("mistake", sorted(STEP_MISTAKES))
def test_4_3_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = STEP_MISTAKES[mistake]
    line = run(capsys, checks.exercise_4_3, fn)
    assert line.startswith("HINT  Exercise 4.3"), line
    assert expected in line, line


# ---- exercises 4.4 to 4.9: predictions, derivations, the tanh neuron ------------------
# (tests/test_checks_tables.py feeds every row of nb04.TABLES and nb04.VALUE_TABLES; here: what they do not.)

def blog_run(gate, epochs=500):
    X, y = nn.logic_gate(gate)
    return nn.gradient_descent(X, y, np.zeros((2, 1)), 0.0, lr=0.1, num_epochs=epochs, batch_size=4)


def first_epoch_at_100(gate):
    X, y = nn.logic_gate(gate)
    for epoch in range(1, 501):
        W, b, _ = blog_run(gate, epoch)
        if np.all((nn.forward_perceptron(X, W, b).ravel() >= 0.5) == y):
            return epoch
    return None


def test_4_4_the_right_gate_is_the_one_that_is_first_at_100_percent(capsys):
    e_and, e_or = first_epoch_at_100("AND"), first_epoch_at_100("OR")
    assert e_and < e_or
    line = run(capsys, checks.exercise_4_4, " and ")
    assert line.startswith("PASS") and f"epoch {e_and}" in line and f"epoch {e_or}" in line
    _, _, loss_and = blog_run("AND")
    _, _, loss_or = blog_run("OR")
    assert np.all(np.asarray(loss_or) < np.asarray(loss_and))     # "OR's loss is lower at every epoch"


def test_4_5_the_gradient_is_nnlibs_and_its_b_turns_negative_at_or_s_first_100_percent_epoch(capsys):
    X, y = nn.logic_gate("OR")
    dW, db = nn.gradients(X, y, np.zeros((2, 1)), 0.0)
    assert run(capsys, checks.exercise_4_5, [*dW.ravel(), db]).startswith("PASS")
    assert run(capsys, checks.exercise_4_5, np.array([[-0.25], [-0.25], [-0.25]])).startswith("PASS")
    e_or = first_epoch_at_100("OR")
    assert blog_run("OR", e_or - 1)[1] > 0 > blog_run("OR", e_or)[1]


def test_4_6_the_crossing_is_the_learned_lines_and_a_near_value_passes(capsys):
    X, y = nn.grid_dataset()
    W, b, _ = nn.gradient_descent(X, y, np.zeros((2, 1)), 0.0, lr=0.1, num_epochs=200, batch_size=5)
    crossing = -float(b) / W.mean()
    assert abs(crossing - 0.5) < 0.01
    assert run(capsys, checks.exercise_4_6, round(crossing, 3)).startswith("PASS")
    assert run(capsys, checks.exercise_4_6, 0.25).startswith("HINT")


def test_4_7_the_probability_from_the_printed_four_decimals_passes(capsys):
    W, b, _ = blog_run("AND")
    p01 = round(float(nn.sigmoid(W[1, 0] + b)), 4)
    derived = 1 / (1 + np.exp(-(np.log(p01 / (1 - p01)) + round(float(W[0, 0]), 4))))
    assert run(capsys, checks.exercise_4_7, derived).startswith("PASS")
    assert np.isclose(derived, nn.forward_perceptron(np.array([[1.0, 1.0]]), W, b)[0, 0], atol=1e-3)


def test_4_9_only_grows_passes(capsys):
    assert run(capsys, checks.exercise_4_9, "Grows").startswith("PASS")
    assert "answer 'grows'" in run(capsys, checks.exercise_4_9, "gets bigger")


@pytest.mark.parametrize("check, answer, expected", [
    (checks.exercise_4_4, 1, "answer with text"),
    (checks.exercise_4_4, "XOR", "answer 'AND' or 'OR'"),
    (checks.exercise_4_5, "-0.25", "not a str"),
    (checks.exercise_4_5, [-0.25, -0.25], "expected 3 numbers"),
    (checks.exercise_4_5, [np.nan, -0.25, -0.25], "NaN"),
    (checks.exercise_4_5, [0.1, 0.2, 0.3], "every A is 0.5"),
    (checks.exercise_4_6, "0.5", "answer with a number, not a str"),
    (checks.exercise_4_6, [0.5, 0.5], "expected one number"),
    (checks.exercise_4_7, float("inf"), "NaN or an infinity"),
    (checks.exercise_4_7, 0.9, "start from p = "),
    (checks.exercise_4_9, True, "answer with text"),
])
def test_value_answers_of_the_wrong_form_or_far_off_get_a_hint(capsys, check, answer, expected):
    line = run(capsys, check, answer)
    assert line.startswith("HINT") and expected in line, line


def tanh_right(X, s, W, b):
    r = np.tanh(X @ W + b) - s.reshape(-1, 1)
    return X.T @ r / len(s), float(r.mean())


def test_4_8_the_tanh_neuron_is_the_sigmoid_neuron_with_doubled_weights(capsys):
    assert run(capsys, checks.exercise_4_8, tanh_right).startswith("PASS  Exercise 4.8")
    X = np.array([[0.5, 1.0], [-1.0, 2.0], [1.5, -0.5]])
    W, b = np.array([[0.4], [-0.3]]), 0.2
    np.testing.assert_allclose((1 + np.tanh(X @ W + b)) / 2, nn.forward_perceptron(X, 2 * W, 2 * b))


@pytest.mark.parametrize("answer, expected", [
    (lambda X, s, W, b: tanh_right(X, s, W, b)[::-1], "you returned (db, dW)"),
    (lambda X, s, W, b: tanh_right(X, s, W, b)[0], "tanh_gradients should return two things"),
    (lambda X, s, W, b: (X.T @ (np.tanh(X @ W + b) - s) / len(s), 0.0), "broadcast into an (n, n) matrix"),
    (lambda X, s, W, b: (np.ones((2, 1)), 1.0), "Work out dl/dz"),
    (lambda X, s, W, b: X @ X, "the error tanh(z) - s (5, 1)"),
    (lambda X, s, W, b: np.log("x"), "your code raised"),
])
def test_4_8_answers_of_the_wrong_form_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_4_8, answer)
    assert line.startswith("HINT  Exercise 4.8") and expected in line and "bce_gradients" not in line, line
