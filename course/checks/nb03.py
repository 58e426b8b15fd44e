"""Answer checks for notebook 03 (Rosenblatt's learning rule).

- ``exercise_3_1(update)``: ``update(W, x, y, lr)`` -> the weights after one step of
  the rule, for ``W`` (d + 1,) bias first, one sample ``x`` (d,), its 0/1 label ``y``.
- ``exercise_3_2(train_perceptron, W_or)``: ``train_perceptron(X, y, lr, epochs)`` ->
  ``W`` after ``epochs`` passes over the rows in order from zero weights, and
  ``W_or``, its result on the OR gate with ``lr=1, epochs=10``.
- ``exercise_3_3(novikoff_bound)``: ``novikoff_bound(X, y, W_sep)`` -> ``(R / gamma)**2``
  for the inputs ``[1, x]`` and the unit vector ``W_sep / ||W_sep||``.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.

The checks recognise a typical mistake by running the mistaken rule on the same
cases as the learner's code and comparing the answers. Every case uses numbers
that binary floating point stores exactly (halves, quarters, small integers),
so a correct answer matches whatever order the learner adds in.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import Perceptron, step
from nnlib.data import logic_gate
from ._core import (Mistake, Wrong, answers, as_float_array, check_function, close, hint, is_stub, is_unanswered,
                    mismatched_sizes, not_a_function, number_from, passed, run_learner, spot)
from ._reference import rosenblatt_update

__all__ = ["exercise_3_1", "exercise_3_2", "exercise_3_3", "UPDATE_CASES", "UPDATE_MISTAKES", "TRAIN_CASES",
           "TRAIN_MISTAKES", "BOUND_CASES", "BOUND_MISTAKES", "ABS_PROBE", "ABS_MISTAKE", "trained"]


def _ext(x: np.ndarray) -> np.ndarray:
    """``[1, x]``: the constant bias input in front (what ``np.insert(x, 0, 1)`` gives, faster)."""
    return np.concatenate(([1.0], x))


# ---- exercise 3.1: update(W, x, d, lr) -----------------------------------------------

#: (W, x, d, lr) cases for exercise 3.1, W bias first. Together they tell every typical
#: mistake below apart: a missed 1 (excite), a false alarm (inhibit), a correct answer
#: (no change), z = 0 exactly with d = 0 (step(0) = 1 is a mistake), and lr != 1.
UPDATE_CASES: tuple[tuple[np.ndarray, np.ndarray, int, float], ...] = tuple(
    (np.array(W, float), np.array(x, float), d, lr) for W, x, d, lr in (
        ((-1.0, 0.5, 0.25), (1.0, 1.0), 1, 0.5),     # z = -0.25 -> y = 0, d = 1: excite
        ((0.5, 1.0, -1.0), (1.0, 0.5), 0, 2.0),      # z = 1     -> y = 1, d = 0: inhibit
        ((0.0, 0.0, 0.0), (0.0, 1.0), 0, 0.5),       # z = 0     -> y = 1, d = 0: inhibit (the start of training)
        ((-0.5, 1.0, 1.0), (1.0, 0.0), 1, 2.0),      # z = 0.5   -> y = 1, d = 1: no change
        ((2.0, -1.0, -2.0), (1.0, 1.0), 0, 0.25),    # z = -1    -> y = 0, d = 0: no change
        ((-2.0, 1.0, 0.5), (0.5, 1.0), 1, 4.0),      # z = -1    -> y = 0, d = 1: excite
    ))

UPDATE_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the update goes the wrong way: with e = y - y_hat (label minus prediction) the rule ADDS lr * e * x. "
            "You subtracted it, or computed e = y_hat - y, so a neuron that should have fired is inhibited.",
            lambda W, x, d, lr: W - lr * (d - step(W @ _ext(x))) * _ext(x)),
    Mistake("the feature weights are right but the bias never changes. The bias is W[0], the weight of the "
            "constant input x0 = 1, so it gets lr * e * 1: update W with lr * e * np.insert(x, 0, 1).",
            lambda W, x, d, lr: W + lr * (d - step(W @ _ext(x))) * np.insert(x, 0, 0.0)),
    Mistake("the step has lr * lr in it: the learning rate was applied twice (for example once in e and once "
            "in the update). Use W + lr * e * x_ext with e = y - y_hat.",
            lambda W, x, d, lr: W + lr * lr * (d - step(W @ _ext(x))) * _ext(x)),
    Mistake("the step ignores lr: the learning rate was not applied. Multiply the step by it: W + lr * e * x_ext.",
            lambda W, x, d, lr: W + (d - step(W @ _ext(x))) * _ext(x)),
    Mistake("your prediction is -1 on the silent side (like np.sign). This perceptron's outputs and labels are "
            "0/1: y_hat = 1 if z >= 0 else 0, so e = y - y_hat is 0, +1 or -1 and a correct answer changes nothing.",
            lambda W, x, d, lr: W + lr * (d - (1 if W @ _ext(x) >= 0 else -1)) * _ext(x)),
    Mistake("you switched to -1/+1 labels (2y - 1) and np.sign as the activation. This perceptron uses 0/1 "
            "labels and the step y_hat = 1 if z >= 0 else 0; np.sign(0) is 0, and the error y - y_hat can then be 2. "
            "Keep y as 0/1 and use e = y - step(z).",
            lambda W, x, d, lr: W + lr * ((2 * d - 1) - np.sign(W @ _ext(x))) * _ext(x)),
    Mistake("you turned the label into -1/+1 (2y - 1), but the step still outputs 0/1, so e = y - y_hat is -1 "
            "even when a class-0 sample is classified right (y_hat = 0) and W keeps moving. This perceptron "
            "uses 0/1 labels and 0/1 outputs: keep y as it is, e = y - y_hat.",
            lambda W, x, d, lr: W + lr * ((2 * d - 1) - step(W @ _ext(x))) * _ext(x)),
    Mistake("your z leaves out the bias: z = W[1:] @ x ignores W[0], so the bias never affects the "
            "prediction. z is W @ x_ext with x_ext = np.insert(x, 0, 1) (bias input x0 = 1 first).",
            lambda W, x, d, lr: W + lr * (d - step(W[1:] @ x)) * _ext(x)),
    Mistake("almost: at z = 0 exactly the neuron fires (step(0) = 1), so a point on the boundary with y = 0 is a "
            "mistake and must be corrected. Use z >= 0, not z > 0. (This matters at the start, when W = 0.)",
            lambda W, x, d, lr: W + lr * (d - int(W @ _ext(x) > 0)) * _ext(x)),
    Mistake("you added lr * y * x, the label itself, instead of the error e = y - y_hat. Compute y_hat = step(z) first; "
            "when y_hat == y the error is 0 and W must not change.",
            lambda W, x, d, lr: W + lr * d * _ext(x)),
    Mistake("you used y - z (the raw pre-activation) as the error. That is the ADALINE / delta rule. Rosenblatt's "
            "rule passes z through the step first: y_hat = step(z), e = y - y_hat, which is 0, +1 or -1.",
            lambda W, x, d, lr: W + lr * (d - W @ _ext(x)) * _ext(x)),
    Mistake("you put the constant 1 at the end of x. In this series the bias comes first, W = [b, w1, w2], "
            "so the constant input goes in front: np.insert(x, 0, 1).",
            lambda W, x, d, lr: W + lr * (d - step(W @ np.append(x, 1))) * np.append(x, 1)),
)


def _explain_update_error(exc: BaseException) -> str | None:
    """A mismatch of 3 and 2 entries: x was not extended with the bias input."""
    if mismatched_sizes(exc) in ((2, 3), (3, 2)):
        return ("W has 3 entries (bias first) but x has 2: extend x with np.insert(x, 0, 1) (x0 = 1 is the bias "
                "input), then z = W @ x_ext.")
    return None


def _read_weights(out: Any, *case: Any) -> np.ndarray:
    arr = as_float_array(out)
    if arr is None:
        raise Wrong(f"update returned a {type(out).__name__}; it should return the new weights, an array "
                    "of 3 numbers [b, w1, w2].")
    if arr.size == 2:
        raise Wrong("update returned 2 numbers: the bias is missing. Return all of W, bias first: "
                    "W + lr * e * np.insert(x, 0, 1).")
    if arr.size == 1:
        raise Wrong("update returned a single number. Return the whole new weight vector W (3 numbers), "
                    "not the error or the prediction.")
    if arr.size != 3:
        raise Wrong(f"update returned an array of shape {arr.shape}; it should have the shape of W, (3,). "
                    "Did a (3,) array meet a (3, 1) one?")
    return arr.ravel()


def _update_trace(i: int, got: np.ndarray, want: np.ndarray) -> str:
    W, x, d, lr = UPDATE_CASES[i]
    z = W @ _ext(x)
    return (f"for W = {W.tolist()}, x = {x.tolist()}, y = {d}, lr = {lr}: z = {z:g}, so y_hat = {step(z)} and "
            f"e = {d - step(z)}; the new W is {want.tolist()}, but your function returned {got.tolist()}.")


def exercise_3_1(update: Callable[..., Any]) -> None:
    """Check ``update(W, x, d, lr)`` -> ``W + lr * (d - step(W . [1, x])) * [1, x]``."""
    ex = "3.1"
    return check_function(ex, update, "update", UPDATE_CASES, _read_weights, rosenblatt_update, UPDATE_MISTAKES,
                          floats=True, explain=_explain_update_error, otherwise=_update_trace, insight=(
        "A missed 1 pushes W towards x (excite), a false alarm pushes it away (inhibit), a right answer leaves it "
        "alone. From W = 0 the first AND sample (0, 0) is already a mistake, because step(0) = 1: W becomes "
        "[-lr, 0, 0]."))


# ---- exercise 3.2: train_perceptron(X, d, lr, epochs) and W_or ---------------------

def train_right(X: np.ndarray, d: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """nnlib's Perceptron from zero weights, the rows in order: what train_perceptron must return."""
    return Perceptron(input_size=X.shape[1], lr=lr, epochs=epochs).fit(X, d).W


