"""Answer checks for notebook 04 (the sigmoid + binary cross-entropy perceptron).

- ``exercise_4_1(bce_loss)``: ``bce_loss(A, y)`` -> the mean binary cross-entropy, a float.
- ``exercise_4_2(bce_gradients)``: ``bce_gradients(X, y, W, b)`` -> ``(dW, db)``.
- ``exercise_4_3(gd_step)``: ``gd_step(W, b, dW, db, lr)`` -> ``(W_new, b_new)``, one update.
- ``exercise_4_4(y_and, settings_and)``, ``exercise_4_5(y_or, settings_or)``,
  ``exercise_4_6(y_grid, settings_grid)``: the blog's exercises 1, 2 and 4: the
  labels, and the keyword arguments for ``nnlib.gradient_descent``.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib.data import GATES, grid_dataset, logic_gate
from nnlib import TrainingDiverged, binary_cross_entropy, forward_perceptron, gradient_descent, gradients
from ._core import (Mistake, Wrong, answers, as_float_array, check_function, close, diagnose_labels, fmt4, hint,
                    is_unanswered, judge, not_a_function, not_answered, passed, spot)

__all__ = ["exercise_4_1", "exercise_4_2", "exercise_4_3", "exercise_4_4", "exercise_4_5", "exercise_4_6",
           "BCE_CASES", "BCE_MISTAKES", "GRAD_CASES", "GRAD_MISTAKES", "STEP_CASES", "STEP_MISTAKES",
           "read_gradients", "gradients_otherwise"]

_EPS = 1e-15


# ---- exercise 4.1: bce_loss(A, y) ---------------------------------------------------

#: (A as an (n, 1) column, as forward_perceptron returns it; y as an (n,) vector of 0/1).
#: The second case holds a confident, correct prediction A = 1.0 exactly, which
#: makes (1 - y) * log(1 - A) = 0 * log(0) = nan unless A is clipped.
BCE_CASES: tuple[tuple[np.ndarray, np.ndarray], ...] = tuple(
    (np.array(a, dtype=float).reshape(-1, 1), np.array(labels, dtype=float)) for a, labels in (
        ((0.9, 0.2, 0.6, 0.3, 0.7), (1, 0, 0, 1, 1)),
        ((1.0, 0.1, 0.8, 0.4), (1, 0, 1, 0)),
    ))
_N_BCE = len(BCE_CASES[0][1])


def _p(A: np.ndarray) -> np.ndarray:
    """The probabilities flat and clipped to [eps, 1 - eps], as every mistake below still does."""
    return np.clip(A.ravel(), _EPS, 1 - _EPS)


BCE_MISTAKES: tuple[Mistake, ...] = (
    Mistake(f"the loss is {_N_BCE} times too large: you summed over the samples. Take the mean (np.mean), so the "
            "loss does not grow with the size of the data set.",
            lambda A, y: -np.sum(y * np.log(_p(A)) + (1 - y) * np.log(1 - _p(A)))),
    Mistake("the loss is negative: BCE has a minus in front, -(1/n) sum[y log A + (1 - y) log(1 - A)]. "
            "Logs of probabilities are <= 0, so the loss is >= 0.",
            lambda A, y: np.mean(y * np.log(_p(A)) + (1 - y) * np.log(1 - _p(A)))),
    Mistake("you mixed A of shape (n, 1) with y of shape (n,): y * np.log(A) broadcast into an (n, n) matrix, "
            "and its mean is a number, just the wrong one. Flatten first: A = A.ravel() (or y = y.reshape(-1, 1)).",
            lambda A, y: -np.mean(y * np.log(_p(A).reshape(-1, 1)) + (1 - y) * np.log(1 - _p(A).reshape(-1, 1)))),
    Mistake("y and 1 - y are swapped: the y = 1 samples should pay -log(A) (small when A is near 1), "
            "the y = 0 samples -log(1 - A).",
            lambda A, y: -np.mean(y * np.log(1 - _p(A)) + (1 - y) * np.log(_p(A)))),
    Mistake("only the y = 1 samples contribute. Add the second term, (1 - y) * log(1 - A), for the y = 0 samples.",
            lambda A, y: -np.mean(y * np.log(_p(A)))),
    Mistake("you used log base 10. Cross-entropy uses the natural logarithm, np.log.",
            lambda A, y: -np.mean(y * np.log10(_p(A)) + (1 - y) * np.log10(1 - _p(A)))),
    Mistake("you turned the labels into -1/+1 (2y - 1). BCE uses the 0/1 labels as they are: with y = -1 the "
            "weight 1 - y is 2 and the terms no longer form a cross-entropy. Use y directly.",
            lambda A, y: -np.mean((2 * y - 1) * np.log(_p(A)) + (2 - 2 * y) * np.log(1 - _p(A)))),
)


def exercise_4_1(bce_loss: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """Check ``bce_loss(A, y)``: the mean BCE of probabilities ``A`` (n, 1) against labels ``y`` (n,)."""
    ex = "4.1"
    if not_a_function(ex, bce_loss, "bce_loss"):
        return None
    caught: list[str] = []
    shapes: list[tuple[int, ...]] = []

    def read(out: Any, A: np.ndarray, y: np.ndarray) -> float:
        n = y.size
        arr = as_float_array(out)
        if arr is None:
            raise Wrong(f"bce_loss returned a {type(out).__name__}; it should return one number.")
        if arr.shape == (n, n):
            raise Wrong(f"the loss has shape {arr.shape}: A of shape (n, 1) met y of shape (n,) and broadcast "
                        "into an n x n matrix. Flatten first (A = A.ravel()), then take np.mean of the "
                        "per-sample losses.")
        if arr.size > 1:
            raise Wrong(f"the loss is an array of shape {arr.shape}, not a single number. "
                        "Average the per-sample losses with np.mean.")
        v = float(arr.reshape(-1)[0])
        if not np.isfinite(v):
            took = (" your code took log(0) (NumPy warned \"divide by zero encountered in log\") and the loss came "
                    f"out {v}." if any("divide by zero encountered in log" in m for m in caught)
                    else f" your loss is {v}: 0 * log(0) gives nan.")
            raise Wrong(f"for A = {A.ravel().tolist()} (one prediction is exactly 1.0){took} Clip A to "
                        "[eps, 1 - eps] before taking logs: A = np.clip(A, eps, 1 - eps) with eps = 1e-15, "
                        "as nnlib.binary_cross_entropy does (the blog adds a small eps inside the logs instead).")
        shapes.append(arr.shape)
        return v

    got = answers(ex, bce_loss, BCE_CASES, read, floats=True, caught=caught)
    if got is None:
        return None
    if all(close(g, binary_cross_entropy(*case)) for g, case in zip(got, BCE_CASES)) and shapes[0] != ():
        return hint(ex, f"the value is right, but it comes back as an array of shape {shapes[0]}, not one number "
                        "(print it and you see brackets). np.mean of a flat array gives one number; float(...) "
                        "turns a one-element array into one.")
    return judge(ex, got, BCE_CASES, binary_cross_entropy, BCE_MISTAKES, insight=(
        f"A model that knows nothing (A = 0.5 everywhere) scores ln 2 = {-np.log(0.5):.4f} per sample, and one "
        f"confident wrong answer (A = 0.01 for y = 1) costs -ln 0.01 = {-np.log(0.01):.2f} on its own: BCE "
        "punishes confident mistakes hard."), otherwise=lambda i, g, w: (
        f"for A = {BCE_CASES[i][0].ravel().tolist()} and y = {BCE_CASES[i][1].astype(int).tolist()} the mean BCE "
        f"is {w:.4f}, but your function returned {g:.4f}."))


# ---- exercise 4.2: bce_gradients(X, y, W, b), and 5.1's ------------------------------

#: n = 5 samples and d = 2 features, so that (d, n), (n, n) and (1, d) shapes are all distinct.
GRAD_X = np.array([[0.5, 1.0], [-1.0, 2.0], [1.5, -0.5], [0.0, 1.0], [2.0, 0.5]])
GRAD_Y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
GRAD_W = np.array([[0.4], [-0.3]])
GRAD_B = 0.2
GRAD_CASES = ((GRAD_X, GRAD_Y, GRAD_W, GRAD_B),)


def _error(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float) -> np.ndarray:
    """``A - y`` as a column (n, 1), for the probabilities A = forward_perceptron(X, W, b) with W (d, 1)."""
    return forward_perceptron(X, W, b) - y.reshape(-1, 1)


def _slope(X: np.ndarray, W: np.ndarray, b: float) -> np.ndarray:
    """The sigmoid's slope ``A (1 - A)`` at every sample, (n, 1)."""
    A = forward_perceptron(X, W, b)
    return A * (1 - A)


