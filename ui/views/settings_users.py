"""Settings → Users: the accounts (administrators add users and reset passwords); everyone can
change their own password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitown.services.users import list_users
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.user_dialogs import AddUserDialog, PasswordDialog
from ui.models.users_model import COL_NAME, UsersModel


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
        for button in (self.add_button, self.reset_button):
            button.setVisible(manage)
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
        buttons.addWidget(you)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        if not manage:
            layout.addStretch(1)
        layout.addLayout(buttons)
        self.dialog: QWidget | None = None
        subscribe(ctx.changes, self, (Entity.USER,), self.reload)
        self.reload()

    def reload(self) -> None:
        if self.ctx.can("user.manage"):
            self.model.set_rows(list_users(self.ctx.db))
            self.table.resizeColumnToContents(COL_NAME)

    def add_user(self) -> None:
        self.dialog = AddUserDialog(self.ctx, parent=self)
        self.dialog.open()

    def reset_password(self) -> None:
        user = self.model.user(self.table.currentIndex().row())
        if user is None:
            return
        self.dialog = PasswordDialog(self.ctx, user["name"], parent=self)
        self.dialog.open()

    def change_own(self) -> None:
        self.dialog = PasswordDialog(self.ctx, parent=self)
        self.dialog.open()
