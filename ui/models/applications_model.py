"""The Applications queue table (rows of aitown.services.applications.list_applications)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from aitown.money import format_yuan
from ui.labels import application_status_label, benefit_label

COL_ID = 0
COL_TEAM = 1
COL_BENEFIT = 2
COL_STATUS = 3
COL_AMOUNT = 4
COL_APPLIED = 5

HEADERS = (
    QT_TRANSLATE_NOOP("ApplicationsModel", "No."),
    QT_TRANSLATE_NOOP("ApplicationsModel", "Team"),
    QT_TRANSLATE_NOOP("ApplicationsModel", "Benefit"),
    QT_TRANSLATE_NOOP("ApplicationsModel", "Status"),
    QT_TRANSLATE_NOOP("ApplicationsModel", "Amount (yuan)"),
    QT_TRANSLATE_NOOP("ApplicationsModel", "Applied on"),
)

APPLICATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
APPLICATION_ROW_ROLE = Qt.ItemDataRole.UserRole + 2

RIGHT_ALIGNED = (COL_ID, COL_AMOUNT)


class ApplicationsModel(QAbstractTableModel):
    """A page of applications as plain rows; ``set_rows`` replaces them in one reset."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def application_id(self, row: int) -> int | None:
        data = self.row(row)
        return int(data["id"]) if data else None

    def row_of(self, application_id: int) -> int | None:
        for at, data in enumerate(self._rows):
            if data["id"] == application_id:
                return at
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("ApplicationsModel", HEADERS[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            amount = row.get("amount_fen")
            return {
                COL_ID: str(row["id"]),
                COL_TEAM: row.get("team_name") or "",
                COL_BENEFIT: benefit_label(row["benefit"]),
                COL_STATUS: application_status_label(row["status"]),
                COL_AMOUNT: format_yuan(amount) if amount is not None else "—",
                COL_APPLIED: str(row.get("applied_on") or ""),
            }.get(col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEAM:
            return f"{row.get('team_name', '')}\n{row.get('team_uscc', '')}".strip()
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and col == COL_AMOUNT
            and row.get("amount_fen") is None
        ):
            return QCoreApplication.translate(
                "ApplicationsModel", "No amount: the policy's rules were not all met."
            )
        if role == APPLICATION_ID_ROLE:
            return int(row["id"])
        if role == APPLICATION_ROW_ROLE:
            return row
        return None
