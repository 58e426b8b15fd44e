"""The pure layer of the explorers: control values in, a training result out.

No widgets and no matplotlib here. Each ``run_*`` function takes exactly what
the explorer's controls offer (data set, learning rate, epochs, initialisation,
seed), trains with nnlib's own code (``Perceptron.fit``, ``gradient_descent``,
``TwoLayerNet.fit``) and returns an :class:`ExperimentResult`: final weights,
the per-epoch history, a few snapshots of the weights for animation, the
accuracy, a status ("converged", "did not converge", "diverged"), a message
in plain words, and the exact nnlib code that reproduces the numbers.

    >>> from course import experiments
    >>> print(experiments.run_step(dataset="AND").summary())   # doctest: +SKIP
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnlib.data import GATES, grid_dataset, logic_gate, two_clusters
from nnlib.functions import forward_perceptron
from nnlib.mlp import two_layer_loss
from nnlib.perceptron import Perceptron, pre_activation
from nnlib.training import TrainingDiverged, gradient_descent, gradients
from nnlib.validation import as_matrix, check_lr, check_positive_int, check_seed

__all__ = [
    "DATASETS",
    "DATASET_LABELS",
    "LR_RANGE",
    "LR_GRID",
    "STEP_LR_EXPONENTS",
    "STEP_LR_GRID",
    "EPOCHS_GRID",
    "EPOCHS_RANGE",
    "SEED_RANGE",
    "STEP_DEFAULTS",
    "SIGMOID_DEFAULTS",
    "MLP_DEFAULTS",
    "HIDDEN_RANGE",
    "WEIGHT_GRID",
    "WEIGHT_DEFAULTS",
    "CLUSTER_POINTS",
    "ExperimentResult",
    "WeightResult",
    "with_x1x2",
    "lr_grid",
    "check_control",
    "load_dataset",
    "dataset_code",
    "run_step",
    "run_sigmoid",
    "run_mlp",
    "run_weights",
    "mlp_available",
]

#: Data sets the explorers offer, in dropdown order.
DATASETS: tuple[str, ...] = ("AND", "OR", "NAND", "NOR", "XOR", "grid", "clusters", "clusters-overlap")
DATASET_LABELS: dict[str, str] = {
    "AND": "AND gate",
    "OR": "OR gate",
    "NAND": "NAND gate",
    "NOR": "NOR gate",
    "XOR": "XOR gate",
    "grid": "grid (25 points)",
    "clusters": "two clusters, separable",
    "clusters-overlap": "two clusters, overlapping",
}
#: Points in each cluster data set: small enough that the slowest setting (the two-layer network,
#: EPOCHS_RANGE[1] epochs) retrains inside the explorers' 100 ms budget (benchmarks/bench_explorers.py).
CLUSTER_POINTS = 40
#: The lr slider of the sigmoid and network explorers: steps of a tenth of a decade from 0.001 to 10,
#: each rounded to the 3 digits the slider shows (10**0.3 = 1.995... is 2), so that every position
#: trains exactly the number it displays.
LR_GRID: tuple[float, ...] = tuple(float(f"{10 ** (k / 10):.3g}") for k in range(-30, 11))
LR_RANGE = (LR_GRID[0], LR_GRID[-1])
#: The step explorer's lr slider moves through powers of 2, 2**-10 (about 1e-3) to 2**3: multiplying by a
#: power of 2 is exact in floating point, so with zero init every lr gives exactly the same predictions.
STEP_LR_EXPONENTS = (-10, 3)
STEP_LR_GRID: tuple[float, ...] = tuple(2.0**k for k in range(STEP_LR_EXPONENTS[0], STEP_LR_EXPONENTS[1] + 1))
#: The epochs slider: 1, 2, 3, 4, 5, 6, 8 and 10, 15, 20, 30, 40, 50, 60, 80 times powers of 10, so that a
#: mouse reaches a few epochs as easily as many (a linear 1..1500 slider puts 1..10 in its first pixels).
#: It ends at 1500, half as much again as the network explorer's default: 2000 epochs of the network
#: take longer to retrain than the 100 ms budget (benchmarks/bench_explorers.py).
EPOCHS_GRID: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 400,
                                500, 600, 800, 1000, 1500)
EPOCHS_RANGE = (EPOCHS_GRID[0], EPOCHS_GRID[-1])
SEED_RANGE = (0, 9999)

# Every default lies on its slider's grid, away from both ends.
STEP_DEFAULTS: dict[str, Any] = {"lr": 1.0, "epochs": 100, "init": "zeros", "seed": 0, "x1x2": False}
SIGMOID_DEFAULTS: dict[str, Any] = {"lr": 1.0, "epochs": 500, "init": "zeros", "seed": 0, "x1x2": False}
MLP_DEFAULTS: dict[str, Any] = {"lr": 2.0, "epochs": 1000, "init": "random", "seed": 0, "n_hidden": 2}
#: The network explorer's hidden-width slider: 2 to 8 hidden units (``TwoLayerNet(n_hidden=...)``).
HIDDEN_RANGE = (2, 8)
#: The weight explorer's w1, w2 and b sliders: multiples of 1/4 from -3 to 3. Sums of these are exact in
#: floating point, so a point the line passes through has z exactly 0 (and the step gives 1 there).
WEIGHT_GRID: tuple[float, ...] = tuple(k / 4 for k in range(-12, 13))
#: Defaults away from the sliders' ends; the neuron then computes "x2" (0, 1, 0, 1), none of the gates.
WEIGHT_DEFAULTS: dict[str, Any] = {"w1": 0.5, "w2": 1.0, "b": -0.75}

#: At most this many weight snapshots (besides epoch 0) are kept for the animation.
MAX_FRAMES = 50
#: Training counts as converged when the gradient's Euclidean norm is below this.
CONVERGED_GRADIENT = 1e-3


def _check_dataset(dataset: Any) -> str:
    if not isinstance(dataset, str):
        raise TypeError(f"dataset must be a string, one of {', '.join(DATASETS)}; got {type(dataset).__name__}")
    for name in DATASETS:
        if dataset.lower() == name.lower():
            return name
    raise ValueError(f"dataset must be one of {', '.join(DATASETS)}; got {dataset!r}")


def _check_init(init: Any, seed: Any) -> tuple[str, int]:
    if init not in ("zeros", "random"):
        raise ValueError(f"init must be 'zeros' or 'random', got {init!r}")
    return init, check_seed(seed, allow_none=False)


def lr_grid(model: str) -> tuple[float, ...]:
    """The values of an explorer's lr slider: :data:`STEP_LR_GRID` for ``"step"``, else :data:`LR_GRID`."""
    return STEP_LR_GRID if model == "step" else LR_GRID


