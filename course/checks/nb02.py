"""Answer checks for notebook 02 (the step perceptron and logic gates).

- ``exercise_2_1(perceptron_output)``: ``perceptron_output(x, W)`` for one sample
  ``x`` (d,) and weights ``W`` (d + 1,) with the bias first -> 1 or 0.
- ``exercise_2_2(predicted_outputs)``: a prediction, the four outputs of the neuron
  ``W = [-1, 1, 1]`` on the rows 00, 01, 10, 11 (two of them lie on its line).
- ``exercise_2_3(name_gate)``: ``name_gate(W)`` -> the name of the gate of ``nn.GATES``
  that the weights ``W = [b, w1, w2]`` compute, or ``"none"``.
- ``exercise_2_4(W_nor)``: weights ``[b, w1, w2]`` for the NOR gate, worked out from its
  four inequalities.
- ``exercise_2_5(slope_intercept)``: the slope and intercept of the boundary of
  ``W = [1, -2, 4]``, derived on paper: ``x2 = slope * x1 + intercept``.

Each check prints one line (PASS + insight, a specific HINT, or "not answered
yet") and returns None. It never raises on a wrong answer.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from nnlib import step
from nnlib.data import GATE_INPUTS, GATES
from ._core import (Mistake, Wrong, WrongValue, as_float_array, check_function, check_value, hint, is_unanswered,
                    not_answered, number_from, passed)
from ._reference import pre_activation, step_neuron

__all__ = ["exercise_2_1", "exercise_2_2", "exercise_2_3", "exercise_2_4", "exercise_2_5", "OUTPUT_CASES",
           "OUTPUT_MISTAKES", "NAME_CASES", "NAME_MISTAKES", "LINE_CASES", "LINE_MISTAKES", "TABLES", "VALUE_TABLES"]

# ---- exercise 2.1 ------------------------------------------------------------------

#: (x, W) pairs for exercise 2.1, W bias first. Chosen so that every typical mistake
#: below answers differently: case 4 lies exactly on the boundary (z = 0), case 5
#: fires only without its bias, case 6 changes class if the bias is read from the end.
OUTPUT_CASES: tuple[tuple[np.ndarray, np.ndarray], ...] = tuple((np.array(x, float), np.array(W, float)) for x, W in (
    ((1, 1), (-1.5, 1, 1)),      # z =  0.5 -> 1
    ((1, 0), (-1.5, 1, 1)),      # z = -0.5 -> 0
    ((0, 0), (0.5, -1, -1)),     # z =  0.5 -> 1
    ((1, 1), (0.5, -1, -1)),     # z = -1.5 -> 0
    ((0.5, 0), (-1, 2, 0.5)),    # z =  0   -> 1 (the boundary itself)
    ((1, 0), (-2, 1, 1)),        # z = -1   -> 0
    ((0, 1), (3, -2, 1)),        # z =  4   -> 1
))


def output_right(x: np.ndarray, W: np.ndarray) -> int:
    return step(pre_activation(x, W))


OUTPUT_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the bias is missing: you used only W[1:] . x. W[0] is the bias, the weight of a constant input "
            "x0 = 1: z = W[0] + W[1:] . x, or W . np.insert(x, 0, 1).",
            lambda x, W: step(W[1:] @ x)),
    Mistake("you read the bias from the end of W. In this series the bias comes first: W = [b, w1, w2], "
            "so insert the constant 1 at the front: np.insert(x, 0, 1).",
            lambda x, W: step(W @ np.append(x, 1))),
    Mistake("almost: at z = 0 exactly the output is 1, because step(0) = 1. "
            "Use z >= 0 (or nn.step), not z > 0.",
            lambda x, W: int(W @ np.insert(x, 0, 1) > 0)),
    Mistake("every answer is flipped: the output is 1 when z >= 0 and 0 when z < 0.",
            lambda x, W: int(W @ np.insert(x, 0, 1) < 0)),
    Mistake("you return -1 for the negative side (like np.sign). This perceptron's labels are 0/1: "
            "the step function outputs 0 or 1. Use nn.step(z) or int(z >= 0).",
            lambda x, W: 1 if W @ np.insert(x, 0, 1) >= 0 else -1),
    Mistake("you returned z itself. Pass it through the step activation: 1 if z >= 0, else 0 (nn.step(z)).",
            lambda x, W: W @ np.insert(x, 0, 1)),
)


def _explain_output_error(exc: BaseException) -> str | None:
    text = str(exc)
    if isinstance(exc, ValueError) and ("shape" in text or "align" in text or "mismatch" in text):
        return (f"your code raised ValueError ({text}). W has d + 1 entries but x has d: put the constant input 1 "
                "in front of x first, x_ext = np.insert(x, 0, 1), then z = W @ x_ext.")
    return None


def _read_output(out: Any, x: np.ndarray, W: np.ndarray) -> float:
    return number_from(out, "perceptron_output returned {type}; it should return 1 or 0.",
                       "perceptron_output returned an array of shape {shape} for one sample; it should return a "
                       "single 1 or 0. Did you multiply elementwise (W * x_ext) instead of taking the dot product "
                       "(W @ x_ext, which also sums)?")


def exercise_2_1(perceptron_output: Callable[..., Any]) -> None:
    """Check ``perceptron_output(x, W)``: step(W[0] + W[1:] . x) for one sample."""
    ex = "2.1"

    def otherwise(i: int, got_i: float, want_i: int) -> str:
        x, W = OUTPUT_CASES[i]
        return (f"for x = ({', '.join(f'{v:g}' for v in x)}) and W = ({', '.join(f'{v:g}' for v in W)}), "
                f"z = {pre_activation(x, W):g} so the "
                f"output is {want_i}, but your function returned {got_i:g}.")

    return check_function(ex, perceptron_output, "perceptron_output", OUTPUT_CASES, _read_output, output_right,
                          OUTPUT_MISTAKES, explain=_explain_output_error, otherwise=otherwise, insight=(
        "Your neuron puts the bias first, W = [b, w1, w2], with the constant input 1 in front of x, and outputs 1 "
        "for the point (0.5, 0) with W = [-1, 2, 0.5], where z = 0 exactly (step(0) = 1)."))


# ---- exercise 2.4 ------------------------------------------------------------------

def _gate_outputs(W: np.ndarray, bias_first: bool = True) -> np.ndarray:
    """nnlib's Perceptron with weights ``W`` on the four gate inputs (``W`` read bias last if not ``bias_first``)."""
    return step_neuron(W if bias_first else np.roll(W, 1)).predict(GATE_INPUTS)


