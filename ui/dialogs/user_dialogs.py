"""Add a user (administrators), reset someone's password (administrators), change one's own."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.models import ROLES
from aitown.services.users import change_password, create_user
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.labels import role_label
from ui.ops import run_op
from ui.widgets.form import add_checked_form, add_form_buttons


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class AddUserDialog(QDialog):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Add user"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.name = QLineEdit()
        self.name.setObjectName("user_name")
        self.full_name = QLineEdit()
        self.role = QComboBox()
        self.role.setObjectName("user_role")
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.password = _password_edit("user_password")
        self.password2 = _password_edit("user_password2")
        self.form.add("name", self.tr("User &name:"), self.name, checks.user_name_check)
        self.form.add("full_name", self.tr("&Full name:"), self.full_name)
        self.form.add("role", self.tr("&Role:"), self.role)
        self.form.add("password", self.tr("&Password:"), self.password, checks.password_check)
        self.form.add(
            "password2",
            self.tr("Password a&gain:"),
            self.password2,
            checks.same_as(self.password.text),
        )
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Add user"), self.save
        )

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor = self.ctx.db, self.ctx.actor
        name, role, password = self.name.text(), self.role.currentData(), self.password.text()
        full_name = self.full_name.text().strip()
        run_op(
            self.ctx,
            self,
            lambda _control: create_user(db, actor, name, role, password, full_name=full_name),
            changes=[Change(Entity.USER)],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )


class PasswordDialog(QDialog):
    """Change one's own password (asks for the current one), or reset another user's."""

    def __init__(
        self, ctx: DeskContext, user_name: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.user_name = user_name or ctx.actor.name
        self.own = self.user_name == ctx.actor.name
        self.setWindowTitle(
            self.tr("Change my password")
            if self.own
            else self.tr("Reset the password of {name}").format(name=self.user_name)
        )
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        if not self.own:
            note = QLabel(self.tr("Tell the user the new password; they can change it afterwards."))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.old = _password_edit("old_password")
        self.new = _password_edit("new_password")
        self.new2 = _password_edit("new_password2")
        if self.own:
            self.form.add("old_password", self.tr("&Current password:"), self.old)
        self.form.add("password", self.tr("&New password:"), self.new, checks.password_check)
        self.form.add(
            "password2", self.tr("New password &again:"), self.new2, checks.same_as(self.new.text)
        )
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("C&hange password"), self.save
        )

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        try:
            change_password(
                self.ctx.db,
                self.ctx.actor,
                self.user_name,
                self.new.text(),
                old_password=self.old.text() if self.own else None,
            )
        except DeskError as exc:
            self.form.show_refusal(exc)
            return
        self.accept()
