"""Answer checks for notebook 04 (the sigmoid + binary cross-entropy perceptron).

- ``exercise_4_1(bce_loss)``: ``bce_loss(A, y)`` -> the mean binary cross-entropy, a float.
- ``exercise_4_2(bce_gradients)``: ``bce_gradients(X, y, W, b)`` -> ``(dW, db)``.
- ``exercise_4_3(gd_step)``: ``gd_step(W, b, dW, db, lr)`` -> ``(W_new, b_new)``, one update.
- ``exercise_4_4(faster_gate)``: predict which gate, AND or OR, reaches 100% accuracy first.
- ``exercise_4_5(first_gradient)``: derive ``[dw1, dw2, db]`` on OR at zero weights.
- ``exercise_4_6(crossing)``: predict where the grid's learned line crosses, ``i + j = crossing``.
- ``exercise_4_7(p_both)``: derive the trained AND neuron's probability at (1, 1) from the log-odds.
- ``exercise_4_8(tanh_gradients)``: ``tanh_gradients(X, s, W, b)`` -> ``(dW, db)`` for a tanh neuron.
- ``exercise_4_9(norm_after)``: predict whether ``|W|`` grows, stays or shrinks after 100% accuracy.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from functools import lru_cache

from nnlib.data import grid_dataset, logic_gate
from nnlib import binary_cross_entropy, forward_perceptron, gradient_descent, gradients, sigmoid
from ._core import (Mistake, Wrong, WrongValue, answers, as_float_array, check_function, check_value, close, fmt4,
                    hint, judge, not_a_function, spot)

__all__ = ["exercise_4_1", "exercise_4_2", "exercise_4_3", "exercise_4_4", "exercise_4_5", "exercise_4_6",
           "exercise_4_7", "exercise_4_8", "exercise_4_9", "TABLES", "VALUE_TABLES", "TANH_CASES", "TANH_MISTAKES",
           "tanh_right", "BCE_CASES", "BCE_MISTAKES", "GRAD_CASES", "GRAD_MISTAKES", "STEP_CASES", "STEP_MISTAKES",
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


# ---- exercises 4.4 to 4.9: the blog's runs as questions, log-odds, tanh, after 100% ----

#: The blog's settings for AND and OR: zero start, lr 0.1, 500 epochs, one batch of all four rows.
GATE_RUN = dict(lr=0.1, num_epochs=500, batch_size=4)


@lru_cache(maxsize=None)
def gate_run(gate: str) -> tuple[np.ndarray, float, np.ndarray, int]:
    """``(W, b, losses, first epoch at 100% accuracy)`` of the blog's run on ``gate``, epoch by epoch."""
    X, y = logic_gate(gate)
    W, b, first, losses = np.zeros((2, 1)), 0.0, 0, []
    for epoch in range(1, GATE_RUN["num_epochs"] + 1):
        W, b, history = gradient_descent(X, y, W, b, lr=GATE_RUN["lr"], num_epochs=1,
                                         batch_size=GATE_RUN["batch_size"])
        losses.append(history[-1])
        if not first and np.all((forward_perceptron(X, W, b).ravel() >= 0.5) == y):
            first = epoch
    return W, float(b), np.array(losses), first


def _first_below(losses: np.ndarray, level: float) -> int:
    return int(np.argmax(losses < level)) + 1


def faster_gate() -> str:
    """The gate whose blog run is 100% right first."""
    return min(("AND", "OR"), key=lambda g: gate_run(g)[3])


def _faster_insight() -> str:
    (_, _, l_and, e_and), (_, _, l_or, e_or) = gate_run("AND"), gate_run("OR")
    return (f"AND is 100% right from epoch {e_and}, OR only from epoch {e_or}, although OR's loss is lower at "
            f"every epoch (below 0.3 at epoch {_first_below(l_or, 0.3)}, AND's at {_first_below(l_and, 0.3)}): "
            "the loss rewards confidence on every point, accuracy only asks which side each point is on.")


FASTER_TABLE = (
    WrongValue("OR's loss does fall faster, but accuracy waits for the last wrong point. OR has three labels 1 "
               "and one 0, so at first its bias grows (Exercise 4.5 shows why) and (0, 0) stays on the wrong "
               "side for a long time. Look at the epochs the run printed.", "OR"),
    WrongValue("they do not tie: the run printed a different first epoch at 100% for each gate.", "same"),
)