def _range_text(lo: float, hi: float) -> str:
    return f"from {lo:g} to {hi:g} (the slider's range)"


def check_control(model: str, name: str, value: Any) -> Any:
    """``value`` as the explorer of ``model`` ("step", "sigmoid", "mlp", "weights") uses it for control
    ``name``, or a ``TypeError``/``ValueError`` that names the control, what it accepts and what it got.

    The controls: "dataset", "lr", "epochs", "init", "seed" for the trained models, plus "x1x2" (True or
    False) for "step" and "sigmoid" and "n_hidden" (a whole number in :data:`HIDDEN_RANGE`) for "mlp";
    "gate" (one of the five gates), "w1", "w2", "b" (values of :data:`WEIGHT_GRID`) for "weights".
    lr and epochs may be any number in their slider's range (a value between two slider positions is
    added to the slider, so that it shows what trains); NaN, infinities, booleans and strings are refused.
    """
    names = {"weights": ("gate", "w1", "w2", "b"), "mlp": ("dataset", "lr", "epochs", "init", "seed", "n_hidden")}
    known = names.get(model, ("dataset", "lr", "epochs", "init", "seed", "x1x2"))
    if name not in known:
        raise TypeError(f"unknown control {name!r}: the controls are {', '.join(known)}")
    if name == "dataset":
        return _check_dataset(value)
    if name == "gate":
        if not (isinstance(value, str) and value.upper() in GATES):
            raise ValueError(f"gate must be one of {', '.join(GATES)}; got {value!r}")
        return value.upper()
    if name == "init":
        return _check_init(value, 0)[0]
    if name == "x1x2":
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"x1x2 must be True or False (the x1*x2 feature on or off), got {value!r}")
        return bool(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if name in ("w1", "w2", "b"):
        if not (math.isfinite(value) and float(value) in WEIGHT_GRID):
            raise ValueError(f"{name} must be a multiple of 0.25 from -3 to 3 (the slider's values); got {value!r}")
        return float(value)
    if name == "lr":
        lo, hi = lr_grid(model)[0], lr_grid(model)[-1]
        if not (math.isfinite(value) and lo <= value <= hi):
            raise ValueError(f"lr must be a number {_range_text(lo, hi)}; got {value!r}")
        return float(value)
    lo, hi = {"epochs": EPOCHS_RANGE, "seed": SEED_RANGE, "n_hidden": HIDDEN_RANGE}[name]
    if not (math.isfinite(value) and float(value).is_integer() and lo <= value <= hi):
        raise ValueError(f"{name} must be a whole number {_range_text(lo, hi)}; got {value!r}")
    return int(value)


def with_x1x2(X: Any) -> np.ndarray:
    """``X`` (n, 2) with a third column, the product x1*x2: shape (n, 3). The line "show code" prints."""
    X = as_matrix(X, "X", n_features=2)
    return np.column_stack([X, X[:, 0] * X[:, 1]])


X1X2_CODE = "X3 = np.column_stack([X, X[:, 0] * X[:, 1]])   # the inputs x1, x2 and the feature x1*x2"


def _check_controls(dataset: Any, lr: Any, epochs: Any, init: Any, seed: Any) -> tuple[str, float, int, str, int]:
    """The controls every training explorer has, checked in this order: (data set name, lr, epochs, init, seed)."""
    name, lr, epochs = _check_dataset(dataset), check_lr(lr), check_positive_int(epochs, "epochs")
    init, seed = _check_init(init, seed)
    return name, lr, epochs, init, seed


def load_dataset(dataset: str) -> tuple[np.ndarray, np.ndarray]:
    """``X`` (n, 2) float and ``y`` (n,) 0/1 int for one of :data:`DATASETS`."""
    name = _check_dataset(dataset)
    if name in GATES:
        return logic_gate(name)
    if name == "grid":
        return grid_dataset()
    return two_clusters(n=CLUSTER_POINTS, separable=(name == "clusters"), seed=0)


def dataset_code(dataset: str) -> str:
    """The nnlib line that loads ``dataset`` as ``X, y``."""
    name = _check_dataset(dataset)
    if name in GATES:
        return f'X, y = nn.logic_gate("{name}")'
    if name == "grid":
        return "X, y = nn.grid_dataset()"
    return f"X, y = nn.two_clusters(n={CLUSTER_POINTS}, separable={name == 'clusters'}, seed=0)"


def _num(v: float, digits: int = 4) -> str:
    """A rounded, sign-stable number for deterministic text (never '-0')."""
    v = float(v)
    if not math.isfinite(v):
        return str(v)
    if abs(v) >= 1e6:
        s = f"{v:.{digits}g}"
    else:
        s = f"{v:.{digits}f}"
    if float(s) == 0:
        s = s.lstrip("-")
    return s


def _exact(v: float) -> str:
    """``v`` in at most 6 significant digits if that is exact (0.001, 2, 5.01), else in full (0.0009765625)."""
    return f"{v:g}" if float(f"{v:g}") == v else repr(float(v))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _vec(a: np.ndarray, digits: int = 4) -> str:
    a = np.asarray(a, float)
    if a.ndim == 2:
        return "[" + ", ".join(_vec(row, digits) for row in a) + "]"
    return "[" + ", ".join(_num(v, digits) for v in a.ravel()) + "]"


def _frame_indices(n_epochs_run: int) -> list[int]:
    """Epoch numbers 0..n_epochs_run at which a snapshot is kept (at most MAX_FRAMES + 1, always both ends)."""
    if n_epochs_run <= MAX_FRAMES:
        return list(range(n_epochs_run + 1))
    picks = np.unique(np.round(np.linspace(0, n_epochs_run, MAX_FRAMES + 1)).astype(int))
    return [int(v) for v in picks]


@dataclass(frozen=True)
class ExperimentResult:
    """What one explorer setting produces.

    Attributes
    ----------
    model : "step", "sigmoid" or "mlp".
    dataset, lr, epochs, init, seed : the controls.
    X : (n, 2) inputs.  y : (n,) 0/1 labels.
    params : final parameters: ``{"w": (2,), "b": ()}`` for the one-neuron models (``w`` (3,) with
        ``x1x2``: the weights of x1, x2, x1*x2), ``{"W1": (2, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}``
        for the MLP.
    history : (epochs_run,) mistakes per epoch (step) or full-data loss after each epoch.
    frames : tuple of ``(epoch, params)``, snapshots from epoch 0 to the last, for animation.
    epochs_run : epochs actually trained (the step rule stops after an error-free epoch).
    accuracy : fraction of training points classified correctly by the final parameters.
    status : "converged", "did not converge" or "diverged".
    message : one or two sentences saying what happened, in plain words.
    code : nnlib code that reproduces these numbers when pasted into a cell.
    x1x2 : the one-neuron models trained on [x1, x2, x1*x2] (:func:`with_x1x2`) instead of [x1, x2].
    n_hidden : the MLP's hidden units (0 for the one-neuron models).
    """

    model: str
    dataset: str
    lr: float
    epochs: int
    init: str
    seed: int
    X: np.ndarray
    y: np.ndarray
    params: dict[str, np.ndarray]
    history: np.ndarray
    frames: tuple[tuple[int, dict[str, np.ndarray]], ...]
    epochs_run: int
    accuracy: float
    status: str
    message: str
    code: str
    _proba: Callable[[dict[str, np.ndarray], np.ndarray], np.ndarray] = field(repr=False, compare=False)
    x1x2: bool = False
    n_hidden: int = 0

    @property
    def n_correct(self) -> int:
        return int(round(self.accuracy * len(self.y)))

    @property
    def final_loss(self) -> float | None:
        """Loss after the last epoch (sigmoid, MLP), or None for the step perceptron."""
        if self.model == "step" or self.history.size == 0:
            return None
        return float(self.history[-1])

    @property
    def final_mistakes(self) -> int | None:
        """Mistakes in the last epoch run (step perceptron), else None."""
        return int(self.history[-1]) if self.model == "step" else None

    def proba(self, P: Any, frame: int | None = None) -> np.ndarray:
        """Model output for points ``P`` (m, 2): 0/1 for the step model, P(class 1) otherwise; shape (m,).

        ``frame`` picks a snapshot from :attr:`frames` (default: the final parameters).
        """
        P = as_matrix(P, "P", n_features=2)
        params = self.params if frame is None else self.frames[frame][1]
        return self._proba(params, with_x1x2(P) if self.x1x2 else P)

    def z(self, P: Any, frame: int | None = None) -> np.ndarray:
        """The one neuron's pre-activation ``b + w . features`` at points ``P`` (m, 2), shape (m,); its zero
        set is the decision boundary (a curve with ``x1x2``). Not for the MLP."""
        P = as_matrix(P, "P", n_features=2)
        params = self.params if frame is None else self.frames[frame][1]
        return _pre_activation(params, with_x1x2(P) if self.x1x2 else P)

    def weights_text(self, params: dict[str, np.ndarray] | None = None) -> str:
        p = self.params if params is None else params
        if self.model == "mlp":
            return (f"W1 = {_vec(p['W1'])}, b1 = {_vec(p['b1'])}\n"
                    f"W2 = {_vec(np.ravel(p['W2']))}, b2 = {_num(np.ravel(p['b2'])[0])}")
        return f"w = {_vec(p['w'])}, b = {_num(p['b'])}"

    @property
    def status_note(self) -> str:
        """The status in a few words that say what it means (shown after every frame's numbers)."""
        if self.status == "diverged":
            return "diverged: lr too large"
        if self.model == "step":
            return ("converged: an epoch without mistakes" if self.status == "converged"
                    else "not converged: every epoch made mistakes")
        return (f"converged: gradient size below {CONVERGED_GRADIENT:g}" if self.status == "converged"
                else f"not converged yet: gradient size above {CONVERGED_GRADIENT:g}")

    def frame_text(self, frame: int) -> str:
        """One short line for an animation frame: epoch, weights, and what those weights score; for the
        step perceptron also the mistakes made during that epoch (while the weights were changing)."""
        epoch, params = self.frames[frame]
        acc = float(np.mean((self.proba(self.X, frame) >= 0.5) == self.y))
        weights = "" if self.model == "mlp" else self.weights_text(params) + "; "  # MLP: too many for one line
        when = "before training, " if epoch == 0 else ""
        if self.model == "step":
            score = f"accuracy {acc:.0%} with these weights"
            if epoch >= 1:
                score += f"; {_plural(int(self.history[epoch - 1]), 'mistake')} during this epoch"
        else:
            loss = f" and loss {_num(self.history[epoch - 1])}" if epoch >= 1 else ""
            score = f"accuracy {acc:.0%}{loss} with these weights"
        return f"epoch {epoch}/{self.epochs_run}: {when}{weights}{score}"

    def summary(self) -> str:
        """Short, deterministic text: settings, weights, accuracy, final loss or mistakes, status message."""
        name = {"step": "step perceptron", "sigmoid": "sigmoid neuron (BCE)", "mlp": "two-layer network"}[self.model]
        lines = [
            f"{name} on {self.dataset}: lr={_exact(self.lr)}, epochs={self.epochs}, init={self.init}"
            + (f", seed={self.seed}" if self.init == "random" else "")
            + (", inputs x1, x2, x1*x2 (w in that order)" if self.x1x2 else "")
            + (f", {self.n_hidden} hidden units" if self.n_hidden not in (0, MLP_DEFAULTS["n_hidden"]) else ""),
            self.weights_text() + (
                # the notebooks' Perceptron keeps the bias first, in one vector W
                f"  (bias first: W = {_vec(np.r_[self.params['b'], self.params['w']])})" if self.model == "step" else ""),
        ]
        score = f"accuracy {self.n_correct}/{len(self.y)} = {self.accuracy:.0%} with the final weights"
        if self.model == "step":
            score += f"; mistakes during the last epoch: {self.final_mistakes}"
        elif self.final_loss is not None:
            score += f", final loss {_num(self.final_loss)}"
        lines.append(score)
        lines.append(self.message)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


# --------------------------------------------------------------------------- step


def _pre_activation(params: dict[str, np.ndarray], P: np.ndarray) -> np.ndarray:
    """nnlib's pre-activation ``b + w1 x1 + w2 x2 (+ w3 x3)`` of the step neuron, for points ``P`` (m, d)."""
    return pre_activation(P, np.concatenate(([float(params["b"])], params["w"])))


def _step_proba(params: dict[str, np.ndarray], P: np.ndarray) -> np.ndarray:
    return (_pre_activation(params, P) >= 0).astype(float)


def run_step(dataset: str = "AND", lr: float = STEP_DEFAULTS["lr"], epochs: int = STEP_DEFAULTS["epochs"],
             init: str = STEP_DEFAULTS["init"], seed: int = STEP_DEFAULTS["seed"],
             x1x2: bool = STEP_DEFAULTS["x1x2"]) -> ExperimentResult:
    """Train nnlib's step ``Perceptron`` (Rosenblatt's rule) with these controls; with ``x1x2`` on the
    inputs [x1, x2, x1*x2] (a ``Perceptron(input_size=3)``)."""
    name, lr, epochs, init, seed = _check_controls(dataset, lr, epochs, init, seed)
    x1x2 = check_control("step", "x1x2", x1x2)
    X, y = load_dataset(name)
    F = with_x1x2(X) if x1x2 else X
    p = Perceptron(input_size=F.shape[1], lr=lr, epochs=epochs, init=init, seed=seed).fit(F, y)
    history = np.asarray(p.errors_, float)
    run = len(p.errors_)
    frames = tuple(
        (k, {"w": p.W_history_[k, 1:].copy(), "b": np.float64(p.W_history_[k, 0])}) for k in _frame_indices(run)
    )
    params = {"w": p.W[1:].copy(), "b": np.float64(p.W[0])}
    accuracy = p.score(F, y)
    if p.converged_:
        status = "converged"
        message = (f"converged: epoch {run} had no mistakes, so the weights stopped changing "
                   f"({p.n_updates_} weight updates in total).")
    else:
        status = "did not converge"
        message = (f"did not converge in {_plural(epochs, 'epoch')}: the last epoch still made "
                   f"{_plural(p.errors_[-1], 'mistake')}, "
                   "so the weights keep changing.")
        if accuracy == 1:  # mistakes are counted during an epoch, the accuracy after it
            message += (" The weights after that epoch already classify every point correctly: one more epoch "
                        "would make no mistakes and end the training.")
        if run >= 2 and np.array_equal(p.W_history_[-1], p.W_history_[-2]):
            # e.g. XOR from zero init: the updates within an epoch cancel, and the epoch-end line stands still
            message += (" They change within every epoch but end each one on the same W, a cycle, so the line "
                        "drawn after each epoch stays put.")
        if x1x2 and name == "clusters-overlap":
            message += (" If no boundary b + w1 x1 + w2 x2 + w3 x1 x2 = 0 separates these classes, the rule can "
                        "never stop; if one does, more epochs will get there.")
        elif name in ("XOR", "clusters-overlap") and not x1x2:
            message += " No straight line separates these classes, so the rule can never stop."
        else:
            message += (" With the x1*x2 input a boundary exists (e.g. x1 + x2 - 2 x1 x2 - 0.5 = 0)"
                        if x1x2 and name == "XOR" else " This data is linearly separable") + ", so more epochs will get there."
    if init == "zeros":
        if math.frexp(lr)[0] == 0.5:  # lr is a power of 2: scaling by it is exact in floating point
            message += " With zero initial weights lr only rescales w and b, so the predictions do not depend on lr."
        else:
            message += (" With zero initial weights lr only rescales w and b, so in exact arithmetic the predictions "
                        "would not depend on lr; here rounding can tip a point lying exactly on the boundary "
                        "(with lr a power of 2 the rescaling is exact).")
    seed_arg = f", seed={seed}" if init == "random" else ""
    inputs = "X3" if x1x2 else "X"
    code = "\n".join([
        *(["import numpy as np"] if x1x2 else []),
        "import nnlib as nn",
        dataset_code(name),
        *([X1X2_CODE] if x1x2 else []),
        f'p = nn.Perceptron(input_size={F.shape[1]}, lr={lr!r}, epochs={epochs}, init="{init}"{seed_arg})'
        f".fit({inputs}, y)",
        'print("w =", p.weights, "b =", p.bias)',
        f'print("accuracy", p.score({inputs}, y), "mistakes per epoch", p.errors_[-5:])',
    ])
    return ExperimentResult("step", name, lr, epochs, init, seed, X, y, params, history, frames, run,
                            accuracy, status, message, code, _step_proba, x1x2=x1x2)


# ------------------------------------------------------------------------ sigmoid


def _sigmoid_proba(params: dict[str, np.ndarray], P: np.ndarray) -> np.ndarray:
    return forward_perceptron(P, np.asarray(params["w"], float), float(params["b"]))


def _symmetric(h: int) -> str:
    """Why a two-layer network started from zero weights is no better than one hidden unit."""
    units = "both hidden units" if h == 2 else f"all {h} hidden units"
    return f"with zero initial weights {units} stay identical forever, so the network acts like one hidden unit"


def _loss_status(history: np.ndarray, initial_loss: float, grad_norm: float, epochs: int, accuracy: float,
                 dataset: str, model: str = "sigmoid", n_points: int = 0,
                 zero_init: bool = False, x1x2: bool = False, n_hidden: int = 2) -> tuple[str, str]:
    """Classify a finite loss curve: diverged (the loss went up), converged (gradient ~ 0) or still falling.

    For the two-layer network, which can fit every data set here, a run that
    ends with misclassified points after its loss has all but stopped falling
    (a tiny gradient, or a long run losing under 1% in its last tenth) gets a
    warning: it may be on a plateau, which gradient descent may leave after
    many more epochs or never (another seed or lr is the quicker test). From
    zero initial weights (``zero_init``) the two hidden units stay equal, which
    no seed or lr can change: the warning says to choose random init. With ``x1x2`` the boundary is not
    a straight line, so the claims about lines are left out (XOR is then separable).
    """
    linear = {"XOR": not x1x2, "clusters-overlap": not x1x2}.get(dataset, True)  # the claims below hold
    apart = dataset not in ("XOR", "clusters-overlap") or (x1x2 and dataset == "XOR")  # classes separable
    wrong = int(round((1 - accuracy) * n_points))
    yet = f" Yet {_plural(wrong, 'point')} of {n_points} {'is' if wrong == 1 else 'are'} still misclassified: "
    if model != "mlp" or not wrong:
        stuck = ""
    elif zero_init:
        stuck = yet + f"{_symmetric(n_hidden)}, one straight line. No seed or learning rate changes that: choose random init."
    else:
        stuck = yet + ("the loss may be on a plateau. Gradient descent can leave one after many more epochs, or "
                       "stay on it for good; another seed or a larger learning rate is the quicker test.")
    n = history.size
    rises = int(np.sum(np.diff(np.concatenate([[initial_loss], history])) > 1e-12))
    if history[-1] > initial_loss + 1e-12:
        return "diverged", (
            f"diverged: the learning rate is too large. The loss ended higher than it started ({_num(history[-1])} "
            f"against {_num(initial_loss)}): every step overshoots, so the weights jump back and forth instead of "
            "settling in the valley; try a smaller lr."
        )
    if rises > max(2, n // 10):
        return "diverged", (
            f"diverged: the learning rate is too large. The loss went up in {rises} of {n} epochs "
            "(the steps overshoot, so it jumps back and forth instead of settling); try a smaller lr."
        )
    if grad_norm < CONVERGED_GRADIENT:
        if grad_norm == 0:
            msg = "converged: the gradient is exactly zero, so more epochs cannot change the weights."
        else:
            msg = (f"converged: the gradient is almost zero (size {grad_norm:.2g}, below {CONVERGED_GRADIENT:g}, "
                   "which is what converged means here), so more epochs would hardly change the weights.")
        if accuracy < 1 and dataset in ("XOR", "clusters-overlap") and model != "mlp" and linear:
            msg += " No straight line separates these classes, so one neuron cannot reach 100%."
        elif accuracy == 1 and grad_norm > 0 and model == "sigmoid" and apart:
            msg += (f" On data {'a boundary of this form' if x1x2 else 'a line'} separates it never reaches exactly 0: the weights keep growing, ever more "
                    "slowly, and the loss creeps towards 0.")
        return "converged", msg + stuck
    tail = max(1, n // 10)
    drop = float((history[-tail - 1] if n > tail else initial_loss) - history[-1])
    last = f"the last {tail} epoch{'s' if tail > 1 else ''}"
    if float(_num(drop)) > 0:
        falling = f"The loss is still falling, by {_num(drop)} in {last}."
    elif drop > 0:
        falling = f"The loss is still falling, by less than 0.0001 in {last}."
    else:
        falling = f"The loss did not fall in {last}."
    if accuracy == 1:
        falling += (" Every point is already classified correctly; the loss can still fall because the "
                    "probabilities are not yet 0 and 1.")
    return "did not converge", (
        f"did not converge in {_plural(epochs, 'epoch')}: converged would mean a gradient of size below "
        f"{CONVERGED_GRADIENT:g}, and it is {_num(grad_norm)}. {falling} "
        # A long run whose loss has nearly stopped falling may be on a plateau; a short one is just early.
        + (stuck.lstrip() if stuck and n >= 100 and drop < 0.01 * history[-1]
           else "More epochs or a larger lr would lower it further.")
    )


def run_sigmoid(dataset: str = "AND", lr: float = SIGMOID_DEFAULTS["lr"], epochs: int = SIGMOID_DEFAULTS["epochs"],
                init: str = SIGMOID_DEFAULTS["init"], seed: int = SIGMOID_DEFAULTS["seed"],
                x1x2: bool = SIGMOID_DEFAULTS["x1x2"]) -> ExperimentResult:
    """Train one sigmoid neuron with binary cross-entropy by full-batch ``gradient_descent``; with
    ``x1x2`` on the inputs [x1, x2, x1*x2] (three weights).

    Random init draws ``[b, w1, w2]`` (``[b, w1, w2, w3]``) uniformly from [-1, 1) with
    ``numpy.random.default_rng(seed)``, as ``Perceptron(init="random")`` does.
    """
    name, lr, epochs, init, seed = _check_controls(dataset, lr, epochs, init, seed)
    x1x2 = check_control("step", "x1x2", x1x2)
    X, y = load_dataset(name)
    F = with_x1x2(X) if x1x2 else X
    d = F.shape[1]
    if init == "zeros":
        w, b = np.zeros(d), 0.0
    else:
        start = np.random.default_rng(seed).uniform(-1.0, 1.0, d + 1)
        w, b = start[1:].copy(), float(start[0])
    initial_loss = float(np.mean(np.maximum(F @ w + b, 0) - y * (F @ w + b) + np.log1p(np.exp(-np.abs(F @ w + b)))))
    # The call that `code` below prints; W_history[k] is [b, w1, w2] after epoch k.
    diverged_at = None
    try:
        _, _, history, W_history = gradient_descent(F, y, w, b, lr=lr, num_epochs=epochs, batch_size=len(X),
                                                    return_weights=True)
    except TrainingDiverged as exc:
        history, W_history = exc.loss_history, exc.weights_history
        diverged_at = history.size + 1
    frames = [(k, {"w": W_history[k, 1:].copy(), "b": np.float64(W_history[k, 0])})
              for k in _frame_indices(epochs) if k < len(W_history)]
    w, b = frames[-1][1]["w"].copy(), float(frames[-1][1]["b"])  # the last weights before any divergence
    params = {"w": w.copy(), "b": np.float64(b)}
    accuracy = float(np.mean((_sigmoid_proba(params, F) >= 0.5) == y))
    if diverged_at is not None:
        status, message = "diverged", (
            f"diverged: in epoch {diverged_at} the loss stopped being a finite number or grew far above its start; "
            f"the learning rate is far too large. Showing the weights from epoch {frames[-1][0]}."
        )
    else:
        dW, db = gradients(F, y, w, b)
        grad_norm = float(np.sqrt(np.sum(dW**2) + db**2))
        status, message = _loss_status(history, initial_loss, grad_norm, epochs, accuracy, name, x1x2=x1x2)
    init_code = (f"W, b = np.zeros({d}), 0.0" if init == "zeros" else
                 f"start = np.random.default_rng({seed}).uniform(-1.0, 1.0, {d + 1})\nW, b = start[1:], start[0]")
    inputs = "X3" if x1x2 else "X"
    code = "\n".join([
        "import numpy as np",
        "import nnlib as nn",
        dataset_code(name),
        *([X1X2_CODE] if x1x2 else []),
        init_code,
        f"W, b, losses, W_history = nn.gradient_descent({inputs}, y, W, b, lr={lr!r}, num_epochs={epochs}, "
        "batch_size=len(X), return_weights=True)",
        'print("w =", W, "b =", b, "final loss", losses[-1])',
        f'print("accuracy", ((nn.forward_perceptron({inputs}, W, b) >= 0.5) == y).mean())',
    ])
    return ExperimentResult("sigmoid", name, lr, epochs, init, seed, X, y, params, history, tuple(frames),
                            int(history.size), accuracy, status, message, code, _sigmoid_proba, x1x2=x1x2)


# ---------------------------------------------------------------------------- mlp


def mlp_available() -> bool:
    """True when ``nnlib.mlp.TwoLayerNet`` can be imported."""
    try:
        from nnlib.mlp import TwoLayerNet  # noqa: F401
    except ImportError:
        return False
    return True


def _mlp_proba(params: dict[str, np.ndarray], P: np.ndarray) -> np.ndarray:
    from nnlib.mlp import forward_two_layer

    return forward_two_layer(P, **params)[:, 0]


def run_mlp(dataset: str = "XOR", lr: float = MLP_DEFAULTS["lr"], epochs: int = MLP_DEFAULTS["epochs"],
            init: str = MLP_DEFAULTS["init"], seed: int = MLP_DEFAULTS["seed"],
            n_hidden: int = MLP_DEFAULTS["n_hidden"]) -> ExperimentResult:
    """Train nnlib's ``TwoLayerNet`` (2 inputs, ``n_hidden`` sigmoid hidden units, 2 to 8, BCE) by
    full-batch backpropagation.

    ``init="random"`` draws the weights from ``TwoLayerNet``'s seeded normal
    distribution; ``init="zeros"`` shows why that fails (both hidden units stay identical).
    """
    from nnlib.mlp import TwoLayerNet, two_layer_gradients

    name, lr, epochs, init, seed = _check_controls(dataset, lr, epochs, init, seed)
    h = check_control("mlp", "n_hidden", n_hidden)
    X, y = load_dataset(name)
    net = TwoLayerNet(n_inputs=2, n_hidden=h, lr=lr, epochs=epochs, seed=seed, init=init)
    params = net.initial_params()
    initial_loss = two_layer_loss(X, y, **params)
    diverged_at = None
    try:  # the call that `code` below prints
        kept = net.fit(X, y, record_params=True).params_history_
        history = net.loss_history_
    except TrainingDiverged as exc:
        history, kept = exc.loss_history, exc.weights_history
        diverged_at = history.size + 1
    frames = [(k, {key: v[k].copy() for key, v in kept.items()})
              for k in _frame_indices(epochs) if k < len(kept["b2"])]
    params = {k: v.copy() for k, v in frames[-1][1].items()}
    accuracy = float(np.mean((_mlp_proba(params, X) >= 0.5) == y))
    if diverged_at is not None:
        status, message = "diverged", (
            f"diverged: in epoch {diverged_at} a weight or the loss stopped being a finite number or the loss grew "
            "far above its start; "
            f"the learning rate is far too large. Showing the weights from epoch {frames[-1][0]}."
        )
    else:
        grads = two_layer_gradients(X, y, **params)
        grad_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads.values())))
        status, message = _loss_status(history, initial_loss, grad_norm, epochs, accuracy, name, "mlp", len(y),
                                       zero_init=init == "zeros", n_hidden=h)
        if init == "zeros" and accuracy == 1:  # (with points still wrong, the status says it already)
            message += f" {_symmetric(h).capitalize()}."
    seed_arg = f", seed={seed}" if init == "random" else ""
    code = "\n".join([
        "import nnlib as nn",
        "from nnlib.mlp import TwoLayerNet",
        dataset_code(name),
        f'net = TwoLayerNet(n_inputs=2, n_hidden={h}, lr={lr!r}, epochs={epochs}, init="{init}"{seed_arg})',
        "net.fit(X, y, record_params=True)   # net.params_history_[name][k]: the weights after epoch k",
        'print("W1 =", net.W1, "b1 =", net.b1, "W2 =", net.W2.ravel(), "b2 =", net.b2)',
        'print("accuracy", net.score(X, y), "final loss", net.loss_history_[-1])',
    ])
    return ExperimentResult("mlp", name, lr, epochs, init, seed, X, y, params, history, tuple(frames),
                            int(history.size), accuracy, status, message, code, _mlp_proba, n_hidden=h)


