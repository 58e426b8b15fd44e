"""Answer checks for notebook 00 (start here): two warm-up exercises that show how exercises work.

- ``exercise_0_1(n_ones_or)``: how many of the OR gate's four rows have label 1.
- ``exercise_0_2(accuracy)``: ``accuracy(predictions, labels)``, the fraction of
  predictions equal to the labels, for arrays of shape (n,) or (n, 1).

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ._core import Mistake, as_float_array, check_function, hint, is_unanswered, not_answered, number_from, passed

__all__ = ["exercise_0_1", "exercise_0_2", "ACCURACY_CASES", "ACCURACY_MISTAKES"]


def exercise_0_1(n_ones_or: Any) -> None:
    """Check the number of rows of the OR gate whose label is 1 (it is 3)."""
    ex = "0.1"
    if is_unanswered(n_ones_or):
        return not_answered(ex)
    arr = None if isinstance(n_ones_or, (str, bytes)) else as_float_array(n_ones_or)
    if arr is None or arr.size != 1:
        shape = f" of shape {np.shape(n_ones_or)}" if arr is not None else ""
        return hint(ex, f"n_ones_or should be one number, got {type(n_ones_or).__name__}{shape}. "
                        "Count the labels that equal 1, e.g. int(np.sum(y_or == 1)).")
    value = float(arr.reshape(-1)[0])
    if value == 3:
        return passed(ex, "OR fires unless both inputs are 0, so 3 of its 4 rows are labelled 1. "
                          "X_or has shape (4, 2), one row per input pair; y_or has shape (4,), one label per row.")
    if value == 4:
        return hint(ex, "4 is the number of rows. Count only the rows whose label is 1: np.sum(y_or == 1).")
    if value == 1:
        return hint(ex, "1 is how many OR rows are labelled 0 (or how many AND rows are labelled 1). "
                        "Load OR with nn.logic_gate(\"OR\") and count the labels equal to 1.")
    if value == 2:
        return hint(ex, "2 is the number of columns of X_or (two inputs). The labels are in y_or: count its 1s.")
    return hint(ex, f"n_ones_or should be a count between 0 and 4, got {value:g}. Print y_or and count its 1s.")


#: (predictions, labels, accuracy) for exercise 0.2. Case 3 gives the predictions as an
#: (n, 1) column, the shape a model's output often has: compared with an (n,) vector
#: without reshaping, NumPy broadcasts the two into an (n, n) matrix.
ACCURACY_CASES: tuple[tuple[np.ndarray, np.ndarray, float], ...] = (
    (np.array([1, 0, 1, 1]), np.array([1, 0, 0, 1]), 0.75),
    (np.array([0, 1, 1, 0]), np.array([0, 1, 1, 0]), 1.0),
    (np.array([[1], [1], [0], [0], [1]]), np.array([1, 0, 0, 1, 1]), 0.6),
)


def accuracy_right(predictions: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(np.ravel(predictions) == np.ravel(labels)))


_COLUMN, _COLUMN_LABELS, _ = ACCURACY_CASES[2]

ACCURACY_MISTAKES: tuple[Mistake, ...] = (
    Mistake("it works for two vectors but not when the predictions are a (5, 1) column: comparing a (5, 1) column "
            "with a (5,) vector broadcasts into a (5, 5) matrix of every pair (you got "
            f"{np.mean(_COLUMN == _COLUMN_LABELS):g}, which is what the (5, 5) matrix gives). Flatten both first: "
            "np.ravel(predictions) == np.ravel(labels).",
            lambda p, labels: np.mean(p == labels)),
    Mistake("you returned the number of correct predictions. Accuracy is a fraction: divide by the number "
            "of samples (np.mean does the counting and the dividing).",
            lambda p, labels: np.sum(np.ravel(p) == labels)),
    Mistake("you returned the fraction of WRONG predictions (the error rate). Accuracy counts the equal "
            "pairs: predictions == labels.",
            lambda p, labels: np.mean(np.ravel(p) != labels)),
    Mistake("you returned a percentage. Return the fraction between 0 and 1 (0.75, not 75).",
            lambda p, labels: 100 * np.mean(np.ravel(p) == labels)),
)


def _read_accuracy(out: Any, *case: Any) -> float:
    return number_from(out, "accuracy returned {type}; it should return one number between 0 and 1.",
                       "accuracy returned an array of shape {shape} instead of one number: that is the comparison "
                       "of each pair. Take the mean over the samples: np.mean(predictions == labels).")


def _accuracy_otherwise(i: int, got: float, want: float) -> str:
    if i == 2:  # right on the two vectors, wrong on the column
        return ("it works for two vectors but not when the predictions are a (5, 1) column: comparing a (5, 1) "
                "column with a (5,) vector broadcasts into a (5, 5) matrix of every pair. Flatten both first: "
                "np.ravel(predictions) == np.ravel(labels).")
    return f"for predictions [1, 0, 1, 1] and labels [1, 0, 0, 1] the accuracy is 0.75 (3 of 4 equal), got {got:g}."


def exercise_0_2(accuracy: Callable[[Any, Any], Any]) -> None:
    """Check ``accuracy(predictions, labels)``: the fraction of equal entries, for (n,) or (n, 1) inputs."""
    ex = "0.2"
    cases = [(pred, labels) for pred, labels, _ in ACCURACY_CASES]
    return check_function(ex, accuracy, "accuracy", cases, _read_accuracy, accuracy_right, ACCURACY_MISTAKES,
                          otherwise=_accuracy_otherwise, insight=(
        "Your accuracy is the mean of (predictions == labels), for vectors and columns alike. "
        "nnlib's Perceptron.score computes exactly this, and notebooks 3 to 7 report it."))
