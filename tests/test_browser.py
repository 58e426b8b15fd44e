"""The explorers in a real browser: JupyterLab 4 + Debian's chromium, driven by Playwright.

One JupyterLab server (127.0.0.1, a free port, throwaway settings) serves a
temporary copy of ``notebooks/``, so the browser never writes to the repo.
For every notebook that contains an explorer cell, the test opens it, runs
all cells, moves the first explorer's learning-rate and epochs sliders with
the keyboard, and checks that

* the summary shown in the page equals what the pure function
  (``course.experiments.run_*``) gives for the new settings,
* the picture re-rendered (a new ``img``; its source changed, unless the
  new settings must give the same picture, see :func:`same_picture`),
* no traceback or error appears in the notebook, nor an error dialog.

Screenshots go to ``test-artifacts/``. Recipe: ../shared/GUIDE.md.
If chromium or Playwright is missing the test skips with the reason; with
the environment variable ``CI`` set it fails instead.

Marked ``browser``: ``make check`` (the README's test command, what CI runs)
includes it; ``make test`` (the quick suite, about 50 s) leaves it out.

Cost (the longest test of the suite, so conftest.py starts it first): all
notebooks are documents of one JupyterLab page (the first opened by URL, the
others from the file browser, as a learner would), so the app loads once and
the kernels start together; Run All is clicked in each as soon as its kernel
is ready, so the kernels run in parallel. The served copies have their outputs
cleared (what Edit > Clear All Outputs leaves), so the page need not draw
pictures that Run All replaces. Waits run inside the page
(``wait_for_function`` with native DOM queries), and the tests work on
element handles: each Locator use is a query by Playwright's selector
engine, which walks the whole page in JavaScript.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course import experiments
from course.explorers import OPEN_AT

pytestmark = pytest.mark.browser

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
# In-page conditions (native DOM queries, cheap even with several notebooks in the page).
DIALOG = ".jp-Dialog .jp-Dialog-button.jp-mod-accept"
TAB_JS = """name => {
    for (const tab of document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tab')) {
        const label = tab.querySelector('.lm-TabBar-tabLabel');
        if (label && label.textContent === name && document.getElementById(tab.dataset.id)) return tab.dataset.id;
    }
    return false;
}"""
READY_JS = f"""root => {{
    if (document.querySelector('{DIALOG}')) return 'dialog';
    const panel = root || document.querySelector('.jp-NotebookPanel');
    return panel !== null && panel.querySelector('.jp-Cell') !== null
        && panel.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']") !== null && 'idle';
}}"""
IDLE_JS = "root => root.querySelector(\".jp-Notebook-ExecutionIndicator[data-status='idle']\") !== null"
DEMO_SOURCE = 'from course import explorers\nexplorers.step_explorer(dataset="AND")'


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


def _demo_notebook(path: Path, sources: tuple[str, ...] = (DEMO_SOURCE,)) -> None:
    """A notebook of code cells ``sources`` (by default one cell with an explorer, used only while no repo
    notebook has one)."""
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": f"demo{i}", "metadata": {},
                     "outputs": [], "source": source} for i, source in enumerate(sources)],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def start_server(app: str, root: Path, port: int, env: dict[str, str]) -> subprocess.Popen:
    """Start a Jupyter server (``app``: "jupyterlab" or "notebook") on 127.0.0.1:``port``, serving ``root``,
    without token or password; its output goes to ``root/server.log``. See :func:`wait_for_server`."""
    with open(root / "server.log", "w") as log:  # the child keeps its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", app, "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
             f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
             "--ServerApp.disable_check_xsrf=True"],
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)


def wait_for_server(url: str, server: subprocess.Popen, root: Path, timeout: float = 60.0) -> None:
    """Wait until the server at ``url`` answers; RuntimeError with its log if it exits or times out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2).read()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Jupyter server did not start:\n" + (root / "server.log").read_text())
            time.sleep(0.1)


