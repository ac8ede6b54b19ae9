"""Audit events shown as a history: when, who, what, and the values that changed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import Qt

from aitown.money import format_yuan
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.audit_model import MONEY_KEYS
from ui.models.row_model import RowTableModel

COL_WHEN = 0
COL_WHO = 1
COL_WHAT = 2
COL_DETAILS = 3

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
    # Issue 13: the paper trail, every round of a return for correction.
    "application.material_seen": QT_TRANSLATE_NOOP("HistoryModel", "ticked an original seen"),
    "application.attach": QT_TRANSLATE_NOOP("HistoryModel", "attached a scan"),
    "application.return": QT_TRANSLATE_NOOP("HistoryModel", "returned for correction"),
    "application.resubmit": QT_TRANSLATE_NOOP("HistoryModel", "resubmitted after correction"),
    "application.verify_amount": QT_TRANSLATE_NOOP(
        "HistoryModel", "recorded a verified contract amount"
    ),
    "application.resize": QT_TRANSLATE_NOOP("HistoryModel", "recomputed a rent waiver"),
    "team.leave": QT_TRANSLATE_NOOP("HistoryModel", "left the town"),
    "rent.record": QT_TRANSLATE_NOOP("HistoryModel", "recorded a payment"),
    "publicity.open": QT_TRANSLATE_NOOP("HistoryModel", "opened the publicity period"),
    "publicity.pass": QT_TRANSLATE_NOOP("HistoryModel", "closed the publicity: no objection"),
    "publicity.object": QT_TRANSLATE_NOOP("HistoryModel", "recorded an objection"),
    "application.pay": QT_TRANSLATE_NOOP("HistoryModel", "recorded a payment"),
}


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
            if before[key] == new:  # e.g. the amount an approval confirmed: nothing changed
                continue
            parts.append(f"{key}: {_short(before[key], key)} → {_short(new, key)}")
        elif new not in (None, "", [], {}):
            parts.append(f"{key}: {_short(new, key)}")
    return "; ".join(parts)


def _short(value: Any, key: str = "") -> str:
    if key in MONEY_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return f"¥{format_yuan(value)}"  # the services write fen; people read yuan
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class HistoryModel(RowTableModel[Any]):
    """Events with ``at``, ``user_name``, ``action``, ``before_json``, ``after_json``."""

    CONTEXT = "HistoryModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Who"),
        QT_TRANSLATE_NOOP("HistoryModel", "What"),
        QT_TRANSLATE_NOOP("HistoryModel", "Details"),
    )

    def display(self, ev: Any, col: int) -> Any:
        if col == COL_WHEN:
            return local_time(ev.at)
        if col == COL_WHO:
            return ev.user_name
        if col == COL_WHAT:
            text = ACTION_TEXT.get(ev.action)
            return self.translated(text) if text else ev.action
        if col == COL_DETAILS:
            return change_text(ev.before_json, ev.after_json)
        return None

    def role_data(self, ev: Any, col: int, role: int) -> Any:
        # The details can be longer than the column: the tooltip shows each cell whole.
        return self.display(ev, col) if role == Qt.ItemDataRole.ToolTipRole else None
