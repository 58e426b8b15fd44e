"""The answer checks of notebook 03: the right answer passes, and each typical mistake,
written the way a learner would write it, gets its own specific hint, printed as one
line and never as a traceback."""
import textwrap

import numpy as np
import pytest

import nnlib as nn
from course import checks
from course.checks import nb03


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


def cell(source):
    """Run a learner's cell the way the notebook does: its functions look names up (update, np, nn) in its namespace."""
    namespace = {"np": np, "nn": nn}
    exec(textwrap.dedent(source), namespace)
    return namespace


UPDATE_RIGHT_SOURCE = """
    def update(W, x, d, lr):
        x_ext = np.insert(x, 0, 1)
        return W + lr * (d - nn.step(W @ x_ext)) * x_ext
"""
UPDATE_STUB_SOURCE = """
    def update(W, x, d, lr):
        ...
"""


# ---- exercise 3.1: update(W, x, d, lr) ---------------------------------------------

def update_right(W, x, d, lr):
    x_ext = np.insert(x, 0, 1)
    y = nn.step(W @ x_ext)
    e = d - y
    return W + lr * e * x_ext


def update_in_place_loop(W, x, d, lr):
    """Right, written with a loop and modifying W in place."""
    z = W[0]
    for j in range(len(x)):
        z += W[j + 1] * x[j]
    e = d - (1 if z >= 0 else 0)
    W[0] += lr * e
    for j in range(len(x)):
        W[j + 1] += lr * e * x[j]
    return W


def _ext(x):
    return np.insert(x, 0, 1)


UPDATE_MISTAKES = {
    "sign reversed": (lambda W, x, d, lr: W - lr * (d - nn.step(W @ _ext(x))) * _ext(x), "wrong way"),
    "e = y - d": (lambda W, x, d, lr: W + lr * (nn.step(W @ _ext(x)) - d) * _ext(x), "wrong way"),
    "bias not updated": (lambda W, x, d, lr: np.concatenate([[W[0]], W[1:] + lr * (d - nn.step(W @ _ext(x))) * x]),
                         "bias never changes"),
    "lr applied twice": (lambda W, x, d, lr: W + lr * (lr * (d - nn.step(W @ _ext(x)))) * _ext(x), "applied twice"),
    "lr not applied": (lambda W, x, d, lr: W + (d - nn.step(W @ _ext(x))) * _ext(x), "not applied"),
    "-1/+1 output": (lambda W, x, d, lr: W + lr * (d - (1 if W @ _ext(x) >= 0 else -1)) * _ext(x), "-1 on the silent side"),
    "z > 0": (lambda W, x, d, lr: W + lr * (d - int(W @ _ext(x) > 0)) * _ext(x), "step(0) = 1"),
    "label instead of error": (lambda W, x, d, lr: W + lr * d * _ext(x), "instead of the error"),
    "delta rule": (lambda W, x, d, lr: W + lr * (d - W @ _ext(x)) * _ext(x), "ADALINE"),
    "bias last": (lambda W, x, d, lr: W + lr * (d - nn.step(W @ np.append(x, 1))) * np.append(x, 1), "at the end of x"),
    "returns 2 numbers": (lambda W, x, d, lr: W[1:] + lr * (d - nn.step(W @ _ext(x))) * x, "bias is missing"),
    "returns the error": (lambda W, x, d, lr: d - nn.step(W @ _ext(x)), "single number"),
    "broadcast": (lambda W, x, d, lr: W + lr * (d - nn.step(W @ _ext(x))) * _ext(x).reshape(-1, 1), "shape (3, 3)"),
    "-1/+1 labels and np.sign": (lambda W, x, d, lr: W + lr * ((2 * d - 1) - np.sign(W @ _ext(x))) * _ext(x),
                                 "-1/+1 labels"),
    "bias left out (W @ x)": (lambda W, x, d, lr: W + lr * (d - nn.step(W @ x)) * x,
                              "W has 3 entries (bias first) but x has 2: extend x with np.insert(x, 0, 1)"),
    "bias left out (np.dot)": (lambda W, x, d, lr: W + lr * (d - nn.step(np.dot(W, x))) * x, "np.insert(x, 0, 1)"),
    "-1/+1 targets, step output": (lambda W, x, d, lr: W + lr * ((2 * d - 1) - nn.step(W @ _ext(x))) * _ext(x),
                                   "turned the label into -1/+1"),
    "z without the bias": (lambda W, x, d, lr: W + lr * (d - nn.step(W[1:] @ x)) * _ext(x), "z leaves out the bias"),
    "raises": (lambda W, x, d, lr: W[5], "your code raised IndexError"),
}


