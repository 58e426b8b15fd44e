"""Answer checks for notebook 03 (Rosenblatt's learning rule).

- ``exercise_3_1(update)``: ``update(W, x, d, lr)`` -> the weights after one step of
  the rule, for ``W`` (d + 1,) bias first, one sample ``x`` (d,), its 0/1 label ``d``.
- ``exercise_3_2(train_perceptron, W_or)``: ``train_perceptron(X, d, lr, epochs)`` ->
  ``W`` after ``epochs`` passes over the rows in order from zero weights, and
  ``W_or``, its result on the OR gate with ``lr=1, epochs=10``.
- ``exercise_3_3(novikoff_bound)``: ``novikoff_bound(X, d, W_sep)`` -> ``(R / gamma)**2``
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

from nnlib.data import logic_gate
from nnlib.perceptron import Perceptron
from ._core import (as_float_array, call_safely, diagnose_weights, hint, is_stub, is_unanswered,
                    mismatched_sizes, not_answered, passed, run_learner)

__all__ = ["exercise_3_1", "exercise_3_2", "exercise_3_3", "UPDATE_CASES", "TRAIN_CASES", "BOUND_CASES"]


def _call(ex: str, fn: Callable, *args: Any,
          explain: Callable[[BaseException], str | None] | None = None) -> tuple[bool, Any]:
    """Call the learner's function on float copies of the inputs. (False, None) after printing a message."""
    floats = [np.array(a, dtype=float) if isinstance(a, np.ndarray) else a for a in args]
    return call_safely(ex, fn, *floats, copy=False, explain=explain)


def _not_callable(ex: str, value: Any, name: str) -> bool:
    if callable(value):
        return False
    hint(ex, f"pass the function itself, e.g. checks.exercise_{ex.replace('.', '_')}({name}), "
             f"not a {type(value).__name__}.")
    return True


# ---- the rule and its typical mistakes -----------------------------------------------

def _update(W: np.ndarray, x: np.ndarray, d: float, lr: float, mistake: str = "right") -> np.ndarray:
    """One step of Rosenblatt's rule as written correctly, or with one typical ``mistake``."""
    W = np.array(W, dtype=float)
    x_ext = np.insert(np.asarray(x, dtype=float), 0, 1.0)
    if mistake == "bias_last":
        x_ext = np.append(np.asarray(x, dtype=float), 1.0)
    z = float(W @ x_ext)
    if mistake == "z_without_bias":
        z = float(W[1:] @ np.asarray(x, dtype=float))
    y = 1.0 if z >= 0 else 0.0
    if mistake == "strict":
        y = 1.0 if z > 0 else 0.0
    if mistake == "pm_one":
        y = 1.0 if z >= 0 else -1.0
    e = d - y
    if mistake == "pm_one_labels":
        e = (2.0 * d - 1.0) - float(np.sign(z))
    if mistake == "pm_one_targets":
        e = (2.0 * d - 1.0) - y
    if mistake == "reversed":
        e = y - d
    if mistake == "uses_d":
        e = d
    if mistake == "uses_z":
        e = d - z
    step = {"no_lr": 1.0, "lr_twice": lr * lr}.get(mistake, lr) * e * x_ext
    if mistake == "no_bias_update":
        step[0] = 0.0
    return W + step


