"""The shared parts of the answer checks (course/checks/_core.py), and how the notebooks call the checks.

Each typical mistake is fed to its diagnosis and the *specific* hint must come
back; a right answer must get no hint. Then, over the real notebooks: every
check a notebook calls exists, every solution cell is followed by its check,
and every check, given ``...`` or None, says "not answered yet" kindly.
"""
from __future__ import annotations

import ast
import re
import warnings

import nbformat

import numpy as np
import pytest

from course import checks
from course.checks import _core
from series_fixture import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CALL = re.compile(r"\bchecks\.(exercise_\d+_\d+)\s*\(")
HEADER = re.compile(r"#\s*Exercise\s+(\d+)\.(\d+)\s*:")

# The AND gate learned by the step perceptron from zero weights with lr = 1 (bias first).
W_AND = np.array([-3.0, 2.0, 1.0])


# ---- the three messages --------------------------------------------------------------

def test_messages_name_the_exercise_and_say_what_happened(capsys):
    _core.not_answered("3.1")
    _core.passed("3.1", "Your boundary passes through (1.5, 0).")
    _core.hint("3.1", "the bias is missing.")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Exercise 3.1: not answered yet.")
    assert lines[1] == "PASS  Exercise 3.1: correct. Your boundary passes through (1.5, 0)."
    assert lines[2] == "HINT  Exercise 3.1: not yet: the bias is missing."


@pytest.mark.parametrize("values, unanswered", [
    ((...,), True), ((None,), True), ((1.0, ...), True), ((np.zeros(3),), False), ((0,), False), (("",), False),
])
def test_is_unanswered_means_ellipsis_or_none(values, unanswered):
    assert _core.is_unanswered(*values) is unanswered


# ---- call_safely: the learner's function, whatever it does --------------------------------

def _stub(x):
    ...


def _raises_not_implemented(x):
    raise NotImplementedError("Exercise 3.1: write it")


def _crashes(x):
    return x @ np.ones((5, 5))


@pytest.mark.parametrize("fn, expected", [
    (..., "not answered yet"),
    (None, "not answered yet"),
    (_stub, "not answered yet"),
    (_raises_not_implemented, "not answered yet"),
    (_crashes, "HINT  Exercise 3.1: not yet: your code raised ValueError: matmul"),
    (np.zeros(3), "pass the function itself (its name, without brackets), not a ndarray."),
])
def test_call_safely_reports_without_a_traceback(fn, expected, capsys):
    ok, result = _core.call_safely("3.1", fn, np.ones(3))
    out = capsys.readouterr()
    assert (ok, result) == (False, None)
    assert expected in out.out and out.out.count("\n") == 1
    assert "Traceback" not in out.out + out.err


def test_call_safely_returns_the_result_and_protects_the_inputs(capsys):
    data = np.ones(3)

    def in_place(x):
        x += 1
        return float(np.exp(1000.0) > 0)  # an overflow: no warning escapes the check

    assert _core.call_safely("3.1", in_place, data) == (True, 1.0)
    np.testing.assert_array_equal(data, np.ones(3))
    assert capsys.readouterr().out == ""


def _no_return(x):
    y = x + 1  # noqa: F841


def _documented_stub(x):
    """A stub as make_student writes it: the docstring stays, the body is ..."""
    ...


def test_is_stub_tells_an_empty_body_from_a_missing_return():
    assert _core.is_stub(_stub) and _core.is_stub(_documented_stub) and _core.is_stub(lambda x: None)
    assert not _core.is_stub(_no_return) and not _core.is_stub(_crashes) and not _core.is_stub(print)


def test_call_safely_a_missing_return_gets_a_hint(capsys):
    assert _core.call_safely("3.1", _no_return, np.ones(3)) == (False, None)
    out = capsys.readouterr().out
    assert out.startswith("HINT  Exercise 3.1") and "_no_return runs but returns None" in out
    assert _core.call_safely("3.1", _documented_stub, 1) == (False, None)
    assert "not answered yet" in capsys.readouterr().out


def test_call_safely_explains_an_error_and_records_warnings(capsys):
    explain = lambda exc: "sizes %s" % (_core.mismatched_sizes(exc),)  # noqa: E731
    assert _core.call_safely("3.1", _crashes, np.ones(3), explain=explain) == (False, None)
    assert "HINT  Exercise 3.1: not yet: sizes (5, 3)" in capsys.readouterr().out
    caught = []
    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        ok, value = _core.call_safely("4.1", lambda a: np.log(a), np.zeros(1), caught=caught)
    assert ok and value[0] == -np.inf and escaped == []
    assert caught == ["divide by zero encountered in log"]


def test_call_safely_without_copies_lets_the_check_see_changes_in_place(capsys):
    data = np.ones(2)
    _core.call_safely("4.3", lambda W: W.__isub__(1), data, copy=False)
    np.testing.assert_array_equal(data, np.zeros(2))