def kernel_idle(url: str, relpath: str) -> bool:
    """True once the server has a session with a started, idle kernel for this notebook (REST API)."""
    with urllib.request.urlopen(f"{url}/api/sessions", timeout=5) as r:
        sessions = json.load(r)
    return any(s.get("path") == relpath and (s.get("kernel") or {}).get("execution_state") == "idle"
               for s in sessions)


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
        # No "build recommended" check: the page would ask the server, which runs yarn (node) twice for it.
        labconfig = root / ".jupyter-config" / "labconfig"
        labconfig.mkdir(parents=True)
        (labconfig / "page_config.json").write_text(json.dumps({"buildCheck": False}), encoding="utf-8")
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(root / ".lab-workspaces"),
                   JUPYTER_RUNTIME_DIR=str(root / ".jupyter-runtime"),
                   JUPYTER_CONFIG_DIR=str(root / ".jupyter-config"))
        self.server = start_server("jupyterlab", root, self.port, env)
        self.url = f"http://127.0.0.1:{self.port}"
        from playwright.sync_api import sync_playwright

        # The browser starts while the server is still importing.
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            wait_for_server(self.url, self.server, root)
        except RuntimeError:
            self.close()
            raise

    def new_page(self):
        return self.browser.new_page(viewport={"width": 1400, "height": 1000})

    def goto(self, relpath: str, page=None):
        """Start loading JupyterLab on a notebook, in a new tab unless ``page`` is given; see :meth:`ready`."""
        page = page or self.new_page()
        page.goto(f"{self.url}/lab/tree/{relpath}?reset", wait_until="commit")
        return page

    @staticmethod
    def panel(page, relpath: str):
        """The notebook panel of ``relpath`` in the page's main dock area (found through its tab)."""
        pid = page.wait_for_function(TAB_JS, arg=Path(relpath).name, polling=100, timeout=60_000).json_value()
        return page.locator(f"[id='{pid}']")

    def open_from_file_browser(self, page, relpath: str):
        """Open another notebook in the same JupyterLab page, by double-clicking it in the file browser."""
        name = Path(relpath).name
        item = page.locator(".jp-DirListing-item", has=page.locator(
            ".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(name)}$")))
        item.first.dblclick(timeout=30_000)
        return self.panel(page, relpath)

    @staticmethod
    def activate(page, panel) -> None:
        """Bring a notebook's tab to the front (the one the menus act on)."""
        panel = _handle(panel)
        if not panel.evaluate("el => el.classList.contains('lm-mod-hidden')"):
            return  # already in front
        pid = panel.get_attribute("id")
        page.locator(f".lm-DockPanel-tabBar .lm-TabBar-tab[data-id='{pid}']").click()
        page.wait_for_function("el => !el.classList.contains('lm-mod-hidden')", arg=panel)

    def ready(self, page, relpath: str, timeout: float = 60.0, panel=None) -> None:
        """Wait until the notebook is shown and has a started, idle kernel, accepting a "Select Kernel" dialog.

        The dialog can come late on a freshly started server, so readiness is judged by the server's
        sessions, not by the page's idle indicator (which also shows "idle" before any kernel exists).
        The page is asked in-page (native DOM queries, every 100 ms) and the server once per page answer.
        """
        root = panel.element_handle(timeout=timeout * 1000) if panel is not None else None
        if panel is not None:
            self.activate(page, panel)  # a hidden notebook's toolbar (with the idle indicator) is not updated
        accept = page.locator(DIALOG)
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                state = page.wait_for_function(READY_JS, arg=root, polling=100, timeout=left * 1000).json_value()
            except Exception:  # noqa: BLE001 - playwright's TimeoutError, reported below
                break
            if state == "dialog":
                accept.first.click()
            elif kernel_idle(self.url, relpath):
                return
            page.wait_for_timeout(100)
        with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=5) as r:
            sessions = [(s.get("path"), (s.get("kernel") or {}).get("execution_state")) for s in json.load(r)]
        raise AssertionError(f"{relpath}: no idle kernel after {timeout} s; page: "
                             f"{page.evaluate(READY_JS, root)!r}; the server's sessions: {sessions}")

    def open(self, relpath: str):
        page = self.goto(relpath)
        self.ready(page, relpath)
        return page

    @staticmethod
    def menu(page, menu: str, command: str) -> None:
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).first.click()
        page.locator(f".lm-Menu-item[data-command='{command}']").click()

    def run_all(self, page, panel=None, clear: bool = True) -> None:
        """Run > Run All Cells (after Edit > Clear All Outputs unless ``clear`` is False); retried until
        execution visibly starts.

        With ``panel``, that notebook is brought to the front first (the menus act on the current one).
        No prompt may show a count before the run: stored execution counts would look like a run.
        """
        started = ("root => [...(root || document).querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                   ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))")
        root = panel.element_handle() if panel is not None else None
        accept = page.locator(DIALOG)
        for attempt in range(5):
            if accept.count():
                accept.first.click()
            if panel is not None:
                self.activate(page, panel)
            if clear or attempt:
                self.menu(page, "Edit", "editmenu:clear-all")
            page.wait_for_function(f"root => !({started})(root)", arg=root, timeout=5000)
            self.menu(page, "Run", "runmenu:run-all")
            try:
                page.wait_for_function(started, arg=root, timeout=3000)
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


