"""Answer checks for notebook 07 (real data: Iris).

- ``exercise_7_1(standardize_split)``: ``standardize_split(X_train, X_test)`` ->
  ``(X_train_n, X_test_n)``, both scaled with the training split's mean and std.
- ``exercise_7_2(accuracy)``: ``accuracy(A, y)`` -> the fraction of correct
  predictions, from probabilities ``A`` (n, 1) and 0/1 labels ``y`` (n,).

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import normalize
from ._core import (Mistake, Wrong, as_float_array, call_safely, check_function, close, diagnose_shape, hint, judge,
                    number_from)

__all__ = ["exercise_7_1", "exercise_7_2", "SPLIT_CASES", "SPLIT_MISTAKES", "ACC_CASES", "ACC_MISTAKES"]

# ---- exercise 7.1: standardize_split(X_train, X_test) ------------------------------

#: Two columns on very different scales, and a test split whose mean differs from the training split's.
SPLIT_TRAIN = np.array([[4.0, 120.0], [5.0, 150.0], [6.5, 135.0], [5.5, 180.0], [4.5, 165.0]])
SPLIT_TEST = np.array([[6.0, 190.0], [7.0, 170.0], [5.0, 200.0]])


SPLIT_CASES = ((SPLIT_TRAIN, SPLIT_TEST),)


def split_right(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both splits on the training split's scale, by nnlib's own ``normalize``."""
    X_train_n, mean, std = normalize(X_train, return_stats=True)
    return X_train_n, (X_test - mean) / std


def _z(X: np.ndarray, of: np.ndarray, **kw: Any) -> np.ndarray:
    """``X`` standardised with the column means and stds of ``of`` (``kw`` goes to both, e.g. ``axis=None``)."""
    kw.setdefault("axis", 0)
    ddof = kw.pop("ddof", 0)
    return (X - of.mean(**kw)) / of.std(ddof=ddof, **kw)


SPLIT_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the test split was scaled with its own mean and std. Use the training split's: the test data "
            "stand for flowers you have not seen yet, so they must not decide the scaling. "
            "Xn, mean, std = nn.normalize(X_train, return_stats=True), then (X_test - mean) / std.",
            lambda tr, te: (_z(tr, tr), _z(te, te))),
    Mistake("the mean and std were computed from the training and test rows together. That leaks "
            "information about the test split into training. Compute them from X_train only.",
            lambda tr, te: (_z(tr, np.vstack([tr, te])), _z(te, np.vstack([tr, te])))),
    Mistake("the columns are centred but not scaled: divide by the training split's std as well.",
            lambda tr, te: (tr - tr.mean(axis=0), te - tr.mean(axis=0))),
    Mistake("the columns are divided by the std but not centred: subtract the training split's mean first.",
            lambda tr, te: (tr / tr.std(axis=0), te / tr.std(axis=0))),
    Mistake("you used one mean and one std for the whole array. Standardise each column on its own: "
            "X_train.mean(axis=0) and X_train.std(axis=0) give one value per feature.",
            lambda tr, te: (_z(tr, tr, axis=None), _z(te, tr, axis=None))),
    Mistake("the test split was returned unscaled. Apply the same (X - mean) / std to it, with the "
            "training split's mean and std, or the model sees it in different units.",
            lambda tr, te: (_z(tr, tr), te)),
    Mistake("you used the sample std (ddof=1). nn.normalize uses np.std's default (ddof=0); use the same, so "
            "your result matches the library's.",
            lambda tr, te: (_z(tr, tr, ddof=1), _z(te, tr, ddof=1))),
)


