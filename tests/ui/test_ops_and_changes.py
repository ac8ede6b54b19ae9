"""Writes from the GUI (ui.ops.run_op) run off the GUI thread, and every open view hears of what
changed (ui.changes): a desk waiting for another desk's write lock keeps painting, and an open
team window follows what the Applications queue does to its application."""

from __future__ import annotations

import sqlite3
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aitown.models import Application
from aitown.services import applications as apps
from tests.aitown.services.test_applications import admitted_team
from tests.ui.conftest import Boxes
from ui import tasks
from ui.changes import Change, Changes, Entity
from ui.context import DeskContext
from ui.dialogs.decision import APPROVE, DecisionDialog
from ui.models.team_applications_model import COL_STATUS
from ui.views.applications import ApplicationsView
from ui.views.team_detail import TeamDetailWindow

LOCK_SECONDS = 4.0


def application_status(ctx: DeskContext, app_id: int) -> str:
    with ctx.db.read() as s:
        app = s.get(Application, app_id)
        assert app is not None
        return app.status


class PaintProbe(QWidget):
    """Counts its paint events, and how many came while another desk held the write lock."""

    def __init__(self, lock_held: threading.Event) -> None:
        super().__init__()
        self.lock_held = lock_held
        self.painted_while_locked = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.lock_held.is_set():
            self.painted_while_locked += 1
        super().paintEvent(event)


def test_approve_waiting_for_another_desks_write_lock_does_not_freeze_the_window(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff, boxes: Boxes
) -> None:
    db = reviewer_ctx.db
    team_id = admitted_team(db, staff)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    dialog = DecisionDialog(reviewer_ctx, APPROVE, rec.application_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reason, "meets §3")

    # Another desk (its own connection to the same file) holds the write lock for 4 seconds.
    assert db.sqlite_path is not None
    lock_held, release = threading.Event(), threading.Event()

    def other_desk() -> None:
        conn = sqlite3.connect(db.sqlite_path, timeout=5, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        lock_held.set()
        release.wait(LOCK_SECONDS)
        conn.execute("ROLLBACK")
        conn.close()
        lock_held.clear()

    holder = threading.Thread(target=other_desk)
    holder.start()
    assert lock_held.wait(5)

    probe = PaintProbe(lock_held)
    qtbot.addWidget(probe)
    probe.show()
    ticks_while_locked: list[str] = []

    def tick() -> None:
        # The GUI thread answering while the approval still waits for the lock.
        if lock_held.is_set():
            ticks_while_locked.append(application_status(reviewer_ctx, rec.application_id))
            probe.update()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)

    tasks.set_synchronous(False)  # the real thing: the approval runs on the thread pool
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        # The click returned while the lock is still held: the window keeps its events going.
        assert lock_held.is_set()
        assert not dialog.ok_button.isEnabled()  # no second approval while the first waits
        qtbot.waitUntil(lambda: probe.painted_while_locked >= 3 and len(ticks_while_locked) >= 3)
        assert set(ticks_while_locked) == {"submitted"}  # the approval was really waiting
        release.set()  # the other desk commits: the approval goes through
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    finally:
        release.set()
        holder.join()
        timer.stop()
        tasks.wait_for_tasks()
    assert application_status(reviewer_ctx, rec.application_id) == "approved"
    assert boxes.shown == []


def test_an_open_team_window_shows_the_submission_made_in_the_queue(
    qtbot: QtBot, desk_ctx: DeskContext, staff, boxes: Boxes
) -> None:
    db = desk_ctx.db
    team_id = admitted_team(db, staff)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    window = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(window)
    window.show()
    team_apps = window.applications
    assert team_apps.model.rowCount() == 1

    def shown_status() -> str:
        return str(team_apps.model.index(0, COL_STATUS).data())

    assert shown_status() == "draft"

    queue = ApplicationsView(desk_ctx)
    qtbot.addWidget(queue)
    queue.show()
    queue.show_status("draft")
    queue.table.selectRow(0)
    assert queue.submit_button.isEnabled()
    qtbot.mouseClick(queue.submit_button, Qt.MouseButton.LeftButton)

    assert application_status(desk_ctx, rec.application_id) == "submitted"
    assert shown_status() == "submitted"  # the team window heard of it, nobody reopened it
    assert boxes.shown == []


def test_a_change_concerns_its_own_team_only() -> None:
    change = Changes((Change(Entity.APPLICATION, 7, team_id=3),))
    assert change.touches(Entity.APPLICATION, team_id=3)
    assert not change.touches(Entity.APPLICATION, team_id=4)
    assert not change.touches(Entity.TEAM, team_id=3)
    assert Changes((Change(Entity.TEAM, 3),)).touches(Entity.TEAM, team_id=3)
    assert not Changes((Change(Entity.TEAM, 3),)).touches(Entity.TEAM, team_id=4)
    # A change of no particular team (a pool, a new unit) may concern any team's view.
    assert Changes((Change(Entity.POOL),)).touches(Entity.POOL, team_id=4)
