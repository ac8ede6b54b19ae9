"""Settings → Backups → Restore from a backup… on a real backup: chosen, checked, confirmed,
restored off the GUI thread, the replaced file kept beside it, then the application closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from aitown.models import AuditEvent, Team
from aitown.schema import open_database
from aitown.services.backup import backup_database
from tests.ui.conftest import Boxes
from tests.ui.helpers import register
from ui.context import DeskContext
from ui.views import settings_restore
from ui.views.settings import SettingsView


def team_names(path: Path) -> list[str]:
    db = open_database(path)
    try:
        with db.read() as s:
            return sorted(s.scalars(select(Team.name_zh)))
    finally:
        db.dispose()


@pytest.fixture
def ended(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []
    monkeypatch.setattr(settings_restore, "end_after_restore", lambda: calls.append(True))
    return calls


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_administrator_restores_a_backup_and_the_current_file_is_kept(
    qtbot: QtBot, admin_ctx: DeskContext, staff, db_path: Path, tmp_path: Path, boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch, ended: list[bool],
) -> None:  # fmt: skip
    db = admin_ctx.db
    register(db, staff.desk, 801, "上海备份前科技有限公司")
    (tmp_path / "backups").mkdir()
    backup = backup_database(db, staff.admin, tmp_path / "backups" / "copy.sqlite")
    register(db, staff.desk, 802, "上海备份后科技有限公司")  # made after the backup
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    button = view.backups.restore_button
    assert not button.isHidden()
    choose(monkeypatch, backup)

    boxes.answer = QMessageBox.StandardButton.No  # asked, and said no: nothing changes
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    question = boxes.texts("question")[0]
    assert str(backup) in question and str(db_path) in question
    assert "desk.before-restore-" in question and "closes after the restore" in question
    assert "上海备份后科技有限公司" in team_names(db_path) and ended == []

    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ended == [True]
    done = boxes.texts("information")[-1]
    assert "was restored from" in done and "start it again" in done
    assert team_names(db_path) == ["上海备份前科技有限公司"]
    [kept] = db_path.parent.glob("desk.before-restore-*.sqlite")
    assert str(kept) in done
    assert "上海备份后科技有限公司" in team_names(kept)  # nothing lost
    restored = open_database(db_path)
    try:
        with restored.read() as s:
            last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
            assert last is not None and last.action == "backup.restore"
            assert last.user_name == "admin"
    finally:
        restored.dispose()


def test_a_file_that_is_not_a_backup_is_refused_before_anything_is_asked(
    qtbot: QtBot, admin_ctx: DeskContext, db_path: Path, tmp_path: Path, boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch, ended: list[bool],
) -> None:  # fmt: skip
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database", encoding="utf-8")
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    choose(monkeypatch, notes)
    before = db_path.read_bytes()
    qtbot.mouseClick(view.backups.restore_button, Qt.MouseButton.LeftButton)
    assert boxes.texts("question") == [] and ended == []
    [refusal] = boxes.texts("critical")
    assert "is not an AI Town Desk backup" in refusal
    assert db_path.read_bytes() == before
    with admin_ctx.db.read() as s:  # the desk goes on working in its database
        assert s.scalar(select(func.count()).select_from(AuditEvent)) > 0


def test_only_an_administrator_sees_restore(qtbot: QtBot, desk_ctx: DeskContext) -> None:
    view = SettingsView(desk_ctx)
    qtbot.addWidget(view)
    assert view.backups.restore_button.isHidden()


def test_the_restore_runs_on_the_thread_pool(
    qtbot: QtBot, admin_ctx: DeskContext, staff, db_path: Path, tmp_path: Path, boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch, ended: list[bool],
) -> None:  # fmt: skip
    import threading

    from aitown.services import restore as restore_service
    from ui import tasks

    backup = backup_database(admin_ctx.db, staff.admin, tmp_path / "copy.sqlite")
    register(admin_ctx.db, staff.desk, 803, "上海线程科技有限公司")
    threads: list[str] = []
    real = restore_service.restore_database

    def watched(*args: object, **kw: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(restore_service, "restore_database", watched)
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    choose(monkeypatch, backup)
    boxes.answer = QMessageBox.StandardButton.Yes
    tasks.set_synchronous(False)
    try:
        qtbot.mouseClick(view.backups.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ended == [True], timeout=20_000)
    finally:
        tasks.wait_for_tasks()
    assert threads and threads[0] != threading.main_thread().name
    assert "上海线程科技有限公司" not in team_names(db_path)
