"""Settings → Users: the accounts (administrators add users and reset passwords); everyone can
change their own password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import Role
from aitown.labels import role_label
from aitown.services.users import list_users, set_user_role
from ui import messages
from ui.changes import Change, Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.user_dialogs import AddUserDialog, PasswordDialog
from ui.models.users_model import COL_NAME, UsersModel
from ui.ops import run_op
from ui.widgets.flow_layout import flow_row


class UsersSettings(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        manage = ctx.can("user.manage")
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setObjectName("users_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(manage)

        self.add_button = QPushButton(self.tr("&Add user…"))
        self.add_button.setObjectName("users_add")
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.reset_button.setObjectName("users_reset")
        self.role_button = QPushButton(self.tr("Change ro&le…"))
        self.role_button.setObjectName("users_role")
        self.active_button = QPushButton(self.tr("&Deactivate"))
        self.active_button.setObjectName("users_active")
        for button in (self.add_button, self.reset_button, self.role_button, self.active_button):
            button.setVisible(manage)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.own_button = QPushButton(self.tr("&Change my password…"))
        self.own_button.setObjectName("users_change_own")
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.own_button.clicked.connect(self.change_own)

        you = QLabel(
            self.tr("You are logged in as {name} ({role}).").format(
                name=ctx.actor.name, role=ctx.role_label()
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(you, 0, Qt.AlignmentFlag.AlignTop)
        # The buttons wrap onto a second line in a narrow window instead of widening it.
        buttons.addWidget(
            flow_row(
                self.own_button,
                self.reset_button,
                self.role_button,
                self.active_button,
                self.add_button,
                align_right=True,
            ),
            1,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        if not manage:
            layout.addStretch(1)
        layout.addLayout(buttons)
        self.dialog: QWidget | None = None
        subscribe(ctx.changes, self, (Entity.USER,), self.reload)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        if self.ctx.can("user.manage"):
            self.model.set_rows(list_users(self.ctx.db))
            self.table.resizeColumnToContents(COL_NAME)
        self._update_buttons()

    def _update_buttons(self) -> None:
        user = self.model.row(self.table.currentIndex().row())
        for button in (self.reset_button, self.role_button, self.active_button):
            button.setEnabled(user is not None)
        active = user is None or user.active
        self.active_button.setText(self.tr("&Deactivate") if active else self.tr("Ac&tivate"))

    def _set(self, name: str, role: str, active: bool) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        run_op(
            self.ctx,
            self,
            lambda _control: set_user_role(db, actor, name, role, active=active),
            changes=[Change(Entity.USER)],
            busy=[self.role_button, self.active_button],
        )

    def change_role(self) -> None:
        """Give the chosen user another role (they log in again to use it)."""
        user = self.model.row(self.table.currentIndex().row())
        if user is None:
            return
        roles = list(Role)
        names = [role_label(r, self.ctx.lang) for r in roles]
        current = roles.index(Role(user.role)) if user.role in roles else 0
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Change role"),
            self.tr("Role of {name}:").format(name=user.name),
            names,
            current,
            False,
        )
        if ok and chosen in names:
            self._set(user.name, roles[names.index(chosen)], user.active)

    def toggle_active(self) -> None:
        """Deactivate the chosen account (asked first; it can no longer log in or act), or
        activate it again."""
        user = self.model.row(self.table.currentIndex().row())
        if user is None:
            return
        name, active = user.name, user.active
        if active and not messages.ask(
            self,
            self.tr(
                "Deactivate {name}? The account can no longer log in, and a session left open "
                "stops at its next change. Its records and history stay."
            ).format(name=name),
        ):
            return
        self._set(name, user.role, not active)

    def add_user(self) -> None:
        self.dialog = AddUserDialog(self.ctx, parent=self)
        self.dialog.open()

    def reset_password(self) -> None:
        user = self.model.row(self.table.currentIndex().row())
        if user is None:
            return
        self.dialog = PasswordDialog(self.ctx, user.name, parent=self)
        self.dialog.open()

    def change_own(self) -> None:
        self.dialog = PasswordDialog(self.ctx, parent=self)
        self.dialog.open()
