"""Seconds to execute each notebook of the series from top to bottom (nbclient).

Each notebook runs from a temporary copy of ``notebooks/``, so the stored
originals are never written. The kernel is the current environment's Python.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CELL_TIMEOUT = 300  # seconds; a stuck cell fails the notebook instead of hanging the bench


def run_notebook(path: Path) -> float:
    """Execute ``path`` (a copy) in its own directory and return the wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    # The kernel process's own stderr only carries jupyter_client's transport notice;
    # cell outputs (including stderr inside cells) travel over the kernel protocol.
    client.execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> bool:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print("no notebooks found")
        return True
    ok, total = True, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOKS, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for original in paths:
            try:
                seconds = run_notebook(copy / original.name)
            except Exception as exc:  # one broken notebook must not hide the others' times
                print(f"    {original.name:<40} FAILED ({type(exc).__name__})")
                ok = False
                continue
            total += seconds
            print(f"    {original.name:<40} {seconds:6.1f} s")
    print(f"    {'total':<40} {total:6.1f} s  ({len(paths)} notebooks, kernel start included)")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
