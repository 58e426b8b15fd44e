"""Answer checks for notebook 03 (Rosenblatt's learning rule).

- ``exercise_3_1(update)``: ``update(W, x, y, lr)`` -> the weights after one step of
  the rule, for ``W`` (d + 1,) bias first, one sample ``x`` (d,), its 0/1 label ``y``.
- ``exercise_3_2(train_perceptron, W_or)``: ``train_perceptron(X, y, lr, epochs)`` ->
  ``W`` after ``epochs`` passes over the rows in order from zero weights, and
  ``W_or``, its result on the OR gate with ``lr=1, epochs=10``.
- ``exercise_3_3(loss_per_epoch)``: ``loss_per_epoch(X, y, lr, epochs)`` -> the perceptron loss
  ``L(W) = sum_i max(0, -s_i z_i)`` (``s = 2y - 1``) at the zero start and after each epoch.
- ``exercise_3_4(grad)``: the gradient of ``max(0, -s z)`` at ``GRAD_W`` and one sample, by hand.
- ``exercise_3_5(W_half)``: the predicted weights for AND from zeros at ``lr = 0.5``.
- ``exercise_3_6(bound)``: Novikoff's bound ``(R / gamma)**2`` for OR with ``OR_SEP``, by hand.

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
from nnlib.perceptron import pre_activation, rosenblatt_epoch
from nnlib.data import logic_gate
from ._core import (Mistake, Wrong, WrongValue, answers, as_float_array, check_function, check_value, close, hint, is_stub,
                    is_unanswered, mismatched_sizes, not_a_function, passed, run_learner, spot)
from ._reference import rosenblatt_update

__all__ = ["exercise_3_1", "exercise_3_2", "exercise_3_3", "exercise_3_4", "exercise_3_5", "exercise_3_6",
           "UPDATE_CASES", "UPDATE_MISTAKES", "TRAIN_CASES", "TRAIN_MISTAKES", "LOSS_CASES", "LOSS_MISTAKES",
           "perceptron_loss", "loss_right", "gradient_taken", "bound_right", "trained", "TABLES", "VALUE_TABLES"]


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


# ---- exercise 3.3: loss_per_epoch(X, d, lr, epochs) ----------------------------------

def perceptron_loss(W: np.ndarray, X: np.ndarray, d: np.ndarray) -> float:
    """``L(W) = sum_i max(0, -s_i z_i)`` with ``s = 2d - 1`` and ``z = W . [1, x]`` (nnlib's pre-activation)."""
    s = 2.0 * np.asarray(d, float) - 1.0
    return float(np.sum(np.maximum(0.0, -s * pre_activation(X, W))))


def _losses_with(loss: Callable[[np.ndarray, np.ndarray, np.ndarray], float]) -> Callable[..., np.ndarray]:
    """``loss`` measured at the zero start and after each of ``epochs`` passes of nnlib's ``rosenblatt_epoch``."""
    def losses(X: np.ndarray, d: np.ndarray, lr: float, epochs: int) -> np.ndarray:
        W = np.zeros(X.shape[1] + 1)
        out = [loss(W, X, d)]
        for _ in range(epochs):
            rosenblatt_epoch(W, X, np.asarray(d, int), lr)
            out.append(loss(W, X, d))
        return np.array(out)
    return losses


#: ``L(W)`` at the zero start and after each of ``epochs`` passes of the rule: exercise 3.3's right answer.
loss_right = _losses_with(perceptron_loss)


def _losses_during(X: np.ndarray, d: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """The start, then per epoch the sum of max(0, -s z) at each visit, before that visit's update."""
    W = np.zeros(X.shape[1] + 1)
    out = [perceptron_loss(W, X, d)]
    for _ in range(epochs):
        total = 0.0
        for x, target in zip(X, d):
            total += perceptron_loss(W, x[None, :], np.array([target]))
            W = rosenblatt_update(W, x, target, lr)
        out.append(total)
    return np.array(out)


def _s(d: np.ndarray) -> np.ndarray:
    return 2.0 * np.asarray(d, float) - 1.0


#: (X, d, lr, epochs) for exercise 3.3: AND, OR, NAND, XOR and five points, lr 0.5 to 2.
LOSS_CASES: tuple[tuple[np.ndarray, np.ndarray, float, int], ...] = (
    (*logic_gate("AND"), 1.0, 6),
    (*logic_gate("OR"), 0.5, 4),
    (*logic_gate("NAND"), 2.0, 5),
    (*logic_gate("XOR"), 1.0, 3),
    (_X_SMALL, _D_SMALL, 0.5, 4),
)

LOSS_MISTAKES: tuple[Mistake, ...] = (
    Mistake("you used the 0/1 label y where the loss needs the sign s = 2y - 1 (+1 or -1). With y, every class-0 "
            "row has loss max(0, -0 * z) = 0, even a false alarm far on the wrong side.",
            _losses_with(lambda W, X, d: float(np.sum(np.maximum(0.0, -np.asarray(d, float) * pre_activation(X, W)))))),
    Mistake("the sign is reversed: you summed max(0, s * z), which grows on the RIGHT side of the line. The loss "
            "of a row is max(0, -s * z): positive only where s * z < 0, a row on its wrong side.",
            _losses_with(lambda W, X, d: float(np.sum(np.maximum(0.0, _s(d) * pre_activation(X, W)))))),
    Mistake("you took the mean over the rows; this exercise's L(W) is the sum, sum over i of max(0, -s_i z_i). "
            "(Both reach 0 together; only the scale differs.)",
            _losses_with(lambda W, X, d: perceptron_loss(W, X, d) / len(X))),
    Mistake("you counted the rows the weights get wrong (the mistakes after the epoch), not the loss. The loss "
            "adds max(0, -s * z), how far each row is on its wrong side, with s = 2y - 1.",
            _losses_with(lambda W, X, d: float(np.sum(step(pre_activation(X, W)) != np.asarray(d))))),
    Mistake("you used the hinge loss max(0, 1 - s * z) (the support vector machine's, with a margin of 1). "
            "The perceptron loss has no 1 in it: max(0, -s * z).",
            _losses_with(lambda W, X, d: float(np.sum(np.maximum(0.0, 1.0 - _s(d) * pre_activation(X, W)))))),
    Mistake("you summed -s * z without the max(0, ...): rows on their right side then count as negative loss. "
            "Each row adds max(0, -s * z), never less than 0.",
            _losses_with(lambda W, X, d: float(np.sum(-_s(d) * pre_activation(X, W))))),
    Mistake("you added up each row's loss while visiting it, before its update, so each value mixes the weights "
            "of a whole epoch. Measure L(W) on all the rows with the weights at the END of each epoch.",
            _losses_during),
    Mistake("your z leaves out the bias: z = W[1:] @ x. z is W @ [1, x], bias first (np.insert(x, 0, 1)).",
            _losses_with(lambda W, X, d: float(np.sum(np.maximum(0.0, -_s(d) * (np.asarray(X, float) @ W[1:])))))),
)


def _read_losses(out: Any, X: np.ndarray, d: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    arr = as_float_array(out)
    if arr is None:
        raise Wrong(f"loss_per_epoch returned a {type(out).__name__}; it should return epochs + 1 numbers "
                    "(a list or an array): L(W) at the start, then after each epoch.")
    if arr.size == epochs:
        raise Wrong(f"loss_per_epoch returned {epochs} numbers for epochs = {epochs}: the first one is missing. "
                    "Start with L(W) at W = 0, before any epoch, then append one value after each epoch.")
    if arr.size != epochs + 1:
        raise Wrong(f"loss_per_epoch returned {arr.size} number(s) for epochs = {epochs}; it should return "
                    f"{epochs + 1}: L(W) at the start, then one after each epoch.")
    return arr.ravel()


def _loss_trace(i: int, got: np.ndarray, want: np.ndarray) -> str:
    _, _, lr, epochs = LOSS_CASES[i]
    return (f"on case {i + 1} of the check (lr = {lr}, epochs = {epochs}) the losses are {want.tolist()}, but "
            f"your function returned {got.tolist()}. Print W and L(W) at the end of each epoch and compare.")


def _loss_insight() -> str:
    X, d = logic_gate("AND")
    losses = loss_right(X, d, 1.0, 6)
    mistakes = Perceptron(input_size=2, lr=1.0).fit(X, d).errors_
    zero_from = next(k for k in range(len(losses)) if np.all(losses[k:] == 0) and k > 0)
    late = [m for m in mistakes[zero_from:] if m]
    return (f"On AND the losses are {[f'{v:g}' for v in losses]}: 0 at W = 0, where every row fires, and 0 from "
            f"epoch {zero_from} on, yet the next epochs still make {late} mistakes. How can both be true? "
            "Think! 3.2 below asks it of OR.")


def exercise_3_3(loss_per_epoch: Callable[..., Any]) -> None:
    """Check ``loss_per_epoch(X, d, lr, epochs)`` -> L(W) at the zero start and after each epoch."""
    ex = "3.3"
    if not_a_function(ex, loss_per_epoch, "loss_per_epoch"):
        return None
    update = _update_used_by(loss_per_epoch)
    if update is not None and not is_stub(loss_per_epoch) and _update_returns_nothing(update):
        return hint(ex, "loss_per_epoch calls update, which returns None (still ... from Exercise 3.1, or its "
                        "return line is missing). Finish Exercise 3.1 first, then run this cell again.")
    return check_function(ex, loss_per_epoch, "loss_per_epoch", LOSS_CASES, _read_losses, loss_right, LOSS_MISTAKES,
                          _loss_insight, _loss_trace, floats=True)


# ---- exercise 3.4: the gradient of max(0, -s z), on paper ------------------------------

#: The point of exercise 3.4: W (bias first), one sample x and its label.
GRAD_W, GRAD_X, GRAD_Y = np.array([-1.0, 2.0, -1.0]), np.array([1.0, 0.5]), 0


def gradient_taken(W: np.ndarray, x: np.ndarray, y: int) -> np.ndarray:
    """The (sub)gradient Rosenblatt's rule takes: ``(W - W_after) / lr`` for one step of nnlib's rule, lr = 1."""
    W_after = np.array(W, float)
    rosenblatt_epoch(W_after, np.array([x], float), np.array([y]), 1.0)
    return np.asarray(W, float) - W_after


GRAD_RIGHT = gradient_taken(GRAD_W, GRAD_X, GRAD_Y)
GRAD_WRONG: tuple[WrongValue, ...] = (
    WrongValue("that is the rule's update, the step W moves by (-lr * gradient with lr = 1), not the gradient. The "
               "gradient points uphill: on the wrong side the loss is -s z, so its gradient is -s * x_ext.",
               -GRAD_RIGHT),
    WrongValue("the loss here is not 0: z = -1 + 2 * 1 - 1 * 0.5 = 0.5 >= 0, so the neuron fires, but y = 0. With "
               "s = 2y - 1 = -1 the loss is max(0, -s z) = 0.5. (With s = y = 0 every class-0 row looks free.)",
               np.zeros(3)),
    WrongValue("the bias entry is missing: z = W . x_ext with x_ext = [1, x1, x2], so dz/db = 1 and the first entry "
               "of the gradient is -s * 1.", np.array([0.0, 1.0, 0.5])),
    WrongValue("you multiplied by the loss value (0.5). On the wrong side the loss -s z is linear in W, so its "
               "gradient is -s * x_ext, whatever the loss is.", 0.5 * GRAD_RIGHT),
)


def exercise_3_4(grad: Any) -> None:
    """Check the gradient of max(0, -s z) with respect to W at ``GRAD_W`` and the sample (``GRAD_X``, ``GRAD_Y``)."""
    return check_value("3.4", grad, GRAD_RIGHT, GRAD_WRONG, insight=(
        "z = 0.5 but y = 0, so s = -1 and the loss is -s z = z: its gradient is x_ext = [1, 1, 0.5]. A gradient "
        "step with lr = 1 subtracts it, W - x_ext, exactly what Rosenblatt's rule does to a false alarm."),
        otherwise=("not this. Compute z = W . x_ext, s = 2y - 1 and the loss max(0, -s z); where the loss is -s z "
                   "its gradient is -s * x_ext, where it is 0 the gradient is 0. Enter 3 numbers, bias first."))


# ---- exercise 3.5: predict W for AND at lr = 0.5 ---------------------------------------

PREDICT_RIGHT = Perceptron(input_size=2, lr=0.5).fit(*logic_gate("AND")).W
_W_AND = Perceptron(input_size=2, lr=1.0).fit(*logic_gate("AND")).W
PREDICT_WRONG: tuple[WrongValue, ...] = (
    WrongValue("those are the weights for lr = 1. The predictions and mistakes are the same at lr = 0.5, but every "
               "update adds +-0.5 * x_ext instead of +-x_ext, so the numbers are halved.", _W_AND),
    WrongValue("that is twice lr = 1's weights. A smaller learning rate makes every step smaller, and from W = 0 "
               "the same steps are taken (the loss is positively homogeneous), so W is 0.5 times [-3, 2, 1].",
               2 * _W_AND),
    WrongValue("that is notebook 2's hand-picked line. The rule does not know it: from W = 0 it takes the same steps "
               "as at lr = 1, each half as long, so it ends on 0.5 times [-3, 2, 1].", np.array([-1.5, 1.0, 1.0])),
    WrongValue("w1 and w2 are swapped. The asymmetry comes from the order of the rows, which has not changed, so "
               "w1 stays the larger one, as in [-3, 2, 1].", 0.5 * _W_AND[[0, 2, 1]]),
)


def exercise_3_5(W_half: Any) -> None:
    """Check the predicted weights for AND from zeros, rows in order, lr = 0.5."""
    return check_value("3.5", W_half, PREDICT_RIGHT, PREDICT_WRONG, insight=(
        "From W = 0 each step at lr = 0.5 is half the step at lr = 1, and it is the same step, because scaling W "
        "by 0.5 keeps every z's sign (and every tie). So W = 0.5 * [-3, 2, 1], with the same mistakes per epoch."),
        otherwise=("not this. Start from what lr = 1 gives, [-3, 2, 1]: what happens to each update, and to the "
                   "sign of every z, when every step is half as long? Enter 3 numbers, bias first."))


# ---- exercise 3.6: Novikoff's bound for OR, on paper -----------------------------------

#: The weights exercise 3.6 measures OR's margin with (any length: the bound divides by it).
OR_SEP = np.array([-0.5, 1.0, 1.0])


def X_ext(X: np.ndarray) -> np.ndarray:
    """The inputs the perceptron uses, ``[1, x]`` per row, shape (n, d + 1)."""
    return np.column_stack([np.ones(len(X)), X])


def bound_right(X: np.ndarray, d: np.ndarray, W: np.ndarray) -> float:
    """``(R / gamma)**2`` with R and gamma measured on ``[1, x]`` and the unit vector ``W / ||W||``."""
    margins = (2.0 * d - 1.0) * (X_ext(X) @ W) / np.linalg.norm(W)
    return float((np.linalg.norm(X_ext(X), axis=1).max() / margins.min()) ** 2)


BOUND_RIGHT = bound_right(*logic_gate("OR"), OR_SEP)
BOUND_WRONG: tuple[WrongValue, ...] = (
    WrongValue("R must be measured on x_ext = [1, x1, x2], the inputs the rule updates with: R^2 = 1 + 1 + 1 = 3, "
               "not 2.", BOUND_RIGHT * 2 / 3),
    WrongValue("gamma divides by the length of the whole W_sep, bias included: ||W_sep|| = sqrt(0.25 + 1 + 1) = 1.5, "
               "not sqrt(2).", BOUND_RIGHT * 8 / 9),
    WrongValue("that is the textbook version without a bias (||x|| and the distance to the line). Here R and gamma "
               "are measured on x_ext = [1, x] and with ||W_sep|| = 1.5, bias included.", BOUND_RIGHT * 16 / 27),
    WrongValue("gamma comes out 0.5: either you did not divide s * z by ||W_sep|| = 1.5, or you averaged the "
               "margins. gamma is the SMALLEST s * z over the rows, divided by 1.5.", BOUND_RIGHT * 4 / 9),
    WrongValue("the bound is (R / gamma) squared; you gave R / gamma.", float(np.sqrt(BOUND_RIGHT))),
    WrongValue("you used the largest margin, 1.5 / 1.5 = 1, at (1, 1). The closest row decides: gamma is the "
               "smallest s * z / ||W_sep||.", BOUND_RIGHT / 9),
)


def exercise_3_6(bound: Any) -> None:
    """Check Novikoff's bound (R / gamma)**2 for OR with ``OR_SEP``, worked out by hand."""
    observed = Perceptron(input_size=2, lr=1.0).fit(*logic_gate("OR")).n_updates_
    return check_value("3.6", bound, BOUND_RIGHT, BOUND_WRONG, insight=(
        f"R^2 = 3 and gamma = 0.5 / 1.5 = 1/3, so at most 3 * 9 = {BOUND_RIGHT:.0f} mistakes, for any lr and "
        f"any order. The rule makes {observed} on OR."),
        otherwise=("not this. R^2 is the largest ||x_ext||^2 with x_ext = [1, x1, x2]; gamma is the smallest "
                   "s * (W_sep . x_ext) over the rows, divided by ||W_sep||, s = 2y - 1; enter (R / gamma)^2."))


#: Function exercises for tests/test_checks_tables.py: exercise 3.3 (overrides its older Novikoff entry).
TABLES = {"3.3": (exercise_3_3, LOSS_MISTAKES, loss_right, LOSS_CASES, (), {})}
#: Value exercises: (check, the right value, its wrong values).
VALUE_TABLES = {
    "3.4": (exercise_3_4, GRAD_RIGHT, GRAD_WRONG),
    "3.5": (exercise_3_5, PREDICT_RIGHT, PREDICT_WRONG),
    "3.6": (exercise_3_6, BOUND_RIGHT, BOUND_WRONG),
}

# tests/test_checks_tables.py still names the old function exercise 3.3 (a novikoff_bound function) in its
# literal table; TABLES above replaces that entry. These two names keep that literal importable until it goes.
BOUND_CASES = LOSS_CASES
BOUND_MISTAKES = LOSS_MISTAKES