def _mean_blame(X: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, float]:
    """``(X^T r / n, mean(r))`` for an error column ``r`` (n, 1): the gradients a learner builds from ``r``."""
    return X.T @ r / len(r), float(r.mean())


GRAD_MISTAKES: tuple[Mistake, ...] = (
    Mistake("both gradients have the wrong sign: the error is A - y (prediction minus label), not y - A. "
            "The gradient points uphill; gradient descent will subtract it.",
            lambda X, y, W, b: _mean_blame(X, -_error(X, y, W, b))),
    Mistake("both gradients are {n} times too large: you summed over the samples. The loss is a mean, "
            "so divide by n: dW = X.T @ (A - y) / n and db = np.mean(A - y).",
            lambda X, y, W, b: (X.T @ _error(X, y, W, b), float(_error(X, y, W, b).sum()))),
    Mistake("dW is {n} times too large: you summed over the samples. The loss is a mean, so divide "
            "by n: dW = X.T @ (A - y) / n.",
            lambda X, y, W, b: (X.T @ _error(X, y, W, b), float(_error(X, y, W, b).mean()))),
    Mistake("dW is right, but db is {n} times too large: np.sum(A - y) where the mean belongs. "
            "Use db = np.mean(A - y).",
            lambda X, y, W, b: (_mean_blame(X, _error(X, y, W, b))[0], float(_error(X, y, W, b).sum()))),
    Mistake("dW is right but db is 0: the bias is not included. Its gradient is np.mean(A - y).",
            lambda X, y, W, b: (_mean_blame(X, _error(X, y, W, b))[0], 0.0)),
    Mistake("you left the bias out of the forward pass: A = sigmoid(X @ W + b), not sigmoid(X @ W) "
            "(here b = {b}). Use nn.forward_perceptron(X, W, b).",
            lambda X, y, W, b: _mean_blame(X, _error(X, y, W, 0.0))),
    Mistake("you turned the labels into -1/+1 (2y - 1). BCE and its gradient use the 0/1 labels as "
            "they are: the error is A - y, with y in {0, 1}.",
            lambda X, y, W, b: _mean_blame(X, _error(X, 2 * y - 1, W, b))),
    Mistake("both gradients are {n} times too small: you divided by n twice (np.mean already divides). "
            "dW = X.T @ (A - y) / n and db = np.mean(A - y).",
            lambda X, y, W, b: _mean_blame(X, _error(X, y, W, b) / len(y))),
    Mistake("you used Z = XW + b where the probabilities A = sigmoid(Z) belong: the error is A - y.",
            lambda X, y, W, b: _mean_blame(X, X @ W + b - y.reshape(-1, 1))),
    Mistake("you multiplied by the sigmoid's slope A (1 - A). With BCE that factor cancels: "
            "dL/dZ = A - y exactly, so dW = X.T @ (A - y) / n.",
            lambda X, y, W, b: _mean_blame(X, _error(X, y, W, b) * _slope(X, W, b))),
)