def _truth(y: np.ndarray) -> str:
    return ", ".join(f"{int(a)}{int(c)}->{int(t)}" for (a, c), t in zip(GATE_INPUTS, y))


#: Exercise 2.4 asks for every row at least this far from z = 0.
NOR_MARGIN = 0.5


def exercise_2_4(W_nor: Any) -> None:
    """Check NOR weights ``[b, w1, w2]`` (bias first), worked out from NOR's four inequalities."""
    ex = "2.4"
    if is_unanswered(W_nor):
        return not_answered(ex)
    W = as_float_array(W_nor)
    if W is None or W.ndim > 2:
        return hint(ex, "W_nor should be an array of 3 numbers: [b, w1, w2].")
    if W.size == 2:
        return hint(ex, "W_nor has only 2 numbers: the bias is missing. Write it first, W_nor = [b, w1, w2]; "
                        "it is the weight of the constant input x0 = 1.")
    if W.size != 3:
        return hint(ex, f"W_nor should hold 3 numbers, [b, w1, w2], got shape {W.shape}.")
    W = W.ravel()
    if not np.all(np.isfinite(W)):
        return hint(ex, "every weight must be a finite number.")
    want = np.array(GATES["NOR"])
    got = _gate_outputs(W)
    if np.array_equal(got, want):
        z = GATE_INPUTS @ W[1:] + W[0]
        margin = float(np.min(np.abs(z)))
        closest = "(%d,%d)" % tuple(GATE_INPUTS[int(np.argmin(np.abs(z)))])
        if margin < NOR_MARGIN:
            return hint(ex, f"these weights give NOR's outputs, but row {closest} has z = {z[np.argmin(np.abs(z))]:g}, "
                            f"only {margin:g} from the boundary; the exercise asks for at least {NOR_MARGIN:g}"
                            + (" (a row at z = 0 fires only because step(0) = 1)" if margin == 0 else "")
                            + ". Scale all three numbers up, or move b to the middle of the range your four "
                              "conditions allow.")
        return passed(ex, f"z = {', '.join(f'{v:g}' for v in z)} for the rows 00, 01, 10, 11: only (0,0) reaches "
                          f"z >= 0, and the smallest |z| is {margin:g}, so no row sits near the boundary. NOR is "
                          "NOT(OR): it fires on the other side of a line like OR's.")
    if np.array_equal(_gate_outputs(W, bias_first=False), want):
        return hint(ex, "your numbers make NOR if the bias is read last. In this series the bias comes first: "
                        "W_nor = [b, w1, w2].")
    if np.array_equal(got, np.array(GATES["OR"])):
        return hint(ex, "these weights compute OR. NOR is NOT(OR): flip the sign of all three numbers "
                        "(and keep every row off the boundary z = 0, since step(0) = 1).")
    if np.array_equal(got, 1 - want) or np.array_equal(_gate_outputs(-W), want):
        return hint(ex, "the signs are reversed: NOR fires only for (0,0), so the bias must be >= 0 "
                        "and both weights negative.")
    if W[0] < 0:
        return hint(ex, f"for (0,0), z = b = {W[0]:g} < 0, so the neuron stays silent, but NOR(0,0) = 1. "
                        "The bias must be >= 0.")
    for j in (1, 2):
        if W[0] + W[j] >= 0:
            return hint(ex, f"with x{j} = 1 alone, z = b + w{j} = {W[0] + W[j]:g} >= 0, so the neuron fires, but "
                            f"NOR should be 0 there. Make w{j} negative enough that b + w{j} < 0.")
    return hint(ex, f"your weights give {_truth(got)}; NOR is {_truth(want)}.")


