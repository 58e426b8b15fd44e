"""Every public name of nnlib and course (each module's ``__all__``) is used by at least one test file."""
from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import course
import nnlib

TESTS = Path(__file__).resolve().parent
SOURCES = {p.name: p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != Path(__file__).name}
MODULES = [pkg.__name__ for pkg in (nnlib, course)] + [
    m.name for pkg in (nnlib, course) for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
PUBLIC = sorted({(mod, name) for mod in MODULES for name in getattr(importlib.import_module(mod), "__all__", [])})


def test_the_scan_sees_the_library():
    names = {name for _, name in PUBLIC}
    assert {"Perceptron", "gradient_descent", "load_iris", "TwoLayerNet", "step_explorer"} <= names
    assert len(SOURCES) >= 10


@pytest.mark.parametrize("module,name", PUBLIC, ids=[f"{m}.{n}" for m, n in PUBLIC])
def test_every_public_name_is_tested(module, name):
    used = [f for f, text in SOURCES.items() if re.search(rf"(?<![\w]){re.escape(name)}(?!\w)", text)]
    assert used, f"{module}.{name} is public but no test file uses it"