_UPDATE_HINTS = {
    "reversed": "the update goes the wrong way: with e = d - y (desired minus predicted) the rule ADDS lr * e * x. "
                "You subtracted it, or computed e = y - d, so a neuron that should have fired is inhibited.",
    "no_bias_update": "the feature weights are right but the bias never changes. The bias is W[0], the weight of the "
                      "constant input x0 = 1, so it gets lr * e * 1: update W with lr * e * np.insert(x, 0, 1).",
    "lr_twice": "the step has lr * lr in it: the learning rate was applied twice (for example once in e and once "
                "in the update). Use W + lr * e * x_ext with e = d - y.",
    "no_lr": "the step ignores lr: the learning rate was not applied. Multiply the step by it: W + lr * e * x_ext.",
    "pm_one": "your prediction is -1 on the silent side (like np.sign). This perceptron's outputs and labels are 0/1: "
              "y = 1 if z >= 0 else 0, so e = d - y is 0, +1 or -1 and a correct answer changes nothing.",
    "pm_one_labels": "you switched to -1/+1 labels (2d - 1) and np.sign as the activation. This perceptron uses 0/1 "
                     "labels and the step y = 1 if z >= 0 else 0; np.sign(0) is 0, and the error d - y can then be 2. "
                     "Keep d as 0/1 and use e = d - step(z).",
    "pm_one_targets": "you turned the label into -1/+1 (2d - 1), but the step still outputs 0/1, so e = d - y is -1 "
                      "even when a class-0 sample is classified right (y = 0) and W keeps moving. This perceptron "
                      "uses 0/1 labels and 0/1 outputs: keep d as it is, e = d - y.",
    "z_without_bias": "your z leaves out the bias: z = W[1:] @ x ignores W[0], so the bias never affects the "
                      "prediction. z is W @ x_ext with x_ext = np.insert(x, 0, 1) (bias input x0 = 1 first).",
    "strict": "almost: at z = 0 exactly the neuron fires (step(0) = 1), so a point on the boundary with d = 0 is a "
              "mistake and must be corrected. Use z >= 0, not z > 0. (This matters at the start, when W = 0.)",
    "uses_d": "you added lr * d * x, the label itself, instead of the error e = d - y. Compute y = step(z) first; "
              "when y == d the error is 0 and W must not change.",
    "uses_z": "you used d - z (the raw pre-activation) as the error. That is the ADALINE / delta rule. Rosenblatt's "
              "rule passes z through the step first: y = step(z), e = d - y, which is 0, +1 or -1.",
    "bias_last": "you put the constant 1 at the end of x. In this series the bias comes first, W = [b, w1, w2], "
                 "so the constant input goes in front: np.insert(x, 0, 1).",
}
_MISTAKES = tuple(_UPDATE_HINTS)

# ---- exercise 3.1 -------------------------------------------------------------------

#: (W, x, d, lr) cases for exercise 3.1, W bias first. Together they tell every typical
#: mistake above apart: a missed 1 (excite), a false alarm (inhibit), a correct answer
#: (no change), z = 0 exactly with d = 0 (step(0) = 1 is a mistake), and lr != 1.
UPDATE_CASES: tuple[tuple[tuple[float, ...], tuple[float, ...], int, float], ...] = (
    ((-1.0, 0.5, 0.25), (1.0, 1.0), 1, 0.5),     # z = -0.25 -> y = 0, d = 1: excite
    ((0.5, 1.0, -1.0), (1.0, 0.5), 0, 2.0),      # z = 1     -> y = 1, d = 0: inhibit
    ((0.0, 0.0, 0.0), (0.0, 1.0), 0, 0.5),       # z = 0     -> y = 1, d = 0: inhibit (the start of training)
    ((-0.5, 1.0, 1.0), (1.0, 0.0), 1, 2.0),      # z = 0.5   -> y = 1, d = 1: no change
    ((2.0, -1.0, -2.0), (1.0, 1.0), 0, 0.25),    # z = -1    -> y = 0, d = 0: no change
    ((-2.0, 1.0, 0.5), (0.5, 1.0), 1, 4.0),      # z = -1    -> y = 0, d = 1: excite
)


def _run_update_cases(rule: Callable) -> list[np.ndarray]:
    return [np.asarray(rule(np.array(W, float), np.array(x, float), d, lr), dtype=float)
            for W, x, d, lr in UPDATE_CASES]


def _explain_update_error(exc: BaseException) -> str | None:
    """A mismatch of 3 and 2 entries: x was not extended with the bias input."""
    if mismatched_sizes(exc) in ((2, 3), (3, 2)):
        return ("W has 3 entries (bias first) but x has 2: extend x with np.insert(x, 0, 1) (x0 = 1 is the bias "
                "input), then z = W @ x_ext.")
    return None


