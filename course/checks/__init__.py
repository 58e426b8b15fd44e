"""Answer checks for the exercises, one function per exercise: ``exercise_<notebook>_<k>``.

Call a check right after its exercise, e.g. ``checks.exercise_3_1(W)``. It
prints PASS with an insight, a specific HINT, or a kind reminder that the
exercise is not answered yet, and returns None. The checks of each notebook
live in their own module and are gathered here.
"""
from ._core import hint, not_answered, passed  # noqa: F401

__all__: list[str] = []

def _gather() -> None:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("nb"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for name in dir(module):
                if name.startswith("exercise_"):
                    globals()[name] = getattr(module, name)
                    __all__.append(name)


_gather()
