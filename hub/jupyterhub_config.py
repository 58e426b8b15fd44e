"""JupyterHub configuration for a workshop room; started by hub/launch.py (``make hub``).

Settings come from the environment (hub/settings.py); launch.py has checked them and set
HUB_PROXY_TOKEN (and HUB_ADMIN_PASSWORD if the instructor gave none) from the state folder.
"""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hub.launch import PROXY, SERIES, STUDENT  # noqa: E402
from hub.settings import NAME_RE, from_env  # noqa: E402
from hub.spawner import NOTEBOOKS, RoomSpawner  # noqa: E402

room = from_env(os.environ)
state = room.state_dir
BIN = Path(sys.executable).parent
c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# Where learners connect (the proxy), and the hub and the proxy's API on loopback only.
c.JupyterHub.ip = room.ip
c.JupyterHub.port = room.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = room.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{room.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.auth_token = os.environ["HUB_PROXY_TOKEN"]

# State kept across restarts, so learners (and their login cookies) survive one.
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# Log in: any valid name + the workshop password; the instructor with their own password.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = room.password
c.Authenticator.allow_all = True
c.Authenticator.username_pattern = f"^{NAME_RE.pattern}$"  # PREFIX + NAME is a valid Linux user name
if room.admin:
    c.Authenticator.admin_users = {room.admin}
    c.SharedPasswordAuthenticator.admin_password = os.environ["HUB_ADMIN_PASSWORD"]

# Each learner's server: JupyterLab on their own copies, as their own system user.
c.JupyterHub.spawner_class = RoomSpawner
c.RoomSpawner.user_prefix = room.user_prefix
c.RoomSpawner.home_root = str(room.home_root)
c.RoomSpawner.student_dir = str(STUDENT)
c.RoomSpawner.series_dir = str(SERIES)
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{NOTEBOOKS}"
c.Spawner.notebook_dir = "~"
c.Spawner.args = [
    # Kernels talk over Unix sockets in the learner's runtime folder: no TCP ports to race for when a
    # room starts its kernels at the same moment (`zmq.error.ZMQError: Address already in use`).
    "--KernelManager.transport=ipc",
]
c.Spawner.environment = {"PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
                         "JUPYTER_CONFIG_PATH": str(REPO / "hub" / "jupyter-config")}
# A room logging in at once on a small machine: servers may take a while to start.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 0  # no limit: a room logs in at once

# Idle servers are stopped (their files stay); a learner's next login starts a new one.
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={room.idle_timeout}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
