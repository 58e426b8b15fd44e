"""course: the machinery of the notebook series, kept beside ``nnlib``.

``nnlib`` is the library a learner reads; this package is what only the notebooks' teaching
needs: the answer checks (``course.checks``), the explorers (``course.explorers``) and the pure
"controls -> result" functions behind them (``course.experiments``). It uses only nnlib's public
names; nothing in nnlib imports it.
"""
