"""Answer checks for the exercises, one function per exercise: ``exercise_<notebook>_<k>``.

Call a check right after its exercise, e.g. ``checks.exercise_3_1(W)``. It
prints PASS with an insight, a specific HINT, or a kind reminder that the
exercise is not answered yet, and returns None. The checks of each notebook
live in their own module (``nb00`` ... ``nb07``), each with its cases and its
tables of typical mistakes; ``_core`` is the engine they share.
"""
from .nb00 import exercise_0_1, exercise_0_2
from .nb01 import exercise_1_1, exercise_1_2
from .nb02 import exercise_2_1, exercise_2_2, exercise_2_3, exercise_2_4, exercise_2_5
from .nb03 import exercise_3_1, exercise_3_2, exercise_3_3, exercise_3_4, exercise_3_5, exercise_3_6
from .nb04 import exercise_4_1, exercise_4_2, exercise_4_3, exercise_4_4, exercise_4_5, exercise_4_6, exercise_4_7, exercise_4_8, exercise_4_9
from .nb05 import exercise_5_1, exercise_5_2, exercise_5_3, exercise_5_4, exercise_5_5, exercise_5_6
from .nb06 import exercise_6_1, exercise_6_2, exercise_6_3, exercise_6_4, exercise_6_5
from .nb07 import exercise_7_1, exercise_7_2, exercise_7_3, exercise_7_4

__all__ = [
    "exercise_0_1", "exercise_0_2",
    "exercise_1_1", "exercise_1_2",
    "exercise_2_1", "exercise_2_2", "exercise_2_3", "exercise_2_4", "exercise_2_5",
    "exercise_3_1", "exercise_3_2", "exercise_3_3", "exercise_3_4", "exercise_3_5", "exercise_3_6",
    "exercise_4_1", "exercise_4_2", "exercise_4_3", "exercise_4_4", "exercise_4_5", "exercise_4_6", "exercise_4_7", "exercise_4_8", "exercise_4_9",
    "exercise_5_1", "exercise_5_2", "exercise_5_3", "exercise_5_4", "exercise_5_5", "exercise_5_6",
    "exercise_6_1", "exercise_6_2", "exercise_6_3", "exercise_6_4", "exercise_6_5",
    "exercise_7_1", "exercise_7_2", "exercise_7_3", "exercise_7_4",
]
