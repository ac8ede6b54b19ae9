"""Audit events shown as a history: when, who, what, and the values that changed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

COL_WHEN = 0
COL_WHO = 1
COL_WHAT = 2
COL_DETAILS = 3

HEADERS = (
    QT_TRANSLATE_NOOP("HistoryModel", "When"),
    QT_TRANSLATE_NOOP("HistoryModel", "Who"),
    QT_TRANSLATE_NOOP("HistoryModel", "What"),
    QT_TRANSLATE_NOOP("HistoryModel", "Details"),
)

ACTION_TEXT = {
    "team.create": QT_TRANSLATE_NOOP("HistoryModel", "registered the team"),
    "team.update": QT_TRANSLATE_NOOP("HistoryModel", "edited the team"),
    "team.status": QT_TRANSLATE_NOOP("HistoryModel", "changed the status"),
    "team.related_party": QT_TRANSLATE_NOOP("HistoryModel", "added a related party"),
    "team.import": QT_TRANSLATE_NOOP("HistoryModel", "imported the team"),
    "member.add": QT_TRANSLATE_NOOP("HistoryModel", "added a member"),
    "member.update": QT_TRANSLATE_NOOP("HistoryModel", "edited a member"),
    "lease.create": QT_TRANSLATE_NOOP("HistoryModel", "leased a unit"),
    "lease.end": QT_TRANSLATE_NOOP("HistoryModel", "ended a lease early"),
    "application.record": QT_TRANSLATE_NOOP("HistoryModel", "recorded an application"),
    "application.submit": QT_TRANSLATE_NOOP("HistoryModel", "submitted an application"),
    "application.approve": QT_TRANSLATE_NOOP("HistoryModel", "approved an application"),
    "application.reject": QT_TRANSLATE_NOOP("HistoryModel", "rejected an application"),
    "application.disburse": QT_TRANSLATE_NOOP("HistoryModel", "recorded a disbursement"),
    "application.revoke": QT_TRANSLATE_NOOP("HistoryModel", "revoked a decision"),
    "notice.issue": QT_TRANSLATE_NOOP("HistoryModel", "issued a notice"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("HistoryModel", text)


def local_time(at: dt.datetime) -> str:
    """Events are stored in UTC; people read their own clock."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def change_text(before_json: str | None, after_json: str | None) -> str:
    """``headcount: 5 → 8; email: → a@b.cn`` (or the new values when nothing was before)."""
    before = json.loads(before_json) if before_json else {}
    after = json.loads(after_json) if after_json else {}
    parts = []
    for key, new in after.items():
        if key in before:
            parts.append(f"{key}: {_short(before[key])} → {_short(new)}")
        elif new not in (None, "", [], {}):
            parts.append(f"{key}: {_short(new)}")
    return "; ".join(parts)


def _short(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, events: list[Any]) -> None:
        """Events with ``at``, ``user_name``, ``action``, ``before_json``, ``after_json``."""
        self.beginResetModel()
        self._rows = list(events)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ev = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_WHEN:
                return local_time(ev.at)
            if col == COL_WHO:
                return ev.user_name
            if col == COL_WHAT:
                text = ACTION_TEXT.get(ev.action)
                return _t(text) if text else ev.action
            if col == COL_DETAILS:
                return change_text(ev.before_json, ev.after_json)
        return None
