"""The Audit log table: one page of events (aitown.services.audit_log.list_events), newest first,
each in plain words (``aitown.services.event_lines.EventLine``: the sentences of aitown.event_text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from aitown.event_text import ENTITIES, action_words
from aitown.services.event_lines import EventLine
from ui.i18n import QT_TRANSLATE_NOOP, current_language
from ui.models.row_model import RowTableModel

COL_ID = 0
COL_AT = 1
COL_USER = 2
COL_ACTION = 3
COL_ENTITY = 4
COL_CHANGE = 5

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_CODE_ROLE = Qt.ItemDataRole.UserRole + 2


def entity_words(entity: str) -> str:
    """A record kind in the running language ("notice" / "通知书"), for the Record filter."""
    found = ENTITIES.get(entity)
    return found.get(current_language()) if found is not None else entity


def local_time(at: dt.datetime) -> str:
    """Events are stored in UTC; people read them in the machine's local time."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


class AuditModel(RowTableModel[EventLine]):
    """One page of event lines: number, time, user, action, record, what happened."""

    CONTEXT = "AuditModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditModel", "No."),
        QT_TRANSLATE_NOOP("AuditModel", "Time"),
        QT_TRANSLATE_NOOP("AuditModel", "User"),
        QT_TRANSLATE_NOOP("AuditModel", "Action"),
        QT_TRANSLATE_NOOP("AuditModel", "Record"),
        QT_TRANSLATE_NOOP("AuditModel", "What happened"),
    )
    RIGHT_ALIGNED = frozenset({COL_ID})

    audit_event = RowTableModel.row

    def display(self, line: EventLine, col: int) -> Any:
        ev, lang = line.event, current_language()
        return {
            COL_ID: str(ev.id),
            COL_AT: local_time(ev.at),
            COL_USER: ev.user_name,
            COL_ACTION: action_words(ev.action, lang),
            COL_ENTITY: line.record.get(lang),
            COL_CHANGE: line.what.get(lang),
        }.get(col)

    def role_data(self, line: EventLine, col: int, role: int) -> Any:
        ev = line.event
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_ACTION:
            # The code is what the Action filter takes (application.approve, or application.).
            return QCoreApplication.translate("AuditModel", "action code: {code}").format(
                code=ev.action
            )
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_ENTITY, COL_CHANGE):
            return self.display(line, col)
        if role == EVENT_ID_ROLE:
            return int(ev.id)
        if role == ACTION_CODE_ROLE:
            return ev.action
        return None
