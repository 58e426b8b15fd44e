"""Checks of notebook 00: the right answers pass, each typical mistake gets its own hint, stubs are 'not answered'."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib as nn
from course.checks import exercise_0_1, exercise_0_2


def said(check, *args, capsys) -> str:
    check(*args)
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out  # exactly one line
    return out


def test_0_1_the_real_count_passes(capsys):
    _, y_or = nn.logic_gate("OR")
    assert said(exercise_0_1, int(np.sum(y_or == 1)), capsys=capsys).startswith("PASS  Exercise 0.1")


@pytest.mark.parametrize("answer,text", [
    (..., "not answered yet"),
    (None, "not answered yet"),
    (4, "number of rows"),
    (1, "labelled 0"),
    (2, "columns"),
    (np.array([0, 1, 1, 1]), "one number"),
    ("3", "one number"),
    (7, "between 0 and 4"),
])
def test_0_1_mistakes(answer, text, capsys):
    out = said(exercise_0_1, answer, capsys=capsys)
    assert text in out and not out.startswith("PASS")


def good(predictions, labels):
    return float(np.mean(np.ravel(predictions) == np.ravel(labels)))


def no_ravel(predictions, labels):
    return float(np.mean(predictions == labels))


def elementwise(predictions, labels):
    return np.ravel(predictions) == np.ravel(labels)


def count(predictions, labels):
    return int(np.sum(np.ravel(predictions) == np.ravel(labels)))


def error_rate(predictions, labels):
    return float(np.mean(np.ravel(predictions) != np.ravel(labels)))


def percent(predictions, labels):
    return 100 * good(predictions, labels)


def stub(predictions, labels):
    ...


def no_return(predictions, labels):
    np.mean(np.ravel(predictions) == np.ravel(labels))


def raises(predictions, labels):
    raise NotImplementedError("Exercise 0.2: write accuracy")


def test_0_2_a_correct_function_passes(capsys):
    assert said(exercise_0_2, good, capsys=capsys).startswith("PASS  Exercise 0.2")


@pytest.mark.parametrize("fn,text", [
    (no_ravel, "(5, 5) matrix"),
    (elementwise, "instead of one number"),
    (count, "number of correct predictions"),
    (error_rate, "WRONG"),
    (percent, "percentage"),
    (stub, "not answered yet"),
    (raises, "not answered yet"),
    (no_return, "return"),
    (..., "not answered yet"),
    (0.75, "function itself"),
])
def test_0_2_mistakes(fn, text, capsys):
    out = said(exercise_0_2, fn, capsys=capsys)
    assert text in out and not out.startswith("PASS"), out
