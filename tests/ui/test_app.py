"""ui.app.main: the database refused with a sentence, the whole start to the main window."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitown.db import Database
from tests.conftest import ADMIN_PASSWORD, Staff
from tests.ui.conftest import Boxes
from ui import app as desk_app


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_a_file_that_is_not_a_database_is_refused_with_a_sentence(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list\n", encoding="utf-8")
    assert desk_app.main(["aitown", "--db", str(notes)]) == 1
    [text] = boxes.texts("critical")
    assert text.startswith(f"The file {notes} is not an AI Town Desk database")
    assert notes.read_text(encoding="utf-8") == "shopping list\n"  # left untouched


def test_cancelling_the_first_start_leaves_without_an_office(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes
) -> None:
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.windowTitle() == "Set up AI Town Desk"
        dialog.reject()

    QTimer.singleShot(200, cancel)
    assert desk_app.main(["aitown", "--db", str(tmp_path / "new.sqlite")]) == 0


def test_start_logs_in_from_the_environment_and_shows_the_main_window(
    qtbot: QtBot, db: Database, staff: Staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = db.sqlite_path
    db.dispose()
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    shot = tmp_path / "start.png"
    seen: list[str] = []

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)

    QTimer.singleShot(150, look)
    code = desk_app.main(
        ["aitown", "--db", str(path), "--user", "admin", "--screen", "spaces",
         "--screenshot", str(shot), "--screenshot-delay", "300"]
    )  # fmt: skip
    assert code == 0
    assert "AI Town Desk — Xuhui AI Town Incubation Centre" in seen
    assert shot.exists() and shot.stat().st_size > 1000


def test_the_collector_is_paused_while_the_window_is_built_and_back_after() -> None:
    """No cyclic collection inside ``collector_paused``; after it (an error too) the collector
    is as it was, and what the imports made is frozen out of later collections, once."""
    import gc

    assert gc.isenabled()
    with desk_app.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with pytest.raises(RuntimeError), desk_app.collector_paused():
        raise RuntimeError("the window could not be built")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # not frozen again: later objects stay collectable
    gc.disable()
    try:
        with desk_app.collector_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
