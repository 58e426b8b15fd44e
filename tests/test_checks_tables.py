"""Every row of every table of typical mistakes, fed to its check: the check must print that row's hint.

A row is a short mistaken implementation and its hint (course/checks/_core.py, ``Mistake``). Adding a row
adds a test here. A row that an earlier row shadows (the same answers on the check's cases), or that
gives the right answers, fails here: its hint could never be printed.
"""
from __future__ import annotations

import numpy as np
import pytest

from course import checks
from course.checks import _core, nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07

W_OR = nb03.train_right(*nb03.logic_gate("OR"), 1.0, 10)

#: (check, its table, the right answer, the check's cases, the arguments after the function, the {names} in the hints)
TABLES = {
    "0.2": (checks.exercise_0_2, nb00.ACCURACY_MISTAKES, nb00.accuracy_right,
            [(p, labels) for p, labels, _ in nb00.ACCURACY_CASES], (), {}),
    "1.1": (checks.exercise_1_1, nb01.FIRES_MISTAKES, nb01.fires_right, nb01._FIRES_ARGS, (), {}),
    "2.1": (checks.exercise_2_1, nb02.OUTPUT_MISTAKES, nb02.output_right, nb02.OUTPUT_CASES, (), {}),
    "2.3": (checks.exercise_2_3, nb02.LINE_MISTAKES, nb02.line_right, nb02.LINE_CASES, (), {}),
    "3.1": (checks.exercise_3_1, nb03.UPDATE_MISTAKES, nb03.rosenblatt_update, nb03.UPDATE_CASES, (), {}),
    "3.2": (checks.exercise_3_2, nb03.TRAIN_MISTAKES, nb03.train_right, nb03._TRAIN_ARGS, (W_OR,), {}),
    "3.3": (checks.exercise_3_3, nb03.BOUND_MISTAKES, nb03.bound_right, nb03.BOUND_CASES, (), {}),
    "4.1": (checks.exercise_4_1, nb04.BCE_MISTAKES, nb04.binary_cross_entropy, nb04.BCE_CASES, (), {}),
    "4.2": (checks.exercise_4_2, nb04.GRAD_MISTAKES, nb04.gradients, nb04.GRAD_CASES, (), {"n": 5, "b": 0.2}),
    "4.3": (checks.exercise_4_3, nb04.STEP_MISTAKES, nb04.step_right, nb04.STEP_CASES, (), {}),
    "5.2": (checks.exercise_5_2, nb05.ACC_MISTAKES, nb05.line_accuracy_right, nb05.ACC_CASES, (), {}),
    "6.2": (checks.exercise_6_2, nb06.DELTA_MISTAKES, nb06.delta_right, nb06.DELTA_CASES, (), {}),
    "7.1": (checks.exercise_7_1, nb07.SPLIT_MISTAKES, nb07.split_right, nb07.SPLIT_CASES, (), {}),
}
# Each checks module may register its own tables: TABLES, as above, and VALUE_TABLES for value exercises
# (predictions and derivations): {exercise: (check, the right value, its table of WrongValue rows)}.
MODULES = (nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07)
for _module in MODULES:
    TABLES.update(getattr(_module, "TABLES", {}))
VALUE_TABLES = {ex: entry for m in MODULES for ex, entry in getattr(m, "VALUE_TABLES", {}).items()}
VALUE_ROWS = [(ex, i) for ex, (_, _, table) in VALUE_TABLES.items() for i in range(len(table))]
ROWS = [(ex, i) for ex, (_, table, *_) in TABLES.items() for i in range(len(table))]


def filled(hint, first_answer, **names):
    """The hint as the check prints it: {got} is the answer on the first case, {name} a value the check knows."""
    if "{got}" in hint:
        hint = hint.replace("{got}", f"{first_answer:g}")
    for name, value in names.items():
        hint = hint.replace("{" + name + "}", f"{value:g}")
    return hint


def one_line(capsys, check, *args):
    assert check(*args) is None
    out = capsys.readouterr()
    assert out.err == "" and out.out.count("\n") == 1, out
    return out.out.rstrip("\n")


@pytest.mark.parametrize("ex, i", ROWS, ids=[f"{ex}-{i}" for ex, i in ROWS])
def test_each_mistake_gets_its_own_hint(capsys, ex, i):
    check, table, _, cases, extra, names = TABLES[ex]
    row = table[i]
    expected = filled(row.hint, row.answer(*cases[0]) if "{got}" in row.hint else None, **names)
    assert one_line(capsys, check, row.answer, *extra) == f"HINT  Exercise {ex}: not yet: {expected}"


@pytest.mark.parametrize("ex", TABLES)
def test_the_right_answer_passes_and_no_row_gives_it(capsys, ex):
    check, table, right, cases, extra, _ = TABLES[ex]
    assert one_line(capsys, check, right, *extra).startswith(f"PASS  Exercise {ex}: correct.")
    want = [right(*case) for case in cases]
    for row in table:
        theirs = _core.answers_of(row.answer, cases)
        assert theirs is not None and not all(_core.close(t, w) for t, w in zip(theirs, want)), row.hint


def test_the_training_loop_around_nnlibs_rule_is_nnlibs_perceptron():
    for args in nb03._TRAIN_ARGS:
        np.testing.assert_array_equal(nb03.trained(nb03.rosenblatt_update)(*args), nb03.train_right(*args))


@pytest.mark.parametrize("ex, i", VALUE_ROWS, ids=[f"{ex}-{i}" for ex, i in VALUE_ROWS])
def test_each_wrong_value_gets_its_own_hint(capsys, ex, i):
    check, right, table = VALUE_TABLES[ex]
    row = table[i]
    assert one_line(capsys, check, row.value) == f"HINT  Exercise {ex}: not yet: {row.hint}"
    assert not _core._same_value(row.value, right, 1e-3, 1e-6), "a wrong value that is the right one"


@pytest.mark.parametrize("ex", VALUE_TABLES)
def test_the_right_value_passes_and_ellipsis_is_not_answered(capsys, ex):
    check, right, _ = VALUE_TABLES[ex]
    assert one_line(capsys, check, right).startswith(f"PASS  Exercise {ex}: correct.")
    assert "not answered yet" in one_line(capsys, check, ...)
