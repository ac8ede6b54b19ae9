"""The application's log (a rotating file in the log folder) and the last-resort error handler."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from aitown import logs

_log_file: Path | None = None
_in_hook = False


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the rotating file of aitown.logs (the log folder); returns the file, or None if the
    folder cannot be written (the application still runs, logging to stderr instead)."""
    global _log_file
    _log_file = logs.setup_logging(level)
    if _log_file is None:
        logging.basicConfig(level=level, stream=sys.stderr)
    return _log_file


def current_log_file() -> Path | None:
    return _log_file


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Log the traceback; show the person one sentence and where the log is."""
    global _in_hook
    logging.getLogger("aitown.crash").error("uncaught error", exc_info=(exc_type, exc, tb))
    if issubclass(exc_type, KeyboardInterrupt) or _in_hook:
        return
    _in_hook = True
    try:
        from PySide6.QtWidgets import QApplication

        from ui.messages import show_exception

        if QApplication.instance() is not None:
            show_exception(QApplication.activeWindow(), exc)
    finally:
        _in_hook = False


def install_excepthook() -> None:
    sys.excepthook = _excepthook
