"""Root of the test suite (tests/ and notebooks/): loads nbval, after stopping one slow optional import.

jsonschema (imported by nbformat, which nbval imports) registers an "iri" format checker when the
optional package rfc3987-syntax is installed (JupyterLab's jupyter-events pulls it in), and that
package builds its grammar at import: about 1.6 s in every pytest process, before any test runs
(python-jsonschema/jsonschema#1428). No schema the suite validates uses the "iri" format, so the
test processes go without it. nbval is loaded here rather than with ``-p`` in pyproject.toml so that
this line runs first. Kernels and the JupyterLab server are other processes and are not affected.
"""
import sys

sys.modules.setdefault("rfc3987_syntax", None)  # `import rfc3987_syntax` now raises ImportError, which jsonschema expects

pytest_plugins = ["nbval.plugin"]
