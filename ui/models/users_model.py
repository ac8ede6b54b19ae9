"""The accounts of this installation (rows of aitown.services.users.list_users)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from aitown.models import utcnow
from ui.labels import role_label

COL_NAME = 0
COL_FULL_NAME = 1
COL_ROLE = 2
COL_STATE = 3

HEADERS = (
    QT_TRANSLATE_NOOP("UsersModel", "User name"),
    QT_TRANSLATE_NOOP("UsersModel", "Full name"),
    QT_TRANSLATE_NOOP("UsersModel", "Role"),
    QT_TRANSLATE_NOOP("UsersModel", "State"),
)
STATE_TEXT = (
    QT_TRANSLATE_NOOP("UsersModel", "active"),
    QT_TRANSLATE_NOOP("UsersModel", "inactive"),
    QT_TRANSLATE_NOOP("UsersModel", "locked until {time}"),
)

USER_ROLE = Qt.ItemDataRole.UserRole + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("UsersModel", text)


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def user(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def state(self, user: dict[str, Any]) -> str:
        locked = user.get("locked_until")
        if locked and locked > utcnow():
            when = locked.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
            return _t(STATE_TEXT[2]).format(time=when)
        return _t(STATE_TEXT[0]) if user.get("active") else _t(STATE_TEXT[1])

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        user = self.user(index.row()) if index.isValid() else None
        if user is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_NAME: user["name"],
                COL_FULL_NAME: user.get("full_name") or "",
                COL_ROLE: role_label(user["role"]),
                COL_STATE: self.state(user),
            }.get(index.column())
        if role == USER_ROLE:
            return user
        return None
