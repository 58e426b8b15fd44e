"""The shape of the two packages: nnlib's size and the direction of the imports between nnlib and course.

    python tools/layout.py        # prints the three checks; exits 1 if any fails

- nnlib stays small: ``wc -l`` over ``nnlib/**/*.py`` is at most ``LINE_BUDGET``.
- nnlib never imports ``course``: no ``import course...`` or ``from course... import``
  anywhere in nnlib, inside functions included.
- ``course`` uses only nnlib's public names: no ``from nnlib.x import _y``, no
  ``import nnlib._x`` and no ``nnlib.x._y`` attribute use (``nn._y`` through an alias too).

tests/test_layout.py calls the same functions.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE_BUDGET = 1300


def python_files(package: str, root: Path = ROOT) -> list[Path]:
    """Every ``.py`` file below ``root/package``, sorted."""
    return sorted((root / package).rglob("*.py"))


def line_count(package: str = "nnlib", root: Path = ROOT) -> int:
    """Lines in all of the package's ``.py`` files, as ``wc -l`` counts them (newline characters)."""
    return sum(path.read_bytes().count(b"\n") for path in python_files(package, root))


def _is_private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def imports_of(path: Path, package: str) -> list[tuple[int, str]]:
    """``(line, what)`` for every import of ``package`` (or a module inside it) in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names
                      if alias.name.split(".")[0] == package]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == package:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def private_uses(path: Path, package: str = "nnlib") -> list[tuple[int, str]]:
    """``(line, name)`` for every private name of ``package`` the file imports or reaches as an attribute.

    Private means a dotted part that starts with one underscore (``_full_batch``,
    ``nnlib._core``); dunders such as ``__version__`` are public. Attribute use is
    followed through the names the file binds to the package or its modules
    (``import nnlib as nn`` then ``nn.training._full_batch``).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = [(line, name) for line, name in imports_of(path, package) if _is_private(name)]
    aliases: dict[str, str] = {}  # local name -> the nnlib module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package:
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else package
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == package:
            for alias in node.names:  # `from nnlib import training` binds a module; a function is harmless here
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parts = []
            inner: ast.expr = node
            while isinstance(inner, ast.Attribute):
                parts.append(inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id in aliases:
                dotted = ".".join([aliases[inner.id], *reversed(parts)])
                if _is_private(dotted) and (node.lineno, dotted) not in found:
                    found.append((node.lineno, dotted))
    return sorted(set(found))


def budget_problems(root: Path = ROOT) -> list[str]:
    n = line_count("nnlib", root)
    return [] if n <= LINE_BUDGET else [f"nnlib has {n} lines, over the budget of {LINE_BUDGET}"]


def nnlib_imports_course(root: Path = ROOT) -> list[str]:
    return [f"{path.relative_to(root)}:{line} imports {name}"
            for path in python_files("nnlib", root) for line, name in imports_of(path, "course")]


def course_private_uses(root: Path = ROOT) -> list[str]:
    return [f"{path.relative_to(root)}:{line} uses {name}"
            for path in python_files("course", root) for line, name in private_uses(path)]


def main() -> int:
    lines = line_count()
    checks = (
        (f"nnlib: {lines} lines (wc -l over nnlib/**/*.py; budget {LINE_BUDGET})", budget_problems()),
        ("nnlib imports nothing from course", nnlib_imports_course()),
        ("course imports no private nnlib name", course_private_uses()),
    )
    for title, problems in checks:
        print(f"{'FAIL' if problems else 'ok  '}  {title}")
        for problem in problems:
            print(f"        {problem}")
    return 1 if any(problems for _, problems in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
