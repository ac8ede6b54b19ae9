"""Add or edit a team member. Personal data the user may not see is never filled into the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.models import TALENT_TIERS
from aitown.services.members import MemberRow, add_member, update_member
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.form import add_checked_form, add_form_buttons


class MemberFormDialog(QDialog):
    def __init__(
        self,
        ctx: DeskContext,
        team_id: int,
        member: MemberRow | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.member = member
        self.member_id: int | None = member.id if member else None
        self.personal = ctx.can("personal_data.view")
        self.setWindowTitle(self.tr("Edit member") if member else self.tr("Add member"))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)

        self.name = QLineEdit()
        self.name.setObjectName("member_name")
        self.role = QLineEdit()
        self.founder = QCheckBox(self.tr("Founder"))
        self.full_time = QCheckBox(self.tr("Full-time"))
        self.full_time.setChecked(True)
        self.tier = QComboBox()
        self.tier.addItem(self.tr("none"), "")
        for tier in TALENT_TIERS:
            self.tier.addItem(tier, tier)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("member_id_number")
        self.phone = QLineEdit()
        self.joined_on = QLineEdit(dt.date.today().isoformat())
        self.joined_on.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.left_on = QLineEdit()
        self.left_on.setPlaceholderText(self.tr("YYYY-MM-DD, empty while a member"))

        add = self.form.add
        add(
            "name",
            self.tr("&Name:"),
            self.name,
            checks.required("member's name", "成员姓名", "name"),
        )
        add("role", self.tr("&Role:"), self.role)
        add("is_founder", "", self.founder)
        add("full_time", "", self.full_time)
        add("talent_tier", self.tr("&Talent tier:"), self.tier, checks.tier_check)
        add("id_number", self.tr("&Identity card no.:"), self.id_number, checks.id_number_check)
        add("phone", self.tr("&Phone:"), self.phone)
        add(
            "joined_on",
            self.tr("&Joined on:"),
            self.joined_on,
            checks.not_future("joining date", "加入日期", "joined_on"),
        )
        add(
            "left_on",
            self.tr("&Left on:"),
            self.left_on,
            checks.date_check("leaving date", "left_on", optional=True),
        )

        if member is not None:
            self._fill(member)
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Save"), self.save
        )

    def _fill(self, m: MemberRow) -> None:
        self.name.setText(m.name)
        self.role.setText(m.role or "")
        self.founder.setChecked(m.is_founder)
        self.full_time.setChecked(m.full_time)
        self.tier.setCurrentIndex(max(0, self.tier.findData(m.talent_tier or "")))
        self.joined_on.setText(str(m.joined_on))
        self.left_on.setText(str(m.left_on) if m.left_on else "")
        if self.personal:
            self.id_number.setText(m.id_number or "")
            self.phone.setText(m.phone or "")
        else:
            # Not shown to this user: left empty, and only a new value typed here is saved.
            hidden = self.tr("hidden; type a new value to replace it")
            self.id_number.setPlaceholderText(hidden)
            self.phone.setPlaceholderText(hidden)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name.text(),
            "role": self.role.text(),
            "is_founder": self.founder.isChecked(),
            "full_time": self.full_time.isChecked(),
            "talent_tier": self.tier.currentData() or None,
            "joined_on": self.joined_on.text(),
            "left_on": self.left_on.text(),
        }
        for key, edit in (("id_number", self.id_number), ("phone", self.phone)):
            if self.member is None or self.personal or edit.text().strip():
                out[key] = edit.text()
        return out

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor, team_id, member, values = (
            self.ctx.db,
            self.ctx.actor,
            self.team_id,
            self.member,
            self.values(),
        )

        def save_member(_control: TaskControl) -> int:
            if member is None:
                return add_member(db, actor, team_id, values)
            update_member(db, actor, member.id, member.version, values)
            return member.id

        def saved(member_id: int) -> None:
            if member is None:
                self.member_id = member_id
            self.accept()

        run_op(
            self.ctx,
            self,
            save_member,
            changes=lambda member_id: [Change(Entity.MEMBER, member_id, team_id)],
            on_success=saved,
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )
