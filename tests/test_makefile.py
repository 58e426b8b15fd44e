"""The Makefile's commands, as `make -n` prints them (nothing is run): what `make lab` starts and
what `make test` runs."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run(["make", "-n", target], cwd=REPO, env={**clean, **env}, capture_output=True,
                         text=True, check=True)
    return out.stdout


def test_make_lab_starts_jupyterlab_on_the_series_and_prints_the_url_on_a_headless_machine():
    (command,) = [line for line in dry_run("lab").splitlines() if "jupyter lab" in line]
    assert "--ip=127.0.0.1" in command and "--port=8888" in command
    assert command.endswith("notebooks/00_start_here.ipynb")
    if os.uname().sysname != "Darwin":
        assert "--no-browser" in command  # no display: JupyterLab prints the URL instead of opening a browser
    # Jupyter refuses to start as root without --allow-root (containers often run as root).
    assert ("--allow-root" in command) == (os.geteuid() == 0)


def test_make_lab_opens_a_browser_where_there_is_a_display_and_takes_another_port():
    (command,) = [line for line in dry_run("lab", DISPLAY=":0", PORT="8890").splitlines() if "jupyter lab" in line]
    assert "--no-browser" not in command and "--port=8890" in command


def test_make_test_runs_the_readmes_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    lines = dry_run("test").splitlines()
    (pytest_line,) = [line for line in lines if "-m pytest" in line]
    assert pytest_line == ".venv/bin/python -m pytest -n 2 --dist loadfile"
    assert "`make test` runs `pytest -n 2 --dist loadfile`" in readme
