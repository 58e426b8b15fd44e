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

from ._core import as_float_array, call_safely, diagnose_shape, hint, passed

__all__ = ["exercise_7_1", "exercise_7_2"]

# ---- exercise 7.1: standardize_split(X_train, X_test) ------------------------------

#: Two columns on very different scales, and a test split whose mean differs from the training split's.
SPLIT_TRAIN = np.array([[4.0, 120.0], [5.0, 150.0], [6.5, 135.0], [5.5, 180.0], [4.5, 165.0]])
SPLIT_TEST = np.array([[6.0, 190.0], [7.0, 170.0], [5.0, 200.0]])


def _standardize(X: np.ndarray, mean: Any, std: Any) -> np.ndarray:
    return (X - mean) / std


def _split_variants(tr: np.ndarray, te: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    m, s = tr.mean(axis=0), tr.std(axis=0)
    both = np.vstack([tr, te])
    mb, sb = both.mean(axis=0), both.std(axis=0)
    mt, st = te.mean(axis=0), te.std(axis=0)
    return {
        "right": (_standardize(tr, m, s), _standardize(te, m, s)),
        "own stats": (_standardize(tr, m, s), _standardize(te, mt, st)),
        "all data": (_standardize(tr, mb, sb), _standardize(te, mb, sb)),
        "centred only": (tr - m, te - m),
        "scaled only": (tr / s, te / s),
        "global": (_standardize(tr, tr.mean(), tr.std()), _standardize(te, tr.mean(), tr.std())),
        "test untouched": (_standardize(tr, m, s), te),
        "ddof": (_standardize(tr, m, tr.std(axis=0, ddof=1)), _standardize(te, m, tr.std(axis=0, ddof=1))),
    }


_SPLIT_HINTS = {
    "own stats": "the test split was scaled with its own mean and std. Use the training split's: the test data "
                 "stand for flowers you have not seen yet, so they must not decide the scaling. "
                 "Xn, mean, std = nn.normalize(X_train, return_stats=True), then (X_test - mean) / std.",
    "all data": "the mean and std were computed from the training and test rows together. That leaks "
                "information about the test split into training. Compute them from X_train only.",
    "centred only": "the columns are centred but not scaled: divide by the training split's std as well.",
    "scaled only": "the columns are divided by the std but not centred: subtract the training split's mean first.",
    "global": "you used one mean and one std for the whole array. Standardise each column on its own: "
              "X_train.mean(axis=0) and X_train.std(axis=0) give one value per feature.",
    "test untouched": "the test split was returned unscaled. Apply the same (X - mean) / std to it, with the "
                      "training split's mean and std, or the model sees it in different units.",
    "ddof": "you used the sample std (ddof=1). nn.normalize uses np.std's default (ddof=0); use the same, so "
            "your result matches the library's.",
}


def exercise_7_1(standardize_split: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """Check ``standardize_split(X_train, X_test)`` -> ``(X_train_n, X_test_n)`` with the training split's statistics."""
    ex = "7.1"
    tr, te = SPLIT_TRAIN, SPLIT_TEST
    tr_in, te_in = tr.copy(), te.copy()
    ok, out = call_safely(ex, standardize_split, tr_in, te_in, copy=False)
    if not ok:
        return None
    if not (np.array_equal(tr_in, tr) and np.array_equal(te_in, te)):
        return hint(ex, "your function changed the arrays it was given (X_train -= ... or /= work in place), so "
                        "the caller's splits are now standardised too, and running a cell twice standardises them "
                        "twice. Build new arrays instead: X_train_n = (X_train - mean) / std.")
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return hint(ex, "standardize_split should return two arrays, the pair (X_train_n, X_test_n).")
    for value, shape, name in ((out[0], tr.shape, "X_train_n"), (out[1], te.shape, "X_test_n")):
        problem = diagnose_shape(value, shape, name)
        if problem:
            return hint(ex, problem)
    got_tr, got_te = as_float_array(out[0]), as_float_array(out[1])
    variants = _split_variants(tr, te)
    close = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)  # noqa: E731
    right_tr, right_te = variants["right"]
    if close(got_tr, right_tr) and close(got_te, right_te):
        mean_te = got_te.mean(axis=0)
        return passed(ex, f"On the check's own data, the training columns now have mean 0 and std 1, and the test "
                          f"columns have mean {np.round(mean_te, 2).tolist()}, not 0: that is correct. The test split "
                          "is measured on the training split's scale, as any new flower would be.")
    if close(got_tr, right_te) and close(got_te, right_tr):
        return hint(ex, "the two arrays are swapped: return (X_train_n, X_test_n), training split first.")
    for name, message in _SPLIT_HINTS.items():
        v_tr, v_te = variants[name]
        if close(got_tr, v_tr) and close(got_te, v_te):
            return hint(ex, message)
    if not close(got_tr, right_tr):
        return hint(ex, "X_train_n is not (X_train - mean) / std with the training split's column means and "
                        "standard deviations (axis=0).")
    return hint(ex, "X_train_n is right, but X_test_n is not: scale it with the same mean and std, (X_test - mean) / std.")


# ---- exercise 7.2: accuracy(A, y) --------------------------------------------------

#: Probabilities as a column (as forward_perceptron returns them) and flat 0/1 labels; none is exactly 0.5.
ACC_A = np.array([[0.9], [0.2], [0.7], [0.1], [0.35], [0.6], [0.45], [0.55], [0.05], [0.3]])
ACC_Y = np.array([1, 0, 1, 0, 1, 0, 0, 1, 0, 0])


def _acc_variants(A: np.ndarray, y: np.ndarray) -> dict[str, float]:
    pred = (A.ravel() >= 0.5).astype(int)
    right = float(np.mean(pred == y))
    return {
        "right": right,
        "broadcast": float(np.mean((A >= 0.5) == y)),
        "count": float(np.sum(pred == y)),
        "error rate": 1.0 - right,
        "threshold at 0": float(np.mean((A.ravel() >= 0).astype(int) == y)),
        "percent": 100.0 * right,
        "plus minus": float(np.mean(np.where(A.ravel() >= 0.5, 1, -1) == y)),
    }


_ACC_HINTS = {
    "broadcast": "A has shape (n, 1) and y has shape (n,), so (A >= 0.5) == y broadcast into an (n, n) table, and "
                 "its mean is a number, just the wrong one. Flatten first: A.ravel().",
    "count": "you returned the number of correct predictions. Accuracy is a fraction: divide by n (np.mean).",
    "error rate": "you returned the fraction of wrong predictions (the error rate). Accuracy counts the right ones.",
    "threshold at 0": "A holds probabilities, not pre-activations: every probability is >= 0. The threshold for "
                      "probabilities is 0.5 (z >= 0 is the same as sigmoid(z) >= 0.5).",
    "percent": "you returned a percentage. Return a fraction between 0 and 1; format it as a percentage only "
               "when printing.",
    "plus minus": "your predictions are -1/+1, but the labels are 0/1, so every predicted 0 counts as wrong. "
                  "Predict with (A >= 0.5).astype(int), which gives 0 or 1.",
}


def exercise_7_2(accuracy: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """Check ``accuracy(A, y)``: the fraction of samples where ``(A >= 0.5)`` equals the 0/1 label."""
    ex = "7.2"
    A, y = ACC_A, ACC_Y
    ok, out = call_safely(ex, accuracy, A, y)
    if not ok:
        return None
    arr = as_float_array(out)
    if arr is None:
        return hint(ex, f"accuracy returned a {type(out).__name__}; it should return one number.")
    if arr.size > 1:
        if arr.shape == (y.size, y.size):
            return hint(ex, f"the result has shape {arr.shape}: A of shape (n, 1) met y of shape (n,) and broadcast "
                            "into an n x n matrix. Flatten A first (A.ravel()), then average.")
        return hint(ex, f"the result is an array of shape {arr.shape}, one entry per sample. Accuracy is one number: "
                        "take np.mean of the comparison.")
    v = float(arr.reshape(-1)[0])
    variants = _acc_variants(A, y)
    if np.isclose(v, variants["right"]):
        wrong = int(np.sum((A.ravel() >= 0.5) != y))
        return passed(ex, f"On the check's own {y.size} samples the accuracy is {variants['right']:.3f}: {wrong} of "
                          f"{y.size} predictions are wrong. Accuracy only counts which side of 0.5 each probability "
                          "falls; BCE also charges for how confident each wrong answer was.")
    for name, message in _ACC_HINTS.items():
        if np.isclose(v, variants[name]):
            return hint(ex, message)
    return hint(ex, f"on the check's own {y.size} samples the accuracy is {variants['right']:.3f}, but your function "
                    f"returned {v:.4g}. Predict 1 where A >= 0.5, compare with y, and take the mean.")
