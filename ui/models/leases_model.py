"""A team's leases: unit, period, early end, monthly rent and (when known) the rent waived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt

from aitown.models import Lease
from aitown.money import format_yuan
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.row_model import RowTableModel

COL_UNIT = 0
COL_FROM = 1
COL_TO = 2
COL_ENDED = 3
COL_RENT = 4
COL_WAIVED = 5
COL_STATE = 6

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


class LeasesModel(RowTableModel[Lease]):
    CONTEXT = "LeasesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("LeasesModel", "Unit"),
        QT_TRANSLATE_NOOP("LeasesModel", "From"),
        QT_TRANSLATE_NOOP("LeasesModel", "To"),
        QT_TRANSLATE_NOOP("LeasesModel", "Ended early"),
        QT_TRANSLATE_NOOP("LeasesModel", "Monthly rent (yuan)"),
        QT_TRANSLATE_NOOP("LeasesModel", "Rent waived (yuan)"),
        QT_TRANSLATE_NOOP("LeasesModel", "State"),
    )
    RIGHT_ALIGNED = frozenset({COL_RENT, COL_WAIVED})

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._waived: dict[int, int] = {}

    def set_rows(self, leases: Iterable[Lease], waived_fen: dict[int, int] | None = None) -> None:
        """Show ``leases``; ``waived_fen`` maps a lease id to its total waiver, when known."""
        self.beginResetModel()
        self._rows = list(leases)
        self._waived = dict(waived_fen or {})
        self.endResetModel()

    lease = RowTableModel.row

    def display(self, lease: Lease, col: int) -> Any:
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
            return self.translated(STATE_TEXT[lease_state(lease)])
        return None

    def role_data(self, lease: Lease, col: int, role: int) -> Any:
        return lease if role == LEASE_ROLE else None