def exercise_3_1(update: Callable[..., Any]) -> None:
    """Check ``update(W, x, d, lr)`` -> ``W + lr * (d - step(W . [1, x])) * [1, x]``."""
    ex = "3.1"
    if is_unanswered(update):
        return not_answered(ex)
    if _not_callable(ex, update, "update"):
        return None
    got: list[np.ndarray] = []
    for W, x, d, lr in UPDATE_CASES:
        ok, out = _call(ex, update, np.array(W, float), np.array(x, float), d, lr, explain=_explain_update_error)
        if not ok:
            return None
        arr = as_float_array(out)
        if arr is None:
            return hint(ex, f"update returned a {type(out).__name__}; it should return the new weights, an array "
                            "of 3 numbers [b, w1, w2].")
        if arr.size == 2:
            return hint(ex, "update returned 2 numbers: the bias is missing. Return all of W, bias first: "
                            "W + lr * e * np.insert(x, 0, 1).")
        if arr.size == 1:
            return hint(ex, "update returned a single number. Return the whole new weight vector W (3 numbers), "
                            "not the error or the prediction.")
        if arr.size != 3:
            return hint(ex, f"update returned an array of shape {arr.shape}; it should have the shape of W, (3,). "
                            "Did a (3,) array meet a (3, 1) one?")
        got.append(arr.ravel())

    want = _run_update_cases(lambda W, x, d, lr: _update(W, x, d, lr))
    if all(np.allclose(g, w) for g, w in zip(got, want)):
        return passed(ex, "A missed 1 pushes W towards x (excite), a false alarm pushes it away (inhibit), a right "
                          "answer leaves it alone. From W = 0 the first AND sample (0, 0) is already a mistake, "
                          "because step(0) = 1: W becomes [-lr, 0, 0].")
    for mistake in _MISTAKES:
        if all(np.allclose(g, w) for g, w in zip(got, _run_update_cases(
                lambda W, x, d, lr, m=mistake: _update(W, x, d, lr, m)))):
            return hint(ex, _UPDATE_HINTS[mistake])
    i = next(k for k, (g, w) in enumerate(zip(got, want)) if not np.allclose(g, w))
    W, x, d, lr = UPDATE_CASES[i]
    z = W[0] + W[1] * x[0] + W[2] * x[1]
    return hint(ex, f"for W = {list(W)}, x = {list(x)}, d = {d}, lr = {lr}: z = {z:g}, so y = {int(z >= 0)} and "
                    f"e = {d - int(z >= 0)}; the new W is {want[i].tolist()}, but your function returned {got[i].tolist()}.")


# ---- exercise 3.2 -------------------------------------------------------------------

def _train(X: np.ndarray, d: np.ndarray, lr: float, epochs: int, mistake: str = "right") -> np.ndarray:
    """Zero initial weights, ``epochs`` passes over the rows in order, each row one ``_update``."""
    X = np.asarray(X, dtype=float)
    W = np.zeros(X.shape[1] + 1)
    if mistake == "not_reassigned":  # update(W, ...) called, its result dropped
        return W
    n_epochs = {"one_more_epoch": epochs + 1, "one_less_epoch": epochs - 1, "one_epoch": 1}.get(mistake, epochs)
    rule = mistake if mistake in _MISTAKES else "right"
    for _ in range(n_epochs):
        for x, target in zip(X, d):
            W = _update(W, x, float(target), lr, rule)
    return W


_X_SMALL = np.array([[0.5, 1.5], [2.0, 0.5], [-1.0, -0.5], [1.0, -1.5], [-0.5, 1.0]])
_D_SMALL = np.array([1, 1, 0, 0, 1])

#: (name, X, d, lr, epochs) cases for exercise 3.2. AND after 2 epochs and XOR (which
#: never converges) after 1 tell whether the loop runs exactly ``epochs`` passes.
TRAIN_CASES: tuple[tuple[str, np.ndarray, np.ndarray, float, int], ...] = (
    ("AND", *logic_gate("AND"), 1.0, 10),
    ("OR", *logic_gate("OR"), 0.5, 10),
    ("NAND", *logic_gate("NAND"), 2.0, 10),
    ("AND", *logic_gate("AND"), 1.0, 2),
    ("XOR", *logic_gate("XOR"), 1.0, 1),
    ("five points", _X_SMALL, _D_SMALL, 0.5, 6),
)

_TRAIN_HINTS = dict(_UPDATE_HINTS)
_TRAIN_HINTS.update({
    "not_reassigned": "train_perceptron returned the starting weights, all zeros: W never changed. update returns "
                      "a new array and leaves its input alone, so keep what it returns: W = update(W, x, target, lr).",
    "one_more_epoch": "your loop runs one pass too many: `epochs` passes means `for epoch in range(epochs)`. "
                      "(Once a gate has converged an extra pass changes nothing, but before that it does.)",
    "one_less_epoch": "your loop runs one pass too few: `epochs` passes means `for epoch in range(epochs)`.",
    "one_epoch": "your function stops after the first pass over the rows: is `return W` indented inside the "
                 "epoch loop? Put it after the loop, level with `for epoch in ...`.",
})


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
    for W, x, d, lr in UPDATE_CASES:
        result, exc, _ = run_learner(update, np.array(W, float), np.array(x, float), d, lr)
        arr = as_float_array(result) if exc is None else None
        if arr is None or arr.size != 3 or not np.allclose(arr.ravel(), _update(W, x, d, lr)):
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


