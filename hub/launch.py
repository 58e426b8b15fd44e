"""Start a JupyterHub for a workshop room on this machine (``make hub``); settings: hub/settings.py.

    HUB_PASSWORD='pick-a-phrase' make hub          # as root, on Linux
    python3 hub/launch.py --check                  # only check the settings and this machine

Everything is checked first (the settings, root, Node.js, the proxy, the ports); a problem is
reported in one message and nothing is created. Then it makes the state folder (HUB_STATE_DIR:
the hub's database, cookie secret, proxy token and the admin password, mode 0700), the student
copies (tools/make_student.py into build/hub/student/, again whenever a notebook changed) and a
read-only copy of the full series (build/hub/series/), starts JupyterHub with
hub/jupyterhub_config.py, and prints the address learners open once the hub answers. Ctrl-C stops the room; learners' files stay in their homes.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python3 hub/launch.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.settings import REPO, Settings, SettingsError, from_env  # noqa: E402

BUILD = REPO / "build" / "hub"
PROXY = BUILD / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENT = BUILD / "student"
SERIES = BUILD / "series"
CONFIG = REPO / "hub" / "jupyterhub_config.py"
NODE_HELP = ("Node.js is missing ({what} not found on PATH); the room's proxy, configurable-http-proxy, "
             "runs on it. Install it, then run make hub again: on Debian or Ubuntu "
             "`sudo apt-get install nodejs npm`; on other systems the installer from https://nodejs.org "
             "or `conda install -c conda-forge nodejs`.")


class RoomError(RuntimeError):
    """This machine cannot serve the room as set up; the message says what to do."""


def port_free(ip: str, port: int) -> bool:
    """True if ``ip:port`` can be listened on now (nothing listens there; closed connections
    waiting out TIME_WAIT do not count, as they do not stop the hub or the proxy)."""
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError:
            return False
    return True


def closed_to_others(path: Path) -> Path | None:
    """The first folder on the way to ``path`` (or the file) that other users cannot enter/read, or None."""
    real = path.resolve()
    for folder in reversed(real.parents):
        if not folder.stat().st_mode & 0o001:
            return folder
    return real if not real.stat().st_mode & 0o004 else None


def learners_cannot_run_python() -> str | None:
    """Why learners' servers (run as other users) could not run this Python, or None."""
    needed = [Path(sys.executable), Path(sysconfig.get_paths()["stdlib"]), REPO / "nnlib", REPO / "course"]
    if sys.prefix != sys.base_prefix:  # the venv's packages (make hub --check runs before the venv exists)
        needed.append(Path(sysconfig.get_paths()["purelib"]))
    for path in needed:
        closed = closed_to_others(path)
        if closed is not None:
            return (f"learners' servers run as their own users, but {closed} is closed to other users "
                    f"(mode {closed.stat().st_mode & 0o777:o}), so they cannot run {path}. Make the "
                    "environment with a python3 that every user can run (not one under /root), e.g.: "
                    "rm -rf .venv && make hub PYTHON=/usr/bin/python3")
    return None


def preflight(settings: Settings, env: dict[str, str], need_proxy: bool) -> None:
    """Refuse (RoomError) if this machine cannot serve the room; creates nothing."""
    if not sys.platform.startswith("linux"):
        raise RoomError("make hub runs on Linux (it creates one system user per learner)")
    if os.geteuid() != 0:
        raise RoomError("make hub must run as root: it creates one unprivileged system user per learner. "
                        "Run: sudo HUB_PASSWORD=... make hub")
    if shutil.which("useradd") is None:
        raise RoomError("useradd is missing (Debian/Ubuntu: apt-get install passwd)")
    # --check runs in the python3 that would make .venv; once .venv exists, its Python is the one to check
    venv_made = (REPO / ".venv" / "bin" / "python").exists()
    if (need_proxy or not venv_made) and (why := learners_cannot_run_python()) is not None:
        raise RoomError(why)
    path = env.get("PATH", os.defpath)
    if shutil.which("node", path=path) is None:
        raise RoomError(NODE_HELP.format(what="node"))
    if need_proxy and not PROXY.exists():
        raise RoomError(f"the proxy is not installed ({PROXY.relative_to(REPO)} is missing): "
                        "run make hub, which installs it with npm")
    if not need_proxy and not PROXY.exists() and shutil.which("npm", path=path) is None:
        raise RoomError(NODE_HELP.format(what="npm"))
    ports = [(settings.ip, settings.port, "HUB_PORT, where learners connect"),
             ("127.0.0.1", settings.proxy_api_port, "HUB_PORT+1, the proxy's API"),
             ("127.0.0.1", settings.hub_port, "HUB_PORT+2, the hub itself")]
    for ip, port, what in ports:
        if not port_free(ip, port):
            raise RoomError(f"port {port} on {ip} ({what}) is already in use: stop what holds it "
                            f"(`ss -ltnp | grep :{port}`) or choose another HUB_PORT")


