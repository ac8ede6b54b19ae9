"""The Applications queue table (rows of aitown.services.application_list.list_applications)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from aitown.money import format_yuan
from aitown.services.application_list import ApplicationRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import application_status_label, benefit_label
from ui.models.row_model import RowTableModel

COL_ID = 0
COL_TEAM = 1
COL_BENEFIT = 2
COL_STATUS = 3
COL_AMOUNT = 4
COL_APPLIED = 5

APPLICATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
APPLICATION_ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class ApplicationsModel(RowTableModel[ApplicationRow]):
    """A page of applications (:class:`ApplicationRow`); ``set_rows`` replaces them in one reset."""

    CONTEXT = "ApplicationsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("ApplicationsModel", "No."),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Team"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Benefit"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Status"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Amount (yuan)"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Applied on"),
    )
    RIGHT_ALIGNED = frozenset({COL_ID, COL_AMOUNT})

    def application_id(self, row: int) -> int | None:
        data = self.row(row)
        return int(data.id) if data else None

    def display(self, row: ApplicationRow, col: int) -> Any:
        amount = row.amount_fen
        return {
            COL_ID: str(row.id),
            COL_TEAM: row.team_name,
            COL_BENEFIT: benefit_label(row.benefit),
            COL_STATUS: application_status_label(row.status),
            COL_AMOUNT: format_yuan(amount) if amount is not None else "—",
            COL_APPLIED: str(row.applied_on),
        }.get(col)

    def role_data(self, row: ApplicationRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEAM:
            return f"{row.team_name}\n{row.team_uscc}".strip()
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_AMOUNT and row.amount_fen is None:
            return QCoreApplication.translate(
                "ApplicationsModel", "No amount: the policy's rules were not all met."
            )
        if role == APPLICATION_ID_ROLE:
            return int(row.id)
        if role == APPLICATION_ROW_ROLE:
            return row
        return None
