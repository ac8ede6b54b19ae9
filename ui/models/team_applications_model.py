"""A team's applications (rows of aitown.services.application_list.list_applications)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from aitown.money import format_yuan
from aitown.services.application_list import ApplicationRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import application_status_label, benefit_label
from ui.models.row_model import RowTableModel

COL_ID = 0
COL_BENEFIT = 1
COL_STATUS = 2
COL_APPLIED = 3
COL_CONTRACT = 4
COL_AMOUNT = 5

APPLICATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _yuan(fen: int | None) -> str:
    return format_yuan(fen) if fen is not None else ""


class TeamApplicationsModel(RowTableModel[ApplicationRow]):
    CONTEXT = "TeamApplicationsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("TeamApplicationsModel", "No."),
        QT_TRANSLATE_NOOP("TeamApplicationsModel", "Benefit"),
        QT_TRANSLATE_NOOP("TeamApplicationsModel", "Status"),
        QT_TRANSLATE_NOOP("TeamApplicationsModel", "Applied on"),
        QT_TRANSLATE_NOOP("TeamApplicationsModel", "Contract (yuan)"),
        QT_TRANSLATE_NOOP("TeamApplicationsModel", "Amount (yuan)"),
    )
    RIGHT_ALIGNED = frozenset({COL_ID, COL_CONTRACT, COL_AMOUNT})

    def display(self, row: ApplicationRow, col: int) -> Any:
        return {
            COL_ID: str(row.id),
            COL_BENEFIT: benefit_label(row.benefit),
            COL_STATUS: application_status_label(row.status),
            COL_APPLIED: str(row.applied_on),
            COL_CONTRACT: _yuan(row.contract_amount_fen),
            COL_AMOUNT: _yuan(row.amount_fen),
        }.get(col)

    def role_data(self, row: ApplicationRow, col: int, role: int) -> Any:
        return row.id if role == APPLICATION_ID_ROLE else None
