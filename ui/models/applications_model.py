"""The Applications queue table (rows of aitown.services.applications.list_applications)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from aitown.money import format_yuan
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


class ApplicationsModel(RowTableModel[dict[str, Any]]):
    """A page of applications as plain rows; ``set_rows`` replaces them in one reset."""

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
        return int(data["id"]) if data else None

    def display(self, row: dict[str, Any], col: int) -> Any:
        amount = row.get("amount_fen")
        return {
            COL_ID: str(row["id"]),
            COL_TEAM: row.get("team_name") or "",
            COL_BENEFIT: benefit_label(row["benefit"]),
            COL_STATUS: application_status_label(row["status"]),
            COL_AMOUNT: format_yuan(amount) if amount is not None else "—",
            COL_APPLIED: str(row.get("applied_on") or ""),
        }.get(col)

    def role_data(self, row: dict[str, Any], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEAM:
            return f"{row.get('team_name', '')}\n{row.get('team_uscc', '')}".strip()
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and col == COL_AMOUNT
            and row.get("amount_fen") is None
        ):
            return QCoreApplication.translate(
                "ApplicationsModel", "No amount: the policy's rules were not all met."
            )
        if role == APPLICATION_ID_ROLE:
            return int(row["id"])
        if role == APPLICATION_ROW_ROLE:
            return row
        return None
