"""The explorers in a real browser: JupyterLab 4 + Debian's chromium, driven by Playwright.

One JupyterLab server (127.0.0.1, a free port, throwaway settings) serves a
temporary copy of ``notebooks/``, so the browser never writes to the repo.
For every notebook that contains an explorer cell, the test opens it, runs
all cells, moves the first explorer's learning-rate and epochs sliders with
the keyboard, and checks that

* the summary shown in the page equals what the pure function
  (``nnlib.experiments.run_*``) gives for the new settings,
* the picture re-rendered (the ``img`` source changed),
* no traceback or error appears anywhere on the page.

Screenshots go to ``test-artifacts/``. Recipe: ../shared/GUIDE.md.
If chromium or Playwright is missing the test skips with the reason; with
the environment variable ``CI`` set it fails instead.
"""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from nnlib import experiments

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXPLORER_CALL = re.compile(r"explorers\.(step|sigmoid|mlp)_explorer\(")
RUNS = {"step": experiments.run_step, "sigmoid": experiments.run_sigmoid, "mlp": experiments.run_mlp}
SUMMARY_HEAD = re.compile(r"^(step perceptron|sigmoid neuron \(BCE\)|two-layer network) on (\S+): "
                          r"lr=([^,]+), epochs=(\d+), init=(\w+)(?:, seed=(\d+))?")
KINDS = {"step perceptron": "step", "sigmoid neuron (BCE)": "sigmoid", "two-layer network": "mlp"}
DEMO_SOURCE = 'from nnlib import explorers\nexplorers.step_explorer(dataset="AND")'


def _missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright; do not run 'playwright install')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import jupyterlab  # noqa: F401
        import jupyterlab_widgets  # noqa: F401
    except ImportError as exc:
        return f"JupyterLab with widget support is missing ({exc.name})"
    return None


def explorer_notebooks(folder: Path = REPO / "notebooks") -> list[Path]:
    """Notebooks whose code cells call one of the explorers."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                   for c in nb.get("cells", []) if c.get("cell_type") == "code"]
        if any(EXPLORER_CALL.search(s) for s in sources):
            found.append(path)
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demo_notebook(path: Path) -> None:
    """A one-cell notebook with an explorer, used only while no repo notebook has one."""
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "demo", "metadata": {},
                     "outputs": [], "source": DEMO_SOURCE}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


class Lab:
    """A JupyterLab server on a temp copy of the notebooks, plus one headless chromium."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        settings = root / ".lab-settings"
        news = settings / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True)
        (news / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(root / ".lab-workspaces"),
                   JUPYTER_RUNTIME_DIR=str(root / ".jupyter-runtime"))
        self.log = open(root / "server.log", "w")
        self.server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
             f"--port={self.port}", f"--ServerApp.root_dir={root}", "--IdentityProvider.token=",
             "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=root)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/api/status", timeout=2).read()
                break
            except OSError:
                if self.server.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError("JupyterLab did not start:\n" + (root / "server.log").read_text())
                time.sleep(0.2)
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def goto(self, relpath: str):
        """Start loading a notebook in a new tab; see :meth:`ready`."""
        page = self.browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{self.url}/lab/tree/{relpath}?reset", wait_until="commit")
        return page

    def has_kernel(self, relpath: str) -> bool:
        """True once the server has a session with a started kernel for this notebook (REST API)."""
        with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=5) as r:
            sessions = json.load(r)
        return any(s.get("path") == relpath and (s.get("kernel") or {}).get("execution_state") == "idle"
                   for s in sessions)

    def ready(self, page, relpath: str, timeout: float = 60.0) -> None:
        """Wait until the notebook is shown and has a started, idle kernel, accepting a "Select Kernel" dialog.

        The dialog can come late on a freshly started server, so readiness is judged by the server's
        sessions, not by the page's idle indicator (which also shows "idle" before any kernel exists).
        """
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout * 1000)
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if accept.count():
                accept.first.click()
            elif idle.count() and self.has_kernel(relpath):
                return
            page.wait_for_timeout(100)
        raise AssertionError(f"{relpath}: no idle kernel after {timeout} s")

    def open(self, relpath: str):
        page = self.goto(relpath)
        self.ready(page, relpath)
        return page

    @staticmethod
    def menu(page, menu: str, command: str) -> None:
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).first.click()
        page.locator(f".lm-Menu-item[data-command='{command}']").click()

    def run_all(self, page) -> None:
        """Clear the stored outputs, then Run > Run All Cells; retried until execution visibly starts.

        Clearing first matters: the stored execution counts would otherwise look like a run.
        """
        started = ("() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                   ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))")
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        for _ in range(5):
            if accept.count():
                accept.first.click()
            self.menu(page, "Edit", "editmenu:clear-all")
            page.wait_for_function(f"() => !({started[6:]})", timeout=5000)
            self.menu(page, "Run", "runmenu:run-all")
            try:
                page.wait_for_function(started, timeout=3000)
                return
            except Exception:  # noqa: BLE001 - playwright's TimeoutError; retry
                page.keyboard.press("Escape")
        raise AssertionError("Run All did not start executing the notebook")

    def close(self) -> None:
        for step in (lambda: self.browser.close(), lambda: self._pw.stop()):
            try:
                step()
            except Exception:  # noqa: BLE001 - best effort during teardown
                pass
        if self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
        self.log.close()