# ------------------------------------------------------------------------ weights


@dataclass(frozen=True)
class WeightResult:
    """One setting of the weight explorer: a step neuron with weights chosen by hand, against a gate.

    Attributes
    ----------
    gate : one of the five gates.  w1, w2, b : the controls.
    X : (4, 2) the gate's inputs.  y : (4,) the gate's outputs.
    z : (4,) the pre-activation ``b + w1 x1 + w2 x2`` at each row.  outputs : (4,) ``step(z)``, 0/1 int.
    code : nnlib code that prints the same outputs when pasted into a cell.
    """

    gate: str
    w1: float
    w2: float
    b: float
    X: np.ndarray
    y: np.ndarray
    z: np.ndarray
    outputs: np.ndarray
    code: str

    @property
    def agree(self) -> np.ndarray:
        """(4,) bool: the rows where the neuron's output equals the gate's."""
        return self.outputs == self.y

    @property
    def n_agree(self) -> int:
        return int(self.agree.sum())

    @property
    def computes(self) -> list[str]:
        """The gates whose truth table these outputs are (at most one)."""
        return [g for g, column in GATES.items() if tuple(int(v) for v in self.outputs) == column]

    def proba(self, P: Any) -> np.ndarray:
        """The neuron's output 0.0/1.0 at points ``P`` (m, 2), shape (m,) (the regions of the picture)."""
        P = as_matrix(P, "P", n_features=2)
        return _step_proba({"w": np.array([self.w1, self.w2]), "b": self.b}, P)

    def table(self) -> str:
        """The truth table with the neuron's outputs beside the gate's, one row per input, as text."""
        rows = [f"x1 x2 |     z | neuron | {self.gate:>4} | agree"]
        for (x1, x2), z, out, want, ok in zip(self.X, self.z, self.outputs, self.y, self.agree):
            rows.append(f" {int(x1)}  {int(x2)} | {_exact(z):>5} | {int(out):>6} | {int(want):>4} | "
                        f"{'yes' if ok else 'NO'}")
        return "\n".join(rows)

    def summary(self) -> str:
        """Settings, the truth table and how many rows agree: short, deterministic text."""
        head = (f"step neuron with w1={_exact(self.w1)}, w2={_exact(self.w2)}, b={_exact(self.b)} against "
                f"{self.gate}\nz = w1 x1 + w2 x2 + b; the neuron outputs 1 where z >= 0")
        score = f"{self.n_agree} of 4 rows agree with {self.gate}"
        if self.computes:
            score += f"; with these weights the neuron computes {self.computes[0]}"
        return "\n".join([head, self.table(), score + "."])

    def __str__(self) -> str:
        return self.summary()


