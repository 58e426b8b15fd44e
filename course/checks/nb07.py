"""Answer checks for notebook 07 (real data: Iris).

- ``exercise_7_1(standardize_split)``: ``standardize_split(X_train, X_test)`` ->
  ``(X_train_n, X_test_n)``, both scaled with the training split's mean and std.
- ``exercise_7_2(highest_after_200)``: a prediction, which of the three runs of
  section 4 ends with the highest loss after 200 epochs.
- ``exercise_7_3(dz_per_cm)``: a derivation, how much one more centimetre of petal
  width changes the sigmoid neuron's ``z``.
- ``exercise_7_4(to_cm)``: ``to_cm(w, b, mean, std)`` -> ``(w_cm, b_cm)``, a line in
  standardised units read in centimetres.

The right values of 7.2 and 7.3 are computed here from nnlib, on the notebook's own
split (``iris_split``), not typed in.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

import nnlib as nn
from nnlib import normalize
from ._core import (Mistake, Wrong, WrongValue, as_float_array, call_safely, check_function, check_value, close,
                    diagnose_shape, hint, judge)

__all__ = ["exercise_7_1", "exercise_7_2", "exercise_7_3", "exercise_7_4", "SPLIT_CASES", "SPLIT_MISTAKES",
           "CM_CASES", "CM_MISTAKES", "cm_right", "TABLES", "VALUE_TABLES"]

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


# ---- the notebook's own split and runs (for the right values of 7.2 and 7.3) ---------

def iris_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Versicolor (0) vs virginica (1) on the petals, split as notebook 7 splits them:
    ``(X_train, y_train, X_test, y_test)`` in centimetres, 15 test flowers per species drawn with seed 2024."""
    iris = nn.load_iris()
    keep = iris.y > 0
    X, y = iris.X[keep][:, [2, 3]], (iris.y[keep] == 2).astype(int)
    rng = np.random.default_rng(2024)
    is_test = np.zeros(len(y), dtype=bool)
    for label in (0, 1):
        is_test[rng.choice(np.flatnonzero(y == label), size=15, replace=False)] = True
    return X[~is_test], y[~is_test], X[is_test], y[is_test]


def _section_4() -> dict[str, Any]:
    """Section 4's three runs (full batch, zero start, 200 epochs): final losses, and the standardised weights."""
    X_train, y_train, _, _ = iris_split()
    X_n, mean, std = normalize(X_train, return_stats=True)
    start = dict(W=np.zeros((2, 1)), b=0.0, num_epochs=200, batch_size=len(y_train))
    final, W_std, b_std = {}, None, None
    for name, X, lr in (("raw 0.5", X_train, 0.5), ("raw 0.1", X_train, 0.1), ("standardised 0.5", X_n, 0.5)):
        W, b, losses = nn.gradient_descent(X, y_train, lr=lr, **start)
        final[name] = float(losses[-1])
        if name == "standardised 0.5":
            W_std, b_std = W.ravel(), float(b)
    X_ext = np.column_stack([np.ones(len(X_train)), X_train])
    limit_raw = 2 / float(np.linalg.eigvalsh(X_ext.T @ X_ext / (4 * len(X_train)))[-1])   # 2 / steepest curvature
    return dict(final=final, W=W_std, b=b_std, mean=mean, std=std, limit_raw=limit_raw)


SECTION_4 = _section_4()
RUNS = tuple(SECTION_4["final"])                 # the three answers 7.2 accepts


# ---- exercise 7.2: predict, then run: which run ends highest? -------------------------

HIGHEST_RIGHT = max(RUNS, key=SECTION_4["final"].get)

HIGHEST_TABLE = (
    WrongValue("a smaller learning rate is slower only when the larger one works. On raw centimetres "
               f"lr 0.5 is above the limit 2 / (steepest curvature), about {SECTION_4['limit_raw']:.2f}: its steps "
               "overshoot across the narrow valley and the loss goes up in about half of them, while lr 0.1 goes down every epoch.",
               "raw 0.1"),
    WrongValue("the standardised run has the same lr 0.5 as the first raw run, but on standardised features the "
               "valley is much rounder and 0.5 is far below its limit, so it descends fastest of the three.",
               "standardised 0.5"),
)


