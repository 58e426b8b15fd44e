"""RoomSpawner: each learner's server and kernels run as that learner's own unprivileged system user.

The hub runs as root. Before a learner's first server starts, :func:`ensure_user` creates the
Linux user ``PREFIX + NAME`` (``jh-ana`` for learner ``ana``) with a home folder only they can
read (mode 0700). Each start then fills in, as the learner (never as root inside their home):

* ``~/notebooks/``: their own student copies (from build/hub/student/); a copy already there is
  never overwritten, so answers survive stops, culls, new logins and hub restarts;
* ``~/series-read-only``: a link to the full series (build/hub/series/, owned by root, mode 0644).

Kernels use the ``ipc`` transport (Unix sockets, see hub/jupyterhub_config.py). A socket's path
must stay under 108 bytes, which ``~/.local/share/jupyter/runtime/kernel-<uuid>-ipc-1`` can pass
with a long home path, so each learner's Jupyter runtime folder is ``/run/jupyterhub-room/UID``
(made by root, owned by the learner, mode 0700).
"""
from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode

NOTEBOOKS = "notebooks"
SERIES_LINK = "series-read-only"
# Runs as the learner: copy every missing file of SRC into DEST, then link the read-only series.
FILL_HOME = """
import os, shutil, sys
src, dest, series, link = sys.argv[1:5]
for folder, dirs, files in os.walk(src):
    target = os.path.join(dest, os.path.relpath(folder, src))
    os.makedirs(target, exist_ok=True)
    for name in files:
        if not os.path.lexists(os.path.join(target, name)):
            shutil.copyfile(os.path.join(folder, name), os.path.join(target, name))
if not os.path.lexists(link):
    os.symlink(series, link)
"""
RUNTIME_ROOT = Path("/run/jupyterhub-room")
_USERADD = threading.Lock()  # learners logging in at once: one useradd at a time (it locks /etc/passwd)


def ensure_user(system_user: str, home_root: Path, comment: str) -> pwd.struct_passwd:
    """The system user ``system_user``, created (no password, own group, home mode 0700) if missing."""
    with _USERADD:
        try:
            entry = pwd.getpwnam(system_user)
        except KeyError:
            home_root.mkdir(parents=True, exist_ok=True)
            subprocess.run(["useradd", "--create-home", "--home-dir", str(home_root / system_user),
                            "--shell", "/bin/bash", "--user-group", "--no-log-init", "--comment", comment,
                            system_user], check=True, capture_output=True, text=True)
            entry = pwd.getpwnam(system_user)
            shutil.rmtree(RUNTIME_ROOT / str(entry.pw_uid), ignore_errors=True)  # a deleted user's, same uid
    os.chmod(entry.pw_dir, 0o700)  # other learners cannot list or read it
    return entry


def runtime_dir(entry: pwd.struct_passwd) -> Path:
    """The learner's Jupyter runtime folder (kernel connection files and sockets), owned by them, 0700."""
    RUNTIME_ROOT.mkdir(mode=0o755, exist_ok=True)  # root's: nobody else can create a learner's folder in it
    folder = RUNTIME_ROOT / str(entry.pw_uid)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chown(folder, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    os.chmod(folder, 0o700)
    return folder


class RoomSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose system user is ``user_prefix + name`` and is created on first start."""

    user_prefix = Unicode("jh-", config=True, help="the system user of learner NAME is PREFIX + NAME")
    home_root = Unicode("/home", config=True, help="where learners' home folders are created")
    student_dir = Unicode(config=True, help="the student copies each learner starts from")
    series_dir = Unicode(config=True, help="the full series, linked read-only into each home")

    @property
    def system_user(self) -> str:
        return self.user_prefix + self.user.name

    def make_preexec_fn(self, name: str):
        return set_user_setuid(self.system_user)

    def user_env(self, env: dict) -> dict:
        entry = pwd.getpwnam(self.system_user)
        env.update(USER=entry.pw_name, HOME=entry.pw_dir, SHELL=entry.pw_shell,
                   JUPYTER_RUNTIME_DIR=str(RUNTIME_ROOT / str(entry.pw_uid)))
        return env

    def _prepare_home(self) -> None:
        entry = ensure_user(self.system_user, Path(self.home_root), f"workshop learner {self.user.name}")
        runtime_dir(entry)
        subprocess.run([sys.executable, "-c", FILL_HOME, self.student_dir, os.path.join(entry.pw_dir, NOTEBOOKS),
                        self.series_dir, os.path.join(entry.pw_dir, SERIES_LINK)],
                       preexec_fn=set_user_setuid(self.system_user), env={"PATH": os.defpath},
                       check=True, capture_output=True, text=True)

    async def start(self):
        try:
            await asyncio.to_thread(self._prepare_home)
        except subprocess.CalledProcessError as exc:
            self.log.error("preparing %s's home failed: %s %s", self.user.name, exc.stdout, exc.stderr)
            raise
        return await super().start()