def exercise_4_4(faster_gate_answer: Any) -> None:
    """Check the prediction of the gate that reaches 100% accuracy first: "AND" or "OR"."""
    return check_value("4.4", faster_gate_answer, faster_gate(), FASTER_TABLE, _faster_insight(),
                       "answer 'AND' or 'OR', the gate whose run is 100% right first.")


def first_gradient_or() -> np.ndarray:
    """``[dw1, dw2, db]`` of BCE on OR at W = 0, b = 0."""
    X, y = logic_gate("OR")
    dW, db = gradients(X, y, np.zeros((2, 1)), 0.0)
    return np.array([*np.ravel(dW), db])


def _or_at_zero(labels: Any, factor: float = 1.0, mean: bool = True) -> np.ndarray:
    """``[dw1, dw2, db]`` built from the error ``factor * (0.5 - labels)`` on OR's inputs: a learner's slip."""
    X, _ = logic_gate("OR")
    r = factor * (0.5 - np.asarray(labels, dtype=float))
    total = np.array([*(X.T @ r), r.sum()])
    return total / len(r) if mean else total


FIRST_GRADIENT_TABLE = (
    WrongValue("every sign is flipped: the error is A - y (here 0.5 - y), not y - A.", -_or_at_zero([0, 1, 1, 1])),
    WrongValue("these are 4 times too large: you summed over the four rows. The loss is a mean, so divide by n = 4.",
               _or_at_zero([0, 1, 1, 1], mean=False)),
    WrongValue("you multiplied by the sigmoid's slope a(1 - a) = 0.25. With BCE it cancels: dl/dz = a - y.",
               _or_at_zero([0, 1, 1, 1], factor=0.25)),
    WrongValue("these are AND's labels (0, 0, 0, 1); OR's are 0, 1, 1, 1.", _or_at_zero([0, 0, 0, 1])),
    WrongValue("db should not be 0: it is the mean of A - y with the 0/1 labels (did you use -1/+1 labels, or "
               "leave the bias out?).", _or_at_zero([-1, 1, 1, 1])),
    WrongValue("that is the first step, -lr times the gradient, not the gradient itself.",
               -GATE_RUN["lr"] * _or_at_zero([0, 1, 1, 1])),
)


def exercise_4_5(first_gradient: Any) -> None:
    """Check ``[dw1, dw2, db]`` on OR at zero weights and bias."""
    right = first_gradient_or()
    _, b_or, _, e_or = gate_run("OR")
    return check_value("4.5", first_gradient, right, FIRST_GRADIENT_TABLE, (
        f"dw1 = dw2 = {right[0]:g}: OR looks the same with x1 and x2 swapped, so from w1 = w2 every step keeps "
        f"them equal. db = {right[2]:g} < 0, so the first steps raise b above 0 and (0, 0) is predicted 1 until "
        f"b turns negative, at epoch {e_or}: that is why OR is late to 100%."),
        "at W = 0, b = 0 every A is 0.5; the error A - y is 0.5 for (0, 0) and -0.5 for the others. "
        "dw_j = mean of x_j times the error, db = mean of the error.")


def grid_run() -> tuple[np.ndarray, float]:
    """The blog's grid run (exercise 4): zero start, lr 0.1, 200 epochs, batch size 5."""
    X, y = grid_dataset()
    W, b, _ = gradient_descent(X, y, np.zeros((2, 1)), 0.0, lr=0.1, num_epochs=200, batch_size=5)
    return W, float(b)


def grid_crossing() -> float:
    """Where the grid's learned line crosses, ``i + j = c``, to one decimal."""
    W, b = grid_run()
    return round(-b / float(np.mean(W)), 1)


CROSSING_TABLE = (
    WrongValue("the line i + j = 0 passes through the five class-0 points on it (the rule is i + j > 0, strictly), "
               "so they would sit on the boundary, not on their side of it.", 0.0),
    WrongValue("the line i + j = 1 passes through the four class-1 points on it; the loss pushes the line away "
               "from them too.", 1.0),
    WrongValue("the sign is flipped: the class-1 points are those with i + j > 0.", -0.5),
)