def trained(update: Callable[..., np.ndarray]) -> Callable[[np.ndarray, np.ndarray, float, int], np.ndarray]:
    """train_perceptron written around ``update``: from zero weights, ``epochs`` passes over the rows in order."""
    def train(X: np.ndarray, d: np.ndarray, lr: float, epochs: int) -> np.ndarray:
        W = np.zeros(X.shape[1] + 1)
        for _ in range(epochs):
            for x, target in zip(X, d):
                W = update(W, x, target, lr)
        return W
    return train


_X_SMALL = np.array([[0.5, 1.5], [2.0, 0.5], [-1.0, -0.5], [1.0, -1.5], [-0.5, 1.0]])
_D_SMALL = np.array([1, 1, 0, 0, 1])

#: (name, X, d, lr, epochs) for exercise 3.2. AND after 2 epochs and XOR (which never
#: converges) after 1 tell whether the loop runs exactly ``epochs`` passes.
TRAIN_CASES: tuple[tuple[str, np.ndarray, np.ndarray, float, int], ...] = (
    ("AND", *logic_gate("AND"), 1.0, 10),
    ("OR", *logic_gate("OR"), 0.5, 10),
    ("NAND", *logic_gate("NAND"), 2.0, 10),
    ("AND", *logic_gate("AND"), 1.0, 2),
    ("XOR", *logic_gate("XOR"), 1.0, 1),
    ("five points", _X_SMALL, _D_SMALL, 0.5, 6),
)
_TRAIN_ARGS = tuple((X, d, lr, epochs) for _, X, d, lr, epochs in TRAIN_CASES)

