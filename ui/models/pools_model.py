"""The Budget table: each pool's total, committed, disbursed, released and left, in yuan."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from aitown.money import format_yuan
from aitown.services.dashboard import PoolUsage
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import benefit_label
from ui.models.row_model import RowTableModel

COL_POOL = 0
COL_TOTAL = 1
COL_COMMITTED = 2
COL_DISBURSED = 3
COL_RELEASED = 4
COL_LEFT = 5
COL_USED = 6

POOL_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
FEN_ROLE = Qt.ItemDataRole.UserRole + 2  # the exact amount in fen, for tests and sorting


def used_percent(pool: PoolUsage) -> str:
    """Committed and disbursed as a share of the total, to one decimal (integer arithmetic)."""
    if pool.total <= 0:
        return "—"
    tenths = ((pool.committed + pool.disbursed) * 1000 + pool.total // 2) // pool.total
    return f"{tenths // 10}.{tenths % 10} %"


class PoolsModel(RowTableModel[PoolUsage]):
    CONTEXT = "PoolsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("PoolsModel", "Pool"),
        QT_TRANSLATE_NOOP("PoolsModel", "Total (yuan)"),
        QT_TRANSLATE_NOOP("PoolsModel", "Committed (yuan)"),
        QT_TRANSLATE_NOOP("PoolsModel", "Disbursed (yuan)"),
        QT_TRANSLATE_NOOP("PoolsModel", "Released (yuan)"),
        QT_TRANSLATE_NOOP("PoolsModel", "Left (yuan)"),
        QT_TRANSLATE_NOOP("PoolsModel", "Used"),
    )
    RIGHT_ALIGNED = frozenset(range(COL_TOTAL, COL_USED + 1))

    pool = RowTableModel.row

    def key(self, pool: PoolUsage) -> str:
        return pool.kind

    def _fen(self, pool: PoolUsage, col: int) -> int | None:
        return {
            COL_TOTAL: pool.total,
            COL_COMMITTED: pool.committed,
            COL_DISBURSED: pool.disbursed,
            COL_RELEASED: pool.released,
            COL_LEFT: pool.left,
        }.get(col)

    def display(self, pool: PoolUsage, col: int) -> Any:
        if col == COL_POOL:
            return benefit_label(pool.kind)
        if col == COL_USED:
            return used_percent(pool)
        fen = self._fen(pool, col)
        return format_yuan(fen) if fen is not None else None

    def role_data(self, pool: PoolUsage, col: int, role: int) -> Any:
        if role == POOL_KIND_ROLE:
            return pool.kind
        if role == FEN_ROLE:
            return self._fen(pool, col)
        return None