@pytest.mark.parametrize("fn, sizes", [
    (lambda: np.zeros(3) @ np.zeros(2), (2, 3)),
    (lambda: np.dot(np.zeros(3), np.zeros(2)), (3, 2)),
    (lambda: np.zeros(3) * np.zeros(2), (3, 2)),
    (lambda: np.zeros((3, 1)) @ np.zeros(3), (3, 1)),
    (lambda: [][1], None),
])
def test_mismatched_sizes_reads_numpys_messages(fn, sizes):
    with pytest.raises(Exception) as info:
        fn()
    assert _core.mismatched_sizes(info.value) == sizes


# ---- each typical mistake gets its own hint --------------------------------------------

@pytest.mark.parametrize("labels", [[-1, -1, -1, 1], np.array([1.0, -1.0])])
def test_labels_minus_one_plus_one(labels):
    assert "your labels are -1/+1" in _core.diagnose_labels(labels)


@pytest.mark.parametrize("labels", [[0, 0, 0, 1], [1, 1, 1, 1], "abc"])
def test_labels_zero_one_pass(labels):
    assert _core.diagnose_labels(labels) is None


def test_shape_n_by_n_from_broadcasting_a_column_against_a_row():
    y, a = np.array([0.0, 1.0, 1.0, 0.0]), np.array([[0.1], [0.8], [0.7], [0.2]])
    diff = a - y  # the classic mistake: (4, 1) - (4,) -> (4, 4)
    assert diff.shape == (4, 4)
    message = _core.diagnose_shape(diff, (4, 1), "A - y")
    assert "broadcast into an n x n matrix" in message and "(4, 4)" in message


def test_shape_column_where_a_flat_array_is_expected_and_back():
    assert ".ravel()" in _core.diagnose_shape(np.zeros((4, 1)), (4,))
    assert ".reshape(-1, 1)" in _core.diagnose_shape(np.zeros(4), (4, 1))
    assert _core.diagnose_shape(np.zeros((4, 1)), (4, 1)) is None


def test_shape_array_where_a_number_is_expected_points_at_the_mean():
    assert "forget to take the mean" in _core.diagnose_shape(np.zeros(4), ())


# ---- the engine: a table of mistakes, matched on the cases ----------------------------

TABLE = (
    _core.Mistake("doubled", lambda x: 2 * x),
    _core.Mistake("negated", lambda x: -x),
    _core.Mistake("fails on 0", lambda x: 1 / x if x else 1 / 0),
    _core.Mistake("{n} times, and a second part", lambda x: (5 * x, 1)),
)


def test_spot_gives_the_first_row_that_answers_like_the_learner_on_every_case():
    cases = [(1.0,), (3.0,)]
    assert _core.spot([2.0, 6.0], cases, TABLE) == "doubled"
    assert _core.spot([-1.0, -3.0], cases, TABLE) == "negated"
    assert _core.spot([2.0, 7.0], cases, TABLE) is None  # a row must match on every case
    assert _core.spot([(5.0, 1), (15.0, 1)], cases, TABLE, n=5) == "5 times, and a second part"
    assert _core.spot([1.0], [(0.0,)], TABLE) is None  # a row that raises on a case does not match


def test_close_compares_sizes_and_values_and_tuples_part_by_part():
    assert _core.close(np.array([[1.0], [2.0]]), [1.0, 2.0]) and not _core.close([1.0, 2.0], [1.0, 2.0, 3.0])
    assert _core.close((np.ones(2), 3.0), (np.ones(2), 3.0 + 1e-12)) and not _core.close(1.0, (1.0, 2.0))
    assert not _core.close("abc", 1.0)


def test_judge_passes_hints_a_row_or_says_what_the_first_wrong_case_wanted(capsys):
    cases = [(1.0,), (3.0,)]
    for learner in (lambda x: x + 0, lambda x: 2 * x, lambda x: x + 1):
        got = _core.answers("9.9", learner, cases)
        _core.judge("9.9", got, cases, lambda x: x, TABLE, insight="same.",
                    otherwise=lambda i, g, w: f"case {i}: {w:g}, not {g:g}.")
    assert capsys.readouterr().out.splitlines() == [
        "PASS  Exercise 9.9: correct. same.", "HINT  Exercise 9.9: not yet: doubled",
        "HINT  Exercise 9.9: not yet: case 0: 1, not 2."]


def test_answers_reads_each_answer_and_a_wrong_form_is_one_hint(capsys):
    def read(out, x):
        if out < 0:
            raise _core.Wrong(f"negative for {x:g}.")
        return out

    assert _core.answers("9.9", lambda x: x - 2, [(3.0,), (1.0,)], read) is None
    assert _core.answers("9.9", lambda x: x, [(3.0,)], read) == [3.0]
    assert capsys.readouterr().out == "HINT  Exercise 9.9: not yet: negative for 1.\n"