def clear_outputs(path: Path) -> None:
    """Remove a notebook's stored outputs and execution counts, as Edit > Clear All Outputs would.

    The notebook's metadata (kernel, stored widget state) is kept, so the page opens what a learner
    opens, minus pictures that Run All replaces anyway; and no stored prompt can pass for a run.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def start_lab(tmp: Path, notebooks: list[Path]) -> Lab:
    """Copy the notebooks folder (or write a demo notebook) into ``tmp`` and start a Lab on it.

    The copies of the explorer notebooks have their outputs cleared (see :func:`clear_outputs`).
    """
    target = tmp / "notebooks"
    if notebooks:
        shutil.copytree(REPO / "notebooks", target,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        for path in notebooks:
            clear_outputs(target / path.name)
    else:
        target.mkdir(parents=True)
        _demo_notebook(target / "explorer_demo.ipynb")
    return Lab(tmp)


# ----------------------------------------------------------------- page helpers
# They take a Locator or an ElementHandle (benchmarks/bench_explorers.py passes Locators).


def _handle(x):
    """An ElementHandle for a Locator (one query) or the handle itself."""
    return x.element_handle() if hasattr(x, "element_handle") else x


def summary_text(explorer) -> str:
    return explorer.evaluate(
        "e => (e.querySelector('.nnlib-explorer-summary pre') || {textContent: ''}).textContent").strip()


def image_src(explorer) -> str:
    return explorer.evaluate(
        "e => { const img = e.querySelector('.nnlib-explorer-plot img'); return img && img.getAttribute('src') || ''; }")


def expected_summary(shown: str, lr_exponent_steps: int = 0, epochs: int | None = None) -> tuple[str, dict]:
    """The pure function's summary for the settings in ``shown``, with the lr slider moved by some steps.

    The slider moves over :func:`course.experiments.lr_grid` (powers of 2 for the step perceptron, tenths
    of a decade otherwise), and the summary shows lr exactly.
    """
    m = SUMMARY_HEAD.match(shown)
    assert m, f"unexpected summary text: {shown!r}"
    kind = KINDS[m.group(1)]
    lr = float(m.group(3))
    if lr_exponent_steps:
        grid = experiments.lr_grid(kind)
        lr = grid[grid.index(lr) + lr_exponent_steps]
    settings = {"dataset": m.group(2), "lr": lr, "epochs": int(epochs or m.group(4)), "init": m.group(5),
                "seed": int(m.group(6) or 0)}
    if kind != "mlp":
        settings["x1x2"] = "inputs x1, x2, x1*x2" in shown.splitlines()[0]
    return RUNS[kind](**settings).summary(), {"kind": kind, **settings}


BUSY_TEXT_JS = "e => e.querySelector('.nnlib-explorer-busy').textContent.trim()"


def watch_busy(explorer) -> None:
    """Record (as ``explorer._busySeen``) whether the "updating..." mark shows at any moment from now on."""
    explorer.evaluate("""e => {
        const mark = e.querySelector('.nnlib-explorer-busy');
        e._busySeen = false;
        new MutationObserver(records => {
            if (mark.textContent.includes('updating')
                || records.some(r => [...r.addedNodes].some(n => (n.textContent || '').includes('updating'))))
                e._busySeen = true;
        }).observe(mark, {childList: true, subtree: true, characterData: true});
    }""")


def mark_picture(explorer) -> None:
    """Tag the img currently shown, so a re-render (a new img element) can be told apart."""
    explorer.evaluate("e => { e.querySelector('.nnlib-explorer-plot img').dataset.stale = '1'; }")


SHOWN_JS = """([root, text]) => {
    const pre = root.querySelector('.nnlib-explorer-summary pre');
    const img = root.querySelectorAll('.nnlib-explorer-plot img');
    return pre !== null && pre.textContent.trim() === text && img.length === 1
        && img[0].dataset.stale === undefined && !!img[0].getAttribute('src');
}"""
REPLACED_JS = """e => { const img = e.querySelectorAll('.nnlib-explorer-plot img');
                        return img.length === 1 && img[0].dataset.stale === undefined; }"""


def wait_until(page, explorer, text: str, old_src: str, timeout: float = 20.0) -> float:
    """Wait until the summary equals ``text`` and a new picture replaced the marked one; return seconds.

    The condition is checked inside the page on every animation frame, so no Python polling loop
    competes with the kernel and the browser for the CPU. If the figure's content changed (another
    weight line or epoch count), the image source must differ too (asserted by the caller).
    """
    start = time.perf_counter()
    handle = _handle(explorer)
    try:
        page.wait_for_function(SHOWN_JS, arg=[handle, text.strip()], timeout=timeout * 1000)
    except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError, reported with the page's state
        raise AssertionError(f"the explorer did not show the expected state within {timeout} s.\n"
                             f"expected:\n{text}\nshown:\n{summary_text(handle)}\n"
                             f"sliders show: {readouts(handle)}\n"
                             f"image replaced: {handle.evaluate(REPLACED_JS)}") from exc
    return time.perf_counter() - start


ERRORS_JS = """root => {
    const problems = [];
    for (const e of root.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"))
        problems.push(e.innerText.slice(0, 500));
    for (const area of root.querySelectorAll('.jp-OutputArea')) {
        const text = area.innerText;
        for (const needle of ['Traceback (most recent call last)', 'Error displaying widget', 'Failed to load model']) {
            const i = text.indexOf(needle);
            if (i >= 0) problems.push(text.slice(Math.max(0, i - 200), i + 300));
        }
    }
    for (const dialog of document.querySelectorAll('.jp-Dialog'))
        if (dialog.innerText.includes('rror')) problems.push(dialog.innerText.slice(0, 500));
    return problems;
}"""


def page_errors(page, scope=None) -> list[str]:
    """Error and stderr outputs, tracebacks and widget errors in any output area (of ``scope``, default
    the whole page), and error dialogs anywhere on the page.

    Ordinary printed text is not scanned for words like "Error", so a notebook may print about errors.
    """
    if scope is None:
        return page.evaluate(f"({ERRORS_JS})(document)")
    return scope.evaluate(ERRORS_JS)


def readouts(explorer) -> list[str]:
    """What the explorer's sliders display (their readouts), in order: lr, epochs, ..."""
    return _handle(explorer).evaluate(
        "e => [...e.querySelectorAll('.widget-slider')].map(s => (s.querySelector('.widget-readout') || {}).textContent)")


# The knob's state right after a key press, two animation frames later (JupyterLab's own focus handling,
# which activates the cell a focused widget sits in, has run by then): its readout, and whether it still
# has the keyboard focus.
KNOB_JS = """h => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
    const readout = h.closest('.widget-slider').querySelector('.widget-readout');
    done([readout ? readout.textContent : null, document.activeElement === h]);
})))"""


def press(handle, key: str, times: int = 1) -> None:
    """Press ``key`` on a slider's knob ``times`` times, as a learner with the keyboard would.

    Under load, JupyterLab can take the focus back from a widget an instant after it was focused (it
    activates the cell the widget sits in); a key pressed then goes to the notebook, not the slider.
    So each press is repeated (at most twice more) when the knob had lost the focus and its readout
    did not move; a press the slider took is never repeated.
    """
    for _ in range(times):
        before, _focused = handle.evaluate(KNOB_JS)
        for _attempt in range(3):
            handle.focus()
            handle.press(key)
            after, focused = handle.evaluate(KNOB_JS)
            if after != before or focused:
                break


def busy_gone(page, explorer, timeout: float = 5.0) -> bool:
    """True once the "updating..." mark has gone (it is cleared by the last message of a retrain, which
    the page may apply a moment after the new summary and picture)."""
    try:
        page.wait_for_function("e => e.querySelector('.nnlib-explorer-busy').textContent.trim() === ''",
                               arg=_handle(explorer), polling="raf", timeout=timeout * 1000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the caller's assert reports it
        pass
    return explorer.evaluate(BUSY_TEXT_JS) == ""


def _slider_handle(explorer, i: int):
    return explorer.evaluate_handle(
        f"e => e.querySelectorAll('.widget-slider')[{i}].querySelector('.noUi-handle')").as_element()


def lr_handle(explorer):
    """The lr slider's knob (an ElementHandle: focus it and press keys)."""
    return _slider_handle(explorer, 0)


def epochs_handle(explorer):
    """The epochs slider's knob (an ElementHandle)."""
    return _slider_handle(explorer, 1)


NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?")


def same_picture(shown: str, want: str) -> bool:
    """True when two summaries must give the same picture: the same score line and weights that are a
    positive multiple of each other (w and b scaled together keep the line w.x + b = 0, its regions and
    its mistakes; with zero initial weights the step perceptron's weights are exactly proportional to lr).

    The live picture carries no numbers (they are shown as text), so equal pictures are then correct.
    """
    def parts(summary: str) -> tuple[list[float], list[str]]:
        lines = summary.splitlines()
        weights = [ln for ln in lines if re.match(r"^(w|W1|W2) = ", ln)]
        return [float(x) for ln in weights for x in NUMBER.findall(ln.replace("W1", "").replace("W2", "")
                                                                   .replace("b1", "").replace("b2", ""))], \
            [ln for ln in lines if ln.startswith("accuracy ")]
    (a, score_a), (b, score_b) = parts(shown), parts(want)
    if score_a != score_b or len(a) != len(b) or not a:
        return False
    k = max(range(len(a)), key=lambda i: abs(a[i]))
    if a[k] == 0:
        return all(v == 0 for v in b)
    c = b[k] / a[k]
    return c > 0 and all(abs(bi - c * ai) <= 2e-4 * max(1.0, c) for ai, bi in zip(a, b))


def exercise_explorer(page, explorer, shot: Path, timings: list[float]) -> None:
    """Move lr (3 quick steps right) and epochs (Home, then 2 steps right, each waited for) and check each state."""
    explorer = _handle(explorer)
    explorer.scroll_into_view_if_needed()
    lr, epochs = lr_handle(explorer), epochs_handle(explorer)
    shown = summary_text(explorer)
    src = image_src(explorer)
    mark_picture(explorer)
    watch_busy(explorer)
    t0 = time.perf_counter()
    press(lr, "ArrowRight", 3)
    want, settings = expected_summary(shown, lr_exponent_steps=3)  # while the kernel retrains
    wait_until(page, explorer, want, src)
    timings.append(time.perf_counter() - t0)
    assert explorer.evaluate("e => e._busySeen") is True, "no 'updating...' mark while the retrain was pending"
    assert busy_gone(page, explorer), "the 'updating...' mark stays after the picture is current"
    assert summary_text(explorer) != shown, "moving the lr slider changed nothing on the page"
    if not same_picture(shown, want):  # another boundary or another score: the picture must change too
        assert image_src(explorer) != src

    src, shown = image_src(explorer), summary_text(explorer)
    first_src = src
    # Home, then two steps right, each waited for: the summary must follow the slider's own readout at
    # every stop (what the control shows is what trains).
    for key, n_epochs in (("Home", 1), ("ArrowRight", 2), ("ArrowRight", 3)):
        mark_picture(explorer)
        t0 = time.perf_counter()
        press(epochs, key)
        want, _ = expected_summary(shown, epochs=n_epochs)
        wait_until(page, explorer, want, src)
        timings.append(time.perf_counter() - t0)
        assert readouts(explorer)[1] == str(n_epochs), f"the epochs slider shows {readouts(explorer)[1]}"
        src = image_src(explorer)
    assert "epochs=3," in summary_text(explorer)
    _, at3 = expected_summary(summary_text(explorer))
    before = {**at3, "epochs": settings["epochs"]}
    runs = [RUNS[at3["kind"]](**{k: v for k, v in s_.items() if k != "kind"}) for s_ in (before, at3)]
    if len(runs[0].history) != len(runs[1].history):  # unless both runs stopped within 3 epochs
        assert image_src(explorer) != first_src  # the epoch axis alone changes the picture
    page.wait_for_function("e => { const img = e.querySelector('.nnlib-explorer-plot img');"
                           " return img !== null && img.complete && img.naturalWidth > 0; }", arg=explorer)
    explorer.screenshot(path=str(shot))


# ------------------------------------------------------------------------ tests

NOTEBOOKS = explorer_notebooks()
NAMES = [p.name for p in NOTEBOOKS] or ["explorer_demo.ipynb"]
PICTURES_OR_DIALOG = f"""([panel, n]) => panel.querySelectorAll('.nnlib-explorer .nnlib-explorer-plot img').length >= n
    || document.querySelector('{DIALOG}') !== null"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One server and one JupyterLab page; every notebook opened in it, then run, so their kernels work
    in parallel while the tests check one notebook after the other."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser test must run, but: {reason}")
        pytest.skip(reason)
    ARTIFACTS.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    lab = start_lab(tmp_path_factory.mktemp("lab"), NOTEBOOKS)
    try:
        t1 = time.perf_counter()
        lab.page = lab.new_page()
        lab.panels = {}
        for i, name in enumerate(NAMES):  # open them all first, so that their kernels start together
            relpath = f"notebooks/{name}"
            if i == 0:
                lab.goto(relpath, lab.page)
                lab.panels[name] = lab.panel(lab.page, relpath)
            else:
                lab.panels[name] = lab.open_from_file_browser(lab.page, relpath)
        for name, panel in lab.panels.items():
            lab.ready(lab.page, f"notebooks/{name}", panel=panel)
            lab.run_all(lab.page, panel, clear=bool(not NOTEBOOKS))
        lab.started = time.perf_counter() - t0
        print(f"\nserver and browser started in {t1 - t0:.1f} s; {len(NAMES)} notebooks open and "
              f"running {lab.started:.1f} s after the start")
        yield lab
    finally:
        lab.close()


COUNT_JS = "([root, sel]) => root.querySelectorAll(sel).length"
HAS_DIALOG_JS = f"() => document.querySelector('{DIALOG}') !== null"


@pytest.mark.parametrize("name", NAMES)
def test_explorers_retrain_in_the_browser(lab, name):
    page, relpath = lab.page, f"notebooks/{name}"
    panel = lab.panels[name].element_handle()
    t0 = time.perf_counter()
    try:
        lab.activate(page, panel)
        source = (lab.root / "notebooks" / name).read_text(encoding="utf-8")
        n_explorers = len(EXPLORER_CALL.findall(source.replace('\\"', '"')))
        pictures = [panel, ".nnlib-explorer .nnlib-explorer-plot img"]
        deadline = time.monotonic() + 60
        while page.evaluate(COUNT_JS, pictures) < n_explorers:
            left = deadline - time.monotonic()
            assert left > 0, (f"{name}: expected {n_explorers} explorer picture(s), saw "
                              f"{page.evaluate(COUNT_JS, pictures)}; errors: {page_errors(page, panel)}")
            if page.evaluate(HAS_DIALOG_JS):  # a late "Select Kernel" dialog (cold server): the run went nowhere, redo it
                lab.ready(page, relpath, panel=lab.panels[name])
                lab.run_all(page, lab.panels[name])
            try:
                page.wait_for_function(PICTURES_OR_DIALOG, arg=[panel, n_explorers], polling=100,
                                       timeout=left * 1000)
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: the assert above reports it
                pass
        page.wait_for_function(IDLE_JS, arg=panel, polling=100, timeout=60_000)
        explorers_ = panel.query_selector_all(".nnlib-explorer")
        assert len(explorers_) == n_explorers
        for explorer in explorers_:  # every default view matches the pure function
            shown = summary_text(explorer)
            assert shown == expected_summary(shown)[0]
        t_run = time.perf_counter() - t0
        timings: list[float] = []
        exercise_explorer(page, explorers_[0], ARTIFACTS / f"explorer-{Path(name).stem}.png", timings)
        assert page_errors(page, panel) == [], f"{name}: errors on the page: {page_errors(page, panel)}"
        print(f"{name}: all notebooks open and running after {lab.started:.1f} s, this one done {t_run:.1f} s "
              "later; key press -> new picture: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))
    finally:
        page.screenshot(path=str(ARTIFACTS / f"page-{Path(name).stem}.png"), full_page=False)


# ------------------------------------------------------------------ make lab, as a learner meets it

LAB_OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def make_lab_command(port: int) -> list[str]:
    """The ``jupyter lab`` command of ``make lab`` (as ``make -n`` prints it), run from this environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run(["make", "-n", "lab", f"PORT={port}"], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True).stdout
    (line,) = [ln for ln in out.splitlines() if "jupyter lab" in ln]
    args = shlex.split(line)
    return [sys.executable, "-m", "jupyterlab", *args[args.index("lab") + 1:]]


def test_make_lab_lands_on_notebook_0_and_opens_instructor_md_and_the_student_copies(lab, tmp_path):
    """The URL ``make lab`` prints shows notebook 0 (not the Launcher, no news pop-up); from the same server
    its link to INSTRUCTOR.md opens, and so does a student copy in build/student/. (The browser is the
    ``lab`` fixture's; the server is make lab's own command, on a copy of the repository.)"""
    assert json.loads(LAB_OVERRIDES.read_text(encoding="utf-8")) == json.loads(
        (REPO / "tools" / "jupyterlab-overrides.json").read_text(encoding="utf-8")), "make installs the settings"
    root = tmp_path / "repo"  # what a clone holds, with student copies made
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in ("INSTRUCTOR.md", "README.md"):
        shutil.copy2(REPO / name, root / name)
    sys.path.insert(0, str(REPO / "tools"))
    import make_student

    make_student.make_student(root / "notebooks", root / "build" / "student")
    port = _free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(make_lab_command(port), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    page = None
    try:
        printed = None
        deadline = time.monotonic() + 60
        while printed is None and time.monotonic() < deadline and server.poll() is None:
            printed = re.search(rf"http://127\.0\.0\.1:{port}/\S+", (tmp_path / "server.log").read_text())
            time.sleep(0.2)
        assert printed, "no URL printed:\n" + (tmp_path / "server.log").read_text()
        url = printed.group(0)
        assert url.startswith(f"http://127.0.0.1:{port}/lab/tree/notebooks/00_start_here.ipynb?token=")
        page = lab.browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url, wait_until="commit")
        panel = Lab.panel(page, "notebooks/00_start_here.ipynb")
        page.wait_for_function("el => el.querySelector('.jp-Cell') !== null", arg=panel.element_handle(),
                               timeout=60_000)
        assert not panel.element_handle().evaluate("el => el.classList.contains('lm-mod-hidden')"), "not in front"
        assert page.evaluate("() => [...document.querySelectorAll('.jp-Launcher')]"
                             ".every(l => l.offsetParent === null)"), "the Launcher shows instead of notebook 0"
        page.wait_for_timeout(3000)  # JupyterLab asks about news a moment after it starts
        toasts = page.evaluate("() => [...document.querySelectorAll('.Toastify__toast')].map(t => t.innerText)")
        assert not [t for t in toasts if "news" in t.lower()], toasts
        dialogs = page.evaluate("() => [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText)")
        assert not [d for d in dialogs if "rror" in d or "Cannot" in d], dialogs
        if page.locator(DIALOG).count():  # "Select Kernel" on a cold server: what a learner accepts
            page.locator(DIALOG).first.click()
        # The link to INSTRUCTOR.md (one folder up) opens it from the same server.
        link = panel.locator(".jp-RenderedMarkdown a", has_text=re.compile(r"^INSTRUCTOR\.md$")).first
        assert "INSTRUCTOR.md" in link.get_attribute("href")  # JupyterLab resolves ../INSTRUCTOR.md itself
        link.click()
        Lab.panel(page, "INSTRUCTOR.md")
        page.goto(url.replace("notebooks/00_start_here.ipynb", "build/student/04_sigmoid_bce.ipynb"),
                  wait_until="commit")
        student = Lab.panel(page, "build/student/04_sigmoid_bce.ipynb")
        page.wait_for_function("el => el.querySelector('.jp-Cell') !== null", arg=student.element_handle(),
                               timeout=60_000)
        assert "Cannot open" not in page.evaluate("() => document.body.innerText")
        page.screenshot(path=str(ARTIFACTS / "make-lab-student-copy.png"))
    finally:
        if page is not None:
            page.close()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


# ------------------------------------------- the new controls (issue 12, item 5), before any notebook shows them

NEW_CONTROLS_CELLS = ('from course import explorers\nexplorers.step_explorer(dataset="XOR")',
                      'explorers.mlp_explorer(dataset="XOR")',
                      'explorers.weight_explorer(gate="AND")')


def _change_and_wait(page, explorer, action, want: str) -> None:
    """Do ``action()`` and wait until the explorer shows the summary ``want`` in a new picture whose source
    differs from the old one, with the "updating..." mark seen while it worked and gone after."""
    src = image_src(explorer)
    mark_picture(explorer)
    watch_busy(explorer)
    action()
    wait_until(page, explorer, want, src)
    assert image_src(explorer) != src, "the picture did not change"
    assert explorer.evaluate("e => e._busySeen") is True, "no 'updating...' mark while the retrain was pending"
    assert busy_gone(page, explorer), "the 'updating...' mark stays after the picture is current"


def test_the_new_controls_retrain_in_the_browser(lab):
    """In a notebook written for this test, so that all three sit on one page at their factory defaults
    (notebooks 5 and 6 open theirs in other states, and notebook 2's is tested in the next test): the
    x1*x2 checkbox, the hidden-width slider and the weight explorer's sliders and gate chooser each change
    the numbers to what the pure functions give, and the picture, with no error on the page."""
    relpath = "notebooks/new_controls_demo.ipynb"
    _demo_notebook(lab.root / relpath, NEW_CONTROLS_CELLS)
    page = lab.new_page()
    try:
        lab.goto(relpath, page)
        lab.ready(page, relpath)
        lab.run_all(page)
        page.wait_for_function("() => document.querySelectorAll('.nnlib-explorer-plot img').length >= 3",
                               polling=100, timeout=90_000)
        step, mlp = page.query_selector_all(".nnlib-explorer")
        (weights,) = page.query_selector_all(".nnlib-weight-explorer")
        assert summary_text(step) == experiments.run_step(dataset="XOR", **OPEN_AT).summary()
        assert summary_text(mlp) == experiments.run_mlp(dataset="XOR").summary()
        assert summary_text(weights) == experiments.run_weights(gate="AND").summary()

        box = step.query_selector(".nnlib-explorer-x1x2 input[type='checkbox']")
        _change_and_wait(page, step, box.click, experiments.run_step(dataset="XOR", x1x2=True, **OPEN_AT).summary())
        assert "accuracy 4/4" in summary_text(step)  # one step perceptron learns XOR with the x1*x2 input
        _change_and_wait(page, step, box.click, experiments.run_step(dataset="XOR", **OPEN_AT).summary())

        hidden = mlp.query_selector(".nnlib-explorer-hidden .noUi-handle")
        _change_and_wait(page, mlp, lambda: press(hidden, "End"),
                         experiments.run_mlp(dataset="XOR", n_hidden=experiments.HIDDEN_RANGE[1]).summary())
        _change_and_wait(page, mlp, lambda: press(hidden, "ArrowLeft"),
                         experiments.run_mlp(dataset="XOR", n_hidden=experiments.HIDDEN_RANGE[1] - 1).summary())

        w = experiments.WEIGHT_DEFAULTS
        for i, name in enumerate(("w1", "w2", "b")):  # two slider steps (0.25 each) right
            handle = _slider_handle(weights, i)
            w = {**w, name: w[name] + 0.5}
            _change_and_wait(page, weights, lambda: press(handle, "ArrowRight", 2),
                             experiments.run_weights(gate="AND", **w).summary())
        gate = weights.query_selector("select")
        _change_and_wait(page, weights, lambda: gate.select_option("XOR"),
                         experiments.run_weights(gate="XOR", **w).summary())
        assert page_errors(page) == [], f"errors on the page: {page_errors(page)}"
        weights.screenshot(path=str(ARTIFACTS / "explorer-weights.png"))
        step.screenshot(path=str(ARTIFACTS / "explorer-x1x2.png"))
    finally:
        page.screenshot(path=str(ARTIFACTS / "page-new-controls.png"), full_page=False)
        page.close()


WEIGHTS_NOTEBOOK = "02_step_perceptron_logic_gates.ipynb"


def test_notebook_2s_weight_explorer_answers_demo_2_1_in_the_browser(lab):
    """Demo 2.1 as a learner does it, in the committed notebook 2: the explorer opens at the weights the
    demo's first question names; moving the bias slider turns AND into OR (its second question), and the
    numbers and the picture follow each slider, with no error on the page."""
    relpath = f"notebooks/{WEIGHTS_NOTEBOOK}"
    page = lab.new_page()
    try:
        lab.goto(relpath, page)
        lab.ready(page, relpath)
        lab.run_all(page)
        page.wait_for_function("() => document.querySelectorAll('.nnlib-weight-explorer .nnlib-explorer-plot img')"
                               ".length >= 1", polling=100, timeout=90_000)
        (weights,) = page.query_selector_all(".nnlib-weight-explorer")
        w = dict(experiments.WEIGHT_DEFAULTS)
        assert summary_text(weights) == experiments.run_weights(gate="AND", **w).summary()
        for name, steps in (("w1", 2), ("b", -3)):  # w1 0.5 -> 1 (AND's weights), then b -0.75 -> -1.5
            handle = _slider_handle(weights, ("w1", "w2", "b").index(name))
            w = {**w, name: w[name] + 0.25 * steps}
            _change_and_wait(page, weights,
                             lambda: press(handle, "ArrowRight" if steps > 0 else "ArrowLeft", abs(steps)),
                             experiments.run_weights(gate="AND", **w).summary())
        assert experiments.run_weights(gate="AND", **w).n_agree == 4, "the test's AND weights are not AND"
        gate = weights.query_selector("select")
        _change_and_wait(page, weights, lambda: gate.select_option("OR"),
                         experiments.run_weights(gate="OR", **w).summary())
        handle = _slider_handle(weights, 2)
        w = {**w, "b": w["b"] + 1.0}  # b -1.5 -> -0.5: the bias alone turns AND into OR
        _change_and_wait(page, weights, lambda: press(handle, "ArrowRight", 4),
                         experiments.run_weights(gate="OR", **w).summary())
        assert experiments.run_weights(gate="OR", **w).n_agree == 4
        assert page_errors(page) == [], f"errors on the page: {page_errors(page)}"
    finally:
        page.screenshot(path=str(ARTIFACTS / "page-notebook-2.png"), full_page=False)
        page.close()