def update_no_return(W, x, d, lr):
    x_ext = np.insert(x, 0, 1)
    W = W + lr * (d - nn.step(W @ x_ext)) * x_ext


def test_3_1_missing_return_is_a_hint_not_unanswered(capsys):
    line = run(capsys, checks.exercise_3_1, update_no_return)
    assert line.startswith("HINT  Exercise 3.1") and "runs but returns None: is the return line missing?" in line, line


@pytest.mark.parametrize("answer", [update_right, update_in_place_loop])
def test_3_1_right_answers_pass(capsys, answer):
    line = run(capsys, checks.exercise_3_1, answer)
    assert line.startswith("PASS  Exercise 3.1"), line
    assert "excite" in line and "W becomes [-lr, 0, 0]" in line


@pytest.mark.parametrize("mistake", sorted(UPDATE_MISTAKES))
def test_3_1_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = UPDATE_MISTAKES[mistake]
    line = run(capsys, checks.exercise_3_1, fn)
    assert line.startswith("HINT  Exercise 3.1"), line
    assert expected in line, line


def test_3_1_other_wrong_answer_names_a_failing_case(capsys):
    line = run(capsys, checks.exercise_3_1, lambda W, x, d, lr: W + 0.125)
    assert line.startswith("HINT") and "for W = [-1.0, 0.5, 0.25], x = [1.0, 1.0], y = 1, lr = 0.5" in line
    assert "the new W is [-0.5, 1.0, 0.75]" in line


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_3_1_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_3_1, answer)


def test_3_1_not_a_function(capsys):
    assert "pass the function itself" in run(capsys, checks.exercise_3_1, np.zeros(3))


# ---- exercise 3.2: train_perceptron(X, d, lr, epochs) and W_or ---------------------

def train_right(X, d, lr, epochs):
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        for x, target in zip(X, d):
            x_ext = np.insert(x, 0, 1)
            W = W + lr * (target - nn.step(W @ x_ext)) * x_ext
    return W


def train_early_stop(X, d, lr, epochs):
    """Right: stopping after a clean epoch gives the same weights."""
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        mistakes = 0
        for x, target in zip(X, d):
            x_ext = np.insert(x, 0, 1)
            e = target - nn.step(W @ x_ext)
            W += lr * e * x_ext
            mistakes += e != 0
        if mistakes == 0:
            break
    return W


def train_with(rule, extra_epochs=0):
    def train(X, d, lr, epochs):
        W = np.zeros(X.shape[1] + 1)
        for _ in range(epochs + extra_epochs):
            for x, target in zip(X, d):
                W = rule(W, x, target, lr)
        return W
    return train


def train_pm_one_labels(X, d, lr, epochs):
    """Labels converted to -1/+1 and np.sign as the activation."""
    s = 2 * np.asarray(d) - 1
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        for x, target in zip(X, s):
            x_ext = np.insert(x, 0, 1)
            W = W + lr * (target - np.sign(W @ x_ext)) * x_ext
    return W


W_OR = np.array([-1.0, 1.0, 1.0])

TRAIN_MISTAKES = {
    name: (train_with(UPDATE_MISTAKES[name][0]), UPDATE_MISTAKES[name][1])
    for name in ("sign reversed", "bias not updated", "lr applied twice", "lr not applied", "-1/+1 output", "z > 0",
                 "label instead of error", "delta rule", "bias last")
}
TRAIN_MISTAKES["one epoch too many"] = (train_with(update_right, extra_epochs=1), "one pass too many")
TRAIN_MISTAKES["one epoch too few"] = (train_with(update_right, extra_epochs=-1), "one pass too few")
TRAIN_MISTAKES["no bias at all"] = (lambda X, d, lr, epochs: train_right(X, d, lr, epochs)[1:], "bias is missing")
TRAIN_MISTAKES["raises"] = (lambda X, d, lr, epochs: X[10], "your code raised IndexError")
TRAIN_MISTAKES["W never reassigned"] = (lambda X, d, lr, epochs: np.zeros(X.shape[1] + 1), "W never changed")
TRAIN_MISTAKES["-1/+1 labels inside"] = (
    lambda X, d, lr, epochs: train_right(X, 2 * np.asarray(d) - 1, lr, epochs), "turned the label into -1/+1")