def exercise_4_6(crossing: Any) -> None:
    """Check the prediction of the grid's learned line, ``i + j = crossing``."""
    return check_value("4.6", crossing, grid_crossing(), CROSSING_TABLE, (
        "The closest points of the two classes lie on i + j = 0 and i + j = 1, and the loss pushes the line away "
        "from both, so it settles about halfway."), "look at the closest points of each class: class 0 on i + j = 0, "
        "class 1 on i + j = 1. Where between them would the loss put the line?", atol=0.05)


def and_neuron() -> tuple[float, float, float, float]:
    """The blog's AND neuron: ``(w1, P(y = 1) at (0, 1), log-odds at (1, 1), P(y = 1) at (1, 1))``."""
    W, b, _, _ = gate_run("AND")
    z01, z11 = float(W[1, 0] + b), float(W[0, 0] + W[1, 0] + b)
    return float(W[0, 0]), float(sigmoid(z01)), z11, float(sigmoid(z11))


def _p_both_table() -> tuple[WrongValue, ...]:
    w1, p01, z11, p11 = and_neuron()
    return (
        WrongValue("you multiplied the probability by e^w1; e^w1 multiplies the odds p / (1 - p). "
                   "Go through the log-odds: z = log(p / (1 - p)), add w1, then p = sigmoid(z).", p01 * np.exp(w1)),
        WrongValue("you added w1 to the probability; w1 adds to the log-odds z = log(p / (1 - p)).", p01 + w1),
        WrongValue("that is the odds p / (1 - p) at (1, 1); the probability is odds / (1 + odds).", float(np.exp(z11))),
        WrongValue("that is the log-odds z at (1, 1); the probability is sigmoid(z).", z11),
        WrongValue("that is sigmoid(w1), which forgets where you started: add w1 to the log-odds of (0, 1).",
                   float(sigmoid(w1))),
    )


def exercise_4_7(p_both: Any) -> None:
    """Check the AND neuron's P(y = 1) at (1, 1), derived from its P at (0, 1) and w1."""
    w1, p01, z11, p11 = and_neuron()
    return check_value("4.7", p_both, p11, _p_both_table(), (
        f"Turning x1 on adds w1 = {w1:.4f} to the log-odds and multiplies the odds by e^w1 = {np.exp(w1):.2f}: "
        f"from {p01 / (1 - p01):.4f} to {np.exp(z11):.4f}, a probability of {p11:.4f}."),
        f"start from p = {p01:.4f} at (0, 1): its log-odds log(p / (1 - p)), plus w1 = {w1:.4f}, then "
        "sigmoid of the sum.", atol=1e-3)


#: (X, s, W, b) with labels s in {-1, +1}: notebook 4.2's data, its labels moved to -1/+1.
TANH_CASES = ((GRAD_X, 2 * GRAD_Y - 1, GRAD_W, GRAD_B),)


def _tanh_blame(X: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, float]:
    r = r.reshape(-1, 1)
    return X.T @ r / len(r), float(r.mean())