def read_gradients(out: Any, X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float,
                   flat_ok: bool = False) -> tuple[np.ndarray, float]:
    """``(dW, db)`` flat, or ``Wrong`` naming what is wrong with their shapes (a flat dW only if ``flat_ok``)."""
    n, d = X.shape
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong("bce_gradients should return two things, the pair (dW, db).")
    dW, db = as_float_array(out[0]), as_float_array(out[1])
    if dW is None or db is None or dW.size == 0:
        raise Wrong("dW and db should be numbers or arrays of numbers.")
    if dW.size == 1 and db.size == d:
        raise Wrong(f"the first thing returned is one number and the second has {d} entries: you returned "
                    "(db, dW), the other way round. Return dW first: return dW, db.")
    if dW.shape in ((d, n), (n, n)) or db.shape == (n, n):
        raise Wrong(f"dW has shape {dW.shape}, W has shape {W.shape}: A of shape (n, 1) minus y of shape (n,) "
                    "broadcast into an (n, n) matrix. Flatten or reshape one of them first, "
                    "e.g. A - y.reshape(-1, 1), so that A - y has shape (n, 1).")
    if dW.shape == (1, d):
        raise Wrong(f"dW has shape {dW.shape}, the transpose of W's shape {W.shape}. "
                    "Use X.T @ (A - y), which is (d, n) @ (n, 1) = (d, 1).")
    if dW.shape == (d,) and not flat_ok:
        raise Wrong(f"dW has shape {dW.shape}, but it must have the shape of W, {W.shape}: otherwise "
                    f"W - lr * dW broadcasts into a {d} x {d} matrix. Keep A as the (n, 1) column that "
                    "forward_perceptron returns and match y to it: error = A - y.reshape(-1, 1).")
    if dW.size != d:
        raise Wrong(f"dW has shape {dW.shape}, but it needs one entry per weight: shape {W.shape}.")
    if db.size != 1:
        raise Wrong(f"db has shape {db.shape}; the bias is one number, so its gradient is one number: "
                    "the mean of A - y over the samples.")
    return dW.ravel(), float(db.reshape(-1)[0])


