"""A team's members as the service gives them (identity-card numbers and phones come masked
from aitown.services for a user who may not see them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from aitown.services.members import MemberRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.row_model import RowTableModel

COL_NAME = 0
COL_ROLE = 1
COL_FOUNDER = 2
COL_FULL_TIME = 3
COL_TIER = 4
COL_JOINED = 5
COL_LEFT = 6
COL_ID_NUMBER = 7
COL_PHONE = 8

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class MembersModel(RowTableModel[MemberRow]):
    CONTEXT = "MembersModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("MembersModel", "Name"),
        QT_TRANSLATE_NOOP("MembersModel", "Role"),
        QT_TRANSLATE_NOOP("MembersModel", "Founder"),
        QT_TRANSLATE_NOOP("MembersModel", "Full-time"),
        QT_TRANSLATE_NOOP("MembersModel", "Talent tier"),
        QT_TRANSLATE_NOOP("MembersModel", "Joined"),
        QT_TRANSLATE_NOOP("MembersModel", "Left"),
        QT_TRANSLATE_NOOP("MembersModel", "Identity card"),
        QT_TRANSLATE_NOOP("MembersModel", "Phone"),
    )

    member = RowTableModel.row

    def display(self, m: MemberRow, col: int) -> str:
        yes, no = self.translated("yes"), self.translated("no")
        if col == COL_NAME:
            return m.name
        if col == COL_ROLE:
            return m.role or ""
        if col == COL_FOUNDER:
            return yes if m.is_founder else no
        if col == COL_FULL_TIME:
            return yes if m.full_time else no
        if col == COL_TIER:
            return m.talent_tier or "—"
        if col == COL_JOINED:
            return str(m.joined_on)
        if col == COL_LEFT:
            return str(m.left_on) if m.left_on else ""
        if col == COL_ID_NUMBER:
            return m.id_number
        if col == COL_PHONE:
            return m.phone
        return ""

    def role_data(self, m: MemberRow, col: int, role: int) -> Any:
        return m if role == MEMBER_ROLE else None


QT_TRANSLATE_NOOP("MembersModel", "yes")
QT_TRANSLATE_NOOP("MembersModel", "no")
