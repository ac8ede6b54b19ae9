"""Leases ending soon (rows of aitown.services.lease_lifecycle.leases_ending)."""

from __future__ import annotations

from typing import Any

from aitown.money import format_yuan
from aitown.services.lease_lifecycle import LeaseEnding
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.row_model import RowTableModel

COL_TEAM = 0
COL_UNIT = 1
COL_START = 2
COL_LAST_DAY = 3
COL_DAYS_LEFT = 4
COL_RENT = 5


class LeasesEndingModel(RowTableModel[LeaseEnding]):
    CONTEXT = "LeasesEndingModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("LeasesEndingModel", "Tenant"),
        QT_TRANSLATE_NOOP("LeasesEndingModel", "Unit"),
        QT_TRANSLATE_NOOP("LeasesEndingModel", "Lease from"),
        QT_TRANSLATE_NOOP("LeasesEndingModel", "Last day"),
        QT_TRANSLATE_NOOP("LeasesEndingModel", "Days left"),
        QT_TRANSLATE_NOOP("LeasesEndingModel", "Rent / month (yuan)"),
    )
    RIGHT_ALIGNED = frozenset({COL_DAYS_LEFT, COL_RENT})

    lease = RowTableModel.row

    def display(self, row: LeaseEnding, col: int) -> Any:
        if col == COL_TEAM:
            return row.team_name
        if col == COL_UNIT:
            return f"{row.building} {row.unit}"
        if col == COL_START:
            return row.start_on.isoformat()
        if col == COL_LAST_DAY:
            return row.last_day.isoformat()
        if col == COL_DAYS_LEFT:
            return str(row.days_left)  # the header says "Days left"
        if col == COL_RENT:
            return format_yuan(row.monthly_rent)
        return None