def gradients_otherwise(got: tuple[np.ndarray, float], want: tuple[np.ndarray, Any], case: tuple, n: int) -> str:
    """The hint when no row of GRAD_MISTAKES matches both parts: a row whose dW alone matches (db right, or
    wrong in another way), else what can still be said from the numbers alone."""
    (dW, db), want_W, want_b = got, np.ravel(want[0]), float(np.ravel(want[1])[0])
    if close(dW, want_W):
        return f"dW is right but db is not: db = mean(A - y) = {fmt4(want_b)}, got {fmt4(db)}."
    message = spot([got], [case], GRAD_MISTAKES, same=lambda g, t: close(g[0], t[0]), n=n, b=case[3])
    if message:
        return message
    with np.errstate(all="ignore"):
        scale = float(dW @ want_W / (want_W @ want_W))
    if scale != 0 and close(dW, scale * want_W) and close(db, scale * want_b):
        return (f"both gradients are {scale:g} times the right ones: a factor such as the learning rate went "
                "into them. bce_gradients returns the plain derivative of the loss; the step (Exercise 4.3) is "
                "what multiplies by lr.")
    return (f"for the check's data dW should be {np.round(want_W, 4).tolist()} and db {fmt4(want_b)}, "
            f"got {np.round(dW, 4).tolist()} and {fmt4(db)}. Build it in steps: A = sigmoid(X @ W + b), "
            "the error A - y, then dW = X.T @ error / n and db = the mean error.")


def _explain_matmul(exc: BaseException) -> str | None:
    if isinstance(exc, ValueError) and "matmul" in str(exc):
        n, d = GRAD_X.shape
        return (f"a matrix product got shapes that do not fit ({exc}). Here X is {GRAD_X.shape}, W {GRAD_W.shape} "
                f"and the error A - y ({n}, 1); the gradient X.T @ (A - y) is ({d}, {n}) @ ({n}, 1) = ({d}, 1), "
                "the shape of W.")
    return None