def update(W, x, target, lr):
    """A learner's right answer to Exercise 3.1, under the name the notebook uses."""
    return update_right(W, x, target, lr)


def train_calls_update_with_lr_1(X, d, lr, epochs):
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        for x, target in zip(X, d):
            W = update(W, x, target, 1)
    return W


def train_returns_inside_the_epoch_loop(X, d, lr, epochs):
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        for x, target in zip(X, d):
            W = update(W, x, target, lr)
        return W


def test_3_2_a_right_update_called_with_lr_1_is_told_to_pass_lr_on(capsys):
    line = run(capsys, checks.exercise_3_2, train_calls_update_with_lr_1, W_OR)
    assert line.startswith("HINT") and "call update(W, x, target, lr)" in line, line


def test_3_2_a_return_inside_the_epoch_loop_is_named(capsys):
    line = run(capsys, checks.exercise_3_2, train_returns_inside_the_epoch_loop, W_OR)
    assert line.startswith("HINT") and "stops after the first pass" in line, line


@pytest.mark.parametrize("answer", [train_right, train_early_stop])
def test_3_2_right_answers_pass(capsys, answer):
    line = run(capsys, checks.exercise_3_2, answer, answer(*nn.logic_gate("OR"), 1, 10))
    assert line.startswith("PASS  Exercise 3.2"), line
    assert "OR gives W = [-1, 1, 1]" in line


@pytest.mark.parametrize("mistake", sorted(TRAIN_MISTAKES))
def test_3_2_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = TRAIN_MISTAKES[mistake]
    line = run(capsys, checks.exercise_3_2, fn, W_OR)
    assert line.startswith("HINT  Exercise 3.2"), line
    assert expected in line, line


def test_3_2_pm_one_labels_get_their_hint(capsys):
    line = run(capsys, checks.exercise_3_2, train_pm_one_labels, W_OR)
    assert line.startswith("HINT") and "-1/+1 labels" in line


@pytest.mark.parametrize("W_or, expected", [
    (train_right(*nn.logic_gate("AND"), 1, 10), "is the AND result"),
    (train_right(nn.logic_gate("OR")[0], 2 * nn.logic_gate("OR")[1] - 1, 1, 10), "comes from -1/+1 labels"),
    (train_right(*nn.logic_gate("OR"), 0.1, 10), "trained with lr = 0.1. Use lr=1"),
    (train_right(*nn.logic_gate("OR"), 1, 2), "OR after 2 epoch(s). Use epochs=10"),
    ([2.0, 1.0, 1.0], "Check that you passed X_or, y_or, lr=1, epochs=10"),
    ([1.0, 1.0], "three numbers"),
])
def test_3_2_right_function_wrong_W_or(capsys, W_or, expected):
    line = run(capsys, checks.exercise_3_2, train_right, W_or)
    assert line.startswith("HINT") and "train_perceptron works, but W_or" in line and expected in line, line


@pytest.mark.parametrize("args", [(..., W_OR), (..., ...), (None, None), (stub, W_OR), (stub, ...),
                                  (not_implemented, W_OR)])
def test_3_2_unanswered(capsys, args):
    assert "not answered yet" in run(capsys, checks.exercise_3_2, *args)


@pytest.mark.parametrize("W_or", [..., None])
def test_3_2_working_function_but_W_or_not_set(capsys, W_or):
    line = run(capsys, checks.exercise_3_2, train_right, W_or)
    assert line.startswith("HINT") and "train_perceptron works, but W_or has not been set" in line, line
    assert "the cell stopped before it" in line


TRAIN_SOURCE = """
    def train_perceptron(X, d, lr, epochs):
        W = {init}
        for _ in range(epochs):
            for x, target in zip(X, d):
                W = update(W, x, target, lr)
        return W
"""


