"""The engine the answer checks run on: the three messages, calling the learner safely, tables of mistakes.

A check prints exactly one message and returns None:

- ``not_answered``: the learner left ``...`` or None. Said kindly, no traceback.
- ``passed``: a confirmation plus one line of insight.
- ``hint``: what is wrong, as specifically as the diagnosis allows.

A check knows its exercise's typical mistakes as data: a table of ``Mistake``
rows, each a short mistaken implementation (called like the learner's function)
and the hint it earns. The check runs the learner's function on its cases,
and, unless every answer is right, runs each row's implementation on the same
cases: the first row whose answers all agree with the learner's gives the hint
(``spot``). The tests feed every row to its check. What the table cannot say
(an exception, an answer of the wrong type or shape) the check's own code says
first, through ``call_safely`` and ``diagnose_shape``.
"""
from __future__ import annotations

import dis
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np


def is_unanswered(*values: Any) -> bool:
    """True if any value is ``...`` or None (the learner has not written it yet)."""
    return any(v is Ellipsis or v is None for v in values)


def not_answered(exercise: str) -> None:
    print(f"Exercise {exercise}: not answered yet. Replace the ... with your code, run that cell, then run this check again.")


def passed(exercise: str, insight: str) -> None:
    print(f"PASS  Exercise {exercise}: correct. {insight}")


def hint(exercise: str, message: str) -> None:
    print(f"HINT  Exercise {exercise}: not yet: {message}")


def as_float_array(value: Any) -> np.ndarray | None:
    """The learner's answer as a float array, or None if it is not numeric."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def is_stub(fn: Callable) -> bool:
    """True if ``fn``'s body does nothing (``...``, ``pass``, a docstring): a stub the learner has not filled in.

    A function that does some work and then returns None has not been left
    unanswered: its ``return`` is missing.
    """
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    idle = {"RESUME", "NOP", "CACHE", "LOAD_CONST", "POP_TOP", "RETURN_VALUE", "RETURN_CONST"}
    return all(ins.opname in idle for ins in dis.get_instructions(code))


def _name(fn: Callable) -> str:
    name = getattr(fn, "__name__", "")
    return name if name.isidentifier() else "your function"


def run_learner(fn: Callable, *args: Any, copy: bool = True) -> tuple[Any, BaseException | None, list[str]]:
    """Call the learner's function: ``(result, exception or None, warning messages)``. Prints nothing.

    Array arguments are copied (unless ``copy=False``), so a function that changes
    its inputs in place cannot spoil the check's own data. Warnings, NumPy's
    floating-point ones included, are recorded instead of printed: the check
    judges the result, and nothing reaches the notebook's stderr.
    """
    if copy:
        args = tuple(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args)
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            result = fn(*args)
        except Exception as exc:  # the learner's code, not ours: report, don't crash
            return None, exc, [str(w.message) for w in caught]
    return result, None, [str(w.message) for w in caught]


def mismatched_sizes(exc: BaseException) -> tuple[int, int] | None:
    """The two sizes in NumPy's message when two 1-D arrays of different lengths meet (``@``, ``np.dot``, ``*``)."""
    for pattern in (r"size (\d+) is different from (\d+)", r"not aligned: (\d+) \(dim \d+\) != (\d+) \(dim",
                    r"broadcast together with shapes \((\d+),\) \((\d+),\)"):
        match = re.search(pattern, str(exc))
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def call_safely(exercise: str, fn: Callable, *args: Any, copy: bool = True, floats: bool = False,
                explain: Callable[[BaseException], str | None] | None = None,
                caught: list[str] | None = None, none: str | None = None) -> tuple[bool, Any]:
    """Call the learner's function and return ``(True, result)``, or print one message and return ``(False, None)``.

    - ``fn`` is ``...``/None, the function still raises NotImplementedError, or it
      is a stub whose body is ``...`` (it returns ``...``/None): "not answered yet".
    - ``fn`` does some work but returns None: a hint that its ``return`` is missing or never
      reached, or the hint ``none`` if the exercise knows what a None means there.
    - ``fn`` is not a function: a hint to pass the function itself.
    - ``fn`` raises: ``explain(exc)`` if that names the mistake, else a hint naming
      the exception; never a traceback.

    Array arguments are copied unless ``copy=False`` (``floats=True`` copies them as
    float arrays). Warnings are recorded, not printed; pass a list as ``caught``
    to receive their messages.
    """
    if floats:
        args = tuple(np.array(a, dtype=float) if isinstance(a, np.ndarray) else a for a in args)
        copy = False
    if is_unanswered(fn):
        not_answered(exercise)
        return False, None
    if not callable(fn):
        hint(exercise, f"pass the function itself (its name, without brackets), not a {type(fn).__name__}.")
        return False, None
    result, exc, messages = run_learner(fn, *args, copy=copy)
    if caught is not None:
        caught.extend(messages)
    if isinstance(exc, NotImplementedError):
        not_answered(exercise)
        return False, None
    if exc is not None:
        hint(exercise, (explain(exc) if explain else None) or f"your code raised {type(exc).__name__}: {exc}")
        return False, None
    if is_unanswered(result):
        if result is None and not is_stub(fn):
            hint(exercise, none or f"{_name(fn)} runs but returns None: is the return line missing? Or is it "
                           "never reached, inside an `if` or a loop that ends without it? End with return and the result.")
        else:
            not_answered(exercise)
        return False, None
    return True, result