#: Each mistake of the update, inside a right loop, and the mistakes of the loop itself.
TRAIN_MISTAKES: tuple[Mistake, ...] = (
    Mistake("train_perceptron returned the starting weights, all zeros: W never changed. update returns "
            "a new array and leaves its input alone, so keep what it returns: W = update(W, x, target, lr).",
            lambda X, d, lr, epochs: np.zeros(X.shape[1] + 1)),
    *(Mistake(row.hint, trained(row.answer)) for row in UPDATE_MISTAKES),
    Mistake("your loop runs one pass too many: `epochs` passes means `for epoch in range(epochs)`. "
            "(Once a gate has converged an extra pass changes nothing, but before that it does.)",
            lambda X, d, lr, epochs: train_right(X, d, lr, epochs + 1)),
    Mistake("your loop runs one pass too few: `epochs` passes means `for epoch in range(epochs)`.",
            lambda X, d, lr, epochs: train_right(X, d, lr, epochs - 1) if epochs > 1 else np.zeros(X.shape[1] + 1)),
    Mistake("your function stops after the first pass over the rows: is `return W` indented inside the "
            "epoch loop? Put it after the loop, level with `for epoch in ...`.",
            lambda X, d, lr, epochs: train_right(X, d, lr, 1)),
)
_LR_MISTAKES = (UPDATE_MISTAKES[2].hint, UPDATE_MISTAKES[3].hint)  # lr applied twice, lr not applied


