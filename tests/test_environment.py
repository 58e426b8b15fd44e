"""environment.yml (conda, Binder) and pyproject.toml (pip) must describe the same learner's environment:
pyproject's dependencies and every extra except ``test`` (the test tools, which make test installs)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
NOT_PACKAGES = {"python", "pip"}  # conda needs them listed; pip gets them from the interpreter
# conda-forge names that differ from the PyPI name of the same package. conda-forge's "playwright"
# is the Node.js tool; the Python bindings that `import playwright` needs are "playwright-python".
CONDA_TO_PIP = {"playwright-python": "playwright"}
TEST_EXTRA = "test"  # the test tools: in pyproject.toml only


def conda_specs(text: str) -> dict[str, SpecifierSet]:
    """name -> specifiers from the top-level ``dependencies:`` list of an environment.yml.

    A small reader for the subset we use (no PyYAML needed): ``- name<spec>  # comment``
    items, and a nested ``- pip:`` list whose items (``-e .``) are skipped.
    """
    specs: dict[str, SpecifierSet] = {}
    in_deps = False
    for line in text.splitlines():
        if re.match(r"^dependencies:\s*(#.*)?$", line):
            in_deps = True
            continue
        if in_deps and re.match(r"^\S", line):  # the next top-level key ends the list
            break
        m = re.match(r"^  - ([^#\s:][^#:]*?)\s*(#.*)?$", line)  # items at the list's own indent
        if in_deps and m:
            name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", m.group(1)).groups()
            name = canonicalize_name(name)
            specs[CONDA_TO_PIP.get(name, name)] = SpecifierSet(spec.replace(" ", ""))
    return specs


def pip_specs(data: dict) -> dict[str, SpecifierSet]:
    """name -> specifiers from [project] dependencies and every optional extra but the test tools'."""
    project = data["project"]
    reqs = list(project["dependencies"])
    for name, extra in project.get("optional-dependencies", {}).items():
        if name != TEST_EXTRA:
            reqs += extra
    out: dict[str, SpecifierSet] = {}
    for r in map(Requirement, reqs):
        name = canonicalize_name(r.name)
        if name != "nnlib":  # a self-referencing extra would not be a dependency
            out[name] = out.get(name, SpecifierSet()) & r.specifier
    return out


def lower_bound(spec: SpecifierSet) -> str | None:
    lows = [s.version for s in spec if s.operator in (">=", ">", "~=", "==")]
    return lows[0] if len(lows) == 1 else None


@pytest.fixture(scope="module")
def both():
    conda = conda_specs((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = pip_specs(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")))
    return conda, pip


def test_the_reader_sees_the_environment(both):
    conda, pip = both
    assert {"python", "pip", "numpy", "matplotlib"} <= set(conda)
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "ipykernel"} <= set(pip)
    assert not {"pytest", "nbval", "hypothesis", "playwright"} & set(pip) & set(conda)
    assert "-e" not in conda and "." not in conda


def test_same_packages(both):
    conda, pip = both
    conda_names = set(conda) - NOT_PACKAGES
    assert conda_names == set(pip), (
        f"only in environment.yml: {sorted(conda_names - set(pip))}; "
        f"only in pyproject.toml: {sorted(set(pip) - conda_names)}"
    )


def test_same_bounds_and_every_package_has_a_lower_bound(both):
    conda, pip = both
    for name in sorted(pip):
        assert lower_bound(pip[name]) is not None, f"{name} needs exactly one lower bound in pyproject.toml"
        assert lower_bound(pip[name]) == lower_bound(conda[name]), (
            f"{name}: pyproject {pip[name]} vs environment.yml {conda[name]}"
        )
        assert pip[name] == conda[name], f"{name}: pyproject {pip[name]} vs environment.yml {conda[name]}"
        assert not any(s.operator in ("==", "===") for s in pip[name]), f"{name} is pinned: pins rot"


def test_python_floor_agrees(both):
    conda, _ = both
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert SpecifierSet(data["project"]["requires-python"]) == conda["python"]


def test_pip_installs_the_package_itself():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+- pip:\s*\n\s+- -e \.", text, re.M)