def _diagnose_W_or(W_or: np.ndarray, W_right: np.ndarray) -> str:
    """Why W_or differs from train_perceptron's result on OR with lr=1 and epochs=10."""
    X_or, d_or = logic_gate("OR")
    if np.allclose(W_or, _train(X_or, d_or, 1.0, 10, "pm_one_targets")):
        return (f"train_perceptron works, but W_or = {W_or.tolist()} comes from -1/+1 labels (2 * d_or - 1). "
                "Pass d_or itself: this perceptron learns from 0/1 labels.")
    if np.allclose(W_or, _train(*logic_gate("AND"), 1.0, 10)):
        return f"train_perceptron works, but W_or = {W_or.tolist()} is the AND result. Train on OR: X_or, d_or."
    scale = float(W_or @ W_right / (W_right @ W_right))
    if scale > 0 and np.allclose(W_or, scale * W_right):
        return (f"train_perceptron works, but W_or = {W_or.tolist()} is {scale:g} times OR's result "
                f"{W_right.tolist()}: it was trained with lr = {scale:g}. Use lr=1.")
    for k in range(1, 10):
        W_k = _train(X_or, d_or, 1.0, k)
        if np.allclose(W_or, W_k) and not np.allclose(W_k, W_right):
            return f"train_perceptron works, but W_or = {W_or.tolist()} is OR after {k} epoch(s). Use epochs=10."
    return (f"train_perceptron works, but W_or = {W_or.tolist()} is not its result on OR with lr = 1 and "
            f"epochs = 10 (that is {W_right.tolist()}). Check that you passed X_or, d_or, lr=1, epochs=10.")


def exercise_3_2(train_perceptron: Callable[..., Any], W_or: Any) -> None:
    """Check ``train_perceptron(X, d, lr, epochs)`` and its result ``W_or`` on OR (lr=1, epochs=10).

    ``train_perceptron`` is judged first: when it raises in the notebook, the cell
    stops before ``W_or = ...``, and its error, not the missing ``W_or``, is what
    the learner needs to hear about.
    """
    ex = "3.2"
    if is_unanswered(train_perceptron):
        return not_answered(ex)
    if _not_callable(ex, train_perceptron, "train_perceptron, W_or"):
        return None
    update = _update_used_by(train_perceptron)
    if update is not None and not is_stub(train_perceptron) and _update_returns_nothing(update):
        if is_stub(update):
            return hint(ex, "train_perceptron calls update, which is still ... from Exercise 3.1 and returns None. "
                            "Write update first (until checks.exercise_3_1(update) passes), then run this cell again.")
        return hint(ex, "train_perceptron calls update, which returns None: its return line is missing "
                        "(Exercise 3.1), so W becomes None after the first step. Return the new W there.")
    got: list[np.ndarray] = []
    for name, X, d, lr, epochs in TRAIN_CASES:
        ok, out = _call(ex, train_perceptron, X, d.copy(), lr, epochs, explain=_explain_train_error(train_perceptron))
        if not ok:
            return None
        arr = as_float_array(out)
        if arr is None or arr.size == 0:
            return hint(ex, f"train_perceptron returned a {type(out).__name__}; it should return the weights, an "
                            "array of 3 numbers [b, w1, w2].")
        if arr.size != X.shape[1] + 1:
            problem = diagnose_weights(arr, np.zeros(X.shape[1] + 1)) or ""
            return hint(ex, f"on {name} train_perceptron returned {arr.size} number(s); it should return W with "
                            f"{X.shape[1] + 1} entries, bias first. {problem}".strip())
        got.append(arr.ravel())

    want = [_train(X, d, lr, epochs) for _, X, d, lr, epochs in TRAIN_CASES]
    if not all(np.allclose(g, w) for g, w in zip(got, want)):
        for mistake in ("not_reassigned", *_MISTAKES, "one_more_epoch", "one_less_epoch", "one_epoch"):
            if all(np.allclose(g, _train(X, d, lr, epochs, mistake))
                   for g, (_, X, d, lr, epochs) in zip(got, TRAIN_CASES)):
                if mistake in ("no_lr", "lr_twice") and update is not None and _update_is_right(update):
                    return hint(ex, "your update is right (Exercise 3.1), but train_perceptron does not hand it "
                                    "its own lr: call update(W, x, target, lr), not update(W, x, target, 1) "
                                    "or with lr folded in.")
                return hint(ex, _TRAIN_HINTS[mistake])
        i = next(k for k, (g, w) in enumerate(zip(got, want)) if not np.allclose(g, w))
        name, X, d, lr, epochs = TRAIN_CASES[i]
        return hint(ex, f"on {name} with lr = {lr} and epochs = {epochs}, starting from W = 0 and visiting the rows "
                        f"in order, the weights end at {want[i].tolist()}, but your function returned "
                        f"{got[i].tolist()}. Print W after every update and compare with a hand trace.")

    W_right = _train(*logic_gate("OR"), 1.0, 10)
    if is_unanswered(W_or):
        still = "..." if W_or is Ellipsis else "None"
        return hint(ex, f"train_perceptron works, but W_or has not been set (it is still {still}). Give it the "
                        "result on OR, W_or = train_perceptron(X_or, d_or, lr=1, epochs=10); if that line is there, "
                        "the cell stopped before it: run the cell again and read its error.")
    arr = as_float_array(W_or)
    if arr is None or arr.size != 3:
        return hint(ex, "train_perceptron works, but W_or should be its result on OR, three numbers: "
                        "W_or = train_perceptron(X_or, d_or, lr=1, epochs=10).")
    if not np.allclose(arr.ravel(), W_right):
        return hint(ex, _diagnose_W_or(arr.ravel(), W_right))
    b, w1, w2 = W_right
    return passed(ex, f"Your loop matches nnlib: OR gives W = [{b:g}, {w1:g}, {w2:g}], the line x1 + x2 = 1. It "
                      "passes through (0, 1) and (1, 0) exactly, which fire only because step(0) = 1.")