def _update_used_by(train_perceptron: Callable) -> Callable | None:
    """The learner's ``update`` that ``train_perceptron`` calls (from the namespace it was defined in), or None."""
    code = getattr(train_perceptron, "__code__", None)
    namespace = getattr(train_perceptron, "__globals__", None)
    if code is None or not isinstance(namespace, dict) or "update" not in code.co_names:
        return None
    update = namespace.get("update")
    return update if callable(update) else None


def _update_returns_nothing(update: Callable) -> bool:
    result, exc, _ = run_learner(update, np.zeros(3), np.array([0.0, 1.0]), 0, 1.0)
    return isinstance(exc, NotImplementedError) or (exc is None and is_unanswered(result))


def _update_is_right(update: Callable) -> bool:
    for case in UPDATE_CASES:
        result, exc, _ = run_learner(update, *case)
        arr = as_float_array(result) if exc is None else None
        if arr is None or arr.size != 3 or not np.allclose(arr.ravel(), rosenblatt_update(*case)):
            return False
    return True


def _explain_train_error(train_perceptron: Callable) -> Callable[[BaseException], str | None]:
    """Name the mistake behind an error in train_perceptron: weights and inputs of different lengths."""
    def explain(exc: BaseException) -> str | None:
        sizes = set(mismatched_sizes(exc) or ())
        if sizes == {2, 3}:
            update = _update_used_by(train_perceptron)
            if update is not None and _update_is_right(update):
                return ("W has 2 entries, but update needs 3, the bias first: start from "
                        "W = np.zeros(X.shape[1] + 1), one weight per input plus the bias.")
            return ("weights and inputs of different lengths met (2 and 3 entries). W needs one weight per input "
                    "plus the bias, W = np.zeros(X.shape[1] + 1), and each x needs the bias input in front, "
                    "np.insert(x, 0, 1), as in Exercise 3.1.")
        if sizes == {1, 3}:
            return ("a (3, 1) column met a flat vector: start from a flat W = np.zeros(X.shape[1] + 1), shape (3,), "
                    "as update expects.")
        return None
    return explain


def _read_trained(out: Any, X: np.ndarray, *rest: Any) -> np.ndarray:
    arr = as_float_array(out)
    if arr is None or arr.size == 0:
        raise Wrong(f"train_perceptron returned a {type(out).__name__}; it should return the weights, an "
                    "array of 3 numbers [b, w1, w2].")
    if arr.size != X.shape[1] + 1:
        short = (" The weight vector is one entry short: the bias is missing. Fold it in as W[0] with a constant "
                 "input x0 = 1 (np.insert(x, 0, 1)).") if arr.size == X.shape[1] else ""
        name = next(name for name, X_case, *_ in TRAIN_CASES if X_case is X)
        raise Wrong(f"on {name} train_perceptron returned {arr.size} number(s); it should return W with "
                    f"{X.shape[1] + 1} entries, bias first.{short}")
    return arr.ravel()


