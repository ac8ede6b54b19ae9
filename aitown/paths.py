"""Where things live: the shipped resources, the user's data, log and backup folders."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

APP_NAME = "aitown-desk"
APP_AUTHOR = "aitown"

# The data holds identity-card and phone numbers and password hashes: what the application
# creates (folders, the database and its -wal/-shm, backups, logs, settings) is for the desk's
# own account only. Existing files keep the permissions IT gave them.
PRIVATE_UMASK = 0o077  # folders 700, files 600
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def resources_dir() -> Path:
    """The ``resources/`` folder: in the desktop bundle, the installed package or the checkout.

    The PyInstaller bundle (packaging/aitown.spec) keeps them in ``_internal/aitown/resources``
    (``sys._MEIPASS``), the wheel in ``aitown/resources``, a checkout beside ``aitown/``.
    """
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        candidates.insert(0, Path(bundle) / "aitown" / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The resources folder of AI Town Desk is missing; reinstall the application."
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    return Path(
        os.environ.get("AITOWN_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)
    )


def log_dir() -> Path:
    return Path(os.environ.get("AITOWN_LOG_DIR") or platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "aitown.sqlite"


def backup_dir() -> Path:
    return data_dir() / "backups"


@contextmanager
def private_files() -> Iterator[None]:
    """Create every file 600 and every folder 700 while the block runs (the entry points of the
    application and of ``aitown-cli`` run inside it); the earlier umask comes back after it."""
    if os.name != "posix":  # Windows: the user profile's ACLs already keep other users out
        yield
        return
    old = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(old)


def world_writable(path: Path) -> bool:
    """True if every account on this computer may change ``path`` (POSIX mode bit o+w)."""
    return os.name == "posix" and bool(path.stat().st_mode & 0o002)