def _read_split(out: Any, tr: np.ndarray, te: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong("standardize_split should return two arrays, the pair (X_train_n, X_test_n).")
    for value, shape, name in ((out[0], tr.shape, "X_train_n"), (out[1], te.shape, "X_test_n")):
        problem = diagnose_shape(value, shape, name)
        if problem:
            raise Wrong(problem)
    return as_float_array(out[0]), as_float_array(out[1])


def _split_otherwise(i: int, got: tuple[np.ndarray, np.ndarray], want: tuple[np.ndarray, np.ndarray]) -> str:
    if not close(got[0], want[0]):
        return ("X_train_n is not (X_train - mean) / std with the training split's column means and "
                "standard deviations (axis=0).")
    return "X_train_n is right, but X_test_n is not: scale it with the same mean and std, (X_test - mean) / std."


def exercise_7_1(standardize_split: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """Check ``standardize_split(X_train, X_test)`` -> ``(X_train_n, X_test_n)`` with the training split's statistics."""
    ex = "7.1"
    cases = [(SPLIT_TRAIN, SPLIT_TEST)]  # read at each call (a test may swap in other splits), so not cached
    tr_in, te_in = SPLIT_TRAIN.copy(), SPLIT_TEST.copy()
    ok, out = call_safely(ex, standardize_split, tr_in, te_in, copy=False)
    if not ok:
        return None
    if not (np.array_equal(tr_in, SPLIT_TRAIN) and np.array_equal(te_in, SPLIT_TEST)):
        return hint(ex, "your function changed the arrays it was given (X_train -= ... or /= work in place), so "
                        "the caller's splits are now standardised too, and running a cell twice standardises them "
                        "twice. Build new arrays instead: X_train_n = (X_train - mean) / std.")
    try:
        got = [_read_split(out, *cases[0])]
    except Wrong as wrong:
        return hint(ex, str(wrong))
    if close(got[0], split_right(*cases[0])[::-1]):  # only splits of one size get past the shape test swapped
        return hint(ex, "the two arrays are swapped: return (X_train_n, X_test_n), training split first.")
    mean_te = got[0][1].mean(axis=0)
    return judge(ex, got, cases, split_right, SPLIT_MISTAKES, otherwise=_split_otherwise, insight=(
        f"On the check's own data, the training columns now have mean 0 and std 1, and the test columns have mean "
        f"{np.round(mean_te, 2).tolist()}, not 0: that is correct. The test split is measured on the training "
        "split's scale, as any new flower would be."))


# ---- exercise 7.2: accuracy(A, y) --------------------------------------------------

#: Probabilities as a column (as forward_perceptron returns them) and flat 0/1 labels; none is exactly 0.5.
ACC_A = np.array([[0.9], [0.2], [0.7], [0.1], [0.35], [0.6], [0.45], [0.55], [0.05], [0.3]])
ACC_Y = np.array([1, 0, 1, 0, 1, 0, 0, 1, 0, 0])


#: Two probabilities of exactly 0.5, labelled 1: A >= 0.5 predicts 1 there.
ACC_A_HALF = np.array([[0.5], [0.8], [0.2], [0.5]])
ACC_Y_HALF = np.array([1, 1, 0, 1])

ACC_CASES = ((ACC_A, ACC_Y), (ACC_A_HALF, ACC_Y_HALF))


def accuracy_right(A: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((A.ravel() >= 0.5) == y))


ACC_MISTAKES: tuple[Mistake, ...] = (
    Mistake("A has shape (n, 1) and y has shape (n,), so (A >= 0.5) == y broadcast into an (n, n) table, and "
            "its mean is a number, just the wrong one. Flatten first: A.ravel().",
            lambda A, y: np.mean((A >= 0.5) == y)),
    Mistake("you returned the number of correct predictions. Accuracy is a fraction: divide by n (np.mean).",
            lambda A, y: np.sum((A.ravel() >= 0.5) == y)),
    Mistake("you returned the fraction of wrong predictions (the error rate). Accuracy counts the right ones.",
            lambda A, y: np.mean((A.ravel() >= 0.5) != y)),
    Mistake("A holds probabilities, not pre-activations: every probability is >= 0. The threshold for "
            "probabilities is 0.5 (z >= 0 is the same as sigmoid(z) >= 0.5).",
            lambda A, y: np.mean((A.ravel() >= 0) == y)),
    Mistake("you returned a percentage. Return a fraction between 0 and 1; format it as a percentage only "
            "when printing.",
            lambda A, y: 100 * np.mean((A.ravel() >= 0.5) == y)),
    Mistake("your predictions are -1/+1, but the labels are 0/1, so every predicted 0 counts as wrong. "
            "Predict with (A >= 0.5).astype(int), which gives 0 or 1.",
            lambda A, y: np.mean(np.where(A.ravel() >= 0.5, 1, -1) == y)),
    Mistake("at a probability of exactly 0.5 you predict 0, but A >= 0.5 predicts 1 there (as step(0) = 1). "
            "A > 0.5 does this, and so does np.round(A), which rounds 0.5 to the even number 0.",
            lambda A, y: np.mean((A.ravel() > 0.5) == y)),
)


def _read_accuracy(out: Any, A: np.ndarray, y: np.ndarray) -> float:
    return number_from(out, "accuracy returned a {type}; it should return one number.",
                       "the result is an array of shape {shape}, one entry per sample. Accuracy is one number: "
                       "take np.mean of the comparison.",
                       square="the result has shape {shape}: A of shape (n, 1) met y of shape (n,) and broadcast "
                       "into an n x n matrix. Flatten A first (A.ravel()), then average.", n=y.size)


def exercise_7_2(accuracy: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """Check ``accuracy(A, y)``: the fraction of samples where ``(A >= 0.5)`` equals the 0/1 label."""
    ex = "7.2"
    A, y = ACC_A, ACC_Y
    right, wrong = accuracy_right(A, y), int(np.sum((A.ravel() >= 0.5) != y))
    return check_function(ex, accuracy, "accuracy", ACC_CASES, _read_accuracy, accuracy_right, ACC_MISTAKES,
                          same=lambda g, w: bool(np.isclose(g, w)), insight=(
        f"On the check's own {y.size} samples the accuracy is {right:.3f}: {wrong} of {y.size} predictions are "
        "wrong. Accuracy only counts which side of 0.5 each probability falls; BCE also charges for how confident "
        "each wrong answer was."), otherwise=lambda i, g, w: (
        f"on the check's own {ACC_CASES[i][1].size} samples the accuracy is {w:.3f}, but your function returned {g:.4g}. "
        "Predict 1 where A >= 0.5, compare with y, and take the mean."))