@pytest.mark.parametrize("update_source, init, expected", [
    # the cell raised, so W_or is still ... : the error is reported, not "not answered"
    (UPDATE_RIGHT_SOURCE, "np.zeros(X.shape[1])", "W has 2 entries, but update needs 3, the bias first: start from "
                                                  "W = np.zeros(X.shape[1] + 1)"),
    (UPDATE_RIGHT_SOURCE, "np.zeros((X.shape[1] + 1, 1))", "a (3, 1) column met a flat vector"),
    ("""
    def update(W, x, d, lr):
        return W + lr * (d - nn.step(W @ x)) * x
    """, "np.zeros(X.shape[1] + 1)", "weights and inputs of different lengths met (2 and 3 entries)"),
    ("""
    def update(W, x, d, lr):
        x_ext = np.insert(x, 0, 1)
        W = W + lr * (d - nn.step(W @ x_ext)) * x_ext
    """, "np.zeros(X.shape[1] + 1)", "update, which returns None: its return line is missing"),
])
def test_3_2_an_error_in_the_cell_is_reported_before_W_or(capsys, update_source, init, expected):
    namespace = cell(update_source + TRAIN_SOURCE.format(init=init))
    line = run(capsys, checks.exercise_3_2, namespace["train_perceptron"], ...)
    assert line.startswith("HINT  Exercise 3.2") and expected in line, line


def test_3_2_exercise_3_1_skipped(capsys):
    """update is still the stub: train_perceptron returns None, and so W_or is None."""
    namespace = cell(UPDATE_STUB_SOURCE + TRAIN_SOURCE.format(init="np.zeros(X.shape[1] + 1)"))
    W_or = namespace["train_perceptron"](*nn.logic_gate("OR"), 1, 10)
    assert W_or is None
    line = run(capsys, checks.exercise_3_2, namespace["train_perceptron"], W_or)
    assert line.startswith("HINT") and "update, which is still ... from Exercise 3.1" in line, line


def test_3_2_both_stubs_are_unanswered(capsys):
    namespace = cell(UPDATE_STUB_SOURCE + """
    def train_perceptron(X, d, lr, epochs):
        ...
    """)
    assert "not answered yet" in run(capsys, checks.exercise_3_2, namespace["train_perceptron"], ...)


def test_3_2_the_learners_own_loop_with_update_passes(capsys):
    namespace = cell(UPDATE_RIGHT_SOURCE + TRAIN_SOURCE.format(init="np.zeros(X.shape[1] + 1)"))
    train = namespace["train_perceptron"]
    assert run(capsys, checks.exercise_3_2, train, train(*nn.logic_gate("OR"), 1, 10)).startswith("PASS")


def test_3_2_reference_agrees_with_nnlib():
    for _, X, d, lr, epochs in nb03.TRAIN_CASES:
        expected = nn.Perceptron(input_size=X.shape[1], lr=lr, epochs=epochs).fit(X, d).W
        assert np.array_equal(nb03.trained(nb03.rosenblatt_update)(X, d, lr, epochs), expected)


# ---- exercise 3.3: novikoff_bound(X, d, W_sep) -------------------------------------

def bound_right(X, d, W_sep):
    X_ext = np.column_stack([np.ones(len(X)), X])
    s = 2 * d - 1
    R = np.max(np.linalg.norm(X_ext, axis=1))
    gamma = np.min(s * (X_ext @ W_sep)) / np.linalg.norm(W_sep)
    return (R / gamma) ** 2


def bound_loop(X, d, W_sep):
    u = W_sep / np.sqrt(np.sum(W_sep ** 2))
    R2, gamma = 0.0, np.inf
    for x, label in zip(X, d):
        x_ext = np.insert(x, 0, 1.0)
        R2 = max(R2, float(x_ext @ x_ext))
        gamma = min(gamma, (1 if label == 1 else -1) * float(u @ x_ext))
    return R2 / gamma ** 2


def _parts(X, d, W):
    X_ext = np.column_stack([np.ones(len(X)), X])
    return X_ext, 2 * d - 1, X_ext @ W


def bound_smallest_per_class(X, d, W_sep):
    """Right, though it cannot handle a data set with one class only (min of an empty array)."""
    X_ext = np.column_stack([np.ones(len(X)), X])
    z = X_ext @ W_sep / np.linalg.norm(W_sep)
    gamma = min(np.min(z[d == 1]), np.min(-z[d == 0]))
    return (np.max(np.linalg.norm(X_ext, axis=1)) / gamma) ** 2


def bound_largest_per_class(X, d, W_sep):
    X_ext = np.column_stack([np.ones(len(X)), X])
    z = X_ext @ W_sep / np.linalg.norm(W_sep)
    gamma = max(np.max(z[d == 1]), np.max(-z[d == 0]))
    return (np.max(np.linalg.norm(X_ext, axis=1)) / gamma) ** 2