def exercise_4_2(bce_gradients: Callable[..., Any]) -> None:
    """Check ``bce_gradients(X, y, W, b)`` -> ``(dW, db)`` for sigmoid + BCE."""
    ex = "4.2"
    (n, d), (want_W, want_b) = GRAD_X.shape, gradients(*GRAD_CASES[0])
    return check_function(ex, bce_gradients, "bce_gradients", GRAD_CASES, read_gradients, gradients, GRAD_MISTAKES,
                          floats=True, explain=_explain_matmul, fill={"n": n, "b": GRAD_B}, insight=(
        f"On the check's own data (n = {n}, d = {d}) you get dW = X^T (A - y) / n = "
        f"{np.round(want_W.ravel(), 4).tolist()} and db = mean(A - y) = {want_b:.4f}. The error A - y is weighted "
        "by each input: a feature that is 0 for a sample gets no blame for it, and the bias, whose input is always "
        "1, gets the mean error."), otherwise=lambda i, g, w: gradients_otherwise(g, w, GRAD_CASES[i], n))


# ---- exercise 4.3: gd_step(W, b, dW, db, lr) ---------------------------------------

#: (W, b, dW, db, lr). Learning rates other than 1 (and different from each other),
#: so that "lr twice" (lr**2) and "lr not applied" (1) both change the result.
STEP_CASES = (
    (np.array([[0.5], [-0.3]]), 0.1, np.array([[0.2], [-0.4]]), 0.3, 0.5),
    (np.array([[1.0], [2.0]]), -1.0, np.array([[-0.6], [0.8]]), -0.5, 0.1),
)


def step_right(W: np.ndarray, b: float, dW: np.ndarray, db: float, lr: float) -> tuple[np.ndarray, float]:
    return W - lr * dW, b - lr * db


STEP_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the update goes uphill: the sign is reversed. The gradient points towards a larger loss, so subtract "
            "it: W - lr * dW.", lambda W, b, dW, db, lr: (W + lr * dW, b + lr * db)),
    Mistake("the step is lr times too small: the learning rate was applied twice (lr * lr * dW). Apply it once.",
            lambda W, b, dW, db, lr: (W - lr * lr * dW, b - lr * lr * db)),
    Mistake("the step ignores the learning rate: it moved by the whole gradient. Scale the gradient: W - lr * dW.",
            lambda W, b, dW, db, lr: (W - dW, b - db)),
    Mistake("the weights move but the bias does not: update the bias too, b - lr * db.",
            lambda W, b, dW, db, lr: (W - lr * dW, b)),
    Mistake("the bias was updated with dW. It has its own gradient: b - lr * db.",
            lambda W, b, dW, db, lr: (W - lr * dW, b - lr * float(np.mean(dW)))),
)


def _read_step(out: Any, W: np.ndarray, *rest: Any) -> tuple[np.ndarray, float]:
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong("gd_step should return two things, the pair (W_new, b_new).")
    Wn, bn = as_float_array(out[0]), as_float_array(out[1])
    if Wn is not None and bn is not None and Wn.size == 1 and bn.shape == W.shape:
        raise Wrong("you returned (b_new, W_new), the other way round. Return them in the order gd_step "
                    "receives them: return W_new, b_new.")
    if Wn is None or bn is None or bn.size != 1:
        raise Wrong("W_new should be an array like W and b_new a single number.")
    d = W.shape[0]
    if Wn.shape == (d, d):
        raise Wrong(f"W_new has shape {Wn.shape}, but W has shape {W.shape}: a flat ({d},) array met the "
                    f"({d}, 1) column and broadcast into a {d} x {d} matrix. Use W and dW as they come: "
                    "W - lr * dW.")
    if Wn.shape != W.shape:
        raise Wrong(f"W_new has shape {Wn.shape}, but W has shape {W.shape}; the update keeps the shape.")
    return Wn, float(bn.reshape(-1)[0])


