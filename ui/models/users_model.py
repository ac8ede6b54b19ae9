"""The accounts of this installation (rows of aitown.services.users.list_users)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from aitown.models import utcnow
from aitown.services.users import UserRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import role_label
from ui.models.row_model import RowTableModel

COL_NAME = 0
COL_FULL_NAME = 1
COL_ROLE = 2
COL_STATE = 3

STATE_TEXT = (
    QT_TRANSLATE_NOOP("UsersModel", "active"),
    QT_TRANSLATE_NOOP("UsersModel", "inactive"),
    QT_TRANSLATE_NOOP("UsersModel", "locked until {time}"),
)

USER_ROLE = Qt.ItemDataRole.UserRole + 1


class UsersModel(RowTableModel[UserRow]):
    CONTEXT = "UsersModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("UsersModel", "User name"),
        QT_TRANSLATE_NOOP("UsersModel", "Full name"),
        QT_TRANSLATE_NOOP("UsersModel", "Role"),
        QT_TRANSLATE_NOOP("UsersModel", "State"),
    )

    user = RowTableModel.row

    def state(self, user: UserRow) -> str:
        locked = user.locked_until
        if locked and locked > utcnow():
            when = locked.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
            return self.translated(STATE_TEXT[2]).format(time=when)
        return self.translated(STATE_TEXT[0] if user.active else STATE_TEXT[1])

    def display(self, user: UserRow, col: int) -> Any:
        return {
            COL_NAME: user.name,
            COL_FULL_NAME: user.full_name or "",
            COL_ROLE: role_label(user.role),
            COL_STATE: self.state(user),
        }.get(col)

    def role_data(self, user: UserRow, col: int, role: int) -> Any:
        return user if role == USER_ROLE else None