def _diagnose_W_or(W_or: np.ndarray, W_right: np.ndarray) -> str:
    """Why W_or differs from train_perceptron's result on OR with lr=1 and epochs=10."""
    X_or, d_or = logic_gate("OR")
    if np.allclose(W_or, trained(UPDATE_MISTAKES[6].answer)(X_or, d_or, 1.0, 10)):  # -1/+1 targets
        return (f"train_perceptron works, but W_or = {W_or.tolist()} comes from -1/+1 labels (2 * y_or - 1). "
                "Pass y_or itself: this perceptron learns from 0/1 labels.")
    if np.allclose(W_or, train_right(*logic_gate("AND"), 1.0, 10)):
        return f"train_perceptron works, but W_or = {W_or.tolist()} is the AND result. Train on OR: X_or, y_or."
    scale = float(W_or @ W_right / (W_right @ W_right))
    if scale > 0 and np.allclose(W_or, scale * W_right):
        return (f"train_perceptron works, but W_or = {W_or.tolist()} is {scale:g} times OR's result "
                f"{W_right.tolist()}: it was trained with lr = {scale:g}. Use lr=1.")
    for k in range(1, 10):
        W_k = train_right(X_or, d_or, 1.0, k)
        if np.allclose(W_or, W_k) and not np.allclose(W_k, W_right):
            return f"train_perceptron works, but W_or = {W_or.tolist()} is OR after {k} epoch(s). Use epochs=10."
    return (f"train_perceptron works, but W_or = {W_or.tolist()} is not its result on OR with lr = 1 and "
            f"epochs = 10 (that is {W_right.tolist()}). Check that you passed X_or, y_or, lr=1, epochs=10.")


def _train_trace(i: int, got: np.ndarray, want: np.ndarray) -> str:
    name, _, _, lr, epochs = TRAIN_CASES[i]
    return (f"the check also runs train_perceptron on other data than OR. On {name} with lr = {lr} and "
            f"epochs = {epochs}, starting from W = 0 and visiting the rows "
            f"in order, the weights end at {want.tolist()}, but your function returned "
            f"{got.tolist()}. Print W after every update and compare with a hand trace.")


def exercise_3_2(train_perceptron: Callable[..., Any], W_or: Any) -> None:
    """Check ``train_perceptron(X, d, lr, epochs)`` and its result ``W_or`` on OR (lr=1, epochs=10).

    ``train_perceptron`` is judged first: when it raises in the notebook, the cell
    stops before ``W_or = ...``, and its error, not the missing ``W_or``, is what
    the learner needs to hear about.
    """
    ex = "3.2"
    if not_a_function(ex, train_perceptron, "train_perceptron, W_or"):
        return None
    update = _update_used_by(train_perceptron)
    if update is not None and not is_stub(train_perceptron) and _update_returns_nothing(update):
        if is_stub(update):
            return hint(ex, "train_perceptron calls update, which is still ... from Exercise 3.1 and returns None. "
                            "Write update first (until checks.exercise_3_1(update) passes), then run this cell again.")
        return hint(ex, "train_perceptron calls update, which returns None: its return line is missing "
                        "(Exercise 3.1), so W becomes None after the first step. Return the new W there.")
    got = answers(ex, train_perceptron, [(X, d.copy(), lr, epochs) for X, d, lr, epochs in _TRAIN_ARGS],
                  _read_trained, floats=True, explain=_explain_train_error(train_perceptron))
    if got is None:
        return None
    want = [train_right(*args) for args in _TRAIN_ARGS]
    if not all(close(g, w) for g, w in zip(got, want)):
        message = spot(got, _TRAIN_ARGS, TRAIN_MISTAKES)
        if message in _LR_MISTAKES and update is not None and _update_is_right(update):
            message = ("your update is right (Exercise 3.1), but train_perceptron does not hand it its own lr: "
                       "call update(W, x, target, lr), not update(W, x, target, 1) or with lr folded in.")
        i = next(k for k, (g, w) in enumerate(zip(got, want)) if not close(g, w))
        return hint(ex, message or _train_trace(i, got[i], want[i]))

    W_right = train_right(*logic_gate("OR"), 1.0, 10)
    if is_unanswered(W_or):
        still = "..." if W_or is Ellipsis else "None"
        return hint(ex, f"train_perceptron works, but W_or has not been set (it is still {still}). Give it the "
                        "result on OR, W_or = train_perceptron(X_or, y_or, lr=1, epochs=10); if that line is there, "
                        "the cell stopped before it: run the cell again and read its error.")
    arr = as_float_array(W_or)
    if arr is None or arr.size != 3:
        return hint(ex, "train_perceptron works, but W_or should be its result on OR, three numbers: "
                        "W_or = train_perceptron(X_or, y_or, lr=1, epochs=10).")
    if not np.allclose(arr.ravel(), W_right):
        return hint(ex, _diagnose_W_or(arr.ravel(), W_right))
    b, w1, w2 = W_right
    return passed(ex, f"Your loop matches nnlib: OR gives W = [{b:g}, {w1:g}, {w2:g}], the line x1 + x2 = 1. It "
                      "passes through (0, 1) and (1, 0) exactly, which fire only because step(0) = 1.")