def start_lab(tmp: Path, notebooks: list[Path]) -> Lab:
    """Copy the notebooks folder (or write a demo notebook) into ``tmp`` and start a Lab on it."""
    target = tmp / "notebooks"
    if notebooks:
        shutil.copytree(REPO / "notebooks", target,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    else:
        target.mkdir(parents=True)
        _demo_notebook(target / "explorer_demo.ipynb")
    return Lab(tmp)


# ----------------------------------------------------------------- page helpers


def summary_text(explorer) -> str:
    return (explorer.locator(".nnlib-explorer-summary pre").text_content() or "").strip()


def image_src(explorer) -> str:
    return explorer.locator(".nnlib-explorer-plot img").first.get_attribute("src") or ""


def expected_summary(shown: str, lr_exponent_steps: int = 0, epochs: int | None = None) -> tuple[str, dict]:
    """The pure function's summary for the settings in ``shown``, with the lr slider moved by some steps.

    One slider step is a factor 2 for the step perceptron and 0.1 decade otherwise, as in the explorers.
    """
    m = SUMMARY_HEAD.match(shown)
    assert m, f"unexpected summary text: {shown!r}"
    kind = KINDS[m.group(1)]
    lr = float(m.group(3))
    if lr_exponent_steps and kind == "step":
        lr = 2.0 ** (round(math.log2(lr)) + lr_exponent_steps)
    elif lr_exponent_steps:
        lr = 10 ** (round(math.log10(lr), 1) + 0.1 * lr_exponent_steps)
    settings = {"dataset": m.group(2), "lr": lr, "epochs": int(epochs or m.group(4)), "init": m.group(5),
                "seed": int(m.group(6) or 0)}
    return RUNS[kind](**settings).summary(), {"kind": kind, **settings}


def mark_picture(explorer) -> None:
    """Tag the img currently shown, so a re-render (a new img element) can be told apart."""
    explorer.locator(".nnlib-explorer-plot img").first.evaluate("img => { img.dataset.stale = '1'; }")


def wait_until(page, explorer, text: str, old_src: str, timeout: float = 20.0) -> float:
    """Wait until the summary equals ``text`` and a new picture replaced the marked one; return seconds.

    If the figure's content changed (another weight line or epoch count), the image source must differ too.
    """
    start = time.perf_counter()
    img = explorer.locator(".nnlib-explorer-plot img")
    while time.perf_counter() - start < timeout:
        if (summary_text(explorer) == text and img.count() == 1
                and img.first.get_attribute("data-stale") is None and image_src(explorer)):
            return time.perf_counter() - start
        page.wait_for_timeout(10)
    raise AssertionError(f"the explorer did not show the expected state within {timeout} s.\n"
                         f"expected:\n{text}\nshown:\n{summary_text(explorer)}\n"
                         f"image replaced: {img.count() == 1 and img.first.get_attribute('data-stale') is None}")


def page_errors(page) -> list[str]:
    """Error and stderr outputs, tracebacks and widget errors in any output area, and error dialogs.

    Ordinary printed text is not scanned for words like "Error", so a notebook may print about errors.
    """
    problems = [t[:500] for t in page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()]
    for text in page.locator(".jp-OutputArea").all_inner_texts():
        for needle in ("Traceback (most recent call last)", "Error displaying widget", "Failed to load model"):
            if needle in text:
                i = text.index(needle)
                problems.append(text[max(0, i - 200): i + 300])
    problems += [t[:500] for t in page.locator(".jp-Dialog").all_inner_texts() if "rror" in t]
    return problems


def press(locator, key: str, times: int = 1) -> None:
    locator.focus()
    for _ in range(times):
        locator.press(key)


def lr_handle(explorer):
    return explorer.locator(".widget-slider").nth(0).locator(".noUi-handle")


def epochs_handle(explorer):
    return explorer.locator(".widget-slider").nth(1).locator(".noUi-handle")


def exercise_explorer(page, explorer, shot: Path, timings: list[float]) -> None:
    """Move lr (3 steps right) and epochs (Home, then 2 steps right) and check each new state."""
    explorer.scroll_into_view_if_needed()
    shown = summary_text(explorer)
    src = image_src(explorer)
    want, settings = expected_summary(shown, lr_exponent_steps=3)
    mark_picture(explorer)
    t0 = time.perf_counter()
    press(lr_handle(explorer), "ArrowRight", 3)
    wait_until(page, explorer, want, src)
    timings.append(time.perf_counter() - t0)
    assert summary_text(explorer) != shown, "moving the lr slider changed nothing on the page"
    if shown.splitlines()[1:3] != want.splitlines()[1:3]:  # other weights or accuracy: another picture
        assert image_src(explorer) != src

    src, shown = image_src(explorer), summary_text(explorer)
    want, _ = expected_summary(shown, epochs=3)
    mark_picture(explorer)
    t0 = time.perf_counter()
    press(epochs_handle(explorer), "Home")
    press(epochs_handle(explorer), "ArrowRight", 2)
    wait_until(page, explorer, want, src)
    timings.append(time.perf_counter() - t0)
    assert "epochs=3," in summary_text(explorer)
    assert image_src(explorer) != src  # the epoch axis alone changes the picture
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=explorer.locator(".nnlib-explorer-plot img").first.element_handle())
    explorer.screenshot(path=str(shot))


