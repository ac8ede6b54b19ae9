"""Audit events shown as a history: when, who, and what happened in plain words
(``aitown.services.event_lines.EventLine``: the sentence of aitown.event_text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from aitown.services.event_lines import EventLine
from ui.i18n import QT_TRANSLATE_NOOP, current_language
from ui.models.row_model import RowTableModel

COL_WHEN = 0
COL_WHO = 1
COL_WHAT = 2


def local_time(at: dt.datetime) -> str:
    """Events are stored in UTC; people read their own clock."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryModel(RowTableModel[EventLine]):
    """Event lines: when, who, what happened."""

    CONTEXT = "HistoryModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Who"),
        QT_TRANSLATE_NOOP("HistoryModel", "What happened"),
    )

    def display(self, line: EventLine, col: int) -> Any:
        if col == COL_WHEN:
            return local_time(line.event.at)
        if col == COL_WHO:
            return line.event.user_name
        if col == COL_WHAT:
            return line.what.get(current_language())
        return None

    def role_data(self, line: EventLine, col: int, role: int) -> Any:
        # The sentence can be longer than the column: the tooltip shows each cell whole.
        return self.display(line, col) if role == Qt.ItemDataRole.ToolTipRole else None