# ---- the checks the notebooks call -------------------------------------------------------

def _code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _calls(path):
    """(check name, number of arguments) for every checks.exercise_N_k(...) call in a notebook."""
    found = []
    for cell in _code_cells(path):
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "checks"):
                found.append((node.func.attr, len(node.args), [k.arg for k in node.keywords]))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_check_a_notebook_calls_exists(path):
    missing = [name for name, _, _ in _calls(path) if not callable(getattr(checks, name, None))]
    assert missing == [], f"{path.name} calls checks that course.checks does not have: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_solution_cell_is_followed_by_its_check(path):
    cells = _code_cells(path)
    for i, cell in enumerate(cells):
        if "solution" not in cell.get("metadata", {}).get("tags", []):
            continue
        match = HEADER.match(cell.source.strip())
        assert match, f"{path.name}: a solution cell must start with '# Exercise N.k: <task>'"
        name = f"exercise_{match.group(1)}_{match.group(2)}"
        # A prediction is checked after the cell that runs what it predicts: the check may come one cell later.
        reach = 3 if cell.get("metadata", {}).get("kind") == "predict" else 1
        after = [c for c in cells[i + 1:] if "verify" not in c.get("metadata", {}).get("tags", [])]
        calls = [CALL.findall(c.source) for c in after[:reach]]
        assert [name] in calls and all(c == [] for c in calls[:calls.index([name])]), (
            f"{path.name}: the cell after Exercise {match.group(1)}.{match.group(2)} (or, for a prediction, one of the "
            f"three after it) must call checks.{name}(...)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("blank", [..., None], ids=["ellipsis", "None"])
def test_every_check_says_not_answered_kindly(path, blank, capsys):
    for name, n_args, keywords in _calls(path):
        check = getattr(checks, name, None)
        if check is None:
            continue  # reported by test_every_check_a_notebook_calls_exists
        check(*[blank] * n_args, **{k: blank for k in keywords if k})
        out = capsys.readouterr()
        assert "not answered yet" in out.out and out.out.count("\n") == 1, (name, out.out)
        assert "Traceback" not in out.out + out.err


# ---- value exercises (predictions and derivations) ----------------------------------

VALUE_TABLE = (_core.WrongValue("you forgot the mean: that is the sum over the 4 samples.", 4.0),
               _core.WrongValue("the sign is flipped: the error is a - y, not y - a.", -1.0))


@pytest.mark.parametrize("got, line", [
    (1.0, "PASS  Exercise 9.9: correct. insight"),
    (1.0004, "PASS  Exercise 9.9: correct. insight"),
    (4.0, "HINT  Exercise 9.9: not yet: you forgot the mean: that is the sum over the 4 samples."),
    (-1, "HINT  Exercise 9.9: not yet: the sign is flipped: the error is a - y, not y - a."),
    (2.5, "HINT  Exercise 9.9: not yet: work it out again."),
    (..., "Exercise 9.9: not answered yet."),
    ("1", "HINT  Exercise 9.9: not yet: answer with a number, not a str."),
    (True, "HINT  Exercise 9.9: not yet: answer with a number, not a bool."),
    ([1.0, 2.0], "HINT  Exercise 9.9: not yet: expected one number, got shape (2,)."),
    (float("nan"), "HINT  Exercise 9.9: not yet: your answer holds NaN or an infinity"),
])
def test_check_value_says_pass_the_rows_hint_or_what_form_was_expected(capsys, got, line):
    _core.check_value("9.9", got, 1.0, VALUE_TABLE, "insight", "work it out again.")
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith(line), out


def test_check_value_compares_words_and_truth_values_by_kind(capsys):
    table = (_core.WrongValue("OR fires more often, so it has more to learn? No: count the mistakes.", "AND"),)
    for got, start in (("  or ", "PASS"), ("And", "HINT  Exercise 9.8: not yet: OR fires"), (1, "HINT  Exercise 9.8: "
                       "not yet: answer with text"), ("NAND", "HINT  Exercise 9.8: not yet: look again")):
        _core.check_value("9.8", got, "OR", table, "yes.", "look again")
        assert capsys.readouterr().out.startswith(start), got
    _core.check_value("9.7", 1, True, (), "yes.", "no.")
    assert capsys.readouterr().out.startswith("HINT  Exercise 9.7: not yet: answer True or False")
    _core.check_value("9.7", np.bool_(True), True, (), "yes.", "no.")
    assert capsys.readouterr().out.startswith("PASS")
    _core.check_value("9.6", np.array([[0.0, 0.0]]), np.zeros(2), (), "yes.", "no.")
    assert capsys.readouterr().out.startswith("PASS")  # the numbers count, not how they are nested
