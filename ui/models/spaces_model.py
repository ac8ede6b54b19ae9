"""The units of the town with their current lease (rows of aitown.services.leases.list_spaces)."""

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
from PySide6.QtGui import QBrush, QColor

from aitown.money import format_yuan

COL_BUILDING = 0
COL_UNIT = 1
COL_AREA = 2
COL_RENT = 3
COL_TEAM = 4
COL_LEASE_END = 5

HEADERS = (
    QT_TRANSLATE_NOOP("SpacesModel", "Building"),
    QT_TRANSLATE_NOOP("SpacesModel", "Unit"),
    QT_TRANSLATE_NOOP("SpacesModel", "Area (m²)"),
    QT_TRANSLATE_NOOP("SpacesModel", "Monthly rent (yuan)"),
    QT_TRANSLATE_NOOP("SpacesModel", "Current team"),
    QT_TRANSLATE_NOOP("SpacesModel", "Lease ends"),
)

SPACE_ROLE = Qt.ItemDataRole.UserRole + 1
FREE_COLOR = QColor("#1e7b45")


def area_text(hundredths: int) -> str:
    whole, frac = divmod(hundredths, 100)
    return f"{whole:,}.{frac:02d}"


class SpacesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def space(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_space(self, space_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row["id"] == space_id:
                return i
        return None

    def occupancy(self) -> tuple[int, int]:
        """(units leased today, all units)."""
        return sum(1 for r in self._rows if r["lease_id"]), len(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("SpacesModel", HEADERS[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        space = self.space(index.row()) if index.isValid() else None
        if space is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_BUILDING:
                return space["building"]
            if col == COL_UNIT:
                return space["unit"]
            if col == COL_AREA:
                return area_text(space["area_hundredths"])
            if col == COL_RENT:
                return format_yuan(space["monthly_rent"])
            if col == COL_TEAM:
                return space["team_name"] or QCoreApplication.translate("SpacesModel", "free")
            if col == COL_LEASE_END:
                return str(space["lease_end"]) if space["lease_end"] else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_TEAM and not space["lease_id"]:
            return QBrush(FREE_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_AREA, COL_RENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SPACE_ROLE:
            return space
        return None


QT_TRANSLATE_NOOP("SpacesModel", "free")
