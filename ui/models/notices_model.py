"""The Notices table (rows of aitown.services.notices.list_notices), newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from aitown.labels import notice_kind_label
from aitown.services.notices import NoticeRow
from ui.i18n import QT_TRANSLATE_NOOP, current_language
from ui.models.row_model import RowTableModel

COL_NUMBER = 0
COL_KIND = 1
COL_TEAM = 2
COL_DATE = 3
COL_APPLICATION = 4
COL_ISSUED_BY = 5

NOTICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTICE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def kind_label(kind: str | None) -> str:
    """The notice kind's name from the one label table, in the application's language."""
    return notice_kind_label(kind, current_language())


class NoticesModel(RowTableModel[NoticeRow]):
    CONTEXT = "NoticesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("NoticesModel", "Document number"),
        QT_TRANSLATE_NOOP("NoticesModel", "Kind"),
        QT_TRANSLATE_NOOP("NoticesModel", "Team"),
        QT_TRANSLATE_NOOP("NoticesModel", "Issued on"),
        QT_TRANSLATE_NOOP("NoticesModel", "Application"),
        QT_TRANSLATE_NOOP("NoticesModel", "Issued by"),
    )
    RIGHT_ALIGNED = frozenset({COL_APPLICATION})

    def display(self, row: NoticeRow, col: int) -> Any:
        app_id = row.application_id
        return {
            COL_NUMBER: row.document_number,
            COL_KIND: kind_label(row.kind),
            COL_TEAM: row.team_name,
            COL_DATE: str(row.issue_date or ""),
            COL_APPLICATION: str(app_id) if app_id is not None else "—",
            COL_ISSUED_BY: row.issued_by,
        }.get(col)

    def role_data(self, row: NoticeRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NUMBER:
            return QCoreApplication.translate("NoticesModel", "Verification code: {code}").format(
                code=row.verification_code
            )
        if role == NOTICE_ID_ROLE:
            return row.id
        if role == NOTICE_ROW_ROLE:
            return row
        return None