def exercise_4_3(gd_step: Callable[..., Any]) -> None:
    """Check ``gd_step(W, b, dW, db, lr)`` -> ``(W - lr dW, b - lr db)``."""
    ex = "4.3"
    if not_a_function(ex, gd_step, "gd_step"):
        return None
    passed_in = [(W.copy(), b, dW.copy(), db, lr) for W, b, dW, db, lr in STEP_CASES]  # a change in place shows
    got = answers(ex, gd_step, passed_in, _read_step, copy=False)
    if got is None:
        return None
    right = [step_right(*case) for case in STEP_CASES]
    if all(close(g, r) for g, r in zip(got, right)) and any(
            not np.array_equal(mine[0], case[0]) for mine, case in zip(passed_in, STEP_CASES)):
        return hint(ex, "the numbers are right, but your function also changed the W that was passed in "
                        "(W -= ... works in place). Return a new array, W - lr * dW, so the caller's W is kept.")
    (W, b, dW, db, lr), (Wr, br) = STEP_CASES[0], right[0]
    return judge(ex, got, STEP_CASES, step_right, STEP_MISTAKES, insight=(
        f"With lr = {lr:g} each parameter moves lr times its gradient, against its sign: "
        f"W {W.ravel().tolist()} -> {np.round(Wr.ravel(), 4).tolist()}. "
        "nnlib.gradient_descent repeats exactly this step, once per mini-batch."), otherwise=lambda i, g, w: (
        f"for W = {W.ravel().tolist()}, b = {b:g}, dW = {dW.ravel().tolist()}, db = {db:g}, lr = {lr:g} "
        f"the step gives W = {np.round(Wr.ravel(), 4).tolist()}, b = {br:.4g}, but yours gave "
        f"W = {np.round(got[0][0].ravel(), 4).tolist()}, b = {got[0][1]:g}."))


# ---- exercises 4.4, 4.5, 4.6: the blog's exercises 1, 2 and 4 ---------------------

_KEYS = ("W", "b", "lr", "num_epochs", "batch_size")
#: Names a learner may reach for, and gradient_descent's keyword argument for each.
_KEY_ALIASES = {"epochs": "num_epochs", "n_epochs": "num_epochs", "learning_rate": "lr", "eta": "lr",
                "batch": "batch_size", "w": "W", "bias": "b", "B": "b"}


def _check_labels(ex: str, y: Any, y_true: np.ndarray, what: str,
                  near_misses: dict[str, np.ndarray]) -> np.ndarray | None:
    """The learner's labels as a flat float vector, or None after printing a hint."""
    message = diagnose_labels(y)
    if message:
        hint(ex, message.replace("this perceptron uses 0/1 labels (the step function outputs 0 or 1)",
                                 "binary cross-entropy needs 0/1 labels (it compares them with probabilities "
                                 "in [0, 1])"))
        return None
    arr = as_float_array(y)
    if arr is None:
        hint(ex, f"the labels should be an array of 0s and 1s, got {type(y).__name__}.")
        return None
    n = y_true.size
    if arr.shape == (n, n):
        hint(ex, f"the labels have shape {arr.shape}: an (n,) array met an (n, 1) array and broadcast into an "
                 "n x n matrix. Give one label per row of X, shape (n,).")
        return None
    if arr.size != n or arr.ndim > 2 or (arr.ndim == 2 and 1 not in arr.shape):
        hint(ex, f"{what} needs one label per row of X ({n} labels), got shape {arr.shape}.")
        return None
    arr = arr.ravel()
    if set(np.unique(arr).tolist()) == {-1.0, 0.0, 1.0}:
        hint(ex, "your labels are -1, 0 and 1, as np.sign gives (0 where the sum is exactly 0). Binary "
                 "cross-entropy needs 0/1 labels: use a comparison, (... > 0).astype(int), not np.sign.")
        return None
    if not np.all((arr == 0) | (arr == 1)):
        hint(ex, f"labels must be 0 or 1, got the values {sorted(set(np.round(arr, 4).tolist()))}.")
        return None
    if np.array_equal(arr, y_true):
        return arr
    for message, labels in near_misses.items():
        if np.array_equal(arr, labels):
            hint(ex, message)
            return None
    if np.array_equal(arr, 1 - y_true):
        hint(ex, "every label is flipped: class 1 should be where the rule is true.")
        return None
    wrong = int(np.sum(arr != y_true))
    hint(ex, f"{wrong} of the {n} labels are wrong for {what}.")
    return None


