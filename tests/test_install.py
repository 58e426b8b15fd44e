"""The learner's install (``make lab``: pyproject's dependencies and its ``lab`` extra) holds what the
notebooks import and none of the test tools; the test tools come with ``make test`` (the ``test`` extra).

The package set is resolved the way pip resolves it, from the requirements that the installed
distributions declare (this environment has the learner's packages and the test tools both)."""
from __future__ import annotations

import ast
import json
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

REPO = Path(__file__).resolve().parents[1]
TEST_TOOLS = {"pytest", "nbval", "hypothesis", "pytest-xdist", "playwright", "pytest-randomly"}
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def closure(requirements: list[str]) -> set[str]:
    """Every distribution pip installs for ``requirements`` (names canonicalized), extras and markers included."""
    seen: set[str] = set()
    todo = [(Requirement(r), ()) for r in requirements]
    while todo:
        req, _ = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        key = name + "[" + ",".join(sorted(req.extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        if name == "nnlib":  # the project itself: its own extras, from pyproject.toml
            extras = PROJECT["optional-dependencies"]
            todo += [(Requirement(r), ()) for r in PROJECT["dependencies"]]
            todo += [(Requirement(r), ()) for e in req.extras for r in extras[e]]
            continue
        for spec in metadata.requires(req.name) or []:
            dep = Requirement(spec)
            if dep.marker is None or dep.marker.evaluate({"extra": ""}) or any(
                    dep.marker.evaluate({"extra": e}) for e in req.extras):
                dep.marker = None
                todo.append((dep, ()))
    return {k.split("[")[0] for k in seen}


LEARNER = closure(["nnlib[lab]"])


def notebook_imports() -> set[str]:
    """Top-level module names imported by the code cells of every notebook."""
    names: set[str] = set()
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Import):
                    names |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names


def test_the_learners_install_has_no_test_tools_and_make_test_adds_them():
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "ipykernel", "jupyterlab-widgets"} <= LEARNER
    assert not LEARNER & TEST_TOOLS, f"test tools in the learner's install: {sorted(LEARNER & TEST_TOOLS)}"
    assert {"pytest", "nbval", "hypothesis", "playwright"} <= closure(["nnlib[lab,test]"])


def test_the_learners_install_holds_every_module_the_notebooks_import():
    owners = metadata.packages_distributions()
    imports = notebook_imports()
    assert {"numpy", "matplotlib", "nnlib", "course", "ipywidgets"} <= imports
    missing = []
    for module in sorted(imports):
        if module in sys.stdlib_module_names or module in ("nnlib", "course"):
            continue
        dists = {canonicalize_name(d) for d in owners.get(module, [])}
        if not dists & LEARNER:
            missing.append(f"{module} (from {sorted(dists) or 'no installed distribution'})")
    assert missing == [], f"notebooks import modules the learner's install lacks: {missing}"


def test_a_kernel_of_the_learners_install_prints_no_tcp_notice_and_still_shows_a_learners_warning(tmp_path):
    """make installs tools/ipython_kernel_config.py into the venv: a kernel's terminal stays free of
    ipykernel's "running over TCP without encryption" notice, while a warning from a learner's code still
    reaches the notebook."""
    import jupyter_client

    installed = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
    assert installed.read_text(encoding="utf-8") == (REPO / "tools" / "ipython_kernel_config.py").read_text(
        encoding="utf-8"), "make installs the kernel config into the venv"
    km = jupyter_client.KernelManager(kernel_name="python3")
    with open(tmp_path / "stderr.txt", "w") as err:
        km.start_kernel(stderr=err, cwd=str(tmp_path))
    kc = km.client()
    outputs: list[str] = []
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive("import warnings; warnings.warn('a learner warning')", timeout=60,
                               output_hook=lambda msg: outputs.append(str(msg["content"].get("text", ""))))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert "running over TCP" not in (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert any("a learner warning" in text for text in outputs)
