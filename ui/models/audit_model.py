"""The Audit log table: one page of events (aitown.services.audit_log.list_events), newest first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from aitown.money import format_yuan
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.row_model import RowTableModel

COL_ID = 0
COL_AT = 1
COL_USER = 2
COL_ACTION = 3
COL_ENTITY = 4
COL_CHANGE = 5

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_VALUE_CHARS = 60
# Keys whose values the services write in fen: shown as yuan, as everywhere else on screen.
MONEY_KEYS = frozenset(
    {"amount", "contract_amount", "repayment", "total", "monthly_rent", "paid", "released"}
)

# What an event is about, by the name the services record it under ("notice 27" / "通知书 27").
ENTITY_TEXT = {
    "application": QT_TRANSLATE_NOOP("AuditModel", "application"),
    "backup": QT_TRANSLATE_NOOP("AuditModel", "backup"),
    "bundle": QT_TRANSLATE_NOOP("AuditModel", "bundle"),
    "database": QT_TRANSLATE_NOOP("AuditModel", "database"),
    "lease": QT_TRANSLATE_NOOP("AuditModel", "lease"),
    "member": QT_TRANSLATE_NOOP("AuditModel", "member"),
    "notice": QT_TRANSLATE_NOOP("AuditModel", "notice"),
    "office": QT_TRANSLATE_NOOP("AuditModel", "office"),
    "payment_list": QT_TRANSLATE_NOOP("AuditModel", "payment list"),
    "publicity": QT_TRANSLATE_NOOP("AuditModel", "publicity list"),
    "policy": QT_TRANSLATE_NOOP("AuditModel", "policy"),
    "pool": QT_TRANSLATE_NOOP("AuditModel", "pool"),
    "setting": QT_TRANSLATE_NOOP("AuditModel", "setting"),
    "space": QT_TRANSLATE_NOOP("AuditModel", "space"),
    "team": QT_TRANSLATE_NOOP("AuditModel", "team"),
    "user": QT_TRANSLATE_NOOP("AuditModel", "user"),
}


def local_time(at: dt.datetime) -> str:
    """Events are stored in UTC; people read them in the machine's local time."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _short(value: Any, key: str = "") -> str:
    if key in MONEY_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return f"¥{format_yuan(value)}"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _load(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {"": raw}
    return value if isinstance(value, dict) else {"": value}


def change_text(before_json: str | None, after_json: str | None) -> str:
    """``key: old → new`` for each changed key (``key: new`` when there was no old value)."""
    before, after = _load(before_json), _load(after_json)
    parts = []
    for key in list(after) + [k for k in before if k not in after]:
        old, new = before.get(key), after.get(key)
        if key in before and key in after:
            if old == new:
                continue
            parts.append(f"{key}: {_short(old, key)} → {_short(new, key)}")
        elif key in after:
            if new not in ("", None):
                parts.append(f"{key}: {_short(new, key)}")
        else:
            parts.append(f"{key}: {_short(old, key)} → ∅")
    return "; ".join(parts)


class AuditModel(RowTableModel[Any]):
    """One page of audit events (rows with ``id``, ``at``, ``user_name``, ``action``, …)."""

    CONTEXT = "AuditModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditModel", "No."),
        QT_TRANSLATE_NOOP("AuditModel", "Time"),
        QT_TRANSLATE_NOOP("AuditModel", "User"),
        QT_TRANSLATE_NOOP("AuditModel", "Action"),
        QT_TRANSLATE_NOOP("AuditModel", "Record"),
        QT_TRANSLATE_NOOP("AuditModel", "Change"),
    )
    RIGHT_ALIGNED = frozenset({COL_ID})

    audit_event = RowTableModel.row

    def display(self, ev: Any, col: int) -> Any:
        return {
            COL_ID: str(ev.id),
            COL_AT: local_time(ev.at),
            COL_USER: ev.user_name,
            COL_ACTION: ev.action,
            COL_ENTITY: f"{self._entity(ev.entity)} {ev.entity_id}".strip(),
            COL_CHANGE: change_text(ev.before_json, ev.after_json),
        }.get(col)

    def _entity(self, entity: str) -> str:
        text = ENTITY_TEXT.get(entity)
        return self.translated(text) if text else entity

    def role_data(self, ev: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_CHANGE:
            lines = []
            if ev.before_json:
                lines.append(
                    QCoreApplication.translate("AuditModel", "before: {json}").format(
                        json=ev.before_json
                    )
                )
            if ev.after_json:
                lines.append(
                    QCoreApplication.translate("AuditModel", "after: {json}").format(
                        json=ev.after_json
                    )
                )
            return "\n".join(lines)
        if role == EVENT_ID_ROLE:
            return int(ev.id)
        return None
