"""Answer checks for notebook 05 (the XOR failure).

- ``exercise_5_1(W_half)``: predict, then run: ``[b, w1, w2]`` after 100 epochs of Rosenblatt's rule on XOR
  from zero weights with lr = 0.5.
- ``exercise_5_2(first_repeat)``: extend: ``first_repeat(history)`` -> the first row ``t`` of a weight
  history that equals an earlier row.
- ``exercise_5_3(grads0)``: derive on paper: ``[[dw1, dw2, db] on XOR, [dw1, dw2, db] on AND]``, the mean
  BCE gradient of a sigmoid neuron at ``W = 0``, ``b = 0``.
- ``exercise_5_4(line_accuracy)``: ``line_accuracy(X, y, W, b)`` -> the fraction of points that the line
  classifies right (class 1 where ``X W + b > 0``).
- ``exercise_5_5(W_best, b_best)``: the best line for XOR the learner can find (3 of the 4 points).
- ``exercise_5_6(W_lift)``: derive on paper: ``[b, w1, w2, w3]`` of a step neuron on ``[x1, x2, x1*x2]``
  that computes XOR.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import Perceptron, forward_perceptron, gradients
from nnlib.data import logic_gate
from ._core import (Mistake, Wrong, WrongValue, check_function, check_value, hint, number_from,
                    passed, weights_and_bias)

__all__ = ["exercise_5_1", "exercise_5_2", "exercise_5_3", "exercise_5_4", "exercise_5_5", "exercise_5_6",
           "HALF_RIGHT", "HALF_WRONG", "REPEAT_CASES", "REPEAT_MISTAKES", "first_repeat_right", "GRADS0_RIGHT",
           "GRADS0_WRONG", "ACC_CASES", "ACC_MISTAKES", "line_accuracy_right", "TABLES", "VALUE_TABLES"]

_X_XOR, _Y_XOR = logic_gate("XOR")


# ---- exercise 5.1: predict W after 100 epochs with lr = 0.5 ---------------------------

#: [b, w1, w2] after 100 epochs on XOR from zero weights with lr = 0.5 (computed with nnlib)
HALF_RIGHT = Perceptron(input_size=2, lr=0.5, epochs=100).fit(_X_XOR, _Y_XOR).W.copy()
_W_ONE = Perceptron(input_size=2, lr=1.0, epochs=100).fit(_X_XOR, _Y_XOR).W.copy()
_W_HALF_EPOCH1 = Perceptron(input_size=2, lr=0.5, epochs=1).fit(_X_XOR, _Y_XOR).W.copy()

HALF_WRONG: tuple[WrongValue, ...] = (
    WrongValue("that is W for lr = 1. From zero weights every update is lr * e * [1, x1, x2], so with lr = 0.5 "
               "every step is half as long: W is half of lr = 1's W at every point of training (notebook 3).",
               _W_ONE),
    WrongValue("a smaller learning rate makes the steps shorter, not longer: from zero weights W for lr = 0.5 "
               "is 0.5 times W for lr = 1, not 2 times.", 2 * _W_ONE),
    WrongValue("the weights do not stop at zero: every epoch on XOR makes mistakes and moves them. A smaller "
               "learning rate does not make the rule converge.", np.zeros(3)),
    WrongValue("that is W after the first epoch. From epoch 2 on, every epoch ends on the same W: which one?",
               _W_HALF_EPOCH1),
    WrongValue("right numbers, wrong order: W is [b, w1, w2], the bias first.", np.r_[HALF_RIGHT[1:], HALF_RIGHT[0]]),
)


def exercise_5_1(W_half: Any) -> None:
    """Check the prediction ``W_half`` = [b, w1, w2] after 100 epochs on XOR from zero weights with lr = 0.5."""
    return check_value("5.1", W_half, HALF_RIGHT, HALF_WRONG, insight=(
        "From zero weights every update with lr = 0.5 is half the update with lr = 1, so W is halved all the way: "
        "every z keeps its sign, so the same mistakes, the same cycle, half-size weights."),
        otherwise=(f"with lr = 1 the weights end at W = {np.round(_W_ONE, 4).tolist()}. From zero weights, how "
                   "does every update with lr = 0.5 compare with the one for lr = 1?"))


# ---- exercise 5.2: the first repeated row of a weight history -------------------------

def first_repeat_right(history: Any) -> int:
    """The first row ``t`` of ``history`` equal to some earlier row ``s < t``."""
    H = np.asarray(history, dtype=float)
    for t in range(len(H)):
        if any(np.array_equal(H[t], H[s]) for s in range(t)):
            return t
    raise ValueError("no row repeats an earlier one")


def _earlier(history: Any) -> int:
    H = np.asarray(history, dtype=float)
    t = first_repeat_right(H)
    return next(s for s in range(t) if np.array_equal(H[t], H[s]))


def _in_array(history: Any) -> int:
    H = np.asarray(history, dtype=float)
    return next(t for t in range(len(H)) if H[t] in H[:t])


def _history(p: Perceptron) -> np.ndarray:
    return p.W_history_[:12].copy()


#: (history,) cases: XOR from zero (repeats at 3, the cycle starts at 2), XOR from seed 1 (the same positions,
#: other weights), a hand-made history with a cycle of 2 epochs, and one that comes back to its start.
REPEAT_CASES: tuple[tuple[np.ndarray], ...] = (
    (_history(Perceptron(input_size=2, epochs=20).fit(_X_XOR, _Y_XOR)),),
    (np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 1.0], [0.0, 1.0, 1.0],
               [1.0, 1.0, 1.0]]),),
    (np.array([[0.0, 0.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 0.0]]),),
    (_history(Perceptron(input_size=2, epochs=20, init="random", seed=2).fit(_X_XOR, _Y_XOR)),),
)

REPEAT_MISTAKES: tuple[Mistake, ...] = (
    Mistake("you returned the earlier epoch s, the one that gets repeated. Return t, the first epoch whose weights "
            "equal those of an epoch before it.", _earlier),
    Mistake("one too many: row 0 is the start (before any epoch) and row t is epoch t, so return the row index t.",
            lambda H: first_repeat_right(H) + 1),
    Mistake("you returned the length of the cycle, t - s. Return the epoch t itself.",
            lambda H: first_repeat_right(H) - _earlier(H)),
    Mistake("you returned t - 1, the row just before the repeat. Return t itself, the first row whose weights "
            "equal those of an earlier row.", lambda H: first_repeat_right(H) - 1),
    Mistake("your test is True as soon as one number of row t matches (`(a == b).any()`, or `row in array`, "
            "which works the same way). Compare whole rows: np.array_equal(history[t], history[s]).", _in_array),
)


#: What a None from first_repeat usually means: its loop found nothing, because it compared only neighbours.
NO_REPEAT_FOUND = ("first_repeat returned None: it found no repeat, but every history here has one. Compare each "
                   "row t with every earlier row s < t (two loops), not only with row t - 1: in a cycle the "
                   "repeated row is several rows back. (Or the return line is missing.)")


def _read_epoch(out: Any, history: Any) -> float:
    if isinstance(out, (bool, np.bool_)):
        raise Wrong("first_repeat returned True or False; return the epoch t, a whole number.")
    return number_from(out, "first_repeat returned a {type}; return one whole number, the epoch t.",
                       "first_repeat returned an array of shape {shape}; return one whole number, the epoch t "
                       "(the row index), not the row itself.")


def _explain_repeat(exc: BaseException) -> str | None:
    if isinstance(exc, ValueError) and "truth value of an array" in str(exc):
        return ("a == b on two rows gives one True/False per entry, and `if` cannot decide on several. "
                "Compare whole rows with np.array_equal(history[t], history[s]).")
    return None


def _repeat_otherwise(i: int, got: float, want: int) -> str:
    H = REPEAT_CASES[i][0]
    s = _earlier(H)
    rows = np.round(H[:want + 1], 4).tolist()
    return (f"for the history {rows} (one row per epoch, row 0 the start) your function returned {got:g}, but "
            f"row {want} is the first to equal an earlier one (row {s}). Compare each row t with every earlier "
            "row s < t, not only with row t - 1, and return t.")


def exercise_5_2(first_repeat: Callable[..., Any]) -> None:
    """Check ``first_repeat(history)`` -> the first row that equals an earlier row."""
    return check_function("5.2", first_repeat, "first_repeat", REPEAT_CASES, _read_epoch, first_repeat_right,
                          REPEAT_MISTAKES, explain=_explain_repeat, otherwise=_repeat_otherwise,
                          none=NO_REPEAT_FOUND, insight=(
        "An epoch depends only on the weights it starts from, so once the end-of-epoch W repeats, everything "
        "repeats: the cycle starts at the earlier epoch s and lasts t - s epochs."))


# ---- exercise 5.3: the gradient at zero, on XOR and on AND, by hand -----------------------

def _grad_row(gate: str) -> np.ndarray:
    X, y = logic_gate(gate)
    dW, db = gradients(X, y.astype(float), np.zeros((2, 1)), 0.0)
    return np.r_[dW.ravel(), db]


#: [[dw1, dw2, db] on XOR, [dw1, dw2, db] on AND] at W = 0, b = 0 (computed with nnlib)
GRADS0_RIGHT = np.array([_grad_row("XOR"), _grad_row("AND")])
_DB_AND = float(GRADS0_RIGHT[1, 2])

GRADS0_WRONG: tuple[WrongValue, ...] = (
    WrongValue("the sign of AND's db is reversed: the error is A - y (prediction minus label), +0.5 at the three "
               "class-0 points and -0.5 at (1, 1). y - A points downhill; the gradient points uphill.",
               GRADS0_RIGHT * [[1, 1, 1], [1, 1, -1]]),
    WrongValue("AND's db is the sum of the four errors, not their mean: the loss is the mean over the n = 4 points, "
               "so the gradient divides by 4.", GRADS0_RIGHT * [[1, 1, 1], [1, 1, 4]]),
    WrongValue("AND's db is the sum with the sign reversed: the error is A - y, and the mean BCE divides the sum "
               "by n = 4.", GRADS0_RIGHT * [[1, 1, 1], [1, 1, -4]]),
    WrongValue("you multiplied by the sigmoid's slope at 0, 0.25. With BCE that factor cancels: dL/dz = A - y.",
               GRADS0_RIGHT * 0.25),
    WrongValue("AND's errors do not cancel: A - y = [+0.5, +0.5, +0.5, -0.5] at (0,0), (0,1), (1,0), (1,1). "
               "Their mean, db, is not 0.", GRADS0_RIGHT * [[1, 1, 1], [1, 1, 0]]),
    WrongValue("every error must keep its sign: A - y is +0.5 where y = 0 and -0.5 where y = 1. You used +0.5 "
               "(A, or |A - y|) at every point, so nothing could cancel.",
               np.array([[0.25, 0.25, 0.5], [0.25, 0.25, 0.5]])),
    WrongValue("every error must keep its sign (A - y is +0.5 where y = 0, -0.5 where y = 1), and the mean BCE "
               "divides by n = 4: you summed +0.5 at every point.", np.array([[1.0, 1.0, 2.0], [1.0, 1.0, 2.0]])),
    WrongValue("you used -0.5 at every point (as if every label were 1). A - y is +0.5 where y = 0 and -0.5 "
               "where y = 1.", np.array([[-0.25, -0.25, -0.5], [-0.25, -0.25, -0.5]])),
    WrongValue("the rows are swapped: first XOR, then AND.", GRADS0_RIGHT[::-1]),
    WrongValue("each row is [dw1, dw2, db]: the bias gradient comes last.", GRADS0_RIGHT[:, [2, 0, 1]]),
)


def exercise_5_3(grads0: Any) -> None:
    """Check ``grads0`` = [[dw1, dw2, db] on XOR, [dw1, dw2, db] on AND] at W = 0, b = 0."""
    return check_value("5.3", grads0, GRADS0_RIGHT, GRADS0_WRONG, insight=(
        f"At zero every A is 0.5. On XOR each column of X meets one +0.5 and one -0.5, and the four errors add to "
        f"0: the gradient is exactly zero, so no learning rate moves W. On AND three errors are +0.5, so "
        f"db = {_DB_AND:g} and training starts."),
        otherwise=("work it out point by point: A = 0.5 everywhere, the error A - y at each of the four points, "
                   "then dw1 = mean(error * x1), dw2 = mean(error * x2), db = mean(error), for each gate."))


# ---- exercise 5.4: the accuracy of a line --------------------------------------------

#: (X, y, W, b). No point lies on its line (z != 0), so the conventions z > 0 and
#: z >= 0 agree. The labels are unbalanced in two cases, so that an (n, n)
#: broadcast does not happen to give the right number.
_X5 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0]])
ACC_CASES: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, float], ...] = (
    (logic_gate("XOR")[0], np.array([0.0, 1.0, 1.0, 0.0]), np.array([[1.0], [1.0]]), -0.5),   # OR's line: 3/4
    (_X5, np.array([0.0, 0.0, 1.0, 1.0, 1.0]), np.array([[1.0], [-0.5]]), -0.25),             # 4/5
    (logic_gate("AND")[0], np.array([0.0, 0.0, 0.0, 1.0]), np.array([[1.0], [1.0]]), -1.5),   # 4/4
    (logic_gate("XOR")[0], np.array([0.0, 1.0, 1.0, 0.0]), np.array([[1.0], [1.0]]), -1.0),   # z = 0 twice: 1/4
)


def line_accuracy_right(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: float) -> float:
    """The fraction of rows where ``sigmoid(X W + b) > 0.5``, i.e. ``X W + b > 0``, equals the label."""
    return float(np.mean((forward_perceptron(X, W.ravel(), b) > 0.5) == y))


ACC_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the predictions of shape (n, 1) met y of shape (n,) and broadcast into an (n, n) matrix, so the mean "
            "is over n * n pairs of points. Flatten the predictions first: (X @ W + b).ravel() > 0.",
            lambda X, y, W, b: np.mean((X @ W + b > 0) == y)),
    Mistake("you returned the number of right points ({got}), not the fraction: divide by n (or use np.mean).",
            lambda X, y, W, b: np.sum((X @ W.ravel() + b > 0) == y)),
    Mistake("you returned a percentage ({got}); return a fraction between 0 and 1.",
            lambda X, y, W, b: 100 * np.mean((X @ W.ravel() + b > 0) == y)),
    Mistake("your classes are the wrong way round: class 1 is where X @ W + b > 0 "
            "(where sigmoid(X @ W + b) > 0.5), not < 0.",
            lambda X, y, W, b: np.mean((X @ W.ravel() + b < 0) == y)),
    Mistake("a point exactly on the line (z = 0) is class 0 here, since sigmoid(0) = 0.5 is not > 0.5: "
            "use z > 0, not z >= 0.", lambda X, y, W, b: np.mean((X @ W.ravel() + b >= 0) == y)),
    Mistake("your answer is what the line would get with b = 0: the bias is not included. Use z = X @ W + b.",
            lambda X, y, W, b: np.mean((X @ W.ravel() > 0) == y)),
)


def _read_accuracy(out: Any, X: np.ndarray, y: np.ndarray, *rest: Any) -> float:
    return number_from(out, "line_accuracy returned a {type}; it should return one number between 0 and 1.",
                       "the result is an array of shape {shape}, one entry per point. Return a single number: the "
                       "mean of the right/wrong array (np.mean).",
                       square="the result has shape {shape}: the predictions of shape (n, 1) met y of shape (n,) "
                       "and broadcast into an (n, n) matrix. Flatten first (.ravel()), then take the mean.", n=len(y))


def _accuracy_trace(i: int, got: float, want: float) -> str:
    X, y, W, b = ACC_CASES[i]
    return (f"for X = {X.tolist()}, y = {y.tolist()}, W = {W.ravel().tolist()}, b = {b:g} the accuracy is "
            f"{want:g} but your function returned {got:g}. Compute z = X @ W + b, the predictions z > 0, "
            "compare them with y and take the mean.")


def exercise_5_4(line_accuracy: Callable[..., Any]) -> None:
    """Check ``line_accuracy(X, y, W, b)``: the fraction of rows where ``(X W + b > 0)`` equals ``y``."""
    ex = "5.4"
    return check_function(ex, line_accuracy, "line_accuracy, ...", ACC_CASES, _read_accuracy, line_accuracy_right,
                          ACC_MISTAKES, otherwise=_accuracy_trace, insight=(
        "Use it in Exercise 5.5 to score the lines you try: line_accuracy(X_xor, y_xor, W, b)."))


# ---- exercise 5.5: a best line for XOR ------------------------------------------------

_CORNERS = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")


def exercise_5_5(W_best: Any, b_best: Any) -> None:
    """Check a line (``W``: 2 weights, ``b``: one number) that gets 3 of the 4 XOR points right (z > 0 is class 1)."""
    ex = "5.5"
    given = weights_and_bias(ex, W_best, b_best, "W_best should be an array of 2 weights and b_best one number.")
    if given is None:
        return None
    W, b = given
    if W.size == 3 and b.size == 1:
        return hint(ex, "W_best has 3 entries: give only the 2 feature weights in W_best and the bias on its "
                        "own in b_best (the sigmoid model keeps them apart).")
    if W.size != 2:
        return hint(ex, f"W_best should hold 2 weights, one per input (shape (2, 1) or (2,)), got shape {W.shape}.")
    if b.size != 1:
        return hint(ex, f"b_best should be one number, got shape {b.shape}.")
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        return hint(ex, "the weights and bias should be finite numbers.")
    X, y = logic_gate("XOR")
    w, b = W.ravel(), float(b.reshape(-1)[0])
    if not np.any(w):
        return hint(ex, "with W = 0 every point gets the same z = b, so all four land on one side: 2 of 4 right. "
                        + ("That (with b = 0) is exactly the BCE optimum" if b == 0 else
                           "W = 0 with b = 0 is the BCE optimum") + "; a best line needs non-zero weights.")
    Z = X @ w + b
    on_line = [c for c, z in zip(_CORNERS, Z) if z == 0]
    if on_line:
        return hint(ex, f"your line passes exactly through {', '.join(on_line)} (z = 0 there), so that point sits on "
                        "the knife edge between the classes. Shift b a little so that no point lies on the line.")
    right = (Z > 0).astype(int) == y
    k = int(right.sum())
    if k == 3:
        wrong = _CORNERS[int(np.flatnonzero(~right)[0])]
        return passed(ex, f"Your line gets 3 of 4; only {wrong} is on the wrong side. Every best line puts one "
                          "corner on its own side, with that corner's XOR label, and then the opposite corner is "
                          "its one mistake (OR, NAND, x1 AND NOT x2, x2 AND NOT x1). Can any line get 4? The next cell "
                          "tries every labeling.")
    if k == 1:
        return hint(ex, "your line gets only 1 of 4 right, so it is the right line with the classes swapped: "
                        "multiply W_best and b_best by -1 and it gets 3.")
    return hint(ex, f"your line gets {k} of 4 right. Sketch the square: a line can cut off one corner on its own "
                    "side; which corner, and on which side of the line should the other three be?")


# ---- exercise 5.6: XOR by one step neuron on [x1, x2, x1*x2], by hand -------------------

def exercise_5_6(W_lift: Any) -> None:
    """Check ``W_lift`` = [b, w1, w2, w3]: step(b + w1 x1 + w2 x2 + w3 x1 x2) must be XOR at the four corners."""
    ex = "5.6"
    given = weights_and_bias(ex, W_lift, 0.0, "W_lift should be 4 numbers [b, w1, w2, w3].")
    if given is None:
        return None
    W = given[0].ravel()
    if isinstance(W_lift, str) or W.dtype == bool:
        return hint(ex, "W_lift should be 4 numbers [b, w1, w2, w3].")
    if W.size == 3:
        return hint(ex, "you gave 3 numbers: the lifted neuron has a bias and three weights, [b, w1, w2, w3]; "
                        "w3 multiplies the new input x1 * x2.")
    if W.size != 4:
        return hint(ex, f"W_lift should be 4 numbers [b, w1, w2, w3], got {W.size}.")
    if not np.all(np.isfinite(W)):
        return hint(ex, "the weights should be finite numbers.")
    F = np.column_stack([np.ones(4), _X_XOR, _X_XOR[:, 0] * _X_XOR[:, 1]])    # [1, x1, x2, x1 x2]
    out = (F @ W >= 0).astype(int)                                            # step(0) = 1
    if np.array_equal(out, _Y_XOR):
        return passed(ex, "At (1, 1) the x1 x2 term adds w3 < 0 and pulls z below 0, which no line can do. In the "
                          "plane of (x1, x2) the boundary b + w1 x1 + w2 x2 + w3 x1 x2 = 0 is a curve.")
    if W[3] == 0:
        return hint(ex, "with w3 = 0 the neuron is a line again, and no line computes XOR: give x1 * x2 a weight.")
    if np.array_equal((F @ np.r_[W[3], W[:3]] >= 0).astype(int), _Y_XOR):
        return hint(ex, "right numbers, wrong order: W_lift is [b, w1, w2, w3], the bias first.")
    if np.array_equal(out, 1 - _Y_XOR):
        return hint(ex, "every corner comes out wrong: your neuron computes XNOR. Flip the signs, and mind the "
                        "corners where z = 0 (step(0) = 1).")
    z_text = ("b", "b + w2", "b + w1", "b + w1 + w2 + w3")
    names = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")
    k = int(np.flatnonzero(out != _Y_XOR)[0])
    z = float(F[k] @ W)
    need = "below 0" if _Y_XOR[k] == 0 else "0 or more"
    tie = " (z = 0 counts as class 1: step(0) = 1)" if z == 0 else ""
    return hint(ex, f"at {names[k]} z = {z_text[k]} = {z:g}{tie}, but XOR is {_Y_XOR[k]} there, so z must be "
                    f"{need}.")


#: Function exercises, fed to their checks by tests/test_checks_tables.py:
#: {exercise: (check, table, right, cases, arguments after the function, names in the hints)}
TABLES = {
    "5.2": (exercise_5_2, REPEAT_MISTAKES, first_repeat_right, REPEAT_CASES, (), {}),
    "5.4": (exercise_5_4, ACC_MISTAKES, line_accuracy_right, ACC_CASES, (), {}),
}
#: Value exercises: {exercise: (check, the right value, its table of WrongValue rows)}
VALUE_TABLES = {
    "5.1": (exercise_5_1, HALF_RIGHT, HALF_WRONG),
    "5.3": (exercise_5_3, GRADS0_RIGHT, GRADS0_WRONG),
}