def exercise_7_2(highest_after_200: Any) -> None:
    """Check the prediction: the run of section 4 with the highest BCE loss after 200 epochs."""
    f = SECTION_4["final"]
    return check_value("7.2", highest_after_200, HIGHEST_RIGHT, HIGHEST_TABLE, insight=(
        f"After 200 epochs: raw 0.5 at {f['raw 0.5']:.3f}, raw 0.1 at {f['raw 0.1']:.3f}, standardised 0.5 at "
        f"{f['standardised 0.5']:.3f}. On raw centimetres the larger step bounces across the valley and loses "
        "to the smaller one."), otherwise=(
        "answer with one of the three runs, written as " + ", ".join(repr(r) for r in RUNS) + "."))


# ---- exercise 7.3: derive on paper: one centimetre of petal width -------------------

_W, _STD = SECTION_4["W"], SECTION_4["std"]
DZ_RIGHT = float(_W[1] / _STD[1])

DZ_TABLE = (
    WrongValue("that is the weight itself, the change of z per standard deviation of petal width. One centimetre "
               "is 1 / std standard deviations, so divide the weight by the std.", float(_W[1])),
    WrongValue("you multiplied by the std. One more centimetre moves the standardised value by 1 / std "
               "(x_n = (x - mean) / std), so z changes by w / std.", float(_W[1] * _STD[1])),
    WrongValue("you divided by the variance (std squared). x_n = (x - mean) / std divides by the std once.",
               float(_W[1] / _STD[1] ** 2)),
    WrongValue("that is std / w, upside down: z changes by w times the change of x_n, and x_n changes by "
               "1 / std per centimetre.", float(_STD[1] / _W[1])),
    WrongValue("that is petal length's value (its weight over its std). The question is about petal width, "
               "the second feature.", float(_W[0] / _STD[0])),
    WrongValue("that is petal length's weight. The question is about petal width, the second feature, and "
               "asks per centimetre: divide its weight by its std.", float(_W[0])),
)


def exercise_7_3(dz_per_cm: Any) -> None:
    """Check the derivation: the change of z for one more centimetre of petal width, w_2 / std_2."""
    per_cm_length = float(_W[0] / _STD[0])
    return check_value("7.3", dz_per_cm, DZ_RIGHT, DZ_TABLE, rtol=1e-2, insight=(
        f"z rises by {DZ_RIGHT:.2f} per centimetre of petal width and by {per_cm_length:.2f} per centimetre of "
        f"petal length. In standard units the two weights are almost equal ({_W[0]:.2f} and {_W[1]:.2f}), but "
        f"petal widths vary less (std {_STD[1]:.2f} cm against {_STD[0]:.2f} cm), so a centimetre of width "
        "counts for more."), otherwise=(
        "z = w1 * x1_n + w2 * x2_n + b with x2_n = (petal width - mean2) / std2: how much does x2_n change when "
        "the petal width grows by 1 cm, and how much does z change then? Use the printed W and std."))


# ---- exercise 7.4: extend: read a line in centimetres -------------------------------

#: Two lines: weights as a column (as gradient_descent returns them) and flat (as a Perceptron's .weights).
CM_CASES = ((np.array([[3.0], [-1.5]]), 0.5, np.array([4.9, 1.7]), np.array([0.8, 0.4])),
            (np.array([1.0, 2.0]), -1.0, np.array([5.0, 150.0]), np.array([0.5, 20.0])))


def cm_right(w: Any, b: Any, mean: np.ndarray, std: np.ndarray) -> tuple[np.ndarray, float]:
    """w . (x - mean) / std + b = (w / std) . x + (b - sum(w * mean / std))."""
    w = np.ravel(w)
    return w / std, float(b) - float(np.sum(w * mean / std))


