"""An Alt+letter that opens nothing must not type its letter.

Qt tries the window's shortcuts (mnemonics, menus) before a key reaches the focused widget; an
Alt+letter that is no shortcut then arrives at the field as a key press whose text is the letter,
and a line edit types it (a phone number became "s" after a mistaken Alt+S). The guard, installed
on each text field as it gets the focus, drops such key presses for text fields. AltGr (Ctrl+Alt on Windows, its
own modifier on X11) still types: it carries Ctrl or no Alt.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)
GUARD_NAME = "aitown-alt-letter-guard"


class AltLetterGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, TEXT_FIELDS):
            return False
        mods = event.modifiers()
        alt_only = bool(mods & Qt.KeyboardModifier.AltModifier) and not (
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        )
        text = event.text()
        if alt_only and text and text.isprintable():
            QApplication.beep()
            return True  # no shortcut took it, and the field must not get the letter
        return False


def install_alt_letter_guard(app: QApplication) -> None:
    """Install the guard (once): on each text field as it first gets the keyboard focus, so that
    only those fields' events pass through Python, not every event of the application."""
    if app.findChild(AltLetterGuard, GUARD_NAME) is not None:
        return
    guard = AltLetterGuard(app)
    guard.setObjectName(GUARD_NAME)

    def focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, TEXT_FIELDS) and not new.property(GUARD_NAME):
            new.setProperty(GUARD_NAME, True)
            new.installEventFilter(guard)

    app.focusChanged.connect(focus_changed)
    focus_changed(None, app.focusWidget())