def _check_settings(ex: str, settings: Any, want: dict[str, Any], d: int) -> bool:
    """True if ``settings`` holds the blog's settings for this exercise; else print a hint."""
    if not isinstance(settings, dict):
        hint(ex, f"the settings should be a dict of gradient_descent's keyword arguments, e.g. "
                 f"dict(W=np.zeros(({d}, 1)), b=0.0, lr=..., num_epochs=..., batch_size=...); "
                 f"got a {type(settings).__name__}.")
        return False
    for alias, key in _KEY_ALIASES.items():
        if alias in settings and key not in settings:
            hint(ex, f"the key is {key}, not {alias}: the settings are passed to gradient_descent as keyword "
                     f"arguments, and its argument is called {key}.")
            return False
    missing = [k for k in _KEYS if k not in settings]
    if missing:
        hint(ex, f"the settings miss {', '.join(missing)}: give all of {', '.join(_KEYS)}.")
        return False
    extra = sorted(set(settings) - set(_KEYS))
    if extra:
        hint(ex, f"the settings have extra key(s) {', '.join(map(str, extra))}. Give only {', '.join(_KEYS)}: "
                 "the loss (BCE) and activation (sigmoid) are gradient_descent's defaults.")
        return False
    W, b = as_float_array(settings["W"]), as_float_array(settings["b"])
    message = None
    if W is None or W.ndim == 0:
        message = f"W should be an array of shape ({d}, 1), one weight per input feature: np.zeros(({d}, 1))."
    elif W.shape == (d,):
        message = f"W has shape ({d},): use np.zeros(({d}, 1)), the blog's (d, 1) column, one row per input feature."
    elif W.shape == (1, d):
        message = f"W has shape (1, {d}), a row: use np.zeros(({d}, 1)), the blog's (d, 1) column."
    elif W.size == d + 1:
        message = (f"W has {d + 1} entries, but X has {d} features: here the bias is b, a separate number, so W is "
                   f"np.zeros(({d}, 1)) and b = 0.0.")
    elif W.shape != (d, 1):
        message = f"W has shape {W.shape}; it should have shape ({d}, 1), one weight per input feature."
    elif b is None:
        message = f"b should be one number, b = 0.0, got a {type(settings['b']).__name__}."
    elif b.size != 1:
        message = f"b should be one number, b = 0.0, got an array of shape {b.shape}."
    if message:
        hint(ex, message)
        return False
    if np.any(W != 0) or np.any(b != 0):
        hint(ex, "the blog's exercises start from zero: W = np.zeros((2, 1)) and b = 0.0.")
        return False
    for key in ("lr", "num_epochs", "batch_size"):
        got = settings[key]
        if isinstance(got, bool) or not isinstance(got, (int, float, np.integer, np.floating)):
            hint(ex, f"{key} should be a number, got {type(got).__name__} {got!r}.")
            return False
        if not np.isclose(float(got), want[key]):
            why = {"lr": "the learning rate", "num_epochs": "passes over the data",
                   "batch_size": "samples per update"}[key]
            hint(ex, f"{key} ({why}) should be {want[key]:g} in this exercise, got {got!r}.")
            return False
    return True


def _train_and_report(ex: str, X: np.ndarray, y: np.ndarray, settings: dict[str, Any], extra: str) -> None:
    try:
        W, b, history = gradient_descent(X, y, **settings)
    except (ValueError, TypeError, TrainingDiverged) as exc:  # cannot happen after the checks; stay kind anyway
        return hint(ex, f"training with these settings failed: {exc}")
    A = np.asarray(forward_perceptron(X, W, b)).ravel()
    accuracy = float(np.mean((A >= 0.5) == y))
    tail = extra.format(A=A, W=np.ravel(W), b=float(np.ravel(b)[0]))
    return passed(ex, f"Trained: accuracy {accuracy:.0%}, final loss {history[-1]:.4f}. {tail}")


