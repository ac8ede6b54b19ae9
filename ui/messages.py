"""Message boxes: one sentence for the person, never a traceback.

Everything goes through QMessageBox's static functions, so a test can replace them
(``monkeypatch.setattr(QMessageBox, "critical", ...)``) and nothing blocks.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from aitown.errors import DeskError
from ui.i18n import current_language, error_lang

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.critical(
        parent, title or QCoreApplication.translate("Messages", "AI Town Desk"), text
    )


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(
        parent, title or QCoreApplication.translate("Messages", "AI Town Desk"), text
    )


def ask(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    """A yes/no question; No is the default so that Enter does not confirm by accident."""
    answer = QMessageBox.question(
        parent,
        title or QCoreApplication.translate("Messages", "AI Town Desk"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def working_text() -> str:
    """The progress dialog's sentence while a change is being saved (ui.ops)."""
    return QCoreApplication.translate("Messages", "Saving…")


def unexpected_text(log_file: object | None = None) -> str:
    """The sentence for an error we did not foresee; the details are in the log."""
    if log_file:
        return QCoreApplication.translate(
            "Messages",
            "Something went wrong and this step was not completed. The details are in the log file {log}; please send it to your IT contact.",
        ).format(log=log_file)
    return QCoreApplication.translate(
        "Messages",
        "Something went wrong and this step was not completed; please tell your IT contact.",
    )


def show_exception(parent: QWidget | None, exc: BaseException, lang: str | None = None) -> None:
    """A DeskError as its sentence; anything else logged and shown as the generic sentence."""
    if isinstance(exc, DeskError):
        show_error(parent, exc.message_for(error_lang(lang or current_language())))
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    from ui.logging_setup import current_log_file

    show_error(parent, unexpected_text(current_log_file()))