def tanh_right(X: np.ndarray, s: np.ndarray, W: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    """The BCE gradients of the tanh neuron, p = (1 + tanh z) / 2 against y = (1 + s) / 2: error tanh(z) - s."""
    return _tanh_blame(X, np.tanh(X @ W + b).ravel() - s)


TANH_MISTAKES: tuple[Mistake, ...] = (
    Mistake("both gradients are half the right ones: p = sigmoid(2z), so the chain rule brings a factor 2, "
            "dl/dz = 2 (p - y) = tanh(z) - s.", lambda X, s, W, b: _tanh_blame(X, (np.tanh(X @ W + b).ravel() - s) / 2)),
    Mistake("both gradients have the wrong sign: the error is tanh(z) - s, prediction minus label.",
            lambda X, s, W, b: _tanh_blame(X, s - np.tanh(X @ W + b).ravel())),
    Mistake("you multiplied by tanh's slope 1 - tanh(z)^2. With this loss it cancels, as the sigmoid's did: "
            "the error is tanh(z) - s.",
            lambda X, s, W, b: _tanh_blame(X, (np.tanh(X @ W + b).ravel() - s) * (1 - np.tanh(X @ W + b).ravel() ** 2))),
    Mistake("you compared tanh(z) with the 0/1 labels (1 + s) / 2. tanh runs from -1 to 1, so compare it with "
            "s itself: tanh(z) - s.", lambda X, s, W, b: _tanh_blame(X, np.tanh(X @ W + b).ravel() - (1 + s) / 2)),
    Mistake("you used the sigmoid where tanh belongs: the error is tanh(z) - s (np.tanh).",
            lambda X, s, W, b: _tanh_blame(X, sigmoid(X @ W + b).ravel() - (1 + s) / 2)),
    Mistake("both gradients are {n} times too large: you summed over the samples; divide by n (np.mean).",
            lambda X, s, W, b: tuple(len(s) * np.asarray(g) for g in tanh_right(X, s, W, b))),
)


def _read_tanh(out: Any, X: np.ndarray, s: np.ndarray, W: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    try:
        return read_gradients(out, X, s, W, b)
    except Wrong as wrong:
        raise Wrong(str(wrong).replace("bce_gradients", "tanh_gradients")) from None


def exercise_4_8(tanh_gradients: Callable[..., Any]) -> None:
    """Check ``tanh_gradients(X, s, W, b)`` -> ``(dW, db)``: error tanh(XW + b) - s, labels s in {-1, +1}."""
    ex, case = "4.8", TANH_CASES[0]
    n = len(case[1])
    return check_function(ex, tanh_gradients, "tanh_gradients", TANH_CASES, _read_tanh, tanh_right, TANH_MISTAKES,
                          floats=True, explain=lambda exc: (_explain_matmul(exc) or "").replace(
                              "A - y", "tanh(z) - s") or None, fill={"n": n}, insight=(
        "The error is tanh(z) - s, the same form as the sigmoid's a - y. Since tanh(z) = 2 sigmoid(2z) - 1, "
        "its probability (1 + tanh z) / 2 is that of a sigmoid neuron with every weight doubled."), otherwise=lambda i, g, w: (
        f"for the check's data dW should be {np.round(np.ravel(w[0]), 4).tolist()} and db {fmt4(w[1])}, got "
        f"{np.round(g[0], 4).tolist()} and {fmt4(g[1])}. Work out dl/dz with p = sigmoid(2z) and the "
        "sigmoid's dl/d(2z) = p - y."))


def norm_after() -> str:
    """Whether |W| grows, stays or shrinks on AND from the first epoch at 100% to epoch 4000 (lr 0.1, zero start)."""
    X, y = logic_gate("AND")
    W1, b1, _, first = gate_run("AND")
    W0, _, _ = gradient_descent(X, y, np.zeros((2, 1)), 0.0, lr=0.1, num_epochs=first, batch_size=4)
    W4, _, _ = gradient_descent(X, y, np.zeros((2, 1)), 0.0, lr=0.1, num_epochs=4000, batch_size=4)
    grow = float(np.linalg.norm(W4) - np.linalg.norm(W0))
    return "grows" if grow > 0 else "shrinks" if grow < 0 else "stays"


NORM_TABLE = (
    WrongValue("that is the step rule, which stops at the first epoch without mistakes. BCE still charges each "
               "right point -log A > 0, and only z = infinity brings that to 0, so the gradient never vanishes.",
               "stays"),
    WrongValue("the loss falls by making the model more confident, and a larger |W| makes |z| larger on every "
               "point: the weights grow.", "shrinks"),
)


def exercise_4_9(norm_answer: Any) -> None:
    """Check the prediction "grows", "stays" or "shrinks" for |W| on AND after 100% accuracy."""
    return check_value("4.9", norm_answer, norm_after(), NORM_TABLE, (
        "A probability of exactly 1 needs z = infinity, so on separable data the loss never reaches 0: the "
        "weights keep growing and the line keeps moving."), "answer 'grows', 'stays' or 'shrinks'.")


TABLES = {"4.8": (exercise_4_8, TANH_MISTAKES, tanh_right, TANH_CASES, (), {"n": len(TANH_CASES[0][1])})}
VALUE_TABLES = {
    "4.4": (exercise_4_4, faster_gate(), FASTER_TABLE),
    "4.5": (exercise_4_5, first_gradient_or(), FIRST_GRADIENT_TABLE),
    "4.6": (exercise_4_6, grid_crossing(), CROSSING_TABLE),
    "4.7": (exercise_4_7, and_neuron()[3], _p_both_table()),
    "4.9": (exercise_4_9, norm_after(), NORM_TABLE),
}
