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


ALL = [checks.exercise_4_1, checks.exercise_4_2, checks.exercise_4_3]
PAIRS = [checks.exercise_4_4, checks.exercise_4_5, checks.exercise_4_6]


@pytest.mark.parametrize("check", ALL)
@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_unanswered_functions_are_reported_kindly(capsys, check, answer):
    line = run(capsys, check, answer)
    assert "not answered yet" in line and "Traceback" not in line


@pytest.mark.parametrize("check", PAIRS)
@pytest.mark.parametrize("answer", [(..., ...), (None, {}), (np.zeros(4), ...)])
def test_unanswered_training_exercises_are_reported_kindly(capsys, check, answer):
    assert "not answered yet" in run(capsys, check, *answer)


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


# ---- exercises 4.4, 4.5, 4.6: labels and settings ----------------------------------

def gate_settings(**change):
    return dict(W=np.zeros((2, 1)), b=0.0, lr=0.1, num_epochs=500, batch_size=4) | change


def grid_settings(**change):
    return dict(W=np.zeros((2, 1)), b=0.0, lr=0.1, num_epochs=200, batch_size=5) | change


X_GRID, Y_GRID = nn.grid_dataset()


def test_4_4_right_answer_passes_with_computed_numbers(capsys):
    line = run(capsys, checks.exercise_4_4, np.array([0, 0, 0, 1]), gate_settings())
    X, y = nn.logic_gate("AND")
    _, _, history = nn.gradient_descent(X, y, np.zeros((2, 1)), 0.0, 0.1, 500, 4)
    assert line.startswith("PASS  Exercise 4.4") and "accuracy 100%" in line
    assert f"final loss {history[-1]:.4f}" in line


def test_4_5_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_4_5, [0, 1, 1, 1], gate_settings(b=np.zeros((1, 1))))
    assert line.startswith("PASS  Exercise 4.5") and "accuracy 100%" in line


def test_4_6_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_4_6, (X_GRID.sum(axis=1) > 0), grid_settings())
    assert line.startswith("PASS  Exercise 4.6") and "accuracy 100%" in line


GATE_MISTAKES = {
    "-1/+1 labels": ((np.array([-1, -1, -1, 1]), gate_settings()), "-1/+1"),
    "OR's labels": (([0, 1, 1, 1], gate_settings()), "labels of OR"),
    "flipped": (([1, 1, 1, 0], gate_settings()), "labels of NAND"),
    "(n, n) labels": ((np.zeros((4, 1)) + np.array([0, 0, 0, 1]), gate_settings()), "broadcast into an n x n"),
    "too few labels": (([0, 0, 1], gate_settings()), "4 labels"),
    "non-binary": (([0, 0, 0, 2], gate_settings()), "must be 0 or 1"),
    "not a dict": (([0, 0, 0, 1], (0.1, 500, 4)), "should be a dict"),
    "missing key": (([0, 0, 0, 1], dict(lr=0.1, num_epochs=500, batch_size=4)), "miss W, b"),
    "extra key": (([0, 0, 0, 1], gate_settings(seed=1)), "extra key(s) seed"),
    "random init": (([0, 0, 0, 1], gate_settings(W=np.ones((2, 1)))), "start from zero"),
    "W too long": (([0, 0, 0, 1], gate_settings(W=np.zeros((3, 1)))), "here the bias is b, a separate number"),
    "W flat": (([0, 0, 0, 1], gate_settings(W=np.zeros(2))),
               "W has shape (2,): use np.zeros((2, 1)), the blog's (d, 1) column"),
    "W a row": (([0, 0, 0, 1], gate_settings(W=np.zeros((1, 2)))), "W has shape (1, 2), a row"),
    "W a number": (([0, 0, 0, 1], gate_settings(W=0.0)), "W should be an array of shape (2, 1)"),
    "W (2, 2)": (([0, 0, 0, 1], gate_settings(W=np.zeros((2, 2)))), "W has shape (2, 2); it should have shape (2, 1)"),
    "b an array": (([0, 0, 0, 1], gate_settings(b=np.zeros(2))), "b should be one number, b = 0.0, got an array"),
    "b not a number": (([0, 0, 0, 1], gate_settings(b="zero")), "b should be one number, b = 0.0, got a str"),
    "key epochs": (([0, 0, 0, 1], dict(W=np.zeros((2, 1)), b=0.0, lr=0.1, epochs=500, batch_size=4)),
                   "the key is num_epochs, not epochs"),
    "key learning_rate": (([0, 0, 0, 1], dict(W=np.zeros((2, 1)), b=0.0, learning_rate=0.1, num_epochs=500,
                                              batch_size=4)), "the key is lr, not learning_rate"),
    "lr": (([0, 0, 0, 1], gate_settings(lr=1.0)), "lr (the learning rate) should be 0.1"),
    "epochs": (([0, 0, 0, 1], gate_settings(num_epochs=200)), "num_epochs (passes over the data) should be 500"),
    "batch": (([0, 0, 0, 1], gate_settings(batch_size=1)), "batch_size (samples per update) should be 4"),
    "string lr": (([0, 0, 0, 1], gate_settings(lr="0.1")), "lr should be a number"),
}