# ---- exercise 2.5 ------------------------------------------------------------------

#: Weight vectors [b, w1, w2], all with w1, w2 and b non-zero, and all but the first with |w1| != |w2|:
#: on them each typical mistake below (swapped weights, a lost sign, the bias left out) gives its own
#: answer (tests/test_checks_nb01_nb02.py). Exercise 2.5 asks for the line of ``LINE_W``.
LINE_CASES: tuple[tuple[np.ndarray], ...] = tuple((np.array(W),) for W in (
    (-1.5, 1.0, 1.0),
    (0.5, -1.0, 2.0),
    (1.0, 3.0, -2.0),
    (-2.0, 0.5, 4.0),
))


def line_right(W: np.ndarray) -> tuple[float, float]:
    """``w1 x1 + w2 x2 + b = 0`` solved for x2."""
    b, w1, w2 = W
    return -w1 / w2, -b / w2


LINE_MISTAKES: tuple[Mistake, ...] = (
    Mistake("the slope has the wrong sign. From w1 x1 + w2 x2 + b = 0, moving w1 x1 to the other side makes it "
            "negative: slope = -w1 / w2.", lambda W: (W[1] / W[2], -W[0] / W[2])),
    Mistake("the intercept has the wrong sign. From w1 x1 + w2 x2 + b = 0, moving b to the other side makes it "
            "negative: intercept = -b / w2.", lambda W: (-W[1] / W[2], W[0] / W[2])),
    Mistake("both signs are reversed: w2 x2 = -w1 x1 - b, so slope = -w1 / w2 and intercept = -b / w2.",
            lambda W: (W[1] / W[2], W[0] / W[2])),
    Mistake("the intercept is 0: the bias is missing. The line w1 x1 + w2 x2 + b = 0 crosses x1 = 0 at "
            "x2 = -b / w2.", lambda W: (-W[1] / W[2], 0.0)),
    Mistake("you divided by w1, which solves for x1. Solve for x2 instead: divide by w2, the weight of x2.",
            lambda W: (-W[2] / W[1], -W[0] / W[1])),
    Mistake("you read the bias from the end of W. The bias comes first: b, w1, w2 = W.",
            lambda W: (-W[0] / W[1], -W[2] / W[1])),
    Mistake("the fractions are upside down: slope = -w1 / w2 and intercept = -b / w2 (divide by w2).",
            lambda W: (-W[2] / W[1], -W[2] / W[0])),
)




