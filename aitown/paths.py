"""Where things live: the shipped resources, the user's data, log and backup folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "aitown-desk"
APP_AUTHOR = "aitown"


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
