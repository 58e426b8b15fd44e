"""The answer checks of notebooks 06 and 07: the right answer passes, and each typical mistake
gets its own specific hint, printed as one line and never as a traceback."""
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
    assert "Traceback" not in lines[0]
    return lines[0]


def stub(*args):
    ...


def not_implemented(*args):
    raise NotImplementedError("Exercise: write me")


FUNCTION_CHECKS = [checks.exercise_6_2, checks.exercise_7_1]


@pytest.mark.parametrize("check", FUNCTION_CHECKS + [checks.exercise_6_1])
@pytest.mark.parametrize("answer", [..., None])
def test_unanswered_is_reported_kindly(capsys, check, answer):
    assert "not answered yet" in run(capsys, check, answer)


@pytest.mark.parametrize("check", FUNCTION_CHECKS)
@pytest.mark.parametrize("answer", [stub, not_implemented])
def test_stubs_are_reported_kindly(capsys, check, answer):
    assert "not answered yet" in run(capsys, check, answer)


@pytest.mark.parametrize("check", FUNCTION_CHECKS)
def test_a_value_instead_of_a_function_gets_a_hint(capsys, check):
    line = run(capsys, check, 0.5)
    assert line.startswith("HINT") and "pass the function itself" in line


# ---- exercise 6.1: output weights on the hidden units (OR, AND) --------------------

@pytest.mark.parametrize("W", [[-1, 2, -2], np.array([[-0.5], [1.0], [-1.0]]), (-0.1, 0.5, -3.0)])
def test_6_1_right_answers_pass(capsys, W):
    line = run(capsys, checks.exercise_6_1, W)
    assert line.startswith("PASS") and "OR and not AND" in line


@pytest.mark.parametrize("W, words", [
    ([2.0, -2.0], "the bias is missing"),
    ([1.0, -2.0, 2.0], "Flip the signs of all three weights"),  # every sign reversed
    ([0.0, -1.0, 1.0], "some z is exactly 0"),         # XNOR, but flipped it would fire on every row
    ([0.0, 1.0, -1.0], "The bias must be negative"),  # step(0) = 1 at hidden (0, 0)
    ([-1.0, 2.0, 0.0], "computes OR"),               # AND unit ignored
    ([-1.0, 2.0, 1.0], "computes OR"),               # AND unit pushes the wrong way
    ([-3.0, 2.0, -2.0], "Make w1 larger"),            # never fires
    ([1, 2, 3, 4], "should have 3 entries"),
    ("weights", "three finite numbers"),
    ([np.nan, 1, 1], "three finite numbers"),
])
def test_6_1_typical_mistakes_get_their_hint(capsys, W, words):
    line = run(capsys, checks.exercise_6_1, W)
    assert line.startswith("HINT") and words in line, line


def test_6_1_reference_weights_compute_xor():
    X, y = nn.logic_gate("XOR")
    hidden = np.column_stack([nn.logic_gate("OR")[1], nn.logic_gate("AND")[1]])
    assert np.array_equal(hidden, checks.nb06.HIDDEN_OR_AND)
    assert np.array_equal(nn.step(-1 + 2 * hidden[:, 0] - 2 * hidden[:, 1]), y)


# ---- exercise 6.2: hidden_delta(dZ2, W2, H) ----------------------------------------

def delta_right(dZ2, W2, H):
    return (dZ2 @ W2.T) * H * (1 - H)


def test_6_2_right_answer_passes_and_matches_nnlib_backprop(capsys):
    assert run(capsys, checks.exercise_6_2, delta_right).startswith("PASS")
    # the formula the check expects is the one nnlib.mlp uses: dW1 = X^T dZ1 agrees with numerical_gradient
    X, y = nn.logic_gate("XOR")
    p = nn.TwoLayerNet(seed=3).initial_params()
    H = nn.sigmoid(X @ p["W1"] + p["b1"])
    dZ2 = (nn.forward_two_layer(X, **p) - y.reshape(-1, 1)) / 4
    numeric = nn.numerical_gradient(X, y, p, nn.binary_cross_entropy, nn.forward_two_layer)
    assert np.allclose(X.T @ delta_right(dZ2, p["W2"], H), numeric["W1"], atol=1e-9)


def _sig(z):
    return 1 / (1 + np.exp(-z))


