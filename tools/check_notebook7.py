"""Check the explorers in Jupyter Notebook 7 (not JupyterLab), in a real browser.

    pip install 'notebook>=7' playwright      # in the environment that has nnlib; no 'playwright install'
    python tools/check_notebook7.py           # default: the explorer notebooks (03 to 06)
    python tools/check_notebook7.py 04_sigmoid_bce.ipynb

Not part of ``make test`` or ``make check`` (the suite runs the same steps in JupyterLab 4, see
tests/test_browser.py, whose helpers this script reuses). For each notebook it
starts from a copy with the outputs cleared, opens it at /notebooks/... in
Notebook 7's own single-document page, clicks Run > Run All Cells, waits for
every explorer picture, checks the default summary against the pure function,
drags the first explorer's lr and epochs sliders with the mouse and checks the
new numbers (the pure function's for the settings shown) and picture, and
looks for tracebacks or widget errors.

It also reports whether the arrow keys move a focused slider. In Notebook 7.6
they do not: its keyboard shortcuts are handled before the slider sees the key
(in command mode, ArrowRight is bound to "notebook:move-cursor-heading-below-
or-expand" for any focused element in the notebook), while JupyterLab 4 lets
the widget handle the key first. The mouse works in both. Screenshots go to
test-artifacts/notebook7-*.png. Exit status 0 when every notebook passed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import test_browser as tb  # noqa: E402  (the page helpers of the JupyterLab test)


def start_server(root: Path, port: int) -> subprocess.Popen:
    """Notebook 7 on 127.0.0.1:``port``, serving ``root``, with throwaway settings; returns once it answers."""
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(root / ".runtime"), JUPYTER_CONFIG_DIR=str(root / ".config"),
               JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"), JUPYTERLAB_WORKSPACES_DIR=str(root / ".ws"))
    server = tb.start_server("notebook", root, port, env)
    tb.wait_for_server(f"http://127.0.0.1:{port}", server, root)
    return server


def arrow_keys_move_the_slider(explorer) -> bool:
    """Press ArrowRight then ArrowLeft on the focused lr knob; True if the slider's value moved."""
    knob = tb.lr_handle(explorer)
    before = knob.get_attribute("aria-valuenow")
    knob.focus()
    knob.press("ArrowRight")
    time.sleep(0.5)
    moved = knob.get_attribute("aria-valuenow") != before
    if moved:
        knob.press("ArrowLeft")
        time.sleep(2)  # let the kernel retrain back before the drags start
    return moved


def drag_and_check(page, explorer, knob, dx: float) -> float:
    """Drag a slider knob by ``dx`` pixels; wait for the new summary and picture; check them. Returns seconds."""
    explorer.evaluate("e => e.scrollIntoView({block: 'center'})")
    shown, src = tb.summary_text(explorer), tb.image_src(explorer)
    tb.mark_picture(explorer)
    box = knob.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    t0 = time.perf_counter()
    page.mouse.up()
    page.wait_for_function(
        "([e, old]) => { const pre = e.querySelector('.nnlib-explorer-summary pre');"
        " const img = e.querySelectorAll('.nnlib-explorer-plot img');"
        " return pre && pre.textContent.trim() !== old && img.length === 1 && img[0].dataset.stale === undefined; }",
        arg=[explorer, shown], timeout=20_000)
    elapsed = time.perf_counter() - t0
    now = tb.summary_text(explorer)
    assert now == tb.expected_summary(now)[0], f"after the drag the summary is not the pure function's:\n{now}"
    if not tb.same_picture(shown, now):  # e.g. lr from zero init only rescales the step perceptron's W
        assert tb.image_src(explorer) != src, "the picture did not change"
    return elapsed


def check(page, port: int, name: str) -> list[str]:
    """Run one notebook and exercise its first explorer; returns the problems found."""
    relpath = f"notebooks/{name}"
    page.goto(f"http://127.0.0.1:{port}/notebooks/{relpath}", wait_until="commit")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    deadline = time.monotonic() + 60
    while not tb.kernel_idle(f"http://127.0.0.1:{port}", relpath):
        if page.locator(tb.DIALOG).count():
            page.locator(tb.DIALOG).first.click()  # a "Select Kernel" dialog
        assert time.monotonic() < deadline, f"{name}: no idle kernel after 60 s"
        page.wait_for_timeout(200)
    tb.Lab.menu(page, "Run", "runmenu:run-all")
    source = (REPO / "notebooks" / name).read_text(encoding="utf-8")
    n_explorers = len(tb.EXPLORER_CALL.findall(source.replace('\\"', '"')))
    page.wait_for_function("n => document.querySelectorAll('.nnlib-explorer .nnlib-explorer-plot img').length >= n",
                           arg=n_explorers, polling=200, timeout=90_000)
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].some(p => p.textContent.includes('*'))",
        polling=200, timeout=90_000)
    problems = []
    explorers = page.query_selector_all(".nnlib-explorer")
    for explorer in explorers:
        shown = tb.summary_text(explorer)
        if shown != tb.expected_summary(shown)[0]:
            problems.append(f"{name}: default summary differs from the pure function:\n{shown}")
    timings: list[float] = []
    explorer = explorers[0]
    keys_work = arrow_keys_move_the_slider(explorer)
    for handle, dx in ((tb.lr_handle, 45), (tb.epochs_handle, -400)):  # lr a little up; epochs to the left end
        try:
            timings.append(drag_and_check(page, explorer, handle(explorer), dx))
        except AssertionError as exc:
            problems.append(f"{name}: {exc}")
    explorer.screenshot(path=str(tb.ARTIFACTS / f"notebook7-{Path(name).stem}.png"))
    problems += [f"{name}: {p}" for p in tb.page_errors(page)]
    print(f"{name}: {n_explorers} explorer(s) shown; lr and epochs dragged with the mouse, drop -> new numbers "
          "and picture: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings)
          + f"; arrow keys on a focused slider: {'move it' if keys_work else 'ignored (see the docstring)'}"
          + ("" if not problems else "  PROBLEMS"))
    return problems


def main(names: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    import notebook

    names = names or [p.name for p in tb.explorer_notebooks()]
    tb.ARTIFACTS.mkdir(exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="nb7-"))
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in names:
        tb.clear_outputs(root / "notebooks" / name)
    port = tb._free_port()
    server = start_server(root, port)
    print(f"Jupyter Notebook {notebook.__version__} on 127.0.0.1:{port}")
    problems: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=tb.CHROMIUM, args=tb.CHROMIUM_ARGS)
            for name in names:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                try:
                    problems += check(page, port, name)
                except Exception as exc:  # noqa: BLE001 - reported with the notebook's name
                    problems.append(f"{name}: {type(exc).__name__}: {exc}")
                finally:
                    page.screenshot(path=str(tb.ARTIFACTS / f"notebook7-page-{Path(name).stem}.png"))
                    page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    for problem in problems:
        print("PROBLEM:", problem)
    print("all passed" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