# ------------------------------------------------------------------------ tests

NOTEBOOKS = explorer_notebooks()
NAMES = [p.name for p in NOTEBOOKS] or ["explorer_demo.ipynb"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One server; every notebook opened in its own tab and run at once, so their kernels work in parallel."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser test must run, but: {reason}")
        pytest.skip(reason)
    ARTIFACTS.mkdir(exist_ok=True)
    lab = start_lab(tmp_path_factory.mktemp("lab"), NOTEBOOKS)
    try:
        t0 = time.perf_counter()
        lab.pages = {name: lab.goto(f"notebooks/{name}") for name in NAMES}
        t1 = time.perf_counter()
        for name, page in lab.pages.items():
            lab.ready(page, f"notebooks/{name}")
            lab.run_all(page)
        lab.started = time.perf_counter() - t0
        print(f"\ntabs loading {t1 - t0:.1f} s, kernels ready and Run All clicked {t0 + lab.started - t1:.1f} s")
        yield lab
    finally:
        lab.close()


@pytest.mark.parametrize("name", NAMES)
def test_explorers_retrain_in_the_browser(lab, name):
    page = lab.pages[name]
    t0 = time.perf_counter()
    try:
        source = (lab.root / "notebooks" / name).read_text(encoding="utf-8")
        n_explorers = len(EXPLORER_CALL.findall(source.replace('\\"', '"')))
        explorers_ = page.locator(".nnlib-explorer")
        pictures = page.locator(".nnlib-explorer .nnlib-explorer-plot img")
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        deadline = time.monotonic() + 60
        while pictures.count() < n_explorers:
            assert time.monotonic() < deadline, (
                f"{name}: expected {n_explorers} explorer picture(s), saw {pictures.count()}; "
                f"errors: {page_errors(page)}")
            if accept.count():  # a late "Select Kernel" dialog (cold server): the run went nowhere, redo it
                lab.ready(page, f"notebooks/{name}")
                lab.run_all(page)
            page.wait_for_timeout(100)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        assert explorers_.count() == n_explorers
        for i in range(n_explorers):  # every default view matches the pure function
            shown = summary_text(explorers_.nth(i))
            assert shown == expected_summary(shown)[0]
        t_run = time.perf_counter() - t0
        timings: list[float] = []
        exercise_explorer(page, explorers_.first, ARTIFACTS / f"explorer-{Path(name).stem}.png", timings)
        assert page_errors(page) == [], f"{name}: errors on the page: {page_errors(page)}"
        print(f"{name}: all tabs open and running after {lab.started:.1f} s, this one done {t_run:.1f} s later; "
              "key press -> new picture: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))
    finally:
        page.screenshot(path=str(ARTIFACTS / f"page-{Path(name).stem}.png"), full_page=False)