# ---- exercise 3.3 -------------------------------------------------------------------

#: (X, d, W_sep) cases for exercise 3.3: separating weights (bias first) with
#: ||W_sep|| != 1 and a non-zero bias, so each typical mistake changes the answer.
BOUND_CASES: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...] = (
    (*logic_gate("AND"), np.array([-1.5, 1.0, 1.0])),
    (*logic_gate("NAND"), np.array([3.0, -2.0, -2.0])),
    (*logic_gate("OR"), np.array([-0.5, 1.0, 1.0])),
    (_X_SMALL, _D_SMALL, np.array([0.0, 1.0, 2.0])),
    (2.0 * _X_SMALL, _D_SMALL, np.array([-0.5, 1.0, 4.0])),
)


def _bound(X: np.ndarray, d: np.ndarray, W: np.ndarray, mistake: str = "right") -> float:
    """(R / gamma)**2 in the space of the extended inputs [1, x], or with one typical ``mistake``."""
    X_ext = np.column_stack([np.ones(len(X)), X])
    s = 2.0 * np.asarray(d, float) - 1.0
    z = X_ext @ W
    R = np.linalg.norm(X, axis=1).max() if mistake in ("R_without_1", "textbook_no_bias") \
        else np.linalg.norm(X_ext, axis=1).max()
    norm = np.linalg.norm(W[1:]) if mistake in ("norm_without_bias", "textbook_no_bias") else np.linalg.norm(W)
    if mistake == "not_normalised":
        norm = 1.0
    margins = s * z / norm
    gamma = {"max_margin": margins.max(), "mean_margin": margins.mean()}.get(mistake, margins.min())
    if mistake == "broadcast":  # z as an (N, 1) column times s (N,): the N x N matrix s[j] * z[i]
        gamma = (z.reshape(-1, 1) * s / norm).min()
    if mistake == "labels_01":
        gamma = (np.asarray(d, float) * z / norm).min()
    ratio = R / gamma if gamma != 0 else np.inf
    return float(ratio if mistake == "not_squared" else ratio ** 2)


_BOUND_HINTS = {
    "R_without_1": "R must be measured on the inputs the perceptron really uses, x_ext = [1, x1, x2] (the bias "
                   "input included): R = max ||x_ext||. You used ||x|| without the constant 1.",
    "norm_without_bias": "gamma must use the unit vector u = W_sep / ||W_sep|| with the bias inside the norm, "
                         "||W_sep|| = sqrt(b^2 + w1^2 + w2^2). You divided by ||w|| without the bias, which is the "
                         "distance to the line in the plane, not the margin the proof needs.",
    "textbook_no_bias": "you used the textbook version for a perceptron without bias: R = max ||x|| and the distance "
                        "to the line. Our perceptron folds the bias in, so use x_ext = [1, x] for R and "
                        "u = W_sep / ||W_sep|| (bias included) for gamma.",
    "not_normalised": "gamma is measured with a unit vector: divide s * (W_sep . x_ext) by ||W_sep||. Without it, "
                      "doubling W_sep (the same line) would divide the bound by 4.",
    "not_squared": "the bound is (R / gamma) squared. You returned R / gamma.",
    "max_margin": "your gamma is the LARGEST margin, not the smallest (the closest point decides). Either you took "
                  "max instead of min, or the signs are reversed: s must be +1 for class 1 and -1 for class 0, "
                  "s = 2d - 1 (with 1 - 2d every margin is negative, and after squaring min(-m) is max(m)).",
    "mean_margin": "gamma is the smallest margin over the samples (the closest point decides), not the average.",
    "labels_01": "gamma came out 0: you multiplied by the 0/1 label d, which is 0 for every class-0 sample. The "
                 "proof uses the sign s = 2d - 1 (+1 or -1), so that s * z > 0 on the right side.",
}


