"""A workshop room's settings, read from the environment and checked before anything starts.

Standard library only: ``make hub`` checks them with the system's python3 before it installs or
creates anything, so a bad value is refused with a message and changes nothing.

=====================  =========================================================  ==================
variable               meaning                                                    default
=====================  =========================================================  ==================
HUB_PASSWORD           the workshop password learners type with a name of         required, no default
                       their choice (8 characters or more)
HUB_IP                 the address the room listens on                            0.0.0.0 (every interface)
HUB_PORT               the port learners open; PORT+1 (proxy API) and PORT+2      8000
                       (hub) are used on 127.0.0.1 too
HUB_ADMIN              the instructor's user name (an admin: lists learners,      none
                       opens their servers)
HUB_ADMIN_PASSWORD     the instructor's password (32 characters or more);         generated once into
                       only used with HUB_ADMIN                                   STATE/admin-password
HUB_STATE_DIR          the hub's database, cookie secret and proxy token          build/hub/state
HUB_HOME_ROOT          where learners' home folders are made                      /home
HUB_USER_PREFIX        the system user of learner NAME is PREFIX + NAME           jh-
HUB_IDLE_TIMEOUT       seconds without activity before a learner's server is      3600
                       stopped (their files stay)
=====================  =========================================================  ==================
"""
from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

REPO = Path(__file__).resolve().parent.parent
# A learner's name: lower case (JupyterHub lower-cases what is typed), a letter first, at most 20
# characters, so PREFIX + NAME is a valid Linux user name (at most 32 characters).
NAME_RE = re.compile(r"[a-z][a-z0-9_-]{0,19}")
NAME_RULE = "1-20 characters: lower-case letters, digits, '-' or '_', starting with a letter"
PREFIX_RE = re.compile(r"[a-z][a-z0-9_-]{0,10}")
PASSWORD_MIN = 8  # JupyterHub's shared-password authenticator refuses shorter ones
ADMIN_PASSWORD_MIN = 32  # and shorter admin passwords


class SettingsError(ValueError):
    """A room setting that is missing or invalid; the message says what is expected."""


@dataclass(frozen=True)
class Settings:
    password: str
    ip: str
    port: int
    admin: str | None
    admin_password: str | None  # None: generated at start into state_dir/admin-password
    state_dir: Path
    home_root: Path
    user_prefix: str
    idle_timeout: int

    @property
    def proxy_api_port(self) -> int:
        return self.port + 1

    @property
    def hub_port(self) -> int:
        return self.port + 2

    def system_user(self, name: str) -> str:
        """The Linux user that learner ``name``'s server and kernels run as."""
        return self.user_prefix + name


def _int(env: Mapping[str, str], key: str, default: int, low: int, high: int) -> int:
    raw = env.get(key, "").strip() or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{key} must be a whole number from {low} to {high}, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{key} must be a whole number from {low} to {high}, got {value}")
    return value


def from_env(env: Mapping[str, str] = os.environ) -> Settings:
    """The room's settings from ``env``; SettingsError naming the variable and what it expects."""
    if "HUB_PASSWORD" not in env:
        raise SettingsError(
            "HUB_PASSWORD is not set. A room needs a workshop password: learners log in with a name "
            f"of their choice and this password. Choose one ({PASSWORD_MIN} characters or more) and "
            "run, e.g.: HUB_PASSWORD='pick-a-phrase' make hub   (there is no default password)")
    password = env["HUB_PASSWORD"]
    if not password.strip():
        raise SettingsError("HUB_PASSWORD is empty: choose a workshop password "
                            f"of {PASSWORD_MIN} characters or more (there is no default password)")
    if len(password) < PASSWORD_MIN:
        raise SettingsError(f"HUB_PASSWORD must be {PASSWORD_MIN} characters or more, got {len(password)}")

    ip = env.get("HUB_IP", "").strip() or "0.0.0.0"
    try:
        ip = str(ipaddress.ip_address(ip))
    except ValueError:
        raise SettingsError(f"HUB_IP must be an IP address such as 0.0.0.0 or 127.0.0.1, got {ip!r}") from None
    port = _int(env, "HUB_PORT", 8000, 1, 65533)  # PORT+1 and PORT+2 are used too

    admin = env.get("HUB_ADMIN", "").strip() or None
    if admin is not None and not NAME_RE.fullmatch(admin):
        raise SettingsError(f"HUB_ADMIN must be a user name ({NAME_RULE}), got {admin!r}")
    admin_password = env.get("HUB_ADMIN_PASSWORD") or None
    if admin_password is not None:
        if admin is None:
            raise SettingsError("HUB_ADMIN_PASSWORD is set but HUB_ADMIN is not: name the instructor too")
        if len(admin_password) < ADMIN_PASSWORD_MIN:
            raise SettingsError(f"HUB_ADMIN_PASSWORD must be {ADMIN_PASSWORD_MIN} characters or more, "
                                f"got {len(admin_password)} (or leave it unset: one is generated)")
        if admin_password == password:
            raise SettingsError("HUB_ADMIN_PASSWORD must differ from HUB_PASSWORD")

    prefix = env.get("HUB_USER_PREFIX", "jh-")
    if not PREFIX_RE.fullmatch(prefix):
        raise SettingsError("HUB_USER_PREFIX must be 1-11 characters: lower-case letters, digits, "
                            f"'-' or '_', starting with a letter, got {prefix!r}")
    paths = {}
    for key, default in (("HUB_STATE_DIR", REPO / "build" / "hub" / "state"), ("HUB_HOME_ROOT", Path("/home"))):
        path = Path(env.get(key, "").strip() or default)
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.exists() and not path.is_dir():
            raise SettingsError(f"{key} must be a folder, but {path} is a file")
        paths[key] = path
    idle = _int(env, "HUB_IDLE_TIMEOUT", 3600, 60, 7 * 24 * 3600)
    return Settings(password=password, ip=ip, port=port, admin=admin, admin_password=admin_password,
                    state_dir=paths["HUB_STATE_DIR"], home_root=paths["HUB_HOME_ROOT"],
                    user_prefix=prefix, idle_timeout=idle)
