"""Move a team to its next status (admit, graduate, withdraw, expel) with a date and a reason.

No status is chosen for the user: the list starts on "choose…", so Enter does nothing until a
status is picked. Withdrawing and expelling are the guided leaving step (ui.dialogs.leave_dialog):
choosing one and pressing Continue opens it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.models import Team
from aitown.policy.facts import LEAVING_STATUSES
from aitown.services.teams import STATUS_MOVES, set_team_status
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.dialogs.leave_dialog import LeaveDialog
from ui.labels import status_label
from ui.ops import run_op
from ui.widgets.form import add_checked_form, ok_cancel_buttons


class StatusDialog(QDialog):
    def __init__(self, ctx: DeskContext, team: Team, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team = team
        self.setWindowTitle(self.tr("Change status"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.status = QComboBox()
        self.status.setObjectName("status_choice")
        # A placeholder first: a destructive status is never the default (Enter used to expel).
        self.status.addItem(self.tr("— choose the new status —"), None)
        for status in sorted(STATUS_MOVES.get(team.status, set())):
            self.status.addItem(status_label(status), status)
        self.status.setCurrentIndex(0)
        self.next_dialog: LeaveDialog | None = None
        self.on = QLineEdit(dt.date.today().isoformat())
        self.reason = QLineEdit()
        self.form.add("status", self.tr("&New status:"), self.status)
        self.form.add("date", self.tr("&Date:"), self.on, checks.date_check("date", "date"))
        self.form.add("reason", self.tr("&Reason:"), self.reason)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Change"), self.save)
        layout.addWidget(self.buttons)
        self.form.valid_changed.connect(lambda _ok: self._update_button())
        self.status.currentIndexChanged.connect(lambda _i: self._update_button())
        self.form.revalidate()
        self._update_button()

    def _leaving(self) -> bool:
        return self.status.currentData() in LEAVING_STATUSES

    def _update_button(self) -> None:
        chosen = self.status.currentData() is not None
        self.ok_button.setEnabled(chosen and (self._leaving() or self.form.is_valid))
        self.ok_button.setText(self.tr("&Continue…") if self._leaving() else self.tr("&Change"))
        # The date and reason are asked again, with the preview, by the leaving step.
        for name in ("date", "reason"):
            field = self.form.fields[name]
            field.widget.setEnabled(not self._leaving())

    def save(self) -> None:
        if self.status.currentData() is None:
            return
        if self._leaving():
            self.next_dialog = LeaveDialog(
                self.ctx, self.team, self.status.currentData(), parent=self.parentWidget()
            )
            self.next_dialog.open()
            self.accept()
            return
        if not self.form.revalidate(show_all=True):
            return
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team.id
        status, on, reason = self.status.currentData(), self.on.text(), self.reason.text().strip()
        run_op(
            self.ctx,
            self,
            lambda _control: set_team_status(db, actor, team_id, status, on, reason=reason),
            changes=[Change(Entity.TEAM, team_id)],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )
