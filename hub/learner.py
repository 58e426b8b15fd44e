"""A simulated learner, and a room started for a test or a benchmark.

:class:`Learner` logs in to a room as a browser would, starts a server and runs code in a
kernel; :class:`LocalRoom` runs hub/launch.py (what ``make hub`` runs) on a free port with a
temporary state folder and temporary homes, and removes its learners' system users afterwards.
Used by tests/test_hub.py and benchmarks/bench_hub.py. HTTP goes through ``requests`` (the hub's
login form, cookies, XSRF tokens, the OAuth redirects to the learner's server); code runs over the
kernel's websocket (``websocket-client``), as JupyterLab runs a cell.
"""
from __future__ import annotations

import html
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import websocket

from hub.launch import port_free
from hub.settings import REPO
from hub.spawner import RUNTIME_ROOT


@dataclass
class Run:
    """What one execute request produced: the text printed, the error if any, the reply's status."""
    stdout: str = ""
    error: str | None = None
    status: str = ""
    outputs: list[dict[str, Any]] = field(default_factory=list)


class Learner:
    """One learner of the room at ``base_url`` (e.g. ``http://127.0.0.1:8000/``)."""

    def __init__(self, base_url: str, name: str, password: str) -> None:
        self.base = base_url.rstrip("/") + "/"
        self.name, self.password = name, password
        self.http = requests.Session()
        self.ws: websocket.WebSocket | None = None
        self.kernel_id: str | None = None

    # ------------------------------------------------------------------ hub
    def _xsrf(self, path: str) -> str:
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and cookie.path.rstrip("/") == path.rstrip("/"):
                return cookie.value
        return ""

    def login(self) -> requests.Response:
        """Post the login form; the response is not followed (302 on success, 403 on a wrong password)."""
        self.http.get(self.base + "hub/login", timeout=30)
        return self.http.post(self.base + "hub/login", allow_redirects=False, timeout=60,
                              data={"username": self.name, "password": self.password,
                                    "_xsrf": self._xsrf("/hub/")})

    def hub_api(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.http.request(method, f"{self.base}hub/api/{path}", timeout=60,
                                 headers={"X-XSRFToken": self._xsrf("/hub/")}, **kwargs)

    def start(self, timeout: float = 300.0) -> float:
        """Start this learner's server and wait until it answers; seconds taken."""
        t0 = time.perf_counter()
        r = self.hub_api("POST", f"users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: starting the server gave {r.status_code}: {r.text[:300]}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = (self.hub_api("GET", f"users/{self.name}").json().get("servers") or {}).get("")
            if server and server.get("ready"):
                break
            time.sleep(0.5)
        else:
            raise TimeoutError(f"{self.name}: the server was not ready after {timeout} s")
        self.server("GET", "")  # a page, not the API: the OAuth redirects set the server's cookie
        r = self.server("GET", "api/status")
        if r.status_code != 200:
            raise RuntimeError(f"{self.name}: the server's API gave {r.status_code}: {r.text[:300]}")
        return time.perf_counter() - t0

    def stop(self, timeout: float = 60.0) -> None:
        """Stop this learner's server (what the culler does) and wait until the hub says it stopped."""
        self.close_kernel()
        self.hub_api("DELETE", f"users/{self.name}/server")
        deadline = time.monotonic() + timeout
        while (self.hub_api("GET", f"users/{self.name}").json().get("servers") or {}).get(""):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: the server did not stop within {timeout} s")
            time.sleep(0.3)

    # ------------------------------------------------------------------ the learner's server
    def server(self, method: str, path: str, user: str | None = None, **kwargs: Any) -> requests.Response:
        """A request to ``/user/USER/PATH`` (default: this learner's own server)."""
        prefix = f"/user/{user or self.name}/"
        return self.http.request(method, f"{self.base}{prefix[1:]}{path}", timeout=120,
                                 headers={"X-XSRFToken": self._xsrf(prefix)}, **kwargs)

    def open_server(self, user: str) -> requests.Response:
        """Open another learner's server as the instructor does from the Admin page: the hub asks
        once whether to authorize this access, and the instructor clicks Authorize."""
        r = self.server("GET", "", user=user)
        if "/hub/api/oauth2/authorize" in r.url and r.status_code == 200:
            fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', r.text)
            r = self.http.post(r.url, data=[(k, html.unescape(v)) for k, v in fields], timeout=120)
        return r

    def read_notebook(self, path: str) -> dict:
        r = self.server("GET", f"api/contents/{path}")
        r.raise_for_status()
        return r.json()["content"]

    def save_notebook(self, path: str, nb: dict) -> None:
        r = self.server("PUT", f"api/contents/{path}", json={"type": "notebook", "content": nb})
        r.raise_for_status()

    def open_kernel(self, notebook: str) -> None:
        """Start a kernel for ``notebook`` (its folder is the kernel's working folder) and connect to it."""
        r = self.server("POST", "api/sessions", json={"path": notebook, "type": "notebook",
                                                       "name": notebook, "kernel": {"name": "python3"}})
        r.raise_for_status()
        self.kernel_id = r.json()["kernel"]["id"]
        prefix = f"/user/{self.name}/"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies if prefix.startswith(c.path))
        url = self.base.replace("http", "ws", 1) + f"{prefix[1:]}api/kernels/{self.kernel_id}/channels"
        self.ws = websocket.create_connection(f"{url}?session_id={uuid.uuid4().hex}", cookie=cookies,
                                              header={"X-XSRFToken": self._xsrf(prefix)}, timeout=300)

    def execute(self, code: str, timeout: float = 300.0) -> Run:
        """Run ``code`` in the kernel, as a notebook cell; what it printed and any error."""
        if self.ws is None:
            raise RuntimeError("open_kernel first")
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                       "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        run, idle, replied = Run(), False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: a cell did not finish within {timeout} s")
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream" and content.get("name") == "stdout":
                run.stdout += content["text"]
            elif kind == "error":
                run.error = f"{content['ename']}: {content['evalue']}"
            elif kind in ("display_data", "execute_result"):
                run.outputs.append(content.get("data", {}))
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied, run.status = True, content["status"]
        return run

    def close_kernel(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if self.kernel_id:
            self.server("DELETE", f"api/kernels/{self.kernel_id}")
            self.kernel_id = None


def remove_stale_users(tag: str) -> None:
    """Delete the users ``TAG<pid>-*`` whose process ``pid`` has ended (see :class:`LocalRoom`)."""
    for entry in pwd.getpwall():
        match = re.fullmatch(rf"{tag}(\d+)-.+", entry.pw_name)
        if match and not Path(f"/proc/{match.group(1)}").exists():
            remove_user(entry)


def remove_user(entry: pwd.struct_passwd) -> None:
    """``userdel --remove`` (the home too), and the user's Jupyter runtime folder."""
    subprocess.run(["userdel", "--remove", entry.pw_name], capture_output=True)
    shutil.rmtree(RUNTIME_ROOT / str(entry.pw_uid), ignore_errors=True)


def free_ports() -> int:
    """A port P with P, P+1 and P+2 free on 127.0.0.1 (the room's, the proxy API's, the hub's)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 65000 and all(port_free("127.0.0.1", port + i) for i in (1, 2)):
            return port
    raise RuntimeError("no three free ports in a row")


class LocalRoom:
    """hub/launch.py in a subprocess on 127.0.0.1, a free port, a temporary state folder and homes.

    Its learners are the system users ``TAG + PID + "-" + NAME`` (``jht1234-ana``): the process id
    keeps two runs at once apart, and the users of a run whose process is gone (interrupted before
    its clean-up) are removed when the next room with the same tag is made. :meth:`close` removes
    this room's users.
    """

    def __init__(self, tag: str, admin: str | None = "teacher", **env: str) -> None:
        if not re.fullmatch(r"[a-z]{3}", tag):
            raise ValueError(f"tag must be 3 lower-case letters, got {tag!r}")
        self.tag = tag
        self.prefix = prefix = f"{tag}{os.getpid()}-"
        remove_stale_users(tag)
        self.base = Path(tempfile.mkdtemp(prefix=f"{prefix}room-"))
        self.base.chmod(0o755)  # learners' homes are made inside: they must be able to reach them
        self.password = secrets.token_urlsafe(12)
        self.port = free_ports()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.state, self.homes = self.base / "state", self.base / "home"
        self.env = dict(os.environ, HUB_PASSWORD=self.password, HUB_IP="127.0.0.1", HUB_PORT=str(self.port),
                        HUB_STATE_DIR=str(self.state), HUB_HOME_ROOT=str(self.homes), HUB_USER_PREFIX=prefix,
                        **({"HUB_ADMIN": admin} if admin else {}), **env)
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [sys.executable, str(REPO / "hub" / "launch.py")]

    def start(self) -> None:
        """Start the hub; return once it printed the address learners open (RuntimeError if it stops)."""
        self.proc = subprocess.Popen(self.command(), env=self.env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        out = []
        for line in self.proc.stdout:
            out.append(line)
            if line.startswith("The room is open"):
                if self.url not in line:
                    raise RuntimeError(f"the hub printed another address than {self.url}: {line}")
                return
        raise RuntimeError("the hub did not start:\n" + "".join(out) + self.log_tail())

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def log_tail(self, lines: int = 40) -> str:
        log = self.state / "jupyterhub.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""

    def learner(self, name: str, password: str | None = None) -> Learner:
        return Learner(self.url, name, self.password if password is None else password)

    def admin(self, name: str = "teacher") -> Learner:
        return self.learner(name, (self.state / "admin-password").read_text().strip())

    def home(self, name: str) -> Path:
        return self.homes / (self.prefix + name)

    def users(self) -> set[str]:
        """The system users of this room's prefix."""
        return {p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(self.prefix)}

    def remove_users(self) -> None:
        for name in self.users():
            remove_user(pwd.getpwnam(name))

    def close(self) -> None:
        """Stop the hub, delete the learners' users, remove the temporary folders."""
        self.stop()
        self.remove_users()
        shutil.rmtree(self.base, ignore_errors=True)