@pytest.mark.parametrize("mistake", sorted(GATE_MISTAKES))
def test_4_4_each_mistake_gets_its_hint(capsys, mistake):
    args, expected = GATE_MISTAKES[mistake]
    line = run(capsys, checks.exercise_4_4, *args)
    assert line.startswith("HINT  Exercise 4.4"), line
    assert expected in line, line


def test_4_5_names_the_gate_whose_labels_were_given(capsys):
    assert "labels of AND, not OR" in run(capsys, checks.exercise_4_5, [0, 0, 0, 1], gate_settings())
    assert "-1/+1" in run(capsys, checks.exercise_4_5, [-1, 1, 1, 1], gate_settings())


GRID_MISTAKES = {
    ">= instead of >": (((X_GRID.sum(axis=1) >= 0).astype(int), grid_settings()), "i + j > 0 (strictly)"),
    "first column only": (((X_GRID[:, 0] > 0).astype(int), grid_settings()), "by i alone"),
    "np.where -1/+1 labels": ((np.where(X_GRID.sum(axis=1) > 0, 1, -1), grid_settings()), "-1/+1"),
    "np.sign labels": ((np.sign(X_GRID.sum(axis=1)), grid_settings()), "your labels are -1, 0 and 1, as np.sign gives"),
    "flipped": (((X_GRID.sum(axis=1) <= 0).astype(int), grid_settings()), "every label is flipped"),
    "gate settings": (((X_GRID.sum(axis=1) > 0).astype(int), gate_settings()), "should be 200"),
    "batch": (((X_GRID.sum(axis=1) > 0).astype(int), grid_settings(batch_size=25)), "should be 5"),
    "one wrong": ((np.r_[1 - Y_GRID[:1], Y_GRID[1:]], grid_settings()), "1 of the 25 labels are wrong"),
    "a list": (([int(i + j > 0) for i, j in X_GRID], grid_settings()), "y_grid is a Python list"),
}


@pytest.mark.parametrize("mistake", sorted(GRID_MISTAKES))
def test_4_6_each_mistake_gets_its_hint(capsys, mistake):
    args, expected = GRID_MISTAKES[mistake]
    line = run(capsys, checks.exercise_4_6, *args)
    assert line.startswith("HINT  Exercise 4.6"), line
    assert expected in line, line


def test_the_checks_do_not_change_the_learners_arrays(capsys):
    W = np.zeros((2, 1))
    y = np.array([0, 0, 0, 1])
    run(capsys, checks.exercise_4_4, y, gate_settings(W=W))
    assert np.array_equal(W, np.zeros((2, 1))) and np.array_equal(y, [0, 0, 0, 1])