def _gate_exercise(ex: str, gate: str, y: Any, settings: Any, extra: str) -> None:
    if is_unanswered(y, settings):
        return not_answered(ex)
    X, y_true = logic_gate(gate)
    near = {f"these are the labels of {other}, not {gate}.": np.array(GATES[other], float)
            for other in GATES if other != gate}
    labels = _check_labels(ex, y, y_true.astype(float), f"the {gate} gate", near)
    if labels is None:
        return None
    if not _check_settings(ex, settings, {"lr": 0.1, "num_epochs": 500, "batch_size": 4}, 2):
        return None
    return _train_and_report(ex, X, labels, settings, extra)


def exercise_4_4(y_and: Any, settings_and: Any) -> None:
    """Check the AND labels (0/1, truth-table order) and the blog's settings: lr 0.1, 500 epochs, batch 4, zeros."""
    return _gate_exercise("4.4", "AND", y_and, settings_and,
                          "Only (1, 1) gets a probability above 0.5 ({A[3]:.2f}); with n = 4 a batch of 4 is "
                          "full-batch gradient descent, so no shuffling is involved and the run is exactly repeatable.")


def exercise_4_5(y_or: Any, settings_or: Any) -> None:
    """Check the OR labels and the same settings as exercise 4.4."""
    X, y_and = logic_gate("AND")
    _, b_and, _ = gradient_descent(X, y_and, np.zeros((2, 1)), 0.0, lr=0.1, num_epochs=500, batch_size=4)
    return _gate_exercise("4.5", "OR", y_or, settings_or,
                          "(0, 0) is the only point below 0.5 ({A[0]:.2f}). OR's bias, {b:.2f}, is much closer to 0 "
                          f"than AND's ({b_and:.2f} with the same settings): for OR one active input must be enough.")


def exercise_4_6(y_grid: Any, settings_grid: Any) -> None:
    """Check the grid labels (1 where i + j > 0) and the settings lr 0.1, 200 epochs, batch 5, zeros."""
    ex = "4.6"
    if is_unanswered(y_grid, settings_grid):
        return not_answered(ex)
    X, y_true = grid_dataset()
    s = X.sum(axis=1)
    near = {
        "the points on the diagonal i + j = 0 are labelled 1. The rule is i + j > 0 (strictly), "
        "so (-1, 1), (0, 0), ... are class 0.": (s >= 0).astype(float),
        "you labelled by i alone (the first column). The rule uses the sum of both coordinates: "
        "X.sum(axis=1) > 0.": (X[:, 0] > 0).astype(float),
        "you labelled by j alone (the second column). The rule uses the sum of both coordinates: "
        "X.sum(axis=1) > 0.": (X[:, 1] > 0).astype(float),
    }
    labels = _check_labels(ex, y_grid, y_true.astype(float), "the 25-point grid", near)
    if labels is None:
        return None
    if not isinstance(y_grid, np.ndarray):
        return hint(ex, f"the labels are right, but y_grid is a Python {type(y_grid).__name__}, and the cells "
                        "below use NumPy's methods on it (y_grid.sum()). Make it an array: "
                        "y_grid = np.array(...), or build it with a comparison, (X_grid.sum(axis=1) > 0).astype(int).")
    if not _check_settings(ex, settings_grid, {"lr": 0.1, "num_epochs": 200, "batch_size": 5}, 2):
        return None
    return _train_and_report(ex, X, labels, settings_grid,
                             "The weights come out nearly equal (w1 = {W[0]:.2f}, w2 = {W[1]:.2f}), as the "
                             "symmetric rule i + j > 0 suggests; the mini-batches are shuffled with seed 0.")
