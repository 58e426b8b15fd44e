"""The Zero to JupyterHub configuration (deploy/z2jh/) cannot run here: check that it parses and
names the same login, packages, notebooks and folders as the one-machine room (hub/)."""
from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")  # PyYAML comes with JupyterLab (jupyter-events)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hub.settings import NAME_RE, from_env  # noqa: E402
from hub.spawner import NOTEBOOKS, SERIES_LINK  # noqa: E402
from test_environment import conda_specs  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

Z2JH = REPO / "deploy" / "z2jh"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (Z2JH / "Dockerfile").read_text(encoding="utf-8"))
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def post_start(values: dict) -> list[list[str]]:
    """The postStart hook's shell commands, each split into words."""
    command = values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:2] == ["sh", "-c"]
    return [shlex.split(part) for part in command[2].split(";") if part.strip()]


def test_the_login_is_the_rooms(values):
    config = values["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] == "shared-password"
    assert config["Authenticator"]["allow_all"] is True
    assert config["Authenticator"]["username_pattern"] == f"^{NAME_RE.pattern}$"
    assert "SharedPasswordAuthenticator" not in config  # the password is given with --set, never committed


def test_idle_servers_are_culled_after_the_rooms_timeout(values):
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] == from_env({"HUB_PASSWORD": "x" * 8}).idle_timeout


def test_learners_land_on_a_notebook_of_the_series_in_their_own_copies(values):
    url = values["singleuser"]["defaultUrl"]
    match = re.fullmatch(r"/lab/tree/([^/]+)/([^/]+\.ipynb)", url)
    assert match, url
    assert match.group(1) == NOTEBOOKS and (REPO / "notebooks" / match.group(2)).exists()


def test_nbgitpuller_pulls_the_student_copies_and_the_series_is_linked_read_only(values, dockerfile):
    pull, link = post_start(values)
    assert pull[0] == "gitpuller" and pull[3] == NOTEBOOKS  # gitpuller REPO BRANCH FOLDER
    assert link[:2] == ["ln", "-sfn"] and link[3] == SERIES_LINK
    assert f"COPY notebooks {link[2]}" in dockerfile
    assert any(line.startswith("RUN chown -R root:root /opt/perceptrons") for line in dockerfile)


def test_the_image_installs_exactly_environment_yml(dockerfile):
    installs = [line for line in dockerfile if re.search(r"\b(pip|mamba|conda|micromamba) (install|env)\b", line)]
    assert len(installs) == 1 and "env update --name base --file /opt/perceptrons/environment.yml" in installs[0]
    # what the values file runs or relies on is in that environment
    packages = conda_specs((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert {"nbgitpuller", "jupyterhub", "jupyterlab", "ipywidgets"} <= set(packages)


def test_the_image_copies_what_installing_the_package_needs(dockerfile):
    """environment.yml's `-e .` builds nnlib from pyproject.toml: its readme, licence and packages."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    copied = set()
    for line in dockerfile:
        if line.startswith("COPY "):
            copied.update(line.split()[1:-1])
    needed = {"pyproject.toml", "environment.yml", project["project"]["readme"],
              *project["project"]["license-files"]}
    needed |= {pattern.rstrip("*") for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert needed <= copied, f"not copied into the image: {sorted(needed - copied)}"
