"""Leaving the town (withdrawn or expelled) as a guided step: choose, preview, confirm.

The preview is the service's own dry run (aitown.services.leaving.preview_leaving: the same
steps, rolled back), so what the desk reads is what confirming does: the lease ending, the
waiver recomputed, the §2.5 repayment, the commitments released. Nothing is chosen for the
user: neither status is pre-selected, and confirming is possible only for the preview shown.
Afterwards an administrator may have the revocation notices issued at once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import TeamStatus
from aitown.errors import DeskError
from aitown.models import Team
from aitown.services.leaving import LeavingResult, leave_town, preview_leaving
from aitown.services.notices import issue_notice
from ui import checks, messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.ops import run_op
from ui.widgets.form import add_checked_form, ok_cancel_buttons


class LeaveDialog(QDialog):
    """Withdraw or expel ``team``; ``status`` is the one the user already chose, if any."""

    def __init__(
        self,
        ctx: DeskContext,
        team: Team,
        status: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.team = team
        self.preview: LeavingResult | None = None
        self.previewed: tuple[str, str, str] | None = None
        self.setWindowTitle(self.tr("Leave the town"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "%1 leaves the town. Its lease ends on the leaving date, its rent waiver is "
                "recomputed to that date, a repayment under §2.5 is asked back and benefits "
                "approved but not paid are revoked. Check the preview before confirming."
            ).replace("%1", team.name_zh)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = add_checked_form(layout, ctx.lang, self)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        self.withdrawn = QRadioButton(self.tr("&Withdrawn (leaves of its own accord)"))
        self.withdrawn.setObjectName("leave_withdrawn")
        self.expelled = QRadioButton(self.tr("E&xpelled"))
        self.expelled.setObjectName("leave_expelled")
        self.group = QButtonGroup(self)
        for button in (self.withdrawn, self.expelled):
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        if status == TeamStatus.WITHDRAWN:
            self.withdrawn.setChecked(True)
        elif status == TeamStatus.EXPELLED:
            self.expelled.setChecked(True)
        self.on = QLineEdit(dt.date.today().isoformat())
        self.reason = QLineEdit()
        caption = QLabel(self.tr("New status:"))
        self.form.layout.addRow(caption, choice)
        self.form.add(
            "date", self.tr("&Leaving date (last day):"), self.on, checks.date_check("date", "date")
        )
        self.form.add("reason", self.tr("&Reason:"), self.reason)
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("leave_preview")
        self.preview_button.setAutoDefault(False)
        self.preview_button.clicked.connect(self.run_preview)
        layout.addWidget(self.preview_button)
        self.steps = QTextBrowser()
        self.steps.setObjectName("leave_steps")
        self.steps.setMinimumHeight(170)
        self.steps.setPlaceholderText(
            self.tr("Choose the status and the date, then press Preview to see what will happen.")
        )
        layout.addWidget(self.steps, 1)
        self.notices = QCheckBox(self.tr("Issue the &revocation notices at once"))
        self.notices.setObjectName("leave_notices")
        self.notices.setVisible(ctx.actor.can("notice.issue"))
        self.notices.setEnabled(False)
        layout.addWidget(self.notices)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Confirm"), self.save)
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)
        layout.addWidget(self.buttons)
        self.group.buttonToggled.connect(lambda *_: self._inputs_changed())
        self.on.textChanged.connect(lambda *_: self._inputs_changed())
        self.reason.textChanged.connect(lambda *_: self._inputs_changed())
        self._inputs_changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter never confirms a step that cannot be undone: the button is clicked (or Alt+W).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # ----- state ---------------------------------------------------------------------------

    def status(self) -> str | None:
        if self.withdrawn.isChecked():
            return TeamStatus.WITHDRAWN
        if self.expelled.isChecked():
            return TeamStatus.EXPELLED
        return None

    def _inputs(self) -> tuple[str, str, str] | None:
        status = self.status()
        if status is None or not self.form.revalidate():
            return None
        return status, self.on.text().strip(), self.reason.text().strip()

    def _inputs_changed(self) -> None:
        inputs = self._inputs()
        self.preview_button.setEnabled(inputs is not None)
        current = inputs is not None and inputs == self.previewed
        self.ok_button.setEnabled(current)
        if not current and self.preview is not None:
            self.preview, self.previewed = None, None
            self.steps.clear()
            self.notices.setEnabled(False)
        status = self.status()
        self.ok_button.setText(
            self.tr("&Expel the team")
            if status == TeamStatus.EXPELLED
            else self.tr("&Withdraw the team")
            if status == TeamStatus.WITHDRAWN
            else self.tr("&Confirm")
        )

    # ----- preview and confirm -------------------------------------------------------------

    def run_preview(self) -> None:
        inputs = self._inputs()
        if inputs is None:
            return
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team.id
        status, on, reason = inputs
        run_op(
            self.ctx,
            self,
            lambda _c: preview_leaving(db, actor, team_id, status, on, reason=reason),
            on_success=lambda result: self._show_preview(inputs, result),
            on_failure=self._refused,
            busy=[self.preview_button],
        )

    def _show_preview(self, inputs: tuple[str, str, str], result: LeavingResult) -> None:
        self.preview, self.previewed = result, inputs
        self.steps.setPlainText("\n".join(f"• {line}" for line in result.lines(self.ctx.lang)))
        self.notices.setEnabled(bool(result.notice_applications))
        self.form.banner.say("")
        self._inputs_changed()

    def _refused(self, exc: DeskError) -> None:
        self.steps.clear()
        self.form.show_refusal(exc, {"status": "date"})

    def save(self) -> None:
        inputs = self._inputs()
        if inputs is None or inputs != self.previewed:
            return
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team.id
        status, on, reason = inputs
        with_notices = self.notices.isVisible() and self.notices.isChecked()

        def work(_c: object) -> tuple[LeavingResult, DeskError | None]:
            result = leave_town(db, actor, team_id, status, on, reason=reason)
            # The team has left (committed); a notice that cannot be issued now is said, and
            # can be issued later from the Notices screen.
            try:
                for app_id in result.notice_applications if with_notices else ():
                    issue_notice(db, actor, app_id)
            except DeskError as exc:
                return result, exc
            return result, None

        run_op(
            self.ctx,
            self,
            work,
            changes=[
                Change(Entity.TEAM, team_id),
                Change(Entity.LEASE, None, team_id),
                Change(Entity.APPLICATION, None, team_id),
                Change(Entity.POOL),
                Change(Entity.NOTICE, None, team_id),
            ],
            on_success=self._done,
            on_failure=self._refused,
            busy=[self.ok_button, self.preview_button],
        )

    def _done(self, outcome: tuple[LeavingResult, DeskError | None]) -> None:
        _result, notice_error = outcome
        if notice_error is not None:
            messages.show_error(
                self,
                self.tr(
                    "The team has left the town, but a revocation notice was not issued: %1"
                ).replace("%1", self.ctx.message(notice_error)),
            )
        self.accept()