# ---- exercise 3.3: novikoff_bound(X, d, W_sep) --------------------------------------

#: (X, d, W_sep) cases for exercise 3.3: separating weights (bias first) with
#: ||W_sep|| != 1 and a non-zero bias, so each typical mistake changes the answer.
BOUND_CASES: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...] = (
    (*logic_gate("AND"), np.array([-1.5, 1.0, 1.0])),
    (*logic_gate("NAND"), np.array([3.0, -2.0, -2.0])),
    (*logic_gate("OR"), np.array([-0.5, 1.0, 1.0])),
    (_X_SMALL, _D_SMALL, np.array([0.0, 1.0, 2.0])),
    (2.0 * _X_SMALL, _D_SMALL, np.array([-0.5, 1.0, 4.0])),
)


def X_ext(X: np.ndarray) -> np.ndarray:
    """The inputs the perceptron uses, ``[1, x]`` per row, shape (n, d + 1)."""
    return np.column_stack([np.ones(len(X)), X])


def _R(X: np.ndarray) -> float:
    """The largest norm of a row."""
    return float(np.linalg.norm(X, axis=1).max())


def _margins(X: np.ndarray, d: np.ndarray, W: np.ndarray, norm: float) -> np.ndarray:
    """``s * (W . [1, x]) / norm`` for every row, with the sign ``s = 2d - 1``."""
    return (2.0 * d - 1.0) * (X_ext(X) @ W) / norm


def bound_right(X: np.ndarray, d: np.ndarray, W: np.ndarray) -> float:
    """``(R / gamma)**2`` with R and gamma measured on ``[1, x]`` and the unit vector ``W / ||W||``."""
    return (_R(X_ext(X)) / _margins(X, d, W, np.linalg.norm(W)).min()) ** 2


def _bound_broadcast(X: np.ndarray, d: np.ndarray, W: np.ndarray) -> float:
    """z as an (N, 1) column times s (N,): the N x N matrix s[j] * z[i], whose min is taken as gamma."""
    z = (X_ext(X) @ W).reshape(-1, 1)
    return (_R(X_ext(X)) / (z * (2.0 * d - 1.0) / np.linalg.norm(W)).min()) ** 2