CM_MISTAKES: tuple[Mistake, ...] = (
    Mistake("w_cm is right, but the bias was left as it was. w . (x - mean) / std has a part that does not "
            "depend on x, -sum(w * mean / std), and it joins b.",
            lambda w, b, m, s: (np.ravel(w) / s, float(b))),
    Mistake("w_cm is right, but the bias has the wrong sign: w . (x - mean) / std + b = (w / std) . x + b - "
            "sum(w * mean / std). Subtract the sum.",
            lambda w, b, m, s: (np.ravel(w) / s, float(b) + float(np.sum(np.ravel(w) * m / s)))),
    Mistake("w_cm is right, but the bias lacks the division by std: the part that does not depend on x is "
            "-sum(w * mean / std), each term divided by its feature's std.",
            lambda w, b, m, s: (np.ravel(w) / s, float(b) - float(np.sum(np.ravel(w) * m)))),
    Mistake("you turned the conversion around, as if x_n = std * x + mean. It is x_n = (x - mean) / std, so each "
            "weight is divided by its std, w / std, and the bias becomes b - sum(w * mean / std).",
            lambda w, b, m, s: (np.ravel(w) * s, float(b) + float(np.sum(np.ravel(w) * m)))),
    Mistake("you divided by the variance (std squared). x_n = (x - mean) / std divides by the std once: "
            "w_cm = w / std, b_cm = b - sum(w * mean / std).",
            lambda w, b, m, s: (np.ravel(w) / s ** 2, float(b) - float(np.sum(np.ravel(w) * m / s ** 2)))),
    Mistake("w_cm is right, but the bias is not: on weights of shape (2, 1) (as gradient_descent returns "
            "them) w * mean / std broadcast into a 2 x 2 table, and its sum has four terms instead of two. "
            "Flatten w first: w = np.ravel(w).",
            lambda w, b, m, s: (np.ravel(w) / s, float(b) - float(np.sum(np.asarray(w) * m / s)))),
)


def _read_cm(out: Any, w: Any, b: Any, mean: np.ndarray, std: np.ndarray) -> tuple[np.ndarray, float]:
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong("to_cm should return two things, the pair (w_cm, b_cm).")
    w_cm, b_cm = as_float_array(out[0]), as_float_array(out[1])
    if w_cm is None or b_cm is None:
        raise Wrong("w_cm should be 2 numbers and b_cm one number.")
    if w_cm.shape == (2, 2):
        raise Wrong("w_cm has shape (2, 2): weights of shape (2, 1), as gradient_descent returns them, divided by "
                    "std of shape (2,) broadcast into a 2 x 2 table. Flatten w first: w = np.ravel(w).")
    if w_cm.size != 2:
        raise Wrong(f"w_cm should hold 2 weights, one per feature; it has shape {w_cm.shape}.")
    if b_cm.size != 1:
        raise Wrong(f"b_cm should be one number; it has shape {b_cm.shape}. Sum over the features.")
    return w_cm.ravel(), float(b_cm.ravel()[0])


def _cm_otherwise(i: int, got: tuple[np.ndarray, float], want: tuple[np.ndarray, float]) -> str:
    w, b, mean, std = CM_CASES[i]
    if not close(got[0], want[0]):
        return (f"on the check's case w = {np.ravel(w).tolist()}, std = {std.tolist()}, w_cm should be "
                f"{np.round(want[0], 4).tolist()}, not {np.round(got[0], 4).tolist()}. Write z with "
                "x_n = (x - mean) / std and collect what multiplies x.")
    return (f"w_cm is right, but on the check's case w = {np.ravel(w).tolist()}, b = {b}, mean = {mean.tolist()}, "
            f"std = {std.tolist()} b_cm should be {want[1]:.4g}, not {got[1]:.4g}: collect the terms of z that do "
            "not depend on x.")


def exercise_7_4(to_cm: Callable[..., Any]) -> None:
    """Check ``to_cm(w, b, mean, std)`` -> ``(w / std, b - sum(w * mean / std))``, for column and flat weights."""
    return check_function("7.4", to_cm, "to_cm", CM_CASES, _read_cm, cm_right, CM_MISTAKES, insight=(
        "It is the same line: for every x in centimetres, (w / std) . x + b_cm equals w . (x - mean) / std + b, "
        "so each flower gets the same z and stays on the same side. Standardising changes the units, not the "
        "model."), otherwise=_cm_otherwise)


TABLES = {"7.4": (exercise_7_4, CM_MISTAKES, cm_right, CM_CASES, (), {})}
VALUE_TABLES = {"7.2": (exercise_7_2, HIGHEST_RIGHT, HIGHEST_TABLE),
                "7.3": (exercise_7_3, DZ_RIGHT, DZ_TABLE)}
