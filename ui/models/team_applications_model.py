"""A team's applications (rows of aitown.services.applications.list_applications)."""

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
COL_BENEFIT = 1
COL_STATUS = 2
COL_APPLIED = 3
COL_CONTRACT = 4
COL_AMOUNT = 5

HEADERS = (
    QT_TRANSLATE_NOOP("TeamApplicationsModel", "No."),
    QT_TRANSLATE_NOOP("TeamApplicationsModel", "Benefit"),
    QT_TRANSLATE_NOOP("TeamApplicationsModel", "Status"),
    QT_TRANSLATE_NOOP("TeamApplicationsModel", "Applied on"),
    QT_TRANSLATE_NOOP("TeamApplicationsModel", "Contract (yuan)"),
    QT_TRANSLATE_NOOP("TeamApplicationsModel", "Amount (yuan)"),
)

APPLICATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _yuan(fen: int | None) -> str:
    return format_yuan(fen) if fen is not None else ""


class TeamApplicationsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("TeamApplicationsModel", HEADERS[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_ID: str(row["id"]),
                COL_BENEFIT: benefit_label(row["benefit"]),
                COL_STATUS: application_status_label(row["status"]),
                COL_APPLIED: str(row["applied_on"] or ""),
                COL_CONTRACT: _yuan(row.get("contract_amount_fen")),
                COL_AMOUNT: _yuan(row.get("amount_fen")),
            }.get(col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ID, COL_CONTRACT, COL_AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == APPLICATION_ID_ROLE:
            return row["id"]
        return None
