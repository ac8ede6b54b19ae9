"""A team's leases: unit, period, early end, monthly rent and (when known) the rent waived."""

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

from aitown.models import Lease
from aitown.money import format_yuan

COL_UNIT = 0
COL_FROM = 1
COL_TO = 2
COL_ENDED = 3
COL_RENT = 4
COL_WAIVED = 5
COL_STATE = 6

HEADERS = (
    QT_TRANSLATE_NOOP("LeasesModel", "Unit"),
    QT_TRANSLATE_NOOP("LeasesModel", "From"),
    QT_TRANSLATE_NOOP("LeasesModel", "To"),
    QT_TRANSLATE_NOOP("LeasesModel", "Ended early"),
    QT_TRANSLATE_NOOP("LeasesModel", "Monthly rent (yuan)"),
    QT_TRANSLATE_NOOP("LeasesModel", "Rent waived (yuan)"),
    QT_TRANSLATE_NOOP("LeasesModel", "State"),
)
STATE_TEXT = {
    "current": QT_TRANSLATE_NOOP("LeasesModel", "current"),
    "future": QT_TRANSLATE_NOOP("LeasesModel", "not started"),
    "past": QT_TRANSLATE_NOOP("LeasesModel", "ended"),
}

LEASE_ROLE = Qt.ItemDataRole.UserRole + 1


def lease_state(lease: Lease, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    if lease.start_on > today:
        return "future"
    return "past" if lease.last_day < today else "current"


def _t(text: str) -> str:
    return QCoreApplication.translate("LeasesModel", text)


class LeasesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[Lease] = []
        self._waived: dict[int, int] = {}

    def set_rows(self, leases: list[Lease], waived_fen: dict[int, int] | None = None) -> None:
        """Show ``leases``; ``waived_fen`` maps a lease id to its total waiver, when known."""
        self.beginResetModel()
        self._rows = list(leases)
        self._waived = dict(waived_fen or {})
        self.endResetModel()

    def lease(self, row: int) -> Lease | None:
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

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        lease = self.lease(index.row()) if index.isValid() else None
        if lease is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_UNIT:
                return f"{lease.space.building} {lease.space.unit}"
            if col == COL_FROM:
                return str(lease.start_on)
            if col == COL_TO:
                return str(lease.end_on)
            if col == COL_ENDED:
                return str(lease.ended_on) if lease.ended_on else ""
            if col == COL_RENT:
                return format_yuan(lease.monthly_rent)
            if col == COL_WAIVED:
                fen = self._waived.get(lease.id)
                return format_yuan(fen) if fen is not None else "—"
            if col == COL_STATE:
                return _t(STATE_TEXT[lease_state(lease)])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_RENT, COL_WAIVED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == LEASE_ROLE:
            return lease
        return None
