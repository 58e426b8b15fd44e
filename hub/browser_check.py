"""Two learners in a real browser: log in to a room and play with notebook 3's explorer.

    .venv/bin/python hub/browser_check.py            # as root; needs chromium and Playwright

It starts a room (hub/launch.py, as ``make hub`` does, on 127.0.0.1 with temporary homes; the
learners are the system users ``jhw<pid>-NAME``, removed afterwards), opens one headless chromium
(Debian's /usr/bin/chromium, the launch flags of tests/test_browser.py) with one browser context
per learner, so each has their own cookies, and for each learner, at the same time:

1. opens the room's address, types a name and the workshop password into the login form;
2. waits until the hub has started their server and JupyterLab shows their ``notebooks/`` folder;
3. opens notebook 3 (the full series, ``series-read-only/``), runs all cells, and moves the
   explorer's learning-rate and epochs sliders with the keyboard, checking each new summary
   against the pure function (tests/test_browser.py's ``exercise_explorer``) and that no error shows.

It prints one line per learner and exits non-zero if either fails; screenshots go to
test-artifacts/hub-NAME.png. Too slow for ``make check`` (a minute on 2 cores), so it is run by hand.
"""
from __future__ import annotations

import sys
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import test_browser as tb  # noqa: E402 - the real-browser test's helpers and chromium flags

from hub.learner import LocalRoom  # noqa: E402
from hub.spawner import NOTEBOOKS, SERIES_LINK  # noqa: E402

NB3 = "03_learning_rule.ipynb"
NAMES = ["ada", "alan"]


class Visit:
    """One learner's browser context and page, driven step by step (the steps of both learners are
    interleaved: Playwright's sync API runs in one thread, but their servers and kernels work at once)."""

    def __init__(self, browser, room: LocalRoom, name: str) -> None:
        self.room, self.name = room, name
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.t0 = time.perf_counter()
        self.landed = 0.0
        self.panel = None

    def log_in(self) -> None:
        page = self.page
        page.goto(self.room.url, wait_until="domcontentloaded")
        page.fill("#username_input", self.name)
        page.fill("#password_input", self.room.password)
        page.click("#login_submit", no_wait_after=True)

    def open_notebook(self) -> None:
        """Wait for JupyterLab on the learner's own folder, then open notebook 3 and Run All."""
        page = self.page
        page.wait_for_url(f"**/user/{self.name}/lab/tree/{NOTEBOOKS}*", timeout=180_000)
        page.wait_for_selector(".jp-DirListing-item", timeout=120_000)
        self.landed = time.perf_counter() - self.t0
        page.goto(f"{self.room.url}user/{self.name}/lab/tree/{SERIES_LINK}/{NB3}?reset", wait_until="commit")
        self.panel = page.locator(".jp-NotebookPanel").first
        self.panel.wait_for(timeout=120_000)
        while page.wait_for_function(tb.READY_JS, arg=None, polling=100, timeout=120_000).json_value() == "dialog":
            page.locator(tb.DIALOG).first.click()  # "Select Kernel": accept the default
        self.run_all()

    def run_all(self) -> None:
        tb.Lab.run_all(types.SimpleNamespace(menu=tb.Lab.menu, activate=tb.Lab.activate), self.page, self.panel)

    def play(self) -> str:
        """Move the explorer's sliders and check each new state; a line saying what happened."""
        page, panel = self.page, self.panel.element_handle()
        page.bring_to_front()  # a page in the background is not drawn (JupyterLab renders cells lazily)
        for _ in range(3):  # a "Select Kernel" dialog that came after Run All: the run went nowhere, redo it
            page.wait_for_function(tb.PICTURES_OR_DIALOG, arg=[panel, 1], polling=200, timeout=180_000)
            if not page.evaluate(tb.HAS_DIALOG_JS):
                break
            page.locator(tb.DIALOG).first.click()
            page.wait_for_function(tb.IDLE_JS, arg=panel, polling=200, timeout=120_000)
            self.run_all()
        page.wait_for_function(tb.IDLE_JS, arg=panel, polling=200, timeout=180_000)
        explorer = panel.query_selector(".nnlib-explorer")
        assert explorer is not None, f"{self.name}: no explorer in notebook 3; errors: {tb.page_errors(page, panel)}"
        shown = tb.summary_text(explorer)
        assert shown == tb.expected_summary(shown)[0], f"{self.name}: the default view is not the pure function's"
        timings: list[float] = []
        tb.exercise_explorer(page, explorer, tb.ARTIFACTS / f"hub-{self.name}-explorer.png", timings)
        errors = tb.page_errors(page, panel)
        assert errors == [], f"{self.name}: errors on the page: {errors}"
        return (f"{self.name}: logged in, in JupyterLab on {NOTEBOOKS}/ after {self.landed:.1f} s; notebook 3 run, "
                f"its explorer retrained {len(timings)} times (key press -> new picture: "
                + ", ".join(f"{t * 1000:.0f} ms" for t in timings) + f"); {time.perf_counter() - self.t0:.1f} s in all")

    def close(self) -> None:
        try:
            self.page.screenshot(path=str(tb.ARTIFACTS / f"hub-{self.name}.png"))
        finally:
            self.context.close()


def main() -> int:
    why = tb._missing()
    if why:
        print(f"browser_check: cannot run: {why}")
        return 2
    from playwright.sync_api import sync_playwright

    room = LocalRoom("jhw", admin=None)
    failures = 0
    try:
        room.start()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=tb.CHROMIUM, args=tb.CHROMIUM_ARGS)
            tb.ARTIFACTS.mkdir(exist_ok=True)
            visits = [Visit(browser, room, name) for name in NAMES]
            alive = list(visits)
            for step in ("log_in", "open_notebook", "play"):  # each step for both learners, then the next
                for visit in list(alive):
                    try:
                        out = getattr(visit, step)()
                        if out:
                            print(out, flush=True)
                    except Exception as exc:  # noqa: BLE001 - report both learners
                        failures += 1
                        alive.remove(visit)
                        print(f"FAIL {visit.name} ({step}): {type(exc).__name__}: {exc}", flush=True)
            for visit in visits:
                visit.close()
            browser.close()
    finally:
        room.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
