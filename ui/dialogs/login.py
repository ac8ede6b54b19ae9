"""Log-in with a local account; the service's sentence (wrong password, locked) shown in place."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.db import Database
from aitown.errors import DeskError
from aitown.services.actor import Actor
from aitown.services.users import authenticate
from ui.i18n import error_lang
from ui.widgets.form import ErrorBanner, ok_cancel_buttons


class LoginDialog(QDialog):
    """Asks for a user name and password; ``actor`` is set once the service accepts them."""

    def __init__(
        self, db: Database, lang: str, office_name: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Log in — AI Town Desk"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        heading = QLabel(office_name or self.tr("AI Town Desk"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr("Log in with your user name and password.")))

        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("login_name")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("login_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        name_label = QLabel(self.tr("&User name:"))
        name_label.setBuddy(self.name_edit)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password_edit)
        form.addRow(name_label, self.name_edit)
        form.addRow(password_label, self.password_edit)
        layout.addLayout(form)

        self.error = ErrorBanner()
        layout.addWidget(self.error)

        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Log in"), self.try_login)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._update_ok)
        self.password_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.setTabOrder(self.name_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.ok_button)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip() and self.password_edit.text()))

    def try_login(self) -> None:
        """Ask the service; on success close, else show its sentence and keep the name."""
        try:
            self.actor = authenticate(self.db, self.name_edit.text(), self.password_edit.text())
        except DeskError as exc:
            self.error.say(exc.message_for(error_lang(self.lang)))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.accept()
