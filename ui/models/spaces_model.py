"""The units of the town with their current lease (rows of aitown.services.leases.list_spaces)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from aitown.money import format_yuan
from aitown.services.leases import SpaceRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.row_model import RowTableModel

COL_BUILDING = 0
COL_UNIT = 1
COL_AREA = 2
COL_RENT = 3
COL_TEAM = 4
COL_LEASE_END = 5

SPACE_ROLE = Qt.ItemDataRole.UserRole + 1
FREE_COLOR = QColor("#1e7b45")
HELD_COLOR = QColor("#9a5b00")


def area_text(hundredths: int) -> str:
    whole, frac = divmod(hundredths, 100)
    return f"{whole:,}.{frac:02d}"


class SpacesModel(RowTableModel[SpaceRow]):
    CONTEXT = "SpacesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("SpacesModel", "Building"),
        QT_TRANSLATE_NOOP("SpacesModel", "Unit"),
        QT_TRANSLATE_NOOP("SpacesModel", "Area (m²)"),
        QT_TRANSLATE_NOOP("SpacesModel", "Monthly rent (yuan)"),
        QT_TRANSLATE_NOOP("SpacesModel", "Current team"),
        QT_TRANSLATE_NOOP("SpacesModel", "Lease ends"),
    )
    RIGHT_ALIGNED = frozenset({COL_AREA, COL_RENT})

    space = RowTableModel.row
    row_of_space = RowTableModel.row_of

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        # Units the desk set reserved or under repair today: {space id: what to say, not "free"}.
        self.holds: dict[int, str] = {}

    def occupancy(self) -> tuple[int, int]:
        """(units leased today, all units)."""
        return sum(1 for r in self._rows if r.lease_id), len(self._rows)

    def display(self, space: SpaceRow, col: int) -> Any:
        if col == COL_BUILDING:
            return space.building
        if col == COL_UNIT:
            return space.unit
        if col == COL_AREA:
            return area_text(space.area_hundredths)
        if col == COL_RENT:
            return format_yuan(space.monthly_rent)
        if col == COL_TEAM:
            held = self.holds.get(space.id)
            return space.team_name or held or QCoreApplication.translate("SpacesModel", "free")
        if col == COL_LEASE_END:
            return str(space.lease_end) if space.lease_end else ""
        return None

    def role_data(self, space: SpaceRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_TEAM and not space.lease_id:
            return QBrush(HELD_COLOR if space.id in self.holds else FREE_COLOR)
        if role == SPACE_ROLE:
            return space
        return None
