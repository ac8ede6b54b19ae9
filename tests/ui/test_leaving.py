"""Leaving the town in the GUI: the status dialog pre-selects nothing (Enter does not expel),
withdrawing goes through the leaving step with its preview, and confirming does what it said."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from aitown.models import Lease, Notice, Team
from aitown.rent_tables import RentEntry
from tests.aitown.services.test_lease_end import RENT, pool, tenant
from tests.ui.helpers import type_text
from ui.context import DeskContext
from ui.dialogs.leave_dialog import LeaveDialog
from ui.dialogs.status_dialog import StatusDialog
from ui.views.team_detail import TeamDetailWindow


def _status(db, team_id: int) -> str:
    with db.read() as s:
        return s.get(Team, team_id).status


def test_enter_on_change_status_changes_nothing(qtbot: QtBot, admin_ctx: DeskContext, staff):
    team_id, _lease, _app = tenant(admin_ctx.db, staff)
    detail = TeamDetailWindow(admin_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    detail.status_button.click()
    dialog = detail.dialog
    assert isinstance(dialog, StatusDialog)
    qtbot.waitExposed(dialog)
    assert dialog.status.currentData() is None
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.status, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.next_dialog is None
    assert _status(admin_ctx.db, team_id) == "admitted"


def test_withdrawing_through_the_leaving_step(qtbot: QtBot, admin_ctx: DeskContext, staff):
    db = admin_ctx.db
    team_id, lease_id, waiver = tenant(db, staff)
    detail = TeamDetailWindow(admin_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    detail.status_button.click()
    dialog = detail.dialog
    assert isinstance(dialog, StatusDialog)
    dialog.status.setCurrentIndex(dialog.status.findData("withdrawn"))
    assert dialog.ok_button.text() == "&Continue…"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    leave = dialog.next_dialog
    assert isinstance(leave, LeaveDialog)
    qtbot.waitExposed(leave)
    assert leave.withdrawn.isChecked() and not leave.expelled.isChecked()
    # Nothing can be confirmed before the preview.
    assert not leave.ok_button.isEnabled()
    leave.on.selectAll()
    type_text(qtbot, leave.on, "2025-06-30")
    type_text(qtbot, leave.reason, "搬离园区")
    qtbot.mouseClick(leave.preview_button, Qt.MouseButton.LeftButton)
    text = leave.steps.toPlainText()
    assert "Lease 1 (1号楼 100) ends on 2025-06-30" in text
    assert "60,000.00 yuan, is to be repaid (§2.5)" in text
    assert leave.ok_button.isEnabled() and leave.ok_button.text() == "&Withdraw the team"
    # The preview changed nothing, and Enter does not confirm a step that cannot be undone.
    qtbot.keyClick(leave.reason, Qt.Key.Key_Return)
    qtbot.keyClick(leave, Qt.Key.Key_Return)
    assert leave.isVisible() and _status(db, team_id) == "admitted"
    # Changing the date asks for a new preview.
    type_text(qtbot, leave.on, "1")
    assert not leave.ok_button.isEnabled() and leave.steps.toPlainText() == ""
    leave.on.setText("2025-06-30")
    qtbot.mouseClick(leave.preview_button, Qt.MouseButton.LeftButton)
    assert leave.notices.isVisible() and leave.notices.isEnabled()
    leave.notices.setChecked(True)
    qtbot.mouseClick(leave.ok_button, Qt.MouseButton.LeftButton)
    assert not leave.isVisible()
    assert _status(db, team_id) == "withdrawn"
    with db.read() as s:
        assert s.get(Lease, lease_id).ended_on.isoformat() == "2025-06-30"
        assert s.scalar(select(RentEntry.amount)) == 6 * RENT
        assert s.scalar(select(Notice.kind).where(Notice.application_id == waiver)) == "revocation"
    assert pool(db).committed == 0
    assert detail.badge.text().strip() == "withdrawn"


def test_a_desk_user_sees_the_refusal_in_the_preview(qtbot: QtBot, desk_ctx: DeskContext, staff):
    from tests.aitown.services.test_leaving import talent_award

    db = desk_ctx.db
    team_id, _lease, _waiver = tenant(db, staff)
    talent_award(db, staff, team_id)
    with db.read() as s:
        team = s.get(Team, team_id)
    leave = LeaveDialog(desk_ctx, team)
    qtbot.addWidget(leave)
    leave.show()
    assert not leave.withdrawn.isChecked() and not leave.expelled.isChecked()
    assert not leave.preview_button.isEnabled()
    assert not leave.notices.isVisible()  # desk staff do not issue notices
    leave.expelled.setChecked(True)
    leave.on.setText("2025-06-30")
    qtbot.mouseClick(leave.preview_button, Qt.MouseButton.LeftButton)
    assert "may not revoke decisions" in leave.form.banner.text()
    assert not leave.ok_button.isEnabled()
    assert _status(db, team_id) == "admitted"
    QApplication.processEvents()