BOUND_MISTAKES: tuple[Mistake, ...] = (
    Mistake("R must be measured on the inputs the perceptron really uses, x_ext = [1, x1, x2] (the bias "
            "input included): R = max ||x_ext||. You used ||x|| without the constant 1.",
            lambda X, d, W: (_R(X) / _margins(X, d, W, np.linalg.norm(W)).min()) ** 2),
    Mistake("gamma must use the unit vector u = W_sep / ||W_sep|| with the bias inside the norm, "
            "||W_sep|| = sqrt(b^2 + w1^2 + w2^2). You divided by ||w|| without the bias, which is the "
            "distance to the line in the plane, not the margin the proof needs.",
            lambda X, d, W: (_R(X_ext(X)) / _margins(X, d, W, np.linalg.norm(W[1:])).min()) ** 2),
    Mistake("you used the textbook version for a perceptron without bias: R = max ||x|| and the distance "
            "to the line. Our perceptron folds the bias in, so use x_ext = [1, x] for R and "
            "u = W_sep / ||W_sep|| (bias included) for gamma.",
            lambda X, d, W: (_R(X) / _margins(X, d, W, np.linalg.norm(W[1:])).min()) ** 2),
    Mistake("gamma is measured with a unit vector: divide s * (W_sep . x_ext) by ||W_sep||. Without it, "
            "doubling W_sep (the same line) would divide the bound by 4.",
            lambda X, d, W: (_R(X_ext(X)) / _margins(X, d, W, 1.0).min()) ** 2),
    Mistake("the bound is (R / gamma) squared. You returned R / gamma.",
            lambda X, d, W: _R(X_ext(X)) / _margins(X, d, W, np.linalg.norm(W)).min()),
    Mistake("your gamma is the LARGEST margin, not the smallest (the closest point decides). Either you took "
            "max instead of min, or the signs are reversed: s must be +1 for class 1 and -1 for class 0, "
            "s = 2y - 1 (with 1 - 2y every margin is negative, and after squaring min(-m) is max(m)).",
            lambda X, d, W: (_R(X_ext(X)) / _margins(X, d, W, np.linalg.norm(W)).max()) ** 2),
    Mistake("gamma is the smallest margin over the samples (the closest point decides), not the average.",
            lambda X, d, W: (_R(X_ext(X)) / _margins(X, d, W, np.linalg.norm(W)).mean()) ** 2),
    Mistake("gamma came out 0: you multiplied by the 0/1 label y, which is 0 for every class-0 sample. The "
            "proof uses the sign s = 2y - 1 (+1 or -1), so that s * z > 0 on the right side.",
            lambda X, d, W: (_R(X_ext(X)) / (d * (X_ext(X) @ W) / np.linalg.norm(W)).min()) ** 2),
)
_LARGEST_MARGIN = BOUND_MISTAKES[5]

#: Weights that do NOT separate AND: (0, 1) and (1, 0) lie on the wrong side, so the right
#: gamma is negative (-0.75 / ||W||). On separating weights s * z equals abs(z), so only this
#: probe, run after every case of BOUND_CASES has passed, catches abs(z) in place of the signs.
ABS_PROBE = (*logic_gate("AND"), np.array([-0.25, 1.0, 1.0]))
ABS_MISTAKE = Mistake(
    "you measured the margins with abs(z) instead of s * z with the signs s = 2y - 1. On separating weights the "
    "two agree, but abs says every point is on its right side: for AND with W_sep = [-0.25, 1, 1], which puts "
    "(0, 1) and (1, 0) on the wrong side, gamma must come out negative.",
    lambda X, d, W: (_R(X_ext(X)) / np.abs(X_ext(X) @ W / np.linalg.norm(W)).min()) ** 2)

_BROADCAST_HINT = ("s * (X_ext @ u) broadcast into an N x N matrix: u is a (3, 1) column, so X_ext @ u has shape "
                   "(N, 1), and times s of shape (N,) it becomes N x N, whose min is not the smallest margin. Keep u "
                   "flat: u = W_sep / np.linalg.norm(W_sep), shape (3,).")
_THREE_CAUSES_HINT = ("your gamma comes out as the LARGEST margin, not the smallest. Three mistakes give this number: "
                      "max instead of min; signs reversed (s must be +1 for class 1 and -1 for class 0, s = 2y - 1); "
                      "or an (N, 1) column (u or X_ext @ u) that broadcasts against s (N,) into an N x N matrix.")

