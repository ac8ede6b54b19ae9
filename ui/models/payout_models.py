"""The tables of the Publicity and payments screen: publicity periods, and payment lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from aitown.money import format_yuan
from aitown.services.payments import PaymentListView
from aitown.services.publicity import PublicityRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import benefit_label
from ui.models.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1

PUBLICITY_STATUS_WORDS = {
    "open": QT_TRANSLATE_NOOP("PublicityModel", "under publicity"),
    "passed": QT_TRANSLATE_NOOP("PublicityModel", "passed"),
    "objected": QT_TRANSLATE_NOOP("PublicityModel", "objection"),
}
LIST_STATUS_WORDS = {
    "open": QT_TRANSLATE_NOOP("PaymentListsModel", "to pay"),
    "paid": QT_TRANSLATE_NOOP("PaymentListsModel", "paid"),
    "cancelled": QT_TRANSLATE_NOOP("PaymentListsModel", "cancelled"),
}


class PublicityModel(RowTableModel[PublicityRow]):
    CONTEXT = "PublicityModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("PublicityModel", "Appl."),
        QT_TRANSLATE_NOOP("PublicityModel", "Team"),
        QT_TRANSLATE_NOOP("PublicityModel", "Benefit"),
        QT_TRANSLATE_NOOP("PublicityModel", "Amount (yuan)"),
        QT_TRANSLATE_NOOP("PublicityModel", "From"),
        QT_TRANSLATE_NOOP("PublicityModel", "Until"),
        QT_TRANSLATE_NOOP("PublicityModel", "State"),
    )
    RIGHT_ALIGNED = frozenset({3})

    period = RowTableModel.row

    def key(self, row: PublicityRow) -> int:
        return row.period_id

    def display(self, row: PublicityRow, col: int) -> Any:
        return (
            row.application_id,
            row.team_name,
            benefit_label(row.benefit),
            format_yuan(row.amount_fen),
            str(row.opened_on or ""),
            str(row.ends_on or ""),
            self.translated(PUBLICITY_STATUS_WORDS.get(row.status, row.status)),
        )[col]

    def role_data(self, row: PublicityRow, col: int, role: int) -> Any:
        if role == ID_ROLE:
            return row.application_id
        if role == Qt.ItemDataRole.ToolTipRole and row.objection:
            return row.objection
        return None


class PaymentListsModel(RowTableModel[PaymentListView]):
    CONTEXT = "PaymentListsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("PaymentListsModel", "List"),
        QT_TRANSLATE_NOOP("PaymentListsModel", "Benefit"),
        QT_TRANSLATE_NOOP("PaymentListsModel", "State"),
        QT_TRANSLATE_NOOP("PaymentListsModel", "Lines"),
        QT_TRANSLATE_NOOP("PaymentListsModel", "Total (yuan)"),
        QT_TRANSLATE_NOOP("PaymentListsModel", "Paid on"),
        QT_TRANSLATE_NOOP("PaymentListsModel", "Bank reference"),
    )
    RIGHT_ALIGNED = frozenset({3, 4})

    payment_list = RowTableModel.row

    def key(self, row: PaymentListView) -> int:
        return row.id

    def display(self, row: PaymentListView, col: int) -> Any:
        return (
            row.id,
            benefit_label(row.benefit),
            self.translated(LIST_STATUS_WORDS.get(row.status, row.status)),
            len(row.lines),
            format_yuan(row.total_fen),
            str(row.paid_on or ""),
            row.reference,
        )[col]

    def role_data(self, row: PaymentListView, col: int, role: int) -> Any:
        return row.id if role == ID_ROLE else None
