"""A workshop room under load: N simulated learners in a real JupyterHub (``make bench``).

    HUB_BENCH_LEARNERS=30 make bench                 # default 10
    .venv/bin/python benchmarks/bench_hub.py --learners 30

The room is hub/launch.py (what ``make hub`` runs) on 127.0.0.1 with temporary homes; learners
are the system users ``jhb<pid>-NAME``, removed afterwards. All N log in at the same moment; each
starts their server, opens a kernel on notebook 3 (the full series copy in their home), runs
every code cell of it over the kernel's websocket as JupyterLab would, then makes ten explorer
changes (``ex.set(lr=..., epochs=...)`` on the notebook's own explorer; the time is measured
inside the kernel: retrain plus redraw). Printed: how many finished, the start-up time (login to
a server that answers), the time to run the notebook, the p50/p95 of an explorer update under
that load, and the peak memory of the learners' processes (sampled every 0.5 s, all processes
of the room's users) in total and per learner. Missing a learner is a FAIL: all N must finish.

Needs Linux, root, Node.js and the proxy (``make check`` or ``make hub`` installs it); otherwise
it prints why it was skipped.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hub import launch  # noqa: E402
from hub.learner import Learner, LocalRoom  # noqa: E402
from hub.spawner import SERIES_LINK  # noqa: E402

TAG = "jhb"  # learners are the users jhb<pid>-NAME (hub.learner.LocalRoom)
NB3 = "03_learning_rule.ipynb"
# Ten explorer changes a learner might make: learning rate (the step slider's powers of 2) and epochs.
CHANGES = [(0.5, 100), (0.25, 100), (2.0, 100), (1.0, 10), (1.0, 3), (4.0, 50), (0.125, 20), (1.0, 200),
           (8.0, 100), (1.0, 100)]
TIMED_SET = ("import time as _bench_t\n_bench_s = _bench_t.perf_counter()\nex.set(lr={lr}, epochs={epochs})\n"
             "print(f'{{_bench_t.perf_counter() - _bench_s:.4f}}')")


def skipped() -> str | None:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return "needs Linux and root (one system user per learner)"
    if not launch.PROXY.exists():
        return f"the proxy is not installed ({launch.PROXY.relative_to(REPO)}): run make hub or make check first"
    return launch.learners_cannot_run_python()


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def rss_of_users(uids: set[int]) -> int:
    """Resident memory (bytes) of every process owned by one of ``uids``."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1").split()[0]) in uids and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0]) * 1024
    return total


class MemorySampler(threading.Thread):
    """The peak resident memory of the room's learners, sampled every 0.5 s."""

    def __init__(self, room: LocalRoom) -> None:
        super().__init__(daemon=True)
        self.room, self.peak, self.done = room, 0, threading.Event()

    def run(self) -> None:
        import pwd

        while not self.done.wait(0.5):
            uids = {pwd.getpwnam(u).pw_uid for u in self.room.users()}
            self.peak = max(self.peak, rss_of_users(uids))


def one_learner(room: LocalRoom, name: str, cells: list[str], go: threading.Event) -> dict:
    """Log in, start, run notebook 3, make ten explorer changes; the times, or the error."""
    learner: Learner = room.learner(name)
    go.wait()
    t0 = time.perf_counter()
    if learner.login().status_code != 302:
        raise RuntimeError(f"{name}: login refused")
    learner.start(timeout=600)
    learner.open_kernel(f"{SERIES_LINK}/{NB3}")
    started = time.perf_counter() - t0
    t1 = time.perf_counter()
    for i, cell in enumerate(cells):
        run = learner.execute(cell, timeout=600)
        if run.error:
            raise RuntimeError(f"{name}: code cell {i} of {NB3} failed: {run.error}")
    notebook = time.perf_counter() - t1
    updates = []
    for lr, epochs in CHANGES:
        run = learner.execute(TIMED_SET.format(lr=lr, epochs=epochs), timeout=300)
        if run.error:
            raise RuntimeError(f"{name}: ex.set(lr={lr}, epochs={epochs}) failed: {run.error}")
        updates.append(float(run.stdout.split()[-1]))
    learner.close_kernel()
    return {"start": started, "notebook": notebook, "updates": updates, "total": time.perf_counter() - t0}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(learners: int | None = None) -> list[str] | bool | None:
    raw = learners or os.environ.get("HUB_BENCH_LEARNERS", "10")
    if not str(raw).isdigit() or int(raw) < 1:
        raise ValueError(f"HUB_BENCH_LEARNERS must be a whole number of learners, 1 or more, got {raw!r}")
    n = int(raw)
    why = skipped()
    if why:
        print(f"bench_hub: skipped: {why}")
        return None
    cells = code_cells(REPO / "notebooks" / NB3)
    room = LocalRoom(TAG, admin=None)
    sampler = MemorySampler(room)
    try:
        t_hub = time.perf_counter()
        room.start()
        hub_up = time.perf_counter() - t_hub
        go = threading.Event()
        sampler.start()
        with concurrent.futures.ThreadPoolExecutor(n) as pool:
            futures = {pool.submit(one_learner, room, f"learner{i:02d}", cells, go): i for i in range(n)}
            t_all = time.perf_counter()
            go.set()  # everyone logs in at once
            results, errors = [], []
            for future in concurrent.futures.as_completed(futures):
                try:
                    results.append(future.result())
                except Exception as exc:  # noqa: BLE001 - report every learner's failure
                    errors.append(f"{type(exc).__name__}: {exc}")
        wall = time.perf_counter() - t_all
    finally:
        sampler.done.set()
        room.close()
    lines = [f"{n} learners, {len(cells)} code cells of {NB3} each, then {len(CHANGES)} explorer changes each, "
             f"on {os.cpu_count()} cores"]
    lines.append(f"finished: {len(results)}/{n} in {wall:.0f} s (hub up in {hub_up:.1f} s)")
    if results:
        starts = [r["start"] for r in results]
        nbs = [r["notebook"] for r in results]
        updates = [u for r in results for u in r["updates"]]
        lines += [
            f"start-up (login to a server with a kernel): p50 {pct(starts, .5):.1f} s, p95 {pct(starts, .95):.1f} s, "
            f"max {max(starts):.1f} s",
            f"notebook 3, all cells: p50 {pct(nbs, .5):.1f} s, p95 {pct(nbs, .95):.1f} s",
            f"explorer update in the kernel under load ({len(updates)} changes): p50 {pct(updates, .5) * 1000:.0f} ms, "
            f"p95 {pct(updates, .95) * 1000:.0f} ms, max {max(updates) * 1000:.0f} ms",
        ]
    lines.append(f"peak memory of the learners' processes: {sampler.peak / 2**30:.2f} GB, "
                 f"{sampler.peak / max(n, 1) / 2**20:.0f} MB per learner")
    for error in errors:
        lines.append(f"FAIL: {error}")
    if len(results) < n:
        lines.append(f"FAIL: only {len(results)} of {n} learners finished")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=None, help="how many learners (default 10, "
                        "or HUB_BENCH_LEARNERS)")
    args = parser.parse_args()
    if args.learners is not None and args.learners < 1:
        parser.error("--learners must be 1 or more")
    out = main(args.learners)
    for line in out or []:
        print(line)
    sys.exit(1 if isinstance(out, list) and any(line.startswith("FAIL") for line in out) else 0)
