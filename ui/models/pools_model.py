"""The Budget table: each pool's total, committed, disbursed, released and left, in yuan."""

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
from aitown.services.dashboard import PoolUsage
from ui.labels import benefit_label

COL_POOL = 0
COL_TOTAL = 1
COL_COMMITTED = 2
COL_DISBURSED = 3
COL_RELEASED = 4
COL_LEFT = 5
COL_USED = 6

HEADERS = (
    QT_TRANSLATE_NOOP("PoolsModel", "Pool"),
    QT_TRANSLATE_NOOP("PoolsModel", "Total (yuan)"),
    QT_TRANSLATE_NOOP("PoolsModel", "Committed (yuan)"),
    QT_TRANSLATE_NOOP("PoolsModel", "Disbursed (yuan)"),
    QT_TRANSLATE_NOOP("PoolsModel", "Released (yuan)"),
    QT_TRANSLATE_NOOP("PoolsModel", "Left (yuan)"),
    QT_TRANSLATE_NOOP("PoolsModel", "Used"),
)

POOL_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
FEN_ROLE = Qt.ItemDataRole.UserRole + 2  # the exact amount in fen, for tests and sorting


def used_percent(pool: PoolUsage) -> str:
    """Committed and disbursed as a share of the total, to one decimal (integer arithmetic)."""
    if pool.total <= 0:
        return "—"
    tenths = ((pool.committed + pool.disbursed) * 1000 + pool.total // 2) // pool.total
    return f"{tenths // 10}.{tenths % 10} %"


class PoolsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[PoolUsage] = []

    def set_rows(self, rows: list[PoolUsage]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def pool(self, row: int) -> PoolUsage | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, kind: str) -> int | None:
        for at, pool in enumerate(self._rows):
            if pool.kind == kind:
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
            return QCoreApplication.translate("PoolsModel", HEADERS[section])
        return None

    def _fen(self, pool: PoolUsage, col: int) -> int | None:
        return {
            COL_TOTAL: pool.total,
            COL_COMMITTED: pool.committed,
            COL_DISBURSED: pool.disbursed,
            COL_RELEASED: pool.released,
            COL_LEFT: pool.left,
        }.get(col)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        pool = self.pool(index.row())
        if pool is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_POOL:
                return benefit_label(pool.kind)
            if col == COL_USED:
                return used_percent(pool)
            fen = self._fen(pool, col)
            return format_yuan(fen) if fen is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col != COL_POOL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == POOL_KIND_ROLE:
            return pool.kind
        if role == FEN_ROLE:
            return self._fen(pool, col)
        return None
