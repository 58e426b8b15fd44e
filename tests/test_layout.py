"""The two packages' shape (issue 13): nnlib's size and the import direction, by tools/layout.py's own checks.

The budget test fails while nnlib is over 1,300 lines: that is the point of it.
"""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("layout", ROOT / "tools" / "layout.py")
layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layout)


def test_nnlib_within_its_line_budget():
    assert layout.budget_problems() == []


def test_nnlib_does_not_import_course():
    assert layout.nnlib_imports_course() == []


def test_course_uses_only_public_nnlib_names():
    assert layout.course_private_uses() == []


def test_the_checks_catch_what_they_look_for(tmp_path):
    """A tree that breaks every rule: each check names the file and line."""
    (tmp_path / "nnlib").mkdir()
    (tmp_path / "course").mkdir()
    (tmp_path / "nnlib" / "a.py").write_text("def f():\n    from course import checks\n" + "x = 1\n" * 1300)
    (tmp_path / "course" / "b.py").write_text(
        "import nnlib as nn\nfrom nnlib.training import _full_batch, gradient_descent\n"
        "from nnlib import training\n\n\ndef g():\n    return nn.training._rule, training._prepare, nn.__version__\n")
    assert layout.line_count("nnlib", tmp_path) == 1302
    assert layout.budget_problems(tmp_path) == ["nnlib has 1302 lines, over the budget of 1300"]
    assert layout.nnlib_imports_course(tmp_path) == ["nnlib/a.py:2 imports course.checks"]
    assert layout.course_private_uses(tmp_path) == [
        "course/b.py:2 uses nnlib.training._full_batch",
        "course/b.py:7 uses nnlib.training._prepare",
        "course/b.py:7 uses nnlib.training._rule",
    ]