#: The weights of exercise 2.5, whose boundary the learner solves for x2 on paper.
LINE_W = np.array([1.0, -2.0, 4.0])
LINE_RIGHT = np.array(line_right(LINE_W))  # an array, so that a list or a tuple answer compares alike
#: Each typical mistake of LINE_MISTAKES, as the (slope, intercept) it gives for LINE_W.
LINE_VALUES: tuple[WrongValue, ...] = tuple(WrongValue(m.hint, np.array(m.answer(LINE_W), dtype=float))
                                            for m in LINE_MISTAKES)


def exercise_2_5(slope_intercept: Any) -> None:
    """Check the learner's ``(slope, intercept)`` of the boundary of ``W = [1, -2, 4]``."""
    slope, icpt = LINE_RIGHT
    check_value("2.5", slope_intercept, LINE_RIGHT, LINE_VALUES, insight=(
        f"-2 x1 + 4 x2 + 1 = 0 gives x2 = {slope:g} x1 {'-' if icpt < 0 else '+'} {abs(icpt):g}. The neuron fires above the line: w2 = 4 > 0, "
        "so raising x2 raises z (the weight vector (-2, 4) points up and to the left)."),
        otherwise=(f"start from w1 x1 + w2 x2 + b = 0 with b = {LINE_W[0]:g}, w1 = {LINE_W[1]:g}, "
                   f"w2 = {LINE_W[2]:g}, keep w2 x2 on the left and divide by w2; enter (slope, intercept)."))


# ---- exercise 2.2 ------------------------------------------------------------------

#: The weights of exercise 2.2: z = -1, 0, 0, 1 on the rows 00, 01, 10, 11.
PREDICT_W = np.array([-1.0, 1.0, 1.0])
PREDICT_RIGHT = step_neuron(PREDICT_W).predict(GATE_INPUTS).astype(int)
_PREDICT_Z = step_neuron(PREDICT_W).decision_function(GATE_INPUTS)
PREDICT_VALUES: tuple[WrongValue, ...] = (
    WrongValue("the rows (0, 1) and (1, 0) have z = -1 + 1 = 0 exactly, and step(0) = 1: they fire. "
               "You read z = 0 as silent (that would be AND).", (_PREDICT_Z > 0).astype(int)),
    WrongValue("these are the values of z, not the outputs. Apply the step: 1 where z >= 0, else 0.", _PREDICT_Z),
    WrongValue("every output is flipped: the neuron fires (1) where z >= 0.", 1 - PREDICT_RIGHT),
    WrongValue("(1, 1) has z = -1 + 1 + 1 = 1 >= 0, so it fires too.", np.array([0, 1, 1, 0])),
)


def exercise_2_2(predicted_outputs: Any) -> None:
    """Check the prediction of ``step(W . [1, x])`` for ``W = [-1, 1, 1]`` on the four gate inputs."""
    check_value("2.2", predicted_outputs, PREDICT_RIGHT, PREDICT_VALUES, insight=(
        f"z = {', '.join(f'{v:g}' for v in _PREDICT_Z)}: two rows lie exactly on the line and fire because "
        "step(0) = 1, so W = [-1, 1, 1] computes OR, with no margin at all."),
        otherwise=("write z = -1 + x1 + x2 for each row 00, 01, 10, 11, then the output: 1 where z >= 0, else 0. "
                   "Enter the four outputs in that order."))


# ---- exercise 2.3 ------------------------------------------------------------------

#: Weights [b, w1, w2] for exercise 2.3 (one argument each). Chosen so that every typical mistake below
#: answers differently: case 2 is AND's weights times 10, case 4 has two rows on its line (OR, with
#: z = 0), case 6 is NOR, and cases 7 and 8 compute no gate (the last one would be AND read bias last).
NAME_CASES: tuple[tuple[np.ndarray], ...] = tuple((np.array(W, float),) for W in (
    (-1.5, 1, 1),       # AND
    (-15, 10, 10),      # AND, scaled by 10
    (1.5, -1, -1),      # NAND
    (-1, 1, 1),         # OR, two rows at z = 0
    (-0.5, 2, 1),       # OR
    (0.5, -1, -1),      # NOR
    (0.5, 1, -1),       # fires on 00, 10, 11: none of the gates
    (1, 1, -1.5),       # 1, 0, 1, 0 (fires when x2 = 0): none; read bias last it would be AND
))
_HAND = {"AND": (-1.5, 1, 1), "OR": (-0.5, 1, 1), "NAND": (1.5, -1, -1)}