def learner_address(settings: Settings) -> str:
    """The address learners type: this machine's network address when the room listens on all."""
    host = settings.ip
    if host in ("0.0.0.0", "::"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.connect(("10.255.255.255", 1))  # UDP: picks the outgoing interface, sends nothing
                host = s.getsockname()[0]
            except OSError:
                host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}/"


def _secret_file(path: Path, make) -> str:
    """The secret stored in ``path``, made with ``make()`` and written (mode 0600) the first time."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(make())
    return path.read_text().strip()


def prepare(settings: Settings) -> dict[str, str]:
    """Make the state folder, the student copies and the read-only series; the hub's extra env."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state_dir, 0o700)
    extra = {"HUB_PROXY_TOKEN": _secret_file(settings.state_dir / "proxy-token", lambda: secrets.token_hex(32))}
    if settings.admin and not settings.admin_password:
        extra["HUB_ADMIN_PASSWORD"] = _secret_file(settings.state_dir / "admin-password",
                                                   lambda: secrets.token_urlsafe(24))
    BUILD.mkdir(parents=True, exist_ok=True)
    sources = [REPO / "tools" / "make_student.py", *(REPO / "notebooks").iterdir()]
    stamp = BUILD / "student.made"  # beside the copies, not among them: learners get every file in there
    if not stamp.exists() or max(p.stat().st_mtime for p in sources) > stamp.stat().st_mtime:
        made = subprocess.run([sys.executable, str(REPO / "tools" / "make_student.py"), "--out", str(STUDENT)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            raise RoomError(f"tools/make_student.py could not make the student copies:\n{made.stderr.strip()}")
        stamp.touch()
    fresh = BUILD / "series.new"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(REPO / "notebooks", fresh,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for folder, _dirs, files in os.walk(fresh):  # readable by every learner, writable by root only
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(Path(folder) / name, 0o644)
    shutil.rmtree(SERIES, ignore_errors=True)
    fresh.rename(SERIES)
    for folder in (STUDENT, BUILD, BUILD.parent):
        os.chmod(folder, 0o755)
    return extra


def answers(url: str) -> bool:
    """True if the hub at ``url`` answers its API."""
    try:
        with urllib.request.urlopen(f"{url}hub/api/", timeout=2):
            return True
    except OSError:
        return False


def wait_until_up(url: str, hub: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    """Return once the hub answers; RoomError with the end of its log if it exits or times out."""
    deadline = time.monotonic() + timeout
    while not answers(url):
        if hub.poll() is not None or time.monotonic() > deadline:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:]) if log.exists() else ""
            raise RoomError(f"JupyterHub did not start (its log, {log}, ends with):\n{tail}")
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check the settings and this machine (before make hub installs anything)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    try:
        settings = from_env(env)
        preflight(settings, env, need_proxy=not args.check)
        if args.check:
            return 0
        env.update(prepare(settings))
    except (SettingsError, RoomError) as exc:
        print(f"make hub: {exc}", file=sys.stderr)
        return 2
    log = settings.state_dir / "jupyterhub.log"
    with open(log, "a") as out:
        # SIGINT back to its default in the hub: started in the background (`make hub &`, nohup) it is
        # ignored, and the hub's services would inherit that and take 30 s each to stop.
        hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=settings.state_dir,
                               env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    stop = lambda *_: hub.send_signal(signal.SIGTERM)  # noqa: E731 - JupyterHub stops servers and proxy
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        wait_until_up(f"http://127.0.0.1:{settings.port}/" if settings.ip in ("0.0.0.0", "::")
                      else learner_address(settings), hub, log)
    except RoomError as exc:
        print(f"make hub: {exc}", file=sys.stderr)
        hub.terminate()
        hub.wait()
        return 1
    lines = [f"The room is open. Learners open {learner_address(settings)}",
             "and log in with a name of their choice and the workshop password (HUB_PASSWORD).",
             f"Hub state (database, cookie secret, proxy token): {settings.state_dir}",
             f"Learners' homes: {settings.home_root}/{settings.user_prefix}NAME   log: {log}"]
    if settings.admin:
        where = ("HUB_ADMIN_PASSWORD" if settings.admin_password
                 else f"the file {settings.state_dir / 'admin-password'}")
        lines.append(f"Instructor: log in as {settings.admin} with the password in {where}; "
                     "the Admin page lists learners and opens their servers.")
    lines.append("Ctrl-C stops the room (learners' files stay).")
    print("\n".join(lines), flush=True)
    return hub.wait()


if __name__ == "__main__":
    sys.exit(main())
