"""The Notices table (rows of aitown.services.notices.list_notices), newest first."""

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

COL_NUMBER = 0
COL_KIND = 1
COL_TEAM = 2
COL_DATE = 3
COL_APPLICATION = 4
COL_ISSUED_BY = 5

HEADERS = (
    QT_TRANSLATE_NOOP("NoticesModel", "Document number"),
    QT_TRANSLATE_NOOP("NoticesModel", "Kind"),
    QT_TRANSLATE_NOOP("NoticesModel", "Team"),
    QT_TRANSLATE_NOOP("NoticesModel", "Issued on"),
    QT_TRANSLATE_NOOP("NoticesModel", "Application"),
    QT_TRANSLATE_NOOP("NoticesModel", "Issued by"),
)

KIND_TEXT = {
    "admission": QT_TRANSLATE_NOOP("NoticesModel", "admission notice"),
    "rent_waiver": QT_TRANSLATE_NOOP("NoticesModel", "rent waiver decision"),
    "startup_grant": QT_TRANSLATE_NOOP("NoticesModel", "start-up grant award"),
    "compute_voucher": QT_TRANSLATE_NOOP("NoticesModel", "compute voucher certificate"),
    "model_voucher": QT_TRANSLATE_NOOP("NoticesModel", "model voucher certificate"),
    "corpus_voucher": QT_TRANSLATE_NOOP("NoticesModel", "corpus voucher certificate"),
    "talent_award": QT_TRANSLATE_NOOP("NoticesModel", "talent award letter"),
    "rejection": QT_TRANSLATE_NOOP("NoticesModel", "rejection notice"),
    "revocation": QT_TRANSLATE_NOOP("NoticesModel", "revocation notice"),
}

NOTICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTICE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def kind_label(kind: str | None) -> str:
    text = KIND_TEXT.get(kind or "")
    return QCoreApplication.translate("NoticesModel", text) if text else (kind or "")


class NoticesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, notice_id: int) -> int | None:
        for at, data in enumerate(self._rows):
            if data["id"] == notice_id:
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
            return QCoreApplication.translate("NoticesModel", HEADERS[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            app_id = row.get("application_id")
            return {
                COL_NUMBER: row.get("document_number", ""),
                COL_KIND: kind_label(row.get("kind")),
                COL_TEAM: row.get("team_name", ""),
                COL_DATE: str(row.get("issue_date") or ""),
                COL_APPLICATION: str(app_id) if app_id is not None else "—",
                COL_ISSUED_BY: row.get("issued_by", ""),
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NUMBER:
            return QCoreApplication.translate("NoticesModel", "Verification code: {code}").format(
                code=row.get("verification_code", "")
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_APPLICATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == NOTICE_ID_ROLE:
            return int(row["id"])
        if role == NOTICE_ROW_ROLE:
            return row
        return None