#: Only class 1 (s = +1 everywhere): here the N x N matrix of a broadcast holds the
#: margins themselves and its min is right, while max and reversed signs are not.
#: Used only to tell those mistakes apart, never to fail an answer.
_ONE_CLASS_PROBE = (logic_gate("AND")[0].astype(float), np.ones(4), np.array([1.0, 1.0, 1.0]))


def _largest_margin_hint(novikoff_bound: Callable) -> str:
    """The answers match "largest margin" on every case: a broadcast, or max / reversed signs?"""
    X, d, W = _ONE_CLASS_PROBE
    result, exc, _ = run_learner(novikoff_bound, X, d, W)
    arr = as_float_array(result) if exc is None else None
    if arr is not None and arr.size == 1:
        value = float(arr.reshape(-1)[0])
        if np.isclose(value, _bound_broadcast(X, d, W), rtol=1e-9):
            return _BROADCAST_HINT
        if np.isclose(value, _LARGEST_MARGIN.answer(X, d, W), rtol=1e-9):
            return _LARGEST_MARGIN.hint
    return _THREE_CAUSES_HINT


def _read_bound(out: Any, *case: Any) -> float:
    return number_from(out, "novikoff_bound returned a {type}; it should return one number, (R / gamma) ** 2.",
                       "novikoff_bound returned an array of shape {shape}; it should return one number. R is the "
                       "largest norm and gamma the smallest margin: take .max() and .min().")


def exercise_3_3(novikoff_bound: Callable[..., Any]) -> None:
    """Check ``novikoff_bound(X, d, W_sep)`` -> ``(R / gamma)**2`` with R, gamma in the space of ``[1, x]``."""
    ex = "3.3"
    if not_a_function(ex, novikoff_bound, "novikoff_bound"):
        return None
    got = answers(ex, novikoff_bound, [(X, d.copy(), W) for X, d, W in BOUND_CASES], _read_bound, floats=True)
    if got is None:
        return None
    same = lambda g, w: bool(np.isclose(g, w, rtol=1e-9))  # noqa: E731 - the bound is exact in binary floats
    want = [bound_right(*case) for case in BOUND_CASES]
    if all(same(g, w) for g, w in zip(got, want)):
        X, d, W = ABS_PROBE
        result, exc, _ = run_learner(novikoff_bound, X, d.copy(), W)
        probe = as_float_array(result) if exc is None else None
        if (probe is not None and probe.size == 1 and same(float(probe.reshape(-1)[0]), ABS_MISTAKE.answer(X, d, W))
                and not same(ABS_MISTAKE.answer(X, d, W), bound_right(X, d, W))):
            return hint(ex, ABS_MISTAKE.hint)
        X_and, d_and, W_and = BOUND_CASES[0]
        observed = Perceptron(input_size=2, lr=1.0, epochs=100).fit(X_and, d_and).n_updates_
        return passed(ex, f"For AND with W_sep = [-1.5, 1, 1]: R = sqrt(3), gamma = 0.5 / ||W_sep|| = "
                          f"{0.5 / np.linalg.norm(W_and):.4f}, so at most {want[0]:.0f} mistakes, "
                          "whatever the learning rate and the visiting order. "
                          f"The rule makes {observed}.")
    message = spot(got, BOUND_CASES, BOUND_MISTAKES, same)
    if message == _LARGEST_MARGIN.hint:
        return hint(ex, _largest_margin_hint(novikoff_bound))
    if message:
        return hint(ex, message)
    if any(not np.isfinite(g) or g == 0 for g in got):
        return hint(ex, "your bound came out infinite, nan or 0. gamma = min over samples of s * (W_sep . x_ext) / "
                        "||W_sep|| with s = 2y - 1 must be > 0 for a separating W_sep.")
    X, d, W = BOUND_CASES[0]
    return hint(ex, f"for AND with W_sep = {W.tolist()} the bound is R^2 / gamma^2 = 3 / {0.5 / np.linalg.norm(W):.4f}^2 "
                    f"= {want[0]:.4f}, but your function returned {got[0]:.4f}. Use x_ext = [1, x] for R and "
                    "u = W_sep / ||W_sep|| for gamma.")