_BROADCAST_HINT = ("s * (X_ext @ u) broadcast into an N x N matrix: u is a (3, 1) column, so X_ext @ u has shape "
                   "(N, 1), and times s of shape (N,) it becomes N x N, whose min is not the smallest margin. Keep u "
                   "flat: u = W_sep / np.linalg.norm(W_sep), shape (3,).")
_THREE_CAUSES_HINT = ("your gamma comes out as the LARGEST margin, not the smallest. Three mistakes give this number: "
                      "max instead of min; signs reversed (s must be +1 for class 1 and -1 for class 0, s = 2d - 1); "
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
        if np.isclose(value, _bound(X, d, W, "broadcast"), rtol=1e-9):
            return _BROADCAST_HINT
        if np.isclose(value, _bound(X, d, W, "max_margin"), rtol=1e-9):
            return _BOUND_HINTS["max_margin"]
    return _THREE_CAUSES_HINT


def exercise_3_3(novikoff_bound: Callable[..., Any]) -> None:
    """Check ``novikoff_bound(X, d, W_sep)`` -> ``(R / gamma)**2`` with R, gamma in the space of ``[1, x]``."""
    ex = "3.3"
    if is_unanswered(novikoff_bound):
        return not_answered(ex)
    if _not_callable(ex, novikoff_bound, "novikoff_bound"):
        return None
    got: list[float] = []
    for X, d, W in BOUND_CASES:
        ok, out = _call(ex, novikoff_bound, X, d.copy(), W)
        if not ok:
            return None
        arr = as_float_array(out)
        if arr is None:
            return hint(ex, f"novikoff_bound returned a {type(out).__name__}; it should return one number, "
                            "(R / gamma) ** 2.")
        if arr.size != 1:
            return hint(ex, f"novikoff_bound returned an array of shape {arr.shape}; it should return one number. "
                            "R is the largest norm and gamma the smallest margin: take .max() and .min().")
        got.append(float(arr.reshape(-1)[0]))

    want = [_bound(X, d, W) for X, d, W in BOUND_CASES]
    if np.allclose(got, want, rtol=1e-9):
        X_and, d_and, W_and = BOUND_CASES[0]
        observed = Perceptron(input_size=2, lr=1.0, epochs=100).fit(X_and, d_and).n_updates_
        return passed(ex, f"For AND with W_sep = [-1.5, 1, 1]: R = sqrt(3), gamma = 0.5 / ||W_sep|| = "
                          f"{0.5 / np.linalg.norm(BOUND_CASES[0][2]):.4f}, so at most {want[0]:.0f} mistakes, "
                          "whatever the learning rate and the visiting order. "
                          f"The rule makes {observed}.")
    for mistake, message in _BOUND_HINTS.items():
        variant = [_bound(X, d, W, mistake) for X, d, W in BOUND_CASES]
        if np.allclose(got, variant, rtol=1e-9):
            return hint(ex, _largest_margin_hint(novikoff_bound) if mistake == "max_margin" else message)
    if any(not np.isfinite(g) or g == 0 for g in got):
        return hint(ex, "your bound came out infinite, nan or 0. gamma = min over samples of s * (W_sep . x_ext) / "
                        "||W_sep|| with s = 2d - 1 must be > 0 for a separating W_sep.")
    X, d, W = BOUND_CASES[0]
    return hint(ex, f"for AND with W_sep = {W.tolist()} the bound is R^2 / gamma^2 = 3 / {0.5 / np.linalg.norm(W):.4f}^2 "
                    f"= {want[0]:.4f}, but your function returned {got[0]:.4f}. Use x_ext = [1, x] for R and "
                    "u = W_sep / ||W_sep|| for gamma.")