def _name_of(outputs: np.ndarray, gates: Any = None) -> str:
    for name in gates or GATES:
        if np.array_equal(outputs, GATES[name]):
            return name
    return "none"


def name_right(W: np.ndarray) -> str:
    """The gate of nnlib's GATES that nnlib's Perceptron with weights ``W`` computes, or "none"."""
    return _name_of(step_neuron(W).predict(GATE_INPUTS))


NAME_MISTAKES: tuple[Mistake, ...] = (
    Mistake("you compared the weights with ours, but many weights compute each gate (10 times AND's is still "
            "AND). Compare what the neuron outputs on the four rows with each gate's truth table, nn.GATES[name].",
            lambda W: next((g for g, h in _HAND.items() if np.allclose(W, h)), "none")),
    Mistake("a row with z = 0 exactly fires, because step(0) = 1: W = [-1, 1, 1] computes OR, not AND. "
            "Use nn.step(z) or z >= 0, not z > 0.",
            lambda W: _name_of((GATE_INPUTS @ W[1:] + W[0] > 0).astype(int))),
    Mistake("you read the bias from the end of W. The bias comes first: W = [b, w1, w2].",
            lambda W: _name_of(step_neuron(np.roll(W, 1)).predict(GATE_INPUTS))),
    Mistake("your function never answers NOR: loop over every gate in nn.GATES (AND, OR, NAND, NOR, XOR), "
            "not only the three of section 3.",
            lambda W: _name_of(step_neuron(W).predict(GATE_INPUTS), ("AND", "OR", "NAND"))),
    Mistake("you compared how many rows fire, not which rows: OR and NAND both fire on three rows. "
            "Compare the four outputs in order, e.g. with np.array_equal(outputs, nn.GATES[name]).",
            lambda W: next((g for g, t in GATES.items()
                            if sum(t) == step_neuron(W).predict(GATE_INPUTS).sum()), "none")),
)


def _read_name(out: Any, W: np.ndarray) -> str:
    if not isinstance(out, str):
        raise Wrong(f"name_gate should return a gate's name as text, like \"AND\", or \"none\"; "
                    f"it returned {type(out).__name__} {out!r}.")
    name = out.strip().upper()
    if name != "NONE" and name not in GATES:
        raise Wrong(f"name_gate returned {out!r}, which is not one of {', '.join(GATES)} or \"none\".")
    return "none" if name == "NONE" else name


def _name_otherwise(i: int, got: str, want: str) -> str:
    W = NAME_CASES[i][0]
    outputs = step_neuron(W).predict(GATE_INPUTS)
    return (f"for W = [{', '.join(f'{v:g}' for v in W)}] the neuron outputs {', '.join(str(int(v)) for v in outputs)} "
            f"on the rows 00, 01, 10, 11, which is {want!r}, but your function returned {got!r}.")


def exercise_2_3(name_gate: Callable[..., Any]) -> None:
    """Check ``name_gate(W)``: the name of the gate ``W = [b, w1, w2]`` computes, or "none"."""
    return check_function("2.3", name_gate, "name_gate", NAME_CASES, _read_name, name_right, NAME_MISTAKES,
                          same=lambda a, b: a == b, otherwise=_name_otherwise, insight=(
        "Your function reads a gate from what the neuron does, not from its weights: [-15, 10, 10] is AND like "
        "[-1.5, 1, 1], and [-1, 1, 1] is OR, its rows on the line firing because step(0) = 1."))


#: The function exercises' tables, as tests/test_checks_tables.py feeds them (2.1 is registered there).
TABLES = {"2.3": (exercise_2_3, NAME_MISTAKES, name_right, NAME_CASES, (), {})}
#: The value exercises: (check, the right value, the typical wrong values).
VALUE_TABLES = {"2.2": (exercise_2_2, PREDICT_RIGHT, PREDICT_VALUES), "2.5": (exercise_2_5, LINE_RIGHT, LINE_VALUES)}
