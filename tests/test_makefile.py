"""The Makefile's commands, as `make -n` prints them (nothing is run): what `make lab` starts and
what `make test` and `make check` run, what CI runs, and how the suite loads nbval."""
import json
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


def test_make_lab_serves_the_repository_opens_notebook_0_and_prints_the_url_on_a_headless_machine():
    (command,) = [line for line in dry_run("lab").splitlines() if "jupyter lab" in line]
    assert "--ip=127.0.0.1" in command and "--port=8888" in command
    # The server's root is the repository (INSTRUCTOR.md, build/student/ open from it); the page it opens,
    # and the URL it prints, land on notebook 0.
    assert "--ServerApp.root_dir=." in command
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in command
    files = [arg for arg in command.split() if not arg.startswith("-") and arg.endswith(".ipynb")]
    assert files == [], "a file argument would make its folder the server's root"
    if os.uname().sysname != "Darwin":
        assert "--no-browser" in command  # no display: JupyterLab prints the URL instead of opening a browser
    # Jupyter refuses to start as root without --allow-root (containers often run as root).
    assert ("--allow-root" in command) == (os.geteuid() == 0)


def test_make_lab_opens_a_browser_where_there_is_a_display_and_takes_another_port():
    (command,) = [line for line in dry_run("lab", DISPLAY=":0", PORT="8890").splitlines() if "jupyter lab" in line]
    assert "--no-browser" not in command and "--port=8890" in command


def pip_installs(target: str) -> list[str]:
    """The pip install commands that make would run for ``target`` from scratch (-B: as if nothing were installed)."""
    out = subprocess.run(["make", "-n", "-B", target], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if "-m pip install" in line and "--upgrade pip" not in line]


def test_make_lab_installs_the_learners_extra_only_and_make_test_adds_the_test_tools():
    (lab,) = pip_installs("lab")
    assert lab.endswith("-e '.[lab]'")
    assert "PYTHONWARNINGS=ignore::UserWarning" in lab, "setuptools' boxed editable-install notice stays hidden"
    assert "--quiet" not in lab and "-q " not in lab, "the first run shows its progress"
    assert pip_installs("test")[-1].endswith("-e '.[lab,test]'")
    assert pip_installs("check")[-1].endswith("-e '.[lab,test]'")


def test_make_lab_installs_jupyterlab_settings_without_the_news_pop_up():
    out = subprocess.run(["make", "-n", "-B", "lab"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "cp tools/jupyterlab-overrides.json .venv/share/jupyter/lab/settings/overrides.json" in out
    assert "cp tools/ipython_kernel_config.py .venv/etc/ipython/ipython_kernel_config.py" in out
    overrides = json.loads((REPO / "tools" / "jupyterlab-overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                       "checkForUpdates": False}


def pytest_command(target: str) -> str:
    (line,) = [line for line in dry_run(target).splitlines() if "-m pytest" in line]
    return line


def test_make_test_leaves_out_only_the_browser_and_hub_tests_and_make_check_runs_everything():
    assert pytest_command("test") == '.venv/bin/python -m pytest -n 2 --dist loadfile -m "not browser and not hub"'
    assert pytest_command("check") == ".venv/bin/python -m pytest -n 2 --dist loadfile"


def test_ci_runs_make_check():
    ci = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    assert ci[-1] == "make check"


def test_the_browser_test_is_the_one_that_make_test_leaves_out():
    import test_browser

    assert test_browser.pytestmark.name == "browser"
    mark = "pytest.mark." + "browser"  # spelt in two parts, so that this file does not match itself
    other = [p.name for p in (REPO / "tests").glob("test_*.py")
             if p.name != "test_browser.py" and mark in p.read_text(encoding="utf-8")]
    assert other == [], "only the real-browser test is left out of make test"


def test_the_hub_tests_are_left_out_of_make_test_and_run_by_make_check():
    text = (REPO / "tests" / "test_hub.py").read_text(encoding="utf-8")
    assert "pytestmark = pytest.mark." + "hub" in text
    assert 'and not hub"' in pytest_command("test") and '-m "' not in pytest_command("check")


def test_the_suite_loads_nbval_without_jsonschemas_slow_iri_grammar():
    """The root conftest.py keeps rfc3987_syntax out of the test processes (about 1.6 s each, see there)."""
    import sys

    import jsonschema  # noqa: F401 - imported by nbformat anyway; its format checkers are set up now

    assert "nbval.plugin" in sys.modules
    assert sys.modules.get("rfc3987_syntax", "never imported") is None