# ---- diagnoses of typical mistakes -------------------------------------------------

def diagnose_labels(y: Any) -> str | None:
    """Labels -1/+1 where 0/1 are expected."""
    arr = as_float_array(y)
    if arr is not None and arr.size and set(np.unique(arr).tolist()) <= {-1.0, 1.0} and (arr == -1).any():
        return ("your labels are -1/+1, but this perceptron uses 0/1 labels (the step function outputs 0 or 1). "
                "Convert with (y + 1) // 2.")
    return None


def diagnose_shape(value: Any, expected_shape: tuple[int, ...], name: str = "your answer") -> str | None:
    """Wrong shape, including the (n,) vs (n, 1) broadcast into an (n, n) matrix."""
    arr = as_float_array(value)
    if arr is None:
        return f"{name} should be a number or an array of numbers, got {type(value).__name__}."
    if arr.shape == expected_shape:
        return None
    n = max(expected_shape) if expected_shape else 1
    if arr.ndim == 2 and arr.shape == (n, n) and n > 1:
        return (f"{name} has shape {arr.shape}: an (n,) array met an (n, 1) array and broadcast into an n x n matrix. "
                "Make both the same shape first, e.g. y.reshape(-1, 1) or A.ravel().")
    if arr.ndim == 2 and expected_shape == (arr.shape[0],) and arr.shape[1] == 1:
        return (f"{name} has shape {arr.shape}, a column, but it should be a flat array of shape {expected_shape}. "
                "Flatten it with .ravel() (or index the column: A[:, 0]).")
    if len(expected_shape) == 2 and expected_shape[1] == 1 and arr.shape == (expected_shape[0],):
        return (f"{name} has shape {arr.shape}, a flat array, but it should be a column of shape {expected_shape}. "
                "Make it a column with .reshape(-1, 1).")
    if arr.ndim == 0 and expected_shape != ():
        return f"{name} is a single number, but it should have shape {expected_shape}."
    if expected_shape == () and arr.size > 1:
        return (f"{name} has shape {arr.shape}, but it should be a single number. "
                "Did you forget to take the mean over the samples (np.mean)?")
    return f"{name} has shape {arr.shape}, expected {expected_shape}."


# ---- typical mistakes as data ------------------------------------------------------

@dataclass(frozen=True)
class Mistake:
    """One typical mistake: the hint it earns, and ``answer``, a short mistaken implementation.

    ``answer`` takes the same arguments as the learner's function (one case of
    the exercise) and returns what that mistake returns. ``{got}`` in the hint
    stands for the learner's answer on the first case; any other ``{name}`` for
    a value the check passes to ``spot`` (e.g. ``n``, the number of samples).
    """

    hint: str
    answer: Callable[..., Any]