def run_weights(gate: str = "AND", w1: float = WEIGHT_DEFAULTS["w1"], w2: float = WEIGHT_DEFAULTS["w2"],
                b: float = WEIGHT_DEFAULTS["b"]) -> WeightResult:
    """A step neuron with the weights ``w1``, ``w2`` and bias ``b`` (values of :data:`WEIGHT_GRID`) on the
    four inputs of ``gate``: no training, nnlib's ``Perceptron`` with ``W = [b, w1, w2]`` set by hand."""
    gate = check_control("weights", "gate", gate)
    w1, w2, b = (check_control("weights", n, v) for n, v in (("w1", w1), ("w2", w2), ("b", b)))
    X, y = logic_gate(gate)
    p = Perceptron(input_size=2)
    p.W = [b, w1, w2]  # the call that `code` below prints
    code = "\n".join([
        "import nnlib as nn",
        f'X, y = nn.logic_gate("{gate}")',
        "p = nn.Perceptron(input_size=2)",
        f"p.W = [{_exact(b)}, {_exact(w1)}, {_exact(w2)}]   # bias first: W = [b, w1, w2]",
        'print("z      ", p.decision_function(X))',
        'print("neuron ", p.predict(X))',
        f'print("{gate:<7}", y)',
        'print("rows that agree:", (p.predict(X) == y).sum(), "of 4")',
    ])
    return WeightResult(gate, w1, w2, b, X, y.astype(int), p.decision_function(X), p.predict(X), code)
