"""The workshop room (``make hub``): a real JupyterHub on loopback, learners simulated over HTTP.

One hub serves the whole module (hub/launch.py, as ``make hub`` runs it, with a free port, a
temporary state folder and temporary homes); learners are system users ``jht<pid>-NAME``, removed
(``userdel``) at the end. It needs Linux, root, Node.js and the proxy (``make check`` installs
it where npm exists), and a Python every user can run; where one is missing the module skips
with the reason (with ``CI`` set it fails instead).

Marked ``hub``: ``make check`` runs it, ``make test`` (the quick suite) does not.
"""
from __future__ import annotations

import concurrent.futures
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hub import launch  # noqa: E402
from hub.learner import Learner, LocalRoom  # noqa: E402
from hub.spawner import NOTEBOOKS, RUNTIME_ROOT, SERIES_LINK  # noqa: E402

pytestmark = pytest.mark.hub

TAG = "jht"  # learners are the users jht<pid>-NAME (hub.learner.LocalRoom)
PREFIX = f"{TAG}{os.getpid()}-"
NB3 = "03_learning_rule.ipynb"


def _missing() -> str | None:
    """Why a hub cannot run here, or None."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return "the hub tests need Linux and root (they create one system user per learner)"
    if shutil.which("useradd") is None or shutil.which("node") is None:
        return "useradd or node is missing (apt-get install passwd nodejs npm)"
    if not launch.PROXY.exists():
        return f"the proxy is not installed ({launch.PROXY}): make check installs it where npm exists"
    return launch.learners_cannot_run_python()


if (_why := _missing()) is not None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the hub tests: {_why}", pytrace=False)
    pytest.skip(_why, allow_module_level=True)


def system_users() -> set[str]:
    return {p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(PREFIX)}


@pytest.fixture(scope="module")
def room():
    r = LocalRoom(TAG)
    try:
        r.start()
        yield r
    finally:
        uids = {pwd.getpwnam(name).pw_uid for name in r.users()}
        r.close()
    assert not system_users(), "the test users were not removed"
    assert not any((RUNTIME_ROOT / str(uid)).exists() for uid in uids)


@pytest.fixture(scope="module")
def learners(room):
    """ana and ben, logged in, servers started at the same time, each with a kernel on notebook 3."""
    def arrive(name: str) -> Learner:
        learner = room.learner(name)
        assert learner.login().status_code == 302
        learner.start()
        learner.open_kernel(f"{NOTEBOOKS}/{NB3}")
        return learner

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        ana, ben = pool.map(arrive, ["ana", "ben"])
    yield {"ana": ana, "ben": ben}
    for learner in (ana, ben):
        learner.ws and learner.ws.close()


def run_ok(learner: Learner, code: str) -> str:
    run = learner.execute(code)
    assert run.error is None, run.error
    return run.stdout


# ----------------------------------------------------------------- refused before anything starts

def _refused(room: LocalRoom, env: dict[str, str], *needles: str) -> None:
    users_before = system_users()
    done = subprocess.run(room.command(), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2, done.stdout + done.stderr
    message = done.stderr
    assert message.startswith("make hub: ") and message.count("\n") == 1, message  # one clear line
    for needle in needles:
        assert needle in message, message
    assert "Traceback" not in message
    assert system_users() == users_before


@pytest.mark.parametrize("change, needles", [
    ({"HUB_PASSWORD": None}, ["HUB_PASSWORD", "not set"]),
    ({"HUB_PASSWORD": ""}, ["HUB_PASSWORD", "empty"]),
    ({"HUB_PASSWORD": "   "}, ["HUB_PASSWORD", "empty"]),
    ({"HUB_PASSWORD": "short"}, ["HUB_PASSWORD", "8"]),
    ({"HUB_ADMIN": "Not A Name"}, ["HUB_ADMIN", "'Not A Name'"]),
    ({"HUB_ADMIN": "root;rm"}, ["HUB_ADMIN"]),
    ({"HUB_PORT": "eighty"}, ["HUB_PORT", "'eighty'"]),
    ({"HUB_IP": "localhost:80"}, ["HUB_IP"]),
    ({"PATH": "/usr/sbin:/sbin"}, ["Node.js is missing", "node"]),
])
def test_bad_settings_are_refused_and_change_nothing(change, needles):
    room = LocalRoom(TAG)
    env = dict(room.env)
    for key, value in change.items():
        env.pop(key) if value is None else env.__setitem__(key, value)
    try:
        _refused(room, env, *needles)
        assert not room.state.exists() and not room.homes.exists()
    finally:
        shutil.rmtree(room.base)  # never started: no users to remove


def test_a_port_in_use_is_refused_and_changes_nothing():
    room = LocalRoom(TAG)
    try:
        for busy in (room.port, room.port + 2):  # where learners connect; the hub's own port
            with socket.socket() as holder:
                holder.bind(("127.0.0.1", busy))
                holder.listen()
                _refused(room, room.env, f"port {busy} on 127.0.0.1", "in use")
        assert not room.state.exists() and not room.homes.exists()
    finally:
        shutil.rmtree(room.base)  # never started: no users to remove


# ----------------------------------------------------------------- logging in

def test_a_wrong_password_is_refused(room):
    for name, password in [("ana", room.password + "x"), ("ana", ""), ("teacher", room.password)]:
        assert room.learner(name, password).login().status_code == 403, (name, password)
    # a name that cannot be a system user is refused even with the right password
    for name in ["Has Space", "x" * 21, "../etc", "1abc"]:
        assert room.learner(name).login().status_code == 403, name
    assert not system_users() - {PREFIX + "ana", PREFIX + "ben"}


def test_a_learner_lands_in_lab_on_their_own_copies_beside_the_series(room, learners):
    ana = learners["ana"]
    landing = ana.http.get(f"{room.url}user/ana/", timeout=60)
    assert landing.status_code == 200 and landing.url.endswith("/user/ana/lab/tree/notebooks"), landing.url
    mine = {item["name"] for item in ana.server("GET", f"api/contents/{NOTEBOOKS}").json()["content"]}
    series = {item["name"] for item in ana.server("GET", f"api/contents/{SERIES_LINK}").json()["content"]}
    assert NB3 in mine and mine == {p.name for p in launch.STUDENT.glob("*.ipynb")}
    assert series >= {p.name for p in (REPO / "notebooks").glob("*.ipynb")}
    student = str(ana.read_notebook(f"{NOTEBOOKS}/{NB3}"))
    full = str(ana.read_notebook(f"{SERIES_LINK}/{NB3}"))
    assert "NotImplementedError" in student and "NotImplementedError" not in full  # stubs vs solutions


def test_a_learners_kernel_runs_as_their_user_and_imports_the_course(room, learners):
    out = run_ok(learners["ana"], (
        "import os, pwd, stat, nnlib, course\n"
        "from course import explorers\n"
        "ex = explorers.step_explorer(dataset='AND').set(lr=0.5, epochs=20)\n"
        "print(pwd.getpwuid(os.getuid()).pw_name, oct(stat.S_IMODE(os.stat(os.path.expanduser('~')).st_mode)))\n"
        "print(ex.settings()['lr'], os.getuid() != 0)\n"))
    assert out.split() == [PREFIX + "ana", "0o700", "0.5", "True"]


# ----------------------------------------------------------------- isolation

def test_a_learner_cannot_reach_another_learners_server(room, learners):
    ana = learners["ana"]
    for path in ["api/contents", f"api/contents/{NOTEBOOKS}/{NB3}", "api/kernels", "lab"]:
        r = ana.server("GET", path, user="ben")
        assert r.status_code == 403, (path, r.status_code, r.url)
    assert ana.server("PUT", f"api/contents/{NOTEBOOKS}/planted.txt", user="ben",
                      json={"type": "file", "format": "text", "content": "x"}).status_code == 403
    assert not (room.home("ben") / NOTEBOOKS / "planted.txt").exists()
    assert ana.hub_api("GET", "users").status_code == 403  # nor list the room


def test_a_learners_kernel_cannot_read_another_learners_files(room, learners):
    run_ok(learners["ben"], "import os\nopen(os.path.expanduser('~/notebooks/secret.txt'), 'w').write('ben only')")
    ben_home = room.home("ben")
    out = run_ok(learners["ana"], (
        "def attempt(f):\n"
        "    try:\n        f()\n        return 'allowed'\n"
        "    except PermissionError:\n        return 'denied'\n"
        f"print(attempt(lambda: open({str(ben_home / NOTEBOOKS / 'secret.txt')!r}).read()),\n"
        f"      attempt(lambda: os.listdir({str(ben_home)!r})),\n"
        f"      attempt(lambda: open({str(ben_home / 'planted.txt')!r}, 'w')),\n"
        f"      attempt(lambda: open(os.path.expanduser('~/{SERIES_LINK}/{NB3}'), 'a')))\n"))
    assert out.split() == ["denied"] * 4  # the series is read-only to its own learner too
    assert (ben_home / NOTEBOOKS / "secret.txt").read_text() == "ben only"


def test_the_instructor_lists_learners_and_opens_their_servers(room, learners):
    teacher = room.admin()
    assert teacher.login().status_code == 302
    users = teacher.hub_api("GET", "users")
    assert users.status_code == 200 and {"ana", "ben"} <= {u["name"] for u in users.json()}
    opened = teacher.open_server("ana")
    assert opened.status_code == 200 and "/user/ana/lab" in opened.url, opened.url
    r = teacher.server("GET", f"api/contents/{NOTEBOOKS}", user="ana")
    assert r.status_code == 200 and NB3 in {item["name"] for item in r.json()["content"]}


def test_idle_servers_are_culled_by_a_running_service(room):
    services = room.admin()
    services.login()
    culler = services.hub_api("GET", "services").json()["idle-culler"]
    assert any("jupyterhub_idle_culler" in part for part in culler["command"])
    pid = int(culler["pid"])
    assert pid and Path(f"/proc/{pid}").exists()


# ----------------------------------------------------------------- nothing lost

def test_an_answer_survives_a_stop_a_new_login_and_a_hub_restart(room, learners):
    ana = learners["ana"]
    path = f"{NOTEBOOKS}/{NB3}"
    nb = ana.read_notebook(path)
    stub = next(c for c in nb["cells"] if "exercise" in c["metadata"].get("tags", []))
    answer = f"# my answer {secrets.token_hex(4)}\n"
    stub["source"] = answer + stub["source"]
    ana.save_notebook(path, nb)

    def kept(learner: Learner) -> bool:
        cells = {c["id"]: c["source"] for c in learner.read_notebook(path)["cells"]}
        return cells[stub["id"]] == stub["source"]

    ana.stop()  # what the idle culler does
    room.stop()  # and the hub restarts
    room.start()
    assert ana.hub_api("GET", "users/ana").status_code == 200  # the old session still works (cookie secret kept)
    again = room.learner("ana")  # a new login, in a new browser session
    assert again.login().status_code == 302
    again.start()
    assert kept(again)
    assert len((room.state / "proxy-token").read_text()) == 64
    teacher = room.admin()
    teacher.login()
    assert {"ana", "ben"} <= {u["name"] for u in teacher.hub_api("GET", "users").json()}