DELTA_MISTAKES = {
    "no derivative": (lambda dZ2, W2, H: dZ2 @ W2.T, "H * (1 - H)"),
    "sigmoid again": (lambda dZ2, W2, H: (dZ2 @ W2.T) * _sig(H) * (1 - _sig(H)), "already sigmoid(Z1)"),
    "sign": (lambda dZ2, W2, H: -(dZ2 @ W2.T) * H * (1 - H), "sign is reversed"),
    "mean again": (lambda dZ2, W2, H: (dZ2 @ W2.T) * H * (1 - H) / H.shape[0], "do not divide by n again"),
    "no weights": (lambda dZ2, W2, H: dZ2 * H * (1 - H), "the weights W2 are missing"),
    "H only": (lambda dZ2, W2, H: (dZ2 @ W2.T) * H, "not H alone"),
    "1 - H only": (lambda dZ2, W2, H: (dZ2 @ W2.T) * (1 - H), "not 1 - H alone"),
    "no transpose": (lambda dZ2, W2, H: (dZ2 @ W2) * H * (1 - H), "multiply by the transpose"),
    "transposed result": (lambda dZ2, W2, H: (W2 @ dZ2.T) * (H * (1 - H)).T, "the transpose of what it should be"),
    "broadcast (n, n)": (lambda dZ2, W2, H: dZ2 * (dZ2 @ W2.T * H * (1 - H))[:, 0], "broadcast into an n x n"),
    "column": (lambda dZ2, W2, H: ((dZ2 @ W2.T) * H * (1 - H))[:, :1], "expected (4, 3)"),
    "raises": (lambda dZ2, W2, H: H.foo, "your code raised AttributeError"),
    "other": (lambda dZ2, W2, H: np.ones_like(H), "send the output error back through the weights"),
}


@pytest.mark.parametrize("name", list(DELTA_MISTAKES))
def test_6_2_typical_mistakes_get_their_hint(capsys, name):
    fn, words = DELTA_MISTAKES[name]
    line = run(capsys, checks.exercise_6_2, fn)
    assert line.startswith("HINT") and words in line, line


# ---- exercise 7.1: standardize_split(X_train, X_test) ------------------------------

def split_right(X_train, X_test):
    Xn, mean, std = nn.normalize(X_train, return_stats=True)
    return Xn, (X_test - mean) / std


def test_7_1_right_answer_passes(capsys):
    line = run(capsys, checks.exercise_7_1, split_right)
    assert line.startswith("PASS") and "not 0" in line
    # the numbers quoted are the check's own, not the learner's split: the message says so
    assert "On the check's own data" in line and "[1.05, 1.73]" in line


def _std(X, m, s):
    return (X - m) / s


SPLIT_MISTAKES = {
    "own stats": (lambda tr, te: (nn.normalize(tr), nn.normalize(te)), "its own mean and std"),
    "all data": (lambda tr, te: (lambda both: (both[: len(tr)], both[len(tr):]))(nn.normalize(np.vstack([tr, te]))),
                 "leaks"),
    "centred only": (lambda tr, te: (tr - tr.mean(0), te - tr.mean(0)), "not scaled"),
    "scaled only": (lambda tr, te: (tr / tr.std(0), te / tr.std(0)), "not centred"),
    "global": (lambda tr, te: (_std(tr, tr.mean(), tr.std()), _std(te, tr.mean(), tr.std())), "axis=0"),
    "test untouched": (lambda tr, te: (nn.normalize(tr), te), "returned unscaled"),
    "ddof": (lambda tr, te: (_std(tr, tr.mean(0), tr.std(0, ddof=1)), _std(te, tr.mean(0), tr.std(0, ddof=1))),
             "ddof=1"),
    "swapped": (lambda tr, te: split_right(tr, te)[::-1], "expected (5, 2)"),
    "one array": (lambda tr, te: nn.normalize(tr), "two arrays"),
    "transposed": (lambda tr, te: (split_right(tr, te)[0].T, split_right(tr, te)[1]), "expected (5, 2)"),
    "raises": (lambda tr, te: nn.normalize(tr[0]), "your code raised ValueError"),
    "test wrong": (lambda tr, te: (split_right(tr, te)[0], split_right(tr, te)[1] * 2), "X_train_n is right"),
}


@pytest.mark.parametrize("name", list(SPLIT_MISTAKES))
def test_7_1_typical_mistakes_get_their_hint(capsys, name):
    fn, words = SPLIT_MISTAKES[name]
    line = run(capsys, checks.exercise_7_1, fn)
    assert line.startswith("HINT") and words in line, line


def test_7_1_swapped_equal_shapes_is_named(capsys, monkeypatch):
    # with train and test of the same size a swap passes the shape test and needs its own hint
    monkeypatch.setattr(checks.nb07, "SPLIT_TEST", checks.nb07.SPLIT_TRAIN[::-1] + 1.0)
    line = run(capsys, checks.exercise_7_1, lambda tr, te: split_right(tr, te)[::-1])
    assert line.startswith("HINT") and "swapped" in line, line


def split_in_place(tr, te):
    mean, std = tr.mean(axis=0), tr.std(axis=0)
    tr -= mean
    tr /= std
    te -= mean
    te /= std
    return tr, te


def test_7_1_standardising_the_callers_arrays_in_place_gets_a_hint(capsys):
    line = run(capsys, checks.exercise_7_1, split_in_place)
    assert line.startswith("HINT") and "changed the arrays it was given" in line, line


def test_the_checks_do_not_change_their_reference_data():
    before = [a.copy() for a in (checks.nb06.DELTA_H, checks.nb07.SPLIT_TRAIN)]

    def vandal(*args):
        for a in args:
            a *= 0
        return args[0]

    for check in FUNCTION_CHECKS:
        check(vandal)
    after = (checks.nb06.DELTA_H, checks.nb07.SPLIT_TRAIN)
    for b, a in zip(before, after):
        np.testing.assert_array_equal(a, b)