BOUND_MISTAKES = {
    "R without the 1": (lambda X, d, W: (np.linalg.norm(X, axis=1).max()
                                         / (np.min(_parts(X, d, W)[1] * _parts(X, d, W)[2]) / np.linalg.norm(W))) ** 2,
                        "without the constant 1"),
    "norm without bias": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                           / (np.min(_parts(X, d, W)[1] * _parts(X, d, W)[2]) / np.linalg.norm(W[1:]))) ** 2,
                          "without the bias"),
    "textbook without bias": (lambda X, d, W: (np.linalg.norm(X, axis=1).max()
                                               / (np.min(_parts(X, d, W)[1] * _parts(X, d, W)[2])
                                                  / np.linalg.norm(W[1:]))) ** 2,
                              "textbook version"),
    "not normalised": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                        / np.min(_parts(X, d, W)[1] * _parts(X, d, W)[2])) ** 2, "unit vector"),
    "not squared": (lambda X, d, W: bound_right(X, d, W) ** 0.5, "squared"),
    "largest margin": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                        / (np.max(_parts(X, d, W)[1] * _parts(X, d, W)[2]) / np.linalg.norm(W))) ** 2,
                       "Either you took max instead of min, or the signs are reversed"),
    "signs reversed": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                        / (np.min((1 - 2 * d) * _parts(X, d, W)[2]) / np.linalg.norm(W))) ** 2,
                       "s must be +1 for class 1 and -1 for class 0"),
    "u as a column": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                       / np.min((2 * d - 1) * (_parts(X, d, W)[0] @ (W.reshape(-1, 1)
                                                                                     / np.linalg.norm(W))))) ** 2,
                      "broadcast into an N x N matrix: u is a (3, 1) column"),
    "largest margin, fails on one class": (lambda X, d, W: bound_largest_per_class(X, d, W),
                                           "Three mistakes give this number"),
    "mean margin": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                     / (np.mean(_parts(X, d, W)[1] * _parts(X, d, W)[2]) / np.linalg.norm(W))) ** 2,
                    "not the average"),
    "0/1 labels": (lambda X, d, W: (np.linalg.norm(_parts(X, d, W)[0], axis=1).max()
                                    / (np.min(d * _parts(X, d, W)[2]) / np.linalg.norm(W))) ** 2, "s = 2y - 1"),
    "returns an array": (lambda X, d, W: np.linalg.norm(_parts(X, d, W)[0], axis=1) ** 2, "one number"),
    "raises": (lambda X, d, W: X @ W, "your code raised ValueError"),
}


@pytest.mark.parametrize("answer", [bound_right, bound_loop, bound_smallest_per_class])
def test_3_3_right_answers_pass(capsys, answer):
    line = run(capsys, checks.exercise_3_3, answer)
    assert line.startswith("PASS  Exercise 3.3"), line
    assert "at most 51 mistakes" in line and "The rule makes 11." in line


@pytest.mark.parametrize("mistake", sorted(BOUND_MISTAKES))
def test_3_3_each_mistake_gets_its_hint(capsys, mistake):
    fn, expected = BOUND_MISTAKES[mistake]
    line = run(capsys, checks.exercise_3_3, fn)
    assert line.startswith("HINT  Exercise 3.3"), line
    assert expected in line, line


def test_3_3_other_wrong_answer_states_the_right_value(capsys):
    line = run(capsys, checks.exercise_3_3, lambda X, d, W: 7.0)
    assert line.startswith("HINT") and "the bound is R^2 / gamma^2 = 3 / 0.2425^2 = 51.0000" in line


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_3_3_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_3_3, answer)


def test_3_3_every_case_separates_and_the_bound_holds():
    for X, d, W in nb03.BOUND_CASES:
        X_ext = np.column_stack([np.ones(len(X)), X])
        assert np.all((2 * d - 1) * (X_ext @ W) > 0)
        p = nn.Perceptron(input_size=X.shape[1], epochs=1000).fit(X, d)
        assert p.converged_ and p.n_updates_ <= nb03.bound_right(X, d, W)


def test_3_3_abs_instead_of_the_signs_gets_its_hint(capsys):
    X, d, W = nb03.ABS_PROBE
    assert not np.isclose(nb03.ABS_MISTAKE.answer(X, d, W), bound_right(X, d, W))
    line = run(capsys, checks.exercise_3_3, nb03.ABS_MISTAKE.answer)
    assert line.startswith("HINT") and "abs(z)" in line
    assert run(capsys, checks.exercise_3_3, bound_right).startswith("PASS")
