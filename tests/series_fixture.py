"""A tiny two-notebook series with known content, to test the tools on input whose answer we know.

The real notebooks are tested too (parametrised over notebooks/*.ipynb); this
series pins the tools' behaviour even when the real ones happen to lack a case
(an explorer with stored widget state, a link that leaves the folder, ...).
"""
from __future__ import annotations

import base64
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"explorer-default-picture").decode()
PNG_BUNDLE = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"explorer-with-its-own-picture").decode()
PNG_DIRECT = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"plain-figure").decode()

SOLUTION_DEF = '''# Exercise 1.1: return the weighted sum of the inputs plus the bias
def weighted_sum(x, w, b: float = 0.0):
    """Return w . x + b for one sample x of shape (d,)."""
    total = float(np.dot(w, x))
    return total + b
'''
SOLUTION_ASSIGN = '''# Exercise 1.2: choose weights and a bias for the AND gate
w_and = np.array([1.0, 1.0])
b_and = -1.5  # fires only when both inputs are on
'''
FAKE_CHECKS = '''import types
import numpy as np
def _check(*args):
    if any(a is ... or a is None for a in args):
        print("Exercise: not answered yet.")
    elif callable(args[0]) and args[0]([1, 1], [1, 1]) is None:
        print("Exercise: not answered yet.")
    else:
        print("PASS")
checks = types.SimpleNamespace(exercise_1_1=_check, exercise_1_2=_check)
'''


def _tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def _write(path: Path, cells: list, metadata: dict | None = None) -> None:
    nb = new_notebook(cells=cells, metadata=metadata or {})
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def make_series(root: Path) -> Path:
    """Write README.md and notebooks/00_start_here.ipynb, 01_demo.ipynb under ``root``; return the folder."""
    nbdir = root / "notebooks"
    (nbdir / "images").mkdir(parents=True)
    (nbdir / "images" / "neuron.png").write_bytes(base64.b64decode(PNG_DIRECT))
    (root / "README.md").write_text("# Demo\n\n## Running a workshop\n\nSee [the start](notebooks/00_start_here.ipynb).\n")
    _write(nbdir / "00_start_here.ipynb", [
        new_markdown_cell("# 0. Start here\n\nThe contents."),
        new_markdown_cell("## Contents\n\n1. [Demo](01_demo.ipynb)\n2. [Its exercises](01_demo.ipynb#Coding-Exercise-1.1:-a-weighted-sum)\n"
                          "\nAlso read the [README](../README.md#running-a-workshop)."),
    ])
    widget_state = {"application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0, "state": {
        "box": {"model_name": "VBoxModel", "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
                "state": {"children": ["IPY_MODEL_data", "IPY_MODEL_init_label", "IPY_MODEL_init",
                                       "IPY_MODEL_slider", "IPY_MODEL_out"]}},
        "data": {"model_name": "DropdownModel", "model_module": "@jupyter-widgets/controls",
                 "model_module_version": "2.0.0",
                 "state": {"description": "data", "_options_labels": ["AND gate", "XOR gate"], "index": 1}},
        "init_label": {"model_name": "LabelModel", "model_module": "@jupyter-widgets/controls",
                       "model_module_version": "2.0.0", "state": {"value": "init"}},
        "init": {"model_name": "ToggleButtonsModel", "model_module": "@jupyter-widgets/controls",
                 "model_module_version": "2.0.0",
                 "state": {"description": "", "_options_labels": ["zeros", "random"], "index": 0}},
        "slider": {"model_name": "FloatSliderModel", "model_module": "@jupyter-widgets/controls",
                   "model_module_version": "2.0.0", "state": {"description": "lr", "value": 0.1}},
        "out": {"model_name": "OutputModel", "model_module": "@jupyter-widgets/output", "model_module_version": "1.0.0",
                "state": {"outputs": [{"output_type": "display_data", "metadata": {},
                                       "data": {"image/png": PNG, "text/plain": "<Figure>"}},
                                      {"output_type": "stream", "name": "stdout", "text": "lr=0.1 loss=0.6931\n"}]}},
        "box2": {"model_name": "VBoxModel", "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
                 "state": {"children": ["IPY_MODEL_out2", "IPY_MODEL_summary2"]}},
        "out2": {"model_name": "OutputModel", "model_module": "@jupyter-widgets/output", "model_module_version": "1.0.0",
                 "state": {"outputs": [{"output_type": "display_data", "metadata": {},
                                        "data": {"image/png": PNG_BUNDLE, "text/plain": "<Figure>"}}]}},
        "summary2": {"model_name": "HTMLModel", "model_module": "@jupyter-widgets/controls",
                     "model_module_version": "2.0.0", "state": {"value": "<b>loss 0.6931 = ln 2</b>"}},
    }}}
    explorer2 = new_code_cell("nn.explore_sigmoid()", execution_count=5, outputs=[new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "box2", "version_major": 2,
                                                                            "version_minor": 0},
                              "image/png": PNG_BUNDLE, "text/plain": "Explorer(sigmoid)"})])
    explorer = new_code_cell("nn.explore_step()", execution_count=4, outputs=[new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "box", "version_major": 2,
                                                                            "version_minor": 0},
                              "text/plain": "VBox(children=(FloatSlider(value=0.1),))"})])
    _write(nbdir / "01_demo.ipynb", [
        new_markdown_cell("# 1. Demo\n\nLearning objectives: none. See ![a neuron](images/neuron.png)"),
        new_code_cell("import numpy as np\n" + FAKE_CHECKS, execution_count=1),
        new_markdown_cell("## 1. The `step` function\n\nBack to [the top](#1.-Demo) or the [contents](00_start_here.ipynb)."),
        new_code_cell("print(np.arange(3))", execution_count=2,
                      outputs=[new_output("stream", name="stdout", text="[0 1 2]\n")]),
        new_markdown_cell("### Coding Exercise 1.1: a weighted sum\n\nWrite `weighted_sum`."),
        _tagged(new_code_cell(SOLUTION_DEF, execution_count=3), "solution"),
        new_code_cell("checks.exercise_1_1(weighted_sum)", execution_count=4,
                      outputs=[new_output("stream", name="stdout", text="PASS\n")]),
        explorer,
        explorer2,
        new_code_cell("fig = 1", execution_count=5, outputs=[new_output(
            "display_data", data={"image/png": PNG_DIRECT, "text/plain": "<Figure>"})]),
        new_markdown_cell("### Coding Exercise 1.2: the AND gate\n\nChoose `w_and` and `b_and`."),
        _tagged(new_code_cell(SOLUTION_ASSIGN, execution_count=6), "solution"),
        new_code_cell("checks.exercise_1_2(w_and, b_and)", execution_count=7),
        new_markdown_cell("## Summary\n\n[Contents](00_start_here.ipynb#Contents)"),
    ], metadata={"widgets": widget_state})
    return nbdir

