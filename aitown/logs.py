"""Logging to a rotating file in the user log directory, so an unexpected error can be looked up.

The GUI calls :func:`setup_logging` at start and shows :func:`log_file` in its error dialog; the
command line keeps its one-line messages on stderr and logs details here too.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from aitown import paths

LOG_NAME = "aitown.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(name)s: %(message)s"

_HANDLER_MARK = "_aitown_file_handler"


def log_file() -> Path:
    """Where the log is written (the user log directory, or ``AITOWN_LOG_DIR``)."""
    return paths.log_dir() / LOG_NAME


def setup_logging(
    level: int = logging.INFO, *, folder: str | os.PathLike[str] | None = None
) -> Path | None:
    """Send log records of the ``aitown`` and ``ui`` loggers (and warnings from elsewhere) to a
    rotating file (1 MB × 5). Safe to call twice. Returns the file, or None if the folder cannot be
    written — the application must keep working without a log then."""
    target = (Path(folder) if folder is not None else paths.log_dir()) / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, _HANDLER_MARK, None) == str(target):
            return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    setattr(handler, _HANDLER_MARK, str(target))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # Third-party libraries are chatty at INFO (SQLAlchemy echoes SQL); keep them to warnings.
    for noisy in ("sqlalchemy", "alembic", "PIL", "fontTools", "urllib3"):
        if logging.getLogger(noisy).level == logging.NOTSET:
            logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    logging.captureWarnings(True)
    return target
