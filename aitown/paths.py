"""Where things live: the shipped resources, the user's data, log and backup folders."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "aitown-desk"
APP_AUTHOR = "aitown"


def resources_dir() -> Path:
    """The ``resources/`` folder: inside the installed package (wheel) or beside it (checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
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