def close(got: Any, want: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True if two answers (numbers, arrays, or tuples of them) agree in size and value."""
    if isinstance(want, tuple):
        return isinstance(got, tuple) and len(got) == len(want) and all(close(g, w, rtol, atol) for g, w in zip(got, want))
    got_a, want_a = as_float_array(got), as_float_array(want)
    if got_a is None or want_a is None or got_a.size != want_a.size:
        return False  # shapes that differ otherwise were named before any answer is compared
    return bool(np.allclose(got_a.ravel(), want_a.ravel(), rtol=rtol, atol=atol))


_ANSWERS: dict[tuple[int, int], tuple[Callable, tuple, list[Any] | None]] = {}


def answers_of(rule: Callable[..., Any], cases: Iterable[Sequence[Any]]) -> list[Any] | None:
    """``rule``'s answer on every case, or None if it raises on one (a row that cannot apply).

    For a tuple of cases (a check's constant cases) the answers are computed once: a
    mistake's answers do not depend on the learner.
    """
    if isinstance(cases, tuple):
        kept = _ANSWERS.get((id(rule), id(cases)))
        if kept is not None and kept[0] is rule and kept[1] is cases:
            return kept[2]
        answers = answers_of(rule, list(cases))
        _ANSWERS[(id(rule), id(cases))] = (rule, cases, answers)  # holding both keeps their ids unique
        return answers
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return [rule(*case) for case in cases]
    except Exception:  # a mistaken implementation that does not fit these cases does not match
        return None


def spot(got: Sequence[Any], cases: Sequence[Sequence[Any]], table: Iterable[Mistake],
         same: Callable[[Any, Any], bool] = close, **fill: Any) -> str | None:
    """The hint of the first row whose answers on ``cases`` are the learner's answers ``got``, else None.

    In the hint, ``{got}`` becomes ``got[0]`` and ``{name}`` each value in ``fill``.
    """
    for row in table:
        theirs = answers_of(row.answer, cases)
        if theirs is not None and all(same(g, t) for g, t in zip(got, theirs)):
            message = row.hint.replace("{got}", f"{got[0]:g}") if "{got}" in row.hint else row.hint
            for name, value in fill.items():
                message = message.replace("{" + name + "}", f"{value:g}")
            return message
    return None


class Wrong(Exception):
    """Raised by a check's ``read`` function: the answer has the wrong form; the message is the hint."""


def not_a_function(exercise: str, value: Any, call: str) -> bool:
    """Print "not answered" for ``...``/None, or a hint when ``value`` is not a function; True if printed."""
    if is_unanswered(value):
        not_answered(exercise)
        return True
    if callable(value):
        return False
    hint(exercise, f"pass the function itself, e.g. checks.exercise_{exercise.replace('.', '_')}({call}), "
                   f"not a {type(value).__name__}.")
    return True


def answers(exercise: str, fn: Callable, cases: Iterable[Sequence[Any]],
            read: Callable[..., Any] = lambda out, *case: out, **call: Any) -> list[Any] | None:
    """The learner's answer on every case, each passed through ``read(out, *case)``; None after printing a message.

    ``read`` returns the answer in the form the check compares, or raises
    ``Wrong(hint)`` when its form is wrong. ``call`` goes to ``call_safely``.
    """
    got = []
    for case in cases:
        ok, out = call_safely(exercise, fn, *case, **call)
        if not ok:
            return None
        try:
            got.append(read(out, *case))
        except Wrong as wrong:
            hint(exercise, str(wrong))
            return None
    return got


def judge(exercise: str, got: Sequence[Any], cases: Sequence[Sequence[Any]], right: Callable[..., Any],
          table: Iterable[Mistake], insight: str | Callable[[], str],
          otherwise: Callable[[int, Any, Any], str], same: Callable[[Any, Any], bool] = close,
          **fill: Any) -> None:
    """Print PASS with ``insight`` if ``got`` is ``right``'s answer on every case; else the hint of the
    first matching row of ``table``; else ``otherwise(i, got[i], right's answer)`` for the first wrong case ``i``."""
    with np.errstate(all="ignore"):  # the learner's inf and nan are compared, not warned about
        want = [right(*case) for case in cases]
        if all(same(g, w) for g, w in zip(got, want)):
            return passed(exercise, insight() if callable(insight) else insight)
        i = next(k for k, (g, w) in enumerate(zip(got, want)) if not same(g, w))
        return hint(exercise, spot(got, cases, table, same, **fill) or otherwise(i, got[i], want[i]))


def fmt4(value: float) -> str:
    """``value`` to 4 decimals, with no minus sign on a rounded zero."""
    return f"{value + 0.0:.4f}".replace("-0.0000", "0.0000")


def check_function(exercise: str, fn: Any, call: str, cases: Sequence[Sequence[Any]], read: Callable[..., Any],
                   right: Callable[..., Any], table: Iterable[Mistake], insight: str | Callable[[], str],
                   otherwise: Callable[[int, Any, Any], str], same: Callable[[Any, Any], bool] = close,
                   fill: dict[str, Any] | None = None, **call_options: Any) -> None:
    """The whole check of a function exercise: ``fn`` is a function (``call`` shows how to pass it), its
    answers on ``cases`` have the right form (``read``), and ``judge`` says PASS or the hint."""
    if not_a_function(exercise, fn, call):
        return None
    got = answers(exercise, fn, cases, read, **call_options)
    if got is None:
        return None
    return judge(exercise, got, cases, right, table, insight, otherwise, same, **(fill or {}))


def number_from(out: Any, not_numeric: str, not_one: str, square: str | None = None, n: int = 0) -> float:
    """``out`` as one float, or ``Wrong`` with the hint for its form, ``{type}`` and ``{shape}`` filled in:
    ``not_numeric`` if it is not a number, ``square`` if it is an (n, n) matrix, ``not_one`` if it holds
    more (or fewer) than one number."""
    arr = as_float_array(out)
    if arr is None:
        raise Wrong(not_numeric.replace("{type}", type(out).__name__))
    if arr.size != 1:
        message = square if square and arr.shape == (n, n) else not_one
        raise Wrong(message.replace("{type}", type(out).__name__).replace("{shape}", str(arr.shape)))
    return float(arr.reshape(-1)[0])


def weights_and_bias(exercise: str, w: Any, b: Any, not_numbers: str) -> tuple[np.ndarray, np.ndarray] | None:
    """A value exercise's ``(w, b)`` as float arrays, or None after printing "not answered" (``...``/None)
    or the hint ``not_numbers`` (either is not numeric)."""
    if is_unanswered(w, b):
        not_answered(exercise)
        return None
    wa, ba = as_float_array(w), as_float_array(b)
    if wa is None or ba is None:
        hint(exercise, not_numbers)
        return None
    return wa, ba


# ---- answers that are values: predictions and derivations ---------------------------

@dataclass(frozen=True)
class WrongValue:
    """One typical wrong answer to a value exercise (a prediction or a derivation) and the hint it earns."""

    hint: str
    value: Any


def _same_value(got: Any, want: Any, rtol: float, atol: float) -> bool:
    if isinstance(want, str):
        return isinstance(got, str) and got.strip().lower() == want.strip().lower()
    if isinstance(want, (bool, np.bool_)):
        return isinstance(got, (bool, np.bool_)) and bool(got) == bool(want)
    if isinstance(got, (bool, np.bool_, str)):
        return False
    return close(got, want, rtol, atol)


def check_value(exercise: str, got: Any, right: Any, table: Iterable[WrongValue], insight: str,
                otherwise: str, rtol: float = 1e-3, atol: float = 1e-6) -> None:
    """The whole check of a value exercise: PASS with ``insight`` if ``got`` is ``right`` (numbers and arrays
    to ``rtol``/``atol``, text ignoring case and surrounding spaces), else the hint of the first row of
    ``table`` whose value it is, else ``otherwise``.

    An answer of the wrong kind (text for a number, a number for a word, an array of another size) is
    named, with what was expected, before any value is compared.
    """
    if is_unanswered(got):
        return not_answered(exercise)
    if isinstance(right, str):
        if not isinstance(got, str):
            return hint(exercise, f"answer with text, e.g. {right!r} in quotes, not a {type(got).__name__}.")
    elif isinstance(right, (bool, np.bool_)):
        if not isinstance(got, (bool, np.bool_)):
            return hint(exercise, f"answer True or False, not a {type(got).__name__} {got!r}.")
    else:
        arr, want = as_float_array(got), np.asarray(right, dtype=float)
        if arr is None or isinstance(got, (str, bool, np.bool_)):
            return hint(exercise, f"answer with a number{'' if want.size == 1 else f' for each of the {want.size} entries'}, "
                                 f"not a {type(got).__name__}.")
        if arr.size != want.size:
            shape = "one number" if want.size == 1 else f"{want.size} numbers (shape {want.shape})"
            return hint(exercise, f"expected {shape}, got shape {arr.shape}.")
        if not np.all(np.isfinite(arr)):
            return hint(exercise, "your answer holds NaN or an infinity; enter the value you worked out.")
    if _same_value(got, right, rtol, atol):
        return passed(exercise, insight)
    for row in table:
        if _same_value(got, row.value, rtol, atol):
            return hint(exercise, row.hint)
    return hint(exercise, otherwise)
