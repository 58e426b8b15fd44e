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


# ---- exercise 3.3: loss_per_epoch(X, d, lr, epochs) ----------------------------------

LOSS_SOURCE = """
    def loss_per_epoch(X, y, lr, epochs):
        X_ext = np.column_stack([np.ones(len(X)), X])
        s = 2 * y - 1
        W = np.zeros(X.shape[1] + 1)
        losses = [float(np.sum(np.maximum(0, -s * (X_ext @ W))))]
        for epoch in range(epochs):
            for x, target in zip(X, y):
                W = update(W, x, target, lr)
            losses.append(float(np.sum(np.maximum(0, -s * (X_ext @ W)))))
        return losses
"""


def loss_by_loops(X, d, lr, epochs):
    """Right, written row by row with the reference update."""
    def L(W):
        return sum(max(0.0, -(2 * t - 1) * (W[0] + W[1:] @ x)) for x, t in zip(X, d))
    W = np.zeros(X.shape[1] + 1)
    out = [L(W)]
    for _ in range(epochs):
        for x, t in zip(X, d):
            W = update_right(W, x, t, lr)
        out.append(L(W))
    return np.array(out)


@pytest.mark.parametrize("answer", [nb03.loss_right, loss_by_loops, lambda X, d, lr, e: list(nb03.loss_right(X, d, lr, e))])
def test_3_3_right_answers_pass(capsys, answer):
    line = run(capsys, checks.exercise_3_3, answer)
    assert line.startswith("PASS  Exercise 3.3"), line
    assert "['0', '2', '1', '0', '0', '0', '0']" in line and "[2, 1] mistakes" in line, line


def test_3_3_the_learners_own_loop_around_update_passes(capsys):
    namespace = cell(UPDATE_RIGHT_SOURCE + LOSS_SOURCE)
    assert run(capsys, checks.exercise_3_3, namespace["loss_per_epoch"]).startswith("PASS")


def test_3_3_a_stub_update_is_named(capsys):
    namespace = cell(UPDATE_STUB_SOURCE + LOSS_SOURCE)
    line = run(capsys, checks.exercise_3_3, namespace["loss_per_epoch"])
    assert line.startswith("HINT") and "Finish Exercise 3.1 first" in line, line


@pytest.mark.parametrize("answer, expected", [
    (lambda X, d, lr, epochs: nb03.loss_right(X, d, lr, epochs)[1:], "the first one is missing"),
    (lambda X, d, lr, epochs: nb03.loss_right(X, d, lr, epochs)[-1], "it should return"),
    (lambda X, d, lr, epochs: "0 2 1", "should return epochs + 1 numbers"),
    (lambda X, d, lr, epochs: nb03.loss_right(X, d, lr, epochs) + 0.25, "on case 1 of the check"),
    (lambda X, d, lr, epochs: X[10], "your code raised IndexError"),
])
def test_3_3_wrong_forms_and_values_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_3_3, answer)
    assert line.startswith("HINT  Exercise 3.3") and expected in line, line


@pytest.mark.parametrize("answer", [..., None, stub, not_implemented])
def test_3_3_unanswered(capsys, answer):
    assert "not answered yet" in run(capsys, checks.exercise_3_3, answer)


def test_3_3_a_zero_loss_with_mistakes_left_is_always_a_class_0_tie():
    """The insight: L(W) = 0 while a row is wrong happens only at z = 0 on a class-0 row."""
    for X, d, lr, epochs in nb03.LOSS_CASES:
        W = np.zeros(X.shape[1] + 1)
        for _ in range(epochs + 1):
            if nb03.perceptron_loss(W, X, d) == 0:
                z = nn.perceptron.pre_activation(X, W)
                wrong = nn.step(z) != d
                assert np.all(z[wrong] == 0) and np.all(d[wrong] == 0)
            nn.perceptron.rosenblatt_epoch(W, X.astype(float), d, lr)


# ---- exercise 3.4: the gradient of max(0, -s z) ------------------------------------------

def test_3_4_the_rule_steps_along_a_subgradient_of_the_perceptron_loss():
    """The bridge: W - lr * g is nnlib's step, and g is a subgradient of max(0, -s z) (ties: y = 0 takes x_ext)."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        W, x, y = rng.integers(-3, 4, 3) / 2, rng.integers(-2, 3, 2) / 2, int(rng.integers(0, 2))
        g = nb03.gradient_taken(W, x, y)
        x_ext, s = np.insert(x, 0, 1), 2 * y - 1
        z = W @ x_ext
        expected = -s * x_ext if (s * z < 0 or (z == 0 and y == 0)) else np.zeros(3)
        assert np.array_equal(g, expected)
        for W_p in rng.normal(size=(10, 3)):
            assert max(0, -s * (W_p @ x_ext)) >= max(0, -s * z) + g @ (W_p - W) - 1e-12


def test_3_4_right_value_is_x_ext():
    assert nb03.GRAD_RIGHT.tolist() == [1.0, 1.0, 0.5]


@pytest.mark.parametrize("answer, expected", [
    ([1.0, 1.0], "expected 3 numbers"),
    ("1, 1, 0.5", "answer with a number"),
    ([1.0, np.nan, 0.5], "NaN"),
    ([2.0, 1.0, 0.5], "Compute z = W . x_ext"),
])
def test_3_4_wrong_forms_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_3_4, answer)
    assert line.startswith("HINT  Exercise 3.4") and expected in line, line


def test_3_4_any_array_like_passes(capsys):
    assert run(capsys, checks.exercise_3_4, [1, 1, 0.5]).startswith("PASS")
    assert run(capsys, checks.exercise_3_4, np.array([[1.0], [1.0], [0.5]])).startswith("PASS")


# ---- exercise 3.5: predict W at lr = 0.5 ------------------------------------------------

def test_3_5_right_value_is_half_of_lr_1():
    assert nb03.PREDICT_RIGHT.tolist() == [-1.5, 1.0, 0.5]


@pytest.mark.parametrize("answer, expected", [
    (-1.5, "expected 3 numbers"), ("[-1.5, 1, 0.5]", "answer with a number"), ([0.0, 0.0, 0.0], "Start from what lr = 1 gives"),
])
def test_3_5_wrong_forms_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_3_5, answer)
    assert line.startswith("HINT  Exercise 3.5") and expected in line, line


# ---- exercise 3.6: Novikoff's bound for OR, by hand --------------------------------------

def test_3_6_the_bound_is_27_and_holds():
    X, d = nn.logic_gate("OR")
    assert nb03.BOUND_RIGHT == pytest.approx(27.0)
    for lr in (0.5, 1.0, 4.0):
        for order in ([0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]):
            p = nn.Perceptron(input_size=2, lr=lr).fit(X[order], d[order])
            assert p.converged_ and p.n_updates_ <= nb03.BOUND_RIGHT


@pytest.mark.parametrize("answer, expected", [
    (True, "answer with a number"), ("27", "answer with a number"), ([27.0, 3.0], "expected one number"),
    (float("inf"), "NaN or an infinity"), (30.0, "R^2 is the largest"),
])
def test_3_6_wrong_forms_get_a_hint(capsys, answer, expected):
    line = run(capsys, checks.exercise_3_6, answer)
    assert line.startswith("HINT  Exercise 3.6") and expected in line, line


@pytest.mark.parametrize("answer", [27, 27.0, np.float64(27.0), np.array([27.0])])
def test_3_6_right_forms_pass(capsys, answer):
    assert run(capsys, checks.exercise_3_6, answer).startswith("PASS")
